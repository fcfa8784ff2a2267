//! `migra_diff` and `migra_diff_sql`: one schema against another of the same database.

use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use pgrx::datum::Interval;

use super::{
    Uncovered, lock_safety, made_lock_safe, required, rows_with_sizes, safe_plan, warn_about_rows,
};
use std::collections::BTreeMap;

use super::{conversions, hooks};
use crate::diff::Conversions;
use crate::error::Error;
use crate::model::Schema;
use crate::plan::{self, Step};
use crate::{catalog, diff};

/// The statements that make `source_schema` look like `target_schema`, one a row, in order.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                           with_privileges boolean DEFAULT false,
                           lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint)
STABLE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff(
    source_schema: Option<&str>,
    target_schema: Option<&str>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    lock_safe: Option<bool>,
    lock_timeout: Option<Interval>,
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
            name!(hazards, Vec<String>),
            name!(relation, Option<String>),
            name!(lock_mode, Option<String>),
            name!(table_rows, Option<i64>),
            name!(table_bytes, Option<i64>),
        ),
    >,
    ErrorReport,
> {
    crate::timing::start();
    let steps = plan_schemas(
        "migra_diff",
        source_schema,
        target_schema,
        allow_data_loss,
        [with_privileges, with_owners],
        lock_safety(lock_safe, lock_timeout, "migra_diff")?,
        &Guidance::of(renames, using, hooks)?,
    )?;
    let rows = crate::timing::measure("rows", || rows_with_sizes(steps))?;
    crate::timing::report("migra_diff");
    Ok(TableIterator::new(rows))
}

/// The same plan as one script, for `\o file` or `psql -At`; empty when there is nothing to do.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff_sql(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                               with_privileges boolean DEFAULT false,
                               lock_safe boolean DEFAULT false, lock_timeout interval DEFAULT '5s',
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS text
STABLE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_sql_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff_sql(
    source_schema: Option<&str>,
    target_schema: Option<&str>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    lock_safe: Option<bool>,
    lock_timeout: Option<Interval>,
    renames: Option<pgrx::Internal>,
    using: Option<pgrx::Internal>,
    hooks: Option<pgrx::Internal>,
    with_owners: Option<bool>,
) -> Result<String, ErrorReport> {
    crate::timing::start();
    let steps = plan_schemas(
        "migra_diff_sql",
        source_schema,
        target_schema,
        allow_data_loss,
        [with_privileges, with_owners],
        lock_safety(lock_safe, lock_timeout, "migra_diff_sql")?,
        &Guidance::of(renames, using, hooks)?,
    )?;
    let script = crate::timing::measure("rows", || plan::script(&steps));
    crate::timing::report("migra_diff_sql");
    Ok(script)
}

/// What the caller says about the source beyond the two schemas' names, as jsonb text: what was
/// renamed (`renames`), and how columns convert (`using`).
#[derive(Default)]
pub(super) struct Guidance {
    pub renames: Option<String>,
    pub using: Option<String>,
    pub hooks: Option<String>,
}

impl Guidance {
    pub(super) fn of(
        renames: Option<pgrx::Internal>,
        using: Option<pgrx::Internal>,
        hooks: Option<pgrx::Internal>,
    ) -> Result<Self, Error> {
        Ok(Guidance {
            renames: super::renames_text(renames)?,
            using: super::renames_text(using)?,
            hooks: super::renames_text(hooks)?,
        })
    }
}

