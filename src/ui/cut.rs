//! The one way the UI cuts a styled line that is too wide: it ends with
//! "…", as lazygit's and k9s's cells do, never with a bare cut word that
//! reads as a typo ("Bodies and fora · dat"). ratatui clips text at an
//! area's edge without a mark; every line that may not fit comes here
//! first.

use ratatui::text::{Line, Span, Text};

use crate::text::head;

/// What ends a cut line.
const ELLIPSIS: &str = "…";

/// `line` in at most `width` columns: as it is when it fits, else cut and
/// ended by "…" in the style of the span it cuts.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let Line {
        spans,
        style,
        alignment,
        ..
    } = line;
    // The ellipsis takes the last column.
    let room = width.saturating_sub(1);
    let mut kept = Vec::new();
    let mut used = 0;
    for span in spans {
        let span_width = span.width();
        if used + span_width <= room {
            used += span_width;
            kept.push(span);
            continue;
        }
        if width > 0 {
            let cut = head(&span.content, room - used).trim_end();
            if cut.is_empty() {
                trim_end_of(&mut kept);
            }
            kept.push(Span::styled(format!("{cut}{ELLIPSIS}"), span.style));
        }
        break;
    }
    let mut fitted = Line::from(kept).style(style);
    fitted.alignment = alignment;
    fitted
}

/// Drops the blanks that end the `spans` kept: the "…" that follows them
/// then ends the last word, never a space ("word …").
fn trim_end_of(spans: &mut Vec<Span<'_>>) {
    while let Some(last) = spans.last_mut() {
        let trimmed = last.content.trim_end();
        // An empty span hides the blanks before it: it goes too.
        if trimmed.is_empty() {
            spans.pop();
        } else if trimmed.len() == last.content.len() {
            return;
        } else {
            last.content = trimmed.to_string().into();
            return;
        }
    }
}

/// Every line of `text` fitted to `width` as [`fit_line`] does.
pub fn fit_text(text: Text<'_>, width: usize) -> Text<'_> {
    let Text {
        lines,
        style,
        alignment,
        ..
    } = text;
    let mut fitted = Text::from(lines.into_iter().map(|line| fit_line(line, width)).collect::<Vec<_>>()).style(style);
    fitted.alignment = alignment;
    fitted
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Style, Stylize};

    use super::*;

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cut_at_the_start_of_a_span_leaves_no_space_before_the_ellipsis() {
        let line = Line::from(vec![Span::raw("abc"), Span::raw(" "), Span::raw("  defgh")]);
        assert_eq!(plain(&fit_line(line, 6)), "abc…");
        let line = Line::from(vec![Span::raw("abc  "), Span::raw("  defgh")]);
        assert_eq!(plain(&fit_line(line, 7)), "abc…");
    }

    proptest::proptest! {
        /// However a line's words fall into spans, a cut never leaves a
        /// blank before its "…".
        #[test]
        fn no_cut_line_ends_in_a_blank_before_its_ellipsis(
            spans in proptest::collection::vec("[a-z ]{0,7}", 0..6),
            width in 0usize..30,
        ) {
            let line = Line::from(spans.iter().map(|s| Span::raw(s.as_str())).collect::<Vec<_>>());
            let cut = plain(&fit_line(line, width));
            proptest::prop_assert!(!cut.ends_with(" …"), "{spans:?} at {width}: {cut:?}");
            proptest::prop_assert!(unicode_width::UnicodeWidthStr::width(cut.as_str()) <= width, "{cut:?}");
        }
    }

    #[test]
    fn a_line_that_fits_is_left_alone() {
        let line = Line::from(vec![Span::raw("abc"), Span::raw("def")]);
        assert_eq!(fit_line(line.clone(), 6), line);
    }

    #[test]
    fn a_cut_line_ends_with_an_ellipsis_within_its_width() {
        let line = Line::from(vec![Span::raw("Bodies and fora"), Span::raw(" · data")]);
        let cut = fit_line(line, 20);
        assert_eq!(plain(&cut), "Bodies and fora · d…");
        assert_eq!(cut.width(), 20);
        // A cut at a span's end still marks that more followed.
        let line = Line::from(vec![Span::raw("abc"), Span::raw("def")]);
        assert_eq!(plain(&fit_line(line, 4)), "abc…");
        // No space left hanging before the mark.
        assert_eq!(
            plain(&fit_line(Line::raw("Geneva Declaration of Principles"), 23)),
            "Geneva Declaration of…"
        );
        assert_eq!(plain(&fit_line(Line::raw("abc"), 1)), "…");
        assert_eq!(plain(&fit_line(Line::raw("abc"), 0)), "");
    }

    #[test]
    fn the_ellipsis_takes_the_style_of_the_span_it_cuts() {
        let line = Line::from(vec![Span::raw("ab"), "cdef".bold()]);
        let cut = fit_line(line, 4);
        assert_eq!(cut.spans.last().unwrap().content, "c…");
        assert_eq!(cut.spans.last().unwrap().style, Style::new().bold());
    }

    #[test]
    fn wide_characters_are_never_split() {
        for width in 0..8 {
            let cut = fit_line(Line::raw("日本語の文書"), width);
            assert!(cut.width() <= width, "{width}: {}", plain(&cut));
        }
    }

    #[test]
    fn every_line_of_a_text_is_fitted() {
        let text = Text::from(vec![Line::raw("short"), Line::raw("a line too long")]);
        let fitted = fit_text(text, 8);
        assert_eq!(plain(&fitted.lines[0]), "short");
        assert_eq!(plain(&fitted.lines[1]), "a line…");
    }
}
