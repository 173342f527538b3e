//! A progress line on stderr while data loads, for loads slow enough to
//! wonder about, and only when stderr is a terminal: a pipe or a log file
//! never receives it. The line is erased before anything else is printed,
//! so problems in the data read exactly as without it.

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crate::data::progress::{Progress, Seen};

/// Loads quicker than this show nothing.
const SHOW_AFTER: Duration = Duration::from_millis(100);

/// How often the line is redrawn.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// Cells of the bar itself.
const BAR_WIDTH: u16 = 24;

/// Runs `work` with a [`Progress`] to count in; when stderr is a terminal
/// and the work takes more than [`SHOW_AFTER`], shows it on stderr until
/// the work ends, then erases it.
pub fn while_loading<T>(work: impl FnOnce(&Progress) -> T) -> T {
    let progress = Progress::default();
    if !io::stderr().is_terminal() {
        return work(&progress);
    }
    let (done, finished) = mpsc::channel::<()>();
    thread::scope(|scope| {
        let shown = &progress;
        scope.spawn(move || draw_until_done(shown, &finished));
        let result = work(&progress);
        drop(done);
        result
    })
}

/// Draws the line every [`REDRAW_EVERY`] from [`SHOW_AFTER`] on, until the
/// sender of `finished` is dropped; erases it if it was drawn.
fn draw_until_done(progress: &Progress, finished: &mpsc::Receiver<()>) {
    let start = Instant::now();
    let mut wait = SHOW_AFTER;
    let mut drawn = false;
    while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(wait) {
        let width = super::output::stderr_width().saturating_sub(1);
        let line: String = render(&progress.seen(), start.elapsed()).chars().take(width).collect();
        let mut err = io::stderr().lock();
        // A progress line that cannot be written is no reason to stop.
        let _ = write!(err, "\r\x1b[K{line}").and_then(|()| err.flush());
        drawn = true;
        wait = REDRAW_EVERY;
    }
    if drawn {
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[K").and_then(|()| err.flush());
    }
}

/// "wsis: [#######.........] parsing data files: 1/2 files, … (1.2 s)"
pub fn render(seen: &Seen, elapsed: Duration) -> String {
    let cells = usize::from(BAR_WIDTH);
    // The fraction is within 0..=1, so the product fits a cell count.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = ((seen.fraction() * f64::from(BAR_WIDTH)) as usize).min(cells);
    format!(
        "wsis: [{}{}] {} ({:.1} s)",
        "#".repeat(filled),
        ".".repeat(cells - filled),
        seen.line(),
        elapsed.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::progress::Stage;

    #[test]
    fn the_line_shows_the_stage_counts_and_a_bar() {
        let progress = Progress::default();
        progress.add_files(1, 2_000_000);
        progress.set_stage(Stage::Parsing);
        progress.file_parsed(1_000_000, 7);
        let line = render(&progress.seen(), Duration::from_millis(1500));
        assert_eq!(
            line,
            "wsis: [##########..............] parsing data files: 1/1 files, 1.0/2.0 MB, 7 items (1.5 s)"
        );
    }
}
