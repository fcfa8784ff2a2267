//! Privileges granted to roles other than the owner, on schemas, tables, columns, sequences,
//! views and routines.
//! Only compared when asked (`with_privileges`): role names are the same only between databases
//! of one cluster or of clusters set up alike. When they are not, a view or routine that the
//! plan drops and makes again still gets back the grants it had: rebuilding it must not take
//! away what the source granted.

use std::collections::BTreeMap;

use super::{Decisions, pair_up};
use crate::change::{Cx, GrantOn, Revoked};
use crate::model::{DefaultObjects, DefaultPrivileges, Grant, Grantee, Routine, Schema};
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
        // a table made again under another partition key, and its partitions, get back the
        // grants they had, where the target still has them
        let rebuilt = tables
            .rebuilt_tables
            .iter()
            .filter(|(schema, _)| *schema == cx.schema)
            .flat_map(|(_, r)| std::iter::once(&r.table).chain(&r.partitions));
        for old in rebuilt {
            let Some(new) = to.tables.iter().find(|t| t.name == old.name) else {
                continue;
            };
            let object = table(&old.name);
            let key = cx.table_key(&old.name);
            object_changes(
                &object,
                &cx.identity(&[&old.name]),
                &[],
                &old.privileges,
                &key,
                steps,
            );
            for column in old.columns.iter().filter(|c| new.column(&c.name).is_some()) {
                object_changes(
                    &on_column(&object, &column.name),
                    &cx.identity(&[&old.name, &column.name]),
                    &[],
                    &column.privileges,
                    &cx.column_key(&old.name, &column.name),
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
    default_privileges(
        Some(&cx.schema),
        &from.default_privileges,
        &to.default_privileges,
        steps,
    );

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
            // a generated column that calls a remade routine is added again
            // (remade_defaults::remade_defaults)
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
            // the identity sequence's own grants: a sequence made with the column (new, or of
            // another name) has none
            if let Some(identity) = &column.identity {
                let sequence = &identity.sequence;
                let before = survived
                    .and_then(|c| c.identity.as_ref())
                    .map(|i| &i.sequence)
                    .filter(|s| s.name == sequence.name)
                    .map(|s| s.privileges.as_slice())
                    .unwrap_or(&[]);
                let on = GrantOn::Sequence(sequence.name.clone());
                let identity = cx.identity(&[&sequence.name]);
                let sequence_key = cx.sequence_key(&sequence.name);
                changes(
                    &on,
                    before,
                    &sequence.privileges,
                    &mut |grantee, operation| {
                        let mut step = step(&identity, grantee, sequence_key.clone(), operation);
                        // the sequence is made and renamed with its column
                        step.requires = vec![key.clone()];
                        steps.push(step);
                    },
                );
            }
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

/// Default privileges (`ALTER DEFAULT PRIVILEGES`), by role and kind of object: those of the
/// plan's schema (`schema`), or the global ones (`None`, between whole databases). What each
/// side gives a role's new objects is compared: an entry's ACL, or where a side has none, the
/// base it would replace (nothing in a schema, whose entries only add to the global ones;
/// `acldefault` globally, which the other side's entry carries). So a global entry that takes
/// EXECUTE on functions from PUBLIC, against none, is `REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
/// and PostgreSQL drops the entry again once it equals the default.
pub fn default_privileges(
    schema: Option<&str>,
    from: &[DefaultPrivileges],
    to: &[DefaultPrivileges],
    steps: &mut Vec<Step>,
) {
    let pairs = pair_up(from, to, |d| (d.role.clone(), d.objects));
    let sides = pairs
        .kept
        .iter()
        .map(|(old, new)| (&old.privileges, &new.privileges, *new))
        .chain(
            pairs
                .removed
                .iter()
                .map(|old| (&old.privileges, &old.defaults, *old)),
        )
        .chain(
            pairs
                .added
                .iter()
                .map(|new| (&new.defaults, &new.privileges, *new)),
        );
    for (before, after, entry) in sides {
        let key =
            Key::DefaultPrivileges(schema.map(str::to_owned), entry.role.clone(), entry.objects);
        let on = GrantOn::Defaults {
            role: entry.role.clone(),
            in_schema: schema.is_some(),
            objects: entry.objects,
        };
        let object = default_identity(schema, &entry.role, entry.objects);
        changes(&on, before, after, &mut |grantee, operation| {
            let mut step = step(&object, grantee, key.clone(), operation);
            step.kind = Kind::DefaultPrivileges;
            step.key = key.clone();
            // in a schema: after the schema is made, if it is
            step.requires = schema
                .map(|s| Key::Schema(s.to_owned()))
                .into_iter()
                .collect();
            steps.push(step);
        });
    }
}

/// `for role app in public on tables`: the row's identity, before `to`/`from` the grantee.
fn default_identity(schema: Option<&str>, role: &str, objects: DefaultObjects) -> String {
    let d = crate::ident::display_ident;
    let place = schema.map(|s| format!(" in {}", d(s))).unwrap_or_default();
    format!("for role {}{place} on {}", d(role), objects.word())
}

/// What a routine has when it is made: PUBLIC may EXECUTE it (short of default privileges, which
/// the model does not read).
fn new_routine_grants() -> Vec<Grant> {
    vec![Grant {
        grantee: Grantee::Public,
        privilege: "EXECUTE".to_owned(),
        grantable: false,
    }]
}

/// What a type has when it is made: PUBLIC may use it.
fn new_type_grants() -> Vec<Grant> {
    vec![Grant {
        grantee: Grantee::Public,
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
pub(super) fn object_changes(
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
/// row's identity. Grants go in the order the target's ACL holds its grantees (the catalog reads
/// them in that order): PostgreSQL appends a new grantee to the ACL, and pg_dump prints an ACL in
/// its order, so the migrated object prints as the target does.
fn changes(on: &GrantOn, old: &[Grant], new: &[Grant], push: &mut dyn FnMut(&Grantee, Operation)) {
    let mut new_order: Vec<&Grantee> = Vec::new();
    for g in new {
        if !new_order.contains(&&g.grantee) {
            new_order.push(&g.grantee);
        }
    }
    let by_grantee = |grants: &[Grant]| -> BTreeMap<Grantee, BTreeMap<String, bool>> {
        let mut map: BTreeMap<Grantee, BTreeMap<String, bool>> = BTreeMap::new();
        for g in grants {
            map.entry(g.grantee.clone())
                .or_default()
                .insert(g.privilege.clone(), g.grantable);
        }
        map
    };
    let revoke = |grantee: &Grantee, revoked: Revoked| Operation::Revoke {
        on: on.clone(),
        grantee: grantee.clone(),
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
    for grantee in new_order {
        let Some(rights) = new.get(grantee) else {
            continue;
        };
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
fn step(object: &str, grantee: &Grantee, key: Key, operation: Operation) -> Step {
    let preposition = if matches!(operation, Operation::Grant { .. }) {
        "to"
    } else {
        "from"
    };
    let grantee = grantee.display();
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entries(value: serde_json::Value) -> Vec<DefaultPrivileges> {
        serde_json::from_value(value).unwrap()
    }

    fn statements(
        schema: Option<&str>,
        from: serde_json::Value,
        to: serde_json::Value,
    ) -> Vec<String> {
        let mut steps = Vec::new();
        default_privileges(schema, &entries(from), &entries(to), &mut steps);
        crate::ddl::render(&mut steps).unwrap();
        steps.into_iter().map(|s| s.statement).collect()
    }

    #[test]
    fn default_privileges_in_a_schema_add_to_nothing() {
        let grant = |privilege: &str, grantable: bool| {
            json!([{"role": "app", "objects": "r",
                    "privileges": [{"grantee": "reader", "privilege": privilege, "grantable": grantable}]}])
        };
        assert_eq!(
            statements(Some("s"), json!([]), grant("SELECT", true)),
            [
                r#"ALTER DEFAULT PRIVILEGES FOR ROLE "app" IN SCHEMA "s" GRANT SELECT ON TABLES TO "reader" WITH GRANT OPTION;"#
            ]
        );
        assert_eq!(
            statements(Some("s"), grant("SELECT", true), grant("SELECT", false)),
            [
                r#"ALTER DEFAULT PRIVILEGES FOR ROLE "app" IN SCHEMA "s" REVOKE GRANT OPTION FOR SELECT ON TABLES FROM "reader";"#
            ]
        );
        assert_eq!(
            statements(Some("s"), grant("SELECT", false), json!([])),
            [
                r#"ALTER DEFAULT PRIVILEGES FOR ROLE "app" IN SCHEMA "s" REVOKE ALL ON TABLES FROM "reader";"#
            ]
        );
        assert!(statements(Some("s"), grant("SELECT", false), grant("SELECT", false)).is_empty());
    }

    #[test]
    fn a_global_entry_is_compared_with_the_built_in_default_it_replaces() {
        let defaults = json!([{"grantee": "PUBLIC", "privilege": "EXECUTE", "grantable": false},
                              {"grantee": "app", "privilege": "EXECUTE", "grantable": false}]);
        let revoked = json!([{"role": "app", "objects": "f", "defaults": defaults,
                              "privileges": [{"grantee": "app", "privilege": "EXECUTE", "grantable": false}]}]);
        assert_eq!(
            statements(None, json!([]), revoked.clone()),
            [r#"ALTER DEFAULT PRIVILEGES FOR ROLE "app" REVOKE ALL ON FUNCTIONS FROM PUBLIC;"#]
        );
        assert_eq!(
            statements(None, revoked, json!([])),
            [r#"ALTER DEFAULT PRIVILEGES FOR ROLE "app" GRANT EXECUTE ON FUNCTIONS TO PUBLIC;"#]
        );
    }

    #[test]
    fn a_role_named_public_is_not_public() {
        let grants: Vec<Grant> = serde_json::from_value(json!([
            {"grantee": "PUBLIC", "privilege": "SELECT", "grantable": false},
            {"grantee": {"role": "PUBLIC"}, "privilege": "SELECT", "grantable": false}]))
        .unwrap();
        assert_eq!(grants[0].grantee, Grantee::Public);
        assert_eq!(grants[1].grantee, Grantee::Role("PUBLIC".into()));
        assert_eq!(
            serde_json::to_value(&grants).unwrap()[1]["grantee"],
            json!({"role": "PUBLIC"})
        );
        let mut steps = Vec::new();
        object_changes(
            &table("t"),
            "s.t",
            &[],
            &grants,
            &Key::Schema("s".into()),
            &mut steps,
        );
        crate::ddl::render(&mut steps).unwrap();
        let rows: Vec<String> = steps
            .iter()
            .map(|s| format!("{}: {}", s.identity, s.statement))
            .collect();
        assert_eq!(
            rows,
            [
                r#"s.t to PUBLIC: GRANT SELECT ON TABLE "s"."t" TO PUBLIC;"#,
                r#"s.t to "PUBLIC": GRANT SELECT ON TABLE "s"."t" TO "PUBLIC";"#,
            ]
        );
    }

    #[test]
    fn grants_follow_the_order_of_the_target_acl() {
        let grants: Vec<Grant> = serde_json::from_value(json!([
            {"grantee": "zed", "privilege": "SELECT", "grantable": false},
            {"grantee": "amy", "privilege": "SELECT", "grantable": false}]))
        .unwrap();
        let mut steps = Vec::new();
        object_changes(
            &table("t"),
            "s.t",
            &[],
            &grants,
            &Key::Schema("s".into()),
            &mut steps,
        );
        let identities: Vec<&str> = steps.iter().map(|s| s.identity.as_str()).collect();
        assert_eq!(identities, ["s.t to zed", "s.t to amy"]);
    }
}
