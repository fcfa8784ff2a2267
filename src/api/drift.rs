//! Drift checks: is the live schema what we expect? `migra_drift` lists the differences,
//! `migra_assert_no_drift` fails when there are any (so that a scheduler marks the run failed),
//! `migra_log_drift` writes them to `migra_drift_log` instead. Each takes what is expected as a
//! snapshot (jsonb: `migra_baseline('name')`, or a `migra_snapshot()` kept anywhere) or as a
//! reference database (text: a connection string or a foreign server's name).

use pgrx::Internal;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::databases::{plan_databases, plan_databases_unwarned, read};
use super::snapshots::snapshot_text;
use super::{Row, required, rows};
use crate::diff::Options;
use crate::error::{DriftChange, Error};
use crate::model::{Database, Snapshot};
use crate::plan::{Kind, Step};
use crate::remote;

/// What the live database is compared with.
pub(super) enum Expected<'a> {
    Snapshot(Snapshot),
    /// A connection string or a foreign server's name.
    Reference(&'a str),
}

/// The arguments every drift function shares, after the expected side.
pub(super) struct Scope {
    pub schemas: Option<Vec<String>>,
    pub exclude_schemas: Option<Vec<String>>,
    pub options: Options,
    pub exclude_extensions: Vec<String>,
}

impl Scope {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        function: &'static str,
        schemas: Option<Vec<String>>,
        exclude_schemas: Option<Vec<String>>,
        with_privileges: Option<bool>,
        ignore_extension_versions: Option<bool>,
        exclude_extensions: Option<Vec<String>>,
    ) -> Result<Self, Error> {
        Ok(Scope {
            schemas,
            exclude_schemas,
            options: Options {
                with_privileges: required(with_privileges, "with_privileges", function)?,
                ignore_extension_versions: required(
                    ignore_extension_versions,
                    "ignore_extension_versions",
                    function,
                )?,
                create_extensions_only: false,
            },
            exclude_extensions: required(exclude_extensions, "exclude_extensions", function)?,
        })
    }

    /// The schemas a live database is read for against `snapshot`, and what of the snapshot is
    /// compared: a snapshot of some schemas is compared with those schemas only, unless
    /// `schemas` names others.
    pub(super) fn expected_from(&self, snapshot: Snapshot) -> (Option<Vec<String>>, Database) {
        let schemas = self.schemas.clone().or(snapshot.scope);
        let mut wanted = snapshot.database;
        wanted.keep_schemas(schemas.as_deref(), self.exclude_schemas.as_deref());
        (schemas, wanted)
    }
}

/// The snapshot argument of a drift function, decoded and checked.
pub(super) fn expected_snapshot(
    argument: Option<Internal>,
    function: &'static str,
) -> Result<Expected<'static>, Error> {
    let document = snapshot_text(required(argument, "expected", function)?)?;
    Ok(Expected::Snapshot(Snapshot::from_text(&document)?))
}

/// The statements that take this database from its live state to the expected one. Data loss
/// is allowed: this is a report of what differs, and the `hazards` column says what would
/// destroy data.
pub(super) fn drift(expected: Expected<'_>, scope: &Scope) -> Result<Vec<Step>, Error> {
    let (mut live, mut wanted) = match expected {
        Expected::Snapshot(snapshot) => {
            let (schemas, wanted) = scope.expected_from(snapshot);
            (
                read(None, "live", schemas, scope.exclude_schemas.clone())?,
                wanted,
            )
        }
        Expected::Reference(connection) => {
            let [live, wanted] = remote::read_databases(
                [
                    remote::Side::Here,
                    remote::Side::Remote {
                        connection,
                        which: "reference",
                    },
                ],
                scope.schemas.clone(),
                scope.exclude_schemas.clone(),
            )?;
            (live, wanted)
        }
    };
    for database in [&mut live, &mut wanted] {
        database.leave_out_extensions(&scope.exclude_extensions);
    }
    compare(&live, &wanted, scope)
}

/// The drift between two databases already read.
fn compare(live: &Database, wanted: &Database, scope: &Scope) -> Result<Vec<Step>, Error> {
    plan_databases(live, wanted, scope.options, true)
}

/// The same, without the WARNING about what is not compared (the fleet check gives one for all
/// its databases).
pub(super) fn compare_unwarned(
    live: &Database,
    wanted: &Database,
    scope: &Scope,
) -> Result<Vec<Step>, Error> {
    plan_databases_unwarned(live, wanted, scope.options, true)
}

