//! Constraints: PRIMARY KEY, UNIQUE, EXCLUDE and CHECK, then FOREIGN KEYs, which need every
//! table and unique index they join and so come last.

use super::{Decisions, pair_up};
use crate::change::{Cx, Parameters, Stored, built_aside_name};
use crate::model::{Constraint, ConstraintType, Index, Schema};
use crate::plan::Kind;
use crate::plan::{ConstraintKind, Key, Operation, Phase, Step};

/// Constraints of a schema pair. One that needs something the plan drops or makes again
/// (a column that changes type, the unique key a foreign key relies on: `Decisions::remade`)
/// is dropped before it and made again after.
pub fn diff(cx: &Cx, from: &Schema, to: &Schema, tables: &Decisions, steps: &mut Vec<Step>) {
    let list = pair_up(&from.constraints, &to.constraints, |c| {
        (c.table.clone(), c.name.clone())
    });
    for old in list.removed {
        if !goes_with_its_table(cx, old, tables) {
            steps.push(drop(cx, old));
        }
    }
    for new in list.added {
        match online_index(cx, from, to, tables, new) {
            Some(index) => create_on_index(cx, new, index, None, steps),
            None => create(cx, new, tables, partitioned(to, new), steps),
        }
    }
    for (old, new) in list.kept {
        let uses_changed_column = tables
            .remade
            .contains(&cx.constraint_key(&old.table, &old.name));
        let change = change_of(old, new, uses_changed_column);
        if change != Change::Remake && old.index_tablespace != new.index_tablespace {
            steps.push(index_tablespace(cx, to, new));
        }
        match change {
            Change::None => {}
            Change::Validate => steps.push(step(cx, new, phase_of_create(new), validate(new))),
            Change::IndexOptions => index_options(cx, new, &old.index_options, steps),
            Change::Remake => {
                match online_index(cx, from, to, tables, new).filter(|_| !uses_changed_column) {
                    Some(index) => create_on_index(cx, new, index, Some(old), steps),
                    None => {
                        steps.push(drop(cx, old));
                        create(cx, new, tables, partitioned(to, new), steps);
                    }
                }
            }
        }
    }
}

/// In a lock-safe plan, the definition of the index a PRIMARY KEY or UNIQUE constraint on a table
/// in use can be added on: built concurrently first, so that only the brief `ADD CONSTRAINT ...
/// USING INDEX` blocks writes. None for any other constraint (an EXCLUDE has no such form), and
/// when the catalog did not give the index's text.
fn online_index<'a>(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    tables: &Decisions,
    c: &'a Constraint,
) -> Option<&'a str> {
    let keyed = matches!(
        c.constraint_type,
        ConstraintType::PrimaryKey | ConstraintType::Unique
    );
    (tables.lock_safe && keyed && super::indexes::in_use(cx, from, to, tables, &c.table))
        .then_some(c.index_definition.as_deref())
        .flatten()
}

/// A PRIMARY KEY or UNIQUE constraint on a table in use, added on an index built concurrently
/// under a name of its own; the constraint it replaces (`old`), if any, is dropped just before,
/// once the new index is ready. The index takes the constraint's name as it becomes its.
fn create_on_index(
    cx: &Cx,
    c: &Constraint,
    definition: &str,
    old: Option<&Constraint>,
    steps: &mut Vec<Step>,
) {
    let own = c.index_name.as_deref().unwrap_or(&c.name);
    let aside = built_aside_name(own, "new");
    let mut requires = vec![cx.table_key(&c.table)];
    requires.extend(c.columns.iter().map(|col| cx.column_key(&c.table, col)));
    let index = Index {
        name: aside.clone(),
        table: c.table.clone(),
        unique: true,
        attached: false,
        attached_to: None,
        valid: true,
        method: "btree".to_owned(),
        definition: Some(definition.to_owned()),
        // the constraint's, which it becomes; a key's index has no predicate
        tablespace: c.index_tablespace.clone(),
        predicate: None,
        columns: c.columns.clone(),
    };
    steps.push(super::indexes::create(cx, &index, true).requires(requires.clone()));
    requires.push(cx.index_key(&aside));
    if let Some(old) = old {
        steps.push(
            drop(cx, old)
                .in_phase(Phase::CreateConstraint)
                .requires(requires.clone()),
        );
    }
    let added = Operation::AddConstraint {
        kind: kind_of(c),
        validated: true,
        using_index: Some(aside),
        constraint: Box::new(c.clone()),
        index_parameters: false,
    };
    steps.push(step(cx, c, Phase::CreateConstraint, added).requires(requires));
}

