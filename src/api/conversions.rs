//! How the values of a column whose type changes are converted (`diff::Conversions`): the type
//! pairs this server has no cast between, asked of the server itself, and the caller's `using`
//! expressions, checked before the diff sees them.
//!
//! A type pair is asked about by parsing `SELECT NULL::old::new` in a subtransaction: PostgreSQL
//! resolves the same casts (pg_cast, I/O conversion to and from strings, domains, arrays) as
//! for `ALTER ... TYPE ... USING column::new`, and refuses the pair with 42846 when there is
//! none. A type it does not know (one the plan creates, or one of another server) leaves the
//! pair as castable: the plan keeps its `USING column::new`, as before.

use std::collections::{BTreeMap, BTreeSet};

use pgrx::prelude::*;
use serde_json::Value;

use crate::diff::ColumnName;
use crate::error::Error;
use crate::ident::{display_qualified, qualified, quote_ident};
use crate::model::Schema;
use crate::subtransaction::{Attempt, attempt, caught_sqlstate_and_message};

/// SQLSTATE 42846 cannot_coerce: "cannot cast type bigint to timestamp without time zone".
const CANNOT_COERCE: &str = "42846";

/// The pairs of `changed` (old, new type names) that no cast turns one into the other, asked
/// under `search_path` (the one the plan runs under, and for two schemas of this database the
/// target's after it, so that a type the target defines is found too).
pub(super) fn castless(
    changed: BTreeSet<(String, String)>,
    search_path: &str,
) -> Result<BTreeSet<(String, String)>, Error> {
    let mut castless = BTreeSet::new();
    for (old, new) in changed {
        let probe = format!("SELECT NULL::{old}::{new}");
        match in_rolled_back_subtransaction(search_path, &probe) {
            Ok(()) => {}
            Err((sqlstate, _)) if sqlstate == CANNOT_COERCE => {
                castless.insert((old, new));
            }
            // an unknown type, or anything else: no better than the cast the plan writes today
            Err(_) => {}
        }
    }
    Ok(castless)
}

/// The `using` document: `{"table.column": "expression"}`, or `{"schema.table.column": ...}`
/// with the source's or the target's schema; a name that holds a dot or a quote is written
/// double-quoted (`"my.table".col`). Keyed under the source's schema. The expression is the
/// caller's SQL, checked in shape (one expression: no `;`, no comment, balanced parentheses)
/// here and run against the source's table by `check_expressions`.
pub(super) fn parse_using(
    source: &str,
    target: &str,
    document: &str,
) -> Result<BTreeMap<ColumnName, String>, Error> {
    let invalid = |what: String| Error::InvalidArgument(format!("using: {what}"));
    let value: Value =
        serde_json::from_str(document).map_err(|e| invalid(format!("not a JSON document: {e}")))?;
    let Value::Object(entries) = value else {
        return Err(invalid(
            "must be a JSON object of \"table.column\": \"expression\"".to_owned(),
        ));
    };
    let mut using = BTreeMap::new();
    for (path, expression) in entries {
        let names = dotted_names(&path).ok_or_else(|| {
            invalid(format!(
                "\"{path}\" is not table.column or schema.table.column"
            ))
        })?;
        let (table, column) = match names.as_slice() {
            [table, column] => (table.clone(), column.clone()),
            [schema, table, column] if schema == source || schema == target => {
                (table.clone(), column.clone())
            }
            [schema, _, _] => {
                return Err(invalid(format!(
                    "\"{path}\" names schema \"{schema}\", which is neither \"{source}\" nor \"{target}\""
                )));
            }
            _ => {
                return Err(invalid(format!(
                    "\"{path}\" is not table.column or schema.table.column"
                )));
            }
        };
        let Value::String(expression) = expression else {
            return Err(invalid(format!(
                "\"{path}\" must be an expression (a string)"
            )));
        };
        if expression.trim().is_empty() {
            return Err(invalid(format!("\"{path}\" is an empty expression")));
        }
        crate::untrusted::text::sql_text(&expression).map_err(|reason| {
            invalid(format!(
                "the expression for \"{path}\" must be one SQL expression, it holds {reason}: {expression}"
            ))
        })?;
        using.insert((source.to_owned(), table, column), expression);
    }
    Ok(using)
}

