//! `migra_drift_fleet`: one expected schema against many databases, read in parallel.

use std::time::Duration;

use pgrx::Internal;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::databases::read;
use super::drift::{Expected, Scope, changes, compare_unwarned, expected_snapshot};
use super::required;
use crate::error::Error;
use crate::fleet::{self, Limits};
use crate::model::Database;

type FleetRow = (
    i32,
    String,
    Option<i32>,
    Option<i32>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Vec<String>>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

/// The arguments after `databases`, checked.
struct FleetArguments {
    databases: Vec<Option<String>>,
    scope: Scope,
    limits: Limits,
}

const MAX_IN_FLIGHT: i32 = 100;

impl FleetArguments {
    #[allow(clippy::too_many_arguments)]
    fn new(
        databases: Option<Vec<Option<String>>>,
        schemas: Option<Vec<String>>,
        exclude_schemas: Option<Vec<String>>,
        with_privileges: Option<bool>,
        ignore_extension_versions: Option<bool>,
        exclude_extensions: Option<Vec<String>>,
        max_parallel: Option<i32>,
        timeout_seconds: Option<i32>,
        with_owners: Option<bool>,
    ) -> Result<Self, Error> {
        const F: &str = "migra_drift_fleet";
        let databases = required(databases, "databases", F)?;
        let max_parallel = required(max_parallel, "max_parallel", F)?;
        let timeout_seconds = required(timeout_seconds, "timeout_seconds", F)?;
        if !(1..=MAX_IN_FLIGHT).contains(&max_parallel) {
            return Err(Error::InvalidArgument(format!(
                "max_parallel must be between 1 and {MAX_IN_FLIGHT}, not {max_parallel}"
            )));
        }
        if timeout_seconds < 1 {
            return Err(Error::InvalidArgument(format!(
                "timeout_seconds must be at least 1, not {timeout_seconds}"
            )));
        }
        Ok(FleetArguments {
            databases,
            scope: Scope::new(
                F,
                schemas,
                exclude_schemas,
                with_privileges,
                ignore_extension_versions,
                exclude_extensions,
                with_owners,
            )?,
            limits: Limits {
                in_flight: max_parallel as usize,
                timeout: Duration::from_secs(timeout_seconds as u64),
            },
        })
    }
}

/// Every database against the expected schema: a row per difference, one row with
/// `differences = 0` for a database that matches, one row with `error` for one that could not be
/// read or compared.
fn drift_fleet(expected: Expected<'_>, arguments: FleetArguments) -> Result<Vec<FleetRow>, Error> {
    let FleetArguments {
        databases,
        scope,
        limits,
    } = arguments;
    let (mut wanted, schemas) = match expected {
        Expected::Snapshot(snapshot) => {
            let (schemas, wanted) = scope.expected_from(*snapshot);
            (wanted, schemas)
        }
        Expected::Reference(connection) => (
            read(
                Some(connection),
                "reference",
                scope.schemas.clone(),
                scope.exclude_schemas.clone(),
            )?,
            scope.schemas.clone(),
        ),
    };
    wanted.leave_out_extensions(&scope.exclude_extensions);

    let given: Vec<(usize, String)> = databases
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.as_ref().map(|d| (i, d.clone())))
        .collect();
    let connections: Vec<String> = given.iter().map(|(_, d)| d.clone()).collect();
    let outcomes = fleet::read(
        &connections,
        schemas.as_deref(),
        scope.exclude_schemas.as_deref(),
        &limits,
    )?;
    let mut outcome_of: Vec<Option<fleet::Outcome>> = (0..databases.len()).map(|_| None).collect();
    for ((index, _), outcome) in given.into_iter().zip(outcomes) {
        outcome_of[index] = Some(outcome);
    }
    let servers = foreign_servers(&connections)?;
    // one WARNING for every side: what the expected schema and the databases hold that is not
    // compared (a table among them that differs is the error of its database's row)
    let mut databases_read = Vec::new();
    for live in outcome_of.iter().flatten().flatten() {
        databases_read.extend(live.schemas.iter().cloned());
    }
    let sides = vec![
        ("the expected schema".to_owned(), wanted.schemas.as_slice()),
        ("the databases".to_owned(), databases_read.as_slice()),
    ];
    super::Uncovered {
        sides,
        differences: Vec::new(),
        grants: Vec::new(),
    }
    .warn();

    let mut rows = Vec::new();
    for (index, (connection, outcome)) in databases.iter().zip(outcome_of).enumerate() {
        let number = index as i32 + 1;
        let shown = match connection {
            None => "NULL".to_owned(),
            Some(c) if servers.contains(c) => c.clone(),
            Some(c) => crate::conninfo::connection_shown(c),
        };
        let outcome = outcome.unwrap_or_else(|| Err("22004: the database is NULL".into()));
        let steps = outcome.and_then(|mut live: Database| {
            live.leave_out_extensions(&scope.exclude_extensions);
            compare_unwarned(&live, &wanted, &scope).map_err(|e| e.to_string())
        });
        let counted = steps.map(|steps| (changes(&steps).len() as i32, steps));
        match counted {
            Err(error) => rows.push((
                number,
                shown,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                Some(error),
            )),
            Ok((0, _)) => rows.push((
                number,
                shown,
                Some(0),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            )),
            Ok((count, steps)) => {
                for (
                    ordinal,
                    kind,
                    identity,
                    action,
                    statement,
                    hazards,
                    relation,
                    lock_mode,
                    ..,
                ) in super::rows(steps)
                {
                    rows.push((
                        number,
                        shown.clone(),
                        Some(count),
                        Some(ordinal),
                        Some(kind),
                        Some(identity),
                        Some(action),
                        Some(statement),
                        Some(hazards),
                        relation,
                        lock_mode,
                        None,
                        None,
                        None,
                    ));
                }
            }
        }
    }
    Ok(rows)
}

