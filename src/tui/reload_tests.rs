//! The reload hand-off of the event loop, below the terminal: the browser
//! on a dataset read in place from the cache meets a damaged record, the
//! loader sends the data again, and the loop browses it from where the
//! reader was. The loop runs on a thread of its own over a `TestBackend`
//! the test reads; the test waits for screen states, never for a time.

use std::convert::Infallible;
use std::fs;
use std::io;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Position, Size};

use super::{Loaded, Message, Options, Session, TypedAhead, UserState, Waiting, browse, spawn_load_forwarder};
use crate::bookmarks::Bookmarks;
use crate::data::Dataset;
use crate::query_history::QueryHistory;
use crate::search::SearchIndex;
use crate::search::cache::Key;
use crate::terminal_setup::TerminalSetup;
use crate::ui::theme::Theme;

/// The banner the reloaded data brings, as `main`'s loader's does.
const RELOADED: &str = "reloaded from the data files";

/// The item the reader is on when the damage is met (`--at`, by id: by
/// name it could read every record), and its symbol, as the list shows it.
const ID: &str = "ecosoc-2006-46";
const SYMBOL: &str = "E/RES/2006/46";

/// Frames looked at for a screen before the test gives up on it (the
/// loop draws after each batch of messages).
const MAX_FRAMES: usize = 200;

/// A guard against a loop that is stuck (no reload, say): no frame for
/// this long fails the test rather than hanging it. As the tmux tests'
/// deadline, a guard, not a measure of speed.
const STUCK: Duration = Duration::from_secs(60);

/// A `TestBackend` shared between the loop, which draws on it, and the
/// test, which reads each frame drawn.
#[derive(Clone, Default)]
struct SharedScreen(Arc<(Mutex<Frames>, Condvar)>);

struct Frames {
    backend: TestBackend,
    /// Frames drawn so far (flushed).
    drawn: usize,
    /// The loop's thread has ended: no frame is coming.
    ended: bool,
}

impl Default for Frames {
    fn default() -> Self {
        Frames {
            backend: TestBackend::new(120, 30),
            drawn: 0,
            ended: false,
        }
    }
}

impl SharedScreen {
    fn lock(&self) -> MutexGuard<'_, Frames> {
        self.0.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for the screen `wanted` accepts, looking at each frame drawn.
    fn wait_for(&self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        let mut frames = self.lock();
        for _ in 0..MAX_FRAMES {
            let text = screen_text(&frames.backend);
            if wanted(&text) {
                return text;
            }
            assert!(!frames.ended, "the loop ended before showing {what}:\n{text}");
            let seen = frames.drawn;
            let (next, waited) = self
                .0
                .1
                .wait_timeout_while(frames, STUCK, |frames| frames.drawn == seen && !frames.ended)
                .unwrap_or_else(PoisonError::into_inner);
            frames = next;
            assert!(!waited.timed_out(), "no frame came while waiting for {what}:\n{text}");
        }
        panic!("never showed {what}:\n{}", screen_text(&frames.backend));
    }
}

/// Marks the screen ended when dropped: when the loop's thread ends,
/// returning or panicking.
struct EndsScreen(SharedScreen);

impl Drop for EndsScreen {
    fn drop(&mut self) {
        self.0.lock().ended = true;
        self.0.0.1.notify_all();
    }
}

fn screen_text(backend: &TestBackend) -> String {
    let buffer = backend.buffer();
    let width = usize::from(buffer.area.width).max(1);
    let cells: Vec<&str> = buffer.content.iter().map(Cell::symbol).collect();
    cells.chunks(width).map(|row| row.concat() + "\n").collect()
}

fn io<T>(result: Result<T, Infallible>) -> io::Result<T> {
    result.map_err(|never| match never {})
}

impl Backend for SharedScreen {
    type Error = io::Error;

    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, content: I) -> io::Result<()> {
        io(self.lock().backend.draw(content))
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        io(self.lock().backend.hide_cursor())
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        io(self.lock().backend.show_cursor())
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        io(self.lock().backend.get_cursor_position())
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        io(self.lock().backend.set_cursor_position(position))
    }
    fn clear(&mut self) -> io::Result<()> {
        io(self.lock().backend.clear())
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        io(self.lock().backend.clear_region(clear_type))
    }
    fn size(&self) -> io::Result<Size> {
        io(self.lock().backend.size())
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        io(self.lock().backend.window_size())
    }
    /// The end of a frame: the test is told.
    fn flush(&mut self) -> io::Result<()> {
        let mut frames = self.lock();
        frames.drawn += 1;
        self.0.1.notify_all();
        io(frames.backend.flush())
    }
}

