//! Reads another database through the `dblink` contrib extension. Nothing is installed on the
//! remote side: it runs the same catalog query as a local read.
//!
//! Each read is one `dblink(connstr, sql)` call, so dblink opens and closes its own connection and
//! none can be left open by an error. The query text is sent as
//! `SET ...; PREPARE ...; EXECUTE ...` in one string: one statement on the remote, so
//! one snapshot, and the schema lists cross as literals, never spliced into the query itself.
//! dblink's rules stay in force (a non-superuser must connect with a password), and nothing here
//! puts the connection string into a message.

use pgrx::prelude::*;

use crate::catalog;
use crate::ddl::{quote_ident, quote_literal};
use crate::error::Error;
use crate::model::Database;

/// Seconds to wait for a remote server before giving up, unless the connection string says.
pub const CONNECT_TIMEOUT_SECONDS: u32 = 10;

/// Reads the named schemas (all user schemas when `None`), less the excluded, of the database
/// that `connection` (a libpq connection string) points at.
pub fn read_database(connection: &str, schemas: Option<Vec<String>>, excluded: Option<Vec<String>>) -> Result<Database, Error> {
    let dblink = format!("{}.dblink", quote_ident(&dblink_schema()?));
    let connection = with_connect_timeout(connection);

    let version = fetch_one(&dblink, &connection, "select pg_catalog.current_setting('server_version_num')")?;
    let version: i32 = version
        .trim()
        .parse()
        .map_err(|_| Error::Catalog(format!("the remote server reported version {version:?}")))?;
    let query = catalog::query_for(version)?;

    let remote_sql = format!(
        "SET search_path TO {}; SET jit = off; PREPARE migra_catalog(pg_catalog.text[], pg_catalog.text[]) AS {query}; EXECUTE migra_catalog({}, {})",
        catalog::DATABASE_SEARCH_PATH,
        array_literal(schemas.as_deref()),
        array_literal(excluded.as_deref()),
    );
    let document = fetch_one(&dblink, &connection, &remote_sql)?;
    Ok(serde_json::from_str(&document)?)
}

/// The schema dblink is installed in: calls are qualified, never left to the search_path.
fn dblink_schema() -> Result<String, Error> {
    let schema = Spi::connect(|client| {
        client
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
            })
    })?;
    schema.ok_or(Error::DblinkMissing)
}

/// The one text value that `sql` returns on the remote server.
fn fetch_one(dblink: &str, connection: &str, sql: &str) -> Result<String, Error> {
    let query = format!("select t.v from {dblink}($1, $2) as t(v pg_catalog.text)");
    let value = Spi::connect(|client| {
        client.select(&query, Some(1), &[connection.into(), sql.into()])?.first().get_one::<String>()
    })?;
    value.ok_or_else(|| Error::Catalog("the remote server returned no document".into()))
}

/// `ARRAY['a', 'b']::pg_catalog.text[]`, or `NULL`.
fn array_literal(names: Option<&[String]>) -> String {
    match names {
        None => "NULL".to_owned(),
        Some(names) => {
            let items: Vec<String> = names.iter().map(|n| quote_literal(n)).collect();
            format!("ARRAY[{}]::pg_catalog.text[]", items.join(", "))
        }
    }
}

/// Adds `connect_timeout` when the connection string sets none, so that an unreachable server
/// cannot hold the caller for libpq's default of forever.
pub fn with_connect_timeout(connection: &str) -> String {
    if connection.contains("connect_timeout") {
        return connection.to_owned();
    }
    let is_uri = connection.starts_with("postgresql://") || connection.starts_with("postgres://");
    if is_uri {
        let separator = if connection.contains('?') { '&' } else { '?' };
        format!("{connection}{separator}connect_timeout={CONNECT_TIMEOUT_SECONDS}")
    } else {
        format!("{connection} connect_timeout={CONNECT_TIMEOUT_SECONDS}").trim_start().to_owned()
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn a_timeout_is_added_only_where_none_is_set() {
        assert_eq!(with_connect_timeout("dbname=x"), "dbname=x connect_timeout=10");
        assert_eq!(with_connect_timeout(""), "connect_timeout=10");
        assert_eq!(with_connect_timeout("dbname=x connect_timeout=3"), "dbname=x connect_timeout=3");
        assert_eq!(with_connect_timeout("postgresql://h/db"), "postgresql://h/db?connect_timeout=10");
        assert_eq!(with_connect_timeout("postgres://h/db?sslmode=off"), "postgres://h/db?sslmode=off&connect_timeout=10");
    }

    #[test]
    fn schema_lists_cross_as_quoted_literals() {
        assert_eq!(array_literal(None), "NULL");
        let names = vec!["app".to_owned(), "it's".to_owned()];
        assert_eq!(array_literal(Some(&names)), "ARRAY['app', 'it''s']::pg_catalog.text[]");
    }
}
