//! Timeline, paths, breadcrumbs, bookmarks, citations, mouse and colours.

mod common;

use common::{DATA, ctrl, draw, idx, key, press, shown, type_text};
use insta::assert_snapshot;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Color;
use wsis_browser::app::{Action, App, Effect, Pane, Row};
use wsis_browser::bookmarks::Bookmarks;
use wsis_browser::cite::citation;
use wsis_browser::data::CATEGORIES;
use wsis_browser::graph::{shortest_path, timeline};
use wsis_browser::ui::theme::Theme;

fn jump_to(app: &mut App, name: &str) {
    press(app, &[key(KeyCode::Char(':'))]);
    type_text(app, name);
    press(app, &[key(KeyCode::Enter)]);
    assert_eq!(app.selected_item(), DATA.find(name), "jumped to {name}");
}

#[test]
fn path_from_the_general_assembly_to_the_cstd_reads_each_step() {
    let from = idx("ga-60-252");
    let steps = shortest_path(&DATA, from, idx("cstd")).expect("a path");
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert_eq!(steps[1].to, idx("cstd"));
    assert_path_is_real(from, &steps);
    // The reverse direction is as short and reads the inverse relations.
    let back = shortest_path(&DATA, idx("cstd"), from).expect("a path back");
    assert_eq!(back.len(), 2);
    assert_path_is_real(idx("cstd"), &back);
    // A direct link is one step, labelled as it reads from where we stand.
    let one = shortest_path(&DATA, idx("ecosoc-2006-46"), idx("cstd")).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].label, "mandates");
    let one_back = shortest_path(&DATA, idx("cstd"), idx("ecosoc-2006-46")).unwrap();
    assert_eq!(one_back.len(), 1);
    assert_eq!(shortest_path(&DATA, idx("cstd"), idx("cstd")), Some(vec![]));
}

/// Each step follows a real link, read in the direction walked.
fn assert_path_is_real(from: usize, steps: &[wsis_browser::graph::Step]) {
    let mut at = from;
    for step in steps {
        let forward = DATA
            .links(at)
            .any(|(l, t)| t == step.to && l.rel == step.rel && l.rel.forward() == step.label);
        let backward = DATA
            .links(step.to)
            .any(|(l, t)| t == at && l.rel == step.rel && l.rel.inverse() == step.label);
        assert!(
            forward || backward,
            "no link {} -> {} read as {}",
            DATA.item(at).id,
            DATA.item(step.to).id,
            step.label
        );
        at = step.to;
    }
}

#[test]
fn no_path_between_unconnected_items() {
    let text = r#"[
        Item(id: "a", category: "ga", title: "A", links: [Link(rel: Mandates, to: "b")]),
        Item(id: "b", category: "ga", title: "B"),
        Item(id: "c", category: "ecosoc", title: "C"),
    ]"#;
    let data = common::dataset_from(text);
    assert!(shortest_path(&data, 0, 1).is_some());
    assert_eq!(shortest_path(&data, 0, 2), None);
}

#[test]
fn path_overlay_marks_then_shows_and_opens_a_step() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "ga-60-252");
    press(&mut app, &[key(KeyCode::Char('p'))]);
    jump_to(&mut app, "cstd");
    press(&mut app, &[key(KeyCode::Char('P'))]);
    let path = app.path().cloned().expect("path shown");
    let items = path.items();
    assert_eq!((items.len(), items[0], items[2]), (3, idx("ga-60-252"), idx("cstd")));
    // q closes the path, as in less, and does not quit.
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(app.path().is_none() && !app.should_quit);
    press(&mut app, &[key(KeyCode::Char('P'))]);
    let terminal = draw(&app, 120, 40);
    let screen = terminal.backend().to_string();
    for step in path.steps.as_ref().unwrap() {
        assert!(screen.contains(&format!("↳ {}", step.label)), "{screen}");
    }
    // The box is as tall as its three rows and border, not most of the screen.
    let boxed = screen
        .lines()
        .filter(|line| line.contains("│▶ A/RES/60/252") || line.contains("↳ "))
        .count();
    assert_eq!(boxed, 3, "{screen}");
    assert_snapshot!(terminal.backend());
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Enter)]);
    assert!(app.path().is_none());
    assert_eq!(app.selected_item(), Some(items[1]));
}

#[test]
fn a_path_to_the_marked_item_itself_says_so_instead_of_zero_steps() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "ecosoc-2006-46");
    press(&mut app, &[key(KeyCode::Char('p')), key(KeyCode::Char('P'))]);
    assert!(app.path().is_none(), "no path of no steps");
    let status = app.status.clone().expect("a status");
    assert!(
        status.contains("is the marked start") && status.contains("press P"),
        "{status}"
    );
    jump_to(&mut app, "cstd");
    press(&mut app, &[key(KeyCode::Char('P'))]);
    assert!(app.path().is_some(), "the mark is kept for another item");
}

