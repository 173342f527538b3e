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
}

impl App<'_> {
    /// Opens the next (or previous) hit of the last search; at either end it
    /// stays and says so, as less does, rather than wrapping unseen.
    pub(super) fn step_hit(&mut self, forward: bool) {
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
}
