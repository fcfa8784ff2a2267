//! Tables: created with their columns, dropped, or changed in place.

use super::{
    Decisions, children, column_fates, columns, generic_option_changes, pair_up, remade_defaults,
};
use crate::change::{Cx, Parameters, Stored};
use crate::error::Error;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Persistence, ReplicaIdentity, Schema, Table};
use crate::plan::{Hazard, Key, Kind, Operation, Phase, Step};

/// What becomes of the tables and their columns, before any statement is written: the tables
/// created and dropped, and the columns dropped, made again or retyped (`column_fates::fates`).
pub fn decide(cx: &Cx, from: &Schema, to: &Schema, decided: &mut Decisions) {
    let pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    let name = |t: &str| (cx.schema.clone(), t.to_owned());
    decided
        .dropped
        .extend(pairs.removed.iter().map(|t| name(&t.name)));
    decided
        .created
        .extend(pairs.added.iter().map(|t| name(&t.name)));
    for (old, new) in pairs.kept {
        let fates = column_fates::fates(cx, old, new, decided);
        let column = |c: &str| (cx.schema.clone(), new.name.clone(), c.to_owned());
        decided
            .dropped_columns
            .extend(fates.dropped.iter().map(|c| column(c)));
        decided
            .rebuilt_columns
            .extend(fates.rebuilt.iter().map(|c| column(c)));
        decided
            .retyped_columns
            .extend(fates.retyped.iter().map(|c| column(c)));
    }
}

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, decided: &Decisions, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    // a table dropped and one created with the same columns: perhaps a rename
    let shape = |t: &crate::model::Table| -> Vec<(String, String)> {
        t.columns
            .iter()
            .map(|c| (c.name.clone(), c.data_type.clone()))
            .collect()
    };
    let removed_shapes: BTreeSet<Vec<(String, String)>> =
        pairs.removed.iter().map(|t| shape(t)).collect();
    let added_shapes: BTreeSet<Vec<(String, String)>> =
        pairs.added.iter().map(|t| shape(t)).collect();

    for table in pairs.removed {
        let mut dropped = step(
            cx,
            Phase::DropTable,
            Operation::DropTable {
                name: table.name.clone(),
                foreign: table.is_foreign(),
            },
            &table.name,
        );
        // a foreign table's rows are the remote server's: dropping it loses none
        if !table.is_foreign() {
            dropped = dropped.hazard(Hazard::DataLoss);
        }
        dropped = dropped
            // a partition or child goes before its parent; a foreign table before its server
            .requires(parent_keys(cx, table))
            .requires(server_key(table));
        if added_shapes.contains(&shape(table)) {
            dropped = dropped.hazard(Hazard::PossibleRename);
        }
        steps.push(dropped);
    }

    // made again under another partition key: the diff sees it as new (`rebuilt::Rebuilt`)
    for (_, rebuilt) in decided
        .rebuilt_tables
        .iter()
        .filter(|(schema, _)| *schema == cx.schema)
    {
        let table = &rebuilt.table;
        let mut dropped = step(
            cx,
            Phase::DropTable,
            Operation::DropTable {
                name: table.name.clone(),
                foreign: table.is_foreign(),
            },
            &table.name,
        )
        .hazard(Hazard::DataLoss)
        .requires(parent_keys(cx, table))
        .requires(rebuilt.references.iter().cloned());
        dropped.along.extend(rebuilt.along.iter().cloned());
        steps.push(dropped);
    }

    // partitions that leave their parent or change their bound: a new partition of that parent
    // waits for them to be detached (the bound it takes may be one of theirs)
    let moving: Vec<(crate::model::Parent, &str)> = pairs
        .kept
        .iter()
        .filter(|(old, new)| old.partition_of != new.partition_of)
        .filter_map(|(old, _)| Some((old.partition_of.as_ref()?.parent(), old.name.as_str())))
        .collect();
    for table in pairs.added {
        let siblings_moving = table
            .partition_of
            .as_ref()
            .map(|p| p.parent())
            .into_iter()
            .flat_map(|parent| {
                moving
                    .iter()
                    .filter(move |(p, _)| *p == parent)
                    .map(|(_, name)| Key::TableSettings(cx.schema.clone(), (*name).to_owned()))
            })
            .collect::<Vec<_>>();
        // a partition or child once its parents have their final columns, which it takes
        let parent_columns = table
            .parents()
            .into_iter()
            .filter_map(|p| {
                let parent = super::trees::target_parent(to, &decided.other_parents, &p)?;
                let schema = p.schema.unwrap_or_else(|| cx.schema.clone());
                Some((schema, parent))
            })
            .flat_map(|(schema, p)| {
                p.columns
                    .iter()
                    .map(move |c| Key::Column(schema.clone(), p.name.clone(), c.name.clone()))
            })
            .collect::<Vec<_>>();
        let mut created = step(
            cx,
            Phase::CreateTable,
            Operation::CreateTable(Box::new(children::partition_not_null_names(
                to,
                decided,
                in_its_tablespace(to, decided, table),
            ))),
            &table.name,
        )
        .requires(parent_keys(cx, table))
        .requires(parent_columns)
        .requires(siblings_moving)
        .requires(server_key(table));
        if removed_shapes.contains(&shape(table)) {
            created = created.hazard(Hazard::PossibleRename);
        }
        steps.push(created);
        match children::columns_of_new_child(cx, to, table, &from.binary_coercible, decided) {
            Some(own) => steps.extend(own),
            None => {
                for column in &table.columns {
                    columns::settings_of_new_column(cx, &table.name, column, steps);
                }
            }
        }
        super::policies::row_security(cx, None, table, steps);
    }

    let persistence_changes: BTreeMap<&str, Persistence> = pairs
        .kept
        .iter()
        .filter(|(old, new)| old.persistence != new.persistence)
        .map(|(_, new)| (new.name.as_str(), new.persistence))
        .collect();
    for (old, new) in pairs.kept {
        if old.persistence != new.persistence {
            let mut requires =
                persistence_order(cx, from, &new.name, new.persistence, &persistence_changes);
            // SET LOGGED/UNLOGGED takes the sequences the table owns along (PostgreSQL 15): one
            // that goes to another owner goes first
            requires.extend(
                from.sequences
                    .iter()
                    .filter(|q| q.owned_by.as_ref().is_some_and(|o| o.table == new.name))
                    .filter_map(|q| {
                        let target = to.sequences.iter().find(|t| t.name == q.name)?;
                        (target.owned_by != q.owned_by)
                            .then(|| Key::SequenceOwner(cx.schema.clone(), q.name.clone()))
                    }),
            );
            steps.push(
                settings_step(
                    cx,
                    &new.name,
                    Operation::SetTablePersistence {
                        table: new.name.clone(),
                        persistence: new.persistence,
                    },
                )
                .requires(requires),
            );
        }
        storage_parameters(cx, &new.name, &old.options, &new.options, "", &[], steps);
        if let (Some(a), Some(b)) = (&old.foreign, &new.foreign)
            && a.options != b.options
        {
            let operation = Operation::ForeignOptions {
                table: new.name.clone(),
                column: None,
                changes: generic_option_changes(&a.options, &b.options),
            };
            steps.push(settings_step(cx, &new.name, operation));
        }
        if old.access_method != new.access_method
            && let Some(method) = &new.access_method
        {
            let operation = Operation::SetAccessMethod {
                table: new.name.clone(),
                method: method.clone(),
            };
            steps.push(settings_step(cx, &new.name, operation));
        }
        if old.tablespace != new.tablespace && !new.is_foreign() {
            let operation = Operation::SetTablespace {
                relation: new.name.clone(),
                stored: Stored::Table,
                partitioned: new.partition_key.is_some(),
                tablespace: new.tablespace.clone(),
            };
            steps.push(settings_step(cx, &new.name, operation));
        }
        let before = steps.len();
        columns::diff(cx, old, new, &from.binary_coercible, decided, steps);
        if new.is_foreign() {
            remote_values(&mut steps[before..]);
        }
        children::after_parents(cx, new, &mut steps[before..]);
        children::not_before_parents(cx, from, to, new, &mut steps[before..]);
        super::trees::keep_below(from, to, &mut steps[before..]);
        super::policies::row_security(cx, Some(old), new, steps);
        // after the columns: a TOAST table exists only once a column needs one, and parameters
        // set before it are lost
        let columns: Vec<Key> = new
            .columns
            .iter()
            .map(|c| cx.column_key(&new.name, &c.name))
            .collect();
        storage_parameters(
            cx,
            &new.name,
            &old.toast_options,
            &new.toast_options,
            "toast.",
            &columns,
            steps,
        );
    }
}

