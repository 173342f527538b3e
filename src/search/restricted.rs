//! The search index of one query, for a search run once on data that has
//! no index yet (`wsis search --no-cache`, or the first search after a data
//! file changed): of the distinct words only those some query word may
//! match, each with all its postings and its rarity; the field texts only
//! of the query's hits, written once the index without texts has found
//! them (`hit_texts`); and the per-item columns of the full index, but
//! for an item no query word may match only its category and years
//! (`index_part`). Building it skips the map of every distinct word (200
//! 000 at 100 000 items, most of the build's time) and the writing of
//! most texts, and the query's hits are the full index's: a search reads
//! only the words its query words match, in byte order, and their
//! postings; symbols, years and category names are matched from the
//! per-item columns, whole for every item any query word may match; and
//! the texts of its hits alone (to rank them by their lines, explain and
//! show them), a hit being matched by every query word; a hit of a query
//! with fewer of its words (`fewer_words`) is matched by some of them.

use super::SearchIndex;
use super::build::build_sections;
use super::category_words;
use super::fold::fold_into;
use super::hit_texts::texts_of;
use super::mask::CharMask;
use super::query::{Term, is_subsequence, terms};
use super::score;
use super::sentinel_runs::Sentinels;
use super::store::{Bytes, Layout};
use super::word_runs;
use crate::data::Dataset;

/// A set of query words, one bit per word in query order (a query has at
/// most `tokens::MAX_QUERY_WORDS`, 16).
pub(crate) type Terms = u32;

/// The words a query may match: a cheap test of each word used, passing
/// every word the query's search would match, and few others; and the
/// query words that may match an item by its per-item columns.
pub(crate) struct WordFilter {
    terms: Vec<Term>,
    /// Per query word, whether it matches only words it starts
    /// (`Term::matches_only_words_it_starts`): asked of every word.
    only_starts: Vec<bool>,
    /// Per query word, per category number: whether the word names the
    /// category (`category_words::named_by`), so may match its items.
    categories: Vec<Vec<bool>>,
    /// Bytes one of which every run holds in which a query word that
    /// matches more than words it starts may match a word; `None` if
    /// they are too many, or some such word's letters name none.
    sentinels: Option<Sentinels>,
}

impl WordFilter {
    pub fn of(query: &str) -> WordFilter {
        let terms = terms(query);
        let categories = terms
            .iter()
            .map(|term| {
                category_words::named_by(&term.text)
                    .iter()
                    .map(Option::is_some)
                    .collect()
            })
            .collect();
        let only_starts: Vec<bool> = terms.iter().map(Term::matches_only_words_it_starts).collect();
        let asked = terms.iter().zip(&only_starts).filter(|&(_, &only_starts)| !only_starts);
        let sentinels = Sentinels::of(asked.map(|(term, _)| (term.mask, term.typos())));
        WordFilter {
            terms,
            only_starts,
            categories,
            sentinels,
        }
    }

    /// Whether some query word may match `word` (folded). What
    /// `SearchIndex::matching_words` asks of a word before matching it,
    /// or less: never false for a word it matches.
    #[cfg(test)]
    pub fn keeps(&self, word: &str) -> bool {
        self.terms_keeping(word) != 0
    }

    /// The query words that may match `word` (folded), each as
    /// [`Self::keeps`] asks.
    pub fn terms_keeping(&self, word: &str) -> Terms {
        let mut mask = None;
        let mut kept = 0;
        for (at, term) in self.terms.iter().enumerate() {
            let may_match = if self.only_starts[at] {
                // As written or without joiners ("eh" of "e-health").
                score::start_match(word, &term.text).is_some()
            } else {
                let mask = *mask.get_or_insert_with(|| CharMask::of(word));
                match term.may_match(mask) {
                    None => false,
                    Some(typos_possible) => typos_possible || is_subsequence(word, &term.text),
                }
            };
            kept |= Terms::from(may_match) << at;
        }
        kept
    }

