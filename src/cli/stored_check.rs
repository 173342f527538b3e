//! The browser's check of a dataset it opened in place from the cache,
//! once it is up: the whole snapshot against its sums, and the stored
//! search index against the data. Each has its own remedy: a damaged
//! snapshot means loading the data again from its files; an index that
//! lists other items (the snapshot sound) means building the index
//! again over the same data, which stays open.

use super::BrowserInputs;
use crate::data::Dataset;
use crate::search::{SearchIndex, cache};

/// What checking a dataset opened in place found.
pub enum StoredCheck {
    /// The snapshot is sound and the index matches it.
    Sound,
    /// The snapshot is sound, but the stored index did not match it: this
    /// one was built over the same data (and stored in its place).
    IndexRebuilt(Box<SearchIndex>),
    /// The snapshot is damaged: the data must be loaded from its files.
    Damaged,
}

/// Checks `data`, opened in place from the cache for `inputs`, and
/// `index`, opened with it; `None` for data not opened in place (loaded
/// from the files, and its index matched with it then).
pub fn check_stored(data: &Dataset, index: &SearchIndex, inputs: &BrowserInputs) -> Option<StoredCheck> {
    let bytes = data.snapshot_bytes()?;
    Some(if !super::stored_bytes_are_sound(&bytes, inputs) {
        StoredCheck::Damaged
    } else if !super::index_matches(index, data) {
        rebuilt_unless_damaged(data, inputs)
    } else {
        StoredCheck::Sound
    })
}

/// The index built again over `data`, and stored, unless a record read
/// while building came back damaged (the file cut short since the check):
/// an index of placeholders must be neither used nor kept.
fn rebuilt_unless_damaged(data: &Dataset, inputs: &BrowserInputs) -> StoredCheck {
    let key = inputs.cache.as_ref().map_or("", |(_, key)| key.as_str());
    let rebuilt = SearchIndex::build(data, key);
    if data.met_damage() {
        return StoredCheck::Damaged;
    }
    if let Some((dir, key)) = &inputs.cache {
        // A cache that cannot be written only costs time next run.
        let _ = cache::store(dir, key, &rebuilt);
    }
    StoredCheck::IndexRebuilt(Box::new(rebuilt))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset_cache;
    use crate::search::cache::Key;

    /// The embedded data stored in a cache directory, opened in place, and
    /// the inputs of that cache.
    fn opened_in_place(dir: &std::path::Path) -> (Dataset, BrowserInputs) {
        let key = Key::new(&[]).expect("key of the program alone");
        let data = Dataset::embedded().expect("embedded data");
        dataset_cache::store(dir, &key, &data).expect("stored");
        let opened = dataset_cache::open(dir, &key).expect("opens in place");
        assert!(opened.snapshot_bytes().is_some(), "read in place");
        let inputs = BrowserInputs {
            files: Vec::new(),
            cache: Some((dir.to_path_buf(), key)),
        };
        (opened, inputs)
    }

    #[test]
    fn an_index_of_other_items_is_built_again_over_the_same_data() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (data, inputs) = opened_in_place(dir.path());
        let other = crate::data::Dataset::from_files(&[crate::data::SourceFile {
            name: "other.ron".into(),
            text: "[Item(id: \"other\", category: \"ga\", title: \"Other\")]".into(),
            embedded: false,
        }])
        .expect("loads");
        let wrong = SearchIndex::new(&other);
        let Some(StoredCheck::IndexRebuilt(rebuilt)) = check_stored(&data, &wrong, &inputs) else {
            panic!("the data is sound: only the index is built again");
        };
        assert!(rebuilt.describes(&data));
        assert!(!data.met_damage(), "the data was not found damaged");
        let (dir, key) = inputs.cache.as_ref().expect("a cache");
        let stored = cache::load(dir, key).expect("the index built again is stored");
        assert!(stored.describes(&data));
        assert!(matches!(
            check_stored(&data, &stored, &inputs),
            Some(StoredCheck::Sound)
        ));
    }

    #[test]
    fn an_index_built_over_a_record_damaged_since_the_check_is_neither_used_nor_stored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (sound, inputs) = opened_in_place(dir.path());
        drop(sound);
        let (dir, key) = inputs.cache.as_ref().expect("a cache");
        let stored = std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .find(|p| p.extension().is_some_and(|e| e == "bin"))
            .expect("a stored dataset");
        let mut bytes = std::fs::read(&stored).expect("read");
        // An item's summary is in its record only (the preview, which may
        // hold another copy, comes first): its last copy is the record's.
        let embedded = Dataset::embedded().expect("embedded data");
        let summary = embedded
            .items()
            .find(|item| item.summary.len() > 40)
            .expect("a summary")
            .summary
            .clone();
        let at = bytes
            .windows(summary.len())
            .rposition(|window| window == summary.as_bytes())
            .expect("the summary is stored");
        bytes[at + summary.len() / 2] ^= 0x01;
        std::fs::write(&stored, &bytes).expect("damage a record");
        let data = dataset_cache::open(dir, key).expect("opens in place: records are checked when read");
        assert!(matches!(rebuilt_unless_damaged(&data, &inputs), StoredCheck::Damaged));
        assert!(data.met_damage());
        assert!(cache::load(dir, key).is_none(), "no index of placeholders is stored");
    }

    #[test]
    fn a_damaged_snapshot_is_loaded_again_whatever_its_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (sound, inputs) = opened_in_place(dir.path());
        let index = SearchIndex::new(&sound);
        drop(sound);
        let stored = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .find(|p| p.extension().is_some_and(|e| e == "bin"))
            .expect("a stored dataset");
        let mut bytes = std::fs::read(&stored).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 0x01;
        std::fs::write(&stored, &bytes).expect("damage it");
        let (dir, key) = inputs.cache.as_ref().expect("a cache");
        let data = dataset_cache::open(dir, key).expect("opens in place: records are checked when read");
        assert!(matches!(
            check_stored(&data, &index, &inputs),
            Some(StoredCheck::Damaged)
        ));
        let owned = Dataset::embedded().expect("embedded data");
        assert!(check_stored(&owned, &index, &inputs).is_none(), "nothing to check");
    }
}