#[test]
fn timeline_is_chronological_grouped_by_year_and_opens_items() {
    let rows = timeline(&DATA);
    let dated = (0..DATA.len()).filter(|&i| DATA.date(i).is_some()).count();
    assert_eq!(rows.len(), dated);
    assert!(rows.windows(2).all(|w| DATA.date(w[0]) <= DATA.date(w[1])));
    let earliest = (0..DATA.len()).filter_map(|i| DATA.date(i)).min();
    assert_eq!(DATA.date(rows[0]), earliest);

    let mut app = App::new(&DATA);
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('t'))]);
    let timeline = app.timeline().expect("timeline open");
    assert_eq!(
        timeline.rows[timeline.selected],
        idx("ga-70-125"),
        "opens on the current item"
    );
    let terminal = draw(&app, 120, 40);
    assert_snapshot!(terminal.backend());
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Enter)]);
    assert!(app.timeline().is_none());
    let next = timeline_next(&rows, idx("ga-70-125"));
    assert_eq!(app.selected_item(), Some(next));
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ga-70-125");
}

#[test]
fn the_timeline_moves_by_year_and_goes_to_a_typed_year() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('t'))]);
    let year = |app: &App| {
        let t = app.timeline().unwrap();
        DATA.date(t.rows[t.selected]).unwrap().year
    };
    let first_of = |app: &App, y: u16| {
        let t = app.timeline().unwrap();
        t.rows.iter().position(|&r| DATA.date(r).unwrap().year == y).unwrap()
    };
    assert_eq!(year(&app), 2015);
    press(&mut app, &[key(KeyCode::Char('}'))]);
    let next = year(&app);
    assert!(next > 2015);
    assert_eq!(
        app.timeline().unwrap().selected,
        first_of(&app, next),
        "the next year's first item"
    );
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Char('{'))]);
    assert_eq!(
        app.timeline().unwrap().selected,
        first_of(&app, next),
        "{{ back to this year's start"
    );
    press(&mut app, &[key(KeyCode::Char('{'))]);
    assert_eq!(
        app.timeline().unwrap().selected,
        first_of(&app, 2015),
        "then the year before"
    );
    type_text(&mut app, "2006");
    assert_eq!(app.timeline().unwrap().selected, first_of(&app, 2006), "a typed year");
    type_text(&mut app, "2099");
    let last_year = DATA.date(*app.timeline().unwrap().rows.last().unwrap()).unwrap().year;
    assert_eq!(
        app.timeline().unwrap().selected,
        first_of(&app, last_year),
        "the last year's first item"
    );
    assert!(app.status.as_deref().unwrap_or("").contains("nothing dated 2099"));
    // A year is typed in one go: a key between digits drops them.
    type_text(&mut app, "2");
    press(&mut app, &[key(KeyCode::Char('k'))]);
    type_text(&mut app, "006");
    assert_eq!(
        app.timeline().unwrap().typed_year,
        "006",
        "only the digits after k count"
    );
}

fn timeline_next(rows: &[usize], after: usize) -> usize {
    rows[rows.iter().position(|&r| r == after).unwrap() + 1]
}

#[test]
fn breadcrumbs_and_history_keep_the_scroll_of_each_step() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "A/RES/60/252");
    press(&mut app, &[key(KeyCode::PageDown)]);
    let scrolled = app.detail_scroll;
    assert!(scrolled > 0);
    jump_to(&mut app, "E/RES/2006/46");
    jump_to(&mut app, "cstd");
    let screen = draw(&app, 120, 40).backend().to_string();
    let trail = screen
        .lines()
        .find(|l| l.contains("A/RES/60/252 › E/RES/2006/46 › "))
        .expect("breadcrumb trail");
    assert!(trail.contains(DATA.item(idx("cstd")).label()), "{trail}");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    assert_eq!(shown(&app), "ga-60-252");
    assert_eq!(app.detail_scroll, scrolled, "the scroll of that step is restored");
}

/// A trail too long for its row ends with "…", never with a bare cut
/// ("IGF made permanent (80/17").
#[test]
fn a_breadcrumb_too_long_for_its_row_ends_with_an_ellipsis() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "A/RES/70/125");
    jump_to(&mut app, "wsis20-igf-permanent");
    press(&mut app, &[key(KeyCode::Char('h'))]);
    let screen = draw(&app, 80, 24).backend().to_string();
    let first = screen.lines().next().expect("a first row");
    let trail = first
        .rsplit('┐')
        .next()
        .expect("the trail right of the list")
        .trim_end_matches('"')
        .trim_end();
    let name = DATA.item(idx("wsis20-igf-permanent")).display_name();
    assert!(
        trail.ends_with(name) || trail.ends_with('…'),
        "whole or marked cut: {trail:?}"
    );
}

