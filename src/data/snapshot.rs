//! A validated dataset as bytes, so a later run opens it without parsing
//! RON: the items and where each came from, in postcard's compact binary
//! form. Everything derived from them (ids, categories, dates, backlinks,
//! names) is rebuilt on opening, which costs a fraction of a parse.
//!
//! Bytes come from a cache anyone can damage, so nothing in them is
//! trusted: a header names the format and the inputs the snapshot stands
//! for, a checksum covers the payload, and the rebuilt dataset must hold
//! together (unique ids, known categories, well-formed dates, links that
//! resolve, names that do not clash). Anything else gives `None`, and the
//! caller parses the data as if there were no snapshot.
//!
//! `Item` skips empty fields when serialised (for RON and JSON); postcard
//! is not self-describing and needs every field, so items are written
//! through a borrowed mirror that always writes them all, and read back
//! with `Item`'s own `Deserialize`.

use std::collections::HashMap;
use std::hash::Hasher;
use std::io::{self, Seek, SeekFrom, Write};

use serde::{Deserialize, Serialize};

use super::aliases::Aliases;
use super::backlinks::Backlinks;
use super::category::{CATEGORIES, category_index};
use super::dataset::{Backlink, Dataset, ItemIdx};
use super::date::PartialDate;
use super::id_table::IdTable;
use super::id_table::Ids;
use super::index_columns::IndexColumns;
use super::item_index::{ItemIndex, StoredItemIndex};
use super::list_rows::{self, ListRows};
use super::model::{Item, Link};
use super::name_table::Names;
use super::name_table::{self, NameTable};
use super::open_stored::Layout;
use super::origins::{Origin, Origins, Replaced};
use super::preview::Preview;
use super::relation::Relation;
use super::section_bytes::SectionBytes;
use super::stored_items::{Items, SnapshotBytes, SnapshotSource};
use super::summed_writer::SummedWriter;
use super::tables::{OwnedTables, Tables};
use super::text::{Shared, Text};

/// The first bytes of every snapshot.
const MAGIC: &[u8; 8] = b"WSISDATA";

/// Bumped whenever the stored form changes, so old snapshots are ignored.
/// 2: a preview section before the dataset. 3: the rows of `list` between
/// them. 4: an index of the items, for `show ID` (branch builds only had 3
/// with three sections). 5: a table of names, for `show`, `cite` and
/// `open` by any name. 6: `list`'s rows in each category's default order,
/// and the date order places undated items among their neighbours.
/// 7: the index of items holds categories, dates, whole backlinks and
/// each category's default list, so the browser opens on it in place.
/// 8: sums taken a chunk ([`SUM_CHUNK`]) at a time, so the whole file is
/// checked from disk without holding its largest section.
/// 9: the index of items' long columns stored as fixed-width records
/// ([`super::fixed_columns`]), read without a varint per number.
/// 10: the date order puts every undated item last.
/// 11: the index of items holds each item's id hash by item, and is read
/// in place ([`super::index_columns`]), its columns never copied.
/// 12: the date order puts an undated General Assembly resolution at its
/// session's year, other undated items last.
/// 13: items' `paragraphs` (the locator of a paragraph item).
/// 14: items' `title_is_ours` (a part cited as its document).
const FORMAT_VERSION: u32 = 14;

/// The bytes a checksum takes in one step, and [`verify`] reads at once.
pub(super) const SUM_CHUNK: usize = 1 << 20;

/// Each section's length and checksum, after the key.
const SECTION_SUMS: usize = 16;

/// The sections, in the order they are stored.
const PREVIEW: usize = 0;
const LIST_ROWS: usize = 1;
const ITEM_INDEX: usize = 2;
const NAMES: usize = 3;
const DATA: usize = 4;
const SECTIONS: usize = 5;

/// The bytes of `data`, for the inputs described by `key`: a header
/// (magic, version, key, then length and checksum of each section), the
/// preview of the first frame (empty when there is none), the rows of
/// `list` ([`super::list_rows`]), where each item lies in the dataset
/// ([`ItemIndex`]), the names items answer to ([`NameTable`]), the dataset.
pub fn encode(data: &Dataset, key: &str) -> Vec<u8> {
    let mut bytes = io::Cursor::new(Vec::new());
    match write_to(data, key, &mut bytes) {
        Ok(_) => bytes.into_inner(),
        Err(_) => Vec::new(),
    }
}

/// Writes the bytes [`encode`] gives to `out` as they are made, never
/// whole in memory (at 100 000 items a cold `list` held 130 MB of them
/// beside the dataset), and returns how many. Each section's length and
/// checksum are taken on the way and written last, over their places
/// in the header.
pub fn write_to<W: Write + Seek>(data: &Dataset, key: &str, out: &mut W) -> io::Result<u64> {
    let start = out.stream_position()?;
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&u32::try_from(key.len()).unwrap_or(u32::MAX).to_le_bytes())?;
    out.write_all(key.as_bytes())?;
    let sums_at = out.stream_position()?;
    out.write_all(&[0; SECTIONS * SECTION_SUMS])?;
    let mut sums = [(0, 0); SECTIONS];
    sums[PREVIEW] = write_section(out, |out| match Preview::of(data) {
        Some(preview) => encoded(postcard::to_io(&StoredPreviewRef::of(&preview), out)),
        None => Ok(()),
    })?;
    let rows = |out: &mut SummedWriter<W>| out.write_all(&encoded_rows(data)?);
    sums[LIST_ROWS] = write_section(out, rows)?;
    let stored = StoredRef::of(data);
    sums[ITEM_INDEX] = write_section(out, |out| {
        let index = StoredItemIndex::of(data, &stored.files, stored.items.each(), &stored.origins);
        encoded(index.and_then(|index| postcard::to_io(&index, out)))
    })?;
    sums[NAMES] = write_section(out, |out| out.write_all(&name_table::encode(data, Vec::new())))?;
    sums[DATA] = write_section(out, |out| encoded(postcard::to_io(&stored, out)))?;
    let end = out.stream_position()?;
    out.seek(SeekFrom::Start(sums_at))?;
    for (len, sum) in sums {
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&sum.to_le_bytes())?;
    }
    out.seek(SeekFrom::Start(end))?;
    Ok(end - start)
}

