//! Compare two models and produce the steps that turn the first into the second.
//!
//! Each kind pairs its objects by key (names relative to the schema), then says what to do for
//! the added, the removed and the changed. In between, one rule: whatever the plan drops, for
//! good or to make again (a table, a column, a column whose type changes, a view or routine that
//! cannot be replaced in place), takes down everything that needs it, as the source's dependency
//! graph says, transitively: those are dropped before it and made again after
//! (`Decisions::remade`). Finally every step is ordered after what its object needs: the
//! source's graph for what goes away, the target's for what is made.

mod attach;
mod children;
mod collations;
mod column_fates;
mod columns;
mod comments;
mod constraints;
mod database;
mod indexes;
mod kinds;
mod normalize;
pub mod owners;
mod policies;
mod privileges;
mod publications;
mod rebuilt;
mod remade_defaults;
mod routines;
mod rules;
mod sequences;
mod servers;
mod statistics;
mod tables;
mod trees;
mod triggers;
mod type_changes;
mod types;
pub mod uncompared;
mod views;

pub use database::{Options, databases};

use std::collections::{BTreeMap, BTreeSet};

use crate::change::Cx;
use crate::error::Error;
use crate::graph::Graph;
use crate::model::{Database, Schema};
use crate::plan::{Action, Key, Phase, Step};

/// The steps that make `from` look like `to`, in no particular order: `plan::build` orders them.
/// The statements name `from`'s schema. `with_privileges`: the grants on the objects of the
/// schemas (not on the schemas themselves, two distinct schemas) are compared too; `with_owners`:
/// their owners, likewise (`owners`); `lock_safe`: the changes take the forms that let reads and writes go on (`Decisions`).
pub fn schemas(
    from: &Schema,
    to: &Schema,
    with_privileges: bool,
    with_owners: bool,
    lock_safe: bool,
    conversions: &Conversions,
) -> Result<Vec<Step>, Error> {
    schema_pairs(
        &[(from, to)],
        with_privileges,
        with_owners,
        lock_safe,
        conversions,
        &BTreeSet::new(),
    )
}

/// How the values of a column whose type changes are converted, beyond what the two types say:
/// asked of the server and of the caller before the diff (`api::conversions`), since the diff
/// itself runs no SQL.
#[derive(Debug, Clone, Default)]
pub struct Conversions {
    /// (old, new) type names, as the models spell them, that PostgreSQL has no cast between
    /// (`bigint` to `timestamp`): a column so changed, with no `using` of its own, is dropped
    /// and added again (data_loss), rather than given an ALTER ... TYPE that fails halfway.
    pub castless: BTreeSet<(String, String)>,
    /// The caller's USING expressions, by column (source schema, table, column).
    pub using: BTreeMap<ColumnName, String>,
    /// New NOT NULL columns of kept tables that a hook of the caller's fills after their ADD:
    /// added without NOT NULL, which a later step sets (`hooks`).
    pub filled_later: BTreeSet<ColumnName>,
}

/// The (old, new) type names of the columns of kept tables whose type changes: what
/// `Conversions::castless` is asked about.
pub fn changed_column_types(pairs: &[(&Schema, &Schema)]) -> BTreeSet<(String, String)> {
    let mut changed = BTreeSet::new();
    for (from, to) in pairs {
        let tables = pair_up(&from.tables, &to.tables, |t| t.name.clone());
        for (old, new) in tables.kept {
            let columns = pair_up(&old.columns, &new.columns, |c| c.name.clone());
            for (a, b) in columns.kept {
                if a.data_type != b.data_type {
                    changed.insert((a.data_type.clone(), b.data_type.clone()));
                }
            }
        }
    }
    changed
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
    let mut identities: Vec<String> = steps.into_iter().map(named).collect();
    identities.sort();
    identities.dedup();
    identities
}

/// The global default privileges, and the grants on wrappers and servers, that differ between
/// two databases, when privileges are not compared: named in the WARNING like grants.
pub fn global_default_privileges_not_compared(from: &Database, to: &Database) -> Vec<String> {
    let mut steps = Vec::new();
    privileges::default_privileges(
        None,
        &from.default_privileges,
        &to.default_privileges,
        &mut steps,
    );
    servers::grants(from, to, &Default::default(), true, &mut steps);
    let mut identities: Vec<String> = steps.into_iter().map(named).collect();
    identities.dedup();
    identities
}