#[test]
fn bookmarks_round_trip_through_an_atomic_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("wsis-browser");
    let loaded = Bookmarks::load(Some(store.clone()));
    assert!(loaded.warning.is_none());
    let mut app = App::new(&DATA).with_bookmarks(loaded.bookmarks);
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('m'))]);
    // The front end's part: save what the effect carries, report back.
    let Some(Effect::SaveBookmarks(mut to_save)) = app.effects.pop() else {
        panic!("m asks for the bookmarks to be saved")
    };
    to_save.save().unwrap();
    app.update(Action::BookmarksSaved(to_save.ids));
    assert_eq!(app.items_of(Row::Bookmarks), [idx("ga-70-125")]);

    // No temporary file is left behind, and a new run sees the bookmark.
    let names: Vec<String> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["bookmarks.json"]);
    let again = App::new(&DATA).with_bookmarks(Bookmarks::load(Some(store.clone())).bookmarks);
    assert_eq!(again.items_of(Row::Bookmarks), [idx("ga-70-125")]);

    // Toggling again removes it.
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert!(app.items_of(Row::Bookmarks).is_empty());
}

#[test]
fn a_corrupt_bookmarks_file_is_reported_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("wsis-browser");
    std::fs::create_dir_all(&store).unwrap();
    std::fs::write(store.join("bookmarks.json"), "{ not json").unwrap();
    let loaded = Bookmarks::load(Some(store.clone()));
    let warning = loaded.warning.expect("a warning");
    assert!(warning.contains("corrupt"), "{warning}");
    assert!(loaded.bookmarks.ids.is_empty());
    let aside: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].starts_with("bookmarks.json.corrupt-"), "{aside:?}");
    assert_eq!(
        std::fs::read_to_string(store.join(&aside[0])).unwrap(),
        "{ not json",
        "kept as it was"
    );
    // Saving afterwards writes a new file and leaves the corrupt one alone.
    let mut bookmarks = loaded.bookmarks;
    bookmarks.toggle("cstd");
    bookmarks.save().unwrap();
    assert_eq!(std::fs::read_dir(&store).unwrap().count(), 2);
}

#[test]
fn citations_are_worded_for_each_category() {
    // The UN's form: issuer, document type and number, title, date, symbol, link.
    let cases = [
        (
            "ga-70-125",
            "General Assembly resolution 70/125, \"Outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of the World Summit on the Information Society\", 16 December 2015, A/RES/70/125, available from https://undocs.org/en/A/RES/70/125",
        ),
        (
            "ecosoc-2006-46",
            "Economic and Social Council resolution 2006/46, \"Follow-up to the World Summit on the Information Society and review of the Commission on Science and Technology for Development\", 28 July 2006, E/RES/2006/46, available from https://undocs.org/en/E/RES/2006/46",
        ),
    ];
    for (id, expected) in cases {
        assert_eq!(citation(&DATA, idx(id), wsis_browser::cite::Style::Text), expected);
    }
    let report = citation(&DATA, idx("sg-report-2011"), wsis_browser::cite::Style::Text);
    assert!(
        report.starts_with("Report of the Secretary-General, \"Progress made"),
        "{report}"
    );
    assert!(report.contains(", 14 March 2011, A/66/64–E/2011/77, "), "{report}");
    let agenda = citation(&DATA, idx("tunis-agenda"), wsis_browser::cite::Style::Text);
    assert!(agenda.starts_with("World Summit on the Information Society, \"Tunis Agenda for the Information Society\", 18 November 2005, WSIS-05/TUNIS/DOC/6(Rev.1)-E"), "{agenda}");
    let line = citation(&DATA, idx("al-c2"), wsis_browser::cite::Style::Text);
    assert!(
        line.starts_with("World Summit on the Information Society Action Line, \"C2.")
            && line.contains("in Plan of Action (WSIS-03/GENEVA/DOC/5-E)"),
        "{line}"
    );
    // Every item of every category gets a citation ending with its link,
    // but one whose link is only a linked body's page, which gives none
    // (`tests/citations.rs` holds that rule): a few.
    let mut without_link = 0;
    for cat in 0..CATEGORIES.len() {
        for &i in DATA.category_items(cat) {
            let text = citation(&DATA, i, wsis_browser::cite::Style::Text);
            if text.contains("available from") {
                assert!(text.ends_with(DATA.item(i).url.as_deref().unwrap()), "{text}");
            } else {
                without_link += 1;
            }
        }
    }
    assert!(
        without_link * 10 < DATA.len(),
        "{without_link} items cited without a link"
    );
}

