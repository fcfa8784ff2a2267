//! Column definitions and the ALTER COLUMN actions.

use super::{Cx, quote_ident, sequences};
use crate::change::Conversion;
use crate::model::{Column, Identity, Storage};

/// `"name" type [COLLATE c] [GENERATED ...] [DEFAULT e] [NOT NULL]`, as in CREATE TABLE and
/// ADD COLUMN.
/// `table`: the table's name, whose NOT NULL of another name than PostgreSQL 18 would give it is
/// written `CONSTRAINT "name" NOT NULL` (earlier versions take the syntax and keep no name).
pub fn definition(cx: &Cx, table: &str, column: &Column) -> String {
    let mut text = format!("{} {}", quote_ident(&column.name), column.data_type);
    if let Some(method) = &column.compression {
        text.push_str(&format!(" COMPRESSION {}", super::option_name(method)));
    }
    // a foreign table's column: OPTIONS stands before COLLATE and the constraints
    text.push_str(&super::generic_options(&column.fdw_options));
    if let Some(collation) = &column.collation {
        text.push_str(&format!(" COLLATE {collation}"));
    }
    if let Some(expression) = &column.generated {
        let kind = if column.generated_virtual {
            "VIRTUAL"
        } else {
            "STORED"
        };
        text.push_str(&format!(" GENERATED ALWAYS AS ({expression}) {kind}"));
    }
    if let Some(identity) = &column.identity {
        text.push(' ');
        text.push_str(&identity_clause(cx, identity));
    }
    if let Some(default) = &column.default {
        text.push_str(&format!(" DEFAULT {default}"));
    }
    if let Some(name) = column.own_not_null_name(table) {
        text.push_str(&format!(" CONSTRAINT {}", quote_ident(name)));
    }
    if column.not_null {
        text.push_str(" NOT NULL");
    }
    text
}

/// `GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME ... START WITH ...)`: every option spelled out,
/// so that the sequence is the target's whatever the defaults.
pub fn identity_clause(cx: &Cx, identity: &Identity) -> String {
    format!(
        "GENERATED {} AS IDENTITY (SEQUENCE NAME {} {})",
        identity.generation.sql(),
        cx.qualify(&identity.sequence.name),
        sequences::options_text(&identity.sequence, false)
    )
}

pub fn add(cx: &Cx, table: &str, column: &Column) -> String {
    super::alter_table(
        cx,
        table,
        &format!("ADD COLUMN {}", definition(cx, table, column)),
    )
}

pub fn drop(cx: &Cx, table: &str, column: &str, only: bool) -> String {
    let drop = format!("DROP COLUMN {}", quote_ident(column));
    if only {
        format!("ALTER TABLE ONLY {} {drop};", cx.qualify(table))
    } else {
        super::alter_table(cx, table, &drop)
    }
}

/// `ALTER COLUMN ... TYPE t [COLLATE c] [USING ...]`, to `column`'s type and collation.
pub fn set_type(cx: &Cx, table: &str, column: &Column, conversion: &Conversion) -> String {
    let collate = column
        .collation
        .as_deref()
        .map(|c| format!(" COLLATE {c}"))
        .unwrap_or_default();
    let using = match conversion {
        Conversion::Assignment => String::new(),
        conversion => format!(
            " USING {}",
            converted(&column.name, &column.data_type, conversion)
        ),
    };
    let action = format!("TYPE {}{collate}{using}", column.data_type);
    super::alter_column(cx, table, &column.name, &action)
}

/// The USING expression that moves the value of column `name` to `data_type`.
fn converted(name: &str, data_type: &str, conversion: &Conversion) -> String {
    let value = quote_ident(name);
    match conversion {
        Conversion::Assignment | Conversion::ExplicitCast => format!("{value}::{data_type}"),
        Conversion::ThroughText => format!("{value}::text::{data_type}"),
        Conversion::Given(expression) => expression.clone(),
        Conversion::FieldByField(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|(field, kept)| match kept {
                    true => format!(
                        "({value}).{}::text::{}",
                        quote_ident(&field.name),
                        field.data_type
                    ),
                    false => format!("NULL::{}", field.data_type),
                })
                .collect();
            format!(
                "CASE WHEN {value} IS NULL THEN NULL ELSE ROW({})::{data_type} END",
                fields.join(", ")
            )
        }
    }
}

/// `SET COMPRESSION method`, or `default` for the server's.
pub fn set_compression(cx: &Cx, table: &str, column: &str, method: Option<&str>) -> String {
    let method = method.map_or_else(|| "default".to_owned(), super::option_name);
    super::alter_column(cx, table, column, &format!("SET COMPRESSION {method}"))
}

/// `ALTER COLUMN ... DROP DEFAULT`
pub fn drop_default(cx: &Cx, table: &str, column: &str) -> String {
    super::alter_column(cx, table, column, "DROP DEFAULT")
}

