//! The catalog and fingerprint queries, planned once per backend and search_path.
//!
//! Planning the catalog query costs more than running it on a small schema (here 47 ms against
//! 27 ms for 10 tables), and a call of a warm session would pay it on every read. PostgreSQL
//! plans a kept statement again when the search_path differs from the one it was planned under,
//! and each schema is read under its own, so a plan is kept per query and search_path. The plans
//! are generic: the arguments only reach the query through its `args` CTE, so a custom plan is
//! shaped the same and costs a planning each time. PostgreSQL's plan cache invalidates a kept
//! plan when a catalog it reads is changed under it, so nothing here needs to.
//!
//! A kept plan of the catalog query holds about 6 MB of the backend's memory until the backend
//! ends. A session that diffs once (psql, a pg_cron job, a pooled connection used once) would
//! keep that for nothing, so a plan is kept only when the same query is read under the same
//! search_path a second time in the backend. `SET migra.keep_plans = off` keeps none, and gives
//! back those kept.

use std::cell::RefCell;
use std::ffi::{CStr, CString};

use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting, pg_sys};

use crate::error::Error;

static KEEP_PLANS: GucSetting<bool> = GucSetting::<bool>::new(true);

pub fn define_setting() {
    GucRegistry::define_bool_guc(
        c"migra.keep_plans",
        c"Keeps the plans of the catalog reads in the backend from the second read of a schema on.",
        c"On by default: a session that diffs again plans nothing, at about 6 MB of the backend's memory a kept plan (at most 4). Off, every read plans again, and the plans kept are given back.",
        &KEEP_PLANS,
        GucContext::Userset,
        GucFlags::default(),
    );
}

/// How many plans a backend keeps, the oldest used given up first: a diff of two schemas uses
/// four (two queries under two search paths), a whole database two. A kept plan of the catalog
/// query holds about 6 MB of the backend's memory (`pg_backend_memory_contexts`, CachedPlan*).
const KEPT: usize = 4;

/// How many reads a backend remembers, to keep a plan at the second: more than `KEPT`, so that
/// reads of a few schemas in turn still find their plans.
const SEEN: usize = 16;

/// The queries whose plans are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Query {
    Catalog,
    Fingerprints,
}

struct Kept {
    query: Query,
    search_path: String,
    plan: pg_sys::SPIPlanPtr,
}

#[derive(Default)]
struct Cache {
    /// Oldest used first.
    kept: Vec<Kept>,
    /// The reads done without a kept plan, oldest first.
    seen: Vec<(Query, String)>,
}

thread_local! {
    /// Backends are single-threaded: this is the backend's cache.
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// A plan to run: kept in the backend, or this read's own, freed when dropped.
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
            // used by no one after this read.
            unsafe { pg_sys::SPI_freeplan(self.pointer) };
        }
    }
}

/// The plan of `query` under the current search_path: kept from an earlier read, prepared from
/// `text()` and kept now if the same read was done before, else prepared for this read only.
/// SPI must be connected.
pub fn plan(
    query: Query,
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
    let search_path = current_search_path();
    let found = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let at = cache
            .kept
            .iter()
            .position(|k| k.query == query && k.search_path == search_path)?;
        let entry = cache.kept.remove(at);
        let plan = entry.plan;
        cache.kept.push(entry);
        Some(plan)
    });
    if let Some(pointer) = found {
        return Ok(Plan {
            pointer,
            kept: true,
        });
    }
    let read_before = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let key = (query, search_path.clone());
        let before = cache.seen.iter().position(|seen| *seen == key);
        match before {
            Some(at) => {
                cache.seen.remove(at);
            }
            None => {
                cache.seen.push(key);
                if cache.seen.len() > SEEN {
                    cache.seen.remove(0);
                }
            }
        }
        before.is_some()
    });
    let pointer = prepare(&text()?, argument_types)?;
    if !read_before {
        return Ok(Plan {
            pointer,
            kept: false,
        });
    }
    keep(pointer)?;
    let given_up = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.kept.push(Kept {
            query,
            search_path,
            plan: pointer,
        });
        (cache.kept.len() > KEPT).then(|| cache.kept.remove(0))
    });
    if let Some(old) = given_up {
        // SAFETY: the plan came from SPI_prepare_cursor and SPI_keepplan, and no one else holds it.
        unsafe { pg_sys::SPI_freeplan(old.plan) };
    }
    Ok(Plan {
        pointer,
        kept: true,
    })
}

/// The plans this backend keeps now, oldest used first: for the tests.
#[cfg(any(test, feature = "pg_test"))]
pub fn kept() -> Vec<(Query, String)> {
    CACHE.with(|cache| {
        cache
            .borrow()
            .kept
            .iter()
            .map(|k| (k.query, k.search_path.clone()))
            .collect()
    })
}

fn give_back_all() {
    let kept = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.seen.clear();
        std::mem::take(&mut cache.kept)
    });
    for old in kept {
        // SAFETY: kept plans, from SPI_prepare_cursor and SPI_keepplan; none is in use, since a
        // read holds its plan only while it runs, and this runs before one.
        unsafe { pg_sys::SPI_freeplan(old.plan) };
    }
}

fn current_search_path() -> String {
    // SAFETY: the GUC's value, a NUL-terminated string the server keeps set (never NULL once
    // the GUCs are initialised, which they are in any backend that runs a function).
    unsafe {
        let value = pg_sys::namespace_search_path;
        if value.is_null() {
            String::new()
        } else {
            CStr::from_ptr(value).to_string_lossy().into_owned()
        }
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
