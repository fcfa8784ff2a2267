use serde::{Deserialize, Serialize};

/// `COMMENT ON ...` of an object of the schema (`pg_description`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Comment {
    pub kind: CommentKind,
    pub name: String,
    #[serde(default)]
    pub part: Option<String>,
    pub text: String,
}

/// What a comment is on, and so what its `name` and `part` are (`sql/catalog.sql` writes these
/// words; a snapshot holding any other is refused as it is read):
///
/// | kind | name | part |
/// |---|---|---|
/// | table, foreign table, view, materialized view, sequence, index, type, collation, statistics | object | — |
/// | column, view column, attribute | table, view, composite type | column |
/// | constraint, trigger, rule, policy | table | object |
/// | domain constraint | domain | constraint |
/// | routine | identity, `"name"(types)` | — |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum CommentKind {
    Table,
    /// A foreign table: `COMMENT ON FOREIGN TABLE` (`COMMENT ON TABLE` refuses one).
    ForeignTable,
    View,
    MaterializedView,
    Sequence,
    Index,
    Type,
    Collation,
    Statistics,
    Column,
    ViewColumn,
    Attribute,
    Constraint,
    DomainConstraint,
    Trigger,
    Rule,
    Policy,
    Routine,
}

impl CommentKind {
    pub const ALL: [CommentKind; 18] = [
        CommentKind::Table,
        CommentKind::ForeignTable,
        CommentKind::View,
        CommentKind::MaterializedView,
        CommentKind::Sequence,
        CommentKind::Index,
        CommentKind::Type,
        CommentKind::Collation,
        CommentKind::Statistics,
        CommentKind::Column,
        CommentKind::ViewColumn,
        CommentKind::Attribute,
        CommentKind::Constraint,
        CommentKind::DomainConstraint,
        CommentKind::Trigger,
        CommentKind::Rule,
        CommentKind::Policy,
        CommentKind::Routine,
    ];

    /// As the catalog query writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            CommentKind::Table => "table",
            CommentKind::ForeignTable => "foreign table",
            CommentKind::View => "view",
            CommentKind::MaterializedView => "materialized view",
            CommentKind::Sequence => "sequence",
            CommentKind::Index => "index",
            CommentKind::Type => "type",
            CommentKind::Collation => "collation",
            CommentKind::Statistics => "statistics",
            CommentKind::Column => "column",
            CommentKind::ViewColumn => "view column",
            CommentKind::Attribute => "attribute",
            CommentKind::Constraint => "constraint",
            CommentKind::DomainConstraint => "domain constraint",
            CommentKind::Trigger => "trigger",
            CommentKind::Rule => "rule",
            CommentKind::Policy => "policy",
            CommentKind::Routine => "routine",
        }
    }
}

/// By the word, as the catalog query sorts them: comments are paired and their steps written in
/// this order, which breaks ties in the plan's order.
impl Ord for CommentKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for CommentKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl TryFrom<String> for CommentKind {
    type Error = String;

    fn try_from(word: String) -> Result<Self, String> {
        CommentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == word)
            .ok_or_else(|| {
                let shown: String = word.chars().take(40).collect();
                format!("a comment on \"{shown}\", which is not a kind of object migra compares")
            })
    }
}

impl From<CommentKind> for &'static str {
    fn from(kind: CommentKind) -> Self {
        kind.as_str()
    }
}

impl std::fmt::Display for CommentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_its_own_word_and_no_other_word_is_read() {
        for kind in CommentKind::ALL {
            let word = serde_json::to_value(kind).unwrap();
            assert_eq!(word, kind.as_str());
            assert_eq!(serde_json::from_value::<CommentKind>(word).unwrap(), kind);
        }
        // sorted as the catalog query sorts them, by the word
        let mut sorted = CommentKind::ALL;
        sorted.sort();
        let words: Vec<&str> = sorted.iter().map(|k| k.as_str()).collect();
        assert!(words.is_sorted());
        let sneaky = serde_json::json!("TABLE x IS NULL; DROP TABLE y; --");
        assert!(serde_json::from_value::<CommentKind>(sneaky).is_err());
    }
}