/// `ALTER COLUMN ... DROP IDENTITY`
pub fn drop_identity(cx: &Cx, table: &str, column: &str) -> String {
    super::alter_column(cx, table, column, "DROP IDENTITY")
}

/// `ALTER COLUMN ... DROP EXPRESSION`: a generated column becomes a plain one, keeping values.
pub fn drop_expression(cx: &Cx, table: &str, column: &str) -> String {
    super::alter_column(cx, table, column, "DROP EXPRESSION")
}

/// `ALTER COLUMN ... SET NOT NULL` or `DROP NOT NULL`
pub fn set_not_null(cx: &Cx, table: &str, column: &str, not_null: bool) -> String {
    let action = if not_null {
        "SET NOT NULL"
    } else {
        "DROP NOT NULL"
    };
    super::alter_column(cx, table, column, action)
}

pub fn set_default(cx: &Cx, table: &str, column: &str, expression: &str) -> String {
    super::alter_column(cx, table, column, &format!("SET DEFAULT {expression}"))
}

pub fn storage_word(storage: Storage) -> &'static str {
    match storage {
        Storage::Plain => "PLAIN",
        Storage::External => "EXTERNAL",
        Storage::Main => "MAIN",
        Storage::Extended => "EXTENDED",
    }
}

pub fn set_storage(cx: &Cx, table: &str, column: &str, storage: Storage) -> String {
    super::alter_column(
        cx,
        table,
        column,
        &format!("SET STORAGE {}", storage_word(storage)),
    )
}

/// `SET STATISTICS n`, or `-1` for the default target.
pub fn set_statistics(cx: &Cx, table: &str, column: &str, target: Option<i32>) -> String {
    super::alter_column(
        cx,
        table,
        column,
        &format!("SET STATISTICS {}", target.unwrap_or(-1)),
    )
}

pub fn add_identity(cx: &Cx, table: &str, column: &str, identity: &Identity) -> String {
    super::alter_column(
        cx,
        table,
        column,
        &format!("ADD {}", identity_clause(cx, identity)),
    )
}

/// `SET GENERATED ...` and `SET <option>` for what differs between two identities, and
/// `RESTART` when the start is outside the new bounds.
pub fn alter_identity(
    cx: &Cx,
    table: &str,
    column: &str,
    from: &Identity,
    to: &Identity,
) -> String {
    let mut actions = Vec::new();
    if from.generation != to.generation {
        actions.push(format!("SET GENERATED {}", to.generation.sql()));
    }
    actions.extend(
        sequences::changed_options(&from.sequence, &to.sequence, false)
            .into_iter()
            .map(|o| format!("SET {o}")),
    );
    if from.sequence.start_outside_bounds_of(&to.sequence) {
        actions.push(format!("RESTART WITH {}", to.sequence.start));
    }
    super::alter_column(cx, table, column, &actions.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Generation, Persistence, SequenceOptions};

    fn column() -> Column {
        Column {
            local: true,
            inherited: false,
            name: "Total Due".into(),
            position: 1,
            data_type: "numeric(10,2)".into(),
            collation: None,
            not_null: true,
            not_null_name: None,
            default: Some("0".into()),
            default_volatile: false,
            generated: None,
            generated_virtual: false,
            generated_uses: vec![],
            identity: None,
            storage: Storage::Main,
            type_storage: Storage::Main,
            statistics: None,
            compression: None,
            privileges: vec![],
            fdw_options: vec![],
        }
    }

    #[test]
    fn definition_has_type_default_and_not_null() {
        assert_eq!(
            definition(&Cx::new("s"), "t", &column()),
            r#""Total Due" numeric(10,2) DEFAULT 0 NOT NULL"#
        );
    }

    #[test]
    fn type_change_casts_the_column_explicitly() {
        let mut c = column();
        c.data_type = "text".into();
        c.collation = Some(r#""C""#.into());
        assert_eq!(
            set_type(&Cx::new("s"), "t", &c, &Conversion::ExplicitCast),
            r#"ALTER TABLE "s"."t" ALTER COLUMN "Total Due" TYPE text COLLATE "C" USING "Total Due"::text;"#
        );
        c.data_type = "character varying(15)".into();
        c.collation = None;
        assert_eq!(
            set_type(&Cx::new("s"), "t", &c, &Conversion::Assignment),
            r#"ALTER TABLE "s"."t" ALTER COLUMN "Total Due" TYPE character varying(15);"#
        );
    }

    #[test]
    fn identity_names_its_sequence_and_every_option() {
        let identity = Identity {
            generation: Generation::Always,
            sequence: SequenceOptions {
                name: "t_id_seq".into(),
                data_type: "bigint".into(),
                start: 10,
                increment: 5,
                min: 1,
                max: 9223372036854775807,
                cache: 1,
                cycle: false,
                persistence: Persistence::Logged,
                privileges: vec![],
            },
        };
        assert_eq!(
            identity_clause(&Cx::new("s"), &identity),
            r#"GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "s"."t_id_seq" START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1 NO CYCLE)"#
        );
    }
}
