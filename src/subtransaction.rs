//! An ERROR caught the way a PL/pgSQL block with an EXCEPTION clause catches it: the work runs in
//! a subtransaction, and an ERROR rolls back only that subtransaction and comes back as text.
//! The fleet check uses it so that one unreachable database is a row, not a failed call, and
//! a connect deadline (`crate::dblink`) to tell its own cancel from the caller's.

use std::panic::AssertUnwindSafe;

use pgrx::pg_sys;
use pgrx::pg_sys::panic::CaughtError;
use pgrx::{PgSqlErrorCode, PgTryBuilder};

use crate::error::Error;

/// `work`'s value, or the text of the ERROR (or of the `Error`) that ended it.
pub fn catching<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, String> {
    match attempt(work) {
        Attempt::Done(done) => done.map_err(|e| describe_error(&e)),
        Attempt::Raised(caught) => Err(describe_caught(&caught)),
    }
}

/// How `attempt`'s work ended.
pub enum Attempt<T> {
    /// It returned: its subtransaction was released if it returned `Ok`, rolled back if `Err`.
    Done(Result<T, Error>),
    /// It raised an ERROR, and its subtransaction was rolled back: the error can be raised
    /// again (`CaughtError::rethrow`) or replaced.
    Raised(CaughtError),
}

/// Runs `work` in a subtransaction of its own.
pub fn attempt<T>(work: impl FnOnce() -> Result<T, Error>) -> Attempt<T> {
    // SAFETY: the sequence PL/pgSQL's exec_stmt_block follows: begin an internal subtransaction,
    // keep working in the caller's memory context, then release it on success or roll it back
    // on error, and restore the caller's memory context and resource owner either way. An
    // ERROR raised inside has been copied and flushed by pgrx before the catch handler runs.
    unsafe {
        let context = pg_sys::CurrentMemoryContext;
        let owner = pg_sys::CurrentResourceOwner;
        pg_sys::BeginInternalSubTransaction(std::ptr::null());
        pg_sys::MemoryContextSwitchTo(context);
        let outcome = PgTryBuilder::new(AssertUnwindSafe(|| Attempt::Done(work())))
            .catch_others(Attempt::Raised)
            .execute();
        if matches!(outcome, Attempt::Done(Ok(_))) {
            pg_sys::ReleaseCurrentSubTransaction();
        } else {
            pg_sys::RollbackAndReleaseCurrentSubTransaction();
        }
        pg_sys::MemoryContextSwitchTo(context);
        pg_sys::CurrentResourceOwner = owner;
        outcome
    }
}

/// How a read ended that `again_after_concurrent_ddl` gave up on.
pub enum Failed {
    Error(Error),
    Raised(CaughtError),
}

/// How many times a read is tried when concurrent DDL keeps ending it.
const READS: usize = 3;

/// Runs `read` in a subtransaction, and again (under a new snapshot, `READS` times in all) when
/// it ended the way DDL committed meanwhile ends a read: a deparse function that looks an
/// object up in the catalog cache, which is newer than the read's snapshot, finds it dropped
/// (`cache lookup failed`, `could not open relation with OID`), or returns NULL for it (a
/// definition the decoder finds missing). Transactions must have been assigned since the
/// attempt began; the same failure with nothing written meanwhile is reported as it is (a bug).
/// `after_failure` runs after each failed attempt (closing what it left open) and says whether
/// this failure may be tried again (a remote server's error may not: its DDL is not ours).
/// After the last attempt, 40001: the catalogs changed while they were read; try again.
pub fn again_after_concurrent_ddl<T>(
    mut read: impl FnMut() -> Result<T, Error>,
    mut after_failure: impl FnMut() -> bool,
) -> Result<T, Failed> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        // SAFETY: reads the shared counter under its lock, as any backend may.
        let next_xid = unsafe { pg_sys::ReadNextFullTransactionId().value };
        let failed = match attempt(&mut read) {
            Attempt::Done(Ok(value)) => return Ok(value),
            Attempt::Done(Err(error)) => Failed::Error(error),
            Attempt::Raised(caught) => Failed::Raised(caught),
        };
        let retryable = after_failure();
        let concurrent = match &failed {
            Failed::Error(error) => {
                matches!(
                    error,
                    Error::Decode(_) | Error::UnreadableDefinition(_) | Error::Catalog(_)
                )
            }
            Failed::Raised(caught) => matches!(
                report_of(caught).sql_error_code(),
                PgSqlErrorCode::ERRCODE_INTERNAL_ERROR
                    | PgSqlErrorCode::ERRCODE_UNDEFINED_TABLE
                    | PgSqlErrorCode::ERRCODE_UNDEFINED_OBJECT
                    | PgSqlErrorCode::ERRCODE_UNDEFINED_FUNCTION
            ),
        };
        // SAFETY: as above
        let written_meanwhile = unsafe { pg_sys::ReadNextFullTransactionId().value } != next_xid;
        if !(retryable && concurrent && written_meanwhile) {
            return Err(failed);
        }
        if attempts == READS {
            let last = match &failed {
                Failed::Error(error) => error.to_string(),
                Failed::Raised(caught) => report_of(caught).message().to_owned(),
            };
            return Err(Failed::Error(Error::CatalogsChanging { attempts, last }));
        }
    }
}

