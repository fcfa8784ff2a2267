//! Tables: created with their columns, dropped, or changed in place.

use super::{TableChanges, columns, pair_up};
use crate::ddl::{self, Cx};
use crate::model::Schema;
use crate::plan::{Action, Hazard, Kind, Phase, Step};

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
    }

    for (old, new) in pairs.kept {
        if old.persistence != new.persistence {
            let sql = ddl::tables::set_persistence(cx, &new.name, new.persistence);
            steps.push(step(cx, Phase::AlterTable, Action::Alter, &new.name, sql));
        }
        storage_parameters(cx, &new.name, &old.options, &new.options, "", steps);
        columns::diff(cx, old, new, steps, changes);
        // after the columns: a TOAST table exists only once a column needs one, and parameters
        // set before are lost
        storage_parameters(cx, &new.name, &old.toast_options, &new.toast_options, "toast.", steps);
    }
}

fn step(cx: &Cx, phase: Phase, action: Action, table: &str, sql: String) -> Step {
    Step::new(phase, Kind::Table, action, cx.table_key(table), cx.identity(&[table]), sql)
}

/// SET for parameters that are new or changed, RESET for those that are gone, in the target's
/// order (see `storage_parameter_changes`).
fn storage_parameters(cx: &Cx, table: &str, old: &[String], new: &[String], prefix: &str, steps: &mut Vec<Step>) {
    let (reset, set) = super::storage_parameter_changes(old, new);
    if !reset.is_empty() {
        let sql = ddl::tables::reset_options(cx, table, &reset, prefix);
        steps.push(step(cx, Phase::AlterTable, Action::Alter, table, sql));
    }
    if !set.is_empty() {
        let sql = ddl::tables::set_options(cx, table, &set, prefix);
        steps.push(step(cx, Phase::AlterTable, Action::Alter, table, sql));
    }
}
