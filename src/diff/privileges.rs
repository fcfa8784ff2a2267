//! Privileges granted to roles other than the owner, on schemas, tables, columns, sequences,
//! views and routines.
//! Only compared when asked (`with_privileges`): role names are the same only between databases
//! of one cluster or of clusters set up alike. When they are not, a view or routine that the
//! plan drops and makes again still gets back the grants it had: rebuilding it must not take
//! away what the source granted.

use std::collections::BTreeMap;

use super::{Decisions, pair_up};
use crate::change::{Cx, GrantOn, Revoked};
use crate::model::{Grant, Routine, Schema};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    tables: &Decisions,
    with_privileges: bool,
    steps: &mut Vec<Step>,
) {
    let view_pairs = pair_up(&from.views, &to.views, |v| v.name.clone());
    let routine_pairs = pair_up(&from.routines, &to.routines, |r| r.identity.clone());
    if !with_privileges {
        for (old, _) in &view_pairs.kept {
            let key = cx.view_key(&old.name);
            if tables.made_again(&key) {
                let object = table(&old.name);
                object_changes(
                    &object,
                    &cx.identity(&[&old.name]),
                    &[],
                    &old.privileges,
                    &key,
                    steps,
                );
            }
        }
        for (old, _) in &routine_pairs.kept {
            let key = cx.routine_key(&old.identity);
            if tables.made_again(&key) {
                routine_changes(cx, old, &new_routine_grants(), &old.privileges, &key, steps);
            }
        }
        for (old, _) in pair_up(&from.types, &to.types, |t| t.name.clone()).kept {
            let key = cx.type_key(&old.name);
            if tables.made_again(&key) {
                type_changes(
                    cx,
                    &old.name,
                    &new_type_grants(),
                    &old.privileges,
                    &key,
                    steps,
                );
            }
        }
        return;
    }

    // The schema's own grants between whole databases (the same schema on both sides); one
    // schema compared with another of the same database compares what they hold, not them.
    if from.name == to.name {
        let schema_object = GrantOn::Schema(cx.schema.clone());
        let schema_key = Key::Schema(cx.schema.clone());
        object_changes(
            &schema_object,
            &crate::ident::display_ident(&cx.schema),
            &from.privileges,
            &to.privileges,
            &schema_key,
            steps,
        );
    }

    let table_pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    let kept = table_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(table_pairs.added.iter().map(|new| (None, *new))) {
        let object = table(&new.name);
        let key = cx.table_key(&new.name);
        let before = old.map(|t| t.privileges.as_slice()).unwrap_or(&[]);
        object_changes(
            &object,
            &cx.identity(&[&new.name]),
            before,
            &new.privileges,
            &key,
            steps,
        );
        for column in &new.columns {
            let key = cx.column_key(&new.name, &column.name);
            // a generated column that calls a remade routine is added again (columns::remade_defaults)
            let survived = old.and_then(|t| t.column(&column.name)).filter(|c| {
                let regenerated = c.generated.is_some() && tables.remade.contains(&key);
                !(tables.column_goes_away(&cx.schema, &new.name, &column.name) || regenerated)
            });
            let before = survived.map(|c| c.privileges.as_slice()).unwrap_or(&[]);
            object_changes(
                &on_column(&object, &column.name),
                &cx.identity(&[&new.name, &column.name]),
                before,
                &column.privileges,
                &key,
                steps,
            );
        }
    }

    let kept = view_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(view_pairs.added.iter().map(|new| (None, *new))) {
        let object = table(&new.name);
        let key = cx.view_key(&new.name);
        let before = old
            .filter(|_| !tables.made_again(&key))
            .map(|v| v.privileges.as_slice())
            .unwrap_or(&[]);
        object_changes(
            &object,
            &cx.identity(&[&new.name]),
            before,
            &new.privileges,
            &key,
            steps,
        );
    }

    let kept = routine_pairs
        .kept
        .iter()
        .map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(routine_pairs.added.iter().map(|new| (None, *new))) {
        let key = cx.routine_key(&new.identity);
        let fresh = new_routine_grants();
        let before = old
            .filter(|_| !tables.made_again(&key))
            .map(|r| r.privileges.as_slice())
            .unwrap_or(&fresh);
        routine_changes(cx, new, before, &new.privileges, &key, steps);
    }

    let type_pairs = pair_up(&from.types, &to.types, |t| t.name.clone());
    let kept = type_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(type_pairs.added.iter().map(|new| (None, *new))) {
        let key = cx.type_key(&new.name);
        let fresh = new_type_grants();
        let before = old
            .filter(|_| !tables.made_again(&key))
            .map(|t| t.privileges.as_slice())
            .unwrap_or(&fresh);
        type_changes(cx, &new.name, before, &new.privileges, &key, steps);
    }

    let sequence_pairs = pair_up(&from.sequences, &to.sequences, |s| s.name.clone());
    let kept = sequence_pairs
        .kept
        .iter()
        .map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(sequence_pairs.added.iter().map(|new| (None, *new))) {
        let object = GrantOn::Sequence(new.name.clone());
        let key = cx.sequence_key(&new.name);
        let before = old.map(|s| s.privileges.as_slice()).unwrap_or(&[]);
        object_changes(
            &object,
            &cx.identity(&[&new.name]),
            before,
            &new.privileges,
            &key,
            steps,
        );
    }
}

