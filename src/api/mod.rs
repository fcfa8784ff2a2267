//! The SQL surface. The SQL declarations are written out because one argument is called
//! `unsafe`, a Rust keyword, and because every argument may be NULL: a NULL gets an error that
//! names it, never an empty result.

mod apply;
mod baselines;
mod conversions;
mod databases;
mod drift;
mod fleet;
mod from_sql;
mod hooks;
mod node_trees;
mod renames;
mod schemas;
mod snapshots;
mod verify;
mod verify_drift;

// every function's description, for `\df+`; after every CREATE FUNCTION
pgrx::extension_sql_file!(
    "../../sql/function_comments.sql",
    name = "function_comments",
    finalize
);

use pgrx::pg_sys::panic::ErrorReport;
use std::collections::BTreeMap;

use pgrx::{PgLogLevel, PgSqlErrorCode};

use crate::diff::uncompared::Uncompared;
use crate::error::Error;
use crate::model::{Database, Schema};
use crate::plan::{Hazard, Step};

/// One row of the diff functions: ordinal, kind, identity, action, statement, hazards, relation,
/// lock_mode, table_rows, table_bytes.
type Row = (
    i32,
    String,
    String,
    String,
    String,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

/// The rows of a plan that applies to another database (a snapshot's, a remote one): the sizes
/// of its tables are not known here.
fn rows(steps: Vec<Step>) -> Vec<Row> {
    let none = BTreeMap::new();
    rows_sized(steps, &none)
}

/// The rows of a plan that applies to this database, each with the live size of the table it
/// locks: `reltuples` (NULL until the table was first vacuumed or analyzed) and
/// `pg_total_relation_size`. A relation the plan creates has none.
fn rows_with_sizes(steps: Vec<Step>) -> Result<Vec<Row>, Error> {
    let sizes = live_sizes(&steps)?;
    Ok(rows_sized(steps, &sizes))
}

/// The live size of every relation the steps lock that exists (`reltuples`, NULL until the
/// table was first vacuumed or analyzed, and `pg_total_relation_size`), by qualified name.
fn live_sizes(steps: &[Step]) -> Result<Sizes, Error> {
    let names: Vec<String> = steps
        .iter()
        .filter(|s| !s.relation_is_new)
        .filter_map(|s| s.relation.as_ref().map(qualified))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut sizes = BTreeMap::new();
    if !names.is_empty() {
        pgrx::Spi::connect(|client| {
            let table = client.select(
                "select r.name, case when c.reltuples operator(pg_catalog.>=) 0 \
                        then c.reltuples::pg_catalog.int8 end, \
                        pg_catalog.pg_total_relation_size(c.oid) \
                 from pg_catalog.unnest($1::pg_catalog.text[]) r(name) \
                 join pg_catalog.pg_class c on c.oid operator(pg_catalog.=) pg_catalog.to_regclass(r.name) \
                 where c.relkind operator(pg_catalog.=) any ('{r,m,p}'::pg_catalog.\"char\"[])",
                None,
                &[names.clone().into()],
            )?;
            for row in table {
                let name: Option<String> = row.get(1)?;
                let tuples: Option<i64> = row.get(2)?;
                let bytes: Option<i64> = row.get(3)?;
                if let Some(name) = name {
                    sizes.insert(name, (tuples, bytes));
                }
            }
            Ok::<_, Error>(())
        })?;
    }
    Ok(sizes)
}

fn qualified((schema, name): &(String, String)) -> String {
    crate::ident::qualified(schema, name)
}

/// Live sizes by qualified relation name: (`reltuples`, `pg_total_relation_size`).
type Sizes = BTreeMap<String, (Option<i64>, Option<i64>)>;

fn rows_sized(steps: Vec<Step>, sizes: &Sizes) -> Vec<Row> {
    steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let hazards = s.hazards.iter().map(|h| h.as_str().to_owned()).collect();
            let (tuples, bytes) = s
                .relation
                .as_ref()
                .filter(|_| !s.relation_is_new)
                .and_then(|r| sizes.get(&qualified(r)).copied())
                .unwrap_or((None, None));
            let relation = s
                .relation
                .as_ref()
                .map(|(schema, name)| crate::ident::display_qualified(schema, name));
            (
                i as i32 + 1,
                s.kind.as_str().to_owned(),
                s.identity,
                s.action.as_str().to_owned(),
                s.statement,
                hazards,
                relation,
                s.lock_mode.map(|l| l.as_str().to_owned()),
                tuples,
                bytes,
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

/// An interval as a duration: a month counts 30 days, as PostgreSQL's interval arithmetic does.
/// A negative one is refused, naming the argument.
fn interval_duration(
    interval: pgrx::datum::Interval,
    argument: &'static str,
) -> Result<std::time::Duration, Error> {
    let days = i64::from(interval.months()) * 30 + i64::from(interval.days());
    let micros = days
        .saturating_mul(86_400_000_000)
        .saturating_add(interval.micros());
    u64::try_from(micros)
        .map(std::time::Duration::from_micros)
        .map_err(|_| Error::InvalidArgument(format!("{argument} must not be negative")))
}

/// `lock_safe` and `lock_timeout` as a plan takes them: the lock timeout in milliseconds (0:
/// none, as PostgreSQL reads it), when the plan is to be lock-safe.
fn lock_safety(
    lock_safe: Option<bool>,
    lock_timeout: Option<pgrx::datum::Interval>,
    function: &'static str,
) -> Result<Option<u64>, Error> {
    let lock_timeout = required(lock_timeout, "lock_timeout", function)?;
    let lock_timeout = interval_duration(lock_timeout, "lock_timeout")?;
    Ok(required(lock_safe, "lock_safe", function)?
        .then(|| u64::try_from(lock_timeout.as_millis()).unwrap_or(u64::MAX)))
}

/// A lock-safe plan (`lock_timeout_ms`): its timeouts set (`plan::guard_locks`), and one WARNING
/// that lists the statements that still hold a lock blocking writes while they rewrite, scan
/// or build: those have no lock-safe form.
fn made_lock_safe(steps: Vec<Step>, lock_timeout_ms: Option<u64>) -> Result<Vec<Step>, Error> {
    let Some(lock_timeout_ms) = lock_timeout_ms else {
        return Ok(steps);
    };
    let long: Vec<String> = steps
        .iter()
        .filter(|s| s.has_hazard(Hazard::BlocksWrites))
        .filter(|s| {
            [
                Hazard::TableRewrite,
                Hazard::ValidatesRows,
                Hazard::IndexBuild,
            ]
            .iter()
            .any(|h| s.has_hazard(*h))
        })
        .map(|s| s.statement.clone())
        .collect();
    if !long.is_empty() {
        pgrx::pg_sys::panic::ErrorReport::new(
            PgSqlErrorCode::ERRCODE_WARNING,
            format!(
                "the lock-safe plan still blocks writes while it rewrites, scans or builds, in {} statement{} with no lock-safe form: {}",
                long.len(),
                if long.len() == 1 { "" } else { "s" },
                shown(long)
            ),
            "migra",
        )
        .set_hint("Run them in a quiet hour, or change the target so that they are not needed (a new column instead of a type change that rewrites).")
        .report(PgLogLevel::WARNING);
    }
    let mut steps = crate::plan::guard_locks(steps, lock_timeout_ms);
    // the settings it added
    crate::ddl::render(&mut steps)?;
    Ok(steps)
}

/// The text of a `renames jsonb` argument; NULL: none.
/// One value of a query that only reads, through SPI's read-only mode. `Spi::get_one` and
/// `Spi::run` mark the transaction as writing (pgrx asks for a transaction id), which a hot
/// standby refuses and which would give every diff a transaction id of its own.
fn read_value<T: pgrx::FromDatum + pgrx::IntoDatum>(
    query: &str,
    args: &[pgrx::datum::DatumWithOid],
) -> Result<Option<T>, Error> {
    pgrx::Spi::connect(|client| {
        let table = client.select(query, Some(1), args)?;
        if table.is_empty() {
            return Ok(None);
        }
        Ok(table.first().get_one::<T>()?)
    })
}

fn renames_text(argument: Option<pgrx::Internal>) -> Result<Option<String>, Error> {
    argument.map(snapshots::snapshot_text).transpose()
}

/// With `with_owners`, a plan that runs on this database gives objects to roles by name: each
/// must exist here (roles are never created), else the plan is refused (42704) naming the first
/// role missing and an object it was to own, rather than failing halfway through.
fn refuse_unknown_owners(steps: &[Step]) -> Result<(), Error> {
    let mut owners: std::collections::BTreeMap<&str, String> = std::collections::BTreeMap::new();
    for step in steps {
        use crate::change::Operation as O;
        let (role, what) = match &step.operation {
            O::SetOwner { role, .. } => (Some(role.as_str()), "makes it the owner of"),
            // a user mapping is for a role, which must exist as well
            O::CreateUserMapping(mapping) => (mapping.user.role(), "makes"),
            _ => (None, ""),
        };
        if let Some(role) = role {
            owners
                .entry(role)
                .or_insert_with(|| format!("{what} {} {}", step.kind.as_str(), step.identity));
        }
    }
    if owners.is_empty() {
        return Ok(());
    }
    let roles: Vec<String> = owners.keys().map(|r| (*r).to_owned()).collect();
    let missing = read_value::<String>(
        "select r from pg_catalog.unnest($1::pg_catalog.text[]) r
         where not exists (select from pg_catalog.pg_roles a where a.rolname operator(pg_catalog.=) r)
         order by r limit 1",
        &[roles.into()],
    )?;
    match missing {
        Some(role) => {
            let object = owners
                .iter()
                .find(|(r, _)| **r == role)
                .map(|(_, object)| object.clone())
                .unwrap_or_default();
            Err(Error::RoleNotFound { role, object })
        }
        None => Ok(()),
    }
}

/// One NOTICE per statement that leaves out a secret option (a user mapping's password) the
/// target has: its value is never read, so the DBA sets it by hand, as the statement's comment
/// line says. The NOTICE names the object and the option, never a value.
fn notice_missing_secrets(steps: &[Step]) {
    use crate::change::Operation as O;
    for step in steps {
        let secrets = match &step.operation {
            O::CreateForeignDataWrapper(w) => &w.common.secret_options,
            O::CreateServer(s) => &s.common.secret_options,
            O::CreateUserMapping(m) => &m.secret_options,
            O::AlterForeignDataWrapper {
                missing_secrets, ..
            }
            | O::AlterServer {
                missing_secrets, ..
            }
            | O::AlterUserMapping {
                missing_secrets, ..
            } => missing_secrets,
            _ => continue,
        };
        if secrets.is_empty() {
            continue;
        }
        let names: Vec<String> = secrets.iter().map(|s| crate::untrusted::shown(s)).collect();
        ErrorReport::new(
            PgSqlErrorCode::ERRCODE_SUCCESSFUL_COMPLETION,
            format!(
                "the plan does not set option {} of {} {}: migra never reads a secret option's value",
                names.join(", "),
                step.kind.as_str(),
                step.identity
            ),
            "migra",
        )
        .set_hint("Set it by hand after the plan, as the statement's comment says: ALTER ... OPTIONS (ADD password '...').")
        .report(PgLogLevel::NOTICE);
    }
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

/// The WARNINGs that only this database's rows can give, when the plan's source is this
/// database: for a column added NOT NULL with nothing to fill it (`fails_on_existing_rows`),
/// how many rows its table holds now (counting stops at a bound, so a large table costs no
/// more than a small one); for a sequence put behind a column that holds values
/// (`sequence_behind_data`), the column's largest value now (read through its index, when it
/// has one), which the sequence must be set past.
fn warn_about_rows(steps: &[Step]) -> Result<(), Error> {
    const BOUND: i64 = 100_000;
    for step in steps {
        // an ADD COLUMN that fails on rows; a SET NOT NULL after a caller's hook that fills
        // them is the hook's to get right
        let fails = step.has_hazard(Hazard::FailsOnExistingRows)
            && matches!(step.operation, crate::plan::Operation::AddColumn { .. });
        let behind = step.has_hazard(Hazard::SequenceBehindData);
        if !fails && !behind {
            continue;
        }
        let crate::plan::Key::Column(schema, table, column) = &step.key else {
            continue;
        };
        let name = crate::ident::qualified(schema, table);
        // the table may have gone since it was read
        if read_value::<pgrx::pg_sys::Oid>(
            "select pg_catalog.to_regclass($1)::pg_catalog.oid",
            &[name.as_str().into()],
        )?
        .is_none()
        {
            continue;
        }
        let shown = crate::ident::display_qualified(schema, table);
        let column_shown = crate::ident::display_ident(column);
        if fails {
            let query = format!(
                "select pg_catalog.count(*) from (select from {name} limit {}) rows",
                BOUND + 1
            );
            let rows = read_value::<i64>(&query, &[])?.unwrap_or(0);
            let count = if rows > BOUND {
                format!("more than {BOUND} rows")
            } else {
                format!("{rows} row{}", if rows == 1 { "" } else { "s" })
            };
            if rows > 0 {
                ErrorReport::new(
                    PgSqlErrorCode::ERRCODE_WARNING,
                    format!(
                        "the plan adds column {column_shown} NOT NULL with no default to {shown}, which holds {count}: that statement will fail"
                    ),
                    "migra",
                )
                .set_hint("Give the column a default in the target, or add it nullable, fill it, then set it NOT NULL.")
                .report(PgLogLevel::WARNING);
            }
        }
        if behind {
            // the column as it is now: only a number has a largest value a sequence can pass
            let numeric = read_value::<bool>(
                // smallint, integer, bigint, numeric: built-in types, whose oids never change
                "select a.atttypid operator(pg_catalog.=) any ('{21,23,20,1700}'::pg_catalog.oid[]) \
                 from pg_catalog.pg_attribute a \
                 where a.attrelid operator(pg_catalog.=) pg_catalog.to_regclass($1) \
                   and a.attname operator(pg_catalog.=) $2 and not a.attisdropped",
                &[name.as_str().into(), column.as_str().into()],
            )?;
            if numeric != Some(true) {
                continue;
            }
            let query = format!(
                "select pg_catalog.max({})::pg_catalog.text from {name}",
                crate::ident::quote_ident(column)
            );
            let Some(largest) = pgrx::Spi::get_one::<String>(&query)? else {
                continue;
            };
            ErrorReport::new(
                PgSqlErrorCode::ERRCODE_WARNING,
                format!(
                    "the plan puts a sequence behind column {column_shown} of {shown}, whose largest value is {largest} now: the sequence will hand out values the column already holds"
                ),
                "migra",
            )
            .set_hint("After the plan, set the sequence past it: SELECT setval(pg_get_serial_sequence(...), max(...)) FROM the table.")
            .report(PgLogLevel::WARNING);
        }
    }
    Ok(())
}

/// A schema named in `schemas` that neither side holds is refused (3F000): a misspelt name
/// would otherwise compare nothing with nothing and read as "no drift". A schema that one side
/// holds is made or dropped by the plan.
fn refuse_unknown_schemas(
    schemas: Option<&[String]>,
    from: &Database,
    to: &Database,
    labels: &[String; 2],
) -> Result<(), Error> {
    let holds = |database: &Database, name: &str| database.schemas.iter().any(|s| s.name == name);
    for name in schemas.unwrap_or_default() {
        if !holds(from, name) && !holds(to, name) {
            return Err(Error::SchemaOnNeitherSide {
                schema: name.clone(),
                source_side: labels[0].clone(),
                target_side: labels[1].clone(),
            });
        }
    }
    Ok(())
}

/// What a comparison saw and did not compare: the objects of kinds it does not compare on each
/// side, those of them that differ between the sides, and the grants that differ where
/// privileges are not compared. One WARNING says it all, once per call.
pub(crate) struct Uncovered<'a> {
    /// Each side's schemas, with what it is (`source (this database)`).
    pub sides: Vec<(String, &'a [Schema])>,
    pub differences: Vec<Uncompared>,
    /// `public.orders to app_reader`: grants that differ, when privileges are not compared.
    pub grants: Vec<String>,
}

impl<'a> Uncovered<'a> {
    /// One schema against another of this database.
    pub fn of_schemas(schemas: &'a [Schema; 2], with_privileges: bool) -> Self {
        let [from, to] = schemas;
        let grants = if with_privileges {
            Vec::new()
        } else {
            crate::diff::privileges_not_compared(&[(from, to)])
        };
        Uncovered {
            sides: vec![
                (
                    format!("source schema {}", crate::ident::display_ident(&from.name)),
                    std::slice::from_ref(from),
                ),
                (
                    format!("target schema {}", crate::ident::display_ident(&to.name)),
                    std::slice::from_ref(to),
                ),
            ],
            differences: crate::diff::uncompared::between_schemas(from, to),
            grants,
        }
    }

    /// Whole databases; `labels` say where each side was read (`this database`, a connection
    /// string without its password, `the expected schema`).
    pub fn of_databases(
        from: &'a Database,
        to: &'a Database,
        labels: [String; 2],
        with_privileges: bool,
    ) -> Self {
        let grants = if with_privileges {
            Vec::new()
        } else {
            // the grants on a schema made by the plan, and on what it holds, are not made either
            let pairs = crate::diff::pair_up(&from.schemas, &to.schemas, |s| s.name.clone());
            let created: Vec<Schema> = pairs.added.iter().map(|s| Schema::empty(&s.name)).collect();
            let mut compared: Vec<(&Schema, &Schema)> = pairs.kept.clone();
            compared.extend(
                created
                    .iter()
                    .zip(&pairs.added)
                    .map(|(empty, new)| (empty, *new)),
            );
            let mut grants = crate::diff::privileges_not_compared(&compared);
            grants.extend(crate::diff::global_default_privileges_not_compared(
                from, to,
            ));
            grants
        };
        let [source, target] = labels;
        Uncovered {
            sides: vec![
                (format!("source: {source}"), &from.schemas),
                (format!("target: {target}"), &to.schemas),
            ],
            differences: crate::diff::uncompared::between_databases(from, to),
            grants,
        }
    }

    /// The WARNING, when there is anything to say.
    pub fn warn(&self) {
        let Some((message, detail)) = self.text() else {
            return;
        };
        ErrorReport::new(PgSqlErrorCode::ERRCODE_WARNING, message, "migra")
            .set_detail(detail)
            .set_hint(crate::coverage::hint())
            .report(PgLogLevel::WARNING);
    }

    /// A table of a kind the plan does not make that differs between the sides refuses the plan:
    /// it would be built around, or dropped.
    pub fn refuse_tables(&self) -> Result<(), Error> {
        let objects: Vec<String> = self
            .differences
            .iter()
            .filter(|d| d.is_table())
            .map(Uncompared::describe)
            .collect();
        if objects.is_empty() {
            Ok(())
        } else {
            Err(Error::NotComparedTables { objects })
        }
    }

    /// The message and its detail: what differs first, then what is not compared, side by side.
    fn text(&self) -> Option<(String, String)> {
        let ignored = ignored_detail(&self.sides);
        if ignored.is_none() && self.grants.is_empty() {
            return None;
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut message = Vec::new();
        let mut detail = Vec::new();
        if let Some((count, _)) = &ignored {
            let mut text = format!("migra does not compare {}", plural(*count, "object"));
            if !self.differences.is_empty() {
                let verb = if self.differences.len() == 1 {
                    "differs"
                } else {
                    "differ"
                };
                text.push_str(&format!(
                    " ({} {verb} between the sides)",
                    self.differences.len()
                ));
            }
            message.push(text);
        }
        if !self.differences.is_empty() {
            detail.push(format!(
                "differ: {}",
                shown(self.differences.iter().map(Uncompared::describe).collect())
            ));
        }
        if !self.grants.is_empty() {
            message.push(format!(
                "the grants on {} differ and are not compared",
                plural(self.grants.len(), "object")
            ));
            detail.push(format!(
                "grants not compared (with_privileges => true compares them): {}",
                shown(self.grants.clone())
            ));
        }
        if let Some((_, sides)) = ignored {
            detail.push(format!("not compared: {sides}"));
        }
        Some((message.join("; "), detail.join("\n")))
    }
}

/// At most ten, then how many more.
fn shown(items: Vec<String>) -> String {
    const SHOWN: usize = 10;
    let mut text = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(", and {} more", items.len() - SHOWN));
    }
    text
}

/// How many objects are left out (each once, however many sides hold it), and `kind:
/// schema.name, ...; kind: ...`, kinds in name order, at most ten names a kind.
fn ignored_detail(sides: &[(String, &[Schema])]) -> Option<(usize, String)> {
    let mut by_kind: std::collections::BTreeMap<&str, Vec<String>> =
        std::collections::BTreeMap::new();
    for (_, schemas) in sides {
        for schema in schemas.iter() {
            for object in &schema.ignored {
                let name = format!(
                    "{}.{}",
                    crate::ident::display_ident(&schema.name),
                    object.name
                );
                by_kind.entry(object.kind.as_str()).or_default().push(name);
            }
        }
    }
    if by_kind.is_empty() {
        return None;
    }
    for names in by_kind.values_mut() {
        names.sort();
        names.dedup();
    }
    let count = by_kind.values().map(Vec::len).sum();
    let kinds: Vec<String> = by_kind
        .into_iter()
        .map(|(kind, names)| format!("{kind}: {}", shown(names)))
        .collect();
    let sides: Vec<&str> = sides.iter().map(|(label, _)| label.as_str()).collect();
    Some((
        count,
        format!("{} (in {})", kinds.join("; "), sides.join(", ")),
    ))
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
