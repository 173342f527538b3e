//! Where the reader is, carried over a reload: when the data is loaded
//! again (a damaged record of the dataset cache met while browsing), the
//! browser opens on the new data where it was on the old. Items are held
//! by key ([`crate::data::Dataset::item_key`], their id's hash, which even
//! a damaged record keeps), since an item's index may differ in the new
//! data; what refers to an item that is gone is dropped or falls back.

use std::collections::HashSet;

use super::{
    App, CiteChoice, FollowState, HelpState, History, HitsOf, JumpState, LastSearch, LineEditor, LinksChoice, Location,
    Overlay, Pane, PathView, Row, Scope, SearchState, TimelineState, Unbookmarked,
};
use crate::bookmarks::Bookmarks;
use crate::data::sort::sorted;
use crate::data::{CATEGORIES, ItemIdx, SortOrder};
use crate::query_history::QueryHistory;

/// An item, by [`crate::data::Dataset::item_key`].
type Key = u64;

/// A snapshot of the reader's place, free of the dataset it was taken on.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    row: Row,
    /// Each row's selected item, and its position (kept when it is gone).
    selected: Vec<(Option<Key>, usize)>,
    sort_orders: Vec<SortOrder>,
    focus: Pane,
    zoomed: bool,
    link_row: Option<usize>,
    detail_scroll: u16,
    mark: Option<Key>,
    last_search: Option<KeptSearch>,
    /// Open overlays, bottom first.
    overlays: Vec<KeptOverlay>,
    /// Back and forward: the steps back, the current one, the steps forward.
    history: (Vec<KeptStep>, Option<KeptStep>, Vec<KeptStep>),
    /// The user's own state as the app holds it, rather than as the files
    /// hold it: a failed save, an unsaved query, an undo still offered.
    bookmarks: Bookmarks,
    search_history: QueryHistory,
    jump_history: QueryHistory,
    /// The items just unbookmarked in the bookmarks list: their rows there,
    /// keys and places in the order bookmarked.
    unbookmarked: Vec<(usize, Key, usize)>,
}

/// A step of the history ([`Location`]), its item by key.
#[derive(Debug, Clone, PartialEq)]
struct KeptStep {
    row: Row,
    item: Option<Key>,
    focus: Pane,
    link_row: Option<usize>,
    detail_scroll: u16,
}

#[derive(Debug, Clone, PartialEq)]
struct KeptSearch {
    query: String,
    scope: Scope,
    /// The hit the reader was on.
    at: Option<Key>,
}

#[derive(Debug, Clone, PartialEq)]
enum KeptOverlay {
    /// The query is searched again on the new data.
    Search {
        query: LineEditor,
        scope: Scope,
        selected: Option<Key>,
    },
    Jump {
        input: LineEditor,
        selected: Option<Key>,
    },
    Timeline {
        selected: Option<Key>,
        typed_year: String,
    },
    Path {
        from: Option<Key>,
        to: Option<Key>,
        selected: usize,
    },
    Help(HelpState),
    /// Offers the related items of the item shown, if it is still there.
    Follow(FollowState),
    Cite {
        item: Option<Key>,
        selected: usize,
    },
    /// The row under the cursor, by place: the item's links may change.
    Links {
        item: Option<Key>,
        selected: usize,
    },
}

