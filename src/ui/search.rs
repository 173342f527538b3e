//! The search overlay: the query, ranked results with the matched
//! characters highlighted, and a preview of the highlighted result.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{editor_line, pane_block, render_preview, scroll_offset, selectable_list};
use crate::app::{App, SearchState};
use crate::search::{Field, excerpt};
use crate::text::{sanitize, truncate};

pub fn render(app: &App, search: &SearchState, frame: &mut Frame, area: Rect) {
    let [input_area, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let count = if search.query.trim().is_empty() {
        "type to search".to_string()
    } else {
        let more = if search.pending { "…" } else { "" };
        format!("{} results{more}", search.hits.len())
    };
    let input = Paragraph::new(editor_line(
        app,
        "/ ",
        &search.query,
        usize::from(input_area.width.saturating_sub(2)),
    ))
    .block(
        Block::bordered()
            .border_style(app.theme.border(true))
            .title(Line::styled(
                format!(" Search: {} ", search.scope.name()),
                app.theme.title(true),
            ))
            .title_bottom(Line::from(format!(" {count} ")).right_aligned()),
    );
    frame.render_widget(input, input_area);

    let preview_width = if body.width >= 70 { body.width / 2 } else { 0 };
    let [results_area, preview_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(preview_width)]).areas(body);
    render_results(app, search, frame, results_area);
    render_preview(app, search.selection(), frame, preview_area);
}

fn render_results(app: &App, search: &SearchState, frame: &mut Frame, area: Rect) {
    let block = pane_block(app, "Results", true);
    if search.hits.is_empty() {
        let message = if search.query.trim().is_empty() {
            "Symbols (70/125), titles, bodies, tags or words of a summary."
        } else {
            "No match."
        };
        frame.render_widget(Paragraph::new(message).style(app.theme.dim()).block(block), area);
        return;
    }
    let height = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(4));
    let offset = scroll_offset(search.selected, search.hits.len(), height);
    // Highlights are computed for the visible rows only.
    let rows: Vec<ListItem> = search
        .hits
        .iter()
        .enumerate()
        .map(|(row, hit)| {
            if row < offset || row >= offset + height {
                return ListItem::new("");
            }
            let item = app.data.item(hit.item);
            let tag = match hit.field {
                Field::Symbol | Field::Title | Field::Id => String::new(),
                field => format!("  [{}]", field.name()),
            };
            let shown = match &item.symbol {
                Some(symbol) => format!("{symbol}  {}", item.label()),
                None => item.label().to_string(),
            };
            let room = width.saturating_sub(tag.chars().count());
            let long_text = matches!(hit.field, Field::Summary | Field::Points);
            // Long-text hits give the title less room, for the excerpt.
            let title_room = if long_text { room * 2 / 5 } else { room };
            let text = truncate(&sanitize(&shown), title_room);
            let matched = app.index.highlight(&text, &search.query);
            let mut spans = highlighted(&text, &matched, app);
            let excerpt_room = room.saturating_sub(text.width() + 2);
            let found = match hit.field {
                Field::Summary => excerpt(&item.summary, &search.query, excerpt_room),
                Field::Points => item.points.iter().find_map(|p| excerpt(p, &search.query, excerpt_room)),
                _ => None,
            };
            if let Some(found) = found {
                spans.push(Span::raw("  "));
                let text = truncate(&sanitize(&found.text), excerpt_room);
                spans.extend(highlighted(&text, &found.matched, app).into_iter().map(|s| {
                    if s.style == ratatui::style::Style::default() {
                        s.style(app.theme.dim())
                    } else {
                        s
                    }
                }));
            }
            spans.push(Span::styled(tag, app.theme.dim()));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let (list, mut state) = selectable_list(app, rows, block, Some(search.selected), true, area);
    frame.render_stateful_widget(list, area, &mut state);
}

/// Splits `text` into runs of matched and unmatched characters.
fn highlighted(text: &str, matched: &[usize], app: &App) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let is_match = matched.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched, app));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched, app));
    }
    spans
}

fn styled_run(text: String, matched: bool, app: &App) -> Span<'static> {
    if matched {
        Span::styled(text, app.theme.matched())
    } else {
        Span::raw(text)
    }
}
