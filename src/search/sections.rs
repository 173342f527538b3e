//! An index built for one search and never stored (a cold search's index
//! of its query's words, `restricted`), held as its sections, each in a
//! buffer of its own, rather than as one index's bytes: joining the parts
//! built on each core into one buffer put a second copy of them in memory
//! (23–29 MB of a cold search's peak at 100 000 items). The field texts,
//! by far the largest section and read only entry by entry, are not
//! joined at all but kept in pieces ([`TextPieces`]): those of the parts,
//! or for a query's index those its hits' texts were written in
//! (`hit_texts`).

use super::section_copy;
use super::store::{self, ALL, SECTIONS, Section, Writer, entries_before, entries_of, span};

/// The sections of an index, [`Section::FieldText`] in pieces.
pub(crate) struct SectionBuffers {
    /// Every section but the field texts, whose place is empty.
    sections: [Vec<u8>; SECTIONS],
    field_texts: TextPieces,
}

impl SectionBuffers {
    /// The sections of `pieces`, laid one after another section by
    /// section: the same sections as `Writer::finish_joined`'s bytes.
    /// Each section grows from its first piece's bytes, the others
    /// appended and freed.
    pub fn join(mut pieces: Vec<Writer>) -> SectionBuffers {
        let lengths: Vec<[usize; SECTIONS]> = pieces.iter().map(Writer::lengths).collect();
        let mut field_texts = TextPieces::default();
        for piece in &mut pieces {
            field_texts.push_piece(piece.take_section(Section::FieldText));
        }
        let sections = std::array::from_fn(|section| join_section(&mut pieces, &lengths, ALL[section]));
        SectionBuffers { sections, field_texts }
    }

    /// Replaces the field texts by `texts`, whose entries end where the
    /// `FieldEnds` section's bytes `ends` say.
    pub fn set_field_texts(&mut self, ends: Vec<u8>, texts: TextPieces) {
        self.sections[Section::FieldEnds as usize] = ends;
        self.field_texts = texts;
    }

    /// The bytes of `section`; none for the field texts, which are read
    /// entry by entry ([`Self::entry`]).
    pub fn section(&self, section: Section) -> &[u8] {
        &self.sections[section as usize]
    }

    /// How many bytes `section` holds.
    pub fn len(&self, section: Section) -> usize {
        match section {
            Section::FieldText => self.field_texts.len(),
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
        let pieces = &self.field_texts.pieces;
        let piece = pieces.partition_point(|(at, _)| *at <= span.start);
        let Some((at, bytes)) = piece.checked_sub(1).and_then(|piece| pieces.get(piece)) else {
            return &[];
        };
        bytes.get(span.start - at..span.end.saturating_sub(*at)).unwrap_or(&[])
    }
}

/// Bytes of a piece of [`TextPieces`], unless one entry is longer.
const TEXT_PIECE_BYTES: usize = 1 << 20;

/// Entries of text one after another, in pieces each holding whole
/// entries. Entries pushed one by one go into pieces of a fixed size,
/// never grown: under the raised threshold for mapping
/// (`data::heap_room`), each smaller buffer a grown one leaves behind
/// stays resident (10 MB of texts took 33 MB so).
#[derive(Default)]
pub(crate) struct TextPieces {
    /// None empty, in order, each with the offset of its first byte.
    pieces: Vec<(usize, Vec<u8>)>,
    len: usize,
}

impl TextPieces {
    /// Appends `entry`, whole in one piece.
    pub fn push(&mut self, entry: &[u8]) {
        if entry.is_empty() {
            return;
        }
        let fits = self
            .pieces
            .last()
            .is_some_and(|(_, piece)| piece.capacity() - piece.len() >= entry.len());
        if !fits {
            let piece = Vec::with_capacity(entry.len().max(TEXT_PIECE_BYTES));
            self.pieces.push((self.len, piece));
        }
        if let Some((_, piece)) = self.pieces.last_mut() {
            piece.extend_from_slice(entry);
        }
        self.len += entry.len();
    }

    /// Appends `piece`, whole entries, as a piece of its own.
    fn push_piece(&mut self, piece: Vec<u8>) {
        if !piece.is_empty() {
            let len = piece.len();
            self.pieces.push((self.len, piece));
            self.len += len;
        }
    }

    /// Appends the entries of `other`, its pieces moved, not copied.
    pub fn append(&mut self, other: TextPieces) {
        let shift = self.len;
        self.pieces
            .extend(other.pieces.into_iter().map(|(at, piece)| (at + shift, piece)));
        self.len += other.len;
    }

    /// How many bytes the entries so far hold.
    pub fn len(&self) -> usize {
        self.len
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_longer_than_a_piece_or_spanning_its_end_are_read_whole() {
        let entries: Vec<Vec<u8>> = [10, TEXT_PIECE_BYTES - 4, 7, 0, TEXT_PIECE_BYTES + 3, 1, 2]
            .iter()
            .enumerate()
            .map(|(at, &len)| vec![b'a' + at as u8; len])
            .collect();
        let mut texts = TextPieces::default();
        let mut ends = Vec::new();
        for entry in &entries {
            texts.push(entry);
            ends.extend_from_slice(&store::count(texts.len()).to_le_bytes());
        }
        // Appended after a piece with room left: moved, offsets shifted.
        let mut joined = TextPieces::default();
        joined.push(b"xyz");
        let mut first_ends = 3u32.to_le_bytes().to_vec();
        first_ends.extend(
            ends.chunks(4)
                .flat_map(|end| (u32::from_le_bytes(end.try_into().expect("four bytes")) + 3).to_le_bytes()),
        );
        joined.append(texts);
        let mut sections = SectionBuffers::join(Vec::new());
        sections.set_field_texts(first_ends, joined);
        assert!(sections.entry(Section::FieldEnds, Section::FieldText, 0) == b"xyz");
        for (idx, entry) in entries.iter().enumerate() {
            assert!(
                sections.entry(Section::FieldEnds, Section::FieldText, idx + 1) == entry.as_slice(),
                "{idx}"
            );
        }
        let total = 3 + entries.iter().map(Vec::len).sum::<usize>();
        assert_eq!(sections.len(Section::FieldText), total);
    }
}
