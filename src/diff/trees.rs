//! Partitions and inheritance: which table hangs under which, and what a parent's own change
//! does to the tables under it.
//!
//! PostgreSQL carries most of a parent's column changes down its tree by itself (ADD and DROP
//! COLUMN, ALTER TYPE, SET and DROP DEFAULT, SET and DROP NOT NULL, SET STORAGE and STATISTICS),
//! and refuses some of them on a partition alone. So the plan changes the parent only, and
//! compares each table under it with what the parent's statements will have made of it
//! (`as_parents_leave_it`): what is left is the child's own (a default of its own, say).

use std::collections::{BTreeMap, BTreeSet};

use super::{Decisions, columns, pair_up};
use crate::change::Cx;
use crate::model::{Column, Constraint, ConstraintType, Index, Parent, Schema, Table};
use crate::plan::{ConstraintKind, Key, Kind, Operation, Phase, Step};

/// The tables of other compared schemas that a table hangs under (a partition whose parent is
/// in another schema), as each side has them: PostgreSQL carries their statements down to it
/// as to a table under a parent of its own schema. Between two schemas of one database, a
/// parent outside both is the same table on both sides, and is not here.
#[derive(Debug, Default, Clone)]
pub struct OtherParents(BTreeMap<(String, String), (Option<Table>, Option<Table>)>);

impl OtherParents {
    /// The parents in another schema of the tables of `pairs` (each pair keyed by the source's
    /// name, which a parent's schema names between whole databases).
    pub fn of(pairs: &[(&Schema, &Schema)]) -> Self {
        let mut found = BTreeMap::new();
        for (from, to) in pairs {
            for table in from.tables.iter().chain(&to.tables) {
                for parent in table.parents() {
                    let Some(schema) = parent.schema else {
                        continue;
                    };
                    let Some((old, new)) = pairs.iter().find(|(f, _)| f.name == schema) else {
                        continue;
                    };
                    let find =
                        |s: &Schema| s.tables.iter().find(|t| t.name == parent.table).cloned();
                    found.insert((schema, parent.table.clone()), (find(old), find(new)));
                }
            }
        }
        OtherParents(found)
    }

    fn get(&self, parent: &Parent) -> Option<&(Option<Table>, Option<Table>)> {
        let schema = parent.schema.clone()?;
        self.0.get(&(schema, parent.table.clone()))
    }
}

/// The target's partition indexes attached to an index of their parent, by the parent's index
/// (the source's schema name, the index's name).
pub fn attached_indexes(pairs: &[(&Schema, &Schema)]) -> BTreeMap<(String, String), Vec<Index>> {
    let mut found: BTreeMap<(String, String), Vec<Index>> = BTreeMap::new();
    for (from, to) in pairs {
        for index in &to.indexes {
            if let Some(parent) = &index.attached_to {
                found
                    .entry((from.name.clone(), parent.clone()))
                    .or_default()
                    .push(index.clone());
            }
        }
    }
    found
}

/// A parent of a table of `schema` as the target has it: of the same schema, or another
/// compared one.
pub fn target_parent<'a>(
    to: &'a Schema,
    others: &'a OtherParents,
    parent: &Parent,
) -> Option<&'a Table> {
    match &parent.schema {
        None => to.tables.iter().find(|t| t.name == parent.table),
        Some(_) => others.get(parent).and_then(|(_, new)| new.as_ref()),
    }
}

