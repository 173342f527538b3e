//! The right pane: everything about one item, then its related items
//! grouped by relation. The selected link is kept in view.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::{pane_block, with_scroll_position};
use crate::app::{App, Pane, follow_label};
use crate::data::{CATEGORIES, DATE_NOT_KNOWN, Dataset, Item, ItemIdx, TITLE_NOT_CONFIRMED};
use crate::graph::{self, Related};
use crate::sources::{self, SOURCES_HEADING};
use crate::text::{sanitize, truncate, wrap, wrap_link};

/// The lines of a detail view and the line of each related item.
pub struct DetailLines {
    pub lines: Vec<Line<'static>>,
    pub link_lines: Vec<usize>,
    /// The line of each relation group's heading.
    pub group_lines: Vec<usize>,
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Detail;
    let block = pane_block(app, "Detail", focused, area.width);
    let inner = block.inner(area);
    let Some(idx) = app.selected_item() else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let selected = app.link_row.filter(|_| focused);
    let detail = cached_lines(app, idx, usize::from(inner.width), selected);
    let height = usize::from(inner.height);
    let scroll = usize::from(visible_scroll(&detail, app.detail_scroll, height));
    // Only the visible lines are copied into the frame.
    let width = usize::from(inner.width);
    let visible: Vec<Line> = detail.lines[scroll..(scroll + height).min(detail.lines.len())]
        .iter()
        .map(|line| super::cut::fit_line(line.clone(), width))
        .collect();
    // The related items often start below the first screen: say so.
    let block = with_scroll_position(app, block, scroll, height, detail.lines.len());
    frame.render_widget(Paragraph::new(visible).block(block), area);
}

/// The last detail built, for the item, width, link and theme it was built
/// for: wrapping a long text once, not on every frame and every key.
#[derive(Default)]
pub struct DetailMemo(RefCell<Option<(MemoKey, Rc<DetailLines>)>>);

type MemoKey = (ItemIdx, usize, Option<usize>, Theme);

/// The detail of `idx` at `width`, built once and then taken from the memo.
pub fn cached_lines(app: &App, idx: ItemIdx, width: usize, selected: Option<usize>) -> Rc<DetailLines> {
    let key = (idx, width, selected, app.theme);
    let mut memo = app.detail_memo.0.borrow_mut();
    match memo.as_ref() {
        Some((cached, lines)) if *cached == key => Rc::clone(lines),
        _ => {
            let built = Rc::new(lines(app.data, idx, &app.theme, width, selected));
            *memo = Some((key, Rc::clone(&built)));
            built
        }
    }
}

/// The related item drawn at `at`, if any (for mouse clicks).
pub fn link_at(app: &App, area: Rect, at: ratatui::layout::Position) -> Option<usize> {
    let idx = app.selected_item()?;
    let inner = pane_block(app, "", false, area.width).inner(area);
    if !inner.contains(at) {
        return None;
    }
    let focused = app.focus == Pane::Detail;
    let selected = app.link_row.filter(|_| focused);
    let detail = cached_lines(app, idx, usize::from(inner.width), selected);
    let scroll = visible_scroll(&detail, app.detail_scroll, usize::from(inner.height));
    let line = usize::from(scroll) + usize::from(at.y - inner.y);
    detail.link_lines.iter().position(|&l| l == line)
}

/// The first line to show: the requested scroll, no further than the last
/// page. Update keeps it in range; this guards a resize between the two.
pub fn visible_scroll(detail: &DetailLines, requested: u16, height: usize) -> u16 {
    let max = detail.lines.len().saturating_sub(height);
    u16::try_from(usize::from(requested).min(max)).unwrap_or(u16::MAX)
}

/// The line of each relation group's heading in the detail of `idx`.
pub fn group_lines(app: &App, idx: ItemIdx) -> Vec<usize> {
    let inner = super::detail_text_area(app);
    let selected = app.link_row.filter(|_| app.focus == Pane::Detail);
    cached_lines(app, idx, usize::from(inner.width), selected)
        .group_lines
        .clone()
}

