//! Pure rendering: from `&App` to a frame. Nothing here changes state.

pub mod banner;
pub mod breadcrumbs;
pub mod categories;
pub mod cite;
pub mod cut;
pub mod detail;
pub mod follow;
pub mod help;
mod help_rows;
pub mod hints;
pub mod items;
pub mod jump;
mod links;
pub mod loading;
pub mod path;
pub mod search;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::app::{App, Overlay, Pane};
use crate::data::ItemIdx;
use crate::text::sanitize;

/// Below this even one pane cannot show anything useful.
pub const MIN_WIDTH: u16 = 40;
/// Below this width only the focused pane shows, the whole width its own
/// (as lazygit does in a narrow window): two panes side by side would
/// leave each too narrow to read.
pub const TWO_PANES_FROM: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

pub fn view(app: &App, frame: &mut Frame) {
    let area = banner::render(app, frame, frame.area());
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    let [main, hint_bar] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    // Overlays draw bottom to top; what an opaque one covers is not drawn.
    let first_visible = app.overlays.iter().rposition(Overlay::is_opaque);
    if first_visible.is_none() {
        render_panes(app, frame, main);
    }
    for overlay in &app.overlays[first_visible.unwrap_or(0)..] {
        render_overlay(app, overlay, frame, main);
    }
    hints::render(app, frame, hint_bar, main);
}

fn render_panes(app: &App, frame: &mut Frame, main: Rect) {
    let [categories_area, items_area, detail_area] = pane_areas(app, main);
    categories::render(app, frame, categories_area);
    items::render(app, frame, items_area);
    let [trail, detail_area] = split_trail(detail_area);
    breadcrumbs::render(app, frame, trail);
    detail::render(app, frame, detail_area);
}

fn render_overlay(app: &App, overlay: &Overlay, frame: &mut Frame, main: Rect) {
    match overlay {
        Overlay::Search(search) => search::render(app, search, frame, main),
        Overlay::Timeline(timeline) => timeline::render(app, timeline, frame, main),
        Overlay::Jump(jump) => jump::render(app, jump, frame, main),
        Overlay::Path(path) => path::render(app, path, frame, main),
        Overlay::Help(help) => help::render(app, help, frame, main),
        Overlay::Follow(follow) => follow::render(app, follow, frame, main),
        Overlay::Cite(choice) => cite::render(app, choice, frame, main),
        Overlay::Links(choice) => links::render(app, choice, frame, main),
    }
}

/// The screen between the banner (if any) and the hint bar, at the app's
/// size: where panes and overlays are drawn.
pub fn main_area(app: &App) -> Rect {
    let (width, height) = app.size;
    let banner = banner::height(app, width, height);
    Rect::new(0, banner, width, height.saturating_sub(banner + 1))
}

/// Where the detail text is drawn (inside its borders) at the app's size.
pub fn detail_text_area(app: &App) -> Rect {
    let [_, _, detail_area] = pane_areas(app, main_area(app));
    Block::bordered().inner(split_trail(detail_area)[1])
}

