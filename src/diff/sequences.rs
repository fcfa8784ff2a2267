//! Sequences that are not identity sequences.
//!
//! OWNED BY ties a sequence to a column: dropping the column drops the sequence. So a sequence
//! that outlives its old owner is released first, and one that goes with its owner needs no
//! statement of its own.

use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::model::{OwnedBy, Schema, Sequence};
use crate::plan::{Hazard, Key, Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, tables: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.sequences, &to.sequences, |s| s.name.clone());
    let owner_goes_away = |s: &Sequence| {
        s.owned_by
            .as_ref()
            .is_some_and(|o| tables.column_goes_away(&cx.schema, &o.table, &o.column))
    };

    for sequence in pairs.removed {
        // dropped along with its owning column or table
        if !owner_goes_away(sequence) {
            steps.push(
                step(
                    cx,
                    Phase::DropSequence,
                    Operation::DropSequence {
                        name: sequence.name.clone(),
                    },
                    &sequence.name,
                )
                .hazard(Hazard::DataLoss),
            );
        }
    }

    for sequence in pairs.added {
        steps.push(step(
            cx,
            Phase::CreateSequence,
            Operation::CreateSequence(Box::new(sequence.clone())),
            &sequence.name,
        ));
        if let Some(owner) = &sequence.owned_by {
            steps.push(own(cx, sequence, owner));
        }
    }

    for (old, new) in pairs.kept {
        if old.options_differ(new, true) {
            let operation = Operation::AlterSequence {
                from: Box::new(old.options.clone()),
                to: Box::new(new.options.clone()),
            };
            let mut alter = step(cx, Phase::AlterSequence, operation, &new.name);
            if old.start_outside_bounds_of(new) {
                // the sequence's position is lost: it may hand out values it already gave
                alter = alter.hazard(Hazard::DataLoss);
            }
            steps.push(alter);
        }
        if old.persistence != new.persistence {
            let operation = Operation::SetSequencePersistence {
                name: new.name.clone(),
                persistence: new.persistence,
            };
            steps.push(step(cx, Phase::AlterSequence, operation, &new.name));
        }

        let released = old.owned_by.is_some() && (owner_goes_away(old) || new.owned_by.is_none());
        if released {
            steps.push(owner_step(cx, Phase::ReleaseSequence, &new.name, None));
        }
        if let Some(owner) = &new.owned_by
            && (released || old.owned_by.as_ref() != Some(owner))
        {
            steps.push(own(cx, new, owner));
        }
    }
}

/// OWNED BY a column, once that column exists.
fn own(cx: &Cx, sequence: &Sequence, owner: &OwnedBy) -> Step {
    owner_step(cx, Phase::AlterSequence, &sequence.name, Some(owner)).requires([
        cx.sequence_key(&sequence.name),
        cx.column_key(&owner.table, &owner.column),
    ])
}

/// `OWNED BY` the column, or `NONE`.
fn owner_step(cx: &Cx, phase: Phase, name: &str, owner: Option<&OwnedBy>) -> Step {
    let key = Key::SequenceOwner(cx.schema.clone(), name.to_owned());
    let operation = Operation::SequenceOwnedBy {
        name: name.to_owned(),
        owner: owner.cloned(),
    };
    Step::new(phase, Kind::Sequence, operation, key, cx.identity(&[name]))
}

fn step(cx: &Cx, phase: Phase, operation: Operation, name: &str) -> Step {
    Step::new(
        phase,
        Kind::Sequence,
        operation,
        cx.sequence_key(name),
        cx.identity(&[name]),
    )
}
