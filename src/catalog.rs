//! Reads schemas from the local catalogs: `sql/catalog.sql` through SPI, into the model.
//!
//! The query's deparsed text depends on search_path, so one schema compared with another is read
//! under `pg_catalog, "<schema>"` and whole databases under `pg_catalog` (the plans are made
//! under `pg_catalog`, see `plan_cache`); and all reads of one call share one registered snapshot: two
//! schemas compared are two views of one moment, even inside a transaction that has already
//! written (where SPI would otherwise take a new snapshot per query in READ COMMITTED).

use std::cell::RefCell;
use std::ffi::CStr;

use pgrx::pg_sys;
use pgrx::prelude::*;

mod catalog_scan;
mod fingerprint_rows;
pub mod fingerprint_scan;
pub mod plan_cache;

use plan_cache::Query;

use crate::error::Error;
use crate::fingerprints::{self, Fingerprints, Pairing};
use crate::ident::quote_ident;
use crate::model::{Database, Schema};
use crate::subtransaction::{Failed, again_after_concurrent_ddl};

pub const CATALOG_SQL: &str = include_str!("../sql/catalog.sql");

/// The oldest server the catalog query reads (`server_version_num`).
pub const OLDEST_SERVER: i32 = 120000;

/// The catalog query for a server of this version: one text serves PostgreSQL 12 to 18, its
/// parts for newer catalogs (publications' column lists, row filters and schemas, PostgreSQL 15)
/// chosen by version as the fingerprint query's are (`fingerprints::for_version`).
pub fn query_for(server_version_num: i32) -> Result<String, Error> {
    if server_version_num >= OLDEST_SERVER {
        crate::fingerprints::for_version(CATALOG_SQL, server_version_num)
            .ok_or(Error::UnsupportedServer(server_version_num))
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
#[cfg(any(test, feature = "pg_test"))]
pub fn read_schemas(names: &[&str]) -> Result<Vec<Schema>, Error> {
    for name in names {
        refuse_system_schema(name)?;
    }
    let schemas = with_pinned_settings(|client| {
        let reader = Reader::new(false)?;
        names
            .iter()
            .map(|name| reader.schema(client, name, None))
            .collect::<Result<Vec<_>, _>>()
    })?;
    schemas.iter().try_for_each(Schema::check_definitions)?;
    Ok(schemas)
}

/// Reads one schema in full, under its own search_path: a side with no counterpart in the
/// database at the same moment (the schema a script builds, the live one before it).
pub fn read_schema(name: &str) -> Result<Schema, Error> {
    refuse_system_schema(name)?;
    let names = [name.to_owned()];
    let schema = with_pinned_settings(|client| {
        let read = || {
            let locked = crate::locks::lock_for_read(client, Some(&names), None)?;
            let schema = Reader::new(false)?.schema(client, name, None)?;
            locked.release();
            Ok(schema)
        };
        match again_after_concurrent_ddl(read, || true) {
            Ok(schema) => Ok(schema),
            Err(Failed::Error(error)) => Err(error),
            Err(Failed::Raised(caught)) => caught.rethrow(),
        }
    })?;
    schema.check_definitions()?;
    Ok(schema)
}

/// Reads two schemas to compare, each under its own search_path and both under one snapshot:
/// first their tables' fingerprints, then in full only the tables that differ
/// (`crate::fingerprints`), unless `migra.fingerprints` is off.
pub fn read_schema_pair(names: [&str; 2]) -> Result<[Schema; 2], Error> {
    for name in names {
        refuse_system_schema(name)?;
    }
    let schemas = with_pinned_settings(|client| {
        let read = || {
            let locked =
                crate::locks::lock_for_read(client, Some(&names.map(str::to_owned)), None)?;
            let reader = Reader::new(true)?;
            let tables = match reader.has_fingerprints() {
                false => [None, None],
                true => {
                    let sides = reader.fingerprints_of_pair(client, names)?;
                    let read =
                        fingerprints::tables_to_read([&sides[0], &sides[1]], Pairing::Schemas);
                    report_tables_read(&sides, &read);
                    read.map(Some)
                }
            };
            let [a, b] = tables;
            let read = [
                reader.schema(client, names[0], a)?,
                reader.schema(client, names[1], b)?,
            ];
            locked.release();
            Ok(read)
        };
        match again_after_concurrent_ddl(read, || true) {
            Ok(schemas) => Ok(schemas),
            Err(Failed::Error(error)) => Err(error),
            Err(Failed::Raised(caught)) => caught.rethrow(),
        }
    })?;
    schemas.iter().try_for_each(Schema::check_definitions)?;
    Ok(schemas)
}

/// `migra read in full: a, b | a, c` (each side's tables by name), at DEBUG1: which tables the
/// fingerprints left to read, for the tests that hold the two readers to the same answer.
fn report_tables_read(sides: &[Fingerprints; 2], read: &[Vec<u32>; 2]) {
    // SAFETY: asks whether a DEBUG1 message would go anywhere.
    if !unsafe { pg_sys::message_level_is_interesting(pg_sys::DEBUG1 as _) } {
        return;
    }
    let names = [0, 1].map(|i| {
        let mut names: Vec<&str> = sides[i]
            .tables
            .iter()
            .filter(|t| read[i].contains(&t.oid))
            .map(|t| t.name.as_str())
            .collect();
        names.sort_unstable();
        names.join(", ")
    });
    pgrx::debug1!("migra read in full: {} | {}", names[0], names[1]);
}

/// The snapshot every read of one call runs under, whether the call reads fingerprints, and the
/// plans it uses (each query planned once a call, or kept by the backend: `plan_cache`).
pub struct Reader {
    /// `false` when this server's fingerprints cannot be read (`fingerprints::query_for`), or
    /// they are not wanted.
    fingerprints: bool,
    snapshot: pg_sys::Snapshot,
    plans: RefCell<Vec<(Query, plan_cache::Plan)>>,
}

impl Reader {
    /// For a caller inside `with_pinned_settings`; `compare` when two sides will be compared
    /// (fingerprints are read then).
    pub fn new(compare: bool) -> Result<Self, Error> {
        let fingerprints = compare
            && fingerprints::enabled()
            && fingerprints::query_for(pg_sys::PG_VERSION_NUM as i32).is_some();
        // SAFETY: a transaction is running; registering copies the snapshot, which in READ
        // COMMITTED is a static that the next SPI statement would overwrite.
        let snapshot = unsafe { pg_sys::RegisterSnapshot(pg_sys::GetTransactionSnapshot()) };
        Ok(Reader {
            fingerprints,
            snapshot,
            plans: RefCell::new(Vec::new()),
        })
    }

    /// Whether fingerprints are read: they can be on this server, and `migra.fingerprints` is on.
    pub fn has_fingerprints(&self) -> bool {
        self.fingerprints
    }

    /// One schema under its own search_path: every table, or the tables named by OID.
    fn schema(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        name: &str,
        tables: Option<Vec<u32>>,
    ) -> Result<Schema, Error> {
        let schemas = Some(vec![name.to_owned()]);
        let mut database = self.read(client, &search_path_for(name), schemas, None, tables)?;
        database
            .schemas
            .pop()
            .ok_or_else(|| Error::SchemaNotFound(name.to_owned()))
    }

    /// The fingerprints of two schemas of this database, by `migra.fingerprint_reader`.
    fn fingerprints_of_pair(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        names: [&str; 2],
    ) -> Result<[Fingerprints; 2], Error> {
        if fingerprints::reader() == fingerprints::ReaderKind::Query {
            let [a, b] = names.map(|name| self.fingerprints_of_schema(client, name));
            return Ok([a?, b?]);
        }
        let namespaces = names.map(|name| {
            let name = std::ffi::CString::new(name).unwrap_or_default();
            // SAFETY: a lookup by name; InvalidOid when there is no such schema (no table
            // then, and the read that follows says so).
            u32::from(unsafe { pg_sys::get_namespace_oid(name.as_ptr(), true) })
        });
        crate::timing::measure("fingerprints", || {
            let mut memory = pgrx::PgMemoryContexts::new("migra fingerprint scan");
            // SAFETY: what the scan allocates goes with the context; its results are Rust's.
            unsafe {
                memory.switch_to(|_| {
                    fingerprint_scan::read_pair(self.snapshot, namespaces, |side| {
                        set_setting(client, "search_path", &search_path_for(names[side]))
                    })
                })
            }
        })
    }

    fn fingerprints_of_schema(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        name: &str,
    ) -> Result<Fingerprints, Error> {
        let schemas = Some(vec![name.to_owned()]);
        self.read_fingerprints(client, &search_path_for(name), schemas, None)
    }

    /// The schemas named (all user schemas when `None`), less the excluded: every table, or the
    /// tables named by OID. Under `search_path = pg_catalog`, where it stays.
    pub fn database(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        schemas: Option<Vec<String>>,
        excluded: Option<Vec<String>>,
        tables: Option<Vec<u32>>,
    ) -> Result<Database, Error> {
        self.read(client, DATABASE_SEARCH_PATH, schemas, excluded, tables)
    }

    /// The fingerprints of the tables of the schemas named (all user schemas when `None`), less
    /// the excluded. Only when `has_fingerprints`. Under `search_path = pg_catalog`.
    pub fn fingerprints(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        schemas: Option<Vec<String>>,
        excluded: Option<Vec<String>>,
    ) -> Result<Fingerprints, Error> {
        self.read_fingerprints(client, DATABASE_SEARCH_PATH, schemas, excluded)
    }

    fn read(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        search_path: &str,
        schemas: Option<Vec<String>>,
        excluded: Option<Vec<String>>,
        tables: Option<Vec<u32>>,
    ) -> Result<Database, Error> {
        let tables = tables.map(|oids| oids.into_iter().map(pg_sys::Oid::from).collect::<Vec<_>>());
        let arguments = [
            schemas.into_datum(),
            excluded.into_datum(),
            tables.and_then(|t| t.into_datum()),
        ];
        let rows = crate::timing::measure("query", || {
            self.run(client, Query::Catalog, search_path, arguments)
        })?;
        Ok(crate::timing::measure("decode", || {
            Database::from_rows(&rows)
        })?)
    }

    fn read_fingerprints(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        search_path: &str,
        schemas: Option<Vec<String>>,
        excluded: Option<Vec<String>>,
    ) -> Result<Fingerprints, Error> {
        if !self.fingerprints {
            return Err(Error::Catalog(
                "fingerprints cannot be read on this server".into(),
            ));
        }
        let rows = crate::timing::measure("fingerprints", || {
            self.run(
                client,
                Query::Fingerprints,
                search_path,
                [schemas.into_datum(), excluded.into_datum()],
            )
        })?;
        let [document] = <[String; 1]>::try_from(rows).map_err(|rows| {
            Error::Catalog(format!(
                "the fingerprint query returned {} rows",
                rows.len()
            ))
        })?;
        Ok(crate::timing::measure("decode", || {
            serde_json::from_str(&document)
        })?)
    }

    /// The plan of `query` for this call: planned once (under `PLANNED_UNDER`, the search_path
    /// the caller has just set), or kept by the backend.
    fn plan(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        query: Query,
    ) -> Result<pg_sys::SPIPlanPtr, Error> {
        if let Some((_, plan)) = self.plans.borrow().iter().find(|(q, _)| *q == query) {
            return Ok(plan.pointer());
        }
        let plan = match query {
            Query::Catalog => plan_cache::plan(
                query,
                "",
                || query_for(pg_sys::PG_VERSION_NUM as i32),
                &[
                    pg_sys::TEXTARRAYOID,
                    pg_sys::TEXTARRAYOID,
                    pg_sys::OIDARRAYOID,
                ],
            )?,
            Query::Fingerprints => {
                let schema = crate::ident::quote_ident(&extension_schema(client)?);
                plan_cache::plan(
                    query,
                    &schema,
                    || {
                        fingerprints::local_query_for(pg_sys::PG_VERSION_NUM as i32, &schema)
                            .ok_or_else(|| {
                                Error::Catalog("fingerprints cannot be read on this server".into())
                            })
                    },
                    &[pg_sys::TEXTARRAYOID, pg_sys::TEXTARRAYOID],
                )?
            }
        };
        let pointer = plan.pointer();
        self.plans.borrow_mut().push((query, plan));
        Ok(pointer)
    }

    /// The text values of the rows `query` returns (one column), run under the call's snapshot,
    /// its deparsers under `search_path`: the cursor opens under the search_path its plan was
    /// made under (PostgreSQL checks it there, and would plan again for any other), then the
    /// rows are fetched under the read's own. `search_path` stays set afterwards.
    fn run<const N: usize>(
        &self,
        client: &pgrx::spi::SpiClient<'_>,
        query: Query,
        search_path: &str,
        arguments: [Option<pg_sys::Datum>; N],
    ) -> Result<Vec<String>, Error> {
        set_setting(client, "search_path", plan_cache::PLANNED_UNDER)?;
        let plan = self.plan(client, query)?;
        let mut values = arguments.map(|a| a.unwrap_or(pg_sys::Datum::from(0usize)));
        let nulls = arguments.map(|a| if a.is_some() { b' ' } else { b'n' } as std::ffi::c_char);
        // SAFETY: the plan takes N arguments of the types given; values and nulls live across
        // the call; the snapshot is registered, and the portal registers its own copy.
        let portal = unsafe {
            pg_sys::PushActiveSnapshot(self.snapshot);
            let portal = pg_sys::SPI_cursor_open(
                std::ptr::null(),
                plan,
                values.as_mut_ptr(),
                nulls.as_ptr(),
                true,
            );
            pg_sys::PopActiveSnapshot();
            portal
        };
        if portal.is_null() {
            return Err(Error::Catalog("could not open the catalog query".into()));
        }
        set_setting(client, "search_path", search_path)?;
        // SAFETY: the portal just opened; the tuple table is read before anything else runs
        // through SPI, and its texts are copied.
        unsafe {
            pg_sys::SPI_cursor_fetch(portal, true, std::ffi::c_long::MAX);
            let table = pg_sys::SPI_tuptable;
            let processed = pg_sys::SPI_processed;
            if table.is_null() || processed == 0 {
                pg_sys::SPI_cursor_close(portal);
                return Err(Error::Catalog("the catalog query returned no row".into()));
            }
            let mut rows = Vec::with_capacity(processed as usize);
            for i in 0..processed as usize {
                let tuple = *(*table).vals.add(i);
                let value = pg_sys::SPI_getvalue(tuple, (*table).tupdesc, 1);
                if value.is_null() {
                    pg_sys::SPI_freetuptable(table);
                    pg_sys::SPI_cursor_close(portal);
                    return Err(Error::Catalog("the catalog query returned NULL".into()));
                }
                rows.push(CStr::from_ptr(value).to_string_lossy().into_owned());
                pg_sys::pfree(value.cast());
            }
            pg_sys::SPI_freetuptable(table);
            pg_sys::SPI_cursor_close(portal);
            Ok(rows)
        }
    }
}

/// The schema this extension was created in (which holds its tables, and the
/// `migra_strip_node_tree` that the fingerprint query of a local read calls).
pub fn extension_schema(client: &pgrx::spi::SpiClient<'_>) -> Result<String, Error> {
    let table = client.select(
        "select n.nspname::pg_catalog.text from pg_catalog.pg_extension e \
         join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) e.extnamespace \
         where e.extname operator(pg_catalog.=) 'migra'",
        Some(1),
        &[],
    )?;
    let schema = match table.is_empty() {
        true => None,
        false => table.first().get_one::<String>()?,
    };
    schema.ok_or_else(|| {
        Error::Catalog("the migra extension is not installed in this database".into())
    })
}

impl Drop for Reader {
    fn drop(&mut self) {
        // SAFETY: the snapshot came from RegisterSnapshot.
        unsafe { pg_sys::UnregisterSnapshot(self.snapshot) };
    }
}

/// Checks what a read of this database returned before it is diffed.
pub fn checked(database: Database) -> Result<Database, Error> {
    database
        .schemas
        .iter()
        .try_for_each(Schema::check_definitions)?;
    Ok(database)
}

/// `pg_catalog`, `pg_toast`, temporary schemas and `information_schema` hold the system, not a
/// schema to migrate; no user schema can be called `pg_...`.
/// This server's casts that need no conversion, by type name, as `sql/catalog.sql` reads them:
/// for a diff of snapshots, which hold none.
pub fn binary_coercible() -> Result<Vec<(String, String)>, Error> {
    pgrx::Spi::connect(|client| {
        let rows = client.select(
            "select pg_catalog.format_type(k.castsource, null), pg_catalog.format_type(k.casttarget, null) \
             from pg_catalog.pg_cast k where k.castmethod operator(pg_catalog.=) 'b' \
             order by k.castsource, k.casttarget",
            None,
            &[],
        )?;
        let mut casts = Vec::new();
        for row in rows {
            if let (Some(source), Some(target)) = (row.get::<String>(1)?, row.get::<String>(2)?) {
                casts.push((source, target));
            }
        }
        Ok(casts)
    })
}

pub fn refuse_system_schema(name: &str) -> Result<(), Error> {
    if name.starts_with("pg_") || name == "information_schema" {
        Err(Error::SystemSchema(name.to_owned()))
    } else {
        Ok(())
    }
}

/// The settings every statement of ours runs under (see `with_pinned_settings`).
const PINNED: [(&str, &str); 3] = [
    ("search_path", DATABASE_SEARCH_PATH),
    ("jit", "off"),
    ("standard_conforming_strings", "on"),
];

/// The same settings as `SET` statements, for a remote session, which has no caller's to put back.
pub fn pinned_settings_sql() -> String {
    let statements: Vec<String> = PINNED
        .iter()
        .map(|(name, value)| format!("SET {name} = {};", crate::ident::quote_literal(value)))
        .collect();
    statements.join(" ")
}

/// Runs `work` with the settings every statement of ours runs under, and puts the caller's back
/// afterwards: `search_path = pg_catalog` (nothing of the caller's can change what a statement
/// of ours means; a read sets its own path on top), `jit = off` (the catalog query's cost
/// estimate crosses the JIT thresholds, and compiling it takes longer than running it) and
/// `standard_conforming_strings = on` (deparsed literals come out in the form plans assume).
/// They are set with `set_config(..., true)`, so that an error, which aborts the transaction or
/// subtransaction, also takes them back.
pub fn with_pinned_settings<T>(
    work: impl FnOnce(&pgrx::spi::SpiClient<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
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
        .select(
            "select pg_catalog.current_setting($1, true)",
            Some(1),
            &[name.into()],
        )?
        .first()
        .get_one()?)
}

/// `set_config(..., true)`: whatever happens, the setting ends with the transaction.
fn set_setting(client: &pgrx::spi::SpiClient<'_>, name: &str, value: &str) -> Result<(), Error> {
    client.select(
        "select pg_catalog.set_config($1, $2, true)",
        Some(1),
        &[name.into(), value.into()],
    )?;
    Ok(())
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
        assert_eq!(
            (
                identity.generation,
                identity.sequence.start,
                identity.sequence.increment
            ),
            (Generation::Always, 10, 5)
        );
        assert_eq!(identity.sequence.name, "orders_id_seq");

        let note = orders.column("note").unwrap();
        assert_eq!(note.collation.as_deref(), Some(r#""C""#));
        assert_eq!(note.default.as_deref(), Some("'n/a'::text"));
        assert!(note.not_null);
        assert_eq!(
            (note.storage, note.type_storage),
            (
                crate::model::Storage::External,
                crate::model::Storage::Extended
            )
        );

        let total = orders.column("total").unwrap();
        assert_eq!(
            (total.data_type.as_str(), total.statistics),
            ("numeric(10,2)", Some(500))
        );
        assert_eq!(
            orders.column("doubled").unwrap().generated.as_deref(),
            Some("(total * (2)::numeric)")
        );
        // the identity sequence belongs to its column, not to the schema's sequences
        assert!(schema.sequences.is_empty());
    }

    #[pg_test]
    fn a_foreign_table_reads_with_its_server_and_options() {
        // a hand-made wrapper: no extension needed, and no validator to limit the options
        Spi::run(
            r#"create foreign data wrapper probe_fdw;
               create server probe_server foreign data wrapper probe_fdw;
               create user mapping for current_user server probe_server options (password 'never read');
               create schema far;
               create foreign table far.remote (
                   id integer options (column_name 'remote_id') not null,
                   note text
               ) server probe_server options (table_name 'r', "Odd" 'a=b');
               comment on foreign table far.remote is 'elsewhere';"#,
        )
        .unwrap();
        let schema = read_schemas(&["far"]).unwrap().remove(0);
        let remote = schema.table("remote").unwrap();
        let foreign = remote.foreign.as_ref().unwrap();
        assert_eq!(foreign.server, "probe_server");
        assert_eq!(foreign.options, vec!["table_name=r", "Odd=a=b"]);
        assert_eq!(
            remote.column("id").unwrap().fdw_options,
            vec!["column_name=remote_id"]
        );
        assert!(remote.column("note").unwrap().fdw_options.is_empty());
        assert_eq!(
            remote.replica_identity,
            crate::model::ReplicaIdentity::Default
        );
        assert!(schema.ignored.is_empty());
        assert_eq!(
            schema.comments[0].kind,
            crate::model::CommentKind::ForeignTable
        );
        let document = serde_json::to_string(&schema).unwrap();
        assert!(!document.contains("never read"));
    }

    #[pg_test]
    fn servers_and_user_mappings_are_read_with_their_secrets_by_name_only() {
        Spi::run(
            r#"create foreign data wrapper probe_fdw options (debug 'on');
               create server probe_server type 't' version '1' foreign data wrapper probe_fdw
                 options (host 'h', "API_Key" 'k-never-read', port '1');
               comment on server probe_server is 'probe';
               create user mapping for public server probe_server
                 options (user 'u', password 'pw-never-read', password_required 'false', sslkey '/k');"#,
        )
        .unwrap();
        let database = super::with_pinned_settings(|c| {
            super::Reader::new(false)?.database(c, None, None, None)
        })
        .unwrap();
        let wrapper = &database.foreign_data_wrappers[0];
        assert_eq!(
            (wrapper.name.as_str(), wrapper.common.options.clone()),
            ("probe_fdw", vec!["debug=on".to_owned()])
        );
        let server = database
            .servers
            .iter()
            .find(|s| s.name == "probe_server")
            .unwrap();
        assert_eq!(server.common.options, ["host=h", "port=1"]);
        assert_eq!(server.common.secret_options, ["API_Key"]);
        assert_eq!(server.server_type.as_deref(), Some("t"));
        assert_eq!(server.common.comment.as_deref(), Some("probe"));
        let mapping = &database.user_mappings[0];
        assert_eq!(mapping.user, crate::model::Grantee::Public);
        assert_eq!(mapping.options, ["user=u", "password_required=false"]);
        assert_eq!(mapping.secret_options, ["password", "sslkey"]);
        let document = serde_json::to_string(&database).unwrap();
        assert!(!document.contains("never-read"));
        // between two schemas, not read at all
        let schemas = super::with_pinned_settings(|c| {
            super::Reader::new(false)?.database(c, Some(vec!["public".into()]), None, None)
        })
        .unwrap();
        assert!(schemas.servers.is_empty() && schemas.user_mappings.is_empty());
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
        let fk = schemas[0]
            .constraints
            .iter()
            .find(|c| c.constraint_type == ConstraintType::ForeignKey)
            .unwrap();
        assert_eq!(fk.definition, "FOREIGN KEY (c) REFERENCES customers(id)");
        assert_eq!(
            fk.references.as_ref().unwrap().index.as_deref(),
            Some("customers_pkey")
        );
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
    fn a_function_planted_beside_the_extensions_own_does_not_strip_the_trees() {
        // with the same name, for varchar, where the extension is: were it called, both
        // generation expressions would print as 'same', and the table would be left unread
        let schema = Spi::get_one::<String>(
            "select n.nspname::text from pg_extension e
             join pg_namespace n on n.oid = e.extnamespace where e.extname = 'migra'",
        )
        .unwrap()
        .unwrap();
        Spi::run(&format!(
            r#"create function {}.migra_strip_node_tree(tree varchar) returns text
                 language sql as $$select 'same'$$;
               create schema plant_a; create table plant_a.t (a int, g int generated always as (a + 1) stored);
               create schema plant_b; create table plant_b.t (a int, g int generated always as (a + 2) stored);"#,
            crate::ident::quote_ident(&schema)
        ))
        .unwrap();
        let [a, b] = super::read_schema_pair(["plant_a", "plant_b"]).unwrap();
        let generated = |s: &crate::model::Schema| s.tables[0].columns[1].generated.clone();
        assert_eq!(generated(&a).as_deref(), Some("(a + 1)"));
        assert_eq!(generated(&b).as_deref(), Some("(a + 2)"));
    }

    #[pg_test]
    fn a_second_call_keeps_one_plan_a_query_for_every_schema_and_still_sees_later_changes() {
        use super::plan_cache::{Query, kept};
        use super::read_schema_pair;
        Spi::run(
            r#"create schema cache_a; create sequence cache_a.s;
               create table cache_a.t (a int default nextval('cache_a.s'));
               create schema "Cache B"; create sequence "Cache B".s;"#,
        )
        .unwrap();
        let default_of =
            |schema: &crate::model::Schema| schema.tables[0].columns[0].default.clone().unwrap();
        // the fingerprint query's plan, which the scan of two schemas of one database needs not
        Spi::run("set local migra.fingerprint_reader = query").unwrap();
        // the first call plans each query once, for both schemas, and keeps nothing
        let [a, b] = read_schema_pair(["cache_a", "Cache B"]).unwrap();
        assert_eq!((a.tables.len(), b.tables.len()), (1, 0));
        assert_eq!(default_of(&a), "nextval('s'::regclass)");
        assert!(kept().is_empty());
        // the second keeps each query's plan, one for both schemas
        read_schema_pair(["cache_a", "Cache B"]).unwrap();
        let planned = kept();
        assert_eq!(planned.len(), 2);
        assert!(planned.contains(&Query::Catalog) && planned.contains(&Query::Fingerprints));
        // the kept plans read what was made after them, each schema's names relative to it
        Spi::run(r#"create table "Cache B".t (a int default nextval('"Cache B".s') primary key)"#)
            .unwrap();
        let [a, b] = read_schema_pair(["cache_a", "Cache B"]).unwrap();
        assert_eq!((b.tables.len(), b.constraints.len()), (1, 1));
        assert_eq!(default_of(&a), "nextval('s'::regclass)");
        assert_eq!(default_of(&b), "nextval('s'::regclass)");
        assert_eq!(kept(), planned);
    }

    #[pg_test]
    fn with_keep_plans_off_a_backend_keeps_no_plan_and_gives_back_those_kept() {
        use super::plan_cache::kept;
        use super::read_schema_pair;
        Spi::run("create schema off_a; create table off_a.t (a int); create schema off_b;")
            .unwrap();
        read_schema_pair(["off_a", "off_b"]).unwrap();
        read_schema_pair(["off_a", "off_b"]).unwrap();
        assert!(!kept().is_empty());
        Spi::run("set local migra.keep_plans = off").unwrap();
        for _ in 0..2 {
            let [a, _] = read_schema_pair(["off_a", "off_b"]).unwrap();
            assert_eq!(a.tables.len(), 1);
            assert!(kept().is_empty());
        }
    }

    #[pg_test]
    fn objects_not_compared_are_listed_as_ignored_kind_by_kind() {
        Spi::run(
            "create schema later; create view later.v as select 1 as one; create type later.mood as enum ('ok');
             create table later.t (a int);
             create function later.f() returns trigger language plpgsql as 'begin return new; end';
             create trigger touch before insert on later.t for each row execute function later.f();
             create policy mine on later.t using (true);
             create table later.p (a int) partition by list (a);
             create trigger audit after insert on later.p for each statement execute function later.f();
             create operator later.=== (leftarg = int, rightarg = int, function = int4eq);
             create text search dictionary later.simple2 (template = simple);
             create cast (later.mood as text) with inout;",
        )
        .unwrap();
        let schema = read_schemas(&["later"]).unwrap().remove(0);
        let ignored: Vec<(&str, &str)> = schema
            .ignored
            .iter()
            .map(|i| (i.kind.as_str(), i.name.as_str()))
            .collect();
        assert_eq!(
            ignored,
            vec![
                ("cast", "(mood AS text)"),
                ("operator", "===(integer, integer)"),
                ("text search dictionary", "simple2"),
            ]
        );
        // partitioned tables and their triggers are compared now
        let p = schema.tables.iter().find(|t| t.name == "p").unwrap();
        assert_eq!(p.partition_key.as_deref(), Some("LIST (a)"));
        assert!(schema.triggers.iter().any(|t| t.name == "audit"));
        // views, routines, policies, enums and triggers are compared now
        assert_eq!(schema.views[0].name, "v");
        assert_eq!(schema.policies[0].name, "mine");
        assert_eq!(schema.routines[0].identity, "f()");
        assert_eq!(schema.types[0].name, "mood");
        assert!(schema.triggers.iter().any(|t| t.name == "touch"));
    }

    #[pg_test]
    fn the_graph_holds_what_views_routines_defaults_checks_and_indexes_depend_on() {
        Spi::run(
            "create schema g; create table g.t (id int primary key, a int);
             create function g.plus(int) returns int language sql immutable return $1 + 1;
             create table g.u (x int default g.plus(1) check (g.plus(x) > 0));
             create index u_plus on g.u (g.plus(x));
             create view g.v as select id, g.plus(a) from g.t group by id;
             create function g.atomic() returns bigint language sql begin atomic select count(a) from g.t; end;
             create function g.plain() returns bigint language sql as 'select count(*) from g.v';",
        )
        .unwrap();
        let schema = read_schemas(&["g"]).unwrap().remove(0);
        let edges: Vec<String> = schema
            .dependencies
            .iter()
            .map(|d| {
                let part =
                    |p: &Option<String>| p.as_ref().map(|p| format!(".{p}")).unwrap_or_default();
                format!(
                    "{} {}{} -> {} {}{}",
                    d.object.kind,
                    d.object.name,
                    part(&d.object.part),
                    d.on.kind,
                    d.on.name,
                    part(&d.on.part)
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                "constraint u.u_x_check -> routine plus(integer)",
                "default u.x -> routine plus(integer)",
                "index u_plus -> routine plus(integer)",
                // a SQL-standard body's dependencies are recorded; a string body's are not
                "routine atomic() -> column t.a",
                // GROUP BY the primary key: the view needs the constraint
                "view v -> column t.a",
                "view v -> column t.id",
                "view v -> constraint t.t_pkey",
                "view v -> routine plus(integer)",
            ]
        );
    }

    #[pg_test]
    fn what_an_extension_installed_is_not_listed_even_its_composite_types() {
        // dblink's composite type dblink_pkey_results records its membership on pg_type
        Spi::run("create schema ext; create extension dblink with schema ext; create table ext.mine (x int)").unwrap();
        let [database] = crate::remote::read_databases(
            [crate::remote::Side::Here],
            Some(vec!["ext".into()]),
            None,
        )
        .unwrap();
        let schema = &database.schemas[0];
        assert_eq!(schema.tables.len(), 1);
        assert!(schema.ignored.is_empty(), "{:?}", schema.ignored);
        assert!(schema.routines.is_empty(), "{:?}", schema.routines);
    }

    /// The tables each side reads in full (`read_schema_pair`), the same by either fingerprint
    /// reader.
    fn read_in_full(sql: &str) -> [Vec<String>; 2] {
        Spi::run(sql).unwrap();
        let read = |reader: &str| {
            Spi::run(&format!("set local migra.fingerprint_reader = {reader}")).unwrap();
            super::read_schema_pair(["a", "b"])
                .unwrap()
                .map(|s| s.tables.into_iter().map(|t| t.name).collect::<Vec<_>>())
        };
        let queried = read("query");
        let scanned = read("scan");
        assert_eq!(
            scanned, queried,
            "the scan and the query read different tables"
        );
        scanned
    }

    #[pg_test]
    fn comments_count_in_the_fingerprint_and_are_read_with_their_table() {
        let read = read_in_full(
            "create schema a; create schema b;
             create table a.same (id int primary key, n int check (n > 0));
             create table b.same (id int primary key, n int check (n > 0));
             comment on table a.same is 'kept'; comment on table b.same is 'kept';
             comment on column a.same.n is 'n'; comment on column b.same.n is 'n';
             create table a.col (n int); create table b.col (n int);
             comment on column a.col.n is 'before'; comment on column b.col.n is 'after';
             create table a.idx (n int); create table b.idx (n int);
             create index idx_n on a.idx (n); create index idx_n on b.idx (n);
             comment on index a.idx_n is 'only here';
             create table a.con (n int constraint positive check (n > 0));
             create table b.con (n int constraint positive check (n > 0));
             comment on constraint positive on b.con is 'only there';",
        );
        assert_eq!(read, [vec!["col", "con", "idx"], vec!["col", "con", "idx"]]);
        // the comments of a table left out are not read either
        let [a, b] = super::read_schema_pair(["a", "b"]).unwrap();
        for schema in [a, b] {
            let on: Vec<String> = schema.comments.iter().map(|c| c.name.clone()).collect();
            assert!(!on.contains(&"same".to_owned()), "{on:?}");
        }
    }

    #[pg_test]
    fn a_not_null_constraint_renamed_is_read_where_the_server_names_them() {
        let version = Spi::get_one::<i32>("select current_setting('server_version_num')::int")
            .unwrap()
            .unwrap();
        if version < 180000 {
            return; // no NOT NULL constraint has a name before PostgreSQL 18
        }
        let read = read_in_full(
            "create schema a; create schema b;
             create table a.t (n int not null); create table b.t (n int not null);
             alter table b.t rename constraint t_n_not_null to n_required;
             create table a.u (n int not null); create table b.u (n int not null);",
        );
        assert_eq!(read, [vec!["t"], vec!["t"]]);
    }

    #[pg_test]
    fn extended_statistics_of_every_kind_count_by_their_columns() {
        // with every kind, PostgreSQL's definition lists none: the columns come right after
        // the name
        let read = read_in_full(
            "create schema a; create schema b;
             create table a.same (x int, y int); create table b.same (x int, y int);
             create statistics a.s1 on x, y from a.same; create statistics b.s1 on x, y from b.same;
             create table a.moved (x int, y int, z int); create table b.moved (x int, y int, z int);
             create statistics a.s2 on x, y from a.moved; create statistics b.s2 on x, z from b.moved;",
        );
        assert_eq!(read, [vec!["moved"], vec!["moved"]]);
    }

    #[pg_test]
    fn the_catalogs_the_scan_reads_are_where_it_looks_for_them() {
        for (name, oid) in super::catalog_scan::CATALOG_OIDS {
            let found = Spi::get_one::<pg_sys::Oid>(&format!(
                "select 'pg_catalog.{name}'::pg_catalog.regclass::pg_catalog.oid"
            ))
            .unwrap()
            .unwrap();
            assert_eq!(u32::from(found), *oid, "{name}");
        }
    }

    #[pg_test]
    fn a_pair_of_schemas_is_read_in_full_only_where_it_differs() {
        let read = read_in_full(
            "create schema a; create schema b;
             create table a.kept (id int primary key, note text default 'x' check (note <> ''));
             create table b.kept (id int primary key, note text default 'x' check (note <> ''));
             create table a.changed (id int primary key, n int);
             create table b.changed (id int primary key, n bigint);
             create table a.child (changed_id int references a.changed);
             create table b.child (changed_id int references b.changed);
             create table a.gone ();
             create table b.new ();",
        );
        // child's key relies on changed's: it may have to be made again
        assert_eq!(
            read,
            [
                vec!["changed", "child", "gone"],
                vec!["changed", "child", "new"]
            ]
        );
        Spi::run("set local migra.fingerprints = off").unwrap();
        let [a, b] = super::read_schema_pair(["a", "b"])
            .unwrap()
            .map(|s| s.tables.len());
        assert_eq!((a, b), (4, 4));
    }

    #[pg_test]
    fn where_an_expression_is_written_does_not_count_what_it_means_does() {
        // the same default and CHECK written at other places of their statements
        let read = read_in_full(
            "create schema a; create schema b;
             create table a.t (x int default 1 check (x > 0));
             create table b.t (x     int     default 1     check (x > 0));
             create table a.u (x int default 1 check (x > 0));
             create table b.u (x int default 2 check (x > 0));
             create table a.v (x int check (x > 0));
             create table b.v (x int check (x >= 0));",
        );
        assert_eq!(read, [vec!["u", "v"], vec!["u", "v"]]);
    }

    #[pg_test]
    fn objects_of_each_schema_count_by_name_not_by_oid() {
        // each schema's own enum, function and sequence: other OIDs, the same names
        let read = read_in_full(
            "create schema a; create schema b;
             create type a.mood as enum ('ok', 'sad'); create type b.mood as enum ('ok', 'sad');
             create function a.f() returns int language sql immutable as 'select 1';
             create function b.f() returns int language sql immutable as 'select 1';
             create sequence a.s; create sequence b.s;
             create table a.same (m a.mood default 'ok', n int default a.f() check (n > a.f()), k bigint default nextval('a.s'));
             create table b.same (m b.mood default 'ok', n int default b.f() check (n > b.f()), k bigint default nextval('b.s'));
             create table a.label (m a.mood default 'ok');
             create table b.label (m b.mood default 'sad');
             create index on a.same (m) where m = 'ok'; create index on b.same (m) where m = 'ok';
             create index on a.label (m) where m = 'ok'; create index on b.label (m) where m = 'sad';",
        );
        assert_eq!(read, [vec!["label"], vec!["label"]]);
    }

    #[pg_test]
    fn grants_and_the_owner_they_leave_out_count() {
        let read = read_in_full(
            "create schema a; create schema b; create role fingerprint_reader;
             create table a.t (x int); create table b.t (x int);
             create table a.u (x int); create table b.u (x int);
             grant select (x) on a.t to fingerprint_reader;
             grant select on a.u to fingerprint_reader; grant select on b.u to fingerprint_reader;",
        );
        assert_eq!(read, [vec!["t"], vec!["t"]]);
    }
}
