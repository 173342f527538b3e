//! Journeys through the sort orders of the item lists: documents by date
//! by default, `s` cycles to symbols (natural order) and to data order, and
//! selection, jumps, history and the title all follow the shown order.

mod common;

use std::cmp::Ordering;

use common::{DATA, draw, idx, key, press, shown, type_text};
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::{App, Pane, Row};
use wsis_browser::data::category::category_index;
use wsis_browser::data::sort::{natural_cmp, session_year, sorted};
use wsis_browser::data::{CATEGORIES, ItemIdx, PartialDate, SortOrder};

fn sort_key() -> ratatui::crossterm::event::Event {
    key(KeyCode::Char('s'))
}

fn row_of(id: &str) -> Row {
    Row::Category(category_index(id).expect("a category"))
}

/// Selects `row` in the category pane as a user would (focus there, then move).
fn select_row(app: &mut App, row: Row) {
    press(app, &[key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Home)]);
    for _ in 0..row.index() {
        press(app, &[key(KeyCode::Down)]);
    }
    assert_eq!(app.row, row);
}

/// Where an item is placed in date order: its year, whether the year is
/// only its GA session's (after the dated items of the year), its date.
fn date_place(i: ItemIdx) -> Option<(u16, bool, Option<PartialDate>)> {
    match DATA.date(i) {
        Some(date) => Some((date.year, false, Some(date))),
        None => session_year(DATA.item(i).symbol.as_deref()).map(|year| (year, true, None)),
    }
}

/// By date: dated items oldest first, an undated GA resolution at its
/// session's year, then the other undated ones, those with a symbol in
/// natural order, then the others in data order.
fn assert_by_date(items: &[ItemIdx], what: &str) {
    let placed = items.iter().take_while(|&&i| date_place(i).is_some()).count();
    let places: Vec<_> = items[..placed].iter().filter_map(|&i| date_place(i)).collect();
    assert!(places.is_sorted(), "{what}: dated items oldest first");
    let undated: Vec<ItemIdx> = items[placed..].to_vec();
    assert!(
        undated.iter().all(|&i| date_place(i).is_none()),
        "{what}: no undated item among the dated ones"
    );
    let symbols: Vec<String> = undated
        .iter()
        .filter_map(|&i| DATA.item(i).symbol.as_deref().map(str::to_string))
        .collect();
    assert!(
        symbols.is_sorted_by(|a, b| natural_cmp(a, b) != Ordering::Greater),
        "{what}: undated symbols in natural order"
    );
    let without_symbol: Vec<ItemIdx> = undated
        .iter()
        .copied()
        .filter(|&i| DATA.item(i).symbol.is_none())
        .collect();
    let in_data_order: Vec<ItemIdx> = DATA
        .category_items(DATA.category_of(items[0]))
        .iter()
        .copied()
        .filter(|i| without_symbol.contains(i))
        .collect();
    assert_eq!(
        without_symbol, in_data_order,
        "{what}: undated items without a symbol keep the data order"
    );
    assert!(
        undated[undated.len() - without_symbol.len()..]
            .iter()
            .all(|&i| DATA.item(i).symbol.is_none()),
        "{what}: those with a symbol first"
    );
}

fn assert_by_symbol(items: &[ItemIdx], what: &str) {
    let with_symbol = items.iter().take_while(|&&i| DATA.item(i).symbol.is_some()).count();
    assert!(
        items[with_symbol..].iter().all(|&i| DATA.item(i).symbol.is_none()),
        "{what}: items without a symbol last"
    );
    for pair in items[..with_symbol].windows(2) {
        let (a, b) = (
            DATA.item(pair[0]).symbol.as_deref(),
            DATA.item(pair[1]).symbol.as_deref(),
        );
        assert_ne!(
            natural_cmp(a.unwrap(), b.unwrap()),
            Ordering::Greater,
            "{what}: {a:?} before {b:?}"
        );
    }
}

#[test]
fn document_lists_start_by_date_and_bodies_in_data_order() {
    let app = App::new(&DATA);
    for (cat, category) in CATEGORIES.iter().enumerate() {
        let row = Row::Category(cat);
        let items = app.items_of(row);
        let mut same_items = items.to_vec();
        same_items.sort_unstable();
        let mut data_items = DATA.category_items(cat).to_vec();
        data_items.sort_unstable();
        assert_eq!(same_items, data_items, "{}: the same items, reordered", category.id);
        match app.sort_order(row) {
            SortOrder::Date => assert_by_date(items, category.id),
            SortOrder::Data => assert_eq!(items, DATA.category_items(cat), "{}", category.id),
            SortOrder::Symbol => assert_by_symbol(items, category.id),
        }
    }
    assert_eq!(app.sort_order(row_of("ga")), SortOrder::Date);
    assert_eq!(app.sort_order(row_of("body")), SortOrder::Data);
}

