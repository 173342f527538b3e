//! The one table of key bindings. Event handling, the help overlay and the
//! hint bar are all generated from it.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use crate::app::Context;
use crate::app::{Action, App, Dir, Edit, Motion};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

/// The hint of the key that brings back the category pane; shown only
/// while that pane is hidden (narrow terminals).
pub const CATEGORIES_HINT: &str = "categories";

/// The hint of the key that zooms the focused pane; while it is zoomed
/// the hint bar says how to go back ([`UNZOOM_HINT`]).
pub const ZOOM_HINT: &str = "zoom";

/// What the zoom key's hint says while a pane is zoomed.
pub const UNZOOM_HINT: &str = "unzoom";

/// The hint of the key that lists an item's links; shown only where the
/// detail has focus and its item has a source (the detail cuts long ones).
pub const LINKS_HINT: &str = "links";
/// The hint of `c`, shown while the detail has focus: where a reader
/// copies a citation of what they read.
pub const CITE_HINT: &str = "cite";

/// The hint of the key that clears help's filter; shown only while help
/// keeps one.
pub const CLEAR_FILTER_HINT: &str = "clear filter";

/// Named motions, so the table reads as keys and what they do.
const UP: Action = Action::Move(Motion::By(-1));
const DOWN: Action = Action::Move(Motion::By(1));
const PAGE_UP: Action = Action::Move(Motion::Page(Dir::Up));
const PAGE_DOWN: Action = Action::Move(Motion::Page(Dir::Down));
const TOP: Action = Action::Move(Motion::Top);
const BOTTOM: Action = Action::Move(Motion::Bottom);

/// Line editing in the prompts, as in a shell.
const LEFT: Action = Action::Edit(Edit::Left);
const RIGHT: Action = Action::Edit(Edit::Right);
const START: Action = Action::Edit(Edit::Home);
const END: Action = Action::Edit(Edit::End);
const WORD_LEFT: Action = Action::Edit(Edit::WordLeft);
const WORD_RIGHT: Action = Action::Edit(Edit::WordRight);
const BACKSPACE: Action = Action::Edit(Edit::Backspace);
const DELETE: Action = Action::Edit(Edit::Delete);
const DELETE_WORD: Action = Action::Edit(Edit::DeleteWordBefore);
const DELETE_TO_START: Action = Action::Edit(Edit::DeleteToStart);

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// A word or two for the hint bar; bindings without one stay in help.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        description,
        hint,
    }
}

use Context::{Cite, Follow, Help, HelpFilter, Jump, Links, Main, Path, Search, Timeline};
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

