//! `migra_diff_remote`: whole databases, this one or others reached through dblink.

use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::{
    Uncovered, refuse_unknown_schemas, required, rows, rows_with_sizes, safe_plan, warn_about_rows,
};
use crate::diff::{self, Options};
use crate::error::Error;
use crate::model::Database;
use crate::plan::{self, Step};
use crate::{catalog, remote};

/// The statements that make database `source` look like database `target`; each is a libpq
/// connection string, or NULL for this database.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff_remote(
    source text, target text,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    "unsafe" boolean DEFAULT false, with_privileges boolean DEFAULT false,
    ignore_extension_versions boolean DEFAULT false, create_extensions_only boolean DEFAULT false,
    exclude_extensions text[] DEFAULT ARRAY['dblink'],
    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    renames jsonb DEFAULT NULL, with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_remote_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff_remote(
    source: Option<&str>,
    target: Option<&str>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    create_extensions_only: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    lock_safe: Option<bool>,
    lock_timeout: Option<pgrx::datum::Interval>,
    renames: Option<pgrx::Internal>,
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
    const F: &str = "migra_diff_remote";
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
    let renames = match (super::renames_text(renames)?, source) {
        (Some(_), Some(_)) => {
            return Err(Error::InvalidArgument(
                "renames need the source to be this database (source => NULL): they are run on it, read, and rolled back".to_owned(),
            )
            .into());
        }
        (Some(document), None) => super::renames::parse_qualified(&document)?,
        (None, None) => super::renames::intents(None)?,
        (None, Some(_)) => Vec::new(),
    };
    let (mut from, mut to, renames) = if renames.is_empty() {
        let [from, to] = remote::read_databases(
            [side(source, "source"), side(target, "target")],
            schemas.clone(),
            exclude_schemas,
        )?;
        (from, to, Vec::new())
    } else {
        // the target first, then this database as its renames leave it
        let to = read(target, "target", schemas.clone(), exclude_schemas.clone())?;
        let (from, renames) = super::renames::run_agreed(
            renames,
            || read(None, "source", schemas.clone(), exclude_schemas.clone()),
            |_, rename, applied| super::renames::kept_in(rename, &to, applied),
        )?;
        (from, to, renames)
    };
    from.leave_out_extensions(&exclude_extensions);
    to.leave_out_extensions(&exclude_extensions);
    // a connection given as a foreign server's name: that server is how the call reaches the
    // other side, not part of either database's schema
    let through: Vec<String> = [source, target]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect();
    from.leave_out_servers(&through);
    to.leave_out_servers(&through);
    let labels = [shown(source), shown(target)];
    let steps = plan_databases(
        super::renames::steps(renames),
        &from,
        &to,
        labels,
        schemas.as_deref(),
        options,
        allow_data_loss,
        lock_safe,
    )?;
    // sizes only of tables of this database, which the plan changes
    // the plan runs here when the source is this database: its roles must exist here; a remote
    // source's roles are that server's business (a missing one fails the plan there, 42704)
    let rows = if source.is_none() {
        super::refuse_unknown_owners(&steps)?;
        warn_about_rows(&steps)?;
        crate::timing::measure("rows", || rows_with_sizes(steps))?
    } else {
        crate::timing::measure("rows", || rows(steps))
    };
    crate::timing::report(F);
    Ok(TableIterator::new(rows))
}

/// What a side is, for a message: `this database`, or where its connection leads, without
/// its password.
pub(super) fn shown(connection: Option<&str>) -> String {
    connection.map_or_else(
        || "this database".to_owned(),
        crate::conninfo::connection_shown,
    )
}

/// Where a connection argument says to read: this database when it is NULL.
fn side<'a>(connection: Option<&'a str>, which: &'static str) -> remote::Side<'a> {
    match connection {
        None => remote::Side::Here,
        Some(connection) => remote::Side::Remote { connection, which },
    }
}

/// A database: this one when `source` is NULL, else the one that a connection string or a
/// foreign server's name reaches. `which` names the argument in errors.
pub(super) fn read(
    source: Option<&str>,
    which: &'static str,
    schemas: Option<Vec<String>>,
    excluded: Option<Vec<String>>,
) -> Result<Database, Error> {
    let [database] = remote::read_databases([side(source, which)], schemas, excluded)?;
    Ok(database)
}

pub(super) fn options(
    function: &'static str,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    create_extensions_only: Option<bool>,
    with_owners: Option<bool>,
) -> Result<Options, Error> {
    Ok(Options {
        with_privileges: required(with_privileges, "with_privileges", function)?,
        with_owners: required(with_owners, "with_owners", function)?,
        ignore_extension_versions: required(
            ignore_extension_versions,
            "ignore_extension_versions",
            function,
        )?,
        create_extensions_only: required(
            create_extensions_only,
            "create_extensions_only",
            function,
        )?,
        lock_safe: false,
    })
}

