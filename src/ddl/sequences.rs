//! CREATE, ALTER and DROP SEQUENCE text, and the option lists identity columns share.

use super::Cx;
use crate::model::{OwnedBy, Persistence, SequenceOptions};

/// Every option, so that the result never depends on defaults. `AS type` is left out for
/// identity sequences, whose type is the column's.
pub fn options_text(options: &SequenceOptions, with_type: bool) -> String {
    let mut parts = Vec::new();
    if with_type {
        parts.push(format!("AS {}", options.data_type));
    }
    parts.push(format!("START WITH {}", options.start));
    parts.push(format!("INCREMENT BY {}", options.increment));
    parts.push(format!("MINVALUE {}", options.min));
    parts.push(format!("MAXVALUE {}", options.max));
    parts.push(format!("CACHE {}", options.cache));
    parts.push(cycle(options.cycle).to_owned());
    parts.join(" ")
}

fn cycle(on: bool) -> &'static str {
    if on { "CYCLE" } else { "NO CYCLE" }
}

/// The options that differ, each as it is written in ALTER SEQUENCE. A new type comes with its
/// bounds, since `AS` alone moves bounds that were the old type's limits.
pub fn changed_options(
    from: &SequenceOptions,
    to: &SequenceOptions,
    with_type: bool,
) -> Vec<String> {
    let type_changes = with_type && from.data_type != to.data_type;
    let mut parts = Vec::new();
    if type_changes {
        parts.push(format!("AS {}", to.data_type));
    }
    if from.start != to.start {
        parts.push(format!("START WITH {}", to.start));
    }
    if from.increment != to.increment {
        parts.push(format!("INCREMENT BY {}", to.increment));
    }
    if from.min != to.min || type_changes {
        parts.push(format!("MINVALUE {}", to.min));
    }
    if from.max != to.max || type_changes {
        parts.push(format!("MAXVALUE {}", to.max));
    }
    if from.cache != to.cache {
        parts.push(format!("CACHE {}", to.cache));
    }
    if from.cycle != to.cycle {
        parts.push(cycle(to.cycle).to_owned());
    }
    parts
}

pub fn create(cx: &Cx, options: &SequenceOptions) -> String {
    let unlogged = if options.persistence == Persistence::Unlogged {
        "UNLOGGED "
    } else {
        ""
    };
    format!(
        "CREATE {unlogged}SEQUENCE {} {};",
        cx.qualify(&options.name),
        options_text(options, true)
    )
}

/// `ALTER SEQUENCE` with the options that differ (`changed_options`), and `RESTART WITH` the new
/// start when the new bounds leave out the old one: PostgreSQL refuses them unless the sequence
/// is restarted (it checks the current value, which for an unused sequence is the start).
pub fn alter(cx: &Cx, from: &SequenceOptions, to: &SequenceOptions) -> String {
    let mut changes = changed_options(from, to, true);
    if from.start_outside_bounds_of(to) {
        changes.push(format!("RESTART WITH {}", to.start));
    }
    format!(
        "ALTER SEQUENCE {} {};",
        cx.qualify(&to.name),
        changes.join(" ")
    )
}

pub fn set_persistence(cx: &Cx, name: &str, persistence: Persistence) -> String {
    let word = if persistence == Persistence::Unlogged {
        "UNLOGGED"
    } else {
        "LOGGED"
    };
    format!("ALTER SEQUENCE {} SET {word};", cx.qualify(name))
}

pub fn owned_by(cx: &Cx, name: &str, owner: Option<&OwnedBy>) -> String {
    let target = match owner {
        Some(o) => format!("{}.{}", cx.qualify(&o.table), super::quote_ident(&o.column)),
        None => "NONE".to_owned(),
    };
    format!("ALTER SEQUENCE {} OWNED BY {target};", cx.qualify(name))
}

pub fn rename(cx: &Cx, from: &str, to: &str) -> String {
    format!(
        "ALTER SEQUENCE {} RENAME TO {};",
        cx.qualify(from),
        super::quote_ident(to)
    )
}

pub fn drop(cx: &Cx, name: &str) -> String {
    format!("DROP SEQUENCE {};", cx.qualify(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> SequenceOptions {
        SequenceOptions {
            name: "order_no".into(),
            data_type: "integer".into(),
            start: 1,
            increment: 1,
            min: 1,
            max: 2147483647,
            cache: 1,
            cycle: false,
            persistence: Persistence::Logged,
            privileges: vec![],
        }
    }

    #[test]
    fn create_spells_out_every_option() {
        assert_eq!(
            create(&Cx::new("s"), &options()),
            r#"CREATE SEQUENCE "s"."order_no" AS integer START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 NO CYCLE;"#
        );
    }

    #[test]
    fn a_new_type_brings_its_bounds() {
        let mut to = options();
        to.data_type = "bigint".into();
        to.max = 9223372036854775807;
        assert_eq!(
            changed_options(&options(), &to, true),
            vec!["AS bigint", "MINVALUE 1", "MAXVALUE 9223372036854775807"]
        );
    }

    #[test]
    fn owned_by_qualifies_the_column() {
        let owner = OwnedBy {
            table: "Orders".into(),
            column: "id".into(),
        };
        assert_eq!(
            owned_by(&Cx::new("s"), "q", Some(&owner)),
            r#"ALTER SEQUENCE "s"."q" OWNED BY "s"."Orders"."id";"#
        );
        assert_eq!(
            owned_by(&Cx::new("s"), "q", None),
            r#"ALTER SEQUENCE "s"."q" OWNED BY NONE;"#
        );
    }
}