/// Which of the texts name a foreign server (shown as they are; connection strings are shown
/// without their password).
fn foreign_servers(connections: &[String]) -> Result<Vec<String>, Error> {
    Spi::connect(|client| {
        Ok(client
            .select(
                "select srvname::pg_catalog.text from pg_catalog.pg_foreign_server where srvname operator(pg_catalog.=) any ($1)",
                None,
                &[connections.to_vec().into()],
            )?
            .map(|row| row.get::<String>(1))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect())
    })
}

/// One snapshot against many databases.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_drift_fleet(
    expected jsonb, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60,
    with_owners boolean DEFAULT false)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], relation text, lock_mode text,
               table_rows bigint, table_bytes bigint, error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_snapshot_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_drift_fleet_from_snapshot(
    expected: Option<Internal>,
    databases: Option<Vec<Option<String>>>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    max_parallel: Option<i32>,
    timeout_seconds: Option<i32>,
    with_owners: Option<bool>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(database_number, i32),
            name!(database, String),
            name!(differences, Option<i32>),
            name!(ordinal, Option<i32>),
            name!(kind, Option<String>),
            name!(identity, Option<String>),
            name!(action, Option<String>),
            name!(statement, Option<String>),
            name!(hazards, Option<Vec<String>>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
            name!(error, Option<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_drift_fleet";
    let arguments = FleetArguments::new(
        databases,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        max_parallel,
        timeout_seconds,
        with_owners,
    )?;
    Ok(TableIterator::new(drift_fleet(
        expected_snapshot(expected, F)?,
        arguments,
    )?))
}

/// A reference database against many databases.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_drift_fleet(
    reference text, databases text[],
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    max_parallel integer DEFAULT 8, timeout_seconds integer DEFAULT 60,
    with_owners boolean DEFAULT false)
RETURNS TABLE (database_number integer, database text, differences integer, ordinal integer, kind text,
               identity text, action text, statement text, hazards text[], relation text, lock_mode text,
               table_rows bigint, table_bytes bigint, error text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_drift_fleet_from_reference_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_drift_fleet_from_reference(
    reference: Option<&str>,
    databases: Option<Vec<Option<String>>>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    max_parallel: Option<i32>,
    timeout_seconds: Option<i32>,
    with_owners: Option<bool>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(database_number, i32),
            name!(database, String),
            name!(differences, Option<i32>),
            name!(ordinal, Option<i32>),
            name!(kind, Option<String>),
            name!(identity, Option<String>),
            name!(action, Option<String>),
            name!(statement, Option<String>),
            name!(hazards, Option<Vec<String>>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
            name!(error, Option<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_drift_fleet";
    let reference = required(reference, "reference", F)?;
    let arguments = FleetArguments::new(
        databases,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        max_parallel,
        timeout_seconds,
        with_owners,
    )?;
    Ok(TableIterator::new(drift_fleet(
        Expected::Reference(reference),
        arguments,
    )?))
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::sqlstate_of;

    #[pg_test]
    fn an_unreachable_database_is_a_row_with_its_error() {
        Spi::run("create extension dblink; create schema app; create table app.t (id int); select migra_baseline_save('app', '{app}')").unwrap();
        let row = Spi::get_two::<String, String>(
            "select database, error from migra_drift_fleet(migra_baseline('app'),
               ARRAY['host=/nonexistent/socket/dir dbname=x password=sekrit-42'])",
        )
        .unwrap();
        assert_eq!(
            row.0.as_deref(),
            Some("host=/nonexistent/socket/dir dbname=x")
        );
        let error = row.1.unwrap();
        assert!(
            error.starts_with("08001: could not establish connection"),
            "{error}"
        );
        assert!(!error.contains("sekrit-42"), "{error}");
    }

    #[pg_test]
    fn limits_out_of_range_are_invalid_parameter_value() {
        Spi::run("create extension dblink").unwrap();
        let query = "select * from migra_drift_fleet(migra_snapshot(), '{}', max_parallel => 0)";
        assert_eq!(
            sqlstate_of(query),
            Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE)
        );
    }
}