/// Constraints of the source that the plan drops, for good or to make again, by their own change:
/// a foreign key that relies on one, or a view that groups by a primary key, goes with it.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema) -> Vec<Key> {
    let list = pair_up(&from.constraints, &to.constraints, |c| {
        (c.table.clone(), c.name.clone())
    });
    let remade = list
        .kept
        .into_iter()
        .filter(|(old, new)| change_of(old, new, false) == Change::Remake)
        .map(|(old, _)| old);
    list.removed
        .into_iter()
        .chain(remade)
        .map(|c| cx.constraint_key(&c.table, &c.name))
        .collect()
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

fn change_of(old: &Constraint, new: &Constraint, uses_changed_column: bool) -> Change {
    if uses_changed_column {
        Change::Remake
    } else if comparable(old) == comparable(new) {
        Change::None
    } else if only_validation_differs(old, new) {
        Change::Validate
    } else if only_index_options_differ(old, new) {
        Change::IndexOptions
    } else {
        Change::Remake
    }
}

/// A dropped table takes its constraints along, except its foreign keys to other tables: the key
/// they rely on may be dropped or made again before the table goes, so they are dropped first.
fn goes_with_its_table(cx: &Cx, constraint: &Constraint, tables: &Decisions) -> bool {
    if !tables.is_dropped(&cx.schema, &constraint.table) {
        return false;
    }
    match &constraint.references {
        Some(r) => {
            r.schema.as_deref().unwrap_or(&cx.schema) == cx.schema && r.table == constraint.table
        }
        None => true,
    }
}

/// The constraint as it compares: its definition in the form PostgreSQL reads back (see
/// `normalize`), and without the unique index a foreign key relies on, which PostgreSQL picks
/// itself (the oldest that fits) and no DDL names; it stays in the model for the order of drops.
fn comparable(c: &Constraint) -> Constraint {
    let mut c = Constraint {
        definition: super::normalize::expression(&c.definition),
        // the constraint's definition says the same, and a snapshot may lack it
        index_definition: None,
        // moved, not made again
        index_tablespace: None,
        index_predicate: None,
        ..c.clone()
    };
    if let Some(r) = c.references.as_mut() {
        r.index = None;
    }
    c
}

fn only_validation_differs(old: &Constraint, new: &Constraint) -> bool {
    !old.validated
        && new.validated
        && super::normalize::expression(old.definition_when_valid())
            == super::normalize::expression(&new.definition)
        && comparable(&Constraint {
            definition: new.definition.clone(),
            validated: true,
            ..old.clone()
        }) == comparable(new)
}

fn only_index_options_differ(old: &Constraint, new: &Constraint) -> bool {
    old.index_options != new.index_options
        && comparable(&Constraint {
            index_options: new.index_options.clone(),
            ..old.clone()
        }) == comparable(new)
}

fn phase_of_create(c: &Constraint) -> Phase {
    if c.constraint_type == ConstraintType::ForeignKey {
        Phase::CreateForeignKey
    } else {
        Phase::CreateConstraint
    }
}

fn drop(cx: &Cx, c: &Constraint) -> Step {
    let phase = if c.constraint_type == ConstraintType::ForeignKey {
        Phase::DropForeignKey
    } else {
        Phase::DropConstraint
    };
    let operation = Operation::DropConstraint {
        kind: kind_of(c),
        table: c.table.clone(),
        name: c.name.clone(),
    };
    step(cx, c, phase, operation)
}

/// On a table that already holds rows, a validated CHECK or FOREIGN KEY is added NOT VALID and
/// validated by a second statement, which takes a lighter lock while it scans.
/// Whether the constraint's table is partitioned (in `to`).
fn partitioned(to: &Schema, c: &Constraint) -> bool {
    to.tables
        .iter()
        .any(|t| t.name == c.table && t.partition_key.is_some())
}

