//! Aligned columns for a terminal: a header, every column as wide as its
//! widest cell, the last one (a title) taking what is left of the width and
//! cut with "…". Cells are sanitised: nothing from data acts on the terminal.

use std::io::{self, Write};
use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::output::terminal_width;
use crate::data::category::category;
use crate::data::model::TITLE_NOT_CONFIRMED;
use crate::search::{Field, Hit, Matched, SearchIndex};
use crate::text::{cluster_start_from, elide_symbol, fit, sanitized, truncate};

/// Spaces between two columns.
const GAP: &str = "  ";
/// The last column keeps at least this many columns, or this share of the
/// width (in percent) if more, cutting the others.
const MIN_LAST: usize = 12;
const MIN_LAST_PERCENT: usize = 40;

/// How a cell wider than its column is cut to `width` columns.
pub type Cut = fn(&str, usize) -> String;

/// A column: its header, and how its cells are cut when too wide.
#[derive(Clone, Copy)]
pub struct Column<'h> {
    pub header: &'h str,
    pub cut: Cut,
}

/// The SYMBOL/ID column: a cut symbol keeps its distinctive end
/// ("…/2006/46"), not its shared start ("A/RES/8…"); an id (no `/`) its
/// start, which names it ("sg-report-2…", not "…ort-2013").
pub const SYMBOL_COLUMN: Column<'static> = Column {
    header: "SYMBOL/ID",
    cut: elide_handle,
};

fn elide_handle(handle: &str, width: usize) -> String {
    if handle.contains('/') {
        elide_symbol(handle, width)
    } else {
        truncate(handle, width)
    }
}

/// A column cut at the end with "…".
pub const fn plain(header: &str) -> Column<'_> {
    Column { header, cut: truncate }
}

/// Writes rows under `columns` in at most `width` columns. The rows are
/// made twice (to size the columns, then to write them), so a long list is
/// never held in memory whole.
pub fn write_each<'r, R, C>(
    out: &mut impl Write,
    columns: &[Column],
    rows: impl Fn() -> R,
    width: usize,
) -> io::Result<()>
where
    R: Iterator<Item = C>,
    C: IntoIterator<Item = &'r str>,
{
    let widths = fit_widths(natural_widths(columns, rows()), width);
    write_header(out, columns, &widths)?;
    for row in rows() {
        write_row(out, row, columns, &widths, |cell, w| {
            (columns[columns.len() - 1].cut)(cell, w)
        })?;
    }
    Ok(())
}

/// Every column as wide as its widest cell or header.
fn natural_widths<'r, C: IntoIterator<Item = &'r str>>(
    columns: &[Column],
    rows: impl Iterator<Item = C>,
) -> Vec<usize> {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.header.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(sanitized(cell).width());
        }
    }
    widths
}

fn write_header(out: &mut impl Write, columns: &[Column], widths: &[usize]) -> io::Result<()> {
    let plain: Vec<Column> = columns.iter().map(|c| plain(c.header)).collect();
    write_row(out, columns.iter().map(|c| c.header), &plain, widths, truncate)
}

/// The DATE column of `search`'s table is shown only whole, and only when
/// the title keeps at least this many columns beside it (or all it needs).
const MIN_TITLE_BESIDE_DATE: usize = 24;

/// `wsis search` as a table: how to name each hit, its category, its date
/// when there is room, its title (the short one where the item has one),
/// and why it matched; all read from the index.
pub fn write_hits(index: &SearchIndex, hits: &[Hit], out: &mut impl Write) -> io::Result<()> {
    write_hits_in(index, hits, terminal_width(), out)
}

