//! Tables made again because their partition key changes (or they become partitioned, or stop
//! being so): PostgreSQL cannot change a partition key in place. The diff compares a source
//! without them and what hangs off them, so that every kind makes them as new, and
//! `Decisions::rebuilt_tables` drops them and takes down what reads them.

use std::collections::BTreeSet;

use super::pair_up;
use crate::model::{Schema, Table};
use crate::plan::Key;

/// A table the plan makes again because its partition key changes (or it becomes partitioned,
/// or stops being so): dropped with the partitions it has in the source, its rows lost, and
/// made again as the target has it, with its partitions there.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// The table as the source has it.
    pub table: Table,
    /// The partitions under it in the source, at any depth.
    pub partitions: Vec<Table>,
    /// What its DROP TABLE takes along: its partitions in the source, and the columns of all
    /// (what reads one of them is dropped before it).
    pub along: Vec<Key>,
    /// The unique keys, indexes and columns its foreign keys (and its partitions') reference:
    /// its DROP TABLE, which takes those foreign keys along, goes before their drops.
    pub references: Vec<Key>,
}

/// The tables made again (`Rebuilt`), outermost only, and the source without them, the
/// partitions under them and what hangs off any of those (`None` when there are none).
pub fn rebuilt(from: &Schema, to: &Schema) -> (Vec<Rebuilt>, Option<Schema>) {
    let changed: BTreeSet<&str> = pair_up(&from.tables, &to.tables, |t| t.name.clone())
        .kept
        .into_iter()
        .filter(|(old, new)| old.partition_key != new.partition_key)
        .map(|(old, _)| old.name.as_str())
        .collect();
    if changed.is_empty() {
        return (Vec::new(), None);
    }
    // each table of the source with the changed table it hangs under, if any
    let under = |name: &str| -> Vec<String> {
        let mut found = vec![name.to_owned()];
        let mut at = 0;
        while at < found.len() {
            let parent = found[at].clone();
            found.extend(
                from.tables
                    .iter()
                    .filter(|t| {
                        t.partition_of
                            .as_ref()
                            .is_some_and(|p| p.schema.is_none() && p.table == parent)
                    })
                    .map(|t| t.name.clone()),
            );
            at += 1;
        }
        found
    };
    let mut going: BTreeSet<String> = BTreeSet::new();
    let mut roots = Vec::new();
    for name in &changed {
        let tree = under(name);
        // a changed table under another changed table goes with it
        let inner = changed
            .iter()
            .any(|other| other != name && under(other).iter().any(|t| t == name));
        if !inner {
            roots.push((name.to_string(), tree.clone()));
        }
        going.extend(tree);
    }
    let schema = from.name.as_str();
    let rebuilt = roots
        .into_iter()
        .filter_map(|(name, tree)| {
            let table = from.tables.iter().find(|t| t.name == name)?.clone();
            let mut along = Vec::new();
            for member in &tree {
                if *member != name {
                    along.push(Key::Table(schema.to_owned(), member.clone()));
                }
                let columns = from.tables.iter().filter(|t| t.name == *member);
                along.extend(
                    columns
                        .flat_map(|t| &t.columns)
                        .map(|c| Key::Column(schema.to_owned(), member.clone(), c.name.clone())),
                );
            }
            let partitions = from
                .tables
                .iter()
                .filter(|t| t.name != name && tree.contains(&t.name))
                .cloned()
                .collect();
            let mut references = Vec::new();
            for c in from.constraints.iter().filter(|c| tree.contains(&c.table)) {
                let Some(r) = &c.references else {
                    continue;
                };
                let at = r.schema.clone().unwrap_or_else(|| schema.to_owned());
                if let Some(index) = &r.index {
                    references.push(Key::Index(at.clone(), index.clone()));
                    references.push(Key::Constraint(at.clone(), r.table.clone(), index.clone()));
                }
                references.extend(
                    r.columns
                        .iter()
                        .map(|col| Key::Column(at.clone(), r.table.clone(), col.clone())),
                );
            }
            Some(Rebuilt {
                table,
                partitions,
                along,
                references,
            })
        })
        .collect();
    let mut source = from.clone();
    without_tables(&mut source, &going);
    (rebuilt, Some(source))
}

/// `schema` without `tables` and what hangs off them: their constraints, indexes, policies,
/// triggers, rules, statistics, comments, and the catalog's dependencies of all those. Not the
/// sequences their columns own: those are released before the DROP TABLE (another table's
/// default may take from one) and owned again by the new table's column, keeping their values.
fn without_tables(schema: &mut Schema, tables: &BTreeSet<String>) {
    let on = |table: &str| tables.contains(table);
    let indexes: BTreeSet<String> = schema
        .indexes
        .iter()
        .filter(|i| on(&i.table))
        .map(|i| i.name.clone())
        .collect();
    let statistics: BTreeSet<String> = schema
        .statistics
        .iter()
        .filter(|s| on(&s.table))
        .map(|s| s.name.clone())
        .collect();
    schema.tables.retain(|t| !on(&t.name));
    schema.constraints.retain(|c| !on(&c.table));
    schema.indexes.retain(|i| !on(&i.table));
    schema.policies.retain(|p| !on(&p.table));
    schema.triggers.retain(|t| !on(&t.table));
    schema.rules.retain(|r| !on(&r.table));
    schema.statistics.retain(|s| !on(&s.table));
    schema.comments.retain(|c| {
        use crate::model::CommentKind as C;
        match c.kind {
            C::Table | C::Column | C::Constraint | C::Trigger | C::Rule | C::Policy => !on(&c.name),
            C::Index => !indexes.contains(&c.name),
            C::Statistics => !statistics.contains(&c.name),
            _ => true,
        }
    });
    schema.dependencies.retain(|d| {
        use crate::model::DependencyKind as K;
        let object = &d.object;
        match &object.kind {
            K::Table
            | K::Column
            | K::Default
            | K::Constraint
            | K::Policy
            | K::Trigger
            | K::Rule => !on(&object.name),
            K::Index => !indexes.contains(&object.name),
            K::Statistics => !statistics.contains(&object.name),
            _ => true,
        }
    });
}
