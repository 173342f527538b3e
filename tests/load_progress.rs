//! A slow load is never silent on a terminal and never noisy elsewhere:
//! the CLI's progress line goes to stderr only when stderr is a terminal,
//! and the browser draws a loading screen at once, from which q quits.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use common::tmux;

/// A data file of this many items takes a debug build well over the
/// 100 ms after which progress is shown.
const ITEMS: usize = 20_000;

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

/// Starts `wsis` on the generated data in a pane, with `wsis_args` after it.
fn start(name: &str, wsis_args: &str) -> tmux::Pane {
    let command = format!(
        "env XDG_CACHE_HOME={cache} {bin} --no-user-data --no-cache --data {data} {wsis_args}",
        cache = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        bin = env!("CARGO_BIN_EXE_wsis"),
        data = data_arg(),
    );
    tmux::Pane::start(name, 100, 30, &command)
}

#[test]
fn the_browser_shows_the_load_at_once_and_q_quits_it() {
    if !tmux::available() {
        return;
    }
    let pane = start("loading", "");
    let screen = pane.wait_text("Loading the WSIS documents");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
    assert!(screen.contains("press q or Ctrl-C to leave"), "{screen}");
}

#[test]
fn on_a_terminal_the_cli_shows_progress_and_erases_it() {
    if !tmux::available() {
        return;
    }
    // stdout to a file, so only stderr reaches the terminal.
    let pane = start("progress", "list > /dev/null");
    let during = pane.wait_text("wsis: [");
    assert_eq!(pane.wait_exit(), 0);
    let after = pane.screen();
    assert!(during.contains("data files") || during.contains("checking"), "{during}");
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
