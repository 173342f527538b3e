//! Everything a user can ask for. Keys map to these through the keymap;
//! `App::update` is the only place that acts on them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}
