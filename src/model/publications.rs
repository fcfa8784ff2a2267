//! Publications (`pg_publication`): of the database, not of a schema, so compared between whole
//! databases only, like event triggers.

use serde::{Deserialize, Serialize};

/// `CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE ... | FOR TABLES IN SCHEMA ...]
/// WITH (publish = '...', publish_via_partition_root = ...)`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Publication {
    /// `pubname`
    pub name: String,
    /// `pubowner`, by `pg_get_userbyid`: compared only `with_owners`; empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// `puballtables`: FOR ALL TABLES, which no ALTER PUBLICATION turns on or off.
    pub all_tables: bool,
    /// `pubinsert`, `pubupdate`, `pubdelete`, `pubtruncate`: the `publish` option.
    pub insert: bool,
    pub update: bool,
    pub delete: bool,
    pub truncate: bool,
    /// `pubviaroot`: `publish_via_partition_root`.
    pub via_root: bool,
    /// `pubgencols` (PostgreSQL 18): `publish_generated_columns`. `None` before 18, and in a
    /// snapshot written before it was read: unknown, never a difference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_columns: Option<GeneratedColumns>,
    /// `pg_publication_rel`: the tables named, by schema and name.
    #[serde(default)]
    pub tables: Vec<PublicationTable>,
    /// `pg_publication_namespace` (PostgreSQL 15): FOR TABLES IN SCHEMA, by name.
    #[serde(default)]
    pub schemas: Vec<String>,
    /// COMMENT ON PUBLICATION.
    #[serde(default)]
    pub comment: Option<String>,
}

/// `publish_generated_columns`: whether the values of STORED generated columns not in a column
/// list are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum GeneratedColumns {
    #[serde(rename = "n")]
    NotPublished,
    #[serde(rename = "s")]
    Stored,
}

impl GeneratedColumns {
    /// The option's value, a keyword.
    pub fn word(self) -> &'static str {
        match self {
            GeneratedColumns::NotPublished => "none",
            GeneratedColumns::Stored => "stored",
        }
    }
}

/// A table a publication names: `TABLE ONLY "s"."t" (columns) WHERE (row_filter)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct PublicationTable {
    pub schema: String,
    pub name: String,
    /// `prattrs` (PostgreSQL 15), by name in name order (a set: the server keeps them in
    /// column order); `None`: every column.
    #[serde(default)]
    pub columns: Option<Vec<String>>,
    /// `pg_get_expr(prqual, prrelid)` (PostgreSQL 15); `None`: every row.
    #[serde(default)]
    pub row_filter: Option<String>,
}

impl Publication {
    /// The `publish` option's text: `insert, update, delete, truncate` as far as it publishes them.
    pub fn publish(&self) -> String {
        [
            (self.insert, "insert"),
            (self.update, "update"),
            (self.delete, "delete"),
            (self.truncate, "truncate"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, word)| *word)
        .collect::<Vec<_>>()
        .join(", ")
    }
}
