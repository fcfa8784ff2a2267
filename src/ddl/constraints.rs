//! ADD, DROP and VALIDATE CONSTRAINT text.

use super::{Cx, parameter_change, quote_ident};
use crate::change::{ConstraintKind, Parameters};
use crate::model::Constraint;

/// `ADD CONSTRAINT "c" <definition>`; with `not_valid`, a CHECK or FOREIGN KEY that the target
/// has validated is added without scanning the table, to be validated by a step of its own.
/// `index_parameters`: the index's storage parameters as `WITH (...)`, before the
/// `DEFERRABLE` that `pg_get_constraintdef` ends with, where it does.
pub fn add(cx: &Cx, constraint: &Constraint, not_valid: bool, index_parameters: bool) -> String {
    let suffix = if not_valid && constraint.validated {
        " NOT VALID"
    } else {
        ""
    };
    let mut definition = constraint.definition.clone();
    if index_parameters && !constraint.index_options.is_empty() {
        let with = format!(
            " WITH ({})",
            super::storage_parameters(&constraint.index_options, "").join(", ")
        );
        // pg_get_constraintdef ends with its timing, which comes after WITH
        let timing = match (constraint.deferrable, constraint.deferred) {
            (true, true) => " DEFERRABLE INITIALLY DEFERRED",
            (true, false) => " DEFERRABLE",
            _ => "",
        };
        let at = definition
            .strip_suffix(timing)
            .map_or(definition.len(), str::len);
        definition.insert_str(at, &with);
    }
    super::alter_table(
        cx,
        &constraint.table,
        &format!(
            "ADD CONSTRAINT {} {definition}{suffix}",
            quote_ident(&constraint.name),
        ),
    )
}

/// `ADD CONSTRAINT "c" PRIMARY KEY USING INDEX "i"` (or UNIQUE), deferrable as the target has
/// it: the index, built beforehand, becomes the constraint's and takes its name.
pub fn add_using_index(
    cx: &Cx,
    kind: ConstraintKind,
    constraint: &Constraint,
    index: &str,
) -> String {
    let what = if kind == ConstraintKind::PrimaryKey {
        "PRIMARY KEY"
    } else {
        "UNIQUE"
    };
    let mut timing = String::new();
    if constraint.deferrable {
        timing.push_str(" DEFERRABLE");
        if constraint.deferred {
            timing.push_str(" INITIALLY DEFERRED");
        }
    }
    super::alter_table(
        cx,
        &constraint.table,
        &format!(
            "ADD CONSTRAINT {} {what} USING INDEX {}{timing}",
            quote_ident(&constraint.name),
            quote_ident(index)
        ),
    )
}

/// `ADD CONSTRAINT "helper" CHECK ("c" IS NOT NULL) NOT VALID`: validated apart, it lets `SET NOT
/// NULL` skip its scan (PostgreSQL 12 and later).
pub fn add_not_null_check(cx: &Cx, table: &str, column: &str, name: &str) -> String {
    super::alter_table(
        cx,
        table,
        &format!(
            "ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
            quote_ident(name),
            quote_ident(column)
        ),
    )
}

pub fn validate(cx: &Cx, table: &str, name: &str) -> String {
    super::alter_table(
        cx,
        table,
        &format!("VALIDATE CONSTRAINT {}", quote_ident(name)),
    )
}

pub fn drop(cx: &Cx, table: &str, name: &str) -> String {
    super::alter_table(cx, table, &format!("DROP CONSTRAINT {}", quote_ident(name)))
}

/// Storage parameters of the index behind a constraint: `ALTER INDEX ... SET (...)` or
/// `RESET (...)`. They are not part of `pg_get_constraintdef`, and setting them after the fact
/// rebuilds nothing.
pub fn index_parameters(cx: &Cx, index: &str, parameters: &Parameters) -> String {
    format!(
        "ALTER INDEX {} {};",
        cx.qualify(index),
        parameter_change(parameters, "")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ConstraintType;

    fn check() -> Constraint {
        Constraint {
            inherited: false,
            table: "t".into(),
            name: "no injection".into(),
            constraint_type: ConstraintType::Check,
            definition: "CHECK ((note <> '''; DROP TABLE x; --'::text))".into(),
            validated: true,
            deferrable: false,
            deferred: false,
            index_name: None,
            index_options: vec![],
            index_definition: None,
            columns: vec!["note".into()],
            references: None,
        }
    }

    #[test]
    fn add_keeps_the_server_definition_verbatim() {
        assert_eq!(
            add(&Cx::new("s"), &check(), false, false),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "no injection" CHECK ((note <> '''; DROP TABLE x; --'::text));"#
        );
    }

    #[test]
    fn a_partitioned_tables_key_takes_its_index_parameters_before_its_timing() {
        let key = Constraint {
            name: "t_pkey".into(),
            constraint_type: ConstraintType::PrimaryKey,
            definition: "PRIMARY KEY (id, at) DEFERRABLE".into(),
            deferrable: true,
            index_options: vec!["fillfactor=70".into()],
            columns: vec!["id".into(), "at".into()],
            ..check()
        };
        assert_eq!(
            add(&Cx::new("s"), &key, false, true),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id, at) WITH (fillfactor='70') DEFERRABLE;"#
        );
        assert_eq!(
            add(&Cx::new("s"), &key, false, false),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id, at) DEFERRABLE;"#
        );
    }

    #[test]
    fn not_valid_is_added_once() {
        let mut c = check();
        assert!(add(&Cx::new("s"), &c, true, false).ends_with(" NOT VALID;"));
        c.validated = false;
        c.definition.push_str(" NOT VALID");
        assert!(add(&Cx::new("s"), &c, true, false).ends_with("--'::text)) NOT VALID;"));
    }
}
