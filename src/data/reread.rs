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
    /// embedded ones, which cost little and stay).
    pub(super) fn free(files: &mut [SourceFile], paths: Vec<Option<PathBuf>>) -> Rereads {
        let entries = files
            .iter_mut()
            .zip(paths)
            .map(|(file, path)| {
                let path = path?;
                let text = std::mem::take(&mut file.text);
                Some(Reread {
                    path,
                    len: text.len(),
                    hash: fingerprint(&text),
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
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
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
        let rereads = Rereads::free(&mut files, vec![Some(path.clone())]);
        assert!(files[0].text.is_empty());
        assert_eq!(rereads.text(0, &files[0]), Some("[Item(id: \"a\")]"));

        let rereads = Rereads::free(&mut [SourceFile::read(&path).expect("read")], vec![Some(path.clone())]);
        std::fs::write(&path, "[Item(id: \"b\")]").expect("write");
        let empty = SourceFile {
            name: "a.ron".into(),
            text: String::new(),
            embedded: false,
        };
        assert_eq!(rereads.text(0, &empty), None, "same length, other text");
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
