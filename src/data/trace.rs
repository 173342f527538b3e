//! Where a cold load spends its time and memory, for profiling: with
//! `WSIS_TRACE_LOAD` set, each stage of loading prints to stderr the time
//! since the first mark, the CPU time of the process so far (both cores:
//! against the time, how well a stage shares them), the resident memory
//! and its peak so far (Linux; elsewhere only the time). Unset, a mark
//! costs one cached check.

use std::io::Write;
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
    let cpu = cpu_ms().map(|cpu| format!(", cpu {cpu:.0} ms")).unwrap_or_default();
    // A closed stderr is no reason to panic (as `cli::to_stderr`).
    let _ = writeln!(std::io::stderr().lock(), "wsis-trace: {ms:8.1} ms {stage}{cpu}{memory}");
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

/// Milliseconds in a clock tick of /proc's CPU times (`USER_HZ`, 100 on
/// every Linux that matters here).
const MS_PER_TICK: f64 = 10.0;

/// The process's user + system CPU time in ms, from /proc/self/stat.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command's closing parenthesis, from the state on:
    // utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect();
    let ticks = |at: usize| fields.get(at)?.parse::<f64>().ok();
    Some((ticks(11)? + ticks(12)?) * MS_PER_TICK)
}
