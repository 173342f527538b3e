//! The one-line hint bar, always visible, generated from the keymap. When
//! the line is too long it shows one key per action, then drops the hints
//! a user needs least.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::keymap::{Hint, context, hints};

/// Hints dropped first when space runs out, in order.
const EXPENDABLE: &[&str] = &["fwd", "panes", "jump", "timeline", "clear", "move", "back", "scroll"];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    if let Some(status) = &app.status {
        spans.push(Span::styled(format!(" {status} "), app.theme.status()));
        spans.push(Span::raw("│"));
    }
    let room = usize::from(area.width).saturating_sub(spans.iter().map(Span::width).sum());
    for hint in fitting(hints(context(app)), room) {
        spans.push(Span::styled(format!(" {}", hint.keys.join("/")), app.theme.key()));
        spans.push(Span::raw(format!(" {} ", hint.word)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn width(hints: &[Hint]) -> usize {
    hints
        .iter()
        .map(|h| h.keys.join("/").chars().count() + h.word.chars().count() + 3)
        .sum()
}

fn fitting(mut hints: Vec<Hint>, room: usize) -> Vec<Hint> {
    if width(&hints) > room {
        hints.iter_mut().for_each(|h| h.keys.truncate(1));
    }
    for word in EXPENDABLE {
        if width(&hints) <= room {
            break;
        }
        hints.retain(|h| h.word != *word);
    }
    hints
}
