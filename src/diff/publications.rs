//! Publications between whole databases: made once the tables, columns and schemas they name
//! are, and taken apart before those go.
//!
//! A table whose column list or row filter changes is dropped from the publication and added
//! again, in the same transaction (the plan's): ALTER PUBLICATION has no statement that changes
//! one table's list or filter (`SET TABLE` replaces every table and schema of the
//! publication, and locks each), and logical decoding sees the transaction's end state at
//! once. A table or schema that the plan drops leaves its publications by itself, so no ALTER
//! names it; one that the plan makes again (a partition key change) is added back once made.
//! FOR ALL TABLES turned on or off is a DROP and a CREATE: no ALTER does it.

use std::collections::BTreeSet;

use super::owners::{Described, comment_and_owner};
use super::pair_up;
use crate::change::{CommentOn, Owned};
use crate::ident::display_ident;
use crate::model::{Database, Publication, PublicationTable};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn publications(from: &Database, to: &Database, with_owners: bool, steps: &mut Vec<Step>) {
    // What the plan drops: a table or schema of the source that the target lacks. Not "what
    // the target lacks": a table whose fingerprints are equal is read on neither side.
    let tables = |d: &'_ Database| -> BTreeSet<(String, String)> {
        d.schemas
            .iter()
            .flat_map(|s| s.tables.iter().map(|t| (s.name.clone(), t.name.clone())))
            .collect()
    };
    let (tables_before, tables_after) = (tables(from), tables(to));
    let schemas_after: BTreeSet<&str> = to.schemas.iter().map(|s| s.name.as_str()).collect();
    let schemas_before: BTreeSet<&str> = from.schemas.iter().map(|s| s.name.as_str()).collect();
    let dropped_table = |t: &PublicationTable| {
        let key = (t.schema.clone(), t.name.clone());
        tables_before.contains(&key) && !tables_after.contains(&key)
    };
    let dropped_schema = |s: &str| schemas_before.contains(s) && !schemas_after.contains(s);
    // Tables the plan drops and makes again (a partition key changes), with their partitions:
    // they leave their publications with the DROP TABLE, and are added back once made.
    let mut remade: BTreeSet<(String, String)> = BTreeSet::new();
    for (old, new) in pair_up(&from.schemas, &to.schemas, |s| s.name.clone()).kept {
        for rebuilt in super::rebuilt::rebuilt(old, new).0 {
            for table in std::iter::once(&rebuilt.table).chain(&rebuilt.partitions) {
                remade.insert((old.name.clone(), table.name.clone()));
            }
        }
    }
    let remade_table = |t: &PublicationTable| remade.contains(&(t.schema.clone(), t.name.clone()));
    let pairs = pair_up(&from.publications, &to.publications, |p| p.name.clone());
    // publish_generated_columns is written only where the source's server has it (18), and
    // compared only where both sides know it
    let on_source = |p: &Publication, known: bool| {
        let known = known && from.server_version_num >= 180000;
        let generated_columns = p.generated_columns.filter(|_| known);
        Publication {
            generated_columns,
            ..p.clone()
        }
    };
    for old in &pairs.removed {
        steps.push(drop(old));
    }
    for new in &pairs.added {
        create(&on_source(new, true), with_owners, steps);
    }
    for (old, new) in pairs.kept {
        if old.all_tables != new.all_tables {
            steps.push(drop(old));
            create(&on_source(new, true), with_owners, steps);
            continue;
        }
        let both = old.generated_columns.is_some() && new.generated_columns.is_some();
        let generated = |p: &Publication| p.generated_columns.filter(|_| both);
        let publish = |p: &Publication| (p.insert, p.update, p.delete, p.truncate, p.via_root);
        if (publish(old), generated(old)) != (publish(new), generated(new)) {
            let new = on_source(new, both);
            let operation = Operation::SetPublicationOptions(Box::new(new.clone()));
            steps.push(step(&new, Phase::CreatePublication, operation));
        }
        let tables = pair_up(&old.tables, &new.tables, |t| {
            (t.schema.clone(), t.name.clone())
        });
        let changed = tables
            .kept
            .iter()
            .filter(|(a, b)| a != b || remade_table(b))
            .map(|(a, b)| (*a, *b));
        for (gone, made) in tables
            .removed
            .iter()
            .map(|t| (*t, None))
            .chain(changed.map(|(a, b)| (a, Some(b))))
        {
            if !dropped_table(gone) && !remade_table(gone) {
                steps.push(drop_table(old, gone));
            }
            if let Some(made) = made {
                steps.push(add_table(new, made));
            }
        }
        for table in &tables.added {
            steps.push(add_table(new, table));
        }
        let schemas = pair_up(&old.schemas, &new.schemas, String::clone);
        for schema in schemas.removed {
            if !dropped_schema(schema) {
                let operation = Operation::PublicationDropSchema {
                    publication: old.name.clone(),
                    schema: schema.clone(),
                };
                steps.push(
                    step(old, Phase::DropPublication, operation)
                        .requires([Key::Schema(schema.clone())]),
                );
            }
        }
        for schema in schemas.added {
            let operation = Operation::PublicationAddSchema {
                publication: new.name.clone(),
                schema: schema.clone(),
            };
            steps.push(
                step(new, Phase::CreatePublication, operation)
                    .requires([Key::Schema(schema.clone())]),
            );
        }
        comment_and_owner(Some(described(old)), described(new), with_owners, steps);
    }
}

