//! CREATE and DROP INDEX text.

use super::{Cx, quote_ident};
use crate::error::Error;
use crate::model::Index;

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] "i" ON [ONLY] "s"."t" USING method <definition>`:
/// the server's own text after the part that names the schema.
pub fn create(cx: &Cx, index: &Index, concurrently: bool, only: bool) -> Result<String, Error> {
    let definition = index
        .definition
        .as_deref()
        .ok_or_else(|| Error::UnreadableDefinition(format!("index \"{}\"", index.name)))?;
    let unique = if index.unique { "UNIQUE " } else { "" };
    let concurrently = if concurrently { "CONCURRENTLY " } else { "" };
    let only = if only { "ONLY " } else { "" };
    Ok(format!(
        "CREATE {unique}INDEX {concurrently}{} ON {only}{} USING {} {definition};",
        quote_ident(&index.name),
        cx.qualify(&index.table),
        quote_ident(&index.method)
    ))
}

/// `ALTER INDEX "s"."parent_index" ATTACH PARTITION "s"."partition_index"`
pub fn attach(cx: &Cx, index: &str, partition_index: &str) -> String {
    format!(
        "ALTER INDEX {} ATTACH PARTITION {};",
        cx.qualify(index),
        cx.qualify(partition_index)
    )
}

pub fn drop(cx: &Cx, name: &str, concurrently: bool) -> String {
    let concurrently = if concurrently { "CONCURRENTLY " } else { "" };
    format!("DROP INDEX {concurrently}{};", cx.qualify(name))
}

pub fn rename(cx: &Cx, name: &str, new_name: &str) -> String {
    format!(
        "ALTER INDEX {} RENAME TO {};",
        cx.qualify(name),
        quote_ident(new_name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_names_the_migrated_schema() {
        let index = Index {
            attached: false,
            attached_to: None,
            name: "orders_lower_idx".into(),
            table: "orders".into(),
            unique: true,
            valid: true,
            method: "btree".into(),
            definition: Some("(lower(note)) INCLUDE (total) WHERE (total > 0)".into()),
            columns: vec!["note".into(), "total".into()],
        };
        assert_eq!(
            create(&Cx::new("app"), &index, false, false).unwrap(),
            r#"CREATE UNIQUE INDEX "orders_lower_idx" ON "app"."orders" USING "btree" (lower(note)) INCLUDE (total) WHERE (total > 0);"#
        );
        assert!(
            create(&Cx::new("app"), &index, true, false)
                .unwrap()
                .starts_with(
                    r#"CREATE UNIQUE INDEX CONCURRENTLY "orders_lower_idx" ON "app"."orders""#
                )
        );
        assert!(
            create(&Cx::new("app"), &index, false, true)
                .unwrap()
                .starts_with(r#"CREATE UNIQUE INDEX "orders_lower_idx" ON ONLY "app"."orders""#)
        );
        assert_eq!(
            attach(&Cx::new("app"), "orders_lower_idx", "orders_2026_lower_idx"),
            r#"ALTER INDEX "app"."orders_lower_idx" ATTACH PARTITION "app"."orders_2026_lower_idx";"#
        );
        assert_eq!(
            drop(&Cx::new("app"), "orders_lower_idx", true),
            r#"DROP INDEX CONCURRENTLY "app"."orders_lower_idx";"#
        );
    }

    #[test]
    fn an_unreadable_definition_is_an_error_not_a_guess() {
        let index = Index {
            attached: false,
            attached_to: None,
            name: "odd".into(),
            table: "t".into(),
            unique: false,
            valid: true,
            method: "btree".into(),
            definition: None,
            columns: vec![],
        };
        assert!(create(&Cx::new("s"), &index, false, false).is_err());
    }
}
