//! `migra_verify_drift`: the plan that takes this database to an expected schema (a snapshot,
//! or a reference database reached through dblink), proven here and rolled back, as
//! `migra_verify` proves one between two schemas.

use pgrx::Internal;
use pgrx::datum::Interval;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::databases::plan_databases_unwarned;
use super::drift::{Expected, Scope, Sides, expected_snapshot, read_live_again, read_sides};
use super::verify::{ProofRow, prove, rows_of};
use super::{Uncovered, interval_duration, lock_safety, made_lock_safe, required, warn_about_rows};
use crate::diff::Options;

/// Proves the plan of `migra_drift(expected, ...)` on this database and rolls it back.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_verify_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    lock_timeout interval DEFAULT '5s', statement_timeout interval DEFAULT '1min',
    lock_safe boolean DEFAULT false,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, ok boolean,
               sqlstate text, error text, ms double precision, locks text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint, proven_as text,
               waits_behind text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_verify_drift_from_snapshot_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_verify_drift_from_snapshot(
    expected: Option<Internal>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    lock_timeout: Option<Interval>,
    statement_timeout: Option<Interval>,
    lock_safe: Option<bool>,
    with_owners: Option<bool>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(ordinal, i32),
            name!(kind, String),
            name!(identity, String),
            name!(action, String),
            name!(statement, Option<String>),
            name!(ok, Option<bool>),
            name!(sqlstate, Option<String>),
            name!(error, Option<String>),
            name!(ms, Option<f64>),
            name!(locks, Vec<String>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
            name!(proven_as, Option<String>),
            name!(waits_behind, Option<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_verify_drift";
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        with_owners,
    )?;
    let expected = expected_snapshot(expected, F)?;
    let timeouts = Timeouts::new(lock_timeout, statement_timeout, lock_safe, F)?;
    Ok(rows_of(verify_drift(expected, &scope, timeouts)?))
}

/// Proves the plan of `migra_drift(reference, ...)` on this database and rolls it back.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_verify_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    lock_timeout interval DEFAULT '5s', statement_timeout interval DEFAULT '1min',
    lock_safe boolean DEFAULT false,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, ok boolean,
               sqlstate text, error text, ms double precision, locks text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint, proven_as text,
               waits_behind text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_verify_drift_from_reference_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_verify_drift_from_reference(
    reference: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    lock_timeout: Option<Interval>,
    statement_timeout: Option<Interval>,
    lock_safe: Option<bool>,
    with_owners: Option<bool>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(ordinal, i32),
            name!(kind, String),
            name!(identity, String),
            name!(action, String),
            name!(statement, Option<String>),
            name!(ok, Option<bool>),
            name!(sqlstate, Option<String>),
            name!(error, Option<String>),
            name!(ms, Option<f64>),
            name!(locks, Vec<String>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
            name!(proven_as, Option<String>),
            name!(waits_behind, Option<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_verify_drift";
    let reference = required(reference, "reference", F)?;
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        with_owners,
    )?;
    let timeouts = Timeouts::new(lock_timeout, statement_timeout, lock_safe, F)?;
    Ok(rows_of(verify_drift(
        Expected::Reference(reference),
        &scope,
        timeouts,
    )?))
}

/// The timeout arguments of a proof, read.
struct Timeouts {
    lock: std::time::Duration,
    proof: std::time::Duration,
    /// The plan's lock timeout in milliseconds, when it is to be lock-safe.
    lock_safe: Option<u64>,
}

impl Timeouts {
    fn new(
        lock_timeout: Option<Interval>,
        statement_timeout: Option<Interval>,
        lock_safe: Option<bool>,
        function: &'static str,
    ) -> Result<Self, crate::error::Error> {
        Ok(Timeouts {
            lock_safe: lock_safety(lock_safe, lock_timeout, function)?,
            lock: interval_duration(
                required(lock_timeout, "lock_timeout", function)?,
                "lock_timeout",
            )?,
            proof: interval_duration(
                required(statement_timeout, "statement_timeout", function)?,
                "statement_timeout",
            )?,
        })
    }
}

/// The drift plan (data loss allowed, as `migra_drift` gives it: the proof is rolled back),
/// proven; the second diff reads this database again against the expected side as read once.
fn verify_drift(
    expected: Expected<'_>,
    scope: &Scope,
    timeouts: Timeouts,
) -> Result<Vec<ProofRow>, ErrorReport> {
    let through = super::drift::through(&expected);
    let Sides {
        live,
        wanted,
        schemas,
        labels,
        renames,
    } = read_sides(expected, scope)?;
    let uncovered = Uncovered::of_databases(&live, &wanted, labels, scope.options.with_privileges);
    uncovered.warn();
    uncovered.refuse_tables()?;
    let options = Options {
        lock_safe: timeouts.lock_safe.is_some(),
        ..scope.options
    };
    let steps = plan_databases_unwarned(renames, &live, &wanted, options, true)?;
    super::refuse_unknown_owners(&steps)?;
    warn_about_rows(&steps)?;
    let steps = made_lock_safe(steps, timeouts.lock_safe)?;
    drop(live);
    prove(&steps, timeouts.lock, timeouts.proof, &|| {
        let mut live = read_live_again(scope, schemas.clone())?;
        live.leave_out_servers(&through);
        plan_databases_unwarned(Vec::new(), &live, &wanted, scope.options, true)
    })
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::prelude::*;

    fn text(query: &str) -> String {
        Spi::get_one::<String>(query).unwrap().unwrap_or_default()
    }

    #[pg_test]
    fn the_plan_back_to_a_snapshot_is_proven_here_and_rolled_back() {
        Spi::run(
            "create schema app; create table app.t (id int primary key, note text);
             insert into app.t values (1, 'a'), (2, null);
             create table snapshots (s jsonb);
             insert into snapshots select migra_snapshot(array['app']);
             alter table app.t add column extra int;",
        )
        .unwrap();
        assert_eq!(
            text(
                "select string_agg(kind || ' ' || coalesce(ok::text, '-'), ', ' order by ordinal) \
                 from migra_verify_drift((select s from snapshots))"
            ),
            "setting true, column true, verify true"
        );
        // rolled back: the column the plan drops is still there
        assert_eq!(
            text(
                "select string_agg(attname, ',' order by attnum) from pg_attribute \
                 where attrelid = 'app.t'::regclass and attnum > 0 and not attisdropped"
            ),
            "id,note,extra"
        );
    }
}
