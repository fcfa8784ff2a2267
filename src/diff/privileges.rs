//! Privileges granted to roles other than the owner, on schemas, tables, columns, sequences and
//! routines.
//! Only compared when asked (`with_privileges`): role names are the same only between databases
//! of one cluster or of clusters set up alike.

use std::collections::BTreeMap;

use super::{TableChanges, pair_up};
use crate::ddl::{Cx, privileges as sql, quote_ident};
use crate::model::{Grant, Schema};
use crate::plan::{Action, Key, Kind, Phase, Step};

pub fn diff(cx: &Cx, from: &Schema, to: &Schema, tables: &TableChanges, steps: &mut Vec<Step>) {
    let schema_object = format!("SCHEMA {}", quote_ident(&cx.schema));
    let schema_key = Key::Schema(cx.schema.clone());
    changes(&schema_object, None, &from.privileges, &to.privileges, &mut |statement| {
        steps.push(step(crate::ddl::display_ident(&cx.schema), schema_key.clone(), statement))
    });

    let table_pairs = pair_up(&from.tables, &to.tables, |t| t.name.clone());
    let kept = table_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(table_pairs.added.iter().map(|new| (None, *new))) {
        let object = format!("TABLE {}", cx.qualify(&new.name));
        let key = cx.table_key(&new.name);
        let before = old.map(|t| t.privileges.as_slice()).unwrap_or(&[]);
        changes(&object, None, before, &new.privileges, &mut |statement| {
            steps.push(step(cx.identity(&[&new.name]), key.clone(), statement))
        });
        for column in &new.columns {
            let survived = old
                .and_then(|t| t.column(&column.name))
                .filter(|_| !tables.column_goes_away(&cx.schema, &new.name, &column.name));
            let before = survived.map(|c| c.privileges.as_slice()).unwrap_or(&[]);
            let key = cx.column_key(&new.name, &column.name);
            changes(&object, Some(&column.name), before, &column.privileges, &mut |statement| {
                steps.push(step(cx.identity(&[&new.name, &column.name]), key.clone(), statement))
            });
        }
    }

    // routines are not made or dropped by the plan yet: only those both sides have
    for (old, new) in pair_up(&from.routines, &to.routines, |r| r.signature.clone()).kept {
        let object = format!("ROUTINE {}.{}", quote_ident(&cx.schema), new.signature);
        let key = Key::Routine(cx.schema.clone(), new.signature.clone());
        let identity = format!("{}.{}", crate::ddl::display_ident(&cx.schema), new.signature);
        changes(&object, None, &old.privileges, &new.privileges, &mut |statement| {
            steps.push(step(identity.clone(), key.clone(), statement))
        });
    }

    let sequence_pairs = pair_up(&from.sequences, &to.sequences, |s| s.name.clone());
    let kept = sequence_pairs.kept.iter().map(|(old, new)| (Some(*old), *new));
    for (old, new) in kept.chain(sequence_pairs.added.iter().map(|new| (None, *new))) {
        let object = format!("SEQUENCE {}", cx.qualify(&new.name));
        let key = cx.sequence_key(&new.name);
        let before = old.map(|s| s.privileges.as_slice()).unwrap_or(&[]);
        changes(&object, None, before, &new.privileges, &mut |statement| {
            steps.push(step(cx.identity(&[&new.name]), key.clone(), statement))
        });
    }
}

/// REVOKE what only `old` has, GRANT what only `new` has; a grant option alone is given or taken.
fn changes(object: &str, column: Option<&str>, old: &[Grant], new: &[Grant], push: &mut dyn FnMut(String)) {
    let by_right = |grants: &[Grant]| -> BTreeMap<(String, String), Grant> {
        grants.iter().map(|g| ((g.grantee.clone(), g.privilege.clone()), g.clone())).collect()
    };
    let (old, new) = (by_right(old), by_right(new));
    for (right, grant) in &old {
        match new.get(right) {
            None => push(sql::revoke(object, column, grant)),
            Some(n) if grant.grantable && !n.grantable => push(sql::revoke_grant_option(object, column, grant)),
            _ => {}
        }
    }
    for (right, grant) in &new {
        match old.get(right) {
            None => push(sql::grant(object, column, grant)),
            Some(o) if grant.grantable && !o.grantable => push(sql::grant(object, column, grant)),
            _ => {}
        }
    }
}

/// After the object exists and has its final shape.
fn step(identity: String, key: Key, statement: String) -> Step {
    let action = if statement.starts_with("GRANT") { Action::Create } else { Action::Drop };
    Step::new(Phase::Privileges, Kind::Privilege, action, Key::Privileges(Box::new(key.clone())), identity, statement)
        .requires([key])
}
