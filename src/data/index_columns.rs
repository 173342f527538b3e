//! The index of items ([`super::item_index`]) read in place: the section's
//! bytes, read whole once, are kept, and each column is read by position
//! when asked (a record's end and sum, an item's category, date, origin,
//! id hash and backlinks, the sorted id hashes by binary search). Opening
//! writes no column anew: at a million items, copying them into fresh
//! vectors took most of the browser's opening (page faults on ~85 MB).
//!
//! The bytes are untrusted: opening reads every column once to check it
//! (lengths, order, every index in range, every record a value, each
//! category's list holding exactly its items), so a column read later
//! always holds a value; anything that does not check refuses the whole
//! index and the cache is rebuilt.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;

use super::category::CATEGORIES;
use super::dataset::{Backlink, ItemIdx};
use super::date::PartialDate;
use super::fixed_columns::Fixed;
use super::item_index::unpack_date;
use super::origins::Origin;
use super::section_bytes::SectionBytes;
use super::snapshot::{StoredOrigin, origin_of};

/// [`super::item_index::StoredItemIndex`] as postcard wrote it, each column
/// borrowed from the section's bytes (fields in the same order).
#[derive(Deserialize)]
struct IndexView<'a> {
    files: Vec<String>,
    items_at: u64,
    ends: &'a [u8],
    sums: &'a [u8],
    origins: &'a [u8],
    by_hash: &'a [u8],
    id_hashes: &'a [u8],
    backlink_ends: &'a [u8],
    backlinks: &'a [u8],
    categories: &'a [u8],
    dates: &'a [u8],
    default_order: &'a [u8],
    shapes: Vec<(Option<u32>, bool)>,
}

/// One column: where its records lie in the section's bytes.
type Column = Range<usize>;

/// The bytes of a sorted id-hash entry: the hash, then the item.
const BY_HASH_WIDTH: usize = 12;

/// The checked index of items, its columns read in place.
pub(super) struct IndexColumns {
    bytes: SectionBytes,
    items: usize,
    items_at: u64,
    files: Vec<String>,
    ends: Column,
    sums: Column,
    origins: Column,
    by_hash: Column,
    id_hashes: Column,
    backlink_ends: Column,
    backlinks: Column,
    categories: Column,
    dates: Column,
    default_order: Column,
    /// Category `c`'s list is records `list_bounds[c]..list_bounds[c + 1]`
    /// of `default_order`.
    list_bounds: Vec<usize>,
    shapes: Vec<(Option<u32>, bool)>,
}

impl std::fmt::Debug for IndexColumns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexColumns").field("items", &self.items).finish()
    }
}

impl IndexColumns {
    /// The index held in `bytes` (the whole section), if it decodes,
    /// every column checks and `sound` (its checksum, taken on a second
    /// thread meanwhile) holds.
    pub(super) fn open(bytes: SectionBytes, sound: impl FnOnce(&[u8]) -> bool + Send) -> Option<IndexColumns> {
        let mut columns = IndexColumns::parse(bytes)?;
        // Taken by whichever thread sums: a thread the system refuses only
        // costs the overlap.
        let sound = std::sync::Mutex::new(Some(sound));
        let sum = || {
            let sound = sound.lock().ok().and_then(|mut sound| sound.take());
            sound.is_some_and(|sound| sound(&columns.bytes))
        };
        let (summed, bounds) = std::thread::scope(|scope| match std::thread::Builder::new().spawn_scoped(scope, sum) {
            Ok(summing) => {
                let bounds = columns.holds_together();
                (summing.join().unwrap_or(false), bounds)
            }
            Err(_) => (sum(), columns.holds_together()),
        });
        columns.list_bounds = bounds.filter(|_| summed)?;
        Some(columns)
    }

    /// Where each column lies in `bytes`; nothing checked yet.
    fn parse(bytes: SectionBytes) -> Option<IndexColumns> {
        let (view, rest) = postcard::take_from_bytes::<IndexView>(&bytes).ok()?;
        if !rest.is_empty() {
            return None;
        }
        let base = bytes.as_ptr() as usize;
        let at = |column: &[u8]| {
            let start = column.as_ptr() as usize - base;
            start..start + column.len()
        };
        let columns = IndexColumns {
            items: view.ends.len() / u64::WIDTH,
            items_at: view.items_at,
            ends: at(view.ends),
            sums: at(view.sums),
            origins: at(view.origins),
            by_hash: at(view.by_hash),
            id_hashes: at(view.id_hashes),
            backlink_ends: at(view.backlink_ends),
            backlinks: at(view.backlinks),
            categories: at(view.categories),
            dates: at(view.dates),
            default_order: at(view.default_order),
            files: view.files,
            shapes: view.shapes,
            list_bounds: Vec::new(),
            bytes: SectionBytes::Heap(Vec::new()),
        };
        Some(IndexColumns { bytes, ..columns })
    }

