//! Baselines: snapshots kept under a name in `migra_baselines`, a table of the extension that
//! `pg_dump` dumps as configuration data, and the log that drift checks write to.

use pgrx::JsonB;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::databases::read;
use crate::error::Error;
use crate::ident::quote_ident;
use crate::model::Snapshot;

extension_sql!(
    r#"
CREATE TABLE migra_baselines (
    name text PRIMARY KEY,
    snapshot jsonb NOT NULL CHECK (pg_catalog.jsonb_typeof(snapshot) = 'object'),
    saved_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    saved_by name NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE migra_baselines IS 'Snapshots kept under a name by migra_baseline_save(); read with migra_baseline(name)';
SELECT pg_catalog.pg_extension_config_dump('migra_baselines', '');

CREATE TABLE migra_drift_log (
    found_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    database name NOT NULL DEFAULT pg_catalog.current_database(),
    check_name text,
    differences integer NOT NULL CHECK (differences > 0),
    drift jsonb NOT NULL
);
CREATE INDEX migra_drift_log_found_at ON migra_drift_log (found_at);
COMMENT ON TABLE migra_drift_log IS 'Drift found by migra_log_drift(): when, by which check, how many differences, and the rows of migra_drift()';
SELECT pg_catalog.pg_extension_config_dump('migra_drift_log', '');
"#,
    name = "baseline_and_log_tables"
);

/// The schema the extension was created in, which holds its tables.
pub(super) fn extension_schema() -> Result<String, Error> {
    pgrx::Spi::connect(crate::catalog::extension_schema)
}

/// Saves a snapshot of this database (or of the one `source` reaches) as baseline `name`,
/// replacing one of the same name.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_baseline_save(name text, schemas text[] DEFAULT NULL, source text DEFAULT NULL)
RETURNS void
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_baseline_save_wrapper';
"#)]
fn migra_baseline_save(
    name: Option<&str>,
    schemas: Option<Vec<String>>,
    source: Option<&str>,
) -> Result<(), ErrorReport> {
    let name = super::required(name, "name", "migra_baseline_save")?;
    let database = read(source, "source", schemas.clone(), None)?;
    let snapshot = Snapshot::of(database, schemas)?.to_json()?.to_string();
    let schema = quote_ident(&extension_schema()?);
    Spi::connect_mut(|client| {
        client.update(
            &format!(
                "insert into {schema}.migra_baselines (name, snapshot) values ($1, $2::pg_catalog.jsonb)
                 on conflict (name) do update set snapshot = excluded.snapshot, saved_at = excluded.saved_at,
                 saved_by = excluded.saved_by"
            ),
            None,
            &[name.into(), snapshot.into()],
        )?;
        Ok::<_, Error>(())
    })?;
    Ok(())
}

/// The snapshot saved as baseline `name`.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_baseline(name text)
RETURNS jsonb
STABLE PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_baseline_wrapper';
"#)]
fn migra_baseline(name: Option<&str>) -> Result<JsonB, ErrorReport> {
    let name = super::required(name, "name", "migra_baseline")?;
    let schema = quote_ident(&extension_schema()?);
    // read-only: a baseline can be read on a hot standby
    let snapshot = super::read_value::<JsonB>(
        &format!(
            "select (select snapshot from {schema}.migra_baselines where name operator(pg_catalog.=) $1)"
        ),
        &[name.into()],
    )?;
    Ok(snapshot.ok_or_else(|| Error::BaselineNotFound(name.to_owned()))?)
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::sqlstate_of;

    #[pg_test]
    fn a_baseline_is_the_snapshot_saved_under_its_name_and_saving_again_replaces_it() {
        Spi::run("create schema app; create table app.t (id int); select migra_baseline_save('app', '{app}')").unwrap();
        let same =
            Spi::get_one::<bool>("select migra_baseline('app') = migra_snapshot('{app}')").unwrap();
        assert_eq!(same, Some(true));
        Spi::run("alter table app.t add column v text; select migra_baseline_save('app', '{app}')")
            .unwrap();
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from migra_baselines").unwrap(),
            Some(1)
        );
        let same =
            Spi::get_one::<bool>("select migra_baseline('app') = migra_snapshot('{app}')").unwrap();
        assert_eq!(same, Some(true));
    }

    #[pg_test]
    fn a_snapshot_records_the_schemas_it_was_taken_of_in_name_order() {
        Spi::run("create schema b; create schema a").unwrap();
        let scope =
            Spi::get_one::<String>("select (migra_snapshot('{b,a,b}') -> 'scope')::text").unwrap();
        assert_eq!(scope.as_deref(), Some(r#"["a", "b"]"#));
        let whole = Spi::get_one::<bool>("select migra_snapshot() ? 'scope'").unwrap();
        assert_eq!(whole, Some(false));
    }

    #[pg_test]
    fn a_baseline_of_a_schema_that_does_not_exist_is_refused() {
        Spi::run("create schema app").unwrap();
        // a misspelt name would otherwise save a baseline that every database matches
        assert_eq!(
            sqlstate_of("select migra_baseline_save('app', '{app,ap}')"),
            Some(PgSqlErrorCode::ERRCODE_INVALID_SCHEMA_NAME)
        );
        assert_eq!(
            sqlstate_of("select migra_snapshot('{ap}')"),
            Some(PgSqlErrorCode::ERRCODE_INVALID_SCHEMA_NAME)
        );
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from migra_baselines").unwrap(),
            Some(0)
        );
    }

    #[pg_test(error = "baseline \"nope\" does not exist")]
    fn a_missing_baseline_is_named() {
        Spi::run("select migra_baseline('nope')").unwrap();
    }

    #[pg_test]
    fn a_missing_baseline_is_undefined_object() {
        assert_eq!(
            sqlstate_of("select migra_baseline('nope')"),
            Some(PgSqlErrorCode::ERRCODE_UNDEFINED_OBJECT)
        );
    }

    #[pg_test]
    fn the_tables_are_dumped_as_configuration_data() {
        let dumped = Spi::get_one::<i64>(
            "select count(*) from pg_catalog.pg_extension e, unnest(e.extconfig) c
             where e.extname = 'migra' and c::regclass::text in ('migra_baselines', 'migra_drift_log')",
        )
        .unwrap();
        assert_eq!(dumped, Some(2));
    }
}
