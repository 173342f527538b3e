//! The names items answer to ([`super::aliases`]), as a section of the
//! dataset cache ([`super::snapshot`]): so `wsis show 70/125`, `cite ITU`
//! and `open C3` find their item without decoding the whole dataset.
//!
//! The section is a sorted table of (hash of a normalised name, item),
//! 12 bytes an entry, searched in place. A hash only narrows the search:
//! each candidate's record is read and must answer to the name itself
//! ([`item_keys`]), which holds exactly when the table was written,
//! because it is written only for a dataset whose every name is in its
//! [`Aliases`] (no alias clashed). Completeness comes from the section's
//! checksum: every (name, item) pair of the dataset has its entry.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::aliases::{Aliases, Resolved, item_keys, key, qualified_key};
use super::dataset::{Dataset, ItemIdx};
use super::model::Item;
use super::preview::id_hash;
use super::snapshot::checksum;
use super::stored_items::SnapshotBytes;

/// The first byte: whether a table follows (a dataset whose names do not
/// all hold is stored without one, and every name then loads it whole).
const PRESENT: u8 = 1;
pub(super) const ABSENT: u8 = 0;

/// An entry: the name's hash (u64) and the item (u32), little-endian.
const ENTRY: usize = 12;
const HASH: usize = 8;

/// The hash under which a normalised name is stored.
pub fn name_hash(key: &str) -> u64 {
    id_hash(key)
}

/// Appends the table of `data`'s names to `out`.
pub(super) fn encode(data: &Dataset, mut out: Vec<u8>) -> Vec<u8> {
    match entries(data) {
        Some(entries) => {
            out.reserve(1 + entries.len() * ENTRY);
            out.push(PRESENT);
            for (hash, idx) in entries {
                out.extend_from_slice(&hash.to_le_bytes());
                out.extend_from_slice(&idx.to_le_bytes());
            }
        }
        None => out.push(ABSENT),
    }
    out
}

/// Every (name hash, item) pair, sorted and without repeats; `None` if an
/// item's own names are not all in the dataset's names, or too many items.
fn entries(data: &Dataset) -> Option<Vec<(u64, u32)>> {
    // A stored dataset's names are stored already; it is not stored again
    // with them (every name then loads the whole dataset, as without a table).
    let Names::FromItems(built) = &data.names else {
        return None;
    };
    let aliases = built_once(built, || data.items.owned());
    for idx in 0..data.len() {
        if !item_keys(data.item(idx)).iter().all(|k| aliases.holds(k, idx)) {
            return None;
        }
    }
    let mut entries = Vec::with_capacity(data.len() * 3);
    for (key, items) in aliases.entries() {
        let hash = name_hash(key);
        for &idx in items {
            entries.push((hash, u32::try_from(idx).ok()?));
        }
    }
    entries.sort_unstable();
    entries.dedup();
    Some(entries)
}

/// The names of a dataset: built from its items, or the table of a stored
/// snapshot, searched in place.
pub(super) enum Names {
    /// Those of the dataset's own items (`Items::Owned`), built when a
    /// name is first resolved or stored: a load that resolves none (a
    /// cold search, a browser never asked a name) never builds the
    /// largest table of a load. Its clashes were checked at the load
    /// ([`Aliases::clashes`]).
    FromItems(OnceLock<Aliases>),
    Stored(StoredNames),
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Names::FromItems(built) => f.debug_tuple("FromItems").field(&built.get()).finish(),
            Names::Stored(stored) => f.debug_tuple("Stored").field(&(stored.from, stored.len)).finish(),
        }
    }
}

/// A stored table: `bytes[from..to]` is the section, its first byte saying
/// it is present. It is read whole when a name is first looked up, and
/// used only if it matches its sum (`sum`, from the snapshot's header) and
/// is sorted: a damaged table would miss names whose later steps
/// ([`Dataset::resolve`]) may then answer for another item.
pub(super) struct StoredNames {
    pub(super) bytes: SnapshotBytes,
    pub(super) from: u64,
    pub(super) len: usize,
    pub(super) sum: u64,
    /// The section, read when a name is first looked up (empty if it
    /// could not be read: then no name is found).
    pub(super) section: OnceLock<Vec<u8>>,
    /// The names built from the items, as a full load builds them, when
    /// the table turned out damaged or unreadable ([`Names::loaded`]).
    pub(super) loaded: OnceLock<Aliases>,
}

