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

/// The field texts of some (item, field) pairs, read from the file.
#[derive(Default)]
pub(crate) struct FetchedTexts {
    bytes: Vec<u8>,
    /// Per field text read, sorted: its entry in the field text column
    /// and where its bytes lie in `bytes`.
    at: Vec<(usize, Range<usize>)>,
    /// Runs of the column to read, and where each goes in `bytes`.
    runs: Vec<(Range<usize>, usize)>,
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
    /// text), dropping what was read before.
    pub fn load_entries(
        &mut self,
        index: &SearchIndex,
        lazy: &LazyFile,
        (ends, data): (Section, Section),
        entries: impl Iterator<Item = usize>,
    ) {
        self.at.clear();
        self.runs.clear();
        self.at.extend(entries.map(|entry| (entry, 0..0)));
        self.at.sort_unstable_by_key(|(entry, _)| *entry);
        self.at.dedup_by_key(|(entry, _)| *entry);
        let ends = lazy.section(ends);
        let column = index.layout.range(data);
        let mut filled = 0;
        for (entry, at) in &mut self.at {
            let span = store::span(ends, *entry, column.len());
            if span.start >= span.end {
                continue;
            }
            match self.runs.last_mut() {
                Some((run, to)) if run.end <= span.start && span.start - run.end <= JOIN_GAP => {
                    filled += span.end - run.end;
                    run.end = span.end;
                    *at = *to + span.start - run.start..*to + span.end - run.start;
                }
                _ => {
                    self.runs.push((span.clone(), filled));
                    *at = filled..filled + span.len();
                    filled += span.len();
                }
            }
        }
        self.bytes.resize(filled, 0);
        for (run, to) in &self.runs {
            let into = &mut self.bytes[*to..*to + run.len()];
            if !lazy.read_into(column.start + run.start, into) {
                self.at.clear();
                return;
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
