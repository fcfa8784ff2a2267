//! The locking rule of a local read, as pg_dump's: before the catalogs are read, every relation
//! the read deparses (`sql/relations_to_lock.sql`) is locked in ACCESS SHARE mode, and only then
//! is the read's snapshot taken. DDL on those relations needs a stronger lock, so none can
//! commit between the snapshot and the deparse functions' own catalog lookups, which see the
//! latest committed state: without the locks, a column renamed meanwhile came out under its new
//! name in a CHECK and its old one in the column list, a plan for a state that never existed.
//!
//! The locks are taken in OID order, and never waited for while holding one: a relation that
//! cannot be locked at once (a migration holds it) is waited for alone, every lock of the pass
//! let go first, for at most `migra.lock_timeout` in all. So a read cannot deadlock with a
//! migration that takes its locks in another order, and it either reads one real state or fails
//! with 55P03 naming the relation it could not lock. The locks are let go as soon as the
//! catalogs are read: a caller who keeps the transaction open does not keep DDL waiting.

use std::collections::HashSet;
use std::ffi::CStr;
use std::time::{Duration, Instant};

use pgrx::prelude::*;
use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting, pg_sys};

use crate::error::Error;
use crate::subtransaction::{Attempt, attempt, report_of};

const RELATIONS_TO_LOCK: &str = include_str!("../sql/relations_to_lock.sql");

/// Milliseconds; 0 waits without limit, as `lock_timeout = 0` does.
static LOCK_TIMEOUT: GucSetting<i32> = GucSetting::<i32>::new(5000);

pub fn define_setting() {
    GucRegistry::define_int_guc(
        c"migra.lock_timeout",
        c"How long a read waits, in all, for the relations it reads to be free of DDL.",
        c"A read locks every relation it deparses in ACCESS SHARE mode before it takes its snapshot. When a migration holds one, the read waits for it alone, up to this long, then fails with 55P03 naming it. 0 waits without limit.",
        &LOCK_TIMEOUT,
        0,
        i32::MAX,
        GucContext::Userset,
        GucFlags::UNIT_MS,
    );
}

/// The locks of one read, let go with `release` once the catalogs are read. An error in
/// between rolls back the subtransaction the read runs in, which lets them go.
#[must_use]
pub struct Locked {
    oids: Vec<pg_sys::Oid>,
}

impl Locked {
    pub fn release(self) {
        for &oid in self.oids.iter().rev() {
            // SAFETY: each was taken once by `lock_all`; a lock the caller's transaction held
            // before keeps its own count.
            unsafe { pg_sys::UnlockRelationOid(oid, pg_sys::AccessShareLock as pg_sys::LOCKMODE) };
        }
    }
}

/// Locks what a read of `schemas` (every user schema when `None`) less `excluded` deparses.
pub fn lock_for_read(
    client: &pgrx::spi::SpiClient<'_>,
    schemas: Option<&[String]>,
    excluded: Option<&[String]>,
) -> Result<Locked, Error> {
    let oids: Vec<pg_sys::Oid> = client
        .select(
            RELATIONS_TO_LOCK,
            Some(1),
            &[
                schemas.map(<[String]>::to_vec).into(),
                excluded.map(<[String]>::to_vec).into(),
            ],
        )?
        .first()
        .get_one::<Vec<pg_sys::Oid>>()?
        .unwrap_or_default();
    let timeout = match LOCK_TIMEOUT.get() {
        0 => None,
        ms => Some(Duration::from_millis(ms as u64)),
    };
    Ok(Locked {
        oids: lock_all(&oids, timeout)?,
    })
}

