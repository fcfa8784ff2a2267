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
//! with 55P03 naming the relation it could not lock. The locks are held to the end of the
//! transaction, as every lock a statement takes is.

use std::collections::HashSet;
use std::ffi::CStr;
use std::time::{Duration, Instant};

use pgrx::prelude::*;
use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting, pg_sys};

use crate::error::Error;
use crate::subtransaction::{Attempt, attempt};

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

/// Locks what a read of `schemas` (every user schema when `None`) less `excluded` deparses.
pub fn lock_for_read(
    client: &pgrx::spi::SpiClient<'_>,
    schemas: Option<&[String]>,
    excluded: Option<&[String]>,
) -> Result<(), Error> {
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
    lock_all(&oids, timeout)
}

/// ACCESS SHARE on each of `oids`, in their order, never waiting while holding one.
fn lock_all(oids: &[pg_sys::Oid], timeout: Option<Duration>) -> Result<(), Error> {
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
        return Ok(());
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
            let report = match &caught {
                pgrx::pg_sys::panic::CaughtError::PostgresError(r)
                | pgrx::pg_sys::panic::CaughtError::ErrorReport(r) => r,
                pgrx::pg_sys::panic::CaughtError::RustPanic { ereport, .. } => ereport,
            };
            if report.sql_error_code() == pgrx::PgSqlErrorCode::ERRCODE_LOCK_NOT_AVAILABLE {
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
            crate::ddl::display_ident(&schema),
            crate::ddl::display_ident(&name)
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