/// The differences among the steps: every step but the `SET search_path` that opens a plan.
pub(super) fn changes(steps: &[Step]) -> Vec<DriftChange> {
    steps
        .iter()
        .filter(|s| s.kind != Kind::Setting)
        .map(|s| DriftChange {
            kind: s.kind.as_str().to_owned(),
            identity: s.identity.clone(),
            action: s.action.as_str().to_owned(),
            statement: s.statement.clone(),
        })
        .collect()
}

fn assert_no_drift(expected: Expected<'_>, scope: &Scope) -> Result<(), Error> {
    let changes = changes(&drift(expected, scope)?);
    if changes.is_empty() {
        Ok(())
    } else {
        Err(Error::Drift { changes })
    }
}

/// Writes the drift found to `migra_drift_log` (nothing when there is none) and returns how many
/// differences there are.
fn log_drift(
    expected: Expected<'_>,
    check_name: Option<&str>,
    scope: &Scope,
) -> Result<i32, Error> {
    let steps = drift(expected, scope)?;
    let count = changes(&steps).len() as i32;
    if count > 0 {
        let rows: Vec<serde_json::Value> = rows(steps).into_iter().map(row_json).collect();
        let schema = super::baselines::extension_schema()?;
        Spi::connect_mut(|client| {
            client.update(
                &format!(
                    "insert into {}.migra_drift_log (check_name, differences, drift) values ($1, $2, $3::pg_catalog.jsonb)",
                    crate::ddl::quote_ident(&schema)
                ),
                None,
                &[check_name.into(), count.into(), serde_json::Value::Array(rows).to_string().into()],
            )?;
            Ok::<_, Error>(())
        })?;
    }
    Ok(count)
}

fn row_json((ordinal, kind, identity, action, statement, hazards): Row) -> serde_json::Value {
    serde_json::json!({
        "ordinal": ordinal, "kind": kind, "identity": identity, "action": action,
        "statement": statement, "hazards": hazards,
    })
}

/// The statements that take this database to the expected snapshot.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_snapshot_wrapper';
"#)]
fn migra_drift_from_snapshot(
    expected: Option<Internal>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(ordinal, i32),
            name!(kind, String),
            name!(identity, String),
            name!(action, String),
            name!(statement, String),
            name!(hazards, Vec<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_drift";
    crate::timing::start();
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
    )?;
    let steps = drift(expected_snapshot(expected, F)?, &scope)?;
    crate::timing::report(F);
    Ok(TableIterator::new(rows(steps)))
}

/// The statements that take this database to the schema of a reference database.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_from_reference_wrapper';
"#)]
fn migra_drift_from_reference(
    reference: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(ordinal, i32),
            name!(kind, String),
            name!(identity, String),
            name!(action, String),
            name!(statement, String),
            name!(hazards, Vec<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_drift";
    crate::timing::start();
    let reference = required(reference, "reference", F)?;
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
    )?;
    let steps = drift(Expected::Reference(reference), &scope)?;
    crate::timing::report(F);
    Ok(TableIterator::new(rows(steps)))
}

/// Nothing when this database matches the snapshot; an ERROR (P0004) naming the differences
/// otherwise.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_assert_no_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_snapshot_wrapper';
"#)]
fn migra_assert_no_drift_from_snapshot(
    expected: Option<Internal>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
) -> Result<(), ErrorReport> {
    const F: &str = "migra_assert_no_drift";
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
    )?;
    Ok(assert_no_drift(expected_snapshot(expected, F)?, &scope)?)
}

/// Nothing when this database matches the reference database; an ERROR (P0004) otherwise.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_assert_no_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_reference_wrapper';
"#)]
fn migra_assert_no_drift_from_reference(
    reference: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
) -> Result<(), ErrorReport> {
    const F: &str = "migra_assert_no_drift";
    let reference = required(reference, "reference", F)?;
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
    )?;
    Ok(assert_no_drift(Expected::Reference(reference), &scope)?)
}

/// Writes the drift from the snapshot to `migra_drift_log` and returns the number of differences.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_log_drift(
    expected jsonb, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_snapshot_wrapper';
"#)]
fn migra_log_drift_from_snapshot(
    expected: Option<Internal>,
    check_name: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
) -> Result<i32, ErrorReport> {
    const F: &str = "migra_log_drift";
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
    )?;
    Ok(log_drift(
        expected_snapshot(expected, F)?,
        check_name,
        &scope,
    )?)
}