/// The statements that take a remote side's locks by the same rule, sent first on its
/// connection: they open a `READ COMMITTED READ ONLY` transaction, so that the queries after
/// them (each with a snapshot of its own) see what the locks hold still, and run a DO block
/// (PL/pgSQL, part of every server: nothing is installed) that locks with `NOWAIT` every table
/// and view of the schemas that the remote role may read (`LOCK TABLE` takes no materialized or
/// foreign table, and needs `SELECT`), lets the pass go when one is busy and waits for that one
/// alone, and after `migra.lock_timeout` in all fails with 55P03 naming it. `schemas` and
/// `excluded` are SQL literals (`ARRAY['app']::pg_catalog.text[]`, `NULL`).
pub fn remote_lock_sql(schemas: &str, excluded: &str) -> Result<String, Error> {
    const TAG: &str = "$migra_lock$";
    let relations = RELATIONS_TO_LOCK
        .replace(
            "$1::pg_catalog.text[]",
            &format!("({schemas})::pg_catalog.text[]"),
        )
        .replace(
            "$2::pg_catalog.text[]",
            &format!("({excluded})::pg_catalog.text[]"),
        );
    let timeout = LOCK_TIMEOUT.get();
    let body = format!(
        r#"
DECLARE
  wanted pg_catalog.oid[];
  busy pg_catalog.oid;
  left_ms pg_catalog.int8;
  deadline pg_catalog.timestamptz := pg_catalog.clock_timestamp() + pg_catalog.make_interval(secs => {timeout} / 1000.0);
BEGIN
  SELECT pg_catalog.array_agg(o ORDER BY o) INTO wanted
  FROM pg_catalog.unnest(({relations})) o
  JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) o
  WHERE c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v']::pg_catalog."char"[])
    AND pg_catalog.has_table_privilege(o, 'SELECT');
  IF wanted IS NULL THEN RETURN; END IF;
  LOOP
    BEGIN
      FOREACH busy IN ARRAY wanted LOOP
        EXECUTE pg_catalog.format('LOCK TABLE ONLY %s IN ACCESS SHARE MODE NOWAIT', busy::pg_catalog.regclass);
      END LOOP;
      RETURN;
    EXCEPTION WHEN lock_not_available THEN
      NULL; -- the pass's locks go with its subtransaction
    END;
    left_ms := pg_catalog.ceil(pg_catalog.date_part('epoch', deadline OPERATOR(pg_catalog.-) pg_catalog.clock_timestamp()) OPERATOR(pg_catalog.*) 1000);
    IF {timeout} OPERATOR(pg_catalog.>) 0 AND left_ms OPERATOR(pg_catalog.<=) 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'lock_not_available',
        MESSAGE = pg_catalog.format('could not read %s: a transaction held it for %s ms (migra.lock_timeout)', busy::pg_catalog.regclass, {timeout});
    END IF;
    -- wait for the busy one alone, then let it go too and start the pass again
    BEGIN
      PERFORM pg_catalog.set_config('lock_timeout', CASE WHEN {timeout} OPERATOR(pg_catalog.>) 0 THEN left_ms::pg_catalog.text ELSE '0' END, true);
      EXECUTE pg_catalog.format('LOCK TABLE ONLY %s IN ACCESS SHARE MODE', busy::pg_catalog.regclass);
      RAISE EXCEPTION USING ERRCODE = 'MGRLK';
    EXCEPTION
      WHEN SQLSTATE 'MGRLK' THEN NULL;
      WHEN lock_not_available THEN
        RAISE EXCEPTION USING ERRCODE = 'lock_not_available',
          MESSAGE = pg_catalog.format('could not read %s: a transaction held it for %s ms (migra.lock_timeout)', busy::pg_catalog.regclass, {timeout});
    END;
  END LOOP;
END
"#
    );
    if body.contains(TAG) {
        return Err(Error::InvalidArgument(
            "a schema name holds the text $migra_lock$".into(),
        ));
    }
    Ok(format!(
        "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; DO {TAG}{body}{TAG};"
    ))
}

/// ACCESS SHARE on each of `oids`, in their order, never waiting while holding one; the OIDs
/// locked, each once.
fn lock_all(oids: &[pg_sys::Oid], timeout: Option<Duration>) -> Result<Vec<pg_sys::Oid>, Error> {
    let deadline = timeout.map(|t| Instant::now() + t);
    let lock = pg_sys::AccessShareLock as pg_sys::LOCKMODE;
    // the relations locked so far in this pass, each once, in the order taken
    let mut held: Vec<pg_sys::Oid> = Vec::new();
    let mut holding: HashSet<u32> = HashSet::new();
    'pass: loop {
        for &oid in oids {
            if holding.contains(&u32::from(oid)) {
                continue;
            }
            // SAFETY: a lock on a relation's OID, as any statement takes; it is held until it
            // is released below or the transaction ends.
            if unsafe { pg_sys::ConditionalLockRelationOid(oid, lock) } {
                held.push(oid);
                holding.insert(u32::from(oid));
                continue;
            }
            // busy: let go of every lock of this pass, then wait for this one alone
            for &other in held.iter().rev() {
                // SAFETY: each was taken once by this pass, above or below.
                unsafe { pg_sys::UnlockRelationOid(other, lock) };
            }
            held.clear();
            holding.clear();
            wait_alone(oid, deadline)?;
            held.push(oid);
            holding.insert(u32::from(oid));
            continue 'pass;
        }
        pgrx::check_for_interrupts!();
        return Ok(held);
    }
}

