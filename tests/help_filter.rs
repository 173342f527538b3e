//! Typing to filter the help overlay, at the `App` level: `?`, `/`, words
//! that narrow the rows (under their headings), Backspace, Enter, Esc.

mod common;

use common::{DATA, ctrl, draw, key, press, type_text};
use insta::assert_snapshot;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
use wsis_browser::app::{Action, App, Context};
use wsis_browser::keymap::help_sections;

/// An app of `width`×`height` with help open and `/` pressed.
fn filtering(width: u16, height: u16) -> App<'static> {
    let mut app = App::new(&DATA);
    app.update(Action::Resize(width, height));
    press(&mut app, &[key(KeyCode::Char('?')), key(KeyCode::Char('/'))]);
    assert_eq!(app.context(), Context::HelpFilter, "/ in help starts the filter");
    app
}

fn screen(app: &App, width: u16, height: u16) -> Vec<String> {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The text of the help popup's rows, trimmed, between its borders: the
/// box whose top border holds the title "Keys…".
fn popup_rows(lines: &[String]) -> Vec<String> {
    let chars: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let (top, left) = popup_corner(lines);
    let right = (left + 1..chars[top].len())
        .find(|&x| chars[top][x] == '┐')
        .expect("its corner");
    chars[top + 1..]
        .iter()
        .take_while(|row| row[left] != '└')
        .map(|row| row[left + 1..right].iter().collect::<String>().trim().to_string())
        .collect()
}

/// Alt with `c`, as a terminal sends it.
fn alt(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

/// Whether help's title says that Esc closes it (no filter in force).
fn title_says_esc_closes(app: &App) -> bool {
    screen(app, 120, 40)
        .iter()
        .any(|l| l.contains("Keys — q, ? or Esc closes"))
}

fn filter(app: &App) -> String {
    app.help().expect("help is open").filter.text().to_string()
}

/// Rows of help, counted from the keymap, whose keys or description hold
/// `word` (a reference the view's count must agree with).
fn rows_holding(word: &str) -> usize {
    rows_holding_all(&[word])
}

/// Rows of help whose keys or description hold every one of `words`.
fn rows_holding_all(words: &[&str]) -> usize {
    help_sections()
        .iter()
        .flat_map(|(_, rows)| rows)
        .filter(|(keys, description)| {
            let row = format!("{keys} {description}").to_lowercase();
            words.iter().all(|word| row.contains(word))
        })
        .count()
}

/// The headings of help's sections that hold a row with `word`.
fn sections_holding(word: &str) -> Vec<String> {
    help_sections()
        .iter()
        .filter(|(_, rows)| {
            rows.iter()
                .any(|(keys, description)| format!("{keys} {description}").to_lowercase().contains(word))
        })
        .map(|(title, _)| title.to_string())
        .collect()
}

#[test]
fn typing_copy_keeps_only_the_rows_about_copying_under_their_headings() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "copy");
    let lines = screen(&app, 120, 40);
    let copying = rows_holding("copy");
    assert!(copying >= 4, "y, Y, c and cite's Enter copy");
    let title = format!("Keys matching \"copy\": {copying} — Esc clears");
    assert!(lines.iter().any(|l| l.contains(&title)), "{lines:#?}");
    // The popup's rows: its headings, blank lines between sections and
    // rows that each hold the word.
    let inside: Vec<String> = popup_rows(&lines).into_iter().filter(|l| !l.is_empty()).collect();
    let headings = sections_holding("copy");
    assert!(headings.len() >= 2, "{headings:?}");
    assert_eq!(
        inside.len(),
        copying + headings.len(),
        "the headings and the rows: {inside:#?}"
    );
    assert_eq!(inside[0], "Browsing");
    assert!(inside.iter().any(|r| r == "Cite as (c)"), "{inside:#?}");
    for row in inside.iter().filter(|r| !headings.contains(r)) {
        assert!(row.to_lowercase().contains("copy"), "{row}");
    }
    assert!(
        !lines.iter().any(|l| l.contains("Timeline (t)")),
        "a section without a match goes"
    );
    assert!(
        lines.iter().any(|l| l.contains("/copy▏")),
        "the filter line shows what was typed"
    );
}

#[test]
fn every_word_must_match_and_backspace_widens() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "copy link");
    let title = |app: &App| {
        screen(app, 120, 40)
            .into_iter()
            .find(|l| l.contains("Keys matching"))
            .expect("a title with the filter")
    };
    let both = rows_holding_all(&["copy", "link"]);
    assert!(both < rows_holding("copy"), "fewer rows hold both words");
    assert!(
        title(&app).contains(&format!("\"copy link\": {both} —")),
        "{}",
        title(&app)
    );
    for _ in 0.." link".len() {
        press(&mut app, &[key(KeyCode::Backspace)]);
    }
    assert_eq!(filter(&app), "copy");
    let copying = rows_holding("copy");
    assert!(
        title(&app).contains(&format!("\"copy\": {copying} —")),
        "{}",
        title(&app)
    );
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    let widened = rows_holding("co");
    assert!(widened > copying);
    assert!(title(&app).contains(&format!("\"co\": {widened} —")), "{}", title(&app));
    press(&mut app, &[ctrl('u')]);
    assert_eq!(filter(&app), "", "Ctrl-U clears");
    assert_eq!(app.context(), Context::HelpFilter, "and typing goes on");
}

