//! A cached index is a file anyone can damage: whatever its bytes, opening
//! and searching it must not panic.

use std::sync::LazyLock;

use proptest::prelude::*;

use super::SearchIndex;
use super::store::Bytes;
use crate::data::Dataset;

const KEY: &str = "damage test";

static BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let data = Dataset::embedded().expect("embedded data");
    SearchIndex::build(&data, KEY).as_bytes().to_vec()
});

/// Opens `bytes` and, if they pass as an index, searches and reads every hit.
fn exercise(bytes: Vec<u8>) {
    let Some(index) = SearchIndex::from_bytes(Bytes::Owned(bytes), KEY) else {
        return;
    };
    for query in ["internet governance", "70/125", "who e-health", "igf", "côte"] {
        for hit in index.search(query, None) {
            let _ = (index.id(hit.item), index.symbol(hit.item), index.title(hit.item));
            let _ = index.category(hit.item);
        }
    }
}

proptest! {
    #[test]
    fn flipped_bytes_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let mut bytes = BYTES.clone();
        for (at, value) in flips {
            let at = at.index(bytes.len());
            bytes[at] = value;
        }
        exercise(bytes);
    }

    #[test]
    fn damaged_offsets_never_panic(at in any::<prop::sample::Index>(), value in any::<u32>()) {
        // Overwrite a whole aligned word, as a bad offset or count would be.
        let mut bytes = BYTES.clone();
        let at = at.index(bytes.len() / 4) * 4;
        bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
        exercise(bytes);
    }
}

#[test]
fn an_undamaged_index_searches_as_built() {
    let data = Dataset::embedded().expect("embedded data");
    let built = SearchIndex::build(&data, KEY);
    let read = SearchIndex::from_bytes(Bytes::Owned(BYTES.clone()), KEY).expect("valid index");
    assert_eq!(
        read.search("digital compact", None),
        built.search("digital compact", None)
    );
    assert!(!read.search("digital compact", None).is_empty());
}
