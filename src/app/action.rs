//! Everything a user can ask for. Keys map to these through the keymap;
//! `App::update` is the only place that acts on them.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    FocusLeft,
    FocusRight,
    FocusNext,
    FocusPrev,
    /// Open the selected item, or follow the selected link.
    Open,
    Back,
    Forward,
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    SearchClear,
    SearchUp,
    SearchDown,
    SearchAccept,
    SearchCancel,
    /// Search the selected category only, or everything.
    SearchToggleScope,
    /// Take the background search's results, if they have arrived.
    SearchPoll,
    ToggleHelp,
    CloseOverlay,
    Quit,
    Resize(u16, u16),
    ToggleBookmark,
    OpenUrl,
    CopyCitation,
    CopyUrl,
    ToggleTimeline,
    MarkPathStart,
    ShowPath,
    StartJump,
    JumpInput(char),
    JumpBackspace,
    JumpComplete,
    JumpAccept,
    /// A click on a row of a pane (row counted from the pane's first item).
    ClickRow(super::Pane, usize),
    /// A click on a related item in the detail pane.
    ClickLink(usize),
    /// The wheel over a pane: scrolls it without moving focus.
    Scroll(super::Pane, isize),
    /// Pasted text for the search or jump prompt.
    Paste(String),
    /// The outcome of an effect, for the status line.
    Status(String),
}
