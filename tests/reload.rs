//! A reload keeps the reader's place, at the `App` level: the front end
//! takes [`App::place`] from the app on the old data and resumes it with
//! [`Action::Resume`] on the app over the data sent again, whose items may
//! have moved or gone.

mod common;

use common::{DATA, dataset_from, key, press, type_text};
use ratatui::crossterm::event::KeyCode;
use std::sync::{Arc, mpsc};
use wsis_browser::app::{Action, App, Effect, HitsOf, Pane, Row};
use wsis_browser::data::Dataset;
use wsis_browser::data::sort::sorted;
use wsis_browser::query_history::Prompt;
use wsis_browser::search::Hit;
use wsis_browser::search::worker::Worker;

/// Four resolutions, each mandating the next.
const BEFORE: &str = r#"[
    Item(id: "a", category: "ga", symbol: "A/RES/1", title: "Alpha", date: "2001-01-01", links: [Link(rel: Mandates, to: "b")]),
    Item(id: "b", category: "ga", symbol: "A/RES/2", title: "Beta", date: "2002-01-01", links: [Link(rel: Mandates, to: "c")]),
    Item(id: "c", category: "ga", symbol: "A/RES/3", title: "Gamma", date: "2003-01-01", links: [Link(rel: Mandates, to: "d")]),
    Item(id: "d", category: "ga", symbol: "A/RES/4", title: "Delta", date: "2004-01-01"),
]"#;

/// The same data changed on disk: in another order, and "b" gone.
const AFTER: &str = r#"[
    Item(id: "d", category: "ga", symbol: "A/RES/4", title: "Delta", date: "2004-01-01"),
    Item(id: "c", category: "ga", symbol: "A/RES/3", title: "Gamma", date: "2003-01-01", links: [Link(rel: Mandates, to: "d")]),
    Item(id: "a", category: "ga", symbol: "A/RES/1", title: "Alpha", date: "2001-01-01"),
]"#;

/// The same data, "c" moved to the ECOSOC resolutions and "a" retitled.
const MOVED: &str = r#"[
    Item(id: "a", category: "ga", symbol: "A/RES/1", title: "Alpha, before Delta", date: "2001-01-01", links: [Link(rel: Mandates, to: "b")]),
    Item(id: "b", category: "ga", symbol: "A/RES/2", title: "Beta", date: "2002-01-01", links: [Link(rel: Mandates, to: "c")]),
    Item(id: "c", category: "ecosoc", symbol: "E/RES/3", title: "Gamma", date: "2003-01-01", links: [Link(rel: Mandates, to: "d")]),
    Item(id: "d", category: "ga", symbol: "A/RES/4", title: "Delta", date: "2004-01-01"),
]"#;

/// The id of the item the detail pane shows.
fn shown(app: &App) -> String {
    let idx = app.selected_item().expect("an item is selected");
    app.data.item(idx).id.to_string()
}

fn jump_to(app: &mut App, id: &str) {
    press(app, &[key(KeyCode::Char(':'))]);
    type_text(app, id);
    press(app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(app), id);
}

/// What the front end does when the data comes again: the new app over
/// `data`, resumed where `old` was.
fn reloaded<'a>(old: &App, data: &'a Dataset) -> App<'a> {
    let mut app = App::new(data);
    app.update(Action::Resume(Box::new(old.place())));
    app.check_invariants().expect("a resumed app holds together");
    app
}

fn ids(app: &App, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|hit| app.data.item(hit.item).id.to_string()).collect()
}

