//! The terminal front end: set-up, the event loop and teardown. The
//! terminal is restored on normal exit, on error and on panic.

use std::io::{self, Write};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use crate::app::{Action, App};
use crate::data::Dataset;
use crate::keymap;
use crate::ui::{self, theme::Theme};

pub fn run(data: &Dataset, theme: Theme) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    let result = enable_extras().and_then(|()| event_loop(&mut terminal, data, theme));
    disable_extras();
    ratatui::try_restore()?;
    result
}

fn event_loop(terminal: &mut DefaultTerminal, data: &Dataset, theme: Theme) -> io::Result<()> {
    let mut app = App::new(data).with_background_search();
    app.theme = theme;
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    while !app.should_quit {
        terminal.draw(|frame| ui::view(&app, frame))?;
        // While results are on their way, wake up to show them.
        let pending = app.search.as_ref().is_some_and(|s| s.pending);
        if pending && !event::poll(Duration::from_millis(15))? {
            app.update(Action::SearchPoll);
            continue;
        }
        let event = event::read()?;
        if let Some(action) = keymap::handle_event(&app, &event) {
            app.update(action);
        }
    }
    Ok(())
}

/// Bracketed paste lets a pasted query arrive in one piece.
fn enable_extras() -> io::Result<()> {
    execute!(io::stdout(), EnableBracketedPaste)
}

/// ratatui's restore leaves raw mode and the alternate screen only; what
/// we turned on ourselves we turn off ourselves.
fn disable_extras() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableBracketedPaste, ratatui::crossterm::cursor::Show);
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
