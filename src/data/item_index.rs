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

use super::aliases::{item_keys, key, qualified_key};
use super::category::{CATEGORIES, category_index};
use super::dataset::{Backlink, Dataset, ItemIdx};
use super::date::PartialDate;
use super::fixed_columns::column;
use super::model::Item;
use super::name_table::{NameTable, name_hash};
use super::origins::Origins;
use super::preview::id_hash;
use super::preview::list_shape;
use super::relation::{MAX_PART_OF_STEPS, Relation};
use super::snapshot::{ItemRef, StoredOrigin, checksum, origin_of, rebuild};
use super::sort::in_default_order;
use super::text::Text;

/// What the section holds. Offsets are from the start of the dataset
/// section; item `i` ends at `ends[i]` and starts where item `i - 1` ends
/// (the first at `items_at`).
///
/// The rest lets the browser open on the stored dataset without decoding
/// an item ([`super::open_stored`]): each item's category and date, each
/// category's items in its default order and the shape of that list.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredItemIndex {
    pub(super) files: Vec<String>,
    pub(super) items_at: u64,
    #[serde(with = "column")]
    pub(super) ends: Vec<u64>,
    #[serde(with = "column")]
    pub(super) sums: Vec<u64>,
    #[serde(with = "column")]
    pub(super) origins: Vec<StoredOrigin>,
    /// `(id_hash, item)`, sorted.
    #[serde(with = "column")]
    pub(super) by_hash: Vec<(u64, u32)>,
    /// Each item's id hash, by item: read in place, never built at opening.
    #[serde(with = "column")]
    pub(super) id_hashes: Vec<u64>,
    /// Item `i`'s backlinks are `backlinks[backlink_ends[i - 1]..backlink_ends[i]]`:
    /// the linking item, the relation, the link's place in its links.
    #[serde(with = "column")]
    pub(super) backlink_ends: Vec<u32>,
    #[serde(with = "column")]
    pub(super) backlinks: Vec<Backlink>,
    /// Index into `CATEGORIES`, by item.
    #[serde(with = "column")]
    pub(super) categories: Vec<u8>,
    /// Each item's date, packed by [`pack_date`].
    #[serde(with = "column")]
    pub(super) dates: Vec<Option<u32>>,
    /// Every category's items in its default order, one category after another.
    #[serde(with = "column")]
    pub(super) default_order: Vec<u32>,
    /// By category: widest symbol (columns), whether a date has a month.
    pub(super) shapes: Vec<(Option<u32>, bool)>,
}

/// A date as one number: year, month and day (0: not given) in bytes.
pub(super) fn pack_date(date: PartialDate) -> u32 {
    (u32::from(date.year) << 16) | (u32::from(date.month.unwrap_or(0)) << 8) | u32::from(date.day.unwrap_or(0))
}

