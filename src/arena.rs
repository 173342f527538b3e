//! Memory for what a stored search index reads (`search::lazy`) and for
//! the dataset cache's index of items (`data::section_bytes`): one anonymous region,
//! reserved for the whole index and handed out front to back, in which the
//! kernel is asked for transparent huge pages (`MADV_HUGEPAGE`).
//!
//! Why: every byte read from the index is copied into fresh memory, and a
//! fresh 4 kB page costs a page fault on first touch. A warm `wsis search`
//! at 100 000 items read some 12 MB into separate buffers: 3 000 faults,
//! most of its system time. Packed into one region of 2 MB pages, the same
//! bytes take a fault per 2 MB (see docs/BENCHMARKS.md). Each part starts
//! on a huge page and only its whole huge pages are advised: its last
//! bytes take 4 kB pages, so no huge page is filled for a few bytes.
//! Only reads of a huge page or more are worth a part (`lazy`).
//!
//! The region is anonymous memory, never a mapping of the index file: a
//! file truncated by another process cannot fault it (issue 17). Where huge
//! pages are not offered, the advice is ignored and pages are 4 kB as
//! before; where the region cannot be reserved, or is full, the caller
//! reads into memory of its own.
//!
//! This module holds the only unsafe code of the crate: reserving and
//! releasing the region, handing out disjoint parts of it, and advising
//! huge pages for memory of the heap (`advise_huge_pages`, for
//! `data::heap_room`).
#![allow(unsafe_code)]

use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The size of a transparent huge page on x86-64 and most of arm64: the
/// region starts on such a boundary so that its first bytes use one.
pub(crate) const HUGE_PAGE: usize = 2 * 1024 * 1024;

/// Address space only: memory is committed as it is written.
#[cfg(any(target_os = "linux", target_os = "android"))]
const NO_RESERVE: libc::c_int = libc::MAP_NORESERVE;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const NO_RESERVE: libc::c_int = 0;

/// A region of memory handed out front to back, each part from a huge
/// page boundary, never given back until the arena is dropped.
pub(crate) struct Arena {
    /// Where the mapping starts, and its length, for `munmap`.
    mapping: NonNull<u8>,
    mapped: usize,
    /// The first huge page boundary in the mapping: parts start here.
    base: NonNull<u8>,
    capacity: usize,
    /// Bytes handed out (and reserved for alignment) so far.
    used: AtomicUsize,
    /// Which arena this is, for the parts it hands out.
    id: usize,
}

/// The ids of arenas: never reused, so a part cannot be read through
/// another arena, not even one mapped later at the same address.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

// SAFETY: the arena owns its mapping; parts are handed out once each
// (`used` is advanced atomically) and read only after they were filled
// (see `Part`), so sharing it between threads is sound.
unsafe impl Send for Arena {}
// SAFETY: as for `Send`.
unsafe impl Sync for Arena {}

/// A filled part of an arena: made only by [`Arena::fill`] once its bytes
/// are written, and read through the arena that made it.
#[derive(Debug)]
pub(crate) struct Part {
    /// The id of the arena that made it, so it is never read through another.
    arena: usize,
    start: usize,
    len: usize,
}

