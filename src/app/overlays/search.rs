//! The search overlay: the query, its ranked hits and the highlighted one.
//! In the terminal, searching happens in the background: update asks for it
//! with [`Effect::Search`] and the hits come back as
//! [`Action::SearchResults`]; elsewhere (tests, scripts) it runs at once.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{HelpState, Overlay, Transition};
use crate::app::{Action, App, Dir, Edit, Effect, LineEditor, Motion, Row};
use crate::data::{CATEGORIES, ItemIdx};
use crate::query_history::Prompt;
use crate::search::{Hits, SearchIndex};

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query as typed, with its cursor.
    pub query: LineEditor,
    /// Ranked; the first ordered, the others on the first look past them.
    pub hits: Hits,
    pub selected: usize,
    pub scope: Scope,
    /// Counts queries sent to the background search, to drop stale results.
    pub generation: u64,
    /// Results for the current query are still being computed.
    pub pending: bool,
    /// The hit to select when they come, if it is among them: the one the
    /// reader was on before a reload, the query being searched again.
    pub reselect: Option<ItemIdx>,
    /// For a query that matched nothing, the symbols one slip from it
    /// ("E/RES/2006/46" for "2006/64"), worked out once as the hits come.
    pub slips: Option<String>,
}

impl SearchState {
    /// The hit under the cursor.
    pub fn selection(&self) -> Option<ItemIdx> {
        self.hits.get(self.selected).map(|hit| hit.item)
    }

    /// The query the hits are of: as typed, or with fewer words when no
    /// item held them all ([`Hits::fewer_words`]); highlights and the
    /// last search follow it.
    pub fn searched(&self) -> &str {
        self.hits
            .fewer_words()
            .map_or(&*self.query, |fewer| fewer.kept.as_str())
    }

    /// Selects the hit kept in `reselect`, else the first.
    pub(in crate::app) fn select_kept(&mut self) {
        let kept = self.reselect.take();
        // Past the head, only the hits around it are ordered.
        self.selected = kept.and_then(|item| self.hits.reach(item)).unwrap_or(0);
    }
}

/// The symbols one slip from a query that matched nothing, else `None`.
fn slips_of(index: &SearchIndex, search: &SearchState) -> Option<String> {
    if search.hits.is_empty() {
        index.symbols_one_slip_from(&search.query)
    } else {
        None
    }
}

/// What a search covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    All,
    /// One category, by index into [`CATEGORIES`].
    Category(usize),
    /// The bookmarked items.
    Bookmarks,
}

impl Scope {
    /// The scope that covers the rows of the category pane's `row`.
    pub fn of(row: Row) -> Scope {
        match row {
            Row::Category(cat) => Scope::Category(cat),
            Row::Bookmarks => Scope::Bookmarks,
        }
    }

    /// How the hint bar names the scope.
    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Category(cat) => CATEGORIES.get(cat).map_or("all", |c| c.id),
            Scope::Bookmarks => "bookmarks",
        }
    }

    /// How the search box names the scope.
    pub fn name(self) -> &'static str {
        match self {
            Scope::All => "everything",
            Scope::Category(cat) => CATEGORIES.get(cat).map_or("everything", |c| c.name),
            Scope::Bookmarks => "bookmarks",
        }
    }
}

/// A search for the front end to run in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    /// The items to search; `None` for all.
    pub scope: Option<Vec<ItemIdx>>,
}

