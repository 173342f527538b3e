//! Popups over the panes clear a column either side of their border, so no
//! character of the screen below touches it; a word cut there goes whole,
//! and a popup with screen beside it dims that screen.

mod common;

use common::{DATA, draw, key, press, type_text};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::App;

/// The box whose top border holds `title`: (left, top, right, bottom).
fn popup_box(buffer: &Buffer, title: &str) -> (u16, u16, u16, u16) {
    let area = buffer.area;
    let row = |y: u16| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>();
    let top = (0..area.height)
        .find(|&y| row(y).contains(title))
        .unwrap_or_else(|| panic!("no popup titled {title}"));
    let line = row(top);
    let at = line[..line.find(title).unwrap()].chars().count() as u16;
    let left = (0..at)
        .rev()
        .find(|&x| buffer[(x, top)].symbol() == "┌")
        .expect("a corner");
    let right = (at..area.width)
        .find(|&x| buffer[(x, top)].symbol() == "┐")
        .expect("a corner");
    let bottom = (top..area.height)
        .find(|&y| buffer[(left, y)].symbol() == "└")
        .expect("a corner");
    (left, top, right, bottom)
}

/// Help drawn on a screen of `width`×`height`, and its box.
fn help_at(width: u16, height: u16) -> (Terminal<TestBackend>, (u16, u16, u16, u16)) {
    let mut app = App::new(&DATA);
    app.size = (width, height);
    press(&mut app, &[key(KeyCode::Char('?'))]);
    let terminal = draw(&app, width, height);
    let shown = popup_box(terminal.backend().buffer(), "Keys");
    (terminal, shown)
}

fn assert_clear_beside(app: &App, title: &str, width: u16, height: u16) {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    let (left, top, right, bottom) = popup_box(buffer, title);
    assert!(left > 0 && right + 1 < width, "{title}: a popup inside the screen");
    for y in top..=bottom {
        for x in [left - 1, right + 1] {
            assert_eq!(
                buffer[(x, y)].symbol(),
                " ",
                "{title} at {width}×{height}: ({x}, {y}) beside the border shows the screen below\n{}",
                terminal.backend()
            );
        }
    }
}

#[test]
fn help_and_path_clear_a_column_beside_their_borders() {
    for (width, height) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = App::new(&DATA);
        app.size = (width, height);
        press(&mut app, &[key(KeyCode::Char('?'))]);
        assert_clear_beside(&app, "Keys", width, height);

        let mut app = App::new(&DATA);
        app.size = (width, height);
        press(&mut app, &[key(KeyCode::Char('p')), key(KeyCode::Char(':'))]);
        type_text(&mut app, "70/125");
        press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('P'))]);
        assert_clear_beside(&app, "Path", width, height);
    }
}

/// The jump prompt spans the width: nothing beside it; above it, its own
/// border parts it from the panes.
#[test]
fn jump_over_the_panes_120x40() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "wsis");
    assert_snapshot!(draw(&app, 120, 40).backend());
}

/// A popup with screen beside it leaves nothing of the lines it covers
/// part of: on its rows, the panes it reaches are blank from its cleared
/// column to their border (no cut word, no word torn from its sentence
/// such as "in the" at 100×30), and the rest of the screen behind it is
/// dimmed, which reads as background.
#[test]
fn help_leaves_no_fragment_beside_it_and_dims_the_screen_behind() {
    use ratatui::style::Modifier;
    let is_border = |buffer: &Buffer, x: u16, y: u16| {
        let symbol = buffer[(x, y)].symbol();
        symbol.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c))
    };
    for (width, height) in [(80, 24), (100, 30), (120, 40), (149, 40), (150, 40), (200, 50)] {
        let (terminal, (left, top, right, bottom)) = help_at(width, height);
        let shown = terminal.backend().buffer();
        // The cleared columns either side of the border.
        let (first, last) = (left - 1, right + 1);
        for y in top..=bottom {
            let leftwards = (0..first).rev().take_while(|&x| !is_border(shown, x, y));
            let rightwards = (last + 1..width).take_while(|&x| !is_border(shown, x, y));
            for x in leftwards.chain(rightwards) {
                assert_eq!(
                    shown[(x, y)].symbol(),
                    " ",
                    "{width}×{height}: ({x}, {y}) beside the popup shows a fragment\n{}",
                    terminal.backend()
                );
            }
        }
        // The main area (all but the hint bar) outside the popup and its
        // cleared columns is dimmed.
        for y in 0..height - 1 {
            for x in (0..width).filter(|&x| !(first..=last).contains(&x) || !(top..=bottom).contains(&y)) {
                let cell = &shown[(x, y)];
                assert!(
                    cell.symbol() == " " || cell.modifier.contains(Modifier::DIM),
                    "{width}×{height}: ({x}, {y}) {:?} behind the popup is not dimmed",
                    cell.symbol()
                );
            }
        }
    }
}

/// On help's rows no piece of a pane's top or bottom border is left beside
/// it (a trial found "──────────┐" beside help at 100×30): the line goes,
/// its far corner becomes the pane's side.
#[test]
fn help_leaves_no_border_piece_beside_it() {
    for (width, height) in [(80, 24), (90, 26), (100, 30), (120, 40), (149, 40), (200, 50)] {
        let (terminal, (left, top, right, bottom)) = help_at(width, height);
        let shown = terminal.backend().buffer();
        for y in top..=bottom {
            for x in (0..left).chain(right + 1..width) {
                assert!(
                    !["─", "┌", "┐", "└", "┘"].contains(&shown[(x, y)].symbol()),
                    "{width}×{height}: ({x}, {y}) a border piece beside help\n{}",
                    terminal.backend()
                );
            }
        }
        if (width, height) == (100, 30) {
            assert_snapshot!(terminal.backend());
        }
    }
}
