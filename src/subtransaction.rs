//! An ERROR caught the way a PL/pgSQL block with an EXCEPTION clause catches it: the work runs in
//! a subtransaction, and an ERROR rolls back only that subtransaction and comes back as text.
//! The fleet check uses it so that one unreachable database is a row, not a failed call, and
//! a connect deadline (`crate::dblink`) to tell its own cancel from the caller's.

use std::panic::AssertUnwindSafe;

use pgrx::PgTryBuilder;
use pgrx::pg_sys;
use pgrx::pg_sys::panic::CaughtError;

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

/// The five characters of a SQLSTATE, unpacked as PostgreSQL's MAKE_SQLSTATE packs them (six bits
/// a character, from '0').
fn sqlstate_text(code: pgrx::PgSqlErrorCode) -> String {
    let packed = code as isize as u32;
    (0..5)
        .map(|i| char::from(b'0' + ((packed >> (6 * i)) & 0x3f) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
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
