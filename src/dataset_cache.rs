//! The parsed dataset, kept between runs beside the search index (same
//! directory, same key: see [`crate::search::cache`]), so `list`, `show`,
//! `path`, `export` and the browser open a large collection without
//! parsing its RON again.
//!
//! Only a load without a single problem is stored, so a snapshot always
//! stands for every input of its key. A stored file is read (never
//! mapped: see [`crate::data::stored_items::SnapshotSource`]) only if it is a regular file, and checked before use
//! ([`crate::data::snapshot`]); anything wrong with it means a fresh
//! parse, which then stores a sound snapshot in its place. A dataset is
//! opened in place from the open file, its items read and decoded on demand
//! ([`open`]); a command checks every section first ([`load`]), the
//! browser once it is up. `list`, `show`, `cite`, `open` and the
//! browser's first frame read only their own sections.

use std::fs;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use crate::atomic_write::write_atomically_with;
use crate::data::list_rows::ListRows;
use crate::data::model::Item;
use crate::data::preview::Preview;
use crate::data::snapshot;
use crate::data::stored_items::{FileSource, SnapshotBytes};
use crate::data::{Dataset, ItemIdx};
use crate::regular_file::open_regular;
use crate::search::cache::{Key, prune_stored};

/// Stored datasets are named `dataset-<hash>.bin`.
const STORED_PREFIX: &str = "dataset-";
const EXTENSION: &str = "bin";

/// A stored dataset larger than this is ignored rather than read: ten
/// times the largest data file accepted.
const MAX_SNAPSHOT_BYTES: u64 = 10 * crate::data::load::MAX_FILE_BYTES;

/// A preview larger than this is ignored: its items are a few hundred, its
/// id hashes 8 bytes an item (about 10 MB at a million items).
const MAX_PREVIEW_BYTES: u64 = 64 * 1024 * 1024;

/// The dataset stored under `key` in `dir`, if there is a sound one, for
/// a command: the file read whole into memory, every section checked
/// against its sum, then opened on those bytes (as [`open`] does on the
/// file), so a command never works on damaged data.
pub fn load(dir: &Path, key: &Key) -> Option<Dataset> {
    // Read whole, then checked: the file cannot change under a command
    // between the check and its reading of the items.
    let mut file = open_regular(&key.file_named(dir, STORED_PREFIX, EXTENSION)).ok()?;
    if file.metadata().ok()?.len() > MAX_SNAPSHOT_BYTES {
        return None;
    }
    let mut whole = Vec::new();
    file.read_to_end(&mut whole).ok()?;
    let bytes: SnapshotBytes = Arc::new(whole);
    snapshot::open_in_place_or_whole(bytes, key.as_str()).filter(|data| data.verify_stored(key.as_str()))
}

/// The dataset stored under `key` in `dir`, opened in place without
/// decoding its items (see [`crate::data::snapshot::open_stored`]): the
/// file is read a part at a time, never whole. Only its header, length and index of items
/// are checked here, and each record when decoded; the browser checks the
/// whole file with [`Dataset::verify_stored`] once it is up, and reloads
/// from the sources if it is wrong. Only a snapshot stored without a table
/// of names is decoded whole (after every section is checked); any other
/// refusal is a damaged cache, stored again from the data files.
pub fn open(dir: &Path, key: &Key) -> Option<Dataset> {
    crate::data::trace::mark("dataset cache opening");
    let file = open_regular(&key.file_named(dir, STORED_PREFIX, EXTENSION)).ok()?;
    if file.metadata().ok()?.len() > MAX_SNAPSHOT_BYTES {
        return None;
    }
    let bytes: SnapshotBytes = Arc::new(FileSource::new(file)?);
    snapshot::open_in_place_or_whole(bytes, key.as_str())
}

/// The header of a stored snapshot for `key`, and the file's size, if it
/// is no larger than a snapshot may be and exactly as long as its header
/// says (a file cut short or grown is refused).
fn read_header(file: &mut fs::File, key: &Key) -> Option<(Vec<u8>, u64)> {
    let size = file.metadata().ok()?.len();
    if size > MAX_SNAPSHOT_BYTES {
        return None;
    }
    let mut head = vec![0; snapshot::header_len(key.as_str())];
    file.read_exact(&mut head).ok()?;
    (snapshot::total_len(&head, key.as_str())? == size).then_some((head, size))
}

