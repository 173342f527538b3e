//! The lexical part of the fast parser: whitespace and comments, strings,
//! identifiers. Every function answers `None` where ron might read the
//! text differently than a plain reading would (a character ron counts
//! as whitespace that is not ASCII, an escape other than the simple ones,
//! a raw string): the caller then declines, and serde parses the text.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

/// A position in the text being parsed.
pub struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

/// What `None` means throughout the fast parser: not certain, let serde
/// parse it.
pub type Sure<T> = Option<T>;

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    pub fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    /// Takes `byte` if it is next.
    pub fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    pub fn expect(&mut self, byte: u8) -> Sure<()> {
        self.eat(byte).then_some(())
    }

    /// Skips ASCII whitespace and comments, as ron does between tokens.
    /// Other characters ron takes for whitespace (U+0085, U+200E ...) are
    /// left, so whatever expects a token next declines.
    #[inline]
    pub fn skip_ws(&mut self) -> Sure<()> {
        // Most gaps between tokens are empty or a single space (after a
        // colon): those are read here, in the caller, with no call.
        let starts_gap = |byte: Option<&u8>| matches!(byte, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/'));
        match self.peek() {
            Some(b' ') if !starts_gap(self.bytes().get(self.at + 1)) => {
                self.at += 1;
                Some(())
            }
            next if starts_gap(next.as_ref()) => self.skip_gap(),
            _ => Some(()),
        }
    }

    /// [`Self::skip_ws`] of a gap longer than a space.
    fn skip_gap(&mut self) -> Sure<()> {
        loop {
            self.skip_blanks();
            if self.peek() != Some(b'/') {
                return Some(());
            }
            match self.bytes().get(self.at + 1) {
                Some(b'/') => self.line_comment(),
                Some(b'*') => self.block_comment()?,
                _ => return None,
            }
        }
    }

    /// Skips ASCII whitespace; a run of spaces (indentation, most of
    /// the whitespace of a pretty-printed file) a word at a time.
    fn skip_blanks(&mut self) {
        let bytes = self.bytes();
        let mut at = self.at;
        loop {
            match bytes.get(at) {
                Some(b' ') => at += 1 + leading_spaces(&bytes[at + 1..]),
                Some(b'\t' | b'\n' | b'\r') => at += 1,
                _ => break,
            }
        }
        self.at = at;
    }

    /// A `//` comment runs to the end of its line (or of the text).
    fn line_comment(&mut self) {
        let rest = &self.bytes()[self.at..];
        self.at += memchr(b'\n', rest).unwrap_or(rest.len());
    }

    /// `/* ... */`, nested as ron nests them; unclosed declines.
    fn block_comment(&mut self) -> Sure<()> {
        self.at += 2;
        let mut level = 1usize;
        while level > 0 {
            let rest = &self.bytes()[self.at..];
            self.at += memchr2(b'/', b'*', rest)?;
            let rest = &self.bytes()[self.at..];
            if rest.starts_with(b"/*") {
                level += 1;
                self.at += 2;
            } else if rest.starts_with(b"*/") {
                level -= 1;
                self.at += 2;
            } else {
                self.at += 1;
            }
        }
        Some(())
    }

    /// An ASCII identifier, ended by a character that cannot continue one
    /// in ron (a `-`, `.`, `+` or non-ASCII character after it declines:
    /// ron reads those as part of a raw identifier or of a Unicode one).
    pub fn identifier(&mut self) -> Sure<&'a str> {
        let start = self.at;
        if !matches!(self.peek(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_')) {
            return None;
        }
        let rest = &self.bytes()[start..];
        let len = rest
            .iter()
            .position(|&byte| !CONTINUES_IDENTIFIER[usize::from(byte)])
            .unwrap_or(rest.len());
        self.at = start + len;
        let ends_plainly = match self.peek() {
            None => true,
            Some(byte) => ENDS_IDENTIFIER[usize::from(byte)],
        };
        ends_plainly.then(|| &self.text[start..self.at])
    }

    /// A `"..."` string with ron's simple escapes; borrowed when it has
    /// none. `\x`, `\u{...}` and a `\` before a line break decline.
    pub fn string(&mut self) -> Sure<Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.at;
        let first = self.at + memchr2(b'"', b'\\', &self.bytes()[self.at..])?;
        if self.bytes()[first] == b'"' {
            self.at = first + 1;
            return Some(Cow::Borrowed(&self.text[start..first]));
        }
        let mut owned = String::with_capacity(first - start + ESCAPED_SPARE);
        let mut run_start = start;
        let mut delimiter = first;
        loop {
            owned.push_str(&self.text[run_start..delimiter]);
            if self.bytes()[delimiter] == b'"' {
                self.at = delimiter + 1;
                return Some(Cow::Owned(owned));
            }
            owned.push(simple_escape(*self.bytes().get(delimiter + 1)?)?);
            run_start = delimiter + 2;
            delimiter = run_start + memchr2(b'"', b'\\', &self.bytes()[run_start..])?;
        }
    }
}

