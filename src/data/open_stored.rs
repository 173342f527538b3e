//! A dataset over a stored snapshot, open at once: ids, categories, dates,
//! backlinks, origins and each category's list come from the snapshot's
//! index of items ([`super::item_index`]), names from its table
//! ([`super::name_table`]), and each item is decoded only when asked for
//! ([`super::stored_items`]). Nothing here walks the items.

use super::backlinks::Backlinks;
use super::category::CATEGORIES;
use super::dataset::{Backlink, Dataset, ItemIdx, Listed};
use super::id_table::{Ids, SortedIds};
use super::item_index::{StoredItemIndex, unpack_date};
use super::name_table::{Names, StoredNames};
use super::origins::Origins;
use super::snapshot::origin_of;
use super::stored_items::{Items, SnapshotBytes, StoredItems};

/// Where the parts lie in `bytes`: the dataset section's offset, and the
/// table of names' range.
pub(super) struct Layout {
    pub(super) data_at: u64,
    pub(super) names: std::ops::Range<usize>,
}

/// The dataset `index` describes, its records and names in `bytes`;
/// `None` if the index's parts disagree (a record itself is checked when
/// decoded) or the snapshot has no table of names.
pub(super) fn open(index: StoredItemIndex, bytes: SnapshotBytes, layout: Layout) -> Option<Dataset> {
    let len = index.ends.len();
    let names = StoredNames {
        bytes: bytes.clone(),
        from: layout.names.start,
        to: layout.names.end,
    };
    if !names.is_present() {
        return None;
    }
    let origins = index
        .origins
        .iter()
        .map(|o| origin_of(o, &index.files))
        .collect::<Option<Origins>>()?;
    let dates = index
        .dates
        .iter()
        .map(|&d| d.map(unpack_date).map_or(Some(None), |d| d.map(Some)))
        .collect::<Option<Vec<_>>>()?;
    let category_of: Vec<usize> = index.categories.iter().map(|&c| usize::from(c)).collect();
    let mut by_category = vec![Vec::new(); CATEGORIES.len()];
    for (idx, &cat) in category_of.iter().enumerate() {
        by_category.get_mut(cat)?.push(idx);
    }
    let listed = listed(&index.default_order, &index.shapes, &by_category, &category_of)?;
    let backlinks = backlinks(index.backlink_ends, &index.backlinks, len)?;
    let by_id = Ids::Sorted(SortedIds::new(index.by_hash, len)?);
    let items = StoredItems::new(bytes, layout.data_at, index.items_at, index.ends, index.sums);
    Some(Dataset {
        items: Items::Stored(items),
        dates,
        origins,
        by_id,
        by_category,
        category_of,
        backlinks,
        names: Names::Stored(names),
        listed: Some(listed),
    })
}

/// Each category's stored list, if it holds exactly that category's
/// items: as many, each of the category, none twice.
fn listed(
    order: &[u32],
    shapes: &[(Option<u32>, bool)],
    by_category: &[Vec<ItemIdx>],
    category_of: &[usize],
) -> Option<Listed> {
    let mut rest = order;
    let mut seen = vec![false; category_of.len()];
    let mut in_default_order = Vec::with_capacity(by_category.len());
    for (cat, items) in by_category.iter().enumerate() {
        let (list, after) = rest.split_at_checked(items.len())?;
        rest = after;
        for &idx in list {
            let idx = idx as usize;
            if category_of.get(idx) != Some(&cat) || std::mem::replace(seen.get_mut(idx)?, true) {
                return None;
            }
        }
        in_default_order.push(list.iter().map(|&idx| idx as usize).collect());
    }
    let shapes = shapes
        .iter()
        .map(|&(widest, month)| (widest.map(|w| w as usize), month))
        .collect();
    rest.is_empty().then_some(Listed {
        in_default_order,
        shapes,
    })
}

fn backlinks(ends: Vec<u32>, stored: &[(u32, super::relation::Relation, u32)], len: usize) -> Option<Backlinks> {
    let all = stored
        .iter()
        .map(|&(from, rel, link)| Backlink {
            from: from as usize,
            rel,
            link: link as usize,
        })
        .collect();
    Backlinks::from_parts(ends, all, len)
}
