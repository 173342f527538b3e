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
