//! Status lines name items as people know them: by symbol, else by short
//! title; never by the internal id.

mod common;

use common::{DATA, draw, key, press, shown, type_text};
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::App;

fn jump(app: &mut App, to: &str) {
    press(app, &[key(KeyCode::Char(':'))]);
    type_text(app, to);
    press(app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(app), to);
}

#[test]
fn bookmark_and_mark_messages_use_the_symbol() {
    let mut app = App::new(&DATA);
    jump(&mut app, "ga-80-173");
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert_eq!(app.status.as_deref(), Some("bookmarked A/RES/80/173"));
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert_eq!(app.status.as_deref(), Some("removed bookmark A/RES/80/173"));
    press(&mut app, &[key(KeyCode::Char('p'))]);
    assert_eq!(
        app.status.as_deref(),
        Some("marked A/RES/80/173 — open another item and press P")
    );
}

#[test]
fn items_without_a_symbol_are_named_by_their_short_title() {
    let mut app = App::new(&DATA);
    jump(&mut app, "wsis20-financing-task-force");
    assert_eq!(app.data.item(app.selected_item().unwrap()).symbol, None);
    press(&mut app, &[key(KeyCode::Char('p'))]);
    let status = app.status.clone().unwrap();
    assert!(status.starts_with("marked Financing task force (para 67)"), "{status}");
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert_eq!(app.status.as_deref(), Some("bookmarked Financing task force (para 67)"));
}

#[test]
fn no_status_line_quotes_an_internal_id() {
    let mut app = App::new(&DATA);
    // Every item without a symbol, through the actions that report on it.
    for (idx, item) in DATA.items().enumerate().filter(|(_, i)| i.symbol.is_none()) {
        jump(&mut app, &item.id);
        for action in ['m', 'm', 'p'] {
            press(&mut app, &[key(KeyCode::Char(action))]);
            let status = app.status.clone().unwrap_or_default();
            let named = status.contains(&app.status_name(idx));
            // An id may only appear where it is also part of the name.
            assert!(named, "{status:?} names {}", item.id);
            if !item.label().contains(item.id.as_str()) {
                assert!(
                    !status.contains(item.id.as_str()),
                    "{status:?} shows the id {}",
                    item.id
                );
            }
        }
    }
}

#[test]
fn a_long_status_drops_whole_hints_keeping_help_and_quit() {
    let mut app = App::new(&DATA);
    jump(&mut app, "ga-80-173");
    let status = "could not open the link (Y copies it): the system's program for web links failed";
    app.status = Some(status.into());
    let last_line = |width: u16| {
        let terminal = draw(&app, width, 24);
        let buffer = terminal.backend().buffer();
        (0..width)
            .map(|x| buffer[(x, 23)].symbol().to_string())
            .collect::<String>()
    };
    // Longer than the line: the status is cut with "…", not mid-word
    // bare, and takes the line without a separator dangling after it.
    let narrow = last_line(80);
    assert!(narrow.trim_end().ends_with('…'), "{narrow:?}");
    assert!(!narrow.contains('│'), "{narrow:?}");
    for width in [100u16, 120] {
        let last = last_line(width);
        let hints = last.rsplit('│').next().unwrap_or("").trim_end();
        assert!(hints.ends_with("? help  q quit"), "{width}: {last:?}");
        for word in ["hel ", "categor ", " searc "] {
            assert!(!format!("{hints} ").contains(word), "{width}: a cut hint in {last:?}");
        }
    }
}

/// A status message a little shorter than the line leaves no room for a
/// hint: it ends the line without a "│" after it, at every width.
#[test]
fn a_status_that_fills_the_line_ends_without_a_separator() {
    let mut app = App::new(&DATA);
    app.status = Some("could not open the link (Y copies it): the system's program for web links failed".into());
    for width in 60u16..=90 {
        let terminal = draw(&app, width, 24);
        let buffer = terminal.backend().buffer();
        let line: String = (0..width).map(|x| buffer[(x, 23)].symbol().to_string()).collect();
        assert!(!line.trim_end().ends_with('│'), "{width}: {line:?}");
    }
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

/// In an overlay a long status keeps the way out of it in the hint bar:
/// after a copy in the links list, "close" as well as "quit".
#[test]
fn a_long_status_in_an_overlay_keeps_how_to_close_it() {
    let mut app = App::new(&DATA);
    jump(&mut app, "wgig-report");
    press(&mut app, &[key(KeyCode::Char('O'))]);
    app.status =
        Some("copied link (and to tmux's paste buffer): https://www.itu.int/net/wsis/docs2/pc3/html/off5b/".into());
    let terminal = draw(&app, 120, 40);
    let last = terminal
        .backend()
        .to_string()
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    let hints = last.rsplit('│').next().unwrap_or("");
    assert!(hints.contains("close") && hints.contains("quit"), "{last:?}");
    assert!(!hints.contains("copy"), "the others gave way: {last:?}");
}
