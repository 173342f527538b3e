//! Signals as messages for the front end, and what the front end does with
//! them, as vim, less and helix do:
//!
//! - SIGTERM, SIGHUP, SIGINT, SIGQUIT: restore the terminal, then exit with
//!   status 128 + the signal's number.
//! - SIGTSTP (and Ctrl-Z, which raw mode delivers as a key): restore the
//!   terminal, stop the process; when continued, enter the browser's modes
//!   again and redraw everything.
//! - SIGCONT (also after a stop this program did not ask for): enter the
//!   modes again and redraw.
//!
//! While the terminal is lent to a program (`o` with a terminal
//! `$BROWSER`), the keys' signals are that program's: see
//! [`handled_while_lent`].
//!
//! The handlers only record the signal (signal-hook's self-pipe); a thread
//! turns each into a [`SignalEvent`], so all work happens in the event loop.

use std::io;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};

use crate::terminal_setup::TerminalSetup;

/// What a signal asks of the front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalEvent {
    /// Restore the terminal and exit with 128 + this signal number.
    Terminate(i32),
    /// Restore the terminal and stop until continued.
    Suspend,
    /// Continued after a stop: enter the modes again and redraw.
    Resume,
}

const TERMINATING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Maps a signal number to its event.
pub fn event_of(signal: i32) -> Option<SignalEvent> {
    match signal {
        SIGTSTP => Some(SignalEvent::Suspend),
        SIGCONT => Some(SignalEvent::Resume),
        s if TERMINATING.contains(&s) => Some(SignalEvent::Terminate(s)),
        _ => None,
    }
}

/// Delivers the signals to `send` on a thread of their own until `send`
/// returns false or the returned handle is closed (also on drop).
pub fn forward(send: impl Fn(SignalEvent) -> bool + Send + 'static) -> io::Result<Forwarding> {
    let mut signals = Signals::new(TERMINATING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for event in signals.forever().filter_map(event_of) {
            if !send(event) {
                break;
            }
        }
    });
    Ok(Forwarding { handle })
}

/// Stops the forwarding thread when dropped.
pub struct Forwarding {
    handle: Handle,
}

impl Drop for Forwarding {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// Deals with `signal` while the terminal is lent to a program the
/// browser started (`o` with a terminal `$BROWSER`); false for a signal
/// the browser still handles itself (SIGTERM, SIGHUP).
///
/// - Ctrl-C and Ctrl-\ are sent to every program in the foreground: they
///   are meant for that program, and the browser goes on.
/// - A stop (Ctrl-Z in a program in cooked mode, or a program that stops
///   its whole job, as w3m's suspend does) stops the browser too, with its
///   modes already off: else the shell would wait on a browser that waits
///   on a stopped program, and the terminal would hang. `fg` continues both.
/// - The continue after it is the program's: the terminal is still lent.
pub fn handled_while_lent(signal: SignalEvent) -> bool {
    match signal {
        SignalEvent::Suspend => {
            // Nothing to do if the stop cannot be raised: the program has
            // the terminal, and it stopped anyway.
            let _ = signal_hook::low_level::raise(SIGSTOP);
            true
        }
        SignalEvent::Resume | SignalEvent::Terminate(SIGINT | SIGQUIT) => true,
        SignalEvent::Terminate(_) => false,
    }
}

/// Whether a terminal event is the suspend key, Ctrl-Z: in raw mode the
/// terminal sends it as a key, not as SIGTSTP.
pub fn is_suspend_key(event: &Event) -> bool {
    matches!(
        event,
        Event::Key(KeyEvent {
            code: KeyCode::Char('z'),
            modifiers: KeyModifiers::CONTROL,
            kind: KeyEventKind::Press,
            ..
        })
    )
}

/// Leaves the browser's terminal modes, stops the process (the shell gets
/// the terminal back, as after Ctrl-Z in any program), and once continued
/// enters the modes again. The caller then redraws the whole screen, since
/// the shell has drawn over it: `terminal.resize(full area)` clears it and
/// resets ratatui's buffers (`terminal.clear()` would read the cursor
/// position, whose reply the event reader thread would take).
pub fn suspend_and_resume(setup: &TerminalSetup) -> io::Result<()> {
    setup.leave();
    signal_hook::low_level::raise(SIGSTOP)?;
    setup.enter()
}

/// Leaves the terminal modes and exits with 128 + `signal`, the status a
/// shell reports for a process killed by that signal.
pub fn terminate(setup: &TerminalSetup, signal: i32) -> ! {
    setup.leave();
    std::process::exit(128 + signal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stop is not tried here: it would stop the test process.
    #[test]
    fn while_lent_the_keys_signals_are_the_programs_and_terminate_is_ours() {
        assert!(handled_while_lent(SignalEvent::Terminate(SIGINT)));
        assert!(handled_while_lent(SignalEvent::Terminate(SIGQUIT)));
        assert!(handled_while_lent(SignalEvent::Resume), "the continue is the program's");
        assert!(!handled_while_lent(SignalEvent::Terminate(SIGTERM)));
        assert!(!handled_while_lent(SignalEvent::Terminate(SIGHUP)));
    }

    #[test]
    fn each_signal_has_its_event() {
        assert_eq!(event_of(SIGTERM), Some(SignalEvent::Terminate(15)));
        assert_eq!(event_of(SIGHUP), Some(SignalEvent::Terminate(1)));
        assert_eq!(event_of(SIGINT), Some(SignalEvent::Terminate(2)));
        assert_eq!(event_of(SIGQUIT), Some(SignalEvent::Terminate(3)));
        assert_eq!(event_of(SIGTSTP), Some(SignalEvent::Suspend));
        assert_eq!(event_of(SIGCONT), Some(SignalEvent::Resume));
        assert_eq!(event_of(signal_hook::consts::SIGWINCH), None);
    }

    #[test]
    fn ctrl_z_is_the_suspend_key() {
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert!(is_suspend_key(&ctrl_z));
        assert!(!is_suspend_key(&Event::Key(KeyEvent::new(
            KeyCode::Char('z'),
            KeyModifiers::NONE
        ))));
    }
}
