//! Application state. `update` (in update.rs and the overlays' modules) is
//! the only place it changes; the terminal front end turns events and
//! background results into actions, draws with `ui::view`, and carries out
//! the [`Effect`]s that update asks for.

mod action;
mod detail_anchor;
mod history;
mod last_search;
mod line_editor;
mod motion;
mod overlays;
mod place;
mod preview;
mod row;
mod sort;
mod step_item;
mod update;

pub use action::Action;
pub use history::{History, Location};
pub use last_search::{HitsOf, LastSearch};
pub use line_editor::{Edit, LineEditor};
pub use motion::{Dir, Motion};
pub use overlays::{
    CiteChoice, Context, FollowState, HelpState, JumpState, LinkKind, LinksChoice, Overlay, PathView, Scope,
    SearchRequest, SearchState, TimelineLine, TimelineState, follow_label, links,
};
pub use place::Place;
pub use preview::loading_status;
pub use row::Row;

use crate::bookmarks::Bookmarks;
use crate::data::sort::sorted;
use crate::data::{CATEGORIES, Dataset, ItemIdx, SortOrder};
use crate::graph::{self, Related};
use crate::query_history::{Prompt, QueryHistory};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::search::SearchIndex;
use crate::ui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Categories,
    Items,
    Detail,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Categories, Pane::Items, Pane::Detail];

    fn position(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The next app's [`App::session`].
static NEXT_SESSION: AtomicU64 = AtomicU64::new(1);

/// Longest item name a status line quotes, in characters.
const STATUS_NAME_WIDTH: usize = 48;

/// How soon after a number that followed at once an Enter is taken as
/// its end: typed on, as "1 3 Enter" is; an Enter after a pause is meant
/// for the item reached.
pub const ENTER_ENDS_A_NUMBER: Duration = Duration::from_millis(700);

/// Lines of the screen that are not list rows: borders, trail, hint bar.
const PAGE_CHROME: u16 = 6;

/// Work with the outside world that `update` asks the front end to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save these bookmarks (this run's changes, merged into the file); the
    /// front end answers with [`Action::BookmarksSaved`].
    SaveBookmarks(Bookmarks),
    OpenUrl(String),
    /// Put `text` on the clipboard; `what` names it in the status line.
    Copy {
        text: String,
        what: &'static str,
        /// Keep its line breaks: a BibTeX or RIS record is lines, a link
        /// or a plain-text citation one line.
        multiline: bool,
    },
    /// Run a search in the background; its hits come back as
    /// [`Action::SearchResults`].
    Search(SearchRequest),
    /// Write a prompt's query history (after a query was recorded).
    SaveQueryHistory(Prompt),
}

/// A bookmark removed in the bookmarks list, listed there until it is
/// left: its row there (first, so that they sort by it), the item, and
/// its place in the order bookmarked, counting the others removed there
/// as still in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Unbookmarked {
    pub place: usize,
    pub idx: ItemIdx,
    pub at: usize,
}

pub struct App<'a> {
    pub data: &'a Dataset,
    pub theme: Theme,
    pub index: Arc<SearchIndex>,
    /// Searches are handed to the front end as effects when set (the
    /// terminal); without it, as in tests and scripts, they run at once.
    pub background_search: bool,
    /// This app's own token, unlike any other app's of the process: the
    /// background search tags its results with it, so that a result
    /// computed for the app before a reload is never taken for this one's.
    pub session: u64,
    pub focus: Pane,
    /// Whether the focused pane shows alone over the whole width, as
    /// below [`crate::ui::TWO_PANES_FROM`] columns (`z`).
    pub zoomed: bool,
    /// Selected row of the category pane.
    pub row: Row,
    /// Selected row of the item pane, remembered per category row.
    pub item_rows: Vec<usize>,
    /// Selected related item in the detail pane; none until the user moves
    /// into the links, so an item opens at its top.
    pub link_row: Option<usize>,
    /// When the last key followed a link by its number at once (no Enter
    /// needed): an Enter typed right after ([`ENTER_ENDS_A_NUMBER`]) is
    /// taken as that number's end, not as a key for the item reached, so
    /// "number, Enter" lands once however the number was read (`1 3
    /// Enter`, as `1 2 Enter` where 12 waits for Enter). A later Enter is
    /// the item's own.
    pub followed_by_number: Option<Instant>,
    /// First visible line of the detail pane.
    pub detail_scroll: u16,
    pub history: History,
    /// Open overlays, bottom first; the last one has the keys.
    pub overlays: Vec<Overlay>,
    /// The item `p` marked as the start of a path.
    pub mark: Option<ItemIdx>,
    /// The hits of the last search opened from, for `n` / `N`.
    pub last_search: Option<LastSearch>,
    pub bookmarks: Bookmarks,
    /// Earlier queries of the search prompt, oldest first.
    pub search_history: QueryHistory,
    /// Earlier inputs of the jump prompt, oldest first.
    pub jump_history: QueryHistory,
    /// Bookmarked items that exist in the loaded data, in the bookmarks
    /// row's sort order.
    bookmark_items: Vec<ItemIdx>,
    /// The items unbookmarked from the bookmarks list while it shows, each
    /// with its place there and in the order bookmarked when removed: they
    /// stay listed while that list shows, so `m` on one again adds it back
    /// where it was (rather than removing the next bookmark that slid under
    /// the cursor), however many are removed.
    unbookmarked: Vec<Unbookmarked>,
    /// The sort order of each row of the category pane.
    sort_orders: Vec<SortOrder>,
    /// Each category's items in its row's order, computed when the order
    /// changes rather than on every frame.
    sorted_items: Vec<Vec<ItemIdx>>,
    /// Effects waiting for the front end.
    pub effects: Vec<Effect>,
    /// A one-line message for the status bar ("no match", ...).
    pub status: Option<String>,
    pub should_quit: bool,
    /// Last known terminal size, for paging and mouse hit-testing.
    pub size: (u16, u16),
    /// Lines of the banner shown all session (skipped data files, a bad
    /// config file); empty for no banner.
    pub notices: Vec<String>,
    /// The style `y` copies citations in (from the config file).
    pub citation_style: crate::cite::Style,
    /// The detail last laid out, so a long text is wrapped once.
    pub detail_memo: crate::ui::detail::DetailMemo,
    /// Set in the preview state: the first frame's data while the whole
    /// dataset loads (see `preview.rs`).
    pub preview: Option<&'a crate::data::preview::Preview>,
}

