//! The middle pane: the items of the selected category.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::{pane_block, selectable_list};
use crate::app::{App, Pane, Row};

use crate::data::ItemIdx;
use crate::text::{fit, sanitize};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Items;
    // Borders and the spaces around the title.
    let title = &app.list_title(app.row, usize::from(area.width).saturating_sub(4));
    let items = app.items();
    if items.is_empty() {
        let message = if app.row == Row::Bookmarks {
            "No bookmarks yet: press m on an item."
        } else {
            "Nothing here yet."
        };
        let empty = Paragraph::new(message)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(app.theme.dim())
            .block(pane_block(app, title, focused));
        frame.render_widget(empty, area);
        return;
    }
    let columns = Columns::fit(app, usize::from(area.width).saturating_sub(CHROME));
    let rows: Vec<ListItem> = items.iter().map(|&idx| row(app, idx, &columns)).collect();
    let block = pane_block(app, title, focused);
    let (list, mut state) = selectable_list(app, rows, block, Some(app.item_row()), focused, area);
    frame.render_stateful_widget(list, area, &mut state);
}

/// Borders (2) and the selection marker (2).
const CHROME: usize = 4;
/// A title needs this many columns to be read at a glance.
const READABLE_TITLE: usize = 40;
/// Symbols longer than this are cut ("WSIS-05/TUNIS/DOC/6(Rev.1)-E" fits).
const SYMBOL_CAP: usize = 28;
/// Below this, a title is not worth a column of its own beside the symbol.
const MIN_TITLE: usize = 12;
/// "2006" and "2006-07".
const YEAR: usize = 4;
const YEAR_MONTH: usize = 7;

/// The widths of a list row's columns (0: not shown).
struct Columns {
    symbol: usize,
    title: usize,
    date: usize,
}

impl Columns {
    /// Symbols whole up to a cap, dates at the precision known where there
    /// is room, and the rest for the title.
    fn fit(app: &App, width: usize) -> Columns {
        let (widest, has_month) = app.list_shape();
        let longest = widest.unwrap_or(0).min(SYMBOL_CAP);
        let date = match width {
            w if has_month && w >= longest + READABLE_TITLE + YEAR_MONTH + 2 => YEAR_MONTH,
            w if w >= longest + MIN_TITLE + YEAR + 2 => YEAR,
            _ => 0,
        };
        let room = width.saturating_sub(date + usize::from(date > 0));
        let symbol = match longest {
            0 => 0,
            l if room >= l + 1 + MIN_TITLE => l,
            _ => (room / 2).min(longest),
        };
        let title = room.saturating_sub(symbol + usize::from(symbol > 0));
        Columns { symbol, title, date }
    }
}

/// Columns the item list needs to show its rows whole: every symbol, a
/// readable title and the dates.
pub fn width_needed(app: &App) -> u16 {
    let longest = app.list_shape().0.map_or(0, |l| l.min(SYMBOL_CAP) + 1);
    u16::try_from(CHROME + longest + READABLE_TITLE + 1 + YEAR_MONTH).unwrap_or(u16::MAX)
}

fn row(app: &App, idx: ItemIdx, columns: &Columns) -> ListItem<'static> {
    let item = app.data.item(idx);
    let mark = if app.is_bookmarked(idx) { "★ " } else { "" };
    let label = format!("{mark}{}", sanitize(item.label()));
    let mut spans = Vec::new();
    if columns.symbol > 0 {
        let symbol = item.symbol.as_deref().map(sanitize).unwrap_or_default();
        spans.push(Span::styled(fit(&symbol, columns.symbol), app.theme.symbol()));
        spans.push(Span::raw(" "));
    }
    let title_style = if item.short_title.is_none() && !item.title_known() {
        app.theme.unconfirmed()
    } else {
        ratatui::style::Style::new()
    };
    spans.push(Span::styled(fit(&label, columns.title), title_style));
    if columns.date > 0 {
        let date = app
            .data
            .date(idx)
            .map(|d| compact(&d, columns.date))
            .unwrap_or_default();
        spans.push(Span::raw(" "));
        spans.push(Span::styled(fit(&date, columns.date), app.theme.dim()));
    }
    ListItem::new(Line::from(spans))
}

/// Dates in lists: the year, or year and month where there is room.
fn compact(date: &crate::data::PartialDate, width: usize) -> String {
    match date.month {
        Some(m) if width >= YEAR_MONTH => format!("{}-{m:02}", date.year),
        _ => date.year.to_string(),
    }
}
