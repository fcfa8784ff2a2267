//! Compare two models and produce the steps that turn the first into the second.
//!
//! Each kind pairs its objects by key (names relative to the schema), then says what to do for
//! the added, the removed and the changed. In between, one rule: whatever the plan drops, for
//! good or to make again (a table, a column, a column whose type changes, a view or routine that
//! cannot be replaced in place), takes down everything that needs it, as the source's dependency
//! graph says, transitively: those are dropped before it and made again after
//! (`Decisions::remade`). Finally every step is ordered after what its object needs: the
//! source's graph for what goes away, the target's for what is made.

mod collations;
mod columns;
mod comments;
mod constraints;
mod database;
mod indexes;
mod kinds;
mod normalize;
mod policies;
mod privileges;
mod routines;
mod rules;
mod sequences;
mod statistics;
mod tables;
mod triggers;
mod types;
pub mod uncompared;
mod views;

pub use database::{Options, databases};

use std::collections::{BTreeMap, BTreeSet};

use crate::change::Cx;
use crate::error::Error;
use crate::graph::Graph;
use crate::model::Schema;
use crate::plan::{Action, Key, Phase, Step};

/// The steps that make `from` look like `to`, in no particular order: `plan::build` orders them.
/// The statements name `from`'s schema. `with_privileges`: the grants on the objects of the
/// schemas (not on the schemas themselves, two distinct schemas) are compared too.
pub fn schemas(from: &Schema, to: &Schema, with_privileges: bool) -> Result<Vec<Step>, Error> {
    schema_pairs(&[(from, to)], with_privileges, &BTreeSet::new())
}

/// The grants that differ between the sides, as the rows that would change them name them
/// (`public.orders to app_reader`): what a plan that does not compare privileges leaves as it is.
pub fn privileges_not_compared(pairs: &[(&Schema, &Schema)]) -> Vec<String> {
    let mut steps = Vec::new();
    for (from, to) in pairs {
        privileges::diff(
            &Cx::new(&from.name),
            from,
            to,
            &Decisions::default(),
            true,
            &mut steps,
        );
    }
    let mut identities: Vec<String> = steps.into_iter().map(|s| s.identity).collect();
    identities.sort();
    identities.dedup();
    identities
}

/// One schema of the source and its counterpart in the target, compared under the source's
/// name (`cx`), in which every statement names the objects.
pub struct Pair<'a> {
    pub cx: Cx,
    pub from: &'a Schema,
    pub to: &'a Schema,
}

/// The steps for several schemas at once, each pair compared under the first one's name:
/// everything decided first (`Decisions::decide`), then every kind's steps (`kinds::KINDS`),
/// then what each step needs. `released`: the event triggers the plan drops itself (between whole databases),
/// which may lose what they call.
pub fn schema_pairs(
    pairs: &[(&Schema, &Schema)],
    with_privileges: bool,
    released: &BTreeSet<Key>,
) -> Result<Vec<Step>, Error> {
    let source = Graph::of(pairs.iter().map(|(from, _)| (*from, from.name.as_str())));
    let target = Graph::of(pairs.iter().map(|(from, to)| (*to, from.name.as_str())));
    let pairs_of: Vec<Pair> = pairs
        .iter()
        .map(|(from, to)| Pair {
            cx: Cx::new(&from.name),
            from,
            to,
        })
        .collect();
    let decided = Decisions::decide(&pairs_of, &source, with_privileges, released)?;
    let mut steps = Vec::new();
    for kind in kinds::KINDS {
        for pair in &pairs_of {
            steps.extend(kind.changes(pair, &decided)?);
        }
    }
    what_each_step_needs(pairs, &source, &target, &mut steps);
    Ok(steps)
}