/// A trial: the undated resolutions of the 66th to 71st sessions came
/// after A/RES/80/173 (2025). By date they take their session's year, yet
/// no date is shown for them: the list still marks them undated.
#[test]
fn undated_ga_resolutions_sort_by_their_sessions_year_and_show_no_date() {
    let app = App::new(&DATA);
    let ga = app.items_of(row_of("ga"));
    let at = |symbol: &str| {
        ga.iter()
            .position(|&i| DATA.item(i).symbol.as_deref() == Some(symbol))
            .unwrap_or_else(|| panic!("{symbol} in the GA list"))
    };
    for symbol in ["A/RES/66/184", "A/RES/68/198", "A/RES/69/204", "A/RES/71/212"] {
        let item = ga[at(symbol)];
        assert_eq!(DATA.date(item), None, "{symbol} is undated in the data");
        assert!(at(symbol) < at("A/RES/80/173"), "{symbol} before A/RES/80/173");
    }
    assert!(at("A/RES/66/184") < at("A/RES/68/198") && at("A/RES/69/204") < at("A/RES/71/212"));
    // After every item dated in the year its session opened (2011).
    let dated_2011 = ga.iter().rposition(|&i| DATA.date(i).is_some_and(|d| d.year == 2011));
    assert!(dated_2011.is_none_or(|last| last < at("A/RES/66/184")));
    let mut app = App::new(&DATA);
    app.row = row_of("ga");
    let screen = draw(&app, 120, 40).backend().to_string();
    let line = screen.lines().find(|l| l.contains("A/RES/66/184")).expect("shown");
    assert!(line.contains('—') && !line.contains("2011"), "no date shown: {line}");
}

#[test]
fn secretary_general_reports_run_from_2006_by_default() {
    let app = App::new(&DATA);
    let years: Vec<u16> = app
        .items_of(row_of("sg-report"))
        .iter()
        .filter_map(|&i| DATA.date(i).map(|d| d.year))
        .collect();
    assert!(years.is_sorted(), "{years:?}");
    assert_eq!(years.first(), Some(&2006));
}

#[test]
fn s_cycles_symbol_then_data_then_date_order_and_the_title_says_which() {
    let mut app = App::new(&DATA);
    let sg = row_of("sg-report");
    select_row(&mut app, sg);
    press(&mut app, &[key(KeyCode::Right)]);
    let screen = format!("{:?}", draw(&app, 120, 40).backend().buffer());
    assert!(screen.contains("— by date"), "the title names the order");

    press(&mut app, &[sort_key()]);
    assert_eq!(app.sort_order(sg), SortOrder::Symbol);
    assert_by_symbol(app.items(), "sg-report by symbol");
    assert_eq!(app.status.as_deref(), Some("SG reports sorted by symbol"));
    let screen = format!("{:?}", draw(&app, 120, 40).backend().buffer());
    assert!(screen.contains("— by symbol"));

    press(&mut app, &[sort_key()]);
    assert_eq!(app.sort_order(sg), SortOrder::Data);
    assert_eq!(app.items(), DATA.category_items(sg.index()));

    press(&mut app, &[sort_key()]);
    assert_eq!(app.sort_order(sg), SortOrder::Date);
    assert_by_date(app.items(), "sg-report by date again");
}

#[test]
fn sorting_one_list_leaves_the_others_alone() {
    let mut app = App::new(&DATA);
    let before = app.items_of(row_of("ga")).to_vec();
    select_row(&mut app, row_of("ecosoc"));
    press(&mut app, &[sort_key()]);
    assert_eq!(app.sort_order(row_of("ecosoc")), SortOrder::Symbol);
    assert_eq!(app.sort_order(row_of("ga")), SortOrder::Date);
    assert_eq!(app.items_of(row_of("ga")), before.as_slice());
}

#[test]
fn the_selected_item_stays_selected_when_the_order_changes() {
    let mut app = App::new(&DATA);
    select_row(&mut app, row_of("sg-report"));
    press(&mut app, &[key(KeyCode::Right)]);
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)]);
    let chosen = shown(&app);
    for _ in 0..3 {
        press(&mut app, &[sort_key()]);
        assert_eq!(shown(&app), chosen);
        app.check_invariants().unwrap();
    }
}

