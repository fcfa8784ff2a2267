//! Enums, domains, composite and range types.
//!
//! What PostgreSQL can change in place is changed in place: enum labels added (in any position),
//! a domain's default, NOT NULL and CHECKs, a composite type's attributes when no table stores
//! it. Anything else makes the type again under its own name: the old one is renamed out of the
//! way, the new one made, every column of it moved over through its text (or field by field, for
//! a composite type), and the old one dropped at the end. What needs the type (views, routines,
//! defaults, CHECKs, indexes, other types built on it) is remade around it through the graph.
//!
//! PostgreSQL refuses to use an enum label in the transaction that added it ("unsafe use of new
//! value"). When a statement of the plan would use one (a default, a CHECK, a view, an index
//! predicate that names it), the enum is made again instead, so that the whole plan still runs
//! in one transaction: a label of a type made in the same transaction may be used at once.

use std::collections::{BTreeMap, BTreeSet};

use super::{Decisions, Recast, column_name, pair_up};
use crate::change::{Arity, Conversion, Cx, DomainChange, Position, SetAside, set_aside_name};
use crate::graph::Graph;
use crate::ident::display_ident;
use crate::model::{Attribute, DependencyKind, Schema, Type, TypeDefinition};
use crate::plan::{Key, Kind, Operation, Phase, Step};

/// The types of both sides that are made again, by key, each with whether moving a value over
/// can fail (a label removed, a narrower base type): those whose own change PostgreSQL cannot
/// make in place, and every type the source builds on one of them. Their columns that stay go
/// into `changes.recast_columns`, and so does every column that moves from or to a user type
/// (there is no cast between two enums, but every value has a text form).
pub fn rebuilt<'a>(
    pairs: &[(&'a Schema, &'a Schema)],
    source: &Graph,
    changes: &mut Decisions,
) -> BTreeMap<Key, bool> {
    let targets: Vec<&Schema> = pairs.iter().map(|(_, to)| *to).collect();
    let mut rebuilt = BTreeMap::new();
    for (from, to) in pairs {
        let cx = Cx::new(&from.name);
        for (old, new) in pair_up(&from.types, &to.types, |t| t.name.clone()).kept {
            if let Some(loses_data) = own_rebuild(from, old, new, &targets) {
                rebuilt.insert(cx.type_key(&old.name), loses_data);
            }
        }
    }
    let seeds: BTreeSet<Key> = rebuilt.keys().cloned().collect();
    for key in source.dependents(&seeds) {
        if let Key::Type(schema, name) = &key
            && type_of(pairs, schema, name).is_some_and(|(_, new)| new.is_some())
        {
            rebuilt.entry(key).or_insert(false);
        }
    }

    for (from, to) in pairs {
        let typed = |schema: &'a Schema| {
            schema.dependencies.iter().filter(|d| {
                d.object.kind == DependencyKind::Column && d.on.kind == DependencyKind::Type
            })
        };
        let on_either_side: BTreeSet<(&str, &str)> = typed(from)
            .chain(typed(to))
            .filter_map(|d| Some((d.object.name.as_str(), d.object.part.as_deref()?)))
            .collect();
        for (table, column) in on_either_side {
            let find = |schema: &Schema| {
                schema
                    .tables
                    .iter()
                    .find(|t| t.name == table)
                    .and_then(|t| t.column(column))
                    .cloned()
            };
            let (Some(old), Some(new)) = (find(from), find(to)) else {
                continue;
            };
            // a generated column is computed again (`remade_defaults::remade_defaults`)
            if old.generated.is_some() || new.generated.is_some() {
                continue;
            }
            let key = column_name(&from.name, table, column);
            if old.data_type != new.data_type || old.collation != new.collation {
                // from or to another user type: no cast between two enums, but every type has a text form
                let using = Some(Conversion::ThroughText);
                let loses_data =
                    !super::type_changes::keeps_every_value(&old.data_type, &new.data_type);
                changes
                    .recast_columns
                    .insert(key, Recast { using, loses_data });
                continue;
            }
            let Some(dependency) = typed(from)
                .find(|d| d.object.name == table && d.object.part.as_deref() == Some(column))
            else {
                continue;
            };
            let type_schema = dependency
                .on
                .schema
                .clone()
                .unwrap_or_else(|| from.name.clone());
            let Some(&loses_data) =
                rebuilt.get(&Key::Type(type_schema.clone(), dependency.on.name.clone()))
            else {
                continue;
            };
            let Some((Some(old_type), Some(new_type))) =
                type_of(pairs, &type_schema, &dependency.on.name)
            else {
                continue;
            };
            let using = recast_conversion(&new.data_type, old_type, new_type);
            let loses_data = loses_data || using.is_none();
            changes
                .recast_columns
                .insert(key, Recast { using, loses_data });
        }
    }
    rebuilt
}

