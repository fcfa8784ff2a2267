//! Whole databases: schemas created and dropped around what they hold, and extensions.

use std::collections::BTreeSet;

use super::{pair_up, schema_pairs};
use crate::change::CommentOn;
use crate::error::Error;
use crate::ident::display_ident;
use crate::model::{Database, EventTrigger, Extension, Firing, Schema};
use crate::plan::{Hazard, Key, Kind, Operation, Phase, Step};

/// What `migra_diff_remote` and `migra_diff_snapshots` are asked to compare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// GRANT and REVOKE on schemas, tables, columns, sequences, wrappers and servers.
    pub with_privileges: bool,
    /// ALTER ... OWNER TO on schemas and every object that has an owner.
    pub with_owners: bool,
    /// An extension at another version is not a difference.
    pub ignore_extension_versions: bool,
    /// Only `CREATE EXTENSION IF NOT EXISTS` for the target's extensions that the source lacks.
    pub create_extensions_only: bool,
    /// The changes take the forms that let reads and writes go on (`Decisions::lock_safe`).
    pub lock_safe: bool,
}

/// The first version whose columns' NOT NULLs are constraints with names.
const NAMES_NOT_NULL: i32 = 180000;

fn names_a_not_null(database: &Database) -> bool {
    database.schemas.iter().any(|s| {
        s.tables
            .iter()
            .any(|t| t.columns.iter().any(|c| c.not_null_name.is_some()))
    })
}

/// The target without its NOT NULL names, for a source server before 18, where the plan runs:
/// there a SET NOT NULL makes no constraint to rename, and a new column's name is not kept.
fn without_not_null_names(database: &Database) -> Database {
    let mut unnamed = database.clone();
    for table in unnamed.schemas.iter_mut().flat_map(|s| s.tables.iter_mut()) {
        for column in &mut table.columns {
            column.not_null_name = None;
        }
    }
    unnamed
}

/// The steps that make database `from` look like `to`. A schema only one side has is compared
/// with an empty schema of the same name, so that its objects are made or dropped one by one and
/// the schema itself is dropped only once it is empty.
pub fn databases(
    from: &Database,
    to: &Database,
    options: Options,
    conversions: &super::Conversions,
) -> Result<Vec<Step>, Error> {
    let mut steps = Vec::new();
    extensions(from, to, options, &mut steps);
    if options.create_extensions_only {
        return Ok(steps);
    }
    let unnamed;
    let to = match from.server_version_num < NAMES_NOT_NULL && names_a_not_null(to) {
        true => {
            unnamed = without_not_null_names(to);
            &unnamed
        }
        false => to,
    };

    let schemas = pair_up(&from.schemas, &to.schemas, |s| s.name.clone());
    let created: Vec<Schema> = schemas
        .added
        .iter()
        .map(|s| Schema::empty(&s.name))
        .collect();
    // keeps its grants: a schema about to be dropped needs no REVOKE (its default privileges
    // go with it)
    let dropped: Vec<Schema> = schemas
        .removed
        .iter()
        .map(|s| Schema {
            privileges: s.privileges.clone(),
            default_privileges: s.default_privileges.clone(),
            ..Schema::empty(&s.name)
        })
        .collect();
    let mut pairs: Vec<(&Schema, &Schema)> = schemas.kept.clone();
    pairs.extend(
        created
            .iter()
            .zip(&schemas.added)
            .map(|(empty, new)| (empty, *new)),
    );
    pairs.extend(
        schemas
            .removed
            .iter()
            .zip(&dropped)
            .map(|(old, empty)| (*old, empty)),
    );
    steps.extend(schema_pairs(
        &pairs,
        options.with_privileges,
        options.with_owners,
        options.lock_safe,
        conversions,
        &released_event_triggers(from, to),
    )?);

    for schema in &schemas.added {
        steps.push(schema_step(
            &schema.name,
            Phase::CreateSchema,
            Operation::CreateSchema {
                name: schema.name.clone(),
            },
        ));
    }
    if options.with_owners {
        let kept = schemas
            .kept
            .iter()
            .map(|(old, new)| (Some(old.owner.as_str()), *new));
        for (before, schema) in kept.chain(schemas.added.iter().map(|new| (None, *new))) {
            steps.extend(super::owners::schema(&schema.name, before, &schema.owner));
        }
    }
    for schema in &schemas.removed {
        steps.push(schema_step(
            &schema.name,
            Phase::DropSchema,
            Operation::DropSchema {
                name: schema.name.clone(),
            },
        ));
    }
    event_triggers(from, to, &mut steps);
    super::publications::publications(from, to, options.with_owners, &mut steps);
    let (privileges, owners) = (options.with_privileges, options.with_owners);
    super::servers::diff(from, to, privileges, owners, &mut steps)?;
    if options.with_privileges {
        super::privileges::default_privileges(
            None,
            &from.default_privileges,
            &to.default_privileges,
            &mut steps,
        );
    }
    let kept = schemas
        .kept
        .iter()
        .map(|(old, new)| (old.comment.as_deref(), *new));
    for (before, schema) in kept.chain(schemas.added.iter().map(|new| (None, *new))) {
        if before != schema.comment.as_deref() {
            steps.push(super::comments::database_object(
                Key::Schema(schema.name.clone()),
                &schema.name,
                CommentOn::Schema(schema.name.clone()),
                schema.comment.as_deref(),
            ));
        }
    }
    Ok(steps)
}

