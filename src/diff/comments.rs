//! Comments on every object the model compares.
//!
//! A comment that differs is set, one that the target lacks is taken away (`IS NULL`) from an
//! object that stays. An object the plan makes (new, or dropped and made again: a view, routine,
//! index, trigger or type remade: `Decisions::made_again`) has lost any comment it had, so it
//! gets the target's back whatever the source said.

use super::{Decisions, pair_up};
use crate::change::{CommentOn, Cx};
use crate::model::{Comment, Schema, TypeDefinition};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, decided: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.comments, &to.comments, |c| {
        (c.kind.clone(), c.name.clone(), c.part.clone())
    });
    let mut new_steps = Vec::new();
    for comment in pairs.removed {
        let key = object_key(cx, comment);
        if !decided.made_again(&key) && stays(comment, from, to) {
            new_steps.push(step(cx, comment, key, to, None));
        }
    }
    let kept = pairs.kept.into_iter().map(|(old, new)| (Some(old), new));
    for (old, new) in kept.chain(pairs.added.into_iter().map(|new| (None, new))) {
        let key = object_key(cx, new);
        let before = old
            .filter(|_| !decided.made_again(&key))
            .map(|c| c.text.as_str());
        if before != Some(new.text.as_str()) {
            new_steps.push(step(cx, new, key, to, Some(&new.text)));
        }
    }
    steps.extend(new_steps);
}

/// The key of the object a comment is on; a column of a view or composite type, or a domain's
/// constraint, stands for its view or type, with which it is made.
fn object_key(cx: &Cx, comment: &Comment) -> Key {
    let (name, part) = (
        comment.name.as_str(),
        comment.part.as_deref().unwrap_or_default(),
    );
    match comment.kind.as_str() {
        "table" => cx.table_key(name),
        "view" | "materialized view" | "view column" => cx.view_key(name),
        "sequence" => cx.sequence_key(name),
        "index" => cx.index_key(name),
        "type" | "attribute" | "domain constraint" => cx.type_key(name),
        "collation" => cx.collation_key(name),
        "statistics" => cx.statistics_key(name),
        "column" => cx.column_key(name, part),
        "constraint" => cx.constraint_key(name, part),
        "trigger" => cx.trigger_key(name, part),
        "rule" => cx.rule_key(name, part),
        "policy" => cx.policy_key(name, part),
        _ => cx.routine_key(name),
    }
}

/// Whether the object a source comment is on is still there after the plan: one the source
/// model holds must be in the target's too. An object neither side holds (a column of a table
/// whose fingerprints match, so that neither side read it) is on both.
fn stays(comment: &Comment, from: &Schema, to: &Schema) -> bool {
    let (name, part) = (
        comment.name.as_str(),
        comment.part.as_deref().unwrap_or_default(),
    );
    let on = |schema: &Schema| -> bool {
        match comment.kind.as_str() {
            "table" => schema.tables.iter().any(|t| t.name == name),
            "column" => schema
                .tables
                .iter()
                .any(|t| t.name == name && t.column(part).is_some()),
            "view" | "materialized view" => schema.views.iter().any(|v| v.name == name),
            "view column" => schema
                .views
                .iter()
                .any(|v| v.name == name && v.columns.iter().any(|c| c.name == part)),
            "sequence" => schema.sequences.iter().any(|s| s.name == name),
            "index" => {
                schema.indexes.iter().any(|i| i.name == name)
                    || schema
                        .constraints
                        .iter()
                        .any(|c| c.index_name.as_deref() == Some(name))
            }
            "type" | "domain constraint" | "attribute" => {
                schema.types.iter().any(|t| t.name == name)
            }
            "collation" => schema.collations.iter().any(|c| c.name == name),
            "statistics" => schema.statistics.iter().any(|s| s.name == name),
            "constraint" => schema
                .constraints
                .iter()
                .any(|c| c.table == name && c.name == part),
            "trigger" => schema
                .triggers
                .iter()
                .any(|t| t.table == name && t.name == part),
            "rule" => schema
                .rules
                .iter()
                .any(|r| r.table == name && r.name == part),
            "policy" => schema
                .policies
                .iter()
                .any(|p| p.table == name && p.name == part),
            _ => schema.routines.iter().any(|r| r.identity == name),
        }
    };
    !on(from) || on(to)
}

fn step(cx: &Cx, comment: &Comment, key: Key, to: &Schema, text: Option<&str>) -> Step {
    let domain = to
        .types
        .iter()
        .any(|t| t.name == comment.name && matches!(t.definition, TypeDefinition::Domain(_)));
    let name = match comment.kind.as_str() {
        "routine" => to
            .routines
            .iter()
            .find(|r| r.identity == comment.name)
            .map_or(comment.name.clone(), |r| r.signature.clone()),
        _ => comment.name.clone(),
    };
    let mut identity = vec![comment.name.as_str()];
    identity.extend(comment.part.as_deref());
    // COMMENT ON a constraint, trigger, rule or policy takes a lighter lock on its table
    let whole_relation = !matches!(
        key,
        Key::Constraint(..) | Key::Policy(..) | Key::Trigger(..) | Key::Rule(..)
    );
    let operation = Operation::Comment {
        whole_relation,
        on: CommentOn::Object {
            kind: comment.kind.clone(),
            name,
            part: comment.part.clone(),
            domain,
        },
        text: text.map(str::to_owned),
    };
    Step::new(
        Phase::Comment,
        Kind::Comment,
        operation,
        Key::Comment(Box::new(key.clone())),
        cx.identity(&identity),
    )
    .requires([key])
}
