//! Columns that call a routine the plan drops and makes again (`Decisions::remade`): a default
//! dropped early and set again late, a generated column dropped and added again.

use super::Decisions;
use super::columns::{add, drop, step, type_changes};
use crate::change::Cx;
use crate::model::{Column, Schema};
use crate::plan::{Operation, Phase, Step};

/// Defaults that call a routine the plan drops and makes again (`Decisions::remade`): dropped
/// early and set again late, when nothing else about the column already does so. A generated
/// column has no default to drop: it is dropped and added again, its values computed anew (the
/// graph has already sent what uses it, its indexes and views, down with it).
pub fn remade_defaults(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    changes: &Decisions,
    steps: &mut Vec<Step>,
) {
    for (table, column, fate) in remade_default_fates(cx, from, to, changes) {
        match fate {
            RemadeDefault::Regenerated(old, new) => {
                steps.push(drop(cx, table, old));
                add(cx, table, new, false, steps);
            }
            RemadeDefault::SetAgain(new) => {
                let release = Operation::DropDefault {
                    table: table.to_owned(),
                    column: column.to_owned(),
                };
                steps.push(step(cx, table, column, release).in_phase(Phase::ReleaseColumn));
                if let Some(default) = &new.default {
                    // the same default as before, set again: no sequence comes new to the column
                    let operation = Operation::SetDefault {
                        from_sequence: false,
                        table: table.to_owned(),
                        column: column.to_owned(),
                        expression: default.clone(),
                    };
                    steps.push(step(cx, table, column, operation));
                }
            }
        }
    }
}

/// What a column that calls a routine made again needs (`remade_defaults`).
pub enum RemadeDefault<'a> {
    /// A generated column, dropped and added again: its values computed anew.
    Regenerated(&'a Column, &'a Column),
    /// A default dropped early and set again late.
    SetAgain(&'a Column),
}

/// The columns of `cx`'s schema that `Decisions::remade` holds and that nothing else about the
/// column already drops and makes again or sets again, with what each needs.
pub fn remade_default_fates<'a>(
    cx: &Cx,
    from: &'a Schema,
    to: &'a Schema,
    changes: &'a Decisions,
) -> Vec<(&'a str, &'a str, RemadeDefault<'a>)> {
    let mut fates = Vec::new();
    for key in changes.remade.iter() {
        let crate::plan::Key::Column(schema, table, column) = key else {
            continue;
        };
        // a column moved to a type made again has its default dropped and set again by `alter`
        let recast =
            changes
                .recast_columns
                .contains_key(&(schema.clone(), table.clone(), column.clone()));
        if *schema != cx.schema
            || changes.column_goes_away(schema, table, column)
            || changes.is_created(schema, table)
            || recast
        {
            continue;
        }
        let old = from
            .tables
            .iter()
            .find(|t| t.name == *table)
            .and_then(|t| t.column(column));
        let new = to
            .tables
            .iter()
            .find(|t| t.name == *table)
            .and_then(|t| t.column(column));
        let (Some(old), Some(new)) = (old, new) else {
            continue;
        };
        if old.generated.is_some() && old.same_definition(new) {
            fates.push((
                table.as_str(),
                column.as_str(),
                RemadeDefault::Regenerated(old, new),
            ));
            continue;
        }
        // a changed default or type is dropped early and set late already
        if old.default.is_none() || old.default != new.default || type_changes(old, new) {
            continue;
        }
        fates.push((
            table.as_str(),
            column.as_str(),
            RemadeDefault::SetAgain(new),
        ));
    }
    fates
}