    pub(super) fn len(&self) -> usize {
        self.items
    }

    /// Record `at` of `column`, if there is one and it reads as a value.
    fn record<T: Fixed>(&self, column: &Column, at: usize) -> Option<T> {
        let from = column.start.checked_add(at.checked_mul(T::WIDTH)?)?;
        let to = from.checked_add(T::WIDTH).filter(|&to| to <= column.end)?;
        T::take(self.bytes.get(from..to)?)
    }

    /// Every record of `column`, as its bytes.
    fn records<T: Fixed>(&self, column: &Column) -> std::slice::ChunksExact<'_, u8> {
        self.bytes[column.clone()].chunks_exact(T::WIDTH)
    }

    /// How many records `column` holds; `None` unless a whole number.
    fn count<T: Fixed>(&self, column: &Column) -> Option<usize> {
        column.len().is_multiple_of(T::WIDTH).then(|| column.len() / T::WIDTH)
    }

    /// Where item `idx`'s record lies in the dataset section.
    pub(super) fn record_range(&self, idx: ItemIdx) -> Option<Range<u64>> {
        let start = match idx {
            0 => self.items_at,
            _ => self.record::<u64>(&self.ends, idx - 1)?,
        };
        Some(start..self.record::<u64>(&self.ends, idx)?)
    }

    /// The checksum of item `idx`'s record.
    pub(super) fn sum(&self, idx: ItemIdx) -> Option<u64> {
        self.record(&self.sums, idx)
    }

    pub(super) fn category(&self, idx: ItemIdx) -> Option<usize> {
        self.record::<u8>(&self.categories, idx).map(usize::from)
    }

    pub(super) fn date(&self, idx: ItemIdx) -> Option<PartialDate> {
        self.record::<Option<u32>>(&self.dates, idx)?.and_then(unpack_date)
    }

    pub(super) fn origin(&self, idx: ItemIdx) -> Option<Origin<'_>> {
        origin_of(&self.record(&self.origins, idx)?, &self.files)
    }

    /// The stored hash of item `idx`'s id.
    pub(super) fn id_hash(&self, idx: ItemIdx) -> Option<u64> {
        self.record(&self.id_hashes, idx)
    }

    /// The items whose id hashes to `hash`, by binary search over the
    /// sorted entries in place.
    pub(super) fn with_id_hash(&self, hash: u64) -> impl Iterator<Item = ItemIdx> + '_ {
        let (entries, _) = self.bytes[self.by_hash.clone()].as_chunks::<BY_HASH_WIDTH>();
        let first = entries.partition_point(|entry| <(u64, u32)>::take(entry).is_some_and(|(h, _)| h < hash));
        entries[first..]
            .iter()
            .map_while(move |entry| <(u64, u32)>::take(entry).filter(|&(h, _)| h == hash))
            .map(|(_, idx)| idx as usize)
    }

    /// Item `idx`'s backlinks, decoded from their records.
    pub(super) fn backlinks(&self, idx: ItemIdx) -> Cow<'_, [Backlink]> {
        let start = match idx {
            0 => Some(0),
            _ => self.record::<u32>(&self.backlink_ends, idx - 1),
        };
        let end = self.record::<u32>(&self.backlink_ends, idx);
        let (Some(start), Some(end)) = (start, end) else {
            return Cow::Borrowed(&[]);
        };
        Cow::Owned(
            (start..end)
                .filter_map(|at| self.record(&self.backlinks, at as usize))
                .collect(),
        )
    }

    /// How many backlinks item `idx` has, without decoding them.
    pub(super) fn backlink_count(&self, idx: ItemIdx) -> usize {
        let start = match idx {
            0 => Some(0),
            _ => self.record::<u32>(&self.backlink_ends, idx - 1),
        };
        let end = self.record::<u32>(&self.backlink_ends, idx);
        start
            .zip(end)
            .map_or(0, |(start, end)| end.saturating_sub(start) as usize)
    }

    /// How many items category `cat` holds.
    pub(super) fn category_len(&self, cat: usize) -> usize {
        self.list_range(cat).map_or(0, |list| list.len())
    }

    /// Category `cat`'s items in its default order.
    pub(super) fn default_list(&self, cat: usize) -> Option<Vec<ItemIdx>> {
        let list = self.list_range(cat)?;
        list.map(|at| self.record::<u32>(&self.default_order, at).map(|idx| idx as usize))
            .collect()
    }

    fn list_range(&self, cat: usize) -> Option<Range<usize>> {
        Some(*self.list_bounds.get(cat)?..*self.list_bounds.get(cat + 1)?)
    }

    /// The widest symbol and whether a date has a month over category `cat`.
    pub(super) fn shape(&self, cat: usize) -> Option<(Option<usize>, bool)> {
        let &(widest, month) = self.shapes.get(cat)?;
        Some((widest.map(|w| w as usize), month))
    }

    /// Each category's items in file order: built when first asked for
    /// (a search within a category, another order), never at opening.
    pub(super) fn by_category(&self) -> Vec<Vec<ItemIdx>> {
        let mut lists: Vec<Vec<ItemIdx>> = (0..CATEGORIES.len())
            .map(|cat| Vec::with_capacity(self.category_len(cat)))
            .collect();
        for (idx, record) in self.records::<u8>(&self.categories).enumerate() {
            if let Some(list) = lists.get_mut(usize::from(record[0])) {
                list.push(idx);
            }
        }
        lists
    }
}

