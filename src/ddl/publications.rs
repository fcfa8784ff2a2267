//! CREATE, ALTER and DROP PUBLICATION (whole databases). Tables are named `ONLY`, one each, as
//! `pg_publication_rel` holds them: a table named without ONLY would take its inheritance
//! children along, which the catalog lists (and the plan adds) on their own.

use super::quote_ident;
use crate::ident::qualified;
use crate::model::{GeneratedColumns, Publication, PublicationTable};

/// `ONLY "s"."t" ("a", "b") WHERE (filter)`
fn table(table: &PublicationTable) -> String {
    let mut text = format!("ONLY {}", qualified(&table.schema, &table.name));
    if let Some(columns) = &table.columns {
        let columns: Vec<String> = columns.iter().map(|c| quote_ident(c)).collect();
        text.push_str(&format!(" ({})", columns.join(", ")));
    }
    if let Some(filter) = &table.row_filter {
        text.push_str(&format!(" WHERE ({filter})"));
    }
    text
}

/// `publish = '...'`, and `publish_via_partition_root` and (where known: PostgreSQL 18)
/// `publish_generated_columns` as they are (`always`), or only when not the default.
fn options(publication: &Publication, always: bool) -> String {
    let mut text = format!("publish = {}", super::quote_literal(&publication.publish()));
    if always || publication.via_root {
        text.push_str(&format!(
            ", publish_via_partition_root = {}",
            publication.via_root
        ));
    }
    match publication.generated_columns {
        Some(g) if always || g == GeneratedColumns::Stored => {
            text.push_str(&format!(", publish_generated_columns = {}", g.word()));
        }
        _ => {}
    }
    text
}

pub fn create(publication: &Publication) -> String {
    let mut objects: Vec<String> = publication
        .tables
        .iter()
        .map(|t| format!("TABLE {}", table(t)))
        .collect();
    objects.extend(
        publication
            .schemas
            .iter()
            .map(|s| format!("TABLES IN SCHEMA {}", quote_ident(s))),
    );
    let what = if publication.all_tables {
        " FOR ALL TABLES".to_owned()
    } else if objects.is_empty() {
        String::new()
    } else {
        format!(" FOR {}", objects.join(", "))
    };
    format!(
        "CREATE PUBLICATION {}{what} WITH ({});",
        quote_ident(&publication.name),
        options(publication, false)
    )
}

pub fn drop(name: &str) -> String {
    format!("DROP PUBLICATION {};", quote_ident(name))
}

pub fn set_options(publication: &Publication) -> String {
    format!(
        "ALTER PUBLICATION {} SET ({});",
        quote_ident(&publication.name),
        options(publication, true)
    )
}

pub fn add_table(publication: &str, added: &PublicationTable) -> String {
    format!(
        "ALTER PUBLICATION {} ADD TABLE {};",
        quote_ident(publication),
        table(added)
    )
}

pub fn drop_table(publication: &str, schema: &str, name: &str) -> String {
    format!(
        "ALTER PUBLICATION {} DROP TABLE ONLY {};",
        quote_ident(publication),
        qualified(schema, name)
    )
}

pub fn add_schema(publication: &str, schema: &str) -> String {
    format!(
        "ALTER PUBLICATION {} ADD TABLES IN SCHEMA {};",
        quote_ident(publication),
        quote_ident(schema)
    )
}

pub fn drop_schema(publication: &str, schema: &str) -> String {
    format!(
        "ALTER PUBLICATION {} DROP TABLES IN SCHEMA {};",
        quote_ident(publication),
        quote_ident(schema)
    )
}

