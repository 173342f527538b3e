//! Who reads the terminal: the browser's event reader, or a program the
//! browser lends the terminal to (a terminal web browser from `$BROWSER`
//! for `o`). The reader waits for input in short turns, each under a lock;
//! lending takes the lock between two turns, so no key meant for the
//! program reaches the browser, and gives it back when the program ends.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use crate::terminal_setup::TerminalSetup;

/// The browser's claim on the terminal's input.
#[derive(Debug, Default)]
pub struct TerminalInput {
    /// Set while the terminal is lent: the reader waits instead of
    /// taking its turn, so the lender gets the lock at once.
    lent: AtomicBool,
    /// Held by the reader for each turn, and by the lender while the
    /// program runs.
    turn: Mutex<()>,
    /// Set when the terminal comes back: the screen holds what the
    /// program drew, and every cell must be drawn again.
    redraw: AtomicBool,
}

/// How long one turn of the reader waits for input: the longest a lent
/// terminal waits for the reader to let go.
pub const READ_TURN: Duration = Duration::from_millis(100);

impl TerminalInput {
    /// The next terminal event, or `None` after a turn without one (or
    /// while the terminal is lent, after waiting a turn).
    pub fn read(&self) -> io::Result<Option<Event>> {
        self.read_with(|| match event::poll(READ_TURN)? {
            true => event::read().map(Some),
            false => Ok(None),
        })
    }

    /// [`TerminalInput::read`] with `poll` in place of the terminal's own.
    pub fn read_with(&self, poll: impl FnOnce() -> io::Result<Option<Event>>) -> io::Result<Option<Event>> {
        if self.is_lent() {
            std::thread::sleep(READ_TURN);
            return Ok(None);
        }
        let _turn = self.turn.lock().unwrap_or_else(PoisonError::into_inner);
        poll()
    }

    /// Whether a program has the terminal: interrupt keys typed now are
    /// its own (Ctrl-C in it must not end the browser).
    pub fn is_lent(&self) -> bool {
        self.lent.load(Ordering::SeqCst)
    }

    /// Runs `program` with the terminal as the shell leaves it to a
    /// program (the browser's modes off, its reader waiting), then takes
    /// it back; the next frame redraws every cell.
    pub fn lend<R>(&self, setup: &TerminalSetup, program: impl FnOnce() -> R) -> io::Result<R> {
        self.lend_with(|| setup.leave(), || setup.enter(), program)
    }

    /// [`TerminalInput::lend`] with `leave` and `enter` switching the
    /// terminal's modes.
    pub fn lend_with<R>(
        &self,
        leave: impl FnOnce(),
        enter: impl FnOnce() -> io::Result<()>,
        program: impl FnOnce() -> R,
    ) -> io::Result<R> {
        self.lent.store(true, Ordering::SeqCst);
        let turn = self.turn.lock().unwrap_or_else(PoisonError::into_inner);
        leave();
        let ran = program();
        let entered = enter();
        drop(turn);
        self.lent.store(false, Ordering::SeqCst);
        self.redraw.store(true, Ordering::SeqCst);
        entered.map(|()| ran)
    }

    /// Whether the terminal came back since last asked.
    pub fn take_redraw(&self) -> bool {
        self.redraw.swap(false, Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// While the terminal is lent the reader polls nothing; before and
    /// after, it does.
    #[test]
    fn a_lent_terminal_is_not_read() {
        let input = Arc::new(TerminalInput::default());
        let polls = Arc::new(AtomicUsize::new(0));
        let poll_once = |input: &TerminalInput, polls: &AtomicUsize| {
            input
                .read_with(|| {
                    polls.fetch_add(1, Ordering::SeqCst);
                    Ok(None)
                })
                .unwrap()
        };
        poll_once(&input, &polls);
        assert_eq!(polls.load(Ordering::SeqCst), 1);
        let (reader_input, reader_polls) = (Arc::clone(&input), Arc::clone(&polls));
        let switched = AtomicUsize::new(0);
        let during = input
            .lend_with(
                || _ = switched.fetch_add(1, Ordering::SeqCst),
                || Ok(_ = switched.fetch_add(1, Ordering::SeqCst)),
                || {
                    let reader = std::thread::spawn(move || poll_once(&reader_input, &reader_polls));
                    reader.join().unwrap();
                    polls.load(Ordering::SeqCst)
                },
            )
            .unwrap();
        assert_eq!(switched.load(Ordering::SeqCst), 2, "modes left, then entered");
        assert_eq!(during, 1, "no poll while lent");
        assert!(input.take_redraw(), "the screen is drawn again");
        assert!(!input.take_redraw(), "once");
        poll_once(&input, &polls);
        assert_eq!(polls.load(Ordering::SeqCst), 2);
    }
}