/// [`write_hits`] in `width` columns.
fn write_hits_in(index: &SearchIndex, hits: &[Hit], width: usize, out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<(Vec<String>, WhyMarks)> = hits.iter().map(|hit| hit_row(index, hit)).collect();
    let all = [
        SYMBOL_COLUMN,
        plain("CATEGORY"),
        plain("DATE"),
        plain("TITLE"),
        plain("WHY"),
    ];
    let natural = natural_widths(&all, rows.iter().map(|(row, _)| row.iter().map(String::as_str)));
    let handles = rows.iter().map(|(row, _)| row[HIT_HANDLE].as_str());
    let any_dated = rows.iter().any(|(row, _)| row[HIT_DATE] != MISSING);
    let (shown, widths) = hit_widths(natural, any_dated, width, handles);
    let columns: Vec<Column> = all.into_iter().zip(shown).filter(|&(_, s)| s).map(|(c, _)| c).collect();
    write_header(out, &columns, &widths)?;
    for (row, marks) in &rows {
        let cells = row.iter().zip(shown).filter(|&(_, s)| s).map(|(cell, _)| cell.as_str());
        write_row(out, cells, &columns, &widths, |last, w| match shown[HIT_WHY] {
            true => cut_why(last, &marks.0, marks.1, w),
            false => truncate(last, w),
        })?;
    }
    Ok(())
}

/// A why narrower than this says little ("…[review] of th…"): at such
/// widths the why column goes before the names, dates and titles are cut.
const MIN_WHY_SHOWN: usize = 24;

/// Which of the hit columns (handle, category, date, title, why) are shown
/// in `width` columns, and their widths, from their `natural` ones. With
/// room for a why of [`MIN_WHY_SHOWN`], every column but an unfitting
/// date; else no why, and the names (`handles`) whole where the title
/// keeps [`MIN_TITLE_READABLE`] beside them.
fn hit_widths<'h>(
    natural: Vec<usize>,
    any_dated: bool,
    width: usize,
    handles: impl Iterator<Item = &'h str> + Clone,
) -> ([bool; 5], Vec<usize>) {
    let fair_handle = fair_handle_width(handles, natural[HIT_HANDLE], width);
    let mut with_why = natural.clone();
    with_why[HIT_HANDLE] = fair_handle;
    let (shown, widths) = with_or_without_date(with_why, any_dated, width, [true; 5], fit_hit_widths);
    if widths
        .last()
        .is_some_and(|&why| why >= MIN_WHY_SHOWN.min(natural[HIT_WHY]))
    {
        return (shown, widths);
    }
    let mut without_why = natural[..HIT_WHY].to_vec();
    let beside_title = without_why[..HIT_DATE].iter().sum::<usize>() + GAP.len() * HIT_DATE;
    if width.saturating_sub(beside_title) < MIN_TITLE_READABLE.min(natural[HIT_TITLE]) {
        without_why[HIT_HANDLE] = fair_handle;
    }
    let mut shown = [true; 5];
    shown[HIT_WHY] = false;
    with_or_without_date(without_why, any_dated, width, shown, fit_widths)
}

/// The DATE column of `search`'s table is shown beside a why only when
/// the why keeps at least this many columns (or all it needs): a field's
/// name and a match with some words around it ("summary: …the WSIS+20
/// [review] in [2025]."). The why says why a hit is there; the date is
/// a detail `show` gives.
const MIN_WHY_BESIDE_DATE: usize = 40;

/// `natural` widths fitted to `width` by `fit`, with the DATE column only
/// if some row has a date, it is whole, it cuts no name, the title keeps
/// [`MIN_TITLE_BESIDE_DATE`] (or all it needs) beside it, and a why keeps
/// [`MIN_WHY_BESIDE_DATE`] (or all it needs).
fn with_or_without_date(
    mut natural: Vec<usize>,
    any_dated: bool,
    width: usize,
    mut shown: [bool; 5],
    fit: fn(Vec<usize>, usize) -> Vec<usize>,
) -> ([bool; 5], Vec<usize>) {
    let widths = fit(natural.clone(), width);
    let dated = any_dated
        && widths[HIT_HANDLE] == natural[HIT_HANDLE]
        && widths[HIT_DATE] == natural[HIT_DATE]
        && widths[HIT_TITLE] >= MIN_TITLE_BESIDE_DATE.min(natural[HIT_TITLE])
        && (!shown[HIT_WHY] || widths[HIT_WHY] >= MIN_WHY_BESIDE_DATE.min(natural[HIT_WHY]));
    if dated {
        return (shown, widths);
    }
    shown[HIT_DATE] = false;
    natural.remove(HIT_DATE);
    (shown, fit(natural, width))
}

