//! Where [`super::streamed`] cuts a batch of a file's text into pieces:
//! always right after a comma of the top-level list, so that each piece
//! parses as a list of its own (its brackets implied, see
//! [`super::fast_parse::Part`]).
//!
//! Cuts are first guessed, at almost no cost: a comma that ends a line
//! whose next line starts with `Item(`, as every file written by `ron`'s
//! pretty printer or by hand from `wsis new` has between items. A guess
//! may be wrong (such text inside a string), so a guess is never trusted:
//! the piece before it must parse and end exactly on that comma, as the
//! list's own (inside a string, a comment or an item it does not parse).
//! By induction from the file's start, every piece's start is then a true
//! item start. Where no guess is found (items written without `Item`, or
//! on one line), or when the guesses failed once, the batch is lexed as
//! [`super::pieces`] lexes a whole text, which is exact but costs about as
//! much as parsing.

use std::ops::Range;

use memchr::memmem;

use super::fast_parse::Part;
use super::locate::{Lexer, Token};

/// How the cuts are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cutting {
    /// Guessed from the layout, lexed only where no guess is found.
    Guessed,
    /// Lexed everywhere.
    Lexed,
}

/// The start of an item as guessed (after the line's indentation).
const ITEM_START: &[u8] = b"Item(";

/// How one batch is cut: each piece's range in the pending text and where
/// its brackets are implied, and how much of the text they take (the
/// rest, from just after a comma of the list, waits for the next batch).
#[derive(Debug)]
pub(super) struct Batch {
    pub(super) pieces: Vec<(Range<usize>, Part)>,
    pub(super) consumed: usize,
}

impl Batch {
    /// Nothing to parse yet.
    fn waiting() -> Batch {
        Batch {
            pieces: Vec::new(),
            consumed: 0,
        }
    }
}

/// Why a batch cannot be cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Uncut {
    /// The file does not start as a plain list (`#![enable(…)]`, say).
    NotAList,
    /// The lexer never saw the list closed: a damaged file, or cuts
    /// guessed wrong before this batch.
    Unclosed,
}

/// Cuts the pending text, which starts at the file's start or just after
/// a comma of the top-level list.
pub(super) fn cut(
    text: &str,
    at_file_start: bool,
    at_end: bool,
    piece_bytes: usize,
    cutting: Cutting,
) -> Result<Batch, Uncut> {
    let mut from = 0;
    if at_file_start {
        match list_start(text, at_end)? {
            Some(open) => from = open + 1,
            None => return Ok(Batch::waiting()),
        }
    }
    let mut cuts = match cutting {
        Cutting::Guessed => guessed_cuts(text, from, piece_bytes),
        Cutting::Lexed => Vec::new(),
    };
    // At the end one piece will do: the parse checks the list closes.
    let lex = cuts.is_empty() && (cutting == Cutting::Lexed || !at_end);
    if lex {
        let (commas, closed) = top_level_commas(text, from, at_end);
        if at_end && !closed {
            return Err(Uncut::Unclosed);
        }
        cuts = spaced(&commas, piece_bytes);
    }
    // Before the end, the text after the last cut waits.
    let end = if at_end {
        text.len()
    } else {
        cuts.last().copied().unwrap_or(0)
    };
    Ok(pieces(text.len(), &cuts, end, at_file_start, at_end))
}

/// The pieces between the cuts, up to `end`, with their implied brackets.
fn pieces(len: usize, cuts: &[usize], end: usize, at_file_start: bool, at_end: bool) -> Batch {
    let mut pieces = Vec::new();
    let mut start = 0;
    for &cut in cuts.iter().chain(at_end.then_some(&end)) {
        if cut > start || (at_end && cut == end && pieces.is_empty()) {
            let part = Part {
                opens: !(at_file_start && start == 0),
                closes: !(at_end && cut == len),
            };
            pieces.push((start..cut, part));
            start = cut;
        }
    }
    Batch { pieces, consumed: end }
}

/// The offset of the `[` that opens the file's list; `None` if the text
/// so far ends before its first token is certain (a comment not yet
/// ended, say).
fn list_start(text: &str, at_end: bool) -> Result<Option<usize>, Uncut> {
    let mut tokens = Lexer::new(text, 0).peekable();
    match tokens.next() {
        Some((at, Token::Open)) if text.as_bytes()[at] == b'[' => Ok(Some(at)),
        None if !at_end => Ok(None),
        // A token at the end of the text may be cut short.
        Some(_) if !at_end && tokens.peek().is_none() => Ok(None),
        _ => Err(Uncut::NotAList),
    }
}

