//! A few words of long text around a match: the summary or key point that
//! matched shows why an item was found, without the whole paragraph.

use std::ops::Range;

/// Context kept before the match an excerpt is for, as a share of it.
const LEAD_SHARE: usize = 3;

/// The shortest excerpt worth showing.
const MIN_CHARS: usize = 8;

/// An excerpt: the text shown, the matches in it (char ranges, moved to
/// match and clipped to what is shown), which of them it was cut for
/// (see [`window`]), and the chars of the whole text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub ranges: Vec<Range<usize>>,
    pub focus: usize,
    pub span: Range<usize>,
}

/// `text` cut to at most `max_chars` chars around `ranges[focus]` (the
/// match the excerpt is shown for; the first if there is no such range)
/// of `ranges` (char ranges, sorted), starting at a word, with "…" where
/// cut.
pub fn window(text: &str, ranges: &[Range<usize>], focus: usize, max_chars: usize) -> Excerpt {
    let focus = if focus < ranges.len() { focus } else { 0 };
    let (shown, clipped, span) = cut(text, ranges, focus, max_chars);
    // Clipping keeps the order: the focus moves back by the ranges before
    // it that were cut off.
    let dropped = ranges[..focus].iter().filter(|r| !overlaps(r, &span)).count();
    Excerpt {
        text: shown,
        focus: (focus - dropped).min(clipped.len().saturating_sub(1)),
        ranges: clipped,
        span,
    }
}

/// Whether `clip` keeps some of `range` within `span`.
fn overlaps(range: &Range<usize>, span: &Range<usize>) -> bool {
    range.start.max(span.start) < range.end.min(span.end)
}

/// [`window`]'s text, ranges and span.
fn cut(
    text: &str,
    ranges: &[Range<usize>],
    focus: usize,
    max_chars: usize,
) -> (String, Vec<Range<usize>>, Range<usize>) {
    if text.len() <= max_chars {
        // Fewer bytes than the room: fewer chars too.
        let len = text.chars().count();
        return (text.to_string(), clip(ranges, 0, len, 0), 0..len);
    }
    // Char indices to byte offsets without collecting the chars: this runs
    // for every hit `wsis search` prints, and most text is ASCII.
    let ascii = text.is_ascii();
    let byte_at = |index: usize| {
        if ascii {
            index.min(text.len())
        } else {
            text.char_indices().nth(index).map_or(text.len(), |(byte, _)| byte)
        }
    };
    let char_count = if ascii { text.len() } else { text.chars().count() };
    if char_count <= max_chars || max_chars < MIN_CHARS {
        let end = char_count.min(max_chars);
        return (text[..byte_at(end)].to_string(), clip(ranges, 0, end, 0), 0..end);
    }
    let first = ranges.get(focus).map_or(0, |r| r.start);
    let mut start = first.saturating_sub(max_chars / LEAD_SHARE);
    // Start at a word, unless that would lose the match.
    if start > 0 && start < first {
        let mut before = text[byte_at(start - 1)..].chars();
        while start < first && !before.next().is_some_and(char::is_whitespace) {
            start += 1;
        }
    }
    let cut_front = start > 0;
    let room = max_chars - usize::from(cut_front);
    let mut end = (start + room).min(char_count);
    let cut_back = end < char_count;
    if cut_back {
        end = before_cut_match(ranges, first, end - 1);
    }
    let middle = text.get(byte_at(start)..byte_at(end)).unwrap_or_default().trim_end();
    let mut shown = String::with_capacity(middle.len() + 2 * '…'.len_utf8());
    if cut_front {
        shown.push('…');
    }
    shown.push_str(middle);
    if cut_back {
        shown.push('…');
    }
    (shown, clip(ranges, start, end, usize::from(cut_front)), start..end)
}

/// Where a text cut at `end` stops: before a later match the cut would
/// fall inside, so no word shows half marked ("Global [Digital] [Com]…");
/// the match the text is cut for (at `first`) is kept even if cut, as it
/// is why the text is shown.
fn before_cut_match(ranges: &[Range<usize>], first: usize, end: usize) -> usize {
    ranges
        .iter()
        .find(|r| r.start > first && r.start < end && end < r.end)
        .map_or(end, |r| r.start)
}

/// `ranges` within `start..end`, moved to start at `shift`.
fn clip(ranges: &[Range<usize>], start: usize, end: usize, shift: usize) -> Vec<Range<usize>> {
    ranges
        .iter()
        .filter_map(|r| {
            let (from, to) = (r.start.max(start), r.end.min(end));
            (from < to).then(|| from - start + shift..to - start + shift)
        })
        .collect()
}