#[test]
fn the_cursor_moves_in_the_filter_as_in_the_search_prompt() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "cpy link");
    // Home, then past the "c": the missing letter goes where it belongs.
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::Right)]);
    type_text(&mut app, "o");
    assert_eq!(filter(&app), "copy link");
    // End, a word left, Delete: the word's first letter goes.
    press(&mut app, &[key(KeyCode::End), alt('b'), key(KeyCode::Delete)]);
    assert_eq!(filter(&app), "copy ink");
    press(&mut app, &[ctrl('a'), ctrl('d')]);
    assert_eq!(filter(&app), "opy ink");
    assert_eq!(app.context(), Context::HelpFilter, "moving never leaves the filter");
}

#[test]
fn letters_that_are_keys_elsewhere_type_into_the_filter() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "quit jk?");
    assert_eq!(filter(&app), "quit jk?");
    assert!(app.help().is_some(), "q and ? type, not close");
}

#[test]
fn esc_clears_the_filter_and_a_second_esc_closes_help() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "copy");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(filter(&app), "");
    assert_eq!(app.context(), Context::Help, "back to scrolling every row");
    assert!(title_says_esc_closes(&app));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.help().is_none());
    assert_eq!(app.context(), Context::Main);
}

/// A kept filter of spaces filters nothing, and the title says Esc
/// closes: so it does (review: it cleared the unseen spaces instead).
#[test]
fn a_kept_filter_of_spaces_lets_esc_close_as_the_title_says() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "  ");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(title_says_esc_closes(&app));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.help().is_none());
}

#[test]
fn enter_keeps_the_filter_then_esc_clears_it_and_q_closes() {
    let mut app = filtering(120, 40);
    type_text(&mut app, "copy");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::Help);
    assert_eq!(filter(&app), "copy", "Enter keeps the filter");
    let lines = screen(&app, 120, 40);
    assert!(lines.iter().any(|l| l.contains("/copy")) && !lines.iter().any(|l| l.contains("/copy▏")));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(filter(&app), "", "Esc clears a kept filter");
    assert!(app.help().is_some(), "and leaves help open");
    // A kept filter does not stop q from closing.
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "copy");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('q'))]);
    assert!(app.help().is_none());
}

#[test]
fn a_filter_with_no_match_says_so() {
    let mut app = filtering(80, 24);
    type_text(&mut app, "zebra");
    let lines = screen(&app, 80, 24);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Keys matching \"zebra\": 0 — Esc clears")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("No key or description holds \"zebra\".")),
        "{lines:#?}"
    );
    assert_eq!(wsis_browser::ui::help::scroll_range(&app, app.help().unwrap()), 1);
}

/// Scrolling stops at the filtered rows' end, and a change of the filter
/// shows its rows from the top.
#[test]
fn scrolling_stays_within_the_filtered_rows() {
    let mut app = filtering(80, 24);
    type_text(&mut app, "cursor");
    press(&mut app, &[key(KeyCode::Enter)]);
    let range = wsis_browser::ui::help::scroll_range(&app, app.help().unwrap());
    let all = {
        let mut unfiltered = App::new(&DATA);
        unfiltered.update(Action::Resize(80, 24));
        press(&mut unfiltered, &[key(KeyCode::Char('?'))]);
        wsis_browser::ui::help::scroll_range(&unfiltered, unfiltered.help().unwrap())
    };
    assert!(
        range > 1 && range < all,
        "the cursor rows overflow 80×24 but are fewer: {range} of {all}"
    );
    for _ in 0..range + 5 {
        press(&mut app, &[key(KeyCode::Char('j'))]);
    }
    assert_eq!(app.help().unwrap().scroll, range - 1, "j stops at the last line");
    press(
        &mut app,
        &[key(KeyCode::Char('g')), key(KeyCode::PageDown), key(KeyCode::PageDown)],
    );
    assert_eq!(app.help().unwrap().scroll, range - 1, "PgDn too");
    let lines = screen(&app, 80, 24);
    assert!(lines.iter().any(|l| l.contains("↑ end ┘")), "{lines:#?}");
    press(&mut app, &[key(KeyCode::Char('/')), key(KeyCode::Backspace)]);
    assert_eq!(filter(&app), "curso");
    assert_eq!(app.help().unwrap().scroll, 0, "a changed filter shows from the top");
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!(app.help().unwrap().scroll, 1, "↓ scrolls while typing");
    type_text(&mut app, "r");
    assert_eq!(app.help().unwrap().scroll, 0);
}

