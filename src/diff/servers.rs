//! Foreign-data wrappers, servers and user mappings, between whole databases.
//!
//! A secret option (a password: `sql/catalog.sql`, "secret options") is known by its name
//! only. One the target has and the source lacks cannot be added, since its value was never
//! read: the statement says so in a comment and names the `ALTER ... OPTIONS (ADD ...)` to run
//! by hand (`ddl::servers`), and the API repeats it in a NOTICE. One the source has and the
//! target lacks is dropped. One both have is taken as equal: its values cannot be compared.

use std::collections::BTreeSet;

use super::owners::{Described, comment_and_owner};
use super::{generic_option_changes, pair_up};
use crate::change::{CommentOn, GenericOption, GrantOn, Owned};
use crate::error::Error;
use crate::ident::display_ident;
use crate::model::{Database, ForeignDataWrapper, Grant, Server, UserMapping, WrapperFunction};
use crate::plan::{Key, Kind, Operation, Phase, Step};

pub fn diff(
    from: &Database,
    to: &Database,
    with_privileges: bool,
    with_owners: bool,
    steps: &mut Vec<Step>,
) -> Result<(), Error> {
    wrappers(from, to, with_owners, steps);
    let remade = remade_servers(from, to)?;
    servers(from, to, &remade, with_owners, steps);
    grants(from, to, &remade, with_privileges, steps);
    user_mappings(from, to, &remade, steps);
    Ok(())
}

/// GRANT and REVOKE USAGE on wrappers and servers the plan keeps or makes, `with_privileges`.
/// Without, a server the plan makes again (`remade`) still gets back the grants the source had
/// on it, as a view does. Grants a side does not know (`None`) are no difference.
pub fn grants(
    from: &Database,
    to: &Database,
    remade: &BTreeSet<String>,
    with_privileges: bool,
    steps: &mut Vec<Step>,
) {
    let none: &[Grant] = &[];
    fn on_wrapper(w: &ForeignDataWrapper) -> (GrantOn, Key, &str) {
        let on = GrantOn::ForeignDataWrapper(w.name.clone());
        (on, Key::ForeignDataWrapper(w.name.clone()), &w.name)
    }
    fn on_server(s: &Server) -> (GrantOn, Key, &str) {
        (
            GrantOn::Server(s.name.clone()),
            Key::Server(s.name.clone()),
            &s.name,
        )
    }
    let wrappers = pair_up(
        &from.foreign_data_wrappers,
        &to.foreign_data_wrappers,
        |w| w.name.clone(),
    );
    let servers = pair_up(&from.servers, &to.servers, |s| s.name.clone());
    if !with_privileges {
        for (old, _) in &servers.kept {
            if remade.contains(&old.name) {
                let after = old.common.privileges.as_deref();
                usage_changes(on_server(old), Some(none), after, steps);
            }
        }
        return;
    }
    let kept = wrappers.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(wrappers.added.iter().map(|new| (None, *new))) {
        let before = old.map_or(Some(none), |o| o.common.privileges.as_deref());
        usage_changes(
            on_wrapper(new),
            before,
            new.common.privileges.as_deref(),
            steps,
        );
    }
    let kept = servers.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(servers.added.iter().map(|new| (None, *new))) {
        // a server made again has lost its grants
        let before = old
            .filter(|o| !remade.contains(&o.name))
            .map_or(Some(none), |o| o.common.privileges.as_deref());
        usage_changes(
            on_server(new),
            before,
            new.common.privileges.as_deref(),
            steps,
        );
    }
}

/// The GRANTs and REVOKEs of one wrapper or server, where both sides know its grants.
fn usage_changes(
    (on, key, name): (GrantOn, Key, &str),
    before: Option<&[Grant]>,
    after: Option<&[Grant]>,
    steps: &mut Vec<Step>,
) {
    if let (Some(before), Some(after)) = (before, after) {
        let name = display_ident(name);
        super::privileges::object_changes(&on, &name, before, after, &key, steps);
    }
}