impl Arena {
    /// Reserves `capacity` bytes of address space (no memory is used until
    /// written), asking for huge pages; `None` if it cannot be reserved.
    pub fn reserve(capacity: usize) -> Option<Arena> {
        // Transparent huge pages and their advice are Linux's: elsewhere
        // reads use memory of their own, as before the arena.
        if !cfg!(any(target_os = "linux", target_os = "android")) {
            return None;
        }
        let capacity = capacity.checked_next_multiple_of(HUGE_PAGE)?;
        let mapped = capacity.checked_add(HUGE_PAGE)?;
        // SAFETY: an anonymous private mapping at an address of the
        // kernel's choosing touches no existing memory.
        let mapping = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | NO_RESERVE,
                -1,
                0,
            )
        };
        if mapping == libc::MAP_FAILED {
            return None;
        }
        let mapping = NonNull::new(mapping.cast::<u8>())?;
        let skip = (mapping.as_ptr() as usize).next_multiple_of(HUGE_PAGE) - mapping.as_ptr() as usize;
        // SAFETY: `skip` < HUGE_PAGE, so `base` and the `capacity` bytes
        // after it lie within the `mapped` bytes of the mapping.
        let base = unsafe { mapping.add(skip) };
        Some(Arena {
            mapping,
            mapped,
            base,
            capacity,
            used: AtomicUsize::new(0),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// Hands out `len` zeroed bytes for `write` to fill; the filled part,
    /// or `None` if the arena has no room left (the caller then uses
    /// memory of its own) or `write` says the bytes could not be filled.
    pub fn fill(&self, len: usize, write: impl FnOnce(&mut [u8]) -> bool) -> Option<Part> {
        let start = self.take(len)?;
        // SAFETY: `start..start + len` lies within the capacity and was
        // handed out to this call alone by the `fetch_add` above; nothing
        // reads it before a `Part` for it exists, which is made below only
        // after `write` is done. The memory is mapped, so zeroed or written.
        let bytes = unsafe { std::slice::from_raw_parts_mut(self.base.as_ptr().add(start), len) };
        write(bytes).then_some(Part {
            arena: self.id,
            start,
            len,
        })
    }

    /// Where the `len` bytes handed out start: on a huge page boundary,
    /// their whole huge pages advised as such.
    fn take(&self, len: usize) -> Option<usize> {
        let taken = self
            .used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                let end = used.next_multiple_of(HUGE_PAGE).checked_add(len)?;
                (end <= self.capacity).then_some(end)
            })
            .ok()?;
        let start = taken.next_multiple_of(HUGE_PAGE);
        // Within this arena's mapping, handed out to the caller alone.
        advise_huge_pages(self.base.as_ptr().wrapping_add(start), len);
        Some(start)
    }

    /// The bytes of `part`; none for a part of another arena.
    pub fn bytes(&self, part: &Part) -> &[u8] {
        if part.arena != self.id || part.start + part.len > self.capacity {
            return &[];
        }
        // SAFETY: a `Part` of this arena covers bytes handed out once and
        // filled before the part was made; they are never written again.
        unsafe { std::slice::from_raw_parts(self.base.as_ptr().add(part.start), part.len) }
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping made in `reserve`; every
        // slice handed out borrowed the arena, so none outlives it.
        unsafe { libc::munmap(self.mapping.as_ptr().cast(), self.mapped) };
    }
}

/// Asks for transparent huge pages for the whole huge pages of the `len`
/// bytes at `start`, memory the caller holds (a part of an arena, or an
/// allocation not yet written). Only advice: refused, or where huge pages
/// are not offered, the memory takes 4 kB pages as before.
pub(crate) fn advise_huge_pages(start: *const u8, len: usize) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let first = (start as usize).next_multiple_of(HUGE_PAGE);
        let end = (start as usize).saturating_add(len) / HUGE_PAGE * HUGE_PAGE;
        if end > first {
            // SAFETY: advice on whole pages within memory the caller
            // holds; `MADV_HUGEPAGE` changes no contents and no mapping.
            unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE) };
        }
    }
}

