//! `ALTER ... OWNER TO` text (`with_owners`).

use super::{Cx, quote_ident};
use crate::change::Owned;

/// `ALTER <object> "s"."name" OWNER TO "role"`; a routine by its signature
/// (`pg_get_function_identity_arguments`, already quoted), a schema by its name alone. The role
/// is always quoted: `"PUBLIC"` or `"current_user"` is then a role of that name, never the
/// keyword.
pub fn set(cx: &Cx, object: Owned, name: &str, role: &str) -> String {
    let named = match object {
        Owned::Schema | Owned::Publication | Owned::ForeignDataWrapper | Owned::Server => {
            quote_ident(name)
        }
        Owned::Function | Owned::Procedure | Owned::Aggregate => {
            format!("{}.{name}", quote_ident(&cx.schema))
        }
        _ => cx.qualify(name),
    };
    format!(
        "ALTER {} {named} OWNER TO {};",
        object.keyword(),
        quote_ident(role)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_are_qualified_and_roles_quoted() {
        let cx = Cx::new("public");
        assert_eq!(
            set(&cx, Owned::Table, "orders", "app_owner"),
            r#"ALTER TABLE "public"."orders" OWNER TO "app_owner";"#
        );
        assert_eq!(
            set(&cx, Owned::MaterializedView, "Totals", "app"),
            r#"ALTER MATERIALIZED VIEW "public"."Totals" OWNER TO "app";"#
        );
        assert_eq!(
            set(&cx, Owned::Sequence, "s", "app"),
            r#"ALTER SEQUENCE "public"."s" OWNER TO "app";"#
        );
    }

    #[test]
    fn role_names_are_always_quoted() {
        let cx = Cx::new("s");
        assert_eq!(
            set(&cx, Owned::View, "v", "PUBLIC"),
            r#"ALTER VIEW "s"."v" OWNER TO "PUBLIC";"#
        );
        assert_eq!(
            set(&cx, Owned::View, "v", "current_user"),
            r#"ALTER VIEW "s"."v" OWNER TO "current_user";"#
        );
        assert_eq!(
            set(&cx, Owned::Type, "t", r#"my "odd" role"#),
            r#"ALTER TYPE "s"."t" OWNER TO "my ""odd"" role";"#
        );
    }

    #[test]
    fn routines_take_their_signature_and_schemas_their_name() {
        let cx = Cx::new("my schema");
        assert_eq!(
            set(&cx, Owned::Function, r#"add("a" integer, b integer)"#, "r"),
            r#"ALTER FUNCTION "my schema".add("a" integer, b integer) OWNER TO "r";"#
        );
        assert_eq!(
            set(&cx, Owned::Aggregate, "total(integer)", "r"),
            r#"ALTER AGGREGATE "my schema".total(integer) OWNER TO "r";"#
        );
        assert_eq!(
            set(&cx, Owned::Procedure, "p()", "r"),
            r#"ALTER PROCEDURE "my schema".p() OWNER TO "r";"#
        );
        assert_eq!(
            set(&cx, Owned::Schema, "Sales", "r"),
            r#"ALTER SCHEMA "Sales" OWNER TO "r";"#
        );
        assert_eq!(
            set(&cx, Owned::Domain, "d", "r"),
            r#"ALTER DOMAIN "my schema"."d" OWNER TO "r";"#
        );
        assert_eq!(
            set(&cx, Owned::Statistics, "st", "r"),
            r#"ALTER STATISTICS "my schema"."st" OWNER TO "r";"#
        );
        assert_eq!(
            set(&cx, Owned::Collation, "c", "r"),
            r#"ALTER COLLATION "my schema"."c" OWNER TO "r";"#
        );
    }
}