/// Types of the source that the plan drops, for good or to make again.
/// A composite type changed in place counts too: PostgreSQL refuses `ALTER TYPE ... ATTRIBUTE`
/// under a routine or view that uses the type, so those are remade around it.
pub fn going_away(cx: &Cx, from: &Schema, to: &Schema, rebuilt: &BTreeMap<Key, bool>) -> Vec<Key> {
    let pairs = pair_up(&from.types, &to.types, |t| t.name.clone());
    let removed = pairs.removed.into_iter().map(|t| cx.type_key(&t.name));
    let altered = pairs.kept.into_iter().filter(|(old, new)| {
        matches!(
            (&old.definition, &new.definition),
            (
                TypeDefinition::Composite { .. },
                TypeDefinition::Composite { .. }
            )
        ) && old.definition != new.definition
    });
    let rebuilt = rebuilt
        .keys()
        .filter(|k| matches!(k, Key::Type(s, _) if *s == cx.schema))
        .cloned();
    removed
        .chain(altered.map(|(old, _)| cx.type_key(&old.name)))
        .chain(rebuilt)
        .collect()
}

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, decided: &Decisions, steps: &mut Vec<Step>) {
    let rebuilt = &decided.rebuilt_types;
    let pairs = pair_up(&from.types, &to.types, |t| t.name.clone());
    for ty in pairs.removed {
        steps.push(step(cx, ty, Phase::DropType, drop_type(&ty.name, ty)));
    }
    for ty in pairs.added {
        create(cx, ty, steps);
    }
    for (old, new) in pairs.kept {
        let key = cx.type_key(&new.name);
        if rebuilt.contains_key(&key) {
            rebuild(cx, from, old, new, steps);
            continue;
        }
        match (&old.definition, &new.definition) {
            (TypeDefinition::Enum { values: before }, TypeDefinition::Enum { values: after }) => {
                add_values(cx, new, before, after, steps);
            }
            (TypeDefinition::Domain(_), TypeDefinition::Domain(_)) => {
                let remade = decided.remade.contains(&key);
                alter_domain(cx, old, new, remade, steps);
            }
            (
                TypeDefinition::Composite { attributes: before },
                TypeDefinition::Composite { attributes: after },
            ) => {
                alter_attributes(cx, new, before, after, steps);
            }
            // a range that differs, or a type of another kind, is rebuilt (`own_rebuild`)
            _ => {}
        }
    }
}

