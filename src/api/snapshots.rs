//! `migra_snapshot` and `migra_diff_snapshots`: a database's model as jsonb, compared later
//! without any connection.

use std::ffi::CStr;

use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;
use pgrx::{Internal, JsonB};

use super::databases::{options, plan_databases, read};
use super::{required, rows};
use crate::error::Error;
use crate::model::Snapshot;

/// The model of this database (or of the one `source` reaches) as jsonb.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_snapshot(schemas text[] DEFAULT NULL, source text DEFAULT NULL)
RETURNS jsonb
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_snapshot_wrapper';
"#)]
fn migra_snapshot(
    schemas: Option<Vec<String>>,
    source: Option<&str>,
) -> Result<JsonB, ErrorReport> {
    crate::timing::start();
    let database = read(source, "source", schemas.clone(), None)?;
    let snapshot = crate::timing::measure("rows", || Snapshot::of(database, schemas)?.to_json())?;
    crate::timing::report("migra_snapshot");
    Ok(JsonB(snapshot))
}

/// The statements that make the database of snapshot `source` look like that of `target`.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff_snapshots(
    source jsonb, target jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    "unsafe" boolean DEFAULT false, with_privileges boolean DEFAULT false,
    ignore_extension_versions boolean DEFAULT false, create_extensions_only boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'],
    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
STABLE PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_snapshots_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff_snapshots(
    // jsonb, read as text by `snapshot_text`: pgrx's own JsonB would panic on a document nested
    // deeper than serde_json's recursion limit
    source: Option<Internal>,
    target: Option<Internal>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    create_extensions_only: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    lock_safe: Option<bool>,
    lock_timeout: Option<pgrx::datum::Interval>,
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
    const F: &str = "migra_diff_snapshots";
    let source = required(source, "source", F)?;
    let target = required(target, "target", F)?;
    let allow_data_loss = required(allow_data_loss, "unsafe", F)?;
    crate::timing::start();
    let options = options(
        F,
        with_privileges,
        ignore_extension_versions,
        create_extensions_only,
        with_owners,
    )?;
    let exclude_extensions = required(exclude_extensions, "exclude_extensions", F)?;
    let lock_safe = super::lock_safety(lock_safe, lock_timeout, F)?;
    if let Some(names) = &schemas {
        names
            .iter()
            .try_for_each(|n| crate::catalog::refuse_system_schema(n))?;
    }
    let mut from = crate::untrusted::read_snapshot(&snapshot_text(source)?)?.database;
    let mut to = crate::untrusted::read_snapshot(&snapshot_text(target)?)?.database;
    // which type changes only relabel: this server's casts, as no snapshot holds any
    let casts = crate::catalog::binary_coercible()?;
    for database in [&mut from, &mut to] {
        database.keep_schemas(schemas.as_deref(), exclude_schemas.as_deref());
        database.leave_out_extensions(&exclude_extensions);
        database.binary_coercible.clone_from(&casts);
        database.share_casts();
    }
    let labels = [
        "the source snapshot".to_owned(),
        "the target snapshot".to_owned(),
    ];
    let steps = plan_databases(
        Vec::new(),
        &from,
        &to,
        labels,
        schemas.as_deref(),
        options,
        allow_data_loss,
        lock_safe,
    )
    .map_err(ErrorReport::from)?;
    let rows = crate::timing::measure("rows", || rows(steps));
    crate::timing::report(F);
    Ok(TableIterator::new(rows))
}

