//! Journeys through update(): opening, following links, history, search.

mod common;

use common::{DATA, ctrl, draw, idx, key, press, shown, type_text};
use ratatui::crossterm::event::KeyCode;
use std::time::Instant;

use wsis_browser::app::{App, ENTER_ENDS_A_NUMBER, Location, Pane, follow_label};

/// Follows the related item with id `target` by typing its label; returns
/// its row among the related items.
fn follow(app: &mut App, target: &str) -> usize {
    let related = app.related();
    let row = related
        .iter()
        .position(|r| DATA.item(r.target).id == target)
        .unwrap_or_else(|| panic!("{} has no link to {target}", shown(app)));
    type_text(app, &follow_label(row, related.len()));
    row
}

fn open_by_search(app: &mut App, query: &str) {
    press(app, &[key(KeyCode::Char('/'))]);
    type_text(app, query);
    press(app, &[key(KeyCode::Enter)]);
}

#[test]
fn search_then_enter_opens_the_document_in_its_category() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    assert_eq!(shown(&app), "ecosoc-2006-46");
    assert_eq!(
        app.data.item(idx("ecosoc-2006-46")).category,
        wsis_browser::data::CATEGORIES[app.row.index()].id
    );
    assert_eq!(app.focus, Pane::Detail);
    assert!(app.search().is_none());
}

#[test]
fn following_a_link_and_coming_back_restores_the_exact_place() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "A/RES/60/252");
    assert_eq!(shown(&app), "ga-60-252");
    // From the GA resolution to the ECOSOC resolution that answered it,
    // after scrolling a little: Back restores the scroll exactly.
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Char('j'))]);
    let before = app.location();
    assert_eq!(before.detail_scroll, 2);
    let row = follow(&mut app, "ecosoc-2006-46");
    assert_eq!(shown(&app), "ecosoc-2006-46");
    assert_eq!(app.focus, Pane::Detail);

    // Onwards to the CSTD it made the focal point.
    let on_ecosoc = app.location();
    let cstd_row = follow(&mut app, "cstd");
    assert_eq!(shown(&app), "cstd");

    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ecosoc-2006-46");
    let followed = |at: Location, row| Location {
        link_row: Some(row),
        ..at
    };
    assert_eq!(
        app.location(),
        followed(on_ecosoc, cstd_row),
        "focus restored, the followed link shown"
    );
    press(&mut app, &[key(KeyCode::Char('['))]);
    assert_eq!(app.location(), followed(before, row));
    assert_eq!(shown(&app), "ga-60-252");

    press(&mut app, &[key(KeyCode::Char(']'))]);
    assert_eq!(app.location(), followed(on_ecosoc, cstd_row));
    press(&mut app, &[key(KeyCode::Char(']'))]);
    assert_eq!(shown(&app), "cstd");
}

#[test]
fn visiting_after_going_back_drops_the_forward_history() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "A/RES/70/125");
    open_by_search(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ga-70-125");
    assert!(app.history.can_go_forward());
    open_by_search(&mut app, "A/RES/60/252");
    assert!(!app.history.can_go_forward());
    press(&mut app, &[key(KeyCode::Char(']'))]);
    assert_eq!(shown(&app), "ga-60-252", "forward goes nowhere");
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ga-70-125");
}

#[test]
fn escape_from_search_returns_to_where_the_user_was() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Down), key(KeyCode::Down)]);
    let before = app.location();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Esc)]);
    assert!(app.search().is_none());
    assert_eq!(app.location(), before);
    assert!(!app.history.can_go_back(), "cancelling is not a visit");
}

#[test]
fn letters_go_to_the_query_while_searching() {
    let mut app = App::new(&DATA);
    let before = app.location();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "jkq?");
    assert_eq!(app.search().unwrap().query, "jkq?");
    assert!(!app.should_quit);
    assert!(app.help().is_none());
    assert_eq!(app.location(), before);
    press(&mut app, &[ctrl('c')]);
    assert!(!app.should_quit, "Ctrl-C in a prompt cancels it");
    assert!(app.search().is_none(), "the search is closed");
    assert_eq!(app.location(), before);
    press(&mut app, &[ctrl('c')]);
    assert!(app.should_quit, "Ctrl-C quits from the view");
}