/// Guessed cuts, each at least `piece_bytes` after the one before (or
/// `from`): just after a comma that is followed, past whitespace, by a
/// line starting with [`ITEM_START`].
fn guessed_cuts(text: &str, from: usize, piece_bytes: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let finder = memmem::Finder::new(ITEM_START);
    let mut cuts = Vec::new();
    let mut search_from = from.saturating_add(piece_bytes.max(1));
    while search_from < bytes.len() {
        let Some(found) = finder.find(&bytes[search_from..]) else {
            break;
        };
        let at = search_from + found;
        match comma_before_line(bytes, at) {
            Some(cut) if cut > cuts.last().copied().unwrap_or(from) => {
                cuts.push(cut);
                search_from = cut.saturating_add(piece_bytes.max(1));
            }
            _ => search_from = at + 1,
        }
    }
    cuts
}

/// Just after the comma before the line that `at` starts (past its
/// indentation and blank lines), if there is one.
fn comma_before_line(bytes: &[u8], at: usize) -> Option<usize> {
    let indented = bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let line_start = at - indented;
    if line_start == 0 || bytes[line_start - 1] != b'\n' {
        return None;
    }
    let blank = bytes[..line_start]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let after_comma = line_start - blank;
    (after_comma > 0 && bytes[after_comma - 1] == b',').then_some(after_comma)
}

/// Just after each comma of the top-level list (from `from`, inside it),
/// and whether the list's close was reached. A token is trusted only if
/// another follows it (a token at the end may be cut short: a string, a
/// comment), or at the end of the file.
fn top_level_commas(text: &str, from: usize, at_end: bool) -> (Vec<usize>, bool) {
    let mut tokens = Lexer::new(text, from).peekable();
    let mut depth = 1usize;
    let mut commas = Vec::new();
    while let Some((at, token)) = tokens.next() {
        if !at_end && tokens.peek().is_none() {
            break;
        }
        match token {
            Token::Open => depth += 1,
            Token::Close if depth == 1 => return (commas, true),
            Token::Close => depth -= 1,
            Token::Other if depth == 1 && text.as_bytes()[at] == b',' => commas.push(at + 1),
            _ => {}
        }
    }
    (commas, false)
}

/// Of `commas` (in order), those each at least `piece_bytes` after the
/// last one kept (the first: after the batch's start).
fn spaced(commas: &[usize], piece_bytes: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut last = 0;
    for &comma in commas {
        if comma >= last + piece_bytes {
            cuts.push(comma);
            last = comma;
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[\nItem(id: \"a\"),\n\n  Item(id: \"b\", note: \",\nItem(\"),\nItem(id: \"c\"),\n]\n";

    fn cut_texts(text: &str, piece_bytes: usize, cutting: Cutting) -> Vec<&str> {
        let batch = cut(text, true, true, piece_bytes, cutting).expect("a list");
        assert_eq!(batch.consumed, text.len());
        batch.pieces.into_iter().map(|(range, _)| &text[range]).collect()
    }

    #[test]
    fn guesses_are_commas_before_lines_starting_with_item_even_inside_strings() {
        assert_eq!(
            cut_texts(TEXT, 1, Cutting::Guessed),
            [
                "[\nItem(id: \"a\"),",
                "\n\n  Item(id: \"b\", note: \",",
                "\nItem(\"),",
                "\nItem(id: \"c\"),\n]\n"
            ]
        );
    }

    #[test]
    fn lexed_cuts_are_only_commas_of_the_list() {
        assert_eq!(
            cut_texts(TEXT, 1, Cutting::Lexed),
            [
                "[\nItem(id: \"a\"),",
                "\n\n  Item(id: \"b\", note: \",\nItem(\"),",
                "\nItem(id: \"c\"),",
                "\n]\n"
            ]
        );
    }

    #[test]
    fn only_the_first_piece_has_its_open_bracket_and_only_the_last_its_close() {
        let batch = cut(TEXT, true, true, 1, Cutting::Lexed).expect("a list");
        let parts: Vec<(bool, bool)> = batch.pieces.iter().map(|(_, p)| (p.opens, p.closes)).collect();
        assert_eq!(parts, [(false, true), (true, true), (true, true), (true, false)]);
    }

    #[test]
    fn before_the_end_the_text_after_the_last_cut_waits() {
        let batch = cut(TEXT, true, false, 1, Cutting::Lexed).expect("a list");
        let last = batch.pieces.last().expect("pieces").0.end;
        assert_eq!((last, batch.consumed), (TEXT.len() - "\n]\n".len(), last));
        assert!(batch.pieces.iter().all(|(_, part)| part.closes));
    }

    #[test]
    fn a_file_not_starting_with_a_list_or_never_closed_is_not_cut() {
        let header = "#![enable(unwrap_newtypes)]\n[Item(id: \"a\")]";
        assert_eq!(
            cut(header, true, true, 1, Cutting::Guessed).err(),
            Some(Uncut::NotAList)
        );
        let open = "[Item(id: \"a\"), Item(id: \"b\"";
        assert_eq!(cut(open, true, true, 1, Cutting::Lexed).err(), Some(Uncut::Unclosed));
        let comment = "// a comment not yet end";
        assert_eq!(
            cut(comment, true, false, 1, Cutting::Guessed).map(|b| b.consumed),
            Ok(0)
        );
    }
}
