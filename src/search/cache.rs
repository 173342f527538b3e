//! The search index of a dataset, kept between runs in
//! `$XDG_CACHE_HOME/wsis-browser/` (else `~/.cache/wsis-browser/`), so
//! `wsis search` needs neither to parse the data nor to build the index
//! again: parsing a large overlay costs far more than searching it.
//!
//! An index is stored under a key naming every input: the program (path,
//! size and modification time of the executable, which embeds the data) and
//! each data file (path, size, modification time). Any change to any of them
//! gives another key, and so a fresh build. Only data that loaded without a
//! problem is ever stored, so a stored index stands for valid data.

use std::fs::{self, File};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::SearchIndex;
use super::store::Bytes;

/// How many stored indexes to keep, newest first (one per set of inputs).
const KEEP: usize = 4;

/// A file changed this recently may change again within the same
/// modification time, unseen; its index is not stored.
const SETTLE: Duration = Duration::from_secs(2);

/// `$XDG_CACHE_HOME/wsis-browser`, else `$HOME/.cache/wsis-browser`.
pub fn cache_dir() -> Option<PathBuf> {
    crate::xdg::app_dir_from_env("XDG_CACHE_HOME", ".cache")
}

/// What a stored index is valid for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    text: String,
    /// Whether every input has settled, so the index may be stored.
    storable: bool,
}

impl Key {
    /// The key of the running program with `files` loaded on top of its
    /// embedded data; `None` if any input cannot be examined (loading will
    /// then report the problem).
    pub fn new(files: &[PathBuf]) -> Option<Key> {
        let exe = std::env::current_exe().ok()?;
        let mut text = format!("wsis-browser {}\n", env!("CARGO_PKG_VERSION"));
        let mut newest = SystemTime::UNIX_EPOCH;
        for path in std::iter::once(&exe).chain(files) {
            let meta = fs::metadata(path).ok()?;
            let modified = meta.modified().ok()?;
            if path != &exe {
                newest = newest.max(modified);
            }
            let since_epoch = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
            let path = std::path::absolute(path).ok()?;
            text.push_str(&format!(
                "{}\t{}\t{}\n",
                path.display(),
                meta.len(),
                since_epoch.as_nanos()
            ));
        }
        let storable = SystemTime::now().duration_since(newest).is_ok_and(|age| age >= SETTLE);
        Some(Key { text, storable })
    }

    /// The file this key's index is stored in, within `dir`.
    fn file_in(&self, dir: &Path) -> PathBuf {
        let mut hasher = DefaultHasher::new();
        self.text.hash(&mut hasher);
        dir.join(format!("search-{:016x}.idx", hasher.finish()))
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// The index stored under `key` in `dir`, if there is a sound one.
pub fn load(dir: &Path, key: &Key) -> Option<SearchIndex> {
    let file = File::open(key.file_in(dir)).ok()?;
    // SAFETY: the map is read-only and stays valid while the file is
    // replaced, because indexes are only ever written to a new file that
    // is then renamed over the old one (see `store`), never in place.
    // Every read of the bytes is bounds-checked.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    SearchIndex::from_bytes(Bytes::Mapped(map), key.as_str())
}

/// Stores `index` under `key` in `dir`, atomically, and forgets the oldest
/// stored indexes beyond [`KEEP`]. Does nothing for an unsettled key.
pub fn store(dir: &Path, key: &Key, index: &SearchIndex) -> std::io::Result<()> {
    if !key.storable {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    let target = key.file_in(dir);
    let temporary = dir.join(format!(".search-{}.tmp", std::process::id()));
    let written = fs::write(&temporary, index.as_bytes()).and_then(|()| fs::rename(&temporary, &target));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written?;
    prune(dir);
    Ok(())
}

fn prune(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut stored: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("search-"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    stored.sort_by_key(|&(modified, _)| std::cmp::Reverse(modified));
    for (_, path) in stored.into_iter().skip(KEEP) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn settled(text: &str) -> Key {
        Key {
            text: text.into(),
            storable: true,
        }
    }

    #[test]
    fn a_stored_index_loads_under_its_key_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = settled("inputs A");
        let built = SearchIndex::build(&data, key.as_str());
        store(dir.path(), &key, &built).expect("stored");
        let loaded = load(dir.path(), &key).expect("loads");
        assert_eq!(
            loaded.search("internet governance", None),
            built.search("internet governance", None)
        );
        assert_eq!(loaded.title(3), data.item(3).title);
        assert!(load(dir.path(), &settled("inputs B")).is_none());
        assert!(loaded.describes(&data));
        let one = crate::data::SourceFile {
            name: "one.ron".into(),
            text: "[Item(id: \"one\", category: \"wsis20\", title: \"One\")]".into(),
            embedded: false,
        };
        let other = Dataset::from_files(&[one]).expect("one item");
        assert!(!loaded.describes(&other));
    }

    #[test]
    fn an_unsettled_key_is_not_stored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = Key {
            text: "fresh".into(),
            storable: false,
        };
        store(dir.path(), &key, &SearchIndex::build(&data, key.as_str())).expect("no error");
        assert!(load(dir.path(), &key).is_none());
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = settled("k");
        fs::write(key.file_in(dir.path()), b"WSISIDX\0 not an index").expect("write");
        assert!(load(dir.path(), &key).is_none());
    }

    #[test]
    fn at_most_keep_indexes_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        for n in 0..KEEP + 2 {
            let key = settled(&format!("inputs {n}"));
            store(dir.path(), &key, &SearchIndex::build(&data, key.as_str())).expect("stored");
        }
        let count = fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(count, KEEP);
    }

    #[test]
    fn a_key_changes_with_its_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.ron");
        fs::write(&file, "[]").expect("write");
        let before = Key::new(std::slice::from_ref(&file)).expect("key");
        assert!(!before.storable, "a file written just now has not settled");
        fs::write(&file, "[ ]").expect("write");
        let after = Key::new(std::slice::from_ref(&file)).expect("key");
        assert_ne!(before.text, after.text);
        let old = SystemTime::now() - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(old))
            .expect("set mtime");
        assert!(Key::new(std::slice::from_ref(&file)).expect("key").storable);
        assert!(Key::new(&[dir.path().join("missing.ron")]).is_none());
    }
}
