//! Ranking on the embedded dataset.

mod common;

use common::{DATA, idx};
use wsis_browser::search::SearchIndex;

fn top(query: &str, n: usize) -> Vec<&'static str> {
    let index = SearchIndex::new(&DATA);
    index
        .search(query, None)
        .iter()
        .take(n)
        .map(|hit| DATA.item(hit.item).id.as_str())
        .collect()
}

#[test]
fn a_symbol_puts_its_document_first() {
    for (query, id) in [
        ("2006/46", "ecosoc-2006-46"),
        ("E/RES/2006/46", "ecosoc-2006-46"),
        ("e/res/2006/46", "ecosoc-2006-46"),
        ("70/125", "ga-70-125"),
        ("a/res/70/125", "ga-70-125"),
        ("A/RES/80/173", "ga-80-173"),
        ("60/252", "ga-60-252"),
    ] {
        assert_eq!(top(query, 1), [id], "query {query}");
    }
}

#[test]
fn igf_finds_the_internet_governance_forum_in_the_top_three() {
    assert!(top("igf", 3).contains(&"igf"), "{:?}", top("igf", 3));
}

#[test]
fn a_query_matching_nothing_returns_nothing() {
    let index = SearchIndex::new(&DATA);
    assert!(index.search("zzqxjv", None).is_empty());
    assert!(index.search("   ", None).is_empty());
}

#[test]
fn every_word_of_a_query_must_match() {
    let index = SearchIndex::new(&DATA);
    let both = index.search("cstd zzqxjv", None);
    assert!(both.is_empty());
    let hits = index.search("who e-health", None);
    assert_eq!(hits.first().map(|h| h.item), Some(idx("al-c7-e-health")));
}

#[test]
fn digital_compact_puts_the_compact_first() {
    assert_eq!(top("digital compact", 1), ["gdc"]);
}

#[test]
fn highlight_indices_are_char_indices() {
    let index = SearchIndex::new(&DATA);
    let text = "Côte d'Ivoire";
    let indices = index.highlight(text, "ivoire");
    let chars: Vec<char> = text.chars().collect();
    let matched: String = indices.iter().map(|&i| chars[i]).collect();
    assert_eq!(matched, "Ivoire");
    assert_eq!(index.highlight(text, "côte"), vec![0, 1, 2, 3]);
}
