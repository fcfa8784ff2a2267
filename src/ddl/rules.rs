//! CREATE OR REPLACE and DROP RULE, and a rule's enabled state.

use super::{Cx, quote_ident};
use crate::model::Rule;

pub fn create(cx: &Cx, rule: &Rule, or_replace: bool) -> String {
    let replace = if or_replace { "OR REPLACE " } else { "" };
    format!(
        "CREATE {replace}RULE {} AS ON {} TO {}{};",
        quote_ident(&rule.name),
        rule.event,
        cx.qualify(&rule.table),
        rule.definition.as_deref().unwrap_or_default()
    )
}

pub fn drop(cx: &Cx, table: &str, name: &str) -> String {
    format!("DROP RULE {} ON {};", quote_ident(name), cx.qualify(table))
}

pub fn set_enabled(cx: &Cx, rule: &Rule) -> String {
    let state = super::triggers::enabled_state(rule.enabled);
    format!(
        "ALTER TABLE {} {state} RULE {};",
        cx.qualify(&rule.table),
        quote_ident(&rule.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_names_its_table_qualified() {
        let rule = Rule {
            table: "t".into(),
            name: "No Delete".into(),
            enabled: crate::model::Firing::Disabled,
            event: "DELETE".into(),
            definition: Some(" DO INSTEAD NOTHING".into()),
        };
        assert_eq!(
            create(&Cx::new("s"), &rule, true),
            r#"CREATE OR REPLACE RULE "No Delete" AS ON DELETE TO "s"."t" DO INSTEAD NOTHING;"#
        );
        assert_eq!(
            set_enabled(&Cx::new("s"), &rule),
            r#"ALTER TABLE "s"."t" DISABLE RULE "No Delete";"#
        );
    }
}