/// Changes to options: the target's non-secret options in its order, the secret ones the
/// target no longer has dropped; and the secret ones the target has that the source lacks.
fn option_changes(
    old: &[String],
    old_secrets: &[String],
    new: &[String],
    new_secrets: &[String],
) -> (Vec<GenericOption>, Vec<String>) {
    let mut changes = if old == new {
        Vec::new()
    } else {
        generic_option_changes(old, new)
    };
    changes.extend(
        old_secrets
            .iter()
            .filter(|s| !new_secrets.contains(s))
            .map(|s| GenericOption::Drop(s.clone())),
    );
    let missing = new_secrets
        .iter()
        .filter(|s| !old_secrets.contains(s))
        .cloned()
        .collect();
    (changes, missing)
}

fn routine_keys(functions: [&Option<WrapperFunction>; 2]) -> Vec<Key> {
    functions
        .into_iter()
        .flatten()
        .map(|f| Key::Routine(f.schema.clone(), f.identity.clone()))
        .collect()
}

fn wrappers(from: &Database, to: &Database, with_owners: bool, steps: &mut Vec<Step>) {
    let pairs = pair_up(
        &from.foreign_data_wrappers,
        &to.foreign_data_wrappers,
        |w| w.name.clone(),
    );
    let step = |w: &ForeignDataWrapper, phase: Phase, operation: Operation| {
        Step::new(
            phase,
            Kind::ForeignDataWrapper,
            operation,
            Key::ForeignDataWrapper(w.name.clone()),
            display_ident(&w.name),
        )
        .requires(routine_keys([&w.handler, &w.validator]))
    };
    for w in pairs.removed {
        let operation = Operation::DropForeignDataWrapper {
            name: w.name.clone(),
        };
        steps.push(step(w, Phase::DropServer, operation));
    }
    for w in &pairs.added {
        let operation = Operation::CreateForeignDataWrapper(Box::new((*w).clone()));
        steps.push(step(w, Phase::CreateServer, operation));
    }
    for (old, new) in &pairs.kept {
        let (options, missing_secrets) = option_changes(
            &old.common.options,
            &old.common.secret_options,
            &new.common.options,
            &new.common.secret_options,
        );
        let handler = (old.handler != new.handler).then(|| new.handler.clone());
        let validator = (old.validator != new.validator).then(|| new.validator.clone());
        let changed = handler.is_some() || validator.is_some() || !options.is_empty();
        if changed || !missing_secrets.is_empty() {
            let operation = Operation::AlterForeignDataWrapper {
                name: new.name.clone(),
                handler,
                validator,
                options,
                missing_secrets,
            };
            steps.push(step(new, Phase::CreateServer, operation));
        }
    }
    let kept = pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(pairs.added.iter().map(|new| (None, *new))) {
        comment_and_owner(old.map(wrapper), wrapper(new), with_owners, steps);
    }
}

fn wrapper(w: &ForeignDataWrapper) -> Described<'_> {
    Described {
        key: Key::ForeignDataWrapper(w.name.clone()),
        kind: Kind::ForeignDataWrapper,
        owned: Owned::ForeignDataWrapper,
        on: CommentOn::ForeignDataWrapper(w.name.clone()),
        name: &w.name,
        comment: w.common.comment.as_deref(),
        owner: &w.common.owner,
    }
}

/// What a server needs: the wrapper, or the extension that owns it (postgres_fdw).
fn wrapper_key(server: &Server) -> Key {
    match &server.wrapper_extension {
        Some(extension) => Key::Extension(extension.clone()),
        None => Key::ForeignDataWrapper(server.wrapper.clone()),
    }
}

