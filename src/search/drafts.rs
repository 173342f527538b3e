//! Drafts: an item tagged as a draft ("draft", "zero draft", "draft
//! resolution") ranks below the adopted text unless the query names a
//! draft ([`score::DRAFT_DIVISOR`]). A delegate typing "wsis+20 outcome"
//! wants the outcome the Assembly adopted; one typing "zero draft" or
//! "rev 1" wants the draft.

use super::Hit;
use super::fold::fold;
use super::score;
use super::tokens::words;

/// The tag word that makes an item a draft.
const DRAFT_TAG_WORD: &str = "draft";

/// Query words that name a draft, or their starts of
/// [`NAMING_PREFIX_FROM`] letters or more ("dra" typed on the way to
/// "draft"): "rev" of "Rev.1", "zero" of "zero draft".
const DRAFT_NAMES: [&str; 4] = ["draft", "drafts", "zero", "rev"];

/// A start of a naming word this short ("d", "re") names no draft.
const NAMING_PREFIX_FROM: usize = 3;

/// Whether the query of `words` (folded) names a draft.
pub(super) fn query_names_a_draft<'w>(mut words: impl Iterator<Item = &'w str>) -> bool {
    words
        .any(|word| word.chars().count() >= NAMING_PREFIX_FROM && DRAFT_NAMES.iter().any(|name| name.starts_with(word)))
}

/// Whether `tags` (one tag a line, as written) make their item a draft.
pub(super) fn is_draft(tags: &str) -> bool {
    // An ASCII tag folds to itself lowercased: one without the letters
    // of the word in any case (nearly every tag) is no draft, known
    // without folding it (an index asks this of every item's tags).
    if tags.is_ascii() && !contains_ignoring_ascii_case(tags, DRAFT_TAG_WORD) {
        return false;
    }
    words(&fold(tags)).any(|(_, word)| word == DRAFT_TAG_WORD)
}

/// Whether `text` holds `lower` (ASCII lowercase) in any ASCII case.
fn contains_ignoring_ascii_case(text: &str, lower: &str) -> bool {
    text.as_bytes()
        .windows(lower.len())
        .any(|window| window.eq_ignore_ascii_case(lower.as_bytes()))
}

/// `rank` of an item, lowered if `demoted` (the item is a draft the query
/// does not name).
pub(super) fn ranked_as_draft(rank: i64, demoted: bool) -> i64 {
    if demoted {
        score::divided_within_cost(rank, score::DRAFT_DIVISOR)
    } else {
        rank
    }
}

/// Keeps each of the first `checked` of `hits` (ranked by their lines:
/// the only ones a draft is looked for in) at least as high as the first
/// hit not checked: a demoted draft falls to the end of the checked hits at
/// most, so ranks still fall down the whole list.
pub(super) fn keep_checked_above_the_rest(hits: &mut [Hit], checked: usize) {
    let Some(floor) = hits.get(checked).map(|hit| hit.score) else {
        return;
    };
    for hit in &mut hits[..checked] {
        hit.score = hit.score.max(floor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_with_the_word_draft_makes_a_draft() {
        assert!(is_draft("wsis+20\nzero draft\n2025"));
        assert!(is_draft("Draft resolution"));
        assert!(is_draft("draft"));
        assert!(!is_draft("wsis+20\ndrafting group"));
        assert!(!is_draft(""));
        assert!(is_draft("DRAFT"), "ASCII in any case");
        assert!(is_draft("ＤＲＡＦＴ"), "fullwidth letters fold to the word");
        assert!(!is_draft("dra ft"));
    }

    #[test]
    fn a_query_names_a_draft_by_its_words_or_their_starts() {
        let names = |query: &[&str]| query_names_a_draft(query.iter().copied());
        assert!(names(&["zero", "draft"]));
        assert!(names(&["wsis+20", "rev", "1"]));
        assert!(names(&["dra"]));
        assert!(!names(&["wsis+20", "outcome"]));
        assert!(!names(&["review"]), "a review is no revision");
        assert!(!names(&["re"]), "too short to name one");
    }

    #[test]
    fn a_demoted_hit_stays_above_the_hits_not_checked() {
        let hit = |score| Hit {
            item: 0,
            score,
            field: crate::search::Field::Title,
            matched: Vec::new(),
            fields: 0,
        };
        let mut hits = vec![hit(900), hit(400), hit(700), hit(600)];
        keep_checked_above_the_rest(&mut hits, 3);
        let scores: Vec<i64> = hits.iter().map(|hit| hit.score).collect();
        assert_eq!(scores, [900, 600, 700, 600]);
        keep_checked_above_the_rest(&mut hits, 4);
        assert_eq!(hits[1].score, 600, "all checked: nothing to stay above");
    }

    #[test]
    fn a_demoted_rank_keeps_its_cost() {
        let rank = score::ranked(0, 8_000);
        assert_eq!(ranked_as_draft(rank, false), rank);
        assert_eq!(ranked_as_draft(rank, true), score::ranked(0, 4_000));
    }
}
