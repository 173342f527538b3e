//! "Links": the item's official link and sources, one row each, and the
//! one under the cursor in full below them, as it will be opened or copied.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::path::no_taller_than;
use super::{centered, clear_popup, pane_block, selectable_list};
use crate::app::{App, LinkKind, LinksChoice, links};
use crate::sources;
use crate::text::{sanitize, wrap, wrap_showing_all};

/// The popup's share of the screen, in per cent: wide, for long links.
const POPUP_WIDTH_PERCENT: u16 = 80;
const POPUP_HEIGHT_PERCENT: u16 = 80;

/// The links list's borders; it gets the rows the full link leaves.
const BORDERS: u16 = 2;

/// What a row calls its link, padded so the links line up.
fn label(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Official => "official ",
        LinkKind::Source => "source   ",
    }
}

/// What the full view says of where a link is.
fn host_note(url: &str) -> &'static str {
    if sources::is_official(url) {
        "✓ on an official publisher's site"
    } else {
        "· a secondary copy (a mirror, a news or reference page)"
    }
}

pub fn render(app: &App, choice: &LinksChoice, frame: &mut Frame, area: Rect) {
    let rows = links(app.data, choice.item);
    let Some(&(_, shown)) = rows.get(choice.selected) else {
        return;
    };
    let popup = centered(area, POPUP_WIDTH_PERCENT, POPUP_HEIGHT_PERCENT);
    let inner_width = usize::from(popup.width.saturating_sub(BORDERS)).max(1);
    // Data, so sanitised: a link reaches the terminal here.
    let mut full: Vec<Line> = wrap_showing_all(&sanitize(shown), inner_width)
        .into_iter()
        .map(Line::raw)
        .collect();
    let note = wrap(host_note(shown), inner_width).into_iter();
    full.extend(note.map(|line| Line::styled(line, app.theme.status())));
    let full_height = u16::try_from(full.len()).unwrap_or(u16::MAX).saturating_add(BORDERS);
    let list_height = u16::try_from(rows.len()).unwrap_or(u16::MAX).saturating_add(BORDERS);
    let popup = no_taller_than(popup, list_height.saturating_add(full_height));
    // The full link keeps its rows first: it is what is opened or copied.
    let full_height = full_height.min(popup.height.saturating_sub(BORDERS + 1));
    let [list_area, full_area] = Layout::vertical([Constraint::Min(0), Constraint::Length(full_height)]).areas(popup);
    let list_rows = rows
        .iter()
        .map(|&(kind, url)| {
            Text::from(Line::from(vec![
                Span::raw(format!("{} ", sources::mark(url))),
                Span::styled(label(kind), app.theme.key()),
                Span::raw(sanitize(url)),
            ]))
        })
        .collect();
    let title = format!("Links of {}", app.status_name(choice.item));
    let block = pane_block(app, &sanitize(&title), true, list_area.width);
    let (list, mut state) = selectable_list(app, list_rows, block, Some(choice.selected), true, list_area);
    clear_popup(frame, popup, area);
    frame.render_stateful_widget(list, list_area, &mut state);
    let block = pane_block(app, "What Enter opens, y copies", false, full_area.width);
    frame.render_widget(Paragraph::new(full).block(block), full_area);
}
