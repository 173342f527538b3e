//! The search index as one flat byte buffer: fixed-width columns and text
//! columns, in sections. The same bytes are built in memory for a fresh
//! dataset and written to the cache, and a cached file is read back whole and
//! used in place, without decoding (see docs/BENCHMARKS.md).
//!
//! Nothing read from a file is trusted: the header and every section length
//! are checked when opening, and each read is bounds-checked, so a damaged
//! file gives wrong results or none, never a panic.

use std::ops::Range;

use super::lazy::LazyFile;
use super::section_copy::{self, SectionCopy, TWO_THREADS_FROM_BYTES};
use super::sections::SectionBuffers;

/// Bump whenever the layout or the meaning of a section changes.
/// 8: the per-item draft flag ([`Section::Draft`]), so ranking a hit no
/// longer folds its tags on every keystroke.
pub(crate) const FORMAT: u32 = 8;
const MAGIC: &[u8; 8] = b"WSISIDX\0";
/// Magic, format, item and word counts, key length.
const HEADER_FIXED: usize = 8 + 4 * 4;

/// Declares `Section` and `ALL`, its variants in file order, from one list.
macro_rules! sections {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The sections, in file order.
        #[derive(Debug, Clone, Copy)]
        pub(crate) enum Section {
            $($(#[$doc])* $name,)*
        }

        pub(crate) const ALL: [Section; SECTIONS] = [$(Section::$name,)*];
        pub(crate) const SECTIONS: usize = [$(Section::$name,)*].len();
    };
}

sections! {
    /// Per item, u64: the characters of its folded symbol. The first of
    /// the [`SYMBOLS`] sections.
    SymbolMask,
    /// Text columns: per item a u32 end offset, then the text.
    /// The symbol folded, for the symbol rule.
    SymbolEnds,
    /// The last of the [`SYMBOLS`] sections.
    SymbolText,
    /// Per item, u8. The first of the [`RANKING`] sections.
    Prominence,
    /// Per item, u32: the first year it covers << 16 | the last (0: none).
    /// Every search reads it (the order of equal scores), so it is read
    /// with the word columns, not with the symbols.
    Years,
    /// The distinct folded words of every field, in byte order: per word its text, its
    /// characters, its rarity (u16, see `score::rarity`) and the end of
    /// its postings.
    WordEnds,
    WordText,
    WordMask,
    WordRarity,
    /// The last of the [`RANKING`] sections.
    PostingEnds,
    /// Per item, u8. The first of the [`PRINTING`] sections.
    Category,
    /// Per item, u8: 1 if its tags make it a draft (`drafts::is_draft`).
    /// Read for the checked hits of a search, which are then printed:
    /// its group is read anyway.
    Draft,
    IdEnds,
    IdText,
    /// As written in the data, for printing results.
    ShownSymbolEnds,
    ShownSymbolText,
    /// The last of the [`PRINTING`] sections.
    ShownTitleEnds,
    ShownTitleText,
    /// [`EXPLAINED_FIELDS`] texts per item as written (title and short
    /// title, tags, bodies, date, summary, points; lines joined by '\n'),
    /// to show why an item matched; field by field: every item's title
    /// first, then every item's tags...
    FieldEnds,
    FieldText,
    /// u64 each: item | field << 32 | first position in the field << 40.
    Postings,
}

/// Sections read together, each group side by side in the file, by
/// section number: an index read on demand reads a group in one piece,
/// which is large enough for huge pages (`arena`) where the sections
/// alone are not. Every search reads the [`RANKING`] group whole (the
/// word columns, for typos and fuzzy matches); printing a hit reads the
/// [`PRINTING`] group whole, after the search's per-item arrays are freed.
/// A query word with a digit or a '/' reads the [`SYMBOLS`] group whole
/// (the symbol rule: 1.8 MB at 100 000 items).
pub(crate) const GROUPS: [std::ops::RangeInclusive<usize>; 3] = [SYMBOLS, RANKING, PRINTING];
const SYMBOLS: std::ops::RangeInclusive<usize> = Section::SymbolMask as usize..=Section::SymbolText as usize;
const RANKING: std::ops::RangeInclusive<usize> = Section::Prominence as usize..=Section::PostingEnds as usize;
const PRINTING: std::ops::RangeInclusive<usize> = Section::Category as usize..=Section::ShownTitleEnds as usize;

/// How many texts per item `FieldText` holds.
pub(crate) const EXPLAINED_FIELDS: usize = 6;

/// Which count a section's length is a multiple of, and of how many bytes.
fn fixed_width(section: Section) -> Option<(Count, usize)> {
    use Section::*;
    match section {
        SymbolMask => Some((Count::Items, 8)),
        Prominence | Category | Draft => Some((Count::Items, 1)),
        Years | SymbolEnds | IdEnds | ShownSymbolEnds | ShownTitleEnds => Some((Count::Items, 4)),
        FieldEnds => Some((Count::Items, 4 * EXPLAINED_FIELDS)),
        WordMask => Some((Count::Words, 8)),
        WordRarity => Some((Count::Words, 2)),
        WordEnds | PostingEnds => Some((Count::Words, 4)),
        SymbolText | IdText | ShownSymbolText | ShownTitleText | FieldText | WordText | Postings => None,
    }
}

#[derive(Debug, Clone, Copy)]
enum Count {
    Items,
    Words,
}

/// How many entries the per-entry sections have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub items: usize,
    /// Distinct words.
    pub words: usize,
}

