//! CREATE and DROP INDEX text.

use super::{Cx, quote_ident};
use crate::error::Error;
use crate::model::Index;

/// `CREATE [UNIQUE] INDEX "i" ON "s"."t" USING method <definition>`: the server's own text after
/// the part that names the schema.
pub fn create(cx: &Cx, index: &Index) -> Result<String, Error> {
    let definition = index
        .definition
        .as_deref()
        .ok_or_else(|| Error::UnreadableDefinition(format!("index \"{}\"", index.name)))?;
    let unique = if index.unique { "UNIQUE " } else { "" };
    Ok(format!(
        "CREATE {unique}INDEX {} ON {} USING {} {definition};",
        quote_ident(&index.name),
        cx.qualify(&index.table),
        quote_ident(&index.method)
    ))
}

pub fn drop(cx: &Cx, name: &str) -> String {
    format!("DROP INDEX {};", cx.qualify(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_names_the_migrated_schema() {
        let index = Index {
            name: "orders_lower_idx".into(),
            table: "orders".into(),
            unique: true,
            method: "btree".into(),
            definition: Some("(lower(note)) INCLUDE (total) WHERE (total > 0)".into()),
            columns: vec!["note".into(), "total".into()],
        };
        assert_eq!(
            create(&Cx::new("app"), &index).unwrap(),
            r#"CREATE UNIQUE INDEX "orders_lower_idx" ON "app"."orders" USING "btree" (lower(note)) INCLUDE (total) WHERE (total > 0);"#
        );
    }

    #[test]
    fn an_unreadable_definition_is_an_error_not_a_guess() {
        let index = Index {
            name: "odd".into(),
            table: "t".into(),
            unique: false,
            method: "btree".into(),
            definition: None,
            columns: vec![],
        };
        assert!(create(&Cx::new("s"), &index).is_err());
    }
}
