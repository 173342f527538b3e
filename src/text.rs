//! Width-aware text helpers, and the guard that keeps control characters
//! from data off the terminal. Shared by the UI and the CLI.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to at most `width` columns, ending with "…" when cut. The
/// "…" follows the last character kept that is not a blank: a cut after
/// a word ends "word…", never "word …", which reads as a word left out.
/// A word with a digit cut part-way is left out whole, if a word comes
/// before it: "resolution 2006/4…" reads as another resolution, "report
/// 20…" as a year; "resolution…" says only that more follows.
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
        if continues_a_word(&text[out.len()..]) {
            out.truncate(without_a_cut_number(&out).len());
        }
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out
}

/// Whether `rest`, what a cut leaves out, goes on with the word the cut
/// ended in: a letter or digit, or a joiner before one ("/46" of
/// "2006/46"). Punctuation after a whole word ("2006/46, …") does not.
fn continues_a_word(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('/' | '-' | '+' | '.') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// `kept`, the start of a text cut inside its last word, without that
/// word if it holds a digit and a word comes before it, nor the comma or
/// colon that led to it ("resolution, 68t…" → "resolution…"). A link cut
/// part-way is kept: its start still says where it leads.
fn without_a_cut_number(kept: &str) -> &str {
    let Some(blank) = kept.rfind(char::is_whitespace) else {
        return kept;
    };
    let word = &kept[blank..];
    if !word.contains(|c: char| c.is_ascii_digit()) || word.contains("://") {
        return kept;
    }
    let before = kept[..blank].trim_end_matches(|c: char| c.is_whitespace() || LEADS_ON.contains(&c));
    if before.is_empty() { kept } else { before }
}

/// Marks that lead on to the word a cut left out.
const LEADS_ON: [char; 3] = [',', ';', ':'];

/// What joins the symbols of one document issued under two ("A/66/77–E/2011/103").
const JOINT: char = '–';

/// The longest start of `text` that fits in `cols` columns. It never
/// ends between a letter and its combining marks: the first character
/// left out is one that takes a column, never a mark.
pub fn head(text: &str, cols: usize) -> &str {
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            used += c.width().unwrap_or(0);
            used > cols
        })
        .map_or(text.len(), |(at, _)| at);
    &text[..end]
}

/// `symbol` in at most `width` columns. Symbols of one list share their
/// beginning ("E/RES/2006/46", "E/RES/2008/3") and differ at the end, so a
/// cut one keeps its last parts whole, its first part if there is room:
/// "E/…/2006/46", "…/2006/46"; without a `/` that fits, its last characters.
pub fn elide_symbol(symbol: &str, width: usize) -> String {
    elided(symbol, width, true)
}

/// [`elide_symbol`] for a column of symbols: cut only at the start
/// ("…/79/194"), never also keeping the first part ("A/…/79/194"):
/// whether a cut symbol keeps its first part depends on the length of its
/// number, so beside each other the two forms misalign the column.
///
/// Only a symbol that does not fit is cut, and it keeps as many trailing
/// parts as fit. Cutting every symbol of a column alike once one did not
/// fit cost more than it gave: one 28-column outcome symbol cut every
/// symbol of the list to "…/GENEVA/DOC/4-E" at 120 columns, and a
/// three-part symbol that fit lost two parts ("A/70/L.33" → "…/L.33"). A
/// whole symbol beside a cut one of its series ("A/RES/79/1" beside
/// "…/79/194") still reads right: the cut one starts with "…" (a joint
/// symbol keeps its first document's symbol instead: "A/66/64–…").
pub fn elide_symbol_start(symbol: &str, width: usize) -> String {
    elided(symbol, width, false)
}

