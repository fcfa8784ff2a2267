//! What the two sides hold of the kinds the plan does not make (operators, text search objects,
//! ...; and, in a snapshot an older migra wrote, partitioned, inherited and foreign tables),
//! compared as text: a
//! difference among them is named, so that "no rows" never hides it, and a table among them
//! that differs refuses the plan, which would otherwise build around a table it cannot make
//! (a view over a partitioned table it does not create) or drop one it cannot see whole (a table
//! taken out of an inheritance tree).

use std::collections::BTreeMap;

use crate::ident::display_ident;
use crate::model::{Database, Schema};

/// The kinds of table older versions did not make, which a snapshot they wrote may still name:
/// a difference in one refuses the plan. The catalog query names none of them today.
const TABLE_KINDS: [&str; 4] = [
    "partitioned table",
    "partition",
    "inherited table",
    "foreign table",
];

/// One object not compared that is not the same on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncompared {
    /// The source side's schema: the one the plan would change.
    pub schema: String,
    pub name: String,
    pub difference: Difference,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    OnlyInSource(String),
    OnlyInTarget(String),
    /// Same kind, another definition.
    Definition(String),
    /// A table of one kind on one side and of another on the other (a plain `table` is one
    /// the plan compares).
    Kind {
        source: String,
        target: String,
    },
}

impl Uncompared {
    /// A table the plan cannot make, or a table the plan compares on one side only.
    pub fn is_table(&self) -> bool {
        match &self.difference {
            Difference::OnlyInSource(kind)
            | Difference::OnlyInTarget(kind)
            | Difference::Definition(kind) => TABLE_KINDS.contains(&kind.as_str()),
            Difference::Kind { .. } => true,
        }
    }

    /// `partitioned table public.events (only in the target)`.
    pub fn describe(&self) -> String {
        let object = format!("{}.{}", display_ident(&self.schema), self.name);
        match &self.difference {
            Difference::OnlyInSource(kind) => format!("{kind} {object} (only in the source)"),
            Difference::OnlyInTarget(kind) => format!("{kind} {object} (only in the target)"),
            Difference::Definition(kind) => format!("{kind} {object} (defined otherwise)"),
            Difference::Kind { source, target } => {
                format!("{object} (source: {source}; target: {target})")
            }
        }
    }
}

/// One schema against another (the source's name is the one reported).
pub fn between_schemas(from: &Schema, to: &Schema) -> Vec<Uncompared> {
    let mut found = Vec::new();
    compare(from, to, &mut found);
    found
}

/// Whole databases: schemas of the same name; a schema on one side only against nothing.
pub fn between_databases(from: &Database, to: &Database) -> Vec<Uncompared> {
    let mut found = Vec::new();
    let pairs = super::pair_up(&from.schemas, &to.schemas, |s| s.name.clone());
    for (old, new) in pairs.kept {
        compare(old, new, &mut found);
    }
    for old in pairs.removed {
        compare(old, &Schema::empty(&old.name), &mut found);
    }
    for new in pairs.added {
        compare(&Schema::empty(&new.name), new, &mut found);
    }
    found
}

/// Objects keyed by the name space they are in and their name: the table kinds share one with
/// the tables the plan compares (`table`), each other kind has its own; valued by their kind and
/// definition.
fn objects(schema: &Schema) -> BTreeMap<(&str, &str), (&str, Option<&str>)> {
    let mut objects = BTreeMap::new();
    for table in &schema.tables {
        objects.insert(("table", table.name.as_str()), ("table", None));
    }
    for object in &schema.ignored {
        let kind = object.kind.as_str();
        let space = if TABLE_KINDS.contains(&kind) {
            "table"
        } else {
            kind
        };
        objects.insert(
            (space, object.name.as_str()),
            (kind, object.definition.as_deref()),
        );
    }
    objects
}

