//! COMMENT ON every kind of object; `IS NULL` takes a comment away.

use super::{Cx, quote_ident, quote_literal};
use crate::change::CommentOn;
use crate::model::CommentKind;

/// The object a comment is on, as COMMENT takes it. `name` is a routine's `"name"(arguments)`,
/// and `domain` whether a `type` is a domain.
fn object(cx: &Cx, kind: CommentKind, name: &str, part: Option<&str>, domain: bool) -> String {
    use CommentKind as K;
    let part = || quote_ident(part.unwrap_or_default());
    match kind {
        K::Table => format!("TABLE {}", cx.qualify(name)),
        K::ForeignTable => format!("FOREIGN TABLE {}", cx.qualify(name)),
        K::View => format!("VIEW {}", cx.qualify(name)),
        K::MaterializedView => format!("MATERIALIZED VIEW {}", cx.qualify(name)),
        K::Sequence => format!("SEQUENCE {}", cx.qualify(name)),
        K::Index => format!("INDEX {}", cx.qualify(name)),
        K::Type if domain => format!("DOMAIN {}", cx.qualify(name)),
        K::Type => format!("TYPE {}", cx.qualify(name)),
        K::Collation => format!("COLLATION {}", cx.qualify(name)),
        K::Statistics => format!("STATISTICS {}", cx.qualify(name)),
        K::Column | K::ViewColumn | K::Attribute => {
            format!("COLUMN {}.{}", cx.qualify(name), part())
        }
        K::Constraint => format!("CONSTRAINT {} ON {}", part(), cx.qualify(name)),
        K::DomainConstraint => format!("CONSTRAINT {} ON DOMAIN {}", part(), cx.qualify(name)),
        K::Trigger => format!("TRIGGER {} ON {}", part(), cx.qualify(name)),
        K::Rule => format!("RULE {} ON {}", part(), cx.qualify(name)),
        K::Policy => format!("POLICY {} ON {}", part(), cx.qualify(name)),
        K::Routine => format!("ROUTINE {}.{name}", quote_ident(&cx.schema)),
    }
}

/// `COMMENT ON ... IS 'text'`, or `IS NULL`.
pub fn set(cx: &Cx, on: &CommentOn, text: Option<&str>) -> String {
    let object = match on {
        CommentOn::Object {
            kind,
            name,
            part,
            domain,
        } => object(cx, *kind, name, part.as_deref(), *domain),
        CommentOn::Schema(name) => super::privileges::schema(name),
        CommentOn::Extension(name) => super::extensions::object(name),
        CommentOn::Publication(name) => super::publications::object(name),
        CommentOn::ForeignDataWrapper(name) => {
            format!("FOREIGN DATA WRAPPER {}", super::quote_ident(name))
        }
        CommentOn::Server(name) => format!("SERVER {}", super::quote_ident(name)),
    };
    format!(
        "COMMENT ON {object} IS {};",
        text.map_or_else(|| "NULL".to_owned(), quote_literal)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_quote_their_text_and_name_the_object_whole() {
        let cx = Cx::new("app");
        let on = |kind: CommentKind, name: &str, part: Option<&str>| CommentOn::Object {
            kind,
            name: name.into(),
            part: part.map(str::to_owned),
            domain: false,
        };
        let column = on(CommentKind::Column, "My Table", Some("e-mail"));
        assert_eq!(
            set(&cx, &column, Some("it's\nthe \"main\" one ✓")),
            "COMMENT ON COLUMN \"app\".\"My Table\".\"e-mail\" IS 'it''s\nthe \"main\" one ✓';"
        );
        assert_eq!(
            set(
                &cx,
                &on(CommentKind::DomainConstraint, "email", Some("has_at")),
                None
            ),
            r#"COMMENT ON CONSTRAINT "has_at" ON DOMAIN "app"."email" IS NULL;"#
        );
        assert_eq!(
            object(&cx, CommentKind::Type, "email", None, true),
            r#"DOMAIN "app"."email""#
        );
        assert_eq!(
            object(&cx, CommentKind::Routine, r#""f"(a integer)"#, None, false),
            r#"ROUTINE "app"."f"(a integer)"#
        );
    }
}
