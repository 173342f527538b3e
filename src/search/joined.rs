//! A query word typed without its joiners names the joined word: users
//! type "wsis20", "ehealth", "egov" for "WSIS+20", "e-health",
//! "e-government". Such a query word matches a joined word read without
//! its joiners as it would match the word typed with them: the word
//! itself when it is the word ("wsis20": "wsis+20", exact), its start when
//! it starts it ("wsis2", "eheal": a prefix), with the score of that kind.
//!
//! Not for a bare number ("2015" is not "20-15": a number names whole
//! numbers), nor for symbol-like words ("ares70125" is not "a/res/70/125":
//! symbols have their own rule), nor from a part of a joined word on
//! ("health" of "e-health" is a stored word already, "ehealth" of
//! "x-e-health" is not).

use std::ops::Range;

use super::score::is_number;
use super::tokens::{JOINERS, is_symbol_like};

/// Whether `byte` is one of [`JOINERS`] (all ASCII).
fn is_joiner_byte(byte: u8) -> bool {
    matches!(byte, b'/' | b'-' | b'+')
}

/// How many bytes of the joined `word` (folded) `term` (folded) covers,
/// if `term` is `word` read without its joiners, or starts it, and the
/// rule applies: `word` is joined and not symbol-like, `term` has no
/// joiner and is not a bare number. `None` too when `word` starts with
/// `term` as written: that is no joined match, but a plain one.
pub fn unjoined_start(word: &str, term: &str) -> Option<usize> {
    let (word_bytes, term_bytes) = (word.as_bytes(), term.as_bytes());
    let mut at = 0;
    let mut skipped = false;
    for &wanted in term_bytes {
        // A joiner of the term never matches: the word's are skipped.
        while word_bytes.get(at).copied().is_some_and(is_joiner_byte) {
            at += 1;
            skipped = true;
        }
        if word_bytes.get(at) != Some(&wanted) {
            return None;
        }
        at += 1;
    }
    // Checked last: most words differ from the term in their first bytes.
    (skipped && !is_number(term) && !is_symbol_like(word)).then_some(at)
}

/// Whether `term` (folded) may match some joined word by
/// [`unjoined_start`]: two chars or more (one char starts a word as
/// written), no joiner, not a bare number.
pub fn may_match_joined(term: &str) -> bool {
    term.chars().nth(1).is_some() && !term.contains(JOINERS) && !is_number(term)
}

/// The starts a joined word that `term` may match by [`unjoined_start`]
/// begins with: each start of `term` short of it whole, followed by a
/// joiner ("w-", "w+", "w/", "ws-" … "wsis/" for "wsis2"). A word's first
/// joiner lies within the chars `term` covers, after chars that are the
/// term's. None if `term` cannot match so ([`may_match_joined`]).
pub fn joined_starts(term: &str) -> Vec<String> {
    if !may_match_joined(term) {
        return Vec::new();
    }
    let cuts = term.char_indices().map(|(at, _)| at).filter(|&at| at > 0);
    cuts.flat_map(|at| JOINERS.map(|joiner| format!("{}{joiner}", &term[..at])))
        .collect()
}

