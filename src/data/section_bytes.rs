//! A section of a snapshot read whole into memory of its own and kept
//! (the index of items, read in place: [`super::index_columns`]). A
//! section of a huge page or more is read into an anonymous region
//! advised for huge pages ([`crate::arena`]): at a million items
//! the index of items is some 70 MB, 17 000 first-touch faults of 4 kB
//! pages, a few dozen of 2 MB. Never a mapping of the file (issue 17).

use crate::arena::{Arena, HUGE_PAGE, Part};

use super::stored_items::SnapshotSource;

/// The bytes of one section.
pub(super) enum SectionBytes {
    Heap(Vec<u8>),
    Huge { arena: Arena, part: Part },
}

impl SectionBytes {
    /// `len` bytes from `at` of `source`, if they are all there.
    pub(super) fn read(source: &dyn SnapshotSource, at: u64, len: usize) -> Option<SectionBytes> {
        if len >= HUGE_PAGE
            && let Some(arena) = Arena::reserve(len)
            && let Some(part) = arena.fill(len, |out| source.read_into(at, out))
        {
            return Some(SectionBytes::Huge { arena, part });
        }
        // No huge pages here (or the read fell short: it does again).
        Some(SectionBytes::Heap(source.read(at, len)?.into_owned()))
    }
}

impl From<Vec<u8>> for SectionBytes {
    fn from(bytes: Vec<u8>) -> SectionBytes {
        SectionBytes::Heap(bytes)
    }
}

impl std::ops::Deref for SectionBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            SectionBytes::Heap(bytes) => bytes,
            SectionBytes::Huge { arena, part } => arena.bytes(part),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_reads_as_its_bytes_whatever_its_size() {
        let source: Vec<u8> = (0..3 * HUGE_PAGE + 5).map(|n| (n % 251) as u8).collect();
        for (at, len) in [(0, 10), (7, HUGE_PAGE + 3), (1, source.len() - 1)] {
            let section = SectionBytes::read(&source, at as u64, len).expect("all there");
            assert_eq!(&*section, &source[at..at + len]);
        }
        assert!(SectionBytes::read(&source, 1, source.len()).is_none(), "one byte short");
        if cfg!(target_os = "linux") {
            let huge = SectionBytes::read(&source, 0, 2 * HUGE_PAGE);
            assert!(huge.is_some_and(|s| matches!(s, SectionBytes::Huge { .. })));
        }
    }
}
