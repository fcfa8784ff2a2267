//! The schema model: what `sql/catalog.sql` returns, as Rust types.
//!
//! Nothing here holds the schema's own name inside an object's identity: keys are relative to the
//! schema, so comparing schema `a` with schema `b` is a comparison of keys.

mod constraints;
mod indexes;
mod sequences;
mod tables;

pub use constraints::{Constraint, ConstraintType};
pub use indexes::Index;
pub use sequences::{OwnedBy, Persistence, Sequence, SequenceOptions};
pub use tables::{Column, Generation, Identity, Table};

use serde::{Deserialize, Serialize};

/// One schema, as read by one run of `sql/catalog.sql`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Schema {
    /// `pg_namespace.nspname`
    pub name: String,
    /// Plain tables (`relkind = 'r'`, outside inheritance and partitioning), by name.
    pub tables: Vec<Table>,
    /// PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY and EXCLUDE constraints of those tables.
    pub constraints: Vec<Constraint>,
    /// Indexes of those tables, less the ones that back a constraint.
    pub indexes: Vec<Index>,
    /// Sequences, less identity sequences (those belong to their column).
    pub sequences: Vec<Sequence>,
    /// Objects in the schema that this version does not compare yet.
    #[serde(default)]
    pub ignored: Vec<Ignored>,
}

/// An object the model leaves out, so that the caller can say so instead of keeping quiet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Ignored {
    /// `view`, `function`, `enum`, `partitioned table`, ...
    pub kind: String,
    pub name: String,
}

impl Schema {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}
