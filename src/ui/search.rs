//! The search overlay: the query, ranked results with the matched
//! characters highlighted, and a preview of the highlighted result.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{editor_line, pane_block, render_preview, scroll_offset, selectable_list};
use crate::app::{App, SearchState};
use crate::search::{Field, Hit, Matched};
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

/// Rows per hit: the item, then why it matched.
const ROWS_PER_HIT: usize = 2;

fn render_results(app: &App, search: &SearchState, frame: &mut Frame, area: Rect) {
    let block = pane_block(app, "Results", true);
    if search.hits.is_empty() {
        let message = if search.query.trim().is_empty() {
            "Symbols (70/125), titles, bodies, tags, years or words of a summary."
        } else {
            "No match."
        };
        frame.render_widget(Paragraph::new(message).style(app.theme.dim()).block(block), area);
        return;
    }
    let height = usize::from(area.height.saturating_sub(2)) / ROWS_PER_HIT;
    let width = usize::from(area.width.saturating_sub(4));
    let offset = scroll_offset(search.selected, search.hits.len(), height);
    // Highlights and explanations are worked out for the visible rows only.
    let rows: Vec<ListItem> = search
        .hits
        .iter()
        .enumerate()
        .map(|(row, hit)| {
            if row < offset || row >= offset + height {
                return ListItem::new(vec![Line::from(""); ROWS_PER_HIT]);
            }
            hit_rows(app, search, hit, width)
        })
        .collect();
    let (list, _) = selectable_list(app, rows, block, Some(search.selected), true, area);
    // Two rows a hit: the offset counts hits, not rows.
    let mut state = ListState::default()
        .with_selected(Some(search.selected))
        .with_offset(offset);
    frame.render_stateful_widget(list, area, &mut state);
}

/// A hit's two rows: its symbol and title with the matched words marked,
/// then the field that explains the match when the first row does not show
/// it (the full title behind a short one, a tag, a body, a summary; the id
/// only when the first row marks nothing).
fn hit_rows(app: &App, search: &SearchState, hit: &Hit, width: usize) -> ListItem<'static> {
    let item = app.data.item(hit.item);
    let shown = match &item.symbol {
        Some(symbol) => format!("{symbol}  {}", item.label()),
        None => item.label().to_string(),
    };
    let text = truncate(&sanitize(&shown), width);
    let matched = app.index.highlight(&text, &search.query);
    let first = Line::from(highlighted(&text, &matched, app));
    let explained;
    let matches = if hit.matched.is_empty() {
        explained = app.index.explain_hit(hit, &search.query);
        &explained
    } else {
        &hit.matched
    };
    let not_shown = |m: &&Matched| !(m.field == Field::Symbol || m.field == Field::Title && shown.contains(&m.text));
    // An id only repeats the row's words: it explains a hit only when the
    // row itself marks nothing.
    let why = matches
        .iter()
        .filter(not_shown)
        .find(|m| m.field != Field::Id)
        .or_else(|| matches.iter().filter(not_shown).find(|_| matched.is_empty()));
    let second = match why {
        Some(why) => why_line(app, why, width),
        None => Line::from(""),
    };
    ListItem::new(vec![first, second])
}

/// "  tags: internet governance", dimmed, the matched words marked.
fn why_line(app: &App, why: &Matched, width: usize) -> Line<'static> {
    let label = format!("  {}: ", why.field.name());
    let room = width.saturating_sub(label.width());
    let why = why.narrowed(room);
    let text = truncate(&sanitize(&why.text), room);
    let marked: Vec<usize> = why.ranges.iter().flat_map(Clone::clone).collect();
    let mut spans = vec![Span::styled(label, app.theme.dim())];
    spans.extend(highlighted(&text, &marked, app).into_iter().map(|s| {
        if s.style == ratatui::style::Style::default() {
            s.style(app.theme.dim())
        } else {
            s
        }
    }));
    Line::from(spans)
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
