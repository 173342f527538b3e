//! The overlay stack and the background search, at the `App` level: no
//! terminal, the test plays the front end's part.

mod common;

use std::sync::Arc;
use std::sync::mpsc;

use common::{DATA, idx, key, press, shown, type_text};
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::{Action, App, Context, Effect, SearchRequest};
use wsis_browser::search::worker::{Outcome, Worker};

/// The search requests the app has asked the front end to run.
fn take_searches(app: &mut App) -> Vec<SearchRequest> {
    std::mem::take(&mut app.effects)
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Search(request) => Some(request),
            _ => None,
        })
        .collect()
}

fn results(outcome: Outcome) -> Action {
    Action::SearchResults {
        session: outcome.session,
        generation: outcome.generation,
        hits: outcome.hits,
    }
}

#[test]
fn background_search_asks_the_front_end_and_takes_only_the_latest_results() {
    let mut app = App::new(&DATA).with_background_search();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    let requests = take_searches(&mut app);
    assert_eq!(requests.len(), 3, "one request per keystroke");
    assert_eq!(requests[2].query, "igf");
    let search = app.search().expect("search open");
    assert!(
        search.pending && search.hits.is_empty(),
        "nothing is searched in update"
    );

    // A real worker runs the requests; the results come back as actions.
    let (outbox, inbox) = mpsc::channel();
    let worker = Worker::spawn(Arc::clone(&app.index), app.session, move |o| outbox.send(o).is_ok());
    let stale = &requests[0];
    worker.submit(stale.generation, &stale.query, None);
    let stale_outcome = inbox.recv().expect("the worker answers");
    app.update(results(stale_outcome));
    assert!(app.search().unwrap().pending, "results of an older query are dropped");
    assert!(app.search().unwrap().hits.is_empty());

    let latest = &requests[2];
    worker.submit(latest.generation, &latest.query, None);
    let outcome = inbox.recv().expect("the worker answers");
    app.update(results(outcome));
    let search = app.search().unwrap();
    assert!(!search.pending);
    assert_eq!(search.hits, app.index.search("igf", None));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::Main);
    assert_eq!(shown(&app), DATA.item(app.index.search("igf", None)[0].item).id);
}

/// Keys that come in one burst (a paste, fast typing, keys kept while the
/// preview showed) reach Enter or an arrow before the worker answers:
/// they act on the query as typed, and the late answer changes nothing.
#[test]
fn enter_and_arrows_before_the_worker_answers_act_on_the_typed_query() {
    let expected = app_hits("igf");
    for (moves, wanted) in [(0, 0), (1, 1)] {
        let mut app = App::new(&DATA).with_background_search();
        press(&mut app, &[key(KeyCode::Char('/'))]);
        type_text(&mut app, "igf");
        let requests = take_searches(&mut app);
        for _ in 0..moves {
            press(&mut app, &[key(KeyCode::Down)]);
        }
        let (outbox, inbox) = mpsc::channel();
        let worker = Worker::spawn(Arc::clone(&app.index), app.session, move |o| outbox.send(o).is_ok());
        let latest = requests.last().expect("a request");
        worker.submit(latest.generation, &latest.query, None);
        let late = inbox.recv().expect("the worker answers");
        press(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(
            app.context(),
            Context::Main,
            "{moves} moves: accepted, not \"no match\""
        );
        assert_eq!(shown(&app), DATA.item(expected[wanted]).id, "{moves} moves");
        app.update(results(late));
        assert_eq!(
            shown(&app),
            DATA.item(expected[wanted]).id,
            "the late answer changes nothing"
        );
    }
}

/// Help opened over the search before the worker answered: the answer
/// still reaches the search, which is not left waiting under Help.
#[test]
fn results_that_come_while_help_is_over_the_search_reach_it() {
    let mut app = App::new(&DATA).with_background_search();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    let latest = take_searches(&mut app).pop().expect("a request");
    press(&mut app, &[key(KeyCode::F(1))]);
    assert_eq!(app.context(), Context::Help);
    let (outbox, inbox) = mpsc::channel();
    let worker = Worker::spawn(Arc::clone(&app.index), app.session, move |o| outbox.send(o).is_ok());
    worker.submit(latest.generation, &latest.query, None);
    app.update(results(inbox.recv().expect("the worker answers")));
    assert_eq!(app.context(), Context::Help, "Help stays on top");
    let search = app.search().expect("search open");
    assert!(!search.pending);
    assert_eq!(search.hits, app.index.search("igf", None));
}

/// Enter settles a query the worker is still searching; the worker's
/// late answer to it must not be taken by a search opened after it.
#[test]
fn a_late_answer_to_a_closed_search_is_not_taken_by_the_next() {
    let mut app = App::new(&DATA).with_background_search();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    let closed = take_searches(&mut app).pop().expect("a request");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.search().is_none(), "Enter closed the search");
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "cst");
    let (outbox, inbox) = mpsc::channel();
    let worker = Worker::spawn(Arc::clone(&app.index), app.session, move |o| outbox.send(o).is_ok());
    worker.submit(closed.generation, &closed.query, None);
    app.update(results(inbox.recv().expect("the worker answers")));
    let search = app.search().expect("search open");
    assert!(search.pending, "still waiting for its own answer");
    assert_ne!(
        search.hits,
        app.index.search("igf", None),
        "not the closed search's hits"
    );
}

