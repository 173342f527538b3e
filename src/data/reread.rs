//! Freeing a user file's text once it is parsed. Problems found after
//! parsing (a dangling link, a bad date) point into the text, so a freed
//! text is read again from its file when, and only when, one of its items
//! has such a problem. A file that changed meanwhile is not trusted: its
//! problems are then reported without a position.

use std::cell::OnceCell;
use std::hash::Hasher;
use std::path::PathBuf;

use super::load::SourceFile;

/// Where each freed text can be read again, and how to know it is the same.
pub(super) struct Rereads {
    entries: Vec<Option<Reread>>,
}

struct Reread {
    path: PathBuf,
    len: usize,
    hash: u64,
    /// Read at the first problem; `None` if unreadable or changed.
    text: OnceCell<Option<String>>,
}

impl Rereads {
    /// Nothing freed: every text stays in its file.
    pub(super) fn none(files: usize) -> Rereads {
        Rereads {
            entries: (0..files).map(|_| None).collect(),
        }
    }

    /// Frees the text of every file read from a path (`None` for the
    /// embedded ones, which cost little and stay); `known` gives the
    /// length and fingerprint of the texts never held whole (files parsed
    /// a batch at a time), the others are fingerprinted here.
    pub(super) fn free_known(
        files: &mut [SourceFile],
        paths: Vec<Option<PathBuf>>,
        known: Vec<Option<(usize, u64)>>,
    ) -> Rereads {
        let entries = files
            .iter_mut()
            .zip(paths)
            .zip(known)
            .map(|((file, path), known)| {
                let path = path?;
                let text = std::mem::take(&mut file.text);
                let (len, hash) = known.unwrap_or_else(|| (text.len(), fingerprint(&text)));
                Some(Reread {
                    path,
                    len,
                    hash,
                    text: OnceCell::new(),
                })
            })
            .collect();
        Rereads { entries }
    }

    /// The text of file `at`: its own, or read again; `None` if it can no
    /// longer be had as it was parsed.
    pub(super) fn text<'a>(&'a self, at: usize, file: &'a SourceFile) -> Option<&'a str> {
        match &self.entries[at] {
            None => Some(&file.text),
            Some(reread) => reread.text.get_or_init(|| reread.read_again()).as_deref(),
        }
    }
}

impl Reread {
    fn read_again(&self) -> Option<String> {
        let text = SourceFile::read(&self.path).ok()?.text;
        (text.len() == self.len && fingerprint(&text) == self.hash).then_some(text)
    }
}

/// A fast hash of the text (a few ms for 80 MB), to notice a change.
fn fingerprint(text: &str) -> u64 {
    let mut fingerprint = Fingerprint::default();
    fingerprint.feed(text.as_bytes());
    fingerprint.finish().1
}

/// The text is hashed in blocks of this size, so a text fed in pieces of
/// any size (as a file read in batches is) hashes as when fed whole.
const FINGERPRINT_BLOCK: usize = 1 << 16;

/// [`fingerprint`] of a text fed a piece at a time, and its length.
#[derive(Default)]
pub(super) struct Fingerprint {
    hasher: rustc_hash::FxHasher,
    block: Vec<u8>,
    len: usize,
}

impl Fingerprint {
    pub(super) fn feed(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len();
        while !bytes.is_empty() {
            if self.block.is_empty() && bytes.len() >= FINGERPRINT_BLOCK {
                let (whole, rest) = bytes.split_at(FINGERPRINT_BLOCK);
                self.hasher.write(whole);
                bytes = rest;
                continue;
            }
            let room = FINGERPRINT_BLOCK - self.block.len();
            let (part, rest) = bytes.split_at(room.min(bytes.len()));
            self.block.extend_from_slice(part);
            bytes = rest;
            if self.block.len() == FINGERPRINT_BLOCK {
                self.hasher.write(&self.block);
                self.block.clear();
            }
        }
    }

    /// The text's length and hash.
    pub(super) fn finish(mut self) -> (usize, u64) {
        if !self.block.is_empty() {
            self.hasher.write(&self.block);
        }
        (self.len, self.hasher.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_freed_text_is_read_again_unless_its_file_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "[Item(id: \"a\")]").expect("write");
        let mut files = vec![SourceFile::read(&path).expect("read")];
        let rereads = Rereads::free_known(&mut files, vec![Some(path.clone())], vec![None]);
        assert!(files[0].text.is_empty());
        assert_eq!(rereads.text(0, &files[0]), Some("[Item(id: \"a\")]"));

        let rereads = Rereads::free_known(
            &mut [SourceFile::read(&path).expect("read")],
            vec![Some(path.clone())],
            vec![None],
        );
        std::fs::write(&path, "[Item(id: \"b\")]").expect("write");
        let empty = SourceFile {
            name: "a.ron".into(),
            text: String::new(),
            embedded: false,
        };
        assert_eq!(rereads.text(0, &empty), None, "same length, other text");
    }

    #[test]
    fn a_text_fed_in_pieces_has_the_fingerprint_of_the_whole() {
        let text: String = (0..40_000).map(|n| format!("{n},")).collect();
        assert!(text.len() > 2 * FINGERPRINT_BLOCK);
        for piece in [1, 7, FINGERPRINT_BLOCK - 1, FINGERPRINT_BLOCK, 100_000] {
            let mut fed = Fingerprint::default();
            for chunk in text.as_bytes().chunks(piece) {
                fed.feed(chunk);
            }
            assert_eq!(fed.finish(), (text.len(), fingerprint(&text)), "pieces of {piece}");
        }
        assert_ne!(fingerprint(&text), fingerprint(&text[1..]));
    }

    #[test]
    fn a_text_not_freed_is_its_own() {
        let file = SourceFile {
            name: "e.ron".into(),
            text: "[]".into(),
            embedded: true,
        };
        assert_eq!(Rereads::none(1).text(0, &file), Some("[]"));
    }
}
