//! One error type for the whole extension, and the one place that gives each error its SQLSTATE.

use pgrx::PgSqlErrorCode;
use pgrx::pg_sys::panic::ErrorReport;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 3F000 invalid_schema_name
    #[error("schema \"{0}\" does not exist")]
    SchemaNotFound(String),

    /// 3F000 invalid_schema_name: a schema named in `schemas` that neither side holds: a typo
    /// would otherwise read as "no drift".
    #[error(
        "schema \"{schema}\" does not exist in the source ({source_side}) nor in the target ({target_side})"
    )]
    SchemaOnNeitherSide {
        schema: String,
        source_side: String,
        target_side: String,
    },

    /// 22004 null_value_not_allowed
    #[error("argument \"{0}\" of {1} must not be null")]
    NullArgument(&'static str, &'static str),

    /// 2BP01 dependent_objects_still_exist: the plan destroys data and the caller did not say
    /// `unsafe => true`, as PostgreSQL refuses a DROP that would need CASCADE.
    #[error("the migration plan would destroy data: {}", .statements.first().map(String::as_str).unwrap_or(""))]
    DataLoss { statements: Vec<String> },

    /// XX000: the server's deparsed text did not have the shape we rely on.
    #[error("could not read the definition of {0}")]
    UnreadableDefinition(String),

    /// XX000: a bug, never a silent wrong order.
    #[error("the migration plan has a dependency cycle between {0}")]
    Cycle(String),

    /// 0A000 feature_not_supported: the plan would drop or remake a routine (or what it needs)
    /// that an object of a kind not compared yet calls; that object could not be made again.
    #[error(
        "the plan would drop {needed}, which {object} needs, and that kind of object is not compared yet"
    )]
    NotComparedDependent { object: String, needed: String },

    /// 0A000 feature_not_supported: a table of a kind the plan does not make (one a snapshot of
    /// an older migra names as not compared: partitioned, inherited, foreign) differs between the sides, or is such a table on one side and a plain one on the other;
    /// a plan would build around it or drop it.
    #[error("cannot plan around {}: a table of a kind this version does not compare differs", .objects.first().map(String::as_str).unwrap_or(""))]
    NotComparedTables { objects: Vec<String> },

    /// 0A000 feature_not_supported: a plain table that is a foreign table on the other side, a
    /// foreign table whose server changes, or a foreign table in a partition or inheritance tree
    /// that differs: each would mean making the table again (a plain one's rows lost), which
    /// this version refuses rather than plan around.
    #[error(
        "cannot change {table} from {from} to {to}: the table would have to be made again, which this version does not plan"
    )]
    ForeignTableChange {
        table: String,
        from: String,
        to: String,
    },

    /// 0A000 feature_not_supported: a server whose foreign-data wrapper or TYPE changes must be
    /// dropped and made again, which a foreign table on it both sides keep (or a user mapping
    /// with a secret, whose value is never read) stands in the way of.
    #[error(
        "cannot change server {server} from {from} to {to}: it would have to be made again, and {user} stays on it"
    )]
    ServerChange {
        server: String,
        from: String,
        to: String,
        user: String,
    },

    /// 0A000 feature_not_supported
    #[error("server version {0} is not supported: migra reads PostgreSQL 12 and later")]
    UnsupportedServer(i32),

    /// 42883 undefined_function: remote reads need the dblink extension.
    #[error("reading another database needs the dblink extension")]
    DblinkMissing,

    /// 22023 invalid_parameter_value
    #[error("snapshot has format {found}, this version of migra reads format {expected}")]
    SnapshotFormat { found: String, expected: u32 },

    /// 22023 invalid_parameter_value
    #[error("not a migra snapshot: {0}")]
    SnapshotInvalid(String),

    /// 22023 invalid_parameter_value: a field of a snapshot or of a remote server's document that
    /// is not what it may be (see `untrusted`).
    #[error("{origin} field \"{field}\" of {object} is not allowed ({reason}): {value}")]
    UntrustedText {
        origin: &'static str,
        object: String,
        field: &'static str,
        reason: &'static str,
        value: String,
    },

    /// 08P01 protocol_violation: a remote server answered the catalog query with something that
    /// is not a catalog document.
    #[error("the remote server did not return a catalog document: {0}")]
    RemoteDocument(String),

    /// 08006 connection_failure
    #[error("the connection to the remote server failed: {0}")]
    RemoteLost(&'static str),

    /// 22023 invalid_parameter_value: the text is neither a libpq connection string nor the name
    /// of a foreign server. The text itself is never shown: it may hold a password.
    #[error(
        "the {0} connection is neither a valid connection string nor the name of a foreign server"
    )]
    Connection(&'static str, &'static str),

    /// 08001 sqlclient_unable_to_establish_sqlconnection: the server did not answer within the
    /// connection's connect timeout (kept by migra on PostgreSQL 16 and later, where dblink
    /// connects without it).
    #[error(
        "could not connect to the {which} database: no answer within {seconds} seconds (connect_timeout)"
    )]
    ConnectTimeout { which: &'static str, seconds: u64 },

    /// 22023 invalid_parameter_value: system schemas are not compared.
    #[error("schema \"{0}\" is a system schema: migra compares user schemas only")]
    SystemSchema(String),

    /// P0004 assert_failure: `migra_assert_no_drift` found differences. The message names the
    /// first few, because a scheduler's log (pg_cron's `return_message`) keeps only the message.
    #[error("schema drift: {} difference{} from the expected schema: {}", .changes.len(), if .changes.len() == 1 { "" } else { "s" }, drift_summary(.changes))]
    Drift { changes: Vec<DriftChange> },

    /// 42704 undefined_object
    #[error("baseline \"{0}\" does not exist")]
    BaselineNotFound(String),

    /// 42704 undefined_object: `with_owners` gives an object to a role this database lacks;
    /// migra compares roles by name and never creates one.
    #[error("role \"{role}\" does not exist: the plan {object}")]
    RoleNotFound { role: String, object: String },

    /// 22023 invalid_parameter_value: a fleet call's limits.
    #[error("{0}")]
    InvalidArgument(String),

    /// 55P03 lock_not_available: a relation to read stayed locked by DDL for longer than
    /// `migra.lock_timeout`.
    #[error(
        "could not read {relation}: a transaction held it for {milliseconds} ms (migra.lock_timeout)"
    )]
    LockTimeout { relation: String, milliseconds: i32 },

    /// 55P03 lock_not_available: `migra_apply` gave up on a statement's lock after its retries.
    #[error(
        "gave up waiting for the lock of {statement} after {attempts} attempts of {lock_timeout_ms} ms each{held}"
    )]
    LockGaveUp {
        statement: String,
        attempts: u32,
        lock_timeout_ms: u64,
        held: String,
    },

    /// 25001 active_sql_transaction: `migra_apply` runs in the caller's transaction, and these
    /// statements of a lock-safe plan cannot run in one, nor from a function.
    #[error("the plan holds {} statement{} that cannot run in a transaction block: {}", .statements.len(), if .statements.len() == 1 { "" } else { "s" }, .statements.first().map(String::as_str).unwrap_or(""))]
    NonTransactional { statements: Vec<String> },

    /// 40001 serialization_failure: DDL committed while the catalogs were read, each time
    /// they were read; running the call again is the remedy, as for any serialization failure.
    #[error("the catalogs changed while they were read ({attempts} attempts): {last}")]
    CatalogsChanging { attempts: usize, last: String },

    /// XX000: the catalog query could not run as it should.
    #[error("could not read the catalogs: {0}")]
    Catalog(String),

    /// XX000
    #[error("could not decode the catalog document: {0}")]
    Decode(#[from] serde_json::Error),

    /// The target script of `migra_diff_from_sql` failed: PostgreSQL's SQLSTATE and message, with
    /// the line and column (from 1) where it went wrong, and the statement in the DETAIL.
    #[error("target_sql line {line}, column {column}: {message}")]
    Script {
        code: PgSqlErrorCode,
        line: usize,
        column: usize,
        message: String,
        statement: String,
    },

    /// XX000, never raised: how `migra_verify` has its proof's subtransaction rolled back.
    #[error("the proof was rolled back")]
    RolledBack,

    /// XX000
    #[error(transparent)]
    Spi(#[from] pgrx::spi::Error),
}

impl Error {
    pub fn sqlstate(&self) -> PgSqlErrorCode {
        match self {
            Error::SchemaNotFound(_) | Error::SchemaOnNeitherSide { .. } => {
                PgSqlErrorCode::ERRCODE_INVALID_SCHEMA_NAME
            }
            Error::NullArgument(..) => PgSqlErrorCode::ERRCODE_NULL_VALUE_NOT_ALLOWED,
            Error::DataLoss { .. } => PgSqlErrorCode::ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST,
            Error::UnsupportedServer(_)
            | Error::NotComparedDependent { .. }
            | Error::NotComparedTables { .. }
            | Error::ForeignTableChange { .. }
            | Error::ServerChange { .. } => PgSqlErrorCode::ERRCODE_FEATURE_NOT_SUPPORTED,
            Error::DblinkMissing => PgSqlErrorCode::ERRCODE_UNDEFINED_FUNCTION,
            Error::SnapshotFormat { .. }
            | Error::SnapshotInvalid(_)
            | Error::UntrustedText { .. }
            | Error::Connection(..)
            | Error::SystemSchema(_) => PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE,
            Error::RemoteDocument(_) => PgSqlErrorCode::ERRCODE_PROTOCOL_VIOLATION,
            Error::Drift { .. } => PgSqlErrorCode::ERRCODE_ASSERT_FAILURE,
            Error::BaselineNotFound(_) | Error::RoleNotFound { .. } => {
                PgSqlErrorCode::ERRCODE_UNDEFINED_OBJECT
            }
            Error::InvalidArgument(_) => PgSqlErrorCode::ERRCODE_INVALID_PARAMETER_VALUE,
            Error::RemoteLost(_) => PgSqlErrorCode::ERRCODE_CONNECTION_FAILURE,
            Error::CatalogsChanging { .. } => PgSqlErrorCode::ERRCODE_T_R_SERIALIZATION_FAILURE,
            Error::LockTimeout { .. } | Error::LockGaveUp { .. } => {
                PgSqlErrorCode::ERRCODE_LOCK_NOT_AVAILABLE
            }
            Error::NonTransactional { .. } => PgSqlErrorCode::ERRCODE_ACTIVE_SQL_TRANSACTION,
            Error::Script { code, .. } => *code,
            Error::ConnectTimeout { .. } => {
                PgSqlErrorCode::ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION
            }
            Error::UnreadableDefinition(_)
            | Error::Cycle(_)
            | Error::Catalog(_)
            | Error::Decode(_)
            | Error::Spi(_)
            | Error::RolledBack => PgSqlErrorCode::ERRCODE_INTERNAL_ERROR,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            Error::DataLoss { statements } => {
                const SHOWN: usize = 5;
                let mut detail = format!(
                    "{} statement{} can destroy data:",
                    statements.len(),
                    if statements.len() == 1 { "" } else { "s" }
                );
                for s in statements.iter().take(SHOWN) {
                    detail.push_str("\n  ");
                    detail.push_str(s);
                }
                if statements.len() > SHOWN {
                    detail.push_str(&format!("\n  ... and {} more", statements.len() - SHOWN));
                }
                Some(detail)
            }
            Error::Script { statement, .. } => {
                const SHOWN: usize = 400;
                let shown: String = statement.chars().take(SHOWN).collect();
                let more = if statement.chars().count() > SHOWN {
                    " ..."
                } else {
                    ""
                };
                Some(format!("in the statement: {shown}{more}"))
            }
            Error::NotComparedTables { objects } => Some(format!(
                "tables not compared that differ: {}",
                objects.join(", ")
            )),
            Error::Drift { changes } => {
                const SHOWN: usize = 20;
                let mut detail =
                    String::from("statements that take this database to the expected schema:");
                for change in changes.iter().take(SHOWN) {
                    detail.push_str("\n  ");
                    detail.push_str(&change.statement);
                }
                if changes.len() > SHOWN {
                    detail.push_str(&format!("\n  ... and {} more", changes.len() - SHOWN));
                }
                Some(detail)
            }
            _ => None,
        }
    }

    fn hint(&self) -> Option<&'static str> {
        match self {
            Error::SchemaNotFound(_) | Error::SchemaOnNeitherSide { .. } => {
                Some("Check the spelling, or create the schema first.")
            }
            Error::NotComparedDependent { .. } => Some(
                "Make that change by hand first (drop the object, or keep what it needs), then diff again.",
            ),
            Error::NotComparedTables { .. } => Some(
                "Make that table the same on both sides by hand (or leave its schema out with exclude_schemas), then diff again.",
            ),
            Error::ServerChange { .. } => Some(
                "Make that change by hand (drop what uses the server, drop it and create it again), then diff again.",
            ),
            Error::ForeignTableChange { .. } => Some(
                "Make that change by hand (drop the table and create it again), then diff again.",
            ),
            Error::DblinkMissing => Some("CREATE EXTENSION dblink;"),
            Error::CatalogsChanging { .. } => {
                Some("DDL kept changing the schemas being read: run the call again.")
            }
            Error::UntrustedText { .. } => Some(
                "The document was not written by migra as it is, or the server it came from is not an ordinary PostgreSQL server.",
            ),
            Error::Connection(_, reason) => Some(reason),
            Error::ConnectTimeout { .. } => Some(
                "Check that the server is up and reachable; set connect_timeout in the connection string, \
                 or in the foreign server's OPTIONS, to wait longer.",
            ),
            Error::SnapshotFormat { .. } => {
                Some("Take the snapshot again with this version's migra_snapshot().")
            }
            Error::Drift { .. } => {
                Some("migra_drift() with the same arguments lists every statement.")
            }
            Error::BaselineNotFound(_) => {
                Some("SELECT name, saved_at FROM migra_baselines; lists the saved baselines.")
            }
            Error::RoleNotFound { .. } => Some(
                "migra never creates roles: create the role first (or, for an owner, call without with_owners => true).",
            ),
            Error::DataLoss { .. } => Some(
                "Review the statements with hazards, then call again with unsafe => true to get the plan.",
            ),
            Error::LockGaveUp { .. } => Some(
                "Nothing of the plan is committed: try again later, or with more retries or a longer lock_timeout.",
            ),
            Error::NonTransactional { .. } => Some(
                "Run the plan of migra_diff(..., lock_safe => true) from psql outside a transaction block (\\gexec), or call migra_apply without lock_safe.",
            ),
            Error::UnreadableDefinition(_) | Error::Cycle(_) => {
                Some("This is a bug in migra: please report it with the two schemas.")
            }
            _ => None,
        }
    }
}

