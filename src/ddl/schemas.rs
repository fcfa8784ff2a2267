//! CREATE and DROP SCHEMA text, and the session settings that open a plan.

use super::quote_ident;
use crate::change::Setting;

/// `search_path` is given as `SET` takes it (`catalog::search_path_for`: quoted names).
pub fn set(setting: &Setting) -> String {
    match setting {
        Setting::SearchPath(path) => format!("SET search_path TO {path};"),
        Setting::NoFunctionBodyChecks => "SET check_function_bodies = false;".to_owned(),
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