/// A foreign table's values are the remote server's: a column's new type converts nothing here
/// (PostgreSQL takes no `USING` for one, and rewrites nothing), and a column dropped loses no
/// value either.
fn remote_values(steps: &mut [Step]) {
    for step in steps {
        match &mut step.operation {
            Operation::AlterColumnType {
                conversion,
                rewrites,
                ..
            } => {
                *conversion = crate::change::Conversion::Assignment;
                *rewrites = false;
            }
            Operation::DropColumn { .. } => {}
            _ => continue,
        }
        step.hazards.retain(|h| *h != Hazard::DataLoss);
    }
}

/// A plain table on one side that is a foreign table on the other, a foreign table whose
/// server changes, and a foreign table in a partition or inheritance tree that differs: each
/// would mean making the table again (`CREATE FOREIGN TABLE` has no `ALTER` for its server or
/// its kind), which this version refuses (0A000), naming it, rather than plan around.
pub fn refuse_foreign_changes(cx: &Cx, from: &Schema, to: &Schema) -> Result<(), Error> {
    let what = |t: &Table| match &t.foreign {
        None => "a table".to_owned(),
        Some(f) if t.partition_of.is_some() || !t.inherits.is_empty() => format!(
            "a foreign table on server {} in a partition or inheritance tree",
            crate::ident::display_ident(&f.server)
        ),
        Some(f) => format!(
            "a foreign table on server {}",
            crate::ident::display_ident(&f.server)
        ),
    };
    let in_tree =
        |t: &Table| t.is_foreign() && (t.partition_of.is_some() || !t.inherits.is_empty());
    let pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    for (old, new) in pairs.kept {
        let server = |t: &Table| t.foreign.as_ref().map(|f| f.server.clone());
        let refused = server(old) != server(new) || ((in_tree(old) || in_tree(new)) && old != new);
        if refused {
            return Err(Error::ForeignTableChange {
                table: cx.identity(&[&new.name]),
                from: what(old),
                to: what(new),
            });
        }
    }
    // a foreign table in a tree is not made or dropped either: its parent's statements would
    // not reach it as they reach a plain partition
    for (table, side) in pairs
        .added
        .iter()
        .map(|t| (t, "only in the target"))
        .chain(pairs.removed.iter().map(|t| (t, "only in the source")))
    {
        if in_tree(table) {
            return Err(Error::ForeignTableChange {
                table: cx.identity(&[&table.name]),
                from: what(table),
                to: side.to_owned(),
            });
        }
    }
    Ok(())
}