#[test]
fn jumps_and_history_find_items_in_the_sorted_list() {
    let mut app = App::new(&DATA);
    // The 2006 note is listed last in the data but first by date.
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "A/60/687");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "sg-note-a-60-687");
    assert_eq!(app.focus, Pane::Detail);
    let position = app.item_row();
    assert_eq!(app.items()[position], idx("sg-note-a-60-687"));

    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "E/RES/2006/46");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(shown(&app), "ecosoc-2006-46");
    // Re-sorting the earlier list does not lose the way back.
    select_row(&mut app, row_of("sg-report"));
    press(&mut app, &[sort_key()]);
    press(&mut app, &[key(KeyCode::Backspace)]);
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "sg-note-a-60-687");
}

#[test]
fn bookmarks_can_be_sorted_too() {
    let mut app = App::new(&DATA);
    for id in ["ecosoc-2019-24", "sg-note-a-60-687", "ecosoc-2006-46"] {
        press(&mut app, &[key(KeyCode::Char(':'))]);
        type_text(&mut app, id);
        press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('m'))]);
    }
    assert_eq!(app.sort_order(Row::Bookmarks), SortOrder::Data);
    let added: Vec<ItemIdx> = ["ecosoc-2019-24", "sg-note-a-60-687", "ecosoc-2006-46"]
        .map(idx)
        .to_vec();
    assert_eq!(app.items_of(Row::Bookmarks), added.as_slice());
    select_row(&mut app, Row::Bookmarks);
    // Their title says so: "in data order" would be false.
    let title = app.list_title(Row::Bookmarks, 80);
    assert!(title.ends_with("in the order bookmarked"), "{title}");
    assert!(app.list_title(Row::Bookmarks, 10).ends_with("· added"));
    // Bookmarks start in the order they were added; the next order is by date.
    press(&mut app, &[sort_key()]);
    assert!(app.list_title(Row::Bookmarks, 80).ends_with("by date"));
    assert_eq!(app.sort_order(Row::Bookmarks), SortOrder::Date);
    let by_date: Vec<ItemIdx> = ["sg-note-a-60-687", "ecosoc-2006-46", "ecosoc-2019-24"]
        .map(idx)
        .to_vec();
    assert_eq!(app.items_of(Row::Bookmarks), by_date.as_slice());
}

/// An undated GA resolution goes where its session's year puts it, after
/// the items dated in that year (a trial found A/RES/66/184 after
/// A/RES/80/173); an undated item with no session goes last.
#[test]
fn undated_resolutions_are_listed_at_their_sessions_year() {
    let text = r#"[
        Item(id: "late", category: "ga", symbol: "A/RES/80/173", title: "Late", date: "2025-12-17"),
        Item(id: "early", category: "ga", symbol: "A/RES/65/141", title: "Early", date: "2010-12-20"),
        Item(id: "undated", category: "ga", symbol: "A/RES/66/184", title: "Undated"),
        Item(id: "next", category: "ga", symbol: "A/RES/67/195", title: "Next", date: "2012-12-21"),
        Item(id: "same-year", category: "ga", symbol: "A/RES/66/999", title: "Same year", date: "2011-12-22"),
        Item(id: "no-symbol", category: "ga", title: "Neither date nor symbol"),
    ]"#;
    let data = common::dataset_from(text);
    let items: Vec<ItemIdx> = (0..data.len()).collect();
    let ids: Vec<&str> = sorted(&data, &items, SortOrder::Date)
        .into_iter()
        .map(|i| data.item(i).id.as_str())
        .collect();
    assert_eq!(ids, ["early", "same-year", "undated", "next", "late", "no-symbol"]);
}

#[test]
fn wsis_list_prints_each_category_in_the_browsers_first_order() {
    let app = App::new(&DATA);
    for (cat, category) in CATEGORIES.iter().enumerate() {
        let output = common::wsis(&["list", "--format", "tsv", "-c", category.id]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let listed: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| line.split('\t').next().unwrap().to_string())
            .collect();
        let browsed: Vec<String> = app
            .items_of(Row::Category(cat))
            .iter()
            .map(|&i| DATA.item(i).id.to_string())
            .collect();
        assert_eq!(listed, browsed, "{}", category.id);
    }
}

/// An app with three items bookmarked (jumped to, then `m`), showing
/// the bookmarks list.
fn three_bookmarks_listed() -> App<'static> {
    let mut app = App::new(&DATA);
    for id in ["ecosoc-2019-24", "sg-note-a-60-687", "ecosoc-2006-46"] {
        press(&mut app, &[key(KeyCode::Char(':'))]);
        type_text(&mut app, id);
        press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('m'))]);
    }
    select_row(&mut app, Row::Bookmarks);
    app
}