/// Marks a stage of the checks for `WSIS_TRACE_LOAD`; always true.
fn traced(stage: &str) -> bool {
    super::trace::mark(stage);
    true
}

/// The checks of opening, each one read of a column (see the module's doc).
impl IndexColumns {
    /// The bounds of each category's list when every column checks.
    fn holds_together(&self) -> Option<Vec<usize>> {
        let n = self.items;
        let counts = [
            self.count::<u64>(&self.ends)?,
            self.count::<u64>(&self.sums)?,
            self.count::<StoredOrigin>(&self.origins)?,
            self.count::<(u64, u32)>(&self.by_hash)?,
            self.count::<u64>(&self.id_hashes)?,
            self.count::<u32>(&self.backlink_ends)?,
            self.count::<u8>(&self.categories)?,
            self.count::<Option<u32>>(&self.dates)?,
            self.count::<u32>(&self.default_order)?,
        ];
        let sound = counts == [n; 9]
            && self.shapes.len() == CATEGORIES.len()
            && self.ends_rise()
            && self.origins_sound()
            && traced("index: ends and origins checked")
            && self.ids_sound()
            && traced("index: ids checked")
            && self.backlinks_sound()
            && self.dates_sound();
        let bounds = sound.then(|| self.category_bounds())??;
        traced("index: backlinks, dates, categories checked");
        self.lists_sound(&bounds).then_some(bounds)
    }

    fn ends_rise(&self) -> bool {
        let mut last = self.items_at;
        self.records::<u64>(&self.ends).all(|record| {
            let end = u64::take(record).unwrap_or(0);
            std::mem::replace(&mut last, end) <= end
        })
    }

    fn origins_sound(&self) -> bool {
        self.records::<StoredOrigin>(&self.origins)
            .all(|record| StoredOrigin::take(record).is_some_and(|o| origin_of(&o, &self.files).is_some()))
    }

    /// The sorted entries strictly rise, each names an item and no item
    /// twice (so, as many as items, each item once), and they hold the
    /// same (hash, item) pairs as the hashes by item: compared by an
    /// order-free fingerprint of both, two reads front to back, where
    /// looking up each entry's item would jump across the column.
    fn ids_sound(&self) -> bool {
        let mut seen = Bitset::new(self.items);
        let (mut last, mut sorted_print) = (None, 0u64);
        let entries_sound = self.records::<(u64, u32)>(&self.by_hash).all(|record| {
            let Some((hash, idx)) = <(u64, u32)>::take(record) else {
                return false;
            };
            let rises = last.is_none_or(|last| last < (hash, idx));
            last = Some((hash, idx));
            sorted_print = sorted_print.wrapping_add(pair_print(hash, idx as usize));
            rises && seen.insert(idx as usize)
        });
        let by_item_print = self
            .records::<u64>(&self.id_hashes)
            .enumerate()
            .fold(0u64, |print, (idx, record)| {
                print.wrapping_add(pair_print(u64::take(record).unwrap_or(0), idx))
            });
        entries_sound && sorted_print == by_item_print
    }

