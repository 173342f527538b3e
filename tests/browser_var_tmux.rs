//! `o` opens the link in the browser `$BROWSER` names, lending it the
//! terminal: a terminal browser gets the keys typed while it runs (the
//! browser's reader waits), Ctrl-C in it ends it and not the browser,
//! and the browser comes back when it ends.

mod common;

use common::tmux;

/// A terminal browser that writes its arguments, one a line, to `args`,
/// then reads a line from the terminal into `typed`.
const FAKE_BROWSER: &str = "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\n\
    echo FAKE BROWSER READING\nread line\nprintf '%s\\n' \"$line\" > \"$(dirname \"$0\")/typed\"\n";

#[test]
fn o_lends_the_terminal_to_the_browser_of_browser_var() {
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let fake = dir.path().join("fake-browser");
    std::fs::write(&fake, FAKE_BROWSER).expect("fake browser");
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("executable");
    let command = format!(
        "env BROWSER='wsis-no-such-browser:{fake} --new-tab %s' XDG_CACHE_HOME={tmp}/cache \
         XDG_CONFIG_HOME={tmp}/config-open XDG_STATE_HOME={tmp}/state-open {bin} --no-user-data --at 70/125",
        fake = fake.display(),
        tmp = env!("CARGO_TARGET_TMPDIR"),
        bin = env!("CARGO_BIN_EXE_wsis"),
    );
    let pane = tmux::Pane::start("browser-var", 100, 30, &command);
    pane.wait_text("16 December 2015");
    pane.send(&["o"]);
    pane.wait_text("FAKE BROWSER READING");
    pane.send(&["h", "e", "l", "l", "o", "Enter"]);
    let screen = pane.wait_text("opened https://undocs.org/en/A/RES/70/125");
    assert!(screen.contains("A/RES/70/125"), "the browser is back:\n{screen}");
    let args = std::fs::read_to_string(dir.path().join("args")).expect("the browser ran");
    assert_eq!(
        args, "--new-tab\nhttps://undocs.org/en/A/RES/70/125\n",
        "the link is one argument"
    );
    let typed = std::fs::read_to_string(dir.path().join("typed")).expect("the browser read");
    assert_eq!(typed, "hello\n", "every key typed went to the browser");
    // Ctrl-C in the browser ends it, not this one.
    pane.send(&["o"]);
    pane.wait_text("FAKE BROWSER READING");
    pane.send(&["C-c"]);
    pane.wait_text("could not open the link");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
}