/// Gives every step what its object needs: from the source's graph for a step that takes
/// something down, from the target's for one that builds; and a step that changes an object in
/// place what the object used before (`Step::used_before`). A column or table that is dropped
/// takes the sequences it owns along, so what needs one of them (a default elsewhere) goes first.
fn what_each_step_needs(
    pairs: &[(&Schema, &Schema)],
    source: &Graph,
    target: &Graph,
    steps: &mut [Step],
) {
    let mut owned: BTreeMap<(&str, &str), Vec<(&str, Key)>> = BTreeMap::new();
    for (from, _) in pairs {
        for sequence in &from.sequences {
            if let Some(owner) = &sequence.owned_by {
                let key = Key::Sequence(from.name.clone(), sequence.name.clone());
                owned
                    .entry((from.name.as_str(), owner.table.as_str()))
                    .or_default()
                    .push((owner.column.as_str(), key));
            }
        }
    }
    let dropped: BTreeSet<Key> = steps
        .iter()
        .filter(|s| s.action == Action::Drop)
        .map(|s| s.key.clone())
        .collect();
    for step in steps {
        let graph = if step.phase.is_teardown() {
            source
        } else {
            target
        };
        let mut needs = match &step.key {
            Key::TypeSetAside(s, t) => source.needs(&Key::Type(s.clone(), t.clone())),
            key => graph.needs(key),
        };
        // what is dropped goes before the types and collations it needs, dropped at the end
        // under the names they were set aside as
        if step.phase.is_teardown() {
            let set_aside: Vec<Key> = needs
                .iter()
                .filter_map(|k| match k {
                    Key::Type(s, t) => Some(Key::TypeSetAside(s.clone(), t.clone())),
                    Key::Collation(s, c) => Some(Key::CollationSetAside(s.clone(), c.clone())),
                    _ => None,
                })
                .collect();
            needs.extend(set_aside);
        }
        step.requires.extend(needs);
        // changed in place (not dropped and made again): what it used before may go only once
        // it has let go of it
        let in_place = !step.phase.is_teardown()
            && matches!(step.action, Action::Alter | Action::Replace)
            && !dropped.contains(&step.key);
        if in_place {
            step.used_before = source.needs(&step.key);
        }
        if step.action != Action::Drop {
            continue;
        }
        let (table, column) = match &step.key {
            Key::Table(s, t) => ((s.as_str(), t.as_str()), None),
            Key::Column(s, t, c) if step.phase == Phase::DropColumn => {
                ((s.as_str(), t.as_str()), Some(c.as_str()))
            }
            _ => continue,
        };
        let sequences: Vec<Key> = owned
            .get(&table)
            .into_iter()
            .flatten()
            .filter(|(owner, _)| column.is_none_or(|c| c == *owner))
            .map(|(_, key)| key.clone())
            .collect();
        step.along.extend(sequences);
    }
}

/// Objects of two lists, paired by key.
pub struct Pairs<'a, T> {
    pub added: Vec<&'a T>,
    pub removed: Vec<&'a T>,
    /// Present on both sides, changed or not.
    pub kept: Vec<(&'a T, &'a T)>,
}

pub fn pair_up<'a, T, K: Ord>(from: &'a [T], to: &'a [T], key: impl Fn(&T) -> K) -> Pairs<'a, T> {
    let from_by_key: BTreeMap<K, &T> = from.iter().map(|o| (key(o), o)).collect();
    let to_by_key: BTreeMap<K, &T> = to.iter().map(|o| (key(o), o)).collect();
    let mut pairs = Pairs {
        added: Vec::new(),
        removed: Vec::new(),
        kept: Vec::new(),
    };
    for (k, old) in &from_by_key {
        match to_by_key.get(k) {
            Some(new) => pairs.kept.push((*old, *new)),
            None => pairs.removed.push(*old),
        }
    }
    pairs.added = to_by_key
        .iter()
        .filter(|(k, _)| !from_by_key.contains_key(*k))
        .map(|(_, o)| *o)
        .collect();
    pairs
}

/// Keys of the objects of the schema being migrated.
impl Cx {
    pub fn table_key(&self, table: &str) -> Key {
        Key::Table(self.schema.clone(), table.to_owned())
    }

    pub fn column_key(&self, table: &str, column: &str) -> Key {
        Key::Column(self.schema.clone(), table.to_owned(), column.to_owned())
    }

    pub fn constraint_key(&self, table: &str, name: &str) -> Key {
        Key::Constraint(self.schema.clone(), table.to_owned(), name.to_owned())
    }

