use serde::{Deserialize, Serialize};

/// A trigger of a table or view (`pg_trigger`), less the internal ones of foreign keys.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Trigger {
    /// The table or view it is on.
    pub table: String,
    /// `tgname`: unique per table.
    pub name: String,
    /// `CREATE CONSTRAINT TRIGGER`: deferrable, and never replaced in place.
    pub constraint: bool,
    /// `tgenabled`: `O` enabled, `D` disabled, `R` ENABLE REPLICA, `A` ENABLE ALWAYS.
    pub enabled: super::Firing,
    /// What `pg_get_triggerdef` prints between the name and `ON table`: timing and events.
    /// `None` when its text was not shaped as expected; such a trigger is refused.
    pub events: Option<String>,
    /// What it prints after `ON table`: FROM, deferrability, REFERENCING, FOR EACH, WHEN and
    /// EXECUTE FUNCTION.
    pub definition: Option<String>,
}
