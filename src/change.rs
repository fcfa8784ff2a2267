//! What a row of a plan does, as the diff decided it: the operation, with the facts that say
//! what it costs production (does it rewrite the table, validate rows, build an index), but no
//! SQL. `crate::costs` turns an operation into the lock it takes and its hazards.
//!
//! Imports nothing of the crate but identifier quoting (`crate::ident`): every stage may name
//! an object, an operation, a hazard.

/// The object kind a row of the plan is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The session setting that makes the statements' deparsed definitions resolve as read.
    Setting,
    Extension,
    Schema,
    Table,
    Column,
    Constraint,
    Index,
    Sequence,
    View,
    MaterializedView,
    Function,
    Procedure,
    Aggregate,
    Policy,
    Trigger,
    Collation,
    Comment,
    Statistics,
    Rule,
    EventTrigger,
    Enum,
    Domain,
    CompositeType,
    RangeType,
    /// A GRANT or REVOKE on the object named by the identity.
    Privilege,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Setting => "setting",
            Kind::Extension => "extension",
            Kind::Schema => "schema",
            Kind::Table => "table",
            Kind::Column => "column",
            Kind::Constraint => "constraint",
            Kind::Index => "index",
            Kind::Sequence => "sequence",
            Kind::View => "view",
            Kind::MaterializedView => "materialized view",
            Kind::Function => "function",
            Kind::Procedure => "procedure",
            Kind::Aggregate => "aggregate",
            Kind::Policy => "policy",
            Kind::Trigger => "trigger",
            Kind::Collation => "collation",
            Kind::Comment => "comment",
            Kind::Statistics => "statistics",
            Kind::Rule => "rule",
            Kind::EventTrigger => "event trigger",
            Kind::Enum => "enum",
            Kind::Domain => "domain",
            Kind::CompositeType => "composite type",
            Kind::RangeType => "range type",
            Kind::Privilege => "privilege",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Alter,
    /// `CREATE OR REPLACE` of an object that exists.
    Replace,
    Drop,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Alter => "alter",
            Action::Replace => "replace",
            Action::Drop => "drop",
        }
    }
}

/// An object: its schema, then its name within the schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Setting,
    Extension(String),
    Schema(String),
    Table(String, String),
    /// Persistence and storage parameters of a table: apart from the table, so that its
    /// columns need not wait for them (TOAST parameters wait for the columns instead).
    TableSettings(String, String),
    Column(String, String, String),
    Constraint(String, String, String),
    /// A policy: schema, table, name.
    Policy(String, String, String),
    /// A trigger: schema, table or view, name.
    Trigger(String, String, String),
    /// A rule: schema, table or view, name.
    Rule(String, String, String),
    /// An event trigger: of the database, not of a schema.
    EventTrigger(String),
    Index(String, String),
    Sequence(String, String),
    /// A sequence's OWNED BY: apart from the sequence, so that a default that takes from the
    /// sequence waits for the sequence, not for the column that will own it.
    SequenceOwner(String, String),
    /// A view or a materialized view.
    View(String, String),
    /// A function, procedure or aggregate by its identity, `"name"(argument types)`.
    Routine(String, String),
    /// An enum, domain, composite or range type.
    Type(String, String),
    /// A type that is made again, under the name it was set aside as: dropped at the very end.
    TypeSetAside(String, String),
    /// The rename that sets a type aside (and the CHECKs of a domain dropped with it).
    TypeRename(String, String),
    Collation(String, String),
    /// An extended statistics object.
    Statistics(String, String),
    /// A collation that is made again, as it was set aside.
    CollationSetAside(String, String),
    /// The rename that sets a collation aside.
    CollationRename(String, String),
    /// An object of a kind the plan does not make (a trigger, an operator), by its description:
    /// nothing it needs may be dropped.
    NotCompared(String),
    /// The grants on an object: apart from the object, so that nothing that needs the object
    /// waits for its grants.
    Privileges(Box<Key>),
    /// The comment on an object (or on a column of a view or type, or a domain's constraint).
    Comment(Box<Key>),
}

impl Key {
    /// The relation (schema, name) the object is or belongs to: a table, view, sequence or
    /// index. `None` for objects outside any relation (types, routines, schemas).
    pub fn relation(&self) -> Option<(String, String)> {
        match self {
            Key::Table(s, t)
            | Key::TableSettings(s, t)
            | Key::Column(s, t, _)
            | Key::Constraint(s, t, _)
            | Key::Policy(s, t, _)
            | Key::Trigger(s, t, _)
            | Key::Rule(s, t, _)
            | Key::Index(s, t)
            | Key::Sequence(s, t)
            | Key::SequenceOwner(s, t)
            | Key::View(s, t) => Some((s.clone(), t.clone())),
            Key::Privileges(key) | Key::Comment(key) => key.relation(),
            Key::Setting
            | Key::Extension(_)
            | Key::Schema(_)
            | Key::EventTrigger(_)
            | Key::Routine(..)
            | Key::Type(..)
            | Key::TypeSetAside(..)
            | Key::TypeRename(..)
            | Key::Collation(..)
            | Key::Statistics(..)
            | Key::CollationSetAside(..)
            | Key::CollationRename(..)
            | Key::NotCompared(_) => None,
        }
    }

