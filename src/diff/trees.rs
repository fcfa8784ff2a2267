//! Partitions and inheritance: which table hangs under which, and what a parent's own change
//! does to the tables under it.
//!
//! PostgreSQL carries most of a parent's column changes down its tree by itself (ADD and DROP
//! COLUMN, ALTER TYPE, SET and DROP DEFAULT, SET and DROP NOT NULL, SET STORAGE and STATISTICS),
//! and refuses some of them on a partition alone. So the plan changes the parent only, and
//! compares each table under it with what the parent's statements will have made of it
//! (`as_parents_leave_it`): what is left is the child's own (a default of its own, say).
//!
//! The steps that attach, detach, inherit and no longer are `attach`'s; a new child's columns, and
//! the order of a child's column steps after its parents', are `children`'s.

use std::collections::{BTreeMap, BTreeSet};

use super::Decisions;
use crate::change::Cx;
use crate::model::{Column, Index, Parent, Schema, Table};
use crate::plan::{Key, Operation, Step};

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
