//! The sections of an index's pieces copied into the index
//! (`store::Writer::finish_joined`): each section into its own part of
//! the index, allotted in advance, the sections of a large index shared
//! between two threads. Copying is most of a join's time (fresh memory
//! written once), and the sections are independent of one another.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::store::count;

/// An index of at least this many bytes of sections is copied on two
/// threads; a smaller one costs less than starting a thread.
pub(super) const TWO_THREADS_FROM_BYTES: usize = 1 << 20;

/// One section to copy: its part of the index, exactly as long as the
/// pieces' bytes for it, and those bytes, piece by piece.
pub(super) struct SectionCopy<'o> {
    pub target: &'o mut [u8],
    pub pieces: Vec<Vec<u8>>,
    /// For a column of entry ends: per piece, how many entries the pieces
    /// before it hold, added to each of its ends. None for other sections.
    pub shifts: Option<Vec<usize>>,
}

/// Copies every section, on two threads when they hold at least
/// `two_threads_from` bytes in all (on the calling thread alone if the
/// system refuses a thread). Each piece's bytes are freed once copied.
pub(super) fn copy_all(mut copies: Vec<SectionCopy<'_>>, two_threads_from: usize) {
    let total: usize = copies.iter().map(|copy| copy.target.len()).sum();
    if total < two_threads_from {
        return copies.into_iter().for_each(copy);
    }
    // The largest first, so that both threads end about together.
    copies.sort_unstable_by_key(|copy| std::cmp::Reverse(copy.target.len()));
    let queue = Queue {
        copies: copies.into_iter().map(|copy| Mutex::new(Some(copy))).collect(),
        next: AtomicUsize::new(0),
    };
    thread::scope(|scope| {
        let other = thread::Builder::new().spawn_scoped(scope, || queue.take_all()).ok();
        queue.take_all();
        if let Some(other) = other {
            // A panic in a copy is a bug: passed on as one thread's would be.
            other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
    });
}

/// The sections left to copy, taken in turn by each thread.
struct Queue<'o> {
    copies: Vec<Mutex<Option<SectionCopy<'o>>>>,
    next: AtomicUsize,
}

impl Queue<'_> {
    fn take_all(&self) {
        while let Some(slot) = self.copies.get(self.next.fetch_add(1, Ordering::Relaxed)) {
            let taken = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(section) = taken {
                copy(section);
            }
        }
    }
}

/// Copies one section's pieces one after another, their ends shifted.
fn copy(SectionCopy { target, pieces, shifts }: SectionCopy<'_>) {
    let mut at = 0;
    for (piece, bytes) in pieces.into_iter().enumerate() {
        let into = &mut target[at..at + bytes.len()];
        match shifts.as_ref().map_or(0, |shifts| shifts[piece]) {
            0 => into.copy_from_slice(&bytes),
            shift => write_shifted_ends(into, &bytes, shift),
        }
        at += bytes.len();
    }
}

/// Bytes converted at a time by [`write_shifted`] and [`write_runs`].
const CHUNK_BYTES: usize = 64 << 10;

/// Writes one piece's bytes of a section to `out`: as they are, or, for a
/// column of entry ends, each end `shift` more (converted a chunk at a
/// time, so no copy of the column is made).
pub(super) fn write_shifted(out: &mut impl std::io::Write, bytes: &[u8], shift: usize) -> std::io::Result<()> {
    if shift == 0 {
        return out.write_all(bytes);
    }
    let mut chunk = vec![0; CHUNK_BYTES.min(bytes.len())];
    for ends in bytes.chunks(CHUNK_BYTES) {
        let into = &mut chunk[..ends.len()];
        write_shifted_ends(into, ends, shift);
        out.write_all(into)?;
    }
    Ok(())
}

/// Writes runs of u64s to `out`, little-endian, a chunk at a time, each
/// run freed once written.
pub(super) fn write_runs(out: &mut impl std::io::Write, runs: Vec<Vec<u64>>) -> std::io::Result<()> {
    let mut chunk = Vec::with_capacity(CHUNK_BYTES);
    for run in runs {
        for value in run {
            chunk.extend_from_slice(&value.to_le_bytes());
            if chunk.len() >= CHUNK_BYTES {
                out.write_all(&chunk)?;
                chunk.clear();
            }
        }
    }
    out.write_all(&chunk)
}

/// Writes `ends` (u32 each) into `into`, each `shift` more.
fn write_shifted_ends(into: &mut [u8], ends: &[u8], shift: usize) {
    for (to, end) in into.chunks_exact_mut(4).zip(ends.chunks_exact(4)) {
        let end = u32::from_le_bytes([end[0], end[1], end[2], end[3]]) as usize;
        to.copy_from_slice(&count(shift + end).to_le_bytes());
    }
}