/// The two schemas as the diff compares them (`None` where one is as read), and the tables made
/// again. The target without what its partitions and children have from their parents (their
/// parents' statements make it, or ATTACH and INHERIT do); the source without the tables made
/// again (`Rebuilt`) and what hangs off them, so that they are made as new, and otherwise
/// likewise where a table stays under the same parent (detached and attached again under
/// another bound, it keeps them), but with them as its own where it leaves its parent for good
/// (DETACH and NO INHERIT leave them to it), and its columns `as_parents_leave_it`.
pub fn compared(
    from: &Schema,
    to: &Schema,
    others: &OtherParents,
) -> (Option<Schema>, Option<Schema>, Vec<super::rebuilt::Rebuilt>) {
    let (rebuilt, without_rebuilt) = super::rebuilt::rebuilt(from, to);
    let from = without_rebuilt.as_ref().unwrap_or(from);
    let in_tree = |s: &Schema| {
        s.constraints.iter().any(|c| c.inherited)
            || s.indexes.iter().any(|i| i.attached)
            || s.tables.iter().any(|t| !t.parents().is_empty())
    };
    let target = in_tree(to).then(|| {
        let mut target = to.clone();
        target.constraints.retain(|c| !c.inherited);
        target.indexes.retain(|i| !i.attached);
        target
    });
    if !in_tree(from) {
        return (without_rebuilt, target, rebuilt);
    }
    let mut source = as_parents_leave_it(from, to, others).unwrap_or_else(|| from.clone());
    // the tables that stay under the same parents, whatever their bound
    let staying: Vec<String> = from
        .tables
        .iter()
        .filter(|t| {
            to.tables
                .iter()
                .any(|n| n.name == t.name && n.parents() == t.parents())
        })
        .map(|t| t.name.clone())
        .collect();
    // and those dropped: what they have from their parents goes with them (a foreign key's
    // clone cannot be dropped on its own)
    let gone = |table: &str| !to.tables.iter().any(|t| t.name == table);
    source
        .constraints
        .retain(|c| !c.inherited || !(staying.contains(&c.table) || gone(&c.table)));
    source
        .indexes
        .retain(|i| !i.attached || !staying.contains(&i.table));
    for constraint in &mut source.constraints {
        constraint.inherited = false;
    }
    for index in &mut source.indexes {
        index.attached = false;
    }
    (Some(source), target, rebuilt)
}

/// The source as the statements of its parents will leave it: each table that stays under the
/// same parent on both sides gets its parents' column changes, as PostgreSQL recurses them.
/// `None` when no table stays under a parent.
fn as_parents_leave_it(from: &Schema, to: &Schema, others: &OtherParents) -> Option<Schema> {
    // a partition attached again under another bound is detached late, once its parent's
    // changes have reached it
    let linked = |t: &Table| {
        let kept = to.tables.iter().find(|n| n.name == t.name)?;
        let parents = t.parents();
        (!parents.is_empty() && parents == kept.parents()).then_some(parents)
    };
    if !from.tables.iter().any(|t| linked(t).is_some()) {
        return None;
    }
    let mut adjusted: BTreeMap<String, Table> = BTreeMap::new();
    // parents first: a grandparent's change reaches the grandchild through the child
    let mut pending: Vec<&Table> = from.tables.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|table| {
            let Some(parents) = linked(table) else {
                adjusted.insert(table.name.clone(), (*table).clone());
                return false;
            };
            fn own(p: &Parent) -> Option<&str> {
                p.schema.is_none().then_some(p.table.as_str())
            }
            let waiting = parents.iter().filter_map(own).any(|p| {
                p != table.name
                    && !adjusted.contains_key(p)
                    && from.tables.iter().any(|t| t.name == p)
            });
            if waiting {
                return true;
            }
            let mut child = (*table).clone();
            for parent in parents.iter().filter_map(own) {
                // the parent as the source has it: what its own parents' statements do to it
                // reaches the child too, as its own statements do
                let old = from.tables.iter().find(|t| t.name == parent);
                let new = to.tables.iter().find(|t| t.name == parent);
                // a column another of its parents still has in the target stays inherited
                let elsewhere = |c: &str| {
                    parents.iter().filter_map(own).any(|other| {
                        other != parent
                            && to
                                .tables
                                .iter()
                                .any(|t| t.name == other && t.column(c).is_some())
                    })
                };
                if let (Some(old), Some(new)) = (old, new) {
                    follow(
                        &mut child,
                        old,
                        new,
                        |c| kept_below(from, to, parent, c),
                        elsewhere,
                    );
                }
            }
            // a parent in another schema, as that schema's pair has it
            for (old, new) in parents.iter().filter_map(|p| others.get(p)) {
                if let (Some(old), Some(new)) = (old, new) {
                    follow(&mut child, old, new, |_| false, |_| false);
                }
            }
            adjusted.insert(table.name.clone(), child);
            false
        });
        if pending.len() == before {
            // a cycle, which PostgreSQL does not allow: leave the rest as they are
            for table in pending.drain(..) {
                adjusted.insert(table.name.clone(), table.clone());
            }
        }
    }
    let mut schema = from.clone();
    for table in &mut schema.tables {
        if let Some(done) = adjusted.remove(&table.name) {
            *table = done;
        }
    }
    Some(schema)
}

