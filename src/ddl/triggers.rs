//! CREATE, CREATE OR REPLACE and DROP TRIGGER, and a trigger's enabled state.

use super::{Cx, quote_ident, quote_literal};
use crate::model::{EventTrigger, Firing, Trigger};

/// `or_replace`: PostgreSQL 14 and later replace a trigger in place (not a constraint trigger).
pub fn create(cx: &Cx, trigger: &Trigger, or_replace: bool) -> String {
    let kind = match (or_replace, trigger.constraint) {
        (true, _) => "OR REPLACE TRIGGER",
        (false, true) => "CONSTRAINT TRIGGER",
        (false, false) => "TRIGGER",
    };
    format!(
        "CREATE {kind} {} {} ON {} {};",
        quote_ident(&trigger.name),
        trigger.events.as_deref().unwrap_or_default(),
        cx.qualify(&trigger.table),
        trigger.definition.as_deref().unwrap_or_default()
    )
}

pub fn drop(cx: &Cx, table: &str, name: &str) -> String {
    format!(
        "DROP TRIGGER {} ON {};",
        quote_ident(name),
        cx.qualify(table)
    )
}

/// The words that put a trigger, event trigger or rule in the state `tgenabled`,
/// `evtenabled` or `ev_enabled` says: `O` as made, `D`, `R`, `A`.
pub fn enabled_state(firing: Firing) -> &'static str {
    match firing {
        Firing::Disabled => "DISABLE",
        Firing::Replica => "ENABLE REPLICA",
        Firing::Always => "ENABLE ALWAYS",
        Firing::Origin => "ENABLE",
    }
}

pub fn set_enabled(cx: &Cx, trigger: &Trigger) -> String {
    let state = enabled_state(trigger.enabled);
    format!(
        "ALTER TABLE {} {state} TRIGGER {};",
        cx.qualify(&trigger.table),
        quote_ident(&trigger.name)
    )
}

pub fn create_event_trigger(trigger: &EventTrigger) -> String {
    let when = trigger.tags.as_ref().map_or_else(String::new, |tags| {
        let tags: Vec<String> = tags.iter().map(|t| quote_literal(t)).collect();
        format!(" WHEN TAG IN ({})", tags.join(", "))
    });
    format!(
        "CREATE EVENT TRIGGER {} ON {}{when} EXECUTE FUNCTION {}.{};",
        quote_ident(&trigger.name),
        quote_ident(&trigger.event),
        quote_ident(&trigger.function_schema),
        trigger.function
    )
}

pub fn drop_event_trigger(name: &str) -> String {
    format!("DROP EVENT TRIGGER {};", quote_ident(name))
}

pub fn set_event_trigger_enabled(trigger: &EventTrigger) -> String {
    format!(
        "ALTER EVENT TRIGGER {} {};",
        quote_ident(&trigger.name),
        enabled_state(trigger.enabled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trigger(constraint: bool) -> Trigger {
        Trigger {
            table: "My Table".into(),
            name: "stamp".into(),
            constraint,
            enabled: Firing::Disabled,
            events: Some("BEFORE INSERT OR UPDATE".into()),
            definition: Some("FOR EACH ROW EXECUTE FUNCTION stamp()".into()),
        }
    }

    #[test]
    fn a_trigger_names_its_table_qualified() {
        let cx = Cx::new("app");
        assert_eq!(
            create(&cx, &trigger(false), false),
            r#"CREATE TRIGGER "stamp" BEFORE INSERT OR UPDATE ON "app"."My Table" FOR EACH ROW EXECUTE FUNCTION stamp();"#
        );
        assert!(
            create(&cx, &trigger(false), true)
                .starts_with(r#"CREATE OR REPLACE TRIGGER "stamp" BEFORE"#)
        );
        assert!(
            create(&cx, &trigger(true), false)
                .starts_with(r#"CREATE CONSTRAINT TRIGGER "stamp" BEFORE"#)
        );
        assert_eq!(
            set_enabled(&cx, &trigger(false)),
            r#"ALTER TABLE "app"."My Table" DISABLE TRIGGER "stamp";"#
        );
        assert_eq!(
            drop(&cx, "My Table", "stamp"),
            r#"DROP TRIGGER "stamp" ON "app"."My Table";"#
        );
    }

    #[test]
    fn an_event_trigger_lists_its_tags() {
        let trigger = EventTrigger {
            name: "no drops".into(),
            event: "sql_drop".into(),
            tags: Some(vec!["DROP TABLE".into()]),
            function_schema: "audit".into(),
            function: "refuse()".into(),
            enabled: Firing::Origin,
        };
        assert_eq!(
            create_event_trigger(&trigger),
            r#"CREATE EVENT TRIGGER "no drops" ON "sql_drop" WHEN TAG IN ('DROP TABLE') EXECUTE FUNCTION "audit".refuse();"#
        );
    }
}