    /// The object as an error message names it: `column public.t.c`, `routine public.f(integer)`.
    pub fn display(&self) -> String {
        use crate::ident::display_ident as d;
        match self {
            Key::Setting => "the search_path".to_owned(),
            Key::Extension(e) => format!("extension {}", d(e)),
            Key::Schema(s) => format!("schema {}", d(s)),
            Key::Table(s, t) | Key::TableSettings(s, t) => format!("table {}.{}", d(s), d(t)),
            Key::Column(s, t, c) => format!("column {}.{}.{}", d(s), d(t), d(c)),
            Key::Constraint(s, t, c) => format!("constraint {} on {}.{}", d(c), d(s), d(t)),
            Key::Policy(s, t, p) => format!("policy {} on {}.{}", d(p), d(s), d(t)),
            Key::Trigger(s, t, g) => format!("trigger {} on {}.{}", d(g), d(s), d(t)),
            Key::Rule(s, t, r) => format!("rule {} on {}.{}", d(r), d(s), d(t)),
            Key::EventTrigger(t) => format!("event trigger {}", d(t)),
            Key::Index(s, i) => format!("index {}.{}", d(s), d(i)),
            Key::Sequence(s, q) | Key::SequenceOwner(s, q) => format!("sequence {}.{}", d(s), d(q)),
            Key::View(s, v) => format!("view {}.{}", d(s), d(v)),
            Key::Routine(s, r) => format!("routine {}.{r}", d(s)),
            Key::Type(s, t) | Key::TypeSetAside(s, t) | Key::TypeRename(s, t) => {
                format!("type {}.{}", d(s), d(t))
            }
            Key::Collation(s, c) | Key::CollationSetAside(s, c) | Key::CollationRename(s, c) => {
                format!("collation {}.{}", d(s), d(c))
            }
            Key::Statistics(s, x) => format!("statistics {}.{}", d(s), d(x)),
            Key::NotCompared(what) => what.clone(),
            Key::Privileges(key) => format!("the grants on {}", key.display()),
            Key::Comment(key) => format!("the comment on {}", key.display()),
        }
    }
}

/// The kinds of constraint an ADD CONSTRAINT makes: each scans or builds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    Check,
    ForeignKey,
    PrimaryKey,
    Unique,
    Exclusion,
}