#[test]
fn escape_never_quits_but_q_and_ctrl_c_do() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Esc)]);
    assert!(!app.should_quit);
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(app.should_quit);
    let mut app = App::new(&DATA);
    press(&mut app, &[ctrl('c')]);
    assert!(app.should_quit);
}

/// In the read-only overlays (help, timeline; the path in
/// `browsing_features`) `q` closes the
/// overlay, as in less and man, and Ctrl-C still quits; in a prompt `q`
/// is text.
#[test]
fn q_closes_a_read_only_overlay_and_is_text_in_a_prompt() {
    for opener in ['?', 't'] {
        let mut app = App::new(&DATA);
        press(&mut app, &[key(KeyCode::Char(opener))]);
        assert!(
            app.help().is_some() || app.timeline().is_some(),
            "{opener} opened an overlay"
        );
        press(&mut app, &[key(KeyCode::Char('q'))]);
        assert!(!app.should_quit, "q after {opener} quit");
        assert!(
            app.help().is_none() && app.timeline().is_none(),
            "q after {opener} left it open"
        );
        press(&mut app, &[key(KeyCode::Char(opener)), ctrl('c')]);
        assert!(app.should_quit, "Ctrl-C quits from {opener}");
    }
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/')), key(KeyCode::Char('q'))]);
    assert_eq!(app.search().unwrap().query, "q");
    assert!(!app.should_quit);
}

#[test]
fn help_opens_with_question_mark_or_f1_and_closes_with_escape() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('?'))]);
    assert!(app.help().is_some());
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.help().is_none());
    press(&mut app, &[key(KeyCode::F(1))]);
    assert!(app.help().is_some());
    assert!(!app.should_quit);
}

#[test]
fn moving_in_the_category_pane_changes_the_item_list() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('h')), key(KeyCode::Char('G'))]);
    assert_eq!(app.focus, Pane::Categories);
    assert_eq!(app.row, wsis_browser::app::Row::Bookmarks, "the bookmarks come last");
    assert!(app.selected_item().is_none(), "no bookmarks yet");
    press(&mut app, &[key(KeyCode::Char('k'))]);
    assert_eq!(app.row.index(), wsis_browser::data::CATEGORIES.len() - 1);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus, Pane::Items);
    let first = shown(&app);
    press(&mut app, &[key(KeyCode::Char('j'))]);
    assert_ne!(shown(&app), first);
}

#[test]
fn the_detail_pane_scrolls_like_less_and_enter_offers_the_links() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "70/125");
    assert_eq!((app.link_row, app.detail_scroll), (None, 0));
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Down)]);
    assert_eq!(app.detail_scroll, 2, "j and Down scroll the text");
    press(&mut app, &[key(KeyCode::Char('k'))]);
    assert_eq!(app.detail_scroll, 1);
    // G goes to the last page exactly: PgDn then stays, PgUp goes up.
    press(&mut app, &[key(KeyCode::Char('G'))]);
    let bottom = app.detail_scroll;
    assert!(bottom > 0);
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.detail_scroll, bottom, "PgDn after G never scrolls up");
    press(&mut app, &[key(KeyCode::PageUp)]);
    let after_page_up = app.detail_scroll;
    assert!(after_page_up < bottom);
    press(&mut app, &[ctrl('d')]);
    assert!(app.detail_scroll > after_page_up, "Ctrl-D pages down");
    press(&mut app, &[key(KeyCode::Char('g'))]);
    assert_eq!(app.detail_scroll, 0);
    // Enter offers the related items to follow.
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), wsis_browser::app::Context::Follow);
    assert_eq!(shown(&app), "ga-70-125");
}

#[test]
fn digits_after_letters_narrow_the_follow_list_instead_of_following() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let on_ecosoc = app.location();
    assert!(app.related().len() >= 10, "two-digit labels");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "report 2011");
    let follow = app.follow_prompt().expect("the follow list stays open");
    assert_eq!(follow.filter, "report 2011");
    assert_eq!(app.location(), on_ecosoc, "no digit followed a link");
    let matches = follow.matches(&app, &app.related());
    assert_eq!(matches.len(), 1, "only the 2011 report is left");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "sg-report-2011");
}

