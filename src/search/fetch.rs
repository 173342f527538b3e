//! Field texts for explaining many hits at once (`wsis search` printing
//! thousands of them) from an index read on demand: the texts a batch of
//! hits needs are read in file order, texts lying close together in one
//! read, into memory reused from batch to batch. Reading them block by
//! block into memory kept for the life of the index (as the browser does)
//! cost one page fault per 4 kB and a read per 32 texts.

use std::ops::Range;

use super::lazy::LazyFile;
use super::store::{self, Section};
use super::{Field, SearchIndex, TEXT_FIELDS};
use crate::data::ItemIdx;

/// Texts closer than this are read together: reading the bytes between
/// them costs less than another read (about 1.5 µs, or 6 kB copied).
const JOIN_GAP: usize = 4096;

/// The longest run read at once, unless one text is longer: the memory
/// a run is read into, reused from run to run.
const WINDOW: usize = 64 * 1024;

/// The field texts of some (item, field) pairs, read from the file.
#[derive(Default)]
pub(crate) struct FetchedTexts {
    /// The texts wanted, one after the other.
    bytes: Vec<u8>,
    /// Per field text read, sorted: its entry in the field text column
    /// and where its bytes lie in `bytes`.
    at: Vec<(usize, Range<usize>)>,
    /// Runs of the column to read, and which of `at` each holds.
    runs: Vec<(Range<usize>, Range<usize>)>,
    /// The bytes of the run being read.
    window: Vec<u8>,
    /// The entry ends of the column that the texts read need.
    ends: EndBlocks,
}

/// Some blocks of [`ENDS_BLOCK`] entry ends (u32) of a text column: the
/// ends of the entries a batch reads, without reading every end.
#[derive(Default)]
struct EndBlocks {
    bytes: Vec<u8>,
    /// The blocks read, in order.
    blocks: Vec<usize>,
}

/// Entry ends per block read: 4 kB. The field text ends (2.4 MB at
/// 100 000 items) are read only where a batch has texts.
const ENDS_BLOCK: usize = 1024;

impl EndBlocks {
    /// Reads the blocks of the ends section at `section` (in the file)
    /// that hold the ends of `entries` (sorted) and of the entries before
    /// them; false if the file could not be read.
    fn load(&mut self, lazy: &LazyFile, section: Range<usize>, entries: impl Iterator<Item = usize>) -> bool {
        let count = section.len() / 4;
        self.blocks.clear();
        for entry in entries {
            for block in [entry.saturating_sub(1) / ENDS_BLOCK, entry / ENDS_BLOCK] {
                if self.blocks.last() != Some(&block) && block * ENDS_BLOCK < count {
                    self.blocks.push(block);
                }
            }
        }
        self.bytes.resize(self.blocks.len() * ENDS_BLOCK * 4, 0);
        let mut at = 0;
        while at < self.blocks.len() {
            // Consecutive blocks in one read.
            let first = self.blocks[at];
            let run = self.blocks[at..]
                .iter()
                .enumerate()
                .take_while(|&(i, &b)| b == first + i)
                .count();
            let ends = first * ENDS_BLOCK..((first + run) * ENDS_BLOCK).min(count);
            let into = &mut self.bytes[at * ENDS_BLOCK * 4..][..ends.len() * 4];
            if !lazy.read_into(section.start + ends.start * 4, into) {
                return false;
            }
            at += run;
        }
        true
    }

    /// The end of entry `entry`, in a block read (0 otherwise).
    fn end(&self, entry: usize) -> usize {
        let Ok(slot) = self.blocks.binary_search(&(entry / ENDS_BLOCK)) else {
            return 0;
        };
        store::u32_at(&self.bytes, slot * ENDS_BLOCK + entry % ENDS_BLOCK) as usize
    }

    /// Where entry `entry` lies in a column of `len` bytes (as `store::span`).
    fn span(&self, entry: usize, len: usize) -> Range<usize> {
        let start = if entry == 0 { 0 } else { self.end(entry - 1) };
        start.min(len)..self.end(entry).min(len)
    }
}

impl FetchedTexts {
    /// Reads the texts of the fields in each `(item, fields)` (one bit per
    /// field, as `Hit::fields`) of `index`, dropping what was read before.
    pub fn load(&mut self, index: &SearchIndex, lazy: &LazyFile, wanted: impl Iterator<Item = (ItemIdx, u8)>) {
        let items = index.len();
        let entries = wanted.flat_map(|(idx, fields)| {
            TEXT_FIELDS
                .iter()
                .enumerate()
                .filter(move |(_, field)| fields & (1 << **field as u8) != 0)
                .map(move |(slot, _)| slot * items + idx)
        });
        self.load_entries(index, lazy, (Section::FieldEnds, Section::FieldText), entries);
    }

