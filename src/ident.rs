//! Identifiers and literals as SQL text: the quoting every stage uses (DDL, the rows' identity
//! column, messages). Imports nothing of the crate.

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

/// `"schema"."name"`: a relation in a statement, or as `to_regclass` reads it.
pub fn qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

/// `schema.name`, each quoted only where it needs to be: a relation in a row or a message.
pub fn display_qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", display_ident(schema), display_ident(name))
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
    fn display_quotes_only_where_a_name_needs_it() {
        assert_eq!(display_ident("accounts"), "accounts");
        assert_eq!(display_ident("My Table"), r#""My Table""#);
        assert_eq!(display_ident("select"), r#""select""#);
        assert_eq!(display_ident("naïve"), r#""naïve""#);
    }
}