/// The text of a jsonb argument, as `jsonb_out` prints it.
pub(super) fn snapshot_text(argument: Internal) -> Result<String, Error> {
    let datum = argument
        .into_datum()
        .ok_or_else(|| Error::SnapshotInvalid("it is empty".into()))?;
    // SAFETY: the SQL declaration makes this argument a non-null jsonb; jsonb_out detoasts it and
    // returns a palloc'd C string, copied before it is freed.
    unsafe {
        let text = pgrx::direct_function_call::<&CStr>(pg_sys::jsonb_out, &[Some(datum)])
            .ok_or_else(|| Error::SnapshotInvalid("it is empty".into()))?;
        let owned = text
            .to_str()
            .map(str::to_owned)
            .map_err(|_| Error::SnapshotInvalid("it is not UTF-8".into()));
        pg_sys::pfree(text.as_ptr().cast_mut().cast());
        owned
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::prelude::*;
    use pgrx::{JsonB, PgSqlErrorCode};

    use crate::api::test_support::sqlstate_of;

    fn snapshot(query: &str) -> serde_json::Value {
        Spi::get_one::<JsonB>(query).unwrap().unwrap().0
    }

    #[pg_test]
    fn the_same_schema_gives_byte_identical_snapshots() {
        Spi::run("create schema shop; create table shop.t (id serial primary key, v text check (v <> ''))").unwrap();
        let same = Spi::get_one::<bool>(
            "select migra_snapshot('{shop}')::text = migra_snapshot('{shop}')::text",
        )
        .unwrap();
        assert_eq!(same, Some(true));
    }

    #[pg_test]
    fn a_snapshot_carries_its_format_and_server_version_and_no_oids() {
        Spi::run("create schema shop; create table shop.t (id serial primary key)").unwrap();
        let document = snapshot("select migra_snapshot('{shop}')");
        assert_eq!(document["format"], 3);
        assert_eq!(
            document["server_version_num"].as_i64(),
            Some(i64::from(pgrx::pg_sys::PG_VERSION_NUM))
        );
        // no key names an oid (a type may be called `oid`: the casts name it)
        fn keys(value: &serde_json::Value, found: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, inner) in map {
                        found.push(key.clone());
                        keys(inner, found);
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|i| keys(i, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        keys(&document, &mut found);
        assert!(found.iter().all(|k| !k.contains("oid")), "{document}");
    }

    #[pg_test]
    fn a_snapshot_diff_takes_a_database_back_to_its_past() {
        Spi::run(
            "create schema app; create table app.t (id int primary key, v text);
             create temp table past as select migra_snapshot('{app}') as s;
             alter table app.t add column w int not null default 0, alter column v type varchar(10);
             create index on app.t (w); create table app.u (t_id int references app.t);",
        )
        .unwrap();
        let plan = Spi::connect(|c| {
            c.select(
                "select statement from migra_diff_snapshots(migra_snapshot('{app}'), (select s from past), unsafe => true) order by ordinal",
                None,
                &[],
            )
            .unwrap()
            .map(|row| row.get::<String>(1).unwrap().unwrap())
            .collect::<Vec<_>>()
        });
        assert!(plan.len() > 3, "{plan:#?}");
        for statement in &plan {
            Spi::run(statement).unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        // the plan opened with SET search_path
        Spi::run("reset search_path").unwrap();
        let back =
            Spi::get_one::<bool>("select migra_snapshot('{app}') = (select s from past)").unwrap();
        assert_eq!(back, Some(true), "{plan:#?}");
    }

    #[pg_test]
    fn a_partition_in_another_schema_than_its_parent_follows_the_parents_changes() {
        Spi::run(
            "create schema app; create schema archive;
             create table app.events (id int, at date not null, note text) partition by range (at);
             create table archive.events_2025 partition of app.events
               for values from ('2025-01-01') to ('2026-01-01');
             alter table archive.events_2025 alter column note set default 'old';
             create temp table past as select migra_snapshot('{app,archive}') as s;
             alter table app.events add column extra int, alter column id type bigint;
             alter table app.events drop column note;
             create index on app.events (at);
             create table archive.events_2024 partition of app.events
               for values from ('2024-01-01') to ('2025-01-01');",
        )
        .unwrap();
        let plan = Spi::connect(|c| {
            c.select(
                "select statement from migra_diff_snapshots(migra_snapshot('{app,archive}'), (select s from past), unsafe => true) order by ordinal",
                None,
                &[],
            )
            .unwrap()
            .map(|row| row.get::<String>(1).unwrap().unwrap())
            .collect::<Vec<_>>()
        });
        // the parent's changes reach the partition in the other schema: none of its own
        assert!(
            plan.iter()
                .all(|s| !s.contains("\"events_2025\"") || s.contains("DEFAULT 'old'")),
            "{plan:#?}"
        );
        for statement in &plan {
            Spi::run(statement).unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        Spi::run("reset search_path").unwrap();
        // columns come back last: the second diff, not the snapshot's text, says it is the same
        let left = Spi::get_one::<i64>(
            "select count(*) from migra_diff_snapshots(migra_snapshot('{app,archive}'), (select s from past))",
        )
        .unwrap();
        assert_eq!(left, Some(0), "{plan:#?}");
    }

    #[pg_test]
    fn global_default_privileges_are_taken_back_between_whole_database_snapshots() {
        Spi::run(
            "create role migra_defaults_owner;
             create temp table past as select migra_snapshot() as s;
             alter default privileges for role migra_defaults_owner revoke execute on functions from public;
             alter default privileges for role migra_defaults_owner grant select on tables to public;",
        )
        .unwrap();
        let plan = Spi::connect(|c| {
            c.select(
                "select statement from migra_diff_snapshots(migra_snapshot(), (select s from past), with_privileges => true)
                 where kind = 'default privileges' order by ordinal",
                None,
                &[],
            )
            .unwrap()
            .map(|row| row.get::<String>(1).unwrap().unwrap())
            .collect::<Vec<_>>()
        });
        assert_eq!(
            plan,
            [
                r#"ALTER DEFAULT PRIVILEGES FOR ROLE "migra_defaults_owner" REVOKE ALL ON TABLES FROM PUBLIC;"#,
                r#"ALTER DEFAULT PRIVILEGES FOR ROLE "migra_defaults_owner" GRANT EXECUTE ON FUNCTIONS TO PUBLIC;"#,
            ]
        );
        for statement in &plan {
            Spi::run(statement).unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        let left = Spi::get_one::<i64>(
            "select count(*) from pg_default_acl where defaclrole = 'migra_defaults_owner'::regrole",
        )
        .unwrap();
        assert_eq!(left, Some(0));
    }

    #[pg_test(error = "snapshot has format 99, this version of migra reads format 3")]
    fn a_snapshot_of_an_unknown_format_is_refused() {
        Spi::run("select * from migra_diff_snapshots('{\"format\": 99}', migra_snapshot())")
            .unwrap();
    }

    #[pg_test]
    fn an_unknown_format_is_invalid_parameter_value() {
        let query = "select * from migra_diff_snapshots(migra_snapshot(), '{\"schemas\": []}')";
        assert_eq!(
            sqlstate_of(query),
            Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE)
        );
    }

    #[pg_test(error = "argument \"source\" of migra_diff_snapshots must not be null")]
    fn a_null_snapshot_is_named() {
        Spi::run("select * from migra_diff_snapshots(null, migra_snapshot())").unwrap();
    }
}