/// `partitioned`: the constraint's table is partitioned, where PostgreSQL (before 18) refuses a
/// foreign key NOT VALID: it is added validated.
fn create(cx: &Cx, c: &Constraint, tables: &Decisions, partitioned: bool, steps: &mut Vec<Step>) {
    let phase = phase_of_create(c);
    let mut requires = vec![cx.table_key(&c.table)];
    requires.extend(c.columns.iter().map(|col| cx.column_key(&c.table, col)));
    if let Some(r) = &c.references {
        let referenced = Cx::new(r.schema.as_deref().unwrap_or(&cx.schema));
        requires.push(referenced.table_key(&r.table));
        requires.extend(
            r.columns
                .iter()
                .map(|col| referenced.column_key(&r.table, col)),
        );
    }

    // ALTER INDEX cannot set a partitioned index's storage parameters: the key's statement does
    let in_statement = partitioned
        && matches!(
            c.constraint_type,
            ConstraintType::PrimaryKey | ConstraintType::Unique
        );
    let validate_apart = matches!(
        c.constraint_type,
        ConstraintType::Check | ConstraintType::ForeignKey
    ) && c.validated
        && !tables.is_created(&cx.schema, &c.table)
        && !(partitioned && c.constraint_type == ConstraintType::ForeignKey);
    let added = Operation::AddConstraint {
        kind: kind_of(c),
        validated: c.validated && !validate_apart,
        using_index: None,
        constraint: Box::new(c.clone()),
        index_parameters: in_statement,
    };
    steps.push(step(cx, c, phase, added).requires(requires));
    if validate_apart {
        steps.push(step(cx, c, phase, validate(c)));
    }
    // an EXCLUDE's text holds its WITH (...) already
    if !c.index_options.is_empty() && !in_statement && c.constraint_type != ConstraintType::Exclude
    {
        index_options(cx, c, &[], steps);
    }
}

/// `ALTER INDEX ... SET TABLESPACE` of the constraint's index: copied, not built again.
fn index_tablespace(cx: &Cx, to: &Schema, c: &Constraint) -> Step {
    let index = c.index_name.as_deref().unwrap_or(&c.name);
    let operation = Operation::SetTablespace {
        relation: index.to_owned(),
        stored: Stored::Index,
        partitioned: partitioned(to, c),
        tablespace: c.index_tablespace.clone(),
    };
    step(cx, c, Phase::CreateConstraint, operation).on_relation(&cx.schema, index)
}

/// SET the storage parameters of the constraint's index that are new or changed, RESET the rest.
fn index_options(cx: &Cx, c: &Constraint, old: &[String], steps: &mut Vec<Step>) {
    let index = c.index_name.as_deref().unwrap_or(&c.name);
    let (reset, set) = super::storage_parameter_changes(old, &c.index_options);
    for parameters in [Parameters::Reset(reset), Parameters::Set(set)] {
        let (Parameters::Reset(options) | Parameters::Set(options)) = &parameters;
        if options.is_empty() {
            continue;
        }
        let operation = Operation::IndexStorageParameters {
            index: index.to_owned(),
            parameters,
        };
        steps.push(step(cx, c, Phase::CreateConstraint, operation).on_relation(&cx.schema, index));
    }
}

fn validate(c: &Constraint) -> Operation {
    Operation::ValidateConstraint {
        kind: kind_of(c),
        table: c.table.clone(),
        name: c.name.clone(),
    }
}

fn kind_of(c: &Constraint) -> ConstraintKind {
    match c.constraint_type {
        ConstraintType::PrimaryKey => ConstraintKind::PrimaryKey,
        ConstraintType::Unique => ConstraintKind::Unique,
        ConstraintType::Exclude => ConstraintKind::Exclusion,
        ConstraintType::Check => ConstraintKind::Check,
        ConstraintType::ForeignKey => ConstraintKind::ForeignKey,
    }
}

fn step(cx: &Cx, c: &Constraint, phase: Phase, operation: Operation) -> Step {
    Step::new(
        phase,
        Kind::Constraint,
        operation,
        cx.constraint_key(&c.table, &c.name),
        cx.identity(&[&c.table, &c.name]),
    )
}