/// `Some(whether values can fail to move over)` when `old` cannot become `new` in place.
fn own_rebuild(from: &Schema, old: &Type, new: &Type, targets: &[&Schema]) -> Option<bool> {
    if old.definition == new.definition {
        return None;
    }
    match (&old.definition, &new.definition) {
        (TypeDefinition::Enum { values: before }, TypeDefinition::Enum { values: after }) => {
            let only_added = is_subsequence(before, after);
            let used = after
                .iter()
                .filter(|v| !before.contains(v))
                .any(|v| label_used(v, &new.name, targets));
            (!only_added || used).then(|| before.iter().any(|v| !after.contains(v)))
        }
        (TypeDefinition::Domain(a), TypeDefinition::Domain(b)) => {
            // ALTER DOMAIN cannot add a constraint while a stored composite type holds the
            // domain ("cannot alter type because column uses it")
            let tightened = (!a.not_null && b.not_null)
                || b.constraints.iter().any(|c| !a.constraints.contains(c));
            let base_changes = a.base_type != b.base_type || a.collation != b.collation;
            (base_changes || (tightened && in_stored_composite(from, &old.name)))
                .then(|| !super::type_changes::keeps_every_value(&a.base_type, &b.base_type))
        }
        (
            TypeDefinition::Composite { attributes: before },
            TypeDefinition::Composite { attributes: after },
        ) => {
            let stored = from.dependencies.iter().any(|d| {
                d.object.kind == DependencyKind::Column
                    && d.on.kind == DependencyKind::Type
                    && d.on.schema.is_none()
                    && d.on.name == old.name
            });
            (stored || !attributes_in_place(before, after)).then(|| {
                before.iter().any(|a| {
                    !after
                        .iter()
                        .any(|b| b.name == a.name && b.data_type == a.data_type)
                })
            })
        }
        (TypeDefinition::Range { range: a }, TypeDefinition::Range { range: b }) => {
            Some(a.subtype != b.subtype)
        }
        _ => Some(true),
    }
}

/// Whether a composite type of the schema that a table column stores has an attribute of the type.
fn in_stored_composite(from: &Schema, name: &str) -> bool {
    let stored = |composite: &str| {
        from.dependencies.iter().any(|d| {
            d.object.kind == DependencyKind::Column
                && d.on.kind == DependencyKind::Type
                && d.on.schema.is_none()
                && d.on.name == composite
        })
    };
    from.types.iter().any(|t| {
        matches!(&t.definition, TypeDefinition::Composite { .. })
            && from.dependencies.iter().any(|d| {
                d.object.kind == DependencyKind::Type
                    && d.object.name == t.name
                    && d.on.kind == DependencyKind::Type
                    && d.on.schema.is_none()
                    && d.on.name == name
            })
            && stored(&t.name)
    })
}

/// True when `part` is `whole` with some elements left out, in the same order.
fn is_subsequence(part: &[String], whole: &[String]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|p| rest.any(|w| w == p))
}