/// Categories, items and detail side by side, at widths that depend on the
/// terminal's width and on which panes show, never on focus or on the
/// list shown: panes that change size as focus moves, or as the selection
/// moves between categories, make the eye hunt for the text it was
/// reading (lazygit's and gitui's panes keep their widths; a trial saw the
/// list narrow to 23 columns when the category pane took focus).
///
/// The category pane is as wide as its names ([`categories_width`]). It
/// shows beside the others where the list keeps the widest row any
/// category needs and the detail [`READABLE_DETAIL`] (see
/// [`categories_beside`]), and otherwise only while it has focus (the
/// item pane's title names the category, the hint bar says how to bring it
/// back), as ranger and lazygit narrow the panes not in use: there it
/// takes its room from both others. The item list has [`LIST_SHARE`] of
/// what the category pane leaves, but never more than the widest row of
/// any category needs ([`items::MAX_WIDTH_NEEDED`]: the rest would stay
/// empty) nor so much that the detail has fewer than [`MIN_DETAIL_WIDTH`];
/// the detail has the rest. Neither narrows as the terminal widens, but
/// where the category pane joins beside them: there it takes its room
/// from the detail, which keeps [`READABLE_DETAIL`]. Below
/// [`TWO_PANES_FROM`] columns, or zoomed (`z`), focus decides alone: its
/// pane shows over the whole width ([`one_pane`]).
pub fn pane_areas(app: &App, main: Rect) -> [Rect; 3] {
    if main.width < TWO_PANES_FROM || app.zoomed {
        return one_pane(app.focus, main);
    }
    let beside = categories_beside(app, main.width);
    let categories = if beside || app.focus == Pane::Categories {
        categories_width(app, main.width)
    } else {
        0
    };
    // Beside, the pane's room comes from the detail: the list keeps the
    // width it had without it, the widest row's (a trial saw the list
    // fall from 66 to 41 columns, its titles cut, where the pane joined).
    let list = if beside {
        items::MAX_WIDTH_NEEDED
    } else {
        list_width(main.width - categories)
    };
    Layout::horizontal([
        Constraint::Length(categories),
        Constraint::Length(list),
        Constraint::Min(0),
    ])
    .areas(main)
}

/// The pane `focus` over all of `main`, the others empty at its edges.
fn one_pane(focus: Pane, main: Rect) -> [Rect; 3] {
    let none = |x| Rect { x, width: 0, ..main };
    match focus {
        Pane::Categories => [main, none(main.right()), none(main.right())],
        Pane::Items => [none(main.x), main, none(main.right())],
        Pane::Detail => [none(main.x), none(main.x), main],
    }
}

/// Whether the category pane shows beside the list and the detail at
/// `width` columns whatever has focus: where the list keeps the widest
/// row any category needs and the detail [`READABLE_DETAIL`] beside both
/// (156 columns with the bundled corpus). Reckoned on the widest list,
/// not the one shown, so the pane does not come and go as the selection
/// moves between categories.
pub fn categories_beside(app: &App, width: u16) -> bool {
    width >= categories_width(app, width) + items::MAX_WIDTH_NEEDED + READABLE_DETAIL
}

/// The category pane's width at `width` columns: all its longest name and
/// count need where the list and the detail keep their least beside it
/// (80 columns: "ECOSOC resolutions 19" was cut one column short by the
/// share), else at most [`MAX_CATEGORY_SHARE`], names that do not fit
/// shown by their abbreviation (`categories`).
fn categories_width(app: &App, width: u16) -> u16 {
    let needed = categories::width_needed(app);
    if width >= needed.saturating_add(MIN_LIST_WIDTH + MIN_DETAIL_WIDTH) {
        return needed;
    }
    needed.min(share(width, MAX_CATEGORY_SHARE))
}

/// The item list's width in `rest` columns (the screen but the category
/// pane); the detail gets the others. Grows with `rest` and never by more
/// than `rest` does, so neither pane narrows as the terminal widens.
fn list_width(rest: u16) -> u16 {
    let wanted = share(rest, LIST_SHARE).min(items::MAX_WIDTH_NEEDED);
    wanted
        .min(rest.saturating_sub(MIN_DETAIL_WIDTH))
        .max(MIN_LIST_WIDTH.min(rest))
}

/// The list keeps at least this much: the ends of its symbols.
const MIN_LIST_WIDTH: u16 = 20;
/// The category pane never takes more than this share of the width.
const MAX_CATEGORY_SHARE: u16 = 30;
/// The item list's share of the width the category pane leaves: at 120
/// columns 66, the GA list's symbols, its titles up to 41 columns (all
/// but one of the GA's short titles; nine in ten of the corpus's labels
/// have 34 or fewer) and its dates, beside a detail of 54.
const LIST_SHARE: u16 = 55;
/// The detail keeps at least this much (at 80 columns with the category
/// pane shown, 30 of them).
const MIN_DETAIL_WIDTH: u16 = 30;
/// A detail this wide (borders included) is read without reflowing it:
/// 48 columns of text, inside the 45–75 characters a line that print
/// typography recommends. It is what the detail keeps beside the widest
/// list where the category pane joins beside them.
pub(crate) const READABLE_DETAIL: u16 = 50;