/// A server whose wrapper or TYPE changes: no ALTER SERVER does that, so it is dropped and made
/// again, with its user mappings. Refused when a foreign table on it stays (both sides have it
/// there), or a user mapping of it with a secret option stays (the secret would be lost).
fn remade_servers(from: &Database, to: &Database) -> Result<BTreeSet<String>, Error> {
    let pairs = pair_up(&from.servers, &to.servers, |s| s.name.clone());
    let mut remade = BTreeSet::new();
    for (old, new) in pairs.kept {
        if old.wrapper == new.wrapper && old.server_type == new.server_type {
            continue;
        }
        let describe = |s: &Server| {
            let kind = s
                .server_type
                .as_deref()
                .map(|t| format!(" of type {t}"))
                .unwrap_or_default();
            format!("foreign-data wrapper {}{kind}", display_ident(&s.wrapper))
        };
        let refuse = |user: String| Error::ServerChange {
            server: display_ident(&new.name),
            from: describe(old),
            to: describe(new),
            user,
        };
        let on_it = |d: &Database| -> BTreeSet<(String, String)> {
            d.schemas
                .iter()
                .flat_map(|s| s.tables.iter().map(move |t| (s, t)))
                .filter(|(_, t)| t.foreign.as_ref().is_some_and(|f| f.server == new.name))
                .map(|(s, t)| (s.name.clone(), t.name.clone()))
                .collect()
        };
        if let Some((schema, table)) = on_it(from).intersection(&on_it(to)).next() {
            let table = crate::ident::display_qualified(schema, table);
            return Err(refuse(format!("foreign table {table}")));
        }
        let mappings = pair_up(&from.user_mappings, &to.user_mappings, |m| {
            (m.server.clone(), m.user.clone())
        });
        if let Some((old, _)) = mappings
            .kept
            .iter()
            .find(|(old, _)| old.server == new.name && !old.secret_options.is_empty())
        {
            return Err(refuse(format!(
                "the user mapping for {}, whose secret options migra never reads,",
                old.user.display()
            )));
        }
        remade.insert(new.name.clone());
    }
    Ok(remade)
}

fn servers(
    from: &Database,
    to: &Database,
    remade: &BTreeSet<String>,
    with_owners: bool,
    steps: &mut Vec<Step>,
) {
    let pairs = pair_up(&from.servers, &to.servers, |s| s.name.clone());
    let step = |s: &Server, phase: Phase, operation: Operation| {
        Step::new(
            phase,
            Kind::Server,
            operation,
            Key::Server(s.name.clone()),
            display_ident(&s.name),
        )
        .requires([wrapper_key(s)])
    };
    let drop = |s: &Server| Operation::DropServer {
        name: s.name.clone(),
    };
    let create = |s: &Server| Operation::CreateServer(Box::new(s.clone()));
    for s in &pairs.removed {
        steps.push(step(s, Phase::DropServer, drop(s)));
    }
    for s in &pairs.added {
        steps.push(step(s, Phase::CreateServer, create(s)));
    }
    let mut made: Vec<(Option<&Server>, &Server)> =
        pairs.added.iter().map(|new| (None, *new)).collect();
    for (old, new) in &pairs.kept {
        if remade.contains(&new.name) {
            steps.push(step(old, Phase::DropServer, drop(old)));
            steps.push(step(new, Phase::CreateServer, create(new)));
            made.push((None, *new));
            continue;
        }
        made.push((Some(*old), *new));
        let (options, missing_secrets) = option_changes(
            &old.common.options,
            &old.common.secret_options,
            &new.common.options,
            &new.common.secret_options,
        );
        let version = (old.version != new.version).then(|| new.version.clone());
        if version.is_some() || !options.is_empty() || !missing_secrets.is_empty() {
            let operation = Operation::AlterServer {
                name: new.name.clone(),
                version,
                options,
                missing_secrets,
            };
            steps.push(step(new, Phase::CreateServer, operation));
        }
    }
    for (old, new) in made {
        comment_and_owner(old.map(server), server(new), with_owners, steps);
    }
}

fn server(s: &Server) -> Described<'_> {
    Described {
        key: Key::Server(s.name.clone()),
        kind: Kind::Server,
        owned: Owned::Server,
        on: CommentOn::Server(s.name.clone()),
        name: &s.name,
        comment: s.common.comment.as_deref(),
        owner: &s.common.owner,
    }
}

