//! dblink's functions, as the remote reads (`crate::remote`) and the fleet check (`crate::fleet`)
//! call them: through SPI, qualified with the schema dblink is installed in (never left to the
//! search_path), the connection string and every query passed as parameters, so that neither
//! appears in an error's context line.

use std::time::Duration;

use pgrx::PgSqlErrorCode;
use pgrx::datum::DatumWithOid;
use pgrx::pg_sys;
use pgrx::spi::SpiClient;

use crate::conninfo;
use crate::error::Error;
use crate::ident::quote_ident;
use crate::subtransaction::{Attempt, attempt, raise_as, report_of};

/// dblink, found in this database.
pub struct Dblink<'a, 'c> {
    client: &'a SpiClient<'c>,
    /// `"schema".`
    prefix: String,
}

impl<'a, 'c> Dblink<'a, 'c> {
    /// dblink where `CREATE EXTENSION dblink` put it, or `Error::DblinkMissing`.
    pub fn find(client: &'a SpiClient<'c>) -> Result<Self, Error> {
        let schema = client
            .select(
                "select (select n.nspname::pg_catalog.text from pg_catalog.pg_extension e
                         join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) e.extnamespace
                         where e.extname operator(pg_catalog.=) 'dblink')",
                Some(1),
                &[],
            )?
            .first()
            .get_one::<String>()?
            .ok_or(Error::DblinkMissing)?;
        Ok(Dblink {
            client,
            prefix: format!("{}.", quote_ident(&schema)),
        })
    }

    /// Opens the named connection to `connection` (a foreign server's name or a connection
    /// string; `which` names it in errors), giving up when its connect timeout has passed.
    /// A failure names the side: `could not connect to the target database: ...`.
    pub fn connect(&self, name: &str, connection: &str, which: &'static str) -> Result<(), Error> {
        let (target, deadline) = self.target(connection, which)?;
        connect_deadline::within(deadline, which, || {
            naming_the_side(which, || {
                self.call(
                    "dblink_connect($1, $2)",
                    &[name.into(), target.as_str().into()],
                )
            })
        })
    }

    /// The same for one database of a fleet, whose row names it: dblink's error as it is.
    pub fn connect_fleet_member(&self, name: &str, connection: &str) -> Result<(), Error> {
        let (target, deadline) = self.target(connection, "fleet")?;
        connect_deadline::within(deadline, "fleet", || {
            self.call(
                "dblink_connect($1, $2)",
                &[name.into(), target.as_str().into()],
            )
        })
    }

    /// What dblink is given, and how long connecting may take: a foreign server's name as it is
    /// (dblink looks it up first, as here, and takes the password from the user mapping), or a
    /// connection string with a connect timeout. Anything else is refused without being shown:
    /// it may hold a password.
    fn target(
        &self,
        connection: &str,
        which: &'static str,
    ) -> Result<(String, Option<Duration>), Error> {
        // a row for each option of the server of that name (one of NULLs when it has none)
        let server = self
            .client
            .select(
                "select o.option_name::pg_catalog.text, o.option_value::pg_catalog.text
                 from pg_catalog.pg_foreign_server s
                 left join lateral pg_catalog.pg_options_to_table(s.srvoptions) o on true
                 where s.srvname operator(pg_catalog.=) $1",
                None,
                &[connection.into()],
            )?
            .map(|row| Ok((row.get::<String>(1)?, row.get::<String>(2)?)))
            .collect::<Result<Vec<_>, pgrx::spi::Error>>()?;
        if !server.is_empty() {
            let options: Vec<(String, String)> = server
                .into_iter()
                .filter_map(|(k, v)| Some((k?, v?)))
                .collect();
            return Ok((
                connection.to_owned(),
                conninfo::deadline_of_options(&options),
            ));
        }
        let target = conninfo::with_connect_timeout(connection).ok_or(Error::Connection(
            which,
            "Give a libpq connection string (host=... dbname=...) or the name of a foreign server made with \
             CREATE SERVER ... FOREIGN DATA WRAPPER dblink_fdw, whose user mapping can hold the password.",
        ))?;
        let deadline = conninfo::connect_deadline(&target);
        Ok((target, deadline))
    }

    /// Sends `sql` on the named connection without waiting for it.
    pub fn send(&self, name: &str, sql: &str) -> Result<(), Error> {
        let sent = self
            .client
            .select(
                &format!("select {}dblink_send_query($1, $2)", self.prefix),
                Some(1),
                &[name.into(), sql.into()],
            )?
            .first()
            .get_one::<i32>()?;
        if sent == Some(1) {
            Ok(())
        } else {
            Err(Error::RemoteLost("the query could not be sent"))
        }
    }

    /// Whether the next result is still to come (`dblink_get_result` would wait for it).
    pub fn is_busy(&self, name: &str) -> Result<bool, Error> {
        let busy = self
            .client
            .select(
                &format!("select {}dblink_is_busy($1)", self.prefix),
                Some(1),
                &[name.into()],
            )?
            .first()
            .get_one::<i32>()?;
        Ok(busy == Some(1))
    }

    /// The values of the rows of the next result (one text column), or `None` once what was
    /// sent has no more results. A statement that returns no rows (a `SET`) gives its status.
    pub fn next_result(&self, name: &str) -> Result<Option<Vec<String>>, Error> {
        let rows = self.client.select(
            &format!(
                "select t.v from {}dblink_get_result($1) as t(v pg_catalog.text)",
                self.prefix
            ),
            None,
            &[name.into()],
        )?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            rows.map(|row| row.get::<String>(1))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect(),
        ))
    }

    /// Closes the named connection once what was sent on it is done.
    pub fn disconnect(&self, name: &str) -> Result<(), Error> {
        self.call("dblink_disconnect($1)", &[name.into()])
    }

    /// Closes the named connection, if it is open, after an error: what it runs is cancelled
    /// first (a cancel request is a connection of its own to the server, so only here).
    pub fn close(&self, name: &str) -> Result<(), Error> {
        if self.open_connections()?.iter().any(|open| open == name) {
            self.call("dblink_cancel_query($1)", &[name.into()])?;
            self.call("dblink_disconnect($1)", &[name.into()])?;
        }
        Ok(())
    }

    /// Closes the open connections whose names `ours` picks: those a read that an error
    /// interrupted left open, since dblink's named connections outlive transactions.
    pub fn close_left_over(&self, ours: impl Fn(&str) -> bool) -> Result<(), Error> {
        for name in self.open_connections()?.iter().filter(|name| ours(name)) {
            self.call("dblink_cancel_query($1)", &[name.as_str().into()])?;
            self.call("dblink_disconnect($1)", &[name.as_str().into()])?;
        }
        Ok(())
    }

    fn open_connections(&self) -> Result<Vec<String>, Error> {
        let open = self
            .client
            .select(
                &format!(
                    "select c from pg_catalog.unnest({}dblink_get_connections()) c",
                    self.prefix
                ),
                None,
                &[],
            )?
            .map(|row| row.get::<String>(1))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(open.into_iter().flatten().collect())
    }

    fn call(&self, function: &str, arguments: &[DatumWithOid<'_>]) -> Result<(), Error> {
        self.client.select(
            &format!("select {}{function}", self.prefix),
            None,
            arguments,
        )?;
        Ok(())
    }
}

