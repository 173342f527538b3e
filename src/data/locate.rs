//! Finding where in a data file an item and its values are written, for
//! problems found after parsing (a dangling link, a bad date). A small RON
//! lexer marks each item of the top-level list and, for an item with a
//! problem, each string value with the field it belongs to. Values are
//! compared as parsed, so a value written with escapes (`"g\u{61}x"`) is
//! still found, and each search covers one item, not the whole file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use memchr::memchr2;

/// One token of RON, as far as locating needs to tell them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Open,
    Close,
    Colon,
    Ident(Range<usize>),
    /// A string literal, quotes included; `escaped` if it has a backslash
    /// escape (its value then needs decoding).
    Str {
        literal: Range<usize>,
        escaped: bool,
    },
    Other,
}

/// Tokens of `text` from byte `from`, each with its start offset. Comments
/// and whitespace are skipped; unknown bytes are `Other`.
pub(super) struct Lexer<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str, from: usize) -> Lexer<'a> {
        Lexer { text, at: from }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_block_comment(&mut self) {
        // RON block comments nest.
        let mut depth = 0usize;
        while self.at < self.bytes().len() {
            let rest = &self.bytes()[self.at..];
            if rest.starts_with(b"/*") {
                depth += 1;
                self.at += 2;
            } else if rest.starts_with(b"*/") {
                depth -= 1;
                self.at += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.at += 1;
            }
        }
    }

    /// A quoted string starting at `self.at` (on the quote).
    fn quoted(&mut self) -> Token {
        let start = self.at;
        let mut escaped = false;
        self.at += 1;
        // Jumps from one quote or backslash to the next (most of a data
        // file is strings: this is most of the lexing of a large file).
        loop {
            let Some(found) = self.bytes().get(self.at..).and_then(|rest| memchr2(b'"', b'\\', rest)) else {
                // Unterminated: the string runs to the end of the text.
                self.at = self.at.max(self.text.len());
                break;
            };
            self.at += found + 1;
            if self.bytes()[self.at - 1] == b'"' {
                break;
            }
            escaped = true;
            self.at += 1;
        }
        let end = self.at.min(self.text.len());
        Token::Str {
            literal: start..end,
            escaped,
        }
    }

    /// A raw string `r#"…"#` starting at `self.at` (on the `r`).
    fn raw(&mut self) -> Token {
        let start = self.at;
        let hashes = self.bytes()[self.at + 1..].iter().take_while(|&&b| b == b'#').count();
        let closing = format!("\"{}", "#".repeat(hashes));
        // Bytes, not `str`: in a damaged file (`r#é`, or `r#` at the end)
        // the body may start inside a character or past the end.
        let body = (self.at + 2 + hashes).min(self.text.len());
        self.at = self.bytes()[body..]
            .windows(closing.len())
            .position(|window| window == closing.as_bytes())
            .map_or(self.text.len(), |i| body + i + closing.len());
        Token::Str {
            literal: start..self.at,
            escaped: false,
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = (usize, Token);

    fn next(&mut self) -> Option<(usize, Token)> {
        loop {
            let b = *self.bytes().get(self.at)?;
            let rest = &self.bytes()[self.at..];
            let start = self.at;
            let token = match b {
                b if b.is_ascii_whitespace() => {
                    self.at += 1;
                    continue;
                }
                b'/' if rest.starts_with(b"//") => {
                    self.at = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
                    continue;
                }
                b'/' if rest.starts_with(b"/*") => {
                    self.skip_block_comment();
                    continue;
                }
                b'"' => self.quoted(),
                b'r' if rest.starts_with(b"r\"") || rest.starts_with(b"r#") => self.raw(),
                b'(' | b'[' | b'{' => {
                    self.at += 1;
                    Token::Open
                }
                b')' | b']' | b'}' => {
                    self.at += 1;
                    Token::Close
                }
                b':' => {
                    self.at += 1;
                    Token::Colon
                }
                b if b.is_ascii_alphabetic() || b == b'_' => {
                    let len = rest
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                        .count();
                    self.at += len;
                    Token::Ident(start..self.at)
                }
                b'\'' => {
                    // A char literal: skip it whole so its quote ends nothing.
                    self.at += 1;
                    while let Some(&c) = self.bytes().get(self.at) {
                        self.at += if c == b'\\' { 2 } else { 1 };
                        if c == b'\'' {
                            break;
                        }
                    }
                    Token::Other
                }
                _ => {
                    self.at += 1;
                    Token::Other
                }
            };
            return Some((start, token));
        }
    }
}

/// The byte range of each item of the file's top-level list, in order.
pub fn item_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<usize> = None;
    for (at, token) in Lexer::new(text, 0) {
        match token {
            Token::Open => {
                if depth == 1 && current.is_none() {
                    current = Some(at);
                }
                depth += 1;
            }
            Token::Close => {
                depth = depth.saturating_sub(1);
                if depth == 1
                    && let Some(start) = current.take()
                {
                    spans.push(start..at + 1);
                }
            }
            Token::Ident(_) if depth == 1 && current.is_none() => current = Some(at),
            _ => {}
        }
    }
    spans
}

