//! The terminal front end: set-up, the event loop, effects, and teardown.
//! Terminal events and background search results arrive on one channel;
//! each becomes an action for `App::update`, and the effects update asks
//! for are carried out here. The terminal is restored on normal exit, on
//! error, on panic and on a fatal signal: raw mode off, alternate screen
//! left, mouse capture and bracketed paste off, cursor shown. Ctrl-Z and
//! SIGTSTP suspend, and a resume redraws (see `signals`).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::{DefaultTerminal, Terminal};

use crate::app::{Action, App, Effect, Place, loading_status};
use crate::bookmarks::Bookmarks;
use crate::clipboard::{self, osc52};
use crate::data::candidates::candidates;
use crate::data::preview::Preview;
use crate::data::progress::{Progress, Stage};
use crate::data::{Dataset, Resolved};
use crate::keymap;
use crate::query_history::{self, Prompt, QueryHistory};
use crate::search::SearchIndex;
use crate::search::worker::{Outcome, Worker};
use crate::signals::{self, SignalEvent};
use crate::terminal_input::TerminalInput;
use crate::terminal_setup::{TerminalSetup, disable_extras};
use crate::ui::{self, theme::Theme};
use crate::web_browser;

#[cfg(test)]
mod reload_tests;
mod typed_ahead;
pub use typed_ahead::{Offer, TypedAhead};

pub struct Options {
    pub theme: Theme,
    pub mouse: bool,
    /// Shown in a banner all session (skipped data files, a bad config).
    pub notices: Vec<String>,
    pub citation_style: crate::cite::Style,
    /// The name of the item to open first (`--at`).
    pub start_at: Option<String>,
}

/// A load running on another thread: its counters, and its result once done.
pub struct Loading {
    pub progress: Arc<Progress>,
    pub done: Receiver<Loaded>,
    /// The stored preview of the first frame, when the cache has a sound
    /// one: drawn at once while `done` is awaited.
    pub preview: Option<Preview>,
}

/// What the browser opens with.
pub struct Loaded {
    /// Shared with the loader, which may still be checking it (see `main`).
    pub data: Arc<Dataset>,
    pub index: Arc<SearchIndex>,
    /// Shown in the banner before the options' own (skipped data files).
    pub notices: Vec<String>,
}

/// A load that ends within this opens straight onto the data; a slower one
/// gets the loading screen at once, so the terminal is never blank.
const LOADING_SCREEN_AFTER: Duration = Duration::from_millis(100);

/// How often the loading screen is redrawn (its counts and clock).
const LOADING_REDRAW: Duration = Duration::from_millis(100);

pub fn run(mut loading: Loading, options: Options) -> io::Result<()> {
    // A terminal taller than the preview's list would show its end.
    let preview = loading
        .preview
        .take()
        .filter(|p| ratatui::crossterm::terminal::size().is_ok_and(|(_, rows)| p.fits(rows)));
    // With a preview there is no reason to wait: it is the first frame.
    let quick = match preview {
        Some(_) => loading.done.try_recv().ok(),
        None => loading.done.recv_timeout(LOADING_SCREEN_AFTER).ok(),
    };
    let (sender, inbox) = mpsc::channel();
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    let setup = TerminalSetup { mouse: options.mouse };
    let input = Arc::new(TerminalInput::default());
    let signals_to = sender.clone();
    let lent = Arc::clone(&input);
    let _signals = signals::forward(move |signal| {
        lent.keys_were_lent() && signals::handled_while_lent(signal) || signals_to.send(Message::Signal(signal)).is_ok()
    });
    spawn_event_reader(sender.clone(), Arc::clone(&input));
    let result = setup.enable_extras().and_then(|()| {
        let user = UserState::load();
        let waiting = Waiting {
            inbox: &inbox,
            setup: &setup,
            input: &input,
        };
        let waited = match (quick, &preview) {
            (Some(loaded), _) => {
                // A reload may follow (see `browse`).
                spawn_load_forwarder(loading.done, sender.clone(), true);
                Some((loaded, TypedAhead::default()))
            }
            (None, Some(preview)) => {
                spawn_load_forwarder(loading.done, sender.clone(), false);
                preview_until_loaded(&mut terminal, preview, &user, &options, waiting)?
            }
            (None, _) => wait_for_data(&mut terminal, loading, &sender, &inbox, &setup)?
                .map(|loaded| (loaded, TypedAhead::default())),
        };
        let session = Session {
            user: &user,
            options: &options,
            sender,
            waiting,
        };
        match waited {
            Some((loaded, typed)) => browse(&mut terminal, loaded, typed, &session),
            None => Ok(()),
        }
    });
    disable_extras();
    ratatui::try_restore()?;
    result
}

