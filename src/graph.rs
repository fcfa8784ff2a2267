//! The dependency graph of one side of a diff: which object needs which.
//!
//! Its edges come from `pg_depend` through the catalog query (`Schema::dependencies`: views,
//! routines, and the defaults, CHECKs and indexes that call a routine) and from the model itself
//! (an index needs the materialized view it is on). Objects are [`Key`]s, so the graph speaks the
//! plan's language: the diff asks it what a dropped or remade object takes down with it
//! ([`Graph::dependents`]), and every step is ordered after what its object needs
//! ([`Graph::needs`]): the source's graph for what goes away, the target's for what is made.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::change::Key;
use crate::model::{DependencyKind, ObjectRef, Schema};

#[derive(Debug, Default)]
pub struct Graph {
    /// object → the objects it needs
    needs: BTreeMap<Key, BTreeSet<Key>>,
    /// object → the objects that need it
    needed_by: BTreeMap<Key, BTreeSet<Key>>,
}

impl Graph {
    /// The graph of some schemas, each with the name its keys take: a diff of two schemas keys
    /// both under the source's name, so that their graphs speak of the same objects.
    pub fn of<'a>(schemas: impl IntoIterator<Item = (&'a Schema, &'a str)> + Clone) -> Self {
        let mut graph = Graph::default();
        // the unique index a foreign key relies on, when it backs a constraint, is that constraint
        let backed: BTreeMap<(String, String), Key> = schemas
            .clone()
            .into_iter()
            .flat_map(|(schema, name)| {
                schema.constraints.iter().filter_map(move |c| {
                    let index = c.index_name.clone()?;
                    Some((
                        (name.to_owned(), index),
                        Key::Constraint(name.to_owned(), c.table.clone(), c.name.clone()),
                    ))
                })
            })
            .collect();
        for (schema, name) in schemas {
            let column = |table: &str, column: &str| {
                Key::Column(name.to_owned(), table.to_owned(), column.to_owned())
            };
            for dependency in &schema.dependencies {
                if let (Some(object), Some(on)) =
                    (key(name, &dependency.object), key(name, &dependency.on))
                {
                    graph.add(object, on);
                }
            }
            // what the model itself says: the columns an index or a constraint uses, the columns
            // and the unique key a foreign key references, the materialized view an index is on
            for index in &schema.indexes {
                let key = Key::Index(name.to_owned(), index.name.clone());
                for c in &index.columns {
                    graph.add(key.clone(), column(&index.table, c));
                }
                if schema.views.iter().any(|v| v.name == index.table) {
                    graph.add(key, Key::View(name.to_owned(), index.table.clone()));
                }
            }
            for constraint in &schema.constraints {
                let key = Key::Constraint(
                    name.to_owned(),
                    constraint.table.clone(),
                    constraint.name.clone(),
                );
                for c in &constraint.columns {
                    graph.add(key.clone(), column(&constraint.table, c));
                }
                if let Some(target) = &constraint.references {
                    let other = target.schema.clone().unwrap_or_else(|| name.to_owned());
                    for c in &target.columns {
                        graph.add(
                            key.clone(),
                            Key::Column(other.clone(), target.table.clone(), c.clone()),
                        );
                    }
                    if let Some(index) = &target.index {
                        let unique = backed.get(&(other.clone(), index.clone())).cloned();
                        graph.add(
                            key.clone(),
                            unique.unwrap_or_else(|| Key::Index(other.clone(), index.clone())),
                        );
                    }
                }
            }
        }
        graph
    }

    pub fn add(&mut self, object: Key, on: Key) {
        if object != on {
            self.needed_by
                .entry(on.clone())
                .or_default()
                .insert(object.clone());
            self.needs.entry(object).or_default().insert(on);
        }
    }

    /// What `key` needs. A table needs what its columns' defaults need: CREATE TABLE makes them.
    pub fn needs(&self, key: &Key) -> Vec<Key> {
        let mut needed: Vec<Key> = self.needs.get(key).into_iter().flatten().cloned().collect();
        if let Key::Table(schema, table) = key {
            for (_, on) in self.columns_of(&self.needs, schema, table) {
                needed.extend(
                    on.iter()
                        .filter(|k| !matches!(k, Key::Column(s, t, _) if s == schema && t == table))
                        .cloned(),
                );
            }
        }
        needed
    }

    /// Every object that needs one of `seeds`, directly or through others: what must be dropped
    /// before them and made again after. A table's seed reaches what needs any of its columns.
    pub fn dependents(&self, seeds: &BTreeSet<Key>) -> BTreeSet<Key> {
        let mut reached = BTreeSet::new();
        let mut queue: VecDeque<&Key> = seeds.iter().collect();
        while let Some(key) = queue.pop_front() {
            let mut direct: Vec<&Key> = self.needed_by.get(key).into_iter().flatten().collect();
            if let Key::Table(schema, table) = key {
                direct.extend(
                    self.columns_of(&self.needed_by, schema, table)
                        .flat_map(|(_, by)| by.iter()),
                );
            }
            for dependent in direct {
                if reached.insert(dependent.clone()) {
                    queue.push_back(dependent);
                }
            }
        }
        reached
    }

    /// The first object of a kind the plan does not make among `dropped` (what goes away and
    /// what `dependents` says goes with it), with what it needs that is dropped. An event trigger
    /// is made only between whole databases, and only when the plan drops it anyway (`released`).
    pub fn blocked(
        &self,
        dropped: &BTreeSet<Key>,
        released: &BTreeSet<Key>,
    ) -> Option<(String, Key)> {
        dropped.iter().find_map(|key| {
            let what = match key {
                Key::NotCompared(what) => what.clone(),
                Key::EventTrigger(_) if !released.contains(key) => key.display(),
                _ => return None,
            };
            Some((
                what,
                self.needs(key).into_iter().find(|n| dropped.contains(n))?,
            ))
        })
    }

    /// The entries of `map` for the columns of one table.
    fn columns_of<'a>(
        &'a self,
        map: &'a BTreeMap<Key, BTreeSet<Key>>,
        schema: &'a str,
        table: &'a str,
    ) -> impl Iterator<Item = (&'a Key, &'a BTreeSet<Key>)> + 'a {
        let first = Key::Column(schema.to_owned(), table.to_owned(), String::new());
        map.range(first..).take_while(
            move |(k, _)| matches!(k, Key::Column(s, t, _) if s == schema && t == table),
        )
    }
}

