//! `wsis --at NAME` opens the browser on an item, by any of its names.

mod common;

use common::{DATA, idx, shown, tmux, wsis};
use wsis_browser::app::{Action, App};
use wsis_browser::tui::start_at;

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

/// The browser after `--at name`, as the event loop starts it.
fn started_at(name: &str) -> App<'static> {
    let mut app = App::new(&DATA);
    for action in start_at(&DATA, name) {
        app.update(action);
    }
    app
}

#[test]
fn a_name_opens_its_item_at_once() {
    let app = started_at("A/RES/70/125");
    assert!(app.jump().is_none());
    assert_eq!(shown(&app), "ga-70-125");
}

#[test]
fn words_of_no_item_open_the_jump_holding_them_and_pick_nothing() {
    let before = App::new(&DATA).selected_item();
    for (words, first) in [
        ("tunis agend", "tunis-agenda"),
        ("compact", "gdc"),
        ("c7 health", "al-c7-e-health"),
    ] {
        let mut app = started_at(words);
        assert_eq!(app.selected_item(), before, "{words}: nothing opened in its place");
        let jump = app.jump().expect("the jump prompt is open");
        assert_eq!(jump.input, *words);
        assert_eq!(
            jump.completions.first(),
            Some(&idx(first)),
            "{words}: the jump's own offer"
        );
        let status = app.status.clone().unwrap_or_default();
        assert!(
            status.contains(&format!("--at: no item is called \"{words}\"")),
            "{status}"
        );
        // The reader picks: Enter opens the selected offer.
        app.update(Action::JumpAccept);
        assert_eq!(shown(&app), first);
    }
}

#[test]
fn words_near_nothing_only_say_so() {
    let app = started_at("zzqxjv");
    assert!(app.jump().is_none());
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("--at: no item is called \"zzqxjv\"; / searches"),
        "{status}"
    );
}

#[test]
fn a_symbol_one_slip_away_is_named_never_opened() {
    let before = App::new(&DATA).selected_item();
    let app = started_at("2006/64");
    assert_eq!(app.selected_item(), before, "nothing opened in its place");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("--at: no item is called \"2006/64\"; did you mean E/RES/2006/46?"),
        "{status}"
    );
}

#[test]
fn an_empty_name_is_refused_plainly() {
    for name in ["", "   "] {
        let app = started_at(name);
        assert!(app.jump().is_none(), "{name:?}");
        let status = app.status.clone().unwrap_or_default();
        assert!(status.starts_with("--at: an empty name names no item"), "{status}");
    }
}

#[test]
fn control_characters_of_a_name_never_reach_the_status_line() {
    let app = started_at("zz\u{1b}[2Jqq");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("no item is called"), "{status}");
    assert!(!status.contains('\u{1b}'), "{status:?}");
}

/// Keys typed while the data loaded (kept, to apply once it is there)
/// were typed at the main view: a jump prompt `--at` opens since never
/// showed, so none goes into it and the status line says so; after
/// `--at` opened an item they move on from it, as typed after it.
#[test]
fn keys_kept_while_loading_never_type_into_the_at_prompt() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use wsis_browser::tui::TypedAhead;
    let kept = |chars: &str| {
        let mut typed = TypedAhead::default();
        for c in chars.chars() {
            typed.offer(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
        typed
    };
    let mut app = started_at("tunis agend");
    kept("jjx").replay(&mut app, |_| {});
    let jump = app.jump().expect("the jump prompt stays open");
    assert_eq!(jump.input, "tunis agend", "nothing typed into it");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("--at: no item is called"), "{status}");
    assert!(status.contains("3 keys typed while loading not applied"), "{status}");

    // Over the item `--at` opened, the keys apply: `j` scrolls its text.
    let mut app = started_at("A/RES/70/125");
    kept("jj").replay(&mut app, |_| {});
    assert_eq!(shown(&app), "ga-70-125");
    assert_eq!(app.detail_scroll, 2);
}

/// `--at` takes the names `show` takes: a symbol written with dashes for
/// its slashes, and the part of a short title before its colon.
#[test]
fn a_dashed_symbol_or_a_short_title_head_opens_its_item() {
    for (name, id) in [("A-RES-80-173", "ga-80-173"), ("TA para 105", "tunis-agenda-para-105")] {
        let app = started_at(name);
        assert!(app.jump().is_none(), "{name}");
        assert_eq!(shown(&app), id, "{name}");
    }
}