/// The SYMBOL/ID column keeps at most this share of the width (in
/// percent) when its cut names still tell the rows apart; else as much
/// as that takes, up to its widest name.
const HANDLE_FAIR_PERCENT: usize = 25;

/// The width of the SYMBOL/ID column of `handles`, whose widest is
/// `natural`: a long id ("unesco-connecting-the-dots-2015") gives way to
/// the title past a fair share of `width`, but only as far as every row
/// still names its item apart from the others.
fn fair_handle_width<'h>(handles: impl Iterator<Item = &'h str> + Clone, natural: usize, width: usize) -> usize {
    let fair = width * HANDLE_FAIR_PERCENT / 100;
    let distinct = |w: usize| {
        let mut seen = rustc_hash::FxHashSet::default();
        handles
            .clone()
            .all(|handle| seen.insert((SYMBOL_COLUMN.cut)(handle, w)))
    };
    if natural <= fair || !distinct(natural) {
        return natural;
    }
    // A halving search: a few passes over the rows, not one per width
    // (`search` has no row limit). Cuts that elide symbols need not tell
    // rows apart at every width above one that does, so the width found
    // may not be the narrowest, but it always tells them apart.
    let floor = fair.max(SYMBOL_COLUMN.header.chars().count());
    if floor >= natural {
        return natural;
    }
    if distinct(floor) {
        return floor;
    }
    let (mut apart, mut merged) = (natural, floor);
    while apart - merged > 1 {
        let middle = merged + (apart - merged) / 2;
        if distinct(middle) {
            apart = middle
        } else {
            merged = middle
        }
    }
    apart
}

/// A hit's cells, sanitized, and where the marked words are in the last.
/// Where a why's marked words are (byte ranges, in order), and which of
/// them it is cut around (see [`cut_why`]).
type WhyMarks = (Vec<Range<usize>>, usize);

fn hit_row(index: &SearchIndex, hit: &Hit) -> (Vec<String>, WhyMarks) {
    let id = index.id(hit.item);
    let name = index.symbol(hit.item).unwrap_or(id);
    let kind = category(index.category(hit.item)).map_or("", |c| c.abbrev);
    let date = index.date_as_written(hit.item).unwrap_or(MISSING);
    // As `wsis list` and the browser name it: the short title first.
    let title = match index.short_title(hit.item).unwrap_or_else(|| index.title(hit.item)) {
        t if t.trim().is_empty() => TITLE_NOT_CONFIRMED,
        t => t,
    };
    // The title column shows the title: the why does not repeat it.
    let beside: Vec<Matched> = hit
        .matched
        .iter()
        .filter(|m| !(m.field == Field::Title && title.contains(m.text.trim_matches('…'))))
        .cloned()
        .collect();
    // Sanitized here, char for char, so the marks' places hold.
    let (why, marks) = match beside.is_empty() && !hit.matched.is_empty() {
        true => (Field::Title.name().to_string(), (Vec::new(), 0)),
        false => {
            let marked = super::search::marked_why(&beside, sanitized);
            (marked.text, (marked.marks, marked.focus))
        }
    };
    let cells = [name, kind, date, title].map(|cell| sanitized(cell).into_owned());
    (cells.into_iter().chain([why]).collect(), marks)
}

/// Where the name, the date and the title are among a hit's cells.
const HIT_HANDLE: usize = 0;
const HIT_DATE: usize = 2;
const HIT_TITLE: usize = 3;
const HIT_WHY: usize = 4;

/// Printed for a missing date.
const MISSING: &str = "-";

/// Columns of context kept before the matched word a "why" is cut
/// around when it is cut from the left.
const CONTEXT_BEFORE_MATCH: usize = 12;