    pub fn policy_key(&self, table: &str, name: &str) -> Key {
        Key::Policy(self.schema.clone(), table.to_owned(), name.to_owned())
    }

    pub fn index_key(&self, name: &str) -> Key {
        Key::Index(self.schema.clone(), name.to_owned())
    }

    pub fn sequence_key(&self, name: &str) -> Key {
        Key::Sequence(self.schema.clone(), name.to_owned())
    }

    pub fn view_key(&self, name: &str) -> Key {
        Key::View(self.schema.clone(), name.to_owned())
    }

    pub fn routine_key(&self, identity: &str) -> Key {
        Key::Routine(self.schema.clone(), identity.to_owned())
    }

    pub fn trigger_key(&self, table: &str, name: &str) -> Key {
        Key::Trigger(self.schema.clone(), table.to_owned(), name.to_owned())
    }

    pub fn rule_key(&self, table: &str, name: &str) -> Key {
        Key::Rule(self.schema.clone(), table.to_owned(), name.to_owned())
    }

    pub fn statistics_key(&self, name: &str) -> Key {
        Key::Statistics(self.schema.clone(), name.to_owned())
    }

    pub fn collation_key(&self, name: &str) -> Key {
        Key::Collation(self.schema.clone(), name.to_owned())
    }

    pub fn type_key(&self, name: &str) -> Key {
        Key::Type(self.schema.clone(), name.to_owned())
    }
}

/// Storage parameters to RESET and to SET so that the result is `new`, in `new`'s order:
/// PostgreSQL keeps the options a SET does not name in place and appends the ones it names, so
/// only the longest run of `new` that `old` already holds in that order can stay untouched.
pub fn storage_parameter_changes(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let name = |o: &String| crate::model::split_option(o).0.to_owned();
    let new_names: BTreeSet<String> = new.iter().map(name).collect();
    let reset: Vec<String> = old
        .iter()
        .filter(|o| !new_names.contains(&name(o)))
        .cloned()
        .collect();
    let mut kept = 0;
    let mut last_position = None;
    for option in new {
        match old.iter().position(|o| o == option) {
            Some(p) if last_position.is_none_or(|last| p > last) => {
                last_position = Some(p);
                kept += 1;
            }
            _ => break,
        }
    }
    // an old option between two kept ones that the new list drops is reset, not in the way
    (reset, new[kept..].to_vec())
}

/// (schema, table)
type TableName = (String, String);
/// (schema, table, column)
type ColumnName = (String, String, String);

fn table_name(schema: &str, table: &str) -> TableName {
    (schema.to_owned(), table.to_owned())
}

fn column_name(schema: &str, table: &str, column: &str) -> ColumnName {
    (schema.to_owned(), table.to_owned(), column.to_owned())
}

/// Everything the diff decides before any kind writes a step, across schemas, and never changed
/// afterwards (`Decisions::decide`): what becomes of the tables and columns, which types and
/// collations are made again, what every kind takes away by its own change, and what the
/// source's graph says must be made again around that.
#[derive(Debug, Default)]
pub struct Decisions {
    /// `with_privileges`: the grants on the schemas' objects are compared too.
    pub with_privileges: bool,
    pub created: BTreeSet<TableName>,
    pub dropped: BTreeSet<TableName>,
    /// Columns of kept tables that go away for good.
    pub dropped_columns: BTreeSet<ColumnName>,
    /// Columns dropped and added again: whatever used the old column went with it.
    pub rebuilt_columns: BTreeSet<ColumnName>,
    /// Columns whose type or collation changes: what uses them is made again around the change
    /// (through the graph), since PostgreSQL either refuses the change (a view, a foreign key
    /// whose other side has not changed yet) or keeps a definition the target would not spell
    /// the same (an index, a CHECK).
    pub retyped_columns: BTreeSet<ColumnName>,
    /// Columns of a type that is made again (`types::rebuilt`): moved to the new type in place.
    pub recast_columns: BTreeMap<ColumnName, Recast>,
    /// Types made again under their own name (`types::rebuilt`), each with whether some
    /// values may not convert.
    pub rebuilt_types: BTreeMap<Key, bool>,
    /// Collations made again under their own name (`collations::rebuilt`).
    pub rebuilt_collations: BTreeSet<Key>,
    /// What every kind takes away by its own change (`ObjectKind::going_away`).
    pub going_away: BTreeSet<Key>,
    /// Objects that need something going away (`Graph::dependents`): dropped before it and
    /// made again after, as the target has them. A column here stands for its default.
    pub remade: BTreeSet<Key>,
    /// Generated columns that call a routine made again: dropped and added again
    /// (`columns::remade_default_fates`).
    pub regenerated_columns: BTreeSet<ColumnName>,
}

