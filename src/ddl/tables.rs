//! CREATE, ALTER and DROP TABLE text.

use super::{
    Cx, alter_table as alter, columns, generic_options, parameter_change, quote_ident,
    storage_parameters as storage_list,
};
use crate::change::{GenericOption, Parameters};
use crate::model::{ForeignTable, Parent, Persistence, ReplicaIdentity, Table};

/// `CREATE [UNLOGGED] TABLE` with its columns and storage parameters, `PARTITION BY` its key;
/// a partition `PARTITION OF` its parent, its columns the parent's; an inheritance child with
/// its own columns (those it has only from its parents come with `INHERITS`). Constraints and
/// indexes are steps of their own, so that foreign keys can wait for every table they join;
/// where a partition's or child's column differs from its parent's, a step of its own too.
pub fn create(cx: &Cx, table: &Table) -> String {
    let unlogged = if table.persistence == Persistence::Unlogged {
        "UNLOGGED "
    } else {
        ""
    };
    let partition_by = table
        .partition_key
        .as_ref()
        .map(|key| format!(" PARTITION BY {key}"))
        .unwrap_or_default();
    let mut parameters = storage_list(&table.options, "");
    parameters.extend(storage_list(&table.toast_options, "toast."));
    let with = if parameters.is_empty() {
        String::new()
    } else {
        format!(" WITH ({})", parameters.join(", "))
    };
    let using = match table.access_method.as_deref() {
        Some(method) if method != "heap" => format!(" USING {}", quote_ident(method)),
        _ => String::new(),
    };
    let tablespace = tablespace_clause(table.tablespace.as_deref());
    if let Some(foreign) = &table.foreign {
        return create_foreign(cx, table, foreign);
    }
    if let Some(partition_of) = &table.partition_of {
        // a NOT NULL of another name than the parent's (the diff keeps only those)
        let named: Vec<String> = table
            .columns
            .iter()
            .filter_map(|c| {
                let name = c.not_null_name.as_deref().filter(|_| c.not_null)?;
                let (column, name) = (quote_ident(&c.name), quote_ident(name));
                Some(format!("{column} CONSTRAINT {name} NOT NULL"))
            })
            .collect();
        let named = match named.is_empty() {
            true => String::new(),
            false => format!("({}) ", named.join(", ")),
        };
        return format!(
            "CREATE {unlogged}TABLE {} PARTITION OF {} {named}{}{partition_by}{using}{with}{tablespace};",
            cx.qualify(&table.name),
            parent_name(cx, &partition_of.parent()),
            partition_of.bound
        );
    }
    let mut columns: Vec<_> = table
        .columns
        .iter()
        .filter(|c| c.local || table.inherits.is_empty())
        .collect();
    columns.sort_by_key(|c| c.position);
    let inherits = if table.inherits.is_empty() {
        String::new()
    } else {
        let parents: Vec<String> = table.inherits.iter().map(|p| parent_name(cx, p)).collect();
        format!(" INHERITS ({})", parents.join(", "))
    };
    let body = if columns.is_empty() {
        "()".to_owned()
    } else {
        let lines: Vec<String> = columns
            .iter()
            .map(|c| format!("    {}", columns::definition(cx, &table.name, c)))
            .collect();
        format!("(\n{}\n)", lines.join(",\n"))
    };
    format!(
        "CREATE {unlogged}TABLE {} {body}{inherits}{partition_by}{using}{with}{tablespace};",
        cx.qualify(&table.name)
    )
}

/// ` TABLESPACE "t"`, or nothing for the database's default.
pub fn tablespace_clause(tablespace: Option<&str>) -> String {
    tablespace
        .map(|t| format!(" TABLESPACE {}", quote_ident(t)))
        .unwrap_or_default()
}

/// `ALTER TABLE | INDEX | MATERIALIZED VIEW ... SET TABLESPACE t`: the database's default is
/// named `pg_default`, which it is unless the database was created with another.
pub fn set_tablespace(cx: &Cx, kind: &str, name: &str, tablespace: Option<&str>) -> String {
    format!(
        "ALTER {kind} {} SET TABLESPACE {};",
        cx.qualify(name),
        quote_ident(tablespace.unwrap_or("pg_default"))
    )
}