impl<'a> App<'a> {
    pub fn new(data: &'a Dataset) -> App<'a> {
        App::with_index(data, SearchIndex::new(data))
    }

    /// An app over `data` whose search index, `index`, was built from it
    /// (or read from the cache for the same inputs).
    pub fn with_index(data: &'a Dataset, index: SearchIndex) -> App<'a> {
        App::with_shared_index(data, Arc::new(index))
    }

    /// [`App::with_index`], the index shared with whoever else holds it
    /// (the loader checks it against the data meanwhile).
    pub fn with_shared_index(data: &'a Dataset, index: Arc<SearchIndex>) -> App<'a> {
        let first_category = (0..CATEGORIES.len()).find(|&c| data.category_len(c) > 0).unwrap_or(0);
        App {
            data,
            theme: Theme::default(),
            index,
            background_search: false,
            session: NEXT_SESSION.fetch_add(1, Ordering::Relaxed),
            focus: Pane::Items,
            zoomed: false,
            row: Row::Category(first_category),
            item_rows: vec![0; Row::COUNT],
            link_row: None,
            followed_by_number: None,
            detail_scroll: 0,
            history: History::default(),
            overlays: Vec::new(),
            mark: None,
            last_search: None,
            bookmarks: Bookmarks::in_memory(),
            search_history: QueryHistory::in_memory(),
            jump_history: QueryHistory::in_memory(),
            bookmark_items: Vec::new(),
            unbookmarked: Vec::new(),
            sort_orders: sort::default_orders(),
            sorted_items: sort::default_lists(data),
            effects: Vec::new(),
            status: None,
            should_quit: false,
            size: (120, 40),
            notices: Vec::new(),
            citation_style: crate::cite::Style::default(),
            detail_memo: Default::default(),
            preview: None,
        }
    }

    /// Starts with the user's bookmarks.
    pub fn with_bookmarks(mut self, bookmarks: Bookmarks) -> App<'a> {
        self.bookmarks = bookmarks;
        self.refresh_bookmarks();
        self
    }

    /// Starts with the user's earlier queries.
    pub fn with_query_history(mut self, search: QueryHistory, jump: QueryHistory) -> App<'a> {
        self.search_history = search;
        self.jump_history = jump;
        self
    }

    /// The query history of a prompt.
    pub fn query_history(&self, prompt: Prompt) -> &QueryHistory {
        match prompt {
            Prompt::Search => &self.search_history,
            Prompt::Jump => &self.jump_history,
        }
    }

    /// Once the bookmarks list no longer shows, an item unbookmarked there
    /// leaves it.
    fn settle_unbookmarked(&mut self) {
        if !self.unbookmarked.is_empty() && self.row != Row::Bookmarks {
            self.unbookmarked.clear();
            self.refresh_bookmarks();
        }
    }

    fn refresh_bookmarks(&mut self) {
        let marked: Vec<ItemIdx> = self.bookmarks.ids.iter().filter_map(|id| self.data.by_id(id)).collect();
        self.bookmark_items = sorted(self.data, &marked, self.sort_order(Row::Bookmarks));
        // Each at its place in the list it was removed from, which held
        // those removed before it: in the order of their places.
        let mut removed = self.unbookmarked.clone();
        removed.sort_unstable();
        for Unbookmarked { place, idx, .. } in removed {
            if !self.bookmark_items.contains(&idx) {
                self.bookmark_items.insert(place.min(self.bookmark_items.len()), idx);
            }
        }
        let len = self.bookmark_items.len();
        let bookmarks = Row::Bookmarks.index();
        self.item_rows[bookmarks] = self.item_rows[bookmarks].min(len.saturating_sub(1));
    }

    /// Items of a category row.
    pub fn items_of(&self, row: Row) -> &[ItemIdx] {
        match row {
            Row::Category(cat) => self.sorted_items.get(cat).map_or(&[], Vec::as_slice),
            Row::Bookmarks => &self.bookmark_items,
        }
    }

    /// What start-up decided: colours, the banner's notices (skipped data
    /// files, a bad config file) and the style `y` copies citations in.
    pub fn with_settings(mut self, theme: Theme, notices: Vec<String>, citation_style: crate::cite::Style) -> Self {
        self.theme = theme;
        self.notices = notices;
        self.citation_style = citation_style;
        self
    }

    /// Hands searches to the front end as [`Effect::Search`], so typing
    /// never waits; the front end answers with [`Action::SearchResults`].
    pub fn with_background_search(mut self) -> Self {
        self.background_search = true;
        self
    }

    /// Items of the selected category row.
    pub fn items(&self) -> &[ItemIdx] {
        self.items_of(self.row)
    }

    pub fn item_row(&self) -> usize {
        self.item_rows[self.row.index()]
    }

    /// The item the detail pane shows.
    pub fn selected_item(&self) -> Option<ItemIdx> {
        self.items().get(self.item_row()).copied()
    }

    pub fn is_bookmarked(&self, idx: ItemIdx) -> bool {
        self.bookmarks.contains(&self.data.item(idx).id)
    }

    /// Related items of the selected item, grouped as the detail pane shows them.
    pub fn related(&self) -> Vec<Related<'a>> {
        self.selected_item()
            .map(|idx| graph::related(self.data, idx))
            .unwrap_or_default()
    }

