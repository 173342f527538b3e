//! The help overlay, generated from the keymap table. Lines are wrapped
//! here, not by the paragraph, so update and view agree on their number.
//! A filter (typed after `/`) keeps only the rows that match it, under
//! their headings; its line is drawn on the popup's bottom border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::help_rows::{count, matching};
use super::{
    TITLE_CHROME, centered, clear_popup, editor_line, main_area, pane_block, scroll_position, with_scroll_position,
};
use crate::app::{App, HelpState};
use crate::keymap::help_sections;
use crate::text::{sanitize, truncate, wrap};

/// Share of the width the popup takes: nearly all of a narrow terminal, so
/// rows stay whole.
fn popup(area: Rect) -> Rect {
    centered(area, if area.width < NARROW { 96 } else { 76 }, 90)
}

/// Below this width help takes nearly all of it.
const NARROW: u16 = 100;

/// The filter's sigil on the bottom border, as the search prompt's, a
/// space from the corner as a title is.
const SIGIL: &str = " /";

/// The no-match line quotes the filter up to this many columns.
const FILTER_QUOTED: usize = 40;

/// The filter keeps at least this many columns of the title, its
/// count and "Esc clears" being cut on a border narrower than that.
const MIN_FILTER_IN_TITLE: usize = 4;

pub fn render(app: &App, help: &HelpState, frame: &mut Frame, area: Rect) {
    let popup = popup(area);
    let width = usize::from(popup.width.saturating_sub(2));
    let lines = lines(app, help, width);
    // A filter's few rows get a popup their height, its top where it was,
    // not a screen of blank lines under them.
    let popup = Rect {
        height: popup.height.min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX)),
        ..popup
    };
    let height = usize::from(popup.height.saturating_sub(2));
    let scroll = help.scroll.min(lines.len().saturating_sub(height));
    let total = lines.len();
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(height)
        .map(|line| super::cut::fit_line(line, width))
        .collect();
    let title = title(help, usize::from(popup.width).saturating_sub(TITLE_CHROME));
    let block = pane_block(app, &title, true, popup.width);
    let block = with_scroll_position(app, block, scroll, height, total);
    let block = if help.typing || !help.filter.is_empty() {
        // The filter takes what the scroll position leaves of the border.
        let position = scroll_position(scroll, height, total).map_or(0, |p| p.width());
        block.title_bottom(filter_line(app, help, width.saturating_sub(position + 1)))
    } else {
        block
    };
    clear_popup(frame, popup, area);
    frame.render_widget(Paragraph::new(visible).block(block), popup);
}

/// What the popup's title says in `width` columns: how to close it, or
/// the filter and how many rows match it (the filter cut first, so the
/// count stays in view).
fn title(help: &HelpState, width: usize) -> String {
    if help.filter.trim().is_empty() {
        return if help.typing {
            "Keys — type words to filter, Esc stops".to_string()
        } else {
            "Keys — q, ? or Esc closes".to_string()
        };
    }
    let matched = count(&matching(help_sections(), &help.filter));
    let (before, after) = ("Keys matching \"", format!("\": {matched} — Esc clears"));
    let room = width.saturating_sub(before.width() + after.width());
    format!("{before}{}{after}", quoted(help, room.max(MIN_FILTER_IN_TITLE)))
}

/// The filter as the title and the no-match line quote it: one line,
/// no control character, cut to `width` columns.
fn quoted(help: &HelpState, width: usize) -> String {
    truncate(&sanitize(help.filter.trim()), width)
}

/// The filter on the bottom border in `width` columns, with the cursor
/// while it is typed.
fn filter_line(app: &App, help: &HelpState, width: usize) -> Line<'static> {
    // A space after it parts it from the border, as a title's does.
    let room = width.saturating_sub(1);
    let mut line = if help.typing {
        editor_line(app, SIGIL, &help.filter, room)
    } else {
        let text = truncate(&sanitize(&help.filter), room.saturating_sub(SIGIL.width()));
        Line::from(vec![Span::styled(SIGIL, app.theme.key()), Span::raw(text)])
    };
    line.spans.push(Span::raw(" "));
    line
}

/// Lines of help one screen shows at the app's size: a page of help.
pub fn visible_lines(app: &App) -> usize {
    usize::from(popup(main_area(app)).height.saturating_sub(2)).max(1)
}

/// How many first lines help can start at on a terminal of `size`.
pub fn scroll_range(app: &App, help: &HelpState) -> usize {
    let popup = popup(main_area(app));
    let count = lines(app, help, usize::from(popup.width.saturating_sub(2))).len();
    count.saturating_sub(usize::from(popup.height.saturating_sub(2))) + 1
}

fn lines(app: &App, help: &HelpState, width: usize) -> Vec<Line<'static>> {
    let all = help_sections();
    // The key column is as wide for a filter's rows as for all: rows keep
    // their place across the line while the filter is typed.
    let key_width = all
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(10)
        + 2;
    let sections = matching(all, &help.filter);
    if sections.is_empty() {
        let none = format!("No key or description holds \"{}\".", quoted(help, FILTER_QUOTED));
        return wrap(&none, width.max(1)).into_iter().map(Line::raw).collect();
    }
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