/// The date [`pack_date`] packed; `None` for a number no date packs to.
pub(super) fn unpack_date(packed: u32) -> Option<PartialDate> {
    let year = u16::try_from(packed >> 16).ok()?;
    let given = |n: u32| (n != 0).then_some(n as u8);
    let (month, day) = (given((packed >> 8) & 0xff), given(packed & 0xff));
    let sound = month.is_none_or(|m| m <= 12) && day.is_none_or(|d| d <= 31 && month.is_some());
    sound.then_some(PartialDate { year, month, day })
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
    pub(super) fn of<'a>(
        data: &Dataset,
        files: &[&str],
        items: impl ExactSizeIterator<Item = ItemRef<'a>>,
        origins: &[StoredOrigin],
    ) -> postcard::Result<StoredItemIndex> {
        let small = |n: usize| u32::try_from(n).map_err(|_| postcard::Error::SerializeBufferFull);
        let mut at = (postcard::to_stdvec(files)?.len() + postcard::to_stdvec(&SeqLen(items.len()))?.len()) as u64;
        let items_at = at;
        let count = items.len();
        let (mut ends, mut sums) = (Vec::with_capacity(count), Vec::with_capacity(count));
        for item in items {
            let record = postcard::to_stdvec(&item)?;
            at += record.len() as u64;
            ends.push(at);
            sums.push(checksum(&record));
        }
        let mut by_hash = Vec::with_capacity(count);
        let mut id_hashes = Vec::with_capacity(count);
        let (mut backlink_ends, mut backlinks) = (Vec::with_capacity(count), Vec::new());
        for idx in 0..data.len() {
            let hash = id_hash(&data.item(idx).id);
            by_hash.push((hash, small(idx)?));
            id_hashes.push(hash);
            // Stored as u32 (see `fixed_columns`): checked here, so a
            // dataset too large gives an error, never a wrapped number.
            for backlink in data.backlinks(idx).iter() {
                small(backlink.from)?;
                small(backlink.link)?;
                backlinks.push(*backlink);
            }
            backlink_ends.push(small(backlinks.len())?);
        }
        by_hash.sort_unstable();
        let (mut default_order, mut shapes) = (Vec::with_capacity(count), Vec::new());
        for cat in 0..CATEGORIES.len() {
            let list = in_default_order(data, cat);
            let (widest, has_month) = list_shape(data, &list);
            shapes.push((widest.map(small).transpose()?, has_month));
            default_order.extend(list.into_iter().map(small).collect::<postcard::Result<Vec<u32>>>()?);
        }
        Ok(StoredItemIndex {
            files: files.iter().map(|f| f.to_string()).collect(),
            items_at,
            ends,
            sums,
            origins: origins.to_vec(),
            by_hash,
            id_hashes,
            backlink_ends,
            backlinks,
            categories: (0..data.len()).map(|idx| data.category_of(idx) as u8).collect(),
            dates: (0..data.len()).map(|idx| data.date(idx).map(pack_date)).collect(),
            default_order,
            shapes,
        })
    }

    pub(super) fn holds_together(&self) -> bool {
        let n = self.ends.len();
        let below = |&i: &u32| usize::try_from(i).is_ok_and(|i| i < n);
        [
            self.sums.len(),
            self.origins.len(),
            self.by_hash.len(),
            self.id_hashes.len(),
            self.backlink_ends.len(),
        ] == [n; 5]
            && self.ends.first().is_none_or(|&first| first >= self.items_at)
            && self.ends.is_sorted()
            && self.by_hash.is_sorted()
            && self.by_hash.iter().all(|(_, i)| below(i))
            && self.backlink_ends.is_sorted()
            && self
                .backlink_ends
                .last()
                .is_none_or(|&last| last as usize == self.backlinks.len())
            && self.backlinks.iter().all(|b| b.from < n)
            && [self.categories.len(), self.dates.len(), self.default_order.len()] == [n; 3]
            && self.categories.iter().all(|&c| usize::from(c) < CATEGORIES.len())
            && self.shapes.len() == CATEGORIES.len()
    }
}

/// A checked index, and where the dataset section begins in the file.
pub struct ItemIndex {
    pub(super) stored: StoredItemIndex,
    pub(super) data_at: u64,
}

/// How a record is read: `read(offset in the file, length)`.
pub trait ReadAt: FnMut(u64, usize) -> Option<Vec<u8>> {}
impl<F: FnMut(u64, usize) -> Option<Vec<u8>>> ReadAt for F {}

/// At most this many items are read to settle one name: a name that many
/// items share is ambiguous anyway, and the whole load reports it.
const MAX_NAME_CANDIDATES: usize = 64;

impl ItemIndex {
    /// The item whose id is exactly `id`, with every item it links to or
    /// that links to it, as a small dataset of their own (links to others
    /// dropped), reading each record with `read(offset in the file,
    /// length)`. `None` when no item has that id, or a record read does not
    /// match (the caller then loads the whole dataset).
    pub fn one_with_related(&self, id: &str, mut read: impl ReadAt) -> Option<Dataset> {
        let idx = self.by_exact_id(id, &mut read)??;
        self.with_related(&[idx], true, &mut read)
    }

    /// The item whose id is exactly `id`: `Some(None)` when surely none
    /// has it, `None` when a record read does not match.
    pub fn by_exact_id(&self, id: &str, read: &mut impl ReadAt) -> Option<Option<ItemIdx>> {
        Some(self.with_id(id, read)?.map(|(idx, _)| idx))
    }

    /// [`Self::by_exact_id`], with the item's record.
    pub fn with_id(&self, id: &str, read: &mut impl ReadAt) -> Option<Option<(ItemIdx, Item)>> {
        for idx in self.candidates(id) {
            let item = self.record(idx, read)?;
            if item.id == id {
                return Some(Some((idx, item)));
            }
        }
        Some(None)
    }

    /// The one item that answers to `name` other than by its id, as
    /// [`crate::data::Aliases::resolve`] finds it in the whole dataset
    /// (normalised name, else the name after its qualifiers, narrowed to
    /// the category they name), from the stored table of names. `None`
    /// when no item or several answer, or anything read does not match:
    /// the caller then loads the whole dataset, which says why. With the
    /// item's record.
    pub fn by_name(&self, name: &str, names: &NameTable<'_>, read: &mut impl ReadAt) -> Option<(ItemIdx, Item)> {
        let mut found = self.answering(&key(name), names, read)?;
        if found.is_empty() {
            let (rest, category) = qualified_key(name)?;
            found = self.answering(&rest, names, read)?;
            if let Some(category) = category {
                found.retain(|(_, item)| category_index(&item.category) == Some(category));
            }
        }
        let one = found.pop()?;
        found.is_empty().then_some(one)
    }

