//! A SQL script (a desired schema as a file) split into its statements by PostgreSQL's own
//! parser (`raw_parser`), each with the line and column where it starts, and the position of an
//! error as PostgreSQL reports it, turned into a line and a column of the script.
//!
//! PostgreSQL reports where an error is as a character position in the text it parsed
//! (`cursorpos`, or `internalpos` once SPI has made it internal). pgrx's error report does not
//! carry it, so an error context callback, which PostgreSQL calls while the error is being
//! raised, keeps it aside (`with_error_position`).

use std::ffi::CString;
use std::sync::atomic::{AtomicI32, Ordering};

use pgrx::PgList;
use pgrx::pg_sys;

use crate::error::Error;
use crate::subtransaction::{Attempt, attempt};

/// A statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its text, without the `;` that ends it, from its first token.
    pub text: String,
    /// Byte offset of its first token in the script.
    pub start: usize,
    pub kind: StatementKind,
}

/// What the runner of a script must know about a statement before running it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementKind {
    /// `BEGIN`, `START TRANSACTION`, `COMMIT`, `END`: the script runs in one subtransaction
    /// anyway.
    TransactionBoundary,
    /// `ROLLBACK`, `SAVEPOINT`, `PREPARE TRANSACTION` and the like.
    TransactionControl,
    /// `CREATE [UNIQUE] INDEX CONCURRENTLY`, which cannot run in a transaction block.
    CreateIndexConcurrently,
    /// `CREATE SCHEMA name` with nothing created inside it.
    CreateSchema(String),
    Other,
}

/// Line and column (both from 1, the column in characters) of byte `offset` of `text`.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offset of the `position`-th character (from 1) of `text`, as PostgreSQL counts.
pub fn byte_of_character(text: &str, position: usize) -> usize {
    text.char_indices()
        .nth(position.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i)
}

