//! The middle pane: the items of the selected category.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::{pane_block, selectable_list};
use crate::app::{App, Pane, Row};
use unicode_width::UnicodeWidthStr;

use crate::text::{fit, sanitize, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Items;
    let title = app.row.name();
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
    // Room for the highlight symbol and borders.
    let width = usize::from(area.width.saturating_sub(4));
    // Full dates where there is room, years where there is not.
    let date_width = match width {
        w if w >= 50 => 10,
        w if w >= 24 => 4,
        _ => 0,
    };
    let text_width = width.saturating_sub(date_width + usize::from(date_width > 0));
    // Wide panes align symbols in a column; narrow ones run symbol and label together.
    let longest_symbol = items
        .iter()
        .filter_map(|&i| app.data.item(i).symbol.as_deref())
        .map(|s| s.chars().count())
        .max();
    let symbol_column = longest_symbol
        .filter(|_| text_width >= 36)
        .map(|longest| longest.min(18).min(text_width / 2));
    let rows: Vec<ListItem> = items
        .iter()
        .map(|&idx| {
            let item = app.data.item(idx);
            let mark = if app.is_bookmarked(idx) { "★ " } else { "" };
            let label = format!("{mark}{}", sanitize(item.label()));
            let symbol = item.symbol.as_deref().map(sanitize);
            let mut spans = Vec::new();
            match (symbol_column, symbol) {
                (Some(column), symbol) => {
                    spans.push(Span::styled(
                        fit(symbol.as_deref().unwrap_or(""), column),
                        app.theme.symbol(),
                    ));
                    spans.push(Span::raw(" "));
                    spans.push(Span::raw(fit(&label, text_width.saturating_sub(column + 1))));
                }
                (None, Some(symbol)) => {
                    let symbol = truncate(&symbol, text_width);
                    let rest = text_width.saturating_sub(symbol.width());
                    spans.push(Span::styled(symbol, app.theme.symbol()));
                    // A label only where it has room after a space.
                    let label = if rest > 1 {
                        format!(" {}", fit(&label, rest - 1))
                    } else {
                        " ".repeat(rest)
                    };
                    spans.push(Span::raw(label));
                }
                (None, None) => spans.push(Span::raw(fit(&label, text_width))),
            }
            if date_width > 0 {
                let date = app
                    .data
                    .date(idx)
                    .map(|d| if date_width >= 10 { iso(&d) } else { d.year.to_string() })
                    .unwrap_or_default();
                spans.push(Span::raw(" "));
                spans.push(Span::styled(fit(&date, date_width), app.theme.dim()));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let block = pane_block(app, title, focused);
    let (list, mut state) = selectable_list(app, rows, block, Some(app.item_row()), focused, area);
    frame.render_stateful_widget(list, area, &mut state);
}

/// Dates in lists are compact: 2015-12-16, 2020-12 or 2006.
fn iso(date: &crate::data::PartialDate) -> String {
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", date.year),
        (Some(m), None) => format!("{}-{m:02}", date.year),
        _ => date.year.to_string(),
    }
}