/// The breadcrumb line and, below it, the detail pane.
pub fn split_trail(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area)
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    // The key that quits where the reader is: q in the main view, Ctrl-C
    // in help; none in a prompt, where q is text and Ctrl-C cancels.
    let way_out = match crate::keymap::first_key_for(app.context(), &crate::app::Action::Quit) {
        Some(key) => format!("press {key} to quit"),
        None => "press Esc to leave the prompt".to_string(),
    };
    let message = format!(
        "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}. Enlarge the window, or {way_out}.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
}

/// Where the window stands in text that does not fit, as `less` says it,
/// in the one form help and the detail pane share: " lines 1–18 of 60 ↓ "
/// while more is below, " lines 20–37 of 60 ↑↓ " with more above too,
/// " lines 43–60 of 60 ↑ end " at the end; `None` when everything shows.
/// Short enough for the narrowest detail pane (30 columns) with
/// three-digit line numbers.
fn scroll_position(scroll: usize, height: usize, total: usize) -> Option<String> {
    window_position("lines ", scroll, height, total)
}

/// [`scroll_position`] for a list of `total` rows cut to `height`, with
/// `noun` before the numbers ("" for rows, which need no word).
fn window_position(noun: &str, first: usize, height: usize, total: usize) -> Option<String> {
    // A pane with no row for the list says nothing of it ("1–0 of 9").
    if total <= height || height == 0 {
        return None;
    }
    range_position(noun, first, (first + height).min(total), total)
}

/// Where rows `first..last` of `total` stand, as [`window_position`] says
/// it; `None` when they are all the rows or none.
fn range_position(noun: &str, first: usize, last: usize, total: usize) -> Option<String> {
    if last <= first || (first == 0 && last >= total) {
        return None;
    }
    let marks = match (first > 0, last < total) {
        (false, true) => "↓",
        (true, true) => "↑↓",
        (true, false) => "↑ end",
        (false, false) => "end",
    };
    Some(format!(" {noun}{}–{last} of {total} {marks} ", first + 1))
}

/// `block` with where rows `first..last` of `total` stand on its bottom
/// border, at the right; unchanged when they are all the rows.
fn with_range_position<'a>(app: &App, block: Block<'a>, first: usize, last: usize, total: usize) -> Block<'a> {
    match range_position("", first, last, total) {
        Some(position) => block.title_bottom(Line::styled(position, app.theme.key()).right_aligned()),
        None => block,
    }
}

/// `block` with where a cut list's window stands ("1–9 of 20 ↓") on its
/// bottom border, at the right; unchanged when every row shows.
fn with_list_position<'a>(app: &App, block: Block<'a>, first: usize, height: usize, total: usize) -> Block<'a> {
    match window_position("", first, height, total) {
        Some(position) => block.title_bottom(Line::styled(position, app.theme.key()).right_aligned()),
        None => block,
    }
}

/// `block` with the scroll position of its text on its bottom border, at
/// the right, when the text does not fit.
fn with_scroll_position<'a>(app: &App, block: Block<'a>, scroll: usize, height: usize, total: usize) -> Block<'a> {
    match scroll_position(scroll, height, total) {
        Some(position) => block.title_bottom(Line::styled(position, app.theme.key()).right_aligned()),
        None => block,
    }
}

/// `percent` of `width`, computed wide: `u16` products overflow past
/// about 2 000 columns.
fn share(width: u16, percent: u16) -> u16 {
    u16::try_from(u32::from(width) * u32::from(percent) / 100).unwrap_or(width)
}

