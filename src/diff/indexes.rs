//! Indexes that do not back a constraint. An index cannot change in place (short of its storage
//! parameters), so a changed index is dropped and made again.

use super::{Decisions, pair_up};
use crate::change::{Cx, Stored, built_aside_name};
use crate::error::Error;
use crate::model::{Index, Schema};
use crate::plan::{Key, Kind, Operation, Phase, Step};

/// Indexes of the source that the plan drops, for good or to make again, by their own change:
/// a foreign key that relies on one goes with it.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let pairs = pair_up(&from.indexes, &to.indexes, |i| i.name.clone());
    let changed = pairs
        .kept
        .into_iter()
        .filter(|(old, new)| comparable(old) != comparable(new))
        .map(|(old, _)| old);
    pairs
        .removed
        .into_iter()
        .chain(changed)
        .map(|i| cx.index_key(&i.name))
        .collect()
}

pub fn diff(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    tables: &Decisions,
    steps: &mut Vec<Step>,
) -> Result<(), Error> {
    let pairs = pair_up(&from.indexes, &to.indexes, |i| i.name.clone());
    let online = |table: &str| tables.lock_safe && in_use(cx, from, to, tables, table);

    // a partition that leaves its parent: the indexes it had from the parent's can only go
    // once it is detached, which a DROP INDEX CONCURRENTLY (at the start of the plan) is not
    let leaving = |table: &str| {
        let parent = |s: &Schema| {
            s.tables
                .iter()
                .find(|t| t.name == table)
                .and_then(|t| t.partition_of.as_ref())
                .map(|p| p.parent())
        };
        parent(from).is_some() && parent(from) != parent(to)
    };
    for index in pairs.removed {
        // an index goes with its table
        if !tables.is_dropped(&cx.schema, &index.table) {
            let concurrently = online(&index.table) && !leaving(&index.table);
            steps.push(drop(cx, index, concurrently));
        }
    }
    let build = |index: &Index, steps: &mut Vec<Step>| match tables
        .lock_safe
        .then(|| partitioned_online(cx, from, to, tables, index))
        .flatten()
    {
        Some(online) => steps.extend(online),
        None => steps.push(create(cx, index, online(&index.table))),
    };
    for index in pairs.added {
        build(index, steps);
    }
    for (old, new) in pairs.kept {
        // a column it uses that is made again or changes type takes it down (the graph says so)
        let remade = tables.remade.contains(&cx.index_key(&old.name));
        if remade || (comparable(old) != comparable(new) && !online(&old.table)) {
            steps.push(drop(cx, old, online(&old.table)));
            build(new, steps);
        } else if comparable(old) != comparable(new) {
            steps.extend(replace_online(cx, new));
        } else if old.tablespace != new.tablespace {
            steps.push(set_tablespace(cx, to, new));
        }
    }
    Ok(())
}

/// The index's table or materialized view is there before the plan and after, not made again:
/// others may be reading and writing it while the plan runs.
pub fn in_use(cx: &Cx, from: &Schema, to: &Schema, tables: &Decisions, table: &str) -> bool {
    // a partitioned table's index cannot be built concurrently: its partitions' can, one by
    // one, which this version does not plan
    let kept_table = from
        .tables
        .iter()
        .any(|t| t.name == table && t.partition_key.is_none())
        && !tables.is_created(&cx.schema, table)
        && !tables.is_dropped(&cx.schema, table);
    let kept_view = [from, to]
        .iter()
        .all(|s| s.views.iter().any(|v| v.materialized && v.name == table))
        && !tables.made_again(&cx.view_key(table));
    kept_table || kept_view
}

/// A new index on a partitioned table that is in use, without blocking writes for the time of a
/// build: `CREATE INDEX ... ON ONLY` the parent (invalid, and quick: nothing to build), then
/// each partition's index, concurrently where the partition is in use, under the name the
/// target gives it, attached to the parent's (`ALTER INDEX ... ATTACH PARTITION`); the parent's
/// is valid once each partition has one. A sub-partitioned partition's index is made so in
/// turn. `None` (a plain `CREATE INDEX`) when the table is not in use or the target does not
/// say which index of each partition is attached to it (a snapshot taken before that was read).
fn partitioned_online(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    tables: &Decisions,
    index: &Index,
) -> Option<Vec<Step>> {
    let in_use = from
        .tables
        .iter()
        .any(|t| t.name == index.table && t.partition_key.is_some())
        && !tables.is_created(&cx.schema, &index.table)
        && !tables.is_dropped(&cx.schema, &index.table);
    if !in_use {
        return None;
    }
    let mut steps = vec![create_index(cx, index, false, true)];
    under(cx, to, tables, index, &mut steps)?;
    Some(steps)
}