fn key(publication: &Publication) -> Key {
    Key::Publication(publication.name.clone())
}

fn step(publication: &Publication, phase: Phase, operation: Operation) -> Step {
    Step::new(
        phase,
        Kind::Publication,
        operation,
        key(publication),
        display_ident(&publication.name),
    )
}

/// The table and the columns of its list: made before the publication names them, and taken
/// out of it before they go (a column list holds its columns).
fn needs(table: &PublicationTable) -> Vec<Key> {
    let mut keys = vec![Key::Table(table.schema.clone(), table.name.clone())];
    for column in table.columns.iter().flatten() {
        keys.push(Key::Column(
            table.schema.clone(),
            table.name.clone(),
            column.clone(),
        ));
    }
    keys
}

fn drop(publication: &Publication) -> Step {
    let operation = Operation::DropPublication {
        name: publication.name.clone(),
    };
    let needs = publication.tables.iter().flat_map(needs);
    step(publication, Phase::DropPublication, operation).requires(needs)
}

fn create(publication: &Publication, with_owners: bool, steps: &mut Vec<Step>) {
    let operation = Operation::CreatePublication(Box::new(publication.clone()));
    let needs = publication
        .tables
        .iter()
        .flat_map(needs)
        .chain(publication.schemas.iter().map(|s| Key::Schema(s.clone())));
    steps.push(step(publication, Phase::CreatePublication, operation).requires(needs));
    comment_and_owner(None, described(publication), with_owners, steps);
}

fn add_table(publication: &Publication, table: &PublicationTable) -> Step {
    let operation = Operation::PublicationAddTable {
        publication: publication.name.clone(),
        table: table.clone(),
    };
    step(publication, Phase::CreatePublication, operation)
        .on_relation(&table.schema, &table.name)
        .requires(needs(table))
}

fn drop_table(publication: &Publication, table: &PublicationTable) -> Step {
    let operation = Operation::PublicationDropTable {
        publication: publication.name.clone(),
        schema: table.schema.clone(),
        name: table.name.clone(),
    };
    step(publication, Phase::DropPublication, operation)
        .on_relation(&table.schema, &table.name)
        .requires(needs(table))
}

