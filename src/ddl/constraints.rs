//! ADD, DROP and VALIDATE CONSTRAINT text.

use super::{Cx, parameter_change, quote_ident};
use crate::change::{ConstraintKind, Parameters};
use crate::error::Error;
use crate::model::{Constraint, ConstraintType};

/// `ADD CONSTRAINT "c" <definition>`; with `not_valid`, a CHECK or FOREIGN KEY that the target
/// has validated is added without scanning the table, to be validated by a step of its own.
/// `index_parameters`: the index's storage parameters as `WITH (...)`, before the
/// `DEFERRABLE` that `pg_get_constraintdef` ends with, where it does; then the index's
/// `USING INDEX TABLESPACE`, before an EXCLUDE's `WHERE`.
pub fn add(
    cx: &Cx,
    constraint: &Constraint,
    not_valid: bool,
    index_parameters: bool,
) -> Result<String, Error> {
    let suffix = if not_valid && constraint.validated {
        " NOT VALID"
    } else {
        ""
    };
    // pg_get_constraintdef ends with its timing, which comes after the index's parameters
    let timing = match (constraint.deferrable, constraint.deferred) {
        (true, true) => " DEFERRABLE INITIALLY DEFERRED",
        (true, false) => " DEFERRABLE",
        _ => "",
    };
    let (mut definition, timing) = match constraint.definition.strip_suffix(timing) {
        Some(body) => (body.to_owned(), timing),
        None => (constraint.definition.clone(), ""),
    };
    let unreadable = || Error::UnreadableDefinition(format!("constraint \"{}\"", constraint.name));
    // an EXCLUDE's WITH is in its text already
    if index_parameters
        && !constraint.index_options.is_empty()
        && constraint.constraint_type != ConstraintType::Exclude
    {
        definition.push_str(&format!(
            " WITH ({})",
            super::storage_parameters(&constraint.index_options, "").join(", ")
        ));
    }
    let mut definition = super::indexes::with_tablespace(
        &definition,
        constraint.index_tablespace.as_deref(),
        constraint
            .index_predicate
            .as_deref()
            .map(|p| format!(" WHERE ({p})")),
        " USING INDEX TABLESPACE ",
    )
    .ok_or_else(unreadable)?;
    definition.push_str(timing);
    Ok(super::alter_table(
        cx,
        &constraint.table,
        &format!(
            "ADD CONSTRAINT {} {definition}{suffix}",
            quote_ident(&constraint.name),
        ),
    ))
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

/// `RENAME CONSTRAINT`, carried down to the children that have the constraint from the table.
pub fn rename(cx: &Cx, table: &str, name: &str, new_name: &str) -> String {
    super::alter_table(
        cx,
        table,
        &format!(
            "RENAME CONSTRAINT {} TO {}",
            quote_ident(name),
            quote_ident(new_name)
        ),
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
            index_tablespace: None,
            index_predicate: None,
            columns: vec!["note".into()],
            references: None,
        }
    }

    #[test]
    fn add_keeps_the_server_definition_verbatim() {
        assert_eq!(
            add(&Cx::new("s"), &check(), false, false).unwrap(),
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
            add(&Cx::new("s"), &key, false, true).unwrap(),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id, at) WITH (fillfactor='70') DEFERRABLE;"#
        );
        assert_eq!(
            add(&Cx::new("s"), &key, false, false).unwrap(),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id, at) DEFERRABLE;"#
        );
    }

    #[test]
    fn an_index_tablespace_goes_after_the_parameters_and_before_where_and_timing() {
        let key = Constraint {
            name: "t_pkey".into(),
            constraint_type: ConstraintType::PrimaryKey,
            definition: "PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED".into(),
            deferrable: true,
            deferred: true,
            index_options: vec!["fillfactor=70".into()],
            index_tablespace: Some("fast".into()),
            ..check()
        };
        assert_eq!(
            add(&Cx::new("s"), &key, false, true).unwrap(),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id) WITH (fillfactor='70') USING INDEX TABLESPACE "fast" DEFERRABLE INITIALLY DEFERRED;"#
        );
        let exclude = Constraint {
            name: "no_overlap".into(),
            constraint_type: ConstraintType::Exclude,
            definition: "EXCLUDE USING gist (during WITH &&) WITH (fillfactor='80') WHERE ((id > 0)) DEFERRABLE".into(),
            deferred: false,
            index_predicate: Some("(id > 0)".into()),
            ..key
        };
        assert_eq!(
            add(&Cx::new("s"), &exclude, false, true).unwrap(),
            r#"ALTER TABLE "s"."t" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist (during WITH &&) WITH (fillfactor='80') USING INDEX TABLESPACE "fast" WHERE ((id > 0)) DEFERRABLE;"#
        );
    }

    #[test]
    fn not_valid_is_added_once() {
        let mut c = check();
        assert!(
            add(&Cx::new("s"), &c, true, false)
                .unwrap()
                .ends_with(" NOT VALID;")
        );
        c.validated = false;
        c.definition.push_str(" NOT VALID");
        assert!(
            add(&Cx::new("s"), &c, true, false)
                .unwrap()
                .ends_with("--'::text)) NOT VALID;")
        );
    }
}
