//! The timeline: every dated item in date order, grouped by year, with its
//! category; the item the browser shows is marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};

use super::{pane_block, render_preview, scroll_offset, selectable_list, with_range_position};
use crate::app::{App, TimelineLine, TimelineState};
use crate::data::{CATEGORIES, ItemIdx};
use crate::text::{fit, sanitize, truncate};

pub fn render(app: &App, timeline: &TimelineState, frame: &mut Frame, area: Rect) {
    let preview_width = if area.width >= 100 { area.width * 2 / 5 } else { 0 };
    let [list_area, preview_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(preview_width)]).areas(area);
    let current = app.selected_item();
    let width = usize::from(list_area.width.saturating_sub(4));
    let height = usize::from(list_area.height.saturating_sub(2));
    let selected_line = timeline.line_of_row.get(timeline.selected).copied().unwrap_or(0);
    // Only the lines on screen are formatted (a timeline can be long).
    let offset = scroll_offset(selected_line, timeline.lines.len(), height);
    let end = (offset + height).min(timeline.lines.len());
    let rows: Vec<Text> = timeline.lines[offset..end]
        .iter()
        .map(|line| match *line {
            TimelineLine::Year(year) => Text::from(Line::from(Span::styled(year.to_string(), app.theme.heading()))),
            TimelineLine::Row(row) => item_line(app, timeline.rows[row], current, width),
        })
        .collect();
    // The mark is said where it is seen (a trial asked what it meant).
    let marked = if current.is_some_and(|idx| timeline.rows.contains(&idx)) {
        format!(", {MARKER}the one shown")
    } else {
        String::new()
    };
    let title = format!("Timeline — {} dated items{marked}", timeline.rows.len());
    // The position counts items, as the title does, not the year headings
    // among them (a trial read "220 dated items" beside "of 247").
    let shown_items = timeline.lines[offset..end].iter().filter_map(|line| match *line {
        TimelineLine::Row(row) => Some(row),
        TimelineLine::Year(_) => None,
    });
    let (first, last) = shown_items.fold((None, 0), |(first, _), row| (first.or(Some(row)), row + 1));
    let block = with_range_position(
        app,
        pane_block(app, &title, true, list_area.width),
        first.unwrap_or(0),
        last,
        timeline.rows.len(),
    );
    let selected = (!rows.is_empty()).then(|| selected_line - offset);
    let (list, mut state) = selectable_list(app, rows, block, selected, true, list_area);
    frame.render_stateful_widget(list, list_area, &mut state);
    render_preview(app, timeline.rows.get(timeline.selected).copied(), frame, preview_area);
}

/// "16 Dec" and a space, so the mark of the item shown never touches the date.
const WHEN_WIDTH: usize = 7;
const MARKER_WIDTH: usize = 2;
/// The mark of the item the browser shows, [`MARKER_WIDTH`] wide.
const MARKER: &str = "● ";
const CATEGORY_WIDTH: usize = 8;

/// One dated item: day and month, a mark on the item the browser shows, its
/// category, symbol and title.
fn item_line(app: &App, idx: ItemIdx, current: Option<ItemIdx>, width: usize) -> Text<'static> {
    let item = app.data.item(idx);
    let when = match app.data.date(idx).map(|d| (d.month_name(), d.day)) {
        Some((Some(month), Some(day))) => format!("{day:>2} {}", &month[..3]),
        Some((Some(month), None)) => format!("   {}", &month[..3]),
        _ => String::new(),
    };
    let marker = if Some(idx) == current { MARKER } else { "  " };
    let category = CATEGORIES[app.data.category_of(idx)].abbrev;
    let text = match &item.symbol {
        Some(symbol) => format!("{symbol}  {}", item.label()),
        None => item.label().to_string(),
    };
    let rest = width.saturating_sub(WHEN_WIDTH + MARKER_WIDTH + CATEGORY_WIDTH + 2);
    Text::from(Line::from(vec![
        Span::styled(fit(&when, WHEN_WIDTH), app.theme.dim()),
        Span::styled(marker, app.theme.key()),
        Span::styled(fit(category, CATEGORY_WIDTH), app.theme.relation()),
        Span::raw(truncate(&sanitize(&text), rest)),
    ]))
}
