//! Row level security: ENABLE and FORCE on tables, and policies. `ALTER POLICY` when only its
//! roles, USING or WITH CHECK change and no clause goes away; a drop and a create otherwise, and
//! whenever a column or routine it uses is dropped or made again (the graph says which).

use super::{Decisions, pair_up};
use crate::change::{Cx, RowSecurity};
use crate::model::{Policy, Schema, Table};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, tables: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.policies, &to.policies, |p| {
        (p.table.clone(), p.name.clone())
    });
    for policy in pairs.removed {
        // a policy goes with its table
        if !tables.is_dropped(&cx.schema, &policy.table) {
            steps.push(drop(cx, policy));
        }
    }
    for policy in pairs.added {
        steps.push(create(cx, policy));
    }
    for (old, new) in pairs.kept {
        let remade = tables
            .remade
            .contains(&cx.policy_key(&old.table, &old.name));
        if old == new && !remade {
            continue;
        }
        if remade || must_be_remade(old, new) {
            steps.push(drop(cx, old));
            steps.push(create(cx, new));
        } else {
            let operation = Operation::AlterPolicy(Box::new(new.clone()));
            steps.push(step(cx, new, Phase::CreatePolicy, operation));
        }
    }
}

/// ENABLE / DISABLE and FORCE / NO FORCE ROW LEVEL SECURITY; a new table starts with neither.
pub fn row_security(cx: &Cx, old: Option<&Table>, new: &Table, steps: &mut Vec<Step>) {
    let (enabled, forced) = old.map_or((false, false), |t| (t.row_security, t.force_row_security));
    let key = Key::TableSettings(cx.schema.clone(), new.name.clone());
    let mut push = |setting: RowSecurity| {
        let operation = Operation::RowSecurity {
            table: new.name.clone(),
            setting,
        };
        steps.push(Step::new(
            Phase::AlterTable,
            Kind::Table,
            operation,
            key.clone(),
            cx.identity(&[&new.name]),
        ));
    };
    if enabled != new.row_security {
        push(RowSecurity::Enable(new.row_security));
    }
    if forced != new.force_row_security {
        push(RowSecurity::Force(new.force_row_security));
    }
}

/// ALTER POLICY cannot take a clause away, nor change PERMISSIVE or the command.
fn must_be_remade(old: &Policy, new: &Policy) -> bool {
    let clause_goes = (old.using.is_some() && new.using.is_none())
        || (old.with_check.is_some() && new.with_check.is_none());
    clause_goes || old.permissive != new.permissive || old.command != new.command
}

/// Policies the plan drops by their own change, for good or to make again.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let pairs = pair_up(&from.policies, &to.policies, |p| {
        (p.table.clone(), p.name.clone())
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
        .map(|p| cx.policy_key(&p.table, &p.name))
        .collect()
}

fn create(cx: &Cx, policy: &Policy) -> Step {
    let operation = Operation::CreatePolicy(Box::new(policy.clone()));
    step(cx, policy, Phase::CreatePolicy, operation).requires([cx.table_key(&policy.table)])
}

fn drop(cx: &Cx, policy: &Policy) -> Step {
    let operation = Operation::DropPolicy {
        table: policy.table.clone(),
        name: policy.name.clone(),
    };
    step(cx, policy, Phase::DropPolicy, operation)
}

fn step(cx: &Cx, policy: &Policy, phase: Phase, operation: Operation) -> Step {
    let key = cx.policy_key(&policy.table, &policy.name);
    Step::new(
        phase,
        Kind::Policy,
        operation,
        key,
        cx.identity(&[&policy.table, &policy.name]),
    )
}
