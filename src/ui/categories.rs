//! The left pane: categories with their item counts, then the bookmarks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::{pane_block, selectable_list};
use crate::app::{App, Pane, Row};
use crate::text::fit;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 {
        return;
    }
    let focused = app.focus == Pane::Categories;
    let inner_width = usize::from(area.width.saturating_sub(4));
    let rows: Vec<ListItem> = Row::all()
        .map(|row| {
            let count = app.items_of(row).len().to_string();
            let name_width = inner_width.saturating_sub(count.len() + 1);
            let name = match row {
                Row::Category(_) => row.name(),
                Row::Bookmarks => "★ Bookmarks",
            };
            ListItem::new(Line::from(vec![
                Span::raw(fit(name, name_width)),
                Span::raw(" "),
                Span::styled(count, app.theme.dim()),
            ]))
        })
        .collect();
    let block = pane_block(app, "Categories", focused);
    let (list, mut state) = selectable_list(app, rows, block, Some(app.row.index()), focused, area);
    frame.render_stateful_widget(list, area, &mut state);
}
