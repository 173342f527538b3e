//! `wsis --at NAME` opens the browser on an item, by any of its names.

mod common;

use common::{tmux, wsis};

fn browser(name: &str, at: &str) -> tmux::Pane {
    let command = format!(
        "env XDG_CACHE_HOME={tmp}/cache XDG_CONFIG_HOME={tmp}/config-at XDG_STATE_HOME={tmp}/state-at \
         {bin} --no-user-data --at '{at}'",
        tmp = env!("CARGO_TARGET_TMPDIR"),
        bin = env!("CARGO_BIN_EXE_wsis"),
    );
    tmux::Pane::start(name, 100, 30, &command)
}

#[test]
fn the_browser_opens_on_the_named_item() {
    if !tmux::available() {
        return;
    }
    let pane = browser("at", "ECOSOC 2006/46");
    let screen = pane.wait_text("28 July 2006");
    assert!(!screen.contains("Geneva phase 2003 ›"), "no step before it:\n{screen}");
    pane.send(&["BSpace"]);
    pane.wait_text("no earlier step");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
}

#[test]
fn an_unknown_name_opens_the_browser_and_says_so() {
    if !tmux::available() {
        return;
    }
    let pane = browser("at-unknown", "no such item");
    pane.wait_text("--at: no item is called \"no such item\"");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0);
}

#[test]
fn at_with_a_command_is_refused() {
    let out = wsis(&["--at", "70/125", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--at opens the browser"));
}
