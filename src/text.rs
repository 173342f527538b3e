//! Width-aware text helpers, and the guard that keeps control characters
//! from data off the terminal. Shared by the UI and the CLI.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to at most `width` columns, ending with "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Pads or cuts `text` to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let pad = width.saturating_sub(cut.width());
    cut + &" ".repeat(pad)
}

/// Wraps text to `width` columns (at least 1), only at spaces: a URL or a
/// symbol is never split (terminals detect a link only when it is whole).
/// A word longer than a line gets a line of its own, cut with "…".
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| match line.width() > width {
            true => truncate(&line, width),
            false => line.into_owned(),
        })
        .collect()
}

/// Control characters from data never reach the terminal raw.
pub fn sanitize(text: &str) -> String {
    sanitized(text).into_owned()
}

/// As [`sanitize`], without copying text that needs no change.
pub fn sanitized(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII: hand it back as it is.
    if text.bytes().all(|b| (b' '..b'\x7f').contains(&b)) {
        return Cow::Borrowed(text);
    }
    // Other text ("…", accents) mostly needs nothing replaced either.
    if text.chars().all(|c| replacement(c).is_none()) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| replacement(c).unwrap_or(c))
        .collect::<String>()
        .into()
}

/// What `c` is shown as, if not as itself.
fn replacement(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => Some(' '),
        c if (c as u32) < 0x20 => Some(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
        '\u{7f}' => Some('␡'),
        c if c.is_control() => Some('�'),
        // Bidirectional overrides and isolates could reorder what follows.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('�'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_symbols_are_never_split() {
        let text = "See https://www.itu.int/net/wsis/outcome/booklet/foreword.html and A/80/L.41 today, \
                    https://dig.watch/actor/commission-science-and-technology-development";
        let lines = wrap(text, 30);
        assert!(
            lines.iter().any(|l| l.starts_with("https://www.itu.int/net/wsis/")),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.ends_with('…')),
            "a URL too long for a line is cut, not split"
        );
        assert!(lines.iter().any(|l| l.contains("A/80/L.41")), "{lines:?}");
        let wide = wrap(text, 80);
        assert!(wide.iter().any(|l| l.contains("foreword.html")), "{wide:?}");
        assert!(
            wide.iter().any(|l| l.ends_with("technology-development")),
            "no split at a hyphen: {wide:?}"
        );
    }

    #[test]
    fn truncate_respects_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(truncate("Côte d'Ivoire", 5), "Côte…");
    }

    #[test]
    fn sanitize_makes_control_characters_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(sanitize("x\u{7}y\u{202e}z"), "x␇y�z");
    }
}
