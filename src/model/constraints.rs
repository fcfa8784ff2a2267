use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Constraint {
    /// `pg_class.relname` of `conrelid`
    pub table: String,
    /// `conname`: unique per table.
    pub name: String,
    /// `contype`
    #[serde(rename = "type")]
    pub constraint_type: ConstraintType,
    /// `pg_get_constraintdef(oid)`: ends in ` NOT VALID` when the constraint is not validated.
    pub definition: String,
    /// `convalidated`
    pub validated: bool,
    /// A partition's or inheritance child's from its parent (`conislocal` false, or
    /// `conparentid` set): it comes and goes with the parent's.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub inherited: bool,
    /// `condeferrable`
    pub deferrable: bool,
    /// `condeferred`
    pub deferred: bool,
    /// Name of the index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint (`conindid`).
    pub index_name: Option<String>,
    /// `reloptions` of the index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint.
    pub index_options: Vec<String>,
    /// What `pg_get_indexdef` gives of that index after `USING <method> ` (as `Index::definition`):
    /// what a lock-safe plan builds concurrently before `ADD CONSTRAINT ... USING INDEX`. Not
    /// compared (the constraint's own definition says the same); absent from snapshots taken
    /// before it was read.
    #[serde(default)]
    pub index_definition: Option<String>,
    /// The tablespace of the index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint, `None`
    /// for the database's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_tablespace: Option<String>,
    /// An EXCLUDE constraint's WHERE predicate as `pg_get_expr` prints it, read only when its
    /// index has a tablespace: `USING INDEX TABLESPACE` goes before the `WHERE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_predicate: Option<String>,
    /// Columns of its own table that the constraint uses (from `pg_depend`).
    pub columns: Vec<String>,
    /// The referenced table and columns of a FOREIGN KEY.
    pub references: Option<ForeignKeyTarget>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum ConstraintType {
    #[serde(rename = "p")]
    PrimaryKey,
    #[serde(rename = "u")]
    Unique,
    #[serde(rename = "x")]
    Exclude,
    #[serde(rename = "c")]
    Check,
    #[serde(rename = "f")]
    ForeignKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ForeignKeyTarget {
    /// `None` when the referenced table is in the same schema.
    pub schema: Option<String>,
    pub table: String,
    pub columns: Vec<String>,
    /// The referenced table's unique index that the key relies on (`conindid`).
    pub index: Option<String>,
}

impl Constraint {
    /// The definition without the trailing ` NOT VALID`, so that validity can be told apart from
    /// the rest of the definition.
    pub fn definition_when_valid(&self) -> &str {
        if self.validated {
            &self.definition
        } else {
            self.definition
                .strip_suffix(" NOT VALID")
                .unwrap_or(&self.definition)
        }
    }
}
