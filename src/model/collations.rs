use serde::{Deserialize, Serialize};

/// `CREATE COLLATION` (`pg_collation`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Collation {
    /// `collname`
    pub name: String,
    /// `collprovider`: `c` libc, `i` ICU, `b` builtin (PostgreSQL 17).
    pub provider: super::CollationProvider,
    /// `collisdeterministic`: false compares strings equal that differ in bytes.
    pub deterministic: bool,
    /// A libc collation's LC_COLLATE and LC_CTYPE.
    pub lc_collate: Option<String>,
    pub lc_ctype: Option<String>,
    /// An ICU or builtin collation's locale, whichever column the server keeps it in.
    pub locale: Option<String>,
    /// ICU tailoring rules (PostgreSQL 16).
    pub rules: Option<String>,
    /// The role that owns it (`collowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}
