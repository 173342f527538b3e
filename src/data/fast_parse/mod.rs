//! A hand-written parser for what item files hold: `[ Item(...), ... ]`
//! in the RON that serde reads through ron with IMPLICIT_SOME. It reads
//! the common, plain forms several times faster than serde; on anything
//! it is not certain ron reads the same way (an unknown or repeated field,
//! a raw string, an unusual escape or whitespace, a syntax error) it
//! declines with `None`, and the caller parses the same text with serde.
//! So every accepted value and every error message, line and column stay
//! exactly serde's: this parser never reports an error of its own.

mod cursor;
mod item;

use cursor::{Cursor, Sure};

use super::model::Item;

/// The items of a whole list, or `None`: let serde parse this text.
pub fn parse_items(text: &str) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    read_items(text, |item| {
        items.push(item);
        Some(())
    })?;
    Some(items)
}

/// Hands each item of a whole list to `each`, in order, as it is read (so
/// a piece's items go straight to their places, with no list of their
/// own); `None` if this parser declines the text or `each` refuses an
/// item. Items handed out before a decline are to be dropped.
pub fn read_items(text: &str, each: impl FnMut(Item) -> Option<()>) -> Option<()> {
    read_part(text, Part::WHOLE, each)
}

/// Where a piece of a list was cut from the rest, always right after a
/// comma of the list: `opens` if its `[` is before it (implied here),
/// `closes` if the list goes on after it (its end is taken for the `]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub opens: bool,
    pub closes: bool,
}

impl Part {
    /// A whole list, with both its brackets.
    pub const WHOLE: Part = Part {
        opens: false,
        closes: false,
    };
}

/// [`read_items`] of a piece of a list, its brackets implied as `part`
/// says, without a copy of it with the brackets. Where the piece is cut
/// before the list ends, it must end with a comma this parser reads as the
/// list's own, right at the end: so a piece cut inside a string, a
/// comment or an item declines, as its bracketed copy fails with serde.
pub fn read_part(text: &str, part: Part, mut each: impl FnMut(Item) -> Option<()>) -> Option<()> {
    let mut cursor = Cursor::new(text);
    let mut lists = item::Lists::default();
    if !part.opens {
        cursor.skip_ws()?;
        // `#![enable(...)]` and any other start than a list decline here.
        cursor.expect(b'[')?;
    }
    loop {
        cursor.skip_ws()?;
        if cursor.eat(b']') {
            break;
        }
        each(item::item(&mut cursor, &mut lists)?)?;
        cursor.skip_ws()?;
        if !cursor.eat(b',') {
            cursor.expect(b']')?;
            break;
        }
        if part.closes && cursor.at_end() {
            return Some(());
        }
    }
    // A list closed before a cut has text after its end: serde says what.
    cursor.skip_ws()?;
    (cursor.at_end() && !part.closes).then_some(())
}

/// Elements up to `close`, separated by commas, a trailing comma allowed,
/// whitespace and comments anywhere between: as ron's lists and structs.
fn comma_separated(
    cursor: &mut Cursor<'_>,
    close: u8,
    mut element: impl FnMut(&mut Cursor<'_>) -> Sure<()>,
) -> Sure<()> {
    loop {
        cursor.skip_ws()?;
        if cursor.eat(close) {
            return Some(());
        }
        element(cursor)?;
        cursor.skip_ws()?;
        if !cursor.eat(b',') {
            return cursor.expect(close);
        }
    }
}