/// `a.b` or `a.b.c`, each name plain or double-quoted (`""` inside is a quote); None otherwise.
pub(super) fn dotted_names(path: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut chars = path.chars().peekable();
    loop {
        let mut name = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        name.push('"');
                    }
                    '"' => break,
                    c => name.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == '.' || c == '"' {
                    break;
                }
                name.push(c);
                chars.next();
            }
        }
        if name.is_empty() {
            return None;
        }
        names.push(name);
        match chars.next() {
            None => break,
            Some('.') => continue,
            Some(_) => return None,
        }
    }
    (2..=3).contains(&names.len()).then_some(names)
}

/// Each `using` names a column of a table both sides hold, whose type changes; 22023 otherwise,
/// naming it (an expression for a column that keeps its type would be silently ignored).
pub(super) fn check_columns(
    using: &BTreeMap<ColumnName, String>,
    from: &Schema,
    to: &Schema,
) -> Result<(), Error> {
    for (_, table, column) in using.keys() {
        let name = display_qualified(table, column);
        let old = from
            .tables
            .iter()
            .find(|t| t.name == *table)
            .and_then(|t| t.column(column));
        let new = to
            .tables
            .iter()
            .find(|t| t.name == *table)
            .and_then(|t| t.column(column));
        match (old, new) {
            (Some(old), Some(new)) if old.data_type != new.data_type => {}
            (Some(old), Some(_)) => {
                return Err(Error::InvalidArgument(format!(
                    "using: column {name} keeps its type ({}), so its expression would not be used",
                    old.data_type
                )));
            }
            (None, _) => {
                return Err(Error::InvalidArgument(format!(
                    "using: the source has no column {name} (after its renames)"
                )));
            }
            (Some(_), None) => {
                return Err(Error::InvalidArgument(format!(
                    "using: the target has no column {name}: it is dropped, not converted"
                )));
            }
        }
    }
    Ok(())
}

/// Runs each expression over the source's table (`SELECT expression FROM table LIMIT 0`, under
/// the plan's search_path, in a subtransaction rolled back): an unknown function or column is
/// refused now (22023, with PostgreSQL's message), not halfway through the plan. With renames,
/// it runs after them, on the names the plan's ALTER ... TYPE will see.
pub(super) fn check_expressions(
    source: &str,
    using: &BTreeMap<ColumnName, String>,
) -> Result<(), Error> {
    let search_path = crate::catalog::search_path_for(source);
    for ((schema, table, column), expression) in using {
        let probe = format!(
            "SELECT {expression} FROM {} LIMIT 0",
            qualified(schema, table)
        );
        if let Err((sqlstate, message)) = in_rolled_back_subtransaction(&search_path, &probe) {
            return Err(Error::InvalidArgument(format!(
                "using: the expression for {}.{} does not run over the source's rows ({sqlstate}: {message}): {expression}",
                quote_ident(table),
                quote_ident(column)
            )));
        }
    }
    Ok(())
}

/// Runs `statement` under `search_path` in a subtransaction that is always rolled back; the
/// SQLSTATE and message of its error, if any.
fn in_rolled_back_subtransaction(
    search_path: &str,
    statement: &str,
) -> Result<(), (String, String)> {
    let ran = attempt(|| -> Result<(), Error> {
        // read-only SPI: no transaction id (a hot standby has none to give)
        super::read_value::<String>(
            "select pg_catalog.set_config('search_path', $1, true)",
            &[search_path.into()],
        )?;
        Spi::connect(|client| client.select(statement, Some(0), &[]).map(|_| ()))?;
        Err(Error::RolledBack)
    });
    match ran {
        Attempt::Done(Err(Error::RolledBack)) => Ok(()),
        Attempt::Done(Err(error)) => Err(("XX000".to_owned(), error.to_string())),
        Attempt::Done(Ok(())) => Ok(()),
        Attempt::Raised(caught) => Err(caught_sqlstate_and_message(&caught)),
    }
}

