//! Compare two models and produce the steps that turn the first into the second.
//!
//! Each kind pairs its objects by key (names relative to the schema), then says what to do for
//! the added, the removed and the changed. Kinds that hang off tables also hear what the table
//! diff decided: an index on a column that is dropped and added again must be made again too.

mod columns;
mod constraints;
mod indexes;
mod sequences;
mod tables;

use std::collections::{BTreeMap, BTreeSet};

use crate::ddl::Cx;
use crate::error::Error;
use crate::model::Schema;
use crate::plan::Step;

/// The steps that make `from` look like `to`, in no particular order: `plan::build` orders them.
/// The statements name `from`'s schema.
pub fn schemas(from: &Schema, to: &Schema) -> Result<Vec<Step>, Error> {
    let cx = Cx::new(&from.name);
    let mut steps = Vec::new();
    let tables = tables::diff(&cx, from, to, &mut steps);
    sequences::diff(&cx, from, to, &tables, &mut steps);
    let rebuilt_indexes = indexes::diff(&cx, from, to, &tables, &mut steps)?;
    constraints::diff(&cx, from, to, &tables, &rebuilt_indexes, &mut steps);
    Ok(steps)
}

/// Objects of two lists, paired by key.
pub struct Pairs<'a, T> {
    pub added: Vec<&'a T>,
    pub removed: Vec<&'a T>,
    /// Present on both sides, changed or not.
    pub kept: Vec<(&'a T, &'a T)>,
}

pub fn pair_up<'a, T, K: Ord>(from: &'a [T], to: &'a [T], key: impl Fn(&T) -> K) -> Pairs<'a, T> {
    let from_by_key: BTreeMap<K, &T> = from.iter().map(|o| (key(o), o)).collect();
    let to_by_key: BTreeMap<K, &T> = to.iter().map(|o| (key(o), o)).collect();
    let mut pairs = Pairs { added: Vec::new(), removed: Vec::new(), kept: Vec::new() };
    for (k, old) in &from_by_key {
        match to_by_key.get(k) {
            Some(new) => pairs.kept.push((*old, *new)),
            None => pairs.removed.push(*old),
        }
    }
    pairs.added = to_by_key.iter().filter(|(k, _)| !from_by_key.contains_key(*k)).map(|(_, o)| *o).collect();
    pairs
}

/// What the table diff decided, for the kinds that hang off tables.
#[derive(Debug, Default)]
pub struct TableChanges {
    pub created: BTreeSet<String>,
    pub dropped: BTreeSet<String>,
    /// (table, column) of kept tables whose column goes away for good.
    pub dropped_columns: BTreeSet<(String, String)>,
    /// (table, column) dropped and added again: whatever used the old column went with it.
    pub rebuilt_columns: BTreeSet<(String, String)>,
}

impl TableChanges {
    /// The source's column will not survive the plan: its table or itself is dropped.
    pub fn column_goes_away(&self, table: &str, column: &str) -> bool {
        let key = (table.to_owned(), column.to_owned());
        self.dropped.contains(table) || self.dropped_columns.contains(&key) || self.rebuilt_columns.contains(&key)
    }

    /// An object over these columns of `table` went away with a rebuilt column.
    pub fn uses_rebuilt(&self, table: &str, columns: &[String]) -> bool {
        columns.iter().any(|c| self.rebuilt_columns.contains(&(table.to_owned(), c.clone())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_up_sorts_objects_into_added_removed_and_kept() {
        let from = ["a", "b", "c"];
        let to = ["b", "d", "c"];
        let pairs = pair_up(&from, &to, |s| *s);
        assert_eq!(pairs.added, vec![&"d"]);
        assert_eq!(pairs.removed, vec![&"a"]);
        assert_eq!(pairs.kept, vec![(&"b", &"b"), (&"c", &"c")]);
    }
}
