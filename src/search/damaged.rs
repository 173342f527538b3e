//! A cached index is a file anyone can damage: whatever its bytes, opening
//! and searching it must not panic, whether it is read whole or on demand
//! (`lazy`), and whatever happens to the file while it is open.

use std::io::Write;
use std::sync::LazyLock;

use proptest::prelude::*;

use super::SearchIndex;
use crate::data::Dataset;

const KEY: &str = "damage test";

static BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let data = Dataset::embedded().expect("embedded data");
    SearchIndex::build(&data, KEY)
        .as_bytes()
        .expect("built in memory")
        .to_vec()
});

const QUERIES: [&str; 5] = ["internet governance", "70/125", "who e-health", "igf", "côte"];

/// Opens `bytes`, read whole and from a file on demand, and if they pass
/// as an index, searches and reads every hit.
fn exercise(bytes: Vec<u8>) {
    let file = stored(&bytes);
    if let Some(index) = SearchIndex::from_file(file.reopen().expect("reopen"), KEY) {
        search_all(&index);
    }
    if let Some(index) = SearchIndex::from_bytes(bytes, KEY) {
        search_all(&index);
    }
}

/// `bytes` in a temporary file.
fn stored(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(bytes).expect("write");
    file
}

/// Searches every query and reads every hit.
fn search_all(index: &SearchIndex) {
    for query in QUERIES {
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
    let read = SearchIndex::from_bytes(BYTES.clone(), KEY).expect("valid index");
    assert_eq!(
        read.search("digital compact", None),
        built.search("digital compact", None)
    );
    assert!(!read.search("digital compact", None).is_empty());
}

#[test]
fn an_index_read_on_demand_searches_as_built() {
    let data = Dataset::embedded().expect("embedded data");
    let built = SearchIndex::build(&data, KEY);
    let file = stored(&BYTES);
    let lazy = SearchIndex::from_file(file.reopen().expect("reopen"), KEY).expect("valid index");
    for query in QUERIES {
        let mut hits = lazy.search(query, None);
        let mut built_hits = built.search(query, None);
        assert_eq!(hits, built_hits, "{query}");
        // Hits past the first ones are explained from texts read together.
        for hit in hits.iter_mut().chain(&mut built_hits) {
            hit.matched.clear();
        }
        lazy.explain_all(&mut hits, query);
        built.explain_all(&mut built_hits, query);
        assert_eq!(hits, built_hits, "{query}");
        assert!(hits.iter().all(|hit| !hit.matched.is_empty()), "{query}");
        let titles = lazy.titles(hits.iter().map(|hit| hit.item));
        for hit in &hits {
            assert_eq!(lazy.title(hit.item), data.item(hit.item).title);
            assert_eq!(titles.get(hit.item), data.item(hit.item).title);
        }
    }
    assert!(!lazy.is_damaged());
}

#[test]
fn a_file_longer_or_shorter_than_its_header_says_is_refused() {
    let mut longer = BYTES.clone();
    longer.push(0);
    assert!(SearchIndex::from_file(stored(&longer).reopen().expect("reopen"), KEY).is_none());
    let shorter = &BYTES[..BYTES.len() - 1];
    assert!(SearchIndex::from_file(stored(shorter).reopen().expect("reopen"), KEY).is_none());
}

#[test]
fn an_index_truncated_after_opening_finds_nothing_and_says_so() {
    let file = stored(&BYTES);
    let lazy = SearchIndex::from_file(file.reopen().expect("reopen"), KEY).expect("valid index");
    // Another process truncates the file: a mapped index died of SIGBUS here.
    file.as_file().set_len(0).expect("truncate");
    for query in QUERIES {
        assert_eq!(lazy.search(query, None), Vec::new(), "{query}");
    }
    assert!(lazy.is_damaged());
    assert_eq!(lazy.title(0), "");
}

#[test]
fn an_index_truncated_between_searches_answers_as_before_or_not_at_all() {
    let data = Dataset::embedded().expect("embedded data");
    let built = SearchIndex::build(&data, KEY);
    let file = stored(&BYTES);
    let lazy = SearchIndex::from_file(file.reopen().expect("reopen"), KEY).expect("valid index");
    assert_eq!(lazy.search("igf", None), built.search("igf", None));
    file.as_file().set_len(0).expect("truncate");
    for query in QUERIES {
        let hits = lazy.search(query, None);
        assert!(hits.is_empty() || hits == built.search(query, None), "{query}");
    }
    // "côte" needs words "igf" did not: at least that search saw the damage.
    assert!(lazy.is_damaged());
}

/// `wsis search` reads postings once, unkept: an entry whose stored end
/// runs past its section is none there too, as the browser's kept read
/// gives, rather than the part of it the section holds.
#[test]
fn an_entry_past_its_section_is_none_read_kept_or_not() {
    use super::lazy::LazyFile;
    use super::store::{Layout, Section};

    let layout = Layout::parse(&BYTES, KEY).expect("valid index");
    let (ends, data) = (Section::PostingEnds, Section::Postings);
    let last = layout.counts.words - 1;
    let postings = layout.range(data).len() / 8;
    let mut bytes = BYTES.clone();
    let at = layout.range(ends).start + last * 4;
    let past = u32::try_from(postings + 3).expect("a u32");
    bytes[at..at + 4].copy_from_slice(&past.to_le_bytes());
    let file = stored(&bytes);
    let (lazy, _) = LazyFile::open(file.reopen().expect("reopen"), KEY).expect("opens");
    assert!(lazy.entry(ends, data, last).is_empty());
    assert!(lazy.entry_unkept(ends, data, last).is_empty(), "not clipped");
    // The entry before it is sound, and read alike both ways.
    let sound = lazy.entry_unkept(ends, data, last - 1);
    assert!(!sound.is_empty());
    assert_eq!(&*sound, lazy.entry(ends, data, last - 1));
}