/// What the user brings to every session: bookmarks and earlier queries,
/// and any trouble reading them.
struct UserState {
    bookmarks: Bookmarks,
    searches: QueryHistory,
    jumps: QueryHistory,
    warnings: Vec<String>,
}

impl UserState {
    fn load() -> UserState {
        let bookmarks = Bookmarks::load(crate::bookmarks::default_dir());
        let state_dir = query_history::default_dir();
        let searches = QueryHistory::load(state_dir.as_deref(), Prompt::Search);
        let jumps = QueryHistory::load(state_dir.as_deref(), Prompt::Jump);
        let warnings = [bookmarks.warning, searches.warning, jumps.warning]
            .into_iter()
            .flatten()
            .collect();
        UserState {
            bookmarks: bookmarks.bookmarks,
            searches: searches.history,
            jumps: jumps.history,
            warnings,
        }
    }

    /// `app` with the user's state and the start-up settings: the same for
    /// the preview and for the full dataset, so both draw alike.
    fn furnish<'a>(&self, app: App<'a>, notices: Vec<String>, options: &Options) -> App<'a> {
        app.with_bookmarks(self.bookmarks.clone())
            .with_query_history(self.searches.clone(), self.jumps.clone())
            .with_settings(options.theme, notices, options.citation_style)
    }
}

/// Browses `loaded` until the user quits, or until the loader sends the
/// data again (the dataset cache turned out damaged once checked whole, or
/// its stored index did not match: see `main`'s `load_in_background`),
/// which is then browsed from where the user was (see [`crate::app::Place`]).
fn browse<B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
    mut loaded: Loaded,
    typed: TypedAhead,
    session: &Session,
) -> io::Result<()> {
    let mut start = Start { typed, place: None };
    loop {
        match browse_once(terminal, loaded, start, session)? {
            Some((reloaded, left)) => {
                loaded = reloaded;
                // The bookmarks and query histories come with the place,
                // as the app held them (unsaved ones too): the files are
                // not read again.
                start = Start {
                    typed: TypedAhead::default(),
                    place: Some(left),
                };
            }
            None => return Ok(()),
        }
    }
}

/// What stays the same over every dataset a session browses: the user's
/// state and options as read at start-up, and the one channel.
struct Session<'s> {
    user: &'s UserState,
    options: &'s Options,
    /// For the search worker of each dataset's app.
    sender: Sender<Message>,
    waiting: Waiting<'s>,
}

/// Where one dataset's browsing starts.
struct Start {
    /// Keys typed while the preview showed, applied once the data is there.
    typed: TypedAhead,
    /// Where the reader was on the data before a reload.
    place: Option<Place>,
}

/// One dataset's browsing: from `start.place` on reloaded data, else from
/// the start (`--at`). Ends with the data sent again and where the user was.
fn browse_once<B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
    loaded: Loaded,
    Start { typed, place }: Start,
    session: &Session,
) -> io::Result<Option<(Loaded, Place)>> {
    let Session {
        user,
        options,
        ref sender,
        waiting,
    } = *session;
    let Loaded { data, index, notices } = loaded;
    let mut notices = notices;
    notices.extend(options.notices.iter().cloned());
    let app = App::with_shared_index(&data, index).with_background_search();
    let mut app = user.furnish(app, notices, options);
    // Start-up warnings (a history file unread, say) belong to the start,
    // not to each reload.
    if place.is_none() && !user.warnings.is_empty() {
        app.update(Action::Status(user.warnings.join("; ")));
    }
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    match (place, &options.start_at) {
        // After the size: the detail's scroll is kept within its text as drawn.
        (Some(place), _) => app.update(Action::Resume(Box::new(place))),
        (None, Some(name)) => {
            for action in start_at(&data, name) {
                app.update(action);
            }
        }
        (None, None) => {}
    }
    let worker = spawn_search_worker(&app, sender.clone());
    let front = FrontEnd {
        worker: &worker,
        setup: waiting.setup,
        input: waiting.input,
    };
    // The kept search of a resumed place goes to the worker.
    perform_all(&mut app, &front);
    typed.replay(&mut app, |app| perform_all(app, &front));
    crate::data::trace::mark("browser built, kept keys applied");
    event_loop(terminal, &mut app, &front, waiting.inbox)
}