/// Writes one section with `write` and gives its length and checksum.
fn write_section<W: Write>(
    out: &mut W,
    write: impl FnOnce(&mut SummedWriter<W>) -> io::Result<()>,
) -> io::Result<(u64, u64)> {
    let mut summed = SummedWriter::new(out);
    write(&mut summed)?;
    summed.finish()
}

/// A postcard write's outcome as an io one (postcard gives no io::Error
/// back: a failed write is in its own error).
fn encoded<T>(result: postcard::Result<T>) -> io::Result<()> {
    result.map(drop).map_err(io::Error::other)
}

/// The rows of `list` ([`list_rows::encode`]).
fn encoded_rows(data: &Dataset) -> io::Result<Vec<u8>> {
    list_rows::encode(data, Vec::new()).map_err(io::Error::other)
}

/// The dataset stored in `bytes`, if they are a sound snapshot made for
/// exactly the inputs `key` describes.
pub fn decode(bytes: &[u8], key: &str) -> Option<Dataset> {
    let sections = Sections::read(bytes, key)?;
    decode_stored(sections.data?)
}

/// Why [`open_stored`] gave no dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOpened {
    /// A snapshot stored without a table of names: it is [`decode`]d whole.
    NoNames,
    /// Not a snapshot for the key, or a damaged one: the data is loaded
    /// from its files and stored again.
    Refused,
}

/// The dataset of the whole snapshot `bytes` (the open file), open
/// without decoding its items ([`super::open_stored`]), if its header is
/// one for `key`, its length the one the header gives, and its index of
/// items matches its sum and holds together. The dataset section and the
/// table of names are not checked here: each record is when decoded, and
/// [`verify`] checks everything.
pub fn open_stored(bytes: SnapshotBytes, key: &str) -> Result<Dataset, NotOpened> {
    let (index, layout) = read_item_index(&*bytes, key).ok_or(NotOpened::Refused)?;
    super::open_stored::open(index, bytes, layout)
}

/// [`open_stored`], or for a snapshot stored without a table of names,
/// the snapshot read and decoded whole (every section checked). Any other
/// refusal reads no further: the cache is damaged, not worth a whole read.
pub fn open_in_place_or_whole(bytes: SnapshotBytes, key: &str) -> Option<Dataset> {
    match open_stored(bytes.clone(), key) {
        Ok(data) => Some(data),
        Err(NotOpened::NoNames) => decode(&bytes.read(0, usize::try_from(bytes.len()).ok()?)?, key),
        Err(NotOpened::Refused) => None,
    }
}

/// The checked index of items of the snapshot `bytes` for `key`, and where
/// its other parts lie.
fn read_item_index(bytes: &dyn SnapshotSource, key: &str) -> Option<(IndexColumns, Layout)> {
    let head = bytes.read(0, header_len(key))?;
    let sections = Sections::header(&head, key)?;
    if total_len(&head, key)? != bytes.len() {
        return None;
    }
    let (index_at, index_len) = sections.range(ITEM_INDEX, key)?;
    // Kept whole: its columns are read in place.
    let index_bytes = SectionBytes::read(bytes, index_at, usize::try_from(index_len).ok()?)?;
    super::trace::mark("index of items read");
    let index = IndexColumns::open(index_bytes, |bytes| sections.matches(ITEM_INDEX, bytes).is_some())?;
    super::trace::mark("index of items summed and checked");
    let (names_at, names_len) = sections.range(NAMES, key)?;
    let names_at = usize::try_from(names_at).ok()?;
    let layout = Layout {
        data_at: sections.range(DATA, key)?.0,
        names: names_at..names_at.checked_add(usize::try_from(names_len).ok()?)?,
        names_sum: sections.sums[NAMES],
    };
    Some((index, layout))
}

/// Whether every section of the whole snapshot `bytes` matches its length
/// and sum, and its table of names is sorted: what a dataset opened with
/// [`open_stored`] is checked against once the browser is up. Read one
/// section at a time.
pub fn verify(bytes: &(impl SnapshotSource + ?Sized), key: &str) -> bool {
    verify_parts(bytes, key).is_some()
}

fn verify_parts(bytes: &(impl SnapshotSource + ?Sized), key: &str) -> Option<()> {
    let head = bytes.read(0, header_len(key))?;
    let sections = Sections::header(&head, key)?;
    if total_len(&head, key)? != bytes.len() {
        return None;
    }
    for n in 0..SECTIONS {
        let (from, len) = sections.range(n, key)?;
        if n != NAMES {
            sections.sound_in(n, bytes, from)?;
            continue;
        }
        // The table of names is also checked for order: read whole.
        let section = bytes.read(from, usize::try_from(len).ok()?)?;
        sections.matches(n, &section)?;
        if NameTable::open(&section).is_none() && section[..] != [name_table::ABSENT] {
            return None;
        }
    }
    Some(())
}

/// Where the dataset lies in the snapshot whose header is `head` (offset
/// from its start, length), if it is one for `key`: it comes last.
pub fn data_range(head: &[u8], key: &str) -> Option<(u64, u64)> {
    Sections::header(head, key)?.range(DATA, key)
}

/// Whether `front`, the bytes between the header `head` and the dataset,
/// are sections matching their lengths and sums.
pub fn front_is_sound(head: &[u8], front: &[u8], key: &str) -> bool {
    let Some(sections) = Sections::header(head, key) else {
        return false;
    };
    let mut rest = front;
    for n in 0..DATA {
        let Some(section) = usize::try_from(sections.lens[n]).ok().and_then(|len| rest.get(..len)) else {
            return false;
        };
        if sections.matches(n, section).is_none() {
            return false;
        }
        rest = &rest[section.len()..];
    }
    rest.is_empty()
}