/// Clears where a popup is drawn, borders included, and a column on
/// either side of it within `bounds`: text of the screen below that ran
/// up to the popup's border read as part of it ("│…│", a word cut against
/// the frame). On the popup's rows, the rest of a pane it covers part of
/// goes too (see [`erase_beside`]). Above and below, the popup's own
/// horizontal border parts it from the screen, and clearing a row there
/// would cut the panes' borders into pieces. Every overlay that leaves
/// the screen around it visible clears through here.
///
/// A popup with screen beside it (help, a path) also dims all of that
/// screen: words the popup cuts read as background, not as text of the
/// popup. One spanning the width (a prompt at the bottom) leaves the
/// screen above as it is, to be read while typing.
fn clear_popup(frame: &mut Frame, popup: Rect, bounds: Rect) {
    if popup.width < bounds.width {
        frame
            .buffer_mut()
            .set_style(bounds, Style::new().add_modifier(Modifier::DIM));
    }
    let left = popup.x.saturating_sub(POPUP_MARGIN).max(bounds.x);
    let right = (popup.right() + POPUP_MARGIN).min(bounds.right());
    let padded = Rect {
        x: left,
        width: right.saturating_sub(left),
        ..popup
    };
    let padded = padded.intersection(bounds);
    erase_beside(frame.buffer_mut(), padded, bounds);
    frame.render_widget(Clear, padded);
}

/// Blanks, on each row of `cleared`, the text beside it up to the nearest
/// pane border (or `bounds`): what is left of lines the popup covers
/// part of. A word cut at the edge ("WSIS-03/GE") reads as a typo, and
/// whole words torn from their sentence ("in the", "and") as noise at
/// the popup's frame; a pane the popup does not reach stays as it is.
fn erase_beside(buffer: &mut Buffer, cleared: Rect, bounds: Rect) {
    let in_pane = |buffer: &Buffer, x: u16, y: u16| !buffer[(x, y)].symbol().chars().any(is_box_drawing);
    if cleared.width == 0 {
        return;
    }
    for y in cleared.top()..cleared.bottom() {
        let (first, last) = (cleared.left(), cleared.right() - 1);
        let mut beside: Vec<u16> = Vec::new();
        if in_pane(buffer, first, y) {
            beside.extend((bounds.left()..first).rev().take_while(|&x| in_pane(buffer, x, y)));
        }
        if in_pane(buffer, last, y) {
            beside.extend((last + 1..bounds.right()).take_while(|&x| in_pane(buffer, x, y)));
        }
        for x in beside {
            buffer[(x, y)].reset();
        }
        cut_border_beside(buffer, first, last, y, bounds);
    }
}

/// On a row of a popup (cleared from `first` to `last`), the rest of a
/// pane's top or bottom border the popup cuts (a trial found "──────┐"
/// beside help at 100×30): its line and any title on it go, and its far
/// corner becomes the pane's side ("│"), which goes on below or above.
fn cut_border_beside(buffer: &mut Buffer, first: u16, last: u16, y: u16, bounds: Rect) {
    let goes_on = |x: u16, stems: &[char]| buffer[(x, y)].symbol().chars().any(|c| stems.contains(&c));
    let (rightwards, leftwards) = (goes_on(last, &STEM_RIGHT), goes_on(first, &STEM_LEFT));
    if rightwards {
        let run: Vec<u16> = (last + 1..bounds.right()).collect();
        erase_border_run(buffer, &run, y, &RIGHT_CORNERS);
    }
    if leftwards {
        let run: Vec<u16> = (bounds.left()..first).rev().collect();
        erase_border_run(buffer, &run, y, &LEFT_CORNERS);
    }
}

/// Blanks the cells `run` (outward from a popup) of a border on row `y` up
/// to its corner (of `corners`), which becomes "│"; a junction or a
/// vertical line stops it.
fn erase_border_run(buffer: &mut Buffer, run: &[u16], y: u16, corners: &[char]) {
    for &x in run {
        let symbol = buffer[(x, y)].symbol().to_string();
        if symbol.chars().any(|c| corners.contains(&c)) {
            buffer[(x, y)].set_symbol("│");
            return;
        }
        if symbol.chars().any(|c| c != '─' && is_box_drawing(c)) {
            return;
        }
        buffer[(x, y)].reset();
    }
}

