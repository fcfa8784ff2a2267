//! Columns of a kept table: added, dropped, changed in place, or dropped and added again when
//! PostgreSQL cannot change them in place.

use std::collections::BTreeSet;

use super::type_changes::{assignment_converts, keeps_every_value, rewrites_table};
use super::{Decisions, Recast, pair_up};
use crate::change::{Conversion, Cx, built_aside_name};
use crate::model::{Column, Table};
use crate::plan::{ConstraintKind, Hazard, Key, Kind, Operation, Phase, Step};

/// The steps for the columns of a kept table, as `Decisions` holds their fates.
/// `binary_coercible`: the source database's casts that need no conversion (`pg_cast`), by type
/// name, which decide whether a type change rewrites the table.
pub fn diff(
    cx: &Cx,
    old_table: &Table,
    new_table: &Table,
    binary_coercible: &[(String, String)],
    decided: &Decisions,
    steps: &mut Vec<Step>,
) {
    let table = new_table.name.as_str();
    let pairs = pair_up(&old_table.columns, &new_table.columns, |c| c.name.clone());
    let column = |name: &str| (cx.schema.clone(), table.to_owned(), name.to_owned());

    // a column dropped and one added of the same type: perhaps a rename
    let removed_types: BTreeSet<&str> =
        pairs.removed.iter().map(|c| c.data_type.as_str()).collect();
    let added_types: BTreeSet<&str> = pairs.added.iter().map(|c| c.data_type.as_str()).collect();
    for old in pairs.removed {
        let mut dropped = drop(cx, table, old).hazard(Hazard::DataLoss);
        if added_types.contains(old.data_type.as_str()) {
            dropped = dropped.hazard(Hazard::PossibleRename);
        }
        steps.push(dropped);
    }
    for new in pairs.added {
        let renamed = removed_types.contains(new.data_type.as_str());
        if new.not_null
            && decided
                .conversions
                .filled_later
                .contains(&column(&new.name))
        {
            add_filled_later(cx, table, new, renamed, decided.lock_safe, steps);
        } else {
            add(cx, table, new, renamed, steps);
        }
    }
    for (old, new) in pairs.kept {
        // a column a parent has too is recast by the parent's ALTER TYPE, which PostgreSQL
        // carries down (and refuses on the inherited column alone)
        let recast = decided
            .recast_columns
            .get(&column(&new.name))
            .cloned()
            .filter(|_| !(old.inherited && new.inherited));
        if decided.rebuilt_columns.contains(&column(&new.name)) {
            // the values of a generated column are computed again; a plain one's are lost
            let mut dropped = drop(cx, table, old);
            if old.generated.is_none() {
                dropped = dropped.hazard(Hazard::DataLoss);
            }
            steps.push(dropped);
            add(cx, table, new, false, steps);
        } else if !old.same_definition(new) || recast.is_some() {
            let given = decided.conversions.using.get(&column(&new.name));
            alter(
                cx,
                table,
                (old, new),
                (recast.as_ref(), given),
                binary_coercible,
                decided.lock_safe,
                steps,
            );
        }
    }
}

/// STORAGE and STATISTICS of a column that is being created, which CREATE TABLE does not take
/// before PostgreSQL 16.
pub fn settings_of_new_column(cx: &Cx, table: &str, column: &Column, steps: &mut Vec<Step>) {
    if column.storage != column.type_storage {
        let operation = Operation::SetColumnStorage {
            table: table.to_owned(),
            column: column.name.clone(),
            storage: column.storage,
        };
        steps.push(step(cx, table, &column.name, operation));
    }
    if column.statistics.is_some() {
        let operation = Operation::SetColumnStatistics {
            table: table.to_owned(),
            column: column.name.clone(),
            target: column.statistics,
        };
        steps.push(step(cx, table, &column.name, operation));
    }
}

