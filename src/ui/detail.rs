//! The right pane: everything about one item, then its related items
//! grouped by relation. The selected link is kept in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::theme::Theme;
use crate::app::{App, Pane};
use crate::data::{CATEGORIES, Dataset, ItemIdx};
use crate::graph::{self, Related};
use crate::text::{sanitize, truncate, wrap};

/// The lines of a detail view and the line of each related item.
pub struct DetailLines {
    pub lines: Vec<Line<'static>>,
    pub link_lines: Vec<usize>,
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Detail;
    let block = pane_block(app, "Detail", focused);
    let inner = block.inner(area);
    let Some(idx) = app.selected_item() else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let selected = app.link_row.filter(|_| focused);
    let detail = lines(app.data, idx, &app.theme, usize::from(inner.width), selected);
    let scroll = visible_scroll(&detail, app.detail_scroll, selected, usize::from(inner.height));
    frame.render_widget(Paragraph::new(detail.lines).block(block).scroll((scroll, 0)), area);
}

/// The related item drawn at `at`, if any (for mouse clicks).
pub fn link_at(app: &App, area: Rect, at: ratatui::layout::Position) -> Option<usize> {
    let idx = app.selected_item()?;
    let inner = pane_block(app, "", false).inner(area);
    if !inner.contains(at) {
        return None;
    }
    let focused = app.focus == Pane::Detail;
    let selected = app.link_row.filter(|_| focused);
    let detail = lines(app.data, idx, &app.theme, usize::from(inner.width), selected);
    let scroll = visible_scroll(&detail, app.detail_scroll, selected, usize::from(inner.height));
    let line = usize::from(scroll) + usize::from(at.y - inner.y);
    detail.link_lines.iter().position(|&l| l == line)
}

/// The first line to show: the requested scroll, moved just enough to keep
/// the selected link on screen and no further than the last page.
pub fn visible_scroll(detail: &DetailLines, requested: u16, selected: Option<usize>, height: usize) -> u16 {
    let max = detail.lines.len().saturating_sub(height);
    let mut scroll = usize::from(requested).min(max);
    if let Some(line) = selected.and_then(|row| detail.link_lines.get(row)) {
        if *line < scroll {
            scroll = *line;
        } else if *line >= scroll + height {
            scroll = line + 1 - height;
        }
    }
    u16::try_from(scroll).unwrap_or(u16::MAX)
}

/// Builds the detail of `idx` wrapped to `width`; `selected` marks a link row.
pub fn lines(data: &Dataset, idx: ItemIdx, theme: &Theme, width: usize, selected: Option<usize>) -> DetailLines {
    let item = data.item(idx);
    let width = width.max(10);
    let mut out: Vec<Line<'static>> = Vec::new();
    let push_wrapped = |out: &mut Vec<Line<'static>>, text: &str, indent: &str, style| {
        let body_width = width.saturating_sub(indent.chars().count()).max(1);
        for (i, line) in wrap(&sanitize(text), body_width).into_iter().enumerate() {
            let lead = if i == 0 {
                indent.to_string()
            } else {
                " ".repeat(indent.chars().count())
            };
            out.push(Line::from(vec![Span::raw(lead), Span::styled(line, style)]));
        }
    };

    if let Some(symbol) = &item.symbol {
        out.push(Line::from(Span::styled(sanitize(symbol), theme.symbol())));
    }
    push_wrapped(
        &mut out,
        &item.title,
        "",
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    );
    out.push(Line::default());
    let field = |out: &mut Vec<Line<'static>>, name: &str, value: String| {
        let label = format!("{name:<9}");
        let rest = width.saturating_sub(9).max(1);
        for (i, line) in wrap(&sanitize(&value), rest).into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(label.clone(), theme.label())
            } else {
                Span::raw(" ".repeat(9))
            };
            out.push(Line::from(vec![lead, Span::raw(line)]));
        }
    };
    if let Some(date) = data.date(idx) {
        let until = item
            .until
            .as_deref()
            .and_then(|u| crate::data::PartialDate::parse(u).ok());
        let value = match until {
            Some(until) => format!("{date} – {until}"),
            None => date.to_string(),
        };
        field(&mut out, "Date", value);
    }
    if let Some(body) = &item.body {
        field(&mut out, "Body", body.clone());
    }
    field(&mut out, "Category", CATEGORIES[data.category_of(idx)].name.to_string());
    if let Some(url) = &item.url {
        field(&mut out, "URL", url.clone());
    }
    let origin = data.origin(idx);
    if !origin.embedded {
        let how = match &origin.replaced {
            Some(replaced) if replaced.embedded => "replaces the embedded item".to_string(),
            Some(replaced) => format!("replaces the item from {}", replaced.file),
            None => "your overlay".to_string(),
        };
        field(&mut out, "From", format!("{} ({how})", origin.file));
    }

    if !item.summary.is_empty() {
        out.push(Line::default());
        push_wrapped(&mut out, &item.summary, "", ratatui::style::Style::new());
    }
    if !item.points.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled("Key points", theme.heading())));
        for point in &item.points {
            push_wrapped(&mut out, point, "• ", ratatui::style::Style::new());
        }
    }
    if !item.unconfirmed.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            "⚠ Not confirmed by any source",
            theme.unconfirmed(),
        )));
        for note in &item.unconfirmed {
            push_wrapped(&mut out, note, "? ", theme.unconfirmed());
        }
    }

    let related = graph::related(data, idx);
    let mut link_lines = Vec::new();
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        format!("Related ({})", related.len()),
        theme.heading(),
    )));
    if related.is_empty() {
        out.push(Line::from(Span::styled("  none", theme.dim())));
    }
    let mut row = 0;
    for (label, entries) in graph::grouped(&related) {
        out.push(Line::from(Span::styled(
            format!(" {} ({})", capitalize(label), entries.len()),
            theme.relation(),
        )));
        for entry in entries {
            link_lines.push(out.len());
            out.push(related_line(data, &entry, theme, width, selected == Some(row)));
            row += 1;
        }
    }

    if !item.sources.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled("Sources", theme.heading())));
        for source in &item.sources {
            push_wrapped(&mut out, source, "• ", theme.link());
        }
    }
    DetailLines { lines: out, link_lines }
}

fn related_line(data: &Dataset, entry: &Related, theme: &Theme, width: usize, selected: bool) -> Line<'static> {
    let target = data.item(entry.target);
    let marker = if selected { "▶ " } else { "  " };
    let handle = target
        .symbol
        .as_deref()
        .map(|s| format!("{}  ", sanitize(s)))
        .unwrap_or_default();
    let mut text = format!("{marker}{handle}{}", sanitize(target.label()));
    if let Some(note) = entry.note {
        text.push_str(&format!(" ({})", sanitize(note)));
    }
    let text = truncate(&text, width);
    let style = if selected {
        theme.selected()
    } else {
        ratatui::style::Style::new()
    };
    let handle_end = (marker.chars().count() + handle.chars().count()).min(text.chars().count());
    let (head, tail): (String, String) = (
        text.chars().take(handle_end).collect(),
        text.chars().skip(handle_end).collect(),
    );
    Line::from(vec![
        Span::styled(head, style.patch(theme.symbol())),
        Span::styled(tail, style),
    ])
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}
