//! migra for Postgres: compare two schemas from SQL and get the DDL that turns one into the other.
//!
//! catalog (SQL → JSON; fingerprints first, to read only what differs) → model (serde) → diff (per
//! kind) → plan (order) → ddl (text) → api (rows)

// `pg_extern` functions return pgrx's `ErrorReport`, and the caught-error types carry one: large
// by nature, and on the path to an ERROR only.
#![allow(clippy::result_large_err)]
// the SQL functions' result types: pgrx reads their column names (`name!`) from the signature
// itself, so they cannot be put behind a type alias
#![allow(clippy::type_complexity)]

::pgrx::pg_module_magic!(name, version);

mod api;
mod catalog;
mod change;
mod conninfo;
mod costs;
mod coverage;
mod dblink;
mod ddl;
mod diff;
mod error;
mod fingerprints;
mod fleet;
mod graph;
mod ident;
#[cfg(test)]
mod layers;
mod locks;
mod model;
mod plan;
mod remote;
mod script;
mod subtransaction;
mod timing;
mod untrusted;

#[pgrx::pg_guard]
pub extern "C-unwind" fn _PG_init() {
    timing::define_setting();
    fingerprints::define_setting();
    locks::define_setting();
    catalog::plan_cache::define_setting();
}

/// Required by `cargo pgrx test` at the crate root.
#[cfg(test)]
pub mod pg_test {
    pub fn setup(_options: Vec<&str>) {}

    #[must_use]
    pub fn postgresql_conf_options() -> Vec<&'static str> {
        vec![]
    }
}
