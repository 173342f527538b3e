//! Room made ahead in the heap of a thread about to allocate much: the
//! threads that parse a large file's pieces (`super::stream_workers`).
//!
//! Why: with glibc, a thread's heap grows a page at a time as it fills,
//! one `mprotect` call per 4 kB. A cold search at 100 000 items made some
//! 19 000 of them, each taking the process's memory lock, which the page
//! faults of the other threads wait on (see docs/BENCHMARKS.md).
//!
//! How: a block just over the largest size glibc maps on its own is
//! allocated and freed. Freeing a mapped block raises glibc's threshold
//! for mapping to the block's size, and its threshold for giving back a
//! heap's free top to twice that. Blocks of the room's size, now under
//! the threshold, then come from the thread's own heap, grown for them in
//! one call each. Freed, they stay the heap's free top (under the
//! threshold for giving back), from which the thread's next allocations
//! are cut with no call at all. The raised thresholds stay for the
//! process, as glibc would raise them itself on freeing any mapped block
//! of that size: freed memory is then more often kept for reuse than
//! given back (the peak of a cold search rose by 5–12 MB at 100 000 items).
//!
//! The room's whole 2 MB pages are advised as transparent huge pages
//! (`crate::arena::advise_huge_pages`): the strings cut from it then take
//! a page fault per 2 MB, not per 4 kB (some 14 000 faults fewer at
//! 100 000 items).
//!
//! Nothing is written to the blocks: the room costs address space, not
//! memory. With another allocator it is a few large allocations and their
//! frees, never written, and advice on memory that is then free: harmless.

use std::hint::black_box;

/// Just under glibc's highest threshold for mapping (32 MB on 64-bit
/// systems): freed, a block of this size raises the threshold to it.
const THRESHOLD_RAISER: usize = 30 << 20;

/// Each block of the room: under the raised threshold, so cut from the heap.
const ROOM_BLOCK: usize = 24 << 20;

/// The most room made: a thread's heap holds 64 MB at most, and the free
/// top is given back past twice `THRESHOLD_RAISER`.
pub(super) const MAX_ROOM: usize = 2 * ROOM_BLOCK;

/// Makes room for about `bytes` of allocations (at most [`MAX_ROOM`]) in
/// the calling thread's heap.
pub(super) fn make_room(bytes: usize) {
    drop(black_box(Vec::<u8>::with_capacity(THRESHOLD_RAISER)));
    let mut left = bytes.min(MAX_ROOM);
    let mut blocks = Vec::new();
    while left > 0 {
        let block = left.min(ROOM_BLOCK);
        blocks.push(black_box(Vec::<u8>::with_capacity(block)));
        left -= block;
    }
    let blocks_at = blocks.iter().map(|block| (block.as_ptr() as usize, block.capacity()));
    for (start, len) in spans(blocks_at) {
        crate::arena::advise_huge_pages(start as *const u8, len);
    }
    // All freed at once, after all were cut: one free top, not blocks
    // each reused for the next.
    drop(black_box(blocks));
}

/// At most this many bytes between two blocks cut one after the other
/// from a heap: glibc's header of the second.
const HEADER_GAP: usize = 64;

/// The blocks (address, length) as spans of memory: blocks cut one after
/// the other are one span, so the huge page across their boundary is
/// advised too.
fn spans(blocks: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (start, len) in blocks {
        match spans.last_mut() {
            Some((first, span)) if start.wrapping_sub(*first + *span) <= HEADER_GAP => {
                *span = start + len - *first;
            }
            _ => spans.push((start, len)),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_capped_and_allocations_after_it_are_sound() {
        // A share as large as a file can claim is capped: uncapped, the
        // allocation would fail and abort the thread.
        make_room(usize::MAX);
        make_room(0);
        let texts: Vec<String> = (0..10_000).map(|n| format!("text {n}")).collect();
        assert_eq!(texts[9_999], "text 9999");
    }

    #[test]
    fn blocks_one_after_the_other_are_one_span_and_others_apart() {
        let blocks = [(1000, 100), (1116, 50), (5000, 10), (4000, 10)];
        assert_eq!(spans(blocks.into_iter()), [(1000, 166), (5000, 10), (4000, 10)]);
    }
}
