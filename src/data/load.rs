//! Reading RON data files: the embedded dataset and user overlays.
//! Errors carry the file, line and column so a user can fix them.

use std::fmt;
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;
use serde::Serialize;

use crate::suggest::closest;
use crate::text::sanitize;

use super::model::Item;
use super::position::{Excerpt, TextMap, WINDOW, excerpt, offset_of};
use super::relation::Relation;

/// A data file's text and the name to report it by.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Whether this file is part of the embedded dataset.
    pub embedded: bool,
}

impl SourceFile {
    pub fn embedded() -> Vec<SourceFile> {
        super::CATEGORIES
            .iter()
            .map(|category| category.embedded)
            .map(|(name, text)| SourceFile {
                name: (*name).into(),
                text: (*text).into(),
                embedded: true,
            })
            .collect()
    }

    /// Reads a user's file; unreadable, oversized or non-UTF-8 files give a
    /// [`Problem`]. A leading UTF-8 byte order mark is skipped.
    pub fn read(path: &Path) -> Result<SourceFile, Problem> {
        let name = path.display().to_string();
        let cannot = |e: std::io::Error| Problem::file(&name, format!("cannot read file: {e}"));
        // Read at most one byte past the limit, so a huge or endless file
        // (a device, a pipe) is refused without being held in memory.
        let file = std::fs::File::open(path).map_err(cannot)?;
        // Sized once from the file's length (growing by doubling would
        // hold up to three times the text while copying); the length is
        // only a hint, so a file that grows is still read to its end.
        let expected = file.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES + 1);
        let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).saturating_add(1));
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Problem::file(
                &name,
                format!("file is larger than {} MiB; nothing was read", MAX_FILE_BYTES >> 20),
            )
            .with_hint("split it into several files"));
        }
        if bytes.starts_with(BOM) {
            bytes.drain(..BOM.len());
        }
        let text = String::from_utf8(bytes).map_err(|e| not_utf8(&name, e.as_bytes(), e.utf8_error()))?;
        Ok(SourceFile {
            name,
            text,
            embedded: false,
        })
    }
}

/// The UTF-8 byte order mark some editors write at the start of a file.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Points at the first byte that is not UTF-8, showing the valid part of
/// its line (the rest of the file is not copied).
fn not_utf8(name: &str, bytes: &[u8], error: std::str::Utf8Error) -> Problem {
    let valid = error.valid_up_to();
    // Valid up to `valid` by definition of the error.
    let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before[..line_start].matches('\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    let shown_end = bytes[valid..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |at| valid + at)
        .min(valid + WINDOW);
    let shown = String::from_utf8_lossy(&bytes[line_start..shown_end]);
    Problem::at(name, line, col, "file is not valid UTF-8".into())
        .with_excerpt(excerpt(&shown, valid - line_start))
        .with_hint("save the file as UTF-8")
}

/// The largest data file accepted: room for a few hundred thousand items
/// (100 000 synthetic items take 79 MB), while a device or an endless file
/// is refused without being held in memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// At most this many problems are printed; `wsis validate --json` lists all.
pub const SHOWN_PROBLEMS: usize = 200;

/// Where a problem is, what it is, and how to fix it. Carries the excerpt
/// of its line, so rendering needs no file text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
    /// The offending line with the caret's place, where known (boxed: a
    /// `Result` carrying a problem stays small).
    pub excerpt: Option<Box<Excerpt>>,
}

impl Problem {
    pub fn file(file: &str, message: String) -> Problem {
        Problem {
            file: file.into(),
            position: None,
            message,
            hint: None,
            excerpt: None,
        }
    }

    pub fn at(file: &str, line: usize, col: usize, message: String) -> Problem {
        Problem {
            position: Some((line, col)),
            ..Problem::file(file, message)
        }
    }