    /// The items answering to the normalised name `key`, with their
    /// records; `None` when a record read does not match or too many share
    /// its hash.
    fn answering(&self, key: &str, names: &NameTable<'_>, read: &mut impl ReadAt) -> Option<Vec<(ItemIdx, Item)>> {
        let mut found = Vec::new();
        for (n, idx) in names.candidates(name_hash(key)).enumerate() {
            if n == MAX_NAME_CANDIDATES {
                return None;
            }
            let item = self.record(idx, read)?;
            if item_keys(&item).iter().any(|k| k == key) {
                found.push((idx, item));
            }
        }
        Some(found)
    }

    /// The items `wanted`, with every item they link to and, if
    /// `backlinks`, every item that links to them, as a small dataset of
    /// their own (links to items left out dropped: those of `wanted` all
    /// stay). `None` when a record read does not match.
    pub fn with_related(&self, wanted: &[ItemIdx], backlinks: bool, read: &mut impl ReadAt) -> Option<Dataset> {
        let mut kept: BTreeMap<ItemIdx, Item> = BTreeMap::new();
        for &idx in wanted {
            let item = match kept.remove(&idx) {
                Some(item) => item,
                None => self.record(idx, read)?,
            };
            for link in &item.links {
                let (target, record) = self.with_id(&link.to, read)??;
                kept.entry(target).or_insert(record);
            }
            self.add_containers(&item, &mut kept, read)?;
            if backlinks {
                self.add_backlinks(idx, &item.id, &mut kept, read)?;
            }
            kept.insert(idx, item);
        }
        let ids: std::collections::HashSet<Text> = kept.values().map(|i| i.id.clone()).collect();
        let origins = kept
            .keys()
            .map(|&i| origin_of(self.stored.origins.get(i)?, &self.stored.files))
            .collect::<Option<Origins>>()?;
        let items = kept
            .into_values()
            .map(|mut item| {
                item.links = item
                    .links
                    .into_vec()
                    .into_iter()
                    .filter(|link| ids.contains(&link.to))
                    .collect();
                item
            })
            .collect();
        rebuild(items, origins)
    }

    /// Adds to `kept` the chain of items `item` is part of, beyond the
    /// first (a link target already): a citation looks past an Action Line
    /// for the document it is in (C7 e-health is in C7, in the Plan of
    /// Action). With each, the body that adopted it: a paragraph is cited
    /// as its document, under that body's name.
    fn add_containers(&self, item: &Item, kept: &mut BTreeMap<ItemIdx, Item>, read: &mut impl ReadAt) -> Option<()> {
        let container_of = |item: &Item| {
            let link = item.links.iter().find(|link| link.rel == Relation::PartOf)?;
            Some(link.to.clone())
        };
        let mut next = container_of(item);
        for _ in 0..MAX_PART_OF_STEPS {
            let Some(id) = next else { break };
            let (at, record) = self.with_id(&id, read)??;
            next = container_of(&record);
            let adopter = record.links.iter().find(|link| link.rel == Relation::AdoptedBy);
            if let Some(adopter) = adopter {
                let (body, body_record) = self.with_id(&adopter.to, read)??;
                kept.entry(body).or_insert(body_record);
            }
            kept.entry(at).or_insert(record);
        }
        Some(())
    }

    /// Adds to `kept` every item that links to item `idx` (whose id is `id`).
    fn add_backlinks(
        &self,
        idx: ItemIdx,
        id: &str,
        kept: &mut BTreeMap<ItemIdx, Item>,
        read: &mut impl ReadAt,
    ) -> Option<()> {
        let (from, to) = (self.backlinks_from(idx)?, *self.stored.backlink_ends.get(idx)? as usize);
        for backlink in self.stored.backlinks.get(from..to)? {
            let source = backlink.from;
            if kept.contains_key(&source) || source == idx {
                continue;
            }
            let linking = self.record(source, read)?;
            if !linking.links.iter().any(|l| l.to == id) {
                return None;
            }
            kept.insert(source, linking);
        }
        Some(())
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
    fn record(&self, idx: ItemIdx, read: &mut impl ReadAt) -> Option<Item> {
        let stored = &self.stored;
        let start = match idx {
            0 => stored.items_at,
            _ => *stored.ends.get(idx - 1)?,
        };
        let len = usize::try_from(stored.ends.get(idx)?.checked_sub(start)?).ok()?;
        let bytes = read(self.data_at.checked_add(start)?, len)?;
        if bytes.len() != len || Some(&checksum(&bytes)) != stored.sums.get(idx) {
            return None;
        }
        let (item, rest) = postcard::take_from_bytes::<Item>(&bytes).ok()?;
        rest.is_empty().then_some(item)
    }
}
