//! `migra_verify`: the plan proven on the real source schema, with its rows, roles and
//! extensions, and rolled back. Each statement runs in a subtransaction of its own inside one
//! that holds the whole proof; the locks each one took are read from `pg_locks`; then the two
//! schemas are diffed again, and everything is rolled back. Sequences, which a rollback does not
//! put back (`nextval` in a default given to existing rows), are set back to where they were.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pgrx::datum::Interval;
use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;

use super::schemas::{Guidance, plan_schemas, replan_schemas};
use super::{interval_duration, required};
use crate::error::Error;
use crate::plan::{Operation, Setting, Step};
use crate::subtransaction::{Attempt, attempt, caught_sqlstate_and_message};

/// One row of a proof.
#[derive(Debug, Default)]
pub(super) struct ProofRow {
    ordinal: i32,
    kind: String,
    identity: String,
    action: String,
    statement: Option<String>,
    /// NULL: not run (after a failure, or a timeout setting the proof sets itself).
    ok: Option<bool>,
    sqlstate: Option<String>,
    error: Option<String>,
    ms: Option<f64>,
    /// The relation locks it took that were not held before it, each with its relation's size.
    locks: Vec<String>,
    // as `migra_diff` gives them
    relation: Option<String>,
    lock_mode: Option<String>,
    table_rows: Option<i64>,
    table_bytes: Option<i64>,
    /// The statement run in its place, for one that cannot run in a transaction block.
    proven_as: Option<String>,
    /// The other sessions that held or waited for a lock on `relation` that conflicts with
    /// `lock_mode` just before it ran: whom the real run would wait behind now.
    waits_behind: Option<String>,
}

/// The rows every proof function returns.
pub(super) type Rows = TableIterator<
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
>;

/// The rows, as the SQL function returns them.
pub(super) fn rows_of(proof: Vec<ProofRow>) -> Rows {
    TableIterator::new(proof.into_iter().map(|r| {
        (
            r.ordinal,
            r.kind,
            r.identity,
            r.action,
            r.statement,
            r.ok,
            r.sqlstate,
            r.error,
            r.ms,
            r.locks,
            r.relation,
            r.lock_mode,
            r.table_rows,
            r.table_bytes,
            r.proven_as,
            r.waits_behind,
        )
    }))
}

/// Runs the plan of `migra_diff(source_schema, target_schema, ...)` on the source schema and
/// rolls it back: a row per statement (`ok`, or the SQLSTATE and message that stopped it; the
/// milliseconds it took; the locks it took, `MODE on relation`), and a last row, kind
/// `verify`, whose `ok` says whether a second diff found nothing left to do.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_verify(source_schema text, target_schema text, "unsafe" boolean DEFAULT false,
                             with_privileges boolean DEFAULT false,
                             lock_timeout interval DEFAULT '5s', statement_timeout interval DEFAULT '1min',
                             lock_safe boolean DEFAULT false,
    renames jsonb DEFAULT NULL, "using" jsonb DEFAULT NULL, hooks jsonb DEFAULT NULL,
    with_owners boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, ok boolean,
               sqlstate text, error text, ms double precision, locks text[],
               relation text, lock_mode text, table_rows bigint, table_bytes bigint, proven_as text,
               waits_behind text)
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_verify_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_verify(
    source_schema: Option<&str>,
    target_schema: Option<&str>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    lock_timeout: Option<Interval>,
    statement_timeout: Option<Interval>,
    lock_safe: Option<bool>,
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
    const FUNCTION: &str = "migra_verify";
    let lock_safe = super::lock_safety(lock_safe, lock_timeout, FUNCTION)?;
    let lock_timeout = interval_duration(
        required(lock_timeout, "lock_timeout", FUNCTION)?,
        "lock_timeout",
    )?;
    let budget = interval_duration(
        required(statement_timeout, "statement_timeout", FUNCTION)?,
        "statement_timeout",
    )?;
    let steps = plan_schemas(
        FUNCTION,
        source_schema,
        target_schema,
        allow_data_loss,
        [with_privileges, with_owners],
        lock_safe,
        &Guidance::of(renames, using, hooks)?,
    )?;
    let (source, target) = (
        source_schema.unwrap_or_default(),
        target_schema.unwrap_or_default(),
    );
    let with_privileges = with_privileges.unwrap_or_default();
    let with_owners = with_owners.unwrap_or_default();
    let rows = prove(&steps, lock_timeout, budget, &|| {
        replan_schemas(source, target, [with_privileges, with_owners])
    })?;
    Ok(rows_of(rows))
}

