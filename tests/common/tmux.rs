//! A real terminal for tests: each pane runs in a tmux server of its own
//! (tests running at once share nothing), the pane outlives the program so
//! its last screen and exit status can still be read, and every wait polls
//! against a deadline instead of sleeping for a fixed time.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long any awaited screen may take: generous, because the machine
/// running the tests may be busy with other builds.
pub const DEADLINE: Duration = Duration::from_secs(60);
/// How often the pane is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(20);
/// What the pane shows once its program has ended: this, then the status.
pub const EXITED: &str = "EXITED-";
/// How long the pane stays after its program ends, for the test to read it.
const LINGER_SECONDS: u32 = 120;

/// Whether tmux can be used; says "skipped" when it cannot. CI installs
/// tmux, so there a missing tmux fails instead of skipping.
pub fn available() -> bool {
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

/// Polls `check` until it gives a value; fails naming `what` after
/// [`DEADLINE`], with `detail` (e.g. the last screen) in the message.
pub fn wait_until<T>(what: &str, mut check: impl FnMut() -> Result<T, String>) -> T {
    let start = Instant::now();
    loop {
        match check() {
            Ok(value) => return value,
            Err(detail) => assert!(start.elapsed() < DEADLINE, "{what} never came:\n{detail}"),
        }
        std::thread::sleep(POLL);
    }
}

/// One program in a pane of its own tmux server, ended when dropped.
pub struct Pane {
    socket: String,
}

impl Pane {
    /// The target of every command: the server holds one session.
    const TARGET: &'static str = "t";

    /// Runs `command` (a shell command line) in a `width`×`height` pane.
    /// When it ends, the pane shows [`EXITED`] and its exit status.
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Pane {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let serial = STARTED.fetch_add(1, Ordering::Relaxed);
        let pane = Pane {
            socket: format!("wsis-{name}-{}-{serial}", std::process::id()),
        };
        let shell = format!("{command}; echo {EXITED}$?; sleep {LINGER_SECONDS}");
        let (width, height) = (width.to_string(), height.to_string());
        let args = [
            "new-session",
            "-d",
            "-s",
            Self::TARGET,
            "-x",
            &width,
            "-y",
            &height,
            &shell,
        ];
        let started = pane.run(&args);
        assert!(
            started.status.success(),
            "tmux could not start the pane: {}",
            String::from_utf8_lossy(&started.stderr)
        );
        pane
    }

    /// Like [`Pane::start`], and every byte the program writes to the pane
    /// is appended to `record`: a line drawn and erased between two looks
    /// at the screen is still seen. The program starts only once the
    /// recording has begun.
    pub fn start_recorded(name: &str, width: u16, height: u16, command: &str, record: &Path) -> Pane {
        let gate = record.with_extension("go");
        let gated = format!(
            "while [ ! -e '{gate}' ]; do sleep 0.01; done; {command}",
            gate = gate.display()
        );
        let pane = Pane::start(name, width, height, &gated);
        let pipe = format!("cat >> '{}'", record.display());
        pane.tmux(&["pipe-pane", "-t", Self::TARGET, &pipe]);
        std::fs::write(&gate, b"").expect("the gate opens");
        pane
    }

    /// Runs a tmux command against this pane's server; returns its output.
    pub fn tmux(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// A `display -p` format (e.g. `#{pane_pid}`) for the pane.
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display", "-p", "-t", Self::TARGET, format])
            .trim()
            .to_string()
    }

    /// The pane's text as it is now.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", Self::TARGET])
    }

    /// Sends keys, each as tmux's `send-keys` names them (`Enter`, `C-c`, `q`).
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", Self::TARGET];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Waits until `found` accepts the screen; returns that screen.
    pub fn wait_for(&self, what: &str, found: impl Fn(&str) -> bool) -> String {
        wait_until(what, || {
            let screen = self.screen();
            if found(&screen) { Ok(screen) } else { Err(screen) }
        })
    }

    /// Waits until `found` accepts the screen and it stays the same for
    /// one more look: a screen caught halfway through a redraw (a popup
    /// closing) can already pass a check on part of it.
    pub fn wait_settled(&self, what: &str, found: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        wait_until(what, || {
            let screen = self.screen();
            let settled = found(&screen) && screen == last;
            last = screen.clone();
            if settled { Ok(screen) } else { Err(screen) }
        })
    }

    /// Waits until the screen contains `text`; returns that screen.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits for the program to end; returns its exit status.
    pub fn wait_exit(&self) -> i32 {
        let screen = self.wait_text(EXITED);
        screen
            .split(EXITED)
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|status| status.parse().ok())
            .unwrap_or_else(|| panic!("no exit status on the screen:\n{screen}"))
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// Waits until the recording made by [`Pane::start_recorded`] holds `text`;
/// returns all of it (escape sequences included).
pub fn wait_recorded(record: &Path, text: &str) -> String {
    wait_until(&format!("{text:?} in the recording"), || {
        let written = String::from_utf8_lossy(&std::fs::read(record).unwrap_or_default()).into_owned();
        if written.contains(text) {
            Ok(written)
        } else {
            Err(written)
        }
    })
}