#[test]
fn the_item_pane_scroll_zoom_order_and_search_come_back_after_a_reload() {
    let mut old = App::new(&DATA);
    press(&mut old, &[key(KeyCode::Char('s'))]);
    jump_to(&mut old, "tunis-agenda");
    press(&mut old, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(old.detail_scroll, 2, "the detail pane scrolled");
    press(&mut old, &[key(KeyCode::Char('z'))]);
    let scrolled = old.detail_scroll;
    press(&mut old, &[key(KeyCode::Char('/'))]);
    type_text(&mut old, "igf");
    press(&mut old, &[key(KeyCode::Down)]);
    let old_search = old.search().expect("search open").clone();

    let again = Dataset::embedded().expect("embedded data");
    let new = reloaded(&old, &again);
    assert_eq!(shown(&new), "tunis-agenda");
    assert_eq!(
        (new.row, new.focus, new.detail_scroll),
        (old.row, Pane::Detail, scrolled)
    );
    assert!(new.zoomed, "the detail stays zoomed");
    for row in Row::all() {
        assert_eq!(new.sort_order(row), old.sort_order(row), "{row:?}");
    }
    let search = new.search().expect("the search is still open");
    assert_eq!(search.query.to_string(), "igf");
    assert_eq!(
        ids(&new, search.hits.all()),
        ids(&old, old_search.hits.all()),
        "searched again"
    );
    assert_eq!((search.selected, search.pending), (1, false));
}

#[test]
fn an_item_that_moved_is_found_by_id() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    let mut old = App::new(&before);
    jump_to(&mut old, "c");
    press(&mut old, &[key(KeyCode::Char('f'))]);
    assert!(old.follow_prompt().is_some());
    let new = reloaded(&old, &after);
    assert_eq!(shown(&new), "c");
    assert_eq!(new.focus, Pane::Detail);
    assert!(new.follow_prompt().is_some(), "its related items are still offered");
}

#[test]
fn what_named_a_gone_item_closes_or_falls_back() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    let mut old = App::new(&before);
    jump_to(&mut old, "a");
    press(&mut old, &[key(KeyCode::Char('p'))]);
    jump_to(&mut old, "b");
    press(&mut old, &[key(KeyCode::Char('P'))]);
    assert!(old.path().is_some(), "the path from a to b shows");
    let new = reloaded(&old, &after);
    assert!(new.path().is_none(), "no path to an item that is gone");
    assert!(new.overlays.is_empty());
    assert_eq!(new.detail_scroll, 0);
    assert_eq!(new.mark.map(|m| new.data.item(m).id.to_string()).as_deref(), Some("a"));

    // The timeline opened on the gone item stays open, on the first row.
    let mut old = App::new(&before);
    jump_to(&mut old, "b");
    press(&mut old, &[key(KeyCode::Char('t'))]);
    assert_eq!(old.timeline().map(|t| t.selected), Some(1), "on b");
    let new = reloaded(&old, &after);
    let timeline = new.timeline().expect("the timeline is still open");
    assert_eq!((timeline.rows.len(), timeline.selected), (3, 0));
}

#[test]
fn a_kept_search_goes_to_the_worker_and_a_result_of_the_app_before_the_reload_is_dropped() {
    let mut old = App::new(&DATA);
    press(&mut old, &[key(KeyCode::Char('/'))]);
    type_text(&mut old, "igf");
    press(&mut old, &[key(KeyCode::Down), key(KeyCode::Down)]);
    let was_on = old
        .search()
        .and_then(|search| search.selection())
        .expect("a hit selected");
    let again = Dataset::embedded().expect("embedded data");
    let mut new = App::new(&again).with_background_search();
    new.update(Action::Resume(Box::new(old.place())));
    assert_ne!(new.session, old.session);
    let search = new.search().expect("the search is still open").clone();
    assert_eq!(search.query.to_string(), "igf", "the overlay shows the kept query");
    assert!(
        search.pending && search.hits.is_empty(),
        "not searched on the UI thread"
    );
    let [Effect::Search(request)] = &new.effects[..] else {
        panic!("one search asked of the worker: {:?}", new.effects);
    };
    let request = request.clone();
    new.effects.clear();
    assert_eq!((request.query.as_str(), request.generation), ("igf", search.generation));

    // The old app's worker answers late, with a generation the new app's
    // search happens to have.
    new.update(Action::SearchResults {
        session: old.session,
        generation: search.generation,
        hits: Default::default(),
    });
    assert!(new.search().expect("open").pending, "a stale result is dropped");

    // The new app's worker answers.
    let (outbox, results) = mpsc::channel();
    let worker = Worker::spawn(Arc::clone(&new.index), new.session, move |outcome| {
        outbox.send(outcome).is_ok()
    });
    worker.submit(request.generation, &request.query, request.scope.as_deref());
    let outcome = results.recv().expect("the worker answers");
    new.update(Action::SearchResults {
        session: outcome.session,
        generation: outcome.generation,
        hits: outcome.hits,
    });
    let search = new.search().expect("open");
    assert!(!search.pending);
    assert_eq!(
        ids(&new, search.hits.all()),
        ids(&old, old.search().expect("open").hits.all())
    );
    let now_on = search.selection().expect("a hit selected");
    assert_eq!(new.data.item(now_on).id, old.data.item(was_on).id, "the same hit");
    assert_eq!(search.selected, 2);
}