impl Counts {
    fn of(self, count: Count) -> usize {
        match count {
            Count::Items => self.items,
            Count::Words => self.words,
        }
    }
}

/// The bytes of an index: built in memory, read whole from a small cache
/// file, or read on demand from a large one (never memory-mapped: another
/// process truncating a mapped file would kill this one with SIGBUS; see
/// `cache::load` and `lazy`).
pub(crate) enum Bytes {
    Owned(Vec<u8>),
    /// Each section in a buffer of its own, no header: an index built
    /// for one search and never stored (`sections`).
    Sections(Box<SectionBuffers>),
    Lazy(Box<LazyFile>),
}

/// Where each section lies in the bytes, checked against the header.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub counts: Counts,
    ranges: [Range<usize>; SECTIONS],
}

impl Layout {
    /// Reads the header; `None` unless it is an index of this format whose
    /// key is `key` and whose sections all lie within `bytes`.
    pub fn parse(bytes: &[u8], key: &str) -> Option<Layout> {
        Layout::parse_header(bytes, key, bytes.len())
    }

    /// How many bytes the header of an index stored under `key` takes.
    pub fn header_len(key: &str) -> usize {
        (HEADER_FIXED + key.len()).next_multiple_of(8) + SECTIONS * 8
    }

    /// Reads the header from `header`, the first bytes of an index of
    /// `total` bytes; `None` unless it is an index of this format whose key
    /// is `key` and whose sections all lie within those `total` bytes.
    pub fn parse_header(header: &[u8], key: &str, total: usize) -> Option<Layout> {
        let mut reader = Reader { bytes: header, at: 0 };
        if reader.take(8)? != MAGIC || reader.u32()? != FORMAT {
            return None;
        }
        let counts = Counts {
            items: reader.u32()? as usize,
            words: reader.u32()? as usize,
        };
        let key_len = reader.u32()? as usize;
        if reader.take(key_len)? != key.as_bytes() {
            return None;
        }
        reader.align();
        let mut lengths = [0usize; SECTIONS];
        for length in &mut lengths {
            *length = usize::try_from(reader.u64()?).ok()?;
        }
        let mut ranges: [Range<usize>; SECTIONS] = Default::default();
        let mut at = reader.at;
        for (index, range) in ranges.iter_mut().enumerate() {
            let start = at.next_multiple_of(8);
            let end = start.checked_add(lengths[index]).filter(|&end| end <= total)?;
            *range = start..end;
            at = end;
        }
        let layout = Layout { counts, ranges };
        ALL.iter().all(|&s| layout.has_expected_length(s)).then_some(layout)
    }

    /// The layout of `sections` laid one after another on 8-byte
    /// boundaries with no header: the same ranges relative to one
    /// another as in an index's bytes.
    pub fn of_sections(counts: Counts, sections: &SectionBuffers) -> Layout {
        let mut at = 0;
        let ranges = std::array::from_fn(|section| {
            let start = usize::next_multiple_of(at, 8);
            at = start + sections.len(ALL[section]);
            start..at
        });
        Layout { counts, ranges }
    }

