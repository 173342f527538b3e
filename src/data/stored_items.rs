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

use std::borrow::Cow;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, OnceLock};

use super::dataset::ItemIdx;
use super::index_columns::IndexColumns;
use super::model::Item;
use super::snapshot::checksum;
use super::text::{Shared, Text};

/// The bytes of a whole snapshot: the open file, or bytes in memory.
pub type SnapshotBytes = Arc<dyn SnapshotSource>;

/// Where a stored snapshot's bytes are read from. A file is read at a
/// position when a part is wanted, never mapped: another process cutting
/// a mapped file short would kill this one with SIGBUS (issue 17, as for
/// the search index), while a short read is only a damaged part.
pub trait SnapshotSource: Send + Sync {
    /// The whole length, in bytes.
    fn len(&self) -> u64;

    /// `len` bytes from `at`, if they are all there.
    fn read(&self, at: u64, len: usize) -> Option<Cow<'_, [u8]>>;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fills `out` with the bytes from `at`; `false` unless they are all
    /// there. Into memory the caller chose (see [`super::index_columns`]).
    fn read_into(&self, at: u64, out: &mut [u8]) -> bool {
        self.read(at, out.len()).is_some_and(|bytes| {
            out.copy_from_slice(&bytes);
            true
        })
    }
}

impl SnapshotSource for [u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }

    fn read(&self, at: u64, len: usize) -> Option<Cow<'_, [u8]>> {
        let at = usize::try_from(at).ok()?;
        self.get(at..at.checked_add(len)?).map(Cow::Borrowed)
    }
}

impl SnapshotSource for Vec<u8> {
    fn len(&self) -> u64 {
        self.as_slice().len() as u64
    }

    fn read(&self, at: u64, len: usize) -> Option<Cow<'_, [u8]>> {
        self.as_slice().read(at, len)
    }
}

/// A stored snapshot read from its open file, as long as it was when opened.
pub struct FileSource {
    file: File,
    len: u64,
}

impl FileSource {
    pub fn new(file: File) -> Option<FileSource> {
        let len = file.metadata().ok()?.len();
        Some(FileSource { file, len })
    }
}

impl SnapshotSource for FileSource {
    fn len(&self) -> u64 {
        self.len
    }

    fn read(&self, at: u64, len: usize) -> Option<Cow<'_, [u8]>> {
        if at.checked_add(len as u64)? > self.len {
            return None;
        }
        let mut bytes = vec![0; len];
        self.read_into(at, &mut bytes).then_some(Cow::Owned(bytes))
    }

    fn read_into(&self, at: u64, out: &mut [u8]) -> bool {
        // A file cut short since opening reads short: `false`, a damaged part.
        at.checked_add(out.len() as u64).is_some_and(|end| end <= self.len) && self.file.read_exact_at(out, at).is_ok()
    }
}

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
            Items::Stored(stored) => stored.len(),
        }
    }

    /// The items, when they are held whole (not read from a snapshot).
    pub(super) fn owned(&self) -> Option<&[Item]> {
        match self {
            Items::Owned(items) => Some(items),
            Items::Stored(_) => None,
        }
    }

    pub(super) fn get(&self, idx: ItemIdx) -> &Item {
        match self {
            Items::Owned(items) => &items[idx],
            Items::Stored(stored) => stored.get(idx),
        }
    }

    /// Item `idx`, borrowed if held, else decoded for the caller alone
    /// and not kept (see [`super::Dataset::item_passing`]).
    pub(super) fn passing(&self, idx: ItemIdx) -> Cow<'_, Item> {
        match self {
            Items::Owned(items) => Cow::Borrowed(&items[idx]),
            Items::Stored(stored) => stored.passing(idx),
        }
    }

    /// Says the stored snapshot these items come from is damaged (another
    /// of its parts was found so), as a damaged record does; nothing for
    /// owned items.
    pub(super) fn note_damage(&self) {
        if let Items::Stored(stored) = self {
            stored.note_damage();
        }
    }
}

impl std::fmt::Debug for Items {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Items::Owned(items) => f.debug_tuple("Owned").field(&items.len()).finish(),
            Items::Stored(stored) => f.debug_tuple("Stored").field(&stored.len()).finish(),
        }
    }
}

/// Items decoded together in one slot table, allocated when the first of
/// them is asked for: opening allocates no slot per item.
const DECODED_CHUNK: usize = 4096;

/// One chunk's slots: an undecoded item costs 16 bytes, not a whole `Item`.
type DecodedChunk = Box<[OnceLock<Box<Item>>]>;

