//! A large data file's text in batches, for [`super::streamed`]: each
//! batch checked as UTF-8 (a character cut by a batch's end waits for the
//! next), the byte order mark skipped, the size limit kept, and the text
//! fingerprinted as it goes, to read it again unchanged if a problem found
//! later needs its position.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::load::MAX_FILE_BYTES;
use super::reread::Fingerprint;

/// Bytes read past a file's known length, to see that it ends there.
const END_PROBE: usize = 4;

/// A file's text in batches: UTF-8 checked, the byte order mark skipped,
/// the size limit kept, and fingerprinted as it goes.
pub(super) struct Reader {
    file: File,
    /// The bytes read and not yet taken: at the start of a read, those of
    /// a character cut by the end of the last one. Kept from batch to
    /// batch, so its pages are written once, not once per batch.
    buffer: Vec<u8>,
    pub(super) bytes_read: u64,
    started: bool,
    fingerprint: Fingerprint,
    /// The file's length when opened, to size the items.
    pub(super) file_len: u64,
    /// Its modification time when opened, to tell a change while reading.
    modified: Option<std::time::SystemTime>,
}

impl Reader {
    pub(super) fn open(path: &Path) -> Option<Reader> {
        let file = File::open(path).ok()?;
        let metadata = file.metadata().ok()?;
        // Over the limit: refused by the whole read, before any parsing.
        if metadata.len() > MAX_FILE_BYTES {
            return None;
        }
        Some(Reader {
            file_len: metadata.len(),
            modified: metadata.modified().ok(),
            file,
            buffer: Vec::new(),
            bytes_read: 0,
            started: false,
            fingerprint: Fingerprint::default(),
        })
    }

    /// Appends about `want` bytes of text to `pending`; true at the end of
    /// the file.
    pub(super) fn append(&mut self, pending: &mut String, want: usize) -> Option<bool> {
        // No more than the file holds (and a little, to see its end): an
        // item larger than a batch doubles `want`, not the memory.
        let left = usize::try_from(self.file_len.saturating_sub(self.bytes_read)).unwrap_or(usize::MAX);
        let ask = want.min(left.saturating_add(END_PROBE));
        let had = self.buffer.capacity();
        self.buffer.reserve_exact(ask);
        if self.buffer.capacity() != had {
            // Grown: fresh memory, a few MB written at once (see `streamed`).
            crate::arena::advise_huge_spare(&self.buffer);
        }
        // Fills the spare room as it is, without zeroing it first.
        let read = (&mut self.file).take(ask as u64).read_to_end(&mut self.buffer).ok()?;
        let at_end = read < ask;
        self.bytes_read += read as u64;
        if self.bytes_read > MAX_FILE_BYTES {
            return None;
        }
        let bytes = &self.buffer[..];
        let skip = if !self.started && bytes.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        self.started = true;
        let (valid, taken) = match std::str::from_utf8(&bytes[skip..]) {
            Ok(text) => (text, bytes.len()),
            // A character cut by the end of this read: kept for the next.
            Err(e) if e.error_len().is_none() && !at_end => {
                let valid_up_to = skip + e.valid_up_to();
                (std::str::from_utf8(&bytes[skip..valid_up_to]).ok()?, valid_up_to)
            }
            Err(_) => return None,
        };
        self.fingerprint.feed(valid.as_bytes());
        pending.push_str(valid);
        self.buffer.drain(..taken);
        Some(at_end)
    }

    /// Whether the file read is the file opened: as long, every byte of it
    /// read, not modified since.
    pub(super) fn unchanged(&self) -> bool {
        let now = self.file.metadata().ok();
        let same = now.is_some_and(|m| m.len() == self.file_len && m.modified().ok() == self.modified);
        same && self.bytes_read == self.file_len
    }

    pub(super) fn fingerprint(self) -> (usize, u64) {
        self.fingerprint.finish()
    }
}

/// The UTF-8 byte order mark, skipped as [`super::load::SourceFile::read`] does.
const BOM: &[u8] = "\u{feff}".as_bytes();
