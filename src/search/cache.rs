//! The search index of a dataset, kept between runs in
//! `$XDG_CACHE_HOME/wsis-browser/` (else `~/.cache/wsis-browser/`), so
//! `wsis search` needs neither to parse the data nor to build the index
//! again: parsing a large overlay costs far more than searching it.
//!
//! An index is stored under a key naming every input: the program (path,
//! size, modification time, inode and change time of the executable, which
//! embeds the data) and each data file (the same, plus a hash of the content
//! of small files). Any change to any of them gives another key, and so a
//! fresh build. Only data that loaded without a problem is ever stored, so a
//! stored index stands for valid data.
//!
//! The cache directory is not trusted: a stored index is read, never mapped
//! (a mapped file truncated by another process would kill this one with
//! SIGBUS): a small one whole, a large one on demand with positioned reads
//! (`lazy`), which fail safely if the file shrinks. It is read only from a
//! regular file (a FIFO there would block), and checked before use; indexes
//! are written through [`crate::atomic_write`].

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufWriter, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{SearchIndex, build};
use crate::atomic_write::{is_temp_name, write_atomically, write_atomically_with};
use crate::data::Dataset;
use crate::regular_file::open_regular;

/// How many stored indexes to keep, newest first (one per set of inputs).
const KEEP: usize = 4;

/// A file changed this recently may change again within the same
/// modification time, unseen; its index is not stored.
const SETTLE: Duration = Duration::from_secs(2);

/// Data files up to this size are hashed whole into the key, so even a
/// rewrite that keeps size, times and inode is seen.
const HASHED_FILE_BYTES: u64 = 1 << 20;

/// The largest index stored. Its columns end at u32 offsets, so no column
/// (and, to keep it simple, no index) may pass 4 GiB. Size alone is no
/// reason to refuse a stored index any more: a large one is read on demand,
/// and opening it reads only its header, whose size the key bounds; what a
/// search reads is bounded by the file (issue 14: the 1 GiB that used to
/// be refused made a million items rebuild their index on every start).
const MAX_INDEX_BYTES: u64 = u32::MAX as u64;

/// A stored index up to this size is read whole; a larger one on demand,
/// the parts a search needs (reading 125 MB costs more than most searches).
const READ_WHOLE_BYTES: u64 = 4 << 20;

/// Temporary files older than this were left by a killed run (a live
/// writer finishes within seconds); pruning removes them.
const LEFTOVER_AGE: Duration = Duration::from_secs(600);

