//! Triggers of tables and views, and whether they fire.
//!
//! A trigger that changes is replaced in place (`CREATE OR REPLACE TRIGGER`), except a
//! constraint trigger, which PostgreSQL cannot replace: it is dropped and made again. A trigger
//! whose table, view, columns or function are dropped or made again is made again after them,
//! through the graph. Its enabled state (`ENABLE`, `DISABLE`, `ENABLE REPLICA`,
//! `ENABLE ALWAYS`) is set after it is made.

use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::model::{Firing, Schema, Trigger};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, changes: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.triggers, &to.triggers, |t| {
        (t.table.clone(), t.name.clone())
    });
    for trigger in pairs.removed {
        // DROP TABLE takes its triggers along
        if !changes.is_dropped(&cx.schema, &trigger.table) {
            steps.push(drop(cx, trigger));
        }
    }
    for trigger in pairs.added {
        create(cx, trigger, steps);
    }
    for (old, new) in pairs.kept {
        let key = cx.trigger_key(&new.table, &new.name);
        let changed = definition_changes(old, new);
        if changes.remade.contains(&key) || must_be_remade(old, new) {
            if !changes.is_dropped(&cx.schema, &old.table) {
                steps.push(drop(cx, old));
            }
            create(cx, new, steps);
            continue;
        }
        if changed {
            steps.push(step(
                cx,
                new,
                Phase::CreateTrigger,
                Operation::ReplaceTrigger(Box::new(new.clone())),
            ));
        }
        // CREATE OR REPLACE TRIGGER enables the trigger again
        if old.enabled != new.enabled || (changed && new.enabled != Firing::Origin) {
            steps.push(step(
                cx,
                new,
                Phase::CreateTrigger,
                Operation::EnableTrigger(Box::new(new.clone())),
            ));
        }
    }
}

fn definition_changes(old: &Trigger, new: &Trigger) -> bool {
    old.events != new.events || old.definition != new.definition || old.constraint != new.constraint
}

/// A constraint trigger that changes: CREATE OR REPLACE cannot make or change one.
fn must_be_remade(old: &Trigger, new: &Trigger) -> bool {
    definition_changes(old, new) && (old.constraint || new.constraint)
}

/// Triggers the plan drops by their own change, for good or to make again.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let pairs = pair_up(&from.triggers, &to.triggers, |t| {
        (t.table.clone(), t.name.clone())
    });
    let remade = pairs
        .kept
        .into_iter()
        .filter(|(old, new)| must_be_remade(old, new))
        .map(|(old, _)| old);
    pairs
        .removed
        .into_iter()
        .chain(remade)
        .map(|t| cx.trigger_key(&t.table, &t.name))
        .collect()
}

fn create(cx: &Cx, trigger: &Trigger, steps: &mut Vec<Step>) {
    steps.push(step(
        cx,
        trigger,
        Phase::CreateTrigger,
        Operation::CreateTrigger(Box::new(trigger.clone())),
    ));
    if trigger.enabled != Firing::Origin {
        steps.push(step(
            cx,
            trigger,
            Phase::CreateTrigger,
            Operation::EnableTrigger(Box::new(trigger.clone())),
        ));
    }
}

/// DROP TRIGGER: by its table and name.
fn drop(cx: &Cx, trigger: &Trigger) -> Step {
    let operation = Operation::DropTrigger {
        table: trigger.table.clone(),
        name: trigger.name.clone(),
    };
    step(cx, trigger, Phase::DropTrigger, operation)
}

fn step(cx: &Cx, trigger: &Trigger, phase: Phase, operation: Operation) -> Step {
    let key = cx.trigger_key(&trigger.table, &trigger.name);
    Step::new(
        phase,
        Kind::Trigger,
        operation,
        key,
        cx.identity(&[&trigger.table, &trigger.name]),
    )
}