/// The lines of the detail of `idx` at the app's size that keep their
/// order whatever the width (each relation group's heading and each
/// related item's row, one line each), and how many lines it has: a
/// resize keeps the reader's place by them.
pub fn landmark_lines(app: &App, idx: ItemIdx) -> (Vec<usize>, usize) {
    let inner = super::detail_text_area(app);
    let selected = app.link_row.filter(|_| app.focus == Pane::Detail);
    let detail = cached_lines(app, idx, usize::from(inner.width), selected);
    let mut landmarks: Vec<usize> = detail.group_lines.iter().chain(&detail.link_lines).copied().collect();
    landmarks.sort_unstable();
    (landmarks, detail.lines.len())
}

/// How many first lines the detail pane can start at, as drawn at the
/// app's size (1 when everything fits).
pub fn scroll_range(app: &App, idx: ItemIdx) -> usize {
    let inner = super::detail_text_area(app);
    let selected = app.link_row.filter(|_| app.focus == Pane::Detail);
    let detail = cached_lines(app, idx, usize::from(inner.width), selected);
    detail.lines.len().saturating_sub(usize::from(inner.height)) + 1
}

/// Builds the detail of `idx` wrapped to `width`; `selected` marks a link row.
pub fn lines(data: &Dataset, idx: ItemIdx, theme: &Theme, width: usize, selected: Option<usize>) -> DetailLines {
    let width = width.max(MIN_TEXT_WIDTH);
    let mut out = Builder {
        lines: Vec::new(),
        width,
        measure: width.min(READING_MEASURE),
        theme,
    };
    out.header(data, idx);
    out.fields(data, idx);
    out.text(data.item(idx));
    let (link_lines, group_lines) = out.related(data, idx, selected);
    out.sources(data.item(idx));
    DetailLines {
        lines: out.lines,
        link_lines,
        group_lines,
    }
}

/// Narrower than this, text is wrapped as if it had this much room.
const MIN_TEXT_WIDTH: usize = 10;
/// Prose (title, summary, points, notes) is wrapped to at most this many
/// columns, however wide the pane: the longer the line, the more often the
/// eye's sweep back to the start of the next one lands on the wrong line.
/// Print typography keeps to 45–75 characters; a screen's readers skim
/// more and tolerate longer lines, and 100 is the usual upper bound for
/// them. 100 also keeps the 120-column layouts, whose detail is narrower,
/// exactly as they were. Fields, related items and sources are rows of a
/// table or links, and keep the pane's width.
pub const READING_MEASURE: usize = 100;
/// Width of the field names column ("Date", "Category", ...).
const LABEL_WIDTH: usize = 9;

/// The detail's lines as they are built, wrapped to `width`, prose to
/// `measure`.
struct Builder<'t> {
    lines: Vec<Line<'static>>,
    width: usize,
    measure: usize,
    theme: &'t Theme,
}

