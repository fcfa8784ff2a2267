//! Privileges granted to roles other than the owner, on schemas, tables, columns, sequences,
//! views and routines.
//! Only compared when asked (`with_privileges`): role names are the same only between databases
//! of one cluster or of clusters set up alike. When they are not, a view or routine that the
//! plan drops and makes again still gets back the grants it had: rebuilding it must not take
//! away what the source granted.

use std::collections::BTreeMap;

use super::{Decisions, pair_up};
use crate::ddl::{Cx, privileges as sql};
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
                let object = sql::table(cx, &old.name);
                changes(
                    &object,
                    None,
                    &[],
                    &old.privileges,
                    &mut |grantee, operation, statement| {
                        steps.push(step(
                            &cx.identity(&[&old.name]),
                            grantee,
                            key.clone(),
                            operation,
                            statement,
                        ))
                    },
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
        let schema_object = sql::schema(&cx.schema);
        let schema_key = Key::Schema(cx.schema.clone());
        changes(
            &schema_object,
            None,
            &from.privileges,
            &to.privileges,
            &mut |grantee, operation, statement| {
                steps.push(step(
                    &crate::ident::display_ident(&cx.schema),
                    grantee,
                    schema_key.clone(),
                    operation,
                    statement,
                ))
            },
        );
    }

    let table_pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    let kept = table_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(table_pairs.added.iter().map(|new| (None, *new))) {
        let object = sql::table(cx, &new.name);
        let key = cx.table_key(&new.name);
        let before = old.map(|t| t.privileges.as_slice()).unwrap_or(&[]);
        changes(
            &object,
            None,
            before,
            &new.privileges,
            &mut |grantee, operation, statement| {
                steps.push(step(
                    &cx.identity(&[&new.name]),
                    grantee,
                    key.clone(),
                    operation,
                    statement,
                ))
            },
        );
        for column in &new.columns {
            let key = cx.column_key(&new.name, &column.name);
            // a generated column that calls a remade routine is added again (columns::remade_defaults)
            let survived = old.and_then(|t| t.column(&column.name)).filter(|c| {
                let regenerated = c.generated.is_some() && tables.remade.contains(&key);
                !(tables.column_goes_away(&cx.schema, &new.name, &column.name) || regenerated)
            });
            let before = survived.map(|c| c.privileges.as_slice()).unwrap_or(&[]);
            changes(
                &object,
                Some(&column.name),
                before,
                &column.privileges,
                &mut |grantee, operation, statement| {
                    steps.push(step(
                        &cx.identity(&[&new.name, &column.name]),
                        grantee,
                        key.clone(),
                        operation,
                        statement,
                    ))
                },
            );
        }
    }

    let kept = view_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(view_pairs.added.iter().map(|new| (None, *new))) {
        let object = sql::table(cx, &new.name);
        let key = cx.view_key(&new.name);
        let before = old
            .filter(|_| !tables.made_again(&key))
            .map(|v| v.privileges.as_slice())
            .unwrap_or(&[]);
        changes(
            &object,
            None,
            before,
            &new.privileges,
            &mut |grantee, operation, statement| {
                steps.push(step(
                    &cx.identity(&[&new.name]),
                    grantee,
                    key.clone(),
                    operation,
                    statement,
                ))
            },
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
        let object = sql::sequence(cx, &new.name);
        let key = cx.sequence_key(&new.name);
        let before = old.map(|s| s.privileges.as_slice()).unwrap_or(&[]);
        changes(
            &object,
            None,
            before,
            &new.privileges,
            &mut |grantee, operation, statement| {
                steps.push(step(
                    &cx.identity(&[&new.name]),
                    grantee,
                    key.clone(),
                    operation,
                    statement,
                ))
            },
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
    let object = sql::type_named(cx, name);
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
    let object = sql::routine(cx, &routine.signature);
    let identity = format!(
        "{}.{}",
        crate::ident::display_ident(&cx.schema),
        routine.signature
    );
    object_changes(&object, &identity, before, after, key, steps);
}

/// The steps of `changes` on a whole object (no column), each named by `identity`.
fn object_changes(
    object: &str,
    identity: &str,
    before: &[Grant],
    after: &[Grant],
    key: &Key,
    steps: &mut Vec<Step>,
) {
    changes(
        object,
        None,
        before,
        after,
        &mut |grantee, operation, statement| {
            steps.push(step(identity, grantee, key.clone(), operation, statement))
        },
    );
}

/// For each grantee: REVOKE ALL when it holds nothing in `new`, else REVOKE what only `old`
/// has and take back grant options in one statement each; then GRANT what only `new` has, the
/// rights with grant option in a statement of their own. `push` takes the grantee too, for the
/// row's identity.
fn changes(
    object: &str,
    column: Option<&str>,
    old: &[Grant],
    new: &[Grant],
    push: &mut dyn FnMut(&str, Operation, String),
) {
    let by_grantee = |grants: &[Grant]| -> BTreeMap<String, BTreeMap<String, bool>> {
        let mut map: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
        for g in grants {
            map.entry(g.grantee.clone())
                .or_default()
                .insert(g.privilege.clone(), g.grantable);
        }
        map
    };
    let (old, new) = (by_grantee(old), by_grantee(new));
    for (grantee, rights) in &old {
        let Some(kept) = new.get(grantee) else {
            push(
                grantee,
                Operation::Revoke,
                sql::revoke_all(object, column, grantee),
            );
            continue;
        };
        let revoked: Vec<&str> = rights
            .keys()
            .filter(|p| !kept.contains_key(*p))
            .map(String::as_str)
            .collect();
        if !revoked.is_empty() {
            push(
                grantee,
                Operation::Revoke,
                sql::revoke(object, column, grantee, &revoked),
            );
        }
        let options: Vec<&str> = rights
            .iter()
            .filter(|(p, grantable)| **grantable && kept.get(*p) == Some(&false))
            .map(|(p, _)| p.as_str())
            .collect();
        if !options.is_empty() {
            push(
                grantee,
                Operation::Revoke,
                sql::revoke_grant_option(object, column, grantee, &options),
            );
        }
    }
    for (grantee, rights) in &new {
        let had = old.get(grantee);
        for with_option in [false, true] {
            let granted: Vec<&str> = rights
                .iter()
                .filter(|(_, grantable)| **grantable == with_option)
                .filter(|(p, _)| match had.and_then(|h| h.get(*p)) {
                    None => true,
                    Some(had_option) => with_option && !had_option,
                })
                .map(|(p, _)| p.as_str())
                .collect();
            if !granted.is_empty() {
                push(
                    grantee,
                    Operation::Grant,
                    sql::grant(object, column, grantee, &granted, with_option),
                );
            }
        }
    }
}

/// After the object exists and has its final shape.
/// The row's identity names the object and the grantee: `public.orders to app_reader`,
/// `public.orders from PUBLIC`.
fn step(object: &str, grantee: &str, key: Key, operation: Operation, statement: String) -> Step {
    let preposition = if operation == Operation::Grant {
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
        statement,
    )
    .requires([key])
}
