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
    pub fn skip_ws(&mut self) -> Sure<()> {
        loop {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
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
        while matches!(self.peek(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_')) {
            self.at += 1;
        }
        let ends_plainly = match self.peek() {
            None => true,
            Some(byte) => IDENTIFIER_ENDS.contains(&byte),
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