#[test]
fn enter_in_the_detail_pane_offers_the_links_with_the_last_followed_selected() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let row = follow(&mut app, "cstd");
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ecosoc-2006-46");
    press(&mut app, &[key(KeyCode::Enter)]);
    let follow = app.follow_prompt().expect("Enter opens the follow list");
    assert_eq!(follow.selected, row, "the link followed last is selected");
    assert_eq!(shown(&app), "ecosoc-2006-46", "nothing is followed yet");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "cstd");
}

/// The follow list moves with Ctrl-J / Ctrl-K, as search's prompt does
/// (trial: its hint said Ctrl-N where search's said Ctrl-J), and with
/// Ctrl-N / Ctrl-P, as in fzf; none of them is typed as text.
#[test]
fn the_follow_list_moves_with_ctrl_j_and_k_as_search_does_and_ctrl_n_and_p() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    let selected = |app: &App| app.follow_prompt().expect("the follow list").selected;
    let first = selected(&app);
    for (down, up) in [('j', 'k'), ('n', 'p')] {
        press(&mut app, &[ctrl(down), ctrl(down)]);
        assert_eq!(selected(&app), first + 2, "Ctrl-{down}");
        press(&mut app, &[ctrl(up)]);
        assert_eq!(selected(&app), first + 1, "Ctrl-{up}");
        press(&mut app, &[ctrl(up)]);
        assert_eq!(selected(&app), first, "Ctrl-{up}");
    }
    assert_eq!(app.follow_prompt().unwrap().typed, "", "nothing typed");
}

#[test]
fn ctrl_c_cancels_the_follow_and_jump_prompts() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    for opener in ['f', ':'] {
        press(&mut app, &[key(KeyCode::Char(opener))]);
        assert_ne!(app.context(), wsis_browser::app::Context::Main);
        press(&mut app, &[ctrl('c')]);
        assert!(!app.should_quit, "{opener}: Ctrl-C cancels the prompt");
        assert_eq!(app.context(), wsis_browser::app::Context::Main, "{opener}");
        assert_eq!(shown(&app), "ecosoc-2006-46");
    }
}

#[test]
fn n_and_n_step_through_the_hits_of_the_last_search() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(app.status.as_deref().unwrap_or("").contains("no search yet"));
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "wsis forum");
    let hits: Vec<_> = app.search().unwrap().hits.iter().map(|h| h.item).collect();
    assert!(hits.len() >= 3, "{hits:?}");
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Enter)]);
    assert_eq!(app.selected_item(), Some(hits[1]));
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(app.selected_item(), Some(hits[2]), "n: the next hit");
    assert!(app.status.as_deref().unwrap_or("").starts_with("hit 3 of"));
    press(&mut app, &[key(KeyCode::Char('N')), key(KeyCode::Char('N'))]);
    assert_eq!(app.selected_item(), Some(hits[0]), "N twice: the first hit");
    press(&mut app, &[key(KeyCode::Char('N'))]);
    assert_eq!(app.selected_item(), Some(hits[0]), "no wrap at the first hit");
    assert!(app.status.as_deref().unwrap_or("").contains("first hit"));
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(app.selected_item(), Some(hits[1]), "each hit was a step of the history");
}

