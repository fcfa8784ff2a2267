//! CREATE, ALTER and DROP EXTENSION text.

use super::{quote_ident, quote_literal};
use crate::model::Extension;

/// `IF NOT EXISTS`, as migra writes it: harmless where the extension came another way.
pub fn create(extension: &Extension, version: Option<&str>) -> String {
    let version = version
        .map(|v| format!(" VERSION {}", quote_literal(v)))
        .unwrap_or_default();
    format!(
        "CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {}{version};",
        quote_ident(&extension.name),
        quote_ident(&extension.schema)
    )
}

pub fn update(name: &str, version: &str) -> String {
    format!(
        "ALTER EXTENSION {} UPDATE TO {};",
        quote_ident(name),
        quote_literal(version)
    )
}

pub fn set_schema(name: &str, schema: &str) -> String {
    format!(
        "ALTER EXTENSION {} SET SCHEMA {};",
        quote_ident(name),
        quote_ident(schema)
    )
}

/// `EXTENSION "name"`, as COMMENT ON names it.
pub fn object(name: &str) -> String {
    format!("EXTENSION {}", quote_ident(name))
}

pub fn drop(name: &str) -> String {
    format!("DROP EXTENSION {};", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_names_schema_and_version() {
        let e = Extension {
            name: "pg_trgm".into(),
            schema: "public".into(),
            version: "1.6".into(),
            comment: None,
        };
        assert_eq!(
            create(&e, Some("1.6")),
            r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "public" VERSION '1.6';"#
        );
        assert_eq!(
            create(&e, None),
            r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "public";"#
        );
    }
}
