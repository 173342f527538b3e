//! The real binary in tmux: whether it quits, panics or gets a signal, the
//! terminal is left as it was found (raw mode off, main screen, no mouse
//! reporting, no bracketed paste, cursor shown); a suspend gives the
//! terminal back and a resume takes it again and redraws. Every wait polls
//! the pane's state against a deadline; nothing sleeps for a fixed time.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::tmux;

/// Text the browser's first frame shows (at 100 columns the category pane
/// shows only while it has focus; the detail pane always).
const DRAWN: &str = "Detail";

/// A browser running in a tmux server of its own.
struct Pane {
    pane: tmux::Pane,
    dir: tempfile::TempDir,
}

impl Pane {
    /// Starts the browser in a fresh tmux server, with `env` before it; a
    /// shell around it records its exit status and the terminal modes.
    /// Printed by the pane's shell once the browser has ended.
    const EXITED: &str = "wsis-test-browser-exited";

    fn start(name: &str, env: &str) -> Pane {
        let dir = tempfile::tempdir().unwrap();
        let command = format!(
            "env XDG_DATA_HOME={dir} XDG_CACHE_HOME={dir}/cache {env} {bin} --no-user-data 2>&1; \
             echo $? > {dir}/status; stty -a > {dir}/modes.tmp; mv {dir}/modes.tmp {dir}/modes; \
             echo {exited}",
            exited = Self::EXITED,
            dir = dir.path().display(),
            bin = env!("CARGO_BIN_EXE_wsis"),
        );
        let pane = tmux::Pane::start(name, 100, 30, &command);
        let log = dir.path().join("out.log");
        pane.tmux(&["pipe-pane", "-o", "-t", "t", &format!("cat >> {}", log.display())]);
        Pane { pane, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Alternate screen, the three mouse modes, and cursor visibility.
    fn flags(&self) -> String {
        self.pane
            .display("#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_all_flag} #{cursor_flag}")
    }

    fn screen(&self) -> String {
        self.pane.screen()
    }

    /// The browser's process id: the child of the pane's shell.
    fn browser_pid(&self) -> u32 {
        let shell: u32 = self.pane.display("#{pane_pid}").parse().unwrap();
        wait_until("the browser process", || child_of(shell))
    }

    /// The pane's terminal modes as `stty -a` prints them, while it runs.
    fn live_modes(&self) -> String {
        let tty = self.pane.display("#{pane_tty}");
        let output = Command::new("stty").args(["-F", &tty, "-a"]).output().unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits for the first frame.
    fn wait_drawn(&self) {
        wait_until("the first frame", || {
            (self.flags().starts_with("1 ") && self.screen().contains(DRAWN)).then_some(())
        });
    }

    fn send(&self, keys: &str) {
        self.pane.send(&[keys]);
    }

    /// Waits for the browser to end; returns (exit status, modes, bytes written).
    fn wait_exit(&self) -> (i32, String, String) {
        let modes = wait_until("the browser's exit", || {
            std::fs::read_to_string(self.path("modes")).ok()
        });
        let status = std::fs::read_to_string(self.path("status")).unwrap();
        // The pipe to the log lags behind the pane: the line the shell
        // prints after the browser ends marks when the log holds all it wrote.
        let bytes = wait_until("the log of everything the browser wrote", || {
            let log = String::from_utf8_lossy(&std::fs::read(self.path("out.log")).unwrap_or_default()).into_owned();
            log.find(Self::EXITED).map(|end| log[..end].to_string())
        });
        (status.trim().parse().unwrap(), modes, bytes)
    }
}

/// Polls `check` until it gives a value (see [`tmux::wait_until`]).
fn wait_until<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    tmux::wait_until(what, || check().ok_or_else(String::new))
}

/// The process whose parent is `parent`, if there is one.
fn child_of(parent: u32) -> Option<u32> {
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(Result::ok)
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // "pid (comm) state ppid ...": comm may hold spaces, so read after ')'.
            let ppid: u32 = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
            (ppid == parent).then_some(pid)
        })
}

/// The state letter of a process (`T` when stopped).
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.trim().chars().next())
        .unwrap_or('?')
}

