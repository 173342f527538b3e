//! Words of folded text, as the index stores them and a query names them.
//!
//! A word is a run of letters and digits, with '/', '-' and '+' kept inside
//! it, so "e-health", "wsis+20" and "a/res/70/125" stay whole. The index
//! also stores the parts of a joined word ("e", "health"), so "health" finds
//! "e-health"; symbol-like words ("a/res/70/125") are matched by the symbol
//! rule instead and are not split.

use std::ops::Range;

use super::fold::fold;

/// Characters that join the parts of one word.
pub const JOINERS: [char; 3] = ['/', '-', '+'];

/// Positions skipped at a line break (between two tags, two points or a
/// title and its short title), so words on different lines are never
/// counted as neighbours.
const LINE_GAP: u32 = 8;

/// The longest query that is searched, in chars; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 256;

/// The most distinct words of a query that are searched: each word costs a
/// pass over the index, and memory per search must stay bounded.
pub const MAX_QUERY_WORDS: usize = 16;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || JOINERS.contains(&c)
}

/// The words of `text` (already folded) with their byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    text.split(|c: char| !is_word_char(c)).filter_map(move |raw| {
        let word = raw.trim_matches(JOINERS);
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        (!word.is_empty()).then_some((start..start + word.len(), word))
    })
}

/// The word of `text` (one of [`words`]) that holds the bytes `inner`,
/// which are letters and digits of `text`.
pub fn word_around(text: &str, inner: Range<usize>) -> &str {
    let start = text[..inner.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(inner.start, |(at, _)| at);
    let after: usize = text[inner.end..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    text[start..inner.end + after].trim_matches(JOINERS)
}

/// Whether `word` reads as a document symbol ("a/res/70/125", "2006/46").
pub fn is_symbol_like(word: &str) -> bool {
    word.contains('/') && word.chars().any(|c| c.is_ascii_digit())
}

/// One stored word: its text, byte range in the folded text, and position.
pub struct Token<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    pub position: u32,
}

/// Every word the index stores for `text` (folded): each word, and the
/// parts of a joined word, numbered by position.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_token(text, |token| out.push(token));
    out
}

/// Calls `found` with each of [`tokens`] in order, without collecting
/// them: the index build tokenises every field of every item.
pub fn for_each_token<'a>(text: &'a str, mut found: impl FnMut(Token<'a>)) {
    let mut position = 0u32;
    let mut last_end = 0;
    for (range, word) in words(text) {
        if text[last_end..range.start].contains('\n') {
            position += LINE_GAP;
        }
        last_end = range.end;
        found(Token {
            text: word,
            range: range.clone(),
            position,
        });
        if word.contains(JOINERS) && !is_symbol_like(word) {
            let mut pieces = parts(word, range.start).peekable();
            let first = pieces.next();
            // One part alone is the word again: only two or more are stored.
            if pieces.peek().is_some() {
                let mut count = 0;
                for (range, text) in first.into_iter().chain(pieces) {
                    found(Token {
                        text,
                        range,
                        position: position + count,
                    });
                    count += 1;
                }
                position += count - 1;
            }
        }
        position += 1;
    }
}

/// The non-empty parts of a joined word, with byte ranges offset by `base`.
fn parts(word: &str, base: usize) -> impl Iterator<Item = (Range<usize>, &str)> {
    word.split(JOINERS).filter(|part| !part.is_empty()).map(move |part| {
        let start = base + (part.as_ptr() as usize - word.as_ptr() as usize);
        (start..start + part.len(), part)
    })
}

/// The distinct words of a query, folded, in order, at most
/// [`MAX_QUERY_WORDS`] of them from its first [`MAX_QUERY_CHARS`] chars.
pub fn query_words(query: &str) -> Vec<String> {
    let head: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let folded = fold(&head);
    let mut out: Vec<String> = Vec::new();
    for (_, word) in words(&folded) {
        if out.len() == MAX_QUERY_WORDS {
            break;
        }
        if !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_around_letters_is_the_word_split_out() {
        let text = "see a/res/70/125, e-health+ and /côte/ today";
        for (range, word) in words(text) {
            for (at, c) in word.char_indices().filter(|(_, c)| c.is_alphanumeric()) {
                let inner = range.start + at..range.start + at + c.len_utf8();
                assert_eq!(word_around(text, inner), word, "{c} in {word}");
            }
        }
    }

    #[test]
    fn joined_words_are_stored_whole_and_in_parts() {
        let found: Vec<(&str, u32)> = tokens("who e-health, wsis+20 a/res/70/125")
            .iter()
            .map(|t| (t.text, t.position))
            .collect();
        assert_eq!(
            found,
            [
                ("who", 0),
                ("e-health", 1),
                ("e", 1),
                ("health", 2),
                ("wsis+20", 3),
                ("wsis", 3),
                ("20", 4),
                ("a/res/70/125", 5)
            ]
        );
    }

    #[test]
    fn lines_are_never_neighbours() {
        let positions: Vec<u32> = tokens("internet\ngovernance").iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1 + LINE_GAP]);
    }

    #[test]
    fn query_words_are_folded_distinct_and_bounded() {
        assert_eq!(
            query_words("João  joao, Côte d’Ivoire"),
            ["joao", "cote", "d", "ivoire"]
        );
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(query_words(&many).len(), MAX_QUERY_WORDS);
        assert_eq!(query_words(&"a".repeat(10_000)), ["a".repeat(MAX_QUERY_CHARS)]);
    }
}