/// Runs `steps` (a plan whose source is this database) in a subtransaction that is always
/// rolled back, each statement in one of its own, then `replan` (the same diff again, its
/// second diff), and gives a row per statement and the last row; sequences the proof moved are
/// set back. `lock_timeout` bounds each lock wait, `budget` the whole proof (checked between
/// statements).
pub(super) fn prove(
    steps: &[Step],
    lock_timeout: Duration,
    budget: Duration,
    replan: &dyn Fn() -> Result<Vec<Step>, Error>,
) -> Result<Vec<ProofRow>, ErrorReport> {
    if steps.is_empty() {
        return Ok(Vec::new());
    }

    // the live size of what each statement locks, as migra_diff gives it, before the proof
    let sizes = super::live_sizes(steps)?;
    let sequences = sequence_positions()?;
    let started = Instant::now();
    let mut rows: Vec<ProofRow> = Vec::new();
    // the whole proof in one subtransaction, always rolled back: `attempt` rolls back on `Err`
    let proof = attempt(|| -> Result<(), Error> {
        let mut held = locks_held()?;
        let mut stopped = false;
        for (i, step) in steps.iter().enumerate() {
            let ordinal = i as i32 + 1;
            let (table_rows, table_bytes) = step
                .relation
                .as_ref()
                .filter(|_| !step.relation_is_new)
                .and_then(|r| sizes.get(&super::qualified(r)).copied())
                .unwrap_or((None, None));
            let mut row = ProofRow {
                ordinal,
                kind: step.kind.as_str().to_owned(),
                identity: step.identity.clone(),
                action: step.action.as_str().to_owned(),
                statement: Some(step.statement.clone()),
                relation: step
                    .relation
                    .as_ref()
                    .map(|(schema, name)| crate::ident::display_qualified(schema, name)),
                lock_mode: step.lock_mode.map(|l| l.as_str().to_owned()),
                table_rows,
                table_bytes,
                ..ProofRow::default()
            };
            // the proof sets its own timeouts, statement by statement
            if matches!(
                step.operation,
                Operation::Set(Setting::LockTimeout(_) | Setting::StatementTimeout(_))
            ) {
                rows.push(row);
                continue;
            }
            // a statement that cannot run in a transaction block is proven in the form that can
            let statement = match step.operation.in_transaction() {
                Some(operation) => {
                    let cx = crate::change::Cx::new(step.key.schema().unwrap_or_default());
                    let text = crate::ddl::statement(&cx, &operation)?;
                    row.proven_as = Some(text.clone());
                    text
                }
                None => step.statement.clone(),
            };
            if stopped {
                rows.push(row);
                continue;
            }
            let left = budget.saturating_sub(started.elapsed());
            if left.is_zero() {
                row.ok = Some(false);
                row.sqlstate = Some("57014".to_owned());
                row.error = Some(format!(
                    "the proof took longer than statement_timeout ({} ms): not run",
                    budget.as_millis()
                ));
                stopped = true;
                rows.push(row);
                continue;
            }
            // whom the real run would wait behind, now
            let relation = step
                .relation
                .as_ref()
                .filter(|_| !step.relation_is_new)
                .map(|(schema, name)| crate::ident::qualified(schema, name));
            if let (Some(relation), Some(lock)) = (&relation, step.lock_mode) {
                row.waits_behind = in_the_way(relation, lock)?;
            }
            // a lock wait gives up at lock_timeout, and never outlasts the proof
            let wait = lock_timeout.min(left).as_millis().max(1);
            Spi::run(&format!("SET LOCAL lock_timeout = {wait}"))?;
            let began = Instant::now();
            let ran = attempt(|| -> Result<(), Error> {
                Spi::run(&statement)?;
                Ok(())
            });
            row.ms = Some(began.elapsed().as_secs_f64() * 1000.0);
            match ran {
                Attempt::Done(Ok(())) => {
                    let now = locks_held()?;
                    row.locks = now
                        .iter()
                        .filter(|(lock, _)| !held.contains_key(*lock))
                        .map(|(lock, size)| format!("{lock} ({size})"))
                        .collect();
                    held = now;
                    row.ok = Some(true);
                }
                Attempt::Done(Err(error)) => {
                    row.ok = Some(false);
                    row.sqlstate = Some(crate::subtransaction::sqlstate_text(error.sqlstate()));
                    row.error = Some(error.to_string());
                    stopped = true;
                }
                Attempt::Raised(caught) => {
                    let (sqlstate, mut message) = caught_sqlstate_and_message(&caught);
                    // a lock it waited for: name who holds it now
                    if sqlstate == "55P03"
                        && let Some(relation) = &relation
                        && let Some(holders) = holders_of(relation)?
                    {
                        message.push_str(&format!("; held by {holders}"));
                    }
                    row.ok = Some(false);
                    row.sqlstate = Some(sqlstate);
                    row.error = Some(message);
                    stopped = true;
                }
            }
            rows.push(row);
        }
        let mut last = ProofRow {
            ordinal: steps.len() as i32 + 1,
            kind: "verify".to_owned(),
            identity: "a second diff".to_owned(),
            action: "check".to_owned(),
            ..ProofRow::default()
        };
        if !stopped {
            let began = Instant::now();
            let again = replan()?;
            last.ms = Some(began.elapsed().as_secs_f64() * 1000.0);
            last.ok = Some(again.is_empty());
            if let Some(first) = again.iter().find(|s| s.kind != crate::plan::Kind::Setting) {
                last.error = Some(format!(
                    "{} statement{} left to do, first: {}",
                    again.len() - 1,
                    if again.len() == 2 { "" } else { "s" },
                    first.statement
                ));
            }
        }
        rows.push(last);
        Err(Error::RolledBack)
    });
    match proof {
        Attempt::Done(Err(Error::RolledBack)) => {}
        Attempt::Done(Err(error)) => return Err(error.into()),
        Attempt::Done(Ok(())) => {
            return Err(Error::Catalog("the proof was not rolled back".to_owned()).into());
        }
        Attempt::Raised(caught) => caught.rethrow(),
    }
    restore_sequences(&sequences)?;
    Ok(rows)
}

