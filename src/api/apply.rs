//! `migra_apply`: the plan of `migra_diff` run in the caller's transaction, a statement that
//! gives up waiting for its lock tried again after a growing pause.

use std::time::Instant;

use pgrx::datum::Interval;
use pgrx::pg_sys::panic::{CaughtError, ErrorReport};
use pgrx::prelude::*;

use super::schemas::{Guidance, plan_schemas};
use super::verify::holders_of;
use super::{interval_duration, lock_safety, required};
use crate::error::Error;
use crate::plan::{Hazard, Operation, Setting, Step};
use crate::subtransaction::{Attempt, attempt};

/// The pause before the first retry; each one after waits twice as long as the one before.
const FIRST_PAUSE_MS: u64 = 250;

/// The longest pause between two attempts.
const LONGEST_PAUSE_MS: u64 = 5_000;

/// Runs the plan of `migra_diff(source_schema, target_schema, ...)` in the caller's transaction
/// and returns the rows it ran, with how many attempts each took and how long.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_apply(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                            with_privileges boolean DEFAULT false,
                            lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
                            retries integer DEFAULT 3,
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text,
               attempts integer, ms double precision)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_apply_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_apply(
    source_schema: Option<&str>,
    target_schema: Option<&str>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    lock_safe: Option<bool>,
    lock_timeout: Option<Interval>,
    retries: Option<i32>,
    renames: Option<pgrx::Internal>,
    using: Option<pgrx::Internal>,
    hooks: Option<pgrx::Internal>,
    with_owners: Option<bool>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(ordinal, i32),
            name!(kind, String),
            name!(identity, String),
            name!(action, String),
            name!(statement, String),
            name!(attempts, i32),
            name!(ms, f64),
        ),
    >,
    ErrorReport,
> {
    const FUNCTION: &str = "migra_apply";
    let lock_safe = lock_safety(lock_safe, lock_timeout, FUNCTION)?;
    let lock_timeout = interval_duration(
        required(lock_timeout, "lock_timeout", FUNCTION)?,
        "lock_timeout",
    )?;
    let lock_timeout_ms = u64::try_from(lock_timeout.as_millis()).unwrap_or(u64::MAX);
    let retries = required(retries, "retries", FUNCTION)?;
    let retries = u32::try_from(retries)
        .map_err(|_| Error::InvalidArgument("retries must not be negative".to_owned()))?;
    let steps = plan_schemas(
        FUNCTION,
        source_schema,
        target_schema,
        allow_data_loss,
        [with_privileges, with_owners],
        lock_safe,
        &Guidance::of(renames, using, hooks)?,
    )?;
    refuse_non_transactional(&steps)?;

    // the plan's settings hold for its statements; the caller's are put back after them
    let mut settings = Vec::new();
    for name in ["search_path", "check_function_bodies"] {
        let value = Spi::get_one_with_args::<String>(
            "select pg_catalog.current_setting($1)",
            &[name.into()],
        )
        .map_err(Error::from)?;
        settings.push((name, value.unwrap_or_default()));
    }
    let mut rows = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        // the plan's own timeouts are this function's to set, attempt by attempt
        if matches!(
            step.operation,
            Operation::Set(Setting::LockTimeout(_) | Setting::StatementTimeout(_))
        ) {
            continue;
        }
        let began = Instant::now();
        let attempts = run_with_retries(i + 1, step, lock_timeout_ms, retries)?;
        rows.push((
            i as i32 + 1,
            step.kind.as_str().to_owned(),
            step.identity.clone(),
            step.action.as_str().to_owned(),
            step.statement.clone(),
            attempts as i32,
            began.elapsed().as_secs_f64() * 1000.0,
        ));
    }
    for (name, value) in settings {
        Spi::run_with_args(
            "select pg_catalog.set_config($1, $2, true)",
            &[name.into(), value.into()],
        )
        .map_err(Error::from)?;
    }
    Ok(TableIterator::new(rows))
}

/// A function runs inside a transaction, and PostgreSQL refuses `CREATE INDEX CONCURRENTLY` in
/// one (and from any function): a plan that holds such rows is refused whole, naming them,
/// before anything runs (25001).
fn refuse_non_transactional(steps: &[Step]) -> Result<(), Error> {
    let statements: Vec<String> = steps
        .iter()
        .filter(|s| s.has_hazard(Hazard::NonTransactional))
        .map(|s| s.statement.clone())
        .collect();
    if statements.is_empty() {
        Ok(())
    } else {
        Err(Error::NonTransactional { statements })
    }
}

