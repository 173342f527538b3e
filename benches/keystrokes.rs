//! Per-keystroke latency along the scale curve: every prefix of every query
//! of the set is one keystroke; each is searched a few times and its median
//! kept; the distribution is printed per size (median, 90th percentile,
//! worst, and the share answered within 16 ms and within 100 ms).
//!
//! `cargo bench --bench keystrokes` (sizes 1000, 10000, 100000), or
//! `WSIS_SCALE_SIZES=1000000 cargo bench --bench keystrokes` (a million
//! items as ten files of 100 000; several GB of memory).
//! `WSIS_KEYSTROKES=c,i,int` times those keystrokes instead of the set's
//! (for a profiler, or `perf stat` against `WSIS_KEYSTROKES=` alone).

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

fn median_search(index: &SearchIndex, query: &str) -> Duration {
    let mut times: Vec<Duration> = (0..REPEATS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(index.search(query, None));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[REPEATS / 2]
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
        let mut times: Vec<Duration> = keystrokes().into_iter().map(|q| median_search(&index, &q)).collect();
        if std::env::var_os("WSIS_KEYSTROKE_DETAIL").is_some() {
            for (query, time) in keystrokes().into_iter().zip(&times) {
                println!("  {query:?}\t{time:.2?}\t{} hits", index.search(&query, None).len());
            }
        }
        times.sort();
        if times.is_empty() {
            println!("{}\t0 (setup only)", data.len());
            continue;
        }
        let share = |budget: Duration| 100 * times.iter().filter(|&&t| t <= budget).count() / times.len();
        let at = |fraction: usize| times[(times.len() * fraction / 100).min(times.len() - 1)];
        println!(
            "{}\t{}\t{:.2?}\t{:.2?}\t{:.2?}\t{}%\t{}%",
            data.len(),
            times.len(),
            at(50),
            at(90),
            times[times.len() - 1],
            share(FRAME_BUDGET),
            share(SLOW_BUDGET)
        );
    }
}
