//! How the C allocator keeps memory that is freed, for a load that frees
//! and allocates much (glibc on Linux; elsewhere nothing changes).
//!
//! Why: a cold load at 100 000 items reads 79 MB in batches, parses them
//! into items on two threads and builds index parts that are joined and
//! dropped. By default glibc gives a large block its own mapping, unmapped
//! when freed, and hands the free top of a heap back to the kernel past
//! 128 kB: each later allocation then takes fresh pages, and every fresh
//! 4 kB page costs a fault on first write (a few µs here, a fifth of a
//! cold search's time). Keeping what was freed for the next allocation
//! halved the faults of a cold `wsis search` at 100 000 items and made it
//! about 8 % faster, for 6 MB more at its peak (docs/BENCHMARKS.md).
//!
//! The browser, which lives on after its load, gives the freed memory back
//! once the load is done ([`give_back_freed`]).
#![allow(unsafe_code)]

/// Blocks smaller than this come from a heap, not a mapping of their own
/// (the default rises from 128 kB only as large blocks are freed): a
/// batch of text or an index part, freed and allocated again, reuses the
/// heap's pages.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 64 << 20;

/// Free memory at the top of a heap kept for later allocations, up to this.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM_THRESHOLD: libc::c_int = 256 << 20;

/// The default of glibc, to which a process that lives on returns.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const DEFAULT_TRIM_THRESHOLD: libc::c_int = 128 << 10;

/// Keeps freed memory for the allocations that follow. Called first thing
/// in `main`, before any thread is started.
pub fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets allocator parameters; both are documented
    // for any value, and a refused one (result 0) leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

/// Gives the memory freed so far back to the kernel and trims as by
/// default from now on: for a process that lives on after its load.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` as above; `malloc_trim` only releases free memory
    // of the allocator's own heaps and may be called from any thread.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, DEFAULT_TRIM_THRESHOLD);
        libc::malloc_trim(0);
    }
}