/// The columns of the tables under a parent (at any depth) that the parent's ALTER TYPE reaches:
/// those it inherits of a column retyped or made again (`Decisions::retyped_columns`,
/// `rebuilt_columns`) of a table of its schema.
pub fn retyped_below(cx: &Cx, from: &Schema, decided: &Decisions) -> Vec<Key> {
    let mut todo: Vec<(String, String)> = decided
        .retyped_columns
        .iter()
        .chain(&decided.rebuilt_columns)
        .filter(|(schema, _, _)| *schema == cx.schema)
        .map(|(_, table, column)| (table.clone(), column.clone()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut below = Vec::new();
    while let Some((table, column)) = todo.pop() {
        if !seen.insert((table.clone(), column.clone())) {
            continue;
        }
        for child in &from.tables {
            let under = child
                .parents()
                .iter()
                .any(|p| p.schema.is_none() && p.table == table);
            if under && child.column(&column).is_some_and(|c| c.inherited) {
                below.push(cx.column_key(&child.name, &column));
                todo.push((child.name.clone(), column.clone()));
            }
        }
    }
    below
}

/// Whether a table that stays under `parent` (of the same schema) still has `column` in the
/// target: the parent then drops its own column ONLY, and the tables under it keep theirs.
fn kept_below(from: &Schema, to: &Schema, parent: &str, column: &str) -> bool {
    let under = |t: &Table| {
        t.parents()
            .iter()
            .any(|p| p.schema.is_none() && p.table == parent)
    };
    // of its own in the target: one it still has only from another parent stays so, as a DROP
    // that recurses leaves it (one parent fewer), where ONLY would make it the child's own
    to.tables.iter().any(|t| {
        under(t)
            && t.column(column).is_some_and(|c| c.local)
            && from.tables.iter().any(|f| f.name == t.name && under(f))
    })
}

/// A parent's DROP COLUMN whose column a table under it keeps: ONLY the parent's.
pub fn keep_below(from: &Schema, to: &Schema, steps: &mut [Step]) {
    for step in steps {
        if let Operation::DropColumn {
            table,
            column,
            only,
        } = &mut step.operation
            && kept_below(from, to, table, column)
        {
            *only = true;
        }
    }
}

/// `child` as the statements that turn the parent `old` into `new` leave it; `kept`: the
/// columns the parent drops ONLY (`keep_below`); `elsewhere`: those another of its parents has.
fn follow(
    child: &mut Table,
    old: &Table,
    new: &Table,
    kept: impl Fn(&str) -> bool,
    elsewhere: impl Fn(&str) -> bool,
) {
    for gone in old.columns.iter().filter(|c| new.column(&c.name).is_none()) {
        if let Some(at) = child.columns.iter().position(|c| c.name == gone.name) {
            if elsewhere(&gone.name) {
                // another parent still has it: one parent fewer
            } else if kept(&gone.name) {
                child.columns[at].local = true;
                child.columns[at].inherited = false;
                // PostgreSQL 18 leaves its NOT NULL inherited, which no statement renames then
                child.columns[at].not_null_name = None;
            } else if child.columns[at].local {
                child.columns[at].inherited = false;
            } else {
                child.columns.remove(at);
            }
        }
    }
    for column in &new.columns {
        let Some(before) = old.column(&column.name) else {
            match child.columns.iter_mut().find(|c| c.name == column.name) {
                // merged with the child's own
                Some(own) => own.inherited = true,
                None => {
                    let position = child.columns.iter().map(|c| c.position).max().unwrap_or(0);
                    child.columns.push(Column {
                        position: position + 1,
                        local: false,
                        inherited: true,
                        privileges: Vec::new(),
                        ..column.clone()
                    });
                }
            }
            continue;
        };
        let Some(own) = child.columns.iter_mut().find(|c| c.name == column.name) else {
            continue;
        };
        if before.data_type != column.data_type || before.collation != column.collation {
            own.data_type.clone_from(&column.data_type);
            own.collation.clone_from(&column.collation);
        }
        if before.default != column.default {
            own.default.clone_from(&column.default);
            own.default_volatile = column.default_volatile;
        }
        if before.not_null != column.not_null {
            if !own.not_null {
                // PostgreSQL 18: the parent's NOT NULL comes down under its name
                own.not_null_name.clone_from(&column.not_null_name);
            }
            own.not_null = column.not_null;
        } else if own.not_null_name == before.not_null_name {
            // a RENAME CONSTRAINT on the parent renames the children's too
            own.not_null_name.clone_from(&column.not_null_name);
        }
        if before.storage != column.storage {
            own.storage = column.storage;
        }
        if before.statistics != column.statistics {
            own.statistics = column.statistics;
        }
        if before.compression != column.compression {
            own.compression.clone_from(&column.compression);
        }
    }
}

/// A new partition or inheritance child as its `CREATE TABLE` makes it: the columns it has
/// only from its parents (as the target has them) are theirs. `None` for a table with no
/// parent compared.
pub fn as_created(to: &Schema, others: &OtherParents, table: &Table) -> Option<Table> {
    let parents: Vec<&Table> = table
        .parents()
        .iter()
        .filter_map(|p| target_parent(to, others, p))
        .collect();
    if parents.is_empty() {
        return None;
    }
    let mut created = table.clone();
    // a column of its own has what CREATE TABLE gives it: its statistics target and storage
    // are set by statements of their own
    for column in created
        .columns
        .iter_mut()
        .filter(|c| c.local && !c.inherited)
    {
        column.statistics = None;
        column.storage = column.type_storage;
    }
    for column in created.columns.iter_mut().filter(|c| !c.local) {
        if let Some(theirs) = parents.iter().find_map(|p| p.column(&column.name)) {
            // a partition's NOT NULL of another name than its parent's is written in its CREATE
            let not_null_name = match table.partition_of.is_some() && theirs.not_null {
                true => column.not_null_name.clone(),
                false => theirs.not_null_name.clone(),
            };
            *column = Column {
                name: column.name.clone(),
                position: column.position,
                local: false,
                inherited: true,
                privileges: column.privileges.clone(),
                not_null_name,
                ..theirs.clone()
            };
        }
    }
    Some(created)
}

/// A new partition's NOT NULL names (PostgreSQL 18): it takes its parent's, so only one of
/// another name is kept, for its CREATE to write (`as_created` reads the same).
pub fn partition_not_null_names(to: &Schema, decided: &Decisions, mut table: Table) -> Table {
    let Some(parent) = table.partition_of.as_ref().map(|p| p.parent()) else {
        return table;
    };
    let parent = target_parent(to, &decided.other_parents, &parent);
    for column in &mut table.columns {
        let theirs = parent.and_then(|p| p.column(&column.name));
        let other = theirs.is_some_and(|t| {
            t.not_null && t.not_null_name.is_some() && t.not_null_name != column.not_null_name
        });
        if !other {
            column.not_null_name = None;
        }
    }
    table
}

/// The steps of a table's own columns under a parent wait for the parent's steps on the same
/// columns, which PostgreSQL carries down to it.
pub fn after_parents(cx: &Cx, table: &Table, steps: &mut [Step]) {
    let parents: Vec<(String, String)> = table
        .parents()
        .into_iter()
        .map(|p| (p.schema.unwrap_or_else(|| cx.schema.clone()), p.table))
        .collect();
    if parents.is_empty() {
        return;
    }
    for step in steps.iter_mut() {
        if let Key::Column(_, t, column) = &step.key
            && *t == table.name
        {
            let column = column.clone();
            step.requires.extend(
                parents
                    .iter()
                    .map(|(s, p)| Key::Column(s.clone(), p.clone(), column.clone())),
            );
        }
    }
}

/// The steps of a table's columns that a parent's statements bring (an ADD COLUMN somewhere up
/// its tree): nothing of theirs can be taken down early, before the column is there, so what
/// would be (a default of the parent's the table replaces by its own) comes after it.
pub fn not_before_parents(cx: &Cx, from: &Schema, to: &Schema, table: &Table, steps: &mut [Step]) {
    let own_parents = |t: &Table| -> Vec<String> {
        t.parents()
            .into_iter()
            .filter(|p| p.schema.is_none())
            .map(|p| p.table)
            .collect()
    };
    // the ancestor whose ADD COLUMN brings it
    let coming = |column: &str| -> Option<String> {
        let mut up = own_parents(table);
        let mut seen = BTreeSet::new();
        while let Some(name) = up.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some(new) = to.tables.iter().find(|t| t.name == name) else {
                continue;
            };
            if new.column(column).is_none() {
                continue;
            }
            match from.tables.iter().find(|t| t.name == name) {
                Some(old) if old.column(column).is_some() => up.extend(own_parents(new)),
                _ => return Some(name),
            }
        }
        None
    };
    for step in steps.iter_mut() {
        if let Key::Column(_, t, column) = &step.key
            && *t == table.name
            && let Some(ancestor) = coming(column)
        {
            let added = cx.column_key(&ancestor, column);
            step.requires.push(added);
            if step.phase.is_teardown() {
                step.phase = Phase::AlterTable;
            }
        }
    }
}

/// Partitions attached, detached or attached again under another bound; parents inherited
/// from or no longer. Detaching comes first in the plan, before any parent changes (what a
/// parent then does no longer reaches the table); attaching once the table and its parent have
/// their final columns.
pub fn diff(cx: &Cx, from: &Schema, to: &Schema, decided: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    for (old, new) in pairs.kept {
        if decided.is_created(&cx.schema, &new.name) || decided.is_dropped(&cx.schema, &new.name) {
            continue;
        }
        if old.partition_of != new.partition_of {
            let rebound = old.partition_of.as_ref().map(|p| p.parent())
                == new.partition_of.as_ref().map(|p| p.parent());
            if let Some(partition_of) = &old.partition_of {
                let parent = partition_of.parent();
                let operation = Operation::DetachPartition {
                    table: old.name.clone(),
                    parent: parent.clone(),
                };
                // under another bound only: detached once the parent's own changes have
                // reached it, every such partition before any is attached again
                let detach = if rebound {
                    let needs = final_columns(cx, new, &parent, to, &decided.other_parents);
                    step(cx, &new.name, Phase::AlterTable, operation).requires(needs)
                } else {
                    step(cx, &new.name, Phase::Detach, operation)
                };
                steps.push(detach);
            }
            if let Some(partition_of) = &new.partition_of {
                let parent = partition_of.parent();
                let operation = Operation::AttachPartition {
                    table: new.name.clone(),
                    parent: parent.clone(),
                    bound: partition_of.bound.clone(),
                };
                let mut needs = final_columns(cx, new, &parent, to, &decided.other_parents);
                if !rebound {
                    needs.extend(checks_for_attach(cx, from, to, new, &parent, steps));
                }
                steps.push(step(cx, &new.name, Phase::Attach, operation).requires(needs));
            }
        }
        if old.inherits != new.inherits {
            // parents are kept in their order: those after the first that differs go and come
            // back
            let same = old
                .inherits
                .iter()
                .zip(&new.inherits)
                .take_while(|(a, b)| a == b)
                .count();
            for parent in &old.inherits[same..] {
                let operation = Operation::Inherit {
                    table: new.name.clone(),
                    parent: parent.clone(),
                    inherit: false,
                };
                steps.push(step(cx, &new.name, Phase::Detach, operation));
            }
            for parent in &new.inherits[same..] {
                let operation = Operation::Inherit {
                    table: new.name.clone(),
                    parent: parent.clone(),
                    inherit: true,
                };
                let needs = final_columns(cx, new, parent, to, &decided.other_parents);
                steps.push(step(cx, &new.name, Phase::Attach, operation).requires(needs));
            }
        }
    }
}

/// ATTACH PARTITION wants the table to have every CHECK of its parent (and of the parent's
/// own parents) already, under its name: those it lacks are added to it first (ATTACH then
/// makes them the parent's, as a partition created under it has them). Returns their keys.
fn checks_for_attach(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    table: &Table,
    parent: &Parent,
    steps: &mut Vec<Step>,
) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut up = parent.schema.is_none().then(|| parent.table.clone());
    let mut seen = BTreeSet::new();
    while let Some(name) = up.take() {
        if !seen.insert(name.clone()) {
            break;
        }
        for check in to.constraints.iter().filter(|c| {
            c.table == name && c.constraint_type == ConstraintType::Check && !c.inherited
        }) {
            let has = |s: &Schema| {
                s.constraints
                    .iter()
                    .any(|c| c.table == table.name && c.name == check.name)
            };
            if has(from) {
                continue;
            }
            let constraint = Constraint {
                table: table.name.clone(),
                inherited: false,
                ..check.clone()
            };
            let key = cx.constraint_key(&table.name, &check.name);
            let mut requires = vec![cx.table_key(&table.name)];
            requires.extend(
                constraint
                    .columns
                    .iter()
                    .map(|c| cx.column_key(&table.name, c)),
            );
            let operation = Operation::AddConstraint {
                kind: ConstraintKind::Check,
                validated: constraint.validated,
                using_index: None,
                constraint: Box::new(constraint),
                index_parameters: false,
            };
            let identity = cx.identity(&[&table.name, &check.name]);
            let added = Step::new(
                Phase::AlterTable,
                Kind::Constraint,
                operation,
                key.clone(),
                identity,
            );
            steps.push(added.requires(requires));
            keys.push(key);
        }
        up = to
            .tables
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.partition_of.as_ref())
            .map(|p| p.parent())
            .filter(|p| p.schema.is_none())
            .map(|p| p.table);
    }
    keys
}