/// The dataset in `section` (read at [`data_range`] of the snapshot whose
/// header is `head`), if it matches its length and sum in that header and
/// holds together. The sections before it are checked apart
/// ([`front_is_sound`]), so a reader need not hold them meanwhile.
pub fn decode_data(head: &[u8], section: &[u8], key: &str) -> Option<Dataset> {
    Sections::header(head, key)?.matches(DATA, section)?;
    decode_stored(section)
}

fn decode_stored(payload: &[u8]) -> Option<Dataset> {
    let (stored, rest) = postcard::take_from_bytes::<Stored>(payload).ok()?;
    if !rest.is_empty() {
        return None;
    }
    stored.into_dataset()
}

/// How many bytes from the start of a snapshot for `key` hold its header
/// and preview, given at least its first [`preview_end`]`(&[], key)` bytes
/// (the header alone); `None` if they are no snapshot header for `key`.
pub fn preview_end(head: &[u8], key: &str) -> Option<usize> {
    let header = header_len(key);
    if head.len() < header {
        return Some(header);
    }
    let sections = Sections::header(head, key)?;
    header.checked_add(usize::try_from(sections.lens[PREVIEW]).ok()?)
}

/// The length of a snapshot's header for `key`: what [`total_len`] and the
/// section ranges ([`list_rows_range`], [`item_index_range`]) need to be given.
pub fn header_len(key: &str) -> usize {
    MAGIC.len() + 4 + 4 + key.len() + SECTIONS * SECTION_SUMS
}

/// The size of the whole snapshot whose header is `head`, if it is one for `key`.
pub fn total_len(head: &[u8], key: &str) -> Option<u64> {
    let sections = Sections::header(head, key)?;
    sections
        .lens
        .iter()
        .try_fold(header_len(key) as u64, |sum, &len| sum.checked_add(len))
}

/// Where the rows of `list` lie in the snapshot whose header is `head`
/// (offset from its start, length), if it is one for `key`.
pub fn list_rows_range(head: &[u8], key: &str) -> Option<(u64, u64)> {
    Sections::header(head, key)?.range(LIST_ROWS, key)
}

/// Where the index of items lies in the snapshot whose header is `head`
/// (offset from its start, length), if it is one for `key`.
pub fn item_index_range(head: &[u8], key: &str) -> Option<(u64, u64)> {
    Sections::header(head, key)?.range(ITEM_INDEX, key)
}

/// The index of items in `section` (read at [`item_index_range`] of the
/// snapshot whose header is `head`), if it matches its length and sum in
/// that header and its parts agree.
pub fn decode_item_index(head: &[u8], section: &[u8], key: &str) -> Option<ItemIndex> {
    let sections = Sections::header(head, key)?;
    sections.matches(ITEM_INDEX, section)?;
    let data_at = sections.range(DATA, key)?.0;
    let (stored, rest) = postcard::take_from_bytes::<StoredItemIndex>(section).ok()?;
    (rest.is_empty() && stored.holds_together()).then_some(ItemIndex { stored, data_at })
}

/// Where the table of names lies in the snapshot whose header is `head`
/// (offset from its start, length), if it is one for `key`.
pub fn names_range(head: &[u8], key: &str) -> Option<(u64, u64)> {
    Sections::header(head, key)?.range(NAMES, key)
}

/// The table of names in `section` (read at [`names_range`] of the
/// snapshot whose header is `head`), if it matches its length and sum in
/// that header and is a sorted table (not one stored as absent).
pub fn decode_names<'a>(head: &[u8], section: &'a [u8], key: &str) -> Option<NameTable<'a>> {
    Sections::header(head, key)?.matches(NAMES, section)?;
    NameTable::open(section)
}

/// The rows of `list` in `section` (read at [`list_rows_range`] of the
/// snapshot whose header is `head`), if they match their length and sum in
/// that header and hold together.
pub fn decode_list_rows<'a>(head: &[u8], section: &'a [u8], key: &str) -> Option<ListRows<'a>> {
    let sections = Sections::header(head, key)?;
    sections.matches(LIST_ROWS, section)?;
    ListRows::open(section)
}

/// The preview stored at the front of `bytes` (the whole snapshot, or its
/// first [`preview_end`] bytes), if it is sound and made for `key`.
pub fn decode_preview(bytes: &[u8], key: &str) -> Option<Preview> {
    let sections = Sections::header(bytes, key)?;
    let payload = sections.preview_in(bytes, key)?;
    if payload.is_empty() {
        return None;
    }
    let (stored, rest) = postcard::take_from_bytes::<StoredPreview>(payload).ok()?;
    if !rest.is_empty() {
        return None;
    }
    stored.into_preview()
}

/// A snapshot's header, and its dataset once checked.
struct Sections<'a> {
    /// Each section's length and checksum, by [`PREVIEW`], [`LIST_ROWS`],
    /// [`ITEM_INDEX`], [`NAMES`], [`DATA`].
    lens: [u64; SECTIONS],
    sums: [u64; SECTIONS],
    /// The dataset's bytes, when the whole snapshot was given and every
    /// section matches its sum.
    data: Option<&'a [u8]>,
}

