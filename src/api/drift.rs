//! Drift checks: is the live schema what we expect? `migra_drift` lists the differences,
//! `migra_assert_no_drift` fails when there are any (so that a scheduler marks the run failed),
//! `migra_log_drift` writes them to `migra_drift_log` instead. Each takes what is expected as a
//! snapshot (jsonb: `migra_baseline('name')`, or a `migra_snapshot()` kept anywhere) or as a
//! reference database (text: a connection string or a foreign server's name).

use pgrx::Internal;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::databases::{plan_databases_unwarned, read};
use super::snapshots::snapshot_text;
use super::{Row, Uncovered, refuse_unknown_schemas, required, rows_with_sizes, warn_about_rows};
use crate::diff::Options;
use crate::diff::uncompared::Uncompared;
use crate::error::{DriftChange, Error};
use crate::model::{Database, Snapshot};
use crate::plan::{Kind, Step};
use crate::remote;

/// What the live database is compared with.
pub(super) enum Expected<'a> {
    Snapshot(Box<Snapshot>),
    /// A connection string or a foreign server's name.
    Reference(&'a str),
}

/// The arguments every drift function shares, after the expected side.
pub(super) struct Scope {
    pub schemas: Option<Vec<String>>,
    pub exclude_schemas: Option<Vec<String>>,
    pub options: Options,
    pub exclude_extensions: Vec<String>,
    /// An object of a kind not compared that differs between the sides is drift, for the
    /// assertion and the log (`migra_drift`'s plan is refused instead when it is a table).
    pub uncompared_is_drift: bool,
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
        with_owners: Option<bool>,
    ) -> Result<Self, Error> {
        Ok(Scope {
            schemas,
            exclude_schemas,
            options: Options {
                with_privileges: required(with_privileges, "with_privileges", function)?,
                with_owners: required(with_owners, "with_owners", function)?,
                ignore_extension_versions: required(
                    ignore_extension_versions,
                    "ignore_extension_versions",
                    function,
                )?,
                create_extensions_only: false,
                lock_safe: false,
            },
            exclude_extensions: required(exclude_extensions, "exclude_extensions", function)?,
            uncompared_is_drift: true,
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
    Ok(Expected::Snapshot(Box::new(
        crate::untrusted::read_snapshot(&document)?,
    )))
}

/// What a drift check found: the statements that take this database to the expected schema,
/// and the objects of kinds not compared that differ.
pub(super) struct Found {
    pub steps: Vec<Step>,
    pub uncompared: Vec<Uncompared>,
}

/// The statements that take this database from its live state to the expected one, refused
/// when a table not compared differs. Data loss is allowed: this is a report of what differs,
/// and the `hazards` column says what would destroy data.
pub(super) fn drift(expected: Expected<'_>, scope: &Scope) -> Result<Vec<Step>, Error> {
    let found = find(expected, scope, true)?;
    // the plan is this database's: its roles must exist here
    super::refuse_unknown_owners(&found.steps)?;
    warn_about_rows(&found.steps)?;
    Ok(found.steps)
}

/// The drift, with the objects not compared that differ; `refuse_tables`: a table among them
/// refuses the plan (0A000), else the plan is made around it and the difference reported.
fn find(expected: Expected<'_>, scope: &Scope, refuse_tables: bool) -> Result<Found, Error> {
    let Sides {
        live,
        wanted,
        labels,
        renames,
        ..
    } = read_sides(expected, scope)?;
    let uncovered = Uncovered::of_databases(&live, &wanted, labels, scope.options.with_privileges);
    uncovered.warn();
    if refuse_tables {
        uncovered.refuse_tables()?;
    }
    let uncompared = uncovered.differences;
    let steps = plan_databases_unwarned(renames, &live, &wanted, scope.options, true)?;
    Ok(Found { steps, uncompared })
}

/// The two sides of a drift check, read: this database as it is, and the expected schema;
/// the schemas compared, and how messages name each side.
pub(super) struct Sides {
    pub live: Database,
    pub wanted: Database,
    pub schemas: Option<Vec<String>>,
    pub labels: [String; 2],
    /// The rename intents recorded here (`migra_renames`) that ran before `live` was read, as
    /// the plan's first steps.
    pub renames: Vec<Step>,
}

/// The server a reference database is reached through, when it is named as one: the means of
/// the check, left out of both sides.
pub(super) fn through(expected: &Expected<'_>) -> Vec<String> {
    match expected {
        Expected::Reference(connection) => vec![(*connection).to_owned()],
        Expected::Snapshot(_) => Vec::new(),
    }
}

/// Reads both sides of a drift check; a schema of `schemas` on neither side is refused.
pub(super) fn read_sides(expected: Expected<'_>, scope: &Scope) -> Result<Sides, Error> {
    let through = through(&expected);
    let (expected_label, (mut live, mut wanted, schemas)) = match expected {
        Expected::Snapshot(snapshot) => {
            let (schemas, wanted) = scope.expected_from(*snapshot);
            let live = read(None, "live", schemas.clone(), scope.exclude_schemas.clone())?;
            ("the expected snapshot".to_owned(), (live, wanted, schemas))
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
            (
                super::databases::shown(Some(connection)),
                (live, wanted, scope.schemas.clone()),
            )
        }
    };
    // with rename intents recorded, this database as they leave it
    let intents = super::renames::intents(None)?;
    let mut renames = Vec::new();
    if !intents.is_empty() {
        let (renamed, ran) = super::renames::run_agreed(
            intents,
            || read(None, "live", schemas.clone(), scope.exclude_schemas.clone()),
            |_, rename, applied| super::renames::kept_in(rename, &wanted, applied),
        )?;
        live = renamed;
        renames = super::renames::steps(ran);
    }
    for database in [&mut live, &mut wanted] {
        database.leave_out_extensions(&scope.exclude_extensions);
        // the server a reference database is reached through is the means of the check
        database.leave_out_servers(&through);
    }
    let labels = ["this database".to_owned(), expected_label];
    refuse_unknown_schemas(schemas.as_deref(), &live, &wanted, &labels)?;
    Ok(Sides {
        live,
        wanted,
        schemas,
        labels,
        renames,
    })
}

/// This database read again as `read_sides` read it, for a second diff.
pub(super) fn read_live_again(
    scope: &Scope,
    schemas: Option<Vec<String>>,
) -> Result<Database, Error> {
    let mut live = read(None, "live", schemas, scope.exclude_schemas.clone())?;
    live.leave_out_extensions(&scope.exclude_extensions);
    Ok(live)
}

/// The drift between two databases already read, for the fleet check (which names what is not
/// compared once, for all its databases): refused when a table not compared differs.
pub(super) fn compare_unwarned(
    live: &Database,
    wanted: &Database,
    scope: &Scope,
) -> Result<Vec<Step>, Error> {
    let labels = ["this database".to_owned(), "the expected schema".to_owned()];
    refuse_unknown_schemas(scope.schemas.as_deref(), live, wanted, &labels)?;
    let differences = crate::diff::uncompared::between_databases(live, wanted);
    let objects: Vec<String> = differences
        .iter()
        .filter(|d| d.is_table())
        .map(Uncompared::describe)
        .collect();
    if !objects.is_empty() {
        return Err(Error::NotComparedTables { objects });
    }
    plan_databases_unwarned(Vec::new(), live, wanted, scope.options, true)
}

/// The differences among the steps: every step but the settings that open a plan.
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

/// Every difference found: the plan's, then (when they count) the objects not compared that
/// differ, which no statement changes: their `statement` is a comment that says so.
fn differences(found: &Found, scope: &Scope) -> Vec<DriftChange> {
    let mut all = changes(&found.steps);
    if scope.uncompared_is_drift {
        all.extend(found.uncompared.iter().map(|u| DriftChange {
            kind: "not compared".to_owned(),
            identity: u.describe(),
            action: "differs".to_owned(),
            statement: format!(
                "-- {}: not compared by migra, to be made the same by hand",
                u.describe()
            ),
        }));
    }
    all
}

fn assert_no_drift(expected: Expected<'_>, scope: &Scope) -> Result<(), Error> {
    let changes = differences(&find(expected, scope, false)?, scope);
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
    let found = find(expected, scope, false)?;
    let count = differences(&found, scope).len() as i32;
    if count > 0 {
        let mut rows: Vec<serde_json::Value> = rows_with_sizes(found.steps)?
            .into_iter()
            .map(row_json)
            .collect();
        if scope.uncompared_is_drift {
            let next = rows.len() as i32 + 1;
            rows.extend(found.uncompared.iter().enumerate().map(|(i, u)| {
                serde_json::json!({
                    "ordinal": next + i as i32, "kind": "not compared", "identity": u.describe(),
                    "action": "differs", "statement": null, "hazards": [],
                })
            }));
        }
        let schema = super::baselines::extension_schema()?;
        Spi::connect_mut(|client| {
            client.update(
                &format!(
                    "insert into {}.migra_drift_log (check_name, differences, drift) values ($1, $2, $3::pg_catalog.jsonb)",
                    crate::ident::quote_ident(&schema)
                ),
                None,
                &[check_name.into(), count.into(), serde_json::Value::Array(rows).to_string().into()],
            )?;
            Ok::<_, Error>(())
        })?;
    }
    Ok(count)
}

fn row_json(
    (ordinal, kind, identity, action, statement, hazards, relation, lock_mode, tuples, bytes): Row,
) -> serde_json::Value {
    serde_json::json!({
        "ordinal": ordinal, "kind": kind, "identity": identity, "action": action,
        "statement": statement, "hazards": hazards, "relation": relation,
        "lock_mode": lock_mode, "table_rows": tuples, "table_bytes": bytes,
    })
}

/// The statements that take this database to the expected snapshot.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
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
            name!(hazards, Vec<String>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
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
        with_owners,
    )?;
    let steps = drift(expected_snapshot(expected, F)?, &scope)?;
    crate::timing::report(F);
    Ok(TableIterator::new(rows_with_sizes(steps)?))
}

/// The statements that take this database to the schema of a reference database.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
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
            name!(hazards, Vec<String>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
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
        with_owners,
    )?;
    let steps = drift(Expected::Reference(reference), &scope)?;
    crate::timing::report(F);
    Ok(TableIterator::new(rows_with_sizes(steps)?))
}

