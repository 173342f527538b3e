//! Aligned columns for a terminal: a header, every column as wide as its
//! widest cell, the last one (a title) taking what is left of the width and
//! cut with "…". Cells are sanitised: nothing from data acts on the terminal.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::output::terminal_width;
use crate::data::category::category;
use crate::data::model::TITLE_NOT_CONFIRMED;
use crate::search::{Hit, SearchIndex};
use crate::text::{fit, sanitized, truncate};

/// Spaces between two columns.
const GAP: &str = "  ";
/// The last column keeps at least this many columns, or this share of the
/// width (in percent) if more, cutting the others.
const MIN_LAST: usize = 12;
const MIN_LAST_PERCENT: usize = 40;

/// Writes rows under `headers` in at most `width` columns. The rows are
/// made twice (to size the columns, then to write them), so a long list is
/// never held in memory whole.
pub fn write_each<'r, R, C>(
    out: &mut impl Write,
    headers: &[&str],
    rows: impl Fn() -> R,
    width: usize,
) -> io::Result<()>
where
    R: Iterator<Item = C>,
    C: IntoIterator<Item = &'r str>,
{
    write_cut(out, headers, rows, width, truncate)
}

/// As [`write_each`], the last cell cut by `cut_last`.
fn write_cut<'r, R, C>(
    out: &mut impl Write,
    headers: &[&str],
    rows: impl Fn() -> R,
    width: usize,
    cut_last: fn(&str, usize) -> String,
) -> io::Result<()>
where
    R: Iterator<Item = C>,
    C: IntoIterator<Item = &'r str>,
{
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows() {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(sanitized(cell).width());
        }
    }
    let widths = fit_widths(widths, width);
    write_row(out, headers.iter().copied(), &widths, truncate)?;
    for row in rows() {
        write_row(out, row, &widths, cut_last)?;
    }
    Ok(())
}

/// `wsis search` as a table: how to name each hit, its category, its title,
/// and why it matched.
pub fn write_hits(index: &SearchIndex, hits: &[Hit], out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|hit| {
            let name = index.symbol(hit.item).unwrap_or(index.id(hit.item));
            let kind = category(index.category(hit.item)).map_or("", |c| c.abbrev);
            let title = match index.title(hit.item) {
                t if t.trim().is_empty() => TITLE_NOT_CONFIRMED,
                t => t,
            };
            let why = super::search::plain_why(&hit.matched);
            vec![name.to_string(), kind.to_string(), title.to_string(), why]
        })
        .collect();
    let cells = || rows.iter().map(|row| row.iter().map(String::as_str));
    write_cut(
        out,
        &["SYMBOL/ID", "CATEGORY", "TITLE", "WHY"],
        cells,
        terminal_width(),
        cut_why,
    )
}

/// Columns of context kept before the first matched word when a "why" is
/// cut from the left.
const CONTEXT_BEFORE_MATCH: usize = 12;

/// A "why" in `width` columns that still shows its first matched word:
/// "points: …UNGIS and [A/RES/80/173]…" rather than the start of a long
/// text cut before the match.
fn cut_why(why: &str, width: usize) -> String {
    let Some(mark) = why.find('[') else {
        return truncate(why, width);
    };
    let field_end = why.find(": ").map_or(0, |colon| colon + 2);
    let mark_end = why[mark..].find(']').map_or(why.len(), |end| mark + end + 1);
    if why[..mark_end].width() <= width || mark < field_end {
        return truncate(why, width);
    }
    let from = why[field_end..mark]
        .char_indices()
        .rev()
        .scan(0, |used, (at, c)| {
            *used += c.to_string().width();
            Some((at, *used))
        })
        .take_while(|&(_, used)| used <= CONTEXT_BEFORE_MATCH)
        .last()
        .map_or(mark, |(at, _)| field_end + at);
    // Start at a word, not inside one ("…under [X]", not "…ariat under [X]").
    let from = why[from..mark].find(' ').map_or(from, |space| from + space + 1);
    truncate(&format!("{}…{}", &why[..field_end], &why[from..]), width)
}

fn write_row<'r>(
    out: &mut impl Write,
    row: impl IntoIterator<Item = &'r str>,
    widths: &[usize],
    cut_last: fn(&str, usize) -> String,
) -> io::Result<()> {
    let last = widths.len().saturating_sub(1);
    let cells: Vec<String> = row
        .into_iter()
        .zip(widths)
        .enumerate()
        // The last cell is cut, not padded: no trailing spaces.
        .map(|(i, (cell, &w))| {
            let cell = sanitized(cell);
            if i == last { cut_last(&cell, w) } else { fit(&cell, w) }
        })
        .collect();
    writeln!(out, "{}", cells.join(GAP))
}

/// Each column as wide as its widest cell (`widths`); when that is too
/// wide, the last column gives way down to [`MIN_LAST`], then the widest
/// others.
fn fit_widths(mut widths: Vec<usize>, width: usize) -> Vec<usize> {
    let Some(last) = widths.len().checked_sub(1) else {
        return widths;
    };
    let gaps = GAP.len() * last;
    let fixed = |widths: &[usize]| widths[..last].iter().sum::<usize>() + gaps;
    let min_last = MIN_LAST.max(width * MIN_LAST_PERCENT / 100).min(widths[last]);
    while fixed(&widths) + min_last > width {
        let Some((widest, _)) = widths[..last].iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if widths[widest] <= 1 {
            break;
        }
        widths[widest] -= 1;
    }
    widths[last] = widths[last].min(width.saturating_sub(fixed(&widths)).max(1));
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(rows: &[[&str; 3]], width: usize) -> String {
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let mut out = Vec::new();
        let cells = || rows.iter().map(|row| row.iter().map(String::as_str));
        write_each(&mut out, &["NAME", "DATE", "TITLE"], cells, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_align_and_the_last_is_cut_to_the_width() {
        let text = render(
            &[
                ["A/RES/70/125", "2015-12-16", "A rather long title that will not fit"],
                ["itu", "-", "ITU"],
            ],
            44,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME          DATE        TITLE");
        assert_eq!(lines[1], "A/RES/70/125  2015-12-16  A rather long tit…");
        assert_eq!(lines[2], "itu           -           ITU");
        assert!(lines.iter().all(|l| l.width() <= 44));
    }

    #[test]
    fn a_narrow_terminal_cuts_the_other_columns_too() {
        let text = render(&[["A/66/64–E/2011/77", "2011-05", "Progress made"]], 24);
        assert!(text.lines().all(|l| l.width() <= 24), "{text}");
        assert!(text.contains('…'));
    }

    #[test]
    fn a_cut_why_keeps_its_first_match_in_view() {
        let why = "points: Permanent member of UNGIS sharing its rotating chairmanship, as [A/RES/80/173] says";
        let cut = cut_why(why, 50);
        assert!(cut.width() <= 50, "{cut}");
        assert!(cut.starts_with("points: …"), "{cut}");
        assert!(cut.contains("[A/RES/80/173]"), "{cut}");
        // Room enough, or a match at the start: cut at the end as before.
        assert_eq!(cut_why(why, 200), why);
        let early = "title: [Internet] Governance Forum, its first meeting in Athens";
        assert_eq!(cut_why(early, 30), truncate(early, 30));
        assert_eq!(
            cut_why("title: no mark here at all", 12),
            truncate("title: no mark here at all", 12)
        );
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text = render(&[["x\u{1b}[2J", "-", "t\u{9b}1m\u{202e}"]], 80);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(!text.contains('\u{202e}'));
    }
}
