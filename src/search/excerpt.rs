//! A few words of long text around a match: the summary or key point that
//! matched shows why an item was found, without the whole paragraph.

use std::ops::Range;

/// Context kept before the first match, as a share of the excerpt.
const LEAD_SHARE: usize = 3;

/// The shortest excerpt worth showing.
const MIN_CHARS: usize = 8;

/// `text` cut to at most `max_chars` chars around the first of `ranges`
/// (char ranges, sorted), starting at a word, with "…" where cut; the
/// ranges are moved to match and clipped to what is shown; and the chars
/// of `text` shown.
pub fn window(text: &str, ranges: &[Range<usize>], max_chars: usize) -> (String, Vec<Range<usize>>, Range<usize>) {
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
    let first = ranges.first().map_or(0, |r| r.start);
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
/// the first match (`first`) is kept even if cut, as it is why the text
/// is shown.
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
        let (shown, ranges, _) = window(text, &[at..at + 7], 40);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(shown.chars().count(), 40, "{shown}");
        assert_eq!(marked(&shown, &ranges), ["Council"]);
    }

    #[test]
    fn short_text_is_kept_whole() {
        let (shown, ranges, _) = window("Projets en Côte d'Ivoire", &[11..15], 80);
        assert_eq!(shown, "Projets en Côte d'Ivoire");
        assert_eq!(marked(&shown, &ranges), ["Côte"]);
    }

    /// The window as first written, over a collected `Vec<char>`: the
    /// faster one must cut exactly as it did.
    fn window_over_chars(
        text: &str,
        ranges: &[Range<usize>],
        max_chars: usize,
    ) -> (String, Vec<Range<usize>>, Range<usize>) {
        let chars: Vec<char> = text.chars().collect();
        if text.len() <= max_chars || chars.len() <= max_chars || max_chars < MIN_CHARS {
            let end = chars.len().min(max_chars);
            return (chars[..end].iter().collect(), clip(ranges, 0, end, 0), 0..end);
        }
        let first = ranges.first().map_or(0, |r| r.start);
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
            first in 0usize..200,
            len in 1usize..12,
            max_chars in 0usize..130,
        ) {
            let chars = text.chars().count();
            let ranges: Vec<Range<usize>> = (first < chars).then(|| first..(first + len).min(chars)).into_iter().collect();
            proptest::prop_assert_eq!(window(&text, &ranges, max_chars), window_over_chars(&text, &ranges, max_chars));
        }
    }

    #[test]
    fn a_cut_never_leaves_a_later_match_half_marked() {
        let text = "cooperation and the new responsibilities that the Global Digital Compact gives to all";
        let word = |w: &str| text.find(w).map(|at| at..at + w.len()).unwrap();
        let ranges = [word("Digital"), word("Compact")];
        for max_chars in MIN_CHARS..text.len() {
            let (shown, marks, _) = window(text, &ranges, max_chars);
            let marked = marked(&shown, &marks);
            assert!(!shown.contains(" …"), "{max_chars}: {shown}");
            assert!(
                marked.iter().skip(1).all(|m| m == "Compact"),
                "{max_chars}: {shown} marks {marked:?}"
            );
        }
    }

    #[test]
    fn a_match_past_the_window_is_clipped() {
        let text = "a ".repeat(50);
        let (shown, ranges, span) = window(&text, &[0..1, 98..99], 20);
        assert!(shown.chars().count() <= 20);
        assert_eq!(ranges, [0..1]);
        assert!(span.start == 0 && span.end <= 20, "{span:?}");
    }
}
