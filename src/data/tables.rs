//! What a dataset knows of each item beside the item itself (date,
//! origin, category, backlinks, each category's items): built at load for
//! an owned dataset, or read in place from a stored snapshot's index of
//! items ([`super::index_columns`]) without building anything at opening.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use super::backlinks::Backlinks;
use super::dataset::{Backlink, ItemIdx};
use super::date::PartialDate;
use super::index_columns::IndexColumns;
use super::origins::{Origin, Origins};

#[derive(Debug)]
pub(super) enum Tables {
    Owned(OwnedTables),
    Stored(StoredTables),
}

/// The tables built while loading items.
#[derive(Debug)]
pub(super) struct OwnedTables {
    pub(super) dates: Vec<Option<PartialDate>>,
    /// The file each item came from, and whether it replaced an embedded item.
    pub(super) origins: Origins,
    pub(super) by_category: Vec<Vec<ItemIdx>>,
    /// Each item's category, resolved once at load (index into CATEGORIES).
    pub(super) category_of: Vec<usize>,
    pub(super) backlinks: Backlinks,
}

/// The tables of a stored snapshot's index of items, read in place.
#[derive(Debug)]
pub(super) struct StoredTables {
    columns: Arc<IndexColumns>,
    /// Each category's items in file order, built when first asked for.
    by_category: OnceLock<Vec<Vec<ItemIdx>>>,
}

/// What an item past the end of a stored index reads as (opening checked
/// every stored origin; the owned tables would panic there).
const NO_ORIGIN: Origin<'static> = Origin {
    file: "",
    embedded: false,
    replaced: None,
};

impl Tables {
    pub(super) fn stored(columns: Arc<IndexColumns>) -> Tables {
        Tables::Stored(StoredTables {
            columns,
            by_category: OnceLock::new(),
        })
    }

    pub(super) fn date(&self, idx: ItemIdx) -> Option<PartialDate> {
        match self {
            Tables::Owned(owned) => owned.dates[idx],
            Tables::Stored(stored) => stored.columns.date(idx),
        }
    }

    pub(super) fn origin(&self, idx: ItemIdx) -> Origin<'_> {
        match self {
            Tables::Owned(owned) => owned.origins.get(idx),
            Tables::Stored(stored) => stored.columns.origin(idx).unwrap_or(NO_ORIGIN),
        }
    }

    pub(super) fn category_of(&self, idx: ItemIdx) -> usize {
        match self {
            Tables::Owned(owned) => owned.category_of[idx],
            Tables::Stored(stored) => stored.columns.category(idx).unwrap_or(0),
        }
    }

    /// Category `cat`'s items in file order.
    pub(super) fn category_items(&self, cat: usize) -> &[ItemIdx] {
        let lists = match self {
            Tables::Owned(owned) => &owned.by_category,
            Tables::Stored(stored) => stored.by_category.get_or_init(|| stored.columns.by_category()),
        };
        lists.get(cat).map_or(&[], Vec::as_slice)
    }

    /// How many items category `cat` holds, without building its list.
    pub(super) fn category_len(&self, cat: usize) -> usize {
        match self {
            Tables::Owned(owned) => owned.by_category.get(cat).map_or(0, Vec::len),
            Tables::Stored(stored) => stored.columns.category_len(cat),
        }
    }

    pub(super) fn backlinks(&self, idx: ItemIdx) -> Cow<'_, [Backlink]> {
        match self {
            Tables::Owned(owned) => Cow::Borrowed(owned.backlinks.of(idx)),
            Tables::Stored(stored) => stored.columns.backlinks(idx),
        }
    }

    pub(super) fn backlink_count(&self, idx: ItemIdx) -> usize {
        match self {
            Tables::Owned(owned) => owned.backlinks.of(idx).len(),
            Tables::Stored(stored) => stored.columns.backlink_count(idx),
        }
    }

    /// Category `cat`'s items in its default order, when stored.
    pub(super) fn default_list(&self, cat: usize) -> Option<Vec<ItemIdx>> {
        match self {
            Tables::Owned(_) => None,
            Tables::Stored(stored) => stored.columns.default_list(cat),
        }
    }

    /// The shape of category `cat`'s list, when stored.
    pub(super) fn shape(&self, cat: usize) -> Option<(Option<usize>, bool)> {
        match self {
            Tables::Owned(_) => None,
            Tables::Stored(stored) => stored.columns.shape(cat),
        }
    }
}
