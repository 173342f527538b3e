//! Reading RON data files: the embedded dataset and user overlays.
//! Errors carry the file, line and column so a user can fix them.

use std::fmt;
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;
use unicode_width::UnicodeWidthChar;

use crate::text::sanitize;

use super::model::Item;
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
    /// [`Problem`].
    pub fn read(path: &Path) -> Result<SourceFile, Problem> {
        let name = path.display().to_string();
        let cannot = |e: std::io::Error| Problem::file(&name, format!("cannot read file: {e}"));
        // Read at most one byte past the limit, so a huge or endless file
        // (a device, a pipe) is refused without being held in memory.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(cannot)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Problem::file(
                &name,
                format!("file is larger than {} MiB; nothing was read", MAX_FILE_BYTES >> 20),
            )
            .with_hint("split it into several files"));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let (line, col) = position_of(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
            Problem::at(&name, line, col, "file is not valid UTF-8".into()).with_hint("save the file as UTF-8")
        })?;
        Ok(SourceFile {
            name,
            text,
            embedded: false,
        })
    }
}

/// The largest data file accepted: room for a few hundred thousand items
/// (100 000 synthetic items take 79 MB), while a device or an endless file
/// is refused without being held in memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Where a problem is, what it is, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn file(file: &str, message: String) -> Problem {
        Problem {
            file: file.into(),
            position: None,
            message,
            hint: None,
        }
    }

    pub fn at(file: &str, line: usize, col: usize, message: String) -> Problem {
        Problem {
            file: file.into(),
            position: Some((line, col)),
            message,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// `FILE:LINE:COL: message`, the offending line with a caret, and a hint.
    pub fn render(&self, text: Option<&str>) -> String {
        let mut out = self.to_string();
        let source_line = self
            .position
            .zip(text)
            .and_then(|((line, col), text)| Some((text.lines().nth(line.checked_sub(1)?)?, col)));
        if let Some((source_line, col)) = source_line {
            // Control characters in a hostile file must not reach the terminal.
            let (shown, col) = window(&sanitize(source_line), col);
            let pad = " ".repeat(
                shown
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| c.width().unwrap_or(1))
                    .sum(),
            );
            out.push_str(&format!("\n  | {shown}\n  | {pad}^"));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  = hint: {}", sanitize(hint)));
        }
        out
    }
}

/// At most [`WINDOW`] characters of a long line around column `col`, with
/// "…" where cut; returns the text and the column within it.
fn window(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WINDOW {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(1 + WINDOW / 2).min(chars.len() - WINDOW);
    let end = start + WINDOW;
    let mut shown = String::new();
    let mut col = col - start;
    if start > 0 {
        shown.push('…');
        col += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col)
}

const WINDOW: usize = 100;

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
pub fn parse_items(file: &SourceFile) -> Result<Vec<Item>, Problem> {
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options
        .from_str::<Vec<Item>>(&file.text)
        .map_err(|e| ron_problem(file, e))
}

/// Turns ron's error into a message a data author can act on.
fn ron_problem(file: &SourceFile, e: ron::error::SpannedError) -> Problem {
    let at = |message: String| Problem::at(&file.name, e.span.start.line, e.span.start.col, message);
    if is_blank(&file.text) {
        return Problem::file(&file.name, "empty file: expected a list of Item(...)".into())
            .with_hint("start from `wsis new --category CATEGORY`");
    }
    match &e.code {
        ron::Error::NoSuchEnumVariant { found, outer, .. } if outer.as_deref() == Some("Relation") => {
            let names: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
            let close = names
                .iter()
                .map(|n| (strsim::levenshtein(&found.to_lowercase(), &n.to_lowercase()), *n))
                .filter(|(d, n)| *d <= (n.len() / 3).max(2))
                .min();
            let mut hint = String::new();
            if let Some((_, name)) = close {
                hint.push_str(&format!("did you mean {name}? "));
            }
            hint.push_str(&format!("valid relations: {}", names.join(", ")));
            at(format!("unknown relation \"{found}\"")).with_hint(hint)
        }
        ron::Error::ExceededRecursionLimit => at("input is nested too deeply".into())
            .with_hint("a data file is a flat list of Item(...), each with lists of strings and Link(...)"),
        code => at(code.to_string()),
    }
}

/// True when a file holds nothing but whitespace and `//` comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with("//")
    })
}

/// Line and column (1-based) of the first occurrence of `needle`.
pub fn locate(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.find(needle).map(|offset| position_of(text, offset))
}

/// Line and column (1-based, in characters) of a byte offset.
pub fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |p| p + 1)..].chars().count() + 1;
    (line, col)
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
        let text = "[\n  Item(id: \"a\", bogus: 1)\n]";
        let problem = Problem::at("f.ron", 2, 17, "unknown field".into()).with_hint("remove it");
        let rendered = problem.render(Some(text));
        assert!(rendered.contains("f.ron:2:17: unknown field"));
        assert!(
            rendered.contains("  | ^".replace("| ^", &format!("| {}^", " ".repeat(16))).as_str()),
            "{rendered}"
        );
        assert!(rendered.ends_with("hint: remove it"));
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let rendered = Problem::at("f.ron", 1, 501, "here".into()).render(Some(&line));
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[1].chars().count() < 120, "{}", lines[1]);
        let caret = lines[2].chars().count() - 1;
        assert_eq!(lines[1].chars().nth(caret), Some('X'), "{rendered}");
    }

    #[test]
    fn messages_never_carry_control_characters() {
        let problem = Problem::at("f\u{1b}.ron", 1, 1, "bad \u{1b}[2J".into()).with_hint("\u{7}");
        assert!(
            !problem
                .render(Some("\u{1b}x"))
                .chars()
                .any(|c| c.is_control() && c != '\n')
        );
    }

    #[test]
    fn locate_counts_characters_not_bytes() {
        assert_eq!(locate("ab\nCôte x", "x"), Some((2, 6)));
    }
}
