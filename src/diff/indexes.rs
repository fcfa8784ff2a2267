//! Indexes that do not back a constraint. An index cannot change in place (short of its storage
//! parameters), so a changed index is dropped and made again.

use std::collections::BTreeSet;

use super::{TableChanges, pair_up};
use crate::ddl::{Cx, indexes as sql};
use crate::error::Error;
use crate::model::{Index, Schema};
use crate::plan::{Action, Key, Kind, Phase, Step};

/// Returns the names of the source's indexes that the plan drops, for the foreign keys that
/// rely on one of them.
pub fn diff(cx: &Cx, from: &Schema, to: &Schema, tables: &TableChanges, steps: &mut Vec<Step>) -> Result<BTreeSet<String>, Error> {
    let pairs = pair_up(&from.indexes, &to.indexes, |i| i.name.clone());
    let mut dropped = BTreeSet::new();

    for index in pairs.removed {
        dropped.insert(index.name.clone());
        // an index goes with its table
        if !tables.dropped.contains(&index.table) {
            steps.push(drop(cx, index));
        }
    }
    for index in pairs.added {
        steps.push(create(cx, index)?);
    }
    for (old, new) in pairs.kept {
        // a rebuilt column took the index with it
        if old != new || tables.uses_rebuilt(&old.table, &old.columns) {
            dropped.insert(old.name.clone());
            steps.push(drop(cx, old));
            steps.push(create(cx, new)?);
        }
    }
    Ok(dropped)
}

fn drop(cx: &Cx, index: &Index) -> Step {
    Step::new(Phase::DropIndex, Kind::Index, Action::Drop, Key::Index(index.name.clone()), cx.identity(&[&index.name]), sql::drop(cx, &index.name))
}

fn create(cx: &Cx, index: &Index) -> Result<Step, Error> {
    let requires = std::iter::once(Key::Table(index.table.clone()))
        .chain(index.columns.iter().map(|c| Key::Column(index.table.clone(), c.clone())));
    Ok(Step::new(Phase::CreateIndex, Kind::Index, Action::Create, Key::Index(index.name.clone()), cx.identity(&[&index.name]), sql::create(cx, index)?)
        .requires(requires))
}
