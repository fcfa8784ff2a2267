//! Connection strings, read as libpq reads them (keyword = value pairs or a URI) without
//! calling libpq: what dblink is given gets a connect timeout, and what a row or a message shows
//! of it leaves the password and every other option out.

use std::time::Duration;

/// Seconds to wait for a remote server before giving up, unless the connection says.
pub const CONNECT_TIMEOUT_SECONDS: u32 = 10;

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
        Some(format!(
            "{connection}{separator}connect_timeout={CONNECT_TIMEOUT_SECONDS}"
        ))
    } else {
        Some(
            format!("{connection} connect_timeout={CONNECT_TIMEOUT_SECONDS}")
                .trim_start()
                .to_owned(),
        )
    }
}

fn is_uri(connection: &str) -> bool {
    connection.starts_with("postgresql://") || connection.starts_with("postgres://")
}

/// The keywords a connection string sets, or `None` when libpq could not read it.
fn connection_keys(connection: &str) -> Option<Vec<String>> {
    Some(
        connection_pairs(connection)?
            .into_iter()
            .map(|(key, _)| key)
            .collect(),
    )
}

/// Where a connection string leads, for a row or a message: its host, port, database and user,
/// never its password or other options. A URI keeps its scheme, user, host, port and path.
pub fn connection_shown(connection: &str) -> String {
    if is_uri(connection) {
        let (scheme, rest) = connection
            .split_once("://")
            .unwrap_or(("postgresql", connection));
        let rest = rest.split('?').next().unwrap_or("");
        let (authority, path) = rest
            .split_once('/')
            .map_or((rest, None), |(a, p)| (a, Some(p)));
        let authority = match authority.rsplit_once('@') {
            Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or("")),
            None => authority.to_owned(),
        };
        return format!(
            "{scheme}://{authority}{}",
            path.map(|p| format!("/{p}")).unwrap_or_default()
        );
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
            .map(|p| {
                p.split_once('=')
                    .map(|(k, v)| (percent_decode(k), v.to_owned()))
            })
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
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
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

/// How long connecting may take in all, counted as libpq counts it: `connect_timeout` seconds
/// (2 at least: libpq makes 1 into 2) for each host of a host list, and
/// `CONNECT_TIMEOUT_SECONDS` when none is set; `None` for 0, libpq's "wait forever". A value
/// libpq cannot read fails the connection at once, so it gets the default.
pub fn connect_deadline(connection: &str) -> Option<Duration> {
    let Some(mut options) = connection_options(connection) else {
        return deadline_of_options(&[]);
    };
    if is_uri(connection) {
        let rest = connection
            .split_once("://")
            .map_or(connection, |(_, rest)| rest);
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        let hosts = authority
            .rsplit_once('@')
            .map_or(authority, |(_, hosts)| hosts);
        options.insert(0, ("host".to_owned(), hosts.to_owned()));
    }
    deadline_of_options(&options)
}

/// `connect_deadline` of options already read: a foreign server's, or a connection string's.
pub fn deadline_of_options(options: &[(String, String)]) -> Option<Duration> {
    // the last setting of a keyword is the one libpq keeps
    let value = |key: &str| {
        options
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
    };
    let seconds = value("connect_timeout")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(i64::from(CONNECT_TIMEOUT_SECONDS));
    if seconds <= 0 {
        return None;
    }
    let hosts = ["host", "hostaddr"]
        .iter()
        .filter_map(|key| value(key))
        .map(|v| v.split(',').count())
        .max()
        .unwrap_or(1);
    Some(Duration::from_secs(
        seconds.max(2).unsigned_abs() * hosts as u64,
    ))
}

/// The keyword and value pairs of a connection string, values as libpq reads them: unquoted
/// and unescaped, or percent-decoded in a URI.
fn connection_options(connection: &str) -> Option<Vec<(String, String)>> {
    let pairs = connection_pairs(connection)?;
    Some(if is_uri(connection) {
        pairs
            .into_iter()
            .map(|(key, value)| (key, percent_decode(&value)))
            .collect()
    } else {
        pairs
            .into_iter()
            .map(|(key, value)| (key, unquote(&value)))
            .collect()
    })
}

/// `'a b\'c'` → `a b'c`: a keyword value without its quotes and backslash escapes.
fn unquote(value: &str) -> String {
    let inner = value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .unwrap_or(value);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' {
            chars.next().unwrap_or('\\')
        } else {
            c
        });
    }
    out
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn timeout(connection: &str) -> Option<String> {
        with_connect_timeout(connection)
    }

    #[test]
    fn a_timeout_is_added_only_where_none_is_set() {
        assert_eq!(
            timeout("dbname=x").as_deref(),
            Some("dbname=x connect_timeout=10")
        );
        assert_eq!(timeout("").as_deref(), Some("connect_timeout=10"));
        assert_eq!(
            timeout("dbname=x connect_timeout=3").as_deref(),
            Some("dbname=x connect_timeout=3")
        );
        assert_eq!(
            timeout("dbname = x  connect_timeout = '3'").as_deref(),
            Some("dbname = x  connect_timeout = '3'")
        );
        assert_eq!(
            timeout("postgresql://h/db").as_deref(),
            Some("postgresql://h/db?connect_timeout=10")
        );
        assert_eq!(
            timeout("postgres://h/db?sslmode=off").as_deref(),
            Some("postgres://h/db?sslmode=off&connect_timeout=10")
        );
        assert_eq!(
            timeout("postgres://h/db?connect%5Ftimeout=2").as_deref(),
            Some("postgres://h/db?connect%5Ftimeout=2")
        );
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
        for text in [
            "prod",
            "host=x junk",
            "password='unterminated",
            "=x",
            "postgres://h/db?novalue",
        ] {
            assert_eq!(timeout(text), None, "{text}");
        }
    }

    #[test]
    fn a_connection_is_shown_without_its_password_or_options() {
        assert_eq!(
            connection_shown(
                "host=db1 port=5432 dbname=app user=auditor password=sekrit sslmode=require"
            ),
            "host=db1 port=5432 dbname=app user=auditor"
        );
        assert_eq!(
            connection_shown("password='a b' dbname = 'my app'"),
            "dbname='my app'"
        );
        assert_eq!(
            connection_shown("postgresql://auditor:sekrit@db1:5433/app?sslmode=require"),
            "postgresql://auditor@db1:5433/app"
        );
        assert_eq!(connection_shown("postgres://db1"), "postgres://db1");
        assert_eq!(
            connection_shown("not a connection string"),
            "(not a connection string)"
        );
    }

    fn deadline(connection: &str) -> Option<u64> {
        connect_deadline(connection).map(|d| d.as_secs())
    }

    #[test]
    fn the_connect_deadline_is_libpqs_connect_timeout_for_each_host() {
        assert_eq!(deadline("dbname=x"), Some(10));
        assert_eq!(deadline("dbname=x connect_timeout=3"), Some(3));
        assert_eq!(deadline("connect_timeout = '4' connect_timeout=5"), Some(5));
        assert_eq!(deadline("connect_timeout=1"), Some(2));
        assert_eq!(deadline("connect_timeout=0"), None);
        assert_eq!(deadline("connect_timeout=-3"), None);
        assert_eq!(deadline("connect_timeout=soon"), Some(10));
        assert_eq!(deadline("host=a,b,c connect_timeout=3"), Some(9));
        assert_eq!(
            deadline("host=a,b hostaddr=10.0.0.1,10.0.0.2,10.0.0.3 connect_timeout=3"),
            Some(9)
        );
        assert_eq!(
            deadline("postgresql://u:p@a:5432,b:5433/db?connect_timeout=4"),
            Some(8)
        );
        assert_eq!(deadline("postgresql://a/db?connect%5Ftimeout=%37"), Some(7));
        assert_eq!(
            deadline("password='connect_timeout=1' connect_timeout=6"),
            Some(6)
        );
        assert_eq!(deadline("not a connection string"), Some(10));
    }

    #[test]
    fn a_foreign_servers_options_give_its_deadline() {
        let options = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            deadline_of_options(&options(&[("host", "db1"), ("dbname", "app")])),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            deadline_of_options(&options(&[("host", "db1,db2"), ("connect_timeout", "5")])),
            Some(Duration::from_secs(10))
        );
    }
}