/// A grant's row as the WARNING names it: `public.t to app`, `default privileges for role
/// app in public on tables to reader`.
fn named(step: Step) -> String {
    if step.kind == crate::change::Kind::DefaultPrivileges {
        format!("default privileges {}", step.identity)
    } else {
        step.identity
    }
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
    with_owners: bool,
    lock_safe: bool,
    conversions: &Conversions,
    released: &BTreeSet<Key>,
) -> Result<Vec<Step>, Error> {
    // partitions and inheritance children as their parents' own statements leave them
    let others = trees::OtherParents::of(pairs);
    let attached = trees::attached_indexes(pairs);
    let compared: Vec<(Option<Schema>, Option<Schema>, Vec<rebuilt::Rebuilt>)> = pairs
        .iter()
        .map(|(from, to)| trees::compared(from, to, &others))
        .collect();
    let rebuilt: Vec<(String, rebuilt::Rebuilt)> = pairs
        .iter()
        .zip(&compared)
        .flat_map(|((from, _), (_, _, rebuilt))| {
            rebuilt.iter().map(|r| (from.name.clone(), r.clone()))
        })
        .collect();
    let pairs: Vec<(&Schema, &Schema)> = pairs
        .iter()
        .zip(&compared)
        .map(|((from, to), (source, target, _))| {
            (
                source.as_ref().unwrap_or(from),
                target.as_ref().unwrap_or(to),
            )
        })
        .collect();
    let pairs = pairs.as_slice();
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
    let mut decided = Decisions::decide(
        &pairs_of,
        &source,
        with_privileges,
        conversions,
        released,
        rebuilt,
    )?;
    decided.lock_safe = lock_safe;
    decided.with_owners = with_owners;
    decided.other_parents = others;
    decided.attached_indexes = attached;
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

/// `OPTIONS (...)` changes that take a foreign table's (or column's) generic options from `old`
/// to `new`, in `new`'s order, which is the order `pg_dump` writes: `ADD` appends and `SET`
/// changes in place, so the options kept in their order are set, and from the first one out of
/// order on, every option is dropped and added again.
pub fn generic_option_changes(old: &[String], new: &[String]) -> Vec<crate::change::GenericOption> {
    use crate::model::split_option;
    let name = |o: &String| split_option(o).0.to_owned();
    let new_names: Vec<String> = new.iter().map(name).collect();
    let kept: Vec<&String> = old
        .iter()
        .filter(|o| new_names.contains(&name(o)))
        .collect();
    let in_order = kept
        .iter()
        .zip(&new_names)
        .take_while(|(o, n)| name(o) == **n)
        .count();
    let mut changes = Vec::new();
    for option in old {
        let position = new_names.iter().position(|n| *n == name(option));
        match position {
            Some(p) if p < in_order => {
                if new[p] != *option {
                    changes.push(crate::change::GenericOption::Set(new[p].clone()));
                }
            }
            _ => changes.push(crate::change::GenericOption::Drop(name(option))),
        }
    }
    changes.extend(
        new[in_order..]
            .iter()
            .cloned()
            .map(crate::change::GenericOption::Add),
    );
    changes
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
pub type ColumnName = (String, String, String);

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
    /// `with_owners`: the owners of the schemas' objects are compared too (`owners`).
    pub with_owners: bool,
    /// `lock_safe`: on a table that exists, indexes are built and dropped concurrently (a
    /// changed one built beside the old one first), a PRIMARY KEY or UNIQUE takes an index built
    /// so, and SET NOT NULL relies on a CHECK validated under a light lock.
    pub lock_safe: bool,
    /// What the server cannot cast, and the caller's USING expressions.
    pub conversions: Conversions,
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
    /// (`remade_defaults::remade_default_fates`).
    pub regenerated_columns: BTreeSet<ColumnName>,
    /// Tables made again because their partition key changes, by schema (`rebuilt::Rebuilt`):
    /// the diff sees them as new (the source it compares lacks them), and `tables` drops them.
    pub rebuilt_tables: Vec<(String, rebuilt::Rebuilt)>,
    /// The parents in another compared schema of the tables compared (`trees::OtherParents`).
    pub other_parents: trees::OtherParents,
    /// The target's indexes of partitions attached to an index of their parent, by the
    /// parent's index (schema, name): what a lock-safe plan builds under a new index of a
    /// partitioned table (`indexes`).
    pub attached_indexes: BTreeMap<(String, String), Vec<crate::model::Index>>,
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
        conversions: &Conversions,
        released: &BTreeSet<Key>,
        rebuilt: Vec<(String, rebuilt::Rebuilt)>,
    ) -> Result<Self, Error> {
        let schemas: Vec<(&Schema, &Schema)> = pairs.iter().map(|p| (p.from, p.to)).collect();
        let mut decided = Decisions {
            with_privileges,
            conversions: conversions.clone(),
            rebuilt_tables: rebuilt,
            ..Decisions::default()
        };
        decided.rebuilt_types = types::rebuilt(&schemas, source, &mut decided);
        decided.rebuilt_collations = collations::rebuilt(&schemas, &mut decided);
        for pair in pairs {
            tables::refuse_foreign_changes(&pair.cx, pair.from, pair.to)?;
        }
        for pair in pairs {
            tables::decide(&pair.cx, pair.from, pair.to, &mut decided);
        }
        // a table made again takes its partitions and what reads any of them down with it
        let mut going_away = BTreeSet::new();
        for (schema, rebuilt) in &decided.rebuilt_tables {
            going_away.insert(Key::Table(schema.clone(), rebuilt.table.name.clone()));
            going_away.extend(rebuilt.along.iter().cloned());
        }
        let dropped: Vec<TableName> = decided
            .rebuilt_tables
            .iter()
            .flat_map(|(schema, rebuilt)| {
                let along = rebuilt.along.iter().filter_map(|k| match k {
                    Key::Table(s, t) => Some(table_name(s, t)),
                    _ => None,
                });
                std::iter::once(table_name(schema, &rebuilt.table.name)).chain(along)
            })
            .collect();
        decided.dropped.extend(dropped);
        for kind in kinds::KINDS {
            for pair in pairs {
                going_away.extend(kind.going_away(pair, &decided));
            }
        }
        // a parent's ALTER TYPE reaches the same column of the partitions and children under
        // it (PostgreSQL carries it down): what reads theirs goes and comes back too
        for pair in pairs {
            going_away.extend(trees::retyped_below(&pair.cx, pair.from, &decided));
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
                remade_defaults::remade_default_fates(&pair.cx, pair.from, pair.to, &decided)
            {
                if let remade_defaults::RemadeDefault::Regenerated(..) = fate {
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
mod stage_tests;
