use serde::{Deserialize, Serialize};

/// A view or a materialized view (`relkind` `v` or `m`). Its indexes, for a materialized view,
/// are in the schema's `indexes` with the view's name as their table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct View {
    /// `pg_class.relname`
    pub name: String,
    /// `relkind = 'm'`
    pub materialized: bool,
    /// `pg_get_viewdef`, without its final `;`: the query, deparsed under the read's search_path.
    pub definition: String,
    /// `reloptions`: `security_invoker`, `security_barrier`, `check_option`; a materialized view's
    /// storage parameters.
    pub options: Vec<String>,
    /// `relispopulated`: false for a materialized view created `WITH NO DATA` and never refreshed.
    pub populated: bool,
    /// A materialized view's tablespace (`reltablespace`), `None` for the database's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// The view's columns in order: `CREATE OR REPLACE VIEW` keeps them and may only add at the end.
    pub columns: Vec<ViewColumn>,
    /// Grants on the view (`relacl`).
    #[serde(default)]
    pub privileges: Vec<super::Grant>,
    /// The role that owns it (`relowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ViewColumn {
    /// `attname`
    pub name: String,
    /// `format_type(atttypid, atttypmod)`
    #[serde(rename = "type")]
    pub data_type: String,
    /// `ALTER VIEW ... ALTER COLUMN ... SET DEFAULT`: what an INSERT through the view gets.
    pub default: Option<String>,
}
