use serde::{Deserialize, Serialize};

use super::{Persistence, SequenceOptions};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Table {
    /// `pg_class.relname`
    pub name: String,
    /// `pg_class.relpersistence`: logged or UNLOGGED.
    pub persistence: Persistence,
    /// `pg_class.reloptions`, as `name=value` strings (fillfactor, autovacuum_*, ...).
    pub options: Vec<String>,
    /// `reloptions` of the table's TOAST table, set as `toast.name=value`.
    pub toast_options: Vec<String>,
    /// Live columns in `attnum` order.
    pub columns: Vec<Column>,
    /// Grants on the table (`relacl`).
    #[serde(default)]
    pub privileges: Vec<super::Grant>,
    /// The role that owns it (`relowner`, by `pg_get_userbyid`): compared only `with_owners`.
    /// Empty in a snapshot written before owners were read: unknown, never compared.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// `relrowsecurity`: ENABLE ROW LEVEL SECURITY.
    #[serde(default)]
    pub row_security: bool,
    /// `relforcerowsecurity`: FORCE ROW LEVEL SECURITY (the owner too is bound by the policies).
    #[serde(default)]
    pub force_row_security: bool,
    /// `relreplident`: `d` DEFAULT, `n` NOTHING, `f` FULL, `i` USING INDEX.
    #[serde(default = "replica_identity_default")]
    pub replica_identity: super::ReplicaIdentity,
    /// The index of REPLICA IDENTITY USING INDEX.
    #[serde(default)]
    pub replica_identity_index: Option<String>,
    /// The index of CLUSTER ON.
    #[serde(default)]
    pub clustered_on: Option<String>,
    /// The table access method (`heap` unless an extension brings another).
    #[serde(default)]
    pub access_method: Option<String>,
    /// The tablespace it is stored in (`reltablespace`), `None` for the database's default; a
    /// partitioned table's is where its new partitions go. The tablespace itself is the
    /// cluster's, never made by a plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// `CREATE TABLE ... OF type`: the composite type its columns come from.
    #[serde(default)]
    pub of_type: Option<String>,
    /// `PARTITION BY ...` of a partitioned table, as `pg_get_partkeydef` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_key: Option<String>,
    /// `PARTITION OF parent FOR VALUES ...`: a partition's parent and bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// `INHERITS (...)`: an inheritance child's parents, in their order (`inhseqno`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<Parent>,
    /// A foreign table (`relkind = 'f'`): its server and options (`pg_foreign_table`); `None`
    /// for every other table. Left out of a snapshot when `None`, so that a snapshot without
    /// one is the text an older migra wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<ForeignTable>,
}

/// What makes a table a foreign one: `CREATE FOREIGN TABLE ... SERVER s OPTIONS (...)`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ForeignTable {
    /// `pg_foreign_server.srvname` of `ftserver`: a server is a database's, not a schema's,
    /// so only its name is read (both sides of a one-schema diff share it).
    pub server: String,
    /// `pg_foreign_table.ftoptions`, as `name=value` strings, in their stored order (which is
    /// the order `pg_dump` writes them in).
    #[serde(default)]
    pub options: Vec<String>,
}

/// A table a partition or an inheritance child has as its parent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub struct Parent {
    /// `None` when the parent is in the child's own schema.
    pub schema: Option<String>,
    pub table: String,
}

/// What makes a table a partition: its parent and its bound.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PartitionOf {
    /// `None` when the parent is in the partition's own schema.
    pub schema: Option<String>,
    pub table: String,
    /// `pg_get_expr(relpartbound)`: `FOR VALUES ...` or `DEFAULT`.
    pub bound: String,
}

impl PartitionOf {
    pub fn parent(&self) -> Parent {
        Parent {
            schema: self.schema.clone(),
            table: self.table.clone(),
        }
    }
}

fn replica_identity_default() -> super::ReplicaIdentity {
    super::ReplicaIdentity::Default
}