#[test]
fn copy_and_open_ask_the_front_end_for_effects() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "A/RES/70/125");
    press(
        &mut app,
        &[
            key(KeyCode::Char('y')),
            key(KeyCode::Char('Y')),
            key(KeyCode::Char('o')),
        ],
    );
    assert_eq!(
        app.effects,
        [
            Effect::Copy {
                text: citation(&DATA, idx("ga-70-125"), wsis_browser::cite::Style::Text),
                what: "citation",
                multiline: false,
            },
            Effect::Copy {
                text: "https://undocs.org/en/A/RES/70/125".into(),
                what: "link",
                multiline: false,
            },
            Effect::OpenUrl("https://undocs.org/en/A/RES/70/125".into()),
        ]
    );
}

/// An official page that also confirms the facts is listed once.
#[test]
fn the_links_list_shows_an_official_link_that_is_also_a_source_once() {
    let item = idx("geneva-declaration");
    let data = DATA.item(item);
    let official = data.url.as_deref().expect("an official link");
    assert!(data.sources.iter().any(|source| &**source == official), "also a source");
    let rows = wsis_browser::app::links(&DATA, item);
    let urls: Vec<&str> = rows.iter().map(|&(_, url)| url).collect();
    assert_eq!(urls.iter().filter(|&&url| url == official).count(), 1, "{urls:?}");
    assert_eq!(rows.len(), data.sources.len(), "the other sources all kept");
}

#[test]
fn the_links_list_shows_a_source_seen_at_http_as_the_official_https_link() {
    let item = idx("wsis-forum-2018");
    let data = DATA.item(item);
    let official = data.url.as_deref().expect("an official link");
    let at_http = official.replacen("https://", "http://", 1);
    assert!(
        data.sources.iter().any(|source| **source == at_http),
        "a source at http://"
    );
    let rows = wsis_browser::app::links(&DATA, item);
    assert_eq!(rows[0], (wsis_browser::app::LinkKind::Official, official));
    assert!(rows.iter().all(|&(_, url)| url != at_http), "{rows:?}");
    assert_eq!(rows.len(), data.sources.len(), "the other sources all kept");
}

/// `O` lists the official link and every other source, in the data's
/// order, the selected one whole below; Enter or `o` opens it and `y`
/// copies it, the list staying open for the next; `q` closes it.
#[test]
fn links_list_every_source_whole_and_open_or_copy_one() {
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    jump_to(&mut app, "wgig-report");
    let item = DATA.item(idx("wgig-report"));
    let official = item.url.as_deref().expect("an official link").to_string();
    // The rows after the official link: its sources, each page once.
    let sources: Vec<String> = wsis_browser::app::links(&DATA, idx("wgig-report"))
        .iter()
        .skip(1)
        .map(|&(_, url)| url.to_string())
        .collect();
    assert!(sources.len() >= 3, "{sources:?}");
    press(&mut app, &[key(KeyCode::Char('O'))]);
    assert_eq!(app.links_choice().map(|choice| choice.selected), Some(0));
    let terminal = draw(&app, 120, 40);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Links of WSIS-II/PC-3/DOC/5-E"), "{screen}");
    // The detail cuts a long source; the full view shows the one selected
    // whole, wrapped if need be.
    let longest = sources.iter().max_by_key(|source| source.len()).unwrap();
    press(&mut app, &[key(KeyCode::Char('G'))]);
    press(&mut app, &[key(KeyCode::Char('g'))]);
    let to_longest = sources.iter().position(|source| source == longest).unwrap() + 1;
    press(&mut app, &vec![key(KeyCode::Char('j')); to_longest]);
    let screen = draw(&app, 80, 24).backend().to_string();
    let full = box_text(&screen, "What Enter opens");
    assert!(full.contains(longest.as_str()), "{longest} whole in: {full}");
    assert_snapshot!(draw(&app, 80, 24).backend());
    press(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Char('y')),
            key(KeyCode::Char('k')),
            key(KeyCode::Char('o')),
        ],
    );
    assert!(app.links_choice().is_some(), "still open after opening and copying");
    let previous = &sources[to_longest - 2];
    assert_eq!(
        app.effects,
        [
            Effect::OpenUrl(longest.clone()),
            Effect::Copy {
                text: longest.clone(),
                what: "source",
                multiline: false,
            },
            Effect::OpenUrl(previous.clone()),
        ]
    );
    press(
        &mut app,
        &[
            key(KeyCode::Char('g')),
            key(KeyCode::Char('y')),
            key(KeyCode::Char('q')),
        ],
    );
    assert!(app.links_choice().is_none(), "q closes");
    assert_eq!(
        app.effects.last(),
        Some(&Effect::Copy {
            text: official,
            what: "link",
            multiline: false,
        })
    );
}

