//! The columns of a table under parents, as the plan writes them: what a new partition or
//! inheritance child's `CREATE TABLE` gives it (`as_created`, its NOT NULL names) and the steps
//! for what its own columns have beyond it (`columns_of_new_child`), and the order of a child's
//! column steps after its parents' (`after_parents`, `not_before_parents`).

use std::collections::BTreeSet;

use super::trees::{OtherParents, target_parent};
use super::{Decisions, columns};
use crate::change::Cx;
use crate::model::{Column, Schema, Table};
use crate::plan::{Key, Operation, Phase, Step};

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