#[test]
fn jump_offers_titles_and_aliases_best_fit_first() {
    // Among equal fits the items most linked to come first: the IGF and the
    // WSIS Forum before the Forum's editions, the review of WSIS+20 and its
    // outcome before the drafts.
    for (typed, first) in [
        ("forum", "igf"),
        ("wsis forum", "wsis-forum"),
        ("wsis+20", "wsis20-review"),
        ("compact", "gdc"),
        ("c7 health", "al-c7-e-health"),
        ("tunis agenda", "tunis-agenda"),
    ] {
        let mut app = App::new(&DATA);
        press(&mut app, &[key(KeyCode::Char(':'))]);
        type_text(&mut app, typed);
        let jump = app.jump().expect("jump prompt open");
        let offered: Vec<&str> = jump.completions.iter().map(|&i| DATA.item(i).id.as_str()).collect();
        assert_eq!(offered.first(), Some(&first), "{typed}: {offered:?}");
        if typed == "wsis+20" {
            assert!(offered[..3].contains(&"ga-80-173"), "the outcome: {offered:?}");
        }
        press(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(shown(&app), first, "{typed}");
    }
}

/// A jump offer cut short says how many answer: the rest are reached by
/// typing more (a trial pressed ↓ past the twelfth in vain).
#[test]
fn a_cut_jump_offer_says_how_many_answer() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "wsis");
    let jump = app.jump().expect("open");
    assert!(jump.answering > jump.completions.len(), "{}", jump.answering);
    let said = format!("best {} of {}", jump.completions.len(), jump.answering);
    for width in [80, 120] {
        let screen = draw(&app, width, 30).backend().to_string();
        assert!(screen.contains(&said), "{width}: {screen}");
    }
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "80/173");
    let jump = app.jump().expect("open");
    assert_eq!(jump.answering, jump.completions.len());
    assert!(!draw(&app, 120, 30).backend().to_string().contains("best "));
}

#[test]
fn jump_on_punctuation_alone_offers_only_names_holding_it() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "/");
    let offered = &app.jump().unwrap().completions;
    assert!(!offered.is_empty());
    for &idx in offered {
        let item = DATA.item(idx);
        let names = [
            Some(item.id.as_str()),
            item.symbol.as_deref(),
            item.short_title.as_deref(),
        ];
        assert!(
            names.into_iter().flatten().any(|name| name.contains('/')),
            "{}",
            item.id
        );
    }
}

/// What is typed is never dropped: "2" then "r" is the filter "2r", not
/// "r" (a trial lost the 2).
#[test]
fn a_half_typed_label_stays_as_filter_text_when_letters_follow() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "2r");
    let follow = app.follow_prompt().expect("open");
    assert_eq!((follow.filter.as_str(), follow.typed.as_str()), ("2r", ""));
    press(&mut app, &[key(KeyCode::Backspace)]);
    let follow = app.follow_prompt().expect("open");
    assert_eq!((follow.filter.as_str(), follow.typed.as_str()), ("2", ""));
}

/// Labels 01–20 and years 2008–2018 in the list: "20" begins a year, so it
/// waits for Enter, and "2006" narrows the list rather than following 20.
#[test]
fn a_year_typed_in_the_follow_prompt_narrows_the_list() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let on_ecosoc = app.location();
    let related = app.related();
    assert_eq!(related.len(), 20, "labels 01 to 20");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "20");
    let follow = app.follow_prompt().expect("20 begins 2008: it waits");
    assert_eq!((follow.typed.as_str(), follow.selected), ("20", 19));
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(screen.contains("Enter follows 20"), "the wait is said:\n{screen}");
    type_text(&mut app, "06");
    assert_eq!(app.location(), on_ecosoc, "no label followed");
    let follow = app.follow_prompt().expect("open");
    assert_eq!((follow.filter.as_str(), follow.typed.as_str()), ("2006", ""));
    let matches = follow.matches(&app, &related);
    let ids: Vec<&str> = matches
        .iter()
        .map(|&row| DATA.item(related[row].target).id.as_str())
        .collect();
    assert_eq!(ids, ["sg-report-e-2006-85"]);
    type_text(&mut app, "x");
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(
        screen.contains("none of 20 related matches"),
        "said before Enter:\n{screen}"
    );
    // "20" then Enter follows label 20.
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "20");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.selected_item(), Some(related[19].target));
}

#[test]
fn jump_completes_ids_and_symbols_and_goes_there() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "ecosoc-2006");
    let jump = app.jump().expect("jump prompt open");
    assert_eq!(jump.input, "ecosoc-2006");
    assert_eq!(DATA.item(jump.completions[0]).id, "ecosoc-2006-46");
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(
        app.jump().unwrap().input,
        "E/RES/2006/46",
        "Tab completes to the handle"
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.jump().is_none());
    assert_eq!(shown(&app), "ecosoc-2006-46");
    assert!(app.history.can_go_back());

    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "a/res/70/125");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "ga-70-125", "an exact symbol in any case");

    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "no-such-thing");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.jump().is_some(), "an unknown name keeps the prompt open");
    assert!(app.status.as_deref().unwrap_or("").contains("no item"));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.jump().is_none());
    assert_eq!(shown(&app), "ga-70-125");
}

