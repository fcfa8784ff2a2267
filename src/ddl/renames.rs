//! The renames a caller asks for: `ALTER ... RENAME`, which keeps the object, its data and
//! everything that refers to it.

use super::{Cx, quote_ident, quote_literal};
use crate::change::Renamed;

pub fn rename(cx: &Cx, renamed: &Renamed) -> String {
    match renamed {
        Renamed::Table { name, new_name } => format!(
            "ALTER TABLE {} RENAME TO {};",
            cx.qualify(name),
            quote_ident(new_name)
        ),
        Renamed::Column {
            table,
            name,
            new_name,
        } => format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {};",
            cx.qualify(table),
            quote_ident(name),
            quote_ident(new_name)
        ),
        Renamed::Constraint {
            table,
            name,
            new_name,
        } => format!(
            "ALTER TABLE {} RENAME CONSTRAINT {} TO {};",
            cx.qualify(table),
            quote_ident(name),
            quote_ident(new_name)
        ),
        Renamed::Sequence { name, new_name } => format!(
            "ALTER SEQUENCE {} RENAME TO {};",
            cx.qualify(name),
            quote_ident(new_name)
        ),
        Renamed::View {
            name,
            new_name,
            materialized,
        } => format!(
            "ALTER {}VIEW {} RENAME TO {};",
            if *materialized { "MATERIALIZED " } else { "" },
            cx.qualify(name),
            quote_ident(new_name)
        ),
        Renamed::Type {
            name,
            new_name,
            domain,
        } => format!(
            "ALTER {} {} RENAME TO {};",
            if *domain { "DOMAIN" } else { "TYPE" },
            cx.qualify(name),
            quote_ident(new_name)
        ),
        Renamed::EnumValue {
            type_name,
            value,
            new_value,
        } => format!(
            "ALTER TYPE {} RENAME VALUE {} TO {};",
            cx.qualify(type_name),
            quote_literal(value),
            quote_literal(new_value)
        ),
        Renamed::Schema { name, new_name } => format!(
            "ALTER SCHEMA {} RENAME TO {};",
            quote_ident(name),
            quote_ident(new_name)
        ),
        Renamed::Routine {
            signature,
            new_name,
            aggregate,
        } => format!(
            "ALTER {} {}.{signature} RENAME TO {};",
            if *aggregate { "AGGREGATE" } else { "ROUTINE" },
            quote_ident(&cx.schema),
            quote_ident(new_name)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_quoted() {
        let cx = Cx::new("App");
        assert_eq!(
            rename(
                &cx,
                &Renamed::Column {
                    table: "order lines".into(),
                    name: "qty".into(),
                    new_name: "Quantity".into(),
                }
            ),
            r#"ALTER TABLE "App"."order lines" RENAME COLUMN "qty" TO "Quantity";"#
        );
        assert_eq!(
            rename(
                &cx,
                &Renamed::EnumValue {
                    type_name: "mood".into(),
                    value: "it's".into(),
                    new_value: "ok".into(),
                }
            ),
            r#"ALTER TYPE "App"."mood" RENAME VALUE 'it''s' TO 'ok';"#
        );
    }
}
