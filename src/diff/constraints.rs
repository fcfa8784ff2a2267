//! Constraints: PRIMARY KEY, UNIQUE, EXCLUDE and CHECK, then FOREIGN KEYs, which need every
//! table and unique index they join and so come last.

use std::collections::BTreeSet;

use super::{TableChanges, pair_up};
use crate::ddl::{Cx, constraints as sql};
use crate::model::{Constraint, ConstraintType, Schema};
use crate::plan::{Action, Key, Kind, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, tables: &TableChanges, dropped_indexes: &BTreeSet<String>, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.constraints, &to.constraints, |c| (c.table.clone(), c.name.clone()));

    // Keys other than foreign keys first: whether they are made again decides whether a foreign
    // key that relies on their index must be dropped before and made again after.
    let mut dropped_indexes = dropped_indexes.clone();
    for old in &pairs.removed {
        dropped_indexes.extend(old.index_name.clone());
    }
    let mut decisions = Vec::with_capacity(pairs.kept.len());
    for &(old, new) in &pairs.kept {
        let change = change_of(old, new, tables.uses_rebuilt(&old.table, &old.columns));
        if change == Change::Remake {
            dropped_indexes.extend(old.index_name.clone());
        }
        decisions.push((old, new, change));
    }
    let loses_its_key = |c: &Constraint| {
        c.references.as_ref().is_some_and(|r| {
            r.schema.is_none()
                && (r.index.as_ref().is_some_and(|i| dropped_indexes.contains(i)) || tables.uses_rebuilt(&r.table, &r.columns))
        })
    };

    for old in pairs.removed {
        if !goes_with_its_table(old, tables) {
            steps.push(drop(cx, old));
        }
    }
    for new in pairs.added {
        create(cx, new, tables, steps);
    }
    for (old, new, change) in decisions {
        let change = if loses_its_key(old) { Change::Remake } else { change };
        match change {
            Change::None => {}
            Change::Validate => steps.push(step(cx, new, phase_of_create(new), Action::Alter, sql::validate(cx, new))),
            Change::IndexOptions => index_options(cx, new, &old.index_options, steps),
            Change::Remake => {
                steps.push(drop(cx, old));
                create(cx, new, tables, steps);
            }
        }
    }
}

/// What a constraint present on both sides needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    None,
    /// NOT VALID in the source, valid in the target, otherwise the same.
    Validate,
    /// Only the storage parameters of its index differ: set in place.
    IndexOptions,
    /// Dropped and added again.
    Remake,
}

fn change_of(old: &Constraint, new: &Constraint, uses_rebuilt_column: bool) -> Change {
    if uses_rebuilt_column {
        Change::Remake
    } else if old == new {
        Change::None
    } else if only_validation_differs(old, new) {
        Change::Validate
    } else if only_index_options_differ(old, new) {
        Change::IndexOptions
    } else {
        Change::Remake
    }
}

/// A dropped table takes its constraints along, except a foreign key to another dropped table,
/// which is dropped first so that the tables can go in any order.
fn goes_with_its_table(constraint: &Constraint, tables: &TableChanges) -> bool {
    if !tables.dropped.contains(&constraint.table) {
        return false;
    }
    match &constraint.references {
        Some(r) if r.schema.is_none() && r.table != constraint.table && tables.dropped.contains(&r.table) => false,
        _ => true,
    }
}

fn only_validation_differs(old: &Constraint, new: &Constraint) -> bool {
    !old.validated
        && new.validated
        && old.definition_when_valid() == new.definition
        && Constraint { definition: new.definition.clone(), validated: true, ..old.clone() } == *new
}

fn only_index_options_differ(old: &Constraint, new: &Constraint) -> bool {
    old.index_options != new.index_options && Constraint { index_options: new.index_options.clone(), ..old.clone() } == *new
}

fn phase_of_create(c: &Constraint) -> Phase {
    if c.constraint_type == ConstraintType::ForeignKey { Phase::CreateForeignKey } else { Phase::CreateConstraint }
}

fn drop(cx: &Cx, c: &Constraint) -> Step {
    let phase = if c.constraint_type == ConstraintType::ForeignKey { Phase::DropForeignKey } else { Phase::DropConstraint };
    step(cx, c, phase, Action::Drop, sql::drop(cx, &c.table, &c.name))
}

/// On a table that already holds rows, a validated CHECK or FOREIGN KEY is added NOT VALID and
/// validated by a second statement, which takes a lighter lock while it scans.
fn create(cx: &Cx, c: &Constraint, tables: &TableChanges, steps: &mut Vec<Step>) {
    let phase = phase_of_create(c);
    let mut requires = vec![Key::Table(c.table.clone())];
    requires.extend(c.columns.iter().map(|col| Key::Column(c.table.clone(), col.clone())));
    if let Some(r) = c.references.as_ref().filter(|r| r.schema.is_none()) {
        requires.push(Key::Table(r.table.clone()));
        requires.extend(r.columns.iter().map(|col| Key::Column(r.table.clone(), col.clone())));
    }

    let validate_apart = matches!(c.constraint_type, ConstraintType::Check | ConstraintType::ForeignKey)
        && c.validated
        && !tables.created.contains(&c.table);
    steps.push(step(cx, c, phase, Action::Create, sql::add(cx, c, validate_apart)).requires(requires));
    if validate_apart {
        steps.push(step(cx, c, phase, Action::Alter, sql::validate(cx, c)));
    }
    if !c.index_options.is_empty() {
        index_options(cx, c, &[], steps);
    }
}

/// SET the storage parameters of the constraint's index that are new or changed, RESET the rest.
fn index_options(cx: &Cx, c: &Constraint, old: &[String], steps: &mut Vec<Step>) {
    let index = c.index_name.as_deref().unwrap_or(&c.name);
    let new_names: BTreeSet<&str> = c.index_options.iter().map(|o| crate::ddl::split_option(o).0).collect();
    let gone: Vec<String> =
        old.iter().filter(|o| !new_names.contains(crate::ddl::split_option(o).0)).cloned().collect();
    let changed: Vec<String> = c.index_options.iter().filter(|o| !old.contains(o)).cloned().collect();
    if !gone.is_empty() {
        steps.push(step(cx, c, Phase::CreateConstraint, Action::Alter, sql::reset_index_options(cx, index, &gone)));
    }
    if !changed.is_empty() {
        steps.push(step(cx, c, Phase::CreateConstraint, Action::Alter, sql::set_index_options(cx, index, &changed)));
    }
}

fn step(cx: &Cx, c: &Constraint, phase: Phase, action: Action, statement: String) -> Step {
    let key = Key::Constraint(c.table.clone(), c.name.clone());
    Step::new(phase, Kind::Constraint, action, key, cx.identity(&[&c.table, &c.name]), statement)
}