impl<'a> Sections<'a> {
    fn header(bytes: &'a [u8], key: &str) -> Option<Sections<'a>> {
        let mut reader = Reader(bytes);
        if reader.take(MAGIC.len())? != MAGIC || reader.u32()? != FORMAT_VERSION {
            return None;
        }
        let key_len = usize::try_from(reader.u32()?).ok()?;
        if reader.take(key_len)? != key.as_bytes() {
            return None;
        }
        let mut sections = Sections {
            lens: [0; SECTIONS],
            sums: [0; SECTIONS],
            data: None,
        };
        for n in 0..SECTIONS {
            sections.lens[n] = reader.u64()?;
            sections.sums[n] = reader.u64()?;
        }
        Some(sections)
    }

    /// The header and every section, each matching its length and sum.
    fn read(bytes: &'a [u8], key: &str) -> Option<Sections<'a>> {
        let mut sections = Sections::header(bytes, key)?;
        let mut rest = bytes.get(header_len(key)..)?;
        for n in 0..SECTIONS {
            let len = usize::try_from(sections.lens[n]).ok()?;
            let section = rest.get(..len)?;
            sections.matches(n, section)?;
            rest = &rest[len..];
            if n == DATA {
                sections.data = Some(section);
            }
        }
        rest.is_empty().then_some(sections)
    }

    /// Where section `n` lies: offset from the file's start, length.
    fn range(&self, n: usize, key: &str) -> Option<(u64, u64)> {
        let from = self.lens[..n]
            .iter()
            .try_fold(header_len(key) as u64, |sum, &len| sum.checked_add(len))?;
        Some((from, self.lens[n]))
    }

    /// `Some` if section `n`, read from `bytes` at `from` a chunk of the
    /// sum at a time (never the whole dataset at once), has its length and sum.
    fn sound_in(&self, n: usize, bytes: &(impl SnapshotSource + ?Sized), from: u64) -> Option<()> {
        let len = self.lens[n];
        let mut hasher = rustc_hash::FxHasher::default();
        let mut done = 0;
        while done < len {
            let take = usize::try_from((len - done).min(SUM_CHUNK as u64)).ok()?;
            hasher.write(&bytes.read(from.checked_add(done)?, take)?);
            done += take as u64;
        }
        hasher.write_usize(usize::try_from(len).ok()?);
        (hasher.finish() == self.sums[n]).then_some(())
    }

    /// `Some` if `payload` has the length and sum of section `n`.
    fn matches(&self, n: usize, payload: &[u8]) -> Option<()> {
        (payload.len() as u64 == self.lens[n] && checksum(payload) == self.sums[n]).then_some(())
    }

    /// The preview's bytes in `bytes`, if they match their length and sum.
    fn preview_in(&self, bytes: &'a [u8], key: &str) -> Option<&'a [u8]> {
        let from = header_len(key);
        let to = from.checked_add(usize::try_from(self.lens[PREVIEW]).ok()?)?;
        let payload = bytes.get(from..to)?;
        self.matches(PREVIEW, payload)?;
        Some(payload)
    }
}

/// A 64-bit hash of the payload: any flipped byte changes it (each step
/// of the hash is a bijection of its state), so damage is caught before
/// the bytes are decoded. Taken [`SUM_CHUNK`] bytes at a time, as
/// [`verify`] reads a section from disk.
pub(super) fn checksum(payload: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for chunk in payload.chunks(SUM_CHUNK) {
        hasher.write(chunk);
    }
    hasher.write_usize(payload.len());
    hasher.finish()
}

/// Reads fixed-size fields from the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// What a snapshot holds: the items in dataset order, and each item's
/// origin as indexes into one list of file names. Written from borrowed
/// items ([`StoredRef`]) and read straight into [`Item`]s.
#[derive(Deserialize)]
struct Stored {
    files: Vec<String>,
    items: Vec<Item>,
    origins: Vec<StoredOrigin>,
}

#[derive(Serialize)]
struct StoredRef<'a> {
    files: Vec<&'a str>,
    items: ItemRefs<'a>,
    origins: Vec<StoredOrigin>,
}

/// Every item of a dataset, written as an [`ItemRef`] made for it then
/// (a list of them all took 27 MB at 100 000 items); the same bytes as
/// a `Vec<ItemRef>`.
struct ItemRefs<'a>(&'a Dataset);

impl ItemRefs<'_> {
    fn each(&self) -> impl ExactSizeIterator<Item = ItemRef<'_>> {
        self.0.items().map(ItemRef::from)
    }
}

impl Serialize for ItemRefs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.each() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct StoredOrigin {
    pub(super) file: u32,
    pub(super) embedded: bool,
    pub(super) replaced: Option<(u32, bool)>,
}

/// What a preview section holds ([`Preview`]'s parts, its items as a
/// snapshot of their own). Written from borrowed parts, read owned.
#[derive(Deserialize)]
struct StoredPreview {
    category: u32,
    counts: Vec<u64>,
    list: Vec<u32>,
    widest_symbol: Option<u32>,
    has_month: bool,
    id_hashes: Vec<u64>,
    data: Stored,
}

#[derive(Serialize)]
struct StoredPreviewRef<'a> {
    category: u32,
    counts: Vec<u64>,
    list: Vec<u32>,
    widest_symbol: Option<u32>,
    has_month: bool,
    id_hashes: &'a [u64],
    data: StoredRef<'a>,
}

impl<'a> StoredPreviewRef<'a> {
    fn of(preview: &'a Preview) -> StoredPreviewRef<'a> {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        StoredPreviewRef {
            category: small(preview.category),
            counts: preview.counts.iter().map(|&n| n as u64).collect(),
            list: preview.list.iter().map(|&i| small(i)).collect(),
            widest_symbol: preview.widest_symbol.map(small),
            has_month: preview.has_month,
            id_hashes: &preview.id_hashes,
            data: StoredRef::of(&preview.data),
        }
    }
}

impl StoredPreview {
    fn into_preview(self) -> Option<Preview> {
        let wide = |n: u32| usize::try_from(n).ok();
        let preview = Preview {
            category: wide(self.category)?,
            counts: self
                .counts
                .iter()
                .map(|&n| usize::try_from(n).ok())
                .collect::<Option<_>>()?,
            list: self.list.iter().map(|&i| wide(i)).collect::<Option<_>>()?,
            widest_symbol: match self.widest_symbol {
                Some(n) => Some(wide(n)?),
                None => None,
            },
            has_month: self.has_month,
            id_hashes: self.id_hashes,
            data: self.data.into_dataset()?,
        };
        preview.holds_together().then_some(preview)
    }
}

/// [`Item`] as `Item`'s derived `Deserialize` reads it from postcard:
/// every field, in the order `Item` declares them. (`Item`'s own
/// `Serialize` leaves empty fields out, which only a self-describing
/// format can follow.)
#[derive(Serialize)]
pub(super) struct ItemRef<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    short_title: Option<&'a str>,
    aliases: &'a [Text],
    date: Option<&'a str>,
    until: Option<&'a str>,
    paragraphs: Option<&'a str>,
    title_is_ours: bool,
    body: Option<&'a str>,
    summary: &'a str,
    points: &'a [Text],
    url: Option<&'a str>,
    sources: &'a [Text],
    tags: &'a [Shared],
    /// As `Link` is read: relation, target, note.
    links: Vec<(Relation, &'a str, Option<&'a str>)>,
    unconfirmed: &'a [Text],
}

