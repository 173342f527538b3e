//! The help overlay, generated from the keymap table. Lines are wrapped
//! here, not by the paragraph, so update and view agree on their number.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centered, clear_popup, main_area, pane_block, with_scroll_position};
use crate::app::{App, HelpState};
use crate::keymap::help_sections;
use crate::text::wrap;

/// Share of the width the popup takes: nearly all of a narrow terminal, so
/// rows stay whole.
fn popup(area: Rect) -> Rect {
    centered(area, if area.width < NARROW { 96 } else { 76 }, 90)
}

/// Below this width help takes nearly all of it.
const NARROW: u16 = 100;

pub fn render(app: &App, help: &HelpState, frame: &mut Frame, area: Rect) {
    let popup = popup(area);
    let lines = lines(app, usize::from(popup.width.saturating_sub(2)));
    let height = usize::from(popup.height.saturating_sub(2));
    let scroll = help.scroll.min(lines.len().saturating_sub(height));
    let total = lines.len();
    let width = usize::from(popup.width.saturating_sub(2));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(|line| super::cut::fit_line(line, width))
        .collect();
    let block = pane_block(app, "Keys — q, ? or Esc closes", true, popup.width);
    let block = with_scroll_position(app, block, scroll, height, total);
    let help = Paragraph::new(visible).block(block);
    clear_popup(frame, popup, area);
    frame.render_widget(help, popup);
}

/// Lines of help one screen shows at the app's size: a page of help.
pub fn visible_lines(app: &App) -> usize {
    usize::from(popup(main_area(app)).height.saturating_sub(2)).max(1)
}

/// How many first lines help can start at on a terminal of `size`.
pub fn scroll_range(app: &App) -> usize {
    let popup = popup(main_area(app));
    let count = lines(app, usize::from(popup.width.saturating_sub(2))).len();
    count.saturating_sub(usize::from(popup.height.saturating_sub(2))) + 1
}

fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let sections = help_sections();
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(10)
        + 2;
    let description_width = width.saturating_sub(key_width + 2).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for (title, rows) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title, app.theme.heading())));
        for (keys, description) in rows {
            for (i, part) in wrap(description, description_width).into_iter().enumerate() {
                let keys = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<key_width$}"), app.theme.key()),
                    Span::raw(part),
                ]));
            }
        }
    }
    lines
}