    /// A problem at byte `offset` of a file, located through its map.
    pub fn in_text(file: &str, map: &TextMap<'_>, offset: usize, message: String) -> Problem {
        let (line, col) = map.position(offset);
        Problem::at(file, line, col, message).with_excerpt(map.excerpt(offset))
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_excerpt(mut self, excerpt: Excerpt) -> Problem {
        self.excerpt = Some(Box::new(excerpt));
        self
    }

    /// `FILE:LINE:COL: message`, the offending line with a caret, and a hint.
    pub fn render(&self) -> String {
        let mut out = self.to_string();
        if let Some(Excerpt { line, caret }) = self.excerpt.as_deref() {
            out.push_str(&format!("\n  | {line}\n  | {}^", " ".repeat(*caret)));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  = hint: {}", sanitize(hint)));
        }
        out
    }
}

/// The first `limit` problems rendered, each followed by a blank line, then
/// how many more there are and the total.
pub fn render_problems(problems: &[Problem], limit: usize) -> String {
    let mut out = String::new();
    for problem in problems.iter().take(limit) {
        out.push_str(&problem.render());
        out.push_str("\n\n");
    }
    if problems.len() > limit {
        out.push_str(&format!(
            "… and {} more problem(s) not shown; `wsis validate --json FILE...` lists them all\n",
            problems.len() - limit
        ));
    }
    out.push_str(&format!(
        "wsis: {} problem(s) in the data; nothing was loaded\n",
        problems.len()
    ));
    out
}

/// The JSON form of a problem, for `wsis validate --json`.
impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            file: &'a str,
            line: Option<usize>,
            column: Option<usize>,
            message: &'a str,
            hint: Option<&'a str>,
        }
        Shown {
            file: &self.file,
            line: self.position.map(|p| p.0),
            column: self.position.map(|p| p.1),
            message: &self.message,
            hint: self.hint.as_deref(),
        }
        .serialize(serializer)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            // Names and messages may quote hostile data: never print it raw.
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", sanitize(&self.file), sanitize(&self.message)),
            None => write!(f, "{}: {}", sanitize(&self.file), sanitize(&self.message)),
        }
    }
}

/// Parses one file's items. Implicit `Some` lets data files write
/// `symbol: "A/RES/70/125"` as well as `symbol: Some("A/RES/70/125")`.
/// The hand-written parser reads the file when it is certain to read it
/// as serde would; serde reads what it declines (and reports every error).
pub fn parse_items(file: &SourceFile) -> Result<Vec<Item>, Problem> {
    if let Some(items) = super::fast_parse::parse_items(&file.text) {
        return Ok(items);
    }
    parse_items_with_serde(file)
}

/// [`parse_items`] through serde alone: the reference the fast parser is
/// tested against.
pub fn parse_items_with_serde(file: &SourceFile) -> Result<Vec<Item>, Problem> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options
        .from_str::<Vec<Item>>(&file.text)
        .map_err(|e| ron_problem(file, e))
}

