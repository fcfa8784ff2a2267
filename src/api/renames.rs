//! `renames jsonb`: what the caller says was renamed, so that the plan renames it (keeping its
//! data) instead of dropping one object and making another.
//!
//! The renames are run on the source schema inside a subtransaction, the two schemas are read
//! there, and everything is rolled back: the diff then compares the source as it will be once
//! renamed, with every definition deparsed under the new names by PostgreSQL itself, and the plan
//! opens with the renames. Only a plan whose source is this database can do that.

use pgrx::prelude::*;
use serde_json::{Map, Value};

use crate::change::{Cx, Renamed};
use crate::error::Error;
use crate::ident::quote_ident;
use crate::model::TypeDefinition;
use crate::model::{Database, Schema};
use crate::plan::{Key, Kind, Operation, Phase, Step};
use crate::subtransaction::{Attempt, attempt, caught_sqlstate_and_message};

/// The keys of the document, in the order their renames run: what is inside a table or type
/// before the table or type.
const KEYS: [&str; 9] = [
    "enum_values",
    "columns",
    "constraints",
    "indexes",
    "sequences",
    "views",
    "routines",
    "types",
    "tables",
];

/// One rename, as the plan runs it.
#[derive(Clone)]
pub(super) struct Rename {
    operation: Operation,
    kind: Kind,
    key: Key,
    identity: String,
    /// Recorded in `migra_renames` rather than asked for: one PostgreSQL refuses (its old name
    /// is gone: it has run) is left out with a NOTICE instead of refusing the plan.
    intent: bool,
    /// A routine's identity under its old name (`"name"(argument types)`), as a target that
    /// has not made the rename still has it.
    old_routine: Option<String>,
}

extension_sql!(
    r#"
CREATE TABLE migra_renames (
    schema_name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('tables', 'columns', 'constraints', 'indexes', 'sequences',
                                       'views', 'routines', 'types', 'enum_values')),
    parent text NOT NULL DEFAULT '',
    old_name text NOT NULL CHECK (old_name <> ''),
    new_name text NOT NULL CHECK (new_name <> ''),
    noted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    noted_by name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (schema_name, kind, parent, old_name),
    CHECK ((parent <> '') = (kind IN ('columns', 'constraints', 'enum_values')))
);
COMMENT ON TABLE migra_renames IS 'Rename intents: what was renamed in a schema, applied by migra_diff() and the functions like it when they are given no renames, until the old name is gone';
SELECT pg_catalog.pg_extension_config_dump('migra_renames', '');
"#,
    name = "renames_table"
);

/// The rename intents recorded for `schema` (every schema: `None`) in `migra_renames`, in the
/// order renames run; none when the caller may not read the table. One that no longer names
/// anything of the source is left out with a NOTICE: it has run (its object has its new name),
/// and is retired so.
pub(super) fn intents(schema: Option<&str>) -> Result<Vec<Rename>, Error> {
    let table = format!(
        "{}.migra_renames",
        quote_ident(&super::baselines::extension_schema()?)
    );
    let readable = super::read_value::<bool>(
        "select pg_catalog.has_table_privilege($1, 'SELECT')",
        &[table.as_str().into()],
    )?;
    if readable != Some(true) {
        return Ok(Vec::new());
    }
    type Row = (String, String, String, String, String);
    let rows: Vec<Row> = Spi::connect(|client| {
        let found = client.select(
            &format!(
                "select schema_name, kind, parent, old_name, new_name from {table} \
                 where $1::pg_catalog.text is null or schema_name operator(pg_catalog.=) $1 \
                 order by schema_name, parent, old_name"
            ),
            None,
            &[schema.into()],
        )?;
        let mut rows = Vec::new();
        for row in found {
            rows.push((
                row.get::<String>(1)?.unwrap_or_default(),
                row.get::<String>(2)?.unwrap_or_default(),
                row.get::<String>(3)?.unwrap_or_default(),
                row.get::<String>(4)?.unwrap_or_default(),
                row.get::<String>(5)?.unwrap_or_default(),
            ));
        }
        Ok::<_, Error>(rows)
    })?;
    let mut renames = Vec::new();
    for key in KEYS {
        for (schema, kind, parent, old, new) in rows.iter().filter(|r| r.1 == key) {
            let cx = Cx::new(schema);
            let parent = (!parent.is_empty()).then_some(parent.as_str());
            match rename(&cx, kind, parent, old.clone(), new.clone()) {
                Ok(found) => renames.push(Rename {
                    intent: true,
                    ..found
                }),
                Err(error) => pgrx::notice!("migra: rename intent left out: {error}"),
            }
        }
    }
    Ok(renames)
}