fn compare(from: &Schema, to: &Schema, found: &mut Vec<Uncompared>) {
    let (old, new) = (objects(from), objects(to));
    let mut push = |name: &str, difference: Difference| {
        found.push(Uncompared {
            schema: from.name.clone(),
            name: name.to_owned(),
            difference,
        })
    };
    for (key, (kind, definition)) in &old {
        match new.get(key) {
            // compared by the plan on both sides
            Some(("table", _)) if *kind == "table" => {}
            Some((other_kind, _)) if other_kind != kind => push(
                key.1,
                Difference::Kind {
                    source: kind.to_string(),
                    target: other_kind.to_string(),
                },
            ),
            // a side without the text (a snapshot of migra 0.2) is compared by kind and name only
            Some((_, Some(other))) if definition.is_some_and(|d| d != *other) => {
                push(key.1, Difference::Definition(kind.to_string()))
            }
            Some(_) => {}
            None if *kind == "table" => {}
            None => push(key.1, Difference::OnlyInSource(kind.to_string())),
        }
    }
    for (key, (kind, _)) in &new {
        if !old.contains_key(key) && *kind != "table" {
            push(key.1, Difference::OnlyInTarget(kind.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema(name: &str, tables: &[&str], ignored: serde_json::Value) -> Schema {
        let tables: Vec<_> =
            tables.iter().map(|t| json!({"name": t, "persistence": "p", "options": [], "toast_options": [], "columns": []})).collect();
        serde_json::from_value(json!({"name": name, "privileges": [], "tables": tables, "constraints": [], "indexes": [],
                                      "sequences": [], "ignored": ignored}))
        .unwrap()
    }

    fn described(from: &Schema, to: &Schema) -> Vec<String> {
        between_schemas(from, to)
            .iter()
            .map(Uncompared::describe)
            .collect()
    }

    #[test]
    fn the_same_objects_not_compared_on_both_sides_are_no_difference() {
        let ignored = json!([{"kind": "partitioned table", "name": "events", "definition": "partition by RANGE (at)"}]);
        assert!(
            between_schemas(
                &schema("a", &["t"], ignored.clone()),
                &schema("b", &["t"], ignored)
            )
            .is_empty()
        );
    }

    #[test]
    fn a_partitioned_table_on_one_side_or_defined_otherwise_is_named() {
        let events = |definition: &str| json!([{"kind": "partitioned table", "name": "events", "definition": definition}]);
        let found = between_schemas(
            &schema("app", &[], events("columns at date")),
            &schema("next", &[], events("columns at date, n int")),
        );
        assert_eq!(
            found.iter().map(Uncompared::describe).collect::<Vec<_>>(),
            ["partitioned table app.events (defined otherwise)"]
        );
        assert!(found[0].is_table());
        assert_eq!(
            described(
                &schema("app", &[], json!([])),
                &schema("next", &[], events(""))
            ),
            ["partitioned table app.events (only in the target)"]
        );
    }

    #[test]
    fn a_table_taken_out_of_inheritance_is_a_table_of_another_kind() {
        let inherited = json!([{"kind": "inherited table", "name": "notes", "definition": null},
                               {"kind": "inherited table", "name": "order_notes", "definition": "inherits notes"}]);
        let found = between_schemas(
            &schema("app", &["notes", "order_notes"], json!([])),
            &schema("app", &[], inherited),
        );
        assert_eq!(
            found.iter().map(Uncompared::describe).collect::<Vec<_>>(),
            [
                "app.notes (source: table; target: inherited table)",
                "app.order_notes (source: table; target: inherited table)",
            ]
        );
        assert!(found.iter().all(Uncompared::is_table));
    }

    #[test]
    fn a_snapshot_without_definitions_is_compared_by_kind_and_name() {
        let old = json!([{"kind": "partitioned table", "name": "events"}]);
        let new = json!([{"kind": "partitioned table", "name": "events", "definition": "partition by RANGE (at)"}]);
        assert!(between_schemas(&schema("a", &[], old), &schema("a", &[], new)).is_empty());
    }

    #[test]
    fn an_operator_that_differs_is_named_but_is_no_table() {
        let op = |function: &str| json!([{"kind": "operator", "name": "===(integer, integer)", "definition": function}]);
        let found = between_schemas(
            &schema("a", &[], op("function int4eq")),
            &schema("b", &[], op("function int4ne")),
        );
        assert_eq!(
            found.iter().map(Uncompared::describe).collect::<Vec<_>>(),
            ["operator a.===(integer, integer) (defined otherwise)"]
        );
        assert!(!found[0].is_table());
    }
}
