//! The vocabulary of a plan, as the diff decides it: the objects (`Key`), what is done to them
//! (`Operation`, with no SQL in it), and what that costs production (`LockMode`, `Hazard`).
//! `crate::costs` turns an operation into its lock and hazards, `crate::ddl` into its text.
//!
//! Imports nothing of the crate but identifier quoting and the model: every stage above the
//! model may name an object, an operation, a hazard.

mod operands;
mod operation;

pub use operands::{
    Arity, CommentOn, ConstraintKind, Conversion, DomainChange, GenericOption, GrantOn, Owned,
    Parameters, Position, Renamed, Revoked, RowSecurity, SetAside, Setting, Stored,
};
pub use operation::Operation;

/// Names the schema being migrated in every statement.
#[derive(Debug, Clone)]
pub struct Cx {
    /// The schema the statements apply to: the diff's source.
    pub schema: String,
}

impl Cx {
    pub fn new(schema: &str) -> Self {
        Cx {
            schema: schema.to_owned(),
        }
    }

    /// `"schema"."name"`
    pub fn qualify(&self, name: &str) -> String {
        crate::ident::qualified(&self.schema, name)
    }

    /// `schema.name[.part]` for the `identity` column: quoted only where the name needs it, as
    /// `regclass` output does.
    pub fn identity(&self, parts: &[&str]) -> String {
        std::iter::once(self.schema.as_str())
            .chain(parts.iter().copied())
            .map(crate::ident::display_ident)
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// The name a type or collation that is made again is set aside under until it is dropped.
pub fn set_aside_name(name: &str) -> String {
    format!("{name}__migra_old")
}

/// The name a lock-safe plan builds an object under, beside the one it replaces, before it
/// takes that one's name: within PostgreSQL's 63 bytes (a longer name would be cut by the
/// server, and no longer be the one the plan names next).
pub fn built_aside_name(name: &str, purpose: &str) -> String {
    let suffix = format!("__migra_{purpose}");
    let mut end = name.len().min(63 - suffix.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{suffix}", &name[..end])
}

/// The object kind a row of the plan is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The session setting that makes the statements' deparsed definitions resolve as read.
    Setting,
    Extension,
    Schema,
    /// A foreign-data wrapper, server or user mapping: the database's, compared between whole
    /// databases.
    ForeignDataWrapper,
    Server,
    UserMapping,
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
    /// A publication (logical replication): of the database, compared between whole databases.
    Publication,
    Enum,
    Domain,
    CompositeType,
    RangeType,
    /// A GRANT or REVOKE on the object named by the identity.
    Privilege,
    /// `ALTER DEFAULT PRIVILEGES ... GRANT` or `REVOKE`: what a role's objects made later get.
    DefaultPrivileges,
    /// A statement of the caller's (`hooks`), run before or after a row of the plan.
    Hook,
}

impl Kind {
    /// Every kind of row: in the order the README's table of what is compared lists them
    /// (`crate::coverage`), the plan's settings first.
    pub const ALL: [Kind; 31] = [
        Kind::Setting,
        Kind::Schema,
        Kind::Extension,
        Kind::ForeignDataWrapper,
        Kind::Server,
        Kind::UserMapping,
        Kind::Table,
        Kind::Column,
        Kind::Constraint,
        Kind::Index,
        Kind::Sequence,
        Kind::View,
        Kind::MaterializedView,
        Kind::Function,
        Kind::Procedure,
        Kind::Aggregate,
        Kind::Enum,
        Kind::Domain,
        Kind::CompositeType,
        Kind::RangeType,
        Kind::Collation,
        Kind::Trigger,
        Kind::EventTrigger,
        Kind::Publication,
        Kind::Rule,
        Kind::Policy,
        Kind::Statistics,
        Kind::Comment,
        Kind::Privilege,
        Kind::DefaultPrivileges,
        Kind::Hook,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Setting => "setting",
            Kind::Extension => "extension",
            Kind::Schema => "schema",
            Kind::ForeignDataWrapper => "foreign-data wrapper",
            Kind::Server => "server",
            Kind::UserMapping => "user mapping",
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
            Kind::Publication => "publication",
            Kind::Enum => "enum",
            Kind::Domain => "domain",
            Kind::CompositeType => "composite type",
            Kind::RangeType => "range type",
            Kind::Privilege => "privilege",
            Kind::DefaultPrivileges => "default privileges",
            Kind::Hook => "hook",
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
    /// A publication: of the database, not of a schema.
    Publication(String),
    /// A foreign-data wrapper, a foreign server: of the database.
    ForeignDataWrapper(String),
    Server(String),
    /// A user mapping: its server, its user.
    UserMapping(String, crate::model::Grantee),
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
    /// The caller's `hooks`, by their place in the list.
    Hook(usize),
    /// Default privileges (`pg_default_acl`): the schema they are in (`None`: global ones, of
    /// the database), the role (`FOR ROLE`), the kind of object.
    DefaultPrivileges(Option<String>, String, crate::model::DefaultObjects),
    /// The grants on an object: apart from the object, so that nothing that needs the object
    /// waits for its grants.
    Privileges(Box<Key>),
    /// The owner of an object (`with_owners`): apart from the object, like its grants.
    Owner(Box<Key>),
    /// The comment on an object (or on a column of a view or type, or a domain's constraint).
    Comment(Box<Key>),
    /// A rename the caller asked for, of the object as renamed: apart from the object, which the
    /// rest of the plan names as renamed (it may drop and make it again).
    Renamed(Box<Key>),
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
            Key::Privileges(key) | Key::Owner(key) | Key::Comment(key) | Key::Renamed(key) => {
                key.relation()
            }
            Key::Setting
            | Key::Extension(_)
            | Key::Schema(_)
            | Key::EventTrigger(_)
            | Key::Publication(_)
            | Key::ForeignDataWrapper(_)
            | Key::Server(_)
            | Key::UserMapping(..)
            | Key::Routine(..)
            | Key::Type(..)
            | Key::TypeSetAside(..)
            | Key::TypeRename(..)
            | Key::Collation(..)
            | Key::Statistics(..)
            | Key::CollationSetAside(..)
            | Key::CollationRename(..)
            | Key::NotCompared(_)
            | Key::DefaultPrivileges(..)
            | Key::Hook(_) => None,
        }
    }

    /// The schema the object is in (a schema's own name for a schema); `None` for the objects
    /// of a database: extensions, event triggers, the plan's settings.
    pub fn schema(&self) -> Option<&str> {
        match self {
            Key::Schema(s)
            | Key::Table(s, _)
            | Key::TableSettings(s, _)
            | Key::Column(s, _, _)
            | Key::Constraint(s, _, _)
            | Key::Policy(s, _, _)
            | Key::Trigger(s, _, _)
            | Key::Rule(s, _, _)
            | Key::Index(s, _)
            | Key::Sequence(s, _)
            | Key::SequenceOwner(s, _)
            | Key::View(s, _)
            | Key::Routine(s, _)
            | Key::Type(s, _)
            | Key::TypeSetAside(s, _)
            | Key::TypeRename(s, _)
            | Key::Collation(s, _)
            | Key::Statistics(s, _)
            | Key::CollationSetAside(s, _)
            | Key::CollationRename(s, _) => Some(s),
            Key::Privileges(key) | Key::Owner(key) | Key::Comment(key) | Key::Renamed(key) => {
                key.schema()
            }
            Key::DefaultPrivileges(schema, ..) => schema.as_deref(),
            Key::Setting
            | Key::Extension(_)
            | Key::EventTrigger(_)
            | Key::Publication(_)
            | Key::ForeignDataWrapper(_)
            | Key::Server(_)
            | Key::UserMapping(..)
            | Key::NotCompared(_)
            | Key::Hook(_) => None,
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
            Key::Publication(p) => format!("publication {}", d(p)),
            Key::ForeignDataWrapper(w) => format!("foreign-data wrapper {}", d(w)),
            Key::Server(s) => format!("server {}", d(s)),
            Key::UserMapping(s, u) => {
                format!("user mapping for {} on server {}", u.display(), d(s))
            }
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
            Key::Hook(n) => format!("hook {}", n + 1),
            Key::Privileges(key) => format!("the grants on {}", key.display()),
            Key::DefaultPrivileges(schema, role, objects) => {
                let place = schema
                    .as_ref()
                    .map(|s| format!(" in schema {}", d(s)))
                    .unwrap_or_default();
                format!(
                    "default privileges of {}{place} on {}",
                    d(role),
                    objects.word()
                )
            }
            Key::Owner(key) => format!("the owner of {}", key.display()),
            Key::Comment(key) => format!("the comment on {}", key.display()),
            Key::Renamed(key) => format!("the rename of {}", key.display()),
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

    /// `pg_locks.mode` of this lock: `AccessExclusiveLock`.
    pub fn pg_locks_mode(self) -> &'static str {
        match self {
            LockMode::AccessShare => "AccessShareLock",
            LockMode::RowShare => "RowShareLock",
            LockMode::RowExclusive => "RowExclusiveLock",
            LockMode::ShareUpdateExclusive => "ShareUpdateExclusiveLock",
            LockMode::Share => "ShareLock",
            LockMode::ShareRowExclusive => "ShareRowExclusiveLock",
            LockMode::Exclusive => "ExclusiveLock",
            LockMode::AccessExclusive => "AccessExclusiveLock",
        }
    }

    /// Whether the two locks conflict on one relation, as the documentation's table of
    /// conflicting lock modes has it.
    pub fn conflicts_with(self, other: LockMode) -> bool {
        use LockMode::*;
        let conflicting: &[LockMode] = match self {
            AccessShare => &[AccessExclusive],
            RowShare => &[Exclusive, AccessExclusive],
            RowExclusive => &[Share, ShareRowExclusive, Exclusive, AccessExclusive],
            ShareUpdateExclusive => &[
                ShareUpdateExclusive,
                Share,
                ShareRowExclusive,
                Exclusive,
                AccessExclusive,
            ],
            Share => &[
                RowExclusive,
                ShareUpdateExclusive,
                ShareRowExclusive,
                Exclusive,
                AccessExclusive,
            ],
            ShareRowExclusive => &[
                RowExclusive,
                ShareUpdateExclusive,
                Share,
                ShareRowExclusive,
                Exclusive,
                AccessExclusive,
            ],
            Exclusive => &[
                RowShare,
                RowExclusive,
                ShareUpdateExclusive,
                Share,
                ShareRowExclusive,
                Exclusive,
                AccessExclusive,
            ],
            AccessExclusive => &[
                AccessShare,
                RowShare,
                RowExclusive,
                ShareUpdateExclusive,
                Share,
                ShareRowExclusive,
                Exclusive,
                AccessExclusive,
            ],
        };
        conflicting.contains(&other)
    }

    pub const ALL: [LockMode; 8] = [
        LockMode::AccessShare,
        LockMode::RowShare,
        LockMode::RowExclusive,
        LockMode::ShareUpdateExclusive,
        LockMode::Share,
        LockMode::ShareRowExclusive,
        LockMode::Exclusive,
        LockMode::AccessExclusive,
    ];
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
    /// Cannot run inside a transaction block (`CREATE INDEX CONCURRENTLY`): run it on its own,
    /// and the rows between two such in one transaction each.
    NonTransactional,
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
            Hazard::NonTransactional => "non_transactional",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_conflicts_are_symmetric_and_as_documented() {
        for a in LockMode::ALL {
            for b in LockMode::ALL {
                assert_eq!(a.conflicts_with(b), b.conflicts_with(a), "{a:?} {b:?}");
            }
        }
        // a write waits for a SHARE lock, a read only for ACCESS EXCLUSIVE
        let writers: Vec<LockMode> = LockMode::ALL
            .into_iter()
            .filter(|l| l.conflicts_with(LockMode::RowExclusive))
            .collect();
        assert!(writers.iter().all(|l| l.blocks_writes()));
        assert_eq!(writers.len(), 4);
        assert!(
            LockMode::ALL
                .iter()
                .all(|l| { l.conflicts_with(LockMode::AccessShare) == l.blocks_reads() })
        );
    }

    #[test]
    fn the_list_of_kinds_holds_each_kind_once() {
        // an exhaustive match: a new kind does not compile until it has a place here
        let place = |kind: Kind| match kind {
            Kind::Setting => 0,
            Kind::Schema => 1,
            Kind::Extension => 2,
            Kind::ForeignDataWrapper => 3,
            Kind::Server => 4,
            Kind::UserMapping => 5,
            Kind::Table => 6,
            Kind::Column => 7,
            Kind::Constraint => 8,
            Kind::Index => 9,
            Kind::Sequence => 10,
            Kind::View => 11,
            Kind::MaterializedView => 12,
            Kind::Function => 13,
            Kind::Procedure => 14,
            Kind::Aggregate => 15,
            Kind::Enum => 16,
            Kind::Domain => 17,
            Kind::CompositeType => 18,
            Kind::RangeType => 19,
            Kind::Collation => 20,
            Kind::Trigger => 21,
            Kind::EventTrigger => 22,
            Kind::Publication => 23,
            Kind::Rule => 24,
            Kind::Policy => 25,
            Kind::Statistics => 26,
            Kind::Comment => 27,
            Kind::Privilege => 28,
            Kind::DefaultPrivileges => 29,
            Kind::Hook => 30,
        };
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(place(kind), i, "{} is out of place", kind.as_str());
        }
    }
}