#[test]
fn the_hint_bar_names_the_keys_of_each_state() {
    let mut app = App::new(&DATA);
    app.update(Action::Resize(120, 40));
    press(&mut app, &[key(KeyCode::Char('?'))]);
    let hints = |app: &App| screen(app, 120, 40).pop().unwrap();
    assert!(hints(&app).contains("/ filter"), "{}", hints(&app));
    assert!(
        !hints(&app).contains("clear filter"),
        "no filter to clear: {}",
        hints(&app)
    );
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "copy");
    assert!(hints(&app).contains("Enter keep"), "{}", hints(&app));
    assert!(hints(&app).contains("Esc/Ctrl-C clear"), "{}", hints(&app));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(hints(&app).contains("Esc clear filter"), "{}", hints(&app));
    assert!(hints(&app).contains("q/? close"), "{}", hints(&app));
}

#[test]
fn help_lists_its_own_filter_keys() {
    let sections = help_sections();
    let help = sections
        .iter()
        .find(|(title, _)| *title == "Help")
        .expect("a Help section");
    assert!(help.1.iter().any(|(keys, _)| keys == "/"), "{help:?}");
    let typing = sections
        .iter()
        .find(|(title, _)| *title == "Filter help (/ in help)")
        .expect("a section for typing the filter");
    for key in ["Enter", "Backspace", "Ctrl-U", "Esc/Ctrl-C"] {
        assert!(typing.1.iter().any(|(keys, _)| keys == key), "{key}: {typing:?}");
    }
}

/// Any text, pasted or typed, at any size from the smallest: no control
/// character reaches the screen, and the title keeps its count in view.
#[test]
fn no_text_and_no_size_breaks_the_filtered_help() {
    let texts = [
        "copy",
        "zebra",
        "\u{1b}[31mred\u{7}",
        "日本語の説明",
        "\u{202e}evil",
        &"long ".repeat(80),
    ];
    for (width, height) in [(60, 12), (61, 13), (80, 24), (200, 60)] {
        for text in texts {
            let mut app = filtering(width, height);
            press(&mut app, &[Event::Paste(text.to_string())]);
            for kept in [false, true] {
                if kept {
                    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::End)]);
                }
                let lines = screen(&app, width, height);
                let all = lines.concat();
                assert!(
                    !all.chars().any(char::is_control),
                    "{width}×{height} {text:?}: {lines:#?}"
                );
                // However long the filter, the count and how to clear it stay.
                assert!(
                    lines
                        .iter()
                        .any(|l| l.contains("┌ Keys matching") && l.contains("— Esc clears")),
                    "{width}×{height} {text:?}: {lines:#?}"
                );
                assert!(
                    lines.iter().any(|l| l.contains("└ /")),
                    "{width}×{height} {text:?}: {lines:#?}"
                );
            }
        }
    }
}

/// The row and column of help's top left corner: the box whose top
/// border holds the title "Keys…".
fn popup_corner(lines: &[String]) -> (usize, usize) {
    let top = lines
        .iter()
        .position(|l| l.contains("┌ Keys"))
        .expect("help's top border");
    (top, lines[top].split("┌ Keys").next().unwrap().chars().count())
}

/// The row of help's top border and of its bottom one.
fn popup_edges(lines: &[String]) -> (usize, usize) {
    let (top, left) = popup_corner(lines);
    let bottom = (top + 1..lines.len())
        .find(|&y| lines[y].chars().nth(left) == Some('└'))
        .expect("its bottom border");
    (top, bottom)
}

#[test]
fn a_filter_fits_the_popup_to_its_rows_from_the_same_top() {
    let mut app = filtering(120, 40);
    let full = popup_edges(&screen(&app, 120, 40));
    type_text(&mut app, "copy");
    let lines = screen(&app, 120, 40);
    let (top, bottom) = popup_edges(&lines);
    assert_eq!(top, full.0, "the top stays");
    // Every matching row shows: none is cut off by the smaller popup.
    let shown = popup_rows(&lines)
        .iter()
        .filter(|row| row.to_lowercase().contains("copy"))
        .count();
    assert_eq!(shown, rows_holding("copy"));
    assert!(bottom < full.1, "no blank screen under the rows");
    assert_eq!(
        popup_rows(&lines).last().map(String::is_empty),
        Some(false),
        "the last row is a row"
    );
    // Cleared, help is its full height again.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(popup_edges(&screen(&app, 120, 40)), full);
}

#[test]
fn filtered_help_80x24() {
    let mut app = filtering(80, 24);
    type_text(&mut app, "copy");
    assert_snapshot!(draw(&app, 80, 24).backend());
}

/// Help's filter, and whether it is being typed, survive the data loaded
/// again (the front end resumes the old app's place on the new one).
#[test]
fn a_reload_keeps_the_filter_being_typed() {
    let mut old = filtering(80, 24);
    type_text(&mut old, "copy");
    let again = wsis_browser::data::Dataset::embedded().expect("embedded data");
    let mut new = App::new(&again);
    new.update(Action::Resume(Box::new(old.place())));
    new.check_invariants().expect("a resumed app holds together");
    assert_eq!(new.context(), Context::HelpFilter);
    assert_eq!(filter(&new), "copy");
    type_text(&mut new, " link");
    assert_eq!(filter(&new), "copy link");
}
