//! Pure rendering: from `&App` to a frame. Nothing here changes state.

pub mod banner;
pub mod breadcrumbs;
pub mod categories;
pub mod detail;
pub mod help;
pub mod hints;
pub mod items;
pub mod jump;
pub mod path;
pub mod search;
pub mod theme;
pub mod timeline;

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
    let area = banner::render(app, frame, frame.area());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let [main, hint_bar] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    match (&app.search, &app.timeline) {
        (Some(search), _) => search::render(app, search, frame, main),
        (None, Some(timeline)) => timeline::render(app, timeline, frame, main),
        (None, None) => {
            let [categories_area, items_area, detail_area] = pane_areas(app, main);
            categories::render(app, frame, categories_area);
            items::render(app, frame, items_area);
            let [trail, detail_area] = split_trail(detail_area);
            breadcrumbs::render(app, frame, trail);
            detail::render(app, frame, detail_area);
        }
    }
    hints::render(app, frame, hint_bar);
    if let Some(path) = &app.path {
        path::render(app, path, frame, main);
    }
    if let Some(jump) = &app.jump {
        jump::render(app, jump, frame, main);
    }
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

/// The breadcrumb line and, below it, the detail pane.
pub fn split_trail(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area)
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

/// A rectangle of `percent_x` × `percent_y` of `area`, centred.
fn centered(area: Rect, percent_x: u16, percent_y: u16) -> Rect {
    let width = (u32::from(area.width) * u32::from(percent_x) / 100) as u16;
    let height = (u32::from(area.height) * u32::from(percent_y) / 100) as u16;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
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
pub(crate) fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}