/// What a table says of its indexes (REPLICA IDENTITY USING INDEX, CLUSTER ON) and of its type
/// (OF): set once the index or type is there, and set again when the plan makes the index
/// (new, or made again: `Decisions::made_again`). A typed table whose columns or type change is
/// released from its type (`NOT OF`) first, and bound again after.
pub fn index_and_type_settings(
    cx: &Cx,
    from: &Schema,
    to: &Schema,
    decided: &Decisions,
    steps: &mut Vec<Step>,
) {
    // the index (or the constraint it backs) is new, or made again
    let made = |key: &Key| {
        let on_source = match key {
            Key::Index(_, index) => from.indexes.iter().any(|i| i.name == *index),
            Key::Constraint(_, table, name) => from
                .constraints
                .iter()
                .any(|c| c.table == *table && c.name == *name),
            _ => true,
        };
        !on_source || decided.made_again(key)
    };
    // the type is new, made again or changed
    let type_touched = |key: &Key| {
        let Key::Type(_, name) = key else {
            return false;
        };
        let old = from.types.iter().find(|t| t.name == *name);
        let new = to.types.iter().find(|t| t.name == *name);
        decided.made_again(key)
            || match (old, new) {
                (Some(old), Some(new)) => old.definition != new.definition,
                _ => true,
            }
    };
    let regenerated_or_reset: BTreeSet<&str> =
        remade_defaults::remade_default_fates(cx, from, to, decided)
            .into_iter()
            .map(|(table, _, _)| table)
            .collect();
    // the key of the step that makes an index: its constraint's, when it backs one
    let index_key = |table: &str, index: &str| {
        to.constraints
            .iter()
            .find(|c| c.table == table && c.index_name.as_deref() == Some(index))
            .map_or_else(
                || cx.index_key(index),
                |c| cx.constraint_key(table, &c.name),
            )
    };
    let type_key = |of_type: &str| {
        to.types
            .iter()
            .find(|t| crate::ident::display_ident(&t.name) == of_type)
            .map(|t| cx.type_key(&t.name))
    };
    let mut new_steps = Vec::new();
    for new in &to.tables {
        let old = from.tables.iter().find(|t| t.name == new.name);
        let remade = |index: &Option<String>| {
            index
                .as_ref()
                .is_some_and(|i| made(&index_key(&new.name, i)))
        };
        let identity_changed = old.is_none_or(|o| {
            o.replica_identity != new.replica_identity
                || o.replica_identity_index != new.replica_identity_index
        });
        let identity_default = new.replica_identity == ReplicaIdentity::Default;
        if (identity_changed && !(old.is_none() && identity_default))
            || (new.replica_identity == ReplicaIdentity::Index
                && remade(&new.replica_identity_index))
        {
            let needs = new
                .replica_identity_index
                .iter()
                .map(|i| index_key(&new.name, i));
            new_steps.push(
                settings_step(
                    cx,
                    &new.name,
                    Operation::ReplicaIdentity {
                        table: new.name.clone(),
                        identity: new.replica_identity,
                        index: new.replica_identity_index.clone(),
                    },
                )
                .requires(needs),
            );
        }
        let cluster_changed = old.is_none_or(|o| o.clustered_on != new.clustered_on);
        if (cluster_changed && !(old.is_none() && new.clustered_on.is_none()))
            || remade(&new.clustered_on)
        {
            let needs = new.clustered_on.iter().map(|i| index_key(&new.name, i));
            new_steps.push(
                settings_step(
                    cx,
                    &new.name,
                    Operation::ClusterOn {
                        table: new.name.clone(),
                        index: new.clustered_on.clone(),
                    },
                )
                .requires(needs),
            );
        }
        let columns: Vec<Key> = new
            .columns
            .iter()
            .map(|c| cx.column_key(&new.name, &c.name))
            .collect();
        let of_type_touched = new
            .of_type
            .as_deref()
            .and_then(type_key)
            .is_some_and(|k| type_touched(&k));
        let columns_touched = old.is_some_and(|old| {
            regenerated_or_reset.contains(new.name.as_str())
                || column_fates::any_change(cx, old, new, decided)
        });
        let old_of = old.and_then(|o| o.of_type.as_deref());
        let rebind = old_of.is_some()
            && (old_of != new.of_type.as_deref() || of_type_touched || columns_touched);
        if rebind {
            let release = settings_step(
                cx,
                &new.name,
                Operation::OfType {
                    table: new.name.clone(),
                    of_type: None,
                },
            )
            .in_phase(Phase::ReleaseColumn);
            new_steps.push(release);
        }
        if let Some(of_type) = new
            .of_type
            .as_deref()
            .filter(|_| rebind || old_of.is_none())
        {
            let needs = columns
                .iter()
                .cloned()
                .chain(type_key(of_type))
                .chain([cx.table_key(&new.name)]);
            new_steps.push(
                settings_step(
                    cx,
                    &new.name,
                    Operation::OfType {
                        table: new.name.clone(),
                        of_type: Some(of_type.to_owned()),
                    },
                )
                .requires(needs),
            );
        }
    }
    steps.extend(new_steps);
}

