//! The parsed dataset is kept in the cache directory: a run that reads it
//! prints exactly what a run that parses prints, a damaged one is rebuilt,
//! `--no-cache` neither reads nor writes it, and a load with skipped files
//! is never stored.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

use common::tmux;
use tempfile::TempDir;

/// Turns on the load trace (`wsis_browser::data::trace`).
const TRACE_VARIABLE: &str = "WSIS_TRACE_LOAD";
/// The trace's mark of a `list` read from the stored rows alone.
const LIST_ROWS_READ: &str = "list rows read";
/// The trace's mark of a `show` read from one item's records alone.
const ONE_ITEM_READ: &str = "one item read";
/// The trace's mark of a `cite` or `open` read from their items' records alone.
const NAMED_ITEMS_READ: &str = "named items read";
/// Makes `open` print the link instead of opening it.
const OPEN_DRY_RUN: &str = "WSIS_OPEN_DRY_RUN";

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

    /// Writes a data file dated a minute ago, so its load may be stored.
    fn data(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        common::write_settled(&path, text.as_bytes());
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("runs")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wsis"));
        command
            .env("XDG_CACHE_HOME", self.cache())
            .env_remove(TRACE_VARIABLE)
            .env(OPEN_DRY_RUN, "would-open")
            .arg("--no-user-data")
            .args(args)
            .stdin(Stdio::null());
        command
    }

    /// What `args` print on stderr with the load traced: the stages it went through.
    fn traced(&self, args: &[&str]) -> String {
        let out = self.command(args).env(TRACE_VARIABLE, "1").output().expect("runs");
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// [`Self::traced`], for a command that may fail.
    fn traced_even_failing(&self, args: &[&str]) -> String {
        let out = self.command(args).env(TRACE_VARIABLE, "1").output().expect("runs");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// The stored datasets.
    fn snapshots(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.cache().join("wsis-browser")) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("dataset-"))
            })
            .collect();
        found.sort();
        found
    }

    fn only_snapshot(&self) -> PathBuf {
        let found = self.snapshots();
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    }
}

fn inode(path: &Path) -> u64 {
    fs::metadata(path).expect("metadata").ino()
}

fn assert_same(fresh: &Output, other: &Output, what: &str) {
    assert!(
        fresh.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    assert_eq!(fresh.status.code(), other.status.code(), "{what}");
    assert!(fresh.stdout == other.stdout, "{what}: the outputs differ");
    assert_eq!(fresh.stderr, other.stderr, "{what}");
}

/// Runs each command parsing (`--no-cache`), then storing, then from the
/// cache, and checks all three print the same bytes and that the last one
/// read the stored dataset rather than parsing and storing it again.
fn check_cached_equals_fresh(setup: &Setup, commands: &[Vec<&str>]) {
    for args in commands {
        let fresh = setup.run(&[&["--no-cache"], args.as_slice()].concat());
        let storing = setup.run(args);
        let stored = setup.only_snapshot();
        let before = inode(&stored);
        let cached = setup.run(args);
        assert_eq!(
            inode(&stored),
            before,
            "{args:?}: the stored dataset was read, not rebuilt"
        );
        assert_same(&fresh, &storing, &format!("{args:?} storing"));
        assert_same(&fresh, &cached, &format!("{args:?} cached"));
        if args.contains(&"list") {
            check_read_in_part(setup, args, LIST_ROWS_READ);
        }
        if args.contains(&"show") {
            check_read_in_part(setup, args, ONE_ITEM_READ);
        }
    }
}

/// A warm `list`, or `show` by any name, reads only its part of the stored
/// dataset (the trace shows `mark`); a cold one (`--no-cache`) does not.
fn check_read_in_part(setup: &Setup, args: &[&str], mark: &str) {
    let warm = setup.traced(args);
    assert!(warm.contains(mark), "{args:?}: {warm}");
    let bypassed = setup.traced(&[&["--no-cache"], args].concat());
    assert!(!bypassed.contains(mark), "{args:?}: {bypassed}");
}

/// `show` names an item by another name than its id, `id` by its id.
fn commands<'a>(with_data: &[&'a str], show: &'a str, id: &'a str) -> Vec<Vec<&'a str>> {
    let mut commands = vec![
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["list", "--json", "--category", "GA"],
        vec!["list", "--format", "tsv", "-c", "ecosoc"],
        vec!["list", "--format", "table"],
        vec!["list", "--format", "table", "-c", "outcome"],
        vec!["show", show],
        vec!["show", "--json", show],
        vec!["show", id],
        vec!["show", "--json", id],
        vec!["path", "tunis-agenda", "al-c1"],
    ];
    for format in ["json", "ron", "markdown", "csv", "dot"] {
        commands.push(vec!["export", "--format", format]);
    }
    commands
        .into_iter()
        .map(|args| [with_data, args.as_slice()].concat())
        .collect()
}

