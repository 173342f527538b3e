#![allow(dead_code)]

pub mod tmux;

#[path = "../../examples/synth.rs"]
pub mod synth;

use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use wsis_browser::app::App;
use wsis_browser::data::{Dataset, ItemIdx};
use wsis_browser::keymap::handle_event;
use wsis_browser::ui::view;

/// The embedded dataset, parsed once for all tests of a binary.
pub static DATA: LazyLock<Dataset> = LazyLock::new(|| match Dataset::embedded() {
    Ok(data) => data,
    Err(problems) => panic!(
        "embedded data has problems:\n{}",
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    ),
});

pub fn idx(id: &str) -> ItemIdx {
    DATA.by_id(id).unwrap_or_else(|| panic!("no item {id}"))
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Feeds events through the keymap and update, as the real loop does.
pub fn press(app: &mut App, events: &[Event]) {
    for event in events {
        if let Some(action) = handle_event(app, event) {
            app.update(action);
        }
    }
}

pub fn type_text(app: &mut App, text: &str) {
    let events: Vec<Event> = text.chars().map(|c| key(KeyCode::Char(c))).collect();
    press(app, &events);
}

/// The id of the item the detail pane shows.
pub fn shown(app: &App) -> &'static str {
    let idx = app.selected_item().expect("an item is selected");
    &DATA.item(idx).id
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view(app, frame)).unwrap();
    terminal
}

/// A dataset of `text` alone, a RON list of items, which must load.
pub fn dataset_from(text: &str) -> Dataset {
    let file = wsis_browser::data::SourceFile {
        name: "t.ron".into(),
        text: text.into(),
        embedded: false,
    };
    Dataset::from_files(&[file]).expect("the test data loads")
}

/// Runs the real binary; the user's own data directory must not change
/// what the tests see, and its search index cache lives under `target/`.
pub fn wsis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsis"))
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"))
        .arg("--no-user-data")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

/// How far back a written data file is dated: a file changed a moment ago
/// is not cached (it could still change within the same modification time).
pub const SETTLED: std::time::Duration = std::time::Duration::from_secs(60);

/// Writes `text` to `path`, dated [`SETTLED`] ago so its load may be cached.
/// A data home of its own holding the browser's `bookmarks.json`, for the
/// commands that read it (`--bookmarks`).
pub struct BookmarksHome {
    home: tempfile::TempDir,
    /// Where the bookmarks are kept in it.
    pub file: std::path::PathBuf,
}

impl BookmarksHome {
    pub fn new() -> BookmarksHome {
        let home = tempfile::tempdir().expect("a temporary directory");
        let dir = home.path().join("wsis-browser");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bookmarks.json");
        BookmarksHome { home, file }
    }

    /// `wsis` with `args`, reading this home's bookmarks.
    pub fn wsis(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_wsis"))
            .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"))
            .env("XDG_DATA_HOME", self.home.path())
            .arg("--no-user-data")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    }
}

pub fn write_settled(path: &std::path::Path, text: &[u8]) {
    std::fs::write(path, text).expect("write data");
    let file = std::fs::File::options().write(true).open(path).expect("open");
    file.set_modified(std::time::SystemTime::now() - SETTLED)
        .expect("set mtime");
}

/// `items` generated items (examples/synth) in `dir/synth.ron`, settled.
pub fn settled_synth_file(dir: &std::path::Path, items: usize) -> std::path::PathBuf {
    let file = dir.join("synth.ron");
    let mut text = Vec::new();
    synth::write(items, &mut text).expect("in-memory write");
    write_settled(&file, &text);
    file
}
