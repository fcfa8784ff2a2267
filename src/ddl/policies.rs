//! CREATE, ALTER and DROP POLICY, and ENABLE / FORCE ROW LEVEL SECURITY.

use super::{Cx, quote_ident};
use crate::change::RowSecurity;
use crate::model::Policy;

/// `PUBLIC` is a keyword; every other role a quoted name.
fn roles(policy: &Policy) -> String {
    policy
        .roles
        .iter()
        .map(crate::model::Grantee::sql)
        .collect::<Vec<_>>()
        .join(", ")
}

fn clauses(policy: &Policy) -> String {
    let mut text = format!(" TO {}", roles(policy));
    if let Some(using) = &policy.using {
        text.push_str(&format!(" USING ({using})"));
    }
    if let Some(check) = &policy.with_check {
        text.push_str(&format!(" WITH CHECK ({check})"));
    }
    text
}

pub fn create(cx: &Cx, policy: &Policy) -> String {
    let kind = if policy.permissive {
        "PERMISSIVE"
    } else {
        "RESTRICTIVE"
    };
    format!(
        "CREATE POLICY {} ON {} AS {kind} FOR {}{};",
        quote_ident(&policy.name),
        cx.qualify(&policy.table),
        policy.command_sql(),
        clauses(policy)
    )
}

/// `ALTER POLICY` sets roles, USING and WITH CHECK; it cannot take a clause away.
pub fn alter(cx: &Cx, policy: &Policy) -> String {
    format!(
        "ALTER POLICY {} ON {}{};",
        quote_ident(&policy.name),
        cx.qualify(&policy.table),
        clauses(policy)
    )
}

pub fn drop(cx: &Cx, table: &str, name: &str) -> String {
    format!(
        "DROP POLICY {} ON {};",
        quote_ident(name),
        cx.qualify(table)
    )
}

/// `ALTER TABLE ... ENABLE`/`DISABLE ROW LEVEL SECURITY`, or `FORCE`/`NO FORCE` (whether the
/// owner too is bound).
pub fn row_security(cx: &Cx, table: &str, setting: RowSecurity) -> String {
    let action = match setting {
        RowSecurity::Enable(true) => "ENABLE",
        RowSecurity::Enable(false) => "DISABLE",
        RowSecurity::Force(true) => "FORCE",
        RowSecurity::Force(false) => "NO FORCE",
    };
    format!(
        "ALTER TABLE {} {action} ROW LEVEL SECURITY;",
        cx.qualify(table)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            table: "accounts".into(),
            name: "own rows".into(),
            permissive: false,
            command: crate::model::PolicyCommand::Update,
            roles: vec![
                "PUBLIC".into(),
                "app user".into(),
                crate::model::Grantee::Role("PUBLIC".into()),
            ],
            using: Some("(owner = CURRENT_USER)".into()),
            with_check: Some("(amount > 0)".into()),
        }
    }

    #[test]
    fn a_policy_is_created_with_every_clause_spelled_out() {
        assert_eq!(
            create(&Cx::new("app"), &policy()),
            r#"CREATE POLICY "own rows" ON "app"."accounts" AS RESTRICTIVE FOR UPDATE TO PUBLIC, "app user", "PUBLIC" USING ((owner = CURRENT_USER)) WITH CHECK ((amount > 0));"#
        );
    }

    #[test]
    fn a_policy_is_altered_and_dropped_by_name_and_table() {
        let mut p = policy();
        p.with_check = None;
        assert_eq!(
            alter(&Cx::new("app"), &p),
            r#"ALTER POLICY "own rows" ON "app"."accounts" TO PUBLIC, "app user", "PUBLIC" USING ((owner = CURRENT_USER));"#
        );
        assert_eq!(
            drop(&Cx::new("app"), &p.table, &p.name),
            r#"DROP POLICY "own rows" ON "app"."accounts";"#
        );
    }
}