/// The preview of the first frame stored under `key` in `dir`, if there is
/// a sound one: only the snapshot's header and preview are read, so this
/// takes about as long at a million items as at a thousand (apart from one
/// hash per item, for counting bookmarks).
pub fn load_preview(dir: &Path, key: &Key) -> Option<Preview> {
    let mut file = open_regular(&key.file_named(dir, STORED_PREFIX, EXTENSION)).ok()?;
    let size = file.metadata().ok()?.len();
    let mut bytes = vec![0; snapshot::preview_end(&[], key.as_str())?];
    file.read_exact(&mut bytes).ok()?;
    // A file cut short or grown is refused here too, not only when decoded whole.
    if snapshot::total_len(&bytes, key.as_str())? != size {
        return None;
    }
    let end = snapshot::preview_end(&bytes, key.as_str())?;
    if end as u64 > size.min(MAX_PREVIEW_BYTES) {
        return None;
    }
    let header = bytes.len();
    bytes.resize(end, 0);
    file.read_exact(&mut bytes[header..]).ok()?;
    snapshot::decode_preview(&bytes, key.as_str())
}

/// Calls `use_rows` with the rows of `list` stored under `key` in `dir`, if
/// there are sound ones: only the snapshot's header and that section are
/// read (about a sixth of the file), and checked before `use_rows` sees
/// them, so a warm `list` never holds the dataset. `None`: nothing sound
/// stored, and `use_rows` was not called.
pub fn with_list_rows<T>(dir: &Path, key: &Key, use_rows: impl FnOnce(&ListRows) -> T) -> Option<T> {
    let (_, head, section) = read_section(dir, key, snapshot::list_rows_range)?;
    let rows = snapshot::decode_list_rows(&head, &section, key.as_str())?;
    Some(use_rows(&rows))
}

/// The items called `names`, each found as the whole load finds it (see
/// [`crate::data::Dataset::resolve`]): the id exactly, else the one item
/// answering to the name in the stored table of names. Returned as a small
/// dataset with the items they link to (and, if `backlinks`, those
/// linking to them; see
/// [`crate::data::item_index::ItemIndex::with_related`]), and each name's
/// id in it. Only the header, the index of items, the table of names (when a name
/// is not an id) and those items' records are read, each checked. `None`:
/// nothing sound stored, or a name names no item or several, which the
/// whole load then reports.
pub fn items_named(dir: &Path, key: &Key, names: &[String], backlinks: bool) -> Option<(Dataset, Vec<String>)> {
    let (mut file, head, section) = read_section(dir, key, snapshot::item_index_range)?;
    let index = snapshot::decode_item_index(&head, &section, key.as_str())?;
    drop(section);
    let mut read = |at, len| read_at(&mut file, at, len);
    let mut found: Vec<Option<(ItemIdx, Item)>> = Vec::with_capacity(names.len());
    for name in names {
        found.push(index.with_id(name.trim(), &mut read)?);
    }
    // The table is read only for names that are not ids, and once.
    if found.iter().any(Option::is_none) {
        let (from, len) = snapshot::names_range(&head, key.as_str())?;
        let table = read(from, usize::try_from(len).ok()?)?;
        let table = snapshot::decode_names(&head, &table, key.as_str())?;
        for (name, slot) in names.iter().zip(&mut found) {
            if slot.is_none() {
                *slot = Some(index.by_name(name, &table, &mut read)?);
            }
        }
    }
    let (wanted, ids): (Vec<ItemIdx>, Vec<String>) = found
        .into_iter()
        .map(|slot| slot.map(|(idx, item)| (idx, item.id.into())))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .unzip();
    let data = index.with_related(&wanted, backlinks, &mut read)?;
    Some((data, ids))
}

/// The stored snapshot under `key` in `dir`, open, with its header and the
/// section `range` finds in that header (not yet checked against its sum).
fn read_section(
    dir: &Path,
    key: &Key,
    range: impl FnOnce(&[u8], &str) -> Option<(u64, u64)>,
) -> Option<(fs::File, Vec<u8>, Vec<u8>)> {
    let mut file = open_regular(&key.file_named(dir, STORED_PREFIX, EXTENSION)).ok()?;
    let (head, _) = read_header(&mut file, key)?;
    let (from, len) = range(&head, key.as_str())?;
    let section = read_at(&mut file, from, usize::try_from(len).ok()?)?;
    Some((file, head, section))
}

