//! `J` / `K`: reading the next or previous item of a list from the detail
//! pane, and what Back does after a run of them.

mod common;

use common::{DATA, draw, key, press, shown, type_text};
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::{App, Pane, Row};
use wsis_browser::data::category::category_index;

const NEXT: KeyCode = KeyCode::Char('J');
const PREVIOUS: KeyCode = KeyCode::Char('K');

fn open_by_search(app: &mut App, query: &str) {
    press(app, &[key(KeyCode::Char('/'))]);
    type_text(app, query);
    press(app, &[key(KeyCode::Enter)]);
}

fn ecosoc() -> Row {
    Row::Category(category_index("ecosoc").expect("an ECOSOC category"))
}

#[test]
fn from_the_detail_j_and_k_read_the_neighbours_without_leaving_it() {
    let mut app = App::new(&DATA);
    app.row = ecosoc();
    press(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(app.focus, Pane::Detail);
    // Scrolled and a link selected: the next item still opens at its top.
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Char('j'))]);
    assert_eq!(app.detail_scroll, 2);
    let list = app.items().to_vec();
    press(&mut app, &[key(NEXT)]);
    assert_eq!(app.selected_item(), Some(list[1]));
    assert_eq!((app.focus, app.detail_scroll, app.link_row), (Pane::Detail, 0, None));
    press(&mut app, &[key(NEXT), key(NEXT)]);
    assert_eq!(app.selected_item(), Some(list[3]));
    assert_eq!(app.item_row(), 3, "the list cursor follows");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains(&format!("item 4 of {}", list.len())), "{status}");
    press(&mut app, &[key(PREVIOUS)]);
    assert_eq!(app.selected_item(), Some(list[2]));
    app.check_invariants().unwrap();
}

#[test]
fn from_the_list_j_shows_the_next_item_with_the_keys_in_the_detail() {
    let mut app = App::new(&DATA);
    assert_eq!(app.focus, Pane::Items);
    let list = app.items().to_vec();
    press(&mut app, &[key(NEXT)]);
    assert_eq!(app.selected_item(), Some(list[1]));
    assert_eq!(app.focus, Pane::Detail);
    // From the category pane too.
    press(&mut app, &[key(KeyCode::Char('h')), key(KeyCode::Char('h'))]);
    assert_eq!(app.focus, Pane::Categories);
    press(&mut app, &[key(PREVIOUS)]);
    assert_eq!(app.selected_item(), Some(list[0]));
    assert_eq!(app.focus, Pane::Detail);
}

#[test]
fn at_either_end_nothing_moves_and_the_status_says_so() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('l'))]);
    let list = app.items().to_vec();
    press(&mut app, &[key(PREVIOUS)]);
    assert_eq!(app.selected_item(), Some(list[0]));
    assert!(
        app.status.as_deref().unwrap_or("").contains("first item"),
        "{:?}",
        app.status
    );
    press(&mut app, &[key(KeyCode::Char('h')), key(KeyCode::Char('G'))]);
    let last = *list.last().unwrap();
    press(&mut app, &[key(NEXT)]);
    assert_eq!(app.selected_item(), Some(last));
    assert_eq!(app.focus, Pane::Items, "an end moves no focus either");
    assert!(
        app.status.as_deref().unwrap_or("").contains("last item"),
        "{:?}",
        app.status
    );
    app.check_invariants().unwrap();
}

#[test]
fn an_empty_list_says_so_and_stays_valid() {
    let mut app = App::new(&DATA);
    app.row = Row::Bookmarks;
    assert!(app.items().is_empty());
    for code in [NEXT, PREVIOUS, NEXT] {
        press(&mut app, &[key(code)]);
        assert_eq!(app.selected_item(), None);
        assert!(
            app.status.as_deref().unwrap_or("").contains("no items"),
            "{:?}",
            app.status
        );
        app.check_invariants().unwrap();
    }
    draw(&app, 120, 40);
}

/// A run of steps is one walk: Back returns to where it started, at the
/// scroll it was left at, not through every item passed; Forward returns
/// to where the run ended.
#[test]
fn back_after_a_run_of_steps_returns_to_where_the_run_began() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "E/RES/2006/46");
    assert_eq!(shown(&app), "ecosoc-2006-46");
    press(&mut app, &[key(KeyCode::Char('j'))]);
    let start = app.location();
    assert_eq!(start.detail_scroll, 1);
    let steps_before = app.history.trail().count();
    press(&mut app, &[key(NEXT), key(NEXT), key(NEXT)]);
    let end = app.selected_item();
    assert_ne!(end, start.item);
    assert_eq!(app.history.trail().count(), steps_before, "the run added no step");
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(app.location(), start, "back at the start of the run, its scroll kept");
    press(&mut app, &[key(KeyCode::Char(']'))]);
    assert_eq!(app.selected_item(), end, "forward to where the run ended");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert_ne!(shown(&app), "ecosoc-2006-46", "one Back more leaves the run's start");
}

/// Where the browser opened is a place to come back to as well.
#[test]
fn back_after_a_run_from_the_first_screen_returns_to_it() {
    let mut app = App::new(&DATA);
    let start = app.location();
    press(&mut app, &[key(NEXT), key(NEXT)]);
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(app.selected_item(), start.item);
    assert_eq!(app.focus, Pane::Items, "back in the list, where the reader was");
}

/// An item opened from search is read in its category's list: `J` steps
/// through that list, while `n` still steps through the hits.
#[test]
fn after_a_search_j_steps_the_category_list_and_n_the_hits() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "WSIS assessment");
    let first = app.selected_item().expect("a hit opened");
    let row = app.item_row();
    let list = app.items().to_vec();
    press(&mut app, &[key(NEXT)]);
    let expected = list.get(row + 1).or(list.get(row)).copied();
    assert_eq!(app.selected_item(), expected);
    press(&mut app, &[key(KeyCode::Char('n'))]);
    let hits = app.last_search.clone().expect("the last search is kept");
    assert_eq!(app.selected_item(), Some(hits.hits[1]), "n opens the second hit");
    assert_ne!(hits.hits[0], hits.hits[1]);
    assert_eq!(hits.hits[0], first);
}

/// An item opened from the timeline is read in its category's list too.
#[test]
fn after_the_timeline_j_steps_the_category_list() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('t'))]);
    press(&mut app, &[key(KeyCode::Char('G')), key(KeyCode::Enter)]);
    assert!(app.timeline().is_none());
    let opened = app.selected_item().expect("an item opened");
    let (row, list) = (app.item_row(), app.items().to_vec());
    assert_eq!(list[row], opened);
    press(&mut app, &[key(PREVIOUS)]);
    let expected = if row == 0 { opened } else { list[row - 1] };
    assert_eq!(app.selected_item(), Some(expected));
    assert_eq!(app.focus, Pane::Detail);
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(
        app.selected_item(),
        Some(opened),
        "Back returns to the item the timeline opened"
    );
}

#[test]
fn help_and_the_hint_bar_name_the_keys() {
    let sections = wsis_browser::keymap::help_sections();
    let browsing = &sections[0].1;
    for key in ["J", "K"] {
        assert!(browsing.iter().any(|(keys, _)| keys == key), "help lacks {key}");
    }
    let app = App::new(&DATA);
    let screen = draw(&app, 200, 50).backend().to_string();
    assert!(screen.contains("J next item"), "{screen}");
}
