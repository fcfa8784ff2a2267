//! Reads schemas from the local catalogs: `sql/catalog.sql` through SPI, into the model.
//!
//! The query's deparsed text depends on search_path, so one schema compared with another is read
//! under `pg_catalog, "<schema>"` and whole databases under `pg_catalog`; and all reads of one call share one registered snapshot: two
//! schemas compared are two views of one moment, even inside a transaction that has already
//! written (where SPI would otherwise take a new snapshot per query in READ COMMITTED).

use std::ffi::{CStr, CString};

use pgrx::pg_sys;
use pgrx::prelude::*;

use crate::ddl::quote_ident;
use crate::error::Error;
use crate::model::{Database, Schema};

pub const CATALOG_SQL: &str = include_str!("../sql/catalog.sql");

/// The oldest server the catalog query reads (`server_version_num`).
pub const OLDEST_SERVER: i32 = 120000;

/// The catalog query for a server of this version. One text serves PostgreSQL 12 to 18 today;
/// a version that needs other text gets its own here.
pub fn query_for(server_version_num: i32) -> Result<&'static str, Error> {
    if server_version_num >= OLDEST_SERVER {
        Ok(CATALOG_SQL)
    } else {
        Err(Error::UnsupportedServer(server_version_num))
    }
}

/// The search_path one schema is read under, and that its plan is applied under: references to
/// the schema's own objects come out unqualified, and `pg_catalog` comes first, so that nothing
/// in the schema can shadow a built-in (a `lower(text)` planted in the schema is not what an
/// unqualified `lower(...)` calls; CVE-2018-1058). An object of the schema whose name a built-in
/// takes is deparsed qualified instead.
pub fn search_path_for(schema: &str) -> String {
    format!("pg_catalog, {}", quote_ident(schema))
}

/// The search_path whole databases are read and migrated under: every reference is qualified.
pub const DATABASE_SEARCH_PATH: &str = "pg_catalog";

/// Reads each named schema under its own search_path, all under one snapshot; the caller's
/// search_path is put back afterwards.
pub fn read_schemas(names: &[&str]) -> Result<Vec<Schema>, Error> {
    for name in names {
        refuse_system_schema(name)?;
    }
    let schemas = with_pinned_settings(|client| {
        let query = PreparedCatalogQuery::new()?;
        let mut schemas = Vec::with_capacity(names.len());
        for name in names {
            set_setting(client, "search_path", &search_path_for(name))?;
            let mut database = query.run(Some(vec![(*name).to_owned()]), None)?;
            let schema = database.schemas.pop().ok_or_else(|| Error::SchemaNotFound((*name).to_owned()))?;
            schemas.push(schema);
        }
        Ok(schemas)
    })?;
    schemas.iter().try_for_each(Schema::check_definitions)?;
    Ok(schemas)
}

/// Reads this database: the named schemas (all user schemas when `None`) less the excluded, for
/// a caller that has pinned the settings (`with_pinned_settings`; `remote::read_databases`
/// reads whole databases, here or elsewhere, through it).
pub fn read_database_in(
    _pinned: &pgrx::spi::SpiClient<'_>,
    schemas: Option<Vec<String>>,
    excluded: Option<Vec<String>>,
) -> Result<Database, Error> {
    let database = PreparedCatalogQuery::new()?.run(schemas, excluded)?;
    database.schemas.iter().try_for_each(Schema::check_definitions)?;
    Ok(database)
}

/// `pg_catalog`, `pg_toast`, temporary schemas and `information_schema` hold the system, not a
/// schema to migrate; no user schema can be called `pg_...`.
pub fn refuse_system_schema(name: &str) -> Result<(), Error> {
    if name.starts_with("pg_") || name == "information_schema" {
        Err(Error::SystemSchema(name.to_owned()))
    } else {
        Ok(())
    }
}

