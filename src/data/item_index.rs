//! Where each item lies in a snapshot's dataset section, and who links to
//! it, as a section of its own ([`super::snapshot`]): so `wsis show ID`
//! reads the one item and its related items, a few records, instead of
//! decoding the whole dataset.
//!
//! Every record has its own checksum here, and the section has one in the
//! snapshot's header: a record is used only if it matches, is the item
//! its id names, and (for a backlink) links to the item shown.

use std::collections::BTreeMap;

use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize, Serializer};

use super::dataset::{Dataset, ItemIdx};
use super::model::Item;
use super::preview::id_hash;
use super::snapshot::{ItemRef, StoredOrigin, checksum, origin_of, rebuild};

/// What the section holds. Offsets are from the start of the dataset
/// section; item `i` ends at `ends[i]` and starts where item `i - 1` ends
/// (the first at `items_at`).
#[derive(Serialize, Deserialize)]
pub(super) struct StoredItemIndex {
    files: Vec<String>,
    items_at: u64,
    ends: Vec<u64>,
    sums: Vec<u64>,
    origins: Vec<StoredOrigin>,
    /// `(id_hash, item)`, sorted.
    by_hash: Vec<(u64, u32)>,
    /// Item `i`'s backlinks are `backlinks[backlink_ends[i - 1]..backlink_ends[i]]`.
    backlink_ends: Vec<u32>,
    backlinks: Vec<u32>,
}

/// A sequence's length as postcard writes it before the elements.
struct SeqLen(usize);

impl Serialize for SeqLen {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_seq(Some(self.0))?.end()
    }
}

impl StoredItemIndex {
    /// The index of `data`, whose dataset section is written from `files`,
    /// `items` and `origins` in that order.
    pub(super) fn of(
        data: &Dataset,
        files: &[&str],
        items: &[ItemRef],
        origins: &[StoredOrigin],
    ) -> postcard::Result<StoredItemIndex> {
        let small = |n: usize| u32::try_from(n).map_err(|_| postcard::Error::SerializeBufferFull);
        let mut at = (postcard::to_stdvec(files)?.len() + postcard::to_stdvec(&SeqLen(items.len()))?.len()) as u64;
        let items_at = at;
        let (mut ends, mut sums) = (Vec::with_capacity(items.len()), Vec::with_capacity(items.len()));
        for item in items {
            let record = postcard::to_stdvec(item)?;
            at += record.len() as u64;
            ends.push(at);
            sums.push(checksum(&record));
        }
        let mut by_hash = Vec::with_capacity(items.len());
        let (mut backlink_ends, mut backlinks) = (Vec::with_capacity(items.len()), Vec::new());
        for idx in 0..data.len() {
            by_hash.push((id_hash(&data.item(idx).id), small(idx)?));
            for backlink in data.backlinks(idx) {
                backlinks.push(small(backlink.from)?);
            }
            backlink_ends.push(small(backlinks.len())?);
        }
        by_hash.sort_unstable();
        Ok(StoredItemIndex {
            files: files.iter().map(|f| f.to_string()).collect(),
            items_at,
            ends,
            sums,
            origins: origins.to_vec(),
            by_hash,
            backlink_ends,
            backlinks,
        })
    }

    pub(super) fn holds_together(&self) -> bool {
        let n = self.ends.len();
        let below = |&i: &u32| usize::try_from(i).is_ok_and(|i| i < n);
        [
            self.sums.len(),
            self.origins.len(),
            self.by_hash.len(),
            self.backlink_ends.len(),
        ] == [n; 4]
            && self.ends.first().is_none_or(|&first| first >= self.items_at)
            && self.ends.is_sorted()
            && self.by_hash.is_sorted()
            && self.by_hash.iter().all(|(_, i)| below(i))
            && self.backlink_ends.is_sorted()
            && self
                .backlink_ends
                .last()
                .is_none_or(|&last| last as usize == self.backlinks.len())
            && self.backlinks.iter().all(below)
    }
}

/// A checked index, and where the dataset section begins in the file.
pub struct ItemIndex {
    pub(super) stored: StoredItemIndex,
    pub(super) data_at: u64,
}

impl ItemIndex {
    /// The item whose id is exactly `id`, with every item it links to or
    /// that links to it, as a small dataset of their own (links to others
    /// dropped), reading each record with `read(offset in the file,
    /// length)`. `None` when no item has that id, or a record read does not
    /// match (the caller then loads the whole dataset).
    pub fn one_with_related(&self, id: &str, mut read: impl FnMut(u64, usize) -> Option<Vec<u8>>) -> Option<Dataset> {
        let mut record = |idx: ItemIdx| self.record(idx, &mut read);
        let (idx, item) = self
            .candidates(id)
            .find_map(|idx| Some((idx, record(idx)?)).filter(|(_, i)| i.id == id))?;
        let mut kept: BTreeMap<ItemIdx, Item> = BTreeMap::new();
        for link in &item.links {
            let target = self
                .candidates(&link.to)
                .find_map(|t| Some((t, record(t)?)).filter(|(_, i)| i.id == link.to))?;
            kept.insert(target.0, target.1);
        }
        let (from, to) = (self.backlinks_from(idx)?, self.stored.backlink_ends[idx] as usize);
        for &source in self.stored.backlinks.get(from..to)? {
            let source = source as usize;
            if kept.contains_key(&source) {
                continue;
            }
            let linking = record(source)?;
            if !linking.links.iter().any(|l| l.to == id) {
                return None;
            }
            kept.insert(source, linking);
        }
        kept.insert(idx, item);
        let ids: std::collections::HashSet<String> = kept.values().map(|i| i.id.clone()).collect();
        let origins = kept
            .keys()
            .map(|&i| origin_of(&self.stored.origins[i], &self.stored.files))
            .collect::<Option<Vec<_>>>()?;
        let items = kept
            .into_values()
            .map(|mut item| {
                item.links.retain(|link| ids.contains(&link.to));
                item
            })
            .collect();
        rebuild(items, origins)
    }

    /// The items whose id hashes as `id` does.
    fn candidates(&self, id: &str) -> impl Iterator<Item = ItemIdx> + '_ {
        let hash = id_hash(id);
        let first = self.stored.by_hash.partition_point(|&(h, _)| h < hash);
        self.stored.by_hash[first..]
            .iter()
            .take_while(move |&&(h, _)| h == hash)
            .map(|&(_, idx)| idx as usize)
    }

    fn backlinks_from(&self, idx: ItemIdx) -> Option<usize> {
        match idx {
            0 => Some(0),
            _ => self.stored.backlink_ends.get(idx - 1).map(|&end| end as usize),
        }
    }

    /// Item `idx`, read and checked against its sum.
    fn record(&self, idx: ItemIdx, read: &mut impl FnMut(u64, usize) -> Option<Vec<u8>>) -> Option<Item> {
        let stored = &self.stored;
        let start = match idx {
            0 => stored.items_at,
            _ => *stored.ends.get(idx - 1)?,
        };
        let len = usize::try_from(stored.ends.get(idx)?.checked_sub(start)?).ok()?;
        let bytes = read(self.data_at.checked_add(start)?, len)?;
        if bytes.len() != len || checksum(&bytes) != stored.sums[idx] {
            return None;
        }
        let (item, rest) = postcard::take_from_bytes::<Item>(&bytes).ok()?;
        rest.is_empty().then_some(item)
    }
}