/// The relation locks this backend holds on relations outside the system catalogs, as
/// `MODE on schema.relation`, each with its relation's size now: `12000 rows, 1024 kB` for a
/// table or materialized view (`reltuples`, `?` before it was first analyzed, and
/// `pg_total_relation_size`), `64 kB` for an index or sequence.
fn locks_held() -> Result<BTreeMap<String, String>, Error> {
    Spi::connect(|client| {
        let mut held = BTreeMap::new();
        let table = client.select(
            "select pg_catalog.upper(pg_catalog.regexp_replace(pg_catalog.replace(l.mode, 'Lock', ''), \
                    '([a-z])([A-Z])', '\\1 \\2', 'g')) \
                    operator(pg_catalog.||) ' on ' operator(pg_catalog.||) \
                    pg_catalog.quote_ident(n.nspname) operator(pg_catalog.||) '.' \
                    operator(pg_catalog.||) pg_catalog.quote_ident(c.relname), \
                    case when c.relkind operator(pg_catalog.=) any ('{r,m,p}'::pg_catalog.\"char\"[]) \
                         then pg_catalog.format('%s row%s, %s', \
                                case when c.reltuples operator(pg_catalog.>=) 0 \
                                     then c.reltuples::pg_catalog.int8::pg_catalog.text else '?' end, \
                                case when c.reltuples operator(pg_catalog.=) 1 then '' else 's' end, \
                                pg_catalog.pg_size_pretty(pg_catalog.pg_total_relation_size(c.oid))) \
                         else pg_catalog.pg_size_pretty(pg_catalog.pg_relation_size(c.oid)) end \
             from pg_catalog.pg_locks l \
             join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) l.relation \
             join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace \
             where l.locktype operator(pg_catalog.=) 'relation' and l.granted \
               and l.pid operator(pg_catalog.=) pg_catalog.pg_backend_pid() \
               and n.nspname operator(pg_catalog.<>) all ('{pg_catalog,information_schema,pg_toast}')",
            None,
            &[],
        )?;
        for row in table {
            if let (Some(lock), Some(size)) = (row.get::<String>(1)?, row.get::<String>(2)?) {
                held.insert(lock, size);
            }
        }
        Ok(held)
    })
}

