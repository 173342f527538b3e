//! The preview of the first frame (stored with the dataset cache, drawn
//! while the whole dataset decodes) draws exactly what the full dataset
//! draws, cell for cell, but for the status line saying it is loading; and
//! what is typed meanwhile ends where it would have without a preview.

mod common;

use std::sync::LazyLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use wsis_browser::app::{Action, App, loading_status};
use wsis_browser::bookmarks::Bookmarks;
use wsis_browser::data::Dataset;
use wsis_browser::data::preview::Preview;
use wsis_browser::data::snapshot;
use wsis_browser::tui::{Offer, TypedAhead};

/// A generated set: enough items that the preview holds only part of the
/// first list and of the data.
const SYNTH_ITEMS: usize = 3_000;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

static SYNTH: LazyLock<Dataset> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("synth.ron");
    let mut text = Vec::new();
    common::synth::write(SYNTH_ITEMS, &mut text).expect("in-memory write");
    std::fs::write(&file, text).expect("write");
    Dataset::with_overlays(&[file]).expect("synthetic data loads")
});

fn embedded() -> Dataset {
    Dataset::embedded().expect("embedded data")
}

/// The preview as a warm start reads it: stored, then decoded.
fn stored_preview(data: &Dataset) -> Preview {
    snapshot::decode_preview(&snapshot::encode(data, "key"), "key").expect("a preview is stored")
}

/// Some items bookmarked, one missing from the data: the bookmarks row counts only those that exist.
fn bookmarks(data: &Dataset) -> Bookmarks {
    let mut bookmarks = Bookmarks::in_memory();
    for idx in [0, data.len() / 2, data.len() - 1] {
        bookmarks.toggle(&data.item(idx).id);
    }
    bookmarks.toggle("no-such-item");
    bookmarks
}

fn draw(app: &App, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| wsis_browser::ui::view(app, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect()
}

fn full_app<'a>(data: &'a Dataset, marks: &Bookmarks, (width, height): (u16, u16)) -> App<'a> {
    let mut app = App::new(data).with_bookmarks(marks.clone());
    app.update(Action::Resize(width, height));
    app
}

fn preview_app<'a>(preview: &'a Preview, marks: &Bookmarks, (width, height): (u16, u16)) -> App<'a> {
    let mut app = App::from_preview(preview).with_bookmarks(marks.clone());
    app.update(Action::Resize(width, height));
    app.update(Action::Status(loading_status(preview.total(), 0)));
    app
}

/// Every cell above the hint bar is the same; the hint bar of the preview
/// opens with the loading status.
fn assert_preview_draws_as_full(data: &Dataset, marks: &Bookmarks) {
    let preview = stored_preview(data);
    assert_eq!(preview.total(), data.len());
    for size in SIZES {
        let full = draw(&full_app(data, marks, size), size);
        let shown = draw(&preview_app(&preview, marks, size), size);
        let hint_bar = size.1 - 1;
        for y in 0..hint_bar {
            for x in 0..size.0 {
                assert_eq!(
                    shown[(x, y)],
                    full[(x, y)],
                    "cell {x},{y} at {size:?}: {}",
                    row_text(&shown, y)
                );
            }
        }
        let status = format!(" {} │", loading_status(data.len(), 0));
        assert!(
            row_text(&shown, hint_bar).starts_with(&status),
            "{}",
            row_text(&shown, hint_bar)
        );
        assert!(!row_text(&full, hint_bar).contains("loading"));
    }
}

#[test]
fn the_embedded_preview_draws_the_first_frame_of_the_full_data() {
    let data = embedded();
    assert_preview_draws_as_full(&data, &Bookmarks::in_memory());
    assert_preview_draws_as_full(&data, &bookmarks(&data));
}

#[test]
fn a_generated_preview_draws_the_first_frame_of_the_full_data() {
    let preview = stored_preview(&SYNTH);
    assert!(preview.data.len() < SYNTH.len() / 4, "the preview holds a part only");
    assert_preview_draws_as_full(&SYNTH, &Bookmarks::in_memory());
    assert_preview_draws_as_full(&SYNTH, &bookmarks(&SYNTH));
}

#[test]
fn the_preview_status_line() {
    let data = embedded();
    let preview = stored_preview(&data);
    let mut app = preview_app(&preview, &Bookmarks::in_memory(), (100, 30));
    // A fixed count, so the snapshot does not move as the corpus grows.
    app.update(Action::Status(loading_status(100_000, 3)));
    let shown = draw(&app, (100, 30));
    insta::assert_snapshot!("preview_status_line", row_text(&shown, 29));
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Keys typed while the preview shows are kept, then applied in order to
/// the full dataset's app: it ends where the same keys take it without a preview.
#[test]
fn keys_typed_during_the_preview_are_applied_after_the_load_in_order() {
    let journeys: [&[Event]; 3] = [
        &[key(KeyCode::Char('j')), key(KeyCode::Char('j')), key(KeyCode::Enter)],
        // q after a prompt opened is text, not quitting.
        &[
            key(KeyCode::Char('/')),
            key(KeyCode::Char('q')),
            key(KeyCode::Char('u')),
            key(KeyCode::Enter),
        ],
        &[
            key(KeyCode::Tab),
            key(KeyCode::Char('j')),
            key(KeyCode::Char('G')),
            key(KeyCode::Char('k')),
        ],
    ];
    let data = &*SYNTH;
    for keys in journeys {
        let mut typed = TypedAhead::default();
        for event in keys {
            assert_eq!(typed.offer(event.clone()), Offer::Kept, "{event:?}");
        }
        assert_eq!(typed.keys(), keys.len());
        // As in the browser, searches go to a worker; here it never answers
        // in time (the kept keys come faster than any search), while
        // `direct` searches at once, as a slow typist would see it.
        let mut replayed = full_app(data, &Bookmarks::in_memory(), (120, 40)).with_background_search();
        typed.replay(&mut replayed, |_| {});
        let mut direct = full_app(data, &Bookmarks::in_memory(), (120, 40));
        for event in keys {
            if let Some(action) = wsis_browser::keymap::handle_event(&direct, event) {
                direct.update(action);
            }
        }
        assert_eq!(replayed.location(), direct.location(), "{keys:?}");
        assert_eq!(draw(&replayed, (120, 40)), draw(&direct, (120, 40)), "{keys:?}");
        assert_ne!(
            replayed.location(),
            full_app(data, &Bookmarks::in_memory(), (120, 40)).location()
        );
    }
}

#[test]
fn ctrl_c_and_a_first_q_quit_at_once_and_a_resize_is_not_kept() {
    let mut typed = TypedAhead::default();
    assert_eq!(typed.offer(Event::Resize(90, 30)), Offer::Resize(90, 30));
    assert_eq!(typed.offer(key(KeyCode::Char('q'))), Offer::Quit);
    assert_eq!(typed.offer(key(KeyCode::Esc)), Offer::Kept);
    assert_eq!(
        typed.offer(key(KeyCode::Char('q'))),
        Offer::Kept,
        "q after another key may be text"
    );
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(typed.offer(ctrl_c), Offer::Quit);
    assert_eq!(typed.keys(), 2);
}
