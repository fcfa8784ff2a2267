//! `migra_diff_from_sql`: the plan from a live schema to the schema a SQL script describes (a
//! `schema.sql` kept in the application's repository), with no shadow database.
//!
//! The live schema is read first. Then, in a subtransaction: the live schema is renamed aside
//! (`migra_aside_<pid>`), an empty schema is created under its name, the extensions that live in
//! it and can move (`extrelocatable`) are moved into the empty one (so that the script finds
//! `citext` where it always was), and the script runs there statement by statement, unqualified
//! names landing in that schema first on the search_path and `public.t`-style names in it by
//! name. The schema it built is read under the live schema's name, and everything is rolled
//! back: nothing of the script survives the call. The script runs as the caller, with the
//! caller's rights: it is the caller's code.

use std::collections::BTreeSet;

use pgrx::datum::Interval;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::conversions;
use super::schemas::{Asked, plan_pair};
use super::{lock_safety, required, rows_with_sizes};
use crate::diff::Conversions;
use crate::error::Error;
use crate::ident::quote_ident;
use crate::model::Extension;
use crate::plan::{Key, Kind, Operation, Phase, Step};
use crate::script::{self, Statement, StatementKind};
use crate::subtransaction::{Attempt, attempt, caught_sqlstate_and_message, report_of};

/// The statements that make `source_schema` look like the schema `target_sql` builds.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff_from_sql(source_schema text, target_sql text, "unsafe" boolean DEFAULT false,
                                    with_privileges boolean DEFAULT false,
                                    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
                                    hooks jsonb DEFAULT NULL, renames jsonb DEFAULT NULL,
                                    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_from_sql_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff_from_sql(
    source_schema: Option<&str>,
    target_sql: Option<&str>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    lock_safe: Option<bool>,
    lock_timeout: Option<Interval>,
    hooks: Option<pgrx::Internal>,
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
    const FUNCTION: &str = "migra_diff_from_sql";
    crate::timing::start();
    let source = required(source_schema, "source_schema", FUNCTION)?;
    let script = required(target_sql, "target_sql", FUNCTION)?;
    let asked = Asked {
        allow_data_loss: required(allow_data_loss, "unsafe", FUNCTION)?,
        with_privileges: required(with_privileges, "with_privileges", FUNCTION)?,
        with_owners: required(with_owners, "with_owners", FUNCTION)?,
        lock_safe: lock_safety(lock_safe, lock_timeout, FUNCTION)?,
    };
    let hooks = match super::renames_text(hooks)? {
        Some(document) => super::hooks::parse(&document)?,
        None => Vec::new(),
    };
    // no renames given: those recorded for the schema (`migra_renames`)
    let renames = match super::renames_text(renames)? {
        Some(document) => super::renames::parse(source, &document)?,
        None => super::renames::intents(Some(source))?,
    };
    let steps = plan_from_script(source, script, (renames, &hooks), asked)?;
    let rows = crate::timing::measure("rows", || rows_with_sizes(steps))?;
    crate::timing::report(FUNCTION);
    Ok(TableIterator::new(rows))
}

/// The plan from the live schema `source` to the one `script` builds.
fn plan_from_script(
    source: &str,
    script: &str,
    (renames, hooks): (Vec<super::renames::Rename>, &[super::hooks::Hook]),
    asked: Asked,
) -> Result<Vec<Step>, Error> {
    crate::catalog::refuse_system_schema(source)?;
    let compared = [source.to_owned()];
    let built = crate::timing::measure("script", || {
        build(&compared, script, || crate::catalog::read_schema(source))
    })?;
    built.warn_about_other_schemas(&compared);
    // the live schema as its renames leave it (the intents the script agrees with)
    let (live, renames) = crate::timing::measure("read", || {
        super::renames::run_agreed(
            renames,
            || crate::catalog::read_schema(source),
            |_, rename, applied| super::renames::kept_by(rename, &built.read, applied),
        )
    })?;
    // the schema itself is not compared here (its grants, owner and comment are the live one's:
    // the script's schema is made anew by the call, not by the script)
    let mut target = built.read;
    target.privileges.clone_from(&live.privileges);
    target.owner.clone_from(&live.owner);
    target.comment.clone_from(&live.comment);
    let schemas = [live, target];
    let changed = crate::diff::changed_column_types(&[(&schemas[0], &schemas[1])]);
    let conversions = Conversions {
        castless: conversions::castless(changed, &crate::catalog::search_path_for(source))?,
        filled_later: super::hooks::filled_later(hooks, &schemas[0], &schemas[1]),
        ..Conversions::default()
    };
    let mut first = super::renames::steps(renames);
    first.extend(built.extensions.into_iter().map(create_extension));
    plan_pair(source, &schemas, first, (&conversions, hooks), asked)
}