impl Builder<'_> {
    /// Prose wrapped to the reading measure after `indent`.
    fn wrapped(&mut self, text: &str, indent: &str, style: Style) {
        self.wrapped_to(self.measure, text, indent, style);
    }

    /// `text` wrapped to `width` after `indent`, continuation lines aligned
    /// under it.
    fn wrapped_to(&mut self, width: usize, text: &str, indent: &str, style: Style) {
        let indent_width = indent.chars().count();
        let body_width = width.saturating_sub(indent_width).max(1);
        for (i, line) in wrap(&sanitize(text), body_width).into_iter().enumerate() {
            let lead = if i == 0 {
                indent.to_string()
            } else {
                " ".repeat(indent_width)
            };
            self.lines
                .push(Line::from(vec![Span::raw(lead), Span::styled(line, style)]));
        }
    }

    /// A named field: the name in its column, the value wrapped beside it.
    fn field(&mut self, name: &str, value: &str) {
        self.field_with(name, value, wrap);
    }

    /// [`Self::field`], the value wrapped by `wrap`.
    fn field_with(&mut self, name: &str, value: &str, wrap: fn(&str, usize) -> Vec<String>) {
        let rest = self.width.saturating_sub(LABEL_WIDTH).max(1);
        for (i, line) in wrap(&sanitize(value), rest).into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(format!("{name:<LABEL_WIDTH$}"), self.theme.label())
            } else {
                Span::raw(" ".repeat(LABEL_WIDTH))
            };
            self.lines.push(Line::from(vec![lead, Span::raw(line)]));
        }
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn heading(&mut self, text: String, style: Style) {
        self.lines.push(Line::from(Span::styled(text, style)));
    }

    fn header(&mut self, data: &Dataset, idx: ItemIdx) {
        let item = data.item(idx);
        if let Some(name) = item.heading_name() {
            self.heading(sanitize(name), self.theme.symbol());
        }
        if item.title_known() {
            self.wrapped(&item.title, "", Style::new().add_modifier(Modifier::BOLD));
        } else {
            self.wrapped(TITLE_NOT_CONFIRMED, "", self.theme.unconfirmed());
        }
        self.blank();
    }

    fn fields(&mut self, data: &Dataset, idx: ItemIdx) {
        let item = data.item(idx);
        if let Some(date) = data.date_span(idx) {
            self.field("Date", &date);
        } else if data.listed_by_date(idx) {
            self.field("Date", DATE_NOT_KNOWN);
        }
        if let Some(body) = &item.body {
            self.field("Body", body);
        }
        self.field("Category", CATEGORIES[data.category_of(idx)].name);
        if let Some(url) = &item.url {
            // Whole, over as many rows as it takes: read to be cited.
            self.field_with("URL", url, wrap_link);
        }
        let origin = data.origin(idx);
        if !origin.embedded {
            // Paths whole, over as many rows as they take, as a URL: a long
            // path cut at the end would hide the file's name.
            self.field_with("From", origin.file, wrap_link);
            match origin.standing() {
                (how, Some(replaced)) => {
                    self.field("", &format!("({how}"));
                    self.field_with("", &format!("{replaced})"), wrap_link);
                }
                (how, None) => self.field("", &format!("({how})")),
            }
        }
    }

    fn text(&mut self, item: &Item) {
        if !item.summary.is_empty() {
            self.blank();
            self.wrapped(&item.summary, "", Style::new());
        }
        if !item.points.is_empty() {
            self.blank();
            self.heading("Key points".into(), self.theme.heading());
            for point in &item.points {
                self.wrapped(point, "• ", Style::new());
            }
        }
        if !item.unconfirmed.is_empty() {
            self.blank();
            self.heading("⚠ Not confirmed by any source".into(), self.theme.unconfirmed());
            for note in &item.unconfirmed {
                self.wrapped(note, "? ", self.theme.unconfirmed());
            }
        }
    }

    /// The related items in their groups, each with its label; returns the
    /// line of each item and of each group heading.
    fn related(&mut self, data: &Dataset, idx: ItemIdx, selected: Option<usize>) -> (Vec<usize>, Vec<usize>) {
        let related = graph::related(data, idx);
        let mut link_lines = Vec::new();
        let mut group_lines = Vec::new();
        self.blank();
        self.heading(format!("Related ({})", related.len()), self.theme.heading());
        if related.is_empty() {
            self.heading("  none".into(), self.theme.dim());
        }
        for (label, entries) in graph::grouped(&related) {
            let title = format!(" {} ({})", capitalize(label), entries.len());
            group_lines.push(self.lines.len());
            self.heading(title, self.theme.relation());
            for entry in entries {
                let row = link_lines.len();
                link_lines.push(self.lines.len());
                let label = follow_label(row, related.len());
                let line = related_line(data, &entry, self.theme, self.width, &label, selected == Some(row));
                self.lines.push(line);
            }
        }
        (link_lines, group_lines)
    }

    fn sources(&mut self, item: &Item) {
        if !item.sources.is_empty() {
            self.blank();
            self.heading(SOURCES_HEADING.into(), self.theme.heading());
            for source in &item.sources {
                let mark = format!("{} ", sources::mark(source));
                self.wrapped_to(self.width, source, &mark, self.theme.link());
            }
        }
    }
}

/// A related item: its label (typed to follow it), symbol and title.
pub fn related_line(
    data: &Dataset,
    entry: &Related,
    theme: &Theme,
    width: usize,
    label: &str,
    selected: bool,
) -> Line<'static> {
    let target = data.item(entry.target);
    let marker = if selected { "▶" } else { " " };
    let label_span = Span::styled(format!("{label:>3}"), theme.key());
    let width = width.saturating_sub(label.len().max(3));
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
    let style = if selected { theme.selected() } else { Style::new() };
    let handle_end = (marker.chars().count() + handle.chars().count()).min(text.chars().count());
    let (head, tail): (String, String) = (
        text.chars().take(handle_end).collect(),
        text.chars().skip(handle_end).collect(),
    );
    Line::from(vec![
        label_span,
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
