//! The terminal modes the browser runs in, entered and left as one: raw
//! mode, the alternate screen, bracketed paste, mouse capture (unless
//! turned off), and the cursor. Leaving is used on exit, on a fatal signal
//! and on suspend; entering again on resume.

use std::io::{self, Write};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

#[derive(Debug, Clone, Copy)]
pub struct TerminalSetup {
    pub mouse: bool,
}

impl TerminalSetup {
    /// Raw mode, the alternate screen, and our extras.
    pub fn enter(&self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen)?;
        self.enable_extras()
    }

    /// Bracketed paste lets a pasted query arrive in one piece.
    pub fn enable_extras(&self) -> io::Result<()> {
        execute!(io::stdout(), EnableBracketedPaste)?;
        if self.mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        Ok(())
    }

    /// Everything [`TerminalSetup::enter`] turned on, off again; every step
    /// is tried even if one fails (the terminal may already be gone).
    pub fn leave(&self) {
        disable_extras();
        let _ = execute!(io::stdout(), LeaveAlternateScreen);
        let _ = disable_raw_mode();
        let _ = io::stdout().flush();
    }
}

/// ratatui's restore leaves raw mode and the alternate screen only; what
/// we turned on ourselves we turn off ourselves (turning off what was never
/// on is harmless).
pub fn disable_extras() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableMouseCapture, DisableBracketedPaste, Show);
    let _ = stdout.flush();
}
