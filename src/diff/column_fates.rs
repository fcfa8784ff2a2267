//! What becomes of the columns of a kept table, decided before any statement is written
//! (`Fates`: dropped, made again, retyped), and whether the plan writes any step for them.

use std::collections::BTreeSet;

use super::columns::type_changes;
use super::{Decisions, pair_up};
use crate::change::Cx;
use crate::model::{Column, Table};

/// What becomes of the columns of a kept table: decided before any statement is written.
pub struct Fates<'a> {
    /// Columns that go away for good.
    pub dropped: Vec<&'a str>,
    /// Columns dropped and added again: PostgreSQL cannot turn the old into the new in place.
    pub rebuilt: BTreeSet<&'a str>,
    /// Columns changed in place whose type or collation changes (or that move to a type made
    /// again): what uses them is made again around the change.
    pub retyped: BTreeSet<&'a str>,
}

/// The fates of the columns of a table on both sides. A generated column is made again when its
/// expression or kind changes, when a plain column becomes generated, when its own type changes
/// (ALTER TYPE takes no USING there), and when a column its expression reads changes type
/// (PostgreSQL refuses that under it); a column of a type made again that no expression can
/// move is made again too, and so is one whose new type PostgreSQL cannot cast the old one to
/// when the caller gave no `using` for it (`Conversions`).
pub fn fates<'a>(
    cx: &Cx,
    old_table: &'a Table,
    new_table: &'a Table,
    decided: &Decisions,
) -> Fates<'a> {
    let table = new_table.name.as_str();
    let pairs = pair_up(&old_table.columns, &new_table.columns, |c| c.name.clone());
    let key = |c: &Column| (cx.schema.clone(), table.to_owned(), c.name.clone());
    let recast = |c: &Column| decided.recast_columns.get(&key(c));
    let castless = |old: &Column, new: &Column| {
        recast(new).is_none()
            && !decided.conversions.using.contains_key(&key(new))
            && decided
                .conversions
                .castless
                .contains(&(old.data_type.clone(), new.data_type.clone()))
    };
    let type_changed: BTreeSet<&str> = pairs
        .kept
        .iter()
        .filter(|(old, new)| type_changes(old, new))
        .map(|(_, new)| new.name.as_str())
        .collect();
    let reads_retyped = |c: &Column| {
        c.generated_uses
            .iter()
            .any(|u| type_changed.contains(u.as_str()))
    };
    let rebuilt: BTreeSet<&str> = pairs
        .kept
        .iter()
        .filter(|(old, new)| {
            if recast(new).is_some_and(|r| r.using.is_none()) || castless(old, new) {
                return true;
            }
            let generation_changes = match (&old.generated, &new.generated) {
                (Some(a), Some(b)) => a != b || old.generated_virtual != new.generated_virtual,
                (None, Some(_)) => true,
                _ => false,
            };
            let retyped_generated = new.generated.is_some() && type_changes(old, new);
            generation_changes || retyped_generated || reads_retyped(old) || reads_retyped(new)
        })
        .map(|(_, new)| new.name.as_str())
        .collect();
    let retyped = pairs
        .kept
        .iter()
        .filter(|(_, new)| !rebuilt.contains(new.name.as_str()))
        .filter(|(old, new)| type_changes(old, new) || recast(new).is_some())
        .map(|(_, new)| new.name.as_str())
        .collect();
    Fates {
        dropped: pairs.removed.iter().map(|c| c.name.as_str()).collect(),
        rebuilt,
        retyped,
    }
}

/// Whether the plan writes any step for a column of this kept table: one added, dropped, made
/// again, moved to a type made again, or changed in anything but its grants (which are the
/// privileges' steps).
pub fn any_change(cx: &Cx, old_table: &Table, new_table: &Table, decided: &Decisions) -> bool {
    let pairs = pair_up(&old_table.columns, &new_table.columns, |c| c.name.clone());
    let column = |name: &str| (cx.schema.clone(), new_table.name.clone(), name.to_owned());
    !pairs.added.is_empty()
        || !pairs.removed.is_empty()
        || pairs.kept.iter().any(|(old, new)| {
            let key = column(&new.name);
            decided.rebuilt_columns.contains(&key)
                || decided.recast_columns.contains_key(&key)
                || !same_but_grants(old, new)
        })
}

/// Everything but the grants, on the column and on its identity sequence, which are the
/// privileges' steps.
fn same_but_grants(old: &Column, new: &Column) -> bool {
    let mut old = Column {
        privileges: new.privileges.clone(),
        ..old.clone()
    };
    if let (Some(was), Some(is)) = (&mut old.identity, &new.identity) {
        was.sequence.privileges.clone_from(&is.sequence.privileges);
    }
    old.same_definition(new)
}