/// The renames of `document` (`{"tables": {"old": "new"}, "columns": {"table": {"old": "new"}},
/// ...}`, names as the source has them) in the order they run; names of the source `schema`.
/// A key, a shape or an object that is not there is refused (22023), naming it.
pub(super) fn parse(schema: &str, document: &str) -> Result<Vec<Rename>, Error> {
    let invalid = |what: String| Error::InvalidArgument(format!("renames: {what}"));
    let value: Value =
        serde_json::from_str(document).map_err(|e| invalid(format!("not a JSON document: {e}")))?;
    let Value::Object(document) = value else {
        return Err(invalid("must be a JSON object".to_owned()));
    };
    if let Some(unknown) = document.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(invalid(format!(
            "unknown key \"{unknown}\" (known: {})",
            KEYS.join(", ")
        )));
    }
    let cx = Cx::new(schema);
    let mut renames = Vec::new();
    for key in KEYS {
        let Some(value) = document.get(key) else {
            continue;
        };
        let within = matches!(key, "columns" | "constraints" | "enum_values");
        for (parent, names) in pairs(value, key, within)? {
            for (name, new_name) in names {
                renames.push(rename(&cx, key, parent.as_deref(), name, new_name)?);
            }
        }
    }
    Ok(renames)
}

/// `{"old": "new"}`, or with `within`, `{"parent": {"old": "new"}}`: (parent, [(old, new)]).
#[allow(clippy::type_complexity)]
fn pairs(
    value: &Value,
    key: &str,
    within: bool,
) -> Result<Vec<(Option<String>, Vec<(String, String)>)>, Error> {
    let invalid = |what: String| Error::InvalidArgument(format!("renames: {what}"));
    let object = |value: &Value, path: &str| -> Result<Map<String, Value>, Error> {
        match value {
            Value::Object(map) => Ok(map.clone()),
            _ => Err(invalid(format!("{path} must be an object"))),
        }
    };
    let names = |map: Map<String, Value>, path: &str| -> Result<Vec<(String, String)>, Error> {
        map.into_iter()
            .map(|(old, new)| match new {
                Value::String(new) if !new.is_empty() && !old.is_empty() => Ok((old, new)),
                _ => Err(invalid(format!(
                    "{path}.\"{old}\" must be a non-empty name"
                ))),
            })
            .collect()
    };
    let map = object(value, key)?;
    if !within {
        return Ok(vec![(None, names(map, key)?)]);
    }
    map.into_iter()
        .map(|(parent, inner)| {
            let path = format!("{key}.\"{parent}\"");
            Ok((Some(parent), names(object(&inner, &path)?, &path)?))
        })
        .collect()
}