impl Table {
    /// A foreign table: `CREATE FOREIGN TABLE`, `DROP FOREIGN TABLE`.
    pub fn is_foreign(&self) -> bool {
        self.foreign.is_some()
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Its parents: the partitioned table of a partition, or the tables it inherits from.
    pub fn parents(&self) -> Vec<Parent> {
        match &self.partition_of {
            Some(partition_of) => vec![partition_of.parent()],
            None => self.inherits.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Column {
    /// `pg_attribute.attname`
    pub name: String,
    /// `attnum`: where the column stands. Not compared: a column added later goes last.
    pub position: i32,
    /// `format_type(atttypid, atttypmod)`: the type with its modifiers, qualified when not visible.
    #[serde(rename = "type")]
    pub data_type: String,
    /// The quoted collation name, set only when it differs from the type's own collation.
    pub collation: Option<String>,
    /// `attnotnull`
    pub not_null: bool,
    /// The name of the NOT NULL constraint (PostgreSQL 18 names it, `contype = 'n'`); `None`
    /// before 18 and on a column without NOT NULL. Compared only when both sides have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_null_name: Option<String>,
    /// `attislocal`: defined by the table itself, not only by a parent (a partition's columns
    /// are its parent's). Not compared: where a column is defined is the tree's business.
    #[serde(default = "super::is_true", skip_serializing_if = "super::is_true_ref")]
    pub local: bool,
    /// `attinhcount > 0`: a parent defines it too.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub inherited: bool,
    /// `pg_get_expr(adbin)` of a plain column's default.
    pub default: Option<String>,
    /// The default calls a volatile function or operator (read from the expression tree and
    /// `pg_proc.provolatile`): ADD COLUMN with it computes a value per row and rewrites the table.
    /// Written into a snapshot only when true, so that a snapshot of a schema without one is
    /// the text an older migra wrote.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub default_volatile: bool,
    /// `pg_get_expr(adbin)` of a generated column (`attgenerated` set).
    pub generated: Option<String>,
    /// `attgenerated = 'v'`: VIRTUAL (PostgreSQL 18) rather than STORED.
    #[serde(default)]
    pub generated_virtual: bool,
    /// Columns of the table the generation expression reads (from `pg_depend`).
    #[serde(default)]
    pub generated_uses: Vec<String>,
    /// `attidentity` and the options of the identity sequence.
    pub identity: Option<Identity>,
    /// `attstorage`: `p` plain, `e` external, `m` main, `x` extended.
    pub storage: super::Storage,
    /// `typstorage` of the column's type: the storage a new column gets.
    pub type_storage: super::Storage,
    /// `attstattarget`, or `None` for the default.
    pub statistics: Option<i32>,
    /// `attcompression`: `pglz`, `lz4`, or `None` for the server's default.
    #[serde(default)]
    pub compression: Option<String>,
    /// Grants on the column alone (`attacl`).
    #[serde(default)]
    pub privileges: Vec<super::Grant>,
    /// `attfdwoptions` of a foreign table's column, as `name=value` strings in stored order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fdw_options: Vec<String>,
}

impl Column {
    /// True when everything but the position matches: the position only says when the column
    /// was added.
    pub fn same_definition(&self, other: &Column) -> bool {
        Column {
            position: other.position,
            default_volatile: other.default_volatile,
            local: other.local,
            inherited: other.inherited,
            not_null_name: self.not_null_name_for(other),
            ..self.clone()
        } == *other
    }

    /// This column's NOT NULL name where `other` has one too, else `other`'s: a name read on a
    /// server before 18 (or from an older snapshot) is not a difference.
    fn not_null_name_for(&self, other: &Column) -> Option<String> {
        match (&self.not_null_name, &other.not_null_name) {
            (Some(mine), Some(_)) => Some(mine.clone()),
            _ => other.not_null_name.clone(),
        }
    }

    /// The name PostgreSQL 18 gives this column's NOT NULL in `table` (`ChooseConstraintName`
    /// through `makeObjectName`): `<table>_<column>_not_null`, the longer of the two names cut
    /// first so that the whole fits in 63 bytes. The number it appends when another constraint
    /// of the schema holds that name already is not predicted.
    pub fn default_not_null_name(&self, table: &str) -> String {
        const LABEL: &str = "not_null";
        let avail = 63 - LABEL.len() - 2;
        let (mut a, mut b) = (table.len(), self.name.len());
        while a + b > avail {
            if a > b {
                a -= 1;
            } else {
                b -= 1;
            }
        }
        let clip = |s: &str, mut n: usize| {
            while !s.is_char_boundary(n) {
                n -= 1;
            }
            s[..n].to_owned()
        };
        format!("{}_{}_{LABEL}", clip(table, a), clip(&self.name, b))
    }

    /// The NOT NULL's name where it is not the one PostgreSQL would give it in `table`.
    pub fn own_not_null_name(&self, table: &str) -> Option<&str> {
        self.not_null_name
            .as_deref()
            .filter(|n| self.not_null && *n != self.default_not_null_name(table))
    }
}

/// `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Identity {
    /// `attidentity`
    pub generation: Generation,
    /// The identity sequence, found through its internal dependency on the column.
    pub sequence: SequenceOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Generation {
    #[serde(rename = "a")]
    Always,
    #[serde(rename = "d")]
    ByDefault,
}

impl Generation {
    pub fn sql(self) -> &'static str {
        match self {
            Generation::Always => "ALWAYS",
            Generation::ByDefault => "BY DEFAULT",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Column;

    #[test]
    fn the_default_not_null_name_cuts_the_longer_name_first_as_postgresql_18_does() {
        let column = |name: &str| -> Column {
            serde_json::from_value(serde_json::json!({
                "name": name, "position": 1, "type": "integer", "collation": null,
                "not_null": true, "default": null, "generated": null, "identity": null,
                "storage": "p", "type_storage": "p", "statistics": null
            }))
            .unwrap()
        };
        assert_eq!(column("c").default_not_null_name("t"), "t_c_not_null");
        // as PostgreSQL 18.6 named them
        let (table, long) = ("a".repeat(40), "b".repeat(40));
        assert_eq!(
            column(&long).default_not_null_name(&table),
            format!("{}_{}_not_null", "a".repeat(27), "b".repeat(26))
        );
        assert_eq!(
            column(&"é".repeat(31)).default_not_null_name(&table),
            format!("{}_{}_not_null", "a".repeat(27), "é".repeat(13))
        );
    }
}