/// Runs one statement, each attempt in a subtransaction of its own under `SET LOCAL
/// lock_timeout`; after an attempt that gave up on a lock (55P03), pauses (250 ms, then twice as
/// long each time, at most 5 s) and tries again, `retries` times at most. The number of attempts
/// it took; any other error, or the last lock timeout, ends the call naming the statement.
fn run_with_retries(
    ordinal: usize,
    step: &Step,
    lock_timeout_ms: u64,
    retries: u32,
) -> Result<u32, ErrorReport> {
    // a setting of the plan (its search_path) holds for this transaction only
    let statement = match &step.operation {
        Operation::Set(setting) => crate::ddl::schemas::set_local(setting),
        _ => step.statement.clone(),
    };
    let mut pause_ms = FIRST_PAUSE_MS;
    for attempt_number in 1..=retries + 1 {
        Spi::run(&format!("SET LOCAL lock_timeout = {lock_timeout_ms}")).map_err(Error::from)?;
        let ran = attempt(|| -> Result<(), Error> {
            Spi::run(&statement)?;
            Ok(())
        });
        let caught = match ran {
            Attempt::Done(Ok(())) => return Ok(attempt_number),
            Attempt::Done(Err(error)) => return Err(error.into()),
            Attempt::Raised(caught) => caught,
        };
        let report = report_of(&caught);
        let code = report.sql_error_code();
        if code != PgSqlErrorCode::ERRCODE_LOCK_NOT_AVAILABLE {
            let mut detail = format!("statement {ordinal} of the plan: {}", step.statement);
            if let Some(own) = report.detail() {
                detail = format!("{own}\n{detail}");
            }
            let message = report.message().to_owned();
            return Err(ErrorReport::new(code, message, "migra_apply").set_detail(detail));
        }
        if attempt_number <= retries {
            let seconds = pause_ms as f64 / 1000.0;
            Spi::run_with_args("select pg_catalog.pg_sleep($1)", &[seconds.into()])
                .map_err(Error::from)?;
            pause_ms = (pause_ms * 2).min(LONGEST_PAUSE_MS);
        }
    }
    let held = match &step.relation {
        Some((schema, name)) => holders_of(&crate::ident::qualified(schema, name))?
            .map(|holders| format!("; held by {holders}"))
            .unwrap_or_default(),
        None => String::new(),
    };
    Err(Error::LockGaveUp {
        statement: step.statement.trim_end_matches(';').to_owned(),
        attempts: retries + 1,
        lock_timeout_ms,
        held,
    }
    .into())
}

fn report_of(caught: &CaughtError) -> &pgrx::pg_sys::panic::ErrorReportWithLevel {
    match caught {
        CaughtError::PostgresError(r) | CaughtError::ErrorReport(r) => r,
        CaughtError::RustPanic { ereport, .. } => ereport,
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::{error_of, sqlstate_of};

    #[pg_test]
    fn a_plan_is_applied_in_the_callers_transaction_and_converges() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int primary key); insert into a.t values (1), (2);
             create table b.t (id int primary key, note text default 'x' not null);
             create index t_note on b.t (note);",
        )
        .unwrap();
        let ran = Spi::get_one::<String>(
            "select string_agg(ordinal || ' ' || kind || ' ' || attempts, ', ' order by ordinal) from migra_apply('a', 'b')",
        )
        .unwrap()
        .unwrap();
        assert_eq!(ran, "1 setting 1, 2 column 1, 3 index 1");
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from migra_diff('a', 'b')")
                .unwrap()
                .unwrap(),
            0
        );
        // the plan's search_path was for its own statements: the caller's is as it was
        assert!(
            !Spi::get_one::<String>("show search_path")
                .unwrap()
                .unwrap()
                .contains("pg_catalog, \"a\"")
        );
    }

    #[pg_test]
    fn a_lock_safe_plan_with_concurrent_builds_is_refused_naming_them() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int); create table b.t (id int); create index t_id on b.t (id);",
        )
        .unwrap();
        let (code, message) = error_of("select * from migra_apply('a', 'b', lock_safe => true)");
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_ACTIVE_SQL_TRANSACTION));
        assert!(
            message.contains(r#"CREATE INDEX CONCURRENTLY "t_id""#),
            "{message}"
        );
    }

    #[pg_test]
    fn a_statement_that_fails_ends_the_call_with_its_own_sqlstate() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (v text); insert into a.t values ('x'), ('x');
             create table b.t (v text unique);",
        )
        .unwrap();
        assert_eq!(
            sqlstate_of("select * from migra_apply('a', 'b', retries => -1)"),
            Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE)
        );
        let (code, message) = error_of("select * from migra_apply('a', 'b')");
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_UNIQUE_VIOLATION));
        // the statement is named
        assert!(
            message.contains(r#"statement 2 of the plan: ALTER TABLE "a"."t" ADD CONSTRAINT "t_v_key" UNIQUE (v);"#),
            "{message}"
        );
    }
}