/// ADD COLUMN. `possible_rename`: a column of the same type is dropped from the table.
pub(super) fn add(
    cx: &Cx,
    table: &str,
    column: &Column,
    possible_rename: bool,
    steps: &mut Vec<Step>,
) {
    let reads = column
        .generated_uses
        .iter()
        .map(|c| cx.column_key(table, c));
    // every row gets a value of its own: the table is written out again
    let rewrites = column.identity.is_some()
        || (column.generated.is_some() && !column.generated_virtual)
        || (column.default.is_some() && column.default_volatile);
    let operation = Operation::AddColumn {
        rewrites,
        table: table.to_owned(),
        column: Box::new(column.clone()),
    };
    let mut added = step(cx, table, &column.name, operation).requires(reads);
    if possible_rename {
        added = added.hazard(Hazard::PossibleRename);
    }
    // nothing gives the existing rows a value, and NULL is refused
    let unfilled =
        column.default.is_none() && column.identity.is_none() && column.generated.is_none();
    if column.not_null && unfilled {
        added = added.hazard(Hazard::FailsOnExistingRows);
    }
    steps.push(added);
    settings_of_new_column(cx, table, column, steps);
}

/// ADD COLUMN without its NOT NULL, which a later step sets once the caller's hook has filled
/// the existing rows (`Conversions::filled_later`); it fails on a row left NULL.
fn add_filled_later(
    cx: &Cx,
    table: &str,
    column: &Column,
    possible_rename: bool,
    lock_safe: bool,
    steps: &mut Vec<Step>,
) {
    let nullable = Column {
        not_null: false,
        not_null_name: None,
        ..column.clone()
    };
    add(cx, table, &nullable, possible_rename, steps);
    let name = column.name.as_str();
    let default_name = Some(column.default_not_null_name(table));
    if lock_safe {
        let set = set_not_null_proven(cx, table, name, Some(cx.column_key(table, name)), steps);
        rename_not_null(cx, table, default_name, column, [set], steps);
        return;
    }
    let operation = Operation::SetNotNull {
        table: table.to_owned(),
        column: name.to_owned(),
        proven: false,
    };
    steps.push(step(cx, table, name, operation).hazard(Hazard::FailsOnExistingRows));
    rename_not_null(cx, table, default_name, column, [], steps);
}

/// `RENAME CONSTRAINT` where the column's NOT NULL, named `now` (after `after`), is to be
/// named otherwise (PostgreSQL 18; no name is known before).
fn rename_not_null(
    cx: &Cx,
    table: &str,
    now: Option<String>,
    new: &Column,
    after: impl IntoIterator<Item = Key>,
    steps: &mut Vec<Step>,
) {
    let (Some(name), Some(new_name)) = (now, &new.not_null_name) else {
        return;
    };
    if !new.not_null || name == *new_name {
        return;
    }
    let operation = Operation::RenameNotNull {
        table: table.to_owned(),
        name,
        new_name: new_name.clone(),
    };
    steps.push(step(cx, table, &new.name, operation).requires(after));
}

/// DROP COLUMN, before any column its generation expression reads is dropped.
pub(super) fn drop(cx: &Cx, table: &str, column: &Column) -> Step {
    let reads = column
        .generated_uses
        .iter()
        .map(|c| cx.column_key(table, c));
    let operation = Operation::DropColumn {
        table: table.to_owned(),
        column: column.name.clone(),
        only: false,
    };
    step(cx, table, &column.name, operation)
        .in_phase(Phase::DropColumn)
        .requires(reads)
}

pub(super) fn type_changes(old: &Column, new: &Column) -> bool {
    old.data_type != new.data_type || old.collation != new.collation
}