    /// Where the last section ends: the length of the whole index.
    pub fn end(&self) -> usize {
        self.ranges[SECTIONS - 1].end
    }

    fn has_expected_length(&self, section: Section) -> bool {
        let Some((count, width)) = fixed_width(section) else {
            return true;
        };
        self.ranges[section as usize].len() == self.counts.of(count) * width
    }

    pub fn range(&self, section: Section) -> Range<usize> {
        self.range_of(section as usize)
    }

    /// The range of the section numbered `index` in file order.
    pub fn range_of(&self, index: usize) -> Range<usize> {
        self.ranges[index].clone()
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(taken)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(*self.take(4)?.first_chunk()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(*self.take(8)?.first_chunk()?))
    }
    fn align(&mut self) {
        self.at = self.at.next_multiple_of(8);
    }
}

/// Collects the sections of a new index, in any order, then lays them out.
#[derive(Default)]
pub(crate) struct Writer {
    sections: [Vec<u8>; SECTIONS],
    /// The postings after those of `sections`, one run per word as the
    /// vocabulary held them: copied only when written (see
    /// [`Writer::postings`]).
    posting_runs: Vec<Vec<u64>>,
    /// The bytes those runs take.
    posting_run_bytes: usize,
}

impl Writer {
    pub fn new() -> Writer {
        Writer {
            sections: Default::default(),
            posting_runs: Vec::new(),
            posting_run_bytes: 0,
        }
    }

    pub fn u64(&mut self, section: Section, value: u64) {
        self.sections[section as usize].extend_from_slice(&value.to_le_bytes());
    }

    pub fn u32(&mut self, section: Section, value: u32) {
        self.sections[section as usize].extend_from_slice(&value.to_le_bytes());
    }

    /// The bytes written to `section` so far.
    pub fn len(&self, section: Section) -> usize {
        let runs = match section {
            Section::Postings => self.posting_run_bytes,
            _ => 0,
        };
        self.sections[section as usize].len() + runs
    }

    pub fn u16(&mut self, section: Section, value: u16) {
        self.sections[section as usize].extend_from_slice(&value.to_le_bytes());
    }

    pub fn u8(&mut self, section: Section, value: u8) {
        self.sections[section as usize].push(value);
    }

    /// Appends `text` to a text column and records where it ends.
    pub fn text(&mut self, ends: Section, text: Section, value: &str) {
        self.sections[text as usize].extend_from_slice(value.as_bytes());
        let end = self.sections[text as usize].len();
        // Columns past 4 GiB are not supported; the loader's limits keep far below.
        self.u32(ends, u32::try_from(end).unwrap_or(u32::MAX));
    }

    /// Appends a word's postings, kept as they are until the index is
    /// joined: an index written to a file then never holds its postings
    /// twice (the vocabulary's and the section's), at 100 000 items a
    /// fifth of the first search's peak.
    pub fn postings(&mut self, run: Vec<u64>) {
        self.posting_run_bytes += run.len() * 8;
        self.posting_runs.push(run);
    }

    /// The bytes of `section` written so far, taken out of the writer.
    pub(super) fn take_section(&mut self, section: Section) -> Vec<u8> {
        std::mem::take(&mut self.sections[section as usize])
    }

    /// The runs of postings kept so far ([`Writer::postings`]), taken out.
    pub(super) fn take_posting_runs(&mut self) -> Vec<Vec<u64>> {
        self.posting_run_bytes = 0;
        std::mem::take(&mut self.posting_runs)
    }

    /// Each section's length, the postings' runs counted.
    pub(super) fn lengths(&self) -> [usize; SECTIONS] {
        std::array::from_fn(|section| self.len(ALL[section]))
    }

    /// The runs of postings moved into their section's bytes.
    fn flatten_postings(&mut self) {
        let bytes = &mut self.sections[Section::Postings as usize];
        bytes.reserve(self.posting_run_bytes);
        for run in std::mem::take(&mut self.posting_runs) {
            for posting in run {
                bytes.extend_from_slice(&posting.to_le_bytes());
            }
        }
        self.posting_run_bytes = 0;
    }