/// The plan, after one WARNING for what is not compared on either side (`labels` say what each
/// side is); refused when a table not compared differs.
#[allow(clippy::too_many_arguments)]
pub(super) fn plan_databases(
    first: Vec<Step>,
    from: &Database,
    to: &Database,
    labels: [String; 2],
    schemas: Option<&[String]>,
    options: Options,
    allow_data_loss: bool,
    lock_safe: Option<u64>,
) -> Result<Vec<Step>, Error> {
    refuse_unknown_schemas(schemas, from, to, &labels)?;
    let uncovered = Uncovered::of_databases(from, to, labels, options.with_privileges);
    uncovered.warn();
    uncovered.refuse_tables()?;
    let options = Options {
        lock_safe: lock_safe.is_some(),
        ..options
    };
    let steps = plan_databases_unwarned(first, from, to, options, allow_data_loss)?;
    super::notice_missing_secrets(&steps);
    super::made_lock_safe(steps, lock_safe)
}

/// The plan, for a caller that names what is not compared itself (the fleet check, once for all
/// its databases), after the steps `first` (the renames).
pub(super) fn plan_databases_unwarned(
    first: Vec<Step>,
    from: &Database,
    to: &Database,
    options: Options,
    allow_data_loss: bool,
) -> Result<Vec<Step>, Error> {
    // both sides are qualified alike: a type this server knows is asked about under its name
    let changed = diff::changed_column_types(&database_pairs(from, to));
    let conversions = diff::Conversions {
        castless: super::conversions::castless(changed, catalog::DATABASE_SEARCH_PATH)?,
        ..Default::default()
    };
    let mut changes = first;
    changes.extend(crate::timing::measure("diff", || {
        diff::databases(from, to, options, &conversions)
    })?);
    let mut steps = crate::timing::measure("order", || {
        plan::build(changes, catalog::DATABASE_SEARCH_PATH)
    })?;
    crate::timing::measure("render", || crate::ddl::render(&mut steps))?;
    safe_plan(steps, allow_data_loss)
}

/// The schemas both databases hold, side by side.
fn database_pairs<'a>(
    from: &'a Database,
    to: &'a Database,
) -> Vec<(&'a crate::model::Schema, &'a crate::model::Schema)> {
    from.schemas
        .iter()
        .filter_map(|a| to.schemas.iter().find(|b| b.name == a.name).map(|b| (a, b)))
        .collect()
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::{error_of, sqlstate_of};

    #[pg_test]
    fn this_database_against_itself_gives_no_rows() {
        Spi::run("create schema app; create table app.t (id int primary key)").unwrap();
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from migra_diff_remote(null, null)").unwrap(),
            Some(0)
        );
    }

    #[pg_test(error = "reading another database needs the dblink extension")]
    fn remote_reads_need_dblink() {
        Spi::run("select * from migra_diff_remote('dbname=elsewhere', null)").unwrap();
    }

    #[pg_test]
    fn without_dblink_the_error_is_undefined_function() {
        assert_eq!(
            sqlstate_of("select * from migra_diff_remote(null, 'dbname=elsewhere')"),
            Some(PgSqlErrorCode::ERRCODE_UNDEFINED_FUNCTION)
        );
    }

    #[pg_test]
    fn a_bad_connection_string_fails_without_showing_the_password() {
        Spi::run("create extension dblink").unwrap();
        let (code, text) = error_of(
            "select * from migra_diff_remote('host=/nonexistent/socket/dir password=sekrit-42', null)",
        );
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION),
            "{text}"
        );
        assert!(!text.contains("sekrit-42"), "{text}");
        // which of the two sides failed
        assert!(
            text.starts_with("could not connect to the source database: "),
            "{text}"
        );
    }

    #[pg_test]
    fn a_server_that_never_answers_is_given_up_after_its_connect_timeout() {
        Spi::run("create extension dblink").unwrap();
        // listening, never accepting: the kernel completes the connection, and nothing answers
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = silent.local_addr().unwrap().port();
        let started = std::time::Instant::now();
        let (code, text) = error_of(&format!(
            "select * from migra_diff_remote('host=127.0.0.1 port={port} dbname=x connect_timeout=2', null)"
        ));
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION),
            "{text}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(8),
            "{:?}: {text}",
            started.elapsed()
        );
        // and the session goes on: the deadline's cancel is not left pending
        assert_eq!(Spi::get_one::<i32>("select 1").unwrap(), Some(1));
    }

    #[pg_test(error = "argument \"with_privileges\" of migra_diff_remote must not be null")]
    fn a_null_option_is_named() {
        Spi::run("select * from migra_diff_remote(null, null, with_privileges => null)").unwrap();
    }
}