/// Lines that are psql's `\restrict` and `\unrestrict` (which recent versions of `pg_dump` write
/// around a script) blanked out, keeping every position: they only guard psql's own parsing.
pub fn without_dump_guards(script: &str) -> String {
    script
        .split_inclusive('\n')
        .map(|line| {
            let command = line.trim_start();
            if command.starts_with("\\restrict ") || command.starts_with("\\unrestrict ") {
                line.chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect()
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// Where the script went wrong, for the caller's message.
#[derive(Debug)]
pub struct ScriptError {
    pub sqlstate: String,
    pub message: String,
    /// Byte offset in the script.
    pub at: usize,
}

/// The statements of `script`, split by PostgreSQL's parser. A syntax error comes back with its
/// place; a psql meta-command (a backslash where a statement should be) is said to be one.
pub fn statements(script: &str) -> Result<Vec<Statement>, ScriptError> {
    let text = CString::new(script).map_err(|e| ScriptError {
        sqlstate: "22021".to_owned(),
        message: "the script holds a NUL character".to_owned(),
        at: e.nul_position(),
    })?;
    let (parsed, position) = with_error_position(|| {
        // SAFETY: raw_parser reads the NUL-terminated text and returns a List of RawStmt
        // palloc'ed in the current memory context; an ERROR (a syntax error) is caught by
        // `attempt`, and the pointers are only read here, in the same context.
        let list =
            unsafe { pg_sys::raw_parser(text.as_ptr(), pg_sys::RawParseMode::RAW_PARSE_DEFAULT) };
        let mut found = Vec::new();
        let statements = unsafe { PgList::<pg_sys::RawStmt>::from_pg(list) };
        for raw in statements.iter_ptr() {
            let (location, length, kind) = unsafe {
                let raw = &*raw;
                (raw.stmt_location, raw.stmt_len, kind_of(raw.stmt))
            };
            found.push((location.max(0) as usize, length.max(0) as usize, kind));
        }
        Ok(found)
    });
    let found = match parsed {
        Attempt::Done(Ok(found)) => found,
        Attempt::Done(Err(error)) => {
            return Err(ScriptError {
                sqlstate: "XX000".to_owned(),
                message: error.to_string(),
                at: 0,
            });
        }
        Attempt::Raised(caught) => {
            let (sqlstate, message) = crate::subtransaction::caught_sqlstate_and_message(&caught);
            let at = position.map_or(0, |p| byte_of_character(script, p));
            if script[at..].starts_with('\\') {
                let command: String = script[at..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                return Err(ScriptError {
                    sqlstate: "42601".to_owned(),
                    message: format!(
                        "{command} is a psql meta-command: the script must be plain SQL"
                    ),
                    at,
                });
            }
            return Err(ScriptError {
                sqlstate,
                message,
                at,
            });
        }
    };
    Ok(found
        .into_iter()
        .map(|(location, length, kind)| {
            let end = if length == 0 {
                script.len()
            } else {
                (location + length).min(script.len())
            };
            // a statement after the first starts right after the previous `;`
            let start = location + first_token(&script[location..end]);
            Statement {
                text: script[start..end].to_owned(),
                start,
                kind,
            }
        })
        .filter(|s| !s.text.is_empty())
        .collect())
}

/// What kind of statement a raw parse tree is.
///
/// # Safety
/// `node` is a node of a raw parse tree, alive in the current memory context.
unsafe fn kind_of(node: *mut pg_sys::Node) -> StatementKind {
    unsafe {
        if pgrx::is_a(node, pg_sys::NodeTag::T_TransactionStmt) {
            let statement = &*(node as *mut pg_sys::TransactionStmt);
            use pg_sys::TransactionStmtKind::*;
            return match statement.kind {
                TRANS_STMT_BEGIN | TRANS_STMT_START | TRANS_STMT_COMMIT => {
                    StatementKind::TransactionBoundary
                }
                _ => StatementKind::TransactionControl,
            };
        }
        if pgrx::is_a(node, pg_sys::NodeTag::T_IndexStmt) {
            let statement = &*(node as *mut pg_sys::IndexStmt);
            if statement.concurrent {
                return StatementKind::CreateIndexConcurrently;
            }
        }
        if pgrx::is_a(node, pg_sys::NodeTag::T_CreateSchemaStmt) {
            let statement = &*(node as *mut pg_sys::CreateSchemaStmt);
            let plain = statement.schemaElts.is_null() && statement.authrole.is_null();
            if plain && !statement.schemaname.is_null() {
                let name = std::ffi::CStr::from_ptr(statement.schemaname);
                return StatementKind::CreateSchema(name.to_string_lossy().into_owned());
            }
        }
        StatementKind::Other
    }
}

/// Bytes of whitespace and comments before the first token of `text`.
fn first_token(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i..].starts_with(b"--") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            // comments nest in PostgreSQL
            let mut depth = 0;
            while i < bytes.len() {
                if bytes[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if bytes[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else {
            return i;
        }
    }
}

/// `CREATE [UNIQUE] INDEX CONCURRENTLY ...` as `CREATE [UNIQUE] INDEX ...`: the same index,
/// built in the script's transaction. None when the words are not in that plain form (a
/// comment between them), which the caller refuses.
pub fn without_concurrently(statement: &str) -> Option<String> {
    let mut rest = statement;
    let mut kept = String::new();
    for word in ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY"] {
        let trimmed = rest.trim_start();
        let taken = &rest[..rest.len() - trimmed.len()];
        let has_word = trimmed.len() >= word.len()
            && trimmed[..word.len()].eq_ignore_ascii_case(word)
            && trimmed[word.len()..].starts_with(|c: char| c.is_ascii_whitespace());
        match (word, has_word) {
            ("UNIQUE", false) => continue,
            (_, false) => return None,
            ("CONCURRENTLY", true) => return Some(format!("{kept}{}", &trimmed[word.len()..])),
            (_, true) => {
                kept.push_str(taken);
                kept.push_str(&trimmed[..word.len()]);
                rest = &trimmed[word.len()..];
            }
        }
    }
    None
}

/// The character position (from 1) of the last error PostgreSQL placed, kept by
/// `remember_position` while the error is raised.
static ERROR_POSITION: AtomicI32 = AtomicI32::new(0);

/// Called by PostgreSQL while an error is raised, after any callback pushed later (SPI's, which
/// turns a position in the statement it ran into an internal one).
unsafe extern "C-unwind" fn remember_position(_arg: *mut std::ffi::c_void) {
    // SAFETY: both only read the error being raised (errordata of the current ereport).
    let position = unsafe { pg_sys::geterrposition() };
    let internal = unsafe { pg_sys::getinternalerrposition() };
    ERROR_POSITION.store(
        if position > 0 { position } else { internal },
        Ordering::Relaxed,
    );
}

/// Runs `work` in a subtransaction (`attempt`); when it raises an error that PostgreSQL placed
/// in the text it parsed, that character position (from 1) too.
pub fn with_error_position<T>(
    work: impl FnOnce() -> Result<T, Error>,
) -> (Attempt<T>, Option<usize>) {
    ERROR_POSITION.store(0, Ordering::Relaxed);
    // SAFETY: the callback is pushed onto PostgreSQL's error context stack for the length of
    // `work` and taken off again whichever way `work` ends (an ERROR unwinds to `attempt`,
    // which returns here); it lives on this stack frame, below `work`'s.
    let mut callback = pg_sys::ErrorContextCallback {
        previous: unsafe { pg_sys::error_context_stack },
        callback: Some(remember_position),
        arg: std::ptr::null_mut(),
    };
    let previous = callback.previous;
    unsafe { pg_sys::error_context_stack = &mut callback };
    let outcome = attempt(work);
    unsafe { pg_sys::error_context_stack = previous };
    let position = ERROR_POSITION.swap(0, Ordering::Relaxed);
    let position = match outcome {
        Attempt::Raised(_) if position > 0 => Some(position as usize),
        _ => None,
    };
    (outcome, position)
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn positions_are_lines_and_characters() {
        let text = "select 1;\n  select 'é', x;\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, text.find("x;").unwrap()), (2, 15));
        assert_eq!(byte_of_character(text, 25), text.find("x;").unwrap());
    }

    #[test]
    fn dump_guards_are_blanked_in_place() {
        let script = "\\restrict abc\ncreate table t ();\n\\unrestrict abc\n";
        let blanked = without_dump_guards(script);
        assert_eq!(blanked.len(), script.len());
        assert_eq!(blanked.trim(), "create table t ();");
        assert_eq!(
            without_dump_guards("\\connect other\n"),
            "\\connect other\n"
        );
    }

    #[test]
    fn concurrently_is_taken_out_of_a_plain_create_index() {
        assert_eq!(
            without_concurrently("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)").as_deref(),
            Some("CREATE UNIQUE INDEX i ON t (a)")
        );
        assert_eq!(
            without_concurrently("create index\n  concurrently if not exists i on t (a)")
                .as_deref(),
            Some("create index if not exists i on t (a)")
        );
        assert_eq!(
            without_concurrently("create index /* why */ concurrently i on t (a)"),
            None
        );
    }

    #[test]
    fn leading_comments_are_not_the_statement() {
        assert_eq!(first_token("\n -- a\n /* b /* c */ */ create"), 24);
        assert_eq!(first_token("create"), 0);
    }
}