impl App<'_> {
    pub(super) fn update_search(&mut self, search: &mut SearchState, action: Action) -> Transition {
        match action {
            Action::SearchInput(c) => self.edit_query(search, |query| query.insert(c.encode_utf8(&mut [0; 4]))),
            Action::Paste(text) => self.edit_query(search, |query| query.insert(&text)),
            Action::Edit(edit) => self.apply_edit(search, edit),
            // On an empty query there are no results to move: Up and Down recall.
            Action::Move(Motion::By(delta)) if search.query.is_empty() => self.recall_query(search, delta < 0),
            Action::RecallOlder => self.recall_query(search, true),
            Action::RecallNewer => self.recall_query(search, false),
            Action::Move(motion) => {
                self.settle(search);
                // A page is the hits shown, whose rows are one or two lines.
                let dir = if let Motion::Page(dir) = motion { dir } else { Dir::Down };
                let page = crate::ui::search::page(self, search, dir);
                search.selected = motion.apply(search.selected, search.hits.len(), page);
            }
            Action::SearchAccept => match self.settle(search).selection() {
                Some(item) => {
                    self.last_search = Some(crate::app::LastSearch {
                        query: search.searched().to_string(),
                        scope: search.scope,
                        hits: search.hits.items(),
                        at: search.selected,
                        hits_of: crate::app::HitsOf::ThisData,
                    });
                    self.search_history.record(&search.query);
                    if self.search_history.is_kept() {
                        self.effects.push(Effect::SaveQueryHistory(Prompt::Search));
                    }
                    return Transition::Accept(item);
                }
                None => self.status = Some("no match".into()),
            },
            Action::SearchCancel | Action::CloseOverlay => return Transition::Close,
            Action::SearchToggleScope => {
                search.scope = match search.scope {
                    Scope::All => Scope::of(self.row),
                    Scope::Category(_) | Scope::Bookmarks => Scope::All,
                };
                self.refresh_hits(search);
            }
            Action::ToggleHelp => return Transition::Open(Overlay::Help(HelpState::default())),
            _ => {}
        }
        Transition::Stay
    }

    /// Takes the hits of a background search for the search overlay, also
    /// under another one (Help), if they answer its latest query: results
    /// of an older query, or of the app before a reload, are dropped.
    pub(in crate::app) fn take_search_results(&mut self, session: u64, generation: u64, hits: Hits) {
        if session != self.session {
            return;
        }
        let search = self.overlays.iter_mut().rev().find_map(|overlay| match overlay {
            Overlay::Search(search) => Some(search),
            _ => None,
        });
        if let Some(search) = search.filter(|search| search.generation == generation) {
            search.hits = hits;
            search.slips = slips_of(&self.index, search);
            search.pending = false;
            search.select_kept();
        }
    }

    /// Searches again only when the text changed, so moving the cursor
    /// keeps the selected result.
    fn apply_edit(&mut self, search: &mut SearchState, edit: Edit) {
        if search.query.apply(edit) {
            self.refresh_hits(search);
        }
    }

    fn recall_query(&mut self, search: &mut SearchState, older: bool) {
        let history = self.search_history.entries();
        let changed = if older {
            search.query.recall_older(history)
        } else {
            search.query.recall_newer(history)
        };
        if changed {
            self.refresh_hits(search);
        } else if older {
            self.status = Some("no earlier search".into());
        }
    }

    fn edit_query(&mut self, search: &mut SearchState, edit: impl FnOnce(&mut LineEditor)) {
        edit(&mut search.query);
        self.refresh_hits(search);
    }

    /// The items a search in `scope` may return (`None`: all of them).
    pub(crate) fn scope_items(&self, scope: Scope) -> Option<&[ItemIdx]> {
        match scope {
            Scope::All => None,
            Scope::Category(cat) => Some(self.data.category_items(cat)),
            Scope::Bookmarks => Some(self.items_of(Row::Bookmarks)),
        }
    }

    /// Makes the hits those of the query as typed. While the worker has
    /// not answered (keys that came in one burst, or were kept while the
    /// preview showed), the query is searched at once, so that Enter and
    /// the arrows act on what was typed, never on an older query's hits;
    /// the worker's late answer is then dropped as stale.
    fn settle<'s>(&self, search: &'s mut SearchState) -> &'s mut SearchState {
        if search.pending {
            search.generation = next_generation();
            search.pending = false;
            search.hits = self.search_or_fewer(&search.query, self.scope_items(search.scope));
            search.slips = slips_of(&self.index, search);
            search.select_kept();
        }
        search
    }

    pub(in crate::app) fn refresh_hits(&mut self, search: &mut SearchState) {
        let scope = self.scope_items(search.scope);
        search.generation = next_generation();
        // A hit kept for the query before has no place among another's.
        search.reselect = None;
        if self.background_search && !search.query.trim().is_empty() {
            // Old hits stay on screen until the new ones arrive.
            search.pending = true;
            self.effects.push(Effect::Search(SearchRequest {
                generation: search.generation,
                query: search.query.to_string(),
                scope: scope.map(<[ItemIdx]>::to_vec),
            }));
        } else {
            search.pending = false;
            search.hits = self.search_or_fewer(&search.query, scope);
            search.slips = slips_of(&self.index, search);
            search.selected = 0;
        }
    }

    /// The hits of `query` over `scope`, or of the query with fewer words
    /// when no item holds them all, as the background search gives them.
    fn search_or_fewer(&self, query: &str, scope: Option<&[ItemIdx]>) -> Hits {
        self.index.search_or_fewer(query, scope, &|| false).unwrap_or_default()
    }
}

/// Every search of the process gets its own number: a search overlay
/// opened anew must not take the late answer to a search of one closed
/// before it (Enter settles a query the worker is still searching), as
/// it would if each overlay counted from zero.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}