/// Nothing when this database matches the snapshot; an ERROR (P0004) naming the differences
/// otherwise.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_assert_no_drift(
    expected jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_snapshot_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_assert_no_drift_from_snapshot(
    expected: Option<Internal>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    uncompared_is_drift: Option<bool>,
    with_owners: Option<bool>,
) -> Result<(), ErrorReport> {
    const F: &str = "migra_assert_no_drift";
    let mut scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        with_owners,
    )?;
    scope.uncompared_is_drift = required(uncompared_is_drift, "uncompared_is_drift", F)?;
    Ok(assert_no_drift(expected_snapshot(expected, F)?, &scope)?)
}

/// Nothing when this database matches the reference database; an ERROR (P0004) otherwise.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_assert_no_drift(
    reference text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_assert_no_drift_from_reference_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_assert_no_drift_from_reference(
    reference: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    uncompared_is_drift: Option<bool>,
    with_owners: Option<bool>,
) -> Result<(), ErrorReport> {
    const F: &str = "migra_assert_no_drift";
    let reference = required(reference, "reference", F)?;
    let mut scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        with_owners,
    )?;
    scope.uncompared_is_drift = required(uncompared_is_drift, "uncompared_is_drift", F)?;
    Ok(assert_no_drift(Expected::Reference(reference), &scope)?)
}