    fn backlinks_sound(&self) -> bool {
        let mut last = 0;
        let ends_rise = self.records::<u32>(&self.backlink_ends).all(|record| {
            let end = u32::take(record).unwrap_or(0);
            std::mem::replace(&mut last, end) <= end
        });
        ends_rise
            && self.count::<Backlink>(&self.backlinks) == Some(last as usize)
            && self
                .records::<Backlink>(&self.backlinks)
                .all(|record| Backlink::take(record).is_some_and(|b| b.from < self.items))
    }

    fn dates_sound(&self) -> bool {
        self.records::<Option<u32>>(&self.dates).all(|record| {
            <Option<u32> as Fixed>::take(record).is_some_and(|d| d.is_none_or(|d| unpack_date(d).is_some()))
        })
    }

    /// Where each category's list begins in the default order (and the
    /// last ends), from each category's count; `None` for an unknown one.
    fn category_bounds(&self) -> Option<Vec<usize>> {
        let mut counts = vec![0; CATEGORIES.len()];
        for record in self.records::<u8>(&self.categories) {
            *counts.get_mut(usize::from(record[0]))? += 1;
        }
        let mut bounds = Vec::with_capacity(counts.len() + 1);
        bounds.push(0);
        for count in counts {
            bounds.push(bounds.last().copied().unwrap_or(0) + count);
        }
        Some(bounds)
    }

    /// Each category's list holds exactly its items: each of the category,
    /// none twice (the counts match, so none is missing).
    fn lists_sound(&self, bounds: &[usize]) -> bool {
        let mut seen = Bitset::new(self.items);
        bounds.windows(2).enumerate().all(|(cat, list)| {
            (list[0]..list[1]).all(|at| {
                self.record::<u32>(&self.default_order, at)
                    .is_some_and(|idx| seen.insert(idx as usize) && self.category(idx as usize) == Some(cat))
            })
        })
    }
}

