//! `hooks jsonb`: statements of the caller's, run right before or right after a row of the plan
//! (a backfill between a column's ADD and its SET NOT NULL, an archive copy before a DROP), shown
//! as rows of kind `hook`.
//!
//! A hook is placed once the plan is ordered: right after (or before) the first row of the
//! object it names, so that it sees the schema exactly as the plan has it there. A new NOT NULL
//! column that a hook follows is added without its NOT NULL, which a later row sets (after the
//! hook: it is the same object's next row), so that the hook can fill the existing rows first.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::change::Cx;
use crate::diff::ColumnName;
use crate::error::Error;
use crate::model::Schema;
use crate::plan::{Key, Kind, Operation, Step};

/// One hook: where it goes and what it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Hook {
    /// Before the row it names (`before`), or after it (`after`).
    before: bool,
    /// `<kind> <identity>` of a row, as the plan shows them (`column app.orders.status`), the
    /// identity with or without its schema.
    anchor: String,
    /// One SQL statement, without the `;` that may have ended it.
    statement: String,
}

/// The hooks of `document`: `[{"after": "column orders.status", "run": "UPDATE ..."}, ...]`.
/// Each runs one statement (checked by PostgreSQL's parser); 22023 otherwise, naming it.
pub(super) fn parse(document: &str) -> Result<Vec<Hook>, Error> {
    let invalid = |what: String| Error::InvalidArgument(format!("hooks: {what}"));
    let value: Value =
        serde_json::from_str(document).map_err(|e| invalid(format!("not a JSON document: {e}")))?;
    let Value::Array(entries) = value else {
        return Err(invalid(
            "must be a JSON array of {\"after\" or \"before\": \"<kind> <identity>\", \"run\": \"<statement>\"}".to_owned(),
        ));
    };
    let mut hooks = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let at = |what: &str| invalid(format!("hook {}: {what}", n + 1));
        let Value::Object(fields) = entry else {
            return Err(at("must be an object"));
        };
        if let Some(unknown) = fields
            .keys()
            .find(|k| !["after", "before", "run"].contains(&k.as_str()))
        {
            return Err(at(&format!(
                "unknown key \"{unknown}\" (known: after, before, run)"
            )));
        }
        let (before, anchor) = match (fields.get("before"), fields.get("after")) {
            (Some(Value::String(anchor)), None) => (true, anchor),
            (None, Some(Value::String(anchor))) => (false, anchor),
            _ => {
                return Err(at(
                    "needs one of \"after\" or \"before\", naming a row as \"<kind> <identity>\"",
                ));
            }
        };
        let Some(Value::String(run)) = fields.get("run") else {
            return Err(at("needs \"run\": one SQL statement"));
        };
        let statements = crate::script::statements(run).map_err(|e| {
            at(&format!(
                "\"run\" does not parse ({}: {}): {run}",
                e.sqlstate, e.message
            ))
        })?;
        let [statement] = statements.as_slice() else {
            return Err(at(&format!(
                "\"run\" must be one SQL statement, not {}: {run}",
                statements.len()
            )));
        };
        hooks.push(Hook {
            before,
            anchor: anchor.trim().to_owned(),
            statement: statement.text.trim_end().to_owned(),
        });
    }
    Ok(hooks)
}

/// The new NOT NULL columns of kept tables, with nothing to fill their existing rows, that a
/// hook follows: added without their NOT NULL (`Conversions::filled_later`).
pub(super) fn filled_later(hooks: &[Hook], from: &Schema, to: &Schema) -> BTreeSet<ColumnName> {
    let cx = Cx::new(&from.name);
    let mut filled = BTreeSet::new();
    for new_table in &to.tables {
        let Some(old_table) = from.tables.iter().find(|t| t.name == new_table.name) else {
            continue;
        };
        for column in &new_table.columns {
            let unfilled =
                column.default.is_none() && column.identity.is_none() && column.generated.is_none();
            if !column.not_null || !unfilled || old_table.column(&column.name).is_some() {
                continue;
            }
            let identity = cx.identity(&[&new_table.name, &column.name]);
            let followed = hooks
                .iter()
                .any(|h| !h.before && names(&h.anchor, &cx, "column", &identity));
            if followed {
                filled.insert((
                    cx.schema.clone(),
                    new_table.name.clone(),
                    column.name.clone(),
                ));
            }
        }
    }
    filled
}

