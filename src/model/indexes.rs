use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Index {
    /// `pg_class.relname` of the index: unique in its schema.
    pub name: String,
    /// The indexed table.
    pub table: String,
    /// `indisunique`
    pub unique: bool,
    /// A partition's index attached to its parent's (`relispartition`): it comes and goes
    /// with the parent's.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub attached: bool,
    /// The parent's index it is attached to, when that is in the same schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<String>,
    /// `indisvalid`: false for what a `CREATE INDEX CONCURRENTLY` that failed left behind, which
    /// no query uses: it differs from a valid index of the same definition, and is built again.
    /// Absent from snapshots taken before it was read.
    #[serde(default = "valid_by_default", skip_serializing_if = "is_valid")]
    pub valid: bool,
    /// `pg_am.amname`: btree, hash, gist, gin, brin, ...
    pub method: String,
    /// What `pg_get_indexdef` gives after `USING <method> `: the keys with operator classes,
    /// collations and sort order, INCLUDE, NULLS NOT DISTINCT, WITH (storage parameters) and
    /// WHERE. `None` when the server's text did not start as expected; such an index is refused.
    pub definition: Option<String>,
    /// The tablespace it is stored in (`reltablespace`), `None` for the database's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// Its WHERE predicate as `pg_get_expr` prints it, read only when it has a tablespace: the
    /// `TABLESPACE` clause goes before the `WHERE` that ends `definition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Columns of the table that the index uses, in keys, expressions or predicate.
    pub columns: Vec<String>,
}

fn valid_by_default() -> bool {
    true
}

fn is_valid(valid: &bool) -> bool {
    *valid
}
