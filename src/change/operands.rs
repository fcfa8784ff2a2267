//! The values an operation carries besides the model's objects: what a statement names
//! (a comment's or a grant's object, an owner's kind, a rename), and the small choices that
//! decide its text and cost (a constraint's kind, a conversion, storage parameters).

use crate::model::{Attribute, CommentKind};

/// The kinds of constraint an ADD CONSTRAINT makes: each scans or builds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    Check,
    ForeignKey,
    PrimaryKey,
    Unique,
    Exclusion,
}

/// A session setting of the plan's preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// The search_path the definitions were read under, as `SET search_path TO` takes it.
    SearchPath(String),
    /// `check_function_bodies = false`: a SQL body is checked at run time, as where it was read.
    NoFunctionBodyChecks,
    /// `lock_timeout`, in milliseconds (0: wait as long as it takes), for the statements after
    /// it in a lock-safe plan.
    LockTimeout(u64),
    /// `statement_timeout`, in milliseconds (0: no limit); `None`: back to the session's own.
    StatementTimeout(Option<u64>),
}

/// One change to the generic options of a foreign table or its column, in the order written:
/// `ADD` appends an option, `SET` changes one in place, `DROP` takes one away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GenericOption {
    /// `name=value`
    Add(String),
    /// `name=value`
    Set(String),
    /// the option's name
    Drop(String),
}

/// Storage parameters set or reset, as the catalog spells them (`name=value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parameters {
    Set(Vec<String>),
    /// By the options that are gone: only their names are used.
    Reset(Vec<String>),
}

impl Parameters {
    /// The parameters' names, each after `prefix` (`toast.`).
    pub fn names(&self, prefix: &str) -> Vec<String> {
        let (Parameters::Set(options) | Parameters::Reset(options)) = self;
        options
            .iter()
            .map(|o| format!("{prefix}{}", crate::model::split_option(o).0))
            .collect()
    }
}

/// How ALTER COLUMN ... TYPE converts the values a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conversion {
    /// No USING: the assignment cast, which pads or checks values as an INSERT would.
    Assignment,
    /// `USING "c"::type`: for types with no assignment cast between them, and for a column
    /// moved to a collation made again.
    ExplicitCast,
    /// `USING "c"::text::type`: to a type made again, read back from its text (there is no cast
    /// between two enums).
    ThroughText,
    /// To a composite type made again, field by field by name: each attribute of the new type,
    /// and whether the old one had it (a new field is NULL).
    FieldByField(Vec<(Attribute, bool)>),
    /// `USING <expression>`, as the caller gave it (`using`): over the old value, for a change
    /// no cast makes the way the caller wants (`bigint` to `timestamp`: `to_timestamp(at)`).
    Given(String),
}

/// Where a new enum label goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    Before(String),
    After(String),
}

/// What a type made again takes out of its way: the type itself, and for a range the objects
/// that keep their names through its rename (or the new range's would clash with them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetAside {
    Type,
    /// The range's constructor function, with two bounds or with the bounds' text too.
    RangeConstructor {
        with_flags: bool,
    },
    /// Its multirange type.
    Multirange,
    /// A constructor of its multirange: of no ranges, one range, or any number.
    MultirangeConstructor(Arity),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    None,
    One,
    Variadic,
}

/// A change to a domain that checks nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainChange {
    SetDefault(String),
    DropDefault,
    DropNotNull,
}

/// What `SET TABLESPACE` moves: the keyword of its `ALTER`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Table,
    Index,
    MaterializedView,
}

/// What `ALTER ... ROW LEVEL SECURITY` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSecurity {
    Enable(bool),
    Force(bool),
}

/// The object a comment is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentOn {
    /// An object of the plan's schema: `name` its name (a routine's signature), `part` the
    /// column, constraint, trigger, rule or policy within it; `domain`: a type that is a domain.
    Object {
        kind: CommentKind,
        name: String,
        part: Option<String>,
        domain: bool,
    },
    Schema(String),
    Extension(String),
    Publication(String),
    ForeignDataWrapper(String),
    Server(String),
}

/// What GRANT and REVOKE name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantOn {
    /// A table, view or materialized view, or a column of one (`column`).
    Table {
        name: String,
        column: Option<String>,
    },
    Sequence(String),
    /// A type or domain.
    Type(String),
    /// A routine by its signature, `"name"(argument types)`.
    Routine(String),
    Schema(String),
    ForeignDataWrapper(String),
    Server(String),
    /// Default privileges: `ALTER DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA <the plan's
    /// schema>] ... ON <objects>`; `in_schema` false for global ones.
    Defaults {
        role: String,
        in_schema: bool,
        objects: crate::model::DefaultObjects,
    },
}

/// What `ALTER ... OWNER TO` names: every kind of object the model holds that has an owner of
/// its own (an index, an identity sequence or a sequence OWNED BY follows its table's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owned {
    Table,
    View,
    MaterializedView,
    Sequence,
    Function,
    Procedure,
    Aggregate,
    /// An enum, composite or range type.
    Type,
    Domain,
    Collation,
    Statistics,
    Schema,
    Publication,
    ForeignDataWrapper,
    Server,
}

impl Owned {
    /// The word after ALTER.
    pub fn keyword(self) -> &'static str {
        match self {
            Owned::Table => "TABLE",
            Owned::View => "VIEW",
            Owned::MaterializedView => "MATERIALIZED VIEW",
            Owned::Sequence => "SEQUENCE",
            Owned::Function => "FUNCTION",
            Owned::Procedure => "PROCEDURE",
            Owned::Aggregate => "AGGREGATE",
            Owned::Type => "TYPE",
            Owned::Domain => "DOMAIN",
            Owned::Collation => "COLLATION",
            Owned::Statistics => "STATISTICS",
            Owned::Schema => "SCHEMA",
            Owned::Publication => "PUBLICATION",
            Owned::ForeignDataWrapper => "FOREIGN DATA WRAPPER",
            Owned::Server => "SERVER",
        }
    }

    /// A relation: ALTER ... OWNER TO takes an ACCESS EXCLUSIVE lock on it.
    pub fn is_relation(self) -> bool {
        matches!(
            self,
            Owned::Table | Owned::View | Owned::MaterializedView | Owned::Sequence
        )
    }
}

/// What a REVOKE takes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    /// Every privilege the role holds, grant options with them.
    All,
    Privileges(Vec<String>),
    /// The right to pass these privileges on; the privileges stay.
    GrantOption(Vec<String>),
}

/// What a caller's rename renames, by the source's names (a column's table as the source names
/// it); `new_name` is the target's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Renamed {
    Table {
        name: String,
        new_name: String,
    },
    Column {
        table: String,
        name: String,
        new_name: String,
    },
    Constraint {
        table: String,
        name: String,
        new_name: String,
    },
    Sequence {
        name: String,
        new_name: String,
    },
    View {
        name: String,
        new_name: String,
        materialized: bool,
    },
    /// An enum, composite or range type (`ALTER TYPE`), or a domain (`ALTER DOMAIN`).
    Type {
        name: String,
        new_name: String,
        domain: bool,
    },
    EnumValue {
        type_name: String,
        value: String,
        new_value: String,
    },
    /// A schema, in a whole-database plan.
    Schema {
        name: String,
        new_name: String,
    },
    /// A function or procedure (`ALTER ROUTINE`), or an aggregate (`ALTER AGGREGATE`), by its
    /// `signature` (name and identity arguments).
    Routine {
        signature: String,
        new_name: String,
        aggregate: bool,
    },
}
