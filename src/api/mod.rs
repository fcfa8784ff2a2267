//! The SQL surface. The SQL declarations are written out because one argument is called
//! `unsafe`, a Rust keyword, and because every argument may be NULL: a NULL gets an error that
//! names it, never an empty result.

mod baselines;
mod databases;
mod drift;
mod fleet;
mod schemas;
mod snapshots;

// every function's description, for `\df+`; after every CREATE FUNCTION
pgrx::extension_sql_file!(
    "../../sql/function_comments.sql",
    name = "function_comments",
    finalize
);

use pgrx::pg_sys::panic::ErrorReport;
use pgrx::{PgLogLevel, PgSqlErrorCode};

use crate::error::Error;
use crate::model::Schema;
use crate::plan::{Hazard, Step};

/// One row of the diff functions: ordinal, kind, identity, action, statement, hazards.
type Row = (i32, String, String, String, String, Vec<String>);

fn rows(steps: Vec<Step>) -> Vec<Row> {
    steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let hazards = s.hazards.iter().map(|h| h.as_str().to_owned()).collect();
            (
                i as i32 + 1,
                s.kind.as_str().to_owned(),
                s.identity,
                s.action.as_str().to_owned(),
                s.statement,
                hazards,
            )
        })
        .collect()
}

fn required<T>(
    value: Option<T>,
    argument: &'static str,
    function: &'static str,
) -> Result<T, Error> {
    value.ok_or(Error::NullArgument(argument, function))
}

/// The plan, unless it destroys data and the caller did not say `unsafe => true`.
fn safe_plan(steps: Vec<Step>, allow_data_loss: bool) -> Result<Vec<Step>, Error> {
    let destructive: Vec<String> = steps
        .iter()
        .filter(|s| s.has_hazard(Hazard::DataLoss))
        .map(|s| s.statement.clone())
        .collect();
    if !allow_data_loss && !destructive.is_empty() {
        return Err(Error::DataLoss {
            statements: destructive,
        });
    }
    Ok(steps)
}

/// A WARNING that names what was left out, kind by kind, so that an empty plan is not mistaken
/// for "equal".
fn warn_about_ignored(schemas: &[Schema]) {
    let Some((count, detail)) = ignored_detail(schemas) else {
        return;
    };
    ErrorReport::new(
        PgSqlErrorCode::ERRCODE_WARNING,
        format!(
            "migra does not compare {count} object{}",
            if count == 1 { "" } else { "s" }
        ),
        "migra",
    )
    .set_detail(detail)
    .set_hint(crate::coverage::hint())
    .report(PgLogLevel::WARNING);
}

/// How many objects are left out (each once, however many sides hold it) and `kind:
/// schema.name, ...; kind: ...`, kinds in name order, at most ten names a kind.
fn ignored_detail(schemas: &[Schema]) -> Option<(usize, String)> {
    let mut by_kind: std::collections::BTreeMap<&str, Vec<String>> =
        std::collections::BTreeMap::new();
    for schema in schemas {
        for object in &schema.ignored {
            let name = format!(
                "{}.{}",
                crate::ddl::display_ident(&schema.name),
                object.name
            );
            by_kind.entry(object.kind.as_str()).or_default().push(name);
        }
    }
    if by_kind.is_empty() {
        return None;
    }
    const SHOWN: usize = 10;
    for names in by_kind.values_mut() {
        names.sort();
        names.dedup();
    }
    let count = by_kind.values().map(Vec::len).sum();
    let kinds: Vec<String> = by_kind
        .into_iter()
        .map(|(kind, names)| {
            let mut text = format!(
                "{kind}: {}",
                names
                    .iter()
                    .take(SHOWN)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if names.len() > SHOWN {
                text.push_str(&format!(", and {} more", names.len() - SHOWN));
            }
            text
        })
        .collect();
    Some((count, kinds.join("; ")))
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use pgrx::prelude::*;

    #[pg_test]
    fn every_function_has_a_description_for_df_plus() {
        let undocumented = Spi::get_one::<String>(
            "select string_agg(p.oid::regprocedure::text, ', ') from pg_catalog.pg_proc p
             join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid
             join pg_catalog.pg_extension e on e.oid = d.refobjid and e.extname = 'migra'
             where d.deptype = 'e' and p.proname like 'migra\\_%' and pg_catalog.obj_description(p.oid, 'pg_proc') is null",
        )
        .unwrap();
        assert_eq!(undocumented, None);
        let documented = Spi::get_one::<i64>(
            "select count(*) from pg_catalog.pg_proc p where p.proname like 'migra\\_%' and obj_description(p.oid, 'pg_proc') is not null",
        )
        .unwrap();
        assert!(documented.unwrap() >= 13);
    }
}

/// Catching an error in a test: only as a test's last statement, since the error is swallowed
/// and nothing is left to roll back to.
#[cfg(any(test, feature = "pg_test"))]
pub(crate) mod test_support {
    use pgrx::PgSqlErrorCode;
    use pgrx::pg_sys::panic::CaughtError;
    use pgrx::prelude::*;

    /// The SQLSTATE a query raises, with its message, detail and hint in one text.
    pub fn error_of(query: &str) -> (Option<PgSqlErrorCode>, String) {
        let query = query.to_owned();
        PgTryBuilder::new(move || {
            Spi::run(&query).unwrap();
            (None, String::new())
        })
        .catch_others(|e| {
            let report = match &e {
                CaughtError::PostgresError(r) | CaughtError::ErrorReport(r) => r,
                CaughtError::RustPanic { ereport, .. } => ereport,
            };
            let text = format!(
                "{} {} {}",
                report.message(),
                report.detail().unwrap_or(""),
                report.hint().unwrap_or("")
            );
            (Some(report.sql_error_code()), text)
        })
        .execute()
    }

    pub fn sqlstate_of(query: &str) -> Option<PgSqlErrorCode> {
        error_of(query).0
    }
}
