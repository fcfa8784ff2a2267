//! COMMENT ON every kind of object; `IS NULL` takes a comment away.

use super::{Cx, quote_ident, quote_literal};
use crate::change::CommentOn;

/// The object a comment is on, as COMMENT takes it. `kind` is one of `model::Comment`'s;
/// `routine` is the routine's `"name"(arguments)` and `domain` whether a `type` is a domain.
fn object(cx: &Cx, kind: &str, name: &str, part: Option<&str>, domain: bool) -> String {
    let part = || quote_ident(part.unwrap_or_default());
    match kind {
        "table" => format!("TABLE {}", cx.qualify(name)),
        "view" => format!("VIEW {}", cx.qualify(name)),
        "materialized view" => format!("MATERIALIZED VIEW {}", cx.qualify(name)),
        "sequence" => format!("SEQUENCE {}", cx.qualify(name)),
        "index" => format!("INDEX {}", cx.qualify(name)),
        "type" if domain => format!("DOMAIN {}", cx.qualify(name)),
        "type" => format!("TYPE {}", cx.qualify(name)),
        "collation" => format!("COLLATION {}", cx.qualify(name)),
        "statistics" => format!("STATISTICS {}", cx.qualify(name)),
        "column" | "view column" | "attribute" => format!("COLUMN {}.{}", cx.qualify(name), part()),
        "constraint" => format!("CONSTRAINT {} ON {}", part(), cx.qualify(name)),
        "domain constraint" => format!("CONSTRAINT {} ON DOMAIN {}", part(), cx.qualify(name)),
        "trigger" => format!("TRIGGER {} ON {}", part(), cx.qualify(name)),
        "rule" => format!("RULE {} ON {}", part(), cx.qualify(name)),
        "policy" => format!("POLICY {} ON {}", part(), cx.qualify(name)),
        // the routine's signature, `"name"(arguments)`
        _ => format!("ROUTINE {}.{name}", quote_ident(&cx.schema)),
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
        } => object(cx, kind, name, part.as_deref(), *domain),
        CommentOn::Schema(name) => super::privileges::schema(name),
        CommentOn::Extension(name) => super::extensions::object(name),
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
        let on = |kind: &str, name: &str, part: Option<&str>| CommentOn::Object {
            kind: kind.into(),
            name: name.into(),
            part: part.map(str::to_owned),
            domain: false,
        };
        let column = on("column", "My Table", Some("e-mail"));
        assert_eq!(
            set(&cx, &column, Some("it's\nthe \"main\" one ✓")),
            "COMMENT ON COLUMN \"app\".\"My Table\".\"e-mail\" IS 'it''s\nthe \"main\" one ✓';"
        );
        assert_eq!(
            set(&cx, &on("domain constraint", "email", Some("has_at")), None),
            r#"COMMENT ON CONSTRAINT "has_at" ON DOMAIN "app"."email" IS NULL;"#
        );
        assert_eq!(
            object(&cx, "type", "email", None, true),
            r#"DOMAIN "app"."email""#
        );
        assert_eq!(
            object(&cx, "routine", r#""f"(a integer)"#, None, false),
            r#"ROUTINE "app"."f"(a integer)"#
        );
    }
}