#[test]
fn unbookmarking_in_the_bookmarks_list_keeps_the_item_until_the_list_is_left() {
    let mut app = three_bookmarks_listed();
    press(&mut app, &[key(KeyCode::Char('l')), key(KeyCode::Char('j'))]);
    assert_eq!(shown(&app), "sg-note-a-60-687");
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert!(!app.is_bookmarked(idx("sg-note-a-60-687")));
    assert_eq!(shown(&app), "sg-note-a-60-687", "the cursor stays on it");
    assert_eq!(app.items_of(Row::Bookmarks).len(), 3, "still listed");
    assert!(app.status.as_deref().unwrap_or("").contains("m again adds it back"));
    app.check_invariants().expect("a kept row is allowed");
    // A second m adds it back; no other bookmark is removed.
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert_eq!(shown(&app), "sg-note-a-60-687");
    assert_eq!(app.bookmarks.ids.len(), 3);
    // Removed again, then the list is left: it is gone when shown again.
    press(&mut app, &[key(KeyCode::Char('m'))]);
    press(&mut app, &[key(KeyCode::Char('h')), key(KeyCode::Char('k'))]);
    select_row(&mut app, Row::Bookmarks);
    assert_eq!(app.items_of(Row::Bookmarks).len(), 2);
    assert!(!app.items_of(Row::Bookmarks).contains(&idx("sg-note-a-60-687")));
}

/// In the bookmarks list every row is a bookmark: none carries ★ (which
/// would only cut its title), and a bookmark removed while the list shows
/// is the one marked (☆) until `m` adds it back. Other lists mark ★.
#[test]
fn the_bookmarks_list_marks_only_a_removed_bookmark() {
    let mut app = three_bookmarks_listed();
    let screen = |app: &App| draw(app, 120, 40).backend().to_string();
    let stars = screen(&app).matches('★').count();
    assert_eq!(stars, 1, "only the category pane's ★ Bookmarks:\n{}", screen(&app));
    press(
        &mut app,
        &[
            key(KeyCode::Char('l')),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('m')),
        ],
    );
    assert_eq!(screen(&app).matches('☆').count(), 1, "{}", screen(&app));
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert_eq!(screen(&app).matches('☆').count(), 0);
    // In the item's own category its bookmark shows.
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "ecosoc-2006-46");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        screen(&app).contains("★ CSTD made WSIS focal point"),
        "{}",
        screen(&app)
    );
}

/// Several bookmarks removed in a row from the bookmarks list all stay
/// listed where they were, each can be added back, and the rest keep
/// their order (a trial removed two and lost the first).
/// Removed one after the other and added back in the same order (not the
/// reverse), bookmarks return to the order they were bookmarked in.
#[test]
fn bookmarks_added_back_in_any_order_keep_the_order_bookmarked() {
    let mut app = three_bookmarks_listed();
    press(&mut app, &[key(KeyCode::Char('l'))]);
    let before = app.bookmarks.ids.clone();
    // The second and third removed, then added back second first.
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Char('m'))]);
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Char('m'))]);
    assert_eq!(app.bookmarks.ids, before[..1]);
    press(&mut app, &[key(KeyCode::Char('k')), key(KeyCode::Char('m'))]);
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Char('m'))]);
    assert_eq!(app.bookmarks.ids, before);
}

#[test]
fn several_unbookmarked_items_all_stay_listed_in_their_places() {
    let mut app = three_bookmarks_listed();
    press(&mut app, &[key(KeyCode::Char('l'))]);
    let listed = |app: &App| -> Vec<String> {
        let items = app.items_of(Row::Bookmarks);
        items.iter().map(|&i| DATA.item(i).id.to_string()).collect()
    };
    let before = listed(&app);
    // Remove the first two, one after the other.
    press(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('m')),
        ],
    );
    assert_eq!(app.bookmarks.ids.len(), 1);
    assert_eq!(listed(&app), before, "both still listed, in their places");
    app.check_invariants().expect("kept rows are allowed");
    // The first one removed is added back by m on it.
    press(&mut app, &[key(KeyCode::Char('k'))]);
    assert_eq!(shown(&app), before[0]);
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert!(app.is_bookmarked(idx(&before[0])));
    assert_eq!(shown(&app), before[0], "the cursor stays on it");
    // Bookmarked again where it was in the order bookmarked; the other
    // removed one stays listed.
    assert_eq!(listed(&app), before);
    // Leaving the list drops the one still removed.
    press(&mut app, &[key(KeyCode::Char('h')), key(KeyCode::Char('k'))]);
    select_row(&mut app, Row::Bookmarks);
    assert_eq!(listed(&app), [before[0].as_str(), &before[2]]);
    assert_eq!(
        app.bookmarks.ids,
        [before[0].as_str(), &before[2]],
        "the order bookmarked, as saved"
    );
}