impl Decisions {
    /// Decides, for all schema pairs at once (a foreign key may join two schemas and must hear
    /// what happens to the key it relies on in the other one): first the types and collations
    /// made again (a column of one moves over to it), then the tables' and columns' fates,
    /// then what every kind takes away, then what the graph says goes with it. An object of a
    /// kind the plan cannot make (a trigger, an operator) that needs something going away
    /// refuses the plan. `released`: the event triggers the plan drops itself.
    fn decide(
        pairs: &[Pair],
        source: &Graph,
        with_privileges: bool,
        released: &BTreeSet<Key>,
    ) -> Result<Self, Error> {
        let schemas: Vec<(&Schema, &Schema)> = pairs.iter().map(|p| (p.from, p.to)).collect();
        let mut decided = Decisions {
            with_privileges,
            ..Decisions::default()
        };
        decided.rebuilt_types = types::rebuilt(&schemas, source, &mut decided);
        decided.rebuilt_collations = collations::rebuilt(&schemas, &mut decided);
        for pair in pairs {
            tables::decide(&pair.cx, pair.from, pair.to, &mut decided);
        }
        let mut going_away = BTreeSet::new();
        for kind in kinds::KINDS {
            for pair in pairs {
                going_away.extend(kind.going_away(pair, &decided));
            }
        }
        decided.remade = source.dependents(&going_away);
        // a trigger or operator cannot be made again: what it calls must stay (`remade` holds
        // every such object that needs something going away)
        let mut dropped = going_away.clone();
        dropped.extend(decided.remade.iter().cloned());
        if let Some((object, needed)) = source.blocked(&dropped, released) {
            return Err(Error::NotComparedDependent {
                object,
                needed: needed.display(),
            });
        }
        decided.going_away = going_away;
        let mut regenerated = Vec::new();
        for pair in pairs {
            for (table, column, fate) in
                columns::remade_default_fates(&pair.cx, pair.from, pair.to, &decided)
            {
                if let columns::RemadeDefault::Regenerated(..) = fate {
                    regenerated.push(column_name(&pair.cx.schema, table, column));
                }
            }
        }
        decided.regenerated_columns.extend(regenerated);
        Ok(decided)
    }

    /// The object, on both sides, is dropped and made again by the plan: it comes back with
    /// the grants and comment a new object has. A table or sequence never is; a type when it
    /// is made again under its name; a column when it is made again or regenerated; anything
    /// else when it goes away by its own change or is remade around something else.
    pub fn made_again(&self, key: &Key) -> bool {
        match key {
            Key::Type(..) => self.rebuilt_types.contains_key(key),
            Key::Column(s, t, c) => {
                let column = column_name(s, t, c);
                self.rebuilt_columns.contains(&column) || self.regenerated_columns.contains(&column)
            }
            Key::Table(..) | Key::Sequence(..) => false,
            _ => self.going_away.contains(key) || self.remade.contains(key),
        }
    }

    /// The tables and columns of `schema` the plan drops, or changes under what reads them.
    fn tables_going_away_in(&self, schema: &str) -> Vec<Key> {
        let tables = self
            .dropped
            .iter()
            .map(|(s, t)| Key::Table(s.clone(), t.clone()));
        let columns = self
            .dropped_columns
            .iter()
            .chain(&self.rebuilt_columns)
            .chain(&self.retyped_columns);
        tables
            .chain(columns.map(|(s, t, c)| Key::Column(s.clone(), t.clone(), c.clone())))
            .filter(|key| matches!(key, Key::Table(s, _) | Key::Column(s, ..) if s == schema))
            .collect()
    }
}