/// `CREATE FOREIGN TABLE ... (columns with their OPTIONS) SERVER s OPTIONS (...)`; a foreign
/// table in a tree never comes here (the diff refuses it, `diff::tables::refuse_foreign_changes`).
fn create_foreign(cx: &Cx, table: &Table, foreign: &ForeignTable) -> String {
    let mut columns: Vec<_> = table.columns.iter().collect();
    columns.sort_by_key(|c| c.position);
    let lines: Vec<String> = columns
        .iter()
        .map(|c| format!("    {}", columns::definition(cx, &table.name, c)))
        .collect();
    let body = if lines.is_empty() {
        "()".to_owned()
    } else {
        format!("(\n{}\n)", lines.join(",\n"))
    };
    format!(
        "CREATE FOREIGN TABLE {} {body} SERVER {}{};",
        cx.qualify(&table.name),
        quote_ident(&foreign.server),
        generic_options(&foreign.options)
    )
}

/// `ALTER FOREIGN TABLE t [ALTER COLUMN c] OPTIONS (ADD n 'v', SET n 'v', DROP n)`.
pub fn foreign_options(
    cx: &Cx,
    table: &str,
    column: Option<&str>,
    changes: &[GenericOption],
) -> String {
    let column = column
        .map(|c| format!(" ALTER COLUMN {}", quote_ident(c)))
        .unwrap_or_default();
    format!(
        "ALTER FOREIGN TABLE {}{column} {};",
        cx.qualify(table),
        super::option_changes(changes)
    )
}

/// A parent's name: in the plan's schema, or qualified by its own.
fn parent_name(cx: &Cx, parent: &Parent) -> String {
    match &parent.schema {
        Some(schema) => crate::ident::qualified(schema, &parent.table),
        None => cx.qualify(&parent.table),
    }
}

/// `ALTER TABLE parent ATTACH PARTITION table FOR VALUES ...`
pub fn attach_partition(cx: &Cx, table: &str, parent: &Parent, bound: &str) -> String {
    format!(
        "ALTER TABLE {} ATTACH PARTITION {} {bound};",
        parent_name(cx, parent),
        cx.qualify(table)
    )
}

/// `ALTER TABLE parent DETACH PARTITION table`
pub fn detach_partition(cx: &Cx, table: &str, parent: &Parent) -> String {
    format!(
        "ALTER TABLE {} DETACH PARTITION {};",
        parent_name(cx, parent),
        cx.qualify(table)
    )
}

/// `INHERIT parent`, or `NO INHERIT parent`.
pub fn inherit(cx: &Cx, table: &str, parent: &Parent, inherit: bool) -> String {
    let no = if inherit { "" } else { "NO " };
    alter(
        cx,
        table,
        &format!("{no}INHERIT {}", parent_name(cx, parent)),
    )
}

pub fn drop(cx: &Cx, table: &str, foreign: bool) -> String {
    let foreign = if foreign { "FOREIGN " } else { "" };
    format!("DROP {foreign}TABLE {};", cx.qualify(table))
}

pub fn set_persistence(cx: &Cx, table: &str, persistence: Persistence) -> String {
    let word = match persistence {
        Persistence::Logged => "LOGGED",
        Persistence::Unlogged => "UNLOGGED",
    };
    format!("ALTER TABLE {} SET {word};", cx.qualify(table))
}

/// `ALTER TABLE ... SET (...)` for the parameters that are new or changed, `RESET (...)` for
/// those that are gone.
pub fn storage_parameters(cx: &Cx, table: &str, parameters: &Parameters, prefix: &str) -> String {
    alter(cx, table, &parameter_change(parameters, prefix))
}

/// `REPLICA IDENTITY ...`
pub fn replica_identity(
    cx: &Cx,
    table: &str,
    identity: ReplicaIdentity,
    index: Option<&str>,
) -> String {
    let identity = match (identity, index) {
        (ReplicaIdentity::Nothing, _) => "NOTHING".to_owned(),
        (ReplicaIdentity::Full, _) => "FULL".to_owned(),
        (ReplicaIdentity::Index, Some(index)) => format!("USING INDEX {}", quote_ident(index)),
        // an index the catalog names is always read with it
        (ReplicaIdentity::Index, None) | (ReplicaIdentity::Default, _) => "DEFAULT".to_owned(),
    };
    alter(cx, table, &format!("REPLICA IDENTITY {identity}"))
}

/// `CLUSTER ON "index"`, or `SET WITHOUT CLUSTER`.
pub fn cluster_on(cx: &Cx, table: &str, index: Option<&str>) -> String {
    match index {
        Some(index) => alter(cx, table, &format!("CLUSTER ON {}", quote_ident(index))),
        None => alter(cx, table, "SET WITHOUT CLUSTER"),
    }
}

/// `OF type`, or `NOT OF`.
pub fn of_type(cx: &Cx, table: &str, of_type: Option<&str>) -> String {
    match of_type {
        Some(of_type) => alter(cx, table, &format!("OF {of_type}")),
        None => alter(cx, table, "NOT OF"),
    }
}