/// Whether a statement made from `targets` names the label as a value of the enum: a default,
/// CHECK, index, view, policy or routine whose text holds the label and a cast to the type. A
/// label that is only added is unsafe to use in the same transaction.
fn label_used(label: &str, type_name: &str, targets: &[&Schema]) -> bool {
    let cast = format!("::{}", display_ident(type_name));
    let literal = label.replace('\'', "''");
    let uses = |text: &str| text.contains(&literal) && names_type(text, &cast);
    targets.iter().any(|schema| {
        let tables = schema
            .tables
            .iter()
            .flat_map(|t| &t.columns)
            .flat_map(|c| [&c.default, &c.generated])
            .flatten();
        let constraints = schema.constraints.iter().map(|c| &c.definition);
        let indexes = schema.indexes.iter().filter_map(|i| i.definition.as_ref());
        let views = schema.views.iter().map(|v| &v.definition);
        let view_defaults = schema
            .views
            .iter()
            .flat_map(|v| &v.columns)
            .filter_map(|c| c.default.as_ref());
        let policies = schema
            .policies
            .iter()
            .flat_map(|p| [&p.using, &p.with_check])
            .flatten();
        let routines = schema
            .routines
            .iter()
            .flat_map(|r| [r.definition.as_ref(), Some(&r.arguments)])
            .flatten();
        let domains = schema.types.iter().filter_map(|t| match &t.definition {
            TypeDefinition::Domain(d) => Some(
                d.constraints
                    .iter()
                    .map(|c| &c.definition)
                    .chain(&d.default)
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        });
        tables
            .chain(constraints)
            .chain(indexes)
            .chain(views)
            .chain(view_defaults)
            .chain(policies)
            .chain(routines)
            .any(|t| uses(t))
            || domains.flatten().any(|t| uses(t))
    })
}

/// `::name`, or `::schema.name`, followed by something that ends the name.
fn names_type(text: &str, cast: &str) -> bool {
    let name = &cast[2..];
    text.match_indices("::").any(|(at, _)| {
        let rest = &text[at + 2..];
        let rest = match rest.split_once('.') {
            Some((qualifier, after))
                if !rest.starts_with(name) && !qualifier.contains(char::is_whitespace) =>
            {
                after
            }
            _ => rest,
        };
        rest.strip_prefix(name).is_some_and(|after| {
            !after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
        })
    })
}

/// Whether ALTER TYPE can turn a composite type's attributes into `after`: drops and type
/// changes happen in place, and new attributes go at the end.
fn attributes_in_place(before: &[Attribute], after: &[Attribute]) -> bool {
    let kept: Vec<&str> = before
        .iter()
        .filter(|a| after.iter().any(|b| b.name == a.name))
        .map(|a| a.name.as_str())
        .collect();
    let added = after
        .iter()
        .filter(|b| !before.iter().any(|a| a.name == b.name))
        .map(|b| b.name.as_str());
    kept.into_iter()
        .chain(added)
        .eq(after.iter().map(|b| b.name.as_str()))
}

/// How a column's value moves to the type made again: a composite value (not an array of one)
/// field by field, by name, a new field NULL; anything else through its text. `None` for an
/// array of a composite type whose fields change: no expression without a subquery converts
/// it, so the column is dropped and added again.
fn recast_conversion(data_type: &str, old: &Type, new: &Type) -> Option<Conversion> {
    if let (
        TypeDefinition::Composite { attributes: before },
        TypeDefinition::Composite { attributes: after },
    ) = (&old.definition, &new.definition)
    {
        if !data_type.ends_with(']') {
            let fields = after
                .iter()
                .map(|b| (b.clone(), before.iter().any(|a| a.name == b.name)))
                .collect();
            return Some(Conversion::FieldByField(fields));
        }
        let same_fields = before
            .iter()
            .map(|a| &a.name)
            .eq(after.iter().map(|b| &b.name));
        if !same_fields {
            return None;
        }
    }
    Some(Conversion::ThroughText)
}

fn drop_type(name: &str, ty: &Type) -> Operation {
    Operation::DropType {
        name: name.to_owned(),
        domain: matches!(ty.definition, TypeDefinition::Domain(_)),
    }
}

/// The type of `schema` by name, on each side.
fn type_of<'a>(
    pairs: &[(&'a Schema, &'a Schema)],
    schema: &str,
    name: &str,
) -> Option<(Option<&'a Type>, Option<&'a Type>)> {
    let (from, to) = pairs.iter().find(|(from, _)| from.name == schema)?;
    Some((
        from.types.iter().find(|t| t.name == name),
        to.types.iter().find(|t| t.name == name),
    ))
}

fn create(cx: &Cx, ty: &Type, steps: &mut Vec<Step>) {
    create_with(cx, ty, false, steps);
}

/// `beside_set_aside`: the type it replaces is set aside, under another name.
fn create_with(cx: &Cx, ty: &Type, beside_set_aside: bool, steps: &mut Vec<Step>) {
    let operation = Operation::CreateType {
        ty: Box::new(ty.clone()),
        beside_set_aside,
    };
    steps.push(step(cx, ty, Phase::CreateType, operation));
    if let TypeDefinition::Domain(domain) = &ty.definition {
        for constraint in domain.constraints.iter().filter(|c| !c.validated) {
            let operation = Operation::AddDomainConstraint {
                validated: false,
                domain: ty.name.clone(),
                constraint: constraint.clone(),
            };
            steps.push(step(cx, ty, Phase::CreateType, operation));
        }
    }
}