#[cfg(test)]
mod unit_tests {
    use super::dotted_names;

    #[test]
    fn names_are_split_on_dots_outside_quotes() {
        assert_eq!(
            dotted_names("events.at"),
            Some(vec!["events".into(), "at".into()])
        );
        assert_eq!(
            dotted_names(r#"public."my.table"."Col""umn""#),
            Some(vec![
                "public".into(),
                "my.table".into(),
                r#"Col"umn"#.into()
            ])
        );
        assert_eq!(dotted_names("events"), None);
        assert_eq!(dotted_names("a.b.c.d"), None);
        assert_eq!(dotted_names("a..b"), None);
        assert_eq!(dotted_names(r#"a."b"#), None);
        assert_eq!(dotted_names(r#"a."b"c"#), None);
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::error_of;

    fn plan(query: &str) -> Vec<String> {
        Spi::connect(|c| {
            c.select(query, None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect()
        })
    }

    fn events() {
        Spi::run(
            "create schema a; create schema b;
             create table a.events (id int, at bigint); insert into a.events values (1, 1577836800);
             create table b.events (id int, at timestamp);",
        )
        .unwrap();
    }

    #[pg_test]
    fn a_type_no_cast_reaches_is_dropped_and_added_with_data_loss() {
        events();
        assert_eq!(
            plan(
                "select statement || ' ' || array_to_string(hazards, ',') \
                 from migra_diff('a', 'b', unsafe => true) where kind <> 'setting' order by ordinal"
            ),
            [
                r#"ALTER TABLE "a"."events" DROP COLUMN "at"; data_loss,blocks_writes,blocks_reads"#,
                r#"ALTER TABLE "a"."events" ADD COLUMN "at" timestamp without time zone; blocks_writes,blocks_reads"#,
            ]
        );
        // the values go: refused without unsafe
        let (code, _) = error_of("select * from migra_diff('a', 'b')");
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST)
        );
    }

    #[pg_test]
    fn an_expression_converts_the_values_in_place() {
        events();
        let using = r#"'{"events.at": "to_timestamp(at) at time zone ''UTC''"}'"#;
        assert_eq!(
            plan(&format!(
                "select statement from migra_diff('a', 'b', unsafe => true, \"using\" => {using}) \
                 where kind <> 'setting' order by ordinal"
            )),
            [
                r#"ALTER TABLE "a"."events" ALTER COLUMN "at" TYPE timestamp without time zone USING to_timestamp(at) at time zone 'UTC';"#
            ]
        );
    }

    #[pg_test]
    fn a_using_that_cannot_be_used_is_refused_naming_it() {
        events();
        Spi::run(
            "alter table a.events add column note text; alter table b.events add column note text",
        )
        .unwrap();
        let refused = |using: &str, says: &str| {
            let (code, message) = error_of(&format!(
                "select * from migra_diff('a', 'b', unsafe => true, \"using\" => '{using}')"
            ));
            assert_eq!(
                code,
                Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE),
                "{message}"
            );
            assert!(message.contains(says), "{using}: {message}");
        };
        refused(r#"{"events.note": "upper(note)"}"#, "keeps its type (text)");
        refused(r#"{"events.gone": "1"}"#, "the source has no column");
        refused(r#"{"other.events.at": "1"}"#, r#"names schema "other""#);
        refused(r#"{"at": "1"}"#, "is not table.column");
        refused(
            r#"{"events.at": "now()); drop table a.events; select (1"}"#,
            "must be one SQL expression",
        );
        refused(
            r#"{"events.at": "no_such_function(at)"}"#,
            "function no_such_function(bigint) does not exist",
        );
        refused(r#"{"events.at": 1}"#, "must be an expression");
        // nothing ran: the table is there, unchanged
        assert_eq!(
            Spi::get_one::<i64>("select at from a.events").unwrap(),
            Some(1577836800)
        );
    }
}
