//! Where a cold load spends its time and memory, for profiling: with
//! `WSIS_TRACE_LOAD` set, each stage of loading prints to stderr the time
//! since the first mark, the resident memory and its peak so far (Linux;
//! elsewhere only the time). Unset, a mark costs one cached check.

use std::sync::OnceLock;
use std::time::Instant;

/// The environment variable that turns tracing on.
pub const TRACE_VARIABLE: &str = "WSIS_TRACE_LOAD";

fn start() -> Option<&'static Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    START
        .get_or_init(|| std::env::var_os(TRACE_VARIABLE).map(|_| Instant::now()))
        .as_ref()
}

/// Prints one line for `stage`, when tracing is on.
pub fn mark(stage: &str) {
    let Some(start) = start() else { return };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let memory = memory_line().unwrap_or_default();
    eprintln!("wsis-trace: {ms:8.1} ms {stage}{memory}");
}

/// ", rss N MB, peak N MB" from /proc/self/status.
fn memory_line() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    };
    Some(format!(", rss {} MB, peak {} MB", field("VmRSS:")?, field("VmHWM:")?))
}