/// The other sessions that hold, or wait for, a lock on `relation` that conflicts with `lock`:
/// whom a statement that takes `lock` there would wait behind now, as `pid 1234 (alice, idle in
/// transaction for 2400 s, AccessShareLock)`, `, waiting` for one still queued. `None` when
/// there are none.
fn in_the_way(relation: &str, lock: crate::plan::LockMode) -> Result<Option<String>, Error> {
    let modes: Vec<String> = crate::plan::LockMode::ALL
        .into_iter()
        .filter(|other| lock.conflicts_with(*other))
        .map(|other| other.pg_locks_mode().to_owned())
        .collect();
    Ok(Spi::get_one_with_args::<String>(
        &format!(
            "select pg_catalog.string_agg(pg_catalog.format('pid %s (%s, %s for %s s, %s%s)', a.pid, \
                        {SESSION}, l.mode, case when l.granted then '' else ', waiting' end), ', ' order by a.pid) \
             from pg_catalog.pg_locks l \
             join pg_catalog.pg_stat_activity a on a.pid operator(pg_catalog.=) l.pid \
             where l.locktype operator(pg_catalog.=) 'relation' \
               and l.relation operator(pg_catalog.=) pg_catalog.to_regclass($1) \
               and l.pid operator(pg_catalog.<>) pg_catalog.pg_backend_pid() \
               and l.mode operator(pg_catalog.=) any ($2)"
        ),
        &[relation.into(), modes.into()],
    )?)
}

/// Who a session is and how long it has been in its state, for `format('... %s, %s for %s s')`:
/// the user, the state, and the seconds since it changed (by the clock: `now()` is the proof's
/// own start).
const SESSION: &str = "coalesce(a.usename::pg_catalog.text, '?'), coalesce(a.state, '?'), \
     coalesce(pg_catalog.round(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() \
              operator(pg_catalog.-) coalesce(a.state_change, a.xact_start)))::pg_catalog.text, '?')";

/// The other sessions that hold a lock on `relation` now, as a DBA looks for them: `pid 1234
/// (alice, idle in transaction for 2400 s, AccessShareLock)`; `None` when there are none.
pub(super) fn holders_of(relation: &str) -> Result<Option<String>, Error> {
    Ok(Spi::get_one_with_args::<String>(
        &format!(
            "select pg_catalog.string_agg(pg_catalog.format('pid %s (%s, %s for %s s, %s)', a.pid, \
                        {SESSION}, l.mode), ', ' order by a.pid) \
             from pg_catalog.pg_locks l \
             join pg_catalog.pg_stat_activity a on a.pid operator(pg_catalog.=) l.pid \
             where l.locktype operator(pg_catalog.=) 'relation' and l.granted \
               and l.relation operator(pg_catalog.=) pg_catalog.to_regclass($1) \
               and l.pid operator(pg_catalog.<>) pg_catalog.pg_backend_pid()"
        ),
        &[relation.into()],
    )?)
}