/// The text inside the popup box whose title holds `title` on `screen`,
/// its rows joined without their borders or trailing blanks.
fn box_text(screen: &str, title: &str) -> String {
    let lines: Vec<Vec<char>> = screen.lines().map(|line| line.chars().collect()).collect();
    let (top, left) = lines
        .iter()
        .enumerate()
        .find_map(|(row, line)| {
            let at = line.iter().collect::<String>().find(title)?;
            let column = line.iter().collect::<String>()[..at].chars().count();
            Some((row, column - 2))
        })
        .expect("the box is drawn");
    lines[top + 1..]
        .iter()
        .take_while(|line| line[left] == '│')
        .map(|line| {
            line[left + 1..]
                .iter()
                .take_while(|&&c| c != '│')
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// The hint bar offers `O links` where the detail of an item with sources
/// has focus, and not from the list.
#[test]
fn the_links_hint_shows_in_the_detail_of_an_item_with_sources() {
    let mut app = App::new(&DATA);
    jump_to(&mut app, "wgig-report");
    let hint_bar = |app: &App| {
        draw(app, 120, 40)
            .backend()
            .to_string()
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    app.focus = Pane::Detail;
    assert!(hint_bar(&app).contains("O links"), "{}", hint_bar(&app));
    press(&mut app, &[key(KeyCode::Char('h'))]);
    assert_eq!(app.focus, Pane::Items);
    assert!(!hint_bar(&app).contains("O links"), "{}", hint_bar(&app));
    // Its one source the official link, shown whole: nothing to list.
    jump_to(&mut app, "igf-2013");
    let item = DATA.item(idx("igf-2013"));
    assert!(item.sources.iter().all(|source| Some(&**source) == item.url.as_deref()));
    app.focus = Pane::Detail;
    assert!(!hint_bar(&app).contains("O links"), "{}", hint_bar(&app));
}

/// `c` offers every style, the configured one under the cursor, shows the
/// one under the cursor in full, and copies it on Enter (or `y`).
/// `g` and `G` go to the first and last style, as in the links list.
#[test]
fn cite_as_goes_to_the_first_and_last_style() {
    use wsis_browser::cite::Style;
    let mut app = App::new(&DATA);
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('c')), key(KeyCode::Char('G'))]);
    assert_eq!(app.cite_choice().map(|c| c.style()), Style::ALL.last().copied());
    press(&mut app, &[key(KeyCode::Char('g'))]);
    assert_eq!(app.cite_choice().map(|c| c.style()), Style::ALL.first().copied());
    assert!(app.cite_choice().is_some(), "still open");
}

/// A part titled by us is cited as its document: the popup says so over
/// the copy, which is the document's citation; an item with a title of
/// its own says nothing more.
#[test]
fn cite_as_says_when_the_copy_is_the_documents_citation() {
    use wsis_browser::cite::Style;
    let mut app = App::new(&DATA);
    jump_to(&mut app, "wsis20-igf-permanent");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    let screen = draw(&app, 120, 40).backend().to_string();
    assert!(
        screen.contains("What y or Enter copies: the document's (its title is ours)"),
        "{screen}"
    );
    let document = citation(&DATA, idx("ga-80-173"), Style::Text);
    assert_eq!(citation(&DATA, idx("wsis20-igf-permanent"), Style::Text), document);
    press(&mut app, &[key(KeyCode::Esc)]);
    jump_to(&mut app, "A/RES/80/173");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    let screen = draw(&app, 120, 40).backend().to_string();
    assert!(screen.contains("What y or Enter copies"), "{screen}");
    assert!(!screen.contains("its title is ours"), "{screen}");
}

#[test]
fn cite_as_shows_each_style_and_copies_the_chosen_one() {
    use wsis_browser::cite::Style;
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    assert_eq!(app.cite_choice().map(|c| c.style()), Some(Style::Text));
    press(&mut app, &[key(KeyCode::Down)]);
    let bibtex = citation(&DATA, idx("ga-70-125"), Style::Bibtex);
    let terminal = draw(&app, 120, 40);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Cite A/RES/70/125 as"), "named by its symbol: {screen}");
    assert!(screen.contains("@techreport{ga-70-125,"), "{screen}");
    assert!(screen.contains("number = {A/RES/70/125},"), "{screen}");
    assert_snapshot!(terminal.backend());
    assert!(app.effects.is_empty(), "nothing copied before Enter");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.cite_choice().is_none(), "closed after copying");
    assert_eq!(
        app.effects,
        [Effect::Copy {
            text: bibtex,
            what: "citation",
            multiline: true,
        }]
    );
    // `y` in the chooser copies too; Esc copies nothing; the chosen style
    // is not kept: `y` in the main view still copies the configured one.
    // At 80×24 the CSL-JSON record is taller than the popup: it says so.
    press(&mut app, &[key(KeyCode::Char('c'))]);
    press(&mut app, &[KeyCode::Down; 3].map(key));
    let small = draw(&app, 80, 24).backend().to_string();
    assert!(small.contains(" of ") && small.contains('↓'), "{small}");
    press(&mut app, &[key(KeyCode::Esc)]);
    app.effects.clear();
    let to_csl = [
        KeyCode::Char('c'),
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Char('y'),
    ];
    press(&mut app, &to_csl.map(key));
    assert!(matches!(&app.effects[..], [Effect::Copy { multiline: true, text, .. }] if text.starts_with("[\n")));
    app.effects.clear();
    press(
        &mut app,
        &[key(KeyCode::Char('c')), key(KeyCode::Esc), key(KeyCode::Char('y'))],
    );
    assert_eq!(
        app.effects,
        [Effect::Copy {
            text: citation(&DATA, idx("ga-70-125"), Style::Text),
            what: "citation",
            multiline: false,
        }]
    );
}

