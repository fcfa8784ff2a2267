//! GRANT and REVOKE text: one statement per object and grantee.

use super::{Cx, quote_ident};
use crate::change::{GrantOn, Revoked};
use crate::model::Grantee;

/// `TABLE "s"."t"`: what GRANT and REVOKE name a table, view or materialized view by.
fn table(cx: &Cx, name: &str) -> String {
    format!("TABLE {}", cx.qualify(name))
}

fn sequence(cx: &Cx, name: &str) -> String {
    format!("SEQUENCE {}", cx.qualify(name))
}

fn type_named(cx: &Cx, name: &str) -> String {
    format!("TYPE {}", cx.qualify(name))
}

/// `ROUTINE "s".name(arguments)`: `signature` as `pg_get_function_identity_arguments` spells it.
fn routine(cx: &Cx, signature: &str) -> String {
    format!("ROUTINE {}.{signature}", quote_ident(&cx.schema))
}

pub fn schema(name: &str) -> String {
    format!("SCHEMA {}", quote_ident(name))
}

/// `SELECT, INSERT` or, for a column, `SELECT ("c"), INSERT ("c")`: privileges are keywords from
/// `aclexplode`, never user text.
fn privilege_list(privileges: &[String], column: Option<&str>) -> String {
    let one = |p: &String| match column {
        Some(c) => format!("{p} ({})", quote_ident(c)),
        None => p.clone(),
    };
    privileges.iter().map(one).collect::<Vec<_>>().join(", ")
}

/// `ALTER DEFAULT PRIVILEGES FOR ROLE "r" IN SCHEMA "s" ` before GRANT or REVOKE, for default
/// privileges; nothing for an object.
fn prefix(cx: &Cx, on: &GrantOn) -> String {
    match on {
        GrantOn::Defaults {
            role, in_schema, ..
        } => {
            let place = if *in_schema {
                format!(" IN SCHEMA {}", quote_ident(&cx.schema))
            } else {
                String::new()
            };
            format!(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {}{place} ",
                quote_ident(role)
            )
        }
        _ => String::new(),
    }
}

/// What GRANT and REVOKE name the object by (`TABLE "s"."t"`), and the column, if it is one.
fn object(cx: &Cx, on: &GrantOn) -> (String, Option<String>) {
    match on {
        GrantOn::Defaults { objects, .. } => (objects.keyword().to_owned(), None),
        GrantOn::Table { name, column } => (table(cx, name), column.clone()),
        GrantOn::Sequence(name) => (sequence(cx, name), None),
        GrantOn::Type(name) => (type_named(cx, name), None),
        GrantOn::Routine(signature) => (routine(cx, signature), None),
        GrantOn::Schema(name) => (schema(name), None),
        GrantOn::ForeignDataWrapper(name) => {
            (format!("FOREIGN DATA WRAPPER {}", quote_ident(name)), None)
        }
        GrantOn::Server(name) => (format!("FOREIGN SERVER {}", quote_ident(name)), None),
    }
}

/// `GRANT p, ... ON <object> TO r [WITH GRANT OPTION]`
pub fn grant(
    cx: &Cx,
    on: &GrantOn,
    to: &Grantee,
    privileges: &[String],
    grantable: bool,
) -> String {
    let (object, column) = object(cx, on);
    let option = if grantable { " WITH GRANT OPTION" } else { "" };
    format!(
        "{}GRANT {} ON {object} TO {}{option};",
        prefix(cx, on),
        privilege_list(privileges, column.as_deref()),
        to.sql()
    )
}

/// `REVOKE p, ... ON <object> FROM r`; `ALL` takes grant options with it, `GRANT OPTION FOR`
/// only them.
pub fn revoke(cx: &Cx, on: &GrantOn, from: &Grantee, revoked: &Revoked) -> String {
    let (object, column) = object(cx, on);
    let column = column.as_deref();
    let what = match revoked {
        Revoked::All => privilege_list(&["ALL".to_owned()], column),
        Revoked::Privileges(privileges) => privilege_list(privileges, column),
        Revoked::GrantOption(privileges) => {
            format!("GRANT OPTION FOR {}", privilege_list(privileges, column))
        }
    };
    format!(
        "{}REVOKE {what} ON {object} FROM {};",
        prefix(cx, on),
        from.sql()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_quote_roles_but_not_public() {
        let cx = Cx::new("s");
        let table = |column: Option<&str>| GrantOn::Table {
            name: "t".into(),
            column: column.map(str::to_owned),
        };
        assert_eq!(
            grant(
                &cx,
                &table(None),
                &"Report Reader".into(),
                &["SELECT".into(), "INSERT".into()],
                true
            ),
            r#"GRANT SELECT, INSERT ON TABLE "s"."t" TO "Report Reader" WITH GRANT OPTION;"#
        );
        assert_eq!(
            revoke(
                &cx,
                &table(Some("email")),
                &"PUBLIC".into(),
                &Revoked::Privileges(vec!["SELECT".into()])
            ),
            r#"REVOKE SELECT ("email") ON TABLE "s"."t" FROM PUBLIC;"#
        );
        assert_eq!(
            revoke(&cx, &table(Some("email")), &"app".into(), &Revoked::All),
            r#"REVOKE ALL ("email") ON TABLE "s"."t" FROM "app";"#
        );
        assert_eq!(
            revoke(
                &cx,
                &GrantOn::Routine(r#""f"(a integer)"#.into()),
                &"app".into(),
                &Revoked::GrantOption(vec!["EXECUTE".into()])
            ),
            r#"REVOKE GRANT OPTION FOR EXECUTE ON ROUTINE "s"."f"(a integer) FROM "app";"#
        );
    }

    #[test]
    fn default_privileges_name_the_role_and_the_schema_unless_global() {
        use crate::model::DefaultObjects;
        let cx = Cx::new("s");
        let on = |in_schema: bool, objects: DefaultObjects| GrantOn::Defaults {
            role: r#"Migra "Priv" B"#.into(),
            in_schema,
            objects,
        };
        assert_eq!(
            grant(
                &cx,
                &on(true, DefaultObjects::Tables),
                &"PUBLIC".into(),
                &["SELECT".into()],
                true
            ),
            r#"ALTER DEFAULT PRIVILEGES FOR ROLE "Migra ""Priv"" B" IN SCHEMA "s" GRANT SELECT ON TABLES TO PUBLIC WITH GRANT OPTION;"#
        );
        assert_eq!(
            revoke(
                &cx,
                &on(false, DefaultObjects::Functions),
                &"PUBLIC".into(),
                &Revoked::Privileges(vec!["EXECUTE".into()])
            ),
            r#"ALTER DEFAULT PRIVILEGES FOR ROLE "Migra ""Priv"" B" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"#
        );
        assert_eq!(
            revoke(
                &cx,
                &on(false, DefaultObjects::Schemas),
                &"app".into(),
                &Revoked::GrantOption(vec!["USAGE".into()])
            ),
            r#"ALTER DEFAULT PRIVILEGES FOR ROLE "Migra ""Priv"" B" REVOKE GRANT OPTION FOR USAGE ON SCHEMAS FROM "app";"#
        );
    }
}
