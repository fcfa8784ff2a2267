//! The contract every kind of object the diff compares implements, and the one list of them.
//!
//! A kind says two things. First, what it takes away by its own change (`going_away`): asked
//! once the tables' and types' fates are decided, and turned by the source's graph into what
//! must be made again around it (`Decisions::remade`). Then its steps (`changes`), given every
//! decision, which no kind changes: a kind reads the two models and `Decisions`, never another
//! kind's steps. Steps come out in the order of `KINDS`, which only breaks ties between steps
//! with no edge between them (`plan::order`).

use super::{Decisions, Pair};
use crate::change::Key;
use crate::error::Error;
use crate::plan::Step;

/// What every kind of object the diff compares implements.
pub trait ObjectKind: Sync {
    /// The source's objects this kind takes away by its own change, for good or to make again,
    /// or changes in a way PostgreSQL refuses under what uses them: whatever needs one is
    /// dropped before it and made again after. Every object the kind drops and makes again by
    /// its own change must be here: `Decisions::made_again` (grants and comments given back)
    /// knows it from this.
    fn going_away(&self, _pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        Vec::new()
    }

    /// The steps that make the source's objects of this kind look like the target's.
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error>;
}

/// Every kind, in the order their steps are written.
pub const KINDS: [&dyn ObjectKind; 18] = [
    &Tables,
    &Trees,
    &Types,
    &Collations,
    &ColumnDefaults,
    &Sequences,
    &Indexes,
    &Constraints,
    &Views,
    &Routines,
    &Policies,
    &Triggers,
    &Statistics,
    &Rules,
    &Owners,
    &Privileges,
    &TableSettings,
    &Comments,
];

/// Runs one kind's step-writing function into a new list.
fn collect(write: impl FnOnce(&mut Vec<Step>)) -> Result<Vec<Step>, Error> {
    let mut steps = Vec::new();
    write(&mut steps);
    Ok(steps)
}

/// Tables with their columns (and row-level security, ENABLE/FORCE).
struct Tables;
impl ObjectKind for Tables {
    fn going_away(&self, pair: &Pair, decided: &Decisions) -> Vec<Key> {
        decided.tables_going_away_in(&pair.cx.schema)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::tables::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// Partitions attached and detached, parents inherited from.
struct Trees;
impl ObjectKind for Trees {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::attach::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// Enums, domains, composite and range types.
struct Types;
impl ObjectKind for Types {
    fn going_away(&self, pair: &Pair, decided: &Decisions) -> Vec<Key> {
        super::types::going_away(&pair.cx, pair.from, pair.to, &decided.rebuilt_types)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::types::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

struct Collations;
impl ObjectKind for Collations {
    fn going_away(&self, pair: &Pair, decided: &Decisions) -> Vec<Key> {
        super::collations::going_away(&pair.cx, pair.from, pair.to, &decided.rebuilt_collations)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| {
            super::collations::diff(
                &pair.cx,
                pair.from,
                pair.to,
                &decided.rebuilt_collations,
                steps,
            )
        })
    }
}

/// The defaults and generated columns that call a routine made again: dropped early and set
/// again late.
struct ColumnDefaults;
impl ObjectKind for ColumnDefaults {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| {
            super::remade_defaults::remade_defaults(&pair.cx, pair.from, pair.to, decided, steps)
        })
    }
}

struct Sequences;
impl ObjectKind for Sequences {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::sequences::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

struct Indexes;
impl ObjectKind for Indexes {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::indexes::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        let mut steps = Vec::new();
        super::indexes::diff(&pair.cx, pair.from, pair.to, decided, &mut steps)?;
        Ok(steps)
    }
}

/// PRIMARY KEY, UNIQUE, EXCLUDE, CHECK and FOREIGN KEY constraints.
struct Constraints;
impl ObjectKind for Constraints {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::constraints::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::constraints::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// Views and materialized views.
struct Views;
impl ObjectKind for Views {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::views::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::views::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// Functions, procedures and aggregates.
struct Routines;
impl ObjectKind for Routines {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::routines::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        let mut steps = Vec::new();
        super::routines::diff(&pair.cx, pair.from, pair.to, decided, &mut steps)?;
        Ok(steps)
    }
}

/// Row-level security policies.
struct Policies;
impl ObjectKind for Policies {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::policies::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::policies::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

struct Triggers;
impl ObjectKind for Triggers {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::triggers::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::triggers::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// Extended statistics objects.
struct Statistics;
impl ObjectKind for Statistics {
    fn going_away(&self, pair: &Pair, _decided: &Decisions) -> Vec<Key> {
        super::statistics::going_away(&pair.cx, pair.from, pair.to)
    }
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::statistics::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

struct Rules;
impl ObjectKind for Rules {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::rules::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// What a table says of an index or type (REPLICA IDENTITY USING INDEX, CLUSTER ON, OF): set
/// again when the plan makes the index, or changes the type or the table's columns.
struct TableSettings;
impl ObjectKind for TableSettings {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| {
            super::tables::index_and_type_settings(&pair.cx, pair.from, pair.to, decided, steps)
        })
    }
}

/// COMMENT ON every object above: set where it differs, taken away where the target has none,
/// and set again on an object the plan makes again (`Decisions::made_again`), which lost it.
struct Comments;
impl ObjectKind for Comments {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::comments::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// ALTER ... OWNER TO on every object above that has an owner (with `with_owners`).
struct Owners;
impl ObjectKind for Owners {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| super::owners::diff(&pair.cx, pair.from, pair.to, decided, steps))
    }
}

/// GRANT and REVOKE on every object above (with `with_privileges`), and the grants an object
/// made again gets back.
struct Privileges;
impl ObjectKind for Privileges {
    fn changes(&self, pair: &Pair, decided: &Decisions) -> Result<Vec<Step>, Error> {
        collect(|steps| {
            super::privileges::diff(
                &pair.cx,
                pair.from,
                pair.to,
                decided,
                decided.with_privileges,
                steps,
            )
        })
    }
}