/// The plan of `migra_diff`; `lock_safe`: the lock timeout in milliseconds, when the plan is to
/// be lock-safe (`lock_safety`).
pub(super) fn plan_schemas(
    function: &'static str,
    source: Option<&str>,
    target: Option<&str>,
    allow_data_loss: Option<bool>,
    [with_privileges, with_owners]: [Option<bool>; 2],
    lock_safe: Option<u64>,
    guidance: &Guidance,
) -> Result<Vec<Step>, Error> {
    let source = required(source, "source_schema", function)?;
    let target = required(target, "target_schema", function)?;
    let allow_data_loss = required(allow_data_loss, "unsafe", function)?;
    let with_privileges = required(with_privileges, "with_privileges", function)?;
    let with_owners = required(with_owners, "with_owners", function)?;

    // no renames given: those recorded for the schema (`migra_renames`); `'{}'` means none
    let renames = match &guidance.renames {
        Some(document) => super::renames::parse(source, document)?,
        None => super::renames::intents(Some(source))?,
    };
    let using = match &guidance.using {
        Some(document) => conversions::parse_using(source, target, document)?,
        None => BTreeMap::new(),
    };
    let hooks = match &guidance.hooks {
        Some(document) => hooks::parse(document)?,
        None => Vec::new(),
    };
    // the expressions run over the source as the plan will have it: after its renames
    let check_using = |schemas: &[Schema; 2]| {
        conversions::check_columns(&using, &schemas[0], &schemas[1])?;
        conversions::check_expressions(source, &using)
    };
    let (schemas, renames) = if renames.is_empty() {
        let schemas = catalog::read_schema_pair([source, target])?;
        check_using(&schemas)?;
        (schemas, renames)
    } else {
        catalog::refuse_system_schema(source)?;
        super::renames::read_renamed(source, target, renames, check_using)?
    };
    let changed = diff::changed_column_types(&[(&schemas[0], &schemas[1])]);
    // a type the target defines is found after the source's: the plan creates it there
    let probed_under = format!(
        "{}, {}",
        catalog::search_path_for(source),
        crate::ident::quote_ident(target)
    );
    let conversions = Conversions {
        castless: conversions::castless(changed, &probed_under)?,
        using,
        filled_later: hooks::filled_later(&hooks, &schemas[0], &schemas[1]),
    };
    let asked = Asked {
        with_privileges,
        with_owners,
        lock_safe,
        allow_data_loss,
    };
    let first = super::renames::steps(renames);
    plan_pair(source, &schemas, first, (&conversions, &hooks), asked)
}

/// What a plan of one schema against another is asked for, beyond the two schemas.
#[derive(Clone, Copy)]
pub(super) struct Asked {
    pub with_privileges: bool,
    /// Owners are compared, and the plan refused when a role it names does not exist here.
    pub with_owners: bool,
    /// The lock timeout in milliseconds, when the plan is to be lock-safe (`lock_safety`).
    pub lock_safe: Option<u64>,
    pub allow_data_loss: bool,
}

/// The plan that makes `schemas[0]` (named `source`) look like `schemas[1]`, after the steps
/// `first` (renames, extensions the target needs), with the caller's hooks in place and one
/// WARNING for what is not compared.
pub(super) fn plan_pair(
    source: &str,
    schemas: &[Schema; 2],
    first: Vec<Step>,
    (conversions, hooks): (&Conversions, &[hooks::Hook]),
    asked: Asked,
) -> Result<Vec<Step>, Error> {
    let uncovered = Uncovered::of_schemas(schemas, asked.with_privileges);
    uncovered.warn();
    uncovered.refuse_tables()?;
    let mut changes = first;
    changes.extend(crate::timing::measure("diff", || {
        diff::schemas(
            &schemas[0],
            &schemas[1],
            asked.with_privileges,
            asked.with_owners,
            asked.lock_safe.is_some(),
            conversions,
        )
    })?);
    let mut steps = crate::timing::measure("order", || {
        plan::build(changes, &catalog::search_path_for(source))
    })?;
    crate::timing::measure("render", || crate::ddl::render(&mut steps))?;
    super::refuse_unknown_owners(&steps)?;
    let steps = hooks::place(steps, hooks, source)?;
    let steps = safe_plan(steps, asked.allow_data_loss)?;
    warn_about_rows(&steps)?;
    made_lock_safe(steps, asked.lock_safe)
}

