//! GRANT and REVOKE text: one statement per object and grantee.

use super::{Cx, quote_ident};

/// `PUBLIC`, or the quoted role name.
/// `TABLE "s"."t"`: what GRANT and REVOKE name a table, view or materialized view by.
pub fn table(cx: &Cx, name: &str) -> String {
    format!("TABLE {}", cx.qualify(name))
}

pub fn sequence(cx: &Cx, name: &str) -> String {
    format!("SEQUENCE {}", cx.qualify(name))
}

pub fn type_named(cx: &Cx, name: &str) -> String {
    format!("TYPE {}", cx.qualify(name))
}

/// `ROUTINE "s".name(arguments)`: `signature` as `pg_get_function_identity_arguments` spells it.
pub fn routine(cx: &Cx, signature: &str) -> String {
    format!("ROUTINE {}.{signature}", quote_ident(&cx.schema))
}

pub fn schema(name: &str) -> String {
    format!("SCHEMA {}", quote_ident(name))
}

pub fn grantee(name: &str) -> String {
    if name == "PUBLIC" {
        "PUBLIC".to_owned()
    } else {
        quote_ident(name)
    }
}

/// `SELECT, INSERT` or, for a column, `SELECT ("c"), INSERT ("c")`: privileges are keywords from
/// `aclexplode`, never user text.
fn privilege_list(privileges: &[&str], column: Option<&str>) -> String {
    let one = |p: &&str| match column {
        Some(c) => format!("{p} ({})", quote_ident(c)),
        None => (*p).to_owned(),
    };
    privileges.iter().map(one).collect::<Vec<_>>().join(", ")
}

/// `GRANT p, ... ON <object> TO r [WITH GRANT OPTION]`; `object` is `TABLE "s"."t"`,
/// `SEQUENCE ...`, `SCHEMA ...`, `ROUTINE ...` or `TYPE ...`.
pub fn grant(
    object: &str,
    column: Option<&str>,
    to: &str,
    privileges: &[&str],
    grantable: bool,
) -> String {
    let option = if grantable { " WITH GRANT OPTION" } else { "" };
    format!(
        "GRANT {} ON {object} TO {}{option};",
        privilege_list(privileges, column),
        grantee(to)
    )
}

pub fn revoke(object: &str, column: Option<&str>, from: &str, privileges: &[&str]) -> String {
    format!(
        "REVOKE {} ON {object} FROM {};",
        privilege_list(privileges, column),
        grantee(from)
    )
}

/// Everything the role holds on the object (or column), grant options with it.
pub fn revoke_all(object: &str, column: Option<&str>, from: &str) -> String {
    revoke(object, column, from, &["ALL"])
}

/// Keeps the privileges, takes back the right to pass them on.
pub fn revoke_grant_option(
    object: &str,
    column: Option<&str>,
    from: &str,
    privileges: &[&str],
) -> String {
    format!(
        "REVOKE GRANT OPTION FOR {} ON {object} FROM {};",
        privilege_list(privileges, column),
        grantee(from)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_quote_roles_but_not_public() {
        assert_eq!(
            grant(
                r#"TABLE "s"."t""#,
                None,
                "Report Reader",
                &["SELECT", "INSERT"],
                true
            ),
            r#"GRANT SELECT, INSERT ON TABLE "s"."t" TO "Report Reader" WITH GRANT OPTION;"#
        );
        assert_eq!(
            revoke(r#"TABLE "s"."t""#, Some("email"), "PUBLIC", &["SELECT"]),
            r#"REVOKE SELECT ("email") ON TABLE "s"."t" FROM PUBLIC;"#
        );
        assert_eq!(
            revoke_all(r#"TABLE "s"."t""#, Some("email"), "app"),
            r#"REVOKE ALL ("email") ON TABLE "s"."t" FROM "app";"#
        );
    }
}