/// How a column moves to a type that is made again under the same name.
#[derive(Debug, Clone)]
pub struct Recast {
    /// How the values convert: through their text, or field by field for a composite type;
    /// `None` when no expression can, and the column is dropped and added again.
    pub using: Option<crate::change::Conversion>,
    /// Some values may not convert: a label removed from an enum, a narrower base type.
    pub loses_data: bool,
}

impl Decisions {
    pub fn is_created(&self, schema: &str, table: &str) -> bool {
        self.created.contains(&table_name(schema, table))
    }

    pub fn is_dropped(&self, schema: &str, table: &str) -> bool {
        self.dropped.contains(&table_name(schema, table))
    }

    /// The source's column will not survive the plan: its table or itself is dropped.
    pub fn column_goes_away(&self, schema: &str, table: &str, column: &str) -> bool {
        let key = column_name(schema, table, column);
        self.is_dropped(schema, table)
            || self.dropped_columns.contains(&key)
            || self.rebuilt_columns.contains(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_up_sorts_objects_into_added_removed_and_kept() {
        let from = ["a", "b", "c"];
        let to = ["b", "d", "c"];
        let pairs = pair_up(&from, &to, |s| *s);
        assert_eq!(pairs.added, vec![&"d"]);
        assert_eq!(pairs.removed, vec![&"a"]);
        assert_eq!(pairs.kept, vec![(&"b", &"b"), (&"c", &"c")]);
    }
}

/// The diff stage on hand-written models: no server needed.
#[cfg(test)]
mod stage_tests {
    use serde_json::{Value, json};

    use super::schemas;
    use crate::model::Schema;
    use crate::plan::{self, Hazard, Step};

    fn column(name: &str, position: i32, data_type: &str, extra: Value) -> Value {
        let mut c = json!({
            "name": name, "position": position, "type": data_type, "collation": null, "not_null": false,
            "default": null, "generated": null, "identity": null, "storage": "p", "type_storage": "p",
            "statistics": null
        });
        if let (Some(c), Some(extra)) = (c.as_object_mut(), extra.as_object()) {
            c.extend(extra.clone());
        }
        c
    }

    fn table(name: &str, columns: Vec<Value>) -> Value {
        json!({ "name": name, "persistence": "p", "options": [], "toast_options": [], "columns": columns })
    }

    fn schema(
        name: &str,
        tables: Vec<Value>,
        constraints: Vec<Value>,
        indexes: Vec<Value>,
        sequences: Vec<Value>,
    ) -> Schema {
        serde_json::from_value(json!({
            "name": name, "tables": tables, "constraints": constraints, "indexes": indexes, "sequences": sequences
        }))
        .unwrap()
    }

    fn plan(from: &Schema, to: &Schema) -> Vec<Step> {
        let mut steps = plan::build(
            schemas(from, to, false).unwrap(),
            &crate::catalog::search_path_for(&from.name),
        )
        .unwrap();
        crate::ddl::render(&mut steps).unwrap();
        steps
    }

    #[test]
    fn a_type_is_dropped_after_its_column_moves_off_it_by_an_edge_not_a_phase() {
        // the column goes from the enum to text, and the enum goes: the drop (a teardown) must
        // follow the ALTER (a build-up)
        let with_enum = |name: &str, data_type: &str, enum_too: bool| -> Schema {
            let mut schema = json!({
                "name": name, "constraints": [], "indexes": [], "sequences": [],
                "tables": [table("t", vec![column("c", 1, data_type, json!({}))])],
            });
            if enum_too {
                schema["types"] = json!([{ "name": "mood", "kind": "enum", "values": ["ok"] }]);
                schema["dependencies"] = json!([{
                    "object": { "kind": "column", "name": "t", "part": "c" },
                    "on": { "kind": "type", "name": "mood" }
                }]);
            }
            serde_json::from_value(schema).unwrap()
        };
        let from = with_enum("app", "mood", true);
        let to = with_enum("next", "text", false);
        let steps = schemas(&from, &to, false).unwrap();
        // the tie-break reversed and blind to phases: only the edges order the plan
        let reversed =
            |_: &Step, position: usize| (crate::plan::Phase::Preamble, usize::MAX - position);
        let mut ordered = crate::plan::order_by(steps, &reversed).unwrap();
        crate::ddl::render(&mut ordered).unwrap();
        assert_eq!(
            statements(&ordered),
            [
                r#"ALTER TABLE "app"."t" ALTER COLUMN "c" TYPE text USING "c"::text::text;"#,
                r#"DROP TYPE "app"."mood";"#
            ]
        );
    }

    fn statements(steps: &[Step]) -> Vec<&str> {
        steps.iter().map(|s| s.statement.as_str()).collect()
    }

    fn primary_key(table: &str, column: &str) -> Value {
        json!({ "table": table, "name": format!("{table}_pkey"), "type": "p",
                "definition": format!("PRIMARY KEY ({column})"), "validated": true, "deferrable": false,
                "deferred": false, "index_name": format!("{table}_pkey"), "index_options": [],
                "columns": [column], "references": null })
    }

    fn foreign_key(table: &str, column: &str, parent: &str) -> Value {
        json!({ "table": table, "name": format!("{table}_{column}_fkey"), "type": "f",
                "definition": format!("FOREIGN KEY ({column}) REFERENCES {parent}(id)"), "validated": true,
                "deferrable": false, "deferred": false, "index_name": null, "index_options": [],
                "columns": [column],
                "references": { "schema": null, "table": parent, "columns": ["id"], "index": format!("{parent}_pkey") } })
    }

    #[test]
    fn the_same_tables_in_two_schemas_need_no_steps() {
        let tables = || vec![table("t", vec![column("id", 1, "integer", json!({}))])];
        assert!(
            plan(
                &schema("a", tables(), vec![], vec![], vec![]),
                &schema("b", tables(), vec![], vec![], vec![])
            )
            .is_empty()
        );
    }

    #[test]
    fn a_dropped_column_loses_data_and_an_added_one_does_not() {
        let from = schema(
            "app",
            vec![table("t", vec![column("old", 1, "text", json!({}))])],
            vec![],
            vec![],
            vec![],
        );
        let to = schema(
            "next",
            vec![table(
                "t",
                vec![column("new", 1, "text", json!({"not_null": true}))],
            )],
            vec![],
            vec![],
            vec![],
        );
        let steps = plan(&from, &to);
        assert_eq!(
            statements(&steps)[1..],
            [
                r#"ALTER TABLE "app"."t" DROP COLUMN "old";"#,
                r#"ALTER TABLE "app"."t" ADD COLUMN "new" text NOT NULL;"#
            ]
        );
        // a column of the same type added: perhaps it was a rename
        assert_eq!(
            steps[1].hazards,
            [
                Hazard::DataLoss,
                Hazard::BlocksWrites,
                Hazard::BlocksReads,
                Hazard::PossibleRename
            ]
        );
        // no data lost, but NOT NULL with nothing to fill it fails on a table with rows
        assert_eq!(
            steps[2].hazards,
            [
                Hazard::FailsOnExistingRows,
                Hazard::BlocksWrites,
                Hazard::BlocksReads,
                Hazard::PossibleRename
            ]
        );
    }

    #[test]
    fn foreign_keys_between_new_tables_come_after_both_tables() {
        let tables = vec![
            table(
                "a",
                vec![
                    column("id", 1, "integer", json!({})),
                    column("b_id", 2, "integer", json!({})),
                ],
            ),
            table(
                "b",
                vec![
                    column("id", 1, "integer", json!({})),
                    column("a_id", 2, "integer", json!({})),
                ],
            ),
        ];
        let constraints = vec![
            primary_key("a", "id"),
            primary_key("b", "id"),
            foreign_key("a", "b_id", "b"),
            foreign_key("b", "a_id", "a"),
        ];
        let steps = plan(
            &schema("s", vec![], vec![], vec![], vec![]),
            &schema("t", tables, constraints, vec![], vec![]),
        );
        let position = |needle: &str| {
            steps
                .iter()
                .position(|s| s.statement.contains(needle))
                .unwrap()
        };
        assert!(position("CREATE TABLE \"s\".\"b\"") < position("\"a_b_id_fkey\""));
        assert!(position("CREATE TABLE \"s\".\"a\"") < position("\"b_a_id_fkey\""));
        assert!(position("\"a_pkey\" PRIMARY KEY") < position("\"b_a_id_fkey\""));
        // new tables hold no rows: nothing to validate apart
        assert!(!steps.iter().any(|s| s.statement.contains("VALIDATE")));
    }

    #[test]
    fn a_foreign_key_is_dropped_before_its_key_and_added_after() {
        let tables = || {
            vec![
                table(
                    "parent",
                    vec![
                        column("id", 1, "integer", json!({})),
                        column("code", 2, "text", json!({})),
                    ],
                ),
                table("child", vec![column("parent_id", 1, "integer", json!({}))]),
            ]
        };
        let mut wider = primary_key("parent", "id");
        wider["definition"] = json!("PRIMARY KEY (id) DEFERRABLE");
        let from = schema(
            "s",
            tables(),
            vec![
                primary_key("parent", "id"),
                foreign_key("child", "parent_id", "parent"),
            ],
            vec![],
            vec![],
        );
        let to = schema(
            "t",
            tables(),
            vec![wider, foreign_key("child", "parent_id", "parent")],
            vec![],
            vec![],
        );
        assert_eq!(
            statements(&plan(&from, &to))[1..],
            [
                r#"ALTER TABLE "s"."child" DROP CONSTRAINT "child_parent_id_fkey";"#,
                r#"ALTER TABLE "s"."parent" DROP CONSTRAINT "parent_pkey";"#,
                r#"ALTER TABLE "s"."parent" ADD CONSTRAINT "parent_pkey" PRIMARY KEY (id) DEFERRABLE;"#,
                r#"ALTER TABLE "s"."child" ADD CONSTRAINT "child_parent_id_fkey" FOREIGN KEY (parent_id) REFERENCES parent(id) NOT VALID;"#,
                r#"ALTER TABLE "s"."child" VALIDATE CONSTRAINT "child_parent_id_fkey";"#,
            ]
        );
    }

    #[test]
    fn a_changed_generation_expression_remakes_the_column_and_its_index() {
        let index = json!({ "name": "t_g_idx", "table": "t", "unique": false, "method": "btree",
                            "definition": "(g)", "columns": ["g"] });
        let with = |expression: &str| {
            vec![table(
                "t",
                vec![
                    column("a", 1, "integer", json!({})),
                    column("g", 2, "integer", json!({"generated": expression})),
                ],
            )]
        };
        let from = schema("s", with("(a * 2)"), vec![], vec![index.clone()], vec![]);
        let to = schema("t", with("(a * 3)"), vec![], vec![index], vec![]);
        let steps = plan(&from, &to);
        assert_eq!(
            statements(&steps)[1..],
            [
                r#"DROP INDEX "s"."t_g_idx";"#,
                r#"ALTER TABLE "s"."t" DROP COLUMN "g";"#,
                r#"ALTER TABLE "s"."t" ADD COLUMN "g" integer GENERATED ALWAYS AS ((a * 3)) STORED;"#,
                r#"CREATE INDEX "t_g_idx" ON "s"."t" USING "btree" (g);"#,
            ]
        );
        // the values are computed again: nothing is lost
        assert!(steps.iter().all(|s| !s.has_hazard(Hazard::DataLoss)));
    }

    #[test]
    fn grants_wait_for_their_object_and_nothing_waits_for_grants() {
        let mut granted = table("t", vec![column("id", 1, "integer", json!({}))]);
        granted["privileges"] =
            json!([{"grantee": "reader", "privilege": "SELECT", "grantable": false}]);
        let mut wider = granted.clone();
        wider["columns"] = json!([
            column("id", 1, "bigint", json!({})),
            column("added", 2, "text", json!({}))
        ]);
        wider["privileges"] =
            json!([{"grantee": "reader", "privilege": "INSERT", "grantable": false}]);
        let from = schema("s", vec![granted], vec![], vec![], vec![]);
        let to = schema(
            "t",
            vec![wider],
            vec![primary_key("t", "id")],
            vec![],
            vec![],
        );
        let mut steps = plan::build(
            super::schema_pairs(&[(&from, &to)], true, &std::collections::BTreeSet::new()).unwrap(),
            "pg_catalog",
        )
        .unwrap();
        crate::ddl::render(&mut steps).unwrap();
        let kinds: Vec<&str> = steps.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "setting",
                "column",
                "column",
                "constraint",
                "privilege",
                "privilege"
            ]
        );
        assert_eq!(
            steps[4].statement,
            r#"REVOKE SELECT ON TABLE "s"."t" FROM "reader";"#
        );
        assert_eq!(
            steps[5].statement,
            r#"GRANT INSERT ON TABLE "s"."t" TO "reader";"#
        );
    }

