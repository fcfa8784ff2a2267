//! Reads many databases at once for a fleet drift check: each over its own dblink connection,
//! at most `in_flight` at a time, each within its own time limit. A database that cannot be
//! reached, or fails, or runs out of time is an error of its own, never the whole call's.
//!
//! Every connection moves through two queries, sent with `dblink_send_query` and collected only
//! once `dblink_is_busy` says a result is there, so one slow server holds up no other: the
//! server's version (which picks the catalog query), then the catalog query in one statement,
//! as `crate::remote` reads a side. Only connecting waits, as `dblink_connect` does, for at most
//! the connection's `connect_timeout`.

use std::time::{Duration, Instant};

use pgrx::prelude::*;

use crate::catalog;
use crate::dblink::Dblink;
use crate::error::Error;
use crate::model::Database;
use crate::remote;
use crate::subtransaction::catching;

/// What reading one database gave: its model, or the text of what went wrong.
pub type Outcome = Result<Database, String>;

/// Limits of one fleet read.
pub struct Limits {
    /// Connections open at once.
    pub in_flight: usize,
    /// From connecting to the last row, for each database.
    pub timeout: Duration,
}

/// The prefix of the dblink connections a fleet read holds open, `migra_fleet_<n>`.
const CONNECTION_PREFIX: &str = "migra_fleet_";

enum Stage {
    Version,
    Catalog,
}

/// One database being read.
struct Flight {
    index: usize,
    name: String,
    stage: Stage,
    started: Instant,
    /// The rows of the last result of the current query (a `SET` gives its status first).
    rows: Vec<String>,
}

/// Reads every database of `connections` (connection strings or foreign server names), in their
/// order.
pub fn read(
    connections: &[String],
    schemas: Option<&[String]>,
    excluded: Option<&[String]>,
    limits: &Limits,
) -> Result<Vec<Outcome>, Error> {
    if let Some(names) = schemas {
        names
            .iter()
            .try_for_each(|n| catalog::refuse_system_schema(n))?;
    }
    let mut outcomes: Vec<Option<Outcome>> = (0..connections.len()).map(|_| None).collect();
    let rows = Spi::connect(|client| {
        let dblink = Dblink::find(client)?;
        dblink.close_left_over(|name| name.starts_with(CONNECTION_PREFIX))?;
        let reader = Reader {
            dblink: &dblink,
            schemas,
            excluded,
        };
        let mut rows: Vec<Option<Vec<String>>> = (0..connections.len()).map(|_| None).collect();
        let mut next = 0;
        let mut flights: Vec<Flight> = Vec::new();
        let mut pause_ms = 1;
        loop {
            while flights.len() < limits.in_flight && next < connections.len() {
                let index = next;
                next += 1;
                match catching(|| reader.start(index, &connections[index])) {
                    Ok(flight) => flights.push(flight),
                    Err(error) => outcomes[index] = Some(Err(error)),
                }
            }
            if flights.is_empty() {
                break;
            }
            let mut progressed = false;
            let mut still_flying = Vec::with_capacity(flights.len());
            for mut flight in flights {
                let step = if flight.started.elapsed() > limits.timeout {
                    Err(format!(
                        "57014: timed out after {} s",
                        limits.timeout.as_secs()
                    ))
                } else {
                    catching(|| reader.advance(&mut flight))
                };
                match step {
                    Ok(Progress::Waiting) => still_flying.push(flight),
                    Ok(Progress::Moved) => {
                        progressed = true;
                        still_flying.push(flight);
                    }
                    Ok(Progress::Done(read)) => {
                        progressed = true;
                        rows[flight.index] = Some(read);
                    }
                    Err(error) => {
                        progressed = true;
                        // the error may have come from the connection itself: closing is best effort
                        let _ = catching(|| dblink.close(&flight.name));
                        outcomes[flight.index] = Some(Err(error));
                    }
                }
            }
            flights = still_flying;
            if progressed {
                pause_ms = 1;
            } else {
                crate::dblink::pause(pause_ms);
                pause_ms = (pause_ms * 2).min(20);
            }
        }
        Ok::<_, Error>(rows)
    })?;
    // decoded once the connections are closed: checking untrusted text needs no SPI
    for (outcome, rows) in outcomes.iter_mut().zip(rows) {
        if let Some(rows) = rows {
            *outcome = Some(remote::decode(&rows).map_err(|e| format!("{e}")));
        }
    }
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Err("not read".into())))
        .collect())
}

enum Progress {
    Waiting,
    Moved,
    Done(Vec<String>),
}

struct Reader<'a, 'c> {
    dblink: &'a Dblink<'a, 'c>,
    schemas: Option<&'a [String]>,
    excluded: Option<&'a [String]>,
}

impl Reader<'_, '_> {
    /// Connects and asks the server's version.
    fn start(&self, index: usize, connection: &str) -> Result<Flight, Error> {
        let name = format!("{CONNECTION_PREFIX}{}", index + 1);
        let started = Instant::now();
        self.dblink.connect_fleet_member(&name, connection)?;
        self.dblink.send(
            &name,
            "select pg_catalog.current_setting('server_version_num')",
        )?;
        Ok(Flight {
            index,
            name,
            stage: Stage::Version,
            started,
            rows: Vec::new(),
        })
    }

    /// Collects what has arrived without waiting; sends the catalog query once the version is in.
    fn advance(&self, flight: &mut Flight) -> Result<Progress, Error> {
        let mut moved = false;
        loop {
            if self.dblink.is_busy(&flight.name)? {
                return Ok(if moved {
                    Progress::Moved
                } else {
                    Progress::Waiting
                });
            }
            let result = self.dblink.next_result(&flight.name)?;
            moved = true;
            if let Some(rows) = result {
                flight.rows = rows;
                continue;
            }
            // the query is done: its last result is in flight.rows
            let rows = std::mem::take(&mut flight.rows);
            match flight.stage {
                Stage::Version => {
                    let version = rows
                        .first()
                        .and_then(|v| v.trim().parse::<i32>().ok())
                        .ok_or_else(|| {
                            Error::RemoteDocument("it did not report its server version".into())
                        })?;
                    // the database's tables and views locked first (`crate::locks`), in the
                    // transaction the catalog query then runs in
                    let schemas = remote::array_literal(self.schemas);
                    let excluded = remote::array_literal(self.excluded);
                    self.dblink.send(&flight.name, &format!(
                        "{} {} PREPARE migra_catalog(pg_catalog.text[], pg_catalog.text[], pg_catalog.oid[]) AS {}; \
                         EXECUTE migra_catalog({}, {}, NULL)",
                        crate::locks::remote_lock_sql(&schemas, &excluded)?,
                        catalog::pinned_settings_sql(),
                        catalog::query_for(version)?,
                        remote::array_literal(self.schemas),
                        remote::array_literal(self.excluded),
                    ))?;
                    flight.stage = Stage::Catalog;
                    return Ok(Progress::Moved);
                }
                Stage::Catalog => {
                    self.dblink.disconnect(&flight.name)?;
                    if rows.is_empty() {
                        return Err(Error::RemoteDocument("it returned no value".into()));
                    }
                    return Ok(Progress::Done(rows));
                }
            }
        }
    }
}