/// Border pieces whose line goes on to the right, and to the left.
const STEM_RIGHT: [char; 5] = ['─', '┌', '└', '┬', '┴'];
const STEM_LEFT: [char; 5] = ['─', '┐', '┘', '┬', '┴'];
/// A border's far corner going right, and going left.
const RIGHT_CORNERS: [char; 2] = ['┐', '┘'];
const LEFT_CORNERS: [char; 2] = ['┌', '└'];

/// Pane borders and lines: where a word on screen ends.
fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257F}').contains(&c)
}

/// Blank columns kept between a popup's border and the screen below.
const POPUP_MARGIN: u16 = 1;

/// A rectangle of `percent_x` × `percent_y` of `area`, centred.
fn centered(area: Rect, percent_x: u16, percent_y: u16) -> Rect {
    let width = (u32::from(area.width) * u32::from(percent_x) / 100) as u16;
    let height = (u32::from(area.height) * u32::from(percent_y) / 100) as u16;
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A bordered list with the `▶` marker on `selected`, scrolled to keep it
/// near the middle: the one shape of every selectable list. Cut, it says
/// which rows show on its bottom border.
fn selectable_list<'a>(
    app: &App,
    rows: Vec<Text<'a>>,
    block: Block<'a>,
    selected: Option<usize>,
    focused: bool,
    area: Rect,
) -> (List<'a>, ListState) {
    let total = rows.len();
    counted_list(app, rows, total, block, selected, focused, area)
}

/// [`selectable_list`] of the first `rows` of a list of `total` (the
/// preview holds only the start of the first list, but counts it whole).
/// A row too wide for the list is cut with "…".
fn counted_list<'a>(
    app: &App,
    rows: Vec<Text<'a>>,
    total: usize,
    block: Block<'a>,
    selected: Option<usize>,
    focused: bool,
    area: Rect,
) -> (List<'a>, ListState) {
    let len = rows.len();
    let mut rows: Vec<Option<Text<'a>>> = rows.into_iter().map(Some).collect();
    let row = |at: usize| rows.get_mut(at).and_then(Option::take).unwrap_or_default();
    windowed_list(app, len, row, total, block, selected, focused, area)
}

/// What marks the selected row of a list, and the columns it takes.
const MARKER: &str = "▶ ";
pub(super) const MARKER_WIDTH: usize = 2;

/// [`counted_list`] for a list of `len` rows of which only those shown are
/// made (`row(i)` makes row `i`): the item list of a category may hold a
/// million items, each read from the dataset cache when first shown.
#[allow(clippy::too_many_arguments)]
fn windowed_list<'a>(
    app: &App,
    len: usize,
    mut row: impl FnMut(usize) -> Text<'a>,
    total: usize,
    block: Block<'a>,
    selected: Option<usize>,
    focused: bool,
    area: Rect,
) -> (List<'a>, ListState) {
    let height = usize::from(area.height.saturating_sub(2));
    let room = usize::from(block.inner(area).width).saturating_sub(MARKER_WIDTH);
    let offset = selected.map_or(0, |row| scroll_offset(row, len, height));
    let rows: Vec<ListItem> = (offset..len.min(offset.saturating_add(height)))
        .map(|at| ListItem::new(cut::fit_text(row(at), room)))
        .collect();
    let state = ListState::default().with_selected(selected.map(|row| row.saturating_sub(offset)));
    let block = with_list_position(app, block, offset, height, total.max(len));
    let list = List::new(rows)
        .block(block)
        .highlight_symbol(MARKER)
        .highlight_style(selection_style(app, focused));
    (list, state)
}

