//! Indexes that do not back a constraint. An index cannot change in place (short of its storage
//! parameters), so a changed index is dropped and made again.

use super::{Decisions, pair_up};
use crate::change::Cx;
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

    for index in pairs.removed {
        // an index goes with its table
        if !tables.is_dropped(&cx.schema, &index.table) {
            steps.push(drop(cx, index));
        }
    }
    for index in pairs.added {
        steps.push(create(cx, index));
    }
    for (old, new) in pairs.kept {
        // a column it uses that is made again or changes type takes it down (the graph says so)
        if comparable(old) != comparable(new) || tables.remade.contains(&cx.index_key(&old.name)) {
            steps.push(drop(cx, old));
            steps.push(create(cx, new));
        }
    }
    Ok(())
}

/// The index with its definition as it compares (see `normalize`).
fn comparable(index: &Index) -> Index {
    Index {
        definition: index
            .definition
            .as_deref()
            .map(super::normalize::expression),
        ..index.clone()
    }
}

fn drop(cx: &Cx, index: &Index) -> Step {
    Step::new(
        Phase::DropIndex,
        Kind::Index,
        Operation::DropIndex {
            name: index.name.clone(),
        },
        cx.index_key(&index.name),
        cx.identity(&[&index.name]),
    )
    .on_relation(&cx.schema, &index.table)
}

fn create(cx: &Cx, index: &Index) -> Step {
    let requires = std::iter::once(cx.table_key(&index.table))
        .chain(index.columns.iter().map(|c| cx.column_key(&index.table, c)));
    Step::new(
        Phase::CreateIndex,
        Kind::Index,
        Operation::CreateIndex(Box::new(index.clone())),
        cx.index_key(&index.name),
        cx.identity(&[&index.name]),
    )
    .on_relation(&cx.schema, &index.table)
    .requires(requires)
}
