//! The search index of one query, for a search run once on data that has
//! no index yet (`wsis search --no-cache`, or the first search after a data
//! file changed): the per-item columns and field texts of the full index,
//! but of the distinct words only those some query word may match, each
//! with all its postings and its rarity. Building it skips the map of every
//! distinct word (200 000 at 100 000 items, most of the build's time), and
//! the query's hits are the full index's: a search reads only the words its
//! query words match, in byte order, and their postings; symbols, years and
//! category names are matched from the per-item columns, kept whole.

use super::SearchIndex;
use super::build::build_kept;
use super::mask::CharMask;
use super::query::{Term, is_subsequence, terms};
use super::store::{Bytes, Layout};
use crate::data::Dataset;

/// The words a query may match: a cheap test of each word used, passing
/// every word the query's search would match, and few others.
pub(crate) struct WordFilter {
    terms: Vec<Term>,
}

impl WordFilter {
    pub fn of(query: &str) -> WordFilter {
        WordFilter { terms: terms(query) }
    }

    /// Whether some query word may match `word` (folded). What
    /// `SearchIndex::matching_words` asks of a word before matching it,
    /// or less: never false for a word it matches.
    pub fn keeps(&self, word: &str) -> bool {
        let mut mask = None;
        self.terms.iter().any(|term| {
            if term.matches_only_words_it_starts() {
                return word.starts_with(term.text.as_str());
            }
            let mask = *mask.get_or_insert_with(|| CharMask::of(word));
            match term.may_match(mask) {
                None => false,
                Some(typos_possible) => typos_possible || is_subsequence(word, &term.text),
            }
        })
    }
}

impl SearchIndex {
    /// The index of `data` for searching `query` alone: the same hits,
    /// scores and explanations for `query` as [`SearchIndex::new`]'s, for
    /// a fraction of its build; other queries find less. Never stored.
    pub fn for_query(data: &Dataset, query: &str) -> SearchIndex {
        let filter = WordFilter::of(query);
        let bytes = build_kept(data, "", Some(&filter));
        let layout = Layout::parse(&bytes, "").expect("a freshly built index has a valid layout");
        SearchIndex::with_bytes(Bytes::Owned(bytes), layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_kept_when_a_query_word_may_match_it() {
        let filter = WordFilter::of("igf governanse 2013 70/125 ab");
        // Letters in order, a typo, the number, a symbol's end, a prefix.
        for word in ["igf", "significant", "governance", "2013", "a/res/70/125", "abc"] {
            assert!(filter.keeps(word), "{word}");
        }
        for word in ["internet", "fig", "2014", "cab", "forum"] {
            assert!(!filter.keeps(word), "{word}");
        }
    }

    #[test]
    fn an_empty_query_keeps_no_word() {
        assert!(!WordFilter::of(" ").keeps("igf"));
    }
}