/// `len` bytes of `file` from `at`; `None` for a range past its end, checked
/// before allocating, as offsets and lengths come from the file itself.
fn read_at(file: &mut fs::File, at: u64, len: usize) -> Option<Vec<u8>> {
    let end = at.checked_add(u64::try_from(len).ok()?)?;
    if end > file.metadata().ok()?.len() {
        return None;
    }
    file.seek(SeekFrom::Start(at)).ok()?;
    let mut bytes = vec![0; len];
    file.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

/// Stores `data` under `key` in `dir`, atomically, keeping as many
/// snapshots as search indexes. Does nothing for an unsettled key.
pub fn store(dir: &Path, key: &Key, data: &Dataset) -> std::io::Result<()> {
    if !key.is_storable() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    let target = key.file_named(dir, STORED_PREFIX, EXTENSION);
    // Written as it is made, never whole in memory (`snapshot::write_to`).
    write_atomically_with(&target, |file| {
        let mut out = BufWriter::new(file);
        let written = snapshot::write_to(data, key.as_str(), &mut out)?;
        // A snapshot `load` would refuse is not kept.
        if written > MAX_SNAPSHOT_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "snapshot too large to store",
            ));
        }
        out.flush()
    })?;
    prune_stored(dir, STORED_PREFIX, SystemTime::now());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored_files(dir: &Path) -> Vec<std::path::PathBuf> {
        fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .collect()
    }

    /// Issue 17 for the dataset: another process cutting the file short
    /// while the browser reads it in place costs the records not yet read
    /// (each reads as damaged, so the browser reloads), never the process.
    #[test]
    fn a_dataset_cache_cut_short_while_open_reads_as_damaged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = Key::new(&[]).expect("key of the program alone");
        store(dir.path(), &key, &data).expect("stored");
        let opened = open(dir.path(), &key).expect("opens in place");
        assert_eq!(opened.item(0), data.item(0));
        let (tell, damaged) = std::sync::mpsc::channel();
        opened.on_damage(tell);
        let file = stored_files(dir.path()).remove(0);
        let len = fs::metadata(&file).expect("stored").len();
        fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .expect("opens")
            .set_len(len / 2)
            .expect("cut");
        let last = data.len() - 1;
        assert_eq!(opened.item(0), data.item(0), "a record read before stays");
        assert_eq!(&*opened.item(last).title, crate::data::stored_items::DAMAGED_TITLE);
        assert!(opened.met_damage());
        assert_eq!(damaged.try_recv(), Ok(()), "whoever waits is told, once");
        assert!(opened.item(last - 1).id.is_empty() && damaged.try_recv().is_err());
        assert!(!opened.verify_stored(key.as_str()));
    }

    #[test]
    fn a_stored_dataset_loads_under_its_key_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = Dataset::embedded().expect("embedded data");
        let key = Key::new(&[]).expect("key of the program alone");
        assert!(key.is_storable(), "the test binary was built more than a moment ago");
        store(dir.path(), &key, &data).expect("stored");
        let loaded = load(dir.path(), &key).expect("loads");
        assert!(loaded.items().eq(data.items()));
        let preview = load_preview(dir.path(), &key).expect("its preview loads");
        assert_eq!(preview.total(), data.len());
        let listed = with_list_rows(dir.path(), &key, |rows| rows.count(None)).expect("its rows load");
        assert_eq!(listed, data.len());
        let named = |name: &str| items_named(dir.path(), &key, &[name.to_string()], true);
        let (one, ids) = named("tunis-agenda").expect("an item and its related ones load");
        assert!(one.by_id("tunis-agenda").is_some() && one.len() > 1 && one.len() < data.len());
        assert_eq!(ids, ["tunis-agenda"]);
        let (_, ids) = named("A/RES/70/125").expect("a symbol names its item");
        assert_eq!(ids, [data.item(data.find("70/125").expect("in the data")).id.as_str()]);
        assert!(named("no-such-item").is_none());
        let files = stored_files(dir.path());
        assert_eq!(files.len(), 1);
        // Damage: the same file cut short, even after its preview, or
        // grown, is refused, not trusted (its preview too).
        let bytes = fs::read(&files[0]).expect("read");
        for damaged in [
            &bytes[..bytes.len() / 2],
            &bytes[..bytes.len() - 1],
            &[&bytes[..], b"x"].concat(),
        ] {
            fs::write(&files[0], damaged).expect("write");
            assert!(load(dir.path(), &key).is_none());
            assert!(load_preview(dir.path(), &key).is_none());
            assert!(with_list_rows(dir.path(), &key, |_| ()).is_none());
            assert!(named("tunis-agenda").is_none());
            assert!(named("70/125").is_none());
        }
    }

    #[test]
    fn a_fifo_in_its_place_is_ignored_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = Key::new(&[]).expect("key");
        let made = std::process::Command::new("mkfifo")
            .arg(key.file_named(dir.path(), STORED_PREFIX, EXTENSION))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        assert!(load(dir.path(), &key).is_none());
    }
}
