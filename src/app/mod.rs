//! Application state. `update` (in update.rs) is the only place it changes;
//! the terminal front end turns events into actions, draws with `ui::view`,
//! and carries out the [`Effect`]s that update asks for.

mod action;
mod history;
mod overlays;
mod update;

pub use action::Action;
pub use history::{History, Location};
pub use overlays::{JumpState, PathView, TimelineState};

use crate::bookmarks::Bookmarks;
use crate::data::{CATEGORIES, Dataset, ItemIdx};
use crate::graph::{self, Related};
use std::sync::Arc;

use crate::search::worker::Worker;
use crate::search::{Hit, SearchIndex};
use crate::ui::theme::Theme;

/// The category row after the real categories: the user's bookmarks.
pub const BOOKMARKS: usize = CATEGORIES.len();
/// Rows of the category pane.
pub const CATEGORY_ROWS: usize = CATEGORIES.len() + 1;

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

/// Work with the outside world that `update` asks the front end to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveBookmarks,
    OpenUrl(String),
    /// Put `text` on the clipboard; `what` names it in the status line.
    Copy {
        text: String,
        what: &'static str,
    },
}

/// The search overlay: the query, its ranked hits and the highlighted one.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub scope: Scope,
    /// Counts queries sent to the background search, to drop stale results.
    pub generation: u64,
    /// Results for the current query are still being computed.
    pub pending: bool,
}

/// What a search covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    All,
    /// One category, by index into [`CATEGORIES`].
    Category(usize),
}

impl Scope {
    /// How the hint bar and the search box name the scope.
    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Category(cat) => CATEGORIES.get(cat).map_or("all", |c| c.id),
        }
    }
}

pub struct App<'a> {
    pub data: &'a Dataset,
    pub theme: Theme,
    pub index: Arc<SearchIndex>,
    /// Searches in the background when set (the terminal front end);
    /// without it, as in tests and scripts, search runs synchronously.
    pub search_worker: Option<Worker>,
    pub focus: Pane,
    /// Selected row of the category pane (`BOOKMARKS` for the bookmarks).
    pub category: usize,
    /// Selected row of the item pane, remembered per category.
    pub item_rows: Vec<usize>,
    /// Selected related item in the detail pane; none until the user moves
    /// into the links, so an item opens at its top.
    pub link_row: Option<usize>,
    /// First visible line of the detail pane.
    pub detail_scroll: u16,
    pub history: History,
    pub search: Option<SearchState>,
    /// Some(first visible line) while the help overlay is open.
    pub help: Option<u16>,
    pub jump: Option<JumpState>,
    pub timeline: Option<TimelineState>,
    pub path: Option<PathView>,
    /// The item `p` marked as the start of a path.
    pub mark: Option<ItemIdx>,
    pub bookmarks: Bookmarks,
    /// Bookmarked items that exist in the loaded data, in bookmark order.
    bookmark_items: Vec<ItemIdx>,
    /// Effects waiting for the front end.
    pub effects: Vec<Effect>,
    /// A one-line message for the status bar ("no match", ...).
    pub status: Option<String>,
    pub should_quit: bool,
    /// Last known terminal size, for paging and mouse hit-testing.
    pub size: (u16, u16),
}

impl<'a> App<'a> {
    pub fn new(data: &'a Dataset) -> App<'a> {
        App::with_index(data, SearchIndex::new(data))
    }

    /// An app over `data` whose search index, `index`, was built from it
    /// (or read from the cache for the same inputs).
    pub fn with_index(data: &'a Dataset, index: SearchIndex) -> App<'a> {
        let first_category = (0..CATEGORIES.len())
            .find(|&c| !data.category_items(c).is_empty())
            .unwrap_or(0);
        App {
            data,
            theme: Theme::default(),
            index: Arc::new(index),
            search_worker: None,
            focus: Pane::Items,
            category: first_category,
            item_rows: vec![0; CATEGORY_ROWS],
            link_row: None,
            detail_scroll: 0,
            history: History::default(),
            search: None,
            help: None,
            jump: None,
            timeline: None,
            path: None,
            mark: None,
            bookmarks: Bookmarks::in_memory(),
            bookmark_items: Vec::new(),
            effects: Vec::new(),
            status: None,
            should_quit: false,
            size: (120, 40),
        }
    }

    /// Starts with the user's bookmarks.
    pub fn with_bookmarks(mut self, bookmarks: Bookmarks) -> App<'a> {
        self.bookmarks = bookmarks;
        self.refresh_bookmarks();
        self
    }

    fn refresh_bookmarks(&mut self) {
        self.bookmark_items = self.bookmarks.ids.iter().filter_map(|id| self.data.by_id(id)).collect();
        let len = self.bookmark_items.len();
        self.item_rows[BOOKMARKS] = self.item_rows[BOOKMARKS].min(len.saturating_sub(1));
    }

    /// Items of a category row (the bookmarks for `BOOKMARKS`).
    pub fn items_of(&self, category: usize) -> &[ItemIdx] {
        if category == BOOKMARKS {
            &self.bookmark_items
        } else {
            self.data.category_items(category)
        }
    }

    /// Moves searching to a background thread, so typing never waits.
    pub fn with_background_search(mut self) -> Self {
        self.search_worker = Some(Worker::spawn(Arc::clone(&self.index)));
        self
    }

    /// Items of the selected category.
    pub fn items(&self) -> &[ItemIdx] {
        self.items_of(self.category)
    }

    /// The name of a category row.
    pub fn category_name(&self, category: usize) -> &'static str {
        CATEGORIES.get(category).map_or("Bookmarks", |c| c.name)
    }

    pub fn item_row(&self) -> usize {
        self.item_rows[self.category]
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
            category: self.category,
            item_row: self.item_row(),
            focus: self.focus,
            link_row: self.link_row,
            detail_scroll: self.detail_scroll,
        }
    }

    /// The item shown at a history location, if it still exists.
    pub fn item_at(&self, location: &Location) -> Option<ItemIdx> {
        self.items_of(location.category).get(location.item_row).copied()
    }

    /// The hit under the cursor in the search overlay.
    pub fn search_selection(&self) -> Option<ItemIdx> {
        let search = self.search.as_ref()?;
        search.hits.get(search.selected).map(|hit| hit.item)
    }

    /// Invariants that hold after any sequence of actions.
    pub fn check_invariants(&self) -> Result<(), String> {
        if self.category >= CATEGORY_ROWS {
            return Err(format!("category {} out of range", self.category));
        }
        for (cat, &row) in self.item_rows.iter().enumerate() {
            let len = self.items_of(cat).len();
            if row >= len.max(1) {
                return Err(format!("item row {row} out of range {len} in category {cat}"));
            }
        }
        let related = self.related().len();
        if let Some(row) = self.link_row.filter(|&row| row >= related) {
            return Err(format!("link row {row} out of range {related}"));
        }
        if let Some(search) = self.search.as_ref().filter(|s| s.selected >= s.hits.len().max(1)) {
            return Err(format!("search selection {} out of range", search.selected));
        }
        if let Some(timeline) = self.timeline.as_ref().filter(|t| t.selected >= t.rows.len().max(1)) {
            return Err(format!("timeline selection {} out of range", timeline.selected));
        }
        if let Some(bad) = self.history.trail().iter().find(|l| l.category >= CATEGORY_ROWS) {
            return Err(format!("history step in category {} out of range", bad.category));
        }
        if self.bookmark_items.iter().any(|&i| !self.is_bookmarked(i)) {
            return Err("a bookmarked row is not in the bookmarks".into());
        }
        Ok(())
    }
}