/// A "why" in `width` columns that still shows the matched word its first
/// text was cut for (at `marks[focus]`, its brackets included; the first
/// mark if there is no such one): "points: …UNGIS and [A/RES/80/173]…"
/// rather than the start of a long text cut before the match, nor an
/// earlier word of another field's. A cut never falls inside a mark
/// (`[Compac…`): the mark goes whole. Brackets from the data are text
/// like any other.
fn cut_why(why: &str, marks: &[Range<usize>], focus: usize, width: usize) -> String {
    let sound = |m: &&Range<usize>| m.end <= why.len() && why.is_char_boundary(m.start) && why.is_char_boundary(m.end);
    let Some(mark) = marks
        .get(focus)
        .filter(sound)
        .or_else(|| marks.iter().find(sound))
        .cloned()
    else {
        return truncate(why, width);
    };
    let marks: Vec<Range<usize>> = marks.iter().filter(sound).cloned().collect();
    let field_end = why.find(": ").map_or(0, |colon| colon + 2);
    // A cut at the end needs a column for its "…" when text follows.
    let to_mark_end = why[..mark.end].width() + usize::from(mark.end < why.len());
    if to_mark_end <= width || mark.start < field_end {
        return cut_outside_marks(why, &marks, width);
    }
    // Less context in a narrow column, so the match itself shows.
    let after = usize::from(mark.end < why.len());
    let room_after = |head: usize| width.saturating_sub(head + ELLIPSIS.width() + why[mark.clone()].width() + after);
    // The field's name goes first when the match would not fit beside it
    // ("…[Digital]…" in 16 columns, rather than "summary: …whose…").
    let (head_end, room) = match room_after(why[..field_end].width()) {
        0 => (0, room_after(0)),
        room => (field_end, room),
    };
    if room == 0 {
        // Not even the match fits: the why's start, cut.
        return cut_outside_marks(why, &marks, width);
    }
    let context = CONTEXT_BEFORE_MATCH.min(room);
    let from = why[field_end..mark.start]
        .char_indices()
        .rev()
        .scan(0, |used, (at, c)| {
            *used += c.width().unwrap_or(0);
            Some((at, *used))
        })
        .take_while(|&(_, used)| used <= context)
        .last()
        .map_or(mark.start, |(at, _)| field_end + at);
    // Start at a word, not inside one ("…under [X]", not "…ariat under [X]").
    let from = why[from..mark.start].find(' ').map_or(from, |space| from + space + 1);
    // Nor inside an earlier mark ("…25] the [annual]"): after it.
    let from = match marks.iter().find(|m| m.start < from && from < m.end) {
        Some(inside) => {
            let rest = &why[inside.end.min(mark.start)..mark.start];
            mark.start - rest.trim_start().len()
        }
        None => from,
    };
    // Nor on an accent whose letter was cut off.
    let from = cluster_start_from(why, from).min(mark.start);
    let head = format!("{}…", &why[..head_end]);
    // The marks kept, where they are in the text cut from the left.
    let shifted: Vec<Range<usize>> = marks
        .iter()
        .filter(|m| m.start >= from)
        .map(|m| m.start - from + head.len()..m.end - from + head.len())
        .collect();
    cut_outside_marks(&format!("{head}{}", &why[from..]), &shifted, width)
}

/// `text` cut at the end to `width` columns, the cut moved back before a
/// mark (of `marks`, byte ranges) it would fall inside, so no "[" is left
/// without its "]".
fn cut_outside_marks(text: &str, marks: &[Range<usize>], width: usize) -> String {
    let cut = truncate(text, width);
    let Some(kept) = cut.strip_suffix(ELLIPSIS) else {
        return cut;
    };
    match marks.iter().find(|m| m.start < kept.len() && kept.len() < m.end) {
        Some(inside) => format!("{}{ELLIPSIS}", text[..inside.start].trim_end()),
        // No blank before the "…" ("[Digital]…", not "[Digital] …").
        None if kept.ends_with(' ') => format!("{}{ELLIPSIS}", kept.trim_end()),
        None => cut,
    }
}

/// What ends a cut text.
const ELLIPSIS: &str = "…";