/// The statements that make the `schemas` of this database look like what `target_sql` builds
/// in them: the whole-database form, compared as `migra_diff_remote` compares two databases
/// (extensions the script creates included).
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff_from_sql(target_sql text, schemas text[], "unsafe" boolean DEFAULT false,
                                    with_privileges boolean DEFAULT false,
                                    ignore_extension_versions boolean DEFAULT false,
                                    exclude_extensions text[] DEFAULT ARRAY['dblink'],
                                    lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
                                    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_from_sql_database_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff_from_sql_database(
    target_sql: Option<&str>,
    schemas: Option<Vec<String>>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    exclude_extensions: Option<Vec<String>>,
    lock_safe: Option<bool>,
    lock_timeout: Option<Interval>,
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
    const FUNCTION: &str = "migra_diff_from_sql";
    crate::timing::start();
    let script = required(target_sql, "target_sql", FUNCTION)?;
    let schemas = required(schemas, "schemas", FUNCTION)?;
    if schemas.is_empty() {
        return Err(Error::InvalidArgument(
            "schemas must name at least one schema: those the script describes".to_owned(),
        )
        .into());
    }
    for schema in &schemas {
        crate::catalog::refuse_system_schema(schema)?;
    }
    let allow_data_loss = required(allow_data_loss, "unsafe", FUNCTION)?;
    let options = super::databases::options(
        FUNCTION,
        with_privileges,
        ignore_extension_versions,
        Some(false),
        with_owners,
    )?;
    let exclude_extensions = required(exclude_extensions, "exclude_extensions", FUNCTION)?;
    let lock_safe = lock_safety(lock_safe, lock_timeout, FUNCTION)?;
    let read = || super::databases::read(None, "source", Some(schemas.clone()), None);
    let mut live = crate::timing::measure("read", read)?;
    let built = crate::timing::measure("script", || build(&schemas, script, read))?;
    built.warn_about_other_schemas(&schemas);
    let mut wanted = built.read;
    for database in [&mut live, &mut wanted] {
        database.leave_out_extensions(&exclude_extensions);
    }
    let labels = ["this database".to_owned(), "target_sql".to_owned()];
    let steps = super::databases::plan_databases(
        Vec::new(),
        &live,
        &wanted,
        labels,
        Some(&schemas),
        options,
        allow_data_loss,
        lock_safe,
    )?;
    // the plan runs here: its roles must exist here
    super::refuse_unknown_owners(&steps)?;
    super::warn_about_rows(&steps)?;
    let rows = crate::timing::measure("rows", || rows_with_sizes(steps))?;
    crate::timing::report(FUNCTION);
    Ok(TableIterator::new(rows))
}

/// `CREATE EXTENSION IF NOT EXISTS` for an extension the script created and this database
/// lacks, in the schema the script put it in, at this server's default version as the script's
/// was.
fn create_extension(extension: Extension) -> Step {
    let key = Key::Extension(extension.name.clone());
    let identity = crate::ident::display_ident(&extension.name);
    let operation = Operation::CreateExtension {
        extension,
        version: None,
    };
    Step::new(
        Phase::CreateExtension,
        Kind::Extension,
        operation,
        key,
        identity,
    )
}

/// What a script built, read before it was rolled back.
struct Built<T> {
    read: T,
    /// Extensions the script created that the database lacked.
    extensions: Vec<Extension>,
    /// Schemas other than the compared ones that the script created.
    other_schemas: Vec<String>,
}

impl<T> Built<T> {
    /// A WARNING naming the schemas the script made that are not compared.
    fn warn_about_other_schemas(&self, compared: &[String]) {
        let others = &self.other_schemas;
        if others.is_empty() {
            return;
        }
        let one = others.len() == 1;
        let compared: Vec<String> = compared
            .iter()
            .map(|s| crate::ident::display_ident(s))
            .collect();
        pgrx::warning!(
            "migra: target_sql also creates schema{} {}, which {} not compared (only {} {}): nothing of {} is in the plan",
            if one { "" } else { "s" },
            others.join(", "),
            if one { "is" } else { "are" },
            compared.join(", "),
            if compared.len() == 1 { "is" } else { "are" },
            if one { "it" } else { "them" },
        );
    }
}

/// Runs `script` in place of the `schemas` (the first is where unqualified names land) inside
/// a subtransaction, reads what it built with `read`, and rolls everything back.
fn build<T>(
    schemas: &[String],
    script: &str,
    read: impl FnOnce() -> Result<T, Error>,
) -> Result<Built<T>, Error> {
    let text = script::without_dump_guards(script);
    let statements = script::statements(&text).map_err(|e| {
        let (line, column) = script::line_and_column(&text, e.at);
        Error::Script {
            code: code_of(&e.sqlstate),
            line,
            column,
            message: e.message,
            statement: line_at(&text, e.at).to_owned(),
        }
    })?;
    let mut built = None;
    let done = attempt(|| -> Result<(), Error> {
        let extensions_before = extensions()?;
        let schemas_before = schema_names()?;
        // each compared schema that exists is set aside and made again, empty
        let mut asides = Vec::new();
        let mut made = Vec::new();
        for (n, schema) in schemas.iter().enumerate() {
            if !schemas_before.contains(schema) {
                continue;
            }
            let aside = format!("migra_aside_{}_{n}", std::process::id());
            Spi::run(&format!(
                "ALTER SCHEMA {} RENAME TO {}; CREATE SCHEMA {}",
                quote_ident(schema),
                quote_ident(&aside),
                quote_ident(schema)
            ))?;
            move_extensions(&aside, schema)?;
            asides.push(aside);
            made.push(schema.clone());
        }
        // unqualified names land in the first schema; the rest resolves as for the caller
        let callers = Spi::get_one::<String>("select pg_catalog.current_setting('search_path')")?
            .unwrap_or_default();
        let first = quote_ident(schemas.first().map_or("public", String::as_str));
        let search_path = match callers.trim() {
            "" => first,
            callers => format!("{first}, {callers}"),
        };
        Spi::get_one_with_args::<String>(
            "select pg_catalog.set_config('search_path', $1, true), \
                    pg_catalog.set_config('check_function_bodies', 'off', true)",
            &[search_path.as_str().into()],
        )?;
        for statement in &statements {
            run(&text, statement, &made)?;
        }
        let read = read()?;
        let extensions: Vec<Extension> = extensions()?
            .into_iter()
            .filter(|e| !extensions_before.iter().any(|b| b.name == e.name))
            .collect();
        let other_schemas = schema_names()?
            .into_iter()
            .filter(|s| !schemas_before.contains(s) && !schemas.contains(s) && !asides.contains(s))
            .map(|s| crate::ident::display_ident(&s))
            .collect();
        built = Some(Built {
            read,
            extensions,
            other_schemas,
        });
        Err(Error::RolledBack)
    });
    match done {
        Attempt::Done(Err(Error::RolledBack)) => {
            built.ok_or_else(|| Error::Catalog("the script's schema was not read".to_owned()))
        }
        Attempt::Done(Err(error)) => Err(error),
        Attempt::Done(Ok(())) => Err(Error::Catalog("the script was not rolled back".to_owned())),
        Attempt::Raised(caught) => Err(Error::Catalog(caught_sqlstate_and_message(&caught).1)),
    }
}

/// Runs one statement of the script; an error names its line and column. `made`: the schemas
/// the call made again, empty, whose CREATE SCHEMA is skipped.
fn run(text: &str, statement: &Statement, made: &[String]) -> Result<(), Error> {
    let refuse = |message: String| {
        let (line, column) = script::line_and_column(text, statement.start);
        Error::Script {
            code: pgrx::PgSqlErrorCode::ERRCODE_FEATURE_NOT_SUPPORTED,
            line,
            column,
            message,
            statement: statement.text.clone(),
        }
    };
    let sql = match &statement.kind {
        StatementKind::TransactionBoundary => return Ok(()),
        StatementKind::TransactionControl => {
            return Err(refuse(
                "transaction control has no place in target_sql: it runs in one subtransaction, rolled back"
                    .to_owned(),
            ));
        }
        // the schema is there already, empty
        StatementKind::CreateSchema(name) if made.contains(name) => return Ok(()),
        StatementKind::CreateIndexConcurrently => script::without_concurrently(&statement.text)
            .ok_or_else(|| {
                refuse("CREATE INDEX CONCURRENTLY with a comment inside its first words: write CREATE INDEX (lock_safe => true builds it concurrently)".to_owned())
            })?,
        _ => statement.text.clone(),
    };
    let (ran, position) = script::with_error_position(|| {
        Spi::run(&sql)?;
        Ok(())
    });
    let caught = match ran {
        Attempt::Done(done) => return done,
        Attempt::Raised(caught) => caught,
    };
    let report = report_of(&caught);
    // a position past this statement's text is in another text (a function body)
    let within = position.filter(|p| *p <= statement.text.chars().count());
    let at = statement.start + within.map_or(0, |p| script::byte_of_character(&statement.text, p));
    let (line, column) = script::line_and_column(text, at);
    let mut message = report.message().to_owned();
    if let Some(detail) = report.detail() {
        message.push_str(": ");
        message.push_str(detail.trim());
    }
    Err(Error::Script {
        code: report.sql_error_code(),
        line,
        column,
        message,
        statement: statement.text.clone(),
    })
}

/// The line of `text` that byte `at` is on.
fn line_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// The error code of a SQLSTATE's text, for an error met outside a statement (a syntax error).
fn code_of(sqlstate: &str) -> pgrx::PgSqlErrorCode {
    match sqlstate {
        "42601" => pgrx::PgSqlErrorCode::ERRCODE_SYNTAX_ERROR,
        "22021" => pgrx::PgSqlErrorCode::ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
        "54001" => pgrx::PgSqlErrorCode::ERRCODE_STATEMENT_TOO_COMPLEX,
        _ => pgrx::PgSqlErrorCode::ERRCODE_SYNTAX_ERROR,
    }
}

/// Moves the extensions that live in `from` and can move into `to`: the script finds their
/// types and functions where they were. One that cannot move (not relocatable, or not the
/// caller's to move) stays aside; a script that uses it unqualified then fails, naming it.
fn move_extensions(from: &str, to: &str) -> Result<(), Error> {
    let movable: Vec<String> = Spi::connect(|client| {
        let rows = client.select(
            "select e.extname::pg_catalog.text from pg_catalog.pg_extension e \
             join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) e.extnamespace \
             where n.nspname operator(pg_catalog.=) $1 and e.extrelocatable order by 1",
            None,
            &[from.into()],
        )?;
        let mut names = Vec::new();
        for row in rows {
            names.extend(row.get::<String>(1)?);
        }
        Ok::<_, Error>(names)
    })?;
    for name in movable {
        let statement = format!(
            "ALTER EXTENSION {} SET SCHEMA {}",
            quote_ident(&name),
            quote_ident(to)
        );
        // not the caller's to move: it stays aside
        let _ = attempt(|| -> Result<(), Error> {
            Spi::run(&statement)?;
            Ok(())
        });
    }
    Ok(())
}

/// The database's extensions, less migra.
fn extensions() -> Result<Vec<Extension>, Error> {
    Spi::connect(|client| {
        let rows = client.select(
            "select e.extname::pg_catalog.text, n.nspname::pg_catalog.text, e.extversion \
             from pg_catalog.pg_extension e \
             join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) e.extnamespace \
             where e.extname operator(pg_catalog.<>) 'migra' order by 1",
            None,
            &[],
        )?;
        let mut found = Vec::new();
        for row in rows {
            found.push(Extension {
                name: row.get::<String>(1)?.unwrap_or_default(),
                schema: row.get::<String>(2)?.unwrap_or_default(),
                version: row.get::<String>(3)?.unwrap_or_default(),
                comment: None,
            });
        }
        Ok(found)
    })
}

fn schema_names() -> Result<BTreeSet<String>, Error> {
    Spi::connect(|client| {
        let rows = client.select(
            "select n.nspname::pg_catalog.text from pg_catalog.pg_namespace n",
            None,
            &[],
        )?;
        let mut names = BTreeSet::new();
        for row in rows {
            names.extend(row.get::<String>(1)?);
        }
        Ok(names)
    })
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::error_of;

    fn plan(source: &str, script: &str) -> Vec<String> {
        let query = format!(
            "select statement from migra_diff_from_sql('{source}', $script${script}$script$, unsafe => true) \
             where kind <> 'setting' order by ordinal"
        );
        Spi::connect(|c| {
            c.select(&query, None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect()
        })
    }

    #[pg_test]
    fn a_script_that_qualifies_its_names_builds_the_target_in_place_of_the_live_schema() {
        Spi::run(
            "create schema shop; create table shop.items (id int primary key, name text);
             insert into shop.items values (1, 'pen');",
        )
        .unwrap();
        let script = "
            create table shop.items (id int primary key, name text not null, price numeric);
            create view shop.priced as select id, price from shop.items;";
        let planned = plan("shop", script);
        assert_eq!(
            planned[..2],
            [
                r#"ALTER TABLE "shop"."items" ADD COLUMN "price" numeric;"#,
                r#"ALTER TABLE "shop"."items" ALTER COLUMN "name" SET NOT NULL;"#,
            ]
        );
        // the view's text is PostgreSQL's deparse, which differs between versions
        assert!(planned[2].starts_with(r#"CREATE VIEW "shop"."priced" AS"#));
        assert_eq!(planned.len(), 3);
        // nothing of the script is left, and the live schema is where it was, with its rows
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from shop.items").unwrap(),
            Some(1)
        );
        assert_eq!(
            Spi::get_one::<bool>("select to_regclass('shop.priced') is null").unwrap(),
            Some(true)
        );
        assert_eq!(
            Spi::get_one::<i64>(
                "select count(*) from pg_namespace where nspname like 'migra_aside%'"
            )
            .unwrap(),
            Some(0)
        );
    }

    #[pg_test]
    fn an_error_in_the_script_names_its_line_and_column() {
        Spi::run("create schema app").unwrap();
        let lines: Vec<String> = (1..=11)
            .map(|i| format!("create table t{i} (id int);"))
            .collect();
        let script = format!(
            "{}\ncreate table t12 (id int,, name text);\n",
            lines.join("\n")
        );
        let (code, message) = error_of(&format!(
            "select * from migra_diff_from_sql('app', $s${script}$s$)"
        ));
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_SYNTAX_ERROR));
        assert!(
            message.starts_with("target_sql line 12, column 26: syntax error at or near \",\""),
            "{message}"
        );
        // an error met when the statement runs: its own SQLSTATE, at the word PostgreSQL names
        let (code, message) = error_of(
            "select * from migra_diff_from_sql('app', E'create table a (id int);\\n  create view v as select nope from a;')",
        );
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_UNDEFINED_COLUMN));
        assert!(
            message.starts_with("target_sql line 2, column 27: column \"nope\" does not exist"),
            "{message}"
        );
        for (script, says) in [
            (
                "create table a (id int);\n\\connect other",
                "line 2, column 1: \\connect is a psql meta-command",
            ),
            (
                "create table a (id int);\nsavepoint s;",
                "line 2, column 1: transaction control has no place",
            ),
            (
                "create table a (id int);\nvacuum a;",
                "line 2, column 1: VACUUM cannot run inside a transaction block",
            ),
            (
                "create table a (id int);\ngrant select on a to no_such_role_here;",
                "line 2, column 1: role \"no_such_role_here\" does not exist",
            ),
        ] {
            let (_, message) = error_of(&format!(
                "select * from migra_diff_from_sql('app', $s${script}$s$)"
            ));
            assert!(message.contains(says), "{script}: {message}");
        }
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from pg_class where relname in ('a', 't1')")
                .unwrap(),
            Some(0)
        );
    }

    #[pg_test]
    fn an_extension_the_script_creates_is_created_by_the_plan() {
        Spi::run("create schema app").unwrap();
        let script = "
            create extension if not exists pg_trgm;
            create table app.docs (id int, body text);
            create index docs_body on app.docs using gin (body gin_trgm_ops);";
        assert_eq!(
            plan("app", script),
            [
                r#"CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "app";"#,
                "CREATE TABLE \"app\".\"docs\" (\n    \"id\" integer,\n    \"body\" text\n);",
                r#"CREATE INDEX "docs_body" ON "app"."docs" USING "gin" (body gin_trgm_ops);"#,
            ]
        );
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from pg_extension where extname = 'pg_trgm'")
                .unwrap(),
            Some(0)
        );
    }

    #[pg_test]
    fn concurrently_and_transaction_boundaries_are_taken_out() {
        Spi::run("create schema app; create table app.t (id int)").unwrap();
        let script =
            "begin;\ncreate table t (id int);\ncreate index concurrently t_id on t (id);\ncommit;";
        assert_eq!(
            plan("app", script),
            [r#"CREATE INDEX "t_id" ON "app"."t" USING "btree" (id);"#]
        );
    }

    #[pg_test]
    fn the_whole_database_form_compares_several_schemas_with_references_between_them() {
        Spi::run(
            "create schema core; create schema billing;
             create table core.customers (id int primary key, email text);
             create table billing.invoices (id int primary key,
                                            customer int references core.customers, amount numeric);",
        )
        .unwrap();
        let script = "
            create table core.customers (id int primary key, email text not null);
            create table billing.invoices (id int primary key,
                                           customer int references core.customers, amount numeric,
                                           paid boolean default false);
            create schema audit;
            create table audit.log (at timestamptz);";
        let query = format!(
            "select statement from migra_diff_from_sql($s${script}$s$, array['core', 'billing', 'audit'], unsafe => true) \
             where kind <> 'setting' order by ordinal"
        );
        let planned: Vec<String> = Spi::connect(|c| {
            c.select(&query, None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect()
        });
        assert_eq!(
            planned,
            [
                r#"CREATE SCHEMA "audit";"#,
                "CREATE TABLE \"audit\".\"log\" (\n    \"at\" timestamp with time zone\n);",
                r#"ALTER TABLE "billing"."invoices" ADD COLUMN "paid" boolean DEFAULT false;"#,
                r#"ALTER TABLE "core"."customers" ALTER COLUMN "email" SET NOT NULL;"#,
            ]
        );
        // the live schemas are back, the script's new one is gone
        assert_eq!(
            Spi::get_one::<i64>(
                "select count(*) from pg_namespace where nspname in ('core', 'billing', 'audit') \
                 or nspname like 'migra_aside%'"
            )
            .unwrap(),
            Some(2)
        );
        let (code, _) = error_of("select * from migra_diff_from_sql('select 1', array[]::text[])");
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE));
    }
}
