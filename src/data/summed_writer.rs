//! A section of a snapshot written as it is made, its checksum taken on
//! the way: the same sum [`checksum`] gives for the whole section, so a
//! snapshot is never held whole in memory to be summed
//! (`snapshot::write_to`).

use std::hash::Hasher;
use std::io::{self, Write};

use super::snapshot::SUM_CHUNK;

/// Passes bytes on to `out` a chunk of [`SUM_CHUNK`] at a time, each
/// chunk summed as [`checksum`] sums it (the chunks are the sum's steps,
/// so they must be exactly these).
///
/// [`checksum`]: super::snapshot::checksum
pub(super) struct SummedWriter<'o, W: Write> {
    out: &'o mut W,
    chunk: Vec<u8>,
    hasher: rustc_hash::FxHasher,
    len: u64,
}

impl<'o, W: Write> SummedWriter<'o, W> {
    pub fn new(out: &'o mut W) -> Self {
        SummedWriter {
            out,
            chunk: Vec::with_capacity(SUM_CHUNK),
            hasher: rustc_hash::FxHasher::default(),
            len: 0,
        }
    }

    /// Writes what is left and gives the section's length and checksum.
    pub fn finish(mut self) -> io::Result<(u64, u64)> {
        self.pass_chunk_on()?;
        self.hasher.write_usize(self.len as usize);
        Ok((self.len, self.hasher.finish()))
    }

    fn pass_chunk_on(&mut self) -> io::Result<()> {
        if !self.chunk.is_empty() {
            self.hasher.write(&self.chunk);
            self.out.write_all(&self.chunk)?;
            self.chunk.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for SummedWriter<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let taken = bytes.len().min(SUM_CHUNK - self.chunk.len());
        self.chunk.extend_from_slice(&bytes[..taken]);
        self.len += taken as u64;
        if self.chunk.len() == SUM_CHUNK {
            self.pass_chunk_on()?;
        }
        Ok(taken)
    }

    /// Passes on only whole chunks: a partial one would change the sum.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::data::snapshot::checksum;

    /// Writes `bytes` in pieces of the given lengths, then the rest.
    fn summed_in_pieces(bytes: &[u8], pieces: &[usize]) -> (Vec<u8>, (u64, u64)) {
        let mut out = Vec::new();
        let mut writer = SummedWriter::new(&mut out);
        let mut rest = bytes;
        for &piece in pieces {
            let (now, later) = rest.split_at(piece.min(rest.len()));
            writer.write_all(now).expect("to memory");
            rest = later;
        }
        writer.write_all(rest).expect("to memory");
        let sum = writer.finish().expect("to memory");
        (out, sum)
    }

    #[test]
    fn a_section_longer_than_a_chunk_has_the_checksum_of_its_bytes() {
        let bytes: Vec<u8> = (0..SUM_CHUNK * 2 + 12_345).map(|n| (n * 7 % 251) as u8).collect();
        let (out, (len, sum)) = summed_in_pieces(&bytes, &[3, SUM_CHUNK - 1, SUM_CHUNK + 5]);
        assert!(out == bytes);
        assert_eq!(len, bytes.len() as u64);
        assert_eq!(sum, checksum(&bytes));
    }

    #[test]
    fn an_empty_section_has_the_checksum_of_no_bytes() {
        let (out, (len, sum)) = summed_in_pieces(&[], &[]);
        assert!(out.is_empty());
        assert_eq!((len, sum), (0, checksum(&[])));
    }

    proptest! {
        #[test]
        fn any_bytes_in_any_pieces_have_their_checksum(
            bytes in proptest::collection::vec(any::<u8>(), 0..3000),
            pieces in proptest::collection::vec(0usize..700, 0..8),
        ) {
            let (out, (len, sum)) = summed_in_pieces(&bytes, &pieces);
            prop_assert!(out == bytes);
            prop_assert_eq!(len, bytes.len() as u64);
            prop_assert_eq!(sum, checksum(&bytes));
        }
    }
}
