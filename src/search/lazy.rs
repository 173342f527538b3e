//! A large stored index read lazily from its open file: each section when a
//! search first needs it, and the three large columns (field texts, titles,
//! postings) a block of entries at a time, with positioned reads. What was
//! read is kept, so a browser searching again reads nothing twice.
//!
//! The file is never mapped: another process truncating a mapped file kills
//! this one with SIGBUS. A read that fails or comes back short (the file was
//! truncated) yields no bytes and marks the index damaged; a search on a
//! damaged index finds nothing, and `wsis search` then builds the index
//! from the data instead. Every read stays within the checked layout, and
//! every access within what was read.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use super::store::{self, Counts, Layout, SECTIONS, Section};

/// Entries per block of a blocked column. Hits are scattered over the
/// items, so small blocks of texts waste little (32 field texts: about
/// 1.5 kB of titles, 8 kB of summaries); postings are read for the words
/// a query matches, often neighbours in byte order.
const FIELD_TEXT_BLOCK: usize = 32;
const TITLE_BLOCK: usize = 32;
const POSTINGS_BLOCK: usize = 16;

/// A column read in blocks of entries: its data section, the section of
/// each entry's end (u32, in units), and the block size.
#[derive(Debug, Clone, Copy)]
struct Blocked {
    data: Section,
    ends: Section,
    per_block: usize,
}

const BLOCKED: [Blocked; 3] = [
    Blocked {
        data: Section::FieldText,
        ends: Section::FieldEnds,
        per_block: FIELD_TEXT_BLOCK,
    },
    Blocked {
        data: Section::ShownTitleText,
        ends: Section::ShownTitleEnds,
        per_block: TITLE_BLOCK,
    },
    Blocked {
        data: Section::Postings,
        ends: Section::PostingEnds,
        per_block: POSTINGS_BLOCK,
    },
];

/// The blocks read so far of one blocked column.
struct Blocks {
    /// Per block: where it starts, in units of the column, and its bytes.
    read: Vec<OnceLock<(usize, Box<[u8]>)>>,
}

/// An index file being read on demand.
pub(crate) struct LazyFile {
    file: File,
    layout: Layout,
    sections: [OnceLock<Box<[u8]>>; SECTIONS],
    blocks: [Blocks; BLOCKED.len()],
    damaged: AtomicBool,
}

impl LazyFile {
    /// Opens the index in `file`, if it is one stored under `key` and the
    /// file is exactly as long as its header says.
    pub fn open(file: File, key: &str) -> Option<(LazyFile, Layout)> {
        let total = usize::try_from(file.metadata().ok()?.len()).ok()?;
        let mut header = vec![0; Layout::header_len(key)];
        file.read_exact_at(&mut header, 0).ok()?;
        let layout = Layout::parse_header(&header, key, total)?;
        if layout.end() != total {
            return None;
        }
        let blocks = BLOCKED.map(|column| {
            let entries = entries(layout.counts, column.data);
            Blocks {
                read: (0..entries.div_ceil(column.per_block))
                    .map(|_| OnceLock::new())
                    .collect(),
            }
        });
        let lazy = LazyFile {
            file,
            layout: layout.clone(),
            sections: Default::default(),
            blocks,
            damaged: AtomicBool::new(false),
        };
        Some((lazy, layout))
    }

    /// Whether a read has failed: the file changed under this index.
    pub fn is_damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// The whole of `section`, read on first use.
    pub fn section(&self, section: Section) -> &[u8] {
        self.sections[section as usize].get_or_init(|| self.read(self.layout.range(section)))
    }

    /// The bytes of entry `index` of the column whose data is `data` and
    /// whose entry ends are `ends`.
    pub fn entry(&self, ends: Section, data: Section, index: usize) -> &[u8] {
        let Some(slot) = BLOCKED.iter().position(|column| column.data as usize == data as usize) else {
            return store::entry(self.section(ends), self.section(data), data, index);
        };
        let column = BLOCKED[slot];
        let Some(block) = self.blocks[slot].read.get(index / column.per_block) else {
            return &[];
        };
        let ends = self.section(column.ends);
        let (start, bytes) = block.get_or_init(|| self.read_block(column, ends, index / column.per_block));
        let unit = store::unit(data);
        let span = store::span(ends, index, usize::MAX);
        let Some(from) = span.start.checked_sub(*start) else {
            return &[];
        };
        let to = span.end.saturating_sub(*start);
        bytes.get(from * unit..to * unit).unwrap_or(&[])
    }

    /// Block `block` of `column`: where it starts, in units, and its bytes.
    fn read_block(&self, column: Blocked, ends: &[u8], block: usize) -> (usize, Box<[u8]>) {
        let unit = store::unit(column.data);
        let section = self.layout.range(column.data);
        let units = section.len() / unit;
        let first = block * column.per_block;
        let last = (first + column.per_block).min(entries(self.layout.counts, column.data));
        let start = store::span(ends, first, units).start;
        let end = store::span(ends, last.saturating_sub(1), units).end.max(start);
        let bytes = self.read(section.start + start * unit..section.start + end * unit);
        (start, bytes)
    }

    /// The bytes at `range` of the file; none, and the index marked
    /// damaged, if they cannot all be read.
    fn read(&self, range: std::ops::Range<usize>) -> Box<[u8]> {
        let mut bytes = vec![0; range.len()].into_boxed_slice();
        if !self.read_into(range.start, &mut bytes) {
            return Box::default();
        }
        bytes
    }

    /// Fills `into` with the bytes of the file from `offset`, which the
    /// caller keeps within the checked layout; false, and the index marked
    /// damaged, if they cannot all be read.
    pub fn read_into(&self, offset: usize, into: &mut [u8]) -> bool {
        if self.file.read_exact_at(into, offset as u64).is_err() {
            self.damaged.store(true, Ordering::Relaxed);
            return false;
        }
        true
    }
}

/// How many entries the column whose data is `data` has.
fn entries(counts: Counts, data: Section) -> usize {
    match data {
        Section::FieldText => counts.items * store::EXPLAINED_FIELDS,
        Section::Postings => counts.words,
        _ => counts.items,
    }
}