/// The table and columns an ATTACH or INHERIT needs in place: the parent, and the columns of
/// both (the child must have every column of its parent).
fn final_columns(
    cx: &Cx,
    table: &Table,
    parent: &Parent,
    to: &Schema,
    others: &OtherParents,
) -> Vec<Key> {
    let parent_schema = parent.schema.clone().unwrap_or_else(|| cx.schema.clone());
    let mut needs = vec![Key::Table(parent_schema.clone(), parent.table.clone())];
    needs.extend(
        table
            .columns
            .iter()
            .map(|c| cx.column_key(&table.name, &c.name)),
    );
    if let Some(parent) = target_parent(to, others, parent) {
        needs.extend(
            parent
                .columns
                .iter()
                .map(|c| Key::Column(parent_schema.clone(), parent.name.clone(), c.name.clone())),
        );
    }
    needs
}

fn step(cx: &Cx, table: &str, phase: Phase, operation: Operation) -> Step {
    Step::new(
        phase,
        Kind::Table,
        operation,
        Key::TableSettings(cx.schema.clone(), table.to_owned()),
        cx.identity(&[table]),
    )
}

/// The steps that give a new partition or child what its own columns have beyond its
/// parents' (a default of its own, NOT NULL where the parent has none); `None` for a table
/// with no parent of its own schema, whose columns are all its own.
pub fn columns_of_new_child(
    cx: &Cx,
    to: &Schema,
    table: &Table,
    binary_coercible: &[(String, String)],
    decided: &Decisions,
) -> Option<Vec<Step>> {
    let created = as_created(to, &decided.other_parents, table)?;
    let mut steps = Vec::new();
    columns::diff(cx, &created, table, binary_coercible, decided, &mut steps);
    // the table is new: what would be taken down early comes after its CREATE, and an
    // inherited default is simply replaced by the table's own
    let replaced: Vec<Key> = steps
        .iter()
        .filter(|s| matches!(s.operation, Operation::SetDefault { .. }))
        .map(|s| s.key.clone())
        .collect();
    steps.retain(|step| {
        !matches!(step.operation, Operation::DropDefault { .. }) || !replaced.contains(&step.key)
    });
    for step in &mut steps {
        if step.phase.is_teardown() {
            step.phase = Phase::AlterTable;
            step.requires.push(cx.table_key(&table.name));
        }
    }
    after_parents(cx, table, &mut steps);
    Some(steps)
}