#[test]
fn on_the_embedded_data_cached_runs_print_what_fresh_runs_print() {
    let setup = Setup::new();
    check_cached_equals_fresh(&setup, &commands(&[], "70/125", "tunis-agenda"));
}

static SYNTH_10K: LazyLock<String> = LazyLock::new(|| {
    let mut text = Vec::new();
    common::synth::write(10_000, &mut text).expect("in-memory write");
    String::from_utf8(text).expect("UTF-8")
});

#[test]
fn on_ten_thousand_items_cached_runs_print_what_fresh_runs_print() {
    let setup = Setup::new();
    let data = setup.data("synth.ron", &SYNTH_10K);
    let data = data.to_str().expect("UTF-8 path");
    check_cached_equals_fresh(&setup, &commands(&["--data", data], "A/RES/70/125", "synth-5000"));
}

/// Names of items in the embedded data other than their ids, and names
/// that find no item or several (from `AMBIGUOUS`).
const EMBEDDED_NAMES: &[&str] = &[
    " tunis-agenda ",
    // Paragraphs: cited as their documents, with the documents' authors.
    "tunis-agenda-paras-69-71",
    "gdc-para-5",
    "adopted-para-2",
    "70/125",
    "A/RES/70/125",
    "a / res / 70 / 125",
    "resolution 70/125",
    "GA 70/125",
    "General Assembly res. 70/125",
    "ECOSOC 2006/46",
    "e/res/2006/46",
    "C3",
    "c7 e-health",
    "C7 E‑HEALTH",
    "ITU",
    "itu",
    "WSIS-03/GENEVA/DOC/4-E",
    "Ambi",
];
const EMBEDDED_NOT_ONE: &[&str] = &[
    "no-such-item",
    "ECOSOC 70/125",
    "resolution",
    "70 125",
    "AMB 1",
    "amb 1",
    "",
    "  ",
];

