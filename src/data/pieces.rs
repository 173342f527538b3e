//! Cutting one large data file into pieces that parse on separate threads.
//! A file is cut only at the start of an item that follows a comma of the
//! top-level list, as found by the lexer that locates problems (strings,
//! raw strings, comments and char literals are skipped whole). Each piece
//! is parsed as a list of its own: `[` and `]` are added where it was cut,
//! so the pieces' items, in order, are the file's items.
//!
//! A cut inside a string or a comment would leave the piece before it
//! unterminated, and so fail to parse; any piece that fails sends the whole
//! file back to one thread, which reports the error exactly as before.

use std::borrow::Cow;
use std::ops::Range;

use super::locate::{Lexer, Token};

/// Pieces are about this large: small enough to share the work between
/// cores evenly and to keep each piece's copy small, large enough that
/// the copy and the thread hand-over cost little.
pub const PIECE_BYTES: usize = 1 << 20;

/// How a text is cut: each piece's byte range, and the items the lexer
/// sees in it (a piece that parses to another count is not trusted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub ranges: Vec<Range<usize>>,
    pub items: Vec<usize>,
}

/// Cuts `text` into pieces of about `piece_bytes`; `None` for a text that
/// is not a plain closed list (one starting with `#![…]`, say), which is
/// parsed whole.
pub fn plan(text: &str, piece_bytes: usize) -> Option<Plan> {
    let mut tokens = Lexer::new(text, 0);
    match tokens.next() {
        Some((at, Token::Open)) if text.as_bytes()[at] == b'[' => {}
        _ => return None,
    }
    let mut plan = Plan {
        ranges: std::iter::once(0..text.len()).collect(),
        items: vec![0],
    };
    // An item starts at the first token of the list and after each comma.
    let (mut depth, mut item_next, mut last_cut) = (1usize, true, 0usize);
    for (at, token) in tokens {
        if depth == 1 && item_next && token != Token::Close {
            if at >= last_cut + piece_bytes && *plan.items.last()? > 0 {
                plan.cut(at);
                last_cut = at;
            }
            *plan.items.last_mut()? += 1;
        }
        item_next = depth == 1 && token == Token::Other && text.as_bytes()[at] == b',';
        match token {
            Token::Open => depth += 1,
            Token::Close if depth == 1 => return Some(plan),
            Token::Close => depth -= 1,
            _ => {}
        }
    }
    // The list is never closed: a syntax error, reported by one thread.
    None
}

impl Plan {
    fn cut(&mut self, at: usize) {
        if let Some(last) = self.ranges.last_mut() {
            let end = last.end;
            last.end = at;
            self.ranges.push(at..end);
            self.items.push(0);
        }
    }
}

/// The text of the piece `range` of `text`, as a list of its own.
pub fn piece_text(text: &str, range: Range<usize>) -> Cow<'_, str> {
    let (opens, closes) = (range.start > 0, range.end < text.len());
    if !opens && !closes {
        return Cow::Borrowed(text);
    }
    Cow::Owned(bracketed(&text[range], opens, closes))
}

/// `part` with the `[` (`opens`) and `]` (`closes`) that make it a list.
pub fn bracketed(part: &str, opens: bool, closes: bool) -> String {
    let mut piece = String::with_capacity(part.len() + 2);
    if opens {
        piece.push('[');
    }
    piece.push_str(part);
    if closes {
        piece.push(']');
    }
    piece
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, piece_bytes: usize) -> Vec<String> {
        let plan = plan(text, piece_bytes).expect("a plain list");
        plan.ranges
            .into_iter()
            .map(|range| piece_text(text, range).into_owned())
            .collect()
    }

    fn starts(text: &str, plan: &Plan) -> Vec<String> {
        plan.ranges[1..]
            .iter()
            .map(|r| text[r.start..r.start + 8].to_string())
            .collect()
    }

    #[test]
    fn a_list_is_cut_before_items_that_follow_a_comma() {
        let text = "[\n  Item(id: \"a\"),\n  Item(id: \"b\"),\n  Item(id: \"c\"),\n]\n";
        assert_eq!(
            pieces(text, 1),
            [
                "[\n  Item(id: \"a\"),\n  ]",
                "[Item(id: \"b\"),\n  ]",
                "[Item(id: \"c\"),\n]\n"
            ]
        );
        assert_eq!(plan(text, 1).map(|p| p.items), Some(vec![1, 1, 1]));
        assert_eq!(plan(text, 1000).map(|p| p.items), Some(vec![3]));
    }

    #[test]
    fn strings_comments_and_nesting_are_never_cut() {
        let text = r##"// a comment, with [ and "
[
    Item(id: "a", title: "x, Item(", links: [Link(to: "b"), Link(to: "c")]),
    /* (nested /* , */ ) , */ (id: "b", title: r#"raw ", ( "#),
    Item(id: "c", note: '"'),
]"##;
        let plan = plan(text, 1).expect("a plain list");
        assert_eq!(starts(text, &plan), ["(id: \"b\"", "Item(id:"]);
        assert_eq!(plan.items, [1, 1, 1]);
    }

    #[test]
    fn what_is_not_a_plain_closed_list_is_not_cut() {
        for text in [
            "#![enable(unwrap_newtypes)]\n[Item(id: \"a\"), Item(id: \"b\")]",
            "[Item(id: \"a\"), Item(id: \"b\"",
            "Item(id: \"a\")",
            "",
        ] {
            assert_eq!(plan(text, 1), None, "{text}");
        }
    }

    #[test]
    fn nothing_is_cut_after_the_list_ends_nor_where_a_comma_is_missing() {
        let text = "[Item(id: \"a\"), Item(id: \"b\") Item(id: \"c\")] , Item(id: \"d\")";
        let plan = plan(text, 1).expect("a closed list");
        assert_eq!(starts(text, &plan), ["Item(id:"]);
        assert_eq!(plan.items, [1, 1]);
    }
}