fn user_mappings(from: &Database, to: &Database, remade: &BTreeSet<String>, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.user_mappings, &to.user_mappings, |m| {
        (m.server.clone(), m.user.clone())
    });
    let step = |m: &UserMapping, phase: Phase, operation: Operation| {
        Step::new(
            phase,
            Kind::UserMapping,
            operation,
            Key::UserMapping(m.server.clone(), m.user.clone()),
            format!("{} on {}", m.user.display(), display_ident(&m.server)),
        )
        .requires([Key::Server(m.server.clone())])
    };
    let drop = |m: &UserMapping| Operation::DropUserMapping {
        server: m.server.clone(),
        user: m.user.clone(),
    };
    let create = |m: &UserMapping| Operation::CreateUserMapping(Box::new(m.clone()));
    for m in pairs.removed {
        steps.push(step(m, Phase::DropServer, drop(m)));
    }
    for m in pairs.added {
        steps.push(step(m, Phase::CreateServer, create(m)));
    }
    for (old, new) in pairs.kept {
        if remade.contains(&new.server) {
            steps.push(step(old, Phase::DropServer, drop(old)));
            steps.push(step(new, Phase::CreateServer, create(new)));
            continue;
        }
        let (options, missing_secrets) = option_changes(
            &old.options,
            &old.secret_options,
            &new.options,
            &new.secret_options,
        );
        if !options.is_empty() || !missing_secrets.is_empty() {
            let operation = Operation::AlterUserMapping {
                server: new.server.clone(),
                user: new.user.clone(),
                options,
                missing_secrets,
            };
            steps.push(step(new, Phase::CreateServer, operation));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn database(servers: serde_json::Value, mappings: serde_json::Value) -> Database {
        serde_json::from_value(json!({
            "server_version_num": 150000, "extensions": [],
            "schemas": [{"name": "public", "tables": [
                {"name": "t", "persistence": "p", "options": [], "toast_options": [], "columns": [],
                 "foreign": {"server": "s", "options": []}}],
                "constraints": [], "indexes": [], "sequences": []}],
            "servers": servers, "user_mappings": mappings
        }))
        .unwrap()
    }

    fn server(server_type: &str) -> serde_json::Value {
        json!([{"name": "s", "wrapper": "postgres_fdw", "wrapper_extension": "postgres_fdw",
                "type": server_type, "options": ["host=a"]}])
    }

    fn statements(from: &Database, to: &Database) -> Result<Vec<String>, Error> {
        let mut steps = Vec::new();
        diff(from, to, false, false, &mut steps)?;
        let mut steps = crate::plan::build(steps, "pg_catalog")?;
        crate::ddl::render(&mut steps)?;
        Ok(steps.into_iter().skip(1).map(|s| s.statement).collect())
    }

    #[test]
    fn secrets_are_dropped_or_left_for_the_dba_never_compared_by_value() {
        let old = ["user=a".to_owned(), "port=1".to_owned()];
        let new = ["user=b".to_owned()];
        let (changes, missing) = option_changes(
            &old,
            &["password".into(), "sslkey".into()],
            &new,
            &["password".into(), "passfile".into()],
        );
        assert_eq!(
            changes,
            [
                GenericOption::Set("user=b".into()),
                GenericOption::Drop("port".into()),
                GenericOption::Drop("sslkey".into()),
            ]
        );
        assert_eq!(missing, ["passfile"]);
        let same = option_changes(&new, &["password".into()], &new, &["password".into()]);
        assert_eq!(same, (vec![], vec![]));
    }

    #[test]
    fn a_server_whose_type_changes_is_made_again_with_its_mappings_unless_a_table_stays() {
        let mapping = json!([{"server": "s", "user": "PUBLIC", "options": ["user=u"]}]);
        let mut from = database(server("a"), mapping.clone());
        let mut to = database(server("b"), mapping.clone());
        let refused = statements(&from, &to).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "cannot change server s from foreign-data wrapper postgres_fdw of type a to \
             foreign-data wrapper postgres_fdw of type b: it would have to be made again, and \
             foreign table public.t stays on it"
        );
        from.schemas[0].tables.clear();
        to.schemas[0].tables.clear();
        assert_eq!(
            statements(&from, &to).unwrap(),
            [
                r#"DROP USER MAPPING FOR PUBLIC SERVER "s";"#,
                r#"DROP SERVER "s";"#,
                r#"CREATE SERVER "s" TYPE 'b' FOREIGN DATA WRAPPER "postgres_fdw" OPTIONS (host 'a');"#,
                r#"CREATE USER MAPPING FOR PUBLIC SERVER "s" OPTIONS (user 'u');"#,
            ]
        );
        // a password on it would be lost
        let secret =
            json!([{"server": "s", "user": "app", "options": [], "secret_options": ["password"]}]);
        let from = Database {
            user_mappings: serde_json::from_value(secret.clone()).unwrap(),
            ..from
        };
        let to = Database {
            user_mappings: serde_json::from_value(secret).unwrap(),
            ..to
        };
        assert!(statements(&from, &to).is_err());
    }

    #[test]
    fn grants_are_compared_with_privileges_and_a_server_made_again_gets_its_own_back() {
        let with = |server_type: &str, grants: serde_json::Value| {
            let mut d = database(server(server_type), json!([]));
            d.schemas[0].tables.clear();
            d.servers[0].common.privileges = serde_json::from_value(grants).unwrap();
            d
        };
        let grant = |grantee: &str, grantable: bool| json!([{"grantee": grantee, "privilege": "USAGE", "grantable": grantable}]);
        let rendered = |from: &Database, to: &Database, with_privileges: bool| {
            let mut steps = Vec::new();
            diff(from, to, with_privileges, false, &mut steps).unwrap();
            steps.retain(|s| s.kind == Kind::Privilege);
            crate::ddl::render(&mut steps).unwrap();
            steps.into_iter().map(|s| s.statement).collect::<Vec<_>>()
        };
        let (from, to) = (
            with("a", grant("app", true)),
            with("a", grant("PUBLIC", false)),
        );
        assert_eq!(
            rendered(&from, &to, true),
            [
                r#"REVOKE ALL ON FOREIGN SERVER "s" FROM "app";"#,
                r#"GRANT USAGE ON FOREIGN SERVER "s" TO PUBLIC;"#
            ]
        );
        assert!(rendered(&from, &to, false).is_empty());
        // made again under another TYPE: the grants went with the DROP
        let (from, to) = (
            with("a", grant("app", false)),
            with("b", grant("app", false)),
        );
        let again = [r#"GRANT USAGE ON FOREIGN SERVER "s" TO "app";"#];
        assert_eq!(rendered(&from, &to, true), again);
        assert_eq!(rendered(&from, &to, false), again);
        // a snapshot written before grants were read knows none: no difference
        let unknown = with("a", serde_json::Value::Null);
        assert!(rendered(&unknown, &with("a", grant("app", false)), true).is_empty());
    }

    #[test]
    fn a_new_server_comes_before_its_user_mappings_and_a_dropped_one_after() {
        let empty = database(json!([]), json!([]));
        let mapping = json!([{"server": "s", "user": {"role": "PUBLIC"}, "options": ["user=u"],
                              "secret_options": ["password"]}]);
        let full = database(server("a"), mapping);
        let made = statements(&empty, &full).unwrap();
        assert!(made[0].starts_with(r#"CREATE SERVER "s""#), "{made:?}");
        assert!(made[1].starts_with(
            "CREATE USER MAPPING FOR \"PUBLIC\" SERVER \"s\" OPTIONS (user 'u');\n-- not set"
        ));
        let dropped = statements(&full, &empty).unwrap();
        assert_eq!(
            dropped,
            [
                r#"DROP USER MAPPING FOR "PUBLIC" SERVER "s";"#,
                r#"DROP SERVER "s";"#
            ]
        );
    }
}