/// The words of `text` (folded), as `tokens::words` splits them, that
/// hold a joiner and whose first part (the chars before their first
/// joiner) `first_part_wanted` accepts, with their byte ranges. Found from
/// the joiners, and each word whole only if its first part is wanted:
/// explaining reads every text of every hit for them.
pub fn joined_words_where<'a>(
    text: &'a str,
    first_part_wanted: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = (Range<usize>, &'a str)> + 'a {
    memchr::memchr3_iter(b'/', b'-', b'+', text.as_bytes()).filter_map(move |joiner| {
        let start = part_start(text, joiner);
        // Not a word's first joiner: one after another ("a--b"), or after
        // a later part ("x-ab-c"), or one the word starts with ("-ab").
        if start == joiner || after_a_part(text, start) || !first_part_wanted(&text[start..joiner]) {
            return None;
        }
        let end = joiner + word_chars_len(&text[joiner..]);
        let word = text[start..end].trim_end_matches(JOINERS);
        // A joiner that ends the word joins nothing ("ab-").
        (word.len() > joiner - start).then_some((start..start + word.len(), word))
    })
}

/// The byte where the run of letters and digits of `text` ending at byte
/// `at` starts.
fn part_start(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while at > 0 {
        let byte = bytes[at - 1];
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                break;
            }
            at -= 1;
            continue;
        }
        match text[..at].chars().next_back() {
            Some(c) if c.is_alphanumeric() => at -= c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// Whether the letters and digits from byte `start` of `text` follow
/// joiners that follow a letter or digit: a later part of a joined word.
fn after_a_part(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(JOINERS);
    before.len() < start && before.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// How many bytes at the start of `text` are letters, digits or joiners.
fn word_chars_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !(byte.is_ascii_alphanumeric() || is_joiner_byte(byte)) {
                break;
            }
            at += 1;
            continue;
        }
        match text[at..].chars().next() {
            Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens::words;
    use proptest::prelude::*;

    #[test]
    fn a_word_without_its_joiners_names_the_joined_word_or_its_start() {
        assert_eq!(unjoined_start("wsis+20", "wsis20"), Some(7));
        assert_eq!(unjoined_start("e-health", "ehealth"), Some(8));
        assert_eq!(unjoined_start("e-health", "eheal"), Some(6));
        assert_eq!(unjoined_start("wsis+20", "wsis2"), Some(6));
        assert_eq!(unjoined_start("e--health", "ehealth"), Some(9));
        assert_eq!(unjoined_start("côte-d-ivoire", "côted"), Some("côte-d".len()));
        // A start as written is a plain match, not a joined one.
        assert_eq!(unjoined_start("wsis+20", "wsis"), None);
        assert_eq!(unjoined_start("e-health", "health"), None);
        assert_eq!(unjoined_start("wsis+20", "wsis200"), None);
        assert_eq!(unjoined_start("wsis+20", "wsis+20"), None);
    }

    #[test]
    fn numbers_and_symbols_keep_their_rules() {
        // A number names whole numbers, not two joined.
        assert_eq!(unjoined_start("2005-2015", "20052015"), None);
        assert_eq!(unjoined_start("20-15", "2015"), None);
        // A symbol is named by the symbol rule, with its '/'.
        assert_eq!(unjoined_start("a/res/70/125", "ares70125"), None);
        assert_eq!(unjoined_start("e/2015/10", "e2015"), None);
        // Letters with a number are no bare number: as typed joined.
        assert_eq!(unjoined_start("wsis+10", "wsis10"), Some(7));
        assert_eq!(unjoined_start("wsis+105", "wsis10"), Some(7));
    }

    #[test]
    fn joined_starts_lead_to_every_word_a_term_may_match_joined() {
        assert_eq!(joined_starts("eh"), ["e/", "e-", "e+"]);
        assert_eq!(joined_starts("wsis2").len(), 4 * JOINERS.len());
        assert!(joined_starts("e").is_empty());
        assert!(joined_starts("2015").is_empty());
        assert!(joined_starts("e-h").is_empty());
        assert!(joined_starts("côte").contains(&"cô-".to_string()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The joined words found from the joiners are the words holding
        /// one, those whose first part is wanted.
        #[test]
        fn joined_words_are_the_words_holding_a_joiner(
            text in "([-+/ .a-c1é]|\\PC){0,30}",
            wanted in "[a-c1é]{0,2}",
        ) {
            let found: Vec<_> = joined_words_where(&text, |_| true).collect();
            let joined: Vec<_> = words(&text).filter(|(_, word)| word.contains(JOINERS)).collect();
            prop_assert_eq!(found, joined.clone());
            let first_part = |word: &str| word.split(JOINERS).next().unwrap_or_default().to_string();
            let found: Vec<_> = joined_words_where(&text, |part| part == wanted).collect();
            let joined: Vec<_> = joined.into_iter().filter(|(_, word)| first_part(word) == wanted).collect();
            prop_assert_eq!(found, joined);
        }

        /// A term matching a word joined starts it at one of its starts.
        #[test]
        fn a_joined_match_begins_with_a_joined_start(word in "[a-c1]{1,3}[-+/][-+/a-c1]{0,5}", term in "[a-c1]{1,6}") {
            if unjoined_start(&word, &term).is_some() {
                prop_assert!(joined_starts(&term).iter().any(|start| word.starts_with(start.as_str())));
            }
        }
    }
}
