//! Where a byte offset of a data file is, as a user sees it: line and
//! column (1-based, in characters), and an excerpt of the line with a caret.
//! Built once per file that has a problem, so each problem costs a lookup,
//! not a scan of the file: a file with thousands of problems stays cheap.

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::text::sanitize;

/// At most this many characters of a long line are shown around a caret.
pub const WINDOW: usize = 100;

/// Every this many bytes, the character count so far is remembered, so a
/// column on a very long line is counted from a nearby checkpoint.
const CHECKPOINT_BYTES: usize = 64 << 10;

/// The offending line (a window of it, made safe to print) and the display
/// column of the caret under it, counted from 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    pub line: String,
    pub caret: usize,
}

/// Line starts and character-count checkpoints of one text.
#[derive(Debug)]
pub struct TextMap<'a> {
    text: &'a str,
    /// Byte offset of each line's first character.
    line_starts: Vec<usize>,
    /// Characters before each checkpoint, the n-th at the char boundary at
    /// or before `n * CHECKPOINT_BYTES`.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> TextMap<'a> {
    pub fn new(text: &'a str) -> TextMap<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(at, _)| at + 1),
        );
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 1);
        let (mut offset, mut chars) = (0, 0);
        while offset <= text.len() {
            let at = floor_boundary(text, offset);
            chars += text[checkpoints.last().map_or(0, |&(o, _)| o)..at].chars().count();
            checkpoints.push((at, chars));
            offset += CHECKPOINT_BYTES;
        }
        TextMap {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, offset: usize) -> usize {
        let (at, chars) = self.checkpoints[offset / CHECKPOINT_BYTES];
        chars + self.text[at..offset].chars().count()
    }

    /// 1-based line and column of a byte offset (clamped to a boundary).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(self.text, offset);
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.chars_before(offset) - self.chars_before(start) + 1)
    }

    /// The excerpt of the line holding `offset`, caret under it.
    pub fn excerpt(&self, offset: usize) -> Excerpt {
        let offset = floor_boundary(self.text, offset);
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(self.text.len(), |&next| next - 1);
        // A CRLF file's lines end in '\r', which is not part of the line.
        let line_text = self.text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&self.text[start..end]);
        excerpt(line_text, (offset - start).min(line_text.len()))
    }
}

/// The excerpt of `line` with the caret at byte `at`: at most [`WINDOW`]
/// characters around it, "…" where cut. Looks at no more of the line than
/// it shows, so a 200 MB line costs no more than a short one.
pub fn excerpt(line: &str, at: usize) -> Excerpt {
    let at = floor_boundary(line, at);
    let before: Vec<usize> = line[..at].char_indices().rev().take(WINDOW).map(|(i, _)| i).collect();
    let after: Vec<usize> = line[at..]
        .char_indices()
        .take(WINDOW + 1)
        .map(|(i, _)| at + i)
        .collect();
    // Centred on the caret, or shifted when one side of the line is short.
    let shown_before = before.len().min((WINDOW / 2).max(WINDOW - after.len().min(WINDOW)));
    let shown_after = after.len().min(WINDOW - shown_before);
    let start = shown_before.checked_sub(1).map_or(at, |last| before[last]);
    let end = after.get(shown_after).copied().unwrap_or(line.len());
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let lead = sanitize(&line[start..at]);
    shown.push_str(&lead);
    let caret = shown.chars().map(|c| c.width().unwrap_or(1)).sum();
    shown.push_str(&sanitize(&line[at..end]));
    if end < line.len() {
        shown.push('…');
    }
    Excerpt { line: shown, caret }
}

/// The byte offset of 1-based `line` and `col` (in characters) in `text`;
/// walks the text once, for the one syntax error a file can have.
pub fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let within = rest[..line_len]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line_len, |(i, _)| i);
    Some(start + within)
}

/// The largest char boundary at or before `offset` (clamped to the text).
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let map = TextMap::new("ab\nCôte x");
        assert_eq!(map.position(9), (2, 6));
        assert_eq!(map.position(0), (1, 1));
    }

    #[test]
    fn columns_on_a_line_longer_than_a_checkpoint_are_exact() {
        let text = format!("é{}x", "ü".repeat(3 * CHECKPOINT_BYTES));
        let map = TextMap::new(&text);
        assert_eq!(map.position(text.len() - 1), (1, 3 * CHECKPOINT_BYTES + 2));
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let shown = excerpt(&line, 500);
        assert!(shown.line.chars().count() <= WINDOW + 2, "{}", shown.line);
        assert_eq!(shown.line.chars().nth(shown.caret), Some('X'));
        assert!(shown.line.starts_with('…') && shown.line.ends_with('…'));
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let shown = excerpt("  Item(id: \"x\")", 13);
        assert_eq!(shown.line, "  Item(id: \"x\")");
        assert_eq!(shown.caret, 13);
    }

    #[test]
    fn the_caret_near_the_end_of_a_long_line_keeps_the_window_full() {
        let line = format!("{}X", "a".repeat(500));
        let shown = excerpt(&line, 500);
        assert_eq!(shown.line.chars().nth(shown.caret), Some('X'));
        assert!(shown.line.chars().count() >= WINDOW, "{}", shown.line);
    }

    #[test]
    fn a_crlf_line_is_shown_without_its_carriage_return() {
        let map = TextMap::new("[\r\n  Item(x)\r\n]");
        assert_eq!(map.excerpt(5).line, "  Item(x)");
    }

    #[test]
    fn offset_of_finds_line_and_column() {
        let text = "ab\nCôte x\n";
        assert_eq!(offset_of(text, 2, 6), Some(9));
        assert_eq!(offset_of(text, 1, 1), Some(0));
        assert_eq!(offset_of(text, 9, 1), None);
    }
}