/// A citation taller than the popup scrolls with PgDn / PgUp (and Ctrl-d /
/// Ctrl-u), by what the preview shows, never past its end; another style
/// starts at its top.
#[test]
fn cite_as_scrolls_a_record_taller_than_the_popup() {
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    app.size = (80, 24);
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    press(&mut app, &[KeyCode::Down; 3].map(key));
    let top = draw(&app, 80, 24).backend().to_string();
    assert!(top.contains("\"title\": \"Outcome document"), "{top}");
    press(&mut app, &[key(KeyCode::PageDown)]);
    let scrolled = app.cite_choice().expect("open").scroll;
    assert!(scrolled > 0);
    let lower = draw(&app, 80, 24).backend().to_string();
    assert_ne!(top, lower, "PgDn shows another part");
    // To the end: the last line of the record is shown, and more PgDn stay.
    press(&mut app, &[KeyCode::PageDown; 20].map(key));
    let end = app.cite_choice().expect("open").scroll;
    let bottom = draw(&app, 80, 24).backend().to_string();
    assert!(
        bottom.lines().any(|line| line.trim_matches(['"', '│', ' ']) == "]"),
        "{bottom}"
    );
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.cite_choice().expect("open").scroll, end, "never past the end");
    press(&mut app, &[ctrl('u')]);
    assert!(app.cite_choice().expect("open").scroll < end);
    press(&mut app, &[KeyCode::PageUp; 20].map(key));
    assert_eq!(draw(&app, 80, 24).backend().to_string(), top, "back to the top");
    press(&mut app, &[ctrl('d'), key(KeyCode::Up)]);
    assert_eq!(app.cite_choice().expect("open").scroll, 0, "another style from its top");
    // The one-line form fits at 80 columns, its link whole on the screen
    // (a trial saw its last row cut, with no sign of more).
    press(&mut app, &[key(KeyCode::Esc)]);
    jump_to(&mut app, "A/RES/80/173");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    let text = draw(&app, 80, 24).backend().to_string();
    assert!(text.contains("https://undocs.org/en/A/RES/80/173"), "{text}");
}

/// On the smallest screen the popup keeps one row of the citation inside
/// its borders (there was none, while the hint bar offered to scroll it),
/// and PgDn scrolls that row.
#[test]
fn cite_as_on_the_smallest_screen_shows_a_row_of_the_citation_and_scrolls_it() {
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    app.size = (60, 12);
    jump_to(&mut app, "A/RES/70/125");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    press(&mut app, &[KeyCode::Down; 3].map(key));
    let top = draw(&app, 60, 12).backend().to_string();
    // CSL-JSON's first row is "[" alone, inside the preview's border.
    assert!(top.contains("│[ "), "the record's first row shows: {top}");
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert!(app.cite_choice().expect("open").scroll > 0);
    let lower = draw(&app, 60, 12).backend().to_string();
    assert!(!lower.contains("│[ "), "PgDn shows the next row: {lower}");
}

fn click(app: &mut App, column: u16, row: u16) {
    let event = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    press(app, &[event]);
}

fn on_screen(app: &App, text: &str) -> bool {
    let terminal = draw(app, app.size.0, app.size.1);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height).any(|y| {
        let line: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
        line.contains(text)
    })
}

/// Where `text` is drawn on screen.
fn find(app: &App, text: &str) -> (u16, u16) {
    let terminal = draw(app, app.size.0, app.size.1);
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(byte) = line.find(text) {
            return (line[..byte].chars().count() as u16, y);
        }
    }
    panic!("{text} not on screen");
}

