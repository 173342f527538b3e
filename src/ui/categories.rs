//! The left pane: categories with their item counts, then the bookmarks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use super::{pane_block, selectable_list};
use crate::app::{App, Pane, Row};
use crate::data::CATEGORIES;
use crate::text::fit;
use unicode_width::UnicodeWidthStr;

/// How the pane names a row.
fn short_name(row: Row) -> &'static str {
    match row {
        Row::Category(cat) => CATEGORIES.get(cat).map_or("?", |c| c.name),
        Row::Bookmarks => "★ Bookmarks",
    }
}

/// How the pane names `row` in `width` columns: its name, else its
/// category's abbreviation ("ECOSOC"), whole, rather than a cut name
/// ("ECOSOC resolutio…"); cut only if neither fits.
fn fitting_name(row: Row, width: usize) -> String {
    let name = short_name(row);
    let abbrev = match row {
        Row::Category(cat) => CATEGORIES.get(cat).map(|c| c.abbrev),
        Row::Bookmarks => None,
    };
    match abbrev {
        Some(abbrev) if name.width() > width && abbrev.width() <= width => abbrev.to_string(),
        _ => fit(name, width),
    }
}

/// Columns the pane needs: borders, marker, the longest name and its count.
pub fn width_needed(app: &App) -> u16 {
    let widest = Row::all()
        .map(|row| short_name(row).width() + 1 + app.row_len(row).to_string().len())
        .max()
        .unwrap_or(0);
    u16::try_from(widest + CHROME).unwrap_or(u16::MAX)
}

/// Borders (2) and the selection marker (2).
const CHROME: usize = 4;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 {
        return;
    }
    let focused = app.focus == Pane::Categories;
    let inner_width = usize::from(area.width.saturating_sub(4));
    let rows: Vec<Text> = Row::all()
        .map(|row| {
            let count = app.row_len(row).to_string();
            let name_width = inner_width.saturating_sub(count.len() + 1);
            let name = fitting_name(row, name_width);
            Text::from(Line::from(vec![
                Span::raw(fit(&name, name_width)),
                Span::raw(" "),
                Span::styled(count, app.theme.dim()),
            ]))
        })
        .collect();
    let block = pane_block(app, "Categories", focused, area.width);
    let (list, mut state) = selectable_list(app, rows, block, Some(app.row.index()), focused, area);
    frame.render_stateful_widget(list, area, &mut state);
}