#[test]
fn tab_in_search_toggles_the_scope_to_the_selected_category_and_back() {
    use wsis_browser::app::Scope;
    let mut app = App::new(&DATA);
    let category = app.row.index();
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "wsis");
    let everywhere = app.search().expect("search open").hits.len();
    press(&mut app, &[key(KeyCode::Tab)]);
    let search = app.search().expect("search open");
    assert_eq!(search.scope, Scope::Category(category));
    assert!(search.hits.len() < everywhere);
    assert!(search.hits.iter().all(|h| DATA.category_of(h.item) == category));
    press(&mut app, &[key(KeyCode::Tab)]);
    let search = app.search().expect("search open");
    assert_eq!(search.scope, Scope::All);
    assert_eq!(search.hits.len(), everywhere);
}

#[test]
fn hint_bar_and_search_box_name_the_scope() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    let screen = format!("{:?}", common::draw(&app, 120, 40).backend());
    assert!(screen.contains("scope: all"), "{screen}");
    assert!(screen.contains("Search: everything"), "{screen}");
    press(&mut app, &[key(KeyCode::Tab)]);
    let id = wsis_browser::data::CATEGORIES[app.row.index()].id;
    let screen = format!("{:?}", common::draw(&app, 120, 40).backend());
    assert!(screen.contains(&format!("scope: {id}")), "{screen}");
}

/// The keys that type the label of the related item `target`.
fn label_keys(app: &App, target: &str) -> String {
    let related = app.related();
    let row = related
        .iter()
        .position(|r| DATA.item(r.target).id == target)
        .unwrap_or_else(|| panic!("{} has no link to {target}", shown(app)));
    follow_label(row, related.len())
}

#[test]
fn the_mandate_walk_takes_at_most_eight_keys() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "A/RES/70/125");
    assert_eq!(shown(&app), "ga-70-125");
    let mut keys = 0;
    let mut follow_to = |app: &mut App, target: &str| {
        let label = label_keys(app, target);
        keys += label.len();
        type_text(app, &label);
        assert_eq!(shown(app), target);
    };
    follow_to(&mut app, "cstd");
    follow_to(&mut app, "ecosoc-2006-46");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ga-70-125");
    follow_to(&mut app, "ga-80-173");
    let total = keys + 2;
    assert!(total <= 8, "the walk took {total} keys");
}

#[test]
fn reopening_the_item_on_screen_adds_no_step_and_cursor_moves_rewrite_none() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let steps = app.history.trail().count();
    open_by_search(&mut app, "2006/46");
    assert_eq!(app.history.trail().count(), steps, "no duplicate step");
    // The cursor moves to another item: the step stays in the trail.
    press(&mut app, &[key(KeyCode::Char('h')), key(KeyCode::Char('j'))]);
    assert_ne!(shown(&app), "ecosoc-2006-46");
    let trail: Vec<_> = app.history.trail().filter_map(|l| l.item).collect();
    assert_eq!(trail.last(), Some(&idx("ecosoc-2006-46")));
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(
        shown(&app),
        "ecosoc-2006-46",
        "Back returns to the step the cursor left"
    );
}

#[test]
fn typing_narrows_the_related_items_and_tab_jumps_between_groups() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    let follow = |app: &App| match app.overlays.last() {
        Some(wsis_browser::app::Overlay::Follow(follow)) => follow.clone(),
        _ => panic!("the follow prompt is open"),
    };
    let related = app.related();
    let all = follow(&app).matches(&app, &related).len();
    type_text(&mut app, "cstd");
    let narrowed = follow(&app).matches(&app, &related);
    assert!(
        !narrowed.is_empty() && narrowed.len() < all,
        "{} of {all}",
        narrowed.len()
    );
    for _ in 0..4 {
        press(&mut app, &[key(KeyCode::Backspace)]);
    }
    assert_eq!(follow(&app).matches(&app, &related).len(), all);
    press(&mut app, &[key(KeyCode::Tab)]);
    let selected = follow(&app).selected;
    assert!(selected > 0, "Tab moves to the next relation group");
    assert_ne!(related[0].label(), related[selected].label());
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.selected_item(), Some(related[selected].target));
}

