use serde::{Deserialize, Serialize};

/// `relpersistence` of a table or sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Persistence {
    #[serde(rename = "p")]
    Logged,
    #[serde(rename = "u")]
    Unlogged,
}

/// A sequence that is not an identity column's.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Sequence {
    #[serde(flatten)]
    pub options: SequenceOptions,
    /// OWNED BY: the column whose drop takes the sequence along (an `a` dependency in `pg_depend`).
    pub owned_by: Option<OwnedBy>,
    /// The role that owns it (`relowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

impl std::ops::Deref for Sequence {
    type Target = SequenceOptions;
    fn deref(&self) -> &SequenceOptions {
        &self.options
    }
}

/// What `pg_sequence` and `pg_class` say of one sequence.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct SequenceOptions {
    /// `pg_class.relname`
    pub name: String,
    /// `format_type(seqtypid)`
    pub data_type: String,
    /// `seqstart`
    pub start: i64,
    /// `seqincrement`
    pub increment: i64,
    /// `seqmin`
    pub min: i64,
    /// `seqmax`
    pub max: i64,
    /// `seqcache`
    pub cache: i64,
    /// `seqcycle`
    pub cycle: bool,
    /// `relpersistence`: UNLOGGED sequences exist from PostgreSQL 15.
    pub persistence: Persistence,
    /// Grants on the sequence (`relacl`).
    #[serde(default)]
    pub privileges: Vec<super::Grant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct OwnedBy {
    pub table: String,
    pub column: String,
}

impl SequenceOptions {
    /// Whether ALTER SEQUENCE has anything to set to turn these options into `to`'s (the data
    /// type only `with_type`: an identity's sequence takes its column's).
    pub fn options_differ(&self, to: &SequenceOptions, with_type: bool) -> bool {
        (with_type && self.data_type != to.data_type)
            || self.start != to.start
            || self.increment != to.increment
            || self.min != to.min
            || self.max != to.max
            || self.cache != to.cache
            || self.cycle != to.cycle
    }

    /// Whether the bounds change so that this start falls outside `to`'s: the sequence is
    /// restarted, and may hand out values it already gave.
    pub fn start_outside_bounds_of(&self, to: &SequenceOptions) -> bool {
        (self.min != to.min || self.max != to.max) && (self.start < to.min || self.start > to.max)
    }
}