#[test]
fn mouse_clicks_hit_what_is_drawn() {
    let mut app = App::new(&DATA);
    // Wide enough for the category pane beside the others.
    app.size = (160, 40);
    let (x, y) = find(&app, "ECOSOC resolutions");
    click(&mut app, x, y);
    assert_eq!(CATEGORIES[app.row.index()].id, "ecosoc");
    assert_eq!(app.focus, Pane::Categories);
    let (x, y) = find(&app, "E/RES/2007/8");
    click(&mut app, x, y);
    assert_eq!(shown(&app), "ecosoc-2007-8");
    assert_eq!(app.focus, Pane::Items);

    // A click on a related item follows it.
    jump_to(&mut app, "E/RES/2006/46");
    let related = app.related();
    let row = related
        .iter()
        .position(|r| r.target == idx("cstd"))
        .expect("2006/46 relates to the CSTD");
    let line = format!(
        "{} {}",
        wsis_browser::app::follow_label(row, related.len()),
        DATA.item(idx("cstd")).label()
    );
    // Scroll group by group until the CSTD's line is on screen.
    while !on_screen(&app, &line) {
        let before = app.detail_scroll;
        press(&mut app, &[key(KeyCode::Char('}'))]);
        assert_ne!(app.detail_scroll, before, "{line} never came into view");
    }
    let (x, y) = find(&app, &line);
    click(&mut app, x + 3, y);
    assert_eq!(shown(&app), "cstd");

    // The wheel scrolls the pane under the pointer, not the focused one.
    let (x, y) = find(&app, "GA resolutions");
    let before = app.row.index();
    assert!(before >= 3, "the CSTD is in a later category");
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
    press(&mut app, &[wheel]);
    assert_eq!(app.focus, Pane::Detail);
    assert_eq!(app.row.index(), before - 3);
}

#[test]
fn no_color_renders_with_modifiers_only() {
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    jump_to(&mut app, "E/RES/2006/46");
    press(&mut app, &[key(KeyCode::Char('j'))]);
    let terminal = draw(&app, 100, 30);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "coloured cell {cell:?}"
        );
    }
    assert_snapshot!(terminal.backend());
    // Selection still shows, by reverse video.
    let reversed = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert!(reversed > 0);
}

#[test]
fn clicks_land_where_drawn_below_a_banner() {
    let mut app = App::new(&DATA);
    app.size = (160, 40);
    app.notices = vec!["skipped bad.ron:1:1: expected `[`; fix: wsis validate bad.ron".into()];
    let (x, y) = find(&app, "ECOSOC resolutions");
    assert!(y >= 2, "the banner sits above the panes");
    click(&mut app, x, y);
    assert_eq!(CATEGORIES[app.row.index()].id, "ecosoc");
    let (x, y) = find(&app, "E/RES/2007/8");
    click(&mut app, x, y);
    assert_eq!(shown(&app), "ecosoc-2007-8");
}

/// A hit whose row already shows the query's words gets no second row
/// that only repeats them through its id ("id: wsis-stocktaking").
#[test]
fn a_hit_named_by_the_query_is_not_explained_by_its_id() {
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "stocktaking");
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let named = rows
        .iter()
        .filter(|row| row.to_lowercase().contains("stocktaking"))
        .count();
    assert!(named >= 3, "hits named by the query are listed:\n{}", rows.join("\n"));
    for pair in rows.windows(2) {
        let repeated = pair[1].contains(" id: ") && pair[0].to_lowercase().contains("stocktaking");
        assert!(!repeated, "an id repeats the row above:\n{}\n{}", pair[0], pair[1]);
    }
}

/// The timeline's position counts items as its title does, not the year
/// headings among them (a trial read "220 dated items" beside "of 247"):
/// at its start, and at its end, where the last item is the last counted.
#[test]
fn the_timeline_counts_items_in_its_title_and_its_position_alike() {
    let mut app = App::new(&DATA);
    app.size = (80, 24);
    press(&mut app, &[key(KeyCode::Char('t'))]);
    let dated = app.timeline().unwrap().rows.len();
    let bottom_border = |app: &App| {
        let terminal = draw(app, 80, 24);
        let buffer = terminal.backend().buffer();
        let text: String = (0..80).map(|x| buffer[(x, 22)].symbol().to_string()).collect();
        (text, terminal)
    };
    let (start, terminal) = bottom_border(&app);
    let screen = terminal.backend().to_string();
    assert!(screen.contains(&format!("Timeline — {dated} dated items")), "{screen}");
    assert!(start.contains(&format!(" of {dated} ↓")), "{start}");
    assert_snapshot!(terminal.backend());
    press(&mut app, &[key(KeyCode::End)]);
    assert_eq!(app.timeline().unwrap().selected, dated - 1);
    let (end, _) = bottom_border(&app);
    assert!(end.contains(&format!("–{dated} of {dated} ↑ end")), "{end}");
}