/// The event triggers the plan drops: removed, or made again.
fn released_event_triggers(from: &Database, to: &Database) -> BTreeSet<Key> {
    let pairs = pair_up(&from.event_triggers, &to.event_triggers, |t| t.name.clone());
    let changed = pairs
        .kept
        .into_iter()
        .filter(|(old, new)| remade(old, new))
        .map(|(old, _)| old);
    pairs
        .removed
        .into_iter()
        .chain(changed)
        .map(|t| Key::EventTrigger(t.name.clone()))
        .collect()
}

/// Event triggers: made once their function is, dropped before it; made again when what they
/// fire on or call changes.
fn event_triggers(from: &Database, to: &Database, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.event_triggers, &to.event_triggers, |t| t.name.clone());
    let function = |t: &EventTrigger| Key::Routine(t.function_schema.clone(), t.function.clone());
    let step = |t: &EventTrigger, phase: Phase, operation: Operation| {
        let key = Key::EventTrigger(t.name.clone());
        Step::new(
            phase,
            Kind::EventTrigger,
            operation,
            key,
            display_ident(&t.name),
        )
        .requires([function(t)])
    };
    let drop = |t: &EventTrigger| Operation::DropEventTrigger {
        name: t.name.clone(),
    };
    let create = |t: &EventTrigger, steps: &mut Vec<Step>| {
        let operation = Operation::CreateEventTrigger(Box::new(t.clone()));
        steps.push(step(t, Phase::CreateTrigger, operation));
        if t.enabled != Firing::Origin {
            let operation = Operation::EnableEventTrigger(Box::new(t.clone()));
            steps.push(step(t, Phase::CreateTrigger, operation));
        }
    };
    for trigger in pairs.removed {
        steps.push(step(trigger, Phase::DropTrigger, drop(trigger)));
    }
    for trigger in pairs.added {
        create(trigger, steps);
    }
    for (old, new) in pairs.kept {
        if remade(old, new) {
            steps.push(step(old, Phase::DropTrigger, drop(old)));
            create(new, steps);
        } else if old.enabled != new.enabled {
            let operation = Operation::EnableEventTrigger(Box::new(new.clone()));
            steps.push(step(new, Phase::CreateTrigger, operation));
        }
    }
}

/// What it fires on or calls changes: no ALTER EVENT TRIGGER does that.
fn remade(old: &EventTrigger, new: &EventTrigger) -> bool {
    old.event != new.event
        || old.tags != new.tags
        || old.function != new.function
        || old.function_schema != new.function_schema
}

/// COMMENT ON a schema or an extension, once it is made.
fn extensions(from: &Database, to: &Database, options: Options, steps: &mut Vec<Step>) {
    let pairs = pair_up(&from.extensions, &to.extensions, |e| e.name.clone());
    for extension in &pairs.added {
        let version = (!options.ignore_extension_versions).then(|| extension.version.clone());
        let operation = Operation::CreateExtension {
            extension: (*extension).clone(),
            version,
        };
        steps.push(
            extension_step(extension, Phase::CreateExtension, operation)
                .requires([Key::Schema(extension.schema.clone())]),
        );
    }
    if options.create_extensions_only {
        return;
    }
    for extension in pairs.removed {
        // its functions, types and tables go with it
        let operation = Operation::DropExtension {
            name: extension.name.clone(),
        };
        steps.push(
            extension_step(extension, Phase::DropExtension, operation).hazard(Hazard::DataLoss),
        );
    }
    // a new extension's script sets its comment, most often to the target's: set again anyway
    let kept = pairs
        .kept
        .iter()
        .map(|(old, new)| (old.comment.as_deref(), *new));
    for (before, extension) in kept.chain(pairs.added.iter().map(|new| (None, *new))) {
        if before != extension.comment.as_deref() {
            let key = Key::Extension(extension.name.clone());
            steps.push(super::comments::database_object(
                key,
                &extension.name,
                CommentOn::Extension(extension.name.clone()),
                extension.comment.as_deref(),
            ));
        }
    }
    for (old, new) in pairs.kept {
        if old.schema != new.schema {
            let operation = Operation::MoveExtension {
                name: new.name.clone(),
                schema: new.schema.clone(),
            };
            steps.push(
                extension_step(new, Phase::CreateExtension, operation)
                    .requires([Key::Schema(new.schema.clone())]),
            );
        }
        if old.version != new.version && !options.ignore_extension_versions {
            let operation = Operation::UpdateExtension {
                name: new.name.clone(),
                version: new.version.clone(),
            };
            steps.push(extension_step(new, Phase::CreateExtension, operation));
        }
    }
}