/// Set aside, made again, dropped at the end; the columns move over in `columns::diff`. A
/// domain's CHECKs go with the rename, so that what they call may be dropped before the end.
fn rebuild(cx: &Cx, from: &Schema, old: &Type, new: &Type, steps: &mut Vec<Step>) {
    let aside = set_aside_name(&old.name);
    // keyed apart from the type: what the source drops for good at the end waits for the old
    // type's own drop at the end, not for this rename, which comes early
    let set_aside = |operation: Operation| {
        let mut renamed = step(cx, old, Phase::SetAside, operation);
        renamed.key = Key::TypeRename(cx.schema.clone(), old.name.clone());
        renamed
    };
    if let TypeDefinition::Domain(domain) = &old.definition {
        let calls: Vec<Key> = from
            .dependencies
            .iter()
            .filter(|d| {
                d.object.kind == DependencyKind::Type
                    && d.object.name == old.name
                    && d.on.kind == DependencyKind::Routine
            })
            .map(|d| {
                Key::Routine(
                    d.on.schema.clone().unwrap_or_else(|| cx.schema.clone()),
                    d.on.name.clone(),
                )
            })
            .collect();
        for constraint in domain.constraints.iter().filter(|_| !calls.is_empty()) {
            steps.push(
                set_aside(Operation::DropDomainConstraint {
                    domain: old.name.clone(),
                    constraint: constraint.name.clone(),
                })
                .requires(calls.clone()),
            );
        }
    }
    for what in set_aside_with(old) {
        steps.push(set_aside(Operation::SetTypeAside {
            ty: Box::new(old.clone()),
            aside: aside.clone(),
            what,
        }));
    }
    create_with(cx, new, true, steps);
    let mut drop = step(cx, old, Phase::DropType, drop_type(&aside, old));
    drop.key = Key::TypeSetAside(cx.schema.clone(), old.name.clone());
    steps.push(drop);
}

/// What is set aside with a type: a range's constructor functions and multirange keep their
/// names through the range's rename, and the new range's would clash with them.
fn set_aside_with(ty: &Type) -> Vec<SetAside> {
    let mut parts = vec![SetAside::Type];
    if let TypeDefinition::Range { range } = &ty.definition {
        parts.push(SetAside::RangeConstructor { with_flags: false });
        parts.push(SetAside::RangeConstructor { with_flags: true });
        if range.multirange.is_some() {
            parts.push(SetAside::Multirange);
            for arity in [Arity::None, Arity::One, Arity::Variadic] {
                parts.push(SetAside::MultirangeConstructor(arity));
            }
        }
    }
    parts
}

/// New labels in their places, added left to right: each after the one before it (there by
/// then), and the leading ones before the first label the enum already had.
fn add_values(cx: &Cx, ty: &Type, before: &[String], after: &[String], steps: &mut Vec<Step>) {
    let first_kept = after.iter().find(|v| before.contains(v));
    for (i, value) in after
        .iter()
        .enumerate()
        .filter(|(_, v)| !before.contains(v))
    {
        let position = match (i, first_kept) {
            (0, Some(first)) => Some(Position::Before(first.clone())),
            (0, None) => None,
            _ => Some(Position::After(after[i - 1].clone())),
        };
        let operation = Operation::AddEnumValue {
            type_name: ty.name.clone(),
            value: value.clone(),
            position,
        };
        steps.push(step(cx, ty, Phase::CreateType, operation));
    }
}

/// Default, NOT NULL and CHECKs of a domain that keeps its base type. A CHECK is added
/// `NOT VALID` and then validated, so that the values already stored are checked without
/// holding a lock on every table that uses the domain. `remade`: something a CHECK calls is
/// made again, so the CHECKs that call something are dropped and added again around it.
fn alter_domain(cx: &Cx, old: &Type, new: &Type, remade: bool, steps: &mut Vec<Step>) {
    let (TypeDefinition::Domain(a), TypeDefinition::Domain(b)) = (&old.definition, &new.definition)
    else {
        return;
    };
    let name = &new.name;
    let mut push = |phase: Phase, operation: Operation| steps.push(step(cx, new, phase, operation));
    let alter = |change: DomainChange| Operation::AlterDomain {
        domain: name.clone(),
        change,
    };
    if a.default != b.default {
        let change = match &b.default {
            Some(default) => DomainChange::SetDefault(default.clone()),
            None => DomainChange::DropDefault,
        };
        push(Phase::CreateType, alter(change));
    }
    if a.not_null != b.not_null {
        let operation = if b.not_null {
            Operation::SetDomainNotNull {
                domain: name.clone(),
            }
        } else {
            alter(DomainChange::DropNotNull)
        };
        push(Phase::CreateType, operation);
    }
    for old_check in &a.constraints {
        let new_check = b.constraints.iter().find(|c| c.name == old_check.name);
        let changed = new_check.is_none_or(|c| {
            c.check() != old_check.check() || (old_check.validated && !c.validated)
        });
        if changed || remade {
            // early, before what it calls may be dropped
            push(
                Phase::SetAside,
                Operation::DropDomainConstraint {
                    domain: name.clone(),
                    constraint: old_check.name.clone(),
                },
            );
        }
    }
    for new_check in &b.constraints {
        let old_check = a.constraints.iter().find(|c| c.name == new_check.name);
        let kept = old_check.is_some_and(|c| {
            c.check() == new_check.check() && (new_check.validated || !c.validated)
        });
        if !kept || remade {
            push(
                Phase::CreateType,
                Operation::AddDomainConstraint {
                    validated: false,
                    domain: name.clone(),
                    constraint: new_check.clone(),
                },
            );
        }
        let valid_before = kept && !remade && old_check.is_some_and(|c| c.validated);
        if new_check.validated && !valid_before {
            push(
                Phase::CreateType,
                Operation::ValidateDomainConstraint {
                    domain: name.clone(),
                    constraint: new_check.name.clone(),
                },
            );
        }
    }
}