#[test]
fn a_list_sorted_before_the_reload_is_sorted_so_after() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    let mut old = App::new(&before);
    press(&mut old, &[key(KeyCode::Char('s'))]);
    let order = old.sort_order(old.row);
    assert_ne!(
        order,
        App::new(&after).sort_order(old.row),
        "not the list's first order"
    );
    let new = reloaded(&old, &after);
    assert_eq!(new.sort_order(new.row), order);
    let Row::Category(cat) = new.row else {
        panic!("a category's list")
    };
    assert_eq!(new.items(), sorted(&after, after.category_items(cat), order));
}

#[test]
fn back_and_forward_keep_their_steps_but_those_of_gone_items() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    let mut old = App::new(&before);
    for id in ["a", "b", "c", "d"] {
        jump_to(&mut old, id);
    }
    old.update(Action::Back);
    assert_eq!(shown(&old), "c");
    let mut new = reloaded(&old, &after);
    assert_eq!(shown(&new), "c");
    new.update(Action::Forward);
    assert_eq!(shown(&new), "d");
    new.update(Action::Back);
    assert_eq!(shown(&new), "c");
    new.update(Action::Back);
    assert_eq!(shown(&new), "a", "the step of b, gone, is dropped");
    new.update(Action::Back);
    assert_eq!(new.status.as_deref(), Some("no earlier step"));
    new.check_invariants().expect("holds together");
}

#[test]
fn the_follow_prompt_closes_when_its_item_moved_out_of_the_list() {
    let (before, moved) = (dataset_from(BEFORE), dataset_from(MOVED));
    let mut old = App::new(&before);
    jump_to(&mut old, "c");
    press(&mut old, &[key(KeyCode::Char('f'))]);
    assert!(old.follow_prompt().is_some());
    let new = reloaded(&old, &moved);
    assert_ne!(shown(&new), "c", "the list's row at the same place shows");
    assert!(!new.related().is_empty(), "the item shown has related items too");
    assert!(new.follow_prompt().is_none(), "they were not the ones offered");
}

#[test]
fn n_steps_through_the_last_search_run_again_on_the_new_data() {
    let (before, moved) = (dataset_from(BEFORE), dataset_from(MOVED));
    let mut old = App::new(&before);
    press(&mut old, &[key(KeyCode::Char('/'))]);
    type_text(&mut old, "Delta");
    press(&mut old, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&old), "d");
    let mut new = reloaded(&old, &moved);
    let kept = new.last_search.clone().expect("the last search is kept");
    assert!(kept.hits.is_empty(), "not searched again before the first frame");
    let d = new.data.by_id("d");
    let twice = reloaded(&new, &moved);
    let kept_twice = twice.last_search.map(|last| last.hits_of);
    assert_eq!(kept_twice, Some(HitsOf::OldData { at: d }), "kept over a second reload");

    let expected: Vec<_> = new.index.search("Delta", None).iter().map(|hit| hit.item).collect();
    let on_d = expected.iter().position(|&hit| Some(hit) == d).expect("d is a hit");
    let forward = on_d + 1 < expected.len();
    new.update(Action::StepHit(forward));
    let last = new.last_search.clone().expect("the last search is kept");
    assert_eq!(last.hits, expected, "the hits of the new data");
    let hit_ids: Vec<&str> = last.hits.iter().map(|&hit| new.data.item(hit).id.as_ref()).collect();
    assert!(hit_ids.contains(&"a"), "a, retitled, is a hit now: {hit_ids:?}");
    let stepped = if forward { on_d + 1 } else { on_d - 1 };
    assert_eq!(last.at, stepped, "stepped from the hit the reader was on");
    assert_eq!(new.selected_item(), Some(last.hits[stepped]));
}

#[test]
fn a_warning_shown_before_the_resume_stays() {
    let before = dataset_from(BEFORE);
    let old = App::new(&before);
    let mut new = App::new(&before);
    new.update(Action::Status("bookmarks file unreadable".into()));
    new.update(Action::Resume(Box::new(old.place())));
    assert_eq!(new.status.as_deref(), Some("bookmarks file unreadable"));
}