/// A logged table may not reference an unlogged one: going UNLOGGED, the tables that reference
/// this one go first; going LOGGED, the tables this one references do.
fn persistence_order(
    cx: &Cx,
    from: &Schema,
    table: &str,
    persistence: Persistence,
    changing: &BTreeMap<&str, Persistence>,
) -> Vec<Key> {
    let same_way = |t: &str| t != table && changing.get(t) == Some(&persistence);
    from.constraints
        .iter()
        .filter_map(|c| {
            c.references
                .as_ref()
                .filter(|r| r.schema.is_none())
                .map(|r| (c.table.as_str(), r.table.as_str()))
        })
        .filter_map(|(referencing, referenced)| match persistence {
            Persistence::Unlogged if referenced == table && same_way(referencing) => {
                Some(referencing)
            }
            Persistence::Logged if referencing == table && same_way(referenced) => Some(referenced),
            _ => None,
        })
        .map(|t| Key::TableSettings(cx.schema.clone(), t.to_owned()))
        .collect()
}

/// The tables a partition or inheritance child hangs under.
/// A foreign table's server: between whole databases, made before it and dropped after it.
fn server_key(table: &crate::model::Table) -> Option<Key> {
    table
        .foreign
        .as_ref()
        .map(|f| Key::Server(f.server.clone()))
}

fn parent_keys(cx: &Cx, table: &crate::model::Table) -> Vec<Key> {
    table
        .parents()
        .into_iter()
        .map(|p| Key::Table(p.schema.unwrap_or_else(|| cx.schema.clone()), p.table))
        .collect()
}

fn step(cx: &Cx, phase: Phase, operation: Operation, table: &str) -> Step {
    Step::new(
        phase,
        Kind::Table,
        operation,
        cx.table_key(table),
        cx.identity(&[table]),
    )
}