/// Before the worker's first answer nothing is known: the search says
/// it is searching, never "No match." or "0 results".
#[test]
fn a_search_waiting_for_its_first_answer_says_so() {
    let mut app = App::new(&DATA).with_background_search();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    assert!(app.search().expect("search open").pending);
    let screen = format!("{:?}", common::draw(&app, 100, 30).backend().buffer());
    assert!(
        screen.contains("searching…") && screen.contains("Searching…"),
        "{screen}"
    );
    assert!(
        !screen.contains("No match.") && !screen.contains("0 results"),
        "{screen}"
    );
}

/// A symbol that matches nothing is answered with the symbol one slip
/// away, named, not searched instead.
#[test]
fn a_search_for_a_mistyped_symbol_names_the_symbol_one_slip_away() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "2006/64");
    assert!(app.search().expect("search open").hits.is_empty(), "no hit");
    let screen = common::draw(&app, 100, 30).backend().to_string();
    assert!(screen.contains("No match; did you mean E/RES/2006/46?"), "{screen}");
}

/// One hit is "1 result", not "1 results"; more are counted as before.
#[test]
fn the_search_counts_one_result_in_the_singular() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "wgig report");
    assert_eq!(app.search().expect("search open").hits.len(), 1, "one hit");
    let screen = format!("{:?}", common::draw(&app, 100, 30).backend().buffer());
    assert!(
        screen.contains(" 1 result ") && !screen.contains("1 results"),
        "{screen}"
    );
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    let hits = app.search().expect("search open").hits.len();
    assert!(hits > 1, "{hits} hits");
    let screen = format!("{:?}", common::draw(&app, 100, 30).backend().buffer());
    assert!(screen.contains(&format!(" {hits} results ")), "{screen}");
}

fn app_hits(query: &str) -> Vec<wsis_browser::data::ItemIdx> {
    App::new(&DATA)
        .index
        .search(query, None)
        .iter()
        .map(|hit| hit.item)
        .collect()
}

#[test]
fn without_a_front_end_search_runs_at_once() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    assert!(take_searches(&mut app).is_empty());
    assert!(!app.search().unwrap().hits.is_empty());
}

#[test]
fn overlays_stack_and_close_in_order() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('t'))]);
    assert_eq!(app.context(), Context::Timeline);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    assert_eq!(app.context(), Context::Search);
    press(&mut app, &[key(KeyCode::F(1))]);
    assert_eq!(app.context(), Context::Help);
    // Each Esc closes the top one and gives the keys back to the one below.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.context(), Context::Search);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.context(), Context::Timeline);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.context(), Context::Main);
}

#[test]
fn accepting_an_item_closes_every_overlay() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('t')), key(KeyCode::Char(':'))]);
    type_text(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.overlays.is_empty());
    assert_eq!(app.selected_item(), Some(idx("ecosoc-2006-46")));
}
