//! Collations. PostgreSQL cannot change one: a collation that differs is set aside (renamed),
//! made again under its name, the columns that use it moved over (`ALTER COLUMN ... TYPE ...
//! COLLATE`, which rebuilds their indexes), and the old one dropped at the end, like a type made
//! again (`types`). What names it otherwise (an index key, a view, a domain) is remade around
//! it through the graph.

use std::collections::BTreeSet;

use super::{Decisions, Recast, column_name, pair_up};
use crate::change::{Conversion, Cx, set_aside_name};
use crate::model::{Collation, DependencyKind, Schema};
use crate::plan::{Key, Kind, Operation, Phase, Step};

/// The collations of both sides that differ; their columns that stay go into
/// `changes.recast_columns`.
pub fn rebuilt(pairs: &[(&Schema, &Schema)], changes: &mut Decisions) -> BTreeSet<Key> {
    let mut rebuilt = BTreeSet::new();
    for (from, to) in pairs {
        let cx = Cx::new(&from.name);
        for (old, new) in pair_up(&from.collations, &to.collations, |c| c.name.clone()).kept {
            // the owner changes in place (`owners`)
            let unowned = |c: &Collation| Collation {
                owner: String::new(),
                ..c.clone()
            };
            if unowned(old) != unowned(new) {
                rebuilt.insert(cx.collation_key(&old.name));
            }
        }
    }
    for (from, to) in pairs {
        for dependency in from.dependencies.iter().filter(|d| {
            d.object.kind == DependencyKind::Column && d.on.kind == DependencyKind::Collation
        }) {
            let schema = dependency
                .on
                .schema
                .clone()
                .unwrap_or_else(|| from.name.clone());
            if !rebuilt.contains(&Key::Collation(schema, dependency.on.name.clone())) {
                continue;
            }
            let (table, Some(column)) = (&dependency.object.name, &dependency.object.part) else {
                continue;
            };
            let find = |schema: &Schema| {
                schema
                    .tables
                    .iter()
                    .find(|t| t.name == *table)
                    .and_then(|t| t.column(column))
                    .cloned()
            };
            let (Some(old), Some(new)) = (find(from), find(to)) else {
                continue;
            };
            let key = column_name(&from.name, table, column);
            let same_type = old.data_type == new.data_type && old.collation == new.collation;
            if same_type
                && old.generated.is_none()
                && new.generated.is_none()
                && !changes.recast_columns.contains_key(&key)
            {
                let using = Some(Conversion::ExplicitCast);
                changes.recast_columns.insert(
                    key,
                    Recast {
                        using,
                        loses_data: false,
                    },
                );
            }
        }
    }
    rebuilt
}

pub fn going_away(cx: &Cx, from: &Schema, to: &Schema, rebuilt: &BTreeSet<Key>) -> Vec<Key> {
    let pairs = pair_up(&from.collations, &to.collations, |c| c.name.clone());
    let removed = pairs.removed.into_iter().map(|c| cx.collation_key(&c.name));
    removed
        .chain(
            rebuilt
                .iter()
                .filter(|k| matches!(k, Key::Collation(s, _) if *s == cx.schema))
                .cloned(),
        )
        .collect()
}

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, rebuilt: &BTreeSet<Key>, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.collations, &to.collations, |c| c.name.clone());
    for collation in pairs.removed {
        steps.push(step(
            cx,
            collation,
            Phase::DropCollation,
            Operation::DropCollation {
                name: collation.name.clone(),
            },
        ));
    }
    for collation in pairs.added {
        steps.push(step(
            cx,
            collation,
            Phase::CreateCollation,
            Operation::CreateCollation(Box::new(collation.clone())),
        ));
    }
    for (old, new) in pairs.kept {
        if !rebuilt.contains(&cx.collation_key(&old.name)) {
            continue;
        }
        let aside = set_aside_name(&old.name);
        // keyed apart: what is dropped at the end waits for the old collation's drop, not this
        let mut rename = step(
            cx,
            old,
            Phase::SetAside,
            Operation::RenameCollation {
                name: old.name.clone(),
                new_name: aside.clone(),
            },
        );
        rename.key = Key::CollationRename(cx.schema.clone(), old.name.clone());
        steps.push(rename);
        steps.push(step(
            cx,
            new,
            Phase::CreateCollation,
            Operation::CreateCollation(Box::new(new.clone())),
        ));
        let mut drop = step(
            cx,
            old,
            Phase::DropCollation,
            Operation::DropCollation { name: aside },
        );
        drop.key = Key::CollationSetAside(cx.schema.clone(), old.name.clone());
        steps.push(drop);
    }
}

fn step(cx: &Cx, collation: &Collation, phase: Phase, operation: Operation) -> Step {
    Step::new(
        phase,
        Kind::Collation,
        operation,
        cx.collation_key(&collation.name),
        cx.identity(&[&collation.name]),
    )
}
