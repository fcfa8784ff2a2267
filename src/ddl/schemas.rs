//! CREATE and DROP SCHEMA text, and the session settings that open a plan.

use super::quote_ident;
use crate::change::Setting;

/// `search_path` is given as `SET` takes it (`catalog::search_path_for`: quoted names).
pub fn set(setting: &Setting) -> String {
    match setting {
        Setting::SearchPath(path) => format!("SET search_path TO {path};"),
        Setting::NoFunctionBodyChecks => "SET check_function_bodies = false;".to_owned(),
        Setting::LockTimeout(ms) => format!("SET lock_timeout = {};", duration(*ms)),
        Setting::StatementTimeout(Some(ms)) => {
            format!("SET statement_timeout = {};", duration(*ms))
        }
        Setting::StatementTimeout(None) => "RESET statement_timeout;".to_owned(),
    }
}

/// The setting for the current transaction only (`SET LOCAL`), as `migra_apply` runs it in
/// the caller's transaction.
pub fn set_local(setting: &Setting) -> String {
    match setting {
        Setting::StatementTimeout(None) => "SET LOCAL statement_timeout TO DEFAULT;".to_owned(),
        _ => set(setting).replacen("SET ", "SET LOCAL ", 1),
    }
}

/// A timeout as PostgreSQL reads it: `0` for none, else in the largest unit that divides it.
fn duration(ms: u64) -> String {
    match ms {
        0 => "0".to_owned(),
        _ if ms.is_multiple_of(60_000) => format!("'{}min'", ms / 60_000),
        _ if ms.is_multiple_of(1_000) => format!("'{}s'", ms / 1_000),
        _ => format!("'{ms}ms'"),
    }
}

pub fn create(name: &str) -> String {
    format!("CREATE SCHEMA {};", quote_ident(name))
}

/// Without CASCADE: the plan has dropped what it knows of first, and anything left over (an
/// object of a kind not compared yet) makes the statement fail rather than vanish unseen.
pub fn drop(name: &str) -> String {
    format!("DROP SCHEMA {};", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_written_in_the_largest_unit_that_divides_them() {
        assert_eq!(
            set(&Setting::LockTimeout(5_000)),
            "SET lock_timeout = '5s';"
        );
        assert_eq!(
            set(&Setting::LockTimeout(1_500)),
            "SET lock_timeout = '1500ms';"
        );
        assert_eq!(set(&Setting::LockTimeout(0)), "SET lock_timeout = 0;");
        assert_eq!(
            set(&Setting::StatementTimeout(Some(120_000))),
            "SET statement_timeout = '2min';"
        );
        assert_eq!(
            set(&Setting::StatementTimeout(None)),
            "RESET statement_timeout;"
        );
    }
}