/// A composite type that no table stores: attributes dropped, retyped and added in place.
fn alter_attributes(
    cx: &Cx,
    ty: &Type,
    before: &[Attribute],
    after: &[Attribute],
    steps: &mut Vec<Step>,
) {
    let name = &ty.name;
    for old in before
        .iter()
        .filter(|a| !after.iter().any(|b| b.name == a.name))
    {
        let operation = Operation::DropAttribute {
            type_name: name.clone(),
            attribute: old.name.clone(),
        };
        steps.push(step(cx, ty, Phase::CreateType, operation));
    }
    for new in after {
        let (type_name, attribute) = (name.clone(), new.clone());
        let operation = match before.iter().find(|a| a.name == new.name) {
            Some(old) if old == new => continue,
            Some(_) => Operation::AlterAttribute {
                type_name,
                attribute,
            },
            None => Operation::AddAttribute {
                type_name,
                attribute,
            },
        };
        steps.push(step(cx, ty, Phase::CreateType, operation));
    }
}

fn step(cx: &Cx, ty: &Type, phase: Phase, operation: Operation) -> Step {
    let kind = match ty.definition {
        TypeDefinition::Enum { .. } => Kind::Enum,
        TypeDefinition::Domain(_) => Kind::Domain,
        TypeDefinition::Composite { .. } => Kind::CompositeType,
        TypeDefinition::Range { .. } => Kind::RangeType,
    };
    Step::new(
        phase,
        kind,
        operation,
        cx.type_key(&ty.name),
        cx.identity(&[&ty.name]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn labels_only_added_keep_the_old_ones_in_order() {
        assert!(is_subsequence(
            &labels(&["a", "c"]),
            &labels(&["a", "b", "c", "d"])
        ));
        assert!(!is_subsequence(&labels(&["a", "c"]), &labels(&["c", "a"])));
        assert!(!is_subsequence(&labels(&["a", "b"]), &labels(&["a"])));
    }

    #[test]
    fn a_cast_names_the_type_plain_or_qualified_but_not_a_longer_name() {
        assert!(names_type("'x'::status", "::status"));
        assert!(names_type("(s = 'x'::app.status)", "::status"));
        assert!(names_type("'{x}'::status[]", "::status"));
        assert!(!names_type("'x'::status_old", "::status"));
        assert!(!names_type("'x'::text", "::status"));
    }

    #[test]
    fn attributes_change_in_place_only_when_new_ones_come_last() {
        let attributes = |names: &[&str]| -> Vec<Attribute> {
            names
                .iter()
                .map(|n| Attribute {
                    name: (*n).into(),
                    data_type: "integer".into(),
                    collation: None,
                })
                .collect()
        };
        assert!(attributes_in_place(
            &attributes(&["a", "b"]),
            &attributes(&["a", "c"])
        ));
        assert!(!attributes_in_place(
            &attributes(&["a", "b"]),
            &attributes(&["c", "a", "b"])
        ));
    }
}
