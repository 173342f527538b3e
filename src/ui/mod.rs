//! Pure rendering: from `&App` to a frame. Nothing here changes state.

pub mod categories;
pub mod detail;
pub mod help;
pub mod hints;
pub mod items;
pub mod search;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::{App, Pane};

/// Below this the three panes cannot show anything useful.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [main, hint_bar] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    match &app.search {
        Some(search) => search::render(app, search, frame, main),
        None => {
            let [categories_area, items_area, detail_area] = pane_areas(app, main);
            categories::render(app, frame, categories_area);
            items::render(app, frame, items_area);
            detail::render(app, frame, detail_area);
        }
    }
    hints::render(app, frame, hint_bar);
    if let Some(scroll) = app.help {
        help::render(app, scroll, frame, main);
    }
}

/// Categories, items and detail side by side; the detail gets the most room.
/// Below [`WIDE`] columns the category pane shows only while it has focus
/// (the item pane's title names the category), so the others keep room.
pub fn pane_areas(app: &App, main: Rect) -> [Rect; 3] {
    let categories = if main.width >= WIDE || app.focus == Pane::Categories {
        (main.width * 30 / 100).clamp(24, 38)
    } else {
        0
    };
    let items = (main.width - categories) * 45 / 100;
    Layout::horizontal([
        Constraint::Length(categories),
        Constraint::Length(items),
        Constraint::Min(0),
    ])
    .areas(main)
}

/// From this width on, all three panes show at once.
pub const WIDE: u16 = 100;

fn too_small(frame: &mut Frame, area: Rect) {
    let message = format!(
        "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
}

fn pane_block<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    Block::bordered()
        .border_style(app.theme.border(focused))
        .title(Line::styled(format!(" {title} "), app.theme.title(focused)))
}

fn selection_style(app: &App, focused: bool) -> Style {
    if focused {
        app.theme.selected()
    } else {
        app.theme.selected_unfocused()
    }
}

/// First visible row that keeps `selected` in view near the middle.
fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}