/// What a routine has when it is made: PUBLIC may EXECUTE it (short of default privileges, which
/// the model does not read).
fn new_routine_grants() -> Vec<Grant> {
    vec![Grant {
        grantee: "PUBLIC".to_owned(),
        privilege: "EXECUTE".to_owned(),
        grantable: false,
    }]
}

/// What a type has when it is made: PUBLIC may use it.
fn new_type_grants() -> Vec<Grant> {
    vec![Grant {
        grantee: "PUBLIC".to_owned(),
        privilege: "USAGE".to_owned(),
        grantable: false,
    }]
}

/// `ON TYPE` takes domains too.
fn type_changes(
    cx: &Cx,
    name: &str,
    before: &[Grant],
    after: &[Grant],
    key: &Key,
    steps: &mut Vec<Step>,
) {
    let object = GrantOn::Type(name.to_owned());
    let identity = cx.identity(&[name]);
    object_changes(&object, &identity, before, after, key, steps);
}

fn routine_changes(
    cx: &Cx,
    routine: &Routine,
    before: &[Grant],
    after: &[Grant],
    key: &Key,
    steps: &mut Vec<Step>,
) {
    // ROUTINE takes functions, procedures and aggregates alike
    let object = GrantOn::Routine(routine.signature.clone());
    let identity = format!(
        "{}.{}",
        crate::ident::display_ident(&cx.schema),
        routine.signature
    );
    object_changes(&object, &identity, before, after, key, steps);
}

/// The steps of `changes` on an object (or a column), each named by `identity`.
fn object_changes(
    on: &GrantOn,
    identity: &str,
    before: &[Grant],
    after: &[Grant],
    key: &Key,
    steps: &mut Vec<Step>,
) {
    changes(on, before, after, &mut |grantee, operation| {
        steps.push(step(identity, grantee, key.clone(), operation))
    });
}

/// `TABLE` names tables, views and materialized views alike.
fn table(name: &str) -> GrantOn {
    GrantOn::Table {
        name: name.to_owned(),
        column: None,
    }
}

fn on_column(on: &GrantOn, column: &str) -> GrantOn {
    match on {
        GrantOn::Table { name, .. } => GrantOn::Table {
            name: name.clone(),
            column: Some(column.to_owned()),
        },
        other => other.clone(),
    }
}

/// For each grantee: REVOKE ALL when it holds nothing in `new`, else REVOKE what only `old`
/// has and take back grant options in one statement each; then GRANT what only `new` has, the
/// rights with grant option in a statement of their own. `push` takes the grantee too, for the
/// row's identity.
fn changes(on: &GrantOn, old: &[Grant], new: &[Grant], push: &mut dyn FnMut(&str, Operation)) {
    let by_grantee = |grants: &[Grant]| -> BTreeMap<String, BTreeMap<String, bool>> {
        let mut map: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
        for g in grants {
            map.entry(g.grantee.clone())
                .or_default()
                .insert(g.privilege.clone(), g.grantable);
        }
        map
    };
    let revoke = |grantee: &str, revoked: Revoked| Operation::Revoke {
        on: on.clone(),
        grantee: grantee.to_owned(),
        revoked,
    };
    let (old, new) = (by_grantee(old), by_grantee(new));
    for (grantee, rights) in &old {
        let Some(kept) = new.get(grantee) else {
            push(grantee, revoke(grantee, Revoked::All));
            continue;
        };
        let revoked: Vec<String> = rights
            .keys()
            .filter(|p| !kept.contains_key(*p))
            .cloned()
            .collect();
        if !revoked.is_empty() {
            push(grantee, revoke(grantee, Revoked::Privileges(revoked)));
        }
        let options: Vec<String> = rights
            .iter()
            .filter(|(p, grantable)| **grantable && kept.get(*p) == Some(&false))
            .map(|(p, _)| p.clone())
            .collect();
        if !options.is_empty() {
            push(grantee, revoke(grantee, Revoked::GrantOption(options)));
        }
    }
    for (grantee, rights) in &new {
        let had = old.get(grantee);
        for with_option in [false, true] {
            let granted: Vec<String> = rights
                .iter()
                .filter(|(_, grantable)| **grantable == with_option)
                .filter(|(p, _)| match had.and_then(|h| h.get(*p)) {
                    None => true,
                    Some(had_option) => with_option && !had_option,
                })
                .map(|(p, _)| p.clone())
                .collect();
            if !granted.is_empty() {
                let operation = Operation::Grant {
                    on: on.clone(),
                    grantee: grantee.clone(),
                    privileges: granted,
                    with_grant_option: with_option,
                };
                push(grantee, operation);
            }
        }
    }
}

/// After the object exists and has its final shape.
/// The row's identity names the object and the grantee: `public.orders to app_reader`,
/// `public.orders from PUBLIC`.
fn step(object: &str, grantee: &str, key: Key, operation: Operation) -> Step {
    let preposition = if matches!(operation, Operation::Grant { .. }) {
        "to"
    } else {
        "from"
    };
    let grantee = if grantee == "PUBLIC" {
        grantee.to_owned()
    } else {
        crate::ident::display_ident(grantee)
    };
    let identity = format!("{object} {preposition} {grantee}");
    Step::new(
        Phase::Privileges,
        Kind::Privilege,
        operation,
        Key::Privileges(Box::new(key.clone())),
        identity,
    )
    .requires([key])
}
