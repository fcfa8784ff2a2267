//! Comments on every object the model compares.
//!
//! A comment that differs is set, one that the target lacks is taken away (`IS NULL`) from an
//! object that stays. An object the plan makes (new, or dropped and made again: a view, routine,
//! index, trigger or type remade: `Decisions::made_again`) has lost any comment it had, so it
//! gets the target's back whatever the source said.

use super::{Decisions, pair_up};
use crate::change::{CommentOn, Cx};
use crate::model::{Comment, CommentKind, Schema, TypeDefinition};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, decided: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.comments, &to.comments, |c| {
        (c.kind, c.name.clone(), c.part.clone())
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
    use CommentKind as K;
    let (name, part) = (
        comment.name.as_str(),
        comment.part.as_deref().unwrap_or_default(),
    );
    match comment.kind {
        K::Table | K::ForeignTable => cx.table_key(name),
        K::View | K::MaterializedView | K::ViewColumn => cx.view_key(name),
        K::Sequence => cx.sequence_key(name),
        K::Index => cx.index_key(name),
        K::Type | K::Attribute | K::DomainConstraint => cx.type_key(name),
        K::Collation => cx.collation_key(name),
        K::Statistics => cx.statistics_key(name),
        K::Column => cx.column_key(name, part),
        K::Constraint => cx.constraint_key(name, part),
        K::Trigger => cx.trigger_key(name, part),
        K::Rule => cx.rule_key(name, part),
        K::Policy => cx.policy_key(name, part),
        K::Routine => cx.routine_key(name),
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
    use CommentKind as K;
    let on = |schema: &Schema| -> bool {
        match comment.kind {
            K::Table | K::ForeignTable => schema.tables.iter().any(|t| t.name == name),
            K::Column => schema
                .tables
                .iter()
                .any(|t| t.name == name && t.column(part).is_some()),
            K::View | K::MaterializedView => schema.views.iter().any(|v| v.name == name),
            K::ViewColumn => schema
                .views
                .iter()
                .any(|v| v.name == name && v.columns.iter().any(|c| c.name == part)),
            K::Sequence => schema.sequences.iter().any(|s| s.name == name),
            K::Index => {
                schema.indexes.iter().any(|i| i.name == name)
                    || schema
                        .constraints
                        .iter()
                        .any(|c| c.index_name.as_deref() == Some(name))
            }
            K::Type | K::DomainConstraint | K::Attribute => {
                schema.types.iter().any(|t| t.name == name)
            }
            K::Collation => schema.collations.iter().any(|c| c.name == name),
            K::Statistics => schema.statistics.iter().any(|s| s.name == name),
            K::Constraint => schema
                .constraints
                .iter()
                .any(|c| c.table == name && c.name == part),
            K::Trigger => schema
                .triggers
                .iter()
                .any(|t| t.table == name && t.name == part),
            K::Rule => schema
                .rules
                .iter()
                .any(|r| r.table == name && r.name == part),
            K::Policy => schema
                .policies
                .iter()
                .any(|p| p.table == name && p.name == part),
            K::Routine => schema.routines.iter().any(|r| r.identity == name),
        }
    };
    !on(from) || on(to)
}

fn step(cx: &Cx, comment: &Comment, key: Key, to: &Schema, text: Option<&str>) -> Step {
    let domain = to
        .types
        .iter()
        .any(|t| t.name == comment.name && matches!(t.definition, TypeDefinition::Domain(_)));
    let name = match comment.kind {
        CommentKind::Routine => to
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
            kind: comment.kind,
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

/// COMMENT ON an object of the database: a schema, a publication, a wrapper, a server.
pub fn database_object(key: Key, name: &str, on: CommentOn, text: Option<&str>) -> Step {
    let operation = Operation::Comment {
        whole_relation: false,
        on,
        text: text.map(str::to_owned),
    };
    Step::new(
        Phase::Comment,
        Kind::Comment,
        operation,
        Key::Comment(Box::new(key.clone())),
        crate::ident::display_ident(name),
    )
    .requires([key])
}
