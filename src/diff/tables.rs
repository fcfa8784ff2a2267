//! Tables: created with their columns, dropped, or changed in place.

use super::{TableChanges, columns, pair_up};
use crate::ddl::{self, Cx};
use std::collections::BTreeMap;

use crate::model::{Persistence, Schema};
use crate::plan::{Action, Hazard, Key, Kind, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, changes: &mut TableChanges, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());

    for table in pairs.removed {
        changes.dropped.insert((cx.schema.clone(), table.name.clone()));
        steps.push(
            step(cx, Phase::DropTable, Action::Drop, &table.name, ddl::tables::drop(cx, &table.name))
                .hazard(Hazard::DataLoss),
        );
    }

    for table in pairs.added {
        changes.created.insert((cx.schema.clone(), table.name.clone()));
        steps.push(step(cx, Phase::CreateTable, Action::Create, &table.name, ddl::tables::create(cx, table)));
        for column in &table.columns {
            columns::settings_of_new_column(cx, &table.name, column, steps);
        }
        super::policies::row_security(cx, None, table, steps);
    }

    let persistence_changes: BTreeMap<&str, Persistence> = pairs
        .kept
        .iter()
        .filter(|(old, new)| old.persistence != new.persistence)
        .map(|(_, new)| (new.name.as_str(), new.persistence))
        .collect();
    for (old, new) in pairs.kept {
        if old.persistence != new.persistence {
            let sql = ddl::tables::set_persistence(cx, &new.name, new.persistence);
            let requires = persistence_order(cx, from, &new.name, new.persistence, &persistence_changes);
            steps.push(settings_step(cx, &new.name, sql).requires(requires));
        }
        storage_parameters(cx, &new.name, &old.options, &new.options, "", &[], steps);
        columns::diff(cx, old, new, steps, changes);
        super::policies::row_security(cx, Some(old), new, steps);
        // after the columns: a TOAST table exists only once a column needs one, and parameters
        // set before it are lost
        let columns: Vec<Key> = new.columns.iter().map(|c| cx.column_key(&new.name, &c.name)).collect();
        storage_parameters(cx, &new.name, &old.toast_options, &new.toast_options, "toast.", &columns, steps);
    }
}

/// A logged table may not reference an unlogged one: going UNLOGGED, the tables that reference
/// this one go first; going LOGGED, the tables this one references do.
fn persistence_order(
    cx: &Cx,
    from: &Schema,
    table: &str,
    persistence: Persistence,
    changing: &BTreeMap<&str, Persistence>,
) -> Vec<Key> {
    let same_way = |t: &str| t != table && changing.get(t) == Some(&persistence);
    from.constraints
        .iter()
        .filter_map(|c| c.references.as_ref().filter(|r| r.schema.is_none()).map(|r| (c.table.as_str(), r.table.as_str())))
        .filter_map(|(referencing, referenced)| match persistence {
            Persistence::Unlogged if referenced == table && same_way(referencing) => Some(referencing),
            Persistence::Logged if referencing == table && same_way(referenced) => Some(referenced),
            _ => None,
        })
        .map(|t| Key::TableSettings(cx.schema.clone(), t.to_owned()))
        .collect()
}

fn step(cx: &Cx, phase: Phase, action: Action, table: &str, sql: String) -> Step {
    Step::new(phase, Kind::Table, action, cx.table_key(table), cx.identity(&[table]), sql)
}

fn settings_step(cx: &Cx, table: &str, sql: String) -> Step {
    let key = Key::TableSettings(cx.schema.clone(), table.to_owned());
    Step::new(Phase::AlterTable, Kind::Table, Action::Alter, key, cx.identity(&[table]), sql)
}

/// SET for parameters that are new or changed, RESET for those that are gone, in the target's
/// order (see `storage_parameter_changes`), after the steps in `after`.
fn storage_parameters(cx: &Cx, table: &str, old: &[String], new: &[String], prefix: &str, after: &[Key], steps: &mut Vec<Step>) {
    let (reset, set) = super::storage_parameter_changes(old, new);
    if !reset.is_empty() {
        let sql = ddl::tables::reset_options(cx, table, &reset, prefix);
        steps.push(settings_step(cx, table, sql).requires(after.to_vec()));
    }
    if !set.is_empty() {
        let sql = ddl::tables::set_options(cx, table, &set, prefix);
        steps.push(settings_step(cx, table, sql).requires(after.to_vec()));
    }
}