impl<'a> From<&'a Item> for ItemRef<'a> {
    fn from(item: &'a Item) -> ItemRef<'a> {
        // Destructured, so a new field in `Item` is a compile error here.
        let Item {
            id,
            category,
            symbol,
            title,
            short_title,
            aliases,
            date,
            until,
            paragraphs,
            title_is_ours,
            body,
            summary,
            points,
            url,
            sources,
            tags,
            links,
            unconfirmed,
        } = item;
        ItemRef {
            id,
            category,
            symbol: symbol.as_deref(),
            title,
            short_title: short_title.as_deref(),
            aliases,
            date: date.as_deref(),
            until: until.as_deref(),
            paragraphs: paragraphs.as_deref(),
            title_is_ours: *title_is_ours,
            body: body.as_deref(),
            summary,
            points,
            url: url.as_deref(),
            sources,
            tags,
            links: links
                .iter()
                .map(|Link { rel, to, note }| (*rel, to.as_str(), note.as_deref()))
                .collect(),
            unconfirmed,
        }
    }
}

impl<'a> StoredRef<'a> {
    fn of(data: &'a Dataset) -> StoredRef<'a> {
        let mut files: Vec<&'a str> = Vec::new();
        let mut file_index: HashMap<&'a str, u32> = HashMap::new();
        let mut index_of = |name: &'a str| {
            *file_index.entry(name).or_insert_with(|| {
                files.push(name);
                u32::try_from(files.len() - 1).unwrap_or(u32::MAX)
            })
        };
        let origins = (0..data.len())
            .map(|idx| data.origin(idx))
            .map(|origin| StoredOrigin {
                file: index_of(origin.file),
                embedded: origin.embedded,
                replaced: origin.replaced.map(|r| (index_of(r.file), r.embedded)),
            })
            .collect();
        StoredRef {
            files,
            items: ItemRefs(data),
            origins,
        }
    }
}

impl Stored {
    fn into_dataset(self) -> Option<Dataset> {
        if self.items.len() != self.origins.len() {
            return None;
        }
        let origins = self
            .origins
            .iter()
            .map(|o| origin_of(o, &self.files))
            .collect::<Option<Origins>>()?;
        rebuild(self.items, origins)
    }
}

/// A stored origin, its file indexes looked up in `files`.
pub(super) fn origin_of<'a>(o: &StoredOrigin, files: &'a [String]) -> Option<Origin<'a>> {
    let file = |at: u32| files.get(usize::try_from(at).ok()?).map(String::as_str);
    let replaced = match o.replaced {
        Some((at, embedded)) => Some(Replaced {
            file: file(at)?,
            embedded,
        }),
        None => None,
    };
    Some(Origin {
        file: file(o.file)?,
        embedded: o.embedded,
        replaced,
    })
}

/// The indexes `Dataset` keeps beside its items, rebuilt from items that
/// were valid when stored; `None` if they no longer hold together. The
/// names (the largest part) are built on a second thread meanwhile.
pub(super) fn rebuild(items: Vec<Item>, origins: Origins) -> Option<Dataset> {
    let (links, aliases) = std::thread::scope(|scope| {
        let names = scope.spawn(|| Aliases::build(&items));
        let links = Links::of(&items);
        (links, names.join().ok())
    });
    let Links {
        by_id,
        by_category,
        category_of,
        dates,
        backlinks,
    } = links?;
    let (aliases, clashes) = aliases?;
    if !clashes.is_empty() {
        return None;
    }
    Some(Dataset {
        items: Items::Owned(items),
        by_id: Ids::Table(by_id),
        names: Names::FromItems(aliases.into()),
        tables: Tables::Owned(OwnedTables {
            dates,
            origins,
            by_category,
            category_of,
            backlinks: Backlinks::from_lists(backlinks),
        }),
    })
}

/// Everything but the names: ids, categories, dates and backlinks.
struct Links {
    by_id: IdTable,
    by_category: Vec<Vec<ItemIdx>>,
    category_of: Vec<usize>,
    dates: Vec<Option<PartialDate>>,
    backlinks: Vec<Vec<Backlink>>,
}