// One binding per line reads as the table it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(Main, &[key(Up), ch('k')], UP, "move up in the focused pane", None),
    bind(Main, &[key(Down), ch('j')], DOWN, "move down in the focused pane", Some("move")),
    bind(Main, &[key(Left), ch('h')], Action::FocusLeft, "focus the pane to the left", Some(CATEGORIES_HINT)),
    bind(Main, &[key(Right), ch('l')], Action::FocusRight, "focus the pane to the right", Some("panes")),
    bind(Main, &[key(Tab)], Action::FocusNext, "focus the next pane", None),
    bind(Main, &[key(BackTab)], Action::FocusPrev, "focus the previous pane", None),
    bind(Main, &[ch('z')], Action::ToggleZoom, "zoom the focused pane to the whole width, or unzoom", Some(ZOOM_HINT)),
    bind(Main, &[key(Enter)], Action::Open, "open the item, or select and follow a related item", Some("open")),
    bind(Main, &[ch('J')], Action::StepItem(Dir::Down), "next item of the list, read in the detail pane (from any pane)", Some("next item")),
    bind(Main, &[ch('K')], Action::StepItem(Dir::Up), "previous item of the list, read in the detail pane", None),
    bind(Main, &[ch('f')], Action::StartFollow, "follow a related item: type its number, or letters to narrow", Some("follow")),
    bind(Main, &[ch('}')], Action::NextGroup, "scroll to the next group of related items", None),
    bind(Main, &[ch('{')], Action::PrevGroup, "scroll to the previous group of related items", None),
    bind(Main, &[key(Backspace), ch('['), alt(Left)], Action::Back, "back in history", Some("back")),
    bind(Main, &[ch(']'), alt(Right)], Action::Forward, "forward in history", Some("fwd")),
    bind(Main, &[ch('/')], Action::StartSearch, "search everything", Some("search")),
    bind(Main, &[ch('n')], Action::StepHit(true), "open the next hit of the last search", None),
    bind(Main, &[ch('N')], Action::StepHit(false), "open the previous hit of the last search", None),
    bind(Main, &[ch(':')], Action::StartJump, "jump to an id or symbol", Some("jump")),
    bind(Main, &[ch('t')], Action::ToggleTimeline, "timeline of every dated item", Some("timeline")),
    bind(Main, &[ch('g'), key(Home)], TOP, "go to the top", None),
    bind(Main, &[ch('G'), key(End)], BOTTOM, "go to the bottom", None),
    bind(Main, &[key(PageUp), ctrl('u')], PAGE_UP, "page up", None),
    bind(Main, &[key(PageDown), ctrl('d')], PAGE_DOWN, "page down", None),
    bind(Main, &[ch('o')], Action::OpenUrl, "open the official link in your browser", None),
    bind(Main, &[ch('y')], Action::CopyCitation, "copy a citation", None),
    bind(Main, &[ch('c')], Action::StartCite, "cite as: every citation style, shown in full, one to copy", Some(CITE_HINT)),
    bind(Main, &[ch('Y')], Action::CopyUrl, "copy the official link", None),
    bind(Main, &[ch('O')], Action::StartLinks, "links and sources in full, one to open or copy", Some(LINKS_HINT)),
    bind(Main, &[ch('s')], Action::CycleSort, "sort the list by date, by symbol, or as in the data", Some("sort")),
    bind(Main, &[ch('m')], Action::ToggleBookmark, "bookmark the item, or unbookmark it (wsis cite/export --bookmarks)", None),
    bind(Main, &[ch('p')], Action::MarkPathStart, "mark the item as the start of a path", None),
    bind(Main, &[ch('P')], Action::ShowPath, "show how the marked item connects to this one", None),
    bind(Main, &[ch('?'), key(F(1))], Action::ToggleHelp, "show every key binding", Some("help")),
    bind(Main, &[key(Esc)], Action::CloseOverlay, "close a message, else hide the banner (never quits)", None),
    bind(Main, &[ch('q'), ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(Search, &[key(Up), ctrl('k')], UP, "previous result (on an empty query: recall the last search)", None),
    bind(Search, &[key(Down), ctrl('j')], DOWN, "next result", Some("move")),
    bind(Search, &[key(PageUp)], PAGE_UP, "a page of results up", None),
    bind(Search, &[key(PageDown)], PAGE_DOWN, "a page of results down", None),
    bind(Search, &[key(Enter)], Action::SearchAccept, "open the selected result", Some("open")),
    bind(Search, &[ctrl('p')], Action::RecallOlder, "recall an earlier search", Some("history")),
    bind(Search, &[ctrl('n')], Action::RecallNewer, "recall a later search, then what you typed", None),
    bind(Search, &[key(Left), ctrl('b')], LEFT, "cursor left", None),
    bind(Search, &[key(Right), ctrl('f')], RIGHT, "cursor right", None),
    bind(Search, &[key(Home), ctrl('a')], START, "cursor to the start", None),
    bind(Search, &[key(End), ctrl('e')], END, "cursor to the end", None),
    bind(Search, &[alt(Char('b'))], WORD_LEFT, "cursor a word left", None),
    bind(Search, &[alt(Char('f'))], WORD_RIGHT, "cursor a word right", None),
    bind(Search, &[key(Backspace)], BACKSPACE, "delete the character before the cursor", None),
    bind(Search, &[key(Delete), ctrl('d')], DELETE, "delete the character under the cursor", None),
    bind(Search, &[ctrl('w')], DELETE_WORD, "delete the word before the cursor", None),
    bind(Search, &[ctrl('u')], DELETE_TO_START, "delete to the start of the query", Some("clear")),
    // Ctrl-C in a prompt cancels it, as in a shell, less or vim; it quits
    // only from a view, so a reflex never loses the reader's place.
    bind(
        Search,
        &[key(Esc), ctrl('c')],
        Action::SearchCancel,
        "close search, back to where you were",
        Some("cancel"),
    ),
    bind(
        Search,
        &[key(Tab)],
        Action::SearchToggleScope,
        "search the selected category, or everything",
        Some("scope"),
    ),
    bind(Search, &[key(F(1))], Action::ToggleHelp, "show every key binding", None),
    bind(Follow, &[key(Enter)], Action::Open, "follow the selected related item, or search all items if none matches", Some("follow")),
    // Ctrl-K / Ctrl-J first, as in search's prompt; Ctrl-P / Ctrl-N too, as
    // in fzf (this prompt has no history for them to recall).
    bind(Follow, &[key(Up), ctrl('k'), ctrl('p')], UP, "previous related item", None),
    bind(Follow, &[key(Down), ctrl('j'), ctrl('n')], DOWN, "next related item", Some("move")),
    bind(Follow, &[key(Tab), ch(']')], Action::NextGroup, "first item of the next relation group", Some("group")),
    bind(Follow, &[key(BackTab), ch('[')], Action::PrevGroup, "first item of the previous relation group", None),
    bind(Follow, &[key(Backspace)], Action::FollowBackspace, "delete the last digit or letter", None),
    bind(Follow, &[ctrl('w')], DELETE_WORD, "delete the last word of the filter", None),
    bind(Follow, &[ctrl('u')], DELETE_TO_START, "clear what was typed", Some("clear")),
    bind(Follow, &[key(Esc), ctrl('c')], Action::CloseOverlay, "cancel", Some("cancel")),
    bind(Jump, &[key(Enter)], Action::JumpAccept, "go to the id or symbol (or the selected completion)", Some("go")),
    bind(Jump, &[key(Tab)], Action::JumpComplete, "complete with the selected candidate", Some("complete")),
    bind(Jump, &[key(Up)], UP, "previous candidate (on an empty input: recall the last jump)", None),
    bind(Jump, &[key(Down)], DOWN, "next candidate", None),
    bind(Jump, &[ctrl('p')], Action::RecallOlder, "recall an earlier jump", Some("history")),
    bind(Jump, &[ctrl('n')], Action::RecallNewer, "recall a later jump, then what you typed", None),
    bind(Jump, &[key(Left), ctrl('b')], LEFT, "cursor left", None),
    bind(Jump, &[key(Right), ctrl('f')], RIGHT, "cursor right", None),
    bind(Jump, &[key(Home), ctrl('a')], START, "cursor to the start", None),
    bind(Jump, &[key(End), ctrl('e')], END, "cursor to the end", None),
    bind(Jump, &[alt(Char('b'))], WORD_LEFT, "cursor a word left", None),
    bind(Jump, &[alt(Char('f'))], WORD_RIGHT, "cursor a word right", None),
    bind(Jump, &[key(Backspace)], BACKSPACE, "delete the character before the cursor", None),
    bind(Jump, &[key(Delete), ctrl('d')], DELETE, "delete the character under the cursor", None),
    bind(Jump, &[ctrl('w')], DELETE_WORD, "delete the word before the cursor", None),
    bind(Jump, &[ctrl('u')], DELETE_TO_START, "delete to the start of the input", Some("clear")),
    bind(Jump, &[key(Esc), ctrl('c')], Action::CloseOverlay, "cancel", Some("cancel")),
    bind(Timeline, &[key(Up), ch('k')], UP, "earlier item", None),
    bind(Timeline, &[key(Down), ch('j')], DOWN, "later item", Some("move")),
    bind(Timeline, &[ch('g'), key(Home)], TOP, "first item", None),
    bind(Timeline, &[ch('G'), key(End)], BOTTOM, "last item", None),
    bind(Timeline, &[key(PageUp)], PAGE_UP, "page up", None),
    bind(Timeline, &[key(PageDown)], PAGE_DOWN, "page down", None),
    bind(Timeline, &[ch('}')], Action::NextGroup, "first item of the next year (or type a year)", Some("next year")),
    bind(Timeline, &[ch('{')], Action::PrevGroup, "first item of this year, then of the previous one", None),
    bind(Timeline, &[key(Enter)], Action::Open, "open the item", Some("open")),
    // q closes a read-only overlay, as in less and man; Ctrl-C quits.
    bind(Timeline, &[ch('q'), key(Esc), ch('t')], Action::ToggleTimeline, "close the timeline", Some("close")),
    bind(Timeline, &[ch('/')], Action::StartSearch, "search", Some("search")),
    bind(Timeline, &[ch(':')], Action::StartJump, "jump to an id or symbol", None),
    bind(Timeline, &[key(Backspace), ch('[')], Action::Back, "back in history", None),
    bind(Timeline, &[ch('?'), key(F(1))], Action::ToggleHelp, "help", Some("help")),
    bind(Timeline, &[ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(Path, &[key(Up), ch('k')], UP, "previous step", None),
    bind(Path, &[key(Down), ch('j')], DOWN, "next step", Some("move")),
    bind(Path, &[key(Enter)], Action::Open, "open the item of the step", Some("open")),
    bind(Path, &[ch('q'), key(Esc), ch('P')], Action::CloseOverlay, "close the path", Some("close")),
    bind(Path, &[ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(Cite, &[key(Up), ch('k')], UP, "previous style", None),
    bind(Cite, &[key(Down), ch('j')], DOWN, "next style", Some("move")),
    bind(Cite, &[ch('g'), key(Home)], TOP, "first style", None),
    bind(Cite, &[ch('G'), key(End)], BOTTOM, "last style", None),
    bind(Cite, &[key(PageUp), ctrl('u')], PAGE_UP, "scroll the citation up", None),
    bind(Cite, &[key(PageDown), ctrl('d')], PAGE_DOWN, "scroll the citation down", Some("scroll")),
    bind(Cite, &[key(Enter), ch('y')], Action::Open, "copy the citation in this style", Some("copy")),
    bind(Cite, &[ch('q'), key(Esc), ch('c')], Action::CloseOverlay, "close without copying", Some("close")),
    bind(Cite, &[ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(Links, &[key(Up), ch('k')], UP, "previous link", None),
    bind(Links, &[key(Down), ch('j')], DOWN, "next link", Some("move")),
    bind(Links, &[ch('g'), key(Home)], TOP, "first link", None),
    bind(Links, &[ch('G'), key(End)], BOTTOM, "last link", None),
    bind(Links, &[key(Enter), ch('o')], Action::OpenUrl, "open the link in your browser (the list stays)", Some("open")),
    bind(Links, &[ch('y')], Action::CopyUrl, "copy the link (the list stays)", Some("copy")),
    bind(Links, &[ch('q'), key(Esc), ch('O')], Action::CloseOverlay, "close", Some("close")),
    bind(Links, &[ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(Help, &[key(Up), ch('k')], UP, "scroll up", None),
    bind(Help, &[key(Down), ch('j')], DOWN, "scroll down", Some("scroll")),
    bind(Help, &[key(PageUp)], PAGE_UP, "page up", None),
    bind(Help, &[key(PageDown)], PAGE_DOWN, "page down", None),
    bind(Help, &[ch('g'), key(Home)], TOP, "top", None),
    bind(Help, &[ch('G'), key(End)], BOTTOM, "end", None),
    bind(Help, &[ch('/')], Action::StartHelpFilter, "filter: type words the rows' keys or description must hold", Some("filter")),
    // Esc takes back a filter before it closes help; q always closes.
    bind(Help, &[ch('q'), ch('?'), key(F(1))], Action::ToggleHelp, "close help", Some("close")),
    bind(Help, &[key(Esc)], Action::CloseOverlay, "clear the filter, or close help if none", Some(CLEAR_FILTER_HINT)),
    bind(Help, &[ctrl('c')], Action::Quit, "quit", Some("quit")),
    bind(HelpFilter, &[key(Enter)], Action::KeepHelpFilter, "keep the filter, scroll the rows it keeps", Some("keep")),
    bind(HelpFilter, &[key(Up)], UP, "scroll up", None),
    bind(HelpFilter, &[key(Down)], DOWN, "scroll down", Some("scroll")),
    bind(HelpFilter, &[key(PageUp)], PAGE_UP, "page up", None),
    bind(HelpFilter, &[key(PageDown)], PAGE_DOWN, "page down", None),
    bind(HelpFilter, &[key(Left), ctrl('b')], LEFT, "cursor left", None),
    bind(HelpFilter, &[key(Right), ctrl('f')], RIGHT, "cursor right", None),
    bind(HelpFilter, &[key(Home), ctrl('a')], START, "cursor to the start", None),
    bind(HelpFilter, &[key(End), ctrl('e')], END, "cursor to the end", None),
    bind(HelpFilter, &[alt(Char('b'))], WORD_LEFT, "cursor a word left", None),
    bind(HelpFilter, &[alt(Char('f'))], WORD_RIGHT, "cursor a word right", None),
    bind(HelpFilter, &[key(Backspace)], BACKSPACE, "delete the character before the cursor", None),
    bind(HelpFilter, &[key(Delete), ctrl('d')], DELETE, "delete the character under the cursor", None),
    bind(HelpFilter, &[ctrl('w')], DELETE_WORD, "delete the word before the cursor", None),
    bind(HelpFilter, &[ctrl('u')], DELETE_TO_START, "delete to the start of the filter", None),
    bind(HelpFilter, &[key(Esc), ctrl('c')], Action::CloseOverlay, "clear the filter, back to scrolling", Some("clear")),
    bind(HelpFilter, &[key(F(1))], Action::ToggleHelp, "close help", Some("close")),
];

/// Turns a terminal event into an action, or nothing.
pub fn handle_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key_event) if key_event.kind != KeyEventKind::Release => action_for_key(app.context(), key_event),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Paste(text) if app.context().is_prompt() => Some(Action::Paste(text.clone())),
        Event::Mouse(mouse) => crate::mouse::action_for_mouse(app, mouse),
        _ => None,
    }
}

pub fn action_for_key(context: Context, event: &KeyEvent) -> Option<Action> {
    let pressed = normalize(event);
    let bound = BINDINGS
        .iter()
        .find(|b| b.context == context && b.keys.contains(&pressed))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    // In a prompt, every printable character goes to the input.
    let printable = !pressed.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match (context, pressed.code) {
        (Search, KeyCode::Char(c)) if printable => Some(Action::SearchInput(c)),
        // A related item's number follows it, from the main view too.
        (Main | Follow, KeyCode::Char(c)) if printable && c.is_ascii_digit() => Some(Action::FollowLabel(c)),
        (Follow, KeyCode::Char(c)) if printable => Some(Action::FollowInput(c)),
        (Jump, KeyCode::Char(c)) if printable => Some(Action::JumpInput(c)),
        (HelpFilter, KeyCode::Char(c)) if printable => Some(Action::HelpFilterInput(c)),
        // Four digits go to a year ("2015").
        (Timeline, KeyCode::Char(c)) if printable && c.is_ascii_digit() => Some(Action::TimelineYear(c)),
        _ => None,
    }
}

/// Shifted characters and Shift-Tab arrive with SHIFT set on some terminals
/// and not on others; the character itself already says it.
fn normalize(event: &KeyEvent) -> Key {
    let mut modifiers = event.modifiers;
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: event.code,
        modifiers,
    }
}

/// How a key is written in help and hints: "↑", "Ctrl-C", "Alt-←".
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            c.to_ascii_uppercase().to_string()
        }
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    let mut name = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        name.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    name + &base
}

/// The name of the first key that does `action` in `context`, if any.
pub fn first_key_for(context: Context, action: &Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.action == *action)
        .and_then(|b| b.keys.first())
        .map(key_name)
}

/// "↑/k" for a binding's keys.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(key_name).collect::<Vec<_>>().join("/")
}

/// A section of help: its title and its (keys, description) rows.
pub type HelpSection = (&'static str, Vec<(String, &'static str)>);

