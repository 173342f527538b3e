//! A slow load is never silent on a terminal and never noisy elsewhere:
//! the CLI's progress line goes to stderr only when stderr is a terminal,
//! and the browser draws a loading screen at once, from which q quits.

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::fs::{self, File};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant, SystemTime};

/// A data file of this many items takes a debug build well over the
/// 100 ms after which progress is shown.
const ITEMS: usize = 20_000;

struct Data {
    _dir: tempfile::TempDir,
    file: PathBuf,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("synth.ron");
    let mut text = Vec::new();
    synth::write(ITEMS, &mut text).expect("in-memory write");
    fs::write(&file, text).expect("write");
    let handle = File::options().write(true).open(&file).expect("open");
    handle
        .set_modified(SystemTime::now() - Duration::from_secs(60))
        .expect("set mtime");
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

fn tmux_found() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI");
        println!("skipped: tmux is not installed");
    }
    found
}

fn tmux(args: &[&str]) -> String {
    let output = Command::new("tmux").args(args).output().expect("tmux runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Polls the pane until `found` accepts what it shows.
fn wait_for(session: &str, what: &str, found: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = tmux(&["capture-pane", "-p", "-t", session]);
        if found(&screen) {
            return screen;
        }
        assert!(start.elapsed().as_secs() < 60, "never showed {what}:\n{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn start(session: &str, wsis_args: &str) {
    let command = format!(
        "env XDG_CACHE_HOME={cache} {bin} --no-user-data --no-cache --data {data} {wsis_args}; echo EXITED-$?; sleep 60",
        cache = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        bin = env!("CARGO_BIN_EXE_wsis"),
        data = data_arg(),
    );
    tmux(&["new-session", "-d", "-s", session, "-x", "100", "-y", "30", &command]);
}

#[test]
fn the_browser_shows_the_load_at_once_and_q_quits_it() {
    if !tmux_found() {
        return;
    }
    let session = format!("wsis-loading-{}", std::process::id());
    start(&session, "");
    let screen = wait_for(&session, "the loading screen", |s| {
        s.contains("Loading the WSIS documents")
    });
    tmux(&["send-keys", "-t", &session, "q"]);
    let after = wait_for(&session, "the exit", |s| s.contains("EXITED-"));
    tmux(&["kill-session", "-t", &session]);
    assert!(screen.contains("press q or Ctrl-C to leave"), "{screen}");
    assert!(after.contains("EXITED-0"), "{after}");
}

#[test]
fn on_a_terminal_the_cli_shows_progress_and_erases_it() {
    if !tmux_found() {
        return;
    }
    let session = format!("wsis-progress-{}", std::process::id());
    // stdout to a file, so only stderr reaches the terminal.
    start(&session, "list > /dev/null");
    let during = wait_for(&session, "the progress line", |s| s.contains("wsis: ["));
    let after = wait_for(&session, "the exit", |s| s.contains("EXITED-"));
    tmux(&["kill-session", "-t", &session]);
    assert!(during.contains("data files") || during.contains("checking"), "{during}");
    assert!(after.contains("EXITED-0"), "{after}");
    assert!(!after.contains("wsis: ["), "the line is erased:\n{after}");
}
