//! When no item holds every word of a query ("igf mandate extension": no
//! item says "extension" beside the others), the hits of the query
//! without the words that keep it empty, marked as such: a reader gets the
//! nearest answer and is told which words it lacks, as search engines do
//! (Meilisearch's "matching strategy"), instead of an empty list to
//! retype. `wsis search` keeps "nothing matches" (scripts read its exit
//! status) and names the shorter query instead.

use std::cmp::Reverse;
use std::sync::Arc;

use super::tokens::query_words;
use super::{Hits, SearchIndex};
use crate::data::ItemIdx;

/// A query with fewer words, and the words left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FewerWords {
    /// The words searched, in the query's order, joined by spaces.
    pub kept: String,
    /// The words left out, in the query's order.
    pub dropped: Vec<String>,
}

impl FewerWords {
    /// "“extension”", "“a”, “b”": the words left out, quoted.
    pub fn dropped_quoted(&self) -> String {
        let quoted: Vec<String> = self.dropped.iter().map(|word| format!("“{word}”")).collect();
        quoted.join(", ")
    }
}

/// Words that carry a question, not its subject ("what did the global
/// digital compact say about wsis"): left out before any other. Never an
/// acronym of the field: "who" (WHO), "it", "us" and "un" are not here.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "at", "be", "by", "did", "do", "does", "for", "from", "how", "in", "is", "of",
    "on", "or", "said", "say", "says", "that", "the", "this", "to", "was", "were", "what", "when", "where", "which",
    "why", "with",
];

/// The first query with hits when the words of `query` are left out one
/// by one: function words first, all at once ([`FUNCTION_WORDS`]), then the rarest
/// (`count` gives a word's hits alone; of words as rare, the one typed
/// later goes first): a word no item holds can be in no answer, and a
/// rare word is likelier to be the one that narrowed the query to
/// nothing. At least one word is kept. `search` gives the hits of a
/// query; either gives `None` to stop (a newer query came).
pub(crate) fn search_fewer<T>(
    query: &str,
    mut count: impl FnMut(&str) -> Option<usize>,
    mut search: impl FnMut(&str) -> Option<T>,
    is_empty: impl Fn(&T) -> bool,
) -> Option<(T, FewerWords)> {
    let words = query_words(query);
    if words.len() < 2 {
        return None;
    }
    let mut order = Vec::with_capacity(words.len());
    for (at, word) in words.iter().enumerate() {
        let carries_the_subject = !FUNCTION_WORDS.contains(&word.as_str());
        order.push((carries_the_subject, count(word)?, Reverse(at)));
    }
    order.sort_unstable();
    let mut dropped = vec![false; words.len()];
    let droppable = &order[..words.len() - 1];
    for (step, &(_, _, Reverse(at))) in droppable.iter().enumerate() {
        dropped[at] = true;
        // The function words go together: "the", "say" left in would
        // still find texts that have them, and stop there.
        if droppable
            .get(step + 1)
            .is_some_and(|&(carries_the_subject, _, _)| !carries_the_subject)
        {
            continue;
        }
        let pick = |left_out: bool| -> Vec<String> {
            let chosen = words.iter().zip(&dropped).filter(|&(_, &d)| d == left_out);
            chosen.map(|(word, _)| word.clone()).collect()
        };
        let kept = pick(false).join(" ");
        let hits = search(&kept)?;
        if !is_empty(&hits) {
            return Some((
                hits,
                FewerWords {
                    kept,
                    dropped: pick(true),
                },
            ));
        }
    }
    None
}

impl SearchIndex {
    /// [`SearchIndex::search_cancellable`], and when nothing holds every
    /// word, the hits of the query with fewer words ([`search_fewer`]),
    /// which say so ([`Hits::fewer_words`]): for the browser.
    pub fn search_or_fewer(
        &self,
        query: &str,
        scope: Option<&[ItemIdx]>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        let hits = self.search_cancellable(query, scope, cancelled)?;
        if !hits.is_empty() {
            return Some(hits);
        }
        let count = |word: &str| self.search_cancellable(word, scope, cancelled).map(|hits| hits.len());
        let search = |kept: &str| self.search_cancellable(kept, scope, cancelled);
        let fewer = search_fewer(query, count, search, Hits::is_empty);
        if cancelled() {
            return None;
        }
        Some(match fewer {
            Some((hits, fewer)) => hits.with_fewer_words(Arc::new(fewer)),
            None => hits,
        })
    }