/// Sleeps on the backend's latch for up to `ms` milliseconds, then answers a cancel or a
/// statement timeout: how a read waits for a remote server without blocking in dblink (15's
/// `dblink_get_result` waits without looking at interrupts).
pub fn pause(ms: i64) {
    // SAFETY: a backend's own latch, waited on as any extension does.
    unsafe {
        pg_sys::WaitLatch(
            pg_sys::MyLatch,
            (pg_sys::WL_LATCH_SET | pg_sys::WL_TIMEOUT | pg_sys::WL_EXIT_ON_PM_DEATH) as i32,
            ms,
            pg_sys::PG_WAIT_EXTENSION,
        );
        pg_sys::ResetLatch(pg_sys::MyLatch);
    }
    pgrx::check_for_interrupts!();
}

/// dblink's own ERROR for a connection that failed (`could not establish connection`, 08001),
/// raised again with the side it was for: `could not connect to the target database: ...`,
/// its SQLSTATE, detail (libpq's reason, never the password) and hint kept.
fn naming_the_side(
    which: &'static str,
    connect: impl FnOnce() -> Result<(), Error>,
) -> Result<(), Error> {
    match attempt(connect) {
        Attempt::Done(done) => done,
        Attempt::Raised(caught) => {
            let report = report_of(&caught);
            // a cancel (the caller's, or the connect deadline's) is not about the side
            if report.sql_error_code() == PgSqlErrorCode::ERRCODE_QUERY_CANCELED {
                caught.rethrow()
            }
            let message = format!(
                "could not connect to the {which} database: {}",
                report.message()
            );
            raise_as(&caught, report.sql_error_code(), message)
        }
    }
}