/// What `--at NAME` does once the data is there: open the item; a name of
/// no item or of several opens the jump prompt holding it, so the reader
/// picks among the items it offers (none is picked for them); with none
/// offered, the status line says why (the browser still opens).
pub fn start_at(data: &Dataset, name: &str) -> Vec<Action> {
    if name.trim().is_empty() {
        return vec![Action::Status(format!("--at: {}", crate::cli::EMPTY_NAME))];
    }
    let shown = crate::text::sanitize(name);
    let why = match data.resolve(name) {
        Resolved::One(idx) => return vec![Action::StartAt(idx)],
        Resolved::None => format!("--at: no item is called \"{shown}\""),
        Resolved::Ambiguous(found) => format!("--at: \"{shown}\" names {} items", found.len()),
    };
    if candidates(data, name, 1).is_empty() {
        // A symbol one slip away is named, not opened: a guessed document
        // is worse than none.
        let hint = crate::data::candidates::slips_named(data, name).unwrap_or_else(|| "/ searches".into());
        return vec![Action::Status(format!("{why}; {hint}"))];
    }
    vec![
        Action::StartJump,
        Action::Paste(name.to_owned()),
        Action::Status(format!("{why}; pick one, or Esc")),
    ]
}

/// Where the loop waits: the one channel, and the terminal modes to
/// restore on a signal.
#[derive(Clone, Copy)]
struct Waiting<'w> {
    inbox: &'w Receiver<Message>,
    setup: &'w TerminalSetup,
    input: &'w TerminalInput,
}

/// What carries out the app's effects: the search worker, and the
/// terminal to lend to a browser from `$BROWSER`.
struct FrontEnd<'f> {
    worker: &'f Worker,
    setup: &'f TerminalSetup,
    input: &'f TerminalInput,
}

/// Draws the preview at once and keeps it on screen, the status line
/// saying it is loading, until the full dataset arrives (`Some`, with what
/// was typed meanwhile) or the user quits (`None`).
fn preview_until_loaded(
    terminal: &mut DefaultTerminal,
    preview: &Preview,
    user: &UserState,
    options: &Options,
    waiting: Waiting,
) -> io::Result<Option<(Loaded, TypedAhead)>> {
    let mut app = user.furnish(App::from_preview(preview), options.notices.clone(), options);
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut typed = TypedAhead::default();
    loop {
        app.update(Action::Status(loading_status(preview.total(), typed.keys())));
        terminal.draw(|frame| ui::view(&app, frame))?;
        let Ok(first) = waiting.inbox.recv() else {
            return Ok(None);
        };
        for message in std::iter::once(first).chain(waiting.inbox.try_iter()) {
            if let Some(signal) = signal_in(&message) {
                on_signal(terminal, waiting.setup, signal)?;
                continue;
            }
            match message {
                Message::Loaded(loaded) => return Ok(Some((*loaded, typed))),
                Message::ReadFailed(e) => return Err(e),
                Message::Terminal(event) => match typed.offer(event) {
                    Offer::Quit => return Ok(None),
                    Offer::Resize(width, height) => app.update(Action::Resize(width, height)),
                    Offer::Kept => {}
                },
                Message::Search(_) | Message::Signal(_) | Message::LoadProgress => {}
            }
        }
    }
}

/// Shows the loading screen until the data arrives (`Some`) or the user
/// quits (`None`). Keys other than quitting are not kept for later.
fn wait_for_data(
    terminal: &mut DefaultTerminal,
    loading: Loading,
    sender: &Sender<Message>,
    inbox: &Receiver<Message>,
    setup: &TerminalSetup,
) -> io::Result<Option<Loaded>> {
    let start = Instant::now();
    spawn_load_forwarder(loading.done, sender.clone(), false);
    spawn_ticker(sender.clone(), Arc::clone(&loading.progress));
    loop {
        terminal.draw(|frame| ui::loading::view(&loading.progress.seen(), start.elapsed(), frame))?;
        let Ok(first) = inbox.recv() else {
            return Ok(None);
        };
        for message in std::iter::once(first).chain(inbox.try_iter()) {
            if let Some(signal) = signal_in(&message) {
                on_signal(terminal, setup, signal)?;
                continue;
            }
            match message {
                Message::Loaded(loaded) => return Ok(Some(*loaded)),
                Message::ReadFailed(e) => return Err(e),
                Message::Terminal(event) if is_quit_key(&event) => return Ok(None),
                _ => {}
            }
        }
    }
}