/// Where every sequence this role may read stands: its OID, its last value (NULL when none was
/// taken since it was made or restarted), and its start.
fn sequence_positions() -> Result<Vec<(pg_sys::Oid, Option<i64>, i64)>, Error> {
    Spi::connect(|client| {
        let table = client.select(
            "select s.seqrelid, pg_catalog.pg_sequence_last_value(s.seqrelid), s.seqstart \
             from pg_catalog.pg_sequence s \
             where pg_catalog.has_sequence_privilege(s.seqrelid, 'SELECT')",
            None,
            &[],
        )?;
        let mut positions = Vec::new();
        for row in table {
            if let (Some(oid), Some(start)) = (row.get::<pg_sys::Oid>(1)?, row.get::<i64>(3)?) {
                positions.push((oid, row.get::<i64>(2)?, start));
            }
        }
        Ok(positions)
    })
}

/// Sets back every sequence the proof moved: `nextval` is not rolled back.
fn restore_sequences(before: &[(pg_sys::Oid, Option<i64>, i64)]) -> Result<(), Error> {
    let now = sequence_positions()?;
    for (oid, last, start) in before {
        let moved = now
            .iter()
            .find(|(o, _, _)| o == oid)
            .is_some_and(|(_, value, _)| value != last);
        if !moved {
            continue;
        }
        let (value, called) = match last {
            Some(value) => (*value, true),
            None => (*start, false),
        };
        Spi::run_with_args(
            "select pg_catalog.setval($1, $2, $3)",
            &[(*oid).into(), value.into(), called.into()],
        )?;
    }
    Ok(())
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::prelude::*;

    fn text(query: &str) -> String {
        Spi::get_one::<String>(query).unwrap().unwrap_or_default()
    }

    /// `ordinal ok sqlstate` for every row, and the last row's error.
    fn outcome(source: &str, target: &str) -> String {
        text(&format!(
            "select string_agg(ordinal || ' ' || coalesce(ok::text, '-') || ' ' || coalesce(sqlstate, '-'), ', ' order by ordinal) \
             from migra_verify('{source}', '{target}')"
        ))
    }

    #[pg_test]
    fn a_plan_that_converges_is_proven_and_leaves_nothing_behind() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int primary key, v text); insert into a.t values (1, 'x'), (2, 'y');
             create table b.t (id int primary key, v text, w int default 0);
             create index t_v on b.t (v);",
        )
        .unwrap();
        // search_path, ADD COLUMN, CREATE INDEX, then the second diff: all ok, nothing left
        assert_eq!(outcome("a", "b"), "1 true -, 2 true -, 3 true -, 4 true -");
        // what each statement took that was not held before: here the new index itself (the
        // table was made in this test's transaction, whose locks it holds already)
        let locks = text(
            "select string_agg(array_to_string(locks, ' / '), ' | ' order by ordinal) from migra_verify('a', 'b')",
        );
        assert!(locks.contains("ACCESS EXCLUSIVE on a.t_v"), "{locks}");
        // and, as migra_diff gives them, the lock it is known to take and the table's size
        assert_eq!(
            text(
                "select relation || ' ' || lock_mode || ' ' || (table_bytes > 0)::text \
                 from migra_verify('a', 'b') where kind = 'index'"
            ),
            "a.t SHARE true"
        );
        // rolled back: the column and the index are not there
        assert_eq!(
            text(
                "select string_agg(attname, ',' order by attnum) from pg_attribute where attrelid = 'a.t'::regclass and attnum > 0"
            ),
            "id,v"
        );
        assert!(
            Spi::get_one::<bool>("select to_regclass('a.t_v') is null")
                .unwrap()
                .unwrap()
        );
    }

    #[pg_test]
    fn a_lock_safe_plan_is_proven_through_the_form_of_each_statement_that_runs_in_a_transaction() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int, v text); insert into a.t select g, 'v' || g from generate_series(1, 100) g;
             create table b.t (id int not null, v text, constraint t_v_key unique (v));
             create index t_id on b.t (id);",
        )
        .unwrap();
        // CREATE INDEX CONCURRENTLY cannot run in the proof's transaction: its plain form runs
        let proven = text(
            "select string_agg(proven_as, ' | ' order by ordinal) from migra_verify('a', 'b', lock_safe => true)",
        );
        assert_eq!(
            proven,
            r#"CREATE INDEX "t_id" ON "a"."t" USING "btree" (id); | CREATE UNIQUE INDEX "t_v_key__migra_new" ON "a"."t" USING "btree" (v);"#
        );
        // every statement ran, but the timeouts, which the proof sets itself; nothing is left
        assert_eq!(
            text(
                "select string_agg(distinct coalesce(ok::text, kind || ' not run'), ', ') from migra_verify('a', 'b', lock_safe => true)"
            ),
            "setting not run, true"
        );
        // a duplicate breaks the UNIQUE index built first, named with its SQLSTATE
        Spi::run("insert into a.t values (101, 'v1')").unwrap();
        assert_eq!(
            text(
                "select statement || ' ' || sqlstate from migra_verify('a', 'b', lock_safe => true) where ok is false"
            ),
            r#"CREATE UNIQUE INDEX CONCURRENTLY "t_v_key__migra_new" ON "a"."t" USING "btree" (v); 23505"#
        );
    }

    #[pg_test]
    fn a_statement_that_fails_on_the_rows_is_named_with_its_sqlstate() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (id int, v text); insert into a.t values (1, null), (1, 'x');
             create table b.t (id int unique, v text not null);",
        )
        .unwrap();
        let rows = text(
            "select string_agg(ordinal || ' ' || coalesce(ok::text, '-') || ' ' || coalesce(sqlstate, '-') \
                    || ' ' || (statement like '%SET NOT NULL%')::text, ', ' order by ordinal) \
             from migra_verify('a', 'b')",
        );
        // the NOT NULL fails on the NULL, and nothing after it runs
        assert!(rows.contains("false 23502 true"), "{rows}");
        let after = rows.split("23502").nth(1).unwrap_or_default();
        assert!(
            !after.contains("true -") && !after.contains("false 2"),
            "{rows}"
        );
        // the same plan without the NULL fails on the duplicate key instead
        Spi::run("update a.t set v = 'y' where v is null").unwrap();
        let failed =
            text("select sqlstate || ' ' || error from migra_verify('a', 'b') where ok = false");
        assert!(failed.starts_with("23505 "), "{failed}");
    }

    #[pg_test]
    fn a_cast_that_fails_on_a_value_is_named() {
        Spi::run(
            "create schema a; create schema b;
             create table a.t (code text); insert into a.t values ('12'), ('twelve');
             create table b.t (code integer);",
        )
        .unwrap();
        let failed = text(
            "select sqlstate || ' ' || error || ' | ' || statement \
             from migra_verify('a', 'b', \"unsafe\" => true) where ok = false",
        );
        assert!(failed.starts_with("22P02 "), "{failed}");
        assert!(
            failed.contains("twelve") && failed.contains("TYPE integer"),
            "{failed}"
        );
    }

    #[pg_test]
    fn sequences_a_default_moved_are_set_back() {
        Spi::run(
            "create schema a; create schema b;
             create sequence a.s; select nextval('a.s');
             create table a.t (id int); insert into a.t select generate_series(1, 3);
             create sequence b.s;
             create table b.t (id int, n bigint default nextval('b.s'));",
        )
        .unwrap();
        let before = text("select pg_sequence_last_value('a.s')::text");
        let proven = text("select bool_and(ok)::text from migra_verify('a', 'b')");
        assert_eq!(proven, "true");
        assert_eq!(text("select pg_sequence_last_value('a.s')::text"), before);
    }

    #[pg_test]
    fn identical_schemas_give_nothing_to_verify() {
        Spi::run("create schema a; create schema b; create table a.t (id int); create table b.t (id int);").unwrap();
        assert_eq!(
            Spi::get_one::<i64>("select count(*) from migra_verify('a', 'b')").unwrap(),
            Some(0)
        );
    }
}
