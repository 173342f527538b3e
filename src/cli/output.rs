//! How `list` and `search` print, and what the terminal looks like.

use std::error::Error;
use std::fmt;
use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;

/// Writes `text` to standard error. A standard error closed early (`wsis
/// search x 2>&1 | head -c 5`) is not worth a panic: `eprint!` would end
/// the command with status 101 and a second message nobody reads.
pub fn to_stderr(text: fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_fmt(text);
}

/// The output formats of `list` and `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns sized to the terminal, with a header.
    Table,
    /// One tab-separated line per item, no header: a stable format for
    /// scripts (see the manual).
    Tsv,
    Json,
}

/// A table on a terminal, tab-separated lines in a pipe.
pub fn default_format() -> ListFormat {
    if io::stdout().is_terminal() {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    }
}

/// Assumed when neither `COLUMNS` nor the terminal says.
const DEFAULT_WIDTH: usize = 80;

/// The width to lay a table out in: `COLUMNS` if set (as `ls` does), else
/// the terminal's, else 80.
pub fn terminal_width() -> usize {
    width_if(io::stdout().is_terminal())
}

/// [`terminal_width`] for what is written to standard error: its terminal
/// may be there when standard output goes to a file.
pub fn stderr_width() -> usize {
    width_if(io::stderr().is_terminal())
}

/// `COLUMNS`, else the terminal's width if `on_terminal`, else 80.
fn width_if(on_terminal: bool) -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    from_env
        .or_else(|| {
            on_terminal
                .then(crossterm::terminal::size)
                .and_then(Result::ok)
                .map(|(columns, _)| usize::from(columns))
                .filter(|&c| c > 0)
        })
        .unwrap_or(DEFAULT_WIDTH)
}

/// The terminal's height, when standard output is one.
pub fn terminal_rows() -> Option<usize> {
    io::stdout()
        .is_terminal()
        .then(crossterm::terminal::size)
        .and_then(Result::ok)
        .map(|(_, rows)| usize::from(rows))
        .filter(|&rows| rows > 0)
}

/// Rows of a screen a search's table leaves to other lines: its header,
/// the line saying how many more hits there are, the shell's prompt (two
/// rows in many shells' themes).
const ROWS_AROUND_HITS: usize = 4;

/// Hits shown on a screen too small to hold more than a few.
const FEWEST_HITS_SHOWN: usize = 5;

/// How many hits, a row each, fit in a table on a terminal of `rows`.
pub fn hits_that_fit(rows: usize) -> usize {
    rows.saturating_sub(ROWS_AROUND_HITS).max(FEWEST_HITS_SHOWN)
}

/// True when the error, or one it wraps (serde_json's, csv's), is a closed
/// pipe: the reader went away, which is not a failure.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    let mut current: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
            // An io::Error's source skips its payload; look inside it too.
            if let Some(inner) = io.get_ref() {
                current = Some(inner);
                continue;
            }
        }
        if let Some(csv) = e.downcast_ref::<csv::Error>()
            && let csv::ErrorKind::Io(io) = csv.kind()
        {
            return io.kind() == io::ErrorKind::BrokenPipe;
        }
        current = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_holds_its_rows_of_hits_but_never_fewer_than_a_few() {
        assert_eq!(hits_that_fit(24), 20);
        assert_eq!(hits_that_fit(40), 36);
        assert_eq!(hits_that_fit(6), FEWEST_HITS_SHOWN);
        assert_eq!(hits_that_fit(0), FEWEST_HITS_SHOWN);
    }

    #[test]
    fn a_closed_pipe_is_found_inside_wrapped_errors() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&pipe()));
        assert!(is_broken_pipe(&io::Error::other(csv::Error::from(pipe()))));
        assert!(is_broken_pipe(&io::Error::other(io::Error::other(pipe()))));
        assert!(!is_broken_pipe(&io::Error::other("disk full")));
        assert!(!is_broken_pipe(&io::Error::from(io::ErrorKind::StorageFull)));
    }
}
