//! The catalog and fingerprint queries, planned once per call, and kept per backend.
//!
//! Planning the catalog query costs more than running it on a small schema (here 47 ms against
//! 27 ms for 10 tables). Every plan is made under `search_path = pg_catalog`: the queries name
//! everything qualified, so their plans do not depend on the path, and PostgreSQL checks a kept
//! statement's search_path only when a run starts. A read opens its cursor under that path and
//! then sets its schema's own, which the deparsers consult as they run (`Reader::run`). So one
//! plan serves both sides of a diff, and a whole database.
//!
//! The plans are generic: the arguments only reach the query through its `args` CTE, so a
//! custom plan is shaped the same and costs a planning each time. PostgreSQL's plan cache
//! invalidates a kept plan when a catalog it reads is changed under it, so nothing here needs to.
//!
//! The kept plans hold about 13 MB of the backend's memory (10 MB the catalog query's) until the
//! backend ends. A session that diffs once (psql, a pg_cron job, a pooled connection used once) would
//! keep that for nothing, so a call's plans are its own (`Plan`, freed with the call), and a
//! backend keeps a query's plan only from the second call that reads it.
//! `SET migra.keep_plans = off` keeps none, and gives back those kept.

use std::cell::RefCell;
use std::ffi::CString;

use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting, pg_sys};

use crate::error::Error;

static KEEP_PLANS: GucSetting<bool> = GucSetting::<bool>::new(true);

pub fn define_setting() {
    GucRegistry::define_bool_guc(
        c"migra.keep_plans",
        c"Keeps the plans of the catalog queries in the backend from its second call on.",
        c"On by default: a session that diffs again plans nothing, for about 13 MB of the backend's memory (two plans). Off, every call plans again, and the plans kept are given back.",
        &KEEP_PLANS,
        GucContext::Userset,
        GucFlags::default(),
    );
}

/// The search_path every plan is made under (and whole databases are read under).
pub const PLANNED_UNDER: &str = "pg_catalog";

/// The queries whose plans are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    Catalog,
    Fingerprints,
}

struct Kept {
    query: Query,
    /// What the text was made for besides the server (`plan`'s `variant`).
    variant: String,
    plan: pg_sys::SPIPlanPtr,
}

#[derive(Default)]
struct Cache {
    /// At most one plan a query.
    kept: Vec<Kept>,
    /// The queries a call of this backend planned for itself.
    seen: Vec<Query>,
}

thread_local! {
    /// Backends are single-threaded: this is the backend's cache.
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// A plan to run: kept in the backend, or a call's own, freed when dropped.
pub struct Plan {
    pointer: pg_sys::SPIPlanPtr,
    kept: bool,
}

impl Plan {
    pub fn pointer(&self) -> pg_sys::SPIPlanPtr {
        self.pointer
    }
}

impl Drop for Plan {
    fn drop(&mut self) {
        if !self.kept {
            // SAFETY: a plan SPI_prepare_cursor returned in this SPI connection, not kept, and
            // used by no one after the call that holds it.
            unsafe { pg_sys::SPI_freeplan(self.pointer) };
        }
    }
}

/// The plan of `query`: kept from an earlier call, prepared from `text()` and kept now if an
/// earlier call of this backend planned it too, else prepared for this call only. `variant` is
/// what the text depends on besides the server (the schema the extension is in, whose function
/// the fingerprint query calls): a plan kept for another is given back. SPI must be connected,
/// with `search_path = PLANNED_UNDER`; a call asks once a query.
pub fn plan(
    query: Query,
    variant: &str,
    text: impl FnOnce() -> Result<String, Error>,
    argument_types: &[pg_sys::Oid],
) -> Result<Plan, Error> {
    if !KEEP_PLANS.get() {
        give_back_all();
        return prepare(&text()?, argument_types).map(|pointer| Plan {
            pointer,
            kept: false,
        });
    }
    let found = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let at = cache.kept.iter().position(|k| k.query == query)?;
        if cache.kept[at].variant == variant {
            return Some(Ok(cache.kept[at].plan));
        }
        Some(Err(cache.kept.remove(at).plan))
    });
    if let Some(Err(stale)) = found {
        // SAFETY: a kept plan, from SPI_prepare_cursor and SPI_keepplan, that no call uses now:
        // a call asks for its plans before it reads.
        unsafe { pg_sys::SPI_freeplan(stale) };
    }
    if let Some(Ok(pointer)) = found {
        return Ok(Plan {
            pointer,
            kept: true,
        });
    }
    let planned_before = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let before = cache.seen.contains(&query);
        if !before {
            cache.seen.push(query);
        }
        before
    });
    let pointer = prepare(&text()?, argument_types)?;
    if !planned_before {
        return Ok(Plan {
            pointer,
            kept: false,
        });
    }
    keep(pointer)?;
    CACHE.with(|cache| {
        cache.borrow_mut().kept.push(Kept {
            query,
            variant: variant.to_owned(),
            plan: pointer,
        })
    });
    Ok(Plan {
        pointer,
        kept: true,
    })
}

/// The queries whose plans this backend keeps now: for the tests.
#[cfg(any(test, feature = "pg_test"))]
pub fn kept() -> Vec<Query> {
    CACHE.with(|cache| cache.borrow().kept.iter().map(|k| k.query).collect())
}

fn give_back_all() {
    let kept = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.seen.clear();
        std::mem::take(&mut cache.kept)
    });
    for old in kept {
        // SAFETY: kept plans, from SPI_prepare_cursor and SPI_keepplan; none is in use, since a
        // call asks for its plans before it reads, and setting the option is a statement of its own.
        unsafe { pg_sys::SPI_freeplan(old.plan) };
    }
}

/// Prepares `text` with a generic plan, in this SPI connection's memory.
fn prepare(text: &str, argument_types: &[pg_sys::Oid]) -> Result<pg_sys::SPIPlanPtr, Error> {
    let text =
        CString::new(text).map_err(|_| Error::Catalog("query text holds a NUL byte".into()))?;
    let mut argument_types = argument_types.to_vec();
    // SAFETY: SPI is connected (the caller is inside Spi::connect); the text outlives the call.
    let plan = unsafe {
        pg_sys::SPI_prepare_cursor(
            text.as_ptr(),
            argument_types.len() as i32,
            argument_types.as_mut_ptr(),
            pg_sys::CURSOR_OPT_GENERIC_PLAN as i32,
        )
    };
    if plan.is_null() {
        return Err(Error::Catalog("could not prepare the catalog query".into()));
    }
    Ok(plan)
}

/// Keeps a plan past this SPI connection: it then lives in the cache's memory, and is freed only
/// by SPI_freeplan.
fn keep(plan: pg_sys::SPIPlanPtr) -> Result<(), Error> {
    // SAFETY: a plan SPI_prepare_cursor just returned in this connection.
    if unsafe { pg_sys::SPI_keepplan(plan) } != 0 {
        unsafe { pg_sys::SPI_freeplan(plan) };
        return Err(Error::Catalog(
            "could not keep the catalog query's plan".into(),
        ));
    }
    Ok(())
}