fn rename(
    cx: &Cx,
    key: &str,
    parent: Option<&str>,
    name: String,
    new_name: String,
) -> Result<Rename, Error> {
    let parent = parent.unwrap_or_default().to_owned();
    let s = cx.schema.clone();
    let mut old_routine = None;
    let (kind, object_key, identity, renamed) = match key {
        "tables" => (
            Kind::Table,
            Key::Table(s, new_name.clone()),
            cx.identity(&[&new_name]),
            Some(Renamed::Table { name, new_name }),
        ),
        "columns" => (
            Kind::Column,
            Key::Column(s, parent.clone(), new_name.clone()),
            cx.identity(&[&parent, &new_name]),
            Some(Renamed::Column {
                table: parent,
                name,
                new_name,
            }),
        ),
        "constraints" => (
            Kind::Constraint,
            Key::Constraint(s, parent.clone(), new_name.clone()),
            cx.identity(&[&parent, &new_name]),
            Some(Renamed::Constraint {
                table: parent,
                name,
                new_name,
            }),
        ),
        "indexes" => {
            return Ok(Rename {
                intent: false,
                old_routine: None,
                kind: Kind::Index,
                key: Key::Index(s, new_name.clone()),
                identity: cx.identity(&[&new_name]),
                operation: Operation::RenameIndex { name, new_name },
            });
        }
        "routines" => {
            let found = routine(cx, &name)?;
            let kind = match found.prokind.as_str() {
                "p" => Kind::Procedure,
                "a" => Kind::Aggregate,
                _ => Kind::Function,
            };
            let identity = format!("{}({})", quote_ident(&new_name), found.argument_types);
            old_routine = Some(format!(
                "{}({})",
                quote_ident(&found.name),
                found.argument_types
            ));
            (
                kind,
                Key::Routine(s, identity.clone()),
                cx.identity(&[&identity]),
                Some(Renamed::Routine {
                    signature: found.signature,
                    new_name,
                    aggregate: kind == Kind::Aggregate,
                }),
            )
        }
        "sequences" => (
            Kind::Sequence,
            Key::Sequence(s, new_name.clone()),
            cx.identity(&[&new_name]),
            Some(Renamed::Sequence { name, new_name }),
        ),
        "views" => {
            let materialized = relkind(cx, &name)? == Some("m".to_owned());
            (
                if materialized {
                    Kind::MaterializedView
                } else {
                    Kind::View
                },
                Key::View(s, new_name.clone()),
                cx.identity(&[&new_name]),
                Some(Renamed::View {
                    name,
                    new_name,
                    materialized,
                }),
            )
        }
        "types" => {
            let kind = match typtype(cx, &name)?.as_deref() {
                Some("e") => Kind::Enum,
                Some("d") => Kind::Domain,
                Some("r") => Kind::RangeType,
                _ => Kind::CompositeType,
            };
            (
                kind,
                Key::Type(s, new_name.clone()),
                cx.identity(&[&new_name]),
                Some(Renamed::Type {
                    name,
                    new_name,
                    domain: kind == Kind::Domain,
                }),
            )
        }
        _ => (
            Kind::Enum,
            Key::Type(s, parent.clone()),
            cx.identity(&[&parent, &new_name]),
            Some(Renamed::EnumValue {
                type_name: parent,
                value: name,
                new_value: new_name,
            }),
        ),
    };
    Ok(Rename {
        intent: false,
        old_routine,
        kind,
        key: object_key,
        identity,
        operation: Operation::Rename(
            renamed
                .ok_or_else(|| Error::InvalidArgument(format!("renames: unknown key \"{key}\"")))?,
        ),
    })
}

/// A routine of the schema, as a rename names it.
struct FoundRoutine {
    /// `"name"(identity arguments)`, as ALTER takes it.
    signature: String,
    /// `oidvectortypes(proargtypes)`: the key's arguments.
    argument_types: String,
    prokind: String,
    /// `proname`
    name: String,
}