/// The report of a caught ERROR: its SQLSTATE, message, detail and hint.
pub fn report_of(caught: &CaughtError) -> &pgrx::pg_sys::panic::ErrorReportWithLevel {
    match caught {
        CaughtError::PostgresError(r) | CaughtError::ErrorReport(r) => r,
        CaughtError::RustPanic { ereport, .. } => ereport,
    }
}

/// Raises a caught ERROR again under another SQLSTATE and message (which name what it was
/// about: the side of a remote read), its detail and hint kept.
pub fn raise_as(caught: &CaughtError, code: PgSqlErrorCode, message: String) -> ! {
    let report = report_of(caught);
    let mut again = pgrx::pg_sys::panic::ErrorReport::new(code, message, "migra");
    if let Some(detail) = report.detail() {
        again = again.set_detail(detail.trim().to_owned());
    }
    if let Some(hint) = report.hint() {
        again = again.set_hint(hint.to_owned());
    }
    again.report(pgrx::PgLogLevel::ERROR);
    unreachable!("an ERROR does not return")
}

fn describe_error(error: &Error) -> String {
    format!("{}: {error}", sqlstate_text(error.sqlstate()))
}

/// `08001: could not establish connection: <libpq's reason>`: SQLSTATE, message and detail.
fn describe_caught(caught: &CaughtError) -> String {
    let report = match caught {
        CaughtError::PostgresError(r) | CaughtError::ErrorReport(r) => r,
        CaughtError::RustPanic { ereport, .. } => ereport,
    };
    let mut text = format!(
        "{}: {}",
        sqlstate_text(report.sql_error_code()),
        report.message()
    );
    if let Some(detail) = report.detail() {
        text.push_str(": ");
        text.push_str(detail.trim());
    }
    text
}

/// The SQLSTATE of a caught ERROR, and its message with its detail, as a row reports them.
pub fn caught_sqlstate_and_message(caught: &CaughtError) -> (String, String) {
    let text = describe_caught(caught);
    match text.split_once(": ") {
        Some((sqlstate, message)) => (sqlstate.to_owned(), message.to_owned()),
        None => (String::new(), text),
    }
}

/// The five characters of a SQLSTATE, unpacked as PostgreSQL's MAKE_SQLSTATE packs them (six bits
/// a character, from '0').
pub fn sqlstate_text(code: pgrx::PgSqlErrorCode) -> String {
    let packed = code as isize as u32;
    (0..5)
        .map(|i| char::from(b'0' + ((packed >> (6 * i)) & 0x3f) as u8))
        .collect()
}

#[cfg(test)]
mod unit_tests {
    use super::sqlstate_text;
    use pgrx::PgSqlErrorCode;

    #[test]
    fn sqlstates_read_as_psql_prints_them() {
        assert_eq!(
            sqlstate_text(PgSqlErrorCode::ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION),
            "08001"
        );
        assert_eq!(
            sqlstate_text(PgSqlErrorCode::ERRCODE_ASSERT_FAILURE),
            "P0004"
        );
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use pgrx::prelude::*;

    use super::{Failed, again_after_concurrent_ddl};
    use crate::error::Error;

    /// What DDL committed meanwhile does to a read: a transaction id is assigned (here, this
    /// attempt's own write), and the read's deparse of a dropped object fails (here, a lookup
    /// of a relation that does not exist: 42P01).
    fn written_then(fails: bool) -> Result<(), Error> {
        Spi::run("create temporary table migra_probe (x int)")?;
        if fails {
            Spi::run("select 'migra_no_such_table'::regclass")?;
        }
        Ok(())
    }

    #[pg_test]
    fn a_read_ended_by_concurrent_ddl_is_read_again() {
        let mut calls = 0;
        let outcome = again_after_concurrent_ddl(
            || {
                calls += 1;
                written_then(calls == 1).map(|()| calls)
            },
            || true,
        );
        assert!(matches!(outcome, Ok(2)));
    }

    #[pg_test]
    fn a_read_that_keeps_failing_under_ddl_is_a_serialization_failure() {
        let outcome = again_after_concurrent_ddl(|| written_then(true), || true);
        let Err(Failed::Error(error)) = outcome else {
            panic!("expected an error")
        };
        assert!(
            matches!(error, Error::CatalogsChanging { attempts: 3, .. }),
            "{error}"
        );
        assert_eq!(
            error.sqlstate(),
            pgrx::PgSqlErrorCode::ERRCODE_T_R_SERIALIZATION_FAILURE
        );
    }

    #[pg_test]
    fn a_failure_the_caller_says_is_not_ours_is_not_read_again() {
        let mut calls = 0;
        let outcome = again_after_concurrent_ddl(
            || {
                calls += 1;
                written_then(true)
            },
            || false,
        );
        assert!(matches!(outcome, Err(Failed::Raised(_))));
        assert_eq!(calls, 1);
    }
}