fn write_row<'r>(
    out: &mut impl Write,
    row: impl IntoIterator<Item = &'r str>,
    columns: &[Column],
    widths: &[usize],
    cut_last: impl Fn(&str, usize) -> String,
) -> io::Result<()> {
    let last = widths.len().saturating_sub(1);
    let cells: Vec<String> = row
        .into_iter()
        .zip(columns.iter().zip(widths))
        .enumerate()
        // The last cell is cut, not padded: no trailing spaces.
        .map(|(i, (cell, (column, &w)))| {
            let cell = sanitized(cell);
            if i == last {
                cut_last(&cell, w)
            } else {
                fit(&(column.cut)(&cell, w), w)
            }
        })
        .collect();
    writeln!(out, "{}", cells.join(GAP))
}

/// The share (in percent) of what the other columns leave that the title
/// keeps beside the why, which needs room for its field and its matches
/// with some words around them: more than a short title (most are under
/// 40 columns, and the title is at least [`MIN_TITLE_READABLE`]).
const TITLE_SHARE_PERCENT: usize = 40;

/// The title keeps at least this many columns (or all it needs) while the
/// why keeps [`MIN_WHY_READABLE`]: the title is what a reader
/// recognises, the why only says where the words were found.
const MIN_TITLE_READABLE: usize = 30;

/// What the why keeps before the title gets [`MIN_TITLE_READABLE`]: its
/// field and a short match ("title: [Global]…").
const MIN_WHY_READABLE: usize = 16;