fn kill(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

fn is_raw(modes: &str) -> bool {
    modes.split_whitespace().any(|m| m == "-icanon")
}

fn assert_restored(flags: &str, modes: &str, bytes: &str) {
    assert_eq!(flags, "0 0 0 0 1", "alternate screen, mouse modes, cursor");
    let modes: Vec<&str> = modes.split_whitespace().collect();
    assert!(
        modes.contains(&"icanon") && modes.contains(&"echo"),
        "raw mode left on: {modes:?}"
    );
    assert!(
        bytes.contains("\x1b[?1049h"),
        "the browser drew on the alternate screen"
    );
    for (on, off) in [
        ("\x1b[?1049h", "\x1b[?1049l"),
        ("\x1b[?2004h", "\x1b[?2004l"),
        ("\x1b[?1000h", "\x1b[?1000l"),
    ] {
        let on_at = bytes.rfind(on).unwrap_or_else(|| panic!("{on:?} never sent"));
        let off_at = bytes.rfind(off).unwrap_or_else(|| panic!("{off:?} never sent"));
        assert!(off_at > on_at, "{off:?} not sent after the last {on:?}");
    }
    assert!(bytes.contains("\x1b[?25h"), "the cursor is shown again");
}

#[test]
fn quitting_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    let pane = Pane::start("quit", "");
    pane.wait_drawn();
    pane.send("/");
    wait_until("the search prompt", || pane.screen().contains("Search").then_some(()));
    pane.send("igf");
    wait_until("the query", || pane.screen().contains("igf").then_some(()));
    // ESC and q sent together would read as Alt-q: wait for the prompt to close.
    pane.send("Escape");
    wait_until("the prompt to close", || (!pane.screen().contains("igf")).then_some(()));
    pane.send("q");
    let (status, modes, bytes) = pane.wait_exit();
    assert_eq!(status, 0);
    assert_restored(&pane.flags(), &modes, &bytes);
}

#[test]
fn a_panic_restores_the_terminal() {
    if !tmux::available() {
        return;
    }
    // The browser's test-only panic is built into debug builds alone.
    if cfg!(not(debug_assertions)) {
        eprintln!("skipped: WSIS_TEST_PANIC needs a debug build (cargo test without --release)");
        return;
    }
    let pane = Pane::start("panic", "WSIS_TEST_PANIC=1");
    let (status, modes, bytes) = pane.wait_exit();
    assert_eq!(status, 101);
    assert!(
        bytes.contains("test-only panic after the first frame"),
        "the panic message is shown"
    );
    assert_restored(&pane.flags(), &modes, &bytes);
}

/// Each of these ends the browser with the terminal restored and status
/// 128 + the signal's number, as a shell reports a killed process.
#[test]
fn terminating_signals_restore_the_terminal_and_exit_128_plus_n() {
    if !tmux::available() {
        return;
    }
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let pane = Pane::start(&format!("sig{number}"), "");
        pane.wait_drawn();
        kill(signal, pane.browser_pid());
        let (status, modes, bytes) = pane.wait_exit();
        assert_eq!(status, 128 + number, "SIG{signal}");
        assert_restored(&pane.flags(), &modes, &bytes);
    }
}

/// Stops the browser with `stop`, checks the terminal was given back,
/// continues it and checks it took the terminal again and redrew.
fn suspend_then_resume(name: &str, stop: impl FnOnce(&Pane, u32)) {
    let pane = Pane::start(name, "");
    pane.wait_drawn();
    let pid = pane.browser_pid();
    stop(&pane, pid);
    wait_until("the browser to stop", || (process_state(pid) == 'T').then_some(()));
    assert_eq!(pane.flags(), "0 0 0 0 1", "the terminal is given back while stopped");
    assert!(!is_raw(&pane.live_modes()), "raw mode is off while stopped");
    kill("CONT", pid);
    wait_until("the redrawn screen", || {
        (pane.flags().starts_with("1 1") && pane.screen().contains(DRAWN)).then_some(())
    });
    assert!(is_raw(&pane.live_modes()), "raw mode is back after the resume");
    // Still responsive: it quits and restores as always.
    pane.send("q");
    let (status, modes, bytes) = pane.wait_exit();
    assert_eq!(status, 0);
    assert_restored(&pane.flags(), &modes, &bytes);
}

#[test]
fn sigtstp_suspends_and_sigcont_resumes_with_a_redraw() {
    if !tmux::available() {
        return;
    }
    suspend_then_resume("tstp", |_, pid| kill("TSTP", pid));
}

#[test]
fn ctrl_z_suspends_and_sigcont_resumes_with_a_redraw() {
    if !tmux::available() {
        return;
    }
    suspend_then_resume("ctrlz", |pane, _| pane.send("C-z"));
}