impl Links {
    fn of(items: &[Item]) -> Option<Links> {
        let by_id = IdTable::of(items)?;
        let mut links = Links {
            by_id,
            by_category: vec![Vec::new(); CATEGORIES.len()],
            category_of: Vec::with_capacity(items.len()),
            dates: Vec::with_capacity(items.len()),
            backlinks: vec![Vec::new(); items.len()],
        };
        for (idx, item) in items.iter().enumerate() {
            let cat = category_index(&item.category)?;
            links.by_category[cat].push(idx);
            links.category_of.push(cat);
            let date = item.date.as_deref().map(PartialDate::parse).transpose().ok()?;
            links.dates.push(date);
            for (link, Link { rel, to, .. }) in item.links.iter().enumerate() {
                let target = links
                    .by_id
                    .get(to, |at| items[at].id.as_str())
                    .filter(|&target| target != idx)?;
                links.backlinks[target].push(Backlink {
                    from: idx,
                    rel: *rel,
                    link,
                });
            }
        }
        Some(links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Magic, version, key length; then come the key, payload length and checksum.
    const FIXED_HEADER: usize = MAGIC.len() + 4 + 4;

    fn embedded() -> Dataset {
        Dataset::embedded().expect("embedded data")
    }

    /// Everything a reader of a dataset can see, in a stable order.
    fn visible(data: &Dataset) -> String {
        let mut out = String::new();
        for idx in 0..data.len() {
            out.push_str(&format!(
                "{:?} {:?} {:?} {} {:?} {:?}\n",
                data.item(idx),
                data.date(idx),
                data.origin(idx),
                data.category_of(idx),
                data.backlinks(idx),
                data.by_id(&data.item(idx).id),
            ));
        }
        for cat in 0..CATEGORIES.len() {
            out.push_str(&format!("{:?}\n", data.category_items(cat)));
        }
        out
    }

    /// Everything the first frame reads of a preview.
    fn visible_preview(preview: &Preview) -> String {
        let Preview {
            data,
            category,
            counts,
            list,
            widest_symbol,
            has_month,
            id_hashes,
        } = preview;
        format!(
            "{category} {counts:?} {list:?} {widest_symbol:?} {has_month} {id_hashes:?}\n{}",
            visible(data)
        )
    }

    #[test]
    fn a_preview_opens_as_made_and_only_from_a_sound_front() {
        let data = embedded();
        let bytes = encode(&data, "k");
        let made = Preview::of(&data).expect("a preview");
        let opened = decode_preview(&bytes, "k").expect("opens");
        assert_eq!(visible_preview(&opened), visible_preview(&made));
        assert_eq!(opened.total(), data.len());
        let end = preview_end(&bytes, "k").expect("a header");
        assert!(
            end < bytes.len() / 4,
            "the preview is a small part: {end} of {}",
            bytes.len()
        );
        assert!(
            decode_preview(&bytes[..end], "k").is_some(),
            "the front alone is enough"
        );
        assert!(decode_preview(&bytes[..end - 1], "k").is_none());
        assert!(decode_preview(&bytes, "other key").is_none());
        assert_eq!(total_len(&bytes, "k"), Some(bytes.len() as u64));
    }

    #[test]
    fn a_preview_whose_parts_disagree_is_refused() {
        let data = embedded();
        let reopened = |change: &dyn Fn(&mut Preview)| {
            let mut preview = Preview::of(&data).expect("a preview");
            change(&mut preview);
            let bytes = postcard::to_stdvec(&StoredPreviewRef::of(&preview)).expect("encodes");
            postcard::from_bytes::<StoredPreview>(&bytes)
                .expect("decodes")
                .into_preview()
        };
        assert!(reopened(&|_| {}).is_some(), "unchanged");
        assert!(reopened(&|p| p.category += 1).is_none(), "list of another category");
        assert!(reopened(&|p| p.counts.push(1)).is_none(), "a count too many");
        assert!(
            reopened(&|p| p.list.push(p.data.len())).is_none(),
            "a row past the items"
        );
        assert!(reopened(&|p| p.list.clear()).is_none(), "no rows");
        assert!(reopened(&|p| p.id_hashes.reverse()).is_none(), "hashes out of order");
        assert!(
            reopened(&|p| p.counts[p.category] += 1).is_none(),
            "counts and hashes disagree"
        );
    }

    #[test]
    fn a_snapshot_opens_as_the_dataset_it_was_made_from() {
        let data = embedded();
        let bytes = encode(&data, "k");
        let head = &bytes[..header_len("k")];
        let (from, len) = data_range(head, "k").expect("a header");
        let (front, section) = bytes[head.len()..].split_at(from as usize - head.len());
        assert_eq!(section.len() as u64, len, "the dataset comes last");
        assert!(front_is_sound(head, front, "k"));
        let in_parts = decode_data(head, section, "k").expect("opens from its parts");
        assert_eq!(visible(&in_parts), visible(&data));
        let opened = decode(&bytes, "k").expect("opens");
        assert_eq!(visible(&opened), visible(&data));
        for name in ["70/125", "ITU", "C3", "a/res/70/125", "ECOSOC 2006/46"] {
            assert_eq!(opened.resolve(name), data.resolve(name), "{name}");
        }
    }

    #[test]
    fn every_item_opens_alone_with_the_related_items_it_shows() {
        let data = embedded();
        let bytes = encode(&data, "k");
        let head = &bytes[..header_len("k")];
        let (from, len) = item_index_range(head, "k").expect("a header");
        let section = &bytes[from as usize..(from + len) as usize];
        let index = decode_item_index(head, section, "k").expect("the index opens");
        let related = |data: &Dataset, idx: ItemIdx| -> Vec<String> {
            crate::graph::related(data, idx)
                .iter()
                .map(|r| format!("{:?} {} {} {:?}", r.rel, r.outgoing, data.item(r.target).id, r.note))
                .collect()
        };
        for idx in 0..data.len() {
            let id = &data.item(idx).id;
            let one = index
                .one_with_related(id, |at, len| {
                    bytes.get(at as usize..at as usize + len).map(<[u8]>::to_vec)
                })
                .unwrap_or_else(|| panic!("{id} opens"));
            let alone = one.by_id(id).expect("the item itself");
            assert_eq!(one.item(alone), data.item(idx));
            assert_eq!(one.origin(alone), data.origin(idx));
            assert_eq!(related(&one, alone), related(&data, idx), "{id}");
        }
        let none = index.one_with_related("no-such-item", |at, len| {
            bytes.get(at as usize..at as usize + len).map(<[u8]>::to_vec)
        });
        assert!(none.is_none());
    }

    use crate::data::Resolved;

    /// The item `name` names, found as `show` finds it in the cache: the
    /// id exactly, else the table of names.
    fn found_in_parts(bytes: &[u8], name: &str) -> Option<(ItemIdx, Item)> {
        let head = bytes.get(..header_len("k"))?;
        let section = |(from, len): (u64, u64)| {
            let from = usize::try_from(from).ok()?;
            bytes.get(from..from.checked_add(usize::try_from(len).ok()?)?)
        };
        let index = decode_item_index(head, section(item_index_range(head, "k")?)?, "k")?;
        let mut read = |at: u64, len: usize| {
            let at = usize::try_from(at).ok()?;
            bytes.get(at..at.checked_add(len)?).map(<[u8]>::to_vec)
        };
        if let Some(found) = index.with_id(name.trim(), &mut read)? {
            return Some(found);
        }
        let names = decode_names(head, section(names_range(head, "k")?)?, "k")?;
        index.by_name(name, &names, &mut read)
    }

    #[test]
    fn every_name_finds_in_the_cache_what_it_finds_in_the_dataset() {
        let data = embedded();
        let bytes = encode(&data, "k");
        let mut names = vec![
            "no such item".to_string(),
            " tunis-agenda ".into(),
            "resolution".into(),
            "ECOSOC 70/125".into(),
        ];
        for idx in 0..data.len() {
            let item = data.item(idx);
            for name in super::super::aliases::derived_names(item)
                .into_iter()
                .chain(item.aliases.iter().map(|alias| alias.to_string()))
            {
                for qualifier in [
                    "",
                    "resolution ",
                    "ECOSOC ",
                    "general assembly ",
                    "GA res. ",
                    "action line ",
                ] {
                    names.push(format!("{qualifier}{name}"));
                    names.push(format!("{qualifier}{}", name.to_uppercase().replace('/', " / ")));
                }
            }
        }
        let (mut one, mut other) = (0, 0);
        for name in &names {
            let cached = found_in_parts(&bytes, name);
            match data.resolve(name) {
                Resolved::One(idx) => {
                    let (found, item) = cached.unwrap_or_else(|| panic!("{name:?} is found in the cache"));
                    assert_eq!((found, &item), (idx, data.item(idx)), "{name:?}");
                    one += 1;
                }
                resolved => {
                    assert!(cached.is_none(), "{name:?}: {resolved:?} in the dataset");
                    other += 1;
                }
            }
        }
        assert!(one > 1000 && other > 100, "both kinds tried: {one} found, {other} not");
    }

    #[test]
    fn another_key_or_version_is_refused() {
        let bytes = encode(&embedded(), "inputs A");
        assert!(decode(&bytes, "inputs B").is_none());
        let mut old = bytes.clone();
        old[MAGIC.len()] ^= 1;
        assert!(decode(&old, "inputs A").is_none());
    }

    #[test]
    fn a_truncated_or_extended_snapshot_is_refused() {
        let bytes = encode(&embedded(), "k");
        for len in [0, 4, FIXED_HEADER, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..len], "k").is_none(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, "k").is_none());
    }