    /// A writer holding only a text column built apart: `texts`, one
    /// after another, ending at `text_ends`, counted from the first.
    pub fn of_column(ends: Section, text: Section, texts: String, text_ends: &[usize]) -> Writer {
        let mut writer = Writer::new();
        writer.sections[ends as usize] = text_ends.iter().flat_map(|&end| count(end).to_le_bytes()).collect();
        writer.sections[text as usize] = texts.into_bytes();
        writer
    }

    #[cfg(test)]
    pub fn finish(self, key: &str, counts: Counts) -> Vec<u8> {
        Writer::finish_joined(vec![self], key, counts)
    }

    /// The index of `pieces` one after another: each section is the
    /// pieces' in order, their entry ends shifted past the entries of the
    /// pieces before. Written straight into the index, each section of a
    /// piece freed once copied: joining the pieces into one writer first
    /// copied every byte twice (28–38 ms of a cold search at 100 000
    /// items, against 11–16 ms, and about 10 ms with the sections of a
    /// large index copied on two threads, `section_copy`).
    pub fn finish_joined(pieces: Vec<Writer>, key: &str, counts: Counts) -> Vec<u8> {
        Writer::finish_joined_on(pieces, key, counts, TWO_THREADS_FROM_BYTES)
    }

    /// [`Self::finish_joined`], the sections copied on two threads when
    /// they hold at least `two_threads_from` bytes.
    fn finish_joined_on(mut pieces: Vec<Writer>, key: &str, counts: Counts, two_threads_from: usize) -> Vec<u8> {
        pieces.iter_mut().for_each(Writer::flatten_postings);
        let plan = JoinPlan::of(&pieces, key, counts);
        // Zeroed, so the padding is written: fresh zeroed memory costs
        // nothing until the sections are written into it, then in huge
        // pages where offered (a fault per 2 MB, not per 4 kB).
        let mut out = vec![0; plan.end];
        crate::arena::advise_huge_pages(out.as_ptr(), out.len());
        out[..plan.header.len()].copy_from_slice(&plan.header);
        let mut rest = &mut out[..];
        let mut at = 0;
        let mut copies = Vec::with_capacity(SECTIONS);
        for section in ALL {
            let (start, len) = (plan.starts[section as usize], plan.totals[section as usize]);
            let (target, after) = std::mem::take(&mut rest)[start - at..].split_at_mut(len);
            (rest, at) = (after, start + len);
            let pieces = pieces
                .iter_mut()
                .map(|piece| std::mem::take(&mut piece.sections[section as usize]))
                .collect();
            copies.push(SectionCopy {
                target,
                pieces,
                shifts: plan.shifts(section),
            });
        }
        section_copy::copy_all(copies, two_threads_from);
        out
    }

    /// The bytes [`Self::finish_joined`] would return, written to `out`
    /// instead, each section of a piece freed once written: an index
    /// built only to be stored never exists whole in memory (at 100 000
    /// items it is 125 MB, a third of the first search's peak). Refused
    /// with nothing written if it would be longer than `max_bytes`.
    pub fn write_joined(
        mut pieces: Vec<Writer>,
        key: &str,
        counts: Counts,
        max_bytes: u64,
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        let plan = JoinPlan::of(&pieces, key, counts);
        if plan.end as u64 > max_bytes {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "index too large to store",
            ));
        }
        out.write_all(&plan.header)?;
        let mut at = plan.header.len();
        for section in ALL {
            let start = plan.starts[section as usize];
            out.write_all(&[0; 8][..start - at])?;
            let shifts = plan.shifts(section);
            for (piece, writer) in pieces.iter_mut().enumerate() {
                let shift = shifts.as_ref().map_or(0, |shifts| shifts[piece]);
                section_copy::write_shifted(out, &writer.take_section(section), shift)?;
                if let Section::Postings = section {
                    section_copy::write_runs(out, writer.take_posting_runs())?;
                }
            }
            at = start + plan.totals[section as usize];
        }
        Ok(())
    }
}

/// Where the sections of joined pieces go, worked out before a byte of
/// them is copied.
struct JoinPlan {
    /// Per piece, each section's length.
    lengths: Vec<[usize; SECTIONS]>,
    totals: [usize; SECTIONS],
    header: Vec<u8>,
    starts: [usize; SECTIONS],
    /// The length of the whole index.
    end: usize,
}

