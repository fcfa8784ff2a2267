//! CREATE and DROP SCHEMA text.

use super::quote_ident;

pub fn create(name: &str) -> String {
    format!("CREATE SCHEMA {};", quote_ident(name))
}

/// Without CASCADE: the plan has dropped what it knows of first, and anything left over (an
/// object of a kind not compared yet) makes the statement fail rather than vanish unseen.
pub fn drop(name: &str) -> String {
    format!("DROP SCHEMA {};", quote_ident(name))
}