/// A new partition in the database's default while its parent names a tablespace: said in the
/// statement, or it would go where the parent's new partitions go.
fn in_its_tablespace(to: &Schema, decided: &Decisions, table: &Table) -> Table {
    let parent_has_one = table.partition_of.as_ref().is_some_and(|p| {
        super::trees::target_parent(to, &decided.other_parents, &p.parent())
            .is_some_and(|parent| parent.tablespace.is_some())
    });
    let mut table = table.clone();
    if parent_has_one && table.tablespace.is_none() {
        table.tablespace = Some("pg_default".to_owned());
    }
    table
}

fn settings_step(cx: &Cx, table: &str, operation: Operation) -> Step {
    let key = Key::TableSettings(cx.schema.clone(), table.to_owned());
    Step::new(
        Phase::AlterTable,
        Kind::Table,
        operation,
        key,
        cx.identity(&[table]),
    )
}

/// SET for parameters that are new or changed, RESET for those that are gone, in the target's
/// order (see `storage_parameter_changes`), after the steps in `after`.
fn storage_parameters(
    cx: &Cx,
    table: &str,
    old: &[String],
    new: &[String],
    prefix: &'static str,
    after: &[Key],
    steps: &mut Vec<Step>,
) {
    let (reset, set) = super::storage_parameter_changes(old, new);
    let change = [Parameters::Reset(reset), Parameters::Set(set)];
    for parameters in change {
        let (Parameters::Reset(options) | Parameters::Set(options)) = &parameters;
        if options.is_empty() {
            continue;
        }
        let operation = Operation::TableStorageParameters {
            table: table.to_owned(),
            prefix,
            parameters,
        };
        steps.push(settings_step(cx, table, operation).requires(after.to_vec()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::change::GenericOption;

    fn options(list: &[&str]) -> Vec<String> {
        list.iter().map(|o| o.to_string()).collect()
    }

    #[test]
    fn options_kept_in_order_are_set_and_the_rest_dropped_and_added_in_the_new_order() {
        use GenericOption::*;
        assert_eq!(
            generic_option_changes(
                &options(&["table_name=t", "fetch_size=100"]),
                &options(&["table_name=t2", "schema_name=s"])
            ),
            [
                Set("table_name=t2".into()),
                Drop("fetch_size".into()),
                Add("schema_name=s".into())
            ]
        );
        // the same options in another order: pg_dump writes the stored order
        assert_eq!(
            generic_option_changes(
                &options(&["table_name=t", "schema_name=s"]),
                &options(&["schema_name=s", "table_name=t"])
            ),
            [
                Drop("table_name".into()),
                Drop("schema_name".into()),
                Add("schema_name=s".into()),
                Add("table_name=t".into())
            ]
        );
        assert!(generic_option_changes(&options(&["a=1"]), &options(&["a=1"])).is_empty());
        // a value may hold '=': only the first one splits
        assert_eq!(
            generic_option_changes(&[], &options(&["filter=a=b"])),
            [Add("filter=a=b".into())]
        );
    }

    fn schema(tables: serde_json::Value) -> Schema {
        serde_json::from_value(json!({"name": "app", "privileges": [], "tables": tables,
                                      "constraints": [], "indexes": [], "sequences": []}))
        .unwrap()
    }

    fn table(name: &str, server: Option<&str>) -> serde_json::Value {
        let mut table = json!({"name": name, "persistence": "p", "options": [], "toast_options": [],
                               "columns": []});
        if let Some(server) = server {
            table["foreign"] = json!({"server": server, "options": []});
        }
        table
    }

    #[test]
    fn a_plain_table_that_becomes_foreign_or_a_server_change_is_refused() {
        let cx = Cx::new("app");
        let plain = schema(json!([table("t", None)]));
        let on_a = schema(json!([table("t", Some("a"))]));
        let on_b = schema(json!([table("t", Some("b"))]));
        let refused = refuse_foreign_changes(&cx, &plain, &on_a).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "cannot change app.t from a table to a foreign table on server a: the table would have \
             to be made again, which this version does not plan"
        );
        assert!(refuse_foreign_changes(&cx, &on_a, &on_b).is_err());
        assert!(refuse_foreign_changes(&cx, &on_a, &on_a).is_ok());
        assert!(refuse_foreign_changes(&cx, &plain, &schema(json!([]))).is_ok());
        assert!(refuse_foreign_changes(&cx, &schema(json!([])), &on_a).is_ok());
    }
}
