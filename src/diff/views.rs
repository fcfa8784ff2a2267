//! Views and materialized views.
//!
//! A view is changed with `CREATE OR REPLACE VIEW` when PostgreSQL allows it (the same leading
//! columns with the same names and types, new ones only at the end); otherwise, and whenever
//! something it reads is dropped or made again, it is dropped and made again, and so is
//! everything that needs it (the graph says what). A materialized view is made again whenever
//! its query or options change, with its indexes and grants.

use super::{Decisions, pair_up};
use crate::change::{Cx, Stored};
use crate::model::{Schema, View, ViewColumn};
use crate::plan::{Key, Kind, Operation, Phase, Step};

/// Views of the source that the plan drops, for good or to make again, by their own change.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let pairs = pair_up(&from.views, &to.views, |v| v.name.clone());
    let removed = pairs.removed.into_iter();
    let rebuilt = pairs
        .kept
        .into_iter()
        .filter(|(old, new)| must_be_remade(old, new))
        .map(|(old, _)| old);
    removed
        .chain(rebuilt)
        .map(|v| cx.view_key(&v.name))
        .collect()
}

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, changes: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.views, &to.views, |v| v.name.clone());
    for view in pairs.removed {
        steps.push(drop(cx, view));
    }
    for view in pairs.added {
        create(cx, view, steps);
    }
    for (old, new) in pairs.kept {
        let key = cx.view_key(&new.name);
        if changes.remade.contains(&key) || must_be_remade(old, new) {
            steps.push(drop(cx, old));
            create(cx, new, steps);
            continue;
        }
        if old.definition != new.definition || old.options != new.options {
            // only plain views get here: a materialized view that changes is remade
            let operation = Operation::ReplaceView {
                security: security_options(old) != security_options(new),
                view: Box::new(new.clone()),
            };
            steps.push(step(cx, new, Phase::CreateView, operation));
        }
        if new.materialized && old.tablespace != new.tablespace {
            let operation = Operation::SetTablespace {
                relation: new.name.clone(),
                stored: Stored::MaterializedView,
                partitioned: false,
                tablespace: new.tablespace.clone(),
            };
            steps.push(
                step(cx, new, Phase::CreateView, operation).on_relation(&cx.schema, &new.name),
            );
        }
        if new.materialized && !old.populated && new.populated {
            let operation = Operation::RefreshMaterializedView {
                name: new.name.clone(),
            };
            steps.push(step(cx, new, Phase::CreateView, operation));
        }
        for column in &new.columns {
            let before = old
                .columns
                .iter()
                .find(|c| c.name == column.name)
                .and_then(|c| c.default.as_deref());
            if before != column.default.as_deref() {
                steps.push(step(
                    cx,
                    new,
                    Phase::CreateView,
                    column_default(new, column),
                ));
            }
        }
    }
}

/// True when the view cannot become `new` in place.
fn must_be_remade(old: &View, new: &View) -> bool {
    if old.materialized != new.materialized {
        return true;
    }
    if new.materialized {
        return old.definition != new.definition
            || old.options != new.options
            || (old.populated && !new.populated);
    }
    // CREATE OR REPLACE VIEW keeps every column it had, by name and type, and adds at the end
    let keeps_columns = old.columns.len() <= new.columns.len()
        && old
            .columns
            .iter()
            .zip(&new.columns)
            .all(|(a, b)| a.name == b.name && a.data_type == b.data_type);
    (old.definition != new.definition || old.options != new.options) && !keeps_columns
}

fn create(cx: &Cx, view: &View, steps: &mut Vec<Step>) {
    let operation = Operation::CreateView(Box::new(view.clone()));
    steps.push(step(cx, view, Phase::CreateView, operation));
    for column in view.columns.iter().filter(|c| c.default.is_some()) {
        steps.push(step(
            cx,
            view,
            Phase::CreateView,
            column_default(view, column),
        ));
    }
}

/// `SET DEFAULT` as the column has it, or `DROP DEFAULT`.
fn column_default(view: &View, column: &ViewColumn) -> Operation {
    Operation::SetViewColumnDefault {
        view: view.name.clone(),
        column: column.name.clone(),
        default: column.default.clone(),
    }
}

fn drop(cx: &Cx, view: &View) -> Step {
    let operation = Operation::DropView {
        name: view.name.clone(),
        materialized: view.materialized,
    };
    step(cx, view, Phase::DropView, operation)
}

/// The options that say whose rights and whose row-level security a view's reads run under.
fn security_options(view: &View) -> Vec<&String> {
    view.options
        .iter()
        .filter(|o| o.starts_with("security_barrier") || o.starts_with("security_invoker"))
        .collect()
}

fn step(cx: &Cx, view: &View, phase: Phase, operation: Operation) -> Step {
    let kind = if view.materialized {
        Kind::MaterializedView
    } else {
        Kind::View
    };
    Step::new(
        phase,
        kind,
        operation,
        cx.view_key(&view.name),
        cx.identity(&[&view.name]),
    )
}
