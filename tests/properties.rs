//! Random key sequences and resizes never panic and keep the invariants;
//! History behaves like a simple reference model.

mod common;

use common::{DATA, draw};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use wsis_browser::app::{App, History, Location, Pane, Row, Scope};
use wsis_browser::data::CATEGORIES;
use wsis_browser::keymap::handle_event;

fn key_strategy() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::F(1)),
        Just(KeyCode::Delete),
        prop::sample::select(vec![
            'j', 'k', 'h', 'l', 'g', 'G', '/', '?', '[', ']', 'x', '7', '/', 'é', 'f', '0', '1', '2', '{', '}', 't',
            'p', 'P', 's', ':', 'O', 'c', 'z', 'm', 'y'
        ])
        .prop_map(KeyCode::Char),
        any::<char>().prop_map(KeyCode::Char),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
    ];
    // Quitting would end the journey early, so Ctrl comes only with the
    // letters of the line editor and recall (never Ctrl-C).
    let plain = (code, modifiers).prop_map(|(code, modifiers)| Event::Key(KeyEvent::new(code, modifiers)));
    let with_ctrl = prop::sample::select(vec!['a', 'b', 'd', 'e', 'f', 'j', 'k', 'n', 'p', 'u', 'w'])
        .prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    let with_alt = prop::sample::select(vec!['b', 'f'])
        .prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)));
    let key = prop_oneof![8 => plain, 2 => with_ctrl, 1 => with_alt];
    let mouse_kind = prop_oneof![
        Just(MouseEventKind::Down(MouseButton::Left)),
        Just(MouseEventKind::ScrollUp),
        Just(MouseEventKind::ScrollDown),
        Just(MouseEventKind::Moved),
    ];
    let mouse = (mouse_kind, 0u16..260, 0u16..90).prop_map(|(kind, column, row)| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    });
    prop_oneof![
        10 => key,
        2 => mouse,
        1 => (1u16..=250, 1u16..=80).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => "[a-z0-9/ ]{0,12}".prop_map(Event::Paste),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_keys_never_panic_and_keep_invariants(events in prop::collection::vec(key_strategy(), 0..60)) {
        let mut app = App::new(&DATA);
        let mut size = (120, 40);
        for (step, event) in events.iter().enumerate() {
            if let Event::Resize(w, h) = event {
                size = (*w, *h);
            }
            if let Some(action) = handle_event(&app, event) {
                app.update(action);
            }
            if let Err(broken) = app.check_invariants() {
                prop_assert!(false, "after {event:?}: {broken}");
            }
            // Search results always answer the query as it stands.
            if let Some(search) = app.search() {
                let scope = match search.scope {
                    Scope::Category(cat) => Some(DATA.category_items(cat)),
                    Scope::Bookmarks => Some(app.items_of(Row::Bookmarks)),
                    Scope::All => None,
                };
                // Those of the query with fewer words only when none
                // holds every word of the query as typed.
                if search.hits.fewer_words().is_some() {
                    prop_assert!(app.index.search(&search.query, scope).is_empty());
                }
                let expected: Vec<_> = app.index.search(search.searched(), scope).iter().map(|h| h.item).collect();
                let shown: Vec<_> = search.hits.iter().map(|h| h.item).collect();
                prop_assert_eq!(shown, expected, "hits for {:?}", search.query);
            }
            // Sorting reorders a category's items, never adds or drops one.
            for cat in 0..CATEGORIES.len() {
                let mut listed = app.items_of(Row::Category(cat)).to_vec();
                let mut in_data = DATA.category_items(cat).to_vec();
                listed.sort_unstable();
                in_data.sort_unstable();
                prop_assert_eq!(listed, in_data, "items of category {}", cat);
            }
            if step % 6 == 0 {
                draw(&app, size.0, size.1);
            }
        }
        draw(&app, size.0, size.1);
    }

    #[test]
    fn history_matches_a_reference_model(steps in prop::collection::vec(0u8..3, 0..80)) {
        let mut history = History::default();
        // The model: a list of places and the index of the current one.
        let mut places: Vec<usize> = vec![0];
        let mut at = 0;
        let mut current = 0usize;
        let mut next_place = 1;
        let loc = |item: usize| Location { row: Row::Category(0), item: Some(item), focus: Pane::Items, link_row: None, detail_scroll: 0 };
        for step in steps {
            match step {
                0 => {
                    history.visit(loc(current), loc(next_place));
                    places.truncate(at + 1);
                    places.push(next_place);
                    at += 1;
                    current = next_place;
                    next_place += 1;
                }
                1 => {
                    let moved = history.back(loc(current));
                    prop_assert_eq!(moved.is_some(), at > 0);
                    if let Some(to) = moved { at -= 1; current = to.item.unwrap(); }
                }
                _ => {
                    let moved = history.forward(loc(current));
                    prop_assert_eq!(moved.is_some(), at + 1 < places.len());
                    if let Some(to) = moved { at += 1; current = to.item.unwrap(); }
                }
            }
            prop_assert_eq!(current, places[at]);
        }
    }
}