    /// Whether some query word may match a word of `text` (folded: a
    /// field's lines joined by '\n'): never false when
    /// [`Self::terms_keeping`] keeps a word of it. A field no query word
    /// may match is skipped whole: one pass over its bytes instead of
    /// splitting it and asking of each word.
    pub fn may_keep_a_word_of(&self, text: &str) -> bool {
        let terms = || self.terms.iter().zip(self.only_starts.iter().copied());
        if terms().any(|(term, only_starts)| only_starts && term.starts_a_word_in(text)) {
            return true;
        }
        self.a_run_may_keep_a_word(text)
    }

    /// [`Self::may_keep_a_word_of`] the folded text of `line`, a line of
    /// a field as written, folded into `folded` only if need be: an ASCII
    /// line folds to itself lowercased, and its runs are read as folded
    /// ([`word_runs`]), so it is read as it is unless a query word
    /// matching only words it starts (found byte for byte) must be sought
    /// in it. A field's lines joined by '\n' are kept if one of them is:
    /// '\n' ends a run and starts a word, and no query word holds it.
    pub fn may_keep_a_word_of_line(&self, line: &str, folded: &mut String) -> bool {
        if line.is_ascii() && !self.only_starts.contains(&true) {
            return self.a_run_may_keep_a_word(line);
        }
        fold_into(line, folded);
        self.may_keep_a_word_of(folded)
    }

    /// Whether a query word that matches more than words it starts may
    /// match a word in a run of `text` (folded, or ASCII in any case).
    fn a_run_may_keep_a_word(&self, text: &str) -> bool {
        if self.only_starts.iter().all(|&only_starts| only_starts) {
            return false;
        }
        let terms = || self.terms.iter().zip(self.only_starts.iter().copied());
        // With no typos a run may keep a word exactly when the word's
        // letters are in order in it (`may_keep_in_run`): one pass each.
        let asked = || terms().filter(|&(_, only_starts)| !only_starts);
        if !asked().any(|(term, _)| term.allows_typos()) {
            return asked().any(|(term, _)| word_runs::in_order_in_a_run(text, term.text.as_bytes()));
        }
        let found =
            |run: &[u8], mask| terms().any(|(term, only_starts)| !only_starts && may_keep_in_run(term, run, mask));
        // A run holding no sentinel is kept by no query word that is asked.
        match &self.sentinels {
            Some(sentinels) => sentinels.any_run(text, found),
            None => word_runs::any_run(text, found),
        }
    }

    /// Whether [`Self::run_may_keep`] alone decides which runs may hold a
    /// kept word: no query word matches only words it starts (those are
    /// sought by where words start, not by runs).
    pub fn runs_decide(&self) -> bool {
        !self.only_starts.contains(&true)
    }

    /// Whether some query word may match a word in `run` (of characters
    /// `mask`, folded or ASCII in any case), where [`Self::runs_decide`]:
    /// never false for a run holding a word [`Self::terms_keeping`] keeps.
    pub fn run_may_keep(&self, run: &[u8], mask: CharMask) -> bool {
        self.terms.iter().any(|term| may_keep_in_run(term, run, mask))
    }

    /// The query words that may match an item by its per-item columns, as
    /// the search matches them there: its symbol (as the index keeps it:
    /// `symbol_key` of the folded symbol) by the symbol rule, the `years`
    /// it covers by year, its category (number `category`) by name.
    pub fn terms_naming(&self, symbol: &str, years: (u16, u16), category: usize) -> Terms {
        let symbol_mask = CharMask::of(symbol);
        let mut named = 0;
        for (at, term) in self.terms.iter().enumerate() {
            let by_symbol = term.may_name_symbols()
                && symbol_mask.covers(term.symbol_mask)
                && score::symbol_score(symbol, &term.symbol_key).is_some();
            let by_year = term.year.is_some_and(|year| (years.0..=years.1).contains(&year));
            let by_category = self.categories[at].get(category) == Some(&true);
            named |= Terms::from(by_symbol || by_year || by_category) << at;
        }
        named
    }

    /// Whether some query word may name a symbol (`Term::may_name_symbols`):
    /// otherwise [`Self::terms_naming`] needs no item's symbol.
    pub fn may_name_symbols(&self) -> bool {
        self.terms.iter().any(Term::may_name_symbols)
    }
}

