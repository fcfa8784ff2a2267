//! `migra_snapshot` and `migra_diff_snapshots`: a database's model as jsonb, compared later
//! without any connection.

use pgrx::pg_sys::panic::ErrorReport;
use pgrx::prelude::*;
use pgrx::JsonB;

use super::databases::{options, plan_databases, read};
use super::{required, rows};
use crate::model::Snapshot;

/// The model of this database (or of the one `source` reaches) as jsonb.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_snapshot(schemas text[] DEFAULT NULL, source text DEFAULT NULL)
RETURNS jsonb
VOLATILE PARALLEL UNSAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_snapshot_wrapper';
"#)]
fn migra_snapshot(schemas: Option<Vec<String>>, source: Option<&str>) -> Result<JsonB, ErrorReport> {
    let database = read(source, schemas, None)?;
    Ok(JsonB(Snapshot::of(database).to_json()?))
}

/// The statements that make the database of snapshot `source` look like that of `target`.
#[pg_extern(sql = r#"
CREATE FUNCTION migra_diff_snapshots(
    source jsonb, target jsonb,
    schemas text[] DEFAULT NULL, exclude_schemas text[] DEFAULT NULL,
    "unsafe" boolean DEFAULT false, with_privileges boolean DEFAULT false,
    ignore_extension_versions boolean DEFAULT false, create_extensions_only boolean DEFAULT false)
RETURNS TABLE (ordinal integer, kind text, identity text, action text, statement text, hazards text[])
IMMUTABLE PARALLEL SAFE
LANGUAGE c AS 'MODULE_PATHNAME', 'migra_diff_snapshots_wrapper';
"#)]
#[allow(clippy::too_many_arguments)]
fn migra_diff_snapshots(
    source: Option<JsonB>,
    target: Option<JsonB>,
    schemas: Option<Vec<String>>,
    exclude_schemas: Option<Vec<String>>,
    allow_data_loss: Option<bool>,
    with_privileges: Option<bool>,
    ignore_extension_versions: Option<bool>,
    create_extensions_only: Option<bool>,
) -> Result<
    TableIterator<
        'static,
        (
            name!(ordinal, i32),
            name!(kind, String),
            name!(identity, String),
            name!(action, String),
            name!(statement, String),
            name!(hazards, Vec<String>),
        ),
    >,
    ErrorReport,
> {
    const F: &str = "migra_diff_snapshots";
    let source = required(source, "source", F)?;
    let target = required(target, "target", F)?;
    let allow_data_loss = required(allow_data_loss, "unsafe", F)?;
    let options = options(F, with_privileges, ignore_extension_versions, create_extensions_only)?;
    let mut from = Snapshot::from_json(source.0)?.database;
    let mut to = Snapshot::from_json(target.0)?.database;
    from.keep_schemas(schemas.as_deref(), exclude_schemas.as_deref());
    to.keep_schemas(schemas.as_deref(), exclude_schemas.as_deref());
    let steps = plan_databases(&from, &to, options, allow_data_loss).map_err(ErrorReport::from)?;
    Ok(TableIterator::new(rows(steps)))
}