fn press(sender: &Sender<Message>, codes: impl IntoIterator<Item = KeyCode>) {
    for code in codes {
        sender
            .send(Message::Terminal(Event::Key(KeyEvent::from(code))))
            .expect("the loop listens");
    }
}

/// What `main`'s loader does after sending data read in place: waits for a
/// damaged record to be met, then sends the data loaded again.
fn spawn_loader(opened: &Dataset, done: Sender<Loaded>) {
    let (tell, damaged) = mpsc::channel();
    opened.on_damage(tell);
    thread::spawn(move || {
        if damaged.recv().is_ok() {
            let again = Dataset::embedded().expect("embedded data");
            let index = Arc::new(SearchIndex::new(&again));
            let notices = vec![RELOADED.to_string()];
            let _ = done.send(Loaded {
                data: Arc::new(again),
                index,
                notices,
            });
        }
    });
}

/// Browses `loaded` to the end on a thread of its own, over `screen`.
fn spawn_browser(
    screen: SharedScreen,
    loaded: Loaded,
    sender: Sender<Message>,
    inbox: mpsc::Receiver<Message>,
) -> thread::JoinHandle<io::Result<()>> {
    thread::spawn(move || {
        let _ends = EndsScreen(screen.clone());
        let mut terminal = Terminal::new(screen)?;
        let user = UserState {
            bookmarks: Bookmarks::in_memory(),
            searches: QueryHistory::in_memory(),
            jumps: QueryHistory::in_memory(),
            warnings: Vec::new(),
        };
        let options = Options {
            theme: Theme::default(),
            mouse: false,
            notices: Vec::new(),
            citation_style: crate::cite::Style::default(),
            start_at: Some(ID.to_string()),
        };
        let setup = TerminalSetup { mouse: false };
        let input = crate::terminal_input::TerminalInput::default();
        let waiting = Waiting {
            inbox: &inbox,
            setup: &setup,
            input: &input,
        };
        let session = Session {
            user: &user,
            options: &options,
            sender,
            waiting,
        };
        browse(&mut terminal, loaded, TypedAhead::default(), &session)
    })
}

#[test]
fn a_damaged_record_met_while_browsing_reloads_the_data_onto_the_same_item() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = Key::new(&[]).expect("key of the program alone");
    let sound = Dataset::embedded().expect("embedded data");
    crate::dataset_cache::store(dir.path(), &key, &sound).expect("stored");
    let opened = crate::dataset_cache::open(dir.path(), &key).expect("opens in place");
    let (done, loads) = mpsc::channel();
    spawn_loader(&opened, done);
    let index = Arc::new(SearchIndex::new(&sound));
    let loaded = Loaded {
        data: Arc::new(opened),
        index,
        notices: Vec::new(),
    };
    let (sender, inbox) = mpsc::channel();
    spawn_load_forwarder(loads, sender.clone(), true);
    let screen = SharedScreen::default();
    let browser = spawn_browser(screen.clone(), loaded, sender.clone(), inbox);

    let selected = format!("▶ {SYMBOL}");
    screen.wait_for("the item opened (--at)", |text| text.contains(&selected));
    // Another process cuts the file short: the records not read yet are
    // damaged. The jump prompt's completions read every record.
    let stored = fs::read_dir(dir.path())
        .expect("dir")
        .next()
        .expect("one file")
        .expect("entry");
    let len = stored.metadata().expect("stored").len();
    fs::OpenOptions::new()
        .write(true)
        .open(stored.path())
        .expect("opens")
        .set_len(len / 2)
        .expect("cut");
    press(&sender, [KeyCode::Char(':'), KeyCode::Char('w')]);
    screen.wait_for("the data loaded again", |text| text.contains(RELOADED));
    press(&sender, [KeyCode::Esc]);
    let text = screen.wait_for("the jump prompt closed", |text| !text.contains("Jump to an item"));
    assert!(text.contains(&selected), "the same item selected:\n{text}");
    assert!(
        text.contains(&format!("undocs.org/en/{SYMBOL}")),
        "its detail shows:\n{text}"
    );
    press(&sender, [KeyCode::Char('q')]);
    browser.join().expect("no panic").expect("no error");
}