/// The routine `name` of the schema: `name` alone when no other routine has that name, or
/// `name(argument types)` (as PostgreSQL reads a signature: `f(int, text)`) for one of several.
/// A name matching none, or several, is refused (22023).
fn routine(cx: &Cx, name: &str) -> Result<FoundRoutine, Error> {
    let invalid = |what: String| Error::InvalidArgument(format!("renames: routines: {what}"));
    let (proname, arguments) = match name.split_once('(') {
        Some((proname, rest)) => (proname.trim(), Some(rest)),
        None => (name, None),
    };
    // the arguments are read by PostgreSQL as a value (`to_regprocedure`), never as SQL text
    let rows: Vec<(String, String, String)> = Spi::connect(|client| {
        let found = client.select(
            "select pg_catalog.format('%I(%s)', p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)),                     pg_catalog.oidvectortypes(p.proargtypes), p.prokind::pg_catalog.text              from pg_catalog.pg_proc p              join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) p.pronamespace              where n.nspname operator(pg_catalog.=) $1 and p.proname operator(pg_catalog.=) $2                and ($3::pg_catalog.text is null or p.oid operator(pg_catalog.=)                     pg_catalog.to_regprocedure(pg_catalog.format('%I.%I(%s', $1, $2, $3))::pg_catalog.oid)              order by 1",
            None,
            &[cx.schema.as_str().into(), proname.into(), arguments.into()],
        )?;
        let mut rows = Vec::new();
        for row in found {
            rows.push((
                row.get::<String>(1)?.unwrap_or_default(),
                row.get::<String>(2)?.unwrap_or_default(),
                row.get::<String>(3)?.unwrap_or_default(),
            ));
        }
        Ok::<_, Error>(rows)
    })?;
    match rows.as_slice() {
        [(signature, argument_types, prokind)] => Ok(FoundRoutine {
            signature: signature.clone(),
            argument_types: argument_types.clone(),
            prokind: prokind.clone(),
            name: proname.to_owned(),
        }),
        [] => Err(invalid(format!(
            "the source has no routine \"{name}\" in schema \"{}\"",
            cx.schema
        ))),
        several => Err(invalid(format!(
            "\"{name}\" names {} routines ({}): give the argument types, as \"{proname}(integer)\"",
            several.len(),
            several
                .iter()
                .map(|r| r.0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// `relkind` of a relation of the schema, if there is one.
fn relkind(cx: &Cx, name: &str) -> Result<Option<String>, Error> {
    super::read_value::<String>(
        "select c.relkind::pg_catalog.text from pg_catalog.pg_class c \
         join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace \
         where n.nspname operator(pg_catalog.=) $1 and c.relname operator(pg_catalog.=) $2",
        &[cx.schema.as_str().into(), name.into()],
    )
}

/// `typtype` of a type of the schema, if there is one.
fn typtype(cx: &Cx, name: &str) -> Result<Option<String>, Error> {
    super::read_value::<String>(
        "select t.typtype::pg_catalog.text from pg_catalog.pg_type t \
         join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) t.typnamespace \
         where n.nspname operator(pg_catalog.=) $1 and t.typname operator(pg_catalog.=) $2",
        &[cx.schema.as_str().into(), name.into()],
    )
}

/// Runs the renames on `source` in a subtransaction, reads both schemas there, runs `check` on
/// them (still renamed), and rolls back: the source as the plan's renames will leave it. A
/// rename PostgreSQL refuses (no such object, a name taken) is refused (22023), naming it and
/// saying why; an intent is left out instead, as is one the target disagrees with (`run_agreed`). The renames that ran come back with the read.
pub(super) fn read_renamed(
    source: &str,
    target: &str,
    renames: Vec<Rename>,
    check: impl Fn(&[Schema; 2]) -> Result<(), Error>,
) -> Result<([Schema; 2], Vec<Rename>), Error> {
    run_agreed(
        renames,
        || {
            let schemas = crate::catalog::read_schema_pair([source, target])?;
            check(&schemas)?;
            Ok(schemas)
        },
        |schemas, rename, applied| kept_by(rename, &schemas[1], applied),
    )
}

/// Runs the renames (each in the schema its object is in) in a subtransaction, then `read`, and
/// rolls everything back: what `read` gave, and the renames that ran.
pub(super) fn run_renamed<T>(
    renames: Vec<Rename>,
    read: impl FnOnce() -> Result<T, Error>,
) -> Result<(T, Vec<Rename>), Error> {
    let mut done_read = None;
    let mut applied = Vec::new();
    let done = attempt(|| -> Result<(), Error> {
        for rename in renames {
            let cx = Cx::new(rename.key.schema().unwrap_or_default());
            let statement = crate::ddl::statement(&cx, &rename.operation)?;
            let ran = attempt(|| -> Result<(), Error> {
                Spi::run(&statement)?;
                Ok(())
            });
            match ran {
                Attempt::Done(outcome) => outcome?,
                Attempt::Raised(caught) => {
                    let (sqlstate, message) = caught_sqlstate_and_message(&caught);
                    if rename.intent {
                        pgrx::notice!(
                            "migra: rename intent left out: {statement} ({sqlstate}: {message})"
                        );
                        continue;
                    }
                    return Err(Error::InvalidArgument(format!(
                        "renames: cannot run {statement} ({sqlstate}: {message})"
                    )));
                }
            }
            applied.push(rename);
        }
        done_read = Some(read()?);
        Err(Error::RolledBack)
    });
    match done {
        Attempt::Done(Err(Error::RolledBack)) => done_read
            .map(|read| (read, applied))
            .ok_or_else(|| Error::Catalog("the renamed source was not read".to_owned())),
        Attempt::Done(Err(error)) => Err(error),
        Attempt::Done(Ok(())) => Err(Error::Catalog(
            "the renames were not rolled back".to_owned(),
        )),
        Attempt::Raised(caught) => Err(Error::Catalog(caught_sqlstate_and_message(&caught).1)),
    }
}

/// As `run_renamed`, leaving out each intent the target disagrees with: a target that still has
/// the old name has not made that rename (a baseline saved before it, a schema not yet renamed
/// there), so the intent is not this pair's, and applying it would plan the rename and then
/// its undoing. `kept` says whether the target still has what a rename renames away (given
/// what `read` gave and the renames that ran): `kept_by` a schema, `kept_in` a database. A
/// rename the caller asked for is run as asked.
pub(super) fn run_agreed<T>(
    mut renames: Vec<Rename>,
    mut read: impl FnMut() -> Result<T, Error>,
    kept: impl Fn(&T, &Rename, &[Rename]) -> bool,
) -> Result<(T, Vec<Rename>), Error> {
    loop {
        let (value, applied) = run_renamed(renames.clone(), &mut read)?;
        let disagreed: Vec<(Kind, String)> = applied
            .iter()
            .filter(|rename| rename.intent)
            .filter(|rename| kept(&value, rename, &applied))
            .map(|rename| (rename.kind, rename.identity.clone()))
            .collect();
        if disagreed.is_empty() {
            return Ok((value, applied));
        }
        renames.retain(|rename| {
            let left_out = rename.intent
                && disagreed
                    .iter()
                    .any(|(kind, identity)| *kind == rename.kind && *identity == rename.identity);
            if left_out {
                let cx = Cx::new(rename.key.schema().unwrap_or_default());
                let statement = crate::ddl::statement(&cx, &rename.operation).unwrap_or_default();
                pgrx::notice!(
                    "migra: rename intent left out: the target still has the old name ({statement})"
                );
            }
            !left_out
        });
    }
}

/// Whether the schema of `target` that `rename` names still has what it renames away.
pub(super) fn kept_in(rename: &Rename, target: &Database, applied: &[Rename]) -> bool {
    let schema = rename.key.schema().unwrap_or_default();
    target
        .schemas
        .iter()
        .find(|s| s.name == schema)
        .is_some_and(|s| kept_by(rename, s, applied))
}

/// Whether `target` still has what `rename` renames away (a column or constraint looked for
/// under its table's old name and, if an intent of `applied` renamed the table, its new one).
pub(super) fn kept_by(rename: &Rename, target: &Schema, applied: &[Rename]) -> bool {
    let schema = rename.key.schema().unwrap_or_default();
    // the names a table or type of the source goes by in the target: its own, and its new one
    let names_of = |name: &str| -> Vec<String> {
        let mut names = vec![name.to_owned()];
        for other in applied {
            match &other.operation {
                Operation::Rename(Renamed::Table {
                    name: old,
                    new_name,
                })
                | Operation::Rename(Renamed::Type {
                    name: old,
                    new_name,
                    ..
                }) if old == name && other.key.schema() == Some(schema) => {
                    names.push(new_name.clone());
                }
                _ => {}
            }
        }
        names
    };
    match &rename.operation {
        Operation::Rename(Renamed::Table { name, .. }) => {
            target.tables.iter().any(|t| &t.name == name)
        }
        Operation::Rename(Renamed::Column { table, name, .. }) => {
            let tables = names_of(table);
            target
                .tables
                .iter()
                .any(|t| tables.contains(&t.name) && t.columns.iter().any(|c| &c.name == name))
        }
        Operation::Rename(Renamed::Constraint { table, name, .. }) => {
            let tables = names_of(table);
            target
                .constraints
                .iter()
                .any(|c| tables.contains(&c.table) && &c.name == name)
        }
        Operation::RenameIndex { name, .. } => target.indexes.iter().any(|i| &i.name == name),
        Operation::Rename(Renamed::Sequence { name, .. }) => {
            target.sequences.iter().any(|s| &s.name == name)
        }
        Operation::Rename(Renamed::View { name, .. }) => {
            target.views.iter().any(|v| &v.name == name)
        }
        Operation::Rename(Renamed::Routine { .. }) => target
            .routines
            .iter()
            .any(|r| Some(&r.identity) == rename.old_routine.as_ref()),
        Operation::Rename(Renamed::Type { name, .. }) => {
            target.types.iter().any(|t| &t.name == name)
        }
        Operation::Rename(Renamed::EnumValue {
            type_name, value, ..
        }) => {
            let types = names_of(type_name);
            target.types.iter().any(|t| {
                types.contains(&t.name)
                    && matches!(&t.definition, TypeDefinition::Enum { values } if values.contains(value))
            })
        }
        _ => false,
    }
}

/// The renames of a whole-database `document`: as `parse`'s, each name qualified by its schema
/// (`{"tables": {"app.people": "humans"}, "columns": {"app.people": {"fullname": "name"}}}`), and
/// `"schemas": {"old": "new"}`, which run last (the others name the old schema).
pub(super) fn parse_qualified(document: &str) -> Result<Vec<Rename>, Error> {
    let invalid = |what: String| Error::InvalidArgument(format!("renames: {what}"));
    let value: Value =
        serde_json::from_str(document).map_err(|e| invalid(format!("not a JSON document: {e}")))?;
    let Value::Object(document) = value else {
        return Err(invalid("must be a JSON object".to_owned()));
    };
    if let Some(unknown) = document
        .keys()
        .find(|k| !KEYS.contains(&k.as_str()) && k.as_str() != "schemas")
    {
        return Err(invalid(format!(
            "unknown key \"{unknown}\" (known: {}, schemas)",
            KEYS.join(", ")
        )));
    }
    let split = |qualified: &str, key: &str| -> Result<(String, String), Error> {
        match super::conversions::dotted_names(qualified).as_deref() {
            Some([schema, name]) => Ok((schema.clone(), name.clone())),
            _ => Err(invalid(format!(
                "{key}: \"{qualified}\" must be schema.name (a whole-database rename names its schema)"
            ))),
        }
    };
    let mut renames = Vec::new();
    for key in KEYS {
        let Some(value) = document.get(key) else {
            continue;
        };
        let within = matches!(key, "columns" | "constraints" | "enum_values");
        for (qualified, names) in pairs(value, key, within)? {
            for (name, new_name) in names {
                let (schema, parent, name) = match &qualified {
                    Some(parent) => {
                        let (schema, parent) = split(parent, key)?;
                        (schema, Some(parent), name)
                    }
                    None => {
                        let (schema, name) = split(&name, key)?;
                        (schema, None, name)
                    }
                };
                renames.push(rename(
                    &Cx::new(&schema),
                    key,
                    parent.as_deref(),
                    name,
                    new_name,
                )?);
            }
        }
    }
    if let Some(value) = document.get("schemas") {
        for (_, names) in pairs(value, "schemas", false)? {
            for (name, new_name) in names {
                renames.push(Rename {
                    intent: false,
                    old_routine: None,
                    kind: Kind::Schema,
                    key: Key::Schema(new_name.clone()),
                    identity: crate::ident::display_ident(&new_name),
                    operation: Operation::Rename(Renamed::Schema { name, new_name }),
                });
            }
        }
    }
    Ok(renames)
}

/// The renames as the plan's first steps (after its settings).
pub(super) fn steps(renames: Vec<Rename>) -> Vec<Step> {
    renames
        .into_iter()
        .map(|r| {
            let key = Key::Renamed(Box::new(r.key));
            Step::new(Phase::Rename, r.kind, r.operation, key, r.identity)
        })
        .collect()
}

#[cfg(any(test, feature = "pg_test"))]
#[pg_schema]
mod tests {
    use pgrx::PgSqlErrorCode;
    use pgrx::prelude::*;

    use crate::api::test_support::error_of;

    fn plan(query: &str) -> Vec<String> {
        Spi::connect(|c| {
            c.select(query, None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap())
                .collect()
        })
    }

    #[pg_test]
    fn a_renamed_column_is_renamed_not_dropped_and_added() {
        Spi::run(
            "create schema a; create schema b;
             create table a.people (id int, fullname text); insert into a.people values (1, 'Ada');
             create table b.humans (id int, name text);",
        )
        .unwrap();
        let renames =
            r#"'{"tables": {"people": "humans"}, "columns": {"people": {"fullname": "name"}}}'"#;
        assert_eq!(
            plan(&format!(
                "select statement || ' ' || array_to_string(hazards, ',') \
                 from migra_diff('a', 'b', renames => {renames}) order by ordinal"
            )),
            [
                r#"SET search_path TO pg_catalog, "a"; "#,
                r#"ALTER TABLE "a"."people" RENAME COLUMN "fullname" TO "name"; blocks_writes,blocks_reads"#,
                r#"ALTER TABLE "a"."people" RENAME TO "humans"; blocks_writes,blocks_reads"#,
            ]
        );
        // nothing was renamed by asking
        assert!(
            Spi::get_one::<bool>("select to_regclass('a.people') is not null")
                .unwrap()
                .unwrap()
        );
        // without the renames, the same pair drops a table that holds data
        let (code, _) = error_of("select * from migra_diff('a', 'b')");
        assert_eq!(
            code,
            Some(PgSqlErrorCode::ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST)
        );
    }

    #[pg_test]
    fn a_rename_of_what_is_not_there_is_refused_naming_it() {
        Spi::run("create schema a; create schema b; create table a.t (id int);").unwrap();
        let (code, message) = error_of(
            r#"select * from migra_diff('a', 'b', renames => '{"columns": {"t": {"gone": "x"}}}')"#,
        );
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE));
        assert!(
            message.contains(r#"ALTER TABLE "a"."t" RENAME COLUMN "gone" TO "x";"#)
                && message.contains(r#"column "gone" does not exist"#),
            "{message}"
        );
        let (code, message) =
            error_of(r#"select * from migra_diff('a', 'b', renames => '{"functions": {}}')"#);
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE));
        assert!(message.contains(r#"unknown key "functions""#), "{message}");
        let (code, _) =
            error_of(r#"select * from migra_diff('a', 'b', renames => '{"tables": {"t": 1}}')"#);
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE));
    }

    #[pg_test]
    fn a_recorded_rename_is_applied_until_it_has_run() {
        Spi::run(
            "create schema a; create schema b;
             create table a.people (id int, fullname text); insert into a.people values (1, 'Ada');
             create table b.people (id int, name text);
             insert into migra_renames (schema_name, kind, parent, old_name, new_name)
             values ('a', 'columns', 'people', 'fullname', 'name');",
        )
        .unwrap();
        let no_renames =
            "select statement from migra_diff('a', 'b') where kind <> 'setting' order by ordinal";
        // no renames given: the recorded one is applied, the data kept (no unsafe needed)
        assert_eq!(
            plan(no_renames),
            [r#"ALTER TABLE "a"."people" RENAME COLUMN "fullname" TO "name";"#]
        );
        // an explicit document replaces the table: '{}' is none, and the column is dropped
        assert_eq!(
            plan(
                "select statement from migra_diff('a', 'b', unsafe => true, renames => '{}') \
                 where kind <> 'setting' order by ordinal"
            ),
            [
                r#"ALTER TABLE "a"."people" DROP COLUMN "fullname";"#,
                r#"ALTER TABLE "a"."people" ADD COLUMN "name" text;"#
            ]
        );
        // once it has run, the intent names nothing: it is left out, and nothing is left to do
        Spi::run("alter table a.people rename column fullname to name").unwrap();
        assert!(plan(no_renames).is_empty());
    }

    #[pg_test]
    fn a_drift_check_applies_the_recorded_renames() {
        Spi::run(
            "create schema crm; create table crm.people (id int, name text);
             create temp table expected as select migra_snapshot(array['crm']) as snapshot;
             alter table crm.people rename column name to fullname;
             insert into migra_renames (schema_name, kind, parent, old_name, new_name)
             values ('crm', 'columns', 'people', 'fullname', 'name');",
        )
        .unwrap();
        assert_eq!(
            plan(
                "select d.statement from expected, migra_drift(expected.snapshot) d \
                 where d.kind <> 'setting' order by d.ordinal"
            ),
            [r#"ALTER TABLE "crm"."people" RENAME COLUMN "fullname" TO "name";"#]
        );
    }

    #[pg_test]
    fn an_intent_the_target_has_not_made_is_left_out() {
        Spi::run(
            "create schema crm; create table crm.people (id int, fullname text);
             create temp table expected as select migra_snapshot(array['crm']) as snapshot;
             create schema crm_copy; create table crm_copy.people (id int, fullname text);
             insert into migra_renames (schema_name, kind, parent, old_name, new_name)
             values ('crm', 'columns', 'people', 'fullname', 'name');",
        )
        .unwrap();
        // a baseline saved before the rename was made still has the old name: no drift
        assert!(
            plan(
                "select d.statement from expected, migra_drift(expected.snapshot) d \
                 where d.kind <> 'setting'"
            )
            .is_empty()
        );
        // nor between two schemas that both have it
        assert!(
            plan("select statement from migra_diff('crm', 'crm_copy') where kind <> 'setting'")
                .is_empty()
        );
        // a target that made one of two intents (the table's, not its column's): that one runs,
        // and the column is looked for under the table's new name too
        Spi::run(
            "create schema crm_next; create table crm_next.contacts (id int, fullname text);
             insert into migra_renames (schema_name, kind, old_name, new_name)
             values ('crm', 'tables', 'people', 'contacts');",
        )
        .unwrap();
        assert_eq!(
            plan(
                "select statement from migra_diff('crm', 'crm_next') \
                 where kind <> 'setting' order by ordinal"
            ),
            [r#"ALTER TABLE "crm"."people" RENAME TO "contacts";"#]
        );
    }

    #[pg_test]
    fn whole_database_renames_name_their_schema() {
        let (code, message) = crate::api::test_support::error_of(
            r#"select * from migra_diff_remote(NULL, NULL, renames => '{"tables": {"people": "humans"}}')"#,
        );
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE));
        assert!(
            message.contains(r#""people" must be schema.name"#),
            "{message}"
        );
        let (code, message) = crate::api::test_support::error_of(
            r#"select * from migra_diff_remote('dbname=x', NULL, renames => '{"schemas": {"a": "b"}}')"#,
        );
        assert_eq!(code, Some(PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE));
        assert!(
            message.contains("renames need the source to be this database"),
            "{message}"
        );
    }
}