/// Two items that both answer to "AMB 1", the second also to "Ambi", and
/// only it has a link to open; and a paragraph of a document an agency
/// adopted, cited under the agency's name (read with the document).
const AMBIGUOUS: &str = "[
  Item(id: \"amb-1\", category: \"wsis20\", title: \"First\", links: [Link(rel: PartOf, to: \"tunis-agenda\")]),
  Item(id: \"amb1\", category: \"wsis20\", title: \"Second\", url: \"https://example.org/amb1\", aliases: [\"Ambi\"]),
  Item(id: \"adopted\", category: \"wsis20\", title: \"Adopted\", links: [Link(rel: AdoptedBy, to: \"itu\")]),
  Item(id: \"adopted-para-2\", category: \"wsis20\", title: \"Our label\", paragraphs: \"2\",
       links: [Link(rel: PartOf, to: \"adopted\")]),
]
";

/// Each name with `show`, `cite` and `open`, parsing and then from the
/// cache: the same bytes on stdout and stderr and the same status; a name
/// that finds one item reads only the records it needs (the trace shows
/// it), any other loads the dataset, which says what is wrong. `cite` of
/// several words loads the dataset too: only its names tell which words
/// side by side are one name (`ECOSOC 2006/46`).
fn check_names_cached_equal_fresh(setup: &Setup, with_data: &[&str], found: &[&str], not_one: &[&str]) {
    setup.run(&[with_data, &["list"]].concat());
    let stored = setup.only_snapshot();
    let before = inode(&stored);
    for name in found.iter().chain(not_one) {
        let forms: [&[&str]; 6] = [
            &["show", name],
            &["show", "--json", name],
            &["cite", name],
            &["cite", "--format", "bibtex", name, "tunis-agenda", name],
            &["cite", "--format", "csl-json", "geneva-declaration", name],
            &["open", name],
        ];
        for form in forms {
            let args = [with_data, form].concat();
            let fresh = setup.run(&[&["--no-cache"], args.as_slice()].concat());
            let cached = setup.run(&args);
            let what = format!("{form:?}");
            assert_eq!(fresh.status.code(), cached.status.code(), "{what}");
            assert!(fresh.stdout == cached.stdout, "{what}: the outputs differ");
            assert_eq!(
                String::from_utf8_lossy(&fresh.stderr),
                String::from_utf8_lossy(&cached.stderr),
                "{what}"
            );
            let mark = if form[0] == "show" {
                ONE_ITEM_READ
            } else {
                NAMED_ITEMS_READ
            };
            // "cite", "--format" and its value, then the names.
            let options = 1 + 2 * usize::from(form.contains(&"--format"));
            let several_cited = form[0] == "cite" && form.len() - options > 1;
            let trace = setup.traced_even_failing(&args);
            let read_in_place = found.contains(name) && !several_cited;
            assert_eq!(trace.contains(mark), read_in_place, "{what}: {trace}");
        }
    }
    assert_eq!(inode(&stored), before, "the stored dataset was read, not rebuilt");
}

#[test]
fn on_the_embedded_data_every_name_finds_from_the_cache_what_it_finds_fresh() {
    let setup = Setup::new();
    let ambiguous = setup.data("ambiguous.ron", AMBIGUOUS);
    let with_data = ["--data", ambiguous.to_str().expect("UTF-8 path")];
    check_names_cached_equal_fresh(&setup, &with_data, EMBEDDED_NAMES, EMBEDDED_NOT_ONE);
}

#[test]
fn on_ten_thousand_items_every_name_finds_from_the_cache_what_it_finds_fresh() {
    let setup = Setup::new();
    let data = setup.data("synth.ron", &SYNTH_10K);
    let with_data = ["--data", data.to_str().expect("UTF-8 path")];
    // synth-5005 is A/RES/105/6, synth-5006 E/RES/2105/7, synth-5007 A/105/8.
    let found = [
        "synth-5005",
        "A/RES/105/6",
        "105/6",
        "res 105/6",
        "ECOSOC 2105/7",
        "a/105/8",
        "70/125",
        "C3",
        "SYNTH 5005",
    ];
    let not_one = ["GA 2105/7", "105/9999", "synth 99999"];
    check_names_cached_equal_fresh(&setup, &with_data, &found, &not_one);
}

#[test]
fn a_damaged_or_truncated_stored_dataset_is_rebuilt() {
    let setup = Setup::new();
    let fresh = setup.run(&["export", "--format", "json"]);
    let stored = setup.only_snapshot();
    let sound = fs::read(&stored).expect("read");
    let mut flipped = sound.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    for damaged in [
        sound[..sound.len() / 3].to_vec(),
        flipped,
        Vec::new(),
        b"WSISDATA".to_vec(),
    ] {
        fs::write(&stored, &damaged).expect("damage it");
        let again = setup.run(&["export", "--format", "json"]);
        assert_same(&fresh, &again, "after damage");
        assert_eq!(
            fs::read(&stored).expect("read"),
            sound,
            "a sound dataset is stored again"
        );
    }
}

/// The sections of a stored dataset, in order: the preview, the rows of
/// `list`, the index of items, the table of names, the dataset.
const SECTIONS: usize = 5;
const LIST_ROWS: usize = 1;
const ITEM_INDEX: usize = 2;
const NAMES: usize = 3;

/// Where section `n` lies in a stored dataset: after the header (magic,
/// version, key length, key, each section's length and sum) and the
/// sections before it.
fn section_range(stored: &[u8], n: usize) -> std::ops::Range<usize> {
    let u64_at = |at: usize| u64::from_le_bytes(stored[at..at + 8].try_into().expect("8 bytes")) as usize;
    let key_len = u32::from_le_bytes(stored[12..16].try_into().expect("4 bytes")) as usize;
    let sums = 16 + key_len;
    let from = sums + SECTIONS * 16 + (0..n).map(|i| u64_at(sums + i * 16)).sum::<usize>();
    from..from + u64_at(sums + n * 16)
}

/// Damage anywhere in section `n` means `args` does not read it (the
/// trace lacks `mark`), prints what a fresh run prints, and the stored
/// dataset is rebuilt; so does a file cut after that section.
fn check_damaged_section_is_rebuilt(n: usize, args: &[&str], mark: &str) {
    let setup = Setup::new();
    let fresh = setup.run(args);
    let stored = setup.only_snapshot();
    let sound = fs::read(&stored).expect("read");
    let section = section_range(&sound, n);
    assert!(
        !section.is_empty() && section.end < sound.len(),
        "{section:?} of {}",
        sound.len()
    );
    assert!(setup.traced(args).contains(mark), "read in part when sound");
    for at in [section.start, section.start + section.len() / 2, section.end - 1] {
        let mut damaged = sound.clone();
        damaged[at] ^= 0x01;
        fs::write(&stored, &damaged).expect("damage it");
        let trace = setup.traced(args);
        assert!(!trace.contains(mark), "damaged at {at}: {trace}");
        assert_eq!(fs::read(&stored).expect("read"), sound, "rebuilt after damage at {at}");
        assert_same(&fresh, &setup.run(args), "after damage");
    }
    fs::write(&stored, &sound[..section.end]).expect("cut after the section");
    assert!(!setup.traced(args).contains(mark), "a file cut short");
    assert_eq!(fs::read(&stored).expect("read"), sound, "rebuilt after a cut");
}

#[test]
fn damaged_rows_of_list_are_never_listed_and_are_rebuilt() {
    check_damaged_section_is_rebuilt(LIST_ROWS, &["list"], LIST_ROWS_READ);
}

#[test]
fn a_damaged_index_of_items_is_never_used_and_is_rebuilt() {
    check_damaged_section_is_rebuilt(ITEM_INDEX, &["show", "tunis-agenda"], ONE_ITEM_READ);
}

#[test]
fn a_damaged_table_of_names_is_never_used_and_is_rebuilt() {
    check_damaged_section_is_rebuilt(NAMES, &["show", "70/125"], ONE_ITEM_READ);
    check_damaged_section_is_rebuilt(NAMES, &["cite", "ITU"], NAMED_ITEMS_READ);
}

#[test]
fn no_cache_neither_reads_nor_stores_the_dataset() {
    let setup = Setup::new();
    let fresh = setup.run(&["--no-cache", "list"]);
    assert!(setup.snapshots().is_empty(), "nothing stored with --no-cache");
    setup.run(&["list"]);
    let stored = setup.only_snapshot();
    let sound = fs::read(&stored).expect("read");
    fs::write(&stored, &sound[..sound.len() / 2]).expect("cut it short");
    let bypassed = setup.run(&["--no-cache", "list"]);
    assert_same(&fresh, &bypassed, "--no-cache");
    assert_eq!(
        fs::read(&stored).expect("read").len(),
        sound.len() / 2,
        "--no-cache left the damaged file alone"
    );
}

#[test]
fn a_change_to_a_data_file_is_seen() {
    let setup = Setup::new();
    let item = |title: &str| format!("[Item(id: \"mine\", category: \"wsis20\", title: \"{title}\")]");
    let data = setup.data("mine.ron", &item("First title"));
    let data = data.to_str().expect("UTF-8 path");
    let first = setup.run(&["--data", data, "show", "mine"]);
    assert!(String::from_utf8_lossy(&first.stdout).contains("First title"));
    setup.data("mine.ron", &item("Second title"));
    let second = setup.run(&["--data", data, "show", "mine"]);
    assert!(String::from_utf8_lossy(&second.stdout).contains("Second title"));
}

/// Items record the path of their file as it was given (`from_file`), so
/// one file named two ways must not be served from the other's snapshot.
#[test]
fn one_file_named_two_ways_shows_each_name_as_a_fresh_run_does() {
    let setup = Setup::new();
    fs::create_dir(setup.dir.path().join("sub")).expect("mkdir");
    setup.data(
        "sub/mine.ron",
        "[Item(id: \"mine\", category: \"wsis20\", title: \"Mine\")]",
    );
    let show_from = |cwd: &Path, data: &str, cache: bool| {
        let mut args = vec!["--data", data, "show", "--json", "mine"];
        if !cache {
            args.insert(0, "--no-cache");
        }
        setup.command(&args).current_dir(cwd).output().expect("runs")
    };
    let sub = setup.dir.path().join("sub");
    let first = show_from(&sub, "mine.ron", true);
    assert!(String::from_utf8_lossy(&first.stdout).contains("\"mine.ron\""));
    for cache in [true, true, false] {
        let other = show_from(setup.dir.path(), "sub/mine.ron", cache);
        assert!(
            String::from_utf8_lossy(&other.stdout).contains("\"sub/mine.ron\""),
            "cache {cache}: {}",
            String::from_utf8_lossy(&other.stdout)
        );
    }
}

#[test]
fn bad_data_is_reported_as_ever_and_nothing_is_stored() {
    let setup = Setup::new();
    let bad = setup.data("bad.ron", "[\n  Item(id: \"x\",, )\n]\n");
    let bad = bad.to_str().expect("UTF-8 path");
    for _ in 0..2 {
        let out = setup.run(&["--data", bad, "list"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("bad.ron:2:"), "{stderr}");
    }
    assert!(setup.snapshots().is_empty());
}

/// Runs the browser in tmux until it shows `text`, then quits it.
fn browser_shows(setup: &Setup, data: &Path, text: &str) -> String {
    browser_with_args_shows(setup, &format!("--data {}", data.display()), text)
}

/// [`browser_shows`], the browser given `args`.
fn browser_with_args_shows(setup: &Setup, args: &str, text: &str) -> String {
    let command = format!(
        "env XDG_CACHE_HOME={cache} {bin} --no-user-data {args}",
        cache = setup.cache().display(),
        bin = env!("CARGO_BIN_EXE_wsis"),
    );
    let pane = tmux::Pane::start("cache", 120, 30, &command);
    let screen = pane.wait_text(text);
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0, "q quits");
    screen
}

#[test]
fn the_browser_never_stores_a_load_with_a_skipped_file() {
    if !tmux::available() {
        return;
    }
    let setup = Setup::new();
    let bad = setup.data("bad.ron", "[\n  Item(id: \"x\",, )\n]\n");
    for _ in 0..2 {
        let screen = browser_shows(&setup, &bad, "skipped");
        assert!(
            screen.contains("bad.ron:2:"),
            "the banner names the file every time:\n{screen}"
        );
    }
    assert!(setup.snapshots().is_empty(), "{:?}", setup.snapshots());
}

/// The dataset section, last in the file.
const DATA: usize = 4;

#[test]
fn the_browser_on_a_damaged_cache_reloads_from_the_files_and_says_so() {
    if !tmux::available() {
        return;
    }
    let setup = Setup::new();
    setup.run(&["export", "--format", "json"]);
    let stored = setup.only_snapshot();
    let sound = fs::read(&stored).expect("read");
    let data = section_range(&sound, DATA);
    assert_eq!(data.end, sound.len(), "the dataset comes last");
    // The browser opens on it in place (its index is sound), then finds
    // the damage checking the whole file, and opens again on the files.
    let mut damaged = sound.clone();
    damaged[data.start + data.len() / 2] ^= 0x01;
    fs::write(&stored, &damaged).expect("damage it");
    let screen = browser_with_args_shows(&setup, "", "reloaded from the data files");
    assert!(screen.contains("dataset cache was damaged"), "{screen}");
    assert_eq!(
        fs::read(&stored).expect("read"),
        sound,
        "a sound dataset is stored again"
    );
}

/// The dataset cache cut short by another process while the browser reads
/// it in place: the next record read is damaged, the data is loaded again
/// from the files, and the browser stays where the reader was.
#[test]
fn a_reload_while_browsing_keeps_the_reader_on_the_same_item() {
    if !tmux::available() {
        return;
    }
    let setup = Setup::new();
    setup.run(&["export", "--format", "json"]);
    // The search index stored too: the browser then decodes only the
    // items it shows (building an index would decode them all at once).
    setup.run(&["search", "igf"]);
    let stored = setup.only_snapshot();
    let data = section_range(&fs::read(&stored).expect("read"), DATA);
    let trace = setup.dir.path().join("trace");
    let command = format!(
        "env XDG_CACHE_HOME={cache} WSIS_TRACE_LOAD=1 {bin} --no-user-data 2>{trace}",
        cache = setup.cache().display(),
        bin = env!("CARGO_BIN_EXE_wsis"),
        trace = trace.display(),
    );
    let pane = tmux::Pane::start("reload", 120, 30, &command);
    // Cut only once the whole file has checked: the damage is met browsing.
    tmux::wait_until("the background check", || {
        let traced = fs::read_to_string(&trace).unwrap_or_default();
        if traced.contains("dataset cache checked whole") {
            Ok(())
        } else {
            Err(traced)
        }
    });
    fs::OpenOptions::new()
        .write(true)
        .open(&stored)
        .expect("opens")
        .set_len(data.start as u64)
        .expect("cut");
    // The jump prompt's completions read every record: the damage is met
    // while typing, and the data loaded again meanwhile.
    pane.send(&[":", "ecosoc-2006-46"]);
    pane.wait_text("reloaded from the data files");
    pane.wait_settled("the jump prompt kept, with what was typed", |screen| {
        screen.contains("Jump to an item") && screen.contains(": ecosoc-2006-46")
    });
    pane.send(&["Enter"]);
    let screen = pane.wait_settled("the item jumped to", |screen| screen.contains("ECOSOC resolutions"));
    assert!(screen.contains("E/RES/2006/46"), "{screen}");
    assert!(
        screen.contains("reloaded from the data files"),
        "the banner stays: {screen}"
    );
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0, "q quits");
}
