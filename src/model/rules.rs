use serde::{Deserialize, Serialize};

/// A rule of a table or view (`pg_rewrite`), less a view's own `_RETURN` rule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Rule {
    /// The table or view it is on.
    pub table: String,
    /// `rulename`: unique per table.
    pub name: String,
    /// `ev_enabled`: `O` enabled, `D` disabled, `R` ENABLE REPLICA, `A` ENABLE ALWAYS.
    pub enabled: super::Firing,
    /// `SELECT`, `UPDATE`, `INSERT` or `DELETE`.
    pub event: String,
    /// What `pg_get_ruledef` prints after `ON event TO table`: WHERE, DO [ALSO | INSTEAD] and
    /// the actions. `None` when its text was not shaped as expected; such a rule is refused.
    pub definition: Option<String>,
}