/// Bytes after which an identifier surely ends where ron ends it.
const IDENTIFIER_ENDS: &[u8] = b" \t\n\r/(),:[]";

/// [`IDENTIFIER_ENDS`] as a table: one lookup per identifier, not a
/// search of the list (a million identifiers at 100 000 items).
const ENDS_IDENTIFIER: [bool; 256] = {
    let mut table = [false; 256];
    let mut at = 0;
    while at < IDENTIFIER_ENDS.len() {
        table[IDENTIFIER_ENDS[at] as usize] = true;
        at += 1;
    }
    table
};

/// Per byte, whether it continues an ASCII identifier: a letter, a digit
/// or `_`.
const CONTINUES_IDENTIFIER: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric() || byte as u8 == b'_';
        byte += 1;
    }
    table
};

/// Eight spaces as one little-endian word.
const EIGHT_SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// How many spaces `bytes` starts with, read eight at a time.
fn leading_spaces(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut count = 0;
    for word in words.by_ref() {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        // The lowest set byte of the difference is the first other byte.
        let others = u64::from_le_bytes(eight) ^ EIGHT_SPACES;
        if others != 0 {
            return count + (others.trailing_zeros() / 8) as usize;
        }
        count += 8;
    }
    count + words.remainder().iter().take_while(|&&byte| byte == b' ').count()
}

/// Room for a few more bytes in a string with escapes, past its first run.
const ESCAPED_SPARE: usize = 16;

/// The character of ron's escapes that need no more than their letter.
fn simple_escape(letter: u8) -> Sure<char> {
    Some(match letter {
        b'\'' => '\'',
        b'"' => '"',
        b'\\' => '\\',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'0' => '\0',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_are_counted_across_words_and_up_to_any_other_byte() {
        for spaces in 0..=20 {
            for after in ["", "x", "\n", "\t ", " é"] {
                let text = format!("{}{after}", " ".repeat(spaces));
                let expected = text.bytes().take_while(|&byte| byte == b' ').count();
                assert_eq!(leading_spaces(text.as_bytes()), expected, "{text:?}");
                let mut cursor = Cursor::new(&text);
                cursor.skip_blanks();
                let blank = |byte: &u8| matches!(byte, b' ' | b'\t' | b'\n' | b'\r');
                assert_eq!(cursor.at, text.bytes().take_while(blank).count(), "{text:?}");
            }
        }
    }

    #[test]
    fn an_identifier_ends_where_ron_surely_ends_it() {
        for (text, expected) in [
            ("title: x", Some("title")),
            ("Some(", Some("Some")),
            ("a_1", Some("a_1")),
        ] {
            assert_eq!(Cursor::new(text).identifier(), expected, "{text:?}");
        }
        // Read by ron as a raw or Unicode identifier, or not one at all.
        for text in ["a-b", "a.b", "aé", "1a", "_x+"] {
            assert_eq!(Cursor::new(text).identifier(), None, "{text:?}");
        }
    }
}
