//! `n` and `N` after a search, as in less: the next or previous hit of the
//! last search opened from, without reopening the prompt.

use super::{App, Scope};
use crate::data::ItemIdx;

/// The hits of the search a hit was last opened from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastSearch {
    pub query: String,
    /// What it covered, to search it again on reloaded data.
    pub scope: Scope,
    /// The hits' items, in rank order.
    pub hits: Vec<ItemIdx>,
    /// The hit shown last.
    pub at: usize,
    /// Empty `hits` of a search kept over a reload wait for the first
    /// `n` / `N`.
    pub hits_of: HitsOf,
}

/// Whether the hits are of the data shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HitsOf {
    #[default]
    ThisData,
    /// The data before a reload: the query is searched again on the
    /// first `n` / `N` rather than before the first frame on the new data,
    /// and the hit shown last found again by its item, if it is there.
    OldData { at: Option<ItemIdx> },
}

impl App<'_> {
    /// Opens the next (or previous) hit of the last search; at either end it
    /// stays and says so, as less does, rather than wrapping unseen.
    pub(super) fn step_hit(&mut self, forward: bool) {
        self.search_last_again();
        let Some(last) = &mut self.last_search else {
            self.status = Some("no search yet: / searches".into());
            return;
        };
        let next = match forward {
            true => Some(last.at + 1).filter(|&at| at < last.hits.len()),
            false => last.at.checked_sub(1),
        };
        let Some(at) = next else {
            let end = if forward { "last" } else { "first" };
            self.status = Some(format!("that was the {end} hit of \"{}\"", last.query));
            return;
        };
        last.at = at;
        let (item, count, query) = (last.hits[at], last.hits.len(), last.query.clone());
        self.go_to(item);
        self.status = Some(format!("hit {} of {count} for \"{query}\" (n / N)", at + 1));
    }

    /// The hits of a search kept over a reload, on this data; none left,
    /// there is no last search.
    fn search_last_again(&mut self) {
        let Some(HitsOf::OldData { at }) = self.last_search.as_ref().map(|last| last.hits_of) else {
            return;
        };
        let Some(last) = self.last_search.take() else {
            return;
        };
        // The items only: the hits past the head are neither ordered
        // into `Hit`s nor explained for them.
        let hits = self
            .index
            .search_hits(&last.query, self.scope_items(last.scope))
            .items();
        let at = at.and_then(|item| hits.iter().position(|&hit| hit == item));
        self.last_search = (!hits.is_empty()).then(|| LastSearch {
            at: at.unwrap_or(0),
            hits,
            hits_of: HitsOf::ThisData,
            ..last
        });
    }
}
