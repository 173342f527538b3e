//! The terminal front end: set-up, the event loop, effects, and teardown.
//! The terminal is restored on normal exit, on error and on panic: raw mode
//! off, alternate screen left, mouse capture and bracketed paste off,
//! cursor shown.

use std::io::{self, Write};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::app::{Action, App, Effect};
use crate::bookmarks::Bookmarks;
use crate::clipboard::osc52;
use crate::data::Dataset;
use crate::keymap;
use crate::search::SearchIndex;
use crate::ui::{self, theme::Theme};

pub struct Options {
    pub theme: Theme,
    pub mouse: bool,
}

pub fn run(data: &Dataset, index: SearchIndex, options: Options) -> io::Result<()> {
    let loaded = Bookmarks::load(crate::bookmarks::default_dir());
    let mut app = App::with_index(data, index)
        .with_bookmarks(loaded.bookmarks)
        .with_background_search();
    app.theme = options.theme;
    app.status = loaded.warning;

    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    let result = enable_extras(options.mouse).and_then(|()| event_loop(&mut terminal, &mut app));
    disable_extras();
    ratatui::try_restore()?;
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    while !app.should_quit {
        terminal.draw(|frame| ui::view(app, frame))?;
        // Lets the terminal-safety test prove the panic path; debug builds only.
        #[cfg(debug_assertions)]
        if std::env::var_os("WSIS_TEST_PANIC").is_some() {
            panic!("test-only panic after the first frame");
        }
        // While results are on their way, wake up to show them.
        let pending = app.search.as_ref().is_some_and(|s| s.pending);
        if pending && !event::poll(Duration::from_millis(15))? {
            app.update(Action::SearchPoll);
            continue;
        }
        let event = event::read()?;
        if let Some(action) = keymap::handle_event(app, &event) {
            app.update(action);
        }
        for effect in std::mem::take(&mut app.effects) {
            let outcome = perform(app, effect);
            app.update(Action::Status(outcome));
        }
    }
    Ok(())
}

/// Carries out one effect; returns the message for the status line.
fn perform(app: &mut App, effect: Effect) -> String {
    match effect {
        Effect::SaveBookmarks => match app.bookmarks.save() {
            Ok(()) => app.status.clone().unwrap_or_else(|| "bookmarks saved".into()),
            Err(e) => format!("could not save bookmarks: {e}"),
        },
        Effect::OpenUrl(url) => match open::that_detached(&url) {
            Ok(()) => format!("opened {url}"),
            Err(e) => format!("could not open {url}: {e}"),
        },
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
    }
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
