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
use crate::arena::{self, Arena, Part};

/// Entries per block of a blocked column. Hits are scattered over the
/// items, so small blocks of texts waste little (32 field texts: about
/// 1.5 kB of titles, 8 kB of summaries); postings are read for the words
/// a query matches, often neighbours in byte order.
const FIELD_TEXT_BLOCK: usize = 32;
const TITLE_BLOCK: usize = 32;
const POSTINGS_BLOCK: usize = 16;

/// Reads of this many bytes or more go into the arena: a huge page. Unit
/// tests, whose indexes are small, send every section there, so that the
/// reading of every test's stored index goes through it.
const ARENA_FROM: usize = if cfg!(test) { 64 } else { arena::HUGE_PAGE };

/// Per section, the first and last sections of its group
/// (`store::GROUPS`), if it is in one: a search asks for some sections
/// once per item it scores (400 000 times for "internet governance").
const GROUP_OF: [Option<(usize, usize)>; SECTIONS] = group_of();

const fn group_of() -> [Option<(usize, usize)>; SECTIONS] {
    let mut of = [None; SECTIONS];
    let mut group = 0;
    while group < store::GROUPS.len() {
        let (first, last) = (*store::GROUPS[group].start(), *store::GROUPS[group].end());
        let mut section = first;
        while section <= last {
            of[section] = Some((first, last));
            section += 1;
        }
        group += 1;
    }
    of
}

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
    /// How many blocks the column has.
    count: usize,
    /// Per block: where it starts, in units of the column, and its bytes;
    /// made on first use, as `wsis search` reads texts without blocks
    /// (`fetch`) and the table of field text blocks alone takes 0.6 MB
    /// at 100 000 items.
    read: OnceLock<Box<[BlockSlot]>>,
}

/// One block of a blocked column, once read: where it starts, in units of
/// the column, and its bytes.
type BlockSlot = OnceLock<(usize, Box<[u8]>)>;

impl Blocks {
    /// The slot of block `block`, if the column has it.
    fn slot(&self, block: usize) -> Option<&BlockSlot> {
        let read = self
            .read
            .get_or_init(|| (0..self.count).map(|_| OnceLock::new()).collect());
        read.get(block)
    }
}

/// A section (or group of sections) read from the file: in the arena if it
/// fills a huge page, else (or without an arena) in memory of its own.
enum Chunk {
    InArena(Part),
    Owned(Box<[u8]>),
}

/// An index file being read on demand.
pub(crate) struct LazyFile {
    file: File,
    layout: Layout,
    sections: [OnceLock<Chunk>; SECTIONS],
    blocks: [Blocks; BLOCKED.len()],
    damaged: AtomicBool,
    /// Where what is read is kept (see `arena`); declared last, so
    /// dropped after the chunks in it.
    arena: Option<Arena>,
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
        let blocks = BLOCKED.map(|column| Blocks {
            count: entries(layout.counts, column.data).div_ceil(column.per_block),
            read: OnceLock::new(),
        });
        let lazy = LazyFile {
            file,
            layout: layout.clone(),
            sections: Default::default(),
            blocks,
            damaged: AtomicBool::new(false),
            arena: Arena::reserve(arena_capacity(total)),
        };
        Some((lazy, layout))
    }

    /// Whether a read has failed: the file changed under this index.
    pub fn is_damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// The whole of `section`, read on first use.
    pub fn section(&self, section: Section) -> &[u8] {
        let index = section as usize;
        let Some((first, last)) = GROUP_OF[index] else {
            let chunk = self.sections[index].get_or_init(|| self.read(self.layout.range(section)));
            return self.bytes(chunk);
        };
        // A group is read in one piece, kept with its first section.
        let whole = self.layout.range_of(first).start..self.layout.range_of(last).end;
        let chunk = self.sections[first].get_or_init(|| self.read(whole.clone()));
        let range = self.layout.range(section);
        self.bytes(chunk)
            .get(range.start - whole.start..range.end - whole.start)
            .unwrap_or(&[])
    }

    fn bytes<'a>(&'a self, chunk: &'a Chunk) -> &'a [u8] {
        match (chunk, &self.arena) {
            (Chunk::InArena(part), Some(arena)) => arena.bytes(part),
            (Chunk::InArena(_), None) => &[],
            (Chunk::Owned(bytes), _) => bytes,
        }
    }

    /// The bytes of entry `index` of the column whose data is `data` and
    /// whose entry ends are `ends`.
    pub fn entry(&self, ends: Section, data: Section, index: usize) -> &[u8] {
        let Some(slot) = BLOCKED.iter().position(|column| column.data as usize == data as usize) else {
            return store::entry(self.section(ends), self.section(data), data, index);
        };
        let column = BLOCKED[slot];
        let Some(block) = self.blocks[slot].slot(index / column.per_block) else {
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

    /// As [`Self::entry`], read into memory of its own and not kept: for a
    /// caller that reads the entry once (`wsis search`: postings kept in
    /// blocks stayed resident while the hits were explained, 1.9 MB for
    /// "internet governance" at 100 000 items).
    /// Like it, an entry whose stored ends are damaged (past the section,
    /// or backwards) is none rather than clipped.
    pub fn entry_unkept(&self, ends: Section, data: Section, index: usize) -> Box<[u8]> {
        let unit = store::unit(data);
        let section = self.layout.range(data);
        let span = store::span(self.section(ends), index, usize::MAX);
        if span.start > span.end || span.end > section.len() / unit {
            return Box::default();
        }
        self.read_owned(section.start + span.start * unit..section.start + span.end * unit)
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
        let bytes = self.read_owned(section.start + start * unit..section.start + end * unit);
        (start, bytes)
    }

    /// The bytes at `range` of the file; none, and the index marked
    /// damaged, if they cannot all be read.
    fn read(&self, range: std::ops::Range<usize>) -> Chunk {
        // Smaller reads gain nothing from huge pages, and in memory of
        // their own can reuse what was freed.
        let Some(arena) = self.arena.as_ref().filter(|_| range.len() >= ARENA_FROM) else {
            return Chunk::Owned(self.read_owned(range));
        };
        let mut read = true;
        let part = arena.fill(range.len(), |into| {
            read = self.read_into(range.start, into);
            read
        });
        match part {
            Some(part) => Chunk::InArena(part),
            None if read => Chunk::Owned(self.read_owned(range)),
            None => Chunk::Owned(Box::default()),
        }
    }

    /// As [`Self::read`], into memory of their own: blocks, which are small.
    fn read_owned(&self, range: std::ops::Range<usize>) -> Box<[u8]> {
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

/// The arena of an index file of `total` bytes: room for every section
/// and a huge page of alignment for each. Address space only: memory is
/// used when read into.
fn arena_capacity(total: usize) -> usize {
    total.saturating_add(SECTIONS * arena::HUGE_PAGE)
}

/// How many entries the column whose data is `data` has.
fn entries(counts: Counts, data: Section) -> usize {
    match data {
        Section::FieldText => counts.items * store::EXPLAINED_FIELDS,
        Section::Postings => counts.words,
        _ => counts.items,
    }
}