/// The preview beside the search results and the timeline: the item's
/// detail, without its related items selectable.
fn render_preview(app: &App, item: Option<ItemIdx>, frame: &mut Frame, area: Rect) {
    if area.width == 0 {
        return;
    }
    let block = pane_block(app, "Preview", false, area.width);
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let (lines, total) = item.map_or_else(
        || (Vec::new(), 0),
        |idx| {
            let detail = detail::cached_lines(app, idx, width, None);
            let shown = detail
                .lines
                .iter()
                .take(height)
                .map(|line| cut::fit_line(line.clone(), width));
            (shown.collect(), detail.lines.len())
        },
    );
    // A cut preview says so, as the detail does: Enter opens the rest.
    let block = with_scroll_position(app, block, 0, height, total);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A prompt's input line: its sigil, the text typed and a cursor.
fn prompt_line(app: &App, sigil: &'static str, input: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(sigil, app.theme.key()),
        Span::raw(sanitize(input)),
        Span::styled("▏", app.theme.key()),
    ])
}

/// A line editor's prompt in `width` columns: its sigil, the text and the
/// cursor where the next character goes. Text too long to fit is cut so
/// the cursor stays in view.
fn editor_line(app: &App, sigil: &'static str, input: &crate::app::LineEditor, width: usize) -> Line<'static> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let (before, after) = input.split_at_cursor();
    let (before, after) = (sanitize(before), sanitize(after));
    // The sigil and the cursor take columns of their own.
    let room = width.saturating_sub(sigil.width() + 1);
    let before = if before.width() > room {
        let mut used = 1; // the ellipsis
        let kept: Vec<char> = before
            .chars()
            .rev()
            .take_while(|c| {
                used += c.width().unwrap_or(0);
                used <= room
            })
            .collect();
        format!("…{}", kept.into_iter().rev().collect::<String>())
    } else {
        before
    };
    let after = crate::text::truncate(&after, room.saturating_sub(before.width()));
    Line::from(vec![
        Span::styled(sigil, app.theme.key()),
        Span::raw(before),
        Span::styled("▏", app.theme.key()),
        Span::raw(after),
    ])
}

/// A bordered pane `width` columns wide (borders included), its title
/// cut with "…" where the top border has no room for all of it.
fn pane_block<'a>(app: &App, title: &str, focused: bool, width: u16) -> Block<'a> {
    // The corners and a space either side of the title.
    let room = usize::from(width).saturating_sub(TITLE_CHROME);
    let title = cut::fit_line(Line::raw(title), room);
    Block::bordered()
        .border_style(app.theme.border(focused))
        .title(Line::styled(format!(" {title} "), app.theme.title(focused)))
}

/// Columns of a top border a title cannot use: two corners, two spaces.
const TITLE_CHROME: usize = 4;

fn selection_style(app: &App, focused: bool) -> Style {
    if focused {
        app.theme.selected()
    } else {
        app.theme.selected_unfocused()
    }
}

/// First visible row that keeps `selected` in view near the middle.
pub(crate) fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

#[cfg(test)]
mod tests {
    use super::{scroll_position, window_position};

    #[test]
    fn a_cut_list_says_which_rows_show() {
        assert_eq!(window_position("", 0, 9, 20).as_deref(), Some(" 1–9 of 20 ↓ "));
        assert_eq!(window_position("", 11, 9, 20).as_deref(), Some(" 12–20 of 20 ↑ end "));
        assert_eq!(window_position("", 0, 9, 9), None, "every row shows");
        assert_eq!(window_position("", 0, 0, 9), None, "no row for the list");
    }

    #[test]
    fn the_position_says_which_lines_show_and_whether_more_is_below() {
        assert_eq!(scroll_position(0, 18, 60).as_deref(), Some(" lines 1–18 of 60 ↓ "));
        assert_eq!(scroll_position(19, 18, 60).as_deref(), Some(" lines 20–37 of 60 ↑↓ "));
        assert_eq!(
            scroll_position(42, 18, 60).as_deref(),
            Some(" lines 43–60 of 60 ↑ end ")
        );
        assert_eq!(scroll_position(0, 60, 60), None, "everything shows");
        // The longest of a 420-line text fits a 30-column pane's border.
        let long = scroll_position(384, 36, 420).unwrap();
        assert_eq!(long, " lines 385–420 of 420 ↑ end ");
        assert!(long.chars().count() + 2 <= 30, "{long}");
    }
}