// One-element lists of char ranges are meant: one match each.
#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn marked(text: &str, ranges: &[Range<usize>]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        ranges.iter().map(|r| chars[r.clone()].iter().collect()).collect()
    }

    #[test]
    fn shows_words_around_the_match_with_ellipses() {
        let text = "The Commission reviews progress every year and reports to the Council on the follow-up of the Summit outcomes.";
        let at = text.find("Council").unwrap();
        let Excerpt {
            text: shown, ranges, ..
        } = window(text, &[at..at + 7], 0, 40);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), 40, "{shown}");
        assert_eq!(marked(&shown, &ranges), ["Council"]);
    }

    #[test]
    fn short_text_is_kept_whole() {
        let Excerpt {
            text: shown, ranges, ..
        } = window("Projets en Côte d'Ivoire", &[11..15], 0, 80);
        assert_eq!(shown, "Projets en Côte d'Ivoire");
        assert_eq!(marked(&shown, &ranges), ["Côte"]);
    }

    /// The window as first written, over a collected `Vec<char>`: the
    /// faster one must cut exactly as it did.
    fn window_over_chars(
        text: &str,
        ranges: &[Range<usize>],
        focus: usize,
        max_chars: usize,
    ) -> (String, Vec<Range<usize>>, Range<usize>) {
        let chars: Vec<char> = text.chars().collect();
        if text.len() <= max_chars || chars.len() <= max_chars || max_chars < MIN_CHARS {
            let end = chars.len().min(max_chars);
            return (chars[..end].iter().collect(), clip(ranges, 0, end, 0), 0..end);
        }
        let first = ranges.get(focus).map_or(0, |r| r.start);
        let mut start = first.saturating_sub(max_chars / LEAD_SHARE);
        while start > 0 && start < first && !chars[start - 1].is_whitespace() {
            start += 1;
        }
        let cut_front = start > 0;
        let mut end = (start + max_chars - usize::from(cut_front)).min(chars.len());
        let cut_back = end < chars.len();
        if cut_back {
            end = before_cut_match(ranges, first, end - 1);
        }
        let mut shown: String = if cut_front { "…".into() } else { String::new() };
        shown.push_str(chars[start..end].iter().collect::<String>().trim_end());
        if cut_back {
            shown.push('…');
        }
        (shown, clip(ranges, start, end, usize::from(cut_front)), start..end)
    }

    proptest::proptest! {
        #[test]
        fn cuts_as_over_collected_chars(
            text in "[a-z ée\\n]{0,200}",
            starts in proptest::collection::btree_set(0usize..200, 0..4),
            len in 1usize..12,
            focus in 0usize..4,
            max_chars in 0usize..130,
        ) {
            let chars = text.chars().count();
            let ranges: Vec<Range<usize>> = starts.into_iter().filter(|&s| s < chars).map(|s| s..(s + len).min(chars)).collect();
            let focus = if focus < ranges.len() { focus } else { 0 };
            let excerpt = window(&text, &ranges, focus, max_chars);
            proptest::prop_assert_eq!(
                (excerpt.text, excerpt.ranges, excerpt.span),
                window_over_chars(&text, &ranges, focus, max_chars)
            );
        }
    }

    #[test]
    fn a_cut_never_leaves_a_later_match_half_marked() {
        let text = "cooperation and the new responsibilities that the Global Digital Compact gives to all";
        let word = |w: &str| text.find(w).map(|at| at..at + w.len()).unwrap();
        let ranges = [word("Digital"), word("Compact")];
        for max_chars in MIN_CHARS..text.len() {
            let Excerpt {
                text: shown,
                ranges: marks,
                ..
            } = window(text, &ranges, 0, max_chars);
            let marked = marked(&shown, &marks);
            assert!(!shown.contains(" …"), "{max_chars}: {shown}");
            assert!(
                marked.iter().skip(1).all(|m| m == "Compact"),
                "{max_chars}: {shown} marks {marked:?}"
            );
        }
    }

    #[test]
    fn an_excerpt_is_centred_on_the_match_it_is_for_not_the_first() {
        let text = format!(
            "The 2025 edition {} closes with the annual report of the Commission.",
            "and more words ".repeat(12)
        );
        let word = |w: &str| text.find(w).map(|at| at..at + w.len()).unwrap();
        let ranges = [word("2025"), word("annual"), word("report")];
        for max_chars in [30, 40, 60] {
            let excerpt = window(&text, &ranges, 1, max_chars);
            let marked = marked(&excerpt.text, &excerpt.ranges);
            assert_eq!(marked[excerpt.focus], "annual", "{max_chars}: {}", excerpt.text);
            assert!(!marked.contains(&"2025".to_string()), "{}", excerpt.text);
            // Cut for the first, the same text shows no "annual".
            let first = window(&text, &ranges, 0, max_chars);
            assert!(!first.text.contains("annual"), "{}", first.text);
        }
    }

    #[test]
    fn a_match_past_the_window_is_clipped() {
        let text = "a ".repeat(50);
        let Excerpt {
            text: shown,
            ranges,
            span,
            ..
        } = window(&text, &[0..1, 98..99], 0, 20);
        assert!(shown.chars().count() <= 20);
        assert_eq!(ranges, [0..1]);
        assert!(span.start == 0 && span.end <= 20, "{span:?}");
    }
}