/// One difference a drift check found: what it is and the statement that undoes it.
#[derive(Debug, Clone)]
pub struct DriftChange {
    pub kind: String,
    pub identity: String,
    pub action: String,
    pub statement: String,
}

impl DriftChange {
    /// `alter column public.t.c`, or `not compared: partitioned table public.e (only in the target)`.
    fn summary(&self) -> String {
        if self.kind == "not compared" {
            format!("not compared: {}", self.identity)
        } else {
            format!("{} {} {}", self.action, self.kind, self.identity)
        }
    }
}

/// `alter column public.t.c, drop table public.u, and 3 more`: short enough for one line.
fn drift_summary(changes: &[DriftChange]) -> String {
    const SHOWN: usize = 3;
    let mut text = changes
        .iter()
        .take(SHOWN)
        .map(DriftChange::summary)
        .collect::<Vec<_>>()
        .join(", ");
    if changes.len() > SHOWN {
        text.push_str(&format!(", and {} more", changes.len() - SHOWN));
    }
    text
}

impl From<Error> for ErrorReport {
    #[track_caller]
    fn from(e: Error) -> Self {
        let mut report = ErrorReport::new(e.sqlstate(), e.to_string(), "migra");
        if let Some(detail) = e.detail() {
            report = report.set_detail(detail);
        }
        if let Some(hint) = e.hint() {
            report = report.set_hint(hint);
        }
        report
    }
}
