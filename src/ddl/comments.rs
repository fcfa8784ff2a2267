//! COMMENT ON every kind of object; `IS NULL` takes a comment away.

use super::{Cx, quote_ident, quote_literal};

/// The object a comment is on, as COMMENT takes it. `kind` is one of `model::Comment`'s;
/// `routine` is the routine's `"name"(arguments)` and `domain` whether a `type` is a domain.
pub fn object(cx: &Cx, kind: &str, name: &str, part: Option<&str>, domain: bool) -> String {
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

pub fn set(object: &str, text: Option<&str>) -> String {
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
        let column = object(&cx, "column", "My Table", Some("e-mail"), false);
        assert_eq!(
            set(&column, Some("it's\nthe \"main\" one ✓")),
            "COMMENT ON COLUMN \"app\".\"My Table\".\"e-mail\" IS 'it''s\nthe \"main\" one ✓';"
        );
        assert_eq!(
            set(
                &object(&cx, "domain constraint", "email", Some("has_at"), false),
                None
            ),
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
