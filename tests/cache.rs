//! `wsis search` keeps the index of its inputs in the cache directory and
//! reads it back on the next run; these tests check that a cached answer is
//! always the answer the data gives, and that any change is seen.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

use tempfile::TempDir;

struct Setup {
    dir: TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// Writes a data file dated `age` ago: a file written just now is not
    /// cached, as it might still change within the same modification time.
    fn data(&self, text: &str, age: Duration) -> PathBuf {
        let path = self.dir.path().join("extra.ron");
        fs::write(&path, text).expect("write data");
        let file = File::options().write(true).open(&path).expect("open");
        file.set_modified(SystemTime::now() - age).expect("set mtime");
        path
    }

    fn search(&self, data: &Path, args: &[&str]) -> Output {
        self.search_as(&["--json"], data, args)
    }

    /// `wsis search` with `format` (`--json`, or none for lines).
    fn search_as(&self, format: &[&str], data: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_wsis"))
            .env("XDG_CACHE_HOME", self.cache())
            .args(["--no-user-data", "search"])
            .args(format)
            .arg("--data")
            .arg(data)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    }

    fn stored(&self) -> Vec<PathBuf> {
        let dir = self.cache().join("wsis-browser");
        let Ok(entries) = fs::read_dir(dir) else {
            return Vec::new();
        };
        entries.map(|e| e.expect("entry").path()).collect()
    }
}

fn items(titles: &[(&str, &str)]) -> String {
    let items: Vec<String> = titles
        .iter()
        .map(|(id, title)| {
            format!("    Item(id: \"{id}\", category: \"wsis20\", title: \"{title}\", links: [Link(rel: PartOf, to: \"al-c1\")]),")
        })
        .collect();
    format!("[\n{}\n]\n", items.join("\n"))
}

const A_MINUTE: Duration = Duration::from_secs(60);

#[test]
fn a_cached_search_answers_as_a_fresh_one() {
    let setup = Setup::new();
    let data = setup.data(&items(&[("zebra-one", "Zebra crossing review")]), A_MINUTE);
    let first = setup.search(&data, &["zebra"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(setup.stored().len(), 1, "the first run stores the index");
    let cached = setup.search(&data, &["zebra"]);
    let fresh = setup.search(&data, &["--no-cache", "zebra"]);
    assert_eq!(first.stdout, cached.stdout);
    assert_eq!(first.stdout, fresh.stdout);
    let hits: serde_json::Value = serde_json::from_slice(&cached.stdout).expect("JSON");
    assert_eq!(hits[0]["id"], "zebra-one");
    assert_eq!(hits[0]["category"], "wsis20");
}

#[test]
fn a_changed_file_is_searched_afresh() {
    let setup = Setup::new();
    let data = setup.data(&items(&[("zebra-one", "Zebra crossing review")]), A_MINUTE);
    assert_eq!(setup.search(&data, &["hyrax"]).status.code(), Some(1));
    // Same length, another modification time: the old index must not answer.
    let data = setup.data(&items(&[("zebra-one", "Hyrax crossing review")]), 2 * A_MINUTE);
    let output = setup.search(&data, &["hyrax"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // A file changed just now is read, not cached.
    let data = setup.data(&items(&[("zebra-one", "Quagga crossing review")]), Duration::ZERO);
    assert!(setup.search(&data, &["quagga"]).status.success());
    assert_eq!(setup.search(&data, &["hyrax"]).status.code(), Some(1));
}

#[test]
fn broken_data_is_reported_after_a_cached_run() {
    let setup = Setup::new();
    let data = setup.data(&items(&[("zebra-one", "Zebra crossing review")]), A_MINUTE);
    assert!(setup.search(&data, &["zebra"]).status.success());
    let data = setup.data("[\n    Item(id: \"broken\",\n", A_MINUTE);
    let output = setup.search(&data, &["zebra"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("extra.ron:"), "{stderr}");
}

#[test]
fn a_damaged_cache_file_is_rebuilt() {
    let setup = Setup::new();
    let data = setup.data(&items(&[("zebra-one", "Zebra crossing review")]), A_MINUTE);
    let first = setup.search(&data, &["zebra"]);
    for stored in setup.stored() {
        let bytes = fs::read(&stored).expect("read");
        fs::write(&stored, &bytes[..bytes.len() / 3]).expect("truncate");
    }
    let again = setup.search(&data, &["zebra"]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(first.stdout, again.stdout);
}

#[test]
fn no_cache_stores_nothing() {
    let setup = Setup::new();
    let data = setup.data(&items(&[("zebra-one", "Zebra crossing review")]), A_MINUTE);
    assert!(setup.search(&data, &["--no-cache", "zebra"]).status.success());
    assert!(setup.stored().is_empty());
}

/// An overlay of `count` items with long summaries of many distinct words,
/// whose index is too large to be read whole (over 4 MiB).
fn many_items(count: usize) -> String {
    const WORDS: [&str; 8] = [
        "zebra", "hyrax", "quagga", "okapi", "tapir", "dugong", "serval", "gerenuk",
    ];
    let items: Vec<String> = (0..count)
        .map(|n| {
            let summary: Vec<String> = (0..60)
                .map(|k| format!("{}{}", WORDS[(n + k) % WORDS.len()], (n * 31 + k * 7) % 5000))
                .collect();
            format!(
                "    Item(id: \"many-{n}\", category: \"wsis20\", title: \"Herd {n} {}\", summary: \"{}\", links: [Link(rel: PartOf, to: \"al-c1\")]),",
                WORDS[n % WORDS.len()],
                summary.join(" ")
            )
        })
        .collect();
    format!("[\n{}\n]\n", items.join("\n"))
}

#[test]
fn a_large_index_read_on_demand_answers_as_a_fresh_one() {
    let setup = Setup::new();
    let data = setup.data(&many_items(6000), A_MINUTE);
    let first = setup.search(&data, &["zebra"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let stored = setup.stored();
    let size = fs::metadata(&stored[0]).expect("stored index").len();
    assert!(size > 4 << 20, "the index ({size} bytes) is read on demand");
    for query in ["zebra", "okapi12", "herd 17", "gerenk"] {
        // Lines (thousands of hits for "zebra": explained on every core)
        // and JSON.
        for format in [&[][..], &["--json"]] {
            let cached = setup.search_as(format, &data, &[query]);
            let fresh = setup.search_as(format, &data, &["--no-cache", query]);
            assert!(cached.status.success(), "{query} {format:?}");
            assert_eq!(cached.stdout, fresh.stdout, "{query} {format:?}");
        }
    }
}
