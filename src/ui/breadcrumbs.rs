//! The trail of history steps above the detail pane: where the user came
//! from, ending at the item shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::cut;
use crate::app::App;
use crate::text::sanitize;

const SEPARATOR: &str = " › ";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let mut steps: Vec<_> = app
        .history
        .trail()
        .filter_map(|location| app.item_at(location))
        .collect();
    // The item on screen ends the trail: the last step, or where the cursor moved.
    let shown = app.selected_item();
    if shown.is_some() && steps.last().copied() == shown {
        steps.pop();
    }
    let name = |idx| sanitize(app.data.item(idx).display_name());
    let mut names: Vec<String> = steps.into_iter().map(name).collect();
    let current = shown.map(name);
    // Keep the most recent steps that fit, always ending with the current item.
    let width = usize::from(area.width);
    let current_width = current.as_deref().map_or(0, UnicodeWidthStr::width);
    let mut used = current_width + 1;
    let names_len = names.len();
    let mut start = names_len;
    while start > 0 && used + names[start - 1].width() + SEPARATOR.len() + 2 <= width {
        start -= 1;
        used += names[start].width() + SEPARATOR.chars().count();
    }
    let mut spans = vec![Span::raw(" ")];
    if start > 0 {
        spans.push(Span::styled(format!("…{SEPARATOR}"), app.theme.dim()));
    }
    for name in names.drain(start..) {
        spans.push(Span::styled(name, app.theme.dim()));
        spans.push(Span::styled(SEPARATOR, app.theme.dim()));
    }
    match current {
        Some(current) => spans.push(Span::styled(current, app.theme.symbol())),
        // Nothing shown (an empty list): no separator leads nowhere.
        None if start < names_len => {
            spans.pop();
        }
        None => {}
    }
    // A current item wider than the row ends with "…", never a bare cut.
    frame.render_widget(Paragraph::new(cut::fit_line(Line::from(spans), width)), area);
}