fn elided(symbol: &str, width: usize, keep_head: bool) -> String {
    if symbol.width() <= width {
        return symbol.to_string();
    }
    // A joint symbol ("A/66/77–E/2011/103") is named by its first
    // document's: a head of one and a tail of the other name neither.
    if let Some((first, _)) = symbol.split_once(JOINT) {
        let marked = format!("{first}{JOINT}…");
        return if marked.width() <= width {
            marked
        } else {
            elided(first, width, keep_head)
        };
    }
    let parts: Vec<&str> = symbol.split('/').collect();
    // The last two parts (a session or year and a number) tell resolutions
    // apart: a form that keeps only the last ("E/…/28" for both 2018/28
    // and 2021/28) is worse than the last characters that fit ("…18/28").
    let fewest = if parts.len() >= 3 { 2 } else { 1 };
    for kept in (fewest..parts.len()).rev() {
        let tail = parts[parts.len() - kept..].join("/");
        let head = parts[0];
        // The head is worth showing only if something between it and the
        // tail is elided.
        if keep_head && parts.len() - kept >= 2 {
            let both = format!("{head}/…/{tail}");
            if both.width() <= width {
                return both;
            }
        }
        let tail_only = format!("…/{tail}");
        if tail_only.width() <= width {
            return tail_only;
        }
    }
    // A language suffix ("-E") tells no English list entry from another,
    // the number before it does: where the last part cannot show whole,
    // "…/6(Rev.1)" rather than "…(Rev.1)-E". Only while the symbol
    // without it is still cut, so what shows starts with "…": "A0-C"
    // shown as "A0" would read as another symbol.
    let last_part = parts[parts.len() - 1];
    let bare = without_language_suffix(symbol).filter(|bare| last_part.width() >= width && bare.width() > width);
    if let Some(bare) = bare {
        return elided(bare, width, keep_head);
    }
    last_columns(symbol, width)
}

/// The official languages' letters a UN document symbol may end with
/// after a hyphen, naming the language version ("WSIS-03/GENEVA/DOC/4-E").
const LANGUAGE_SUFFIXES: [char; 6] = ['A', 'C', 'E', 'F', 'R', 'S'];

/// `symbol` without its language suffix, if its last part has one after
/// something else ("…/DOC/5-E", never a part that is only "-E").
fn without_language_suffix(symbol: &str) -> Option<&str> {
    let last_part = symbol.rsplit('/').next().unwrap_or(symbol);
    let bare = last_part.strip_suffix(LANGUAGE_SUFFIXES)?.strip_suffix('-')?;
    (!bare.is_empty()).then(|| &symbol[..symbol.len() - 2])
}

/// "…" and the last characters of `text` that fit in `width` columns,
/// starting at a whole character (never at an accent cut from its letter).
fn last_columns(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut used = 1;
    let from = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .last()
        .map_or(text.len(), |(at, _)| at);
    format!("…{}", &text[cluster_start_from(text, from)..])
}

/// True for a character drawn onto the one before it: a combining accent
/// (U+0301), a zero-width joiner, a variation selector. Text is never cut
/// just before one, which would leave it on the wrong letter or on none.
/// (Zero width is the test: it needs no table beyond `unicode-width`'s.)
pub fn joins_previous(c: char) -> bool {
    !c.is_control() && c.width() == Some(0)
}

/// The first byte offset at or after `at` (a char boundary of `text`) that
/// does not fall inside a character and its combining marks: cutting
/// there drops the marks whose letter was cut off.
pub fn cluster_start_from(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !joins_previous(c))
        .map_or(text.len(), |(offset, _)| at + offset)
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

/// Wraps text to `width` columns (at least 1) at spaces, its indent kept,
/// and a word wider than a line (a long link) goes on in the next lines:
/// every character is shown, for text read in order to be copied or
/// typed (a link in the detail, a citation).
pub fn wrap_showing_all(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options).into_iter().map(Cow::into_owned).collect()
}

/// Where a link reads best cut when no '/' serves: after the other marks
/// that part its words (`…technology-` then `for-development`).
const LINK_WORD_BREAKS: &[char] = &['-', '_', '.', '?', '&', '=', '#'];