/// q, Esc or Ctrl-C: leave while loading.
fn is_quit_key(event: &Event) -> bool {
    let Event::Key(key) = event else { return false };
    key.kind != KeyEventKind::Release
        && match key.code {
            KeyCode::Char('q') | KeyCode::Esc => true,
            KeyCode::Char('c') => key.modifiers.contains(KeyModifiers::CONTROL),
            _ => false,
        }
}

/// Passes the loader's results on to the event loop's channel: the data,
/// and again if it is reloaded. A loader gone before the data came is
/// reported (a bug: the session ends rather than waits); one gone after
/// (`forwarded`: the data was taken from `done` already), that has nothing
/// more to send, is not.
fn spawn_load_forwarder(done: Receiver<Loaded>, sender: Sender<Message>, mut forwarded: bool) {
    std::thread::spawn(move || {
        loop {
            let message = match done.recv() {
                Ok(loaded) => Message::Loaded(Box::new(loaded)),
                Err(_) if forwarded => return,
                Err(_) => Message::ReadFailed(io::Error::other("loading the data failed")),
            };
            forwarded = true;
            if sender.send(message).is_err() {
                return;
            }
        }
    });
}

/// Wakes the loading screen to redraw its counts, until the load is done
/// or the loop has ended.
fn spawn_ticker(sender: Sender<Message>, progress: Arc<Progress>) {
    std::thread::spawn(move || {
        while progress.seen().stage != Stage::Done && sender.send(Message::LoadProgress).is_ok() {
            std::thread::sleep(LOADING_REDRAW);
        }
    });
}

/// What reaches the event loop.
enum Message {
    Terminal(Event),
    /// Reading the terminal failed; the loop ends with this error.
    ReadFailed(io::Error),
    Search(Outcome),
    Signal(SignalEvent),
    /// The loader has counted more: redraw the loading screen.
    LoadProgress,
    Loaded(Box<Loaded>),
}

