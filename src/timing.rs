//! Where a call's time goes, by stage, for `SET migra.timing = on` (and the benchmark): the
//! fingerprint query, the catalog query, decoding their documents, checking untrusted text, the
//! diff, the order, the rows.
//! Off by default, when it costs a clock read per stage.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use pgrx::pg_sys::panic::ErrorReport;
use pgrx::{GucContext, GucFlags, GucRegistry, GucSetting, PgLogLevel, PgSqlErrorCode};

static TIMING: GucSetting<bool> = GucSetting::<bool>::new(false);

pub fn define_setting() {
    GucRegistry::define_bool_guc(
        c"migra.timing",
        c"Reports where each migra call spent its time.",
        c"When on, every migra function ends with an INFO message that gives the milliseconds spent in each stage: fingerprints, query, decode, checks, diff, order, render, rows.",
        &TIMING,
        GucContext::Userset,
        GucFlags::default(),
    );
}

thread_local! {
    static STAGES: RefCell<Vec<(&'static str, Duration)>> = const { RefCell::new(Vec::new()) };
}

/// Forgets what an earlier call measured: every API function starts with it.
pub fn start() {
    STAGES.with(|s| s.borrow_mut().clear());
}

/// Runs `work`, adding its time to `stage`.
pub fn measure<T>(stage: &'static str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    let spent = started.elapsed();
    STAGES.with(|s| {
        let mut stages = s.borrow_mut();
        match stages.iter_mut().find(|(name, _)| *name == stage) {
            Some((_, total)) => *total += spent,
            None => stages.push((stage, spent)),
        }
    });
    result
}

/// `migra timing: query 812.31 ms, decode 22.20 ms, ...`, as an INFO, when `migra.timing` is on.
pub fn report(function: &str) {
    if !TIMING.get() {
        return;
    }
    let stages = STAGES.with(|s| s.borrow().clone());
    let text: Vec<String> = stages
        .iter()
        .map(|(name, spent)| format!("{name} {:.2} ms", spent.as_secs_f64() * 1000.0))
        .collect();
    ErrorReport::new(
        PgSqlErrorCode::ERRCODE_SUCCESSFUL_COMPLETION,
        format!("migra timing of {function}: {}", text.join(", ")),
        "migra",
    )
    .report(PgLogLevel::INFO);
}
