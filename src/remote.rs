//! Reads other databases through the `dblink` contrib extension. Nothing is installed on the
//! remote side: it runs the same catalog query as a local read.
//!
//! Each remote side is read over one named dblink connection, driven asynchronously: the query
//! text `SET ...; PREPARE ...; EXECUTE ...` is one string, so the catalog query is one statement
//! on the remote, under one snapshot, and the schema lists cross as literals, never spliced into
//! the query itself. Both sides' queries are sent before either is waited for, and a local side
//! is read meanwhile, so the two reads overlap. dblink's rules stay in force (a non-superuser
//! must connect with a password), and nothing here puts a connection string into a message.

use pgrx::pg_sys;

use crate::catalog;
use crate::dblink::Dblink;
use crate::ddl::quote_literal;
use crate::error::Error;
use crate::fingerprints::{Fingerprints, Pairing};
use crate::model::Database;
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
/// (`crate::fingerprints`); each remote side's two reads run in one REPEATABLE READ transaction,
/// a local side's under one snapshot.
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
        let reader = catalog::Reader::new(N == 2)?;
        let mut sessions = Vec::with_capacity(N);
        for side in sides {
            sessions.push(match side {
                Side::Here => None,
                Side::Remote { connection, which } => {
                    let dblink = dblink.as_ref().ok_or(Error::DblinkMissing)?;
                    Some(RemoteSession::open(dblink, connection, which)?)
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
                    None => reader.fingerprints(schemas.clone(), excluded.clone())?,
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
                    Pending::Here(reader.database(schemas.clone(), excluded.clone(), tables)?)
                }
                Some(session) => Pending::Remote(session),
            });
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
        connection: &str,
        which: &'static str,
    ) -> Result<Self, Error> {
        let session = RemoteSession {
            dblink,
            name: connection_name(which),
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

    /// Opens the REPEATABLE READ transaction that the catalog query will also run in, and sends
    /// the fingerprint query. The remote session gets the settings a local read pins: the same
    /// text comes back.
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
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; {} \
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
        self.dblink.disconnect(self.name)
    }

    fn send(&self, sql: &str) -> Result<(), Error> {
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