/// Help sections: a title and its (keys, description) rows, from the table.
pub fn help_sections() -> Vec<HelpSection> {
    Context::ALL
        .iter()
        .map(|&context| {
            let unbound = unbound_keys(context)
                .iter()
                .map(|&(keys, what)| (keys.to_string(), what));
            let bound = BINDINGS
                .iter()
                .filter(|b| b.context == context)
                .map(|b| (keys_label(b), b.description));
            // In a prompt typing comes first; in the main view the moves
            // do (a trial found 0-9 and Ctrl-Z above ↑/k).
            let rows = if context == Main {
                bound.chain(unbound).collect()
            } else {
                unbound.chain(bound).collect()
            };
            (context.title(), rows)
        })
        .collect()
}

/// Keys that are not in the table, for help: typed ones, and Ctrl-Z,
/// which the terminal's input handles before any binding (`signals`).
fn unbound_keys(context: Context) -> &'static [(&'static str, &'static str)] {
    match context {
        Main => &[
            ("0-9", "follow the related item with that number"),
            ("Ctrl-Z", "suspend to the shell (fg resumes and redraws)"),
        ],
        Search => &[("letters", "type into the query (j and k are letters here)")],
        Jump => &[("letters", "type an id or a symbol")],
        HelpFilter => &[(
            "letters",
            "type words; only rows whose keys or description hold them all show",
        )],
        Follow => &[(
            "0-9, letters",
            "a related item's number follows it once typed whole, or with Enter if a longer number in the list begins with it (20 of 2006); letters, and digits no number begins, narrow the list",
        )],
        _ => &[],
    }
}

/// One entry of the hint bar: up to two key names and a word.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub keys: Vec<String>,
    pub word: &'static str,
    pub action: Action,
}

/// Hint bar entries for a context, in table order.
pub fn hints(context: Context) -> Vec<Hint> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .filter_map(|b| {
            b.hint.map(|word| Hint {
                keys: b.keys.iter().take(2).map(key_name).collect(),
                word,
                action: b.action.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound to {:?} and {:?}",
                            key_name(k),
                            a.action,
                            b.action
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn shifted_characters_match_without_shift() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for_key(Main, &event), Some(BOTTOM));
        let event = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for_key(Main, &event), Some(Action::ToggleHelp));
    }

    #[test]
    fn letters_type_into_search() {
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for_key(Search, &j), Some(Action::SearchInput('j')));
        assert_eq!(action_for_key(Main, &j), Some(DOWN));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for_key(Search, &q), Some(Action::SearchInput('q')));
    }

    #[test]
    fn escape_never_quits_the_main_view() {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_ne!(action_for_key(Main, &esc), Some(Action::Quit));
    }
}