/// A mix of an item and its id hash, summed over a table so that two
/// tables of the same pairs, in any order, sum alike (and others do not,
/// but by a chance of about one in 2^64).
fn pair_print(hash: u64, idx: usize) -> u64 {
    // The 64-bit finaliser of MurmurHash3: every bit of the input moves
    // every bit of the output.
    let mut x = hash ^ (idx as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

/// Which items were met: a bit each.
struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    fn new(len: usize) -> Bitset {
        Bitset {
            words: vec![0; len.div_ceil(u64::BITS as usize)],
            len,
        }
    }

    /// Marks `idx`; `false` if it is past the end or was marked already.
    fn insert(&mut self, idx: usize) -> bool {
        if idx >= self.len {
            return false;
        }
        let (word, bit) = (idx / u64::BITS as usize, 1u64 << (idx % u64::BITS as usize));
        let fresh = self.words[word] & bit == 0;
        self.words[word] |= bit;
        fresh
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::super::dataset::Dataset;
    use super::super::item_index::StoredItemIndex;
    use super::super::snapshot::{encode, header_len, item_index_range};
    use super::*;

    /// The embedded dataset, and its snapshot's index of items as bytes.
    static MADE: LazyLock<(Dataset, Vec<u8>)> = LazyLock::new(|| {
        let data = Dataset::embedded().expect("embedded data");
        let bytes = encode(&data, "k");
        let (at, len) = item_index_range(&bytes[..header_len("k")], "k").expect("an index of items");
        let (at, len) = (
            usize::try_from(at).expect("small"),
            usize::try_from(len).expect("small"),
        );
        let section = bytes[at..at + len].to_vec();
        (data, section)
    });

    fn stored() -> StoredItemIndex {
        postcard::from_bytes(&MADE.1).expect("decodes")
    }

    /// `change` made to the stored index, written again and opened.
    fn opened_after(change: impl FnOnce(&mut StoredItemIndex)) -> Option<IndexColumns> {
        let mut index = stored();
        change(&mut index);
        IndexColumns::open(postcard::to_stdvec(&index).expect("encodes").into(), |_| true)
    }

    #[test]
    fn every_column_reads_in_place_as_the_dataset_made() {
        let data = &MADE.0;
        let columns = IndexColumns::open(MADE.1.clone().into(), |_| true).expect("opens");
        assert_eq!(columns.len(), data.len());
        for idx in 0..data.len() {
            assert_eq!(columns.date(idx), data.date(idx));
            assert_eq!(columns.origin(idx), Some(data.origin(idx)));
            assert_eq!(columns.category(idx), Some(data.category_of(idx)));
            assert_eq!(columns.backlinks(idx), data.backlinks(idx));
            let hash = super::super::preview::id_hash(&data.item(idx).id);
            assert_eq!(columns.id_hash(idx), Some(hash));
            assert_eq!(columns.with_id_hash(hash).collect::<Vec<_>>(), vec![idx]);
        }
        let by_category = columns.by_category();
        for (cat, list) in by_category.iter().enumerate() {
            assert_eq!(list.as_slice(), data.category_items(cat));
            assert_eq!(columns.category_len(cat), list.len());
            let mut in_order = columns.default_list(cat).expect("a list");
            in_order.sort_unstable();
            assert_eq!(&in_order, list, "the same items, in another order");
        }
        assert_eq!(columns.date(data.len()), None, "past the end: nothing, no panic");
        assert!(columns.backlinks(data.len()).is_empty());
    }

    /// A change to a stored index.
    type Change<'a> = Box<dyn Fn(&mut StoredItemIndex) + 'a>;

    #[test]
    fn a_column_out_of_range_or_out_of_order_is_refused() {
        let last = u32::try_from(MADE.0.len() - 1).expect("small");
        let linked = stored().backlinks.len();
        assert!(linked > 0, "the embedded data has backlinks");
        let changes: Vec<(&str, Change<'_>)> = vec![
            (
                "an item past the end in the ids",
                Box::new(|i| i.by_hash[0].1 = last + 1),
            ),
            ("an id hash that is not the item's", Box::new(|i| i.id_hashes[0] ^= 1)),
            ("ids out of order", Box::new(|i| i.by_hash.swap(0, 1))),
            ("an id twice", Box::new(|i| i.by_hash[1] = i.by_hash[0])),
            (
                "a backlink from past the end",
                Box::new(|i| i.backlinks[0].from = last as usize + 1),
            ),
            ("backlink ends falling", Box::new(|i| i.backlink_ends[0] = u32::MAX)),
            ("a backlink too many", Box::new(|i| i.backlinks.push(i.backlinks[0]))),
            ("an unknown category", Box::new(|i| i.categories[0] = u8::MAX)),
            (
                "an item in another category's list",
                Box::new(|i| i.categories[0] = (i.categories[0] + 1) % CATEGORIES.len() as u8),
            ),
            (
                "an item twice in a list",
                Box::new(|i| i.default_order[1] = i.default_order[0]),
            ),
            (
                "a listed item past the end",
                Box::new(|i| i.default_order[0] = last + 1),
            ),
            ("a date no date packs to", Box::new(|i| i.dates[0] = Some(0x07DA_0D00))),
            (
                "a record ending before it starts",
                Box::new(|i| i.ends[0] = i.items_at - 1),
            ),
            ("ends falling", Box::new(|i| i.ends.swap(0, 1))),
            ("an origin in no file", Box::new(|i| i.origins[0].file = 1000)),
            ("a sum missing", Box::new(|i| i.sums.truncate(i.sums.len() - 1))),
            ("a shape missing", Box::new(|i| i.shapes.truncate(i.shapes.len() - 1))),
        ];
        for (what, change) in changes {
            assert!(opened_after(change).is_none(), "{what}");
        }
        assert!(opened_after(|_| ()).is_some(), "unchanged, it opens");
    }

    #[test]
    fn a_column_cut_short_is_refused() {
        let bytes = &MADE.1;
        for len in (0..bytes.len()).step_by((bytes.len() / 101).max(1)) {
            assert!(
                IndexColumns::open(bytes[..len].to_vec().into(), |_| true).is_none(),
                "cut at {len}"
            );
        }
        assert!(IndexColumns::open([bytes.as_slice(), b"x"].concat().into(), |_| true).is_none());
        assert!(
            IndexColumns::open(bytes.clone().into(), |_| false).is_none(),
            "sound, but its sum does not match"
        );
    }
}
