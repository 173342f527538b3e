//! Search and redraw cost per keystroke, on the embedded data and on a
//! synthetic dataset of 100 000 items (see docs/BENCHMARKS.md).

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wsis_browser::app::{Action, App};
use wsis_browser::data::{Dataset, SourceFile};
use wsis_browser::search::{SearchIndex, cache};
use wsis_browser::ui::view;

/// Queries typed one character at a time; each prefix is one keystroke.
const QUERIES: &[&str] = &[
    "70/125",
    "digital compact",
    "who e-health",
    "internet governance",
    "côte",
];

/// Typed queries for the keystroke latency distribution: the criterion
/// queries and more from the judged set of tests/relevance.
const TYPED: &[&str] = &[
    "70/125",
    "digital compact",
    "who e-health",
    "internet governance",
    "côte",
    "financing task force",
    "joao",
    "lillestrom",
    "ict for development resolution 2013",
    "stoktaking",
    "enhanced cooperation",
    "igf 2013",
    "gender",
    "a/res/70",
];

/// One 60 Hz frame.
const FRAME: std::time::Duration = std::time::Duration::from_millis(16);

/// Runs per keystroke; the median counts.
const RUNS: usize = 5;

/// Prints how many keystrokes of the typed queries have their hits within
/// one frame: every prefix is searched [`RUNS`] times, the median counts.
fn keystroke_latencies(index: &SearchIndex) {
    let mut times = Vec::new();
    for query in TYPED {
        for prefix in prefixes(query) {
            let mut runs: Vec<_> = (0..RUNS)
                .map(|_| {
                    let start = std::time::Instant::now();
                    std::hint::black_box(index.search_hits(prefix, None));
                    start.elapsed()
                })
                .collect();
            runs.sort();
            times.push((runs[RUNS / 2], prefix));
        }
    }
    times.sort();
    let within = times.iter().filter(|(t, _)| *t <= FRAME).count();
    let at = |percent: usize| times[(times.len() - 1) * percent / 100].0;
    println!(
        "100k keystrokes: {within} of {} within {FRAME:?} ({} %); median {:?}, p90 {:?}, max {:?} ({:?})",
        times.len(),
        within * 100 / times.len(),
        at(50),
        at(90),
        times.last().map(|t| t.0).unwrap_or_default(),
        times.last().map(|t| t.1).unwrap_or_default(),
    );
}

fn big(n: usize) -> Dataset {
    let mut text = Vec::new();
    synth::write(n, &mut text).expect("in-memory write");
    let mut files = SourceFile::embedded();
    files.push(SourceFile {
        name: "synth.ron".into(),
        text: String::from_utf8(text).expect("UTF-8"),
        embedded: false,
    });
    Dataset::from_files(&files).expect("valid synthetic data")
}

fn prefixes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .skip(1)
        .map(|(i, _)| &query[..i])
        .chain([query])
        .collect()
}

/// One keystroke in the app: the query grows by a character, then a frame is drawn.
fn keystroke_and_frame(c: &mut Criterion, name: &str, data: &Dataset) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    c.bench_function(name, |b| {
        b.iter_batched_ref(
            || {
                let mut app = App::new(data);
                app.update(Action::StartSearch);
                for c in "digital compac".chars() {
                    app.update(Action::SearchInput(c));
                }
                app
            },
            |app| {
                app.update(Action::SearchInput('t'));
                terminal.draw(|frame| view(app, frame)).expect("draw");
            },
            BatchSize::LargeInput,
        )
    });
}

fn per_keystroke(c: &mut Criterion, group: &str, index: &SearchIndex) {
    let mut g = c.benchmark_group(group);
    for query in QUERIES {
        g.bench_function(format!("whole query {query:?}"), |b| {
            b.iter(|| {
                for prefix in prefixes(query) {
                    std::hint::black_box(index.search_hits(prefix, None));
                }
            })
        });
        g.bench_function(format!("last keystroke {query:?}"), |b| {
            b.iter(|| std::hint::black_box(index.search_hits(query, None)))
        });
    }
    g.finish();
}

fn embedded(c: &mut Criterion) {
    let data = Dataset::embedded().expect("embedded data");
    keystroke_and_frame(c, "embedded: keystroke + frame", &data);
    per_keystroke(c, "embedded search", &SearchIndex::new(&data));
}

fn large(c: &mut Criterion) {
    let data = big(100_000);
    c.bench_function("100k: build index", |b| b.iter(|| SearchIndex::new(&data)));
    query_index(c, &data);
    keystroke_and_frame(c, "100k: keystroke + frame", &data);
    let index = SearchIndex::new(&data);
    keystroke_latencies(&index);
    cached(c, &data);
    per_keystroke(c, "100k search", &index);
    let mut g = c.benchmark_group("100k first keystroke");
    for c in ["d", "7", "w"] {
        g.bench_function(c, |b| b.iter(|| std::hint::black_box(index.search_hits(c, None))));
    }
    g.finish();
}

/// Queries of a cold `wsis search` (issue 14's figures): its index of
/// the query's words alone is built before searching.
const COLD_QUERIES: &[&str] = &["igf", "internet governance", "70/125", "e-health"];

/// What a cold `wsis search` builds before searching: the index of its
/// query's words (`SearchIndex::for_query`).
fn query_index(c: &mut Criterion, data: &Dataset) {
    let mut g = c.benchmark_group("100k query's index");
    for query in COLD_QUERIES {
        g.bench_function(*query, |b| b.iter(|| SearchIndex::for_query(data, query)));
    }
    g.finish();
}

/// What `wsis search` does with a cached index: open the file (read on
/// demand, as it is large), then search.
fn cached(c: &mut Criterion, data: &Dataset) {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = cache::Key::new(&[]).expect("key");
    cache::store(dir.path(), &key, &SearchIndex::build(data, key.as_str())).expect("stored");
    let mut g = c.benchmark_group("100k cached");
    g.bench_function("open", |b| b.iter(|| cache::load(dir.path(), &key).expect("loads")));
    for query in QUERIES {
        g.bench_function(format!("open + search {query:?}"), |b| {
            b.iter(|| std::hint::black_box(cache::load(dir.path(), &key).expect("loads").search_hits(query, None)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = embedded, large
}
criterion_main!(benches);