/// Changes a column in place. `recast`: its type is made again under the same name, so the
/// column moves to it whatever its definition says; `given`: the caller's USING expression.
/// `lock_safe`: see `set_not_null`.
fn alter(
    cx: &Cx,
    table: &str,
    (old, new): (&Column, &Column),
    (recast, given): (Option<&Recast>, Option<&String>),
    binary_coercible: &[(String, String)],
    lock_safe: bool,
    steps: &mut Vec<Step>,
) {
    let name = new.name.as_str();
    let push =
        |steps: &mut Vec<Step>, operation: Operation| steps.push(step(cx, table, name, operation));
    let release = |steps: &mut Vec<Step>, operation: Operation| {
        steps.push(step(cx, table, name, operation).in_phase(Phase::ReleaseColumn));
    };
    let (table_name, column_name) = (table.to_owned(), name.to_owned());
    let type_changes = type_changes(old, new) || recast.is_some();

    // First take away, early in the plan, what would stand in the way: an old default may use a
    // sequence that goes, or not cast to the new type; an identity or NOT NULL may block. A
    // default kept through a widening converts with the column (PostgreSQL casts it along).
    let widened = recast.is_none() && keeps_every_value(&old.data_type, &new.data_type);
    let default_dropped =
        old.default.is_some() && (old.default != new.default || (type_changes && !widened));
    if default_dropped {
        release(
            steps,
            Operation::DropDefault {
                table: table_name.clone(),
                column: column_name.clone(),
            },
        );
    }
    if old.identity.is_some() && new.identity.is_none() {
        release(
            steps,
            Operation::DropIdentity {
                table: table_name.clone(),
                column: column_name.clone(),
            },
        );
    }
    if old.generated.is_some() && new.generated.is_none() {
        release(
            steps,
            Operation::DropExpression {
                table: table_name.clone(),
                column: column_name.clone(),
            },
        );
    }
    if old.not_null && !new.not_null {
        release(
            steps,
            Operation::DropNotNull {
                table: table_name.clone(),
                column: column_name.clone(),
            },
        );
    }

    if type_changes {
        let conversion = match (recast.and_then(|r| r.using.clone()), given) {
            (Some(conversion), _) => conversion,
            (None, Some(expression)) => Conversion::Given(expression.clone()),
            (None, None) if assignment_converts(&old.data_type, &new.data_type) => {
                Conversion::Assignment
            }
            (None, None) => Conversion::ExplicitCast,
        };
        // a type made again under the same name is another type, and an expression computes
        // every value anew: either way every value is converted
        let rewrites = recast.is_some()
            || given.is_some()
            || rewrites_table(&old.data_type, &new.data_type, binary_coercible);
        let operation = Operation::AlterColumnType {
            rewrites,
            table: table_name.clone(),
            column: Box::new(new.clone()),
            conversion,
        };
        let mut change = step(cx, table, name, operation);
        let loses_data = match recast {
            Some(recast) => recast.loses_data,
            None => !keeps_every_value(&old.data_type, &new.data_type),
        };
        if loses_data {
            change = change.hazard(Hazard::DataLoss);
        }
        steps.push(change);
    }

    // Then build up the new definition: NOT NULL before an identity, which requires it.
    let mut not_null_set = None;
    if !old.not_null && new.not_null {
        if lock_safe {
            not_null_set = Some(set_not_null_proven(cx, table, name, None, steps));
        } else {
            push(
                steps,
                Operation::SetNotNull {
                    table: table_name.clone(),
                    column: column_name.clone(),
                    proven: false,
                },
            );
        }
    }
    // PostgreSQL 18's name for it: SET NOT NULL gives the default one; an inherited one cannot
    // be renamed on the table alone (a detached one can, once detached)
    let name_now = if old.not_null {
        old.not_null_name.clone()
    } else {
        Some(new.default_not_null_name(table))
    };
    if !old.inherited || !new.inherited {
        let detached = old
            .inherited
            .then(|| Key::TableSettings(cx.schema.clone(), table.into()));
        let after = not_null_set.clone().into_iter().chain(detached);
        rename_not_null(cx, table, name_now, new, after, steps);
    }
    match (&old.identity, &new.identity) {
        (None, Some(identity)) => steps.push(
            step(
                cx,
                table,
                name,
                Operation::AddIdentity {
                    table: table_name.clone(),
                    column: column_name.clone(),
                    identity: Box::new(identity.clone()),
                },
            )
            .requires(not_null_set),
        ),
        (Some(a), Some(b)) => {
            if a.sequence.name != b.sequence.name {
                let rename = Operation::RenameSequence {
                    name: a.sequence.name.clone(),
                    new_name: b.sequence.name.clone(),
                };
                steps.push(step(cx, table, name, rename));
            }
            let restarts = a.sequence.start_outside_bounds_of(&b.sequence);
            if a.generation != b.generation
                || a.sequence.options_differ(&b.sequence, false)
                || restarts
            {
                let operation = Operation::AlterIdentity {
                    table: table_name.clone(),
                    column: column_name.clone(),
                    from: Box::new(a.clone()),
                    to: Box::new(b.clone()),
                };
                let mut alter = step(cx, table, name, operation);
                if restarts {
                    // restarted: the identity may hand out values it already gave
                    alter = alter.hazard(Hazard::DataLoss);
                }
                steps.push(alter);
            }
        }
        _ => {}
    }
    if let Some(default) = &new.default
        && (default_dropped || old.default.is_none())
    {
        // a sequence put behind values the column already holds
        let from_sequence = default.contains("nextval(") && old.default.as_ref() != Some(default);
        push(
            steps,
            Operation::SetDefault {
                from_sequence,
                table: table_name.clone(),
                column: column_name.clone(),
                expression: default.clone(),
            },
        );
    }
    // a new type brings its own storage
    let storage_now = if type_changes {
        &new.type_storage
    } else {
        &old.storage
    };
    if *storage_now != new.storage {
        push(
            steps,
            Operation::SetColumnStorage {
                table: table_name.clone(),
                column: column_name.clone(),
                storage: new.storage,
            },
        );
    }
    if old.statistics != new.statistics {
        push(
            steps,
            Operation::SetColumnStatistics {
                table: table_name.clone(),
                column: column_name.clone(),
                target: new.statistics,
            },
        );
    }
    // and its own compression method, the server's default
    let compression_now = if type_changes {
        &None
    } else {
        &old.compression
    };
    if *compression_now != new.compression {
        push(
            steps,
            Operation::SetColumnCompression {
                table: table_name.clone(),
                column: column_name.clone(),
                method: new.compression.clone(),
            },
        );
    }
    // a foreign table's column: its generic options
    if old.fdw_options != new.fdw_options {
        push(
            steps,
            Operation::ForeignOptions {
                table: table_name,
                column: Some(column_name),
                changes: super::generic_option_changes(&old.fdw_options, &new.fdw_options),
            },
        );
    }
}