#[test]
fn one_digit_then_enter_follows_that_label_not_the_selection() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let related = app.related();
    assert!((10..100).contains(&related.len()), "two-digit labels: 1 begins 10");
    let first = DATA.item(related[0].target).id.clone();
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "1");
    let follow = app.follow_prompt().expect("a label that others begin waits");
    assert_eq!((follow.typed.as_str(), follow.selected), ("1", 0), "01 is selected");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), first, "Enter follows label 1");
}

/// A digit that names a label no other label begins follows it at once
/// ("5" among 12 is 05), unless a longer number of the list begins with it
/// ("4" of "L.41"): then the title says Enter follows it.
#[test]
fn a_digit_no_other_label_begins_follows_at_once_unless_a_number_does() {
    let mut items = String::from("[Item(id: \"hub\", category: \"body\", title: \"Hub\", links: [");
    for n in 1..=12 {
        items.push_str(&format!("Link(rel: RelatedTo, to: \"item-{n}\"),"));
    }
    items.push_str("]),");
    let names = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
    ];
    for (n, name) in (1..=11).zip(names) {
        items.push_str(&format!(
            "Item(id: \"item-{n}\", category: \"body\", title: \"The {name}\"),"
        ));
    }
    items.push_str("Item(id: \"item-12\", category: \"body\", symbol: \"A/80/L.41\", title: \"Draft\"),]");
    let data = common::dataset_from(&items);
    let open_hub = |app: &mut App| {
        app.update(wsis_browser::app::Action::StartJump);
        type_text(app, "hub");
        press(app, &[key(KeyCode::Enter)]);
        press(app, &[key(KeyCode::Char('f'))]);
    };
    let mut app = App::new(&data);
    open_hub(&mut app);
    let fifth = data.item(app.related()[4].target).id.clone();
    type_text(&mut app, "5");
    assert!(app.follow_prompt().is_none(), "followed at once");
    let shown_id = app.selected_item().map(|i| data.item(i).id.to_string());
    assert_eq!(shown_id.as_deref(), Some(&*fifth));

    let mut app = App::new(&data);
    open_hub(&mut app);
    type_text(&mut app, "4");
    let follow = app.follow_prompt().expect("41 begins with 4: it waits");
    assert_eq!(follow.selected, 3, "04 is selected");
    let screen = draw(&app, 100, 30).backend().to_string();
    assert!(screen.contains("Enter follows 04"), "{screen}");
}

/// A first digit typed outside the list that no label begins and no
/// related item holds is a stray key: it opens nothing and says so, and
/// the next key acts as ever (a trial typed `5`, then `q`, into the list).
/// A digit a related item holds still opens the list narrowed to it.
#[test]
fn a_stray_first_digit_nothing_related_answers_opens_nothing_and_says_so() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "E/2006/85");
    assert_eq!(shown(&app), "sg-report-e-2006-85");
    assert_eq!(app.related().len(), 1, "one related item: label 1");
    press(&mut app, &[key(KeyCode::Char('5'))]);
    assert!(app.follow_prompt().is_none(), "no list opened");
    assert_eq!(app.status.as_deref(), Some("no related item 5"));
    // The next key is not typed into a list: `?` opens the help.
    press(&mut app, &[key(KeyCode::Char('?'))]);
    assert!(app.follow_prompt().is_none());
    press(&mut app, &[key(KeyCode::Esc)]);
    // "2" is in E/RES/2006/46's symbol: the list opens, narrowed to it.
    press(&mut app, &[key(KeyCode::Char('2'))]);
    let follow = app.follow_prompt().expect("the list, narrowed");
    assert_eq!(follow.filter, "2");
    assert_eq!(follow.matches(&app, &app.related()).len(), 1);
}