/// Whether `term`, which matches more than words it starts, may match a
/// word in `run` (of characters `mask`), as [`WordFilter::terms_keeping`]
/// asks. A run of one word is asked exactly that; of several (joined or
/// split by a non-ASCII char), whether no more of the term's letters are
/// missing than its typos allow, and, if none are allowed, whether its
/// letters are in order (each byte of them, then, in order).
fn may_keep_in_run(term: &Term, run: &[u8], mask: CharMask) -> bool {
    // The commonest answer first, and the cheapest.
    if !term.may_match_within(mask) {
        return false;
    }
    let typos_possible = if word_runs::is_one_word(mask) {
        match term.may_match(mask) {
            Some(typos_possible) => typos_possible,
            None => return false,
        }
    } else {
        term.allows_typos()
    };
    typos_possible || word_runs::has_in_order(run, term.text.as_bytes())
}

impl SearchIndex {
    /// The index of `data` for searching `query` alone: the same hits,
    /// scores and explanations for `query` as [`SearchIndex::new`]'s, for
    /// a fraction of its build; other queries find less, every item's
    /// texts but its hits' are empty, and so are the symbols, ids and
    /// titles of items no query word may match. Never stored.
    pub fn for_query(data: &Dataset, query: &str) -> SearchIndex {
        let filter = WordFilter::of(query);
        let (sections, counts) = build_sections(data, Some(&filter));
        let layout = Layout::of_sections(counts, &sections);
        let mut index = SearchIndex::with_bytes(Bytes::Sections(sections), layout);
        // Texts for the hits alone, found by the index without texts: an
        // item every query word may match is often no hit (18 436 hits of
        // 87 667 such items for "internet governance" at 100 000 items).
        let hits = index.hit_items(query);
        if let Bytes::Sections(sections) = &mut index.bytes {
            let (ends, texts) = texts_of(data, &hits);
            sections.set_field_texts(ends, texts);
            index.layout = Layout::of_sections(counts, sections);
        }
        crate::data::trace::mark("hits' texts written");
        index
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::search::TEXT_FIELDS;

    #[test]
    fn a_word_is_kept_when_a_query_word_may_match_it() {
        let filter = WordFilter::of("igf governanse 2013 70/125 ab");
        // Letters in order, a typo, the number, a symbol's end, a prefix,
        // a prefix read without joiners.
        for word in [
            "igf",
            "significant",
            "governance",
            "2013",
            "a/res/70/125",
            "abc",
            "a-bc",
        ] {
            assert!(filter.keeps(word), "{word}");
        }
        for word in ["internet", "fig", "2014", "cab", "forum", "20-13", "b-a"] {
            assert!(!filter.keeps(word), "{word}");
        }
    }

    /// Asserts that in the index of `data` for `query` alone each hit of
    /// `query` has the texts it has in `full`, and every other item none.
    fn assert_texts_of_hits_alone(data: &Dataset, full: &SearchIndex, query: &str) {
        let index = SearchIndex::for_query(data, query);
        let hits: HashSet<usize> = full.search_unexplained(query).iter().map(|hit| hit.item).collect();
        assert!(!hits.is_empty() && hits.len() < data.len(), "{query:?}");
        for item in 0..data.len() {
            for field in TEXT_FIELDS {
                let expected = if hits.contains(&item) {
                    full.field_text(item, field)
                } else {
                    ""
                };
                assert_eq!(index.field_text(item, field), expected, "{query:?} {item} {field:?}");
            }
        }
    }

    #[test]
    fn the_hits_keep_their_texts_and_no_other_item_has_any() {
        let data = Dataset::embedded().expect("embedded data");
        let full = SearchIndex::new(&data);
        // Matched in words, by a symbol, a year, a category's heading.
        for query in ["internet governance", "70/125", "2013 tunis", "resolution", "igf"] {
            assert_texts_of_hits_alone(&data, &full, query);
        }
    }

    #[test]
    fn a_field_is_kept_when_a_query_word_may_match_a_word_of_it() {
        let filter = WordFilter::of("igf un governanse");
        for text in ["the significant", "a un-led forum", "x\ngovernance", "é/un"] {
            assert!(filter.may_keep_a_word_of(text), "{text}");
        }
        // Written without its joiners, a query word starts a joined word.
        let joined = WordFilter::of("eh wsis20");
        for text in ["the e-health line", "x\nWSIS+20".to_lowercase().as_str()] {
            assert!(joined.may_keep_a_word_of(text), "{text}");
        }
        assert!(
            !joined.may_keep_a_word_of("e-government, xeh"),
            "no word starts with eh"
        );
        // "igf" only across words or out of order, "un" only inside words.
        for text in ["i g f", "fig", "fund", "run-up", "gov forum"] {
            assert!(!filter.may_keep_a_word_of(text), "{text}");
        }
    }

    /// Text of words that fold to others, joined or split in many ways.
    const TEXT: &str = "([-+/ \n.,'a-fA-F0-9éÉôœßﬁ—’İＩ]|\\PC){0,60}";

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        #[test]
        fn a_field_holding_a_kept_word_is_never_skipped(
            text in TEXT,
            query in "([-+/ a-f0-9éôßﬁ]|\\PC){1,14}",
            (from, len) in (0usize..60, 1usize..12),
        ) {
            let folded = crate::search::fold::fold(&text);
            // A query of the text's own letters as often as of others.
            let chars: Vec<char> = text.chars().collect();
            let own: String = chars.iter().skip(from.min(chars.len())).take(len).collect();
            for query in [query, own] {
                let filter = WordFilter::of(&query);
                let kept = crate::search::tokens::tokens(&folded).iter().any(|token| filter.keeps(token.text));
                proptest::prop_assert!(!kept || filter.may_keep_a_word_of(&folded), "{:?} in {:?}", query, folded);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        #[test]
        fn a_field_read_line_by_line_unfolded_is_kept_as_its_folded_text_is(
            text in proptest::prop_oneof![TEXT, "([-+/ \n.,'a-zA-Z0-9]){0,60}"],
            query in "([-+/ a-fA-F0-9éôßﬁ]|\\PC){1,14}",
            (from, len) in (0usize..60, 1usize..12),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let own: String = chars.iter().skip(from.min(chars.len())).take(len).collect();
            let folded = crate::search::fold::fold(&text);
            let mut buffer = String::new();
            for query in [query, own] {
                let filter = WordFilter::of(&query);
                let by_line = text.split('\n').any(|line| filter.may_keep_a_word_of_line(line, &mut buffer));
                proptest::prop_assert_eq!(by_line, filter.may_keep_a_word_of(&folded), "{:?} in {:?}", query, text);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        #[test]
        fn seeking_sentinels_skips_no_run_a_query_word_may_keep(
            text in "[bfgjkmpzBFGJKMPZ0-9 .,/\n-]{0,60}",
            query in "[bfgjkmpz0-9/ -]{1,14}",
        ) {
            // Rare letters and digits: their sentinels are sought.
            let filter = WordFilter::of(&query);
            let every_run = WordFilter { sentinels: None, ..WordFilter::of(&query) };
            proptest::prop_assert_eq!(filter.a_run_may_keep_a_word(&text), every_run.a_run_may_keep_a_word(&text));
        }
    }

    #[test]
    fn an_ascii_line_is_read_in_any_case_as_folded() {
        let mut buffer = String::new();
        let filter = WordFilter::of("igf governanse");
        for line in ["The IGF", "SIGNIFICANT", "Internet GOVERNANCE-Forum"] {
            assert!(filter.may_keep_a_word_of_line(line, &mut buffer), "{line}");
        }
        for line in ["FIG", "I G F", "Forum"] {
            assert!(!filter.may_keep_a_word_of_line(line, &mut buffer), "{line}");
        }
        // A word it starts is sought in the folded line.
        let starts = WordFilter::of("eh");
        assert!(starts.may_keep_a_word_of_line("The E-Health line", &mut buffer));
    }

    #[test]
    fn an_empty_query_keeps_no_word() {
        assert!(!WordFilter::of(" ").keeps("igf"));
    }
}