    #[test]
    fn items_that_no_longer_hold_together_are_refused() {
        let data = embedded();
        let stored_of = |data: &Dataset| -> Stored {
            postcard::from_bytes(&postcard::to_stdvec(&StoredRef::of(data)).expect("encodes")).expect("decodes")
        };
        let mut stored = stored_of(&data);
        stored.items[1].id = stored.items[0].id.clone();
        assert!(stored.into_dataset().is_none(), "duplicate id");
        let mut stored = stored_of(&data);
        stored.items[0].category = "nowhere".into();
        assert!(stored.into_dataset().is_none(), "unknown category");
        let mut stored = stored_of(&data);
        let linked = stored.items.iter_mut().find(|i| !i.links.is_empty()).expect("a link");
        linked.links[0].to = "no-such-item".into();
        assert!(stored.into_dataset().is_none(), "dangling link");
        let mut stored = stored_of(&data);
        stored.origins[0].file = u32::MAX;
        assert!(stored.into_dataset().is_none(), "unknown file");
    }

    /// A snapshot is a file anyone can damage: whatever its bytes, opening
    /// gives the dataset it was made from or nothing, never a panic and
    /// never something else.
    mod damaged {
        use std::sync::LazyLock;

        use proptest::prelude::*;

        use super::*;

        /// A name of an item that is not its id ("70/125").
        const NAME: &str = "a / res / 70 / 125";

        /// The snapshot, what its dataset shows, what its preview shows,
        /// what its rows of `list` show, what `show tunis-agenda` reads and
        /// the item [`NAME`] names.
        #[allow(clippy::type_complexity)]
        static DATA: LazyLock<(Vec<u8>, String, String, String, String, Item)> = LazyLock::new(|| {
            let data = embedded();
            let preview = Preview::of(&data).expect("the embedded data has a preview");
            let bytes = encode(&data, "k");
            let rows = visible_list_rows(&bytes).expect("the rows open");
            let one = one_item(&bytes).expect("an item opens with its related ones");
            let named = data.item(data.find(NAME).expect("the name is in the data")).clone();
            (
                bytes,
                visible(&data),
                visible_preview(&preview),
                rows,
                visible(&one),
                named,
            )
        });

        /// The item [`NAME`] names, found as the cache finds it.
        fn named_item(bytes: &[u8]) -> Option<Item> {
            found_in_parts(bytes, NAME).map(|(_, item)| item)
        }

        /// The item that `show tunis-agenda` reads, read as the cache reads it.
        fn one_item(bytes: &[u8]) -> Option<Dataset> {
            let head = bytes.get(..header_len("k"))?;
            let (from, len) = item_index_range(head, "k")?;
            let from = usize::try_from(from).ok()?;
            let section = bytes.get(from..from.checked_add(usize::try_from(len).ok()?)?)?;
            let index = decode_item_index(head, section, "k")?;
            index.one_with_related("tunis-agenda", |at, len| {
                let at = usize::try_from(at).ok()?;
                bytes.get(at..at.checked_add(len)?).map(<[u8]>::to_vec)
            })
        }

        /// Every row of `list` in `bytes`, read as the cache reads them
        /// (the header, then the section where the header says).
        fn visible_list_rows(bytes: &[u8]) -> Option<String> {
            let head = bytes.get(..header_len("k"))?;
            let (from, len) = list_rows_range(head, "k")?;
            let from = usize::try_from(from).ok()?;
            let section = bytes.get(from..from.checked_add(usize::try_from(len).ok()?)?)?;
            let rows = decode_list_rows(head, section, "k")?;
            Some(format!("{:?}", rows.rows(None).collect::<Vec<_>>()))
        }

