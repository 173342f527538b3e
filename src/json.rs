//! JSON output: pretty-printed, with every character that could act on a
//! terminal written as an escape. serde_json already escapes C0 controls;
//! C1 controls (U+0080–U+009F, e.g. the one-byte CSI U+009B), DEL, line and
//! paragraph separators and bidirectional marks, overrides and isolates pass
//! through it raw, so a JSON document piped to a terminal could reorder or
//! drive it. They are written `\u009b` and so on, which every JSON parser reads
//! back as the same character.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// Writes `value` as pretty JSON followed by a newline.
pub fn write(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, SafeFormatter::default());
    value.serialize(&mut serializer).map_err(into_io)?;
    writeln!(out)
}

/// Keeps the kind of an I/O error (a closed pipe stays a closed pipe).
fn into_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// True for the characters that are escaped even though JSON allows them raw.
pub fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{7f}'..='\u{9f}'
        | '\u{061c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// Whether `text` may hold a [`needs_escape`] character: every one is
/// DEL or beyond ASCII, so most text is passed whole after a fast scan
/// instead of being decoded char by char.
fn may_need_escape(text: &str) -> bool {
    !text.is_ascii() || memchr::memchr(DEL, text.as_bytes()).is_some()
}

/// The one ASCII character [`needs_escape`] holds.
const DEL: u8 = 0x7f;

/// serde_json's pretty layout, with [`needs_escape`] characters escaped.
#[derive(Default)]
struct SafeFormatter {
    pretty: PrettyFormatter<'static>,
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if !may_need_escape(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_string(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        write(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn c1_controls_and_bidi_marks_are_escaped_and_read_back() {
        let hostile = "a\u{9b}31m\u{202e}b\u{85}\u{2028}\u{7f}é";
        let text = to_string(&vec![hostile]);
        assert!(text.contains("\\u009b31m\\u202eb\\u0085\\u2028\\u007fé"), "{text}");
        assert!(!text.chars().any(needs_escape), "{text}");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, [hostile]);
    }

    #[test]
    fn del_in_otherwise_plain_text_is_escaped() {
        // All ASCII, so only the search for DEL finds it.
        for (plain, written) in [("a\u{7f}b", "a\\u007fb"), ("\u{7f}", "\\u007f"), ("ab", "ab")] {
            assert_eq!(to_string(&plain), format!("\"{written}\"\n"));
        }
    }

    #[test]
    fn the_layout_is_serde_jsons_pretty_layout() {
        let value = serde_json::json!({"a": [1, {"b": "c"}], "d": null});
        assert_eq!(to_string(&value), serde_json::to_string_pretty(&value).unwrap() + "\n");
    }
}
