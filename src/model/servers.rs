//! Foreign-data wrappers, foreign servers and user mappings: the database's, read and compared
//! between whole databases only (`sql/catalog.sql`, the database row).
//!
//! Options are `name=value` strings in their stored order, as `pg_dump` writes them, less
//! those whose name says they hold a secret (`sql/catalog.sql`, "secret options"): of those only
//! the name is read, in `secret_options`. The value never leaves the catalog query.

use serde::{Deserialize, Serialize};

use super::{Grant, Grantee};

/// A function a foreign-data wrapper calls: `HANDLER` or `VALIDATOR`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WrapperFunction {
    /// `pg_namespace.nspname` of the function.
    pub schema: String,
    /// `pg_proc.proname`: `HANDLER` and `VALIDATOR` take a name, not a signature.
    pub name: String,
    /// `"name"(argument types)`, the routine's identity in a schema (`Key::Routine`).
    pub identity: String,
}

/// What a foreign-data wrapper and a server both have, at the top level of their documents
/// (flattened: the snapshot's shape is the catalog's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ForeignCommon {
    /// `fdwoptions` or `srvoptions`, less secrets.
    #[serde(default)]
    pub options: Vec<String>,
    /// Names of the secret options: their values are not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_options: Vec<String>,
    /// `pg_get_userbyid(fdwowner)` or `(srvowner)`; empty when unknown.
    #[serde(default)]
    pub owner: String,
    /// COMMENT ON FOREIGN DATA WRAPPER or SERVER
    #[serde(default)]
    pub comment: Option<String>,
    /// `fdwacl` or `srvacl` (USAGE), less the owner's own, in the ACL's order; compared
    /// `with_privileges`. `None` in a snapshot written before they were read: unknown, never
    /// compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileges: Option<Vec<Grant>>,
}

/// `CREATE FOREIGN DATA WRAPPER name [HANDLER f] [VALIDATOR f] [OPTIONS (...)]`, less those an
/// extension made (postgres_fdw's own is the extension's).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ForeignDataWrapper {
    /// `fdwname`
    pub name: String,
    /// `fdwhandler`; `None` when 0.
    #[serde(default)]
    pub handler: Option<WrapperFunction>,
    /// `fdwvalidator`; `None` when 0.
    #[serde(default)]
    pub validator: Option<WrapperFunction>,
    /// `fdwoptions`, `fdwowner`, COMMENT ON FOREIGN DATA WRAPPER.
    #[serde(flatten)]
    pub common: ForeignCommon,
}

/// `CREATE SERVER name [TYPE '...'] [VERSION '...'] FOREIGN DATA WRAPPER w [OPTIONS (...)]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Server {
    /// `srvname`
    pub name: String,
    /// `fdwname` of `srvfdw`.
    pub wrapper: String,
    /// The extension that owns the wrapper (`postgres_fdw`), if one does: the server needs it.
    #[serde(default)]
    pub wrapper_extension: Option<String>,
    /// `srvtype`
    #[serde(default, rename = "type")]
    pub server_type: Option<String>,
    /// `srvversion`
    #[serde(default)]
    pub version: Option<String>,
    /// `srvoptions`, `srvowner`, COMMENT ON SERVER.
    #[serde(flatten)]
    pub common: ForeignCommon,
}

/// `CREATE USER MAPPING FOR role|PUBLIC SERVER s OPTIONS (...)`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct UserMapping {
    /// `srvname` of `umserver`.
    pub server: String,
    /// `umuser`: PUBLIC when 0, else the role (by name; a role named `PUBLIC` as
    /// `{"role": "PUBLIC"}`, as grants write it).
    pub user: Grantee,
    /// `umoptions` (`pg_user_mappings`, which shows them only to a superuser or the server's
    /// owner mapping their own role), less secrets.
    #[serde(default)]
    pub options: Vec<String>,
    /// Names of the secret options of `umoptions` (`password`): their values are not read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secret_options: Vec<String>,
}