fn described(publication: &Publication) -> Described<'_> {
    Described {
        key: key(publication),
        kind: Kind::Publication,
        owned: Owned::Publication,
        on: CommentOn::Publication(publication.name.clone()),
        name: &publication.name,
        comment: publication.comment.as_deref(),
        owner: &publication.owner,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::model::Database;

    fn database(tables: Value, publications: Value) -> Database {
        serde_json::from_value(json!({"server_version_num": 150000, "extensions": [],
            "schemas": [{"name": "s", "tables": tables, "constraints": [], "indexes": [], "sequences": []}],
            "publications": publications}))
        .unwrap()
    }

    fn table(name: &str, columns: &[&str]) -> Value {
        let columns: Vec<Value> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({"name": c, "position": i + 1, "type": "integer", "collation": null,
                "not_null": false, "default": null, "generated": null, "identity": null,
                "storage": "p", "type_storage": "p", "statistics": null})
            })
            .collect();
        json!({"name": name, "persistence": "p", "options": [], "toast_options": [], "columns": columns})
    }

    fn publication(tables: Value) -> Value {
        json!([{"name": "P", "all_tables": false, "insert": true, "update": true, "delete": true,
                "truncate": true, "via_root": false, "tables": tables}])
    }

    fn statements(from: &Database, to: &Database) -> Vec<String> {
        let steps =
            crate::diff::databases(from, to, Default::default(), &Default::default()).unwrap();
        let mut steps = crate::plan::build(steps, "pg_catalog").unwrap();
        crate::ddl::render(&mut steps).unwrap();
        steps.into_iter().map(|s| s.statement).collect()
    }

    #[test]
    fn generated_columns_are_compared_and_written_where_both_sides_know_them() {
        let with = |version: i32, generated: Value| {
            let mut p = publication(json!([]));
            p[0]["generated_columns"] = generated;
            let mut d = database(json!([]), p);
            d.server_version_num = version;
            d
        };
        let (none, stored) = (json!("n"), json!("s"));
        assert_eq!(
            statements(&with(180000, none.clone()), &with(180000, stored.clone()))[1..],
            [
                r#"ALTER PUBLICATION "P" SET (publish = 'insert, update, delete, truncate', publish_via_partition_root = false, publish_generated_columns = stored);"#
            ]
        );
        // unknown on one side (before 18, or an older snapshot): no difference
        assert!(statements(&with(150000, Value::Null), &with(180000, stored.clone())).is_empty());
        assert!(statements(&with(180000, none), &with(180000, Value::Null)).is_empty());
        // a publication made on a source older than 18 is made without it
        let mut empty = with(150000, Value::Null);
        empty.publications.clear();
        let made = statements(&empty, &with(180000, stored.clone()));
        assert!(!made[1].contains("generated"), "{made:?}");
        empty.server_version_num = 180000;
        let made = statements(&empty, &with(180000, stored));
        assert!(
            made[1].ends_with("publish_generated_columns = stored);"),
            "{made:?}"
        );
    }

    #[test]
    fn a_changed_column_list_is_taken_out_before_its_column_goes_and_added_back_after() {
        let from = database(
            json!([table("t", &["a", "b"]), table("gone", &["a"])]),
            publication(json!([{"schema": "s", "name": "t", "columns": ["a", "b"]},
                               {"schema": "s", "name": "gone"}])),
        );
        let to = database(
            json!([table("t", &["a", "c"])]),
            publication(
                json!([{"schema": "s", "name": "t", "columns": ["a", "c"], "row_filter": "(a > 1)"}]),
            ),
        );
        let statements = statements(&from, &to);
        let at = |text: &str| {
            statements
                .iter()
                .position(|s| s.contains(text))
                .unwrap_or_else(|| panic!("no {text} in {statements:#?}"))
        };
        let out = at(r#"ALTER PUBLICATION "P" DROP TABLE ONLY "s"."t";"#);
        assert!(out < at(r#"DROP COLUMN "b""#));
        let back =
            at(r#"ALTER PUBLICATION "P" ADD TABLE ONLY "s"."t" ("a", "c") WHERE ((a > 1));"#);
        assert!(back > at(r#"ADD COLUMN "c""#));
        // the table the plan drops leaves the publication by itself
        assert!(
            !statements
                .iter()
                .any(|s| s.contains("PUBLICATION") && s.contains("gone"))
        );
        assert!(statements.iter().any(|s| s == r#"DROP TABLE "s"."gone";"#));
    }
}
