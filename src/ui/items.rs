//! The middle pane: the items of the selected category.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::{MARKER_WIDTH, pane_block, windowed_list};
use crate::app::{App, Pane, Row};

use crate::data::gaps::known_gaps;
use crate::data::{CATEGORIES, ItemIdx, SortOrder};
use crate::text::{elide_symbol_start, fit, sanitize, wrap_showing_all};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Items;
    let title = &title(app, area.width);
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
            .block(pane_block(app, title, focused, area.width));
        frame.render_widget(empty, area);
        return;
    }
    let (widest, has_month) = app.list_shape();
    let columns = Columns::fit(widest, has_month, usize::from(area.width).saturating_sub(CHROME));
    let block = pane_block(app, title, focused, area.width);
    let total = app.row_len(app.row);
    let make_row = |at: usize| row(app, items[at], &columns);
    let selected = Some(app.item_row());
    let gaps = known_gaps_under(app, items.len(), area, &make_row);
    let (list, mut state) = windowed_list(app, items.len(), make_row, total, block, selected, focused, area);
    frame.render_stateful_widget(list, area, &mut state);
    if let Some((gaps, rows_height)) = gaps {
        render_known_gaps(app, frame, area, gaps, rows_height);
    }
}

/// What the listed category is known to lack and the rows its `count`
/// items take, when they may leave room for it: rows are built only for
/// a list shorter than the pane (a list may hold a million items, each
/// read when first shown).
fn known_gaps_under<'a>(
    app: &App,
    count: usize,
    area: Rect,
    make_row: &impl Fn(usize) -> Text<'a>,
) -> Option<(&'static str, usize)> {
    let Row::Category(category) = app.row else { return None };
    let gaps = known_gaps(CATEGORIES[category].id)?;
    // Every row takes a line at least.
    if count >= usize::from(area.height.saturating_sub(2)) {
        return None;
    }
    Some((gaps, (0..count).map(|at| make_row(at).height()).sum()))
}

/// Below the last item, where the list leaves room, what the category's
/// embedded data is known to lack (`data::gaps`): a list that looks
/// complete is read as complete.
fn render_known_gaps(app: &App, frame: &mut Frame, area: Rect, gaps: &str, rows_height: usize) {
    // Under the rows' text, past the selection marker's column.
    let inner = area.inner(Margin::new(1, 1));
    let marker = u16::try_from(MARKER_WIDTH).unwrap_or(u16::MAX);
    let inner = Rect {
        x: inner.x.saturating_add(marker),
        width: inner.width.saturating_sub(marker),
        ..inner
    };
    // Every character shown: a year cut off would misstate the gap.
    let lines: Vec<Line> = wrap_showing_all(gaps, usize::from(inner.width))
        .into_iter()
        .map(Line::from)
        .collect();
    // A blank row between the items and the note; no note cut short.
    let top = rows_height.saturating_add(1);
    let fits = usize::from(inner.height)
        .checked_sub(top)
        .is_some_and(|room| lines.len() <= room);
    let (Ok(top), Ok(height)) = (u16::try_from(top), u16::try_from(lines.len())) else {
        return;
    };
    if !fits || inner.width == 0 {
        return;
    }
    let at = Rect {
        y: inner.y + top,
        height,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines).style(app.theme.dim()), at);
}

/// The list's title in a pane `width` columns wide: its name and order in
/// the longest form that fits, else the name alone (cut with "…" by the
/// border if even that does not fit); the status line says the order
/// when it changes.
fn title(app: &App, width: u16) -> String {
    // Borders and the spaces around the title.
    let room = usize::from(width).saturating_sub(CHROME);
    let title = app.list_title(app.row, room);
    if title.width() <= room {
        title
    } else {
        app.row.name().to_string()
    }
}

/// Borders (2) and the selection marker (2); also the corners and spaces
/// around the title.
const CHROME: usize = 4;
/// A title needs this many columns to be read at a glance.
const READABLE_TITLE: usize = 40;
/// Symbols longer than this are not asked room for whole
/// ("WSIS-05/TUNIS/DOC/6(Rev.1)-E" is).
const SYMBOL_CAP: usize = 28;
/// The symbol column takes at most this share of a row: it is the handle,
/// the title is what is read. Like k9s and gitui, which give a column its
/// content's width only up to a limit and the rest to the widest text, the
/// list cuts long symbols rather than its titles. 40% keeps an ECOSOC
/// symbol (13 columns) whole from a 33-column row.
const SYMBOL_SHARE: usize = 40;
/// The symbol column is never cut below this while symbols are longer:
/// "…/2006/46", the year and number that tell resolutions apart.
const MIN_SYMBOL: usize = 9;
/// Below this, a title is not worth a column of its own beside the symbol.
const MIN_TITLE: usize = 12;
/// "2006" and "2006-07".
const YEAR: usize = 4;
const YEAR_MONTH: usize = 7;

/// The widths of a list row's columns (0: not shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub symbol: usize,
    pub title: usize,
    pub date: usize,
}

impl Columns {
    /// The columns of `width` for a list whose widest symbol is `widest`
    /// (`None`: no row has one) and whose dates may have a month.
    /// Symbols get their width up to [`SYMBOL_SHARE`] of the row, dates
    /// the precision known where there is room, and the title the rest. A
    /// row without a symbol spans the symbol column with its title.
    pub fn fit(widest: Option<usize>, has_month: bool, width: usize) -> Columns {
        let longest = widest.unwrap_or(0).min(SYMBOL_CAP);
        let share = (width * SYMBOL_SHARE / 100).max(MIN_SYMBOL);
        let mut symbol = longest.min(share);
        if width < symbol + 1 + MIN_TITLE {
            symbol = symbol.min(width / 2);
        }
        let date = match width {
            w if has_month && w >= symbol + READABLE_TITLE + YEAR_MONTH + 2 => YEAR_MONTH,
            w if w >= symbol + MIN_TITLE + YEAR + 2 => YEAR,
            _ => 0,
        };
        let room = width.saturating_sub(date + usize::from(date > 0));
        let title = room.saturating_sub(symbol + usize::from(symbol > 0));
        Columns { symbol, title, date }
    }
}

