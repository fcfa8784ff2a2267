use serde::{Deserialize, Serialize};

/// One edge of the dependency graph: `object` (in this schema) depends on `on`, as `pg_depend`
/// records it (`sql/catalog.sql`, "dependency_edges").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct Dependency {
    pub object: ObjectRef,
    pub on: ObjectRef,
}

/// An object by name. `kind` says what `name` and `part` are:
///
/// | kind | name | part |
/// |---|---|---|
/// | `table`, `view`, `sequence`, `index` | relation | — |
/// | `column`, `default` | table | column |
/// | `constraint` | table | constraint |
/// | `routine` | identity, `"name"(types)` | — |
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct ObjectRef {
    pub kind: String,
    /// The object's schema when it is not the dependent's own; always `None` for a dependent.
    #[serde(default)]
    pub schema: Option<String>,
    pub name: String,
    #[serde(default)]
    pub part: Option<String>,
}