/// Turns ron's error into a message a data author can act on, pointing at
/// its line.
fn ron_problem(file: &SourceFile, e: ron::error::SpannedError) -> Problem {
    if is_blank(&file.text) {
        return Problem::file(&file.name, "empty file: expected a list of Item(...)".into())
            .with_hint("start from `wsis new --category CATEGORY`");
    }
    let (mut line, mut col) = (e.span.start.line, e.span.start.col);
    let unclosed = offset_of(&file.text, line, col).and_then(|offset| unclosed_string_before(&file.text, offset));
    let reported_at = (line, col);
    if let Some(open) = unclosed {
        (line, col) = line_and_column(&file.text, open);
    }
    // ron sees a missing comma only at the next value, often lines later;
    // the comma belongs after the value before.
    let comma_place = matches!(e.code, ron::Error::ExpectedComma)
        .then(|| offset_of(&file.text, line, col))
        .flatten()
        .filter(|_| unclosed.is_none())
        .and_then(|offset| end_of_previous_value(&file.text, offset));
    if let Some(end) = comma_place {
        (line, col) = line_and_column(&file.text, end);
    }
    let at = |message: String| {
        let problem = Problem::at(&file.name, line, col, message);
        match offset_of(&file.text, line, col) {
            Some(offset) => {
                let line_start = file.text[..offset].rfind('\n').map_or(0, |at| at + 1);
                let line_end = file.text[offset..].find('\n').map_or(file.text.len(), |at| offset + at);
                let line = &file.text[line_start..line_end];
                let line = line.strip_suffix('\r').unwrap_or(line);
                problem.with_excerpt(excerpt(line, (offset - line_start).min(line.len())))
            }
            None => problem,
        }
    };
    if comma_place.is_some() {
        return at(COMMA_MESSAGE.into()).with_hint(COMMA_HINT);
    }
    if unclosed.is_some() {
        let (to_line, to_col) = reported_at;
        let message = format!(
            "this string is not closed on its line: it runs on to {to_line}:{to_col} ({})",
            e.code
        );
        return at(message).with_hint(UNCLOSED_HINT);
    }
    match &e.code {
        ron::Error::NoSuchEnumVariant { found, outer, .. } if outer.as_deref() == Some("Relation") => {
            let names: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
            let mut hint = String::new();
            if let Some(name) = closest(found, names.iter().copied()) {
                hint.push_str(&format!("did you mean {name}? "));
            }
            hint.push_str(&format!("valid relations: {}", names.join(", ")));
            at(format!("unknown relation \"{found}\"")).with_hint(hint)
        }
        // ron names every field it expects; the nearest goes first.
        ron::Error::NoSuchStructField { expected, found, .. } => {
            let problem = at(e.code.to_string());
            match closest(found, expected.iter().copied()) {
                Some(name) => problem.with_hint(format!("did you mean `{name}`?")),
                None => problem,
            }
        }
        ron::Error::ExceededRecursionLimit => at("input is nested too deeply".into())
            .with_hint("a data file is a flat list of Item(...), each with lists of strings and Link(...)"),
        code => at(code.to_string()),
    }
}

/// How a data author avoids a missing comma.
const COMMA_HINT: &str = "every field, list entry and Item(...) ends with a comma";

/// How a data author closes a string that ran on.
const UNCLOSED_HINT: &str = "close the string with a \" on the line it starts on";

/// What a data author is told where ron expected a comma.
const COMMA_MESSAGE: &str = "expected a comma after this value";

/// Where the value before `offset` ends, if `offset` starts a later line
/// than it: the end of the last line before `offset` that is neither blank
/// nor a `//` comment alone (as `wsis new`'s template has between fields).
/// `None` if that line holds `//` or `*/` after a value (a comment, or a
/// link in a string: its end is not surely the value's), or nothing comes
/// before.
fn end_of_previous_value(text: &str, offset: usize) -> Option<usize> {
    let mut before = text.get(..offset)?;
    loop {
        let end = before.trim_end().len();
        let line_start = before[..end].rfind('\n').map_or(0, |at| at + 1);
        let line = &before[line_start..end];
        if line.trim_start().starts_with("//") {
            before = &before[..line_start];
            continue;
        }
        let on_an_earlier_line = text[end..offset].contains('\n');
        let may_end_in_a_comment = ["//", "*/"].iter().any(|mark| line.contains(mark));
        return (end > 0 && on_an_earlier_line && !may_end_in_a_comment).then_some(end);
    }
}

/// Where the string that ends right before `offset` opens, if it runs over
/// a line end: a string left unclosed runs on to the next quote, often in
/// a later line's comment, and ron then finds an error there ("Expected
/// comma"). Read from the start of `text`, stepping over comments.
fn unclosed_string_before(text: &str, offset: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut last_string = None;
    let mut at = 0;
    while at < offset.min(bytes.len()) {
        match (bytes[at], bytes.get(at + 1)) {
            (b'"', _) => {
                let open = at;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                last_string = Some((open, at));
            }
            (b'/', Some(b'/')) => at += text[at..].find('\n').unwrap_or(text.len() - at),
            (b'/', Some(b'*')) => at += text[at..].find("*/").map_or(text.len() - at, |end| end + 1),
            _ => {}
        }
        at += 1;
    }
    let (open, close) = last_string?;
    // On the closing quote's line: a closed string over two lines followed
    // by a value on the next line lacks a comma, and is no runaway.
    let between = text.get(close + 1..offset)?;
    let right_after = between.trim().is_empty() && !between.contains('\n');
    (right_after && text[open..close].contains('\n')).then_some(open)
}

