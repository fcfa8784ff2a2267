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
/// | table, view, sequence, index, type, collation, statistics | object | — |
/// | column, default | table | column |
/// | constraint, policy, trigger, rule | table | object |
/// | routine | identity, `"name"(types)` | — |
/// | event trigger | trigger (of the database) | — |
/// | not compared | its description, `pg_describe_object` | — |
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct ObjectRef {
    pub kind: DependencyKind,
    /// The object's schema when it is not the dependent's own; always `None` for a dependent.
    #[serde(default)]
    pub schema: Option<String>,
    pub name: String,
    #[serde(default)]
    pub part: Option<String>,
}

/// What an end of a dependency is: the kinds the plan makes, and any other the catalog names
/// (an operator, a cast), kept as its word: nothing the plan makes, but what is needed by
/// something kept must not be dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(from = "String", into = "String")]
pub enum DependencyKind {
    Table,
    Column,
    /// A column's default expression.
    Default,
    Constraint,
    Policy,
    Trigger,
    Rule,
    Index,
    Sequence,
    /// A view or materialized view.
    View,
    Routine,
    Type,
    Collation,
    Statistics,
    EventTrigger,
    /// An object of a kind the plan does not make, that calls a routine it does.
    NotCompared,
    Other(String),
}

impl DependencyKind {
    const NAMED: [DependencyKind; 16] = [
        DependencyKind::Table,
        DependencyKind::Column,
        DependencyKind::Default,
        DependencyKind::Constraint,
        DependencyKind::Policy,
        DependencyKind::Trigger,
        DependencyKind::Rule,
        DependencyKind::Index,
        DependencyKind::Sequence,
        DependencyKind::View,
        DependencyKind::Routine,
        DependencyKind::Type,
        DependencyKind::Collation,
        DependencyKind::Statistics,
        DependencyKind::EventTrigger,
        DependencyKind::NotCompared,
    ];

    /// As the catalog query writes it.
    pub fn as_str(&self) -> &str {
        match self {
            DependencyKind::Table => "table",
            DependencyKind::Column => "column",
            DependencyKind::Default => "default",
            DependencyKind::Constraint => "constraint",
            DependencyKind::Policy => "policy",
            DependencyKind::Trigger => "trigger",
            DependencyKind::Rule => "rule",
            DependencyKind::Index => "index",
            DependencyKind::Sequence => "sequence",
            DependencyKind::View => "view",
            DependencyKind::Routine => "routine",
            DependencyKind::Type => "type",
            DependencyKind::Collation => "collation",
            DependencyKind::Statistics => "statistics",
            DependencyKind::EventTrigger => "event trigger",
            DependencyKind::NotCompared => "not compared",
            DependencyKind::Other(word) => word,
        }
    }
}

/// By the word, as the catalog query sorts the edges.
impl Ord for DependencyKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for DependencyKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<String> for DependencyKind {
    fn from(word: String) -> Self {
        DependencyKind::NAMED
            .into_iter()
            .find(|k| k.as_str() == word)
            .unwrap_or(DependencyKind::Other(word))
    }
}

impl From<DependencyKind> for String {
    fn from(kind: DependencyKind) -> Self {
        kind.as_str().to_owned()
    }
}

impl std::fmt::Display for DependencyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_written_back_as_it_was_read() {
        for word in ["table", "event trigger", "not compared", "operator"] {
            let kind: DependencyKind = serde_json::from_value(serde_json::json!(word)).unwrap();
            assert_eq!(serde_json::to_value(&kind).unwrap(), word);
        }
        assert_eq!(
            DependencyKind::from("view".to_owned()),
            DependencyKind::View
        );
        assert_eq!(
            DependencyKind::from("operator".to_owned()),
            DependencyKind::Other("operator".into())
        );
    }
}