/// The plan again, for a check that it is empty (`migra_verify`): no WARNINGs, no refusal of
/// data loss. Types that changed have changed: no conversion is asked about.
pub(super) fn replan_schemas(
    source: &str,
    target: &str,
    [with_privileges, with_owners]: [bool; 2],
) -> Result<Vec<Step>, Error> {
    let schemas = catalog::read_schema_pair([source, target])?;
    let changes = diff::schemas(
        &schemas[0],
        &schemas[1],
        with_privileges,
        with_owners,
        false,
        &Conversions::default(),
    )?;
    let mut steps = plan::build(changes, &catalog::search_path_for(source))?;
    crate::ddl::render(&mut steps)?;
    Ok(steps)
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::sqlstate_of;

    fn count(query: &str) -> i64 {
        Spi::get_one::<i64>(query).unwrap().unwrap()
    }

    #[pg_test]
    fn identical_schemas_give_no_rows() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id serial primary key, v text unique); create table b.t (id serial primary key, v text unique);",
        )
        .unwrap();
        assert_eq!(count("select count(*) from migra_diff('a', 'b')"), 0);
        assert_eq!(
            Spi::get_one::<String>("select migra_diff_sql('a', 'b')")
                .unwrap()
                .as_deref(),
            Some("")
        );
    }

    #[pg_test]
    fn a_partition_key_change_makes_the_table_again_with_its_partitions_and_readers() {
        Spi::run(
            "create schema a; create schema b;
             create table a.events (id int, at date) partition by range (at);
             create table a.events_2026 partition of a.events for values from ('2026-01-01') to ('2027-01-01');
             create view a.recent as select * from a.events where at > '2026-06-01';
             create table b.events (id int, at date) partition by list (id);
             create table b.events_1 partition of b.events for values in (1);
             create view b.recent as select * from b.events where at > '2026-06-01';",
        )
        .unwrap();
        // its rows are lost: only with unsafe
        let (code, _) = crate::api::test_support::error_of("select * from migra_diff('a', 'b')");
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST)
        );
        let plan = statements(
            "select statement from migra_diff('a', 'b', unsafe => true) where kind <> 'setting' order by ordinal",
        );
        // the view's text is the server's own, which differs between versions
        assert_eq!(plan.len(), 5, "{plan:#?}");
        assert_eq!(
            plan[..4],
            [
                r#"DROP VIEW "a"."recent";"#,
                r#"DROP TABLE "a"."events";"#,
                "CREATE TABLE \"a\".\"events\" (\n    \"id\" integer,\n    \"at\" date\n) PARTITION BY LIST (id);",
                r#"CREATE TABLE "a"."events_1" PARTITION OF "a"."events" FOR VALUES IN (1);"#,
            ],
        );
        assert!(
            plan[4].starts_with(r#"CREATE VIEW "a"."recent" AS"#),
            "{plan:#?}"
        );
        let hazards = Spi::get_one::<Vec<String>>(
            "select hazards from migra_diff('a', 'b', unsafe => true) where statement like 'DROP TABLE%'",
        )
        .unwrap()
        .unwrap();
        assert!(hazards.contains(&"data_loss".to_owned()), "{hazards:?}");
    }

    #[pg_test]
    fn a_missing_schema_is_invalid_schema_name() {
        Spi::run("create schema present").unwrap();
        assert_eq!(
            sqlstate_of("select * from migra_diff('present', 'absent')"),
            Some(PgSqlErrorCode::ERRCODE_INVALID_SCHEMA_NAME)
        );
    }

    #[pg_test(error = "schema \"absent\" does not exist")]
    fn a_missing_schema_is_named() {
        Spi::run("select * from migra_diff('absent', 'public')").unwrap();
    }

    #[pg_test(error = "schema \"pg_catalog\" is a system schema: migra compares user schemas only")]
    fn system_schemas_are_not_compared() {
        Spi::run("select * from migra_diff('public', 'pg_catalog')").unwrap();
    }

    #[pg_test]
    fn information_schema_is_invalid_parameter_value() {
        assert_eq!(
            sqlstate_of("select * from migra_diff('information_schema', 'public')"),
            Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE)
        );
    }

    #[pg_test]
    fn a_schema_compared_with_itself_gives_no_rows() {
        Spi::run("create schema a; create table a.t (id int primary key)").unwrap();
        assert_eq!(count("select count(*) from migra_diff('a', 'a')"), 0);
    }

    #[pg_test(error = "argument \"target_schema\" of migra_diff must not be null")]
    fn a_null_argument_is_named() {
        Spi::run("select * from migra_diff('public', null)").unwrap();
    }

    #[pg_test]
    fn a_null_argument_is_null_value_not_allowed() {
        assert_eq!(
            sqlstate_of("select migra_diff_sql(null, 'public')"),
            Some(PgSqlErrorCode::ERRCODE_NULL_VALUE_NOT_ALLOWED)
        );
    }

    #[pg_test]
    fn dropping_a_table_needs_unsafe() {
        Spi::run("create schema a; create schema b; create table a.doomed (x int);").unwrap();
        assert_eq!(
            sqlstate_of("select * from migra_diff('a', 'b')"),
            Some(PgSqlErrorCode::ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST)
        );
    }

    #[pg_test(error = "the migration plan would destroy data: DROP TABLE \"a\".\"doomed\";")]
    fn the_refusal_names_the_first_destructive_statement() {
        Spi::run("create schema a; create schema b; create table a.doomed (x int);").unwrap();
        Spi::run("select * from migra_diff('a', 'b')").unwrap();
    }

    #[pg_test]
    fn with_unsafe_the_plan_lists_its_hazards() {
        Spi::run("create schema a; create schema b; create table a.doomed (x int); create index on a.doomed (x);").unwrap();
        let row = Spi::get_two::<String, Vec<String>>(
            "select statement, hazards from migra_diff('a', 'b', unsafe => true) where action = 'drop'",
        )
        .unwrap();
        assert_eq!(
            row,
            (
                Some(r#"DROP TABLE "a"."doomed";"#.to_owned()),
                Some(vec![
                    "data_loss".to_owned(),
                    "blocks_writes".to_owned(),
                    "blocks_reads".to_owned()
                ])
            )
        );
    }

    #[pg_test]
    fn dropping_an_index_loses_no_data() {
        Spi::run("create schema a; create schema b; create table a.t (x int); create table b.t (x int); create index on a.t (x);").unwrap();
        assert_eq!(
            count(
                "select count(*) from migra_diff('a', 'b') where statement like 'DROP INDEX%' and not 'data_loss' = any (hazards)"
            ),
            1
        );
    }

    #[pg_test]
    fn rows_are_numbered_from_one_and_open_with_the_search_path() {
        Spi::run("create schema a; create schema b; create table b.t (x int);").unwrap();
        let first = Spi::get_three::<i32, String, String>(
            "select ordinal, kind, statement from migra_diff('a', 'b') order by ordinal limit 1",
        )
        .unwrap();
        assert_eq!(
            first,
            (
                Some(1),
                Some("setting".into()),
                Some(r#"SET search_path TO pg_catalog, "a";"#.into())
            )
        );
        assert_eq!(
            count(
                "select count(*) from migra_diff('a', 'b') where kind = 'table' and action = 'create' and identity = 'a.t'"
            ),
            1
        );
    }

    /// Applies the plan inside this test's transaction and diffs again.
    fn converge(source: &str, target: &str) {
        let plan = Spi::connect(|c| {
            c.select(
                "select statement from migra_diff($1, $2, true) order by ordinal",
                None,
                &[source.into(), target.into()],
            )
            .unwrap()
            .map(|row| row.get::<String>(1).unwrap().unwrap())
            .collect::<Vec<_>>()
        });
        assert!(!plan.is_empty());
        for statement in &plan {
            Spi::run(statement).unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        Spi::run("reset search_path").unwrap();
        let left = Spi::get_one_with_args::<i64>(
            "select count(*) from migra_diff($1, $2, true)",
            &[source.into(), target.into()],
        );
        assert_eq!(left.unwrap(), Some(0), "plan did not converge: {plan:#?}");
    }

    #[pg_test]
    fn odd_schema_and_object_names_are_quoted_everywhere() {
        Spi::run(
            r#"create schema "My ""Odd"" Schema"; create schema "Ziel ü";
               create table "Ziel ü"."Order" ("select" int primary key, "two words" text check ("two words" <> '''; DROP TABLE x; --'));
               create index "idx ""q""" on "Ziel ü"."Order" (lower("two words"));
               create sequence "Ziel ü"."seq ü" as smallint;"#,
        )
        .unwrap();
        converge(r#"My "Odd" Schema"#, "Ziel ü");
    }

    #[pg_test]
    fn a_plan_from_the_middle_of_a_writing_transaction_converges() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int primary key, v varchar(10) default 'x', gone int);
             create table b.t (id bigint primary key, v varchar(20) not null, added text default 'y');
             create table b.u (t_id bigint references b.t);",
        )
        .unwrap();
        converge("a", "b");
    }

    #[pg_test(
        error = "the plan would drop routine a.eq(integer, integer), which operator ===(integer,integer) needs, and that kind of object is not compared yet"
    )]
    fn a_routine_that_an_object_not_compared_calls_is_not_dropped_under_it() {
        Spi::run(
            "create schema a; create schema b;
             create function a.eq(int, int) returns boolean language sql immutable return $1 = $2;
             create operator a.=== (leftarg = int, rightarg = int, function = a.eq);",
        )
        .unwrap();
        Spi::run("select * from migra_diff('a', 'b', true)").unwrap();
    }

    #[pg_test]
    fn look_alikes_planted_in_the_source_schema_are_not_what_the_plan_calls() {
        // Anyone with CREATE on the source schema could plant these before a superuser applies
        // a plan: with the schema ahead of pg_catalog on the path, they would capture the
        // target's unqualified lower(), length(), now() and "=". The target has the same
        // look-alikes, so that the plan keeps them (an operator is not compared yet, and its
        // function may not be dropped under it).
        let planted = |schema: &str| {
            format!(
                r#"create function {schema}.lower(text) returns text language plpgsql as $$begin raise exception 'planted lower'; end$$;
                   create function {schema}.lower(character varying) returns text language plpgsql as $$begin raise exception 'planted lower'; end$$;
                   create function {schema}.length(text) returns integer language plpgsql as $$begin raise exception 'planted length'; end$$;
                   create function {schema}.now() returns timestamptz language plpgsql as $$begin raise exception 'planted now'; end$$;
                   create function {schema}.eq(integer, integer) returns boolean language plpgsql as $$begin raise exception 'planted ='; end$$;
                   create operator {schema}.= (leftarg = integer, rightarg = integer, function = {schema}.eq);
                   create function {schema}.eqv(character varying, character varying) returns boolean language plpgsql as $$begin raise exception 'planted ='; end$$;
                   create operator {schema}.= (leftarg = character varying, rightarg = character varying, function = {schema}.eqv);"#
            )
        };
        Spi::run(&format!(
            "create schema src; create schema tgt; {} {}",
            planted("src"),
            planted("tgt")
        ))
        .unwrap();
        Spi::run(
            "create table tgt.t (
                 n integer check (n = 1),
                 v varchar(20) check (lower(v) = v) check (v = 'x'::varchar),
                 at timestamptz default now());
             create index on tgt.t (length(v));",
        )
        .unwrap();
        converge("src", "tgt");
        // nothing the plan made depends on a function or operator of src
        let planted = count(
            "select count(*) from pg_depend d
             where d.refclassid in ('pg_proc'::regclass, 'pg_operator'::regclass)
               and (d.refobjid in (select oid from pg_proc where pronamespace = 'src'::regnamespace)
                    or d.refobjid in (select oid from pg_operator where oprnamespace = 'src'::regnamespace))
               and d.classid <> 'pg_operator'::regclass",
        );
        assert_eq!(planted, 0);
        // and the objects run: a planted function would raise
        Spi::run("insert into src.t (n, v) values (1, 'x')").unwrap();
    }

    /// The plan's statements, in order.
    fn plan_of(query: &str) -> Vec<String> {
        Spi::connect(|c| {
            c.select(query, None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect::<Vec<_>>()
        })
    }

    #[pg_test]
    fn a_lock_safe_plan_builds_concurrently_and_gathers_what_cannot_run_in_a_transaction() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int, v text, w text); create index t_w on a.t (w);
             create table b.t (id int, v text not null, w text); create index t_w on b.t (w, id);
             create index t_v on b.t (v);",
        )
        .unwrap();
        let rows = plan_of(
            "select statement || ' ' || array_to_string(hazards, ',') \
             from migra_diff('a', 'b', lock_safe => true, lock_timeout => '2s') order by ordinal",
        );
        let rows: Vec<&str> = rows.iter().map(|r| r.trim_end()).collect();
        assert_eq!(
            rows,
            [
                r#"SET search_path TO pg_catalog, "a";"#,
                // the statements that block writes give up after lock_timeout
                "SET lock_timeout = '2s';",
                r#"ALTER TABLE "a"."t" ADD CONSTRAINT "t_v__migra_not_null" CHECK ("v" IS NOT NULL) NOT VALID; blocks_writes,blocks_reads"#,
                "SET statement_timeout = 0;",
                // the scan, under a lock that lets reads and writes go on
                r#"ALTER TABLE "a"."t" VALIDATE CONSTRAINT "t_v__migra_not_null"; validates_rows"#,
                r#"ALTER TABLE "a"."t" ALTER COLUMN "v" SET NOT NULL; blocks_writes,blocks_reads"#,
                r#"ALTER TABLE "a"."t" DROP CONSTRAINT "t_v__migra_not_null"; blocks_writes,blocks_reads"#,
                // then, together, what cannot run in a transaction block
                "SET lock_timeout = 0;",
                r#"CREATE INDEX CONCURRENTLY "t_v" ON "a"."t" USING "btree" (v); index_build,non_transactional"#,
                r#"CREATE INDEX CONCURRENTLY "t_w__migra_new" ON "a"."t" USING "btree" (w, id); index_build,non_transactional"#,
                r#"DROP INDEX CONCURRENTLY "a"."t_w"; non_transactional"#,
                r#"ALTER INDEX "a"."t_w__migra_new" RENAME TO "t_w";"#,
            ]
        );
        // without lock_safe, the same pair gives the plain plan
        let plain = plan_of("select statement from migra_diff('a', 'b') order by ordinal");
        assert_eq!(
            plain[1..],
            [
                r#"DROP INDEX "a"."t_w";"#,
                r#"ALTER TABLE "a"."t" ALTER COLUMN "v" SET NOT NULL;"#,
                r#"CREATE INDEX "t_v" ON "a"."t" USING "btree" (v);"#,
                r#"CREATE INDEX "t_w" ON "a"."t" USING "btree" (w, id);"#,
            ]
        );
    }

    #[pg_test]
    fn an_index_a_failed_concurrent_build_left_invalid_is_built_again() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (v int); create index t_v on a.t (v);
             create table b.t (v int); create index t_v on b.t (v);
             -- what a CREATE INDEX CONCURRENTLY that failed leaves: the index, marked invalid
             update pg_index set indisvalid = false where indexrelid = 'a.t_v'::regclass;",
        )
        .unwrap();
        let plan = plan_of("select statement from migra_diff('a', 'b') order by ordinal");
        assert_eq!(
            plan[1..],
            [
                r#"DROP INDEX "a"."t_v";"#,
                r#"CREATE INDEX "t_v" ON "a"."t" USING "btree" (v);"#,
            ]
        );
    }

    #[pg_test]
    fn a_negative_lock_timeout_is_invalid_parameter_value() {
        Spi::run("create schema a; create schema b;").unwrap();
        assert_eq!(
            sqlstate_of(
                "select * from migra_diff('a', 'b', lock_safe => true, lock_timeout => '-1s')"
            ),
            Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE)
        );
        assert_eq!(
            sqlstate_of("select * from migra_diff('a', 'b', lock_safe => null)"),
            Some(PgSqlErrorCode::ERRCODE_NULL_VALUE_NOT_ALLOWED)
        );
    }

    #[pg_test]
    fn narrowing_a_varchar_fails_on_a_value_too_long_instead_of_cutting_it() {
        Spi::run(
            "create schema a; create schema b;
             create table a.people (phone varchar(20)); create table b.people (phone varchar(15));
             insert into a.people values ('+44 20 7946 0958 x12');",
        )
        .unwrap();
        let plan =
            plan_of("select statement from migra_diff('a', 'b', unsafe => true) order by ordinal");
        assert_eq!(
            plan[1],
            r#"ALTER TABLE "a"."people" ALTER COLUMN "phone" TYPE character varying(15);"#
        );
        Spi::run(&plan[0]).unwrap();
        // an explicit cast (USING phone::varchar(15)) would have cut the value to fit
        assert_eq!(
            sqlstate_of(&plan[1]),
            Some(PgSqlErrorCode::ERRCODE_STRING_DATA_RIGHT_TRUNCATION)
        );
    }

    #[pg_test]
    fn a_widening_keeps_the_default_and_a_type_without_assignment_cast_is_cast() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (n integer default 0, total numeric(10,2) default 0, code text);
             create table b.t (n bigint default 0, total numeric(12,2) default 0, code integer);",
        )
        .unwrap();
        let plan =
            plan_of("select statement from migra_diff('a', 'b', unsafe => true) order by ordinal");
        assert_eq!(
            plan[1..],
            [
                r#"ALTER TABLE "a"."t" ALTER COLUMN "code" TYPE integer USING "code"::integer;"#,
                r#"ALTER TABLE "a"."t" ALTER COLUMN "n" TYPE bigint;"#,
                r#"ALTER TABLE "a"."t" ALTER COLUMN "total" TYPE numeric(12,2);"#,
            ]
        );
        converge("a", "b");
    }

    #[pg_test]
    fn a_column_added_not_null_with_nothing_to_fill_it_says_it_fails_on_rows() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int); create table b.t (id int, code text not null, kind text not null default 'x',
                                                        n int generated always as identity);",
        )
        .unwrap();
        let hazards = plan_of(
            "select identity || ' ' || hazards::text from migra_diff('a', 'b') where action = 'create' order by identity",
        );
        assert_eq!(
            hazards,
            [
                "a.t.code {fails_on_existing_rows,blocks_writes,blocks_reads}",
                "a.t.kind {blocks_writes,blocks_reads}",
                "a.t.n {table_rewrite,blocks_writes,blocks_reads}"
            ]
        );
    }

    #[pg_test]
    fn each_row_names_the_table_it_locks_how_and_how_big_that_table_is_now() {
        Spi::run(
            "create schema a; create schema b;
             create table a.orders (id int, note text); create table b.orders (id bigint, note text);
             create index orders_note on b.orders (note);
             create table b.fresh (id int); create index fresh_id on b.fresh (id);
             insert into a.orders select g, repeat('x', 100) from generate_series(1, 1000) g;
             analyze a.orders;",
        )
        .unwrap();
        let bytes = Spi::get_one::<i64>("select pg_total_relation_size('a.orders')")
            .unwrap()
            .unwrap();
        let rows = plan_of(
            "select concat_ws(' ', identity, relation, lock_mode, table_rows, table_bytes)
             from migra_diff('a', 'b') where ordinal > 1 order by ordinal",
        );
        assert_eq!(
            rows,
            [
                // a new table and its index: locked, but empty and seen by nobody yet
                "a.fresh a.fresh".to_owned(),
                format!("a.orders.id a.orders ACCESS EXCLUSIVE 1000 {bytes}"),
                "a.fresh_id a.fresh SHARE".to_owned(),
                format!("a.orders_note a.orders SHARE 1000 {bytes}"),
            ]
        );
        let hazards = plan_of(
            "select hazards::text from migra_diff('a', 'b') where ordinal > 1 order by ordinal",
        );
        assert_eq!(
            hazards,
            [
                "{}",
                "{table_rewrite,blocks_writes,blocks_reads}",
                "{}",
                "{index_build,blocks_writes}"
            ]
        );
    }

    #[pg_test]
    fn grants_are_compared_when_asked_one_statement_per_grantee_named_in_the_identity() {
        Spi::run(
            "create schema a; create schema b; create role migra_reader;
             create table a.t (id int); create table b.t (id int);
             grant select, insert, update, delete on a.t to migra_reader;
             grant select on b.t to public;",
        )
        .unwrap();
        // not compared by default: no rows (and a WARNING that says the grants differ)
        assert_eq!(count("select count(*) from migra_diff('a', 'b')"), 0);
        let rows = plan_of(
            "select identity || ': ' || statement from migra_diff('a', 'b', with_privileges => true) where kind = 'privilege' order by ordinal",
        );
        assert_eq!(
            rows,
            [
                r#"a.t from migra_reader: REVOKE ALL ON TABLE "a"."t" FROM "migra_reader";"#,
                r#"a.t to PUBLIC: GRANT SELECT ON TABLE "a"."t" TO PUBLIC;"#,
            ]
        );
    }

    /// The statements of `query`'s plan, settings left out.
    fn statements(query: &str) -> Vec<String> {
        Spi::connect(|client| {
            client
                .select(query, None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect()
        })
    }

    #[pg_test]
    fn owners_are_compared_only_with_owners() {
        Spi::run(
            "create schema a; create schema b; create role migra_owner_test;
             create table a.t (id int); create table b.t (id int);
             alter table b.t owner to migra_owner_test;",
        )
        .unwrap();
        assert_eq!(count("select count(*) from migra_diff('a', 'b')"), 0);
        let rows = plan_of(
            "select kind || ' ' || identity || ': ' || statement || ' ' || lock_mode
             from migra_diff('a', 'b', with_owners => true) where kind <> 'setting' order by ordinal",
        );
        assert_eq!(
            rows,
            [r#"table a.t: ALTER TABLE "a"."t" OWNER TO "migra_owner_test"; ACCESS EXCLUSIVE"#]
        );
    }

    #[pg_test]
    fn an_owner_that_is_no_role_here_refuses_the_plan_with_42704() {
        Spi::run("create schema a; create table a.t (id int);").unwrap();
        // a snapshot whose objects belong to a role this cluster lacks
        let expected = "replace(migra_snapshot(array['a'])::text, '\"owner\": ' || to_jsonb(current_user::text)::text,
                                '\"owner\": \"migra_no_such_role\"')::jsonb";
        assert_eq!(
            count(&format!("select count(*) from migra_drift({expected})")),
            0
        );
        assert_eq!(
            sqlstate_of(&format!(
                "select * from migra_drift({expected}, with_owners => true)"
            )),
            Some(PgSqlErrorCode::ERRCODE_UNDEFINED_OBJECT)
        );
    }

    #[pg_test]
    fn a_column_added_to_a_partitioned_table_is_added_to_the_parent_alone() {
        Spi::run(
            "create schema a; create schema b;
             create table a.events (at date, n int) partition by range (at);
             create table a.events_2026 partition of a.events for values from ('2026-01-01') to ('2027-01-01');
             create table b.events (at date, n int, note text) partition by range (at);
             create table b.events_2026 partition of b.events for values from ('2026-01-01') to ('2027-01-01');",
        )
        .unwrap();
        assert_eq!(
            statements(
                "select statement from migra_diff('a', 'b') where kind <> 'setting' order by ordinal"
            ),
            [r#"ALTER TABLE "a"."events" ADD COLUMN "note" text;"#]
        );
    }

    #[pg_test]
    fn a_view_over_a_partitioned_table_is_made_after_its_tables() {
        Spi::run(
            "create schema a; create schema b;
             create table b.events (at date, n int) partition by range (at);
             create table b.events_2026 partition of b.events for values from ('2026-01-01') to ('2027-01-01');
             create view b.recent as select * from b.events where at > '2026-06-01';",
        )
        .unwrap();
        let plan = statements(
            "select statement from migra_diff('a', 'b') where kind <> 'setting' order by ordinal",
        );
        assert_eq!(plan.len(), 3, "{plan:?}");
        assert!(
            plan[0].starts_with(r#"CREATE TABLE "a"."events" ("#),
            "{plan:?}"
        );
        assert!(
            plan[1].starts_with(r#"CREATE TABLE "a"."events_2026" PARTITION OF "a"."events""#),
            "{plan:?}"
        );
        assert!(
            plan[2].starts_with(r#"CREATE VIEW "a"."recent""#),
            "{plan:?}"
        );
    }

    #[pg_test]
    fn an_index_added_to_a_parent_of_400_partitions_is_one_statement() {
        Spi::run(
            "create schema a; create schema b;
             do $$ begin
               for s in 0..1 loop
                 execute format('create table %I.events (id int, at int, n int) partition by range (at)',
                                case s when 0 then 'a' else 'b' end);
                 execute format('create index events_id on %I.events (id)', case s when 0 then 'a' else 'b' end);
                 for i in 0..399 loop
                   execute format('create table %I.%I partition of %I.events for values from (%s) to (%s)',
                                  case s when 0 then 'a' else 'b' end, 'events_' || i,
                                  case s when 0 then 'a' else 'b' end, i * 10, i * 10 + 10);
                 end loop;
               end loop;
             end $$;
             create index events_n on b.events (n);",
        )
        .unwrap();
        let plan = statements(
            "select statement from migra_diff('a', 'b') where kind <> 'setting' order by ordinal",
        );
        assert_eq!(
            plan,
            [r#"CREATE INDEX "events_n" ON "a"."events" USING "btree" (n);"#]
        );
        Spi::run(&plan[0]).unwrap();
        // PostgreSQL made and attached the 400 partitions' own: nothing is left
        assert_eq!(count("select count(*) from migra_diff('a', 'b')"), 0);
        assert_eq!(
            count(
                "select count(*) from pg_indexes where schemaname = 'a' and indexdef like '% (n)'"
            ),
            401
        );
    }

    #[pg_test]
    fn the_same_partitioned_tables_on_both_sides_do_not_stop_the_plan() {
        let tables = |s: &str| {
            format!(
                "create table {s}.events (at date, n int) partition by range (at);
                 create table {s}.events_2026 partition of {s}.events for values from ('2026-01-01') to ('2027-01-01');
                 create index on {s}.events (n);"
            )
        };
        Spi::run(&format!(
            "create schema a; create schema b; {} {} create table b.t (id int);",
            tables("a"),
            tables("b")
        ))
        .unwrap();
        converge("a", "b");
    }
}
