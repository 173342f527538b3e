//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, pane_block};
use crate::app::App;
use crate::keymap::help_sections;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    // Narrow terminals give help nearly all the width, so rows stay whole.
    let popup = centered(area, if area.width < 100 { 96 } else { 76 }, 90);
    let mut lines: Vec<Line> = Vec::new();
    let key_width = help_sections()
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(10)
        + 2;
    for (title, rows) in help_sections() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title, app.theme.heading())));
        for (keys, description) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<key_width$}"), app.theme.key()),
                Span::raw(description),
            ]));
        }
    }
    let inner_height = usize::from(popup.height.saturating_sub(2));
    let max_scroll = lines.len().saturating_sub(inner_height);
    let scroll = usize::from(scroll).min(max_scroll) as u16;
    let help = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(pane_block(app, "Keys — ? or Esc closes", true));
    frame.render_widget(Clear, popup);
    frame.render_widget(help, popup);
}
