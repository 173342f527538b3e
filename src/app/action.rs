//! Everything a user can ask for, and the results that come back from the
//! background. Keys map to these through the keymap; `App::update` is the
//! only place that acts on them.

use super::{Dir, Edit, Motion, Pane};
use crate::data::ItemIdx;
use crate::search::Hits;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move the selection (or scroll) of whatever has the keys.
    Move(Motion),
    FocusLeft,
    FocusRight,
    FocusNext,
    FocusPrev,
    /// Show the focused pane alone over the whole width, or every pane
    /// again (tmux's zoom).
    ToggleZoom,
    /// Open the selected item, or follow the selected link.
    Open,
    Back,
    Forward,
    /// The next (or, false, previous) hit of the last search, as less's n / N.
    StepHit(bool),
    /// The next (`Down`) or previous (`Up`) item of the selected list, shown
    /// in the detail pane; no step of the history.
    StepItem(Dir),
    /// Start on an item (`--at`): shown, with no step back to the screen
    /// the reader never saw.
    StartAt(ItemIdx),
    /// A digit of a year typed in the timeline.
    TimelineYear(char),
    StartSearch,
    SearchInput(char),
    SearchAccept,
    SearchCancel,
    /// Search the selected category only, or everything.
    SearchToggleScope,
    /// Hits of a background search, for the query of `generation` of the
    /// app whose [`super::App::session`] is `session`.
    SearchResults {
        session: u64,
        generation: u64,
        hits: Hits,
    },
    ToggleHelp,
    /// In help: start typing words that narrow its rows (`/`).
    StartHelpFilter,
    /// A character typed into help's filter.
    HelpFilterInput(char),
    /// In help: stop typing, keep the filter and scroll the rows it keeps.
    KeepHelpFilter,
    CloseOverlay,
    Quit,
    Resize(u16, u16),
    ToggleBookmark,
    OpenUrl,
    CopyCitation,
    /// Choose a citation style, see each in full, copy one.
    StartCite,
    CopyUrl,
    /// The item's official link and every source in full, one to open or copy.
    StartLinks,
    ToggleTimeline,
    MarkPathStart,
    ShowPath,
    /// Sort the selected row's list in the next order (date, symbol, data).
    CycleSort,
    StartJump,
    JumpInput(char),
    JumpComplete,
    JumpAccept,
    /// Offer every related item to follow by its label or a filter.
    StartFollow,
    /// A digit of a related item's label.
    FollowLabel(char),
    /// A letter that narrows the related items to follow.
    FollowInput(char),
    FollowBackspace,
    /// The next / previous group of related items.
    NextGroup,
    PrevGroup,
    /// A click on a row of a pane (row counted from the pane's first item).
    ClickRow(Pane, usize),
    /// A click on a related item in the detail pane.
    ClickLink(usize),
    /// The wheel over a pane: moves its list, or scrolls the detail text,
    /// by this many lines, without moving focus.
    Scroll(Pane, isize),
    /// Edit the search or jump prompt's line: cursor moves and deletions.
    Edit(Edit),
    /// Show the prompt's previous (older) earlier query.
    RecallOlder,
    /// Show the prompt's next (newer) earlier query, or what was typed.
    RecallNewer,
    /// Pasted text for the search or jump prompt.
    Paste(String),
    /// The bookmarks as saved: the file's list with this run's changes.
    BookmarksSaved(Vec<String>),
    /// Put the reader back where they were before the data was loaded
    /// again (see [`super::Place`]).
    Resume(Box<super::Place>),
    /// The outcome of an effect, for the status line.
    Status(String),
}