    /// Reads `entries` of the text column `column` (its ends and its
    /// text), dropping what was read before. Runs of the column are read
    /// through a window reused from run to run, and only the texts wanted
    /// are kept: 20 000 titles spread over all 100 000 keep 1 MB, not the
    /// 5 MB read.
    pub fn load_entries(
        &mut self,
        index: &SearchIndex,
        lazy: &LazyFile,
        (ends, data): (Section, Section),
        entries: impl Iterator<Item = usize>,
    ) {
        self.at.clear();
        self.runs.clear();
        self.bytes.clear();
        self.at.extend(entries.map(|entry| (entry, 0..0)));
        self.at.sort_unstable_by_key(|(entry, _)| *entry);
        self.at.dedup_by_key(|(entry, _)| *entry);
        let entries = self.at.iter().map(|(entry, _)| *entry);
        if !self.ends.load(lazy, index.layout.range(ends), entries) {
            self.at.clear();
            return;
        }
        let column = index.layout.range(data);
        self.plan_runs(column.len());
        for (run, texts) in &self.runs {
            self.window.resize(run.len(), 0);
            if !lazy.read_into(column.start + run.start, &mut self.window) {
                self.at.clear();
                return;
            }
            for (entry, at) in &mut self.at[texts.clone()] {
                let span = self.ends.span(*entry, column.len());
                if span.start < span.end {
                    let from = self.bytes.len();
                    self.bytes
                        .extend_from_slice(&self.window[span.start - run.start..span.end - run.start]);
                    *at = from..self.bytes.len();
                }
            }
        }
    }

    /// Groups the texts wanted (`at`, in column order) into runs to read:
    /// texts less than [`JOIN_GAP`] apart in one run, up to [`WINDOW`]
    /// bytes (a longer text is a run of its own).
    fn plan_runs(&mut self, column_len: usize) {
        for (slot, (entry, _)) in self.at.iter().enumerate() {
            let span = self.ends.span(*entry, column_len);
            if span.start >= span.end {
                continue;
            }
            match self.runs.last_mut() {
                Some((run, texts))
                    if run.end <= span.start && span.start - run.end <= JOIN_GAP && span.end - run.start <= WINDOW =>
                {
                    run.end = span.end;
                    texts.end = slot + 1;
                }
                _ => self.runs.push((span, slot..slot + 1)),
            }
        }
    }

    /// The text of `field` of item `idx`, if it was read ("" otherwise).
    pub fn text(&self, index: &SearchIndex, idx: ItemIdx, field: Field) -> &str {
        let Some(slot) = TEXT_FIELDS.iter().position(|&f| f == field) else {
            return "";
        };
        self.entry_text(slot * index.len() + idx)
    }

    /// The text of entry `entry`, if it was read ("" otherwise).
    pub fn entry_text(&self, entry: usize) -> &str {
        let Ok(found) = self.at.binary_search_by_key(&entry, |(entry, _)| *entry) else {
            return "";
        };
        let bytes = self.bytes.get(self.at[found].1.clone()).unwrap_or(&[]);
        std::str::from_utf8(bytes).unwrap_or("")
    }
}

/// The titles of the hits `wsis search` prints: from an index read on
/// demand, read together in file order (thousands of titles in a few
/// reads rather than one per block of 32).
pub struct Titles<'a> {
    index: &'a SearchIndex,
    fetched: Option<FetchedTexts>,
}

impl<'a> Titles<'a> {
    pub(crate) fn of(index: &'a SearchIndex, items: impl Iterator<Item = ItemIdx>) -> Titles<'a> {
        let fetched = index.lazy().map(|lazy| {
            let mut fetched = FetchedTexts::default();
            fetched.load_entries(index, lazy, (Section::ShownTitleEnds, Section::ShownTitleText), items);
            fetched
        });
        Titles { index, fetched }
    }

    /// The title of item `idx`, one of the items these titles are of.
    pub fn get(&self, idx: ItemIdx) -> &str {
        match &self.fetched {
            Some(fetched) => fetched.entry_text(idx),
            None => self.index.title(idx),
        }
    }
}