/// What one statement does. Variants that carry facts carry what the diff knew and the text
/// does not show: whether a type change rewrites the table, whether a constraint is validated
/// as it is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// `SET` of a session setting in the plan's preamble.
    Set,
    CreateSchema,
    DropSchema,
    CreateExtension,
    /// `ALTER EXTENSION ... UPDATE`
    UpdateExtension,
    /// `ALTER EXTENSION ... SET SCHEMA`
    MoveExtension,
    DropExtension,

    CreateTable,
    DropTable,
    /// `ALTER TABLE ... SET (...)` or `RESET (...)`, by the names of the parameters.
    TableStorageParameters {
        names: Vec<String>,
    },
    /// `SET LOGGED` / `SET UNLOGGED`: the table is written out again.
    SetTablePersistence,
    /// `SET ACCESS METHOD`: the table is written out again.
    SetAccessMethod,
    /// `ENABLE`/`DISABLE`/`FORCE`/`NO FORCE ROW LEVEL SECURITY`
    RowSecurity,
    ReplicaIdentity,
    /// `CLUSTER ON` / `SET WITHOUT CLUSTER`
    ClusterOn,
    /// `OF type` / `NOT OF`
    OfType,

    /// `ADD COLUMN`. `rewrites`: the rows get a value computed row by row (a volatile default, an
    /// identity, a stored generation), so the table is written out again.
    AddColumn {
        rewrites: bool,
    },
    DropColumn,
    /// `ALTER COLUMN ... TYPE`. `rewrites`: the new type is not binary-coercible from the old
    /// one under its modifiers, so every row is converted and the table written out again.
    AlterColumnType {
        rewrites: bool,
    },
    /// `SET DEFAULT`. `from_sequence`: the default takes values from a sequence, set on a
    /// column that may already hold values.
    SetDefault {
        from_sequence: bool,
    },
    DropDefault,
    SetNotNull,
    DropNotNull,
    /// `ADD GENERATED ... AS IDENTITY` on a column that exists.
    AddIdentity,
    /// `SET GENERATED`, identity sequence options, `RESTART`.
    AlterIdentity,
    DropIdentity,
    DropExpression,
    SetColumnStatistics,
    SetColumnStorage,
    SetColumnCompression,

    /// `ADD CONSTRAINT`. `validated`: existing rows are checked as it is added (not `NOT
    /// VALID`); `using_index`: it takes an index that exists, building nothing.
    AddConstraint {
        kind: ConstraintKind,
        validated: bool,
        using_index: bool,
    },
    ValidateConstraint {
        kind: ConstraintKind,
    },
    DropConstraint {
        kind: ConstraintKind,
    },
    /// `ALTER INDEX ... SET (...)` / `RESET (...)`
    IndexStorageParameters,

    CreateIndex,
    DropIndex,

    CreateSequence,
    AlterSequence,
    SetSequencePersistence,
    /// `ALTER SEQUENCE ... OWNED BY`
    SequenceOwnedBy,
    RenameSequence,
    DropSequence,

    CreateView,
    /// `CREATE OR REPLACE VIEW`. `security`: `security_barrier` or `security_invoker` changes.
    ReplaceView {
        security: bool,
    },
    DropView,
    /// `ALTER VIEW ... ALTER COLUMN ... SET/DROP DEFAULT`
    SetViewColumnDefault,
    RefreshMaterializedView,

    /// `CREATE FUNCTION`/`PROCEDURE`/`AGGREGATE`. `security_definer`: it runs with its owner's
    /// rights.
    CreateRoutine {
        security_definer: bool,
    },
    /// `CREATE OR REPLACE`. `security_definer`: SECURITY DEFINER on either side.
    ReplaceRoutine {
        security_definer: bool,
    },
    DropRoutine,

    CreateType,
    DropType,
    /// `ALTER TYPE ... RENAME TO`: a type set aside to be made again.
    RenameType,
    /// `ALTER TYPE ... ADD VALUE`
    AddEnumValue,
    /// `ALTER DOMAIN ... SET/DROP DEFAULT`, `DROP NOT NULL`
    AlterDomain,
    /// `ALTER DOMAIN ... SET NOT NULL`: every column of the domain is checked.
    SetDomainNotNull,
    /// `ALTER DOMAIN ... ADD CONSTRAINT`. `validated`: every column of the domain is checked.
    AddDomainConstraint {
        validated: bool,
    },
    ValidateDomainConstraint,
    DropDomainConstraint,
    AddAttribute,
    DropAttribute,
    AlterAttribute,

    CreateCollation,
    RenameCollation,
    DropCollation,

    CreatePolicy,
    AlterPolicy,
    DropPolicy,

    CreateTrigger,
    /// `CREATE OR REPLACE TRIGGER`
    ReplaceTrigger,
    DropTrigger,
    /// `ENABLE`/`DISABLE TRIGGER`
    EnableTrigger,
    CreateEventTrigger,
    DropEventTrigger,
    EnableEventTrigger,

    CreateRule,
    /// `CREATE OR REPLACE RULE`
    ReplaceRule,
    DropRule,
    EnableRule,

    CreateStatistics,
    AlterStatistics,
    DropStatistics,

    /// `COMMENT ON`. `whole_relation`: on a table, view, sequence or index, or on a column of
    /// one, rather than on a constraint, trigger, rule or policy of a table.
    Comment {
        whole_relation: bool,
    },
    /// `GRANT`
    Grant,
    /// `REVOKE`
    Revoke,
}