/// Waits for the lock on `oid`, holding no other lock of the read, until `deadline`: the wait
/// runs under `lock_timeout` set to what is left, in a subtransaction whose 55P03 becomes ours.
fn wait_alone(oid: pg_sys::Oid, deadline: Option<Instant>) -> Result<(), Error> {
    let left = match deadline {
        None => 0,
        Some(deadline) => {
            let left = deadline
                .saturating_duration_since(Instant::now())
                .as_millis();
            if left == 0 {
                return Err(timed_out(oid));
            }
            left.min(i32::MAX as u128) as i32
        }
    };
    let outcome = attempt(|| {
        // SET LOCAL would outlive a subtransaction that is released: the caller's own
        // lock_timeout is put back after the wait (an error rolls it back with the subtransaction)
        let callers = Spi::get_one::<String>("select pg_catalog.current_setting('lock_timeout')")?
            .unwrap_or_default();
        Spi::get_one_with_args::<String>(
            "select pg_catalog.set_config('lock_timeout', $1, true)",
            &[left.to_string().into()],
        )?;
        // SAFETY: as in lock_all; the subtransaction that takes it is released, so the lock
        // passes to the caller's transaction.
        unsafe { pg_sys::LockRelationOid(oid, pg_sys::AccessShareLock as pg_sys::LOCKMODE) };
        Spi::get_one_with_args::<String>(
            "select pg_catalog.set_config('lock_timeout', $1, true)",
            &[callers.into()],
        )?;
        Ok(())
    });
    match outcome {
        Attempt::Done(done) => done,
        Attempt::Raised(caught) => {
            if report_of(&caught).sql_error_code()
                == pgrx::PgSqlErrorCode::ERRCODE_LOCK_NOT_AVAILABLE
            {
                Err(timed_out(oid))
            } else {
                caught.rethrow()
            }
        }
    }
}

fn timed_out(oid: pg_sys::Oid) -> Error {
    Error::LockTimeout {
        relation: relation_name(oid),
        milliseconds: LOCK_TIMEOUT.get(),
    }
}

/// `app.orders`, or the OID when the relation has gone.
fn relation_name(oid: pg_sys::Oid) -> String {
    // SAFETY: catalog lookups that return NULL for a relation that is not there; the strings
    // are palloc'd and copied.
    unsafe {
        let name = pg_sys::get_rel_name(oid);
        if name.is_null() {
            return format!("relation {}", u32::from(oid));
        }
        let schema = pg_sys::get_namespace_name(pg_sys::get_rel_namespace(oid));
        let name = CStr::from_ptr(name).to_string_lossy().into_owned();
        let schema = if schema.is_null() {
            String::new()
        } else {
            CStr::from_ptr(schema).to_string_lossy().into_owned()
        };
        format!(
            "{}.{}",
            crate::ident::display_ident(&schema),
            crate::ident::display_ident(&name)
        )
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use pgrx::prelude::*;

    #[pg_test]
    fn a_read_locks_what_it_deparses_and_what_its_views_read_elsewhere() {
        Spi::run(
            "create schema a; create schema other;
             create table other.read_by_a_view (id int); create table other.untouched (id int);
             create table a.t (id int primary key); create sequence a.s;
             create table a.p (id int) partition by range (id);
             create view a.v as select r.id from other.read_by_a_view r join a.t using (id);",
        )
        .unwrap();
        let query = format!(
            "select string_agg(o::regclass::text, ', ' order by o::regclass::text) from unnest(({})) o",
            super::RELATIONS_TO_LOCK
        );
        let locked = Spi::get_one_with_args::<String>(
            &query,
            &[
                Some(vec!["a".to_owned()]).into(),
                None::<Vec<String>>.into(),
            ],
        )
        .unwrap();
        // a sequence is not deparsed, and other.untouched is not read; an index comes with its table
        assert_eq!(
            locked.as_deref(),
            Some("a.p, a.t, a.v, other.read_by_a_view")
        );
    }
}
