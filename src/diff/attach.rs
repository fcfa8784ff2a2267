//! Partitions attached, detached or attached again under another bound, and parents inherited
//! from or no longer: the steps that move a kept table within its tree (what a parent's own
//! changes do to the tables under it is `trees`').

use std::collections::BTreeSet;

use super::trees::{OtherParents, target_parent};
use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::model::{Constraint, ConstraintType, Parent, Schema, Table};
use crate::plan::{ConstraintKind, Key, Kind, Operation, Phase, Step};

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