/// Reads terminal events on a thread of its own, so the loop can wait on
/// one channel for them and for search results alike.
fn spawn_event_reader(sender: Sender<Message>, input: Arc<TerminalInput>) {
    std::thread::spawn(move || {
        loop {
            let message = match input.read() {
                Ok(Some(event)) => Message::Terminal(event),
                Ok(None) => continue,
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
    Worker::spawn(Arc::clone(&app.index), app.session, move |outcome| {
        sender.send(Message::Search(outcome)).is_ok()
    })
}

/// Runs `app` until it quits (`None`) or the data arrives again (`Some`,
/// with where the user was).
fn event_loop<B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    front: &FrontEnd,
    inbox: &Receiver<Message>,
) -> io::Result<Option<(Loaded, Place)>> {
    while !app.should_quit {
        if front.input.take_redraw() {
            redraw_all(terminal)?;
        }
        terminal.draw(|frame| ui::view(app, frame))?;
        // Lets the terminal-safety test prove the panic path; debug builds only.
        #[cfg(debug_assertions)]
        if std::env::var_os("WSIS_TEST_PANIC").is_some() {
            panic!("test-only panic after the first frame");
        }
        let Ok(first) = inbox.recv() else {
            return Ok(None);
        };
        // Everything that is already waiting is handled before the next frame.
        for message in std::iter::once(first).chain(inbox.try_iter()) {
            if let Some(signal) = signal_in(&message) {
                on_signal(terminal, front.setup, signal)?;
                continue;
            }
            if let Message::Loaded(reloaded) = message {
                return Ok(Some((*reloaded, app.place())));
            }
            handle(app, message)?;
            perform_all(app, front);
        }
    }
    Ok(None)
}

/// A signal, or the key that stands for one (Ctrl-Z, since raw mode turns
/// it into a key instead of SIGTSTP).
fn signal_in(message: &Message) -> Option<SignalEvent> {
    match message {
        Message::Signal(signal) => Some(*signal),
        Message::Terminal(event) if signals::is_suspend_key(event) => Some(SignalEvent::Suspend),
        _ => None,
    }
}

fn on_signal<B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
    setup: &TerminalSetup,
    signal: SignalEvent,
) -> io::Result<()> {
    match signal {
        SignalEvent::Terminate(number) => signals::terminate(setup, number),
        SignalEvent::Suspend => signals::suspend_and_resume(setup)?,
        SignalEvent::Resume => setup.enter()?,
    }
    redraw_all(terminal)
}

/// The shell (or a program lent the terminal) drew over the screen: clear
/// it and have the next frame redraw every cell. (`Terminal::clear` would
/// ask the terminal for the cursor position, whose answer the event
/// reader thread takes.)
fn redraw_all<B: Backend<Error = io::Error>>(terminal: &mut Terminal<B>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

fn handle(app: &mut App, message: Message) -> io::Result<()> {
    let action = match message {
        Message::Terminal(event) => keymap::handle_event(app, &event),
        Message::ReadFailed(e) => return Err(e),
        Message::Signal(_) | Message::LoadProgress | Message::Loaded(_) => None,
        Message::Search(outcome) => Some(Action::SearchResults {
            session: outcome.session,
            generation: outcome.generation,
            hits: outcome.hits,
        }),
    };
    if let Some(action) = action {
        app.update(action);
    }
    Ok(())
}

/// Carries out every effect waiting, and tells `update` what each did.
fn perform_all(app: &mut App, front: &FrontEnd) {
    for effect in std::mem::take(&mut app.effects) {
        for outcome in perform(app, front, effect) {
            app.update(outcome);
        }
    }
}

/// Carries out one effect; returns what it did, for `update`.
fn perform(app: &App, front: &FrontEnd, effect: Effect) -> Vec<Action> {
    let message = match effect {
        Effect::SaveBookmarks(mut bookmarks) => match bookmarks.save() {
            Ok(()) => {
                let status = app.status.clone().unwrap_or_else(|| "bookmarks saved".into());
                return vec![Action::BookmarksSaved(bookmarks.ids), Action::Status(status)];
            }
            Err(e) => format!("could not save bookmarks: {e}"),
        },
        // A saved history needs no word; a failure does.
        Effect::SaveQueryHistory(prompt) => match app.query_history(prompt).save() {
            Ok(()) => return Vec::new(),
            Err(e) => format!("could not save the {}: {e}", prompt.name()),
        },
        Effect::OpenUrl(url) => open_link(front, &url),
        Effect::Search(request) => {
            front
                .worker
                .submit(request.generation, &request.query, request.scope.as_deref());
            return Vec::new();
        }
        Effect::Copy { text, what, multiline } => {
            let in_tmux = std::env::var_os("TMUX").is_some();
            let mut stdout = io::stdout();
            let sent = stdout
                .write_all(osc52(&text, in_tmux, multiline).as_bytes())
                .and_then(|()| stdout.flush());
            let in_buffer = in_tmux && clipboard::tmux_load_buffer(&clipboard::payload(&text, multiline)).is_ok();
            // A record of many lines squashed on the status line reads as
            // garbage: say what it is instead.
            let shown = match multiline {
                true => format!("a record of {} lines", clipboard::payload(&text, true).lines().count()),
                false => crate::text::truncate(&crate::text::sanitize(&text), 60),
            };
            match (sent, in_buffer) {
                (_, true) => format!("copied {what} (and to tmux's paste buffer): {shown}"),
                (Ok(()), false) => format!("copied {what}: {shown}"),
                (Err(e), false) => format!("could not copy: {e}"),
            }
        }
    };
    vec![Action::Status(message)]
}

/// Opens `url` in the browser `$BROWSER` names, lending it the terminal
/// (it may be a terminal browser such as w3m) until it ends; else with the
/// system's program for links, which returns at once. Says what happened.
fn open_link(front: &FrontEnd, url: &str) -> String {
    let opened = match web_browser::browsers_named() {
        Some(browsers) => front
            .input
            .lend(front.setup, || web_browser::open_with(&browsers, url))
            .unwrap_or_else(|e| Err(format!("the terminal did not come back: {e}"))),
        None => web_browser::open(url).map_err(str::to_string),
    };
    match opened {
        Ok(()) => format!("opened {url}"),
        // What to do comes first: a long reason is cut at the screen's edge.
        Err(why) => format!("could not open the link (Y copies it): {why}"),
    }
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