/// PostgreSQL 14 and 15: dblink connects with `PQconnectdb`, which keeps to `connect_timeout`
/// itself (and looks at no interrupt meanwhile).
#[cfg(any(feature = "pg14", feature = "pg15"))]
mod connect_deadline {
    use std::time::Duration;

    use crate::error::Error;

    pub fn within(
        _deadline: Option<Duration>,
        _which: &'static str,
        connect: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        connect()
    }
}

/// PostgreSQL 16 and later: dblink connects through `libpqsrv_connect`, which waits on the
/// latch and answers interrupts but, unlike `PQconnectdb`, never looks at `connect_timeout`: a
/// server that accepts the connection and never answers would hold the call (and a pg_cron job)
/// forever. So the connect runs under a timeout of our own (timeout.c's user timeouts, as
/// `statement_timeout` is one), whose handler raises a query cancel when the deadline passes;
/// the cancel is caught in a subtransaction and reported as the connection failure it is.
#[cfg(not(any(feature = "pg14", feature = "pg15")))]
mod connect_deadline {
    use std::ffi::c_int;
    use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
    use std::time::Duration;

    use pgrx::pg_sys;

    use crate::error::Error;
    use crate::subtransaction::{Attempt, attempt};

    /// `USER_TIMEOUT` of `utils/timeout.h`, the first id `RegisterTimeout` hands out to an
    /// extension: a C enum, so a number that each release's list of built-in timeouts fixes
    /// (17 added `TRANSACTION_TIMEOUT`). Read off each version's header by compiling
    /// `printf("%d", (int) USER_TIMEOUT)` against it.
    #[cfg(feature = "pg16")]
    const USER_TIMEOUT: c_int = 12;
    #[cfg(any(feature = "pg17", feature = "pg18"))]
    const USER_TIMEOUT: c_int = 13;

    // timeout.h is not among pgrx's bindings; every call goes through pg_guard_ffi_boundary
    unsafe extern "C-unwind" {
        fn RegisterTimeout(id: c_int, handler: Option<unsafe extern "C-unwind" fn()>) -> c_int;
        fn enable_timeout_after(id: c_int, delay_ms: c_int);
        fn disable_timeout(id: c_int, keep_indicator: bool);
    }

    /// This backend's timeout id, registered on first use (a backend has ten user timeouts).
    static TIMEOUT_ID: AtomicI32 = AtomicI32::new(-1);
    /// Set by the handler, which runs in the SIGALRM handler: atomics and flags only.
    static PASSED: AtomicBool = AtomicBool::new(false);

    unsafe extern "C-unwind" fn deadline_passed() {
        PASSED.store(true, Ordering::SeqCst);
        // SAFETY: what PostgreSQL's own SIGINT handler does; timeout.c sets the latch after.
        unsafe {
            pg_sys::QueryCancelPending = 1;
            pg_sys::InterruptPending = 1;
        }
    }

    fn timeout_id() -> c_int {
        let id = TIMEOUT_ID.load(Ordering::SeqCst);
        if id >= 0 {
            return id;
        }
        // SAFETY: registering a handler with timeout.c, as extensions do (FATAL when all ten
        // user timeouts are taken), behind pgrx's guard for calls that may raise.
        let id = unsafe {
            pg_sys::ffi::pg_guard_ffi_boundary(|| {
                RegisterTimeout(USER_TIMEOUT, Some(deadline_passed))
            })
        };
        TIMEOUT_ID.store(id, Ordering::SeqCst);
        id
    }

    pub fn within(
        deadline: Option<Duration>,
        which: &'static str,
        connect: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        let Some(deadline) = deadline else {
            return connect();
        };
        let id = timeout_id();
        let milliseconds = c_int::try_from(deadline.as_millis()).unwrap_or(c_int::MAX);
        PASSED.store(false, Ordering::SeqCst);
        // SAFETY: our own timeout id; disabled below on every path out, before anything else runs.
        unsafe { pg_sys::ffi::pg_guard_ffi_boundary(|| enable_timeout_after(id, milliseconds)) };
        let outcome = attempt(connect);
        unsafe { pg_sys::ffi::pg_guard_ffi_boundary(|| disable_timeout(id, false)) };
        let passed = PASSED.swap(false, Ordering::SeqCst);
        match outcome {
            Attempt::Done(done) => {
                if passed {
                    // connected just as the deadline passed: the cancel it raised is not for the caller
                    unsafe { pg_sys::QueryCancelPending = 0 };
                }
                done
            }
            Attempt::Raised(_) if passed => Err(Error::ConnectTimeout {
                which,
                seconds: deadline.as_secs(),
            }),
            Attempt::Raised(caught) => caught.rethrow(),
        }
    }
}
