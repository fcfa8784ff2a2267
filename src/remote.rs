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
use crate::ddl::{quote_ident, quote_literal};
use crate::error::Error;
use crate::fingerprints::{Fingerprints, Pairing};
use crate::model::Database;
use crate::untrusted::{self, Origin};

/// Seconds to wait for a remote server before giving up, unless the connection string says.
pub const CONNECT_TIMEOUT_SECONDS: u32 = 10;

/// One side of a whole-database comparison.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a> {
    /// This database, read in-process.
    Here,
    /// The database that `connection` reaches: the name of a foreign server (whose user mapping
    /// holds the password), or a libpq connection string. `which` names the argument in errors
    /// and the dblink connection.
    Remote { connection: &'a str, which: &'static str },
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
        names.iter().try_for_each(|n| catalog::refuse_system_schema(n))?;
    }
    let read = catalog::with_pinned_settings(|client| {
        let remote = sides.iter().any(|s| matches!(s, Side::Remote { .. }));
        let dblink = if remote { format!("{}.", quote_ident(&dblink_schema(client)?)) } else { String::new() };
        if remote {
            close_left_over(client, &dblink)?;
        }
        let reader = catalog::Reader::new(N == 2)?;
        let mut sessions = Vec::with_capacity(N);
        for side in sides {
            sessions.push(match side {
                Side::Here => None,
                Side::Remote { connection, which } => Some(RemoteSession::open(client, &dblink, connection, which)?),
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
                    session.send_fingerprint_query(*version, schemas.as_deref(), excluded.as_deref())?;
                }
            }
            let mut prints = Vec::with_capacity(N);
            for session in &sessions {
                prints.push(match session {
                    None => reader.fingerprints(schemas.clone(), excluded.clone())?,
                    Some(session) => decode_fingerprints(&crate::timing::measure("fingerprints", || session.receive())?)?,
                });
            }
            crate::fingerprints::tables_to_read([&prints[0], &prints[1]], Pairing::Databases).map(Some).into()
        } else {
            vec![None; N]
        };

        for ((session, version), tables) in sessions.iter().zip(&versions).zip(&tables) {
            if let Some(session) = session {
                session.send_catalog_query(*version, schemas.as_deref(), excluded.as_deref(), tables.as_deref())?;
            }
        }
        let mut pending = Vec::with_capacity(N);
        for (session, tables) in sessions.into_iter().zip(tables) {
            pending.push(match session {
                None => Pending::Here(reader.database(schemas.clone(), excluded.clone(), tables)?),
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
    databases.try_into().map_err(|read: Vec<Database>| Error::Catalog(format!("{} databases read for {N} sides", read.len())))
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
    client: &'a pgrx::spi::SpiClient<'c>,
    /// `"schema".` of dblink's functions: calls are qualified, never left to the search_path.
    dblink: &'a str,
    name: &'static str,
}

/// The names of the dblink connections reads hold open.
const CONNECTION_NAMES: [&str; 2] = ["migra_read_source", "migra_read_target"];

fn connection_name(which: &'static str) -> &'static str {
    if which == "target" { CONNECTION_NAMES[1] } else { CONNECTION_NAMES[0] }
}

/// Closes the connections that reads interrupted by an error left open, cancelling their queries.
fn close_left_over(client: &pgrx::spi::SpiClient<'_>, dblink: &str) -> Result<(), Error> {
    let names: Vec<String> = CONNECTION_NAMES.iter().map(|n| (*n).to_owned()).collect();
    let open = client
        .select(
            &format!(
                "select c from pg_catalog.unnest({dblink}dblink_get_connections()) c where c operator(pg_catalog.=) any ($1)"
            ),
            None,
            &[names.into()],
        )?
        .map(|row| row.get::<String>(1))
        .collect::<Result<Vec<_>, _>>()?;
    for name in open.into_iter().flatten() {
        client.select(&format!("select {dblink}dblink_cancel_query($1)"), None, &[name.as_str().into()])?;
        client.select(&format!("select {dblink}dblink_disconnect($1)"), None, &[name.as_str().into()])?;
    }
    Ok(())
}

impl<'a, 'c> RemoteSession<'a, 'c> {
    fn open(client: &'a pgrx::spi::SpiClient<'c>, dblink: &'a str, connection: &str, which: &'static str) -> Result<Self, Error> {
        let session = RemoteSession { client, dblink, name: connection_name(which) };
        let connection = dblink_connection(client, connection, which)?;
        // connection string and query cross as parameters: neither appears in an error's context line
        session.call("dblink_connect($1, $2)", &[session.name.into(), connection.as_str().into()])?;
        Ok(session)
    }

    /// The server's `server_version_num`, which picks the queries.
    fn server_version(&self) -> Result<i32, Error> {
        self.send("select pg_catalog.current_setting('server_version_num')")?;
        let version = self.receive()?;
        version
            .trim()
            .parse()
            .map_err(|_| Error::RemoteDocument(format!("it reported server version \"{}\"", untrusted::shown(&version))))
    }

    /// Opens the REPEATABLE READ transaction that the catalog query will also run in, and sends
    /// the fingerprint query. The remote session gets the settings a local read pins: the same
    /// text comes back.
    fn send_fingerprint_query(&self, version: i32, schemas: Option<&[String]>, excluded: Option<&[String]>) -> Result<(), Error> {
        let query = crate::fingerprints::query_for(version)
            .ok_or_else(|| Error::Catalog(format!("fingerprints cannot be read on server version {version}")))?;
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
        self.call("dblink_disconnect($1)", &[self.name.into()])
    }

    fn call(&self, function: &str, arguments: &[pgrx::datum::DatumWithOid<'_>]) -> Result<(), Error> {
        self.client.select(&format!("select {}{function}", self.dblink), None, arguments)?;
        Ok(())
    }

    fn send(&self, sql: &str) -> Result<(), Error> {
        let sent = self
            .client
            .select(&format!("select {}dblink_send_query($1, $2)", self.dblink), Some(1), &[self.name.into(), sql.into()])?
            .first()
            .get_one::<i32>()?;
        if sent == Some(1) { Ok(()) } else { Err(Error::RemoteLost("the query could not be sent")) }
    }

    /// The value of the last statement of what was sent that returns one.
    fn receive(&self) -> Result<String, Error> {
        let mut rows = self.receive_rows()?;
        match rows.len() {
            1 => Ok(rows.remove(0)),
            n => Err(Error::RemoteDocument(format!("it returned {n} values where one was expected"))),
        }
    }

    /// The values of the rows of the last statement of what was sent that returns rows.
    fn receive_rows(&self) -> Result<Vec<String>, Error> {
        let next_result = format!("select t.v from {}dblink_get_result($1) as t(v pg_catalog.text)", self.dblink);
        let mut last = Vec::new();
        loop {
            self.wait_for_result()?;
            // one result per statement (a SET's is its status), then an empty one at the end
            let rows = self.client.select(&next_result, None, &[self.name.into()])?;
            if rows.is_empty() {
                break;
            }
            last = rows.map(|row| row.get::<String>(1)).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect();
        }
        if last.is_empty() {
            return Err(Error::RemoteDocument("it returned no value".into()));
        }
        Ok(last)
    }

    /// Waits until the next result has arrived, so that `dblink_get_result` will not block,
    /// answering interrupts meanwhile.
    fn wait_for_result(&self) -> Result<(), Error> {
        let is_busy = format!("select {}dblink_is_busy($1)", self.dblink);
        let mut pause_ms = 1;
        loop {
            let busy = self.client.select(&is_busy, Some(1), &[self.name.into()])?.first().get_one::<i32>()?;
            if busy != Some(1) {
                return Ok(());
            }
            // SAFETY: a backend's own latch, waited on as any extension does; then the usual
            // interrupt check, which raises on a cancel or a statement timeout.
            unsafe {
                pg_sys::WaitLatch(
                    pg_sys::MyLatch,
                    (pg_sys::WL_LATCH_SET | pg_sys::WL_TIMEOUT | pg_sys::WL_EXIT_ON_PM_DEATH) as i32,
                    pause_ms,
                    pg_sys::PG_WAIT_EXTENSION,
                );
                pg_sys::ResetLatch(pg_sys::MyLatch);
            }
            pgrx::check_for_interrupts!();
            pause_ms = (pause_ms * 2).min(20);
        }
    }
}

/// A remote server's fingerprints. They only choose what is read next (OIDs go back as
/// numbers), so their shape is all there is to check.
fn decode_fingerprints(document: &str) -> Result<Fingerprints, Error> {
    crate::timing::measure("decode", || serde_json::from_str(document)).map_err(|e| Error::RemoteDocument(e.to_string()))
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
    crate::timing::measure("checks", || untrusted::check(&database, Origin::RemoteServer))?;
    database.schemas.iter().try_for_each(crate::model::Schema::check_definitions)?;
    Ok(database)
}

/// The schema dblink is installed in: calls are qualified, never left to the search_path.
pub(crate) fn dblink_schema(client: &pgrx::spi::SpiClient<'_>) -> Result<String, Error> {
    let schema = client
        .select(
            "select n.nspname::pg_catalog.text from pg_catalog.pg_extension e
             join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) e.extnamespace
             where e.extname operator(pg_catalog.=) 'dblink'",
            Some(1),
            &[],
        )?
        .first()
        .get_one::<String>()
        .or_else(|e| match e {
            pgrx::spi::Error::InvalidPosition => Ok(None),
            other => Err(other),
        })?;
    schema.ok_or(Error::DblinkMissing)
}

/// What dblink is given: a foreign server's name as it is (dblink looks it up first, as here,
/// and takes the password from the user mapping), or a connection string with a connect
/// timeout. Anything else is refused without being shown: it may hold a password.
pub(crate) fn dblink_connection(client: &pgrx::spi::SpiClient<'_>, connection: &str, which: &'static str) -> Result<String, Error> {
    let is_server = client
        .select(
            "select from pg_catalog.pg_foreign_server where srvname operator(pg_catalog.=) $1",
            Some(1),
            &[connection.into()],
        )?
        .len()
        == 1;
    if is_server {
        return Ok(connection.to_owned());
    }
    with_connect_timeout(connection).ok_or(Error::Connection(
        which,
        "Give a libpq connection string (host=... dbname=...) or the name of a foreign server made with \
         CREATE SERVER ... FOREIGN DATA WRAPPER dblink_fdw, whose user mapping can hold the password.",
    ))
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

/// The connection string with `connect_timeout` added when it sets none, so that an unreachable
/// server cannot hold the caller for libpq's default of forever; `None` when it is not a
/// connection string libpq would read. Parsed as libpq parses it, not searched as text: a
/// password may well contain "connect_timeout".
pub fn with_connect_timeout(connection: &str) -> Option<String> {
    let keys = connection_keys(connection)?;
    if keys.iter().any(|k| k == "connect_timeout") {
        return Some(connection.to_owned());
    }
    if is_uri(connection) {
        let separator = if connection.contains('?') { '&' } else { '?' };
        Some(format!("{connection}{separator}connect_timeout={CONNECT_TIMEOUT_SECONDS}"))
    } else {
        Some(format!("{connection} connect_timeout={CONNECT_TIMEOUT_SECONDS}").trim_start().to_owned())
    }
}

fn is_uri(connection: &str) -> bool {
    connection.starts_with("postgresql://") || connection.starts_with("postgres://")
}

/// The keywords a connection string sets, or `None` when libpq could not read it.
fn connection_keys(connection: &str) -> Option<Vec<String>> {
    Some(connection_pairs(connection)?.into_iter().map(|(key, _)| key).collect())
}

/// Where a connection string leads, for a row or a message: its host, port, database and user,
/// never its password or other options. A URI keeps its scheme, user, host, port and path.
pub fn connection_shown(connection: &str) -> String {
    if is_uri(connection) {
        let (scheme, rest) = connection.split_once("://").unwrap_or(("postgresql", connection));
        let rest = rest.split('?').next().unwrap_or("");
        let (authority, path) = rest.split_once('/').map_or((rest, None), |(a, p)| (a, Some(p)));
        let authority = match authority.rsplit_once('@') {
            Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
            None => authority.to_owned(),
        };
        return format!("{scheme}://{authority}{}", path.map(|p| format!("/{p}")).unwrap_or_default());
    }
    const SHOWN: [&str; 5] = ["host", "hostaddr", "port", "dbname", "user"];
    let Some(pairs) = connection_pairs(connection) else {
        return "(not a connection string)".to_owned();
    };
    pairs
        .into_iter()
        .filter(|(key, _)| SHOWN.contains(&key.as_str()))
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keyword and value pairs of a connection string (values as written, quotes and all), or
/// `None` when libpq could not read it.
fn connection_pairs(connection: &str) -> Option<Vec<(String, String)>> {
    if is_uri(connection) {
        let query = match connection.split_once('?') {
            Some((_, query)) => query,
            None => return Some(Vec::new()),
        };
        return query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').map(|(k, v)| (percent_decode(k), v.to_owned())))
            .collect::<Option<Vec<_>>>();
    }
    // keyword = value pairs; a value is 'quoted' (backslash escapes) or runs to the next space
    let chars: Vec<char> = connection.chars().collect();
    let mut keys = Vec::new();
    let mut i = 0;
    let skip_spaces = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_spaces(&mut i);
        if i == chars.len() {
            return Some(keys);
        }
        let start = i;
        while i < chars.len() && chars[i] != '=' && !chars[i].is_whitespace() {
            i += 1;
        }
        let key: String = chars[start..i].iter().collect();
        skip_spaces(&mut i);
        if key.is_empty() || chars.get(i) != Some(&'=') {
            return None;
        }
        i += 1;
        skip_spaces(&mut i);
        let value_start = i;
        if chars.get(i) == Some(&'\'') {
            i += 1;
            loop {
                match chars.get(i) {
                    None => return None,
                    Some('\\') => i += 2,
                    Some('\'') => break,
                    Some(_) => i += 1,
                }
            }
            i += 1;
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
        }
        let value_end = i.min(chars.len());
        keys.push((key, chars[value_start..value_end].iter().collect()));
    }
}

/// `%5F` → `_`, as libpq decodes a URI's parameter names.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn timeout(connection: &str) -> Option<String> {
        with_connect_timeout(connection)
    }

    #[test]
    fn a_timeout_is_added_only_where_none_is_set() {
        assert_eq!(timeout("dbname=x").as_deref(), Some("dbname=x connect_timeout=10"));
        assert_eq!(timeout("").as_deref(), Some("connect_timeout=10"));
        assert_eq!(timeout("dbname=x connect_timeout=3").as_deref(), Some("dbname=x connect_timeout=3"));
        assert_eq!(timeout("dbname = x  connect_timeout = '3'").as_deref(), Some("dbname = x  connect_timeout = '3'"));
        assert_eq!(timeout("postgresql://h/db").as_deref(), Some("postgresql://h/db?connect_timeout=10"));
        assert_eq!(timeout("postgres://h/db?sslmode=off").as_deref(), Some("postgres://h/db?sslmode=off&connect_timeout=10"));
        assert_eq!(timeout("postgres://h/db?connect%5Ftimeout=2").as_deref(), Some("postgres://h/db?connect%5Ftimeout=2"));
    }

    #[test]
    fn connect_timeout_inside_a_value_is_not_a_setting() {
        assert_eq!(
            timeout("dbname=x password=connect_timeout=1").as_deref(),
            Some("dbname=x password=connect_timeout=1 connect_timeout=10")
        );
        assert_eq!(
            timeout("password='a connect_timeout=1 \\' b'").as_deref(),
            Some("password='a connect_timeout=1 \\' b' connect_timeout=10")
        );
    }

    #[test]
    fn what_libpq_could_not_read_is_not_a_connection_string() {
        for text in ["prod", "host=x junk", "password='unterminated", "=x", "postgres://h/db?novalue"] {
            assert_eq!(timeout(text), None, "{text}");
        }
    }

    #[test]
    fn a_connection_is_shown_without_its_password_or_options() {
        assert_eq!(
            connection_shown("host=db1 port=5432 dbname=app user=auditor password=sekrit sslmode=require"),
            "host=db1 port=5432 dbname=app user=auditor"
        );
        assert_eq!(connection_shown("password='a b' dbname = 'my app'"), "dbname='my app'");
        assert_eq!(connection_shown("postgresql://auditor:sekrit@db1:5433/app?sslmode=require"), "postgresql://auditor@db1:5433/app");
        assert_eq!(connection_shown("postgres://db1"), "postgres://db1");
        assert_eq!(connection_shown("not a connection string"), "(not a connection string)");
    }

    #[test]
    fn schema_lists_cross_as_quoted_literals() {
        assert_eq!(array_literal(None), "NULL");
        let names = vec!["app".to_owned(), "it's".to_owned()];
        assert_eq!(array_literal(Some(&names)), "ARRAY['app', 'it''s']::pg_catalog.text[]");
    }
}