/// [`advise_huge_pages`] for the spare room of `vec`, what it holds
/// beyond its length: room just reserved, written next.
pub(crate) fn advise_huge_spare<T>(vec: &Vec<T>) {
    let spare = (vec.capacity() - vec.len()) * std::mem::size_of::<T>();
    advise_huge_pages(vec.as_ptr().wrapping_add(vec.len()).cast(), spare);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_hold_what_was_written_and_stay_apart() {
        let arena = Arena::reserve(2 * HUGE_PAGE).expect("reserved");
        let first = arena.fill(5, |b| {
            b.copy_from_slice(b"hello");
            true
        });
        let second = arena.fill(3, |b| {
            b.copy_from_slice(b"abc");
            true
        });
        assert_eq!(arena.bytes(&first.expect("room")), b"hello");
        assert_eq!(arena.bytes(&second.expect("room")), b"abc");
    }

    #[test]
    fn a_full_arena_or_a_failed_write_gives_no_part() {
        let arena = Arena::reserve(2 * HUGE_PAGE).expect("reserved");
        assert!(arena.fill(8, |_| false).is_none());
        assert!(
            arena.fill(HUGE_PAGE + 1, |_| true).is_none(),
            "the second huge page is too short"
        );
        assert!(arena.fill(HUGE_PAGE, |_| true).is_some(), "what fits still fits");
        assert!(arena.fill(1, |_| true).is_none(), "full");
    }

    #[test]
    fn a_part_reads_through_its_own_arena_only() {
        let one = Arena::reserve(16).expect("reserved");
        let other = Arena::reserve(16).expect("reserved");
        let part = one.fill(4, |b| {
            b.copy_from_slice(b"wsis");
            true
        });
        let part = part.expect("room");
        assert_eq!(other.bytes(&part), b"");
        assert_eq!(one.bytes(&part), b"wsis");
    }

    #[test]
    fn parts_start_on_huge_pages_and_are_zeroed() {
        let arena = Arena::reserve(3 * HUGE_PAGE).expect("reserved");
        let small = arena.fill(10, |_| true).expect("room");
        let big = arena.fill(HUGE_PAGE + 1, |b| {
            let zeroed = b.iter().all(|&byte| byte == 0);
            b[HUGE_PAGE] = 7;
            zeroed
        });
        let big = big.expect("room, zeroed");
        assert_eq!((small.start, big.start), (0, HUGE_PAGE));
        assert_eq!(arena.bytes(&big)[HUGE_PAGE], 7);
        assert_eq!(arena.bytes(&big).len(), HUGE_PAGE + 1);
    }

    #[test]
    fn advised_memory_is_marked_for_huge_pages() {
        if !huge_pages_offered() {
            return;
        }
        let block = Vec::<u8>::with_capacity(3 * HUGE_PAGE);
        advise_huge_pages(block.as_ptr(), block.capacity());
        let first = (block.as_ptr() as usize).next_multiple_of(HUGE_PAGE);
        let flags = vm_flags_at(first).expect("the block is mapped");
        assert!(flags.split_whitespace().any(|flag| flag == "hg"), "flags {flags}");
    }

    #[test]
    fn the_spare_room_of_a_vector_is_advised_beyond_its_length() {
        if !huge_pages_offered() {
            return;
        }
        let mut items: Vec<u64> = Vec::with_capacity(3 * HUGE_PAGE / 8);
        items.extend(0..HUGE_PAGE as u64 / 8);
        advise_huge_spare(&items);
        let room_start = items.as_ptr().wrapping_add(items.len()) as usize;
        let flags = vm_flags_at(room_start.next_multiple_of(HUGE_PAGE)).expect("the room is mapped");
        assert!(flags.split_whitespace().any(|flag| flag == "hg"), "flags {flags}");
        assert_eq!(items[items.len() - 1], HUGE_PAGE as u64 / 8 - 1);
    }

    /// Whether this system offers transparent huge pages; says "skipped" if not.
    fn huge_pages_offered() -> bool {
        match std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled") {
            Ok(modes) if !modes.contains("[never]") => true,
            _ => {
                eprintln!("skipped: this system offers no transparent huge pages");
                false
            }
        }
    }

    /// The `VmFlags` of the mapping of this process that holds `address`.
    fn vm_flags_at(address: usize) -> Option<String> {
        let maps = std::fs::read_to_string("/proc/self/smaps").ok()?;
        let mut inside = false;
        for line in maps.lines() {
            if let Some((range, _)) = line.split_once(' ')
                && let Some((from, to)) = range.split_once('-')
                && let (Ok(from), Ok(to)) = (usize::from_str_radix(from, 16), usize::from_str_radix(to, 16))
            {
                inside = (from..to).contains(&address);
            } else if inside && let Some(flags) = line.strip_prefix("VmFlags:") {
                return Some(flags.to_string());
            }
        }
        None
    }
}
