//! The real binary in tmux: whether it quits or panics, the terminal is
//! left as it was found (raw mode off, main screen, no mouse reporting,
//! no bracketed paste, cursor shown).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> String {
    let output = Command::new("tmux").args(args).output().expect("tmux runs");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    // CI installs tmux; only a developer machine without it skips.
    assert!(found || std::env::var_os("CI").is_none(), "tmux is required in CI");
    found
}

fn wait_for(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
}

/// Runs the browser in a fresh tmux session; `then` is what the test does
/// while it runs. Returns (terminal modes after exit, every byte written).
fn run_browser(name: &str, env: &str, then: impl FnOnce(&str)) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("out.log");
    let modes = dir.path().join("stty.txt");
    let session = format!("wsis-{name}-{}", std::process::id());
    let command = format!(
        "sleep 0.5; env XDG_DATA_HOME={dir} XDG_CACHE_HOME={dir}/cache {env} {bin} 2>&1; stty -a > {modes}; sleep 30",
        dir = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_wsis"),
        modes = modes.display(),
    );
    tmux(&["new-session", "-d", "-s", &session, "-x", "100", "-y", "30", &command]);
    tmux(&["pipe-pane", "-o", "-t", &session, &format!("cat >> {}", log.display())]);
    then(&session);
    wait_for(&modes);
    let flags = tmux(&[
        "display",
        "-p",
        "-t",
        &session,
        "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_all_flag} #{cursor_flag}",
    ]);
    tmux(&["kill-session", "-t", &session]);
    let stty = std::fs::read_to_string(&modes).unwrap();
    let bytes = String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();
    (flags, stty, bytes)
}

fn assert_restored(flags: &str, stty: &str, bytes: &str) {
    assert_eq!(flags, "0 0 0 0 1", "alternate screen, mouse modes, cursor");
    let modes: Vec<&str> = stty.split_whitespace().collect();
    assert!(
        modes.contains(&"icanon") && modes.contains(&"echo"),
        "raw mode left on: {stty}"
    );
    assert!(
        bytes.contains("\x1b[?1049h"),
        "the browser drew on the alternate screen"
    );
    for off in ["\x1b[?1049l", "\x1b[?2004l", "\x1b[?1000l", "\x1b[?25h"] {
        let on_at = bytes.rfind(&off.replace('l', "h")).unwrap_or(0);
        let off_at = bytes.rfind(off).unwrap_or_else(|| panic!("{off:?} never sent"));
        assert!(
            off_at > on_at || !off.ends_with('l'),
            "{off:?} not sent after the last enable"
        );
    }
}

#[test]
fn quitting_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let (flags, stty, bytes) = run_browser("quit", "", |session| {
        std::thread::sleep(Duration::from_millis(1500));
        // Separate sends: ESC followed at once by q would read as Alt-q.
        for keys in ["j", "/", "igf", "Escape", "q"] {
            tmux(&["send-keys", "-t", session, keys]);
            std::thread::sleep(Duration::from_millis(300));
        }
    });
    assert_restored(&flags, &stty, &bytes);
}

#[test]
fn a_panic_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let (flags, stty, bytes) = run_browser("panic", "WSIS_TEST_PANIC=1", |_| {});
    assert!(
        bytes.contains("test-only panic after the first frame"),
        "the panic message is shown"
    );
    assert_restored(&flags, &stty, &bytes);
}