/// Whether `anchor` names the row of `kind` and `identity` (with or without the schema).
fn names(anchor: &str, cx: &Cx, kind: &str, identity: &str) -> bool {
    let Some(rest) = anchor.strip_prefix(kind).and_then(|r| r.strip_prefix(' ')) else {
        return false;
    };
    let schema = format!("{}.", crate::ident::display_ident(&cx.schema));
    rest == identity || identity.strip_prefix(&schema) == Some(rest)
}

/// The plan with each hook right before or after the first row it names; 22023 for a hook
/// that names no row, listing what the plan's rows are.
pub(super) fn place(
    mut steps: Vec<Step>,
    hooks: &[Hook],
    schema: &str,
) -> Result<Vec<Step>, Error> {
    let cx = Cx::new(schema);
    for (n, hook) in hooks.iter().enumerate() {
        let found = steps.iter().position(|s| {
            s.kind != Kind::Hook && names(&hook.anchor, &cx, s.kind.as_str(), &s.identity)
        });
        let Some(at) = found else {
            let rows: Vec<String> = steps
                .iter()
                .filter(|s| s.kind != Kind::Setting && s.kind != Kind::Hook)
                .map(|s| format!("{} {}", s.kind.as_str(), s.identity))
                .collect();
            return Err(Error::InvalidArgument(format!(
                "hooks: hook {} names \"{}\", which is no row of the plan (its rows: {})",
                n + 1,
                hook.anchor,
                if rows.is_empty() {
                    "none".to_owned()
                } else {
                    rows.join(", ")
                }
            )));
        };
        let place = if hook.before { at } else { at + 1 };
        let phase = steps[at].phase;
        let operation = Operation::Hook {
            statement: hook.statement.clone(),
        };
        let identity = format!(
            "{} {}",
            if hook.before { "before" } else { "after" },
            hook.anchor
        );
        let mut step = Step::new(phase, Kind::Hook, operation, Key::Hook(n), identity);
        step.statement = crate::ddl::statement(&cx, &step.operation)?;
        steps.insert(place, step);
    }
    Ok(steps)
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn an_anchor_names_a_row_with_or_without_its_schema() {
        let cx = Cx::new("App");
        assert!(names("column \"App\".t.c", &cx, "column", "\"App\".t.c"));
        assert!(names("column t.c", &cx, "column", "\"App\".t.c"));
        assert!(!names("column t.c", &cx, "table", "\"App\".t.c"));
        assert!(!names("column t", &cx, "column", "\"App\".t.c"));
        assert!(names(
            "materialized view v",
            &cx,
            "materialized view",
            "\"App\".v"
        ));
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use pgrx::prelude::*;

    use super::{Hook, parse};

    #[pg_test]
    fn a_hook_is_one_statement_after_or_before_a_row() {
        let hooks = parse(
            r#"[{"after": "column orders.status", "run": "UPDATE orders SET status = 'new';"}]"#,
        )
        .unwrap();
        assert_eq!(
            hooks,
            [Hook {
                before: false,
                anchor: "column orders.status".to_owned(),
                statement: "UPDATE orders SET status = 'new'".to_owned(),
            }]
        );
        let refused = |document: &str, says: &str| {
            let error = parse(document).unwrap_err().to_string();
            assert!(error.contains(says), "{document}: {error}");
        };
        refused(r#"{"after": "x"}"#, "must be a JSON array");
        refused(r#"[{"after": "table t"}]"#, "needs \"run\"");
        refused(r#"[{"run": "select 1"}]"#, "needs one of");
        refused(
            r#"[{"after": "table t", "before": "table t", "run": "select 1"}]"#,
            "needs one of",
        );
        refused(
            r#"[{"after": "table t", "run": "select 1; drop table t"}]"#,
            "must be one SQL statement, not 2",
        );
        refused(
            r#"[{"after": "table t", "run": "selec 1"}]"#,
            "does not parse",
        );
        refused(
            r#"[{"after": "table t", "run": "select 1", "when": 1}]"#,
            "unknown key",
        );
    }
}
