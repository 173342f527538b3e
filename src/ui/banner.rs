//! A banner at the top of the screen, for what the user must know until
//! they hide it (`Esc` in the main view): data files that were skipped
//! for their problems (with file:line:col and the command that explains
//! them) and a config file that could not be read. They are the app's
//! `notices`; none, no banner.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::text::{sanitize, truncate};

/// At most this many lines; more notices end with a count.
pub const MAX_LINES: usize = 4;

/// Rows the banner takes on a screen of `width` × `height` (0: none).
pub fn height(app: &App, width: u16, height: u16) -> u16 {
    let rows = u16::try_from(lines(&app.notices, usize::from(width)).len()).unwrap_or(u16::MAX);
    if rows >= height { 0 } else { rows }
}

/// Draws the banner at the top of `area` and returns the rest of it.
pub fn render(app: &App, frame: &mut Frame, area: Rect) -> Rect {
    let lines = lines(&app.notices, usize::from(area.width));
    if height(app, area.width, area.height) == 0 {
        return area;
    }
    let [top, rest] = Layout::vertical([Constraint::Length(lines.len() as u16), Constraint::Min(0)]).areas(area);
    let style = style(app.theme.color);
    let text: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
    frame.render_widget(Paragraph::new(text).style(style), top);
    rest
}

/// Black on yellow, bold; with NO_COLOR, reversed and bold.
fn style(color: bool) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    if color {
        bold.fg(Color::Black).bg(Color::Yellow)
    } else {
        bold.add_modifier(Modifier::REVERSED)
    }
}

/// The banner's lines: each notice wrapped to `width`, at most
/// [`MAX_LINES`] in all, the last of them counting the notices left out.
pub fn lines(notices: &[String], width: usize) -> Vec<String> {
    let mut shown: Vec<String> = Vec::new();
    for (i, notice) in notices.iter().enumerate() {
        let wrapped = wrap(&format!("⚠ {}", sanitize(notice)), width.saturating_sub(2).max(1));
        let left = notices.len() - i;
        let room = MAX_LINES - shown.len();
        if wrapped.len() > room || (left > 1 && wrapped.len() == room) {
            let more = if i == 0 { notices.len() } else { left };
            shown.truncate(MAX_LINES - 1);
            shown.push(format!("⚠ {more} more; run `wsis list` to see every problem"));
            break;
        }
        shown.extend(
            wrapped
                .into_iter()
                .enumerate()
                .map(|(n, l)| if n == 0 { l } else { format!("  {l}") }),
        );
    }
    shown.into_iter().map(|l| truncate(&format!(" {l}"), width)).collect()
}

/// Wrapped at spaces only: a path or a command stays whole to copy.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_notices_end_with_a_count() {
        let notices: Vec<String> = (0..5).map(|i| format!("skipped f{i}.ron")).collect();
        let shown = lines(&notices, 80);
        assert_eq!(shown.len(), MAX_LINES);
        assert!(shown[3].contains("2 more"), "{shown:?}");
        assert!(lines(&[], 80).is_empty());
    }

    #[test]
    fn notices_are_cut_and_sanitised() {
        let shown = lines(&["x\u{1b}[2J ".repeat(8)], 20);
        assert!(shown.len() > 1, "a long notice wraps: {shown:?}");
        assert!(shown.iter().all(|l| l.chars().count() <= 20 && !l.contains('\u{1b}')));
    }
}
