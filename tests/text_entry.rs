//! The search and jump prompts edit like a shell line: a cursor, readline's
//! movement and deletion keys, and recall of earlier queries.

mod common;

use common::{DATA, ctrl, draw, key, press, shown, type_text};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use wsis_browser::app::App;

fn alt(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

fn query(app: &App) -> String {
    app.search().expect("search is open").query.to_string()
}

fn cursor(app: &App) -> usize {
    app.search().expect("search is open").query.cursor_chars()
}

fn input(app: &App) -> String {
    app.jump().expect("jump is open").input.to_string()
}

fn search_for(app: &mut App, text: &str) {
    press(app, &[key(KeyCode::Char('/'))]);
    type_text(app, text);
}

/// The hits shown answer the query as it stands after an edit.
fn assert_hits_fresh(app: &App) {
    let search = app.search().unwrap();
    let expected: Vec<_> = app.index.search(&search.query, None).iter().map(|h| h.item).collect();
    let shown: Vec<_> = search.hits.iter().map(|h| h.item).collect();
    assert_eq!(shown, expected, "hits for {:?}", search.query.text());
}

#[test]
fn left_right_home_and_end_move_the_cursor_and_typing_inserts_there() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "igf");
    assert_eq!(cursor(&app), 3);
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Left)]);
    type_text(&mut app, "X");
    assert_eq!(query(&app), "iXgf");
    press(&mut app, &[key(KeyCode::Home)]);
    type_text(&mut app, "<");
    press(&mut app, &[key(KeyCode::End)]);
    type_text(&mut app, ">");
    assert_eq!(query(&app), "<iXgf>");
    press(&mut app, &[ctrl('a'), key(KeyCode::Right)]);
    assert_eq!(cursor(&app), 1);
    press(&mut app, &[ctrl('e')]);
    assert_eq!(cursor(&app), 6);
    // Ctrl-B and Ctrl-F move by a character too, as in readline.
    press(&mut app, &[ctrl('b'), ctrl('b'), ctrl('f')]);
    assert_eq!(cursor(&app), 5);
    assert_hits_fresh(&app);
}

#[test]
fn moving_the_cursor_keeps_the_selected_result() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "wsis");
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Home), alt('f'), ctrl('e')]);
    assert_eq!(app.search().unwrap().selected, 2);
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(app.search().unwrap().selected, 0, "a new query starts at its best hit");
}

#[test]
fn backspace_and_delete_work_at_the_cursor() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "digitall");
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Backspace)]);
    assert_eq!(query(&app), "digital");
    assert_eq!(cursor(&app), 6);
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::Delete)]);
    assert_eq!(query(&app), "igital");
    press(&mut app, &[ctrl('d')]);
    assert_eq!(query(&app), "gital");
    assert_hits_fresh(&app);
    // At the ends there is nothing to delete.
    press(
        &mut app,
        &[
            key(KeyCode::Home),
            key(KeyCode::Backspace),
            key(KeyCode::End),
            key(KeyCode::Delete),
        ],
    );
    assert_eq!(query(&app), "gital");
}

#[test]
fn ctrl_w_deletes_the_word_before_the_cursor_and_ctrl_u_everything_before_it() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "internet governance forum");
    press(&mut app, &[ctrl('w')]);
    assert_eq!(query(&app), "internet governance ");
    assert_hits_fresh(&app);
    press(&mut app, &[ctrl('w')]);
    assert_eq!(query(&app), "internet ");
    type_text(&mut app, "forum");
    // Ctrl-U keeps what is after the cursor.
    press(&mut app, &[alt('b'), ctrl('u')]);
    assert_eq!(query(&app), "forum");
    assert_eq!(cursor(&app), 0);
    assert_hits_fresh(&app);
}

#[test]
fn alt_b_and_alt_f_move_by_words() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "A/RES/70/125 igf");
    press(&mut app, &[alt('b')]);
    assert_eq!(cursor(&app), 13, "before igf");
    press(&mut app, &[alt('b'), alt('b')]);
    assert_eq!(cursor(&app), 6, "before 70");
    press(&mut app, &[alt('f')]);
    assert_eq!(cursor(&app), 8, "after 70");
    press(&mut app, &[alt('f'), alt('f')]);
    assert_eq!(cursor(&app), 16, "after igf, the end");
    assert_eq!(query(&app), "A/RES/70/125 igf", "moves change no text");
}

#[test]
fn the_cursor_is_drawn_where_the_next_character_goes() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "wsis");
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Left)]);
    let terminal = draw(&app, 120, 40);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("/ ws▏is"), "cursor between ws and is");

    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char(':'))]);
    type_text(&mut app, "70/125");
    press(&mut app, &[key(KeyCode::Home)]);
    let terminal = draw(&app, 120, 40);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains(": ▏70/125"), "cursor at the start of the jump input");
}