/// Records in a snapshot's dataset section, where the index of items
/// (`columns`) places them: item `i` lies at `data_at` plus
/// [`IndexColumns::record_range`] of `bytes`, and its bytes sum to
/// [`IndexColumns::sum`].
pub(super) struct StoredItems {
    bytes: SnapshotBytes,
    data_at: u64,
    columns: Arc<IndexColumns>,
    /// Chunk `c` holds the slots of items `c * DECODED_CHUNK..`.
    decoded: Box<[OnceLock<DecodedChunk>]>,
    damaged: AtomicBool,
    /// Whether a record itself was damaged (not only the table of names,
    /// which [`StoredItems::note_damage`] also reports): names can then
    /// no longer be told apart (see [`super::Dataset::resolve`]).
    record_damaged: AtomicBool,
    /// Told once when a damaged record is met (see [`super::Dataset::on_damage`]).
    on_damage: OnceLock<Sender<()>>,
}

impl StoredItems {
    pub(super) fn new(bytes: SnapshotBytes, data_at: u64, columns: Arc<IndexColumns>) -> StoredItems {
        let chunks = columns.len().div_ceil(DECODED_CHUNK);
        StoredItems {
            bytes,
            data_at,
            columns,
            decoded: std::iter::repeat_with(OnceLock::new).take(chunks).collect(),
            damaged: AtomicBool::new(false),
            record_damaged: AtomicBool::new(false),
            on_damage: OnceLock::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.columns.len()
    }

    fn get(&self, idx: ItemIdx) -> &Item {
        self.slot(idx).get_or_init(|| Box::new(self.decode_or_damaged(idx)))
    }

    /// Item `idx` as [`Self::get`] gives it, but decoded into no slot if
    /// not already there: read once in order (an export), at 100 000
    /// items keeping every decoded item cost more than reading the data
    /// files again.
    fn passing(&self, idx: ItemIdx) -> Cow<'_, Item> {
        match self.slot(idx).get() {
            Some(item) => Cow::Borrowed(item),
            None => Cow::Owned(self.decode_or_damaged(idx)),
        }
    }

    /// Record `idx` decoded, else [`damaged_item`], the damage recorded.
    fn decode_or_damaged(&self, idx: ItemIdx) -> Item {
        self.decode(idx).unwrap_or_else(|| {
            self.record_damaged.store(true, Ordering::Relaxed);
            self.note_damage();
            damaged_item()
        })
    }

    /// Records that damage was met, telling the one waiting the first time.
    fn note_damage(&self) {
        if !self.damaged.swap(true, Ordering::Relaxed)
            && let Some(tell) = self.on_damage.get()
        {
            let _ = tell.send(());
        }
    }

    /// Item `idx`'s slot, its chunk allocated if first asked for. Past the
    /// end it panics, as indexing owned items does.
    fn slot(&self, idx: ItemIdx) -> &OnceLock<Box<Item>> {
        let (chunk, at) = (idx / DECODED_CHUNK, idx % DECODED_CHUNK);
        let slots = self.decoded[chunk].get_or_init(|| {
            let len = (self.len() - chunk * DECODED_CHUNK).min(DECODED_CHUNK);
            std::iter::repeat_with(OnceLock::new).take(len).collect()
        });
        &slots[at]
    }

    /// Record `idx`, if its bytes lie in the file, match their sum and
    /// decode whole into an item.
    fn decode(&self, idx: ItemIdx) -> Option<Item> {
        let range = self.columns.record_range(idx)?;
        let from = self.data_at.checked_add(range.start)?;
        let len = usize::try_from(range.end.checked_sub(range.start)?).ok()?;
        let record = self.bytes.read(from, len)?;
        if Some(checksum(&record)) != self.columns.sum(idx) {
            return None;
        }
        let (item, rest) = postcard::take_from_bytes::<Item>(&record).ok()?;
        rest.is_empty().then_some(item)
    }

    /// Tells `tell` when a damaged record is first met (at once if one was).
    pub(super) fn on_damage(&self, tell: Sender<()>) {
        if self.met_damage() {
            let _ = tell.send(());
        } else if self.on_damage.set(tell).is_ok() && self.met_damage() {
            // Met between the two looks: it may not have been told.
            if let Some(tell) = self.on_damage.get() {
                let _ = tell.send(());
            }
        }
    }

    /// Whether a record decoded so far was damaged, or another part of
    /// the snapshot was found so.
    pub(super) fn met_damage(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Whether a record decoded so far was damaged (it reads as
    /// [`damaged_item`] from then on).
    pub(super) fn met_damaged_record(&self) -> bool {
        self.record_damaged.load(Ordering::Relaxed)
    }

    /// The whole snapshot these records lie in.
    pub(super) fn bytes(&self) -> &SnapshotBytes {
        &self.bytes
    }
}

/// The item a damaged record reads as (see [`DAMAGED_TITLE`]).
pub fn damaged_item() -> Item {
    Item {
        category: Shared::from(super::category::CATEGORIES[0].id),
        title: Text::from(DAMAGED_TITLE),
        ..Item::default()
    }
}