/// A link in rows of at most `width` columns (at least 1), every character
/// shown, each row but the last ending after a '/' where one lies in its
/// second half (`…/E/RES/2006/` then `46`, not `…/2006/4` then `6`), else
/// after a mark between words there ([`LINK_WORD_BREAKS`]), else where the
/// row is full. A host that fits a row is never cut: the first row then
/// ends after the scheme (`https://` then `publicadministration.un.org/`,
/// not `https://publicadministration.` then `un.org/`).
pub fn wrap_link(link: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut rest = link;
    if let Some(scheme) = scheme_before_a_host_cut(link, width) {
        rows.push(link[..scheme].to_string());
        rest = &link[scheme..];
    }
    while rest.width() > width {
        let mut used = 0;
        let mut fit = 0;
        let mut after_slash = None;
        let mut after_mark = None;
        for (at, c) in rest.char_indices() {
            used += c.width().unwrap_or(0);
            if used > width {
                break;
            }
            fit = at + c.len_utf8();
            if used * 2 > width {
                if c == '/' {
                    after_slash = Some(fit);
                } else if LINK_WORD_BREAKS.contains(&c) {
                    after_mark = Some(fit);
                }
            }
        }
        // A char wider than the row still takes a row of its own.
        let cut = after_slash
            .or(after_mark)
            .unwrap_or(fit)
            .max(rest.chars().next().map_or(1, char::len_utf8));
        rows.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    rows.push(rest.to_string());
    rows
}

/// Where `link`'s scheme ends (after `://`), if the link's first row of
/// `width` columns would end inside its host while the host, with the '/'
/// after it, fits a row of its own.
fn scheme_before_a_host_cut(link: &str, width: usize) -> Option<usize> {
    // A scheme is letters at the very start ("https"), never a "://"
    // further on (a link quoted in a query string).
    let scheme = link
        .find("://")
        .filter(|&at| at > 0 && link[..at].bytes().all(|b| b.is_ascii_alphabetic()))?
        + "://".len();
    let host_end = link[scheme..].find('/').map_or(link.len(), |slash| scheme + slash + 1);
    let (head, host) = (&link[..scheme], &link[scheme..host_end]);
    let cut_in_host = link[..host_end].width() > width;
    (cut_in_host && head.width() <= width && !host.is_empty() && host.width() <= width).then_some(scheme)
}

/// Control characters from data never reach the terminal raw.
pub fn sanitize(text: &str) -> String {
    sanitized(text).into_owned()
}

/// As [`sanitize`], without copying text that needs no change.
pub fn sanitized(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII: hand it back as it is.
    if is_printable_ascii(text) {
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

/// Bytes tested together by [`is_printable_ascii`].
const PRINTABLE_CHUNK: usize = 32;

/// Whether every byte of `text` is printable ASCII. Tested a chunk at a
/// time without stopping at the first failing byte, which lets the
/// compiler test many bytes at once (a hit's printed texts are tested
/// byte by byte otherwise: 6 % of a large `wsis search`).
fn is_printable_ascii(text: &str) -> bool {
    text.as_bytes().chunks(PRINTABLE_CHUNK).all(|chunk| {
        chunk
            .iter()
            .fold(true, |printable, &b| printable & (b' '..b'\x7f').contains(&b))
    })
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
    fn a_link_is_wrapped_after_a_slash_whole() {
        assert_eq!(
            wrap_link("https://undocs.org/en/E/RES/2006/46", 34),
            ["https://undocs.org/en/E/RES/2006/", "46"]
        );
        assert_eq!(wrap_link("https://a.org/x", 40), ["https://a.org/x"]);
        assert_eq!(wrap_link("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // No '/' in the second half: after a '-', not inside a word.
        assert_eq!(
            wrap_link("https://a.org/science-technology-for-development", 30),
            ["https://a.org/science-", "technology-for-development"]
        );
        assert_eq!(wrap_link("ab", 0), ["a", "b"]);
    }

    #[test]
    fn a_host_that_fits_a_row_is_never_cut() {
        assert_eq!(
            wrap_link("https://www.itu.int/net/wsis/outcome/booklet/foreword.html", 18),
            [
                "https://",
                "www.itu.int/net/",
                "wsis/outcome/",
                "booklet/foreword.",
                "html"
            ]
        );
        // The host fits with the scheme: cut after the host as before.
        assert_eq!(
            wrap_link("https://undocs.org/en/E/RES/2006/46", 20),
            ["https://undocs.org/", "en/E/RES/2006/46"]
        );
        // A "://" further on (a link in a query string) is no scheme.
        assert_eq!(scheme_before_a_host_cut("www.a.org/?u=https://b.org/c", 10), None);
        assert_eq!(
            scheme_before_a_host_cut("https://www.itu.int/net/", 12),
            Some("https://".len())
        );
        // A host wider than a row is cut as any word.
        assert_eq!(
            wrap_link("https://abcdefgh.org/x", 6),
            ["https:", "//abcd", "efgh.", "org/x"]
        );
    }

    proptest::proptest! {
        #[test]
        fn a_wrapped_link_keeps_every_character_within_the_width(link in "[a-z/.:é界-]{0,90}", width in 1usize..50) {
            let rows = wrap_link(&link, width);
            proptest::prop_assert_eq!(rows.concat(), link);
            for row in &rows {
                let one_wide_char = row.chars().count() == 1;
                proptest::prop_assert!(row.width() <= width || one_wide_char, "{:?}", rows);
            }
        }
    }

    #[test]
    fn wrap_showing_all_keeps_the_indent_every_character_and_the_width() {
        assert_eq!(wrap_showing_all("    \"title\": \"x\",", 40), ["    \"title\": \"x\","]);
        let line = "available from https://unctad.org/topic/commission-on-science-and-technology-for-development";
        for width in [10, 30, 62] {
            let rows = wrap_showing_all(line, width);
            assert!(rows.iter().all(|row| row.width() <= width), "{rows:?}");
            let joined: String = rows.concat();
            assert_eq!(joined.replace(' ', ""), line.replace(' ', ""), "{width}: {rows:?}");
        }
    }

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
    fn a_column_cuts_only_the_symbols_that_do_not_fit() {
        assert_eq!(elide_symbol_start("A/RES/79/194", 10), "…/79/194");
        assert_eq!(elide_symbol_start("A/RES/79/1", 10), "A/RES/79/1");
        // A three-part symbol that fits keeps its parts (trial: "…/L.33").
        assert_eq!(elide_symbol_start("A/70/L.33", 11), "A/70/L.33");
        // A cut keeps as many trailing parts as fit.
        assert_eq!(elide_symbol_start("WSIS-03/GENEVA/DOC/4-E", 18), "…/GENEVA/DOC/4-E");
        assert_eq!(elide_symbol_start("WSIS-03/GENEVA/DOC/4-E", 12), "…/DOC/4-E");
        assert_eq!(elide_symbol_start("A/66/64–E/2011/77", 20), "A/66/64–E/2011/77");
    }

    /// A symbol of `/`-separated parts, as the data writes them.
    fn symbol_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("[A-Z][A-Z0-9.-]{0,7}(/[A-Za-z0-9.()-]{1,8}){0,5}").expect("valid pattern")
    }

    proptest::proptest! {
        /// Every symbol a column shows is whole or a "…"-led end of the
        /// symbol, never wider than the column, and whole where it fits.
        #[test]
        fn a_shown_symbol_is_whole_or_its_end(symbol in symbol_strategy(), width in 0usize..40) {
            let shown = elide_symbol_start(&symbol, width);
            proptest::prop_assert!(shown.width() <= width, "{symbol} at {width}: {shown}");
            if symbol.width() <= width {
                proptest::prop_assert_eq!(&shown, &symbol);
            } else if let Some(end) = shown.strip_prefix('…') {
                let bare = without_language_suffix(&symbol).unwrap_or(&symbol);
                proptest::prop_assert!(symbol.ends_with(end) || bare.ends_with(end), "{symbol} at {width}: {shown}");
            } else {
                proptest::prop_assert!(shown.is_empty(), "{symbol} at {width}: {shown}");
            }
        }

        /// A joint symbol ("A/66/64–E/2011/77") that does not fit is named
        /// by its first document's: "A/66/64–…", or that symbol as a column
        /// shows it alone; never a head of one and a tail of the other.
        #[test]
        fn a_cut_joint_symbol_shows_its_first_document(
            first in symbol_strategy(),
            second in symbol_strategy(),
            width in 0usize..40,
        ) {
            let joint = format!("{first}{JOINT}{second}");
            let shown = elide_symbol_start(&joint, width);
            proptest::prop_assert!(shown.width() <= width, "{joint} at {width}: {shown}");
            if joint.width() <= width {
                proptest::prop_assert_eq!(&shown, &joint);
            } else if shown != format!("{first}{JOINT}…") {
                proptest::prop_assert_eq!(&shown, &elide_symbol_start(&first, width), "{} at {}", joint, width);
            }
        }
    }

    proptest::proptest! {
        /// No cut ends in a blank before its "…", whatever the text and
        /// width, and a cut keeps a start of the text in the width.
        #[test]
        fn no_cut_leaves_a_blank_before_its_ellipsis(
            text in "[a-z ]{0,12}( [a-zé\u{301}]{1,6}){0,6}",
            width in 0usize..40,
        ) {
            for cut in [truncate(&text, width), fit(&text, width)] {
                proptest::prop_assert!(cut.width() <= width, "{cut:?}");
                if let Some(kept) = cut.trim_end_matches(' ').strip_suffix('…') {
                    proptest::prop_assert!(!kept.ends_with(char::is_whitespace), "{text:?} at {width}: {cut:?}");
                    proptest::prop_assert!(text.starts_with(kept), "{text:?} at {width}: {cut:?}");
                }
            }
        }
    }

    #[test]
    fn a_cut_after_a_word_ends_with_the_word() {
        assert_eq!(
            truncate("Geneva Declaration of Principles", 23),
            "Geneva Declaration of…"
        );
        assert_eq!(truncate("ab   cdef", 6), "ab…");
        assert_eq!(fit("ab   cdef", 6), "ab…   ");
    }

    #[test]
    fn a_number_cut_part_way_is_left_out_whole() {
        let note = "annual report requested by resolution 2006/46";
        assert_eq!(truncate(note, 43), "annual report requested by resolution…");
        assert_eq!(truncate("SG WSIS progress report 2020", 27), "SG WSIS progress report…");
        assert_eq!(truncate("ICT4D resolution, 68th session", 21), "ICT4D resolution…");
        // Whole, or alone, or a word without digits: cut as before.
        assert_eq!(truncate(note, 45), note);
        assert_eq!(truncate("2006/46 of 28 July", 6), "2006/…");
        assert_eq!(truncate("report 2020 of the SG", 12), "report 2020…");
        assert_eq!(truncate("the progress made", 12), "the progres…");
        // A whole number before punctuation is no cut number.
        assert_eq!(truncate("a 2006/46, more", 10), "a 2006/46…");
        assert_eq!(truncate("Report (2014) of", 14), "Report (2014)…");
        assert_eq!(truncate("resolution 2006/46 of", 17), "resolution…");
        // Nothing but marks before it, or a link: cut as before.
        assert_eq!(truncate(": 2006/46 x", 6), ": 200…");
        assert_eq!(
            truncate("copied the official link: https://undocs.org/en/E/RES/2006/46", 40),
            "copied the official link: https://undoc…"
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
    fn a_cut_symbol_keeps_its_year_and_number() {
        assert_eq!(elide_symbol("E/RES/2006/46", 13), "E/RES/2006/46");
        assert_eq!(elide_symbol("E/RES/2006/46", 11), "E/…/2006/46");
        assert_eq!(elide_symbol("E/RES/2006/46", 10), "…/2006/46");
        assert_eq!(elide_symbol("E/RES/2008/3", 9), "…/2008/3");
        assert_eq!(elide_symbol("WSIS-05/TUNIS/DOC/6(Rev.1)-E", 17), "…/DOC/6(Rev.1)-E");
        assert_eq!(elide_symbol("WSIS-03/GENEVA/DOC/4-E", 16), "…/GENEVA/DOC/4-E");
        assert_eq!(elide_symbol("WSIS-03/GENEVA/DOC/4-E", 15), "…/DOC/4-E");
        assert_eq!(elide_symbol("E/RES/2006/46", 5), "…6/46");
        // A cut past its last two parts drops the language suffix first.
        assert_eq!(elide_symbol_start("WSIS-05/TUNIS/DOC/6(Rev.1)-E", 10), "…/6(Rev.1)");
        assert_eq!(elide_symbol_start("WSIS-05/TUNIS/DOC/6(Rev.1)-E", 9), "…6(Rev.1)");
        assert_eq!(elide_symbol_start("WSIS-II/PC-3/DOC/5-E", 9), "…/DOC/5-E");
        assert_eq!(elide_symbol_start("WSIS-II/PC-3/DOC/5-E", 5), "…/5-E");
        // Never the symbol without its suffix whole, as if it were another.
        assert_eq!(elide_symbol_start("A0-C", 2), "…C");
        // Never the number alone: 2018/28 and 2021/28 stay apart.
        assert_eq!(elide_symbol("E/RES/2018/28", 6), "…18/28");
        assert_eq!(elide_symbol("E/RES/2021/28", 6), "…21/28");
        assert_eq!(elide_symbol("A/66/77–E/2011/103", 12), "A/66/77–…");
        assert_eq!(elide_symbol("A/66/77–E/2011/103", 8), "A/66/77");
        assert_eq!(elide_symbol("A/66/77–E/2011/103", 6), "…66/77");
        assert_eq!(elide_symbol("ABCDEFGHIJ", 4), "…HIJ");
        assert_eq!(elide_symbol("E/RES/2006/46", 0), "");
    }

    #[test]
    fn a_column_cuts_symbols_only_at_their_start() {
        assert_eq!(elide_symbol_start("A/RES/79/1", 9), "…/79/1");
        assert_eq!(elide_symbol_start("A/RES/79/194", 9), "…/79/194");
        assert_eq!(elide_symbol_start("E/RES/2006/46", 11), "…/2006/46");
        assert_eq!(elide_symbol_start("A/RES/79/1", 10), "A/RES/79/1");
        assert_eq!(elide_symbol_start("A/66/77–E/2011/103", 12), "A/66/77–…");
        for width in 0..20 {
            let shown = elide_symbol_start("WSIS-03/GENEVA/DOC/4-E", width);
            assert!(shown.width() <= width, "{shown} at {width}");
            assert!(!shown.contains("WSIS-03/…"), "{shown} at {width}");
        }
    }

    #[test]
    fn a_head_fits_its_columns_and_keeps_marks_with_their_letter() {
        assert_eq!(head("abcdef", 3), "abc");
        assert_eq!(head("abc", 5), "abc");
        assert_eq!(head("日本語", 3), "日");
        // "é" as e and a combining accent: both or neither.
        assert_eq!(head("cafe\u{301}s", 4), "cafe\u{301}");
        assert_eq!(head("cafe\u{301}s", 3), "caf");
        assert_eq!(head("abc", 0), "");
    }

    #[test]
    fn every_cut_symbol_fits_its_width() {
        for symbol in [
            "E/RES/2006/46",
            "WSIS-05/TUNIS/DOC/6(Rev.1)-E",
            "A/63/72–E/2008/48",
            "x",
        ] {
            for width in 0..30 {
                assert!(elide_symbol(symbol, width).width() <= width, "{symbol} at {width}");
            }
        }
    }

    #[test]
    fn sanitize_makes_control_characters_visible() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(sanitize("x\u{7}y\u{202e}z"), "x␇y�z");
    }
}
