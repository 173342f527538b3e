//! A dataset's items as the browser holds them: either owned (parsed from
//! the data files, or a small dataset of a few records), or read in place
//! from a stored snapshot ([`super::snapshot`]), each record decoded the
//! first time it is asked for and kept.
//!
//! A stored record is decoded only if its bytes match the checksum the
//! index of items holds for it, and only if it decodes whole. One that
//! does not is never shown as data: it reads as [`damaged_item`], and the
//! dataset says it met damage ([`StoredItems::met_damage`]), so the caller
//! reloads from the sources (the whole file is checked in the background
//! too: see [`crate::dataset_cache::verify`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use super::dataset::ItemIdx;
use super::model::Item;
use super::snapshot::checksum;
use super::text::{Shared, Text};

/// The bytes of a whole snapshot: a mapped file, or bytes in memory.
pub type SnapshotBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// What a damaged record reads as: no id (so no id or name finds it), its
/// title saying what happened.
pub const DAMAGED_TITLE: &str = "(this record of the dataset cache is damaged: reloading from the data files)";

pub(super) enum Items {
    Owned(Vec<Item>),
    Stored(StoredItems),
}

impl Items {
    pub(super) fn len(&self) -> usize {
        match self {
            Items::Owned(items) => items.len(),
            Items::Stored(stored) => stored.decoded.len(),
        }
    }

    pub(super) fn get(&self, idx: ItemIdx) -> &Item {
        match self {
            Items::Owned(items) => &items[idx],
            Items::Stored(stored) => stored.get(idx),
        }
    }
}

impl std::fmt::Debug for Items {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Items::Owned(items) => f.debug_tuple("Owned").field(&items.len()).finish(),
            Items::Stored(stored) => f.debug_tuple("Stored").field(&stored.decoded.len()).finish(),
        }
    }
}

/// Records in a snapshot's dataset section. Item `i` lies at
/// `data_at + ends[i - 1]..data_at + ends[i]` of `bytes` (the first from
/// `data_at + items_at`), and its bytes sum to `sums[i]`.
pub(super) struct StoredItems {
    bytes: SnapshotBytes,
    data_at: u64,
    items_at: u64,
    ends: Vec<u64>,
    sums: Vec<u64>,
    /// Boxed: an undecoded item costs 16 bytes, not a whole `Item`.
    decoded: Vec<OnceLock<Box<Item>>>,
    damaged: AtomicBool,
}

impl StoredItems {
    pub(super) fn new(
        bytes: SnapshotBytes,
        data_at: u64,
        items_at: u64,
        ends: Vec<u64>,
        sums: Vec<u64>,
    ) -> StoredItems {
        let decoded = std::iter::repeat_with(OnceLock::new).take(ends.len()).collect();
        StoredItems {
            bytes,
            data_at,
            items_at,
            ends,
            sums,
            decoded,
            damaged: AtomicBool::new(false),
        }
    }

    fn get(&self, idx: ItemIdx) -> &Item {
        self.decoded[idx].get_or_init(|| {
            Box::new(self.decode(idx).unwrap_or_else(|| {
                self.damaged.store(true, Ordering::Relaxed);
                damaged_item()
            }))
        })
    }

    /// Record `idx`, if its bytes lie in the file, match their sum and
    /// decode whole into an item.
    fn decode(&self, idx: ItemIdx) -> Option<Item> {
        let start = match idx {
            0 => self.items_at,
            _ => *self.ends.get(idx - 1)?,
        };
        let end = *self.ends.get(idx)?;
        let from = usize::try_from(self.data_at.checked_add(start)?).ok()?;
        let to = usize::try_from(self.data_at.checked_add(end)?).ok()?;
        let record = (*self.bytes).as_ref().get(from..to)?;
        if Some(&checksum(record)) != self.sums.get(idx) {
            return None;
        }
        let (item, rest) = postcard::take_from_bytes::<Item>(record).ok()?;
        rest.is_empty().then_some(item)
    }

    /// Whether a record decoded so far was damaged.
    pub(super) fn met_damage(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// The whole snapshot these records lie in.
    pub(super) fn bytes(&self) -> &SnapshotBytes {
        &self.bytes
    }
}

/// The item a damaged record reads as (see [`DAMAGED_TITLE`]).
pub fn damaged_item() -> Item {
    Item {
        id: Text::from(""),
        category: Shared::from(super::category::CATEGORIES[0].id),
        symbol: None,
        title: Text::from(DAMAGED_TITLE),
        short_title: None,
        aliases: Box::default(),
        date: None,
        until: None,
        body: None,
        summary: Text::from(""),
        points: Box::default(),
        url: None,
        sources: Box::default(),
        tags: Box::default(),
        links: Box::default(),
        unconfirmed: Box::default(),
    }
}