/// Columns the widest row of any list needs whole: a symbol of
/// [`SYMBOL_CAP`], a readable title and the dates. The list is never
/// wider: the rest would stay empty.
pub const MAX_WIDTH_NEEDED: u16 = width_with_symbols(SYMBOL_CAP + 1);

/// A row's width with a symbol column of `symbol` (its space included).
const fn width_with_symbols(symbol: usize) -> u16 {
    (CHROME + symbol + READABLE_TITLE + 1 + YEAR_MONTH) as u16
}

fn row(app: &App, idx: ItemIdx, columns: &Columns) -> Text<'static> {
    let item = app.data.item(idx);
    // In the bookmarks list every row is bookmarked but those removed
    // while it shows: they are the ones marked, the titles kept whole.
    let mark = match (app.row == Row::Bookmarks, app.is_bookmarked(idx)) {
        (false, true) => "★ ",
        (true, false) => "☆ ",
        _ => "",
    };
    let label = format!("{mark}{}", sanitize(item.label()));
    let mut spans = Vec::new();
    let symbol = item.symbol.as_deref().map(sanitize).filter(|s| !s.is_empty());
    // A row without a symbol gives the empty column to its title.
    let mut title_width = columns.title;
    match symbol {
        Some(symbol) if columns.symbol > 0 => {
            let shown = fit(&elide_symbol_start(&symbol, columns.symbol), columns.symbol);
            spans.push(Span::styled(shown, app.theme.symbol()));
            spans.push(Span::raw(" "));
        }
        _ if columns.symbol > 0 => title_width += columns.symbol + 1,
        _ => {}
    }
    let title_style = if item.short_title.is_none() && !item.title_known() {
        app.theme.unconfirmed()
    } else {
        ratatui::style::Style::new()
    };
    // Decided by the column, not the row, so every row of a list follows
    // one rule: a row without a symbol has more room than the column.
    let beside = (columns.title >= WIDE_TITLE).then(|| full_title_beside(item, &label, title_width));
    match beside.flatten() {
        Some(full) => {
            spans.push(Span::styled(label, title_style));
            spans.push(Span::styled(full, app.theme.dim()));
        }
        None => spans.push(Span::styled(fit(&label, title_width), title_style)),
    }
    if columns.date > 0 {
        let date = app
            .data
            .date(idx)
            .map(|d| compact(&d, columns.date))
            // Marked where the order puts it last: in a list by date.
            .unwrap_or_else(|| match app.sort_order(app.row) {
                SortOrder::Date => UNDATED.to_string(),
                _ => String::new(),
            });
        spans.push(Span::raw(" "));
        spans.push(Span::styled(fit(&date, columns.date), app.theme.dim()));
    }
    Text::from(Line::from(spans))
}

/// A title column this wide (a zoomed list, `z`) shows an item's full
/// title after its short one: the room would otherwise stay blank (a
/// trial saw 90 blank columns between a short title and the date).
const WIDE_TITLE: usize = 60;
/// What leads the full title after the short one.
const FULL_TITLE_LEAD: &str = " · ";
/// The least of a full title worth showing after its short one.
const MIN_FULL_TITLE: usize = 12;

/// What follows `label`, the short title of `item` shown in `width`
/// columns, to fill them: the full title, led and cut to fit, where the
/// item has a short title it spells out.
fn full_title_beside(item: &crate::data::Item, label: &str, width: usize) -> Option<String> {
    let room = width.checked_sub(label.width())?;
    let spelt_out = item.title_known() && item.short_title.as_deref().is_some_and(|short| short != &*item.title);
    if !spelt_out || room < MIN_FULL_TITLE {
        return None;
    }
    Some(fit(&format!("{FULL_TITLE_LEAD}{}", sanitize(&item.title)), room))
}

/// The date column of an undated item in a list by date: a mark, so it
/// does not read as a date missing from the screen, and says why the item
/// is last.
const UNDATED: &str = "—";

/// Dates in lists: the year, or year and month where there is room.
fn compact(date: &crate::data::PartialDate, width: usize) -> String {
    match date.month {
        Some(m) if width >= YEAR_MONTH => format!("{}-{m:02}", date.year),
        _ => date.year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_column_takes_at_most_its_share_and_leaves_the_title_the_rest() {
        // An outcome list at 80 columns: symbols of 28 no longer leave the
        // title 11 columns.
        let columns = Columns::fit(Some(28), true, 44);
        assert_eq!(columns.symbol, 44 * SYMBOL_SHARE / 100);
        assert!(columns.title >= 20, "{columns:?}");
        // ECOSOC symbols stay whole when the row has room for them.
        assert_eq!(Columns::fit(Some(13), true, 44).symbol, 13);
        // A narrow list still keeps "…/2006/46".
        assert_eq!(Columns::fit(Some(13), true, 18).symbol, MIN_SYMBOL);
        // No symbols, no column.
        assert_eq!(Columns::fit(None, true, 44).symbol, 0);
        for width in 0..120 {
            let c = Columns::fit(Some(28), true, width);
            let used = c.symbol + c.title + c.date + usize::from(c.symbol > 0) + usize::from(c.date > 0);
            assert!(used <= width, "{width}: {c:?}");
        }
    }
}