impl Names {
    /// What `name` stands for among the names (not ids or titles), as
    /// [`Aliases::resolve`] finds it; `item` reads an item of the dataset
    /// (`None` past its end), `owned` gives its items when it holds them
    /// whole (to build its names). `None` when the names are a stored
    /// table that is damaged or cannot be read: nothing can be said from
    /// it, and the caller asks the names of the full load ([`Names::loaded`]).
    pub(super) fn resolve<'a>(
        &self,
        name: &str,
        category_of: impl Fn(ItemIdx) -> usize,
        item: impl Fn(ItemIdx) -> Option<&'a Item>,
        owned: impl FnOnce() -> Option<&'a [Item]>,
    ) -> Option<Resolved> {
        let stored = match self {
            Names::FromItems(built) => return Some(built_once(built, owned).resolve(name, category_of)),
            Names::Stored(stored) => stored,
        };
        let table = stored.table()?;
        let answering = |key: &str| -> Vec<ItemIdx> {
            let mut found: Vec<ItemIdx> = table
                .candidates(name_hash(key))
                .filter(|&idx| item(idx).is_some_and(|item| item_keys(item).iter().any(|k| k == key)))
                .collect();
            found.dedup();
            found
        };
        let mut found = answering(&key(name));
        if found.is_empty()
            && let Some((rest, category)) = qualified_key(name)
        {
            found = answering(&rest);
            found.retain(|&idx| category.is_none_or(|c| category_of(idx) == c));
        }
        found.sort_unstable();
        Some(match found.as_slice() {
            [] => Resolved::None,
            [one] => Resolved::One(*one),
            _ => Resolved::Ambiguous(found),
        })
    }

    /// Builds the names from the items now, if they are to be built at
    /// all: called on a thread of its own (the browser's loader), it
    /// spares the first name resolved the wait.
    pub(super) fn prepare<'i>(&self, owned: impl FnOnce() -> Option<&'i [Item]>) {
        if let Names::FromItems(built) = self {
            built_once(built, owned);
        }
    }

    /// The names as a full load builds them: the built ones, or for a
    /// stored table those of `items` (every item of the dataset), built
    /// once. A stored table has no clashing alias (see [`entries`]), so
    /// these are the names a fresh load of the same items gives.
    pub(super) fn loaded(&self, items: impl FnOnce() -> Vec<Item>) -> &Aliases {
        match self {
            Names::FromItems(built) => built.get_or_init(|| Aliases::build(&items()).0),
            Names::Stored(stored) => stored.loaded.get_or_init(|| Aliases::build(&items()).0),
        }
    }
}

/// The names `built` holds, built from `owned` (the dataset's items) the
/// first time they are asked.
fn built_once<'i>(built: &OnceLock<Aliases>, owned: impl FnOnce() -> Option<&'i [Item]>) -> &Aliases {
    built.get_or_init(|| {
        let items = owned();
        debug_assert!(items.is_some(), "names from items go with items held whole");
        Aliases::build(items.unwrap_or_default()).0
    })
}

impl StoredNames {
    /// The table, if its section was read whole, matches its sum and is
    /// a sorted table; read and checked once (each lookup then costs a
    /// binary search), as the warm path checks it ([`super::snapshot::decode_names`]).
    fn table(&self) -> Option<NameTable<'_>> {
        let section = self.section.get_or_init(|| {
            self.bytes
                .read(self.from, self.len)
                .map(Cow::into_owned)
                .filter(|section| checksum(section) == self.sum && NameTable::open(section).is_some())
                .unwrap_or_default()
        });
        let (&first, entries) = section.split_first()?;
        (first == PRESENT && entries.len() % ENTRY == 0).then_some(NameTable { entries })
    }

    /// Whether the stored section holds a table at all: its first byte
    /// says so, and the rest is read only when a name is looked up.
    pub(super) fn is_present(&self) -> bool {
        self.bytes
            .read(self.from, 1)
            .is_some_and(|first| first[..] == [PRESENT])
    }
}

