//! CREATE, CREATE OR REPLACE, ALTER and DROP of views and materialized views.

use super::{Cx, quote_ident, storage_parameters};
use crate::model::View;

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW "s"."v" WITH (...) AS <query> [WITH [NO] DATA];`
/// A view's options (`security_invoker`, `check_option`, ...) are all spelled out: CREATE OR
/// REPLACE sets exactly the ones it names.
pub fn create(cx: &Cx, view: &View, or_replace: bool) -> String {
    let replace = if or_replace { "OR REPLACE " } else { "" };
    let kind = if view.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    let with = if view.options.is_empty() {
        String::new()
    } else {
        format!(
            " WITH ({})",
            storage_parameters(&view.options, "").join(", ")
        )
    };
    let data = match (view.materialized, view.populated) {
        (false, _) => "",
        (true, true) => " WITH DATA",
        (true, false) => " WITH NO DATA",
    };
    let tablespace = super::tables::tablespace_clause(view.tablespace.as_deref());
    format!(
        "CREATE {replace}{kind} {}{with}{tablespace} AS\n{}{data};",
        cx.qualify(&view.name),
        view.definition.trim_start()
    )
}

pub fn drop(cx: &Cx, name: &str, materialized: bool) -> String {
    let kind = if materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    format!("DROP {kind} {};", cx.qualify(name))
}

/// `ALTER VIEW ... ALTER COLUMN ... SET DEFAULT expr` or `DROP DEFAULT`.
pub fn column_default(cx: &Cx, view: &str, column: &str, default: Option<&str>) -> String {
    let action = match default {
        Some(expression) => format!("SET DEFAULT {expression}"),
        None => "DROP DEFAULT".to_owned(),
    };
    format!(
        "ALTER VIEW {} ALTER COLUMN {} {action};",
        cx.qualify(view),
        quote_ident(column)
    )
}

pub fn refresh(cx: &Cx, view: &str) -> String {
    format!("REFRESH MATERIALIZED VIEW {};", cx.qualify(view))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(materialized: bool, populated: bool, options: &[&str]) -> View {
        View {
            owner: String::new(),
            name: "Active users".into(),
            materialized,
            definition: " SELECT users.id\n   FROM users".into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            populated,
            columns: vec![],
            privileges: vec![],
            tablespace: None,
        }
    }

    #[test]
    fn a_view_is_created_with_every_option_spelled_out() {
        let cx = Cx::new("app");
        assert_eq!(
            create(
                &cx,
                &view(
                    false,
                    true,
                    &["security_invoker=true", "check_option=local"]
                ),
                true
            ),
            "CREATE OR REPLACE VIEW \"app\".\"Active users\" WITH (security_invoker='true', check_option='local') AS\nSELECT users.id\n   FROM users;"
        );
    }

    #[test]
    fn a_materialized_view_keeps_whether_it_holds_data() {
        let cx = Cx::new("app");
        assert!(create(&cx, &view(true, false, &[]), false).ends_with("FROM users WITH NO DATA;"));
        assert!(
            create(&cx, &view(true, true, &["fillfactor=70"]), false).starts_with(
                "CREATE MATERIALIZED VIEW \"app\".\"Active users\" WITH (fillfactor='70') AS"
            )
        );
        assert_eq!(
            drop(&cx, "Active users", true),
            "DROP MATERIALIZED VIEW \"app\".\"Active users\";"
        );
    }
}