impl Operation {
    /// Create, alter, replace or drop, as the row's `action` column says.
    pub fn action(&self) -> Action {
        use Operation as O;
        match self {
            O::CreateSchema
            | O::CreateExtension
            | O::CreateTable
            | O::AddColumn { .. }
            | O::AddConstraint { .. }
            | O::CreateIndex
            | O::CreateSequence
            | O::CreateView
            | O::CreateRoutine { .. }
            | O::CreateType
            | O::CreateCollation
            | O::CreatePolicy
            | O::CreateTrigger
            | O::CreateEventTrigger
            | O::CreateRule
            | O::CreateStatistics
            | O::Grant => Action::Create,
            O::ReplaceView { .. }
            | O::ReplaceRoutine { .. }
            | O::ReplaceTrigger
            | O::ReplaceRule => Action::Replace,
            O::DropSchema
            | O::DropExtension
            | O::DropTable
            | O::DropColumn
            | O::DropConstraint { .. }
            | O::DropIndex
            | O::DropSequence
            | O::DropView
            | O::DropRoutine
            | O::DropType
            | O::DropCollation
            | O::DropPolicy
            | O::DropTrigger
            | O::DropEventTrigger
            | O::DropRule
            | O::DropStatistics
            | O::Revoke => Action::Drop,
            O::Set
            | O::UpdateExtension
            | O::MoveExtension
            | O::TableStorageParameters { .. }
            | O::SetTablePersistence
            | O::SetAccessMethod
            | O::RowSecurity
            | O::ReplicaIdentity
            | O::ClusterOn
            | O::OfType
            | O::AlterColumnType { .. }
            | O::SetDefault { .. }
            | O::DropDefault
            | O::SetNotNull
            | O::DropNotNull
            | O::AddIdentity
            | O::AlterIdentity
            | O::DropIdentity
            | O::DropExpression
            | O::SetColumnStatistics
            | O::SetColumnStorage
            | O::SetColumnCompression
            | O::ValidateConstraint { .. }
            | O::IndexStorageParameters
            | O::AlterSequence
            | O::SetSequencePersistence
            | O::SequenceOwnedBy
            | O::RenameSequence
            | O::SetViewColumnDefault
            | O::RefreshMaterializedView
            | O::RenameType
            | O::AddEnumValue
            | O::AlterDomain
            | O::SetDomainNotNull
            | O::AddDomainConstraint { .. }
            | O::ValidateDomainConstraint
            | O::DropDomainConstraint
            | O::AddAttribute
            | O::DropAttribute
            | O::AlterAttribute
            | O::RenameCollation
            | O::AlterPolicy
            | O::EnableTrigger
            | O::EnableEventTrigger
            | O::EnableRule
            | O::AlterStatistics
            | O::Comment { .. } => Action::Alter,
        }
    }
}

/// The table-level lock modes of PostgreSQL, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[allow(dead_code)] // the whole list, as PostgreSQL names it; plans take only some
pub enum LockMode {
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
}

impl LockMode {
    /// As the documentation and `LOCK TABLE` spell it: `ACCESS EXCLUSIVE`.
    pub fn as_str(self) -> &'static str {
        match self {
            LockMode::AccessShare => "ACCESS SHARE",
            LockMode::RowShare => "ROW SHARE",
            LockMode::RowExclusive => "ROW EXCLUSIVE",
            LockMode::ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
            LockMode::Share => "SHARE",
            LockMode::ShareRowExclusive => "SHARE ROW EXCLUSIVE",
            LockMode::Exclusive => "EXCLUSIVE",
            LockMode::AccessExclusive => "ACCESS EXCLUSIVE",
        }
    }

    /// Conflicts with ROW EXCLUSIVE, the lock INSERT, UPDATE and DELETE take.
    pub fn blocks_writes(self) -> bool {
        self >= LockMode::Share
    }

    /// Conflicts with ACCESS SHARE, the lock SELECT takes.
    pub fn blocks_reads(self) -> bool {
        self == LockMode::AccessExclusive
    }
}

/// What a statement can do beyond the change it names. The order is the order rows list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hazard {
    /// Destroys data: a dropped table, column or sequence, a type change that can fail or
    /// truncate. Refused unless the caller says `unsafe => true`.
    DataLoss,
    /// Fails on a table that holds rows: a column added NOT NULL with no default, identity or
    /// generation to fill it.
    FailsOnExistingRows,
    /// Writes the whole table out again, under ACCESS EXCLUSIVE.
    TableRewrite,
    /// Reads every row to check it, and fails if one does not pass.
    ValidatesRows,
    /// Builds an index: reads the whole table.
    IndexBuild,
    /// Takes a lock that makes INSERT, UPDATE and DELETE on a table that exists wait.
    BlocksWrites,
    /// Takes a lock that makes even SELECT on a table that exists wait.
    BlocksReads,
    /// Drops an object that the plan makes again: until then, what uses it finds it missing.
    BreaksDependents,
    /// Changes who may do what: grants, policies, row-level security, SECURITY DEFINER, a view's
    /// security options.
    AuthzChange,
    /// Puts a sequence behind a column that may already hold values: the next value it hands
    /// out may be one the column has.
    SequenceBehindData,
    /// Drops and creates an object of the same shape in one plan: if it was a rename, say so,
    /// or its data is lost.
    PossibleRename,
}

impl Hazard {
    pub fn as_str(self) -> &'static str {
        match self {
            Hazard::DataLoss => "data_loss",
            Hazard::FailsOnExistingRows => "fails_on_existing_rows",
            Hazard::TableRewrite => "table_rewrite",
            Hazard::ValidatesRows => "validates_rows",
            Hazard::IndexBuild => "index_build",
            Hazard::BlocksWrites => "blocks_writes",
            Hazard::BlocksReads => "blocks_reads",
            Hazard::BreaksDependents => "breaks_dependents",
            Hazard::AuthzChange => "authz_change",
            Hazard::SequenceBehindData => "sequence_behind_data",
            Hazard::PossibleRename => "possible_rename",
        }
    }
}
