//! The left pane: categories with their item counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{pane_block, scroll_offset, selection_style};
use crate::app::{App, BOOKMARKS, CATEGORY_ROWS, Pane};
use crate::text::fit;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 {
        return;
    }
    let focused = app.focus == Pane::Categories && app.search.is_none();
    let inner_width = usize::from(area.width.saturating_sub(4));
    let rows: Vec<ListItem> = (0..CATEGORY_ROWS)
        .map(|i| {
            let count = app.items_of(i).len().to_string();
            let name_width = inner_width.saturating_sub(count.len() + 1);
            let name = if i == BOOKMARKS {
                "★ Bookmarks"
            } else {
                app.category_name(i)
            };
            ListItem::new(Line::from(vec![
                Span::raw(fit(name, name_width)),
                Span::raw(" "),
                Span::styled(count, app.theme.dim()),
            ]))
        })
        .collect();
    let height = usize::from(area.height.saturating_sub(2));
    let mut state = ListState::default()
        .with_selected(Some(app.category))
        .with_offset(scroll_offset(app.category, rows.len(), height));
    let list = List::new(rows)
        .block(pane_block(app, "Categories", focused))
        .highlight_symbol("▶ ")
        .highlight_style(selection_style(app, focused));
    frame.render_stateful_widget(list, area, &mut state);
}
