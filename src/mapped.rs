//! A stored dataset mapped into memory, read in place instead of read
//! whole: at a million items the file is about 700 MB, and reading it
//! costs more than the browser's whole start-up budget (issue 14).
//!
//! Mapping a file is unsafe because its bytes may change under the map.
//! The dataset cache is only ever replaced by a rename
//! ([`crate::atomic_write`]), never rewritten in place, so the mapped
//! file itself does not change; every byte read from it is still checked
//! as untrusted ([`crate::data::snapshot`]). A file cut short by another
//! process while mapped would fault the reader (issue 17's concern for
//! the search index, which is read into memory of its own instead).
#![allow(unsafe_code)]

use std::fs::File;

/// `file` mapped read-only, or `None` if it cannot be.
pub fn map(file: &File) -> Option<memmap2::Mmap> {
    // SAFETY: see the module's comment: the cache file is never written
    // after it is renamed into place, and its bytes are checked before use.
    unsafe { memmap2::Mmap::map(file) }.ok()
}
