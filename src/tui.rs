//! The terminal front end: set-up, the event loop, effects, and teardown.
//! Terminal events and background search results arrive on one channel;
//! each becomes an action for `App::update`, and the effects update asks
//! for are carried out here. The terminal is restored on normal exit, on
//! error and on panic: raw mode off, alternate screen left, mouse capture
//! and bracketed paste off, cursor shown.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;

use crate::app::{Action, App, Effect};
use crate::bookmarks::Bookmarks;
use crate::clipboard::osc52;
use crate::data::Dataset;
use crate::keymap;
use crate::query_history::{self, Prompt, QueryHistory};
use crate::search::SearchIndex;
use crate::search::worker::{Outcome, Worker};
use crate::ui::{self, theme::Theme};

pub struct Options {
    pub theme: Theme,
    pub mouse: bool,
    /// Shown in a banner all session (skipped data files, a bad config).
    pub notices: Vec<String>,
    pub citation_style: crate::cite::Style,
}

pub fn run(data: &Dataset, index: SearchIndex, options: Options) -> io::Result<()> {
    let loaded = Bookmarks::load(crate::bookmarks::default_dir());
    let state_dir = query_history::default_dir();
    let searches = QueryHistory::load(state_dir.as_deref(), Prompt::Search);
    let jumps = QueryHistory::load(state_dir.as_deref(), Prompt::Jump);
    let mut app = App::with_index(data, index)
        .with_bookmarks(loaded.bookmarks)
        .with_query_history(searches.history, jumps.history)
        .with_background_search();
    app.theme = options.theme;
    let warnings: Vec<String> = [loaded.warning, searches.warning, jumps.warning]
        .into_iter()
        .flatten()
        .collect();
    app.status = (!warnings.is_empty()).then(|| warnings.join("; "));
    app.notices = options.notices;
    app.citation_style = options.citation_style;

    let (sender, inbox) = mpsc::channel();
    let worker = spawn_search_worker(&app, sender.clone());
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    spawn_event_reader(sender);
    let result = enable_extras(options.mouse).and_then(|()| event_loop(&mut terminal, &mut app, &worker, &inbox));
    disable_extras();
    ratatui::try_restore()?;
    result
}

/// What reaches the event loop.
enum Message {
    Terminal(Event),
    /// Reading the terminal failed; the loop ends with this error.
    ReadFailed(io::Error),
    Search(Outcome),
}

/// Reads terminal events on a thread of its own, so the loop can wait on
/// one channel for them and for search results alike.
fn spawn_event_reader(sender: Sender<Message>) {
    std::thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Terminal(event),
                Err(e) => Message::ReadFailed(e),
            };
            let failed = matches!(message, Message::ReadFailed(_));
            if sender.send(message).is_err() || failed {
                break;
            }
        }
    });
}

fn spawn_search_worker(app: &App, sender: Sender<Message>) -> Worker {
    Worker::spawn(Arc::clone(&app.index), move |outcome| {
        sender.send(Message::Search(outcome)).is_ok()
    })
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    worker: &Worker,
    inbox: &Receiver<Message>,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    while !app.should_quit {
        terminal.draw(|frame| ui::view(app, frame))?;
        // Lets the terminal-safety test prove the panic path; debug builds only.
        #[cfg(debug_assertions)]
        if std::env::var_os("WSIS_TEST_PANIC").is_some() {
            panic!("test-only panic after the first frame");
        }
        let Ok(first) = inbox.recv() else {
            return Ok(());
        };
        // Everything that is already waiting is handled before the next frame.
        for message in std::iter::once(first).chain(inbox.try_iter()) {
            handle(app, message)?;
            for effect in std::mem::take(&mut app.effects) {
                if let Some(outcome) = perform(app, worker, effect) {
                    app.update(Action::Status(outcome));
                }
            }
        }
    }
    Ok(())
}

fn handle(app: &mut App, message: Message) -> io::Result<()> {
    let action = match message {
        Message::Terminal(event) => keymap::handle_event(app, &event),
        Message::ReadFailed(e) => return Err(e),
        Message::Search(outcome) => Some(Action::SearchResults {
            generation: outcome.generation,
            hits: outcome.hits,
        }),
    };
    if let Some(action) = action {
        app.update(action);
    }
    Ok(())
}

/// Carries out one effect; returns the message for the status line, if any.
fn perform(app: &App, worker: &Worker, effect: Effect) -> Option<String> {
    let message = match effect {
        Effect::SaveBookmarks => match app.bookmarks.save() {
            Ok(()) => app.status.clone().unwrap_or_else(|| "bookmarks saved".into()),
            Err(e) => format!("could not save bookmarks: {e}"),
        },
        // A saved history needs no word; a failure does.
        Effect::SaveQueryHistory(prompt) => match app.query_history(prompt).save() {
            Ok(()) => return None,
            Err(e) => format!("could not save the {}: {e}", prompt.name()),
        },
        Effect::OpenUrl(url) => match open::that_detached(&url) {
            Ok(()) => format!("opened {url}"),
            Err(e) => format!("could not open {url}: {e}"),
        },
        Effect::Search(request) => {
            worker.submit(request.generation, &request.query, request.scope.as_deref());
            return None;
        }
        Effect::Copy { text, what } => {
            let in_tmux = std::env::var_os("TMUX").is_some();
            let mut stdout = io::stdout();
            match stdout
                .write_all(osc52(&text, in_tmux).as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => format!(
                    "copied {what}: {}",
                    crate::text::truncate(&crate::text::sanitize(&text), 60)
                ),
                Err(e) => format!("could not copy: {e}"),
            }
        }
    };
    Some(message)
}

/// Bracketed paste lets a pasted query arrive in one piece.
fn enable_extras(mouse: bool) -> io::Result<()> {
    execute!(io::stdout(), EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// ratatui's restore leaves raw mode and the alternate screen only; what
/// we turned on ourselves we turn off ourselves (turning off what was never
/// on is harmless).
fn disable_extras() {
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    let _ = stdout.flush();
}

/// Runs after ratatui's own hook is installed, so on a panic: our extras
/// off, then ratatui restores the screen, then the message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_extras();
        previous(info);
    }));
}