/// The steps that give each partition of `index`'s table its index and attach it.
fn under(
    cx: &Cx,
    to: &Schema,
    tables: &Decisions,
    index: &Index,
    steps: &mut Vec<Step>,
) -> Option<()> {
    let attached = tables
        .attached_indexes
        .get(&(cx.schema.clone(), index.name.clone()))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let partitions = to.tables.iter().filter(|t| {
        t.partition_of
            .as_ref()
            .is_some_and(|p| p.schema.is_none() && p.table == index.table)
    });
    for partition in partitions {
        let own = attached.iter().find(|i| i.table == partition.name)?;
        let own = Index {
            attached: false,
            attached_to: None,
            ..own.clone()
        };
        let new_table = tables.is_created(&cx.schema, &partition.name);
        if partition.partition_key.is_some() {
            // attached while still invalid: the last of its own partitions' indexes to be
            // attached makes it valid, and then the parent's, as PostgreSQL checks upwards
            steps.push(create_index(cx, &own, false, true));
            steps.push(attach(cx, index, &own));
            under(cx, to, tables, &own, steps)?;
        } else {
            steps.push(create_index(cx, &own, !new_table, false));
            steps.push(attach(cx, index, &own));
        }
    }
    Some(())
}

/// `ALTER INDEX index ATTACH PARTITION own`, once both are there.
fn attach(cx: &Cx, index: &Index, own: &Index) -> Step {
    Step::new(
        Phase::CreateIndex,
        Kind::Index,
        Operation::AttachIndex {
            index: index.name.clone(),
            partition_index: own.name.clone(),
        },
        cx.index_key(&own.name),
        cx.identity(&[&own.name]),
    )
    .on_relation(&cx.schema, &own.table)
    .requires([cx.index_key(&index.name), cx.index_key(&own.name)])
}

/// A changed index on a table in use: the new one is built concurrently under a name of its
/// own, the old one dropped concurrently, and the new one takes its name. Queries have an index
/// all along, and no statement blocks writes.
fn replace_online(cx: &Cx, new: &Index) -> [Step; 3] {
    let aside = built_aside_name(&new.name, "new");
    let built = create(
        cx,
        &Index {
            name: aside.clone(),
            ..new.clone()
        },
        true,
    );
    let old_dropped = Step::new(
        Phase::CreateIndex,
        Kind::Index,
        Operation::DropIndex {
            name: new.name.clone(),
            concurrently: true,
        },
        cx.index_key(&new.name),
        cx.identity(&[&new.name]),
    )
    .on_relation(&cx.schema, &new.table)
    .requires([cx.index_key(&aside)]);
    let renamed = Step::new(
        Phase::CreateIndex,
        Kind::Index,
        Operation::RenameIndex {
            name: aside.clone(),
            new_name: new.name.clone(),
        },
        cx.index_key(&new.name),
        cx.identity(&[&new.name]),
    )
    .on_relation(&cx.schema, &aside)
    .requires([cx.index_key(&aside)]);
    [built, old_dropped, renamed]
}

/// The index with its definition as it compares (see `normalize`).
fn comparable(index: &Index) -> Index {
    Index {
        definition: index
            .definition
            .as_deref()
            .map(super::normalize::expression),
        // moved, not made again
        tablespace: None,
        predicate: None,
        ..index.clone()
    }
}

/// `ALTER INDEX ... SET TABLESPACE`: the index is copied, under ACCESS EXCLUSIVE on it, which
/// queries of its table wait for as they plan.
fn set_tablespace(cx: &Cx, to: &Schema, index: &Index) -> Step {
    let partitioned = to
        .tables
        .iter()
        .any(|t| t.name == index.table && t.partition_key.is_some());
    Step::new(
        Phase::CreateIndex,
        Kind::Index,
        Operation::SetTablespace {
            relation: index.name.clone(),
            stored: Stored::Index,
            partitioned,
            tablespace: index.tablespace.clone(),
        },
        cx.index_key(&index.name),
        cx.identity(&[&index.name]),
    )
    .on_relation(&cx.schema, &index.name)
}

fn drop(cx: &Cx, index: &Index, concurrently: bool) -> Step {
    Step::new(
        Phase::DropIndex,
        Kind::Index,
        Operation::DropIndex {
            name: index.name.clone(),
            concurrently,
        },
        cx.index_key(&index.name),
        cx.identity(&[&index.name]),
    )
    .on_relation(&cx.schema, &index.table)
}

pub fn create(cx: &Cx, index: &Index, concurrently: bool) -> Step {
    create_index(cx, index, concurrently, false)
}

fn create_index(cx: &Cx, index: &Index, concurrently: bool, only: bool) -> Step {
    let requires = std::iter::once(cx.table_key(&index.table))
        .chain(index.columns.iter().map(|c| cx.column_key(&index.table, c)));
    Step::new(
        Phase::CreateIndex,
        Kind::Index,
        Operation::CreateIndex {
            index: Box::new(index.clone()),
            concurrently,
            only,
        },
        cx.index_key(&index.name),
        cx.identity(&[&index.name]),
    )
    .on_relation(&cx.schema, &index.table)
    .requires(requires)
}