/// A number no label begins is filter text; when nothing related matches
/// it, Enter follows nothing but searches all items for it, over the list.
#[test]
fn a_filter_no_related_item_matches_is_searched_among_all_items() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let count = app.related().len();
    assert!((10..99).contains(&count), "two-digit labels");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    // "2" waits (20 begins with it), "21" is no label: filter text.
    type_text(&mut app, "2199");
    let follow = app.follow_prompt().expect("still open");
    assert_eq!(follow.filter, "2199");
    assert!(follow.matches(&app, &app.related()).is_empty());
    let screen = format!("{:?}", draw(&app, 120, 40).backend());
    assert!(
        screen.contains("Enter searches all items"),
        "said before Enter:\n{screen}"
    );
    assert!(screen.contains("Enter search all"), "and on the hint bar:\n{screen}");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "ecosoc-2006-46", "nothing followed");
    assert_eq!(app.search().map(|search| &*search.query), Some("2199"));
    // Escape gives the list back as it was.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.follow_prompt().map(|follow| follow.filter.as_str()), Some("2199"));
    // A trial's walk: A/RES/70/125 is two links from 2006/46.
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "70/125");
    assert!(
        app.follow_prompt()
            .expect("open")
            .matches(&app, &app.related())
            .is_empty()
    );
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "ga-70-125");
    assert!(
        app.search().is_none() && app.follow_prompt().is_none(),
        "every overlay closed"
    );
}

/// The follow filter reads all a row shows, the link's note too: among
/// the IGF's related items, "permanent" is only in 80/173's note.
#[test]
fn the_follow_filter_matches_a_links_note() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "igf");
    assert_eq!(shown(&app), "igf");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "permanent forum");
    let related = app.related();
    let matches = app.follow_prompt().expect("open").matches(&app, &related);
    let targets: Vec<&str> = matches.iter().map(|&row| &*DATA.item(related[row].target).id).collect();
    assert!(targets.contains(&"ga-80-173"), "{targets:?}");
    let note = related
        .iter()
        .find(|entry| DATA.item(entry.target).id == "ga-80-173")
        .and_then(|entry| entry.note);
    assert!(note.is_some_and(|note| note.contains("permanent")), "{note:?}");
    assert!(
        !DATA.item(idx("ga-80-173")).title.contains("permanent"),
        "not by its title"
    );
}

#[test]
fn ctrl_w_and_ctrl_u_edit_the_follow_filter() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "report 2011");
    press(&mut app, &[ctrl('w')]);
    assert_eq!(app.follow_prompt().expect("open").filter, "report ");
    press(&mut app, &[ctrl('u')]);
    let follow = app.follow_prompt().expect("still open");
    assert_eq!(follow.filter, "");
    assert_eq!(follow.matches(&app, &app.related()).len(), app.related().len());
}

#[test]
fn moving_after_a_half_typed_label_follows_the_row_moved_to() {
    let mut app = App::new(&DATA);
    open_by_search(&mut app, "2006/46");
    let related = app.related();
    let fourth = DATA.item(related[3].target).id.clone();
    press(&mut app, &[key(KeyCode::Char('f'))]);
    type_text(&mut app, "1");
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)]);
    let follow = app.follow_prompt().expect("open");
    assert_eq!((follow.typed.as_str(), follow.selected), ("", 3));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), fourth, "the highlighted row, not label 01");
}

/// An item reached by the list cursor, by `J` / `K` or by `--at` is a step
/// once the user leaves it for another category, as a web browser records
/// the page left: Back returns to it, Forward to where Back was pressed;
/// the categories passed on the way are no steps.
#[test]
fn leaving_for_another_category_makes_the_item_read_a_step() {
    let (j, h) = (key(KeyCode::Char('j')), key(KeyCode::Char('h')));
    let list_cursor: &[_] = &[j.clone(), j.clone()];
    let step_items: &[_] = &[key(KeyCode::Char('J')), key(KeyCode::Char('J'))];
    let at_item = |app: &mut App| {
        for action in wsis_browser::tui::start_at(&DATA, "A/RES/70/125") {
            app.update(action);
        }
    };
    for (how, reach) in [
        ("j", &(|app: &mut App| press(app, list_cursor)) as &dyn Fn(&mut App)),
        ("J", &|app: &mut App| press(app, step_items)),
        ("--at", &at_item),
    ] {
        let mut app = App::new(&DATA);
        reach(&mut app);
        let (read, start_row) = (shown(&app), app.row);
        // To the category pane, then two categories on.
        press(&mut app, &[h.clone(), h.clone(), j.clone(), j.clone()]);
        assert_eq!(app.focus, Pane::Categories, "{how}");
        let elsewhere = app.location();
        assert_ne!(elsewhere.item, app.data.by_id(read), "{how}");
        press(&mut app, &[key(KeyCode::Backspace)]);
        assert_eq!(shown(&app), read, "{how}: Back returns to the item read");
        assert_eq!(app.focus, Pane::Items, "{how}: in the list it was read in");
        press(&mut app, &[key(KeyCode::Char(']'))]);
        assert_eq!(app.location(), elsewhere, "{how}: Forward to where Back was pressed");
        press(&mut app, &[key(KeyCode::Backspace)]);
        assert_eq!(shown(&app), read, "{how}");
        // Before it, only where the browser opened or a `J` run started:
        // never the category passed on the way.
        press(&mut app, &[key(KeyCode::Backspace)]);
        assert_eq!(app.row, start_row, "{how}: the category passed is no step");
    }
}