#[test]
fn bookmarks_and_queries_come_as_the_app_held_them() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    let mut old = App::new(&before);
    jump_to(&mut old, "c");
    press(&mut old, &[key(KeyCode::Char('m'))]);
    press(&mut old, &[key(KeyCode::Char('/'))]);
    type_text(&mut old, "Gamma");
    press(&mut old, &[key(KeyCode::Enter)]);
    assert_eq!(old.bookmarks.ids.len(), 1);
    // The new app starts with what the files hold: nothing here.
    let new = reloaded(&old, &after);
    assert_eq!(new.bookmarks, old.bookmarks);
    assert_eq!(new.query_history(Prompt::Search).entries(), ["Gamma"]);
    assert_eq!(new.query_history(Prompt::Jump).entries(), ["c"]);
}

#[test]
fn steps_left_in_a_row_on_one_item_merge() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    // From a to b, back to a, then c: with b gone, a and a are one step.
    let mut old = App::new(&before);
    for id in ["b", "a", "c"] {
        jump_to(&mut old, id);
    }
    let mut new = reloaded(&old, &after);
    new.update(Action::Back);
    assert_eq!(shown(&new), "a");
    new.update(Action::Back);
    assert_eq!(new.status.as_deref(), Some("no earlier step"));

    // From c to b and back to c: with b gone, the step back is on c itself.
    let mut old = App::new(&before);
    for id in ["c", "b", "c"] {
        jump_to(&mut old, id);
    }
    let mut new = reloaded(&old, &after);
    new.update(Action::Back);
    assert_eq!(shown(&new), "a", "straight to where c was left from");
    new.check_invariants().expect("holds together");
}

#[test]
fn an_unbookmarked_item_can_still_be_added_back_after_a_reload() {
    let (before, after) = (dataset_from(BEFORE), dataset_from(AFTER));
    let mut old = App::new(&before);
    for id in ["c", "d"] {
        jump_to(&mut old, id);
        press(&mut old, &[key(KeyCode::Char('m'))]);
    }
    press(
        &mut old,
        &[
            key(KeyCode::Char('h')),
            key(KeyCode::Char('h')),
            key(KeyCode::Char('G')),
        ],
    );
    assert_eq!(old.row, Row::Bookmarks);
    press(&mut old, &[key(KeyCode::Char('l')), key(KeyCode::Char('g'))]);
    assert_eq!(shown(&old), "c");
    press(&mut old, &[key(KeyCode::Char('m'))]);
    assert_eq!(old.bookmarks.ids.len(), 1, "c is no longer bookmarked");

    let mut new = reloaded(&old, &after);
    assert_eq!(shown(&new), "c", "still listed where it was");
    press(&mut new, &[key(KeyCode::Char('m'))]);
    let ids: Vec<&str> = new.bookmarks.ids.iter().map(|id| id.as_ref()).collect();
    assert_eq!(ids, ["c", "d"], "m added it back where it was rather than removing d");
}

/// The links list comes back on its item, the cursor on the same row, or
/// on the last link where fewer are left; it closes with none left.
#[test]
fn the_links_list_comes_back_on_its_item_within_the_links_left() {
    let item = |sources: &str| {
        format!(r#"[Item(id: "a", category: "ga", symbol: "A/RES/1", title: "Alpha", date: "2001-01-01", {sources})]"#)
    };
    let three = item(
        r#"url: "https://undocs.org/A/RES/1", sources: ["https://www.un.org/one", "https://www.un.org/two", "https://www.un.org/three"]"#,
    );
    let (before, fewer, none) = (
        dataset_from(&three),
        dataset_from(&item(
            r#"url: "https://undocs.org/A/RES/1", sources: ["https://www.un.org/one"]"#,
        )),
        dataset_from(&item("")),
    );
    let mut old = App::new(&before);
    jump_to(&mut old, "a");
    press(&mut old, &[key(KeyCode::Char('O')), key(KeyCode::Char('G'))]);
    assert_eq!(old.links_choice().map(|choice| choice.selected), Some(3));
    let again = dataset_from(&three);
    assert_eq!(
        reloaded(&old, &again).links_choice().map(|choice| choice.selected),
        Some(3)
    );
    assert_eq!(
        reloaded(&old, &fewer).links_choice().map(|choice| choice.selected),
        Some(1)
    );
    let closed = reloaded(&old, &none);
    assert!(closed.links_choice().is_none() && closed.overlays.is_empty());
}