/// Writes the drift from the snapshot to `migra_drift_log` and returns the number of differences.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_log_drift(
    expected jsonb, check_name text DEFAULT NULL,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    with_privileges boolean DEFAULT false, ignore_extension_versions boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_snapshot_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_log_drift_from_snapshot(
    expected: Option<Internal>,
    check_name: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    uncompared_is_drift: Option<bool>,
    with_owners: Option<bool>,
) -> Result<i32, ErrorReport> {
    const F: &str = "migra_log_drift";
    let mut scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        with_owners,
    )?;
    scope.uncompared_is_drift = required(uncompared_is_drift, "uncompared_is_drift", F)?;
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
    exclude_extensions text[] DEFAULT ARRAY['dblink', 'pg_cron'],
    uncompared_is_drift boolean DEFAULT true,
    with_owners boolean DEFAULT false)
RETURNS integer
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_log_drift_from_reference_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_log_drift_from_reference(
    reference: Option<&str>,
    check_name: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    uncompared_is_drift: Option<bool>,
    with_owners: Option<bool>,
) -> Result<i32, ErrorReport> {
    const F: &str = "migra_log_drift";
    let reference = required(reference, "reference", F)?;
    let mut scope = Scope::new(
        F,
        schemas,
        exclude_schemas,
        with_privileges,
        ignore_extension_versions,
        exclude_extensions,
        with_owners,
    )?;
    scope.uncompared_is_drift = required(uncompared_is_drift, "uncompared_is_drift", F)?;
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

    /// A whole-database plan runs under `search_path = pg_catalog`: a SQL function whose body
    /// names its table unqualified is made with its body unchecked, as pg_dump's scripts do.
    #[pg_test]
    fn a_sql_function_with_unqualified_names_is_made_again_by_a_whole_database_plan() {
        Spi::run(
            "create schema app; create table app.order_items (id int primary key, qty int);
             set search_path to app;
             create function app.items_count() returns bigint language sql stable
               as 'select count(*) from order_items';
             reset search_path;
             select migra_baseline_save('app', schemas => '{app}');
             drop function app.items_count();",
        )
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
        assert_eq!(
            statements[..2],
            [
                "SET search_path TO pg_catalog;",
                "SET check_function_bodies = false;"
            ]
        );
        for statement in &statements {
            Spi::run(statement).unwrap();
        }
        Spi::run("reset search_path; reset check_function_bodies").unwrap();
        assert_eq!(
            count("select count(*) from migra_drift(migra_baseline('app'))"),
            0,
            "{statements:#?}"
        );
        assert_eq!(count("set search_path to app; select app.items_count()"), 0);
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

    /// The statements of `migra_drift` against the baseline `app`, settings left out.
    fn drift_statements() -> Vec<String> {
        Spi::connect(|client| {
            client
                .select(
                    "select statement from migra_drift(migra_baseline('app')) \
                     where kind <> 'setting' order by ordinal",
                    None,
                    &[],
                )
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect()
        })
    }

    #[pg_test]
    fn a_table_taken_out_of_inheritance_inherits_again_never_dropped() {
        Spi::run(
            "create schema app; create table app.notes (id serial primary key, body text);
             create table app.order_notes (order_id int) inherits (app.notes);
             select migra_baseline_save('app', schemas => '{app}');
             alter table app.order_notes no inherit app.notes;",
        )
        .unwrap();
        assert_eq!(
            drift_statements(),
            [r#"ALTER TABLE "app"."order_notes" INHERIT "app"."notes";"#]
        );
    }

    #[pg_test]
    fn a_column_added_to_a_partitioned_table_is_dropped_from_the_parent_alone() {
        Spi::run(
            "create schema app; create table app.events (at date, n int) partition by range (at);
             create table app.events_2026 partition of app.events for values from ('2026-01-01') to ('2027-01-01');
             select migra_baseline_save('app', schemas => '{app}');
             alter table app.events add column note text;",
        )
        .unwrap();
        // the partition follows its parent: one statement, not one per partition
        assert_eq!(
            drift_statements(),
            [r#"ALTER TABLE "app"."events" DROP COLUMN "note";"#]
        );
        let (code, text) = error_of("select migra_assert_no_drift(migra_baseline('app'))");
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_ASSERT_FAILURE), "{text}");
    }

    #[pg_test]
    fn a_dropped_partition_is_drift() {
        Spi::run(
            "create schema app; create table app.events (at date) partition by range (at);
             create table app.events_2026 partition of app.events for values from ('2026-01-01') to ('2027-01-01');
             select migra_baseline_save('app', schemas => '{app}');
             drop table app.events_2026;",
        )
        .unwrap();
        assert_eq!(
            drift_statements(),
            [
                r#"CREATE TABLE "app"."events_2026" PARTITION OF "app"."events" FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"#
            ]
        );
    }

    #[pg_test]
    fn a_misspelt_schema_is_refused_not_read_as_no_drift() {
        app_with_baseline();
        let (code, text) =
            error_of("select * from migra_drift(migra_baseline('app'), schemas => '{publik}')");
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_INVALID_SCHEMA_NAME),
            "{text}"
        );
        assert!(
            text.contains(
                r#"schema "publik" does not exist in the source (this database) nor in the target"#
            ),
            "{text}"
        );
    }

    #[pg_test]
    fn a_misspelt_schema_is_refused_between_databases_too() {
        Spi::run("create schema app").unwrap();
        let (code, text) =
            error_of("select * from migra_diff_remote(null, null, schemas => '{app,publik}')");
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_INVALID_SCHEMA_NAME),
            "{text}"
        );
    }
}