impl App<'_> {
    /// Where the reader is now, to resume on reloaded data
    /// ([`super::Action::Resume`]).
    pub fn place(&self) -> Place {
        let key = |idx: Option<ItemIdx>| idx.and_then(|idx| self.data.item_key(idx));
        let selected = Row::all()
            .map(|row| {
                let at = self.item_rows[row.index()];
                (key(self.items_of(row).get(at).copied()), at)
            })
            .collect();
        Place {
            row: self.row,
            selected,
            sort_orders: self.sort_orders.clone(),
            focus: self.focus,
            zoomed: self.zoomed,
            link_row: self.link_row,
            detail_scroll: self.detail_scroll,
            mark: key(self.mark),
            last_search: self.last_search.as_ref().map(|last| KeptSearch {
                query: last.query.clone(),
                scope: last.scope,
                at: key(match last.hits_of {
                    HitsOf::ThisData => last.hits.get(last.at).copied(),
                    HitsOf::OldData { at } => at,
                }),
            }),
            overlays: self.overlays.iter().map(|overlay| self.kept(overlay)).collect(),
            history: self.kept_history(),
            bookmarks: self.bookmarks.clone(),
            search_history: self.search_history.clone(),
            jump_history: self.jump_history.clone(),
            unbookmarked: self
                .unbookmarked
                .iter()
                .filter_map(|removed| Some((removed.place, key(Some(removed.idx))?, removed.at)))
                .collect(),
        }
    }

    fn kept_history(&self) -> (Vec<KeptStep>, Option<KeptStep>, Vec<KeptStep>) {
        let kept = |step: &Location| KeptStep {
            row: step.row,
            item: step.item.and_then(|idx| self.data.item_key(idx)),
            focus: step.focus,
            link_row: step.link_row,
            detail_scroll: step.detail_scroll,
        };
        let (back, current, forward) = self.history.parts();
        (
            back.iter().map(kept).collect(),
            current.map(kept),
            forward.iter().map(kept).collect(),
        )
    }

    fn kept(&self, overlay: &Overlay) -> KeptOverlay {
        let key = |idx: Option<ItemIdx>| idx.and_then(|idx| self.data.item_key(idx));
        match overlay {
            Overlay::Search(search) => KeptOverlay::Search {
                query: search.query.clone(),
                scope: search.scope,
                selected: key(search.selection()),
            },
            Overlay::Jump(jump) => KeptOverlay::Jump {
                input: jump.input.clone(),
                selected: key(jump.completions.get(jump.selected).copied()),
            },
            Overlay::Timeline(timeline) => KeptOverlay::Timeline {
                selected: key(timeline.rows.get(timeline.selected).copied()),
                typed_year: timeline.typed_year.clone(),
            },
            Overlay::Path(path) => KeptOverlay::Path {
                from: key(Some(path.from)),
                to: key(Some(path.to)),
                selected: path.selected,
            },
            Overlay::Help(help) => KeptOverlay::Help(help.clone()),
            Overlay::Follow(follow) => KeptOverlay::Follow(follow.clone()),
            Overlay::Cite(choice) => KeptOverlay::Cite {
                item: key(Some(choice.item)),
                selected: choice.selected,
            },
            Overlay::Links(choice) => KeptOverlay::Links {
                item: key(Some(choice.item)),
                selected: choice.selected,
            },
        }
    }

    /// Puts the reader back at `place`, taken on the data before a reload.
    pub(super) fn resume(&mut self, mut place: Place) {
        let found = self.data.items_keyed(&place.keys());
        let find = |key: Option<Key>| key.and_then(|key| found.get(&key).copied());
        self.bookmarks = std::mem::take(&mut place.bookmarks);
        self.search_history = std::mem::take(&mut place.search_history);
        self.jump_history = std::mem::take(&mut place.jump_history);
        self.unbookmarked = place
            .unbookmarked
            .iter()
            .filter_map(|&(place, key, at)| {
                Some(Unbookmarked {
                    place,
                    idx: find(Some(key))?,
                    at,
                })
            })
            .collect();
        self.resume_lists(&place, &find);
        let was_shown = place.selected.get(place.row.index()).and_then(|&(key, _)| find(key));
        self.row = place.row;
        self.focus = place.focus;
        self.zoomed = place.zoomed;
        // The item may be in the data but no longer where the reader was
        // (moved to another category): then another item shows.
        let same_item = was_shown.is_some() && was_shown == self.selected_item();
        if same_item {
            let related = self.related().len();
            self.link_row = place.link_row.filter(|&row| row < related);
            let last = self.detail_scroll_range().saturating_sub(1);
            self.detail_scroll = place.detail_scroll.min(u16::try_from(last).unwrap_or(u16::MAX));
        } else {
            self.reset_detail();
            if self.focus == Pane::Detail && self.selected_item().is_none() {
                self.focus = Pane::Items;
            }
        }
        self.mark = find(place.mark);
        // Searched again on the first `n` / `N`: not before the first frame.
        self.last_search = place.last_search.map(|last| LastSearch {
            query: last.query,
            scope: last.scope,
            hits: Vec::new(),
            at: 0,
            hits_of: HitsOf::OldData { at: find(last.at) },
        });
        let current_item = self.selected_item();
        self.history = resumed_history(place.history, current_item, &find);
        self.overlays = Vec::new();
        for kept in place.overlays {
            if let Some(overlay) = self.resumed(kept, same_item, &find) {
                self.overlays.push(overlay);
            }
        }
    }

    /// Each row's order and selected item.
    fn resume_lists(&mut self, place: &Place, find: &impl Fn(Option<Key>) -> Option<ItemIdx>) {
        if place.sort_orders.len() == Row::COUNT {
            self.sort_orders.clone_from(&place.sort_orders);
        }
        for (cat, category) in CATEGORIES.iter().enumerate() {
            let order = self.sort_order(Row::Category(cat));
            if order != category.default_sort {
                self.sorted_items[cat] = sorted(self.data, self.data.category_items(cat), order);
            }
        }
        self.refresh_bookmarks();
        for (row, &(key, at)) in Row::all().zip(&place.selected) {
            let items = self.items_of(row);
            let position = find(key).and_then(|item| items.iter().position(|&i| i == item));
            self.item_rows[row.index()] = position.unwrap_or(at).min(items.len().saturating_sub(1));
        }
    }

    /// The overlay `kept` on the new data, if it still makes sense there.
    fn resumed(
        &mut self,
        kept: KeptOverlay,
        same_item: bool,
        find: &impl Fn(Option<Key>) -> Option<ItemIdx>,
    ) -> Option<Overlay> {
        let position = |list: &[ItemIdx], key| find(key).and_then(|item| list.iter().position(|&i| i == item));
        Some(match kept {
            KeptOverlay::Search { query, scope, selected } => {
                let mut search = SearchState {
                    query,
                    scope,
                    ..SearchState::default()
                };
                // Searched like any query: in the terminal by the worker, so
                // the first frame on the new data never waits for it (a
                // result of the old app's worker is dropped, by session).
                // The hit the reader was on is selected when the hits come.
                self.refresh_hits(&mut search);
                search.reselect = find(selected);
                if !search.pending {
                    search.select_kept();
                }
                Overlay::Search(search)
            }
            KeptOverlay::Jump { input, selected } => {
                let mut jump = JumpState {
                    input,
                    ..JumpState::default()
                };
                jump.refresh(self.data);
                jump.selected = position(&jump.completions, selected).unwrap_or(0);
                Overlay::Jump(jump)
            }
            KeptOverlay::Timeline { selected, typed_year } => {
                let mut timeline = TimelineState::new(self.data, find(selected));
                timeline.typed_year = typed_year;
                Overlay::Timeline(timeline)
            }
            KeptOverlay::Path { from, to, selected } => {
                let (from, to) = (find(from)?, find(to)?);
                let mut path = PathView {
                    from,
                    to,
                    steps: crate::graph::shortest_path(self.data, from, to),
                    selected: 0,
                };
                path.selected = selected.min(path.items().len().saturating_sub(1));
                Overlay::Path(path)
            }
            KeptOverlay::Help(help) => Overlay::Help(help),
            KeptOverlay::Follow(mut follow) => {
                let related = self.related();
                if !same_item || related.is_empty() {
                    return None;
                }
                let matches = follow.matches(self, &related).len();
                follow.selected = follow.selected.min(matches.saturating_sub(1));
                Overlay::Follow(follow)
            }
            KeptOverlay::Cite { item, selected } => Overlay::Cite(CiteChoice {
                item: find(item)?,
                selected,
                scroll: 0,
            }),
            KeptOverlay::Links { item, selected } => {
                let item = find(item)?;
                let rows = super::links(self.data, item).len();
                let selected = selected.min(rows.checked_sub(1)?);
                Overlay::Links(LinksChoice { item, selected })
            }
        })
    }
}