/// Runs `work` with the settings every statement of ours runs under, and puts the caller's back
/// afterwards: `search_path = pg_catalog` (nothing of the caller's can change what a statement
/// of ours means; a read sets its own path on top), `jit = off` (the catalog query's cost
/// estimate crosses the JIT thresholds, and compiling it takes longer than running it) and
/// `standard_conforming_strings = on` (deparsed literals come out in the form plans assume).
/// They are set with `set_config(..., true)`, so that an error, which aborts the transaction or
/// subtransaction, also takes them back.
pub fn with_pinned_settings<T>(work: impl FnOnce(&pgrx::spi::SpiClient<'_>) -> Result<T, Error>) -> Result<T, Error> {
    const PINNED: [(&str, &str); 3] =
        [("search_path", DATABASE_SEARCH_PATH), ("jit", "off"), ("standard_conforming_strings", "on")];
    Spi::connect(|client| {
        let mut saved = Vec::with_capacity(PINNED.len());
        for (name, value) in PINNED {
            saved.push((name, current_setting(client, name)?));
            set_setting(client, name, value)?;
        }
        let result = work(client);
        for (name, value) in saved.into_iter().rev() {
            if let Some(value) = value {
                set_setting(client, name, &value)?;
            }
        }
        result
    })
}

fn current_setting(client: &pgrx::spi::SpiClient<'_>, name: &str) -> Result<Option<String>, Error> {
    Ok(client
        .select("select pg_catalog.current_setting($1, true)", Some(1), &[name.into()])?
        .first()
        .get_one()?)
}

/// `set_config(..., true)`: whatever happens, the setting ends with the transaction.
fn set_setting(client: &pgrx::spi::SpiClient<'_>, name: &str, value: &str) -> Result<(), Error> {
    client.select("select pg_catalog.set_config($1, $2, true)", Some(1), &[name.into(), value.into()])?;
    Ok(())
}

/// The catalog query, prepared once per call, run under one snapshot.
struct PreparedCatalogQuery {
    plan: pg_sys::SPIPlanPtr,
    snapshot: pg_sys::Snapshot,
}

impl PreparedCatalogQuery {
    fn new() -> Result<Self, Error> {
        let text = CString::new(CATALOG_SQL).map_err(|_| Error::Catalog("query text holds a NUL byte".into()))?;
        let mut argument_types = [pg_sys::TEXTARRAYOID, pg_sys::TEXTARRAYOID];
        // SAFETY: SPI is connected (we are inside Spi::connect); the text outlives the call.
        let plan = unsafe { pg_sys::SPI_prepare(text.as_ptr(), 2, argument_types.as_mut_ptr()) };
        if plan.is_null() {
            return Err(Error::Catalog("could not prepare the catalog query".into()));
        }
        // SAFETY: a transaction is running; registering copies the snapshot, which in READ
        // COMMITTED is a static that the next SPI statement would overwrite.
        let snapshot = unsafe { pg_sys::RegisterSnapshot(pg_sys::GetTransactionSnapshot()) };
        Ok(PreparedCatalogQuery { plan, snapshot })
    }

    /// The schemas named (all user schemas when `None`), less the excluded.
    fn run(&self, schemas: Option<Vec<String>>, excluded: Option<Vec<String>>) -> Result<Database, Error> {
        let mut values = [pg_sys::Datum::from(0usize); 2];
        let mut nulls = [b' ' as std::ffi::c_char; 2];
        for (i, list) in [schemas, excluded].into_iter().enumerate() {
            match list.and_then(|l| l.into_datum()) {
                Some(datum) => values[i] = datum,
                None => nulls[i] = b'n' as std::ffi::c_char,
            }
        }
        // SAFETY: the plan takes two text[] arguments; values and nulls live across the call;
        // the tuple table is read before anything else runs through SPI, and its text is copied.
        let document = crate::timing::measure("query", || unsafe {
            let status = pg_sys::SPI_execute_snapshot(
                self.plan,
                values.as_mut_ptr(),
                nulls.as_ptr(),
                self.snapshot,
                std::ptr::null_mut(),
                true,
                false,
                1,
            );
            let table = pg_sys::SPI_tuptable;
            if status != pg_sys::SPI_OK_SELECT as i32 || table.is_null() || pg_sys::SPI_processed != 1 {
                return Err(Error::Catalog(format!("the catalog query returned status {status}")));
            }
            let value = pg_sys::SPI_getvalue(*(*table).vals, (*table).tupdesc, 1);
            if value.is_null() {
                return Err(Error::Catalog("the catalog query returned NULL".into()));
            }
            let text = CStr::from_ptr(value).to_string_lossy().into_owned();
            pg_sys::pfree(value.cast());
            pg_sys::SPI_freetuptable(table);
            Ok::<String, Error>(text)
        })?;
        Ok(crate::timing::measure("decode", || serde_json::from_str(&document))?)
    }
}

impl Drop for PreparedCatalogQuery {
    fn drop(&mut self) {
        // SAFETY: the plan came from SPI_prepare in this SPI connection, the snapshot from
        // RegisterSnapshot.
        unsafe {
            pg_sys::SPI_freeplan(self.plan);
            pg_sys::UnregisterSnapshot(self.snapshot);
        }
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::prelude::*;

    use super::read_schemas;
    use crate::model::{ConstraintType, Generation, Persistence};

    #[pg_test]
    fn a_table_with_every_column_feature_reads_into_the_model() {
        Spi::run(
            r#"create schema shop;
               set local search_path = shop;
               create unlogged table orders (
                   id bigint generated always as identity (start with 10 increment by 5),
                   note text collate "C" default 'n/a' not null,
                   total numeric(10,2),
                   doubled numeric generated always as (total * 2) stored
               ) with (fillfactor = 70);
               alter table orders alter column note set storage external,
                                  alter column total set statistics 500;
               reset search_path;"#,
        )
        .unwrap();
        let schema = read_schemas(&["shop"]).unwrap().remove(0);
        let orders = schema.table("orders").unwrap();
        assert_eq!(orders.persistence, Persistence::Unlogged);
        assert_eq!(orders.options, vec!["fillfactor=70"]);

        let id = orders.column("id").unwrap();
        let identity = id.identity.as_ref().unwrap();
        assert_eq!((identity.generation, identity.sequence.start, identity.sequence.increment), (Generation::Always, 10, 5));
        assert_eq!(identity.sequence.name, "orders_id_seq");

        let note = orders.column("note").unwrap();
        assert_eq!(note.collation.as_deref(), Some(r#""C""#));
        assert_eq!(note.default.as_deref(), Some("'n/a'::text"));
        assert!(note.not_null);
        assert_eq!((note.storage.as_str(), note.type_storage.as_str()), ("e", "x"));

        let total = orders.column("total").unwrap();
        assert_eq!((total.data_type.as_str(), total.statistics), ("numeric(10,2)", Some(500)));
        assert_eq!(orders.column("doubled").unwrap().generated.as_deref(), Some("(total * (2)::numeric)"));
        // the identity sequence belongs to its column, not to the schema's sequences
        assert!(schema.sequences.is_empty());
    }

    #[pg_test]
    fn references_inside_the_schema_read_the_same_whatever_the_schema_is_called() {
        Spi::run(
            r#"create schema one; create schema "Two";
               create table one.customers (id int primary key);
               create table one.orders (c int references one.customers);
               create table "Two".customers (id int primary key);
               create table "Two".orders (c int references "Two".customers);"#,
        )
        .unwrap();
        let schemas = read_schemas(&["one", "Two"]).unwrap();
        assert_eq!(schemas[0].constraints, schemas[1].constraints);
        let fk = schemas[0].constraints.iter().find(|c| c.constraint_type == ConstraintType::ForeignKey).unwrap();
        assert_eq!(fk.definition, "FOREIGN KEY (c) REFERENCES customers(id)");
        assert_eq!(fk.references.as_ref().unwrap().index.as_deref(), Some("customers_pkey"));
    }

    #[pg_test]
    fn the_callers_search_path_is_put_back() {
        Spi::run("create schema elsewhere; set local search_path = elsewhere, public").unwrap();
        read_schemas(&["elsewhere"]).unwrap();
        let path = Spi::get_one::<String>("select current_setting('search_path')").unwrap();
        assert_eq!(path.as_deref(), Some("elsewhere, public"));
    }

    #[pg_test]
    fn a_user_operator_on_the_path_does_not_change_what_is_read() {
        // an "=" for (oid, oid) that matches nothing, first on the search_path
        Spi::run(
            r#"create schema trap;
               create function trap.never(oid, oid) returns boolean language sql as 'select false';
               create operator trap.= (leftarg = oid, rightarg = oid, function = trap.never);
               create table trap.t (a int primary key);"#,
        )
        .unwrap();
        let schema = read_schemas(&["trap"]).unwrap().remove(0);
        assert_eq!(schema.tables.len(), 1);
        assert_eq!(schema.constraints.len(), 1);
    }

    #[pg_test]
    fn objects_not_compared_yet_are_listed_as_ignored() {
        Spi::run(
            "create schema later; create view later.v as select 1 as one; create type later.mood as enum ('ok');
             create table later.t (a int);
             create function later.f() returns trigger language plpgsql as 'begin return new; end';
             create trigger touch before insert on later.t for each row execute function later.f();
             create policy mine on later.t using (true);",
        )
        .unwrap();
        let schema = read_schemas(&["later"]).unwrap().remove(0);
        let ignored: Vec<(&str, &str)> = schema.ignored.iter().map(|i| (i.kind.as_str(), i.name.as_str())).collect();
        assert_eq!(
            ignored,
            vec![("enum", "mood"), ("function", "f()"), ("policy", "t.mine"), ("trigger", "t.touch"), ("view", "v")]
        );
    }

    #[pg_test]
    fn what_an_extension_installed_is_not_listed_even_its_composite_types() {
        // dblink's composite type dblink_pkey_results records its membership on pg_type
        Spi::run("create schema ext; create extension dblink with schema ext; create table ext.mine (x int)").unwrap();
        let [database] = crate::remote::read_databases([crate::remote::Side::Here], Some(vec!["ext".into()]), None).unwrap();
        let schema = &database.schemas[0];
        assert_eq!(schema.tables.len(), 1);
        assert!(schema.ignored.is_empty(), "{:?}", schema.ignored);
        assert!(schema.routines.is_empty(), "{:?}", schema.routines);
    }
}
