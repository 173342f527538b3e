//! Screens rendered into TestBackend and compared with committed snapshots.

mod common;

use common::{DATA, draw, key, press, type_text};
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use wsis_browser::app::{App, Row};
use wsis_browser::data::category::category_index;

#[test]
fn main_screen_120x40() {
    let app = App::new(&DATA);
    assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn main_screen_80x24() {
    let app = App::new(&DATA);
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn ecosoc_list_at_200x50() {
    let mut app = App::new(&DATA);
    app.row = Row::Category(category_index("ecosoc").unwrap());
    app.size = (200, 50);
    assert_snapshot!(draw(&app, 200, 50).backend());
}

#[test]
fn follow_prompt_over_the_detail_80x24() {
    let mut app = App::new(&DATA);
    app.size = (80, 24);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "70/125");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('f'))]);
    type_text(&mut app, "re");
    assert_snapshot!(draw(&app, 80, 24).backend());
}

/// The measure: at 120×40 every row of the ECOSOC list shows its
/// full symbol and at least 40 characters of its title (all of a shorter one).
#[test]
fn every_ecosoc_row_shows_its_symbol_and_forty_title_characters_at_120x40() {
    const TITLE_SHOWN: usize = 40;
    let mut app = App::new(&DATA);
    app.row = Row::Category(category_index("ecosoc").unwrap());
    let terminal = draw(&app, 120, 40);
    let rows: Vec<String> = (0..40).map(|y| row_text(terminal.backend().buffer(), y)).collect();
    let items = app.items().to_vec();
    assert!(items.len() > 10);
    for idx in items {
        let item = DATA.item(idx);
        let title: String = item.label().chars().take(TITLE_SHOWN).collect();
        let symbol = item.symbol.as_deref().unwrap_or("");
        assert!(
            rows.iter().any(|row| row.contains(symbol) && row.contains(&title)),
            "{symbol} {title:?} not shown whole:\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn detail_with_a_selected_link_120x40() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('j'))]);
    assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn search_open_with_highlights() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "2006/46");
    let terminal = draw(&app, 120, 40);
    assert_snapshot!(terminal.backend());

    // The matched characters of the first result are highlighted.
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| row_text(buffer, y).contains("▶ E/RES/2006/46"))
        .expect("first result row");
    let line = row_text(buffer, row);
    let start = line.find("2006/46").unwrap();
    let start_col = line[..start].chars().count() as u16;
    for x in start_col..start_col + 7 {
        let modifiers = buffer[(x, row)].modifier;
        assert!(modifiers.contains(Modifier::UNDERLINED), "column {x} not highlighted");
    }
}

#[test]
fn help_overlay_lists_every_binding() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('?'))]);
    let terminal = draw(&app, 120, 40);
    assert_snapshot!(terminal.backend());
    let screen = terminal.backend().to_string();
    for binding in wsis_browser::keymap::BINDINGS
        .iter()
        .filter(|b| b.context == wsis_browser::keymap::Context::Main)
    {
        assert!(
            screen.contains(binding.description),
            "help lacks {}",
            binding.description
        );
    }
}

#[test]
fn too_small_terminal_says_so() {
    let app = App::new(&DATA);
    let terminal = draw(&app, 40, 10);
    assert_snapshot!(terminal.backend());
    assert!(terminal.backend().to_string().contains("Terminal too small"));
}

#[test]
fn any_size_renders_without_panic() {
    let mut app = App::new(&DATA);
    let sizes = (1..=130)
        .step_by(7)
        .flat_map(|w| (1..=45).step_by(4).map(move |h| (w, h)));
    for (w, h) in sizes.chain([(1, 1), (59, 11), (60, 12), (250, 80)]) {
        draw(&app, w, h);
    }
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "cstd");
    for (w, h) in [(60, 12), (61, 13), (80, 24), (200, 60)] {
        draw(&app, w, h);
    }
}

fn row_text(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect()
}

/// A long text is wrapped once per item and width, not on every frame.
#[test]
fn the_detail_is_laid_out_once_per_item_and_width() {
    use std::rc::Rc;
    use wsis_browser::ui::detail::cached_lines;
    let mut app = App::new(&DATA);
    let idx = app.selected_item().expect("an item");
    let again = cached_lines(&app, idx, 50, None);
    assert!(
        Rc::ptr_eq(&again, &cached_lines(&app, idx, 50, None)),
        "same key, same layout"
    );
    let wider = cached_lines(&app, idx, 60, None);
    assert!(!Rc::ptr_eq(&again, &wider), "another width is laid out anew");
    app.update(wsis_browser::app::Action::Move(wsis_browser::app::Motion::By(1)));
    let next = app.selected_item().expect("an item");
    assert_ne!(next, idx);
    assert!(!Rc::ptr_eq(&wider, &cached_lines(&app, next, 60, None)));
}