/// Stored indexes are named `search-<hash>.idx`.
const STORED_PREFIX: &str = "search-";

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
        Key::at(files, SystemTime::now())
    }

    /// [`Key::new`] as seen at the time `now` (tests pass their own clock).
    fn at(files: &[PathBuf], now: SystemTime) -> Option<Key> {
        let exe = std::env::current_exe().ok()?;
        let mut text = format!("wsis-browser {}\n", env!("CARGO_PKG_VERSION"));
        let mut newest = SystemTime::UNIX_EPOCH;
        text.push_str(&describe(&exe, false)?.0);
        for path in files {
            let (line, modified) = describe(path, true)?;
            newest = newest.max(modified);
            text.push_str(&line);
        }
        let storable = now.duration_since(newest).is_ok_and(|age| age >= SETTLE);
        Some(Key { text, storable })
    }

    /// The file this key's index is stored in, within `dir`.
    fn file_in(&self, dir: &Path) -> PathBuf {
        self.file_named(dir, STORED_PREFIX, "idx")
    }

    /// `<dir>/<prefix><hash of the key>.<extension>`: where something else
    /// kept for these inputs (the parsed dataset) is stored.
    pub(crate) fn file_named(&self, dir: &Path, prefix: &str, extension: &str) -> PathBuf {
        let mut hasher = DefaultHasher::new();
        self.text.hash(&mut hasher);
        dir.join(format!("{prefix}{:016x}.{extension}", hasher.finish()))
    }

    /// Whether every input has settled, so what is built from them may be stored.
    pub(crate) fn is_storable(&self) -> bool {
        self.storable
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// One input's line of the key, and its modification time.
fn describe(path: &Path, hash_small: bool) -> Option<(String, SystemTime)> {
    let meta = fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    let since_epoch = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    let content = if hash_small && meta.is_file() && meta.len() <= HASHED_FILE_BYTES {
        let mut hasher = DefaultHasher::new();
        fs::read(path).ok()?.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    } else {
        "-".into()
    };
    // The path as given too: items record it as their origin (`from_file`),
    // so `x.ron` and `a/x.ron` naming one file must not share a snapshot.
    let line = format!(
        "{}\t{}\t{}\t{}\t{}\t{}.{}\t{content}\n",
        std::path::absolute(path).ok()?.display(),
        path.display(),
        meta.len(),
        since_epoch.as_nanos(),
        meta.ino(),
        meta.ctime(),
        meta.ctime_nsec(),
    );
    Some((line, modified))
}

/// The index stored under `key` in `dir`, if there is a sound one.
pub fn load(dir: &Path, key: &Key) -> Option<SearchIndex> {
    load_reading_whole(dir, key, READ_WHOLE_BYTES)
}

/// [`load`], reading a file whole only up to `whole_bytes`.
fn load_reading_whole(dir: &Path, key: &Key, whole_bytes: u64) -> Option<SearchIndex> {
    let file = open_regular(&key.file_in(dir)).ok()?;
    let len = file.metadata().ok()?.len();
    if len > whole_bytes {
        return SearchIndex::from_file(file, key.as_str());
    }
    // Sized once: growing by doubling would hold up to twice the file.
    let mut bytes = Vec::with_capacity(usize::try_from(len).ok()? + 1);
    file.take(whole_bytes + 1).read_to_end(&mut bytes).ok()?;
    SearchIndex::from_bytes(bytes, key.as_str())
}

/// Stores `index` under `key` in `dir`, atomically, and forgets the oldest
/// stored indexes beyond [`KEEP`]. Does nothing for an unsettled key.
pub fn store(dir: &Path, key: &Key, index: &SearchIndex) -> std::io::Result<()> {
    store_up_to(dir, key, index, MAX_INDEX_BYTES)
}

/// [`store`], for an index of at most `max_bytes`.
fn store_up_to(dir: &Path, key: &Key, index: &SearchIndex, max_bytes: u64) -> std::io::Result<()> {
    // An index read from the cache is stored already.
    let Some(bytes) = index.as_bytes() else {
        return Ok(());
    };
    // Past the u32 offsets of its columns an index would be misread.
    if !key.storable || bytes.len() as u64 > max_bytes {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    write_atomically(&key.file_in(dir), bytes)?;
    prune(dir, SystemTime::now());
    Ok(())
}

/// Builds the index of `data` and stores it under `key` in `dir`, as
/// [`store`] would store `SearchIndex::build(data, key)`, written to the
/// file as it is joined, never whole in memory: for the first search
/// after a change, which only stores it, and the browser's cold start,
/// which then opens the file. Does nothing for an unsettled key.
pub fn build_and_store(dir: &Path, key: &Key, data: &Dataset) -> std::io::Result<()> {
    build_and_store_up_to(dir, key, data, MAX_INDEX_BYTES)
}

/// [`build_and_store`], for an index of at most `max_bytes`.
fn build_and_store_up_to(dir: &Path, key: &Key, data: &Dataset, max_bytes: u64) -> std::io::Result<()> {
    if !key.storable {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    write_atomically_with(&key.file_in(dir), |file| {
        let mut out = BufWriter::new(file);
        build::write(data, key.as_str(), max_bytes, &mut out)?;
        out.flush()
    })?;
    prune(dir, SystemTime::now());
    Ok(())
}

/// Keeps the newest [`KEEP`] indexes and removes the temporary files that
/// killed runs left behind.
fn prune(dir: &Path, now: SystemTime) {
    prune_stored(dir, STORED_PREFIX, now);
}

/// [`prune`] for the files whose names start with `prefix`.
pub(crate) fn prune_stored(dir: &Path, prefix: &str, now: SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut stored: Vec<(SystemTime, PathBuf)> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(modified) = entry.metadata().ok().and_then(|m| m.modified().ok()) else {
            continue;
        };
        if name.starts_with(prefix) {
            stored.push((modified, entry.path()));
        } else if is_temp_name(&name, prefix) && now.duration_since(modified).is_ok_and(|age| age >= LEFTOVER_AGE) {
            let _ = fs::remove_file(entry.path());
        }
    }
    stored.sort_by_key(|&(modified, _)| std::cmp::Reverse(modified));
    for (_, path) in stored.into_iter().skip(KEEP) {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settled(text: &str) -> Key {
        Key {
            text: text.into(),
            storable: true,
        }
    }

    /// The names of the files in `dir`.
    fn names_in(dir: &Path) -> Vec<String> {
        let entries = fs::read_dir(dir).expect("dir");
        entries
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn an_index_built_into_its_file_is_the_index_built_in_memory() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = settled("inputs A");
        build_and_store(dir.path(), &key, &data).expect("stored");
        let stored = fs::read(key.file_in(dir.path())).expect("a file under the key");
        let built = SearchIndex::build(&data, key.as_str());
        assert!(Some(&stored[..]) == built.as_bytes(), "the same bytes");
        assert!(load(dir.path(), &key).is_some_and(|index| index.describes(&data)));
    }

    #[test]
    fn an_index_too_large_to_store_leaves_no_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = settled("inputs A");
        let error = build_and_store_up_to(dir.path(), &key, &data, 1024).expect_err("refused");
        assert_eq!(error.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(names_in(dir.path()).is_empty(), "{:?}", names_in(dir.path()));
        let unsettled = Key {
            text: "inputs B".into(),
            storable: false,
        };
        build_and_store(dir.path(), &unsettled, &data).expect("nothing to do");
        assert!(names_in(dir.path()).is_empty(), "an unsettled key stores nothing");
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
        let files = std::slice::from_ref(&file);
        let modified = fs::metadata(&file).and_then(|m| m.modified()).expect("mtime");
        let before = Key::at(files, modified).expect("key");
        assert!(!before.storable, "a file written just now has not settled");
        assert!(Key::at(files, modified + SETTLE).expect("key").storable);
        fs::write(&file, "[ ]").expect("write");
        let after = Key::new(files).expect("key");
        assert_ne!(before.text, after.text);
        assert!(Key::new(&[dir.path().join("missing.ron")]).is_none());
    }

    /// Writes `text` to `path` and puts back the modification time `mtime`.
    fn rewrite_keeping_mtime(path: &Path, text: &str, mtime: SystemTime) {
        fs::write(path, text).expect("write");
        let file = fs::File::options().write(true).open(path).expect("open");
        file.set_modified(mtime).expect("set mtime");
    }

    #[test]
    fn a_rewrite_with_the_same_size_and_mtime_changes_the_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.ron");
        let mtime = SystemTime::now() - Duration::from_secs(60);
        rewrite_keeping_mtime(&file, "[Item(id: \"aaa\")]", mtime);
        let before = Key::new(std::slice::from_ref(&file)).expect("key");
        rewrite_keeping_mtime(&file, "[Item(id: \"bbb\")]", mtime);
        let after = Key::new(std::slice::from_ref(&file)).expect("key");
        assert_ne!(before, after, "same size and mtime, other content");
    }

    #[test]
    fn a_replaced_large_file_changes_the_key_through_inode_and_ctime() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("big.ron");
        let text = "x".repeat(usize::try_from(HASHED_FILE_BYTES).expect("fits") + 1);
        let mtime = SystemTime::now() - Duration::from_secs(60);
        rewrite_keeping_mtime(&file, &text, mtime);
        let before = Key::new(std::slice::from_ref(&file)).expect("key");
        // A new file renamed into place: new inode, same size and mtime.
        let other = dir.path().join("other.ron");
        rewrite_keeping_mtime(&other, &text.replace('x', "y"), mtime);
        fs::rename(&other, &file).expect("rename");
        let after = Key::new(std::slice::from_ref(&file)).expect("key");
        assert_ne!(before, after);
    }

    #[test]
    fn a_fifo_at_the_cache_path_is_ignored_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = settled("k");
        let made = std::process::Command::new("mkfifo")
            .arg(key.file_in(dir.path()))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        assert!(load(dir.path(), &key).is_none());
    }

    #[test]
    fn an_index_truncated_while_in_use_keeps_working() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = settled("k");
        store(dir.path(), &key, &SearchIndex::build(&data, key.as_str())).expect("stored");
        let loaded = load(dir.path(), &key).expect("loads");
        // Another process truncates the file: a mapped index died of SIGBUS here.
        fs::File::options()
            .write(true)
            .open(key.file_in(dir.path()))
            .and_then(|f| f.set_len(0))
            .expect("truncate");
        assert!(!loaded.search("internet governance", None).is_empty());
        assert!(load(dir.path(), &key).is_none(), "the empty file is not an index");
    }

    #[test]
    fn a_large_index_read_on_demand_falls_back_when_truncated() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = settled("k");
        let built = SearchIndex::build(&data, key.as_str());
        store(dir.path(), &key, &built).expect("stored");
        // Any size counts as large here, so the file is read on demand.
        let lazy = load_reading_whole(dir.path(), &key, 0).expect("loads");
        assert!(lazy.as_bytes().is_none(), "read on demand");
        assert_eq!(lazy.search("igf", None), built.search("igf", None));
        store(dir.path(), &key, &lazy).expect("storing a cached index does nothing");
        fs::File::options()
            .write(true)
            .open(key.file_in(dir.path()))
            .and_then(|f| f.set_len(0))
            .expect("truncate");
        assert!(lazy.search("internet governance", None).is_empty());
        assert!(lazy.is_damaged(), "the caller is told to build afresh");
    }

    #[test]
    fn an_index_larger_than_read_whole_is_stored_and_loads_on_demand() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = settled("k");
        let built = SearchIndex::build(&data, key.as_str());
        let len = built.as_bytes().expect("built in memory").len() as u64;
        store_up_to(dir.path(), &key, &built, len - 1).expect("not stored");
        assert!(load(dir.path(), &key).is_none(), "over the limit: not stored");
        store_up_to(dir.path(), &key, &built, len).expect("stored");
        // The whole file is larger than what may be read whole (as a
        // million items' 1.25 GB once was): it opens all the same, and
        // answers only from what a search reads.
        let lazy = load_reading_whole(dir.path(), &key, len / 64).expect("loads");
        assert!(lazy.as_bytes().is_none(), "read on demand");
        assert_eq!(lazy.search("70/125", None), built.search("70/125", None));
    }

    #[test]
    fn pruning_removes_old_leftover_temporaries_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join(".search-1234.tmp");
        let young = dir.path().join(".search-00ff.idx.a1b2c3.tmp");
        fs::write(&old, "left by a killed run").expect("write");
        fs::write(&young, "being written").expect("write");
        let now = SystemTime::now();
        fs::File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(now - LEFTOVER_AGE - Duration::from_secs(1)))
            .expect("age it");
        prune(dir.path(), now);
        assert!(!old.exists());
        assert!(young.exists());
    }
}