/// Cite-as on a meeting (a CSTD session): named by its title, dated from
/// its first day to its last, with no author, in the text form and the
/// BibTeX record alike.
#[test]
fn cite_as_a_meeting_gives_its_span_and_no_author() {
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    jump_to(&mut app, "cstd-session-16");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    let text = draw(&app, 120, 40).backend().to_string();
    // The text form wraps in the popup: its first line starts with the
    // title, no author before it.
    let title = "│\"Commission on Science and Technology for Development, sixteenth session\"";
    assert!(text.contains(&format!("{title}, 3–7 June 2013,")), "{text}");
    press(&mut app, &[key(KeyCode::Down)]);
    let terminal = draw(&app, 120, 40);
    let bibtex = terminal.backend().to_string();
    assert!(bibtex.contains("@misc{cstd-session-16,"), "{bibtex}");
    assert!(bibtex.contains("date = {2013-06-03/2013-06-07},"), "{bibtex}");
    assert!(!bibtex.contains("author = "), "{bibtex}");
    assert_snapshot!(terminal.backend());
}

/// Cite-as on a paragraph: the popup shows its document's citation with
/// the paragraph as the locator, as `wsis cite` prints it, in the text
/// form and the BibTeX record alike; never the item's own title.
#[test]
fn cite_as_a_paragraph_gives_its_document_and_the_paragraph() {
    use wsis_browser::cite::Style;
    let mut app = App::new(&DATA);
    app.theme = Theme { color: false };
    jump_to(&mut app, "tunis-agenda-para-105");
    press(&mut app, &[key(KeyCode::Char('c'))]);
    let text = draw(&app, 160, 40).backend().to_string();
    let cited = citation(&DATA, idx("tunis-agenda-para-105"), Style::Text);
    assert!(
        cited.contains(", WSIS-05/TUNIS/DOC/6(Rev.1)-E, para. 105, available from "),
        "{cited}"
    );
    // The popup wraps the text form: its words, in order, are the citation's.
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>().join(" ");
    let popup: String = text
        .lines()
        .map(|line| line.trim_matches(|c| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words(&popup).contains("WSIS-05/TUNIS/DOC/6(Rev.1)-E, para. 105,"),
        "{text}"
    );
    press(&mut app, &[key(KeyCode::Down)]);
    let terminal = draw(&app, 160, 40);
    let bibtex = terminal.backend().to_string();
    assert!(
        bibtex.contains("title = {{Tunis Agenda for the Information Society}},"),
        "{bibtex}"
    );
    assert!(bibtex.contains("note = {Para. 105},"), "{bibtex}");
    assert_snapshot!(terminal.backend());
}

/// An app at 80×24 reading A/RES/70/125 with its second relation group's
/// heading at the top of the detail: the app, the item and the group.
fn at_the_second_group_of_70_125() -> (App<'static>, wsis_browser::data::ItemIdx, usize) {
    use wsis_browser::ui::detail::group_lines;
    let mut app = App::new(&DATA);
    app.update(Action::Resize(80, 24));
    jump_to(&mut app, "A/RES/70/125");
    let item = app.selected_item().expect("an item");
    app.update(Action::NextGroup);
    app.update(Action::NextGroup);
    let group = group_lines(&app, item)
        .iter()
        .position(|&line| line == usize::from(app.detail_scroll))
        .expect("a group's heading at the top");
    assert!(group > 0, "the second group");
    (app, item, group)
}

/// Zooming the detail and back keeps the reader's place in it, as a
/// resize does: the relation group at the top stays at the top (a trial
/// unzoomed at the sources and landed in the key points).
#[test]
fn zooming_the_detail_keeps_the_place_in_it() {
    use wsis_browser::ui::detail::{group_lines, scroll_range};
    let (mut app, item, group) = at_the_second_group_of_70_125();
    for zoomed in [true, false] {
        app.update(Action::ToggleZoom);
        assert_eq!(app.zoomed, zoomed);
        let heading = group_lines(&app, item)[group];
        let last = scroll_range(&app, item) - 1;
        assert_eq!(usize::from(app.detail_scroll), heading.min(last), "zoomed: {zoomed}");
    }
}

/// A resize keeps the reader's place in the detail: the text rewraps, and
/// the relation group whose heading was at the top is at the top again
/// (or as near as the last page allows), at every size in turn; scrolled
/// into the prose above them, the detail stays in the prose.
#[test]
fn a_resize_keeps_the_place_in_the_detail() {
    use wsis_browser::ui::detail::{group_lines, scroll_range};
    let (mut app, item, group) = at_the_second_group_of_70_125();
    for (width, height) in [(120, 40), (100, 30), (80, 24), (200, 60)] {
        app.update(Action::Resize(width, height));
        let heading = group_lines(&app, item)[group];
        let last = scroll_range(&app, item) - 1;
        assert_eq!(usize::from(app.detail_scroll), heading.min(last), "{width}x{height}");
    }
    // A few lines into the prose: still in it after a resize, never past
    // the first group's heading.
    app.update(Action::Resize(80, 24));
    app.detail_scroll = 3;
    app.update(Action::Resize(120, 40));
    let first_group = group_lines(&app, item)[0];
    assert!(usize::from(app.detail_scroll) < first_group, "{}", app.detail_scroll);
}