impl JoinPlan {
    fn of(pieces: &[Writer], key: &str, counts: Counts) -> JoinPlan {
        let lengths: Vec<[usize; SECTIONS]> = pieces.iter().map(Writer::lengths).collect();
        let section_length = |section: usize| lengths.iter().map(|piece| piece[section]).sum::<usize>();
        let totals: [usize; SECTIONS] = std::array::from_fn(section_length);
        let header = header(key, counts, &totals);
        // Each section on an 8-byte boundary after the one before.
        let mut starts = [0; SECTIONS];
        let mut end = header.len();
        for section in ALL {
            end = end.next_multiple_of(8);
            starts[section as usize] = end;
            end += totals[section as usize];
        }
        JoinPlan {
            lengths,
            totals,
            header,
            starts,
            end,
        }
    }

    /// For a column of entry ends: per piece, how many entries the pieces
    /// before it hold. None for other sections.
    fn shifts(&self, section: Section) -> Option<Vec<usize>> {
        entries_of(section).map(|entries| entries_before(&self.lengths, entries))
    }
}

/// The index's header: its mark, format, counts and key, then each
/// section's length.
fn header(key: &str, counts: Counts, totals: &[usize; SECTIONS]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + key.len() + SECTIONS * 8);
    out.extend_from_slice(MAGIC);
    let header = [counts.items, counts.words, key.len()];
    for value in std::iter::once(FORMAT).chain(header.map(count)) {
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(key.as_bytes());
    pad(&mut out);
    for &total in totals {
        out.extend_from_slice(&(total as u64).to_le_bytes());
    }
    out
}

/// Per piece, how many entries of section `entries` the pieces before it
/// hold, given each piece's section lengths.
pub(super) fn entries_before(lengths: &[[usize; SECTIONS]], entries: Section) -> Vec<usize> {
    let mut before = 0;
    lengths
        .iter()
        .map(|piece| {
            let shift = before;
            before += piece[entries as usize] / unit(entries);
            shift
        })
        .collect()
}

