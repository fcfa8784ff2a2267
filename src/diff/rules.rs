//! Rules of tables and views: replaced in place (`CREATE OR REPLACE RULE`) when they change,
//! made again after what they read or write when that is dropped or made again (through the
//! graph), and enabled or disabled like triggers.

use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::model::{Firing, Rule, Schema};
use crate::plan::{Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, changes: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.rules, &to.rules, |r| {
        (r.table.clone(), r.name.clone())
    });
    for rule in pairs.removed {
        if !changes.is_dropped(&cx.schema, &rule.table) {
            steps.push(drop(cx, rule));
        }
    }
    for rule in pairs.added {
        create(cx, rule, steps);
    }
    for (old, new) in pairs.kept {
        let key = cx.rule_key(&new.table, &new.name);
        if changes.remade.contains(&key) {
            if !changes.is_dropped(&cx.schema, &old.table) {
                steps.push(drop(cx, old));
            }
            create(cx, new, steps);
            continue;
        }
        if old.event != new.event || old.definition != new.definition {
            steps.push(step(
                cx,
                new,
                Phase::CreateRule,
                Operation::ReplaceRule(Box::new(new.clone())),
            ));
        }
        if old.enabled != new.enabled {
            steps.push(step(
                cx,
                new,
                Phase::CreateRule,
                Operation::EnableRule(Box::new(new.clone())),
            ));
        }
    }
}

fn create(cx: &Cx, rule: &Rule, steps: &mut Vec<Step>) {
    steps.push(step(
        cx,
        rule,
        Phase::CreateRule,
        Operation::CreateRule(Box::new(rule.clone())),
    ));
    if rule.enabled != Firing::Origin {
        steps.push(step(
            cx,
            rule,
            Phase::CreateRule,
            Operation::EnableRule(Box::new(rule.clone())),
        ));
    }
}

/// DROP RULE: by its table and name.
fn drop(cx: &Cx, rule: &Rule) -> Step {
    let operation = Operation::DropRule {
        table: rule.table.clone(),
        name: rule.name.clone(),
    };
    step(cx, rule, Phase::DropRule, operation)
}

fn step(cx: &Cx, rule: &Rule, phase: Phase, operation: Operation) -> Step {
    let key = cx.rule_key(&rule.table, &rule.name);
    Step::new(
        phase,
        Kind::Rule,
        operation,
        key,
        cx.identity(&[&rule.table, &rule.name]),
    )
}
