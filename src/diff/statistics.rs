//! Extended statistics objects: made, dropped, made again when their definition changes or a
//! column they cover is dropped or made again (through the graph), and their target set.

use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::model::{Schema, Statistics};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, changes: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.statistics, &to.statistics, |s| s.name.clone());
    for statistics in pairs.removed {
        if !changes.is_dropped(&cx.schema, &statistics.table) {
            steps.push(drop(cx, statistics));
        }
    }
    for statistics in pairs.added {
        create(cx, statistics, steps);
    }
    for (old, new) in pairs.kept {
        let key = cx.statistics_key(&new.name);
        if changes.remade.contains(&key) || must_be_remade(old, new) {
            if !changes.is_dropped(&cx.schema, &old.table) {
                steps.push(drop(cx, old));
            }
            create(cx, new, steps);
        } else if old.target != new.target {
            steps.push(step(
                cx,
                new,
                Phase::CreateIndex,
                Operation::AlterStatistics(Box::new(new.clone())),
            ));
        }
    }
}

/// Only the target can change in place.
fn must_be_remade(old: &Statistics, new: &Statistics) -> bool {
    old.definition != new.definition || old.table != new.table
}

/// Statistics objects the plan drops by their own change, for good or to make again.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let pairs = pair_up(&from.statistics, &to.statistics, |s| s.name.clone());
    let remade = pairs
        .kept
        .into_iter()
        .filter(|(old, new)| must_be_remade(old, new))
        .map(|(old, _)| old);
    pairs
        .removed
        .into_iter()
        .chain(remade)
        .map(|s| cx.statistics_key(&s.name))
        .collect()
}

fn create(cx: &Cx, statistics: &Statistics, steps: &mut Vec<Step>) {
    let table = cx.table_key(&statistics.table);
    steps.push(
        step(
            cx,
            statistics,
            Phase::CreateIndex,
            Operation::CreateStatistics(Box::new(statistics.clone())),
        )
        .requires([table]),
    );
    if statistics.target.is_some() {
        steps.push(step(
            cx,
            statistics,
            Phase::CreateIndex,
            Operation::AlterStatistics(Box::new(statistics.clone())),
        ));
    }
}

fn drop(cx: &Cx, statistics: &Statistics) -> Step {
    let operation = Operation::DropStatistics {
        name: statistics.name.clone(),
    };
    step(cx, statistics, Phase::DropIndex, operation)
}

fn step(cx: &Cx, statistics: &Statistics, phase: Phase, operation: Operation) -> Step {
    let key = cx.statistics_key(&statistics.name);
    Step::new(
        phase,
        Kind::Statistics,
        operation,
        key,
        cx.identity(&[&statistics.name]),
    )
    .on_relation(&cx.schema, &statistics.table)
}
