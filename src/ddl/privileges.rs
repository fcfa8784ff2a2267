//! GRANT and REVOKE text.

use super::quote_ident;
use crate::model::Grant;

/// `PUBLIC`, or the quoted role name.
fn grantee(grant: &Grant) -> String {
    if grant.grantee == "PUBLIC" {
        "PUBLIC".to_owned()
    } else {
        quote_ident(&grant.grantee)
    }
}

/// `privilege [("column")]`: privileges are keywords from `aclexplode`, never user text.
fn privilege(grant: &Grant, column: Option<&str>) -> String {
    match column {
        Some(c) => format!("{} ({})", grant.privilege, quote_ident(c)),
        None => grant.privilege.clone(),
    }
}

/// `GRANT ... ON <object> TO ...`; `object` is `TABLE "s"."t"`, `SEQUENCE ...` or `SCHEMA ...`.
pub fn grant(object: &str, column: Option<&str>, grant: &Grant) -> String {
    let option = if grant.grantable {
        " WITH GRANT OPTION"
    } else {
        ""
    };
    format!(
        "GRANT {} ON {object} TO {}{option};",
        privilege(grant, column),
        grantee(grant)
    )
}

pub fn revoke(object: &str, column: Option<&str>, grant: &Grant) -> String {
    format!(
        "REVOKE {} ON {object} FROM {};",
        privilege(grant, column),
        grantee(grant)
    )
}

/// Keeps the privilege, takes back the right to pass it on.
pub fn revoke_grant_option(object: &str, column: Option<&str>, grant: &Grant) -> String {
    format!(
        "REVOKE GRANT OPTION FOR {} ON {object} FROM {};",
        privilege(grant, column),
        grantee(grant)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select_for(grantee: &str, grantable: bool) -> Grant {
        Grant {
            grantee: grantee.into(),
            privilege: "SELECT".into(),
            grantable,
        }
    }

    #[test]
    fn grants_quote_roles_but_not_public() {
        assert_eq!(
            grant(r#"TABLE "s"."t""#, None, &select_for("Report Reader", true)),
            r#"GRANT SELECT ON TABLE "s"."t" TO "Report Reader" WITH GRANT OPTION;"#
        );
        assert_eq!(
            revoke(
                r#"TABLE "s"."t""#,
                Some("email"),
                &select_for("PUBLIC", false)
            ),
            r#"REVOKE SELECT ("email") ON TABLE "s"."t" FROM PUBLIC;"#
        );
    }
}