/// A checked table, borrowed from the section's bytes.
pub struct NameTable<'a> {
    entries: &'a [u8],
}

impl<'a> NameTable<'a> {
    /// The table in `section`, if it is one: present, whole entries,
    /// strictly sorted. `None` also for a dataset stored without one.
    pub(super) fn open(section: &'a [u8]) -> Option<NameTable<'a>> {
        let (&first, entries) = section.split_first()?;
        if first != PRESENT || entries.len() % ENTRY != 0 {
            return None;
        }
        let table = NameTable { entries };
        let sorted = (1..table.len()).all(|i| table.entry(i - 1) < table.entry(i));
        sorted.then_some(table)
    }

    fn len(&self) -> usize {
        self.entries.len() / ENTRY
    }

    fn entry(&self, i: usize) -> (u64, u32) {
        let bytes = &self.entries[i * ENTRY..(i + 1) * ENTRY];
        let (hash, idx) = bytes.split_at(HASH);
        let hash = u64::from_le_bytes(hash.try_into().unwrap_or_default());
        let idx = u32::from_le_bytes(idx.try_into().unwrap_or_default());
        (hash, idx)
    }

    /// The items stored under `hash`, in order (each still to be checked).
    pub fn candidates(&self, hash: u64) -> impl Iterator<Item = ItemIdx> + '_ {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.entry(middle).0 < hash {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        (low..self.len())
            .map(|i| self.entry(i))
            .take_while(move |&(h, _)| h == hash)
            .map(|(_, idx)| idx as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::super::stored_items::Items;
    use super::*;
    use crate::data::aliases::key;

    #[test]
    fn every_name_of_every_item_is_found_under_its_hash() {
        let data = Dataset::embedded().expect("embedded data");
        let section = encode(&data, Vec::new());
        let table = NameTable::open(&section).expect("the embedded data has a table");
        for idx in 0..data.len() {
            for name in item_keys(data.item(idx)) {
                assert!(table.candidates(name_hash(&name)).any(|i| i == idx), "{name}");
            }
        }
        assert_eq!(table.candidates(name_hash(&key("no such name"))).count(), 0);
    }

    #[test]
    fn a_loaded_dataset_builds_its_names_only_when_asked_or_prepared() {
        let built = |data: &Dataset| match &data.names {
            Names::FromItems(built) => built.get().is_some(),
            Names::Stored(_) => panic!("a dataset loaded from its files builds its names"),
        };
        let data = Dataset::embedded().expect("embedded data");
        assert!(!built(&data), "the load builds none");
        data.prepare_names();
        assert!(built(&data));
        let asked = Dataset::embedded().expect("embedded data");
        assert!(!built(&asked));
        assert_eq!(asked.resolve("70/125"), data.resolve("70/125"));
        assert!(built(&asked), "the first name resolved builds them");
    }

    #[test]
    fn a_dataset_whose_alias_clashed_is_stored_without_a_table() {
        let mut data = Dataset::embedded().expect("embedded data");
        assert!(entries(&data).is_some());
        // An alias the names left out (as `Aliases::build` leaves out one
        // that clashes): a record would answer to a name the dataset does
        // not give it, so no table is written and every name loads it whole.
        let other = data.item(1).id.clone();
        let Items::Owned(items) = &mut data.items else {
            panic!("a dataset loaded from its files owns its items");
        };
        let mut aliases = items[0].aliases.to_vec();
        aliases.push(other);
        items[0].aliases = aliases.into();
        assert!(entries(&data).is_none());
        assert!(NameTable::open(&encode(&data, Vec::new())).is_none());
    }

    #[test]
    fn a_table_out_of_order_or_cut_is_refused() {
        let data = Dataset::embedded().expect("embedded data");
        let section = encode(&data, Vec::new());
        assert!(NameTable::open(&section[..section.len() - 1]).is_none());
        assert!(NameTable::open(&[ABSENT]).is_none());
        assert!(NameTable::open(&[]).is_none());
        let mut swapped = section.clone();
        swapped[1..1 + 2 * ENTRY].rotate_left(ENTRY);
        assert!(NameTable::open(&swapped).is_none());
    }
}
