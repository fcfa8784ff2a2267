//! Reads other databases through the `dblink` contrib extension. Nothing is installed on the
//! remote side: it runs the same catalog query as a local read.
//!
//! Each remote side is read over one named dblink connection, driven asynchronously: the query
//! text `SET ...; PREPARE ...; EXECUTE ...` is one string, so the catalog query is one statement
//! on the remote, under one snapshot, and the schema lists cross as literals, never spliced into
//! the query itself. Both sides' queries are sent before either is waited for, and a local side
//! is read meanwhile, so the two reads overlap. dblink's rules stay in force (a non-superuser
//! must connect with a password), and nothing here puts a connection string into a message.

use std::cell::Cell;

use pgrx::PgSqlErrorCode;
use pgrx::pg_sys;
use pgrx::pg_sys::panic::CaughtError;

use crate::catalog;
use crate::dblink::Dblink;
use crate::error::Error;
use crate::fingerprints::{Fingerprints, Pairing};
use crate::ident::quote_literal;
use crate::model::Database;
use crate::subtransaction::{Failed, again_after_concurrent_ddl, raise_as, report_of};
use crate::untrusted::{self, Origin};

/// One side of a whole-database comparison.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a> {
    /// This database, read in-process.
    Here,
    /// The database that `connection` reaches: the name of a foreign server (whose user mapping
    /// holds the password), or a libpq connection string. `which` names the argument in errors
    /// and the dblink connection.
    Remote {
        connection: &'a str,
        which: &'static str,
    },
}