fn extension_step(extension: &Extension, phase: Phase, operation: Operation) -> Step {
    Step::new(
        phase,
        Kind::Extension,
        operation,
        Key::Extension(extension.name.clone()),
        display_ident(&extension.name),
    )
}

fn schema_step(name: &str, phase: Phase, operation: Operation) -> Step {
    Step::new(
        phase,
        Kind::Schema,
        operation,
        Key::Schema(name.to_owned()),
        display_ident(name),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Options, databases};
    use crate::model::Database;

    fn database(schemas: serde_json::Value) -> Database {
        serde_json::from_value(
            json!({"server_version_num": 150000, "schemas": schemas, "extensions": []}),
        )
        .unwrap()
    }

    fn schema(name: &str, tables: serde_json::Value) -> serde_json::Value {
        json!({"name": name, "privileges": [{"grantee": "reader", "privilege": "USAGE", "grantable": false}],
               "tables": tables, "constraints": [], "indexes": [], "sequences": []})
    }

    #[test]
    fn a_schema_is_made_before_its_objects_and_dropped_after_them_without_revokes() {
        let table = json!([{"name": "t", "persistence": "p", "options": [], "toast_options": [], "columns": []}]);
        let from = database(json!([schema("old", table.clone())]));
        let to = database(json!([schema("new", table)]));
        let options = Options {
            with_privileges: true,
            ..Options::default()
        };
        let mut steps = crate::plan::build(
            databases(&from, &to, options, &Default::default()).unwrap(),
            "pg_catalog",
        )
        .unwrap();
        crate::ddl::render(&mut steps).unwrap();
        let statements: Vec<&str> = steps.iter().map(|s| s.statement.as_str()).collect();
        assert_eq!(
            statements,
            [
                "SET search_path TO pg_catalog;",
                r#"CREATE SCHEMA "new";"#,
                r#"DROP TABLE "old"."t";"#,
                r#"CREATE TABLE "new"."t" ();"#,
                r#"GRANT USAGE ON SCHEMA "new" TO "reader";"#,
                r#"DROP SCHEMA "old";"#,
            ]
        );
    }

    /// A column made NOT NULL under the name `customised` on an 18 target: renamed after SET
    /// NOT NULL where the plan runs on 18, left alone on an older source server, where SET NOT
    /// NULL makes no constraint to rename.
    #[test]
    fn a_not_null_name_is_given_only_where_the_source_server_names_not_nulls() {
        let table = |not_null: bool, name: Option<&str>| {
            json!([{"name": "t", "persistence": "p", "options": [], "toast_options": [],
                    "columns": [{"name": "c", "position": 1, "type": "integer", "collation": null,
                                 "not_null": not_null, "not_null_name": name, "default": null,
                                 "generated": null, "identity": null, "storage": "p",
                                 "type_storage": "p", "statistics": null}]}])
        };
        let to = Database {
            server_version_num: 180000,
            ..database(json!([schema("app", table(true, Some("customised")))]))
        };
        for (version, renamed) in [(150000, false), (180000, true)] {
            let from = Database {
                server_version_num: version,
                ..database(json!([schema("app", table(false, None))]))
            };
            let mut steps = crate::plan::build(
                databases(&from, &to, Options::default(), &Default::default()).unwrap(),
                "pg_catalog",
            )
            .unwrap();
            crate::ddl::render(&mut steps).unwrap();
            let plan: Vec<&str> = steps.iter().map(|s| s.statement.as_str()).collect();
            assert!(plan.contains(&r#"ALTER TABLE "app"."t" ALTER COLUMN "c" SET NOT NULL;"#));
            assert_eq!(
                plan.contains(
                    &r#"ALTER TABLE "app"."t" RENAME CONSTRAINT "t_c_not_null" TO "customised";"#
                ),
                renamed,
                "{version}: {plan:?}"
            );
        }
    }
}