impl Place {
    /// Every item the place refers to.
    fn keys(&self) -> HashSet<Key> {
        let mut keys: HashSet<Key> = self.selected.iter().filter_map(|&(key, _)| key).collect();
        keys.extend(self.mark);
        keys.extend(self.unbookmarked.iter().map(|&(_, key, _)| key));
        if let Some(last) = &self.last_search {
            keys.extend(last.at);
        }
        let (back, current, forward) = &self.history;
        keys.extend(back.iter().chain(current).chain(forward).filter_map(|step| step.item));
        for overlay in &self.overlays {
            match overlay {
                KeptOverlay::Search { selected, .. }
                | KeptOverlay::Jump { selected, .. }
                | KeptOverlay::Timeline { selected, .. } => keys.extend(*selected),
                KeptOverlay::Path { from, to, .. } => keys.extend(from.iter().chain(to)),
                KeptOverlay::Cite { item, .. } | KeptOverlay::Links { item, .. } => keys.extend(*item),
                KeptOverlay::Help(_) | KeptOverlay::Follow(_) => {}
            }
        }
        keys
    }
}

/// The history's steps on the new data; a step whose item is gone is
/// dropped, and so are the steps this leaves in a row on one item (each
/// would be a Back or Forward that goes nowhere): consecutive ones, and
/// the nearest back or forward on `shown` (the current step's item, else
/// the item shown).
fn resumed_history(
    (back, current, forward): (Vec<KeptStep>, Option<KeptStep>, Vec<KeptStep>),
    shown: Option<ItemIdx>,
    find: &impl Fn(Option<Key>) -> Option<ItemIdx>,
) -> History {
    let step = |kept: KeptStep| {
        let item = find(kept.item);
        (item.is_some() || kept.item.is_none()).then_some(Location {
            row: kept.row,
            item,
            focus: kept.focus,
            link_row: kept.link_row,
            detail_scroll: kept.detail_scroll,
        })
    };
    let current = current.and_then(step);
    let on = current.map_or(shown, |step| step.item);
    let merged = |steps: Vec<KeptStep>| {
        let mut steps: Vec<Location> = steps.into_iter().filter_map(step).collect();
        steps.dedup_by(|later, earlier| later.item == earlier.item);
        // Both lists end with the step nearest the current one.
        while steps.last().is_some_and(|step| step.item == on) {
            steps.pop();
        }
        steps
    };
    History::from_parts(merged(back), current, merged(forward))
}
