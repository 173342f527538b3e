//! Application state. `update` (in update.rs) is the only place it changes;
//! the terminal front end turns events into actions and draws with `ui::view`.

mod action;
mod history;
mod update;

pub use action::Action;
pub use history::{History, Location};

impl Scope {
    /// How the hint bar and the search box name the scope.
    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Category(cat) => CATEGORIES.get(cat).map_or("all", |c| c.id),
        }
    }
}

use crate::data::{CATEGORIES, Dataset, ItemIdx};
use crate::graph::{self, Related};
use std::sync::Arc;

use crate::search::worker::Worker;
use crate::search::{Hit, SearchIndex};
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

pub struct App<'a> {
    pub data: &'a Dataset,
    pub theme: Theme,
    pub index: Arc<SearchIndex>,
    /// Searches in the background when set (the terminal front end);
    /// without it, as in tests and scripts, search runs synchronously.
    pub search_worker: Option<Worker>,
    pub focus: Pane,
    /// Selected row of the category pane.
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
    /// A one-line message for the status bar ("no match", ...).
    pub status: Option<String>,
    pub should_quit: bool,
    /// Last known terminal size, for paging.
    pub size: (u16, u16),
}

impl<'a> App<'a> {
    pub fn new(data: &'a Dataset) -> App<'a> {
        let first_category = (0..CATEGORIES.len())
            .find(|&c| !data.category_items(c).is_empty())
            .unwrap_or(0);
        App {
            data,
            theme: Theme::default(),
            index: Arc::new(SearchIndex::new(data)),
            search_worker: None,
            focus: Pane::Items,
            category: first_category,
            item_rows: vec![0; CATEGORIES.len()],
            link_row: None,
            detail_scroll: 0,
            history: History::default(),
            search: None,
            help: None,
            status: None,
            should_quit: false,
            size: (120, 40),
        }
    }

    /// Moves searching to a background thread, so typing never waits.
    pub fn with_background_search(mut self) -> Self {
        self.search_worker = Some(Worker::spawn(Arc::clone(&self.index)));
        self
    }

    /// Items of the selected category.
    pub fn items(&self) -> &'a [ItemIdx] {
        self.data.category_items(self.category)
    }

    pub fn item_row(&self) -> usize {
        self.item_rows[self.category]
    }

    /// The item the detail pane shows.
    pub fn selected_item(&self) -> Option<ItemIdx> {
        self.items().get(self.item_row()).copied()
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

    /// The hit under the cursor in the search overlay.
    pub fn search_selection(&self) -> Option<ItemIdx> {
        let search = self.search.as_ref()?;
        search.hits.get(search.selected).map(|hit| hit.item)
    }

    /// Invariants that hold after any sequence of actions.
    pub fn check_invariants(&self) -> Result<(), String> {
        if self.category >= CATEGORIES.len() {
            return Err(format!("category {} out of range", self.category));
        }
        for (cat, &row) in self.item_rows.iter().enumerate() {
            let len = self.data.category_items(cat).len();
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
        Ok(())
    }
}
