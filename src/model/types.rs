use serde::{Deserialize, Serialize};

/// A type made by `CREATE TYPE` or `CREATE DOMAIN` (`pg_type`): an enum, a domain, a composite
/// type or a range. Its name is its key, as in PostgreSQL, where types share one namespace.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Type {
    /// `typname`
    pub name: String,
    #[serde(flatten)]
    pub definition: TypeDefinition,
    /// Grants on the type (`typacl`; by default PUBLIC may use it).
    #[serde(default)]
    pub privileges: Vec<super::Grant>,
    /// The role that owns it (`typowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

/// What each kind of type is made of.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TypeDefinition {
    /// `CREATE TYPE ... AS ENUM`: its labels in sort order.
    Enum {
        values: Vec<String>,
    },
    Domain(Domain),
    /// `CREATE TYPE ... AS (...)`
    Composite {
        attributes: Vec<Attribute>,
    },
    Range {
        range: Range,
    },
}

/// `CREATE DOMAIN name AS base_type [COLLATE] [DEFAULT] [NOT NULL] [CONSTRAINT ... CHECK]`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Domain {
    /// `format_type(typbasetype, typtypmod)`
    pub base_type: String,
    /// Only a collation other than the base type's own.
    pub collation: Option<String>,
    /// `pg_get_expr(typdefaultbin)`
    pub default: Option<String>,
    /// `typnotnull`
    pub not_null: bool,
    /// The CHECK constraints, by name.
    pub constraints: Vec<DomainConstraint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct DomainConstraint {
    pub name: String,
    /// `pg_get_constraintdef`: `CHECK (...)`.
    pub definition: String,
    /// `convalidated`: false when added `NOT VALID` and never validated.
    pub validated: bool,
}

impl DomainConstraint {
    /// The CHECK itself: `pg_get_constraintdef` adds ` NOT VALID` to one not validated.
    pub fn check(&self) -> &str {
        self.definition
            .strip_suffix(" NOT VALID")
            .unwrap_or(&self.definition)
    }
}

/// An attribute of a composite type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Attribute {
    pub name: String,
    #[serde(rename = "type")]
    pub data_type: String,
    pub collation: Option<String>,
}

/// `CREATE TYPE ... AS RANGE (...)` (`pg_range`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Range {
    pub subtype: String,
    /// The subtype's operator class, only when not its default one.
    pub opclass: Option<String>,
    pub collation: Option<String>,
    /// Functions, as `regproc` prints them.
    pub canonical: Option<String>,
    pub subtype_diff: Option<String>,
    /// The name of its multirange type (PostgreSQL 14 and later).
    pub multirange: Option<String>,
}