/// The 1-based line and column (in characters, as ron counts) of `offset`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// True when a file holds nothing but whitespace and `//` comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            name: "test.ron".into(),
            text: text.into(),
            embedded: false,
        }
    }

    /// ron finds a missing comma at the next value; the problem points
    /// where the comma belongs, after the value before, on its own line.
    #[test]
    fn a_missing_comma_is_reported_where_it_belongs() {
        let cases = [
            // Between fields: ron says "Expected comma" at `date`.
            (
                "[\n  Item(\n    id: \"a\",\n    title: \"T\"\n    date: \"2005\",\n  ),\n]",
                (4, 15),
            ),
            // Between items, a blank line between them.
            (
                "[\n  Item(id: \"a\", category: \"ga\", title: \"A\")\n\n  Item(id: \"b\", category: \"ga\", title: \"B\")\n]",
                (2, 44),
            ),
            // Between list entries.
            (
                "[\n  Item(id: \"a\", category: \"ga\", title: \"A\", tags: [\n    \"x\"\n    \"y\",\n  ]),\n]",
                (3, 8),
            ),
        ];
        for (text, place) in cases {
            let err = parse_items(&source(text)).unwrap_err();
            assert_eq!(err.position, Some(place), "{err}\n{text}");
            assert_eq!(err.message, COMMA_MESSAGE);
            assert_eq!(err.hint.as_deref(), Some(COMMA_HINT));
        }
        // A line ending in `//` may end in a comment or a link: ron's place.
        let commented = "[\n  Item(\n    id: \"a\", // the id\n    title: \"T\" // here\n    date: \"2005\",\n  ),\n]";
        let err = parse_items(&source(commented)).unwrap_err();
        assert_eq!(err.position, Some((5, 5)), "{err}");
        let err = parse_items(&source(&commented.replace("// here", "/* here */"))).unwrap_err();
        assert_eq!(err.position, Some((5, 5)), "{err}");
        // On one line, ron's place is already at the missing comma.
        let err = parse_items(&source("[\n  Item(id: \"a\" title: \"T\"),\n]")).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(2), "{err}");
        // Lines that are comments alone, as in `wsis new`'s template, are
        // passed over to the value before them.
        let template = "[\n  Item(\n    id: \"a\",\n    category: \"ga\"\n    // The title.\n\n    // More.\n    title: \"T\",\n  ),\n]";
        let err = parse_items(&source(template)).unwrap_err();
        assert_eq!(err.position, Some((4, 19)), "{err}");
        assert_eq!(err.message, COMMA_MESSAGE);
    }

    /// A string left unclosed runs on to the next quote, here in a comment
    /// line below; ron's error comes after it. The problem points at the
    /// string's opening quote and says where ron stopped.
    #[test]
    fn an_unclosed_string_is_reported_where_it_opens() {
        let text =
            "[\n  Item(\n    id: \"a\",\n    category: \"ga\",\n    title: \"T,\n    // short_title: \"S\",\n  ),\n]";
        let err = parse_items(&source(text)).unwrap_err();
        assert_eq!(err.position, Some((5, 12)), "{err}");
        assert!(
            err.message
                .starts_with("this string is not closed on its line: it runs on to 6:"),
            "{err}"
        );
        assert_eq!(err.hint.as_deref(), Some(UNCLOSED_HINT));
        // A string over two lines that is closed and followed by a comma is
        // read as ron reads it; an error after a one-line string is ron's.
        let closed = "[\n  Item(id: \"a\", category: \"ga\", title: \"T\nU\", date: 5),\n]";
        let err = parse_items(&source(closed)).unwrap_err();
        assert!(!err.message.contains("not closed"), "{err}");
        let err = parse_items(&source("[\n  Item(id: \"a\", title: \"T\" \"U\"),\n]")).unwrap_err();
        assert!(!err.message.contains("not closed"), "{err}");
        // A closed string over two lines, the comma after it left out: the
        // comma is placed after it, as after any value.
        let text = "[\n  Item(\n    id: \"a\",\n    summary: \"one\ntwo\"\n    title: \"T\",\n  ),\n]";
        let err = parse_items(&source(text)).unwrap_err();
        assert_eq!(err.message, COMMA_MESSAGE, "{err}");
        assert_eq!(err.position, Some((5, 5)), "{err}");
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let err = parse_items(&source("[\n  Item(id: \"a\",, )\n]")).unwrap_err();
        assert_eq!(err.file, "test.ron");
        assert_eq!(err.position.map(|p| p.0), Some(2));
        assert!(err.to_string().starts_with("test.ron:2:"), "{err}");
    }

    #[test]
    fn unknown_field_is_rejected() {
        let text = "[Item(id: \"a\", category: \"ga\", title: \"T\", colour: \"red\")]";
        let err = parse_items(&source(text)).unwrap_err();
        assert!(err.message.contains("colour"), "{}", err.message);
    }

    #[test]
    fn implicit_and_explicit_some_both_parse() {
        let text = r#"[
            Item(id: "a", category: "ga", title: "T", symbol: "A/RES/1/1"),
            Item(id: "b", category: "ga", title: "U", symbol: Some("A/RES/1/2")),
        ]"#;
        let items = parse_items(&source(text)).unwrap();
        assert_eq!(items[0].symbol.as_deref(), Some("A/RES/1/1"));
        assert_eq!(items[1].symbol.as_deref(), Some("A/RES/1/2"));
    }

    #[test]
    fn render_shows_the_line_and_a_caret() {
        let err = parse_items(&source("[\n  Item(id: \"a\", bogus: 1)\n]")).unwrap_err();
        let rendered = err.with_hint("remove it").render();
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[0].starts_with("test.ron:2:17: "), "{rendered}");
        assert_eq!(lines[1], "  |   Item(id: \"a\", bogus: 1)");
        assert_eq!(lines[2], format!("  | {}^", " ".repeat(16)));
        assert!(rendered.ends_with("hint: remove it"));
    }

    #[test]
    fn a_syntax_error_on_a_long_line_shows_a_window_of_it() {
        let text = format!("[Item(id: \"a\", title: \"{}\", bogus: 1)]", "x".repeat(5000));
        let rendered = parse_items(&source(&text)).unwrap_err().render();
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[1].chars().count() < 120, "{}", lines[1]);
        let caret = lines[2].chars().count() - 1;
        assert_eq!(lines[1].chars().nth(caret), Some('b'), "{rendered}");
    }

    #[test]
    fn messages_never_carry_control_characters() {
        let problem = Problem::at("f\u{1b}.ron", 1, 1, "bad \u{1b}[2J".into())
            .with_hint("\u{7}")
            .with_excerpt(crate::data::position::excerpt("\u{1b}x", 0));
        assert!(!problem.render().chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bom.ron");
        std::fs::write(
            &path,
            "\u{feff}[Item(id: \"a\", category: \"ga\", title: \"T\", bogus: 1)]",
        )
        .expect("write");
        let file = SourceFile::read(&path).expect("read");
        assert!(file.text.starts_with('['));
        let problem = parse_items(&file).unwrap_err();
        assert_eq!(problem.position, Some((1, 44)));
        assert_eq!(
            problem.excerpt.map(|e| e.caret),
            Some(43),
            "the caret is under `bogus`, not one column off"
        );
    }

    #[test]
    fn only_the_first_problems_are_rendered_with_a_count_of_the_rest() {
        let problems: Vec<Problem> = (0..5).map(|n| Problem::file("f.ron", format!("problem {n}"))).collect();
        let shown = render_problems(&problems, 2);
        assert!(shown.contains("problem 1") && !shown.contains("problem 2"), "{shown}");
        assert!(shown.contains("3 more problem(s) not shown"), "{shown}");
        assert!(
            shown.ends_with("5 problem(s) in the data; nothing was loaded\n"),
            "{shown}"
        );
    }
}
