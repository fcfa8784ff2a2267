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

/// `"name"`, with embedded double quotes doubled. Always quotes: `"select"`, `"My Table"`.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A string literal: `'it''s'`, or `E'...'` when a backslash must survive any setting of
/// standard_conforming_strings.
pub fn quote_literal(value: &str) -> String {
    let quoted = value.replace('\'', "''");
    if value.contains('\\') {
        format!("E'{}'", quoted.replace('\\', "\\\\"))
    } else {
        format!("'{quoted}'")
    }
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

/// Quotes like PostgreSQL's `quote_ident`: only names that are not plain lower-case words, or that
/// are keywords the grammar would not take as a name. For display, not for DDL.
pub fn display_ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain && !NON_UNRESERVED_KEYWORDS.contains(&name) {
        name.to_owned()
    } else {
        quote_ident(name)
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

/// Keywords of PostgreSQL 15 that `quote_ident` quotes: reserved, type/function-name and
/// column-name keywords (`src/include/parser/kwlist.h`).
const NON_UNRESERVED_KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_always_quoted_and_inner_quotes_doubled() {
        assert_eq!(quote_ident("accounts"), r#""accounts""#);
        assert_eq!(quote_ident("My Table"), r#""My Table""#);
        assert_eq!(quote_ident(r#"say "hi""#), r#""say ""hi""""#);
        assert_eq!(quote_ident("select"), r#""select""#);
        assert_eq!(quote_ident("naïve"), r#""naïve""#);
    }

    #[test]
    fn literals_double_quotes_and_keep_backslashes() {
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(
            quote_literal("'; DROP TABLE x; --"),
            "'''; DROP TABLE x; --'"
        );
        assert_eq!(quote_literal(r"a\b"), r"E'a\\b'");
    }

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