/// The key of an object the catalog names; `None` for a kind the plan does not make.
fn key(schema: &str, object: &ObjectRef) -> Option<Key> {
    let schema = object.schema.clone().unwrap_or_else(|| schema.to_owned());
    let name = object.name.clone();
    let part = || object.part.clone();
    use DependencyKind as K;
    Some(match &object.kind {
        K::Table => Key::Table(schema, name),
        K::Column | K::Default => Key::Column(schema, name, part()?),
        K::Constraint => Key::Constraint(schema, name, part()?),
        K::Policy => Key::Policy(schema, name, part()?),
        K::Trigger => Key::Trigger(schema, name, part()?),
        K::Rule => Key::Rule(schema, name, part()?),
        K::Index => Key::Index(schema, name),
        K::Sequence => Key::Sequence(schema, name),
        K::View => Key::View(schema, name),
        K::Routine => Key::Routine(schema, name),
        K::Type => Key::Type(schema, name),
        K::Collation => Key::Collation(schema, name),
        K::Statistics => Key::Statistics(schema, name),
        K::NotCompared => Key::NotCompared(name),
        K::EventTrigger => Key::EventTrigger(name),
        K::Other(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(t: &str) -> Key {
        Key::Table("s".into(), t.into())
    }
    fn column(t: &str, c: &str) -> Key {
        Key::Column("s".into(), t.into(), c.into())
    }
    fn view(v: &str) -> Key {
        Key::View("s".into(), v.into())
    }
    fn routine(r: &str) -> Key {
        Key::Routine("s".into(), r.into())
    }

    /// base.a ← v1 ← v2 ← f(); base.b ← other; g() ← t.c's default
    fn graph() -> Graph {
        let mut g = Graph::default();
        g.add(view("v1"), column("base", "a"));
        g.add(view("v2"), view("v1"));
        g.add(routine("f()"), view("v2"));
        g.add(view("other"), column("base", "b"));
        g.add(column("t", "c"), routine("g()"));
        g
    }

    #[test]
    fn a_column_takes_down_what_reads_it_and_everything_built_on_that() {
        let seeds = BTreeSet::from([column("base", "a")]);
        assert_eq!(
            graph().dependents(&seeds),
            BTreeSet::from([view("v1"), view("v2"), routine("f()")])
        );
    }

    #[test]
    fn a_dropped_table_takes_down_what_reads_any_of_its_columns() {
        let seeds = BTreeSet::from([table("base")]);
        let reached = graph().dependents(&seeds);
        assert!(reached.contains(&view("other")) && reached.contains(&routine("f()")));
        assert!(!reached.contains(&column("t", "c")));
    }

    #[test]
    fn a_routine_remade_takes_down_the_defaults_that_call_it() {
        let seeds = BTreeSet::from([routine("g()")]);
        assert_eq!(
            graph().dependents(&seeds),
            BTreeSet::from([column("t", "c")])
        );
    }

    #[test]
    fn an_object_nothing_needs_takes_nothing_down() {
        assert!(
            graph()
                .dependents(&BTreeSet::from([routine("f()")]))
                .is_empty()
        );
    }

    #[test]
    fn a_table_needs_what_its_defaults_call() {
        let g = graph();
        assert_eq!(g.needs(&table("t")), [routine("g()")]);
        assert_eq!(g.needs(&column("t", "c")), [routine("g()")]);
        assert!(g.needs(&table("base")).is_empty());
    }

    #[test]
    fn a_foreign_key_needs_its_columns_the_referenced_columns_and_the_key_it_relies_on() {
        let schema: Schema = serde_json::from_value(serde_json::json!({
            "name": "next", "tables": [], "sequences": [], "indexes": [],
            "constraints": [
                {"table": "parent", "name": "parent_pkey", "type": "p", "definition": "PRIMARY KEY (id)", "validated": true,
                 "deferrable": false, "deferred": false, "index_name": "parent_pkey", "index_options": [], "columns": ["id"],
                 "references": null},
                {"table": "child", "name": "child_fk", "type": "f", "definition": "FOREIGN KEY (p) REFERENCES parent(id)",
                 "validated": true, "deferrable": false, "deferred": false, "index_name": null, "index_options": [],
                 "columns": ["p"], "references": {"schema": null, "table": "parent", "columns": ["id"], "index": "parent_pkey"}}
            ]
        }))
        .unwrap();
        let g = Graph::of([(&schema, "s")]);
        let fk = Key::Constraint("s".into(), "child".into(), "child_fk".into());
        let pkey = Key::Constraint("s".into(), "parent".into(), "parent_pkey".into());
        assert_eq!(
            g.needs(&fk),
            [column("child", "p"), column("parent", "id"), pkey.clone()]
        );
        // the referenced column changes type: the key and the foreign key go down with it
        assert_eq!(
            g.dependents(&BTreeSet::from([column("parent", "id")])),
            BTreeSet::from([pkey, fk])
        );
    }

    #[test]
    fn edges_come_from_the_catalogs_dependencies_and_from_indexes_on_materialized_views() {
        let schema: Schema = serde_json::from_value(serde_json::json!({
            "name": "next", "tables": [], "constraints": [], "sequences": [],
            "indexes": [{"name": "mv_id", "table": "mv", "unique": true, "method": "btree", "definition": "(id)", "columns": ["id"]}],
            "views": [{"name": "mv", "materialized": true, "definition": " SELECT 1 AS id", "options": [], "populated": true, "columns": []}],
            "dependencies": [
                {"object": {"kind": "view", "name": "mv"}, "on": {"kind": "routine", "name": "f(integer)"}},
                {"object": {"kind": "default", "name": "t", "part": "c"}, "on": {"kind": "routine", "schema": "util", "name": "g()"}},
                {"object": {"kind": "view", "name": "mv"}, "on": {"kind": "operator", "name": "+"}}
            ]
        }))
        .unwrap();
        // keyed under the name the diff gives it (the source's)
        let g = Graph::of([(&schema, "s")]);
        assert_eq!(g.needs(&view("mv")), [routine("f(integer)")]);
        assert_eq!(
            g.needs(&Key::Index("s".into(), "mv_id".into())),
            [column("mv", "id"), view("mv")]
        );
        assert_eq!(
            g.needs(&column("t", "c")),
            [Key::Routine("util".into(), "g()".into())]
        );
    }
}
