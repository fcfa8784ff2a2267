//! One-letter catalog codes as enums: a code this version does not know is refused once, when
//! a document is decoded (from this server, a remote one or a snapshot), and nothing past the
//! model needs a catch-all arm for it. Each keeps the catalog's letter in JSON, so snapshots
//! read and write the same text as before.

use serde::{Deserialize, Serialize};

/// `attstorage` of a column, `typstorage` of a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Storage {
    #[serde(rename = "p")]
    Plain,
    #[serde(rename = "e")]
    External,
    #[serde(rename = "m")]
    Main,
    #[serde(rename = "x")]
    Extended,
}

/// `relreplident`: what a table's UPDATE and DELETE write to the WAL to name the old row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ReplicaIdentity {
    #[serde(rename = "d")]
    Default,
    #[serde(rename = "n")]
    Nothing,
    #[serde(rename = "f")]
    Full,
    /// USING INDEX: the index is `Table::replica_identity_index`.
    #[serde(rename = "i")]
    Index,
}

/// `tgenabled`, `ev_enabled`, `evtenabled`: when a trigger, rule or event trigger fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Firing {
    /// As made: in origin and local sessions.
    #[serde(rename = "O")]
    Origin,
    #[serde(rename = "D")]
    Disabled,
    /// ENABLE REPLICA: only in sessions with `session_replication_role = replica`.
    #[serde(rename = "R")]
    Replica,
    /// ENABLE ALWAYS
    #[serde(rename = "A")]
    Always,
}

/// `polcmd`: the commands a policy applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum PolicyCommand {
    #[serde(rename = "*")]
    All,
    #[serde(rename = "r")]
    Select,
    #[serde(rename = "a")]
    Insert,
    #[serde(rename = "w")]
    Update,
    #[serde(rename = "d")]
    Delete,
}

/// `collprovider`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum CollationProvider {
    #[serde(rename = "c")]
    Libc,
    #[serde(rename = "i")]
    Icu,
    /// PostgreSQL 17
    #[serde(rename = "b")]
    Builtin,
}
