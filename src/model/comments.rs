use serde::{Deserialize, Serialize};

/// `COMMENT ON ...` of an object of the schema (`pg_description`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Comment {
    /// What `name` and `part` are:
    ///
    /// | kind | name | part |
    /// |---|---|---|
    /// | `table`, `view`, `materialized view`, `sequence`, `index`, `type`, `collation` | object | — |
    /// | `column`, `view column`, `attribute` | table, view, composite type | column |
    /// | `constraint`, `trigger`, `policy` | table | object |
    /// | `domain constraint` | domain | constraint |
    /// | `routine` | identity, `"name"(types)` | — |
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub part: Option<String>,
    pub text: String,
}