/// Where each (field, value) of one item is written, in order.
#[derive(Debug, Default)]
pub struct ItemValues<'a> {
    places: HashMap<(&'a str, Cow<'a, str>), Vec<usize>>,
}

impl<'a> ItemValues<'a> {
    /// Reads the string values of the item spanning `span` in `text`, each
    /// under the last `name:` before it (`links: [Link(to: "x")]` gives
    /// `to`; `symbol: Some("A/1")` gives `symbol`), and the words written
    /// right after a `name:` (`title_is_ours: true`, `rel: Mandates`).
    pub fn new(text: &'a str, span: Range<usize>) -> ItemValues<'a> {
        let mut places: HashMap<_, Vec<usize>> = HashMap::new();
        let mut key = "";
        let mut last_ident: Option<Range<usize>> = None;
        let mut after_colon = false;
        for (at, token) in Lexer::new(&text[..span.end], span.start) {
            let colon = matches!(token, Token::Colon);
            match token {
                Token::Ident(range) => {
                    if after_colon {
                        places
                            .entry((key, Cow::Borrowed(&text[range.clone()])))
                            .or_default()
                            .push(at);
                    }
                    last_ident = Some(range);
                }
                Token::Colon => {
                    if let Some(range) = last_ident.take() {
                        key = &text[range];
                    }
                }
                Token::Str { literal, escaped } => {
                    if let Some(value) = value_of(&text[literal], escaped) {
                        places.entry((key, value)).or_default().push(at);
                    }
                    last_ident = None;
                }
                _ => last_ident = None,
            }
            after_colon = colon;
        }
        ItemValues { places }
    }

    /// Where `value` is first written as the field `key`.
    pub fn find(&self, key: &'a str, value: &str) -> Option<usize> {
        self.find_nth(key, value, 0)
    }

    /// Where `value` is written as the field `key` for the `nth` time
    /// (from 0: an item may link twice to one id), else first.
    pub fn find_nth(&self, key: &'a str, value: &str, nth: usize) -> Option<usize> {
        let places = self.places.get(&(key, Cow::Borrowed(value)))?;
        places.get(nth).or(places.first()).copied()
    }

    /// Where `value` is first written, as any field.
    pub fn find_any(&self, value: &str) -> Option<usize> {
        self.places
            .iter()
            .filter(|((_, v), _)| v == value)
            .filter_map(|(_, places)| places.first().copied())
            .min()
    }
}

/// A string literal's value: the text between the quotes, or decoded by
/// ron itself when it holds escapes.
fn value_of(literal: &str, escaped: bool) -> Option<Cow<'_, str>> {
    if escaped {
        return ron::from_str::<String>(literal).ok().map(Cow::Owned);
    }
    let body = literal.trim_start_matches('r').trim_matches('#');
    Some(Cow::Borrowed(body.strip_prefix('"')?.strip_suffix('"')?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// a comment with ( and "
[
    Item(id: "a", category: "ga", title: "T (1)", symbol: Some("A/1")),
    /* (nested /* comment */ ) */
    (id: "b", title: r#"raw ) "quoted""#, links: [Link(rel: Mandates, to: "g\u{61}x")]),
]
"##;

    #[test]
    fn items_of_the_top_level_list_are_found() {
        let spans = item_spans(TEXT);
        assert_eq!(spans.len(), 2);
        assert!(TEXT[spans[0].clone()].starts_with("Item(id: \"a\""));
        assert!(TEXT[spans[1].clone()].ends_with("\")])"));
    }

    #[test]
    fn values_are_found_under_their_field_even_when_escaped() {
        let spans = item_spans(TEXT);
        let first = ItemValues::new(TEXT, spans[0].clone());
        let symbol = first.find("symbol", "A/1").expect("symbol");
        assert!(TEXT[symbol..].starts_with("\"A/1\""));
        assert_eq!(first.find("title", "A/1"), None);
        let second = ItemValues::new(TEXT, spans[1].clone());
        let to = second.find("to", "gax").expect("escaped value");
        assert!(TEXT[to..].starts_with("\"g\\u{61}x\""));
        assert!(second.find("title", "raw ) \"quoted\"").is_some());
    }

    #[test]
    fn a_word_written_as_a_value_is_found_under_its_field() {
        let spans = item_spans(TEXT);
        let second = ItemValues::new(TEXT, spans[1].clone());
        let rel = second.find("rel", "Mandates").expect("a word as a value");
        assert!(TEXT[rel..].starts_with("Mandates, to:"));
        // Only a word right after the colon: not one inside a list, nor
        // the next field's name.
        assert_eq!(second.find("links", "Link"), None);
        assert_eq!(second.find("title", "links"), None);
    }

    #[test]
    fn a_damaged_raw_string_never_splits_a_character_or_overruns() {
        for text in ["[r#é]", "[Item(title: r#", "r#", "[r\"é", "[r##\"é\"#]"] {
            let tokens: Vec<(usize, Token)> = Lexer::new(text, 0).collect();
            assert!(!tokens.is_empty(), "{text:?}");
            for (_, token) in tokens {
                if let Token::Str { literal, .. } = token {
                    assert!(text.get(literal.clone()).is_some(), "{text:?}: {literal:?}");
                }
            }
        }
    }
}