    /// Where the user is now.
    pub fn location(&self) -> Location {
        Location {
            row: self.row,
            item: self.selected_item(),
            focus: self.focus,
            link_row: self.link_row,
            detail_scroll: self.detail_scroll,
        }
    }

    /// The item shown at a history location.
    pub fn item_at(&self, location: &Location) -> Option<ItemIdx> {
        location.item
    }

    /// How status lines name an item: its symbol, else its short title
    /// (never the internal id), cut to a readable length.
    pub fn status_name(&self, idx: ItemIdx) -> String {
        crate::text::truncate(self.data.item(idx).display_name(), STATUS_NAME_WIDTH)
    }

    /// Rows a page moves in lists and in text.
    pub fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(PAGE_CHROME)).max(1)
    }

    /// Invariants that hold after any sequence of actions.
    pub fn check_invariants(&self) -> Result<(), String> {
        if !self.row.is_valid() {
            return Err(format!("{:?} out of range", self.row));
        }
        for row in Row::all() {
            let (selected, len) = (self.item_rows[row.index()], self.items_of(row).len());
            if selected >= len.max(1) {
                return Err(format!("item row {selected} out of range {len} in {row:?}"));
            }
        }
        let related = self.related().len();
        if let Some(row) = self.link_row.filter(|&row| row >= related) {
            return Err(format!("link row {row} out of range {related}"));
        }
        if let Some(search) = self.search().filter(|s| s.selected >= s.hits.len().max(1)) {
            return Err(format!("search selection {} out of range", search.selected));
        }
        if let Some(timeline) = self.timeline().filter(|t| t.selected >= t.rows.len().max(1)) {
            return Err(format!("timeline selection {} out of range", timeline.selected));
        }
        if let Some(choice) = self
            .links_choice()
            .filter(|c| c.selected >= links(self.data, c.item).len())
        {
            return Err(format!("link selection {} out of range", choice.selected));
        }
        if let Some(bad) = self.history.trail().find(|l| !l.row.is_valid()) {
            return Err(format!("history step in {:?} out of range", bad.row));
        }
        let kept = |i: ItemIdx| self.unbookmarked.iter().any(|removed| removed.idx == i);
        if self.bookmark_items.iter().any(|&i| !self.is_bookmarked(i) && !kept(i)) {
            return Err("a bookmarked row is not in the bookmarks".into());
        }
        Ok(())
    }
}
