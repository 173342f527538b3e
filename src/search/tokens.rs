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
    c.is_alphanumeric() || is_joiner(c)
}

/// Whether `c` is one of [`JOINERS`] (a match: no loop over them).
fn is_joiner(c: char) -> bool {
    matches!(c, '/' | '-' | '+')
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
        position = with_parts(word, range.start, position, &mut |range, text, position| {
            found(Token { text, range, position })
        });
    }
}

/// Calls `found` with `word` (starting at byte `start`) at `position`,
/// then, if it is a joined word that is not symbol-like, with each of its
/// parts, numbered from `position`; returns the position of the next word.
fn with_parts<'a>(
    word: &'a str,
    start: usize,
    mut position: u32,
    found: &mut impl FnMut(Range<usize>, &'a str, u32),
) -> u32 {
    found(start..start + word.len(), word, position);
    if word.bytes().any(|b| is_joiner(char::from(b))) && !is_symbol_like(word) {
        let mut pieces = parts(word, start).peekable();
        let first = pieces.next();
        // One part alone is the word again: only two or more are stored.
        if pieces.peek().is_some() {
            let mut count = 0;
            for (range, text) in first.into_iter().chain(pieces) {
                found(range, text, position + count);
                count += 1;
            }
            position += count - 1;
        }
    }
    position + 1
}

/// The tokens of a text given line by line, each line folded apart, as
/// [`for_each_token`] finds them in the lines joined by '\n' and folded
/// (a line given may itself hold '\n': the query's index gives a field's
/// folded lines joined so, without first writing the field's text out).
#[derive(Default)]
pub struct LineTokens {
    /// The position of the next word.
    position: u32,
    /// Whether a line break lies between the last word and the next.
    line_break: bool,
    /// Whether a line was given yet.
    started: bool,
}

impl LineTokens {
    /// Calls `found` with each token of `line` (folded), the line after
    /// those given before, and its position.
    pub fn line<'a>(&mut self, line: &'a str, found: &mut impl FnMut(&'a str, u32)) {
        self.line_break |= self.started;
        self.started = true;
        self.within_line(line, found);
    }

    /// Notes a line break: the next word is [`LINE_GAP`] further on.
    pub fn break_line(&mut self) {
        self.line_break = true;
    }

    /// Counts a word that is not recorded: one with no joiner, so one
    /// token, as [`Self::word`] would number it.
    pub fn skip_word(&mut self) {
        if std::mem::take(&mut self.line_break) {
            self.position += LINE_GAP;
        }
        self.position += 1;
    }

    /// Calls `found` with each token of `text` (folded), part of the line
    /// given last, and its position.
    pub fn within_line<'a>(&mut self, text: &'a str, found: &mut impl FnMut(&'a str, u32)) {
        let mut at = 0;
        while let Some(word) = self.next_word(text, &mut at) {
            self.word(&text[word], found);
        }
    }

    /// The next word of `line` from byte `at` on, without the joiners
    /// around it, moving `at` past it; notes the line breaks passed.
    fn next_word(&mut self, line: &str, at: &mut usize) -> Option<Range<usize>> {
        let bytes = line.as_bytes();
        let start = loop {
            let class = BYTE_CLASSES[usize::from(*bytes.get(*at)?)];
            match class {
                Class::Alphanumeric => break *at,
                Class::Joiner | Class::Other => *at += 1,
                Class::LineBreak => {
                    self.line_break = true;
                    *at += 1;
                }
                Class::NonAscii => match non_ascii_at(line, *at) {
                    (true, _) => break *at,
                    (false, len) => *at += len,
                },
            }
        };
        let mut end = start;
        while let Some(&byte) = bytes.get(*at) {
            match BYTE_CLASSES[usize::from(byte)] {
                Class::Alphanumeric => end = *at + 1,
                Class::Joiner => {}
                Class::LineBreak | Class::Other => break,
                Class::NonAscii => match non_ascii_at(line, *at) {
                    (true, len) => {
                        *at += len;
                        end = *at;
                        continue;
                    }
                    (false, _) => break,
                },
            }
            *at += 1;
        }
        Some(start..end)
    }