#[test]
fn a_query_longer_than_the_box_keeps_the_cursor_in_view() {
    let mut app = App::new(&DATA);
    let long = format!("{}end", "word ".repeat(40));
    search_for(&mut app, &long);
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("/ … word") && screen.contains("word end▏│"),
        "the end of the query and the cursor show"
    );
    press(&mut app, &[key(KeyCode::Home)]);
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("/ ▏word word"), "at the start, the start shows");

    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char(':'))]);
    type_text(&mut app, &long);
    let screen = screen_text(&app, 60, 24);
    assert!(
        screen.contains(": …") && screen.contains("word end▏"),
        "the jump prompt too"
    );
}

fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn the_jump_prompt_has_the_same_editing_keys() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "E/RES/2006/99");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    type_text(&mut app, "46");
    assert_eq!(input(&app), "E/RES/2006/46");
    press(&mut app, &[alt('b'), ctrl('u')]);
    assert_eq!(input(&app), "46");
    press(&mut app, &[ctrl('e'), ctrl('w')]);
    assert_eq!(input(&app), "");
    assert!(
        app.jump().unwrap().completions.is_empty(),
        "completions follow the edits"
    );
    type_text(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::Delete), ctrl('a')]);
    type_text(&mut app, "E/RES/2");
    press(&mut app, &[key(KeyCode::End), key(KeyCode::Left), key(KeyCode::Right)]);
    assert_eq!(input(&app), "E/RES/2006/46");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "ecosoc-2006-46");
}

#[test]
fn up_on_an_empty_query_and_ctrl_p_recall_earlier_searches() {
    let mut app = App::new(&DATA);
    for earlier in ["igf", "digital compact"] {
        search_for(&mut app, earlier);
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    assert_eq!(app.search_history.entries(), ["igf", "digital compact"]);

    press(&mut app, &[key(KeyCode::Char('/')), key(KeyCode::Up)]);
    assert_eq!(query(&app), "digital compact");
    assert_hits_fresh(&app);
    // Now the query is not empty: Up and Down move through the results.
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!(app.search().unwrap().selected, 1);
    assert_eq!(query(&app), "digital compact");
    press(&mut app, &[ctrl('p')]);
    assert_eq!(query(&app), "igf");
    press(&mut app, &[ctrl('p')]);
    assert_eq!(query(&app), "igf", "nothing older");
    assert_eq!(app.status.as_deref(), Some("no earlier search"));
    press(&mut app, &[ctrl('n'), ctrl('n')]);
    assert_eq!(query(&app), "", "past the newest, back to what was typed");
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!(query(&app), "");
}

#[test]
fn recall_returns_to_the_typed_draft_and_editing_ends_recall() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "igf");
    press(&mut app, &[key(KeyCode::Enter)]);
    search_for(&mut app, "cst");
    press(&mut app, &[ctrl('p')]);
    assert_eq!(query(&app), "igf");
    press(&mut app, &[ctrl('n')]);
    assert_eq!(query(&app), "cst");
    press(&mut app, &[ctrl('p')]);
    type_text(&mut app, " forum");
    press(&mut app, &[ctrl('n')]);
    assert_eq!(query(&app), "igf forum", "an edited recall is the new draft");
}

#[test]
fn only_opened_searches_are_remembered_and_without_repeats() {
    let mut app = App::new(&DATA);
    search_for(&mut app, "igf");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(
        app.search_history.entries().is_empty(),
        "a cancelled search is not kept"
    );
    search_for(&mut app, "zzzzqqq");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Esc)]);
    assert!(
        app.search_history.entries().is_empty(),
        "a search that opened nothing is not kept"
    );
    for query in ["igf", "wsis", "igf"] {
        search_for(&mut app, query);
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    assert_eq!(app.search_history.entries(), ["wsis", "igf"]);
}

#[test]
fn the_jump_prompt_recalls_earlier_jumps() {
    let mut app = App::new(&DATA);
    for target in ["A/RES/70/125", "E/RES/2006/46"] {
        press(&mut app, &[key(KeyCode::Char(':'))]);
        type_text(&mut app, target);
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    press(&mut app, &[key(KeyCode::Char(':')), key(KeyCode::Up)]);
    assert_eq!(input(&app), "E/RES/2006/46");
    press(&mut app, &[ctrl('p')]);
    assert_eq!(input(&app), "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "ga-70-125");
    assert_eq!(app.jump_history.entries(), ["E/RES/2006/46", "A/RES/70/125"]);
    // A jump that finds nothing is not remembered.
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "no-such-item-zz");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Esc)]);
    assert_eq!(app.jump_history.entries().len(), 2);
}
