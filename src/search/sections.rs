//! An index built for one search and never stored (a cold search's index
//! of its query's words, `restricted`), held as its sections, each in a
//! buffer of its own, rather than as one index's bytes: joining the parts
//! built on each core into one buffer put a second copy of them in memory
//! (23–29 MB of a cold search's peak at 100 000 items). The field texts,
//! by far the largest section and read only entry by entry, are not
//! joined at all but kept in the pieces they were built in.

use super::section_copy;
use super::store::{self, ALL, SECTIONS, Section, Writer, entries_before, entries_of, span};

/// The sections of an index, [`Section::FieldText`] in pieces.
pub(crate) struct SectionBuffers {
    /// Every section but the field texts, whose place is empty.
    sections: [Vec<u8>; SECTIONS],
    /// The field texts' pieces, none empty, in order, each with the
    /// offset of its first byte in the section.
    field_texts: Vec<(usize, Vec<u8>)>,
}

impl SectionBuffers {
    /// The sections of `pieces`, laid one after another section by
    /// section: the same sections as `Writer::finish_joined`'s bytes.
    /// Each section grows from its first piece's bytes, the others
    /// appended and freed.
    pub fn join(mut pieces: Vec<Writer>) -> SectionBuffers {
        let lengths: Vec<[usize; SECTIONS]> = pieces.iter().map(Writer::lengths).collect();
        let mut field_texts = Vec::new();
        let mut at = 0;
        for piece in &mut pieces {
            let bytes = piece.take_section(Section::FieldText);
            if !bytes.is_empty() {
                let len = bytes.len();
                field_texts.push((at, bytes));
                at += len;
            }
        }
        let sections = std::array::from_fn(|section| join_section(&mut pieces, &lengths, ALL[section]));
        SectionBuffers { sections, field_texts }
    }

    /// The bytes of `section`; none for the field texts, which are read
    /// entry by entry ([`Self::entry`]).
    pub fn section(&self, section: Section) -> &[u8] {
        &self.sections[section as usize]
    }

    /// How many bytes `section` holds.
    pub fn len(&self, section: Section) -> usize {
        match section {
            Section::FieldText => self.field_texts.last().map_or(0, |(at, bytes)| at + bytes.len()),
            _ => self.sections[section as usize].len(),
        }
    }

    /// The bytes of entry `idx` of column `data`, whose entry ends are `ends`.
    pub fn entry(&self, ends: Section, data: Section, idx: usize) -> &[u8] {
        let Section::FieldText = data else {
            return store::entry(self.section(ends), self.section(data), data, idx);
        };
        let span = span(self.section(ends), idx, usize::MAX);
        // The last piece starting at or before the entry: each holds
        // whole entries.
        let piece = self.field_texts.partition_point(|(at, _)| *at <= span.start);
        let Some((at, bytes)) = piece.checked_sub(1).and_then(|piece| self.field_texts.get(piece)) else {
            return &[];
        };
        bytes.get(span.start - at..span.end.saturating_sub(*at)).unwrap_or(&[])
    }
}

/// `section` of every piece, one after another, the ends of a column of
/// entry ends shifted past the entries of the pieces before; the pieces'
/// bytes of it taken. The field texts are taken already (empty).
fn join_section(pieces: &mut [Writer], lengths: &[[usize; SECTIONS]], section: Section) -> Vec<u8> {
    let total = lengths.iter().map(|piece| piece[section as usize]).sum::<usize>();
    let shifts = entries_of(section).map(|entries| entries_before(lengths, entries));
    let mut joined: Vec<u8> = Vec::new();
    for (piece, writer) in pieces.iter_mut().enumerate() {
        let bytes = writer.take_section(section);
        let shift = shifts.as_ref().map_or(0, |shifts| shifts[piece]);
        if joined.is_empty() && shift == 0 {
            joined = bytes;
            joined.reserve_exact(total.saturating_sub(joined.len()));
        } else {
            // Writing to memory never fails.
            let _ = section_copy::write_shifted(&mut joined, &bytes, shift);
        }
        if let Section::Postings = section {
            let _ = section_copy::write_runs(&mut joined, writer.take_posting_runs());
        }
    }
    joined
}