/// The section whose entries a column of entry ends counts.
pub(super) fn entries_of(ends: Section) -> Option<Section> {
    use Section::*;
    match ends {
        SymbolEnds => Some(SymbolText),
        IdEnds => Some(IdText),
        ShownSymbolEnds => Some(ShownSymbolText),
        ShownTitleEnds => Some(ShownTitleText),
        FieldEnds => Some(FieldText),
        WordEnds => Some(WordText),
        PostingEnds => Some(Postings),
        _ => None,
    }
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn pad(out: &mut Vec<u8>) {
    out.resize(out.len().next_multiple_of(8), 0);
}

/// Bounds-checked little-endian reads; out of range reads as 0.
pub(crate) fn u64_at(bytes: &[u8], index: usize) -> u64 {
    bytes
        .get(index * 8..)
        .and_then(|b| b.first_chunk())
        .map_or(0, |b| u64::from_le_bytes(*b))
}

pub(crate) fn u16_at(bytes: &[u8], index: usize) -> u16 {
    bytes
        .get(index * 2..)
        .and_then(|b| b.first_chunk())
        .map_or(0, |b| u16::from_le_bytes(*b))
}

pub(crate) fn u32_at(bytes: &[u8], index: usize) -> u32 {
    bytes
        .get(index * 4..)
        .and_then(|b| b.first_chunk())
        .map_or(0, |b| u32::from_le_bytes(*b))
}

/// Where entry `index` lies in a column whose ends are `ends`, clipped to
/// the `len` entries the column has, so a damaged end never runs far.
pub(crate) fn span(ends: &[u8], index: usize, len: usize) -> Range<usize> {
    let start = if index == 0 {
        0
    } else {
        u32_at(ends, index - 1) as usize
    };
    start.min(len)..(u32_at(ends, index) as usize).min(len)
}

/// How many bytes an entry end in the column `data` counts: postings are
/// counted, texts measured in bytes.
pub(crate) fn unit(data: Section) -> usize {
    match data {
        Section::Postings => 8,
        _ => 1,
    }
}

/// The bytes of entry `index` of column `data`, whose entry ends are
/// `ends`; none if the ends are damaged.
pub(crate) fn entry<'a>(ends: &[u8], bytes: &'a [u8], data: Section, index: usize) -> &'a [u8] {
    let unit = unit(data);
    let span = span(ends, index, usize::MAX);
    bytes.get(span.start * unit..span.end * unit).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at<'a>(ends: &[u8], text: &'a [u8], index: usize) -> &'a str {
        std::str::from_utf8(entry(ends, text, Section::IdText, index)).unwrap_or("")
    }

    fn sample(key: &str) -> Vec<u8> {
        let mut writer = Writer::new();
        writer.text(Section::IdEnds, Section::IdText, "wsis");
        writer.text(Section::IdEnds, Section::IdText, "côte");
        writer.u64(Section::SymbolMask, 7);
        writer.u64(Section::SymbolMask, 9);
        let counts = Counts {
            items: 2,
            ..Counts::default()
        };
        let mut writer = fill_fixed(writer, counts);
        writer.u32(Section::Postings, 3);
        writer.finish(key, counts)
    }

    /// Fills every other fixed-width section with zeros for `items` items.
    fn fill_fixed(mut writer: Writer, counts: Counts) -> Writer {
        for section in ALL {
            if let Some((count, width)) = fixed_width(section) {
                writer.sections[section as usize].resize(counts.of(count) * width, 0);
            }
        }
        writer
    }

    #[test]
    fn sections_read_back_as_written() {
        let bytes = sample("k");
        let layout = Layout::parse(&bytes, "k").expect("valid");
        assert_eq!((layout.counts.items, layout.counts.words), (2, 0));
        let ends = &bytes[layout.range(Section::IdEnds)];
        let text = &bytes[layout.range(Section::IdText)];
        assert_eq!(text_at(ends, text, 0), "wsis");
        assert_eq!(text_at(ends, text, 1), "côte");
        assert_eq!(u64_at(&bytes[layout.range(Section::SymbolMask)], 1), 9);
        assert_eq!(u32_at(&bytes[layout.range(Section::Postings)], 0), 3);
    }

    #[test]
    fn pieces_joined_are_the_index_of_one_writer_of_all_their_entries() {
        let piece = |ids: &[&str]| {
            let mut writer = Writer::new();
            for id in ids {
                writer.text(Section::IdEnds, Section::IdText, id);
            }
            let items = Counts {
                items: ids.len(),
                ..Counts::default()
            };
            fill_fixed(writer, items)
        };
        let all = Counts {
            items: 4,
            ..Counts::default()
        };
        let joined = Writer::finish_joined(vec![piece(&["a"]), piece(&[]), piece(&["bc", "d", "côte"])], "k", all);
        assert!(joined == piece(&["a", "bc", "d", "côte"]).finish("k", all));
        // The same bytes when the sections are copied on two threads.
        let pieces = vec![piece(&["a"]), piece(&[]), piece(&["bc", "d", "côte"])];
        assert!(Writer::finish_joined_on(pieces, "k", all, 0) == joined);
        let layout = Layout::parse(&joined, "k").expect("valid");
        let (ends, text) = (
            &joined[layout.range(Section::IdEnds)],
            &joined[layout.range(Section::IdText)],
        );
        assert_eq!(text_at(ends, text, 3), "côte");
    }

    #[test]
    fn another_key_or_format_is_refused() {
        let bytes = sample("k");
        assert!(Layout::parse(&bytes, "other").is_none());
        let mut old = bytes.clone();
        old[8] = old[8].wrapping_add(1);
        assert!(Layout::parse(&old, "k").is_none());
    }

    #[test]
    fn every_truncation_is_refused_without_panic() {
        let bytes = sample("k");
        for len in 0..bytes.len() {
            assert!(Layout::parse(&bytes[..len], "k").is_none(), "cut at {len}");
        }
    }

    #[test]
    fn damaged_offsets_read_as_empty_text() {
        let ends = 100u32.to_le_bytes();
        assert_eq!(text_at(&ends, b"abc", 0), "");
        assert_eq!(text_at(&ends, b"abc", 5), "");
        assert_eq!(u64_at(b"123", 0), 0);
    }
}
