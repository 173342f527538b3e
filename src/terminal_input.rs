//! Who reads the terminal: the browser's event reader, or a program the
//! browser lends the terminal to (a terminal web browser from `$BROWSER`
//! for `o`). The reader waits for input in short turns, each under a lock;
//! lending takes the lock between two turns, so no key meant for the
//! program reaches the browser, and gives it back when the program ends.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

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
    /// When the terminal last came back.
    returned_at: Mutex<Option<Instant>>,
}

/// How long after the terminal comes back a signal of its keys is still
/// the program's: signals are handled on their own thread, and a Ctrl-C
/// that ended the program may be handled after the program ended (a
/// loaded machine, the browser back first). In raw mode no key raises a
/// signal, so only a stray one from outside is dropped in this time.
pub const LENT_SIGNAL_GRACE: Duration = Duration::from_secs(1);

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

    /// Whether a signal handled now may come from a key typed while the
    /// terminal was lent: it is lent, or came back under
    /// [`LENT_SIGNAL_GRACE`] ago.
    pub fn keys_were_lent(&self) -> bool {
        let returned = *self.returned_at.lock().unwrap_or_else(PoisonError::into_inner);
        self.is_lent() || returned.is_some_and(|at| at.elapsed() < LENT_SIGNAL_GRACE)
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
        *self.returned_at.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
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

    /// A Ctrl-C that ended the program may be handled just after the
    /// terminal came back: it is still taken for the program's.
    #[test]
    fn the_keys_count_as_lent_while_lent_and_just_after() {
        let input = TerminalInput::default();
        assert!(!input.keys_were_lent(), "never lent");
        let during = input.lend_with(|| {}, || Ok(()), || input.keys_were_lent()).unwrap();
        assert!(during);
        assert!(!input.is_lent(), "the terminal is back");
        assert!(input.keys_were_lent(), "a signal handled now may be the program's");
    }

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