    /// Calls `found` with `word` (and its parts).
    fn word<'a>(&mut self, word: &'a str, found: &mut impl FnMut(&'a str, u32)) {
        if std::mem::take(&mut self.line_break) {
            self.position += LINE_GAP;
        }
        self.position = with_parts(word, 0, self.position, &mut |_, text, position| found(text, position));
    }
}

/// What a byte is to the splitting of words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Alphanumeric,
    Joiner,
    LineBreak,
    Other,
    /// A byte of a non-ASCII char: the char is decoded to class it.
    NonAscii,
}

/// The [`Class`] of each byte: a table, the splitting's inner loop.
const BYTE_CLASSES: [Class; 256] = {
    let mut classes = [Class::NonAscii; 256];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8 as char;
        classes[byte] = match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Class::Alphanumeric,
            '/' | '-' | '+' => Class::Joiner,
            '\n' => Class::LineBreak,
            _ => Class::Other,
        };
        byte += 1;
    }
    classes
};

/// Whether the non-ASCII char at byte `at` of `text` (a char boundary)
/// is a letter or digit, and its length.
fn non_ascii_at(text: &str, at: usize) -> (bool, usize) {
    let c = text[at..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c.is_alphanumeric(), c.len_utf8())
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
    use proptest::prelude::*;

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

    /// The tokens of `lines` given one by one, each folded.
    fn line_by_line(lines: &[String]) -> Vec<(String, u32)> {
        let folded: Vec<String> = lines.iter().map(|line| fold(line)).collect();
        let mut tokens = LineTokens::default();
        let mut out = Vec::new();
        for line in &folded {
            tokens.line(line, &mut |text, position| out.push((text.to_string(), position)));
        }
        out
    }

    /// The tokens of `lines` joined by '\n' and folded whole.
    fn joined(lines: &[String]) -> Vec<(String, u32)> {
        let text = fold(&lines.join("\n"));
        tokens(&text).iter().map(|t| (t.text.to_string(), t.position)).collect()
    }

    #[test]
    fn lines_given_one_by_one_give_the_tokens_of_their_joined_text() {
        let lines: Vec<String> = [
            "",
            "Who E-Health,\n\nwsis+20 ",
            "-/-",
            "A/RES/70/125 côte-d’ivoire",
            "x",
        ]
        .map(String::from)
        .into();
        let found = line_by_line(&lines);
        assert_eq!(found, joined(&lines));
        let positions: Vec<u32> = found.iter().map(|(_, position)| *position).collect();
        assert_eq!(positions, [8, 9, 9, 10, 19, 19, 20, 29, 30, 30, 31, 32, 41]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_lines_one_by_one_give_the_tokens_of_their_joined_text(
            lines in prop::collection::vec("([-+/ \n.a-zA-Z0-9]|\\PC){0,24}", 0..6)
        ) {
            prop_assert_eq!(line_by_line(&lines), joined(&lines));
            let folded: Vec<String> = lines.iter().map(|line| fold(line)).collect();
            prop_assert_eq!(line_by_line(&[folded.join("\n")]), joined(&lines));
        }
    }

    #[test]
    fn each_ascii_char_is_classed_as_words_are_split() {
        for byte in 0..128u8 {
            let c = char::from(byte);
            let class = BYTE_CLASSES[usize::from(byte)];
            assert_eq!(class == Class::Alphanumeric, c.is_alphanumeric(), "{c:?}");
            assert_eq!(class == Class::Joiner, JOINERS.contains(&c), "{c:?}");
            assert_eq!(class == Class::LineBreak, c == '\n', "{c:?}");
        }
        // Every byte of a non-ASCII char is decoded.
        assert!((128..=255).all(|byte| BYTE_CLASSES[byte] == Class::NonAscii));
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
