//! A slow load is never silent on a terminal and never noisy elsewhere:
//! the CLI's progress line goes to stderr only when stderr is a terminal,
//! and the browser draws a loading screen at once, from which q quits.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use common::tmux;

/// A data file of this many items takes a test build well over the
/// 100 ms after which progress is shown (about 0.5 s on two cores; 20 000
/// items took 0.15 s, too close on a faster machine).
const ITEMS: usize = 60_000;

struct Data {
    _dir: tempfile::TempDir,
    file: PathBuf,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = common::settled_synth_file(dir.path(), ITEMS);
    Data { _dir: dir, file }
});

fn data_arg() -> &'static str {
    DATA.file.to_str().expect("UTF-8 path")
}

#[test]
fn progress_never_reaches_a_pipe() {
    for args in [
        vec!["list"],
        vec!["search", "internet governance"],
        vec!["export", "--format", "csv"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_wsis"))
            .args(["--no-user-data", "--no-cache", "--data", data_arg()])
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.windows(5).any(|w| w == b"wsis:"), "{args:?}");
    }
}

/// The shell command running `wsis` on the generated data, with
/// `wsis_args` after it.
fn command(wsis_args: &str) -> String {
    format!(
        "env XDG_CACHE_HOME={cache} {bin} --no-user-data --no-cache --data {data} {wsis_args}",
        cache = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        bin = env!("CARGO_BIN_EXE_wsis"),
        data = data_arg(),
    )
}

#[test]
fn the_browser_shows_the_load_at_once_and_q_quits_it() {
    if !tmux::available() {
        return;
    }
    // Recorded: a fast load may draw the loading screen and replace it
    // between two looks at the pane.
    let recording = tempfile::tempdir().expect("temp dir");
    let record = recording.path().join("pane");
    let pane = tmux::Pane::start_recorded("loading", 100, 30, &command(""), &record);
    let written = tmux::wait_recorded(&record, "Loading the WSIS documents");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
    assert!(written.contains("press q or Ctrl-C to leave"), "{written}");
}

#[test]
fn on_a_terminal_the_cli_shows_progress_and_erases_it() {
    if !tmux::available() {
        return;
    }
    // stdout to a file, so only stderr reaches the terminal. The pane is
    // recorded: the line may be drawn and erased between two looks at it.
    let recording = tempfile::tempdir().expect("temp dir");
    let record = recording.path().join("pane");
    let pane = tmux::Pane::start_recorded("progress", 100, 30, &command("list > /dev/null"), &record);
    assert_eq!(pane.wait_exit(), 0);
    let written = tmux::wait_recorded(&record, tmux::EXITED);
    assert!(written.contains("wsis: ["), "the line is drawn:\n{written}");
    assert!(
        written.contains("data files") || written.contains("checking"),
        "{written}"
    );
    let after = pane.screen();
    assert!(!after.contains("wsis: ["), "the line is erased:\n{after}");
}

#[test]
fn on_a_terminal_a_first_search_says_it_stores_the_index_after_answering() {
    if !tmux::available() {
        return;
    }
    // A cache of its own, so the index is not stored yet: the answer comes
    // from the query's words, then the whole index is built and stored.
    let cache = tempfile::tempdir().expect("temp dir");
    let command = format!(
        "env XDG_CACHE_HOME={cache} {bin} --no-user-data --data {data} search governance > /dev/null",
        cache = cache.path().display(),
        bin = env!("CARGO_BIN_EXE_wsis"),
        data = data_arg(),
    );
    let pane = tmux::Pane::start("storing", 100, 30, &command);
    pane.wait_text("storing the search index for the next search");
    assert_eq!(pane.wait_exit(), 0);
    let after = pane.screen();
    assert!(!after.contains("wsis: ["), "the line is erased:\n{after}");
}
