//! GRANT and REVOKE text: one statement per object and grantee.

use super::{Cx, quote_ident};
use crate::change::{GrantOn, Revoked};

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

/// `PUBLIC`, or the quoted role name.
pub fn grantee(name: &str) -> String {
    if name == "PUBLIC" {
        "PUBLIC".to_owned()
    } else {
        quote_ident(name)
    }
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

/// What GRANT and REVOKE name the object by (`TABLE "s"."t"`), and the column, if it is one.
fn object(cx: &Cx, on: &GrantOn) -> (String, Option<String>) {
    match on {
        GrantOn::Table { name, column } => (table(cx, name), column.clone()),
        GrantOn::Sequence(name) => (sequence(cx, name), None),
        GrantOn::Type(name) => (type_named(cx, name), None),
        GrantOn::Routine(signature) => (routine(cx, signature), None),
        GrantOn::Schema(name) => (schema(name), None),
    }
}

/// `GRANT p, ... ON <object> TO r [WITH GRANT OPTION]`
pub fn grant(cx: &Cx, on: &GrantOn, to: &str, privileges: &[String], grantable: bool) -> String {
    let (object, column) = object(cx, on);
    let option = if grantable { " WITH GRANT OPTION" } else { "" };
    format!(
        "GRANT {} ON {object} TO {}{option};",
        privilege_list(privileges, column.as_deref()),
        grantee(to)
    )
}

/// `REVOKE p, ... ON <object> FROM r`; `ALL` takes grant options with it, `GRANT OPTION FOR`
/// only them.
pub fn revoke(cx: &Cx, on: &GrantOn, from: &str, revoked: &Revoked) -> String {
    let (object, column) = object(cx, on);
    let column = column.as_deref();
    let what = match revoked {
        Revoked::All => privilege_list(&["ALL".to_owned()], column),
        Revoked::Privileges(privileges) => privilege_list(privileges, column),
        Revoked::GrantOption(privileges) => {
            format!("GRANT OPTION FOR {}", privilege_list(privileges, column))
        }
    };
    format!("REVOKE {what} ON {object} FROM {};", grantee(from))
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
                "Report Reader",
                &["SELECT".into(), "INSERT".into()],
                true
            ),
            r#"GRANT SELECT, INSERT ON TABLE "s"."t" TO "Report Reader" WITH GRANT OPTION;"#
        );
        assert_eq!(
            revoke(
                &cx,
                &table(Some("email")),
                "PUBLIC",
                &Revoked::Privileges(vec!["SELECT".into()])
            ),
            r#"REVOKE SELECT ("email") ON TABLE "s"."t" FROM PUBLIC;"#
        );
        assert_eq!(
            revoke(&cx, &table(Some("email")), "app", &Revoked::All),
            r#"REVOKE ALL ("email") ON TABLE "s"."t" FROM "app";"#
        );
        assert_eq!(
            revoke(
                &cx,
                &GrantOn::Routine(r#""f"(a integer)"#.into()),
                "app",
                &Revoked::GrantOption(vec!["EXECUTE".into()])
            ),
            r#"REVOKE GRANT OPTION FOR EXECUTE ON ROUTINE "s"."f"(a integer) FROM "app";"#
        );
    }
}