    fn view(name: &str, definition: &str, columns: Value) -> Value {
        json!({ "name": name, "materialized": false, "definition": definition, "options": [], "populated": true,
                "columns": columns })
    }

    #[test]
    fn views_over_a_column_that_changes_type_are_dropped_before_it_and_made_again_after() {
        let with = |data_type: &str| {
            let mut schema = schema(
                "s",
                vec![table("t", vec![column("amount", 1, data_type, json!({}))])],
                vec![],
                vec![],
                vec![],
            );
            let extra: Schema = serde_json::from_value(json!({
                "name": "s", "tables": [], "constraints": [], "indexes": [], "sequences": [],
                "views": [
                    view("base", " SELECT t.amount FROM t", json!([{"name": "amount", "type": data_type, "default": null}])),
                    view("top", " SELECT base.amount FROM base", json!([{"name": "amount", "type": data_type, "default": null}]))
                ],
                "dependencies": [
                    {"object": {"kind": "view", "name": "base"}, "on": {"kind": "column", "name": "t", "part": "amount"}},
                    {"object": {"kind": "view", "name": "top"}, "on": {"kind": "view", "name": "base"}}
                ]
            }))
            .unwrap();
            schema.views = extra.views;
            schema.dependencies = extra.dependencies;
            schema
        };
        let mut to = with("bigint");
        to.name = "t".into();
        assert_eq!(
            statements(&plan(&with("integer"), &to))[1..],
            [
                r#"DROP VIEW "s"."top";"#,
                r#"DROP VIEW "s"."base";"#,
                r#"ALTER TABLE "s"."t" ALTER COLUMN "amount" TYPE bigint;"#,
                "CREATE VIEW \"s\".\"base\" AS\nSELECT t.amount FROM t;",
                "CREATE VIEW \"s\".\"top\" AS\nSELECT base.amount FROM base;",
            ]
        );
    }

    #[test]
    fn a_sequence_that_outlives_its_table_is_released_first() {
        let sequence = |owned: bool| {
            json!({
                "name": "t_id_seq", "data_type": "integer", "start": 1, "increment": 1, "min": 1,
                "max": 2147483647, "cache": 1, "cycle": false, "persistence": "p",
                "owned_by": if owned { json!({"table": "t", "column": "id"}) } else { Value::Null }
            })
        };
        let from = schema(
            "s",
            vec![table("t", vec![column("id", 1, "integer", json!({}))])],
            vec![],
            vec![],
            vec![sequence(true)],
        );
        let kept = schema("t", vec![], vec![], vec![], vec![sequence(false)]);
        assert_eq!(
            statements(&plan(&from, &kept))[1..],
            [
                r#"ALTER SEQUENCE "s"."t_id_seq" OWNED BY NONE;"#,
                r#"DROP TABLE "s"."t";"#
            ]
        );
        // gone in the target too: DROP TABLE takes the owned sequence along
        let gone = schema("t", vec![], vec![], vec![], vec![]);
        assert_eq!(
            statements(&plan(&from, &gone))[1..],
            [r#"DROP TABLE "s"."t";"#]
        );
    }
}
