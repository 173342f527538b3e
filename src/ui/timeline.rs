//! The timeline: every dated item in date order, grouped by year, with its
//! category; the item the browser shows is marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::{pane_block, render_preview, selectable_list};
use crate::app::{App, TimelineState};
use crate::data::CATEGORIES;
use crate::text::{fit, sanitize, truncate};

pub fn render(app: &App, timeline: &TimelineState, frame: &mut Frame, area: Rect) {
    let preview_width = if area.width >= 100 { area.width * 2 / 5 } else { 0 };
    let [list_area, preview_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(preview_width)]).areas(area);
    let current = app.selected_item();
    let width = usize::from(list_area.width.saturating_sub(4));
    let mut rows: Vec<ListItem> = Vec::new();
    let mut selected_row = 0;
    let mut year = None;
    for (i, &idx) in timeline.rows.iter().enumerate() {
        let date = app.data.date(idx).expect("timeline rows are dated");
        if year != Some(date.year) {
            year = Some(date.year);
            rows.push(ListItem::new(Line::from(Span::styled(
                date.year.to_string(),
                app.theme.heading(),
            ))));
        }
        if i == timeline.selected {
            selected_row = rows.len();
        }
        let item = app.data.item(idx);
        let when = match (date.month_name(), date.day) {
            (Some(month), Some(day)) => format!("{day:>2} {}", &month[..3]),
            (Some(month), None) => format!("   {}", &month[..3]),
            _ => String::new(),
        };
        let marker = if Some(idx) == current { "● " } else { "  " };
        let category = CATEGORIES[app.data.category_of(idx)].abbrev;
        let text = match &item.symbol {
            Some(symbol) => format!("{symbol}  {}", item.label()),
            None => item.label().to_string(),
        };
        let rest = width.saturating_sub(6 + 2 + 8 + 2);
        rows.push(ListItem::new(Line::from(vec![
            Span::styled(fit(&when, 6), app.theme.dim()),
            Span::styled(marker, app.theme.key()),
            Span::styled(fit(category, 8), app.theme.relation()),
            Span::raw(truncate(&sanitize(&text), rest)),
        ])));
    }
    let title = format!("Timeline — {} dated items", timeline.rows.len());
    let block = pane_block(app, &title, true);
    let (list, mut state) = selectable_list(app, rows, block, Some(selected_row), true, list_area);
    frame.render_stateful_widget(list, list_area, &mut state);
    render_preview(app, timeline.rows.get(timeline.selected).copied(), frame, preview_area);
}
