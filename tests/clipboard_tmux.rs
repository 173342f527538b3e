//! Inside tmux, `y` reaches tmux's paste buffer even with tmux's default
//! `set-clipboard external`, which drops an application's own OSC 52.

mod common;

use common::tmux;

#[test]
fn y_in_tmux_fills_the_paste_buffer_with_the_citation() {
    if !tmux::available() {
        return;
    }
    let command = format!(
        "env XDG_CACHE_HOME={tmp}/cache XDG_CONFIG_HOME={tmp}/config-clip XDG_STATE_HOME={tmp}/state-clip \
         {bin} --no-user-data",
        tmp = env!("CARGO_TARGET_TMPDIR"),
        bin = env!("CARGO_BIN_EXE_wsis"),
    );
    let pane = tmux::Pane::start("clip", 100, 30, &command);
    pane.tmux(&["set-option", "-s", "set-clipboard", "external"]);
    pane.wait_text("? help");
    pane.send(&[":", "7", "0", "/", "1", "2", "5", "Enter"]);
    pane.wait_text("A/RES/70/125");
    pane.send(&["y"]);
    pane.wait_text("paste buffer");
    let buffer = pane.tmux(&["show-buffer"]);
    assert!(
        buffer.starts_with("General Assembly resolution 70/125"),
        "the buffer holds the citation: {buffer:?}"
    );
    assert!(!buffer.contains('\x1b'), "no control sequence");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
}

#[test]
fn a_tmux_that_never_answers_does_not_freeze_the_browser() {
    if !tmux::available() {
        return;
    }
    // A `tmux` first on the PATH that never ends: y must still come back.
    let bin = tempfile::tempdir().expect("temp dir");
    let fake = bin.path().join("tmux");
    std::fs::write(&fake, "#!/bin/sh\nexec sleep 600\n").expect("fake tmux");
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("executable");
    let command = format!(
        "env PATH={fake_dir}:$PATH XDG_CACHE_HOME={tmp}/cache XDG_CONFIG_HOME={tmp}/config-clip2 \
         XDG_STATE_HOME={tmp}/state-clip2 {bin} --no-user-data --at 70/125",
        fake_dir = bin.path().display(),
        tmp = env!("CARGO_TARGET_TMPDIR"),
        bin = env!("CARGO_BIN_EXE_wsis"),
    );
    let pane = tmux::Pane::start("clip-hung", 100, 30, &command);
    pane.wait_text("16 December 2015");
    pane.send(&["y"]);
    let screen = pane.wait_text("copied citation");
    assert!(!screen.contains("paste buffer"), "tmux never took it:\n{screen}");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
}