/// `SET NOT NULL` on a table in use (a lock-safe plan): a helper `CHECK (column IS NOT NULL)` is
/// added `NOT VALID` (a brief ACCESS EXCLUSIVE, no scan), validated under SHARE UPDATE EXCLUSIVE
/// (reads and writes go on while it scans), so that `SET NOT NULL` takes its ACCESS EXCLUSIVE
/// without a scan (PostgreSQL 12 and later), and dropped after. The four steps share the
/// helper's key, which keeps them in this order; returned, for what must follow them.
fn set_not_null_proven(
    cx: &Cx,
    table: &str,
    column: &str,
    new_column: Option<Key>,
    steps: &mut Vec<Step>,
) -> Key {
    let helper = built_aside_name(&format!("{table}_{column}"), "not_null");
    let key = cx.constraint_key(table, &helper);
    let helper_step = |operation: Operation| {
        Step::new(
            Phase::AlterTable,
            Kind::Constraint,
            operation,
            key.clone(),
            cx.identity(&[table, &helper]),
        )
        .requires([cx.table_key(table)])
        .requires(new_column.clone())
    };
    steps.push(helper_step(Operation::AddNotNullCheck {
        table: table.to_owned(),
        column: column.to_owned(),
        name: helper.clone(),
    }));
    steps.push(helper_step(Operation::ValidateConstraint {
        kind: ConstraintKind::Check,
        table: table.to_owned(),
        name: helper.clone(),
    }));
    let mut set = step(
        cx,
        table,
        column,
        Operation::SetNotNull {
            table: table.to_owned(),
            column: column.to_owned(),
            proven: true,
        },
    );
    set.key = key.clone();
    steps.push(set);
    steps.push(helper_step(Operation::DropConstraint {
        kind: ConstraintKind::Check,
        table: table.to_owned(),
        name: helper.clone(),
    }));
    key
}

pub(super) fn step(cx: &Cx, table: &str, column: &str, operation: Operation) -> Step {
    Step::new(
        Phase::AlterTable,
        Kind::Column,
        operation,
        cx.column_key(table, column),
        cx.identity(&[table, column]),
    )
    .requires([cx.table_key(table)])
}
