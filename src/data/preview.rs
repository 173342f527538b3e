//! What the browser's first frame needs of a dataset, and nothing more, so
//! a warm start can draw it before the whole dataset is decoded: every
//! category's item count, the first screenful of the first category in its
//! default order, and everything the first item's detail shows (its
//! related items). Stored at the front of the dataset snapshot
//! ([`super::snapshot`]), under the same key and checks.
//!
//! The preview's items form a small dataset of their own: the listed items,
//! the first item and its related items, in the full dataset's order. Links
//! between them are kept; links to items left out are dropped (only the
//! first item's related items are drawn, and all of those are in).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::Hasher;

use unicode_width::UnicodeWidthStr;

use super::category::CATEGORIES;
use super::dataset::{Dataset, ItemIdx};
use super::model::Item;
use super::sort::sorted;

/// The most rows of the first list a preview holds: more than any terminal
/// shows at once.
pub const PREVIEW_ROWS: usize = 200;

/// A first item with more related items than this gets no preview: its
/// detail would make the preview as slow to read as the data.
pub const MAX_PREVIEW_RELATED: usize = 2_000;

/// The first frame's data (see the module comment).
#[derive(Debug)]
pub struct Preview {
    /// The listed items, the first item and its related items.
    pub data: Dataset,
    /// Index into [`CATEGORIES`] of the category the browser opens on.
    pub category: usize,
    /// The number of items of every category in the full dataset.
    pub counts: Vec<usize>,
    /// The first rows of `category`'s list in its default order, as
    /// indexes into `data`.
    pub list: Vec<ItemIdx>,
    /// The widest symbol of the whole first list, in columns (`None`: no
    /// item of it has a symbol).
    pub widest_symbol: Option<usize>,
    /// Whether any item of the whole first list has a month in its date.
    pub has_month: bool,
    /// [`id_hash`] of every item of the full dataset, sorted: how many of
    /// the user's bookmarks exist, without the ids themselves.
    pub id_hashes: Vec<u64>,
}

/// A stable 64-bit hash of an item id (the same in every run).
pub fn id_hash(id: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.write_usize(id.len());
    hasher.finish()
}

/// The widest symbol and whether any date has a month, over `items`: what
/// the item list's columns are fitted to.
pub fn list_shape(data: &Dataset, items: &[ItemIdx]) -> (Option<usize>, bool) {
    let widest = items
        .iter()
        .filter_map(|&i| data.item(i).symbol.as_deref())
        .map(UnicodeWidthStr::width)
        .max();
    let has_month = items.iter().any(|&i| data.date(i).is_some_and(|d| d.month.is_some()));
    (widest, has_month)
}

impl Preview {
    /// The preview of `data`; `None` when it has no items or its first item
    /// is related to too many others.
    pub fn of(data: &Dataset) -> Option<Preview> {
        let category = (0..CATEGORIES.len()).find(|&c| data.category_len(c) > 0)?;
        let whole = sorted(data, data.category_items(category), CATEGORIES[category].default_sort);
        let first = *whole.first()?;
        let related: Vec<ItemIdx> = data
            .links(first)
            .map(|(_, target)| target)
            .chain(data.backlinks(first).iter().map(|b| b.from))
            .collect();
        if related.len() > MAX_PREVIEW_RELATED {
            return None;
        }
        let shown = &whole[..whole.len().min(PREVIEW_ROWS)];
        // Full-dataset index → preview index, in dataset order.
        let kept: BTreeMap<ItemIdx, ItemIdx> = shown
            .iter()
            .chain(&related)
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .enumerate()
            .map(|(new, old)| (old, new))
            .collect();
        let preview_data = subset(data, &kept)?;
        let (widest_symbol, has_month) = list_shape(data, &whole);
        let mut id_hashes: Vec<u64> = (0..data.len()).map(|i| id_hash(&data.item(i).id)).collect();
        id_hashes.sort_unstable();
        Some(Preview {
            data: preview_data,
            category,
            counts: (0..CATEGORIES.len()).map(|c| data.category_len(c)).collect(),
            list: shown.iter().map(|idx| kept[idx]).collect(),
            widest_symbol,
            has_month,
            id_hashes,
        })
    }

    /// Every item of the full dataset.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// How many of `ids` name an item of the full dataset.
    pub fn count_existing<'i>(&self, ids: impl IntoIterator<Item = &'i String>) -> usize {
        ids.into_iter()
            .filter(|id| self.id_hashes.binary_search(&id_hash(id)).is_ok())
            .count()
    }

    /// Whether a terminal `rows` high shows no more of the first list than
    /// the preview holds.
    pub fn fits(&self, rows: u16) -> bool {
        self.list.len() == self.counts[self.category] || usize::from(rows) <= self.list.len()
    }

    /// Whether the parts agree with each other (a decoded preview is
    /// checked before use).
    pub(super) fn holds_together(&self) -> bool {
        let Some(&listed) = self.counts.get(self.category) else {
            return false;
        };
        self.counts.len() == CATEGORIES.len()
            && !self.list.is_empty()
            && self.list.len() == listed.min(PREVIEW_ROWS)
            && self.id_hashes.len() == self.total()
            && self.id_hashes.is_sorted()
            && self
                .list
                .iter()
                .all(|&idx| idx < self.data.len() && self.data.category_of(idx) == self.category)
    }
}

/// The items at `kept`'s keys as a dataset of their own, with only the
/// links between them.
fn subset(data: &Dataset, kept: &BTreeMap<ItemIdx, ItemIdx>) -> Option<Dataset> {
    let ids: HashSet<&str> = kept.keys().map(|&idx| data.item(idx).id.as_str()).collect();
    let items: Vec<Item> = kept
        .keys()
        .map(|&idx| {
            let mut item = data.item(idx).clone();
            item.links = item
                .links
                .into_vec()
                .into_iter()
                .filter(|link| ids.contains(link.to.as_str()))
                .collect();
            item
        })
        .collect();
    let origins = kept.keys().map(|&idx| data.origin(idx)).collect();
    super::snapshot::rebuild(items, origins)
}