/// Reads the named schemas (all user schemas when `None`), less the excluded, of each side.
/// Remote sides are read in parallel with each other and with a local side: every remote query
/// is sent before anything is read here or waited for. Two sides on servers of one major version
/// read their tables' fingerprints first, and then in full only the tables that differ
/// (`crate::fingerprints`). Each side first locks what it deparses (`crate::locks`): a local
/// side's reads then run under one snapshot, a remote side's in one READ COMMITTED transaction
/// whose locks hold its tables and views still between its two queries.
pub fn read_databases<const N: usize>(
    sides: [Side<'_>; N],
    schemas: Option<Vec<String>>,
    excluded: Option<Vec<String>>,
) -> Result<[Database; N], Error> {
    if let Some(names) = &schemas {
        names
            .iter()
            .try_for_each(|n| catalog::refuse_system_schema(n))?;
    }
    let read = catalog::with_pinned_settings(|client| {
        let remote = sides.iter().any(|s| matches!(s, Side::Remote { .. }));
        let dblink = if remote {
            Some(Dblink::find(client)?)
        } else {
            None
        };
        if let Some(dblink) = &dblink {
            dblink.close_left_over(|name| CONNECTION_NAMES.contains(&name))?;
        }
        // The read runs in a subtransaction (again, when DDL committed here meanwhile ended it;
        // see `again_after_concurrent_ddl`), so that whatever ends it (an error of either
        // server, a failed connect, a cancel or statement_timeout) the remote sides are
        // cancelled and disconnected at once: a remote backend is never left idle in
        // transaction, holding its locks and an old xmin, until this session reads again.
        let talking_to = Cell::new(None);
        let read = || {
            read_sides(
                client,
                dblink.as_ref(),
                &talking_to,
                sides,
                &schemas,
                &excluded,
            )
        };
        let after_failure = || {
            if let Some(dblink) = &dblink {
                release(dblink);
            }
            // only this database's own DDL is seen here: a remote side's error is reported
            talking_to.get().is_none()
        };
        match again_after_concurrent_ddl(read, after_failure) {
            Ok(read) => Ok(read),
            Err(Failed::Error(error)) => Err(error),
            Err(Failed::Raised(caught)) => raise_naming_the_side(caught, talking_to.get()),
        }
    })?;
    // decoded once the connections are closed: checking untrusted text needs no SPI
    let databases = read
        .into_iter()
        .map(|read| match read {
            Read::Here(database) => catalog::checked(database),
            Read::Remote(rows) => decode(&rows),
        })
        .collect::<Result<Vec<_>, _>>()?;
    databases.try_into().map_err(|read: Vec<Database>| {
        Error::Catalog(format!("{} databases read for {N} sides", read.len()))
    })
}

/// Each side's read, remote ones over the connections `read_databases` cleans up after.
/// `talking_to` is set to the side each remote call is for, so that an error names it.
fn read_sides<'a, 'c, const N: usize>(
    client: &pgrx::spi::SpiClient<'_>,
    dblink: Option<&'a Dblink<'a, 'c>>,
    talking_to: &'a Cell<Option<&'static str>>,
    sides: [Side<'_>; N],
    schemas: &Option<Vec<String>>,
    excluded: &Option<Vec<String>>,
) -> Result<Vec<Read>, Error> {
    // this database's relations are locked before the snapshot is taken (`crate::locks`)
    let locked = match sides.iter().any(|s| matches!(s, Side::Here)) {
        true => Some(crate::locks::lock_for_read(
            client,
            schemas.as_deref(),
            excluded.as_deref(),
        )?),
        false => None,
    };
    let reader = catalog::Reader::new(N == 2)?;
    let mut sessions = Vec::with_capacity(N);
    for side in sides {
        sessions.push(match side {
            Side::Here => None,
            Side::Remote { connection, which } => {
                let dblink = dblink.ok_or(Error::DblinkMissing)?;
                Some(RemoteSession::open(dblink, talking_to, connection, which)?)
            }
        });
    }
    let versions = sessions
        .iter()
        .map(|s| match s {
            None => Ok(pg_sys::PG_VERSION_NUM as i32),
            Some(session) => session.server_version(),
        })
        .collect::<Result<Vec<_>, _>>()?;
    for session in sessions.iter().flatten() {
        session.lock(schemas.as_deref(), excluded.as_deref())?;
    }

    let fast = reader.has_fingerprints() && crate::fingerprints::comparable(&versions);
    let tables: Vec<Option<Vec<u32>>> = if fast {
        for (session, version) in sessions.iter().zip(&versions) {
            if let Some(session) = session {
                session.send_fingerprint_query(
                    *version,
                    schemas.as_deref(),
                    excluded.as_deref(),
                )?;
            }
        }
        let mut prints = Vec::with_capacity(N);
        for session in &sessions {
            prints.push(match session {
                None => {
                    talking_to.set(None);
                    reader.fingerprints(client, schemas.clone(), excluded.clone())?
                }
                Some(session) => {
                    decode_fingerprints(&crate::timing::measure("fingerprints", || {
                        session.receive()
                    })?)?
                }
            });
        }
        crate::fingerprints::tables_to_read([&prints[0], &prints[1]], Pairing::Databases)
            .map(Some)
            .into()
    } else {
        vec![None; N]
    };

    for ((session, version), tables) in sessions.iter().zip(&versions).zip(&tables) {
        if let Some(session) = session {
            session.send_catalog_query(
                *version,
                schemas.as_deref(),
                excluded.as_deref(),
                tables.as_deref(),
            )?;
        }
    }
    let mut pending = Vec::with_capacity(N);
    for (session, tables) in sessions.into_iter().zip(tables) {
        pending.push(match session {
            None => {
                talking_to.set(None);
                Pending::Here(reader.database(client, schemas.clone(), excluded.clone(), tables)?)
            }
            Some(session) => Pending::Remote(session),
        });
    }
    // this database is read: its locks are let go before the remote sides are waited for
    if let Some(locked) = locked {
        locked.release();
    }
    let mut read = Vec::with_capacity(N);
    for side in pending {
        read.push(match side {
            Pending::Here(database) => Read::Here(database),
            Pending::Remote(session) => {
                let rows = crate::timing::measure("query", || session.receive_rows())?;
                session.close()?;
                Read::Remote(rows)
            }
        });
    }
    Ok(read)
}

/// Cancels and closes the connections a failed read leaves, ignoring what fails in doing so
/// (a server already gone): the read's own error is the one to report.
fn release(dblink: &Dblink<'_, '_>) {
    let _ = crate::subtransaction::catching(|| {
        dblink.close_left_over(|name| CONNECTION_NAMES.contains(&name))
    });
}

/// The ERROR that ended a read, raised again naming the side it came from: a remote server
/// that went away (dblink relays its `57P01` "terminating connection due to administrator
/// command" when the database is dropped or the backend terminated, `57P02`/`57P03` when the
/// server shuts down, or libpq's connection errors) is `08006` connection_failure; any other
/// error of a remote side keeps its SQLSTATE, its message prefixed with the side.
fn raise_naming_the_side(caught: CaughtError, side: Option<&'static str>) -> ! {
    let Some(side) = side else { caught.rethrow() };
    let report = report_of(&caught);
    let code = report.sql_error_code();
    if code == PgSqlErrorCode::ERRCODE_QUERY_CANCELED
        || report.message().starts_with("could not connect to the ")
    {
        caught.rethrow()
    }
    let gone = matches!(
        code,
        PgSqlErrorCode::ERRCODE_ADMIN_SHUTDOWN
            | PgSqlErrorCode::ERRCODE_CRASH_SHUTDOWN
            | PgSqlErrorCode::ERRCODE_CANNOT_CONNECT_NOW
            | PgSqlErrorCode::ERRCODE_CONNECTION_FAILURE
            | PgSqlErrorCode::ERRCODE_CONNECTION_EXCEPTION
            | PgSqlErrorCode::ERRCODE_CONNECTION_DOES_NOT_EXIST
    );
    if gone {
        let message = format!(
            "the connection to the {side} database was lost: {}",
            report.message()
        );
        raise_as(&caught, PgSqlErrorCode::ERRCODE_CONNECTION_FAILURE, message)
    }
    let message = format!("the {side} database: {}", report.message());
    raise_as(&caught, code, message)
}

/// A side whose remote query has been sent, or that has been read here.
enum Pending<'a, 'c> {
    Here(Database),
    Remote(RemoteSession<'a, 'c>),
}

/// A side read: a local model, or a remote server's rows still to decode.
enum Read {
    Here(Database),
    Remote(Vec<String>),
}

/// The dblink connection of one read, driven asynchronously so that a cancel or a
/// `statement_timeout` stops the caller within milliseconds, however long the remote takes:
/// PostgreSQL 15's `dblink()` waits for the remote without looking at interrupts.
///
/// The connection is named after the argument it reads (`migra_read_source`). A read that an
/// error interrupts leaves it open, since dblink's named connections outlive transactions; the
/// next read cancels its query and closes it before anything else, and the end of the session
/// closes it in any case.
struct RemoteSession<'a, 'c> {
    dblink: &'a Dblink<'a, 'c>,
    name: &'static str,
    /// The argument it reads (`source`, `target`, `reference`), for errors.
    which: &'static str,
    /// Set to `which` before each call on this connection.
    talking_to: &'a Cell<Option<&'static str>>,
}

/// The names of the dblink connections reads hold open.
const CONNECTION_NAMES: [&str; 2] = ["migra_read_source", "migra_read_target"];

fn connection_name(which: &'static str) -> &'static str {
    if which == "target" {
        CONNECTION_NAMES[1]
    } else {
        CONNECTION_NAMES[0]
    }
}

impl<'a, 'c> RemoteSession<'a, 'c> {
    fn open(
        dblink: &'a Dblink<'a, 'c>,
        talking_to: &'a Cell<Option<&'static str>>,
        connection: &str,
        which: &'static str,
    ) -> Result<Self, Error> {
        let session = RemoteSession {
            dblink,
            name: connection_name(which),
            which,
            talking_to,
        };
        dblink.connect(session.name, connection, which)?;
        Ok(session)
    }

    /// The server's `server_version_num`, which picks the queries.
    fn server_version(&self) -> Result<i32, Error> {
        self.send("select pg_catalog.current_setting('server_version_num')")?;
        let version = self.receive()?;
        version.trim().parse().map_err(|_| {
            Error::RemoteDocument(format!(
                "it reported server version \"{}\"",
                untrusted::shown(&version)
            ))
        })
    }

    /// Opens the read's transaction and takes the remote side's locks by the rule of
    /// `crate::locks` (`locks::remote_lock_sql`), before any query of the read takes a snapshot.
    fn lock(&self, schemas: Option<&[String]>, excluded: Option<&[String]>) -> Result<(), Error> {
        self.send(&crate::locks::remote_lock_sql(
            &array_literal(schemas),
            &array_literal(excluded),
        )?)?;
        self.receive_rows().map(drop)
    }

    /// Sends the fingerprint query, in the transaction `lock` opened, which the catalog query
    /// also runs in. The remote session gets the settings a local read pins: the same text
    /// comes back.
    fn send_fingerprint_query(
        &self,
        version: i32,
        schemas: Option<&[String]>,
        excluded: Option<&[String]>,
    ) -> Result<(), Error> {
        let query = crate::fingerprints::query_for(version).ok_or_else(|| {
            Error::Catalog(format!(
                "fingerprints cannot be read on server version {version}"
            ))
        })?;
        self.send(&format!(
            "{} \
             PREPARE migra_fingerprints(pg_catalog.text[], pg_catalog.text[]) AS {query}; \
             EXECUTE migra_fingerprints({}, {})",
            catalog::pinned_settings_sql(),
            array_literal(schemas),
            array_literal(excluded),
        ))
    }

    /// Sends the catalog query: every table, or the tables named by OID (after the fingerprint
    /// query, in its transaction).
    fn send_catalog_query(
        &self,
        version: i32,
        schemas: Option<&[String]>,
        excluded: Option<&[String]>,
        tables: Option<&[u32]>,
    ) -> Result<(), Error> {
        let query = catalog::query_for(version)?;
        let tables = match tables {
            None => "NULL".to_owned(),
            Some(oids) => {
                let oids: Vec<String> = oids.iter().map(u32::to_string).collect();
                format!("'{{{}}}'::pg_catalog.oid[]", oids.join(","))
            }
        };
        self.send(&format!(
            "{} PREPARE migra_catalog(pg_catalog.text[], pg_catalog.text[], pg_catalog.oid[]) AS {query}; \
             EXECUTE migra_catalog({}, {}, {tables})",
            catalog::pinned_settings_sql(),
            array_literal(schemas),
            array_literal(excluded),
        ))
    }

    fn close(self) -> Result<(), Error> {
        self.talking_to.set(Some(self.which));
        self.dblink.disconnect(self.name)
    }

    fn send(&self, sql: &str) -> Result<(), Error> {
        self.talking_to.set(Some(self.which));
        self.dblink.send(self.name, sql)
    }

    /// The value of the last statement of what was sent that returns one.
    fn receive(&self) -> Result<String, Error> {
        let mut rows = self.receive_rows()?;
        match rows.len() {
            1 => Ok(rows.remove(0)),
            n => Err(Error::RemoteDocument(format!(
                "it returned {n} values where one was expected"
            ))),
        }
    }

    /// The values of the rows of the last statement of what was sent that returns rows.
    fn receive_rows(&self) -> Result<Vec<String>, Error> {
        self.talking_to.set(Some(self.which));
        let mut last = Vec::new();
        let mut pause_ms = 1;
        loop {
            // waits until the next result is in, so that dblink_get_result does not block
            if self.dblink.is_busy(self.name)? {
                crate::dblink::pause(pause_ms);
                pause_ms = (pause_ms * 2).min(20);
                continue;
            }
            // one result per statement (a SET's is its status), then none at the end
            match self.dblink.next_result(self.name)? {
                Some(rows) => last = rows,
                None => break,
            }
        }
        if last.is_empty() {
            return Err(Error::RemoteDocument("it returned no value".into()));
        }
        Ok(last)
    }
}

/// A remote server's fingerprints. They only choose what is read next (OIDs go back as
/// numbers), so their shape is all there is to check.
fn decode_fingerprints(document: &str) -> Result<Fingerprints, Error> {
    crate::timing::measure("decode", || serde_json::from_str(document))
        .map_err(|e| Error::RemoteDocument(e.to_string()))
}

/// The remote server's rows (`Database::from_rows`), checked as untrusted input: their shape,
/// then every field that can reach a statement, then definitions we could not read.
pub(crate) fn decode(rows: &[String]) -> Result<Database, Error> {
    // text cannot hold NUL, but JSON can spell it; no name or definition of ours may hold one
    if rows.iter().any(|row| row.contains("\\u0000")) {
        return Err(Error::RemoteDocument("it holds a NUL character".into()));
    }
    let database = crate::timing::measure("decode", || Database::from_rows(rows))
        .map_err(|e| Error::RemoteDocument(e.to_string()))?;
    crate::timing::measure("checks", || {
        untrusted::check(&database, Origin::RemoteServer)
    })?;
    database
        .schemas
        .iter()
        .try_for_each(crate::model::Schema::check_definitions)?;
    Ok(database)
}

/// `ARRAY['a', 'b']::pg_catalog.text[]`, or `NULL`.
pub(crate) fn array_literal(names: Option<&[String]>) -> String {
    match names {
        None => "NULL".to_owned(),
        Some(names) => {
            let items: Vec<String> = names.iter().map(|n| quote_literal(n)).collect();
            format!("ARRAY[{}]::pg_catalog.text[]", items.join(", "))
        }
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn schema_lists_cross_as_quoted_literals() {
        assert_eq!(array_literal(None), "NULL");
        let names = vec!["app".to_owned(), "it's".to_owned()];
        assert_eq!(
            array_literal(Some(&names)),
            "ARRAY['app', 'it''s']::pg_catalog.text[]"
        );
    }
}