/// `SET ACCESS METHOD "method"`: the table is written out again.
pub fn set_access_method(cx: &Cx, table: &str, method: &str) -> String {
    alter(
        cx,
        table,
        &format!("SET ACCESS METHOD {}", quote_ident(method)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    fn column(name: &str, position: i32, data_type: &str) -> Column {
        Column {
            local: true,
            inherited: false,
            name: name.into(),
            position,
            data_type: data_type.into(),
            collation: None,
            not_null: false,
            not_null_name: None,
            default: None,
            default_volatile: false,
            generated: None,
            generated_virtual: false,
            generated_uses: vec![],
            identity: None,
            storage: crate::model::Storage::Plain,
            type_storage: crate::model::Storage::Plain,
            statistics: None,
            compression: None,
            privileges: vec![],
            fdw_options: vec![],
        }
    }

    /// A logged table with no columns, options or grants.
    fn table(name: &str) -> Table {
        Table {
            partition_key: None,
            partition_of: None,
            inherits: Vec::new(),
            owner: String::new(),
            name: name.into(),
            persistence: Persistence::Logged,
            options: vec![],
            toast_options: vec![],
            columns: vec![],
            privileges: vec![],
            row_security: false,
            force_row_security: false,
            replica_identity: ReplicaIdentity::Default,
            replica_identity_index: None,
            clustered_on: None,
            access_method: None,
            tablespace: None,
            of_type: None,
            foreign: None,
        }
    }

    #[test]
    fn create_lists_columns_in_position_order_with_parameters() {
        let table = Table {
            persistence: Persistence::Unlogged,
            options: vec!["fillfactor=70".into()],
            toast_options: vec!["autovacuum_enabled=false".into()],
            columns: vec![column("b", 2, "text"), column("select", 1, "integer")],
            ..table("My Table")
        };
        assert_eq!(
            create(&Cx::new("public"), &table),
            "CREATE UNLOGGED TABLE \"public\".\"My Table\" (\n    \"select\" integer,\n    \"b\" text\n) \
             WITH (fillfactor='70', toast.autovacuum_enabled='false');"
        );
    }

    #[test]
    fn a_table_may_have_no_columns() {
        assert_eq!(
            create(&Cx::new("s"), &table("empty")),
            r#"CREATE TABLE "s"."empty" ();"#
        );
    }

    #[test]
    fn reset_names_only_the_parameters() {
        let options = vec!["fillfactor=70".to_owned()];
        assert_eq!(
            storage_parameters(&Cx::new("s"), "t", &Parameters::Reset(options), "toast."),
            r#"ALTER TABLE "s"."t" RESET (toast.fillfactor);"#
        );
    }

    #[test]
    fn a_foreign_table_has_its_server_and_options_and_its_columns_theirs() {
        let table = Table {
            columns: vec![
                Column {
                    fdw_options: vec!["column_name=remote id".into()],
                    not_null: true,
                    ..column("id", 1, "integer")
                },
                column("note", 2, "text"),
            ],
            foreign: Some(ForeignTable {
                server: "Loop".into(),
                options: vec!["schema_name=public".into(), "table_name=it's".into()],
            }),
            ..table("remote")
        };
        assert_eq!(
            create(&Cx::new("s"), &table),
            "CREATE FOREIGN TABLE \"s\".\"remote\" (\n    \"id\" integer OPTIONS (column_name 'remote id') NOT NULL,\n    \
             \"note\" text\n) SERVER \"Loop\" OPTIONS (schema_name 'public', table_name 'it''s');"
        );
        assert_eq!(
            drop(&Cx::new("s"), "remote", true),
            r#"DROP FOREIGN TABLE "s"."remote";"#
        );
    }

    #[test]
    fn foreign_options_are_added_set_and_dropped_in_one_statement() {
        let changes = [
            GenericOption::Set("table_name=t2".into()),
            GenericOption::Drop("Odd Name".into()),
            GenericOption::Add("schema_name=app".into()),
        ];
        assert_eq!(
            foreign_options(&Cx::new("s"), "f", None, &changes),
            r#"ALTER FOREIGN TABLE "s"."f" OPTIONS (SET table_name 't2', DROP "Odd Name", ADD schema_name 'app');"#
        );
        assert_eq!(
            foreign_options(&Cx::new("s"), "f", Some("a"), &changes[1..2]),
            r#"ALTER FOREIGN TABLE "s"."f" ALTER COLUMN "a" OPTIONS (DROP "Odd Name");"#
        );
    }
}