/// A symbol typed with two digits swapped is named in the status, never
/// opened: Enter on `:2006/64` stays where it was and says what was meant.
#[test]
fn a_jump_to_a_symbol_one_slip_away_names_it_and_opens_nothing() {
    let mut app = App::new(&DATA);
    let before = shown(&app);
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "2006/64");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), before, "nothing opened");
    let status = app.status.clone().expect("a status");
    assert!(status.contains("did you mean E/RES/2006/46?"), "{status}");
    // A name one slip from nothing keeps the way to the texts.
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "zzzz/99999");
    press(&mut app, &[key(KeyCode::Enter)]);
    let status = app.status.clone().expect("a status");
    assert!(status.contains("(/ searches the texts)"), "{status}");
}

/// "Number, Enter" lands on the numbered item once, whether the number
/// followed at once (an Enter right after it is its end, not a key for the
/// item reached) or waited for Enter (a related item's symbol has a longer
/// number it begins: 12 of A/RES/70/125's 125). Keys after the Enter act
/// on the item reached, never as filter text.
#[test]
fn number_then_enter_lands_once_whether_the_number_waited_or_not() {
    let start = |app: &mut App| {
        open_by_search(app, "A/RES/80/173");
        assert_eq!(shown(app), "ga-80-173");
        press(app, &[key(KeyCode::Char('l')), key(KeyCode::Char('l'))]);
        assert_eq!(app.focus, Pane::Detail);
    };
    let mut probe = App::new(&DATA);
    start(&mut probe);
    let count = probe.related().len();
    let (mut at_once, mut waiting) = (None, None);
    for row in 0..count {
        let mut app = App::new(&DATA);
        start(&mut app);
        type_text(&mut app, &follow_label(row, count));
        match app.context() {
            wsis_browser::app::Context::Follow => waiting = waiting.or(Some(row)),
            _ => at_once = at_once.or(Some(row)),
        }
    }
    let (at_once, waiting) = (
        at_once.expect("a number that follows at once"),
        waiting.expect("one that waits"),
    );
    for row in [at_once, waiting] {
        let mut app = App::new(&DATA);
        start(&mut app);
        let target = DATA.item(app.related()[row].target).id.to_string();
        type_text(&mut app, &follow_label(row, count));
        press(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(shown(&app), target, "row {row}");
        assert_eq!(app.context(), wsis_browser::app::Context::Main, "row {row}");
        // The next key is the item's own: `m` bookmarks it.
        type_text(&mut app, "m");
        assert!(app.bookmarks.contains(&target), "row {row}");
        // And a second Enter offers its links, as Enter always does.
        press(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(app.context(), wsis_browser::app::Context::Follow, "row {row}");
    }
    // An Enter after a pause is the item's own: it offers its links.
    let mut app = App::new(&DATA);
    start(&mut app);
    type_text(&mut app, &follow_label(at_once, count));
    let paused = Instant::now()
        .checked_sub(ENTER_ENDS_A_NUMBER * 2)
        .expect("a clock past boot");
    assert!(app.followed_by_number.is_some(), "a number followed at once");
    app.followed_by_number = Some(paused);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), wsis_browser::app::Context::Follow);
}