    /// For a `query` with no hits (`wsis search`'s hint): the query with
    /// fewer words that has some over all items, and their number. It
    /// never searches `query` itself, whose hits the caller knows.
    pub fn fewer_words_with_hits(&self, query: &str) -> Option<(usize, FewerWords)> {
        let count = |words: &str| Some(self.search_hits(words, None).len());
        let (hits, fewer) = search_fewer(query, count, count, |&hits| hits == 0)?;
        Some((hits, fewer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn counts<'a>(table: &'a [(&'a str, usize)]) -> impl Fn(&str) -> Option<usize> + 'a {
        move |query| Some(table.iter().find(|(q, _)| *q == query).map_or(0, |&(_, n)| n))
    }

    #[test]
    fn the_rarest_word_is_left_out_first_and_one_is_always_kept() {
        let table = [("igf", 30), ("mandate", 12), ("extension", 0), ("igf mandate", 5)];
        let (hits, fewer) = search_fewer("IGF mandate extension", counts(&table), counts(&table), |&n| n == 0)
            .expect("a shorter query has hits");
        assert_eq!(hits, 5);
        assert_eq!(fewer.kept, "igf mandate");
        assert_eq!(fewer.dropped, ["extension"]);
        assert_eq!(fewer.dropped_quoted(), "“extension”");
        // Nothing holds two of the words: the most common alone is left.
        let table = [("igf", 30), ("mandate", 12), ("extension", 0)];
        let (_, fewer) = search_fewer("igf mandate extension", counts(&table), counts(&table), |&n| n == 0)
            .expect("one word has hits");
        assert_eq!((fewer.kept.as_str(), fewer.dropped.len()), ("igf", 2));
        assert_eq!(search_fewer("igf", counts(&table), counts(&table), |&n| n == 0), None);
    }

    #[test]
    fn of_words_as_rare_the_one_typed_later_goes_first() {
        let table = [("alpha", 0), ("beta", 0), ("gamma", 9)];
        let (_, fewer) = search_fewer("alpha beta gamma", counts(&table), counts(&table), |&n| n == 0).expect("hits");
        assert_eq!(fewer.dropped, ["alpha", "beta"], "both rare words go before gamma");
        let table = [("alpha", 1), ("beta", 1), ("alpha gamma", 2), ("gamma", 9)];
        let (_, fewer) = search_fewer("alpha beta gamma", counts(&table), counts(&table), |&n| n == 0).expect("hits");
        assert_eq!(fewer.kept, "alpha gamma", "beta, typed after alpha, goes first");
    }

    #[test]
    fn function_words_are_left_out_before_the_rarest() {
        let table = [
            ("what", 0),
            ("about", 0),
            ("say", 40),
            ("compact", 3),
            ("wsis", 90),
            ("compact wsis", 2),
        ];
        let (hits, fewer) = search_fewer("what compact say about wsis", counts(&table), counts(&table), |&n| {
            n == 0
        })
        .expect("hits");
        assert_eq!((hits, fewer.kept.as_str()), (2, "compact wsis"));
        assert_eq!(fewer.dropped, ["what", "say", "about"]);
        // All at once: "say", found alone, is not left in.
        let table = [
            ("what", 0),
            ("say", 40),
            ("compact", 3),
            ("wsis", 90),
            ("compact say wsis", 1),
            ("compact wsis", 2),
        ];
        let (_, fewer) =
            search_fewer("what compact say wsis", counts(&table), counts(&table), |&n| n == 0).expect("hits");
        assert_eq!(fewer.kept, "compact wsis");
        // "who" is WHO here, never a function word.
        let table = [("who", 5), ("zzqx", 0)];
        let (_, fewer) = search_fewer("who zzqx", counts(&table), counts(&table), |&n| n == 0).expect("hits");
        assert_eq!(fewer.kept, "who");
    }

    #[test]
    fn a_stopped_search_gives_nothing() {
        let stopped = |_: &str| None::<usize>;
        assert_eq!(
            search_fewer("igf mandate extension", stopped, stopped, |&n| n == 0),
            None
        );
    }

    #[test]
    fn the_browser_gets_the_nearest_hits_and_is_told_what_they_lack() {
        let data = Dataset::embedded().expect("embedded data");
        let index = SearchIndex::new(&data);
        assert!(index.search("igf mandate zzqx", None).is_empty());
        let hits = index
            .search_or_fewer("igf mandate zzqx", None, &|| false)
            .expect("not cancelled");
        let fewer = hits.fewer_words().expect("said to have fewer words");
        assert_eq!(fewer.dropped, ["zzqx"]);
        assert_eq!(hits.into_vec(), index.search("igf mandate", None));
        // A query with hits is left alone.
        let whole = index
            .search_or_fewer("igf mandate", None, &|| false)
            .expect("not cancelled");
        assert!(whole.fewer_words().is_none());
        assert!(
            index.search_or_fewer("igf mandate zzqx", None, &|| true).is_none(),
            "cancelled"
        );
    }
}
