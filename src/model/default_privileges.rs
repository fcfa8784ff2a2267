//! Default privileges (`pg_default_acl`): what objects a role creates later get granted.

use serde::{Deserialize, Serialize};

use super::Grant;

/// One row of `pg_default_acl`: a role's default privileges on one kind of object, in one
/// schema (`Schema::default_privileges`) or everywhere (`Database::default_privileges`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct DefaultPrivileges {
    /// `defaclrole`, by `pg_get_userbyid`: `FOR ROLE`.
    pub role: String,
    /// `defaclobjtype`
    pub objects: DefaultObjects,
    /// `aclexplode(defaclacl)`, every grantee (the role itself included: its own rights can be
    /// taken away by a global entry).
    pub privileges: Vec<Grant>,
    /// A global entry only: `aclexplode(acldefault(defaclobjtype, defaclrole))`, what the role's
    /// new objects get when it has no entry. A schema's entry only adds to the global one, so its
    /// base is nothing (left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults: Vec<Grant>,
}

/// `defaclobjtype`: the kind of object the default privileges apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum DefaultObjects {
    #[serde(rename = "r")]
    Tables,
    #[serde(rename = "S")]
    Sequences,
    #[serde(rename = "f")]
    Functions,
    #[serde(rename = "T")]
    Types,
    /// Only globally: no `IN SCHEMA`.
    #[serde(rename = "n")]
    Schemas,
}

impl DefaultObjects {
    /// As `ALTER DEFAULT PRIVILEGES ... ON <keyword>` spells it.
    pub fn keyword(self) -> &'static str {
        match self {
            DefaultObjects::Tables => "TABLES",
            DefaultObjects::Sequences => "SEQUENCES",
            DefaultObjects::Functions => "FUNCTIONS",
            DefaultObjects::Types => "TYPES",
            DefaultObjects::Schemas => "SCHEMAS",
        }
    }

    /// As the plan's identity names it: `tables`.
    pub fn word(self) -> &'static str {
        match self {
            DefaultObjects::Tables => "tables",
            DefaultObjects::Sequences => "sequences",
            DefaultObjects::Functions => "functions",
            DefaultObjects::Types => "types",
            DefaultObjects::Schemas => "schemas",
        }
    }
}
