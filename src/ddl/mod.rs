//! DDL text: one module per object kind, and the quoting every one of them uses.
//!
//! Plain Rust, no backend: identifiers are always quoted here, so no keyword list can go stale.

pub mod collations;
pub mod columns;
pub mod comments;
pub mod constraints;
pub mod extensions;
pub mod indexes;
pub mod policies;
pub mod privileges;
pub mod routines;
pub mod rules;
pub mod schemas;
pub mod sequences;
pub mod statistics;
pub mod tables;
pub mod triggers;
pub mod types;
pub mod views;

pub use crate::ident::{display_ident, quote_ident, quote_literal};

/// `ALTER TABLE "s"."t" <action>`
pub fn alter_table(cx: &Cx, table: &str, action: &str) -> String {
    format!("ALTER TABLE {} {action};", cx.qualify(table))
}

/// `ALTER TABLE "s"."t" ALTER COLUMN "c" <action>`
pub fn alter_column(cx: &Cx, table: &str, column: &str, action: &str) -> String {
    alter_table(
        cx,
        table,
        &format!("ALTER COLUMN {} {action}", quote_ident(column)),
    )
}

/// Names the schema being migrated in every statement.
#[derive(Debug, Clone)]
pub struct Cx {
    /// The schema the statements apply to: the diff's source.
    pub schema: String,
}

impl Cx {
    pub fn new(schema: &str) -> Self {
        Cx {
            schema: schema.to_owned(),
        }
    }

    /// `"schema"."name"`
    pub fn qualify(&self, name: &str) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(name))
    }

    /// `schema.name[.part]` for the `identity` column: quoted only where the name needs it, as
    /// `regclass` output does.
    pub fn identity(&self, parts: &[&str]) -> String {
        std::iter::once(self.schema.as_str())
            .chain(parts.iter().copied())
            .map(display_ident)
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// Storage parameters: `fillfactor=70` → `fillfactor='70'`, with `prefix` for `toast.`.
pub fn storage_parameters(options: &[String], prefix: &str) -> Vec<String> {
    options
        .iter()
        .map(|option| {
            let (name, value) = split_option(option);
            format!("{prefix}{}={}", option_name(name), quote_literal(value))
        })
        .collect()
}

/// `name=value` as PostgreSQL stores a reloption.
pub fn split_option(option: &str) -> (&str, &str) {
    option.split_once('=').unwrap_or((option, ""))
}

/// Option names are plain words; quote anything else rather than trust it.
pub fn option_name(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        name.to_owned()
    } else {
        quote_ident(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_quotes_only_where_needed() {
        let cx = Cx::new("public");
        assert_eq!(cx.identity(&["accounts", "email"]), "public.accounts.email");
        assert_eq!(
            cx.identity(&["My Table", "select"]),
            r#"public."My Table"."select""#
        );
        assert_eq!(Cx::new("Sales").identity(&["t1"]), r#""Sales".t1"#);
        assert_eq!(cx.identity(&["naïve"]), r#"public."naïve""#);
    }

    #[test]
    fn qualified_names_quote_both_parts() {
        assert_eq!(Cx::new("my schema").qualify("t"), r#""my schema"."t""#);
    }

    #[test]
    fn storage_parameters_quote_values() {
        let options = vec![
            "fillfactor=70".to_owned(),
            "autovacuum_enabled=false".to_owned(),
        ];
        assert_eq!(
            storage_parameters(&options, "toast."),
            vec!["toast.fillfactor='70'", "toast.autovacuum_enabled='false'"]
        );
    }
}
