//! The screen shown while a slow load runs: what is being done, a bar, the
//! counts so far and the time taken, and how to leave. Pure: it draws a
//! reading of the loader's counters.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph};

use crate::data::progress::Seen;

/// The widest the bar gets, in cells.
const MAX_BAR_WIDTH: u16 = 60;

pub fn view(seen: &Seen, elapsed: Duration, frame: &mut Frame) {
    let area = frame.area();
    let [_, title, bar, counts, _, hint, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let width = area.width.min(MAX_BAR_WIDTH);
    let [bar] = Layout::horizontal([Constraint::Length(width)])
        .flex(ratatui::layout::Flex::Center)
        .areas(bar);
    // A terminal narrower than a line gets it cut with "…", not bare.
    let centred = |text: String| {
        Paragraph::new(super::cut::fit_line(Line::from(text), usize::from(area.width))).alignment(Alignment::Center)
    };
    frame.render_widget(
        centred("Loading the WSIS documents".into()).style(Style::default().add_modifier(Modifier::BOLD)),
        title,
    );
    frame.render_widget(
        Gauge::default()
            .ratio(seen.fraction().clamp(0.0, 1.0))
            .label(format!("{:.1} s", elapsed.as_secs_f64())),
        bar,
    );
    frame.render_widget(centred(seen.line()), counts);
    frame.render_widget(
        centred("press q or Ctrl-C to leave".into()).style(Style::default().add_modifier(Modifier::DIM)),
        hint,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::data::progress::{Progress, Stage};

    #[test]
    fn shows_the_stage_the_counts_and_how_to_quit() {
        let progress = Progress::default();
        progress.add_files(10, 79_000_000);
        progress.set_stage(Stage::Parsing);
        progress.file_parsed(7_900_000, 10_000);
        let mut terminal = Terminal::new(TestBackend::new(80, 12)).expect("terminal");
        terminal
            .draw(|frame| view(&progress.seen(), Duration::from_millis(2300), frame))
            .expect("draw");
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .chunks(80)
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect();
        assert!(screen.contains("Loading the WSIS documents"), "{screen}");
        assert!(
            screen.contains("parsing data files: 1/10 files, 7.9/79.0 MB, 10000 items"),
            "{screen}"
        );
        assert!(screen.contains("2.3 s"), "{screen}");
        assert!(screen.contains("press q or Ctrl-C to leave"), "{screen}");
    }

    #[test]
    fn a_narrow_terminal_gets_lines_cut_with_an_ellipsis() {
        const WIDTH: u16 = 20;
        let progress = Progress::default();
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, 12)).expect("terminal");
        terminal
            .draw(|frame| view(&progress.seen(), Duration::from_millis(100), frame))
            .expect("draw");
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .chunks(usize::from(WIDTH))
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect();
        assert!(screen.contains("Loading the WSIS do…"), "{screen}");
        assert!(screen.contains("press q or Ctrl-C t…"), "{screen}");
    }
}
