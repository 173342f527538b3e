//! The search overlay: the query, ranked results with the matched
//! characters highlighted, and a preview of the highlighted result.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use super::{editor_line, main_area, pane_block, render_preview, selectable_list, with_list_position};
use crate::app::{App, Dir, SearchState};
use crate::search::{Field, Hit, Matched};
use crate::text::{sanitize, truncate};

pub fn render(app: &App, search: &SearchState, frame: &mut Frame, area: Rect) {
    let [input_area, body] = Layout::vertical([Constraint::Length(INPUT_HEIGHT), Constraint::Min(0)]).areas(area);
    let count = if search.query.trim().is_empty() {
        "type to search".to_string()
    } else if search.pending && search.hits.is_empty() {
        // Not "0 results": nothing is known yet.
        "searching…".to_string()
    } else {
        let more = if search.pending { "…" } else { "" };
        let results = match search.hits.len() {
            1 => "1 result".to_string(),
            count => format!("{count} results"),
        };
        match search.hits.fewer_words() {
            // No item holds every word: these lack the words named.
            Some(fewer) => format!("{results}{more} without {}", fewer.dropped_quoted()),
            None => format!("{results}{more}"),
        }
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

    let [results_area, preview_area] = split_body(body);
    render_results(app, search, frame, results_area);
    render_preview(app, search.selection(), frame, preview_area);
}

/// The search box's height (its line and borders).
const INPUT_HEIGHT: u16 = 3;
/// From this width on, the results share the body with a preview.
const PREVIEW_FROM: u16 = 70;

/// The results list and the preview beside it, under the search box.
fn split_body(body: Rect) -> [Rect; 2] {
    let preview_width = if body.width >= PREVIEW_FROM { body.width / 2 } else { 0 };
    Layout::horizontal([Constraint::Min(0), Constraint::Length(preview_width)]).areas(body)
}

/// Where the results are drawn at the app's size.
fn results_area(app: &App) -> Rect {
    let [_, body] = Layout::vertical([Constraint::Length(INPUT_HEIGHT), Constraint::Min(0)]).areas(main_area(app));
    split_body(body)[0]
}

/// How many hits one page moves, rows of one or two lines alike: down,
/// as many as fit from the selection on (from the first hit, the first hit
/// not shown); up, as many as fit above it. Where the hits of the two
/// pages fill the rows alike, a page up undoes a page down.
pub fn page(app: &App, search: &SearchState, dir: Dir) -> usize {
    let area = results_area(app);
    let width = usize::from(area.width.saturating_sub(CHROME));
    let rows = usize::from(area.height.saturating_sub(2));
    let height = once_each(|i| hit_height(app, search, &search.hits[i], width));
    let selected = search.selected.min(search.hits.len());
    let page = match dir {
        Dir::Down => fitting_from(height, selected, search.hits.len(), rows),
        Dir::Up => fitting_above(height, selected, rows),
    };
    page.max(1)
}

/// How many of the hits from `selected` on fit in `rows`.
fn fitting_from(height: impl Fn(usize) -> usize, selected: usize, len: usize, rows: usize) -> usize {
    let (mut end, mut used) = (selected, 0);
    while end < len && used + height(end) <= rows {
        used += height(end);
        end += 1;
    }
    end - selected
}

/// How many of the hits just above `selected` fit in `rows`.
fn fitting_above(height: impl Fn(usize) -> usize, selected: usize, rows: usize) -> usize {
    let (mut first, mut used) = (selected, 0);
    while first > 0 && used + height(first - 1) <= rows {
        used += height(first - 1);
        first -= 1;
    }
    selected - first
}

/// Borders (2) and the selection marker (2).
const CHROME: u16 = 4;

fn render_results(app: &App, search: &SearchState, frame: &mut Frame, area: Rect) {
    let block = pane_block(app, "Results", true, area.width);
    if search.hits.is_empty() {
        let message = if search.query.trim().is_empty() {
            "Symbols (70/125), titles, bodies, tags, years or words of a summary.".to_string()
        } else if search.pending {
            "Searching…".to_string()
        } else {
            // A symbol one slip away is named, never searched instead.
            match &search.slips {
                Some(slips) => sanitize(&format!("No match; did you mean {slips}?")),
                None => "No match.".to_string(),
            }
        };
        // Wrapped, not cut: a hint cut short hides what it offers.
        let hint = Paragraph::new(message).wrap(Wrap { trim: true });
        frame.render_widget(hint.style(app.theme.dim()).block(block), area);
        return;
    }
    let rows = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(CHROME));
    let shown = window(
        once_each(|i| hit_height(app, search, &search.hits[i], width)),
        search.selected,
        search.hits.len(),
        rows,
    );
    // Only the hits shown are highlighted and explained.
    let items: Vec<Text> = search.hits[shown.clone()]
        .iter()
        .map(|hit| hit_rows(app, search, hit, width))
        .collect();
    // Hits take one or two rows: the window is counted in hits.
    let block = with_list_position(app, block, shown.start, shown.len(), search.hits.len());
    let (list, _) = selectable_list(app, items, block, None, true, area);
    let mut state = ListState::default().with_selected(Some(search.selected - shown.start));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The hits that fit in `rows` lines, hit `i` taking `height(i)` of them:
/// the selected one near the middle, as [`super::scroll_offset`] places
/// rows of one line, and the last page full.
pub fn window(height: impl Fn(usize) -> usize, selected: usize, len: usize, rows: usize) -> Range<usize> {
    if len == 0 {
        return 0..0;
    }
    let selected = selected.min(len - 1);
    // Back from the selection while the lines above fill about half: the
    // selection's first line on the middle row.
    let above_room = (rows / 2 + 1).saturating_sub(height(selected));
    let (mut start, mut above) = (selected, 0);
    while start > 0 && above + height(start - 1) <= above_room {
        above += height(start - 1);
        start -= 1;
    }
    // No further down than the first hit of a full last page. A hit takes
    // a row at least, so a start a page or more from the end is never past
    // it: the last hits are not looked at (past the head of the hits,
    // looking at one orders them all: `search::Hits`).
    let start = if start + rows <= len {
        start
    } else {
        start.min(last_page_start(&height, len, rows))
    };
    let (mut end, mut used) = (start, 0);
    while end < len && (end == start || used + height(end) <= rows) {
        used += height(end);
        end += 1;
    }
    start..end.max(selected + 1)
}

/// The first of the hits of a full last page of `rows`.
fn last_page_start(height: impl Fn(usize) -> usize, len: usize, rows: usize) -> usize {
    let (mut last_start, mut below) = (len, 0);
    while last_start > 0 && below + height(last_start - 1) <= rows {
        below += height(last_start - 1);
        last_start -= 1;
    }
    last_start
}

/// The first row of a hit (its symbol and title, cut to `width`), the
/// characters of it the query matched, and what explains the match when
/// the row does not show it.
fn explain(app: &App, search: &SearchState, hit: &Hit, width: usize) -> (String, Vec<usize>, Option<Matched>) {
    let item = app.data.item(hit.item);
    let shown = match &item.symbol {
        Some(symbol) => format!("{symbol}  {}", item.label()),
        None => item.label().to_string(),
    };
    let text = truncate(&sanitize(&shown), width);
    let matched = app.index.highlight(&text, search.searched());
    let explained;
    let matches = if hit.matched.is_empty() {
        explained = app.index.explain_hit(hit, search.searched());
        &explained
    } else {
        &hit.matched
    };
    let not_shown = |m: &&Matched| !(m.field == Field::Symbol || m.field == Field::Title && shown.contains(&m.text));
    // The field that shows the most query words, the first of those: a
    // title holding one beside a tag holding both shows the tag. An id
    // only repeats the row's words: it explains a hit only when the row
    // itself marks nothing.
    let why = matches
        .iter()
        .filter(not_shown)
        .filter(|m| m.field != Field::Id)
        .min_by_key(|m| std::cmp::Reverse(words_marked(m)))
        .or_else(|| matches.iter().filter(not_shown).find(|_| matched.is_empty()))
        .cloned();
    (text, matched, why)
}

/// How many distinct words `matched` marks (a word marked twice counts
/// once), case aside.
fn words_marked(matched: &Matched) -> usize {
    let chars: Vec<char> = matched.text.chars().collect();
    let mut words: Vec<String> = matched
        .ranges
        .iter()
        .map(|range| {
            chars[range.start.min(chars.len())..range.end.min(chars.len())]
                .iter()
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words.len()
}

/// `height`, asked at most once per hit: [`window`] asks for some hits
/// several times, and each answer explains the hit.
fn once_each(height: impl Fn(usize) -> usize) -> impl Fn(usize) -> usize {
    let known = RefCell::new(HashMap::new());
    move |i| *known.borrow_mut().entry(i).or_insert_with(|| height(i))
}

/// Lines a hit takes: one, and a second when something explains it.
fn hit_height(app: &App, search: &SearchState, hit: &Hit, width: usize) -> usize {
    1 + usize::from(explain(app, search, hit, width).2.is_some())
}

/// A hit's rows: its symbol and title with the matched words marked, then,
/// only when the first row does not show it, the field that explains the
/// match (the full title behind a short one, a tag, a body, a summary; the
/// id only when the first row marks nothing).
fn hit_rows(app: &App, search: &SearchState, hit: &Hit, width: usize) -> Text<'static> {
    let (text, matched, why) = explain(app, search, hit, width);
    let mut lines = vec![Line::from(highlighted(&text, &matched, app))];
    if let Some(why) = why {
        lines.push(why_line(app, &why, width));
    }
    Text::from(lines)
}

/// "  tags: internet governance", dimmed, the matched words marked.
fn why_line(app: &App, why: &Matched, width: usize) -> Line<'static> {
    let label = format!("  {}: ", why.field.name());
    let room = width.saturating_sub(label.width());
    let why = narrowed_to_width(why, room);
    let text = truncate(&why.text, room);
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

/// `why` cut around its focus ([`Matched::narrowed`]) and sanitized, to
/// at most `room` columns as drawn (a raw override measures nothing, its
/// symbol a column; one char each, so the ranges still hold): cut by
/// chars, then to fewer while wide chars (CJK) leave it wider, so cutting
/// its end to the width never cuts off the word it is shown for.
fn narrowed_to_width(why: &Matched, room: usize) -> Matched {
    let mut chars = room;
    loop {
        let mut narrowed = why.narrowed(chars);
        narrowed.text = sanitize(&narrowed.text);
        let over = narrowed.text.width().saturating_sub(room);
        if over == 0 || chars == 0 {
            return narrowed;
        }
        // A wide char takes two columns: half the excess in chars at least.
        chars = chars.saturating_sub(over.div_ceil(2));
    }
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

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::narrowed_to_width;
    use crate::search::{Field, Matched};

    #[test]
    fn a_why_row_of_wide_text_keeps_the_word_it_is_shown_for() {
        // "2025" early, then wide text, then the word the row is for.
        let text = format!("2025年{}年次報告書を採択した。", "委員会は進捗を審査し".repeat(6));
        let word = |w: &str| {
            let at = text[..text.find(w).expect("in the text")].chars().count();
            at..at + w.chars().count()
        };
        let why = Matched {
            field: Field::Summary,
            text: text.clone(),
            ranges: vec![word("2025"), word("年次報告書")],
            focus: 1,
        };
        for room in 24..=80 {
            let narrowed = narrowed_to_width(&why, room);
            assert!(narrowed.text.width() <= room, "{room}: {}", narrowed.text);
            let focus = narrowed.ranges[narrowed.focus].clone();
            let shown: String = narrowed.text.chars().skip(focus.start).take(focus.len()).collect();
            assert_eq!(shown, "年次報告書", "{room}: {}", narrowed.text);
        }
    }

    /// Control characters and bidirectional overrides are drawn as
    /// visible symbols a column wide (a raw override measures none): the
    /// row is cut to the width it is drawn at, so the word it is shown for
    /// is never cut off its end.
    #[test]
    // One match, as a one-element list of char ranges.
    #[allow(clippy::single_range_in_vec_init)]
    fn a_why_row_is_measured_as_it_is_drawn() {
        let overrides = "委\u{202e}".repeat(20);
        let text = format!("{overrides}年次報告書{overrides}");
        let at = overrides.chars().count();
        let why = Matched {
            field: Field::Summary,
            text,
            ranges: vec![at..at + "年次報告書".chars().count()],
            focus: 0,
        };
        for room in 24..=60 {
            let narrowed = narrowed_to_width(&why, room);
            let drawn = &narrowed.text;
            assert!(drawn.width() <= room, "{room}: {drawn}");
            let focus = narrowed.ranges[narrowed.focus].clone();
            let shown: String = drawn.chars().skip(focus.start).take(focus.len()).collect();
            assert_eq!(shown, "年次報告書", "{room}: {drawn}");
        }
    }

    #[test]
    fn the_window_looks_only_at_hits_it_may_show() {
        let looked = std::cell::RefCell::new(Vec::new());
        let height = |i: usize| {
            looked.borrow_mut().push(i);
            1 + i % 2
        };
        let (len, rows) = (1_000_000, 38);
        let shown = super::window(height, 5, len, rows);
        assert!(shown.contains(&5), "{shown:?}");
        let furthest = looked.borrow().iter().copied().max();
        assert!(furthest.is_some_and(|i| i < 5 + rows), "looked at {furthest:?}");
        // Near the end, the last page still bounds the start.
        let shown = super::window(|_| 1, len - 2, len, rows);
        assert_eq!(shown, len - rows..len);
    }

    use super::{fitting_above, fitting_from, once_each, window};

    /// Hits of one line, but every third of two.
    fn mixed(i: usize) -> usize {
        if i.is_multiple_of(3) { 2 } else { 1 }
    }

    fn lines(range: &std::ops::Range<usize>) -> usize {
        range.clone().map(mixed).sum()
    }

    #[test]
    fn one_line_hits_scroll_as_the_other_lists() {
        for selected in 0..40 {
            let shown = window(|_| 1, selected, 40, 10);
            assert_eq!(shown.start, super::super::scroll_offset(selected, 40, 10), "{selected}");
            assert_eq!(shown.len(), 10);
        }
    }

    #[test]
    fn a_page_up_undoes_a_page_down() {
        for rows in 2..15 {
            // From the first hit, down lands on the first hit not shown.
            let down = fitting_from(mixed, 0, 40, rows);
            assert_eq!(down, window(mixed, 0, 40, rows).len(), "{rows} rows");
            assert_eq!(fitting_above(mixed, down, rows), down, "{rows} rows");
            // From anywhere when the hits are of one height.
            for selected in 0..30 {
                let down = fitting_from(|_| 1, selected, 100, rows);
                assert_eq!(
                    fitting_above(|_| 1, selected + down, rows),
                    down,
                    "{selected}, {rows} rows"
                );
            }
        }
        // Mixed heights from anywhere: back at the selection or, when a
        // shorter hit fits where a taller one did not, just above it.
        for selected in 0..30 {
            let down = fitting_from(mixed, selected, 40, 10);
            let up = fitting_above(mixed, selected + down, 10);
            assert!((down..=down + 1).contains(&up), "{selected}: down {down}, up {up}");
        }
        assert_eq!(fitting_above(mixed, 0, 10), 0);
        assert_eq!(fitting_from(mixed, 40, 40, 10), 0);
    }

    #[test]
    fn mixed_heights_keep_the_selection_in_view_and_fill_the_rows() {
        for len in [1, 5, 12, 40] {
            for selected in 0..len {
                let shown = window(mixed, selected, len, 10);
                assert!(shown.contains(&selected), "{selected} of {len}: {shown:?}");
                assert!(lines(&shown) <= 10, "{selected} of {len}: {shown:?}");
                // Full unless the list ends: no room left for the next hit.
                if shown.end < len {
                    assert!(lines(&shown) + mixed(shown.end) > 10, "{selected} of {len}: {shown:?}");
                }
                // The last page is full too: no room for the hit before it.
                if shown.end == len && shown.start > 0 {
                    assert!(
                        lines(&shown) + mixed(shown.start - 1) > 10,
                        "{selected} of {len}: {shown:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn one_line_hits_fit_twice_as_many_as_two_line_hits() {
        assert_eq!(window(|_| 1, 0, 40, 10).len(), 10);
        assert_eq!(window(|_| 2, 0, 40, 10).len(), 5);
    }

    #[test]
    fn a_window_asks_each_hit_its_height_once() {
        let asked = std::cell::RefCell::new(Vec::new());
        let height = once_each(|i| {
            asked.borrow_mut().push(i);
            1 + i % 2
        });
        let shown = window(height, 20, 40, 10);
        let mut asked = asked.into_inner();
        let count = asked.len();
        asked.sort_unstable();
        asked.dedup();
        assert_eq!(asked.len(), count, "no hit asked twice");
        assert!(shown.contains(&20));
    }
}