        /// The dataset in `bytes`, read as the cache reads it: the header,
        /// the sections before the dataset, then the dataset.
        fn decode_in_parts(bytes: &[u8]) -> Option<Dataset> {
            let head = bytes.get(..header_len("k"))?;
            if total_len(head, "k")? != bytes.len() as u64 {
                return None;
            }
            let (from, _) = data_range(head, "k")?;
            let (front, section) = bytes[head.len()..].split_at(usize::try_from(from).ok()? - head.len());
            front_is_sound(head, front, "k").then(|| decode_data(head, section, "k"))?
        }

        fn opens_as_made_or_not_at_all(bytes: &[u8]) {
            if let Some(opened) = decode(bytes, "k") {
                assert_eq!(visible(&opened), DATA.1);
            }
            let in_parts = decode_in_parts(bytes);
            assert_eq!(in_parts.is_some(), decode(bytes, "k").is_some(), "both ways agree");
            if let Some(opened) = in_parts {
                assert_eq!(visible(&opened), DATA.1);
            }
            if let Some(preview) = decode_preview(bytes, "k") {
                assert_eq!(visible_preview(&preview), DATA.2);
            }
            if let Some(rows) = visible_list_rows(bytes) {
                assert_eq!(rows, DATA.3);
            }
            if let Some(one) = one_item(bytes) {
                assert_eq!(visible(&one), DATA.4);
            }
            if let Some(named) = named_item(bytes) {
                assert_eq!(named, DATA.5);
            }
        }

        proptest! {
            #[test]
            fn flipped_bytes_are_refused(flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..16)) {
                let mut bytes = DATA.0.clone();
                for (at, mask) in flips {
                    let at = at.index(bytes.len());
                    bytes[at] ^= mask;
                }
                opens_as_made_or_not_at_all(&bytes);
            }

            #[test]
            fn truncated_snapshots_are_refused(len in any::<prop::sample::Index>()) {
                let len = len.index(DATA.0.len());
                prop_assert!(decode(&DATA.0[..len], "k").is_none());
                prop_assert!(decode_in_parts(&DATA.0[..len]).is_none());
                // The preview is read from the front of a file: cut inside
                // it, it is refused; cut after it, it opens as made (the
                // cache also checks the file's length, see dataset_cache).
                let preview_end = preview_end(&DATA.0, "k").expect("a header");
                match decode_preview(&DATA.0[..len], "k") {
                    Some(preview) => prop_assert_eq!(visible_preview(&preview), DATA.2.clone()),
                    None => prop_assert!(len < preview_end),
                }
                // So are the rows of `list`: they end where the dataset begins.
                let (rows_at, rows_len) = list_rows_range(&DATA.0, "k").expect("a header");
                match visible_list_rows(&DATA.0[..len]) {
                    Some(rows) => prop_assert_eq!(rows, DATA.3.clone()),
                    None => prop_assert!((len as u64) < rows_at + rows_len),
                }
                if let Some(one) = one_item(&DATA.0[..len]) {
                    prop_assert_eq!(visible(&one), DATA.4.clone());
                }
                if let Some(named) = named_item(&DATA.0[..len]) {
                    prop_assert_eq!(named, DATA.5.clone());
                }
            }

            #[test]
            fn any_bytes_after_a_sound_header_never_panic(
                preview in prop::collection::vec(any::<u8>(), 0..512),
                rows in prop::collection::vec(any::<u8>(), 0..512),
                index in prop::collection::vec(any::<u8>(), 0..512),
                names in prop::collection::vec(any::<u8>(), 0..512),
                payload in prop::collection::vec(any::<u8>(), 0..512),
            ) {
                // Sections with matching checksums reach the decoders.
                let mut bytes = DATA.0[..FIXED_HEADER].to_vec();
                bytes.extend_from_slice(b"k");
                for section in [&preview, &rows, &index, &names, &payload] {
                    bytes.extend_from_slice(&(section.len() as u64).to_le_bytes());
                    bytes.extend_from_slice(&checksum(section).to_le_bytes());
                }
                for section in [&preview, &rows, &index, &names, &payload] {
                    bytes.extend_from_slice(section);
                }
                let _ = decode(&bytes, "k");
                let _ = decode_in_parts(&bytes);
                let _ = decode_preview(&bytes, "k");
                let _ = visible_list_rows(&bytes);
                let _ = one_item(&bytes);
                let _ = named_item(&bytes);
            }

            #[test]
            fn any_table_of_names_behind_a_sound_index_never_panics(
                names in prop::collection::vec(any::<u8>(), 0..512),
                entries in prop::collection::vec((any::<u64>(), any::<u32>()), 0..64),
            ) {
                // The sound snapshot with its table replaced: random bytes,
                // and a sorted table of random entries (items past the end,
                // hashes of no name), each behind a matching checksum.
                let sorted = {
                    let mut entries = entries;
                    entries.sort_unstable();
                    entries.dedup();
                    let mut table = vec![1];
                    for (hash, idx) in entries {
                        table.extend_from_slice(&hash.to_le_bytes());
                        table.extend_from_slice(&idx.to_le_bytes());
                    }
                    table
                };
                for table in [names, sorted] {
                    let bytes = with_names(&table);
                    for name in [NAME, "ITU", "C3", "70/125", "resolution 70/125", "ECOSOC 2006/46"] {
                        if let Some((_, item)) = found_in_parts(&bytes, name) {
                            let data = embedded();
                            prop_assert_eq!(Some(&item), data.find(name).map(|idx| data.item(idx)));
                        }
                    }
                }
            }
        }

        /// The sound snapshot with `table` as its table of names, its
        /// header's lengths and sums made to match.
        fn with_names(table: &[u8]) -> Vec<u8> {
            let bytes = &DATA.0;
            let head = &bytes[..header_len("k")];
            let (from, len) = names_range(head, "k").expect("a header");
            let (from, len) = (from as usize, len as usize);
            let mut out = [&bytes[..from], table, &bytes[from + len..]].concat();
            let at = header_len("k") - (SECTIONS - NAMES) * SECTION_SUMS;
            out[at..at + 8].copy_from_slice(&(table.len() as u64).to_le_bytes());
            out[at + 8..at + SECTION_SUMS].copy_from_slice(&checksum(table).to_le_bytes());
            out
        }
    }
}
