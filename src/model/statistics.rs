use serde::{Deserialize, Serialize};

/// An extended statistics object (`CREATE STATISTICS`, `pg_statistic_ext`) on a table of the
/// schema.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Statistics {
    /// `stxname`
    pub name: String,
    /// The table it is on.
    pub table: String,
    /// What `pg_get_statisticsobjdef` prints after the qualified name: kinds, columns and
    /// expressions, table. `None` when its text was not shaped as expected; such an object is
    /// refused.
    pub definition: Option<String>,
    /// `stxstattarget`, or `None` for the default.
    pub target: Option<i32>,
    /// The role that owns it (`stxowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}
