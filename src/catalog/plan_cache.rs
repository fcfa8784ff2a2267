//! The catalog and fingerprint queries, planned once per backend and search_path.
//!
//! Planning the catalog query costs more than running it on a small schema (here 47 ms against
//! 27 ms for 10 tables), and a call of a warm session would pay it on every read. PostgreSQL
//! plans a kept statement again when the search_path differs from the one it was planned under,
//! and each schema is read under its own, so a plan is kept per query and search_path. The plans
//! are generic: the arguments only reach the query through its `args` CTE, so a custom plan is
//! shaped the same and costs a planning each time. PostgreSQL's plan cache invalidates a kept
//! plan when a catalog it reads is changed under it, so nothing here needs to.

use std::cell::RefCell;
use std::ffi::{CStr, CString};

use pgrx::pg_sys;

use crate::error::Error;

/// How many plans a backend keeps, the oldest used given up first: a diff of two schemas uses
/// four (two queries under two search paths), a whole database two. A kept plan of the catalog
/// query holds about 6 MB of the backend's memory (`pg_backend_memory_contexts`, CachedPlan*).
const KEPT: usize = 4;

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

thread_local! {
    /// Oldest used first. Backends are single-threaded: this is the backend's cache.
    static KEPT_PLANS: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// The plan of `query` under the current search_path: kept from an earlier read, or prepared from
/// `text()` and kept now. SPI must be connected.
pub fn plan(
    query: Query,
    text: impl FnOnce() -> Result<String, Error>,
    argument_types: &[pg_sys::Oid],
) -> Result<pg_sys::SPIPlanPtr, Error> {
    let search_path = current_search_path();
    let found = KEPT_PLANS.with(|kept| {
        let mut kept = kept.borrow_mut();
        let at = kept
            .iter()
            .position(|k| k.query == query && k.search_path == search_path)?;
        let entry = kept.remove(at);
        let plan = entry.plan;
        kept.push(entry);
        Some(plan)
    });
    if let Some(plan) = found {
        return Ok(plan);
    }
    let plan = prepare_kept(&text()?, argument_types)?;
    let given_up = KEPT_PLANS.with(|kept| {
        let mut kept = kept.borrow_mut();
        kept.push(Kept {
            query,
            search_path,
            plan,
        });
        (kept.len() > KEPT).then(|| kept.remove(0))
    });
    if let Some(old) = given_up {
        // SAFETY: the plan came from SPI_prepare_cursor and SPI_keepplan, and no one else holds it.
        unsafe { pg_sys::SPI_freeplan(old.plan) };
    }
    Ok(plan)
}

/// The plans this backend keeps now, oldest used first: for the tests.
#[cfg(any(test, feature = "pg_test"))]
pub fn kept() -> Vec<(Query, String)> {
    KEPT_PLANS.with(|kept| {
        kept.borrow()
            .iter()
            .map(|k| (k.query, k.search_path.clone()))
            .collect()
    })
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

/// Prepares `text` with a generic plan, and keeps it past this SPI connection.
fn prepare_kept(text: &str, argument_types: &[pg_sys::Oid]) -> Result<pg_sys::SPIPlanPtr, Error> {
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
    // SAFETY: a plan SPI_prepare_cursor just returned; once kept it lives in the cache's
    // memory, and is freed only by SPI_freeplan.
    if unsafe { pg_sys::SPI_keepplan(plan) } != 0 {
        unsafe { pg_sys::SPI_freeplan(plan) };
        return Err(Error::Catalog(
            "could not keep the catalog query's plan".into(),
        ));
    }
    Ok(plan)
}
