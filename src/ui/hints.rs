//! The one-line hint bar, always visible, generated from the keymap. When
//! the line is too long it shows one key per action, then drops the hints
//! a user needs least.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{Action, App, LinkKind, Pane, links};
use crate::keymap::{CATEGORIES_HINT, CITE_HINT, CLEAR_FILTER_HINT, Hint, LINKS_HINT, UNZOOM_HINT, ZOOM_HINT, hints};
use crate::text::{sanitize, truncate};
use unicode_width::UnicodeWidthStr;

/// Hints dropped first when space runs out, in order.
const EXPENDABLE: &[&str] = &[
    "fwd",
    "panes",
    "history",
    "jump",
    "timeline",
    "clear",
    "sort",
    // In the detail, where it shows, sources are read: kept past "sort".
    LINKS_HINT,
    "next item",
    "move",
    // Kept longer than "move", as long as "back" allows: it shows only
    // where the detail is narrow, and reading it whole is what zoom is for.
    ZOOM_HINT,
    "back",
    // Shown only in the detail, where a reader cites what they read: kept
    // past "back" (Backspace is guessed; `c` is not), so 80 columns show it.
    CITE_HINT,
    "scroll",
];

/// Draws the hint bar in `area`; `main` is where the panes are drawn.
pub fn render(app: &App, frame: &mut Frame, area: Rect, main: Rect) {
    let width = usize::from(area.width);
    // Status text can quote data (symbols, URLs): never raw.
    let status = app.status.as_deref().map(sanitize);
    let status_width = status.as_deref().map_or(0, |s| s.width() + STATUS_CHROME);
    let room = width.saturating_sub(status_width + usize::from(status.is_some()));
    let categories_hidden = super::pane_areas(app, main)[0].width == 0;
    let help_filtered = app.help().is_some_and(|help| !help.filter.is_empty());
    let zoom_shows = zoom_hint_shows(app, main);
    let links_show = links_hint_shows(app);
    let hints = hints(app.context())
        .into_iter()
        .filter(|h| h.word != CATEGORIES_HINT || categories_hidden)
        .filter(|h| h.word != CLEAR_FILTER_HINT || help_filtered)
        .filter(|h| h.word != ZOOM_HINT || zoom_shows)
        .filter(|h| h.word != LINKS_HINT || links_show)
        .filter(|h| h.word != CITE_HINT || app.focus == Pane::Detail)
        .map(|h| (word(app, &h), h))
        .collect();
    // A status too long for the line takes all of it: no hint after it,
    // and no separator left dangling at the end (a trial saw "…│").
    let fitting_hints = if status_width > width {
        Vec::new()
    } else {
        fitting(hints, room, &expendable(app))
    };
    let mut spans = Vec::new();
    if let Some(status) = status {
        // Cut with "…" where it does not fit: a word cut off reads as a typo.
        let fitting_status = truncate(&status, width.saturating_sub(STATUS_CHROME));
        spans.push(Span::styled(format!(" {fitting_status} "), app.theme.status()));
        if !fitting_hints.is_empty() {
            spans.push(Span::raw("│"));
        }
    }
    for (word, hint) in fitting_hints {
        spans.push(Span::styled(format!(" {}", hint.keys.join("/")), app.theme.key()));
        spans.push(Span::raw(format!(" {word} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Whether the zoom key's hint shows: while zoomed (the way back), and
/// where zooming helps most, in a detail with focus narrower than a
/// comfortable read; not below two panes' width, where one pane shows
/// anyway. Help lists the key at every width.
fn zoom_hint_shows(app: &App, main: Rect) -> bool {
    if main.width < super::TWO_PANES_FROM {
        return false;
    }
    let detail = super::pane_areas(app, main)[2];
    app.zoomed || (app.focus == Pane::Detail && detail.width < super::READABLE_DETAIL)
}

/// Whether the links key's hint shows: where the detail has focus and
/// the links list holds a source, which the detail cuts to a line (a
/// source that is the official link, shown whole, does not count). Help
/// lists the key always.
fn links_hint_shows(app: &App) -> bool {
    app.focus == Pane::Detail
        && app
            .selected_item()
            .is_some_and(|item| links(app.data, item).iter().any(|&(kind, _)| kind == LinkKind::Source))
}

/// The spaces either side of a status message.
const STATUS_CHROME: usize = 2;

/// What ← does from the detail pane.
const LIST_HINT: &str = "list";

/// What Enter does in the follow list when nothing related matches.
const SEARCH_ALL_HINT: &str = "search all";

/// Whether Enter in the follow list searches all items: letters typed
/// that no related item matches.
fn follow_searches_all(app: &App) -> bool {
    app.follow_prompt()
        .is_some_and(|follow| !follow.filter.trim().is_empty() && follow.matches(app, &app.related()).is_empty())
}

/// The hint's word; the scope hint says which scope is on.
fn word(app: &App, hint: &Hint) -> String {
    match (&hint.action, app.search()) {
        (Action::SearchToggleScope, Some(search)) => format!("{}: {}", hint.word, search.scope.label()),
        // From the detail, ← focuses the list, not the categories (a
        // trial pressed it and saw only a border change).
        (Action::FocusLeft, None) if app.focus == Pane::Detail => LIST_HINT.to_string(),
        (Action::ToggleZoom, _) if app.zoomed => UNZOOM_HINT.to_string(),
        (Action::Open, None) if follow_searches_all(app) => SEARCH_ALL_HINT.to_string(),
        _ => hint.word.to_string(),
    }
}

fn width(hints: &[(String, Hint)]) -> usize {
    hints
        .iter()
        .map(|(word, h)| h.keys.join("/").chars().count() + word.chars().count() + 3)
        .sum()
}

fn fitting(mut hints: Vec<(String, Hint)>, room: usize, expendable: &[&str]) -> Vec<(String, Hint)> {
    if width(&hints) > room {
        hints.iter_mut().for_each(|(_, h)| h.keys.truncate(1));
    }
    for word in expendable {
        if width(&hints) <= room {
            break;
        }
        // By the word shown: "unzoom" stays, the way back from a zoom.
        hints.retain(|(shown, _)| shown != word);
    }
    // Still too long (a status message takes room): whole hints go, the
    // last first but those kept longest, never a word cut in half ("? hel").
    // The last hint's trailing space may be cut.
    while width(&hints).saturating_sub(1) > room {
        let last = hints.len().checked_sub(1);
        match hints
            .iter()
            .rposition(|(_, h)| !KEPT_LONGEST.contains(&h.word))
            .or(last)
        {
            Some(dropped) => hints.remove(dropped),
            None => break,
        };
    }
    hints
}

/// [`EXPENDABLE`], and in the detail pane "open" after "move": Enter
/// there follows the selected link, which `f` offers too, while in the
/// list it is the way to read an item. At 80 columns "open" then gives
/// way to "zoom" and "cite", what a reader of the detail needs.
fn expendable(app: &App) -> Vec<&'static str> {
    let mut order = EXPENDABLE.to_vec();
    if app.overlays.is_empty() && app.focus == Pane::Detail {
        let after_move = order
            .iter()
            .position(|&word| word == "move")
            .map_or(order.len(), |at| at + 1);
        order.insert(after_move, "open");
    }
    order
}

/// Hints that stay while any other can go: help, and the ways out (an
/// overlay's, then the program's). After a copy in the links list the
/// status left only "Ctrl-C quit", not how to close the list.
const KEPT_LONGEST: &[&str] = &["help", "close", "cancel", "quit"];