/// What COMMENT ON and ALTER ... OWNER TO name.
pub fn object(name: &str) -> String {
    format!("PUBLICATION {}", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publication(name: &str) -> Publication {
        Publication {
            name: name.to_owned(),
            owner: String::new(),
            all_tables: false,
            insert: true,
            update: true,
            delete: false,
            truncate: true,
            via_root: false,
            generated_columns: None,
            tables: Vec::new(),
            schemas: Vec::new(),
            comment: None,
        }
    }

    fn odd_table() -> PublicationTable {
        PublicationTable {
            schema: "Sales \"EU\"".to_owned(),
            name: "Order Lines".to_owned(),
            columns: Some(vec!["Id".to_owned(), "the \"qty\"".to_owned()]),
            row_filter: Some("(\"Id\" > 10)".to_owned()),
        }
    }

    #[test]
    fn names_with_capitals_quotes_and_spaces_are_quoted_everywhere() {
        let mut p = publication("My \"Pub\" 1");
        p.tables = vec![odd_table()];
        p.schemas = vec!["Other Schema".to_owned()];
        assert_eq!(
            create(&p),
            r#"CREATE PUBLICATION "My ""Pub"" 1" FOR TABLE ONLY "Sales ""EU"""."Order Lines" ("Id", "the ""qty""") WHERE (("Id" > 10)), TABLES IN SCHEMA "Other Schema" WITH (publish = 'insert, update, truncate');"#
        );
        assert_eq!(
            add_table("My \"Pub\" 1", &odd_table()),
            r#"ALTER PUBLICATION "My ""Pub"" 1" ADD TABLE ONLY "Sales ""EU"""."Order Lines" ("Id", "the ""qty""") WHERE (("Id" > 10));"#
        );
        assert_eq!(
            drop_table("p", "Sales \"EU\"", "Order Lines"),
            r#"ALTER PUBLICATION "p" DROP TABLE ONLY "Sales ""EU"""."Order Lines";"#
        );
        assert_eq!(
            add_schema("p", "Other Schema"),
            r#"ALTER PUBLICATION "p" ADD TABLES IN SCHEMA "Other Schema";"#
        );
        assert_eq!(
            drop_schema("p", "a\"b"),
            r#"ALTER PUBLICATION "p" DROP TABLES IN SCHEMA "a""b";"#
        );
        assert_eq!(drop("Pub"), r#"DROP PUBLICATION "Pub";"#);
        assert_eq!(object("Pub"), r#"PUBLICATION "Pub""#);
    }

    #[test]
    fn all_tables_empty_and_options() {
        let mut p = publication("all");
        p.all_tables = true;
        p.via_root = true;
        assert_eq!(
            create(&p),
            r#"CREATE PUBLICATION "all" FOR ALL TABLES WITH (publish = 'insert, update, truncate', publish_via_partition_root = true);"#
        );
        let mut empty = publication("none");
        empty.insert = false;
        empty.update = false;
        empty.truncate = false;
        assert_eq!(
            create(&empty),
            r#"CREATE PUBLICATION "none" WITH (publish = '');"#
        );
        assert_eq!(
            set_options(&empty),
            r#"ALTER PUBLICATION "none" SET (publish = '', publish_via_partition_root = false);"#
        );
        // PostgreSQL 18's publish_generated_columns, when known
        empty.generated_columns = Some(GeneratedColumns::NotPublished);
        assert_eq!(
            create(&empty),
            r#"CREATE PUBLICATION "none" WITH (publish = '');"#
        );
        assert_eq!(
            set_options(&empty),
            r#"ALTER PUBLICATION "none" SET (publish = '', publish_via_partition_root = false, publish_generated_columns = none);"#
        );
        empty.generated_columns = Some(GeneratedColumns::Stored);
        assert_eq!(
            create(&empty),
            r#"CREATE PUBLICATION "none" WITH (publish = '', publish_generated_columns = stored);"#
        );
        let mut plain = publication("t");
        plain.tables = vec![PublicationTable {
            schema: "public".to_owned(),
            name: "t".to_owned(),
            columns: None,
            row_filter: None,
        }];
        assert_eq!(
            create(&plain),
            r#"CREATE PUBLICATION "t" FOR TABLE ONLY "public"."t" WITH (publish = 'insert, update, truncate');"#
        );
    }
}