/// Writes the drift from the reference database to `migra_drift_log` and returns the number of
/// differences.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_log_drift(
    reference text, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'])
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_reference_wrapper';
"#)]
fn migra_log_drift_from_reference(
    reference: Option<&str>,
    check_name: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
) -> Result<i32, ErrorReport> {
    const F: &str = "migra_log_drift";
    let reference = required(reference, "reference", F)?;
    let scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
    )?;
    Ok(log_drift(
        Expected::Reference(reference),
        check_name,
        &scope,
    )?)
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::error_of;

    fn count(query: &str) -> i64 {
        Spi::get_one::<i64>(query).unwrap().unwrap()
    }

    fn app_with_baseline() {
        Spi::run(
            "create schema app; create table app.orders (id int primary key, total numeric);
             select migra_baseline_save('app', schemas => '{app}');",
        )
        .unwrap();
    }

    #[pg_test]
    fn no_drift_gives_no_rows_and_the_assertion_passes() {
        app_with_baseline();
        assert_eq!(
            count("select count(*) from migra_drift(migra_baseline('app'))"),
            0
        );
        Spi::run("select migra_assert_no_drift(migra_baseline('app'))").unwrap();
        assert_eq!(
            Spi::get_one::<i32>("select migra_log_drift(migra_baseline('app'), 'hourly')").unwrap(),
            Some(0)
        );
        assert_eq!(count("select count(*) from migra_drift_log"), 0);
    }

    #[pg_test]
    fn a_snapshot_of_some_schemas_is_compared_with_those_schemas_only() {
        app_with_baseline();
        Spi::run("create schema other; create table other.t (id int)").unwrap();
        assert_eq!(
            count("select count(*) from migra_drift(migra_baseline('app'))"),
            0
        );
        // asked for every schema, the one only the live side has is drift
        assert!(
            count(
                "select count(*) from migra_drift(migra_baseline('app'), schemas => '{app,other}')"
            ) > 0
        );
    }

    #[pg_test]
    fn drift_rows_take_the_live_schema_back_to_the_expected_one() {
        app_with_baseline();
        Spi::run("alter table app.orders add column note text; create index on app.orders (total)")
            .unwrap();
        let statements = Spi::connect(|c| {
            c.select(
                "select statement from migra_drift(migra_baseline('app')) order by ordinal",
                None,
                &[],
            )
            .unwrap()
            .map(|row| row.get::<String>(1).unwrap().unwrap())
            .collect::<Vec<_>>()
        });
        assert_eq!(statements[0], "SET search_path TO pg_catalog;");
        for statement in &statements {
            Spi::run(statement).unwrap();
        }
        Spi::run("reset search_path").unwrap();
        assert_eq!(
            count("select count(*) from migra_drift(migra_baseline('app'))"),
            0,
            "{statements:#?}"
        );
    }

    #[pg_test]
    fn drift_found_is_logged_with_its_statements() {
        app_with_baseline();
        Spi::run("alter table app.orders add column note text").unwrap();
        assert_eq!(
            Spi::get_one::<i32>(
                "select migra_log_drift(migra_baseline('app'), check_name => 'hourly')"
            )
            .unwrap(),
            Some(1)
        );
        let logged = Spi::get_one::<String>(
            "select check_name || ': ' || differences || ': ' || (drift -> 1 ->> 'statement') from migra_drift_log",
        )
        .unwrap();
        assert_eq!(
            logged.as_deref(),
            Some(r#"hourly: 1: ALTER TABLE "app"."orders" DROP COLUMN "note";"#)
        );
    }

    #[pg_test]
    fn drift_fails_the_assertion_with_assert_failure_naming_the_differences() {
        app_with_baseline();
        Spi::run("alter table app.orders add column note text; create table app.extra (id int)")
            .unwrap();
        let (code, text) = error_of("select migra_assert_no_drift(migra_baseline('app'))");
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_ASSERT_FAILURE), "{text}");
        assert!(
            text.starts_with("schema drift: 2 differences from the expected schema: "),
            "{text}"
        );
        assert!(text.contains("drop table app.extra"), "{text}");
        assert!(text.contains(r#"DROP TABLE "app"."extra";"#), "{text}");
    }

    #[pg_test(error = "argument \"expected\" of migra_assert_no_drift must not be null")]
    fn a_null_expectation_is_named() {
        Spi::run("select migra_assert_no_drift(null::jsonb)").unwrap();
    }

    #[pg_test]
    fn a_reference_database_needs_dblink() {
        let (code, _) = error_of("select migra_assert_no_drift('dbname=reference')");
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_UNDEFINED_FUNCTION));
    }
}
