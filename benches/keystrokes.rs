//! Per-keystroke latency along the scale curve: every prefix of every query
//! of the set is one keystroke; each is searched a few times and its median
//! kept; the distribution is printed per size (median, 90th percentile,
//! worst, and the share answered within 16 ms and within 100 ms).
//! A search is `SearchIndex::search_hits`, what the browser's worker runs
//! and the search overlay waits for: the count, and the first hits
//! ordered, explained and ready to draw (the others are ordered when
//! first looked at, `search::Hits`).
//!
//! `cargo bench --bench keystrokes` (sizes 1000, 10000, 100000), or
//! `WSIS_SCALE_SIZES=1000000 cargo bench --bench keystrokes` (a million
//! items as ten files of 100 000; several GB of memory).
//! `WSIS_KEYSTROKES=c,i,int` times those keystrokes instead of the set's
//! (for a profiler, or `perf stat` against `WSIS_KEYSTROKES=` alone).
//! `WSIS_KEYSTROKE_DETAIL=1` prints each keystroke, with what ordering
//! all its hits costs on the first look past the first (End, once), and
//! what reaching its middle hit costs (a reload's kept hit, `Hits::reach`).
//! A second line gives the same distribution of the time each search ran
//! on a core (Linux), steadier than the clock when the cores are shared.

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

use std::time::{Duration, Instant};

use wsis_browser::data::{Dataset, SourceFile};
use wsis_browser::search::SearchIndex;

/// The query set of docs/BENCHMARKS.md.
const QUERIES: &[&str] = &[
    "70/125",
    "digital compact",
    "who e-health",
    "internet governance",
    "igf",
    "côte",
];

/// Each keystroke's time is the median of this many searches.
const REPEATS: usize = 5;

/// Files of the synthetic data hold at most this many items each.
const PER_FILE: usize = 100_000;

const FRAME_BUDGET: Duration = Duration::from_millis(16);
const SLOW_BUDGET: Duration = Duration::from_millis(100);

fn dataset(n: usize) -> Dataset {
    let mut files = SourceFile::embedded();
    for first in (0..n).step_by(PER_FILE) {
        let mut text = Vec::new();
        synth::write_range(first, PER_FILE.min(n - first), &mut text).expect("in-memory write");
        files.push(SourceFile {
            name: format!("synth-{first}.ron"),
            text: String::from_utf8(text).expect("UTF-8"),
            embedded: false,
        });
    }
    Dataset::from_files(&files).expect("valid synthetic data")
}

fn keystrokes() -> Vec<String> {
    if let Ok(chosen) = std::env::var("WSIS_KEYSTROKES") {
        return chosen
            .split(',')
            .filter(|q| !q.is_empty())
            .map(str::to_string)
            .collect();
    }
    QUERIES
        .iter()
        .flat_map(|query| {
            query
                .char_indices()
                .map(|(at, c)| query[..at + c.len_utf8()].to_string())
        })
        .collect()
}

/// The time this thread has run on a core (Linux: the first field of
/// `/proc/thread-self/schedstat`, in ns), if known: unlike the clock, it
/// leaves out the time spent waiting for a core another process held.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// A keystroke's median time by the clock, and on the core if known.
fn median_search(index: &SearchIndex, query: &str) -> (Duration, Option<Duration>) {
    let mut times = Vec::with_capacity(REPEATS);
    let mut on_core = Vec::with_capacity(REPEATS);
    for _ in 0..REPEATS {
        let cpu = thread_cpu();
        let start = Instant::now();
        std::hint::black_box(index.search_hits(query, None));
        times.push(start.elapsed());
        on_core.extend(
            cpu.zip(thread_cpu())
                .map(|(before, after)| after.saturating_sub(before)),
        );
    }
    times.sort();
    on_core.sort();
    (times[REPEATS / 2], on_core.get(REPEATS / 2).copied())
}

/// The distribution of `times` (sorted): median, p90, worst, and the
/// shares within one frame and within the slow budget.
fn summary(times: &[Duration]) -> String {
    let share = |budget: Duration| 100 * times.iter().filter(|&&t| t <= budget).count() / times.len();
    let at = |fraction: usize| times[(times.len() * fraction / 100).min(times.len() - 1)];
    format!(
        "{}\t{:.2?}\t{:.2?}\t{:.2?}\t{}%\t{}%",
        times.len(),
        at(50),
        at(90),
        times[times.len() - 1],
        share(FRAME_BUDGET),
        share(SLOW_BUDGET)
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("WSIS_SCALE_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!("items\tkeystrokes\tmedian\tp90\tworst\t<=16ms\t<=100ms");
    for n in sizes {
        let data = dataset(n);
        let index = SearchIndex::new(&data);
        let measured: Vec<(Duration, Option<Duration>)> =
            keystrokes().into_iter().map(|q| median_search(&index, &q)).collect();
        if std::env::var_os("WSIS_KEYSTROKE_DETAIL").is_some() {
            for (query, (time, cpu)) in keystrokes().into_iter().zip(&measured) {
                let hits = index.search_hits(&query, None);
                // What the first look past the first hits costs, once (End).
                let start = Instant::now();
                std::hint::black_box(hits.all());
                let past = start.elapsed();
                // What a reload's kept hit halfway down costs (`Hits::reach`).
                let kept = hits.all().get(hits.len() / 2).map(|hit| hit.item);
                let fresh = index.search_hits(&query, None);
                let start = Instant::now();
                std::hint::black_box(kept.and_then(|item| fresh.reach(item)));
                let reached = start.elapsed();
                let on_core = cpu.map(|cpu| format!("\t(on a core {cpu:.2?})")).unwrap_or_default();
                let count = hits.len();
                println!(
                    "  {query:?}\t{time:.2?}{on_core}\t{count} hits\t(all ordered once: {past:.2?}; the middle hit reached: {reached:.2?})"
                );
            }
        }
        if measured.is_empty() {
            println!("{}\t0 (setup only)", data.len());
            continue;
        }
        let mut times: Vec<Duration> = measured.iter().map(|m| m.0).collect();
        times.sort();
        println!("{}\t{}", data.len(), summary(&times));
        // On a shared machine the clock counts time other processes held
        // the core; the time on a core does not.
        let mut on_core: Vec<Duration> = measured.iter().filter_map(|m| m.1).collect();
        if on_core.len() == times.len() {
            on_core.sort();
            println!("{}\t{}\t(on a core)", data.len(), summary(&on_core));
        }
    }
}
