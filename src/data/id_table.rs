//! Items by id: a hash table of item indexes, each id read from its item,
//! so the table holds 4 bytes per item instead of a copy of every id.

use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use super::dataset::ItemIdx;
use super::index_columns::IndexColumns;
use super::model::Item;

/// Items by id: a table built at load, or the stored snapshot's sorted
/// table of id hashes, searched in place of building one.
#[derive(Debug)]
pub(super) enum Ids {
    Table(IdTable),
    Sorted(SortedIds),
}

impl Ids {
    /// The index whose id (as `id_of` reads it) is `id`.
    pub(super) fn get<'a>(&self, id: &str, id_of: impl Fn(ItemIdx) -> &'a str) -> Option<ItemIdx> {
        match self {
            Ids::Table(table) => table.get(id, id_of),
            Ids::Sorted(sorted) => sorted.candidates(id).find(|&idx| id_of(idx) == id),
        }
    }
}

/// The stored snapshot's `(hash of an id, item)` entries, sorted, and
/// each item's hash by index, read in place from its index of items
/// (checked when opened): a candidate is the item only if its own id is
/// the one asked for.
#[derive(Debug)]
pub(super) struct SortedIds {
    columns: Arc<IndexColumns>,
}

impl SortedIds {
    pub(super) fn new(columns: Arc<IndexColumns>) -> SortedIds {
        SortedIds { columns }
    }

    /// The items whose id hashes as `id` does.
    fn candidates(&self, id: &str) -> impl Iterator<Item = ItemIdx> + '_ {
        self.columns.with_id_hash(super::preview::id_hash(id))
    }

    /// The first item whose id hashes to `hash`.
    pub(super) fn with_hash(&self, hash: u64) -> Option<ItemIdx> {
        self.columns.with_id_hash(hash).next()
    }

    /// The stored hash of item `idx`'s id.
    pub(super) fn hash_of(&self, idx: ItemIdx) -> Option<u64> {
        self.columns.id_hash(idx)
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct IdTable {
    table: HashTable<u32>,
}

/// The hash under which the table holds `id`.
pub(super) fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

fn small(idx: ItemIdx) -> u32 {
    u32::try_from(idx).expect("fewer than 4 billion items")
}

impl IdTable {
    pub(super) fn with_capacity(items: usize) -> IdTable {
        IdTable {
            table: HashTable::with_capacity(items),
        }
    }

    /// The table of `items`' ids; `None` if two share one.
    pub(super) fn of(items: &[Item]) -> Option<IdTable> {
        let mut ids = IdTable::with_capacity(items.len());
        let id_of = |idx: ItemIdx| items[idx].id.as_str();
        for (idx, item) in items.iter().enumerate() {
            if ids.get(&item.id, id_of).is_some() {
                return None;
            }
            ids.insert(&item.id, idx, id_of);
        }
        Some(ids)
    }

    /// The index whose id (as `id_of` reads it) is `id`.
    pub(super) fn get<'a>(&self, id: &str, id_of: impl Fn(ItemIdx) -> &'a str) -> Option<ItemIdx> {
        self.get_hashed(hash(id), id, id_of)
    }

    /// [`Self::get`] for an id whose [`hash`] is known.
    pub(super) fn get_hashed<'a>(
        &self,
        hash_of_id: u64,
        id: &str,
        id_of: impl Fn(ItemIdx) -> &'a str,
    ) -> Option<ItemIdx> {
        self.table
            .find(hash_of_id, |&idx| id_of(idx as usize) == id)
            .map(|&idx| idx as usize)
    }

    /// Adds `idx` under `id`, which the table does not hold yet; `id_of`
    /// reads the ids of the indexes already in it, should it grow.
    pub(super) fn insert<'a>(&mut self, id: &str, idx: ItemIdx, id_of: impl Fn(ItemIdx) -> &'a str) {
        self.insert_hashed(hash(id), idx, id_of);
    }

    /// [`Self::insert`] for an id whose [`hash`] is known.
    pub(super) fn insert_hashed<'a>(&mut self, hash_of_id: u64, idx: ItemIdx, id_of: impl Fn(ItemIdx) -> &'a str) {
        self.table
            .insert_unique(hash_of_id, small(idx), |&other| hash(id_of(other as usize)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> Item {
        ron::from_str(&format!("Item(id: \"{id}\", category: \"ga\", title: \"T\")")).unwrap()
    }

    #[test]
    fn every_id_finds_its_item_and_no_other_id_finds_one() {
        let items: Vec<Item> = (0..1000).map(|n| item(&format!("item-{n}"))).collect();
        let ids = IdTable::of(&items).expect("distinct ids");
        let id_of = |idx: ItemIdx| items[idx].id.as_str();
        for (idx, item) in items.iter().enumerate() {
            assert_eq!(ids.get(&item.id, id_of), Some(idx));
        }
        assert_eq!(ids.get("item-1000", id_of), None);
    }

    #[test]
    fn a_table_grown_from_empty_finds_every_id() {
        let items: Vec<Item> = (0..100).map(|n| item(&format!("i{n}"))).collect();
        let id_of = |idx: ItemIdx| items[idx].id.as_str();
        let mut ids = IdTable::default();
        for (idx, item) in items.iter().enumerate() {
            ids.insert(&item.id, idx, id_of);
        }
        assert!((0..100).all(|idx| ids.get(&items[idx].id, id_of) == Some(idx)));
    }

    #[test]
    fn two_items_with_one_id_have_no_table() {
        assert!(IdTable::of(&[item("a"), item("b"), item("a")]).is_none());
    }
}