/// The columns of `search`'s table in `width` columns: the title and the
/// why (the last two) give way first, sharing what the others leave (the
/// title [`TITLE_SHARE_PERCENT`] of it, at least [`MIN_TITLE_READABLE`];
/// what one does not use goes to the other), so ids and symbols,
/// which people cite and type, stay whole. Only when the two would keep
/// less than [`MIN_LAST`] columns each are the others cut too.
fn fit_hit_widths(mut widths: Vec<usize>, width: usize) -> Vec<usize> {
    let [.., title, why] = widths[..] else {
        return fit_widths(widths, width);
    };
    let others = widths.len() - 2;
    let fixed = widths[..others].iter().sum::<usize>() + GAP.len() * (widths.len() - 1);
    if fixed + 2 * MIN_LAST > width {
        return fit_widths(widths, width);
    }
    let room = width - fixed;
    let title_share = (room * TITLE_SHARE_PERCENT / 100)
        .max(MIN_TITLE_READABLE.min(room.saturating_sub(MIN_WHY_READABLE)))
        .min(room - MIN_LAST);
    let why_width = why.min(room - title.min(title_share));
    widths[others] = title.min(room - why_width);
    widths[others + 1] = why_width;
    widths
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
    use crate::cli::search::marked_why;
    use crate::search::{Field, Matched};

    #[test]
    fn a_cut_id_keeps_its_start_and_a_cut_symbol_its_end() {
        assert_eq!(elide_handle("sg-report-2013", 10), "sg-report…");
        assert_eq!(elide_handle("A/RES/80/173", 10), "A/…/80/173");
    }

    fn render(rows: &[[&str; 3]], width: usize) -> String {
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let mut out = Vec::new();
        let cells = || rows.iter().map(|row| row.iter().map(String::as_str));
        let columns = [SYMBOL_COLUMN, plain("DATE"), plain("TITLE")];
        write_each(&mut out, &columns, cells, width).unwrap();
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
        assert_eq!(lines[0], "SYMBOL/ID     DATE        TITLE");
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

    /// Where the first bracketed word of a "why" with no bracket in its
    /// data is.
    fn first_mark(why: &str) -> Option<Range<usize>> {
        let open = why.find('[')?;
        Some(open..open + why[open..].find(']')? + 1)
    }

    #[test]
    fn a_cut_why_keeps_its_first_match_in_view() {
        let why = "points: Permanent member of UNGIS sharing its rotating chairmanship, as [A/RES/80/173] says";
        let cut = cut_why(why, first_mark(why).as_slice(), 0, 50);
        assert!(cut.width() <= 50, "{cut}");
        assert!(cut.starts_with("points: …"), "{cut}");
        assert!(cut.contains("[A/RES/80/173]"), "{cut}");
        // Room enough, or a match at the start: cut at the end as before.
        assert_eq!(cut_why(why, first_mark(why).as_slice(), 0, 200), why);
        let early = "title: [Internet] Governance Forum, its first meeting in Athens";
        assert_eq!(
            cut_why(early, first_mark(early).as_slice(), 0, 30),
            "title: [Internet] Governance…"
        );
        let unmarked = "title: no mark here at all";
        assert_eq!(cut_why(unmarked, &[], 0, 12), truncate(unmarked, 12));
    }

    #[test]
    fn a_cut_never_leaves_a_mark_unclosed() {
        let why = "title: Global [Digital] [Compact]";
        let marks = [14..23, 24..33];
        assert_eq!(cut_why(why, &marks, 0, 30), "title: Global [Digital]…");
        assert_eq!(cut_why(why, &marks, 0, 33), why);
        // A bracket of the data is cut like any text.
        assert_eq!(cut_why(why, &[], 0, 30), truncate(why, 30));
    }

    #[test]
    fn a_narrow_why_keeps_less_context_so_its_match_shows() {
        let why = "summary: …taken after the adoption of the Global [Digital] [Compact] (para 72)";
        let (digital, compact) = (why.find("[Digital]").unwrap(), why.find("[Compact]").unwrap());
        let marks = [
            digital..digital + "[Digital]".len(),
            compact..compact + "[Compact]".len(),
        ];
        assert_eq!(cut_why(why, &marks, 0, 24), "summary: …[Digital]…");
        let cut = cut_why(why, &marks, 0, 28);
        assert!(cut.contains("Global [Digital]"), "{cut}");
        // Narrower still (a search table at 80 columns): the match without
        // its field's name, never the text's start without a match.
        assert_eq!(cut_why(why, &marks, 0, 16), "…[Digital]…");
        assert_eq!(cut_why(why, &marks, 0, 12), "…[Digital]…");
        assert_eq!(cut_why(why, &marks, 0, 11), truncate(why, 11));
    }

    #[test]
    fn a_narrow_search_table_cuts_titles_before_ids() {
        // SYMBOL/ID, CATEGORY, TITLE, WHY as wide as their widest cells.
        let widths = fit_hit_widths(vec![29, 9, 80, 60], 80);
        assert_eq!(widths, [29, 9, 20, 16]);
        assert_eq!(widths.iter().sum::<usize>() + 3 * GAP.len(), 80);
        // A short why leaves its room to the title.
        assert_eq!(fit_hit_widths(vec![29, 9, 80, 10], 80), [29, 9, 26, 10]);
        // Too narrow for both: every column gives way.
        assert!(fit_hit_widths(vec![29, 9, 80, 60], 40)[0] < 29);
    }

    #[test]
    fn a_long_id_gives_way_to_the_title_only_while_the_rows_stay_apart() {
        let apart = ["unesco-connecting-the-dots-2015", "gdc", "itu-wsis-stocktaking-report"];
        // A fair share of 80 columns: 20.
        assert_eq!(fair_handle_width(apart.into_iter(), 31, 80), 20);
        // Cut at 20, two ids would read the same: cut only as far as they differ.
        let alike = [
            "itu-wsis-stocktaking-asia-pacific-2018",
            "itu-wsis-stocktaking-report-2008",
        ];
        assert_eq!(fair_handle_width(alike.into_iter(), 38, 80), 23);
        // Ids that differ only at the end stay whole.
        let end = ["itu-wsis-stocktaking-report-2008", "itu-wsis-stocktaking-report-2014"];
        assert_eq!(fair_handle_width(end.into_iter(), 32, 80), 32);
        // Short ids and a wide terminal: nothing to cut.
        assert_eq!(fair_handle_width(apart.into_iter(), 31, 200), 31);
    }

    /// A summary that matched at the chars `word`.
    fn summary(text: &str, word: Range<usize>) -> Vec<Matched> {
        vec![Matched {
            field: Field::Summary,
            text: text.to_string(),
            ranges: vec![word],
            focus: 0,
        }]
    }

    /// A summary excerpt cut for "annual" near its end, marking "2025"
    /// and "report" too (which the title explains) : as the search gives it.
    fn cut_for_annual() -> Vec<Matched> {
        let text = "…progress of the year. In 2025, the Commission adopted its annual report on the follow-up.";
        let word = |w: &str| {
            let at = text[..text.find(w).unwrap()].chars().count();
            at..at + w.chars().count()
        };
        vec![Matched {
            field: Field::Summary,
            text: text.to_string(),
            ranges: vec![word("2025"), word("annual"), word("report")],
            focus: 1,
        }]
    }

    #[test]
    fn a_cut_why_shows_the_word_its_text_was_cut_for_not_its_first_mark() {
        let marked = marked_why(&cut_for_annual(), sanitized);
        assert_eq!(&marked.text[marked.marks[marked.focus].clone()], "[annual]");
        let room = "summary: …".width() + CONTEXT_BEFORE_MATCH + "[annual]".width();
        for width in room..=marked.text.width() + 1 {
            let cut = cut_why(&marked.text, &marked.marks, marked.focus, width);
            assert!(cut.contains("[annual]"), "{width}: {cut}");
            assert!(cut.width() <= width, "{width}: {cut}");
            assert_eq!(cut.matches('[').count(), cut.matches(']').count(), "{width}: {cut}");
        }
        // Cut around the first mark, as it was, "annual" falls outside.
        let first = cut_why(&marked.text, &marked.marks, 0, 30);
        assert!(first.contains("[2025]") && !first.contains("annual"), "{first}");
        // Narrower than the word and its field: the start, cut, as before.
        assert_eq!(
            cut_why(&marked.text, &marked.marks, marked.focus, 8),
            truncate(&marked.text, 8)
        );
    }

    /// A search table of "zorblat annual 2025" over one item whose title
    /// explains "zorblat" and "2025" and whose long summary names them
    /// just before "annual", near its end; in `width` columns.
    fn annual_table(width: usize) -> String {
        let filler = "The Commission met and reviewed the progress made. ".repeat(6);
        let text = format!(
            r#"[Item(id: "zz-review", category: "cstd", title: "Zorblat review 2025",
                summary: "{filler}In 2025, the Zorblat Commission adopted its annual report.")]"#
        );
        let file = crate::data::SourceFile {
            name: "annual.ron".into(),
            text,
            embedded: false,
        };
        let data = crate::data::Dataset::from_files(&[file]).expect("loads");
        let index = SearchIndex::new(&data);
        let hits = index.search("zorblat annual 2025", None);
        let mut out = Vec::new();
        write_hits_in(&index, &hits, width, &mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_search_table_shows_a_long_summary_around_the_word_it_explains() {
        for width in [80, 120, 200] {
            let table = annual_table(width);
            let row = table.lines().nth(1).expect("a row");
            assert!(
                row.contains("summary: ") && row.contains("[annual]"),
                "{width}: {table}"
            );
            assert!(table.lines().all(|line| line.width() <= width), "{width}: {table}");
        }
        for width in 1..=400 {
            let table = annual_table(width);
            assert!(table.lines().count() == 2, "{width}: {table}");
        }
    }

    #[test]
    fn a_left_cut_never_starts_inside_an_earlier_mark() {
        let why = "summary: the [Commission] [adopted] its [annual] report";
        let mark = |w: &str| why.find(w).map(|at| at..at + w.len()).unwrap();
        let marks = [mark("[Commission]"), mark("[adopted]"), mark("[annual]")];
        for width in 20..why.width() {
            let cut = cut_why(why, &marks, 2, width);
            assert!(cut.contains("[annual]"), "{width}: {cut}");
            assert_eq!(cut.matches('[').count(), cut.matches(']').count(), "{width}: {cut}");
        }
    }

    #[test]
    fn a_bracket_in_the_data_is_not_taken_for_the_match() {
        let text = "The [sic] report of the Secretary-General on progress made in the implementation of [the] outcomes";
        let at = text.chars().count() - "outcomes".len();
        let marked = marked_why(&summary(text, at..at + 8), sanitized);
        let (why, mark) = (marked.text, marked.marks);
        let cut = cut_why(&why, &mark, 0, 40);
        assert!(cut.contains("[outcomes]"), "{cut}");
        assert!(cut.contains("[the]"), "the data's brackets stay: {cut}");
        assert!(cut.width() <= 40, "{cut}");
    }

    #[test]
    fn a_left_cut_never_starts_on_an_accent() {
        // Twelve columns of context end on the accent of the thirteenth
        // letter before the match, with no space to start a word at.
        let text = format!("x{}match and more", "e\u{301}".repeat(13));
        let text = text.as_str();
        let at = text.chars().count() - "match and more".len();
        let marked = marked_why(&summary(text, at..at + 5), sanitized);
        let (why, mark) = (marked.text, marked.marks);
        let cut = cut_why(&why, &mark, 0, 30);
        let after = cut.split('…').nth(1).expect("cut from the left");
        assert!(!after.starts_with('\u{301}'), "{cut:?}");
        assert!(cut.contains("[match]"), "{cut}");
    }

    /// Text pieces: plain letters (no "e" or "o", which come only with
    /// their accents), brackets, a wide character, and letters with one
    /// or two combining accents.
    const PIECES: &[&str] = &["a", "b", "c", " ", "[", "]", "漢", "e\u{301}", "o\u{308}\u{301}"];

    fn text_of(pieces: &[usize]) -> String {
        pieces.iter().map(|&p| PIECES[p]).collect()
    }

    /// Every accent of `cut` still sits on its letter, and every letter
    /// that has accents in the data still has them.
    fn accents_whole(cut: &str) -> bool {
        let chars: Vec<char> = cut.chars().collect();
        chars.iter().enumerate().all(|(i, &c)| {
            let next = chars.get(i + 1).copied();
            let previous = i.checked_sub(1).map(|p| chars[p]);
            match c {
                'e' => next == Some('\u{301}'),
                'o' => next == Some('\u{308}'),
                '\u{308}' => previous == Some('o') && next == Some('\u{301}'),
                '\u{301}' => matches!(previous, Some('e' | '\u{308}')),
                _ => true,
            }
        })
    }

    proptest::proptest! {
        #[test]
        fn a_cut_why_splits_no_accent_and_keeps_the_data_s_brackets(
            before in proptest::collection::vec(0..PIECES.len(), 0..60),
            after in proptest::collection::vec(0..PIECES.len(), 0..30),
            width in 1usize..90,
        ) {
            let (before, after) = (text_of(&before), text_of(&after));
            // An earlier match marked too, the excerpt cut for "match".
            let text = format!("cab {before}match{after}");
            let at = "cab ".len() + before.chars().count();
            let mut matched = summary(&text, 0..3);
            matched[0].ranges.push(at..at + 5);
            matched[0].focus = 1;
            let marked = marked_why(&matched, sanitized);
            let (why, mark) = (marked.text, marked.marks);
            let cut = cut_why(&why, &mark, marked.focus, width);
            proptest::prop_assert!(cut.width() <= width, "{:?}", cut);
            proptest::prop_assert!(accents_whole(&cut), "{:?} from {:?}", cut, why);
            // What is kept is the data as it was, brackets and all.
            for piece in cut.split('…') {
                proptest::prop_assert!(why.contains(piece), "{:?} not in {:?}", piece, why);
            }
            let room = "summary: …".width() + CONTEXT_BEFORE_MATCH + "[match]".width();
            if width > room {
                proptest::prop_assert!(cut.contains("[match]"), "{:?} from {:?}", cut, why);
            }
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text = render(&[["x\u{1b}[2J", "-", "t\u{9b}1m\u{202e}"]], 80);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(!text.contains('\u{202e}'));
    }
}
