//! Sequences that are not identity sequences.
//!
//! OWNED BY ties a sequence to a column: dropping the column drops the sequence. So a sequence
//! that outlives its old owner is released first, and one that goes with its owner needs no
//! statement of its own.

use super::{Decisions, pair_up};
use crate::ddl::{Cx, sequences as sql};
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
                    Operation::DropSequence,
                    &sequence.name,
                    sql::drop(cx, &sequence.name),
                )
                .hazard(Hazard::DataLoss),
            );
        }
    }

    for sequence in pairs.added {
        steps.push(step(
            cx,
            Phase::CreateSequence,
            Operation::CreateSequence,
            &sequence.name,
            sql::create(cx, sequence),
        ));
        if let Some(owner) = &sequence.owned_by {
            steps.push(own(cx, sequence, owner));
        }
    }

    for (old, new) in pairs.kept {
        if !sql::changed_options(old, new, true).is_empty() {
            let restart = sql::start_outside_new_bounds(old, new);
            let mut alter = step(
                cx,
                Phase::AlterSequence,
                Operation::AlterSequence,
                &new.name,
                sql::alter(cx, old, new, restart),
            );
            if restart {
                // the sequence's position is lost: it may hand out values it already gave
                alter = alter.hazard(Hazard::DataLoss);
            }
            steps.push(alter);
        }
        if old.persistence != new.persistence {
            let statement = sql::set_persistence(cx, &new.name, new.persistence);
            steps.push(step(
                cx,
                Phase::AlterSequence,
                Operation::SetSequencePersistence,
                &new.name,
                statement,
            ));
        }

        let released = old.owned_by.is_some() && (owner_goes_away(old) || new.owned_by.is_none());
        if released {
            steps.push(owner_step(
                cx,
                Phase::ReleaseSequence,
                &new.name,
                sql::owned_by(cx, &new.name, None),
            ));
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
    owner_step(
        cx,
        Phase::AlterSequence,
        &sequence.name,
        sql::owned_by(cx, &sequence.name, Some(owner)),
    )
    .requires([
        cx.sequence_key(&sequence.name),
        cx.column_key(&owner.table, &owner.column),
    ])
}

fn owner_step(cx: &Cx, phase: Phase, name: &str, statement: String) -> Step {
    let key = Key::SequenceOwner(cx.schema.clone(), name.to_owned());
    Step::new(
        phase,
        Kind::Sequence,
        Operation::SequenceOwnedBy,
        key,
        cx.identity(&[name]),
        statement,
    )
}

fn step(cx: &Cx, phase: Phase, operation: Operation, name: &str, statement: String) -> Step {
    Step::new(
        phase,
        Kind::Sequence,
        operation,
        cx.sequence_key(name),
        cx.identity(&[name]),
        statement,
    )
}
