//! `wsis search`: ranked matches, each with why it matched, or JSON.

use std::io::{self, Write};
use std::ops::Range;
use std::process::ExitCode;

use serde::Serialize;

use super::output::ListFormat;
use super::{Failure, Outcome, table, write_json};
use crate::data::trace;
use crate::search::{FewerWords, Hit, Matched, SearchIndex, Titles};
use crate::text::sanitized;

/// Up to this many hits are freed after printing; more are left to the
/// end of the process, unless it goes on ([`AfterPrinting`]).
const FREED_HITS: usize = 1000;

/// How many hits are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// Every hit: `-n all`, and the default in a pipe or a machine format.
    Every,
    /// At most this many: `-n N`.
    AtMost(usize),
    /// A table on a terminal with no `-n`: the rows that fit above the
    /// prompt, as the best hits come first and would scroll off; how many
    /// more there are is said on standard error.
    Screenful(usize),
}

impl Limit {
    fn most(self) -> usize {
        match self {
            Limit::Every => usize::MAX,
            Limit::AtMost(most) | Limit::Screenful(most) => most,
        }
    }
}

/// What follows the printing of a search's hits.
#[derive(Clone, Copy)]
pub(super) enum AfterPrinting {
    /// The process ends: freeing thousands of hits one by one costs more
    /// than it is worth, so many are left to the exit.
    Exit,
    /// The process goes on (a stale search then builds the full index,
    /// which sets its peak memory): every hit is freed.
    GoOn,
}

impl AfterPrinting {
    /// Whether `hits` printed hits are left to the exit, not freed.
    fn leaves(self, hits: usize) -> bool {
        matches!(self, AfterPrinting::Exit) && hits > FREED_HITS
    }
}

/// What a why adds to each text it shows besides its field's name and
/// brackets: ": " and the " | " before the next.
const WHY_SEPARATORS: usize = ": ".len() + " | ".len();

#[derive(Serialize)]
struct SearchEntry<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    short_title: Option<&'a str>,
    /// As the data writes it ("2015-12-16", "2015-12", "2015").
    date: Option<&'a str>,
    category: &'a str,
    score: i64,
    field: &'static str,
    matched: Vec<MatchedEntry>,
}

/// Why a hit matched: a field's text and the char ranges (start, end) of
/// the matching words in it.
#[derive(Serialize)]
struct MatchedEntry {
    field: &'static str,
    text: String,
    ranges: Vec<[usize; 2]>,
}

/// "title: …[financing] task force…": the matched words in brackets.
#[cfg(test)]
pub(super) fn plain_why(matched: &[Matched]) -> String {
    marked_why(matched, |text| text.into()).text
}

/// A why marked ([`marked_why`]): its text, where each marked word is,
/// its brackets included, as byte ranges in order (a bracket in the data
/// is no mark), and which of those marks the first text was cut for
/// ([`Matched::focus`]; the first if none).
pub(super) struct MarkedWhy {
    pub(super) text: String,
    pub(super) marks: Vec<Range<usize>>,
    pub(super) focus: usize,
}

/// "title: …[financing] task force…" (the matched words in brackets),
/// each text passed through `shown` first (which must
/// replace char for char, as [`crate::text::sanitized`] does, so the
/// match ranges still hold).
pub(super) fn marked_why(
    matched: &[Matched],
    shown: impl for<'t> Fn(&'t str) -> std::borrow::Cow<'t, str>,
) -> MarkedWhy {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut focus = None;
    push_why(&mut text, matched, shown, &mut |mark, is_focus| {
        if is_focus && focus.is_none() {
            focus = Some(marks.len());
        }
        marks.push(mark);
    });
    let focus = focus.unwrap_or(0);
    MarkedWhy { text, marks, focus }
}

/// [`marked_why`] added to the end of `out`, each marked word's bytes in
/// `out` given to `on_mark`, with whether it holds the first text's focus.
fn push_why(
    out: &mut String,
    matched: &[Matched],
    shown: impl for<'t> Fn(&'t str) -> std::borrow::Cow<'t, str>,
    on_mark: &mut impl FnMut(Range<usize>, bool),
) {
    for (entry, m) in matched.iter().enumerate() {
        if entry > 0 {
            out.push_str(" | ");
        }
        out.push_str(m.field.name());
        out.push_str(": ");
        let focus = m.ranges.get(m.focus).map(|r| r.start).filter(|_| entry == 0);
        push_marked(out, &shown(&m.text), &m.ranges, focus, on_mark);
    }
}

/// `text` with '[' before the first char of each of `ranges` (char
/// ranges) and ']' after the last, copied a slice at a time. Gives
/// `on_mark` the bytes of each bracketed word in `out` (overlapping
/// ranges make one), and whether it holds the char `focus`.
fn push_marked(
    out: &mut String,
    text: &str,
    ranges: &[Range<usize>],
    focus: Option<usize>,
    on_mark: &mut impl FnMut(Range<usize>, bool),
) {
    let marks = |at: fn(&Range<usize>) -> Option<usize>| {
        let mut marks: Vec<usize> = ranges.iter().filter_map(at).collect();
        marks.sort_unstable();
        marks.dedup();
        marks.into_iter().peekable()
    };
    let mut opens = marks(|r| Some(r.start));
    // The char after which a range closes.
    let mut closes = marks(|r| r.end.checked_sub(1));
    out.reserve(text.len() + 2 * ranges.len());
    // Where the open mark starts: its byte in `out`, its char in `text`.
    let mut open_mark: Option<(usize, usize)> = None;
    let holds_focus = |from: usize, to: usize| focus.is_some_and(|f| from <= f && f <= to);
    let mut copied = 0;
    // Only the marked chars are visited: in ASCII text a char's index is
    // its byte, else the chars are walked forward to it.
    let ascii = text.is_ascii();
    let mut chars = text.char_indices();
    let mut walked = 0;
    while let Some(index) = opens.peek().into_iter().chain(closes.peek()).min().copied() {
        let at = if ascii {
            text.as_bytes().get(index).map(|&b| (index, char::from(b)))
        } else {
            let at = chars.nth(index - walked);
            walked = index + 1;
            at
        };
        let Some((byte, c)) = at else {
            break;
        };
        if opens.next_if_eq(&index).is_some() {
            out.push_str(&text[copied..byte]);
            open_mark = open_mark.or(Some((out.len(), index)));
            out.push('[');
            copied = byte;
        }
        if closes.next_if_eq(&index).is_some() {
            let after = byte + c.len_utf8();
            out.push_str(&text[copied..after]);
            out.push(']');
            if let Some((start, from)) = open_mark.take() {
                on_mark(start..out.len(), holds_focus(from, index));
            }
            copied = after;
        }
    }
    out.push_str(&text[copied..]);
    // A range past the text's end closes at its end.
    if let Some((start, from)) = open_mark {
        on_mark(start..out.len(), holds_focus(from, usize::MAX));
    }
}

/// A query with fewer words whose hits a table shows for a query nothing
/// matches ([`nearest_on_screen`]), and how many hits it has.
pub(super) type Nearest = (usize, FewerWords);

/// Prints the hits of `query` from an index built in memory; with
/// `nearest` (which [`nearest_query`] found for it), the hits of that
/// shorter query instead, from an index built for it.
pub(super) fn run(
    index: &SearchIndex,
    query: &str,
    limit: Limit,
    format: ListFormat,
    nearest: Option<Nearest>,
    out: &mut impl Write,
    after: AfterPrinting,
) -> Outcome {
    let answered = match nearest {
        Some(nearest) => nearest_on_screen(index, query, Some(nearest), limit, out, || true, after),
        None => answer(index, query, limit, format, out, || true, after),
    };
    answered.unwrap_or(Ok(ExitCode::SUCCESS))
}

/// Prints the hits of `query`; the index holds all that is printed, so a
/// cached index needs no parsed data. Everything printed is read from the
/// index before the first byte is written, and `sound` asked then: if it
/// says no (a stored index whose file changed under it), nothing is
/// written and `None` returned, so the caller can search the data instead.
/// Writing straight to `out` keeps no copy of a large output in memory.
pub(super) fn run_stored(
    index: &SearchIndex,
    query: &str,
    limit: Limit,
    format: ListFormat,
    out: &mut impl Write,
    sound: impl FnOnce() -> bool,
) -> Option<Outcome> {
    answer(index, query, limit, format, out, sound, AfterPrinting::Exit)
}

/// [`run_stored`], the printed hits then freed or left as `after` says.
fn answer(
    index: &SearchIndex,
    query: &str,
    limit: Limit,
    format: ListFormat,
    out: &mut impl Write,
    sound: impl FnOnce() -> bool,
    after: AfterPrinting,
) -> Option<Outcome> {
    if query.trim().is_empty() {
        return Some(Err(Failure::BadInput("empty query".into())));
    }
    // Every printed hit is explained below, their texts read together.
    let mut hits = index.search_unexplained(query);
    trace::mark("searched");
    let found = hits.len();
    hits.truncate(limit.most());
    if hits.is_empty() {
        if matches!(limit, Limit::Screenful(_)) && format == ListFormat::Table {
            return nearest_on_screen(index, query, None, limit, out, sound, after);
        }
        // Read before `sound` is asked, as everything printed is.
        let nothing = nothing_matches(index, query);
        if !sound() {
            return None;
        }
        // A JSON reader always gets JSON: the empty list, status 1 as ever.
        if format == ListFormat::Json
            && let Err(error) = out.write_all(b"[]\n")
        {
            return Some(Err(Failure::from(error)));
        }
        return Some(Err(Failure::NothingMatches(nothing)));
    }
    let shown = hits.len();
    let printed = match format {
        ListFormat::Tsv => print_plain(index, hits, query, out, sound, after),
        ListFormat::Json | ListFormat::Table => print_explained(index, hits, query, format, out, sound, after),
    }?;
    let printed = printed.and_then(|()| say_how_many_more(out, limit, shown, found));
    Some(printed.map(|()| ExitCode::SUCCESS).map_err(Failure::from))
}

/// After a screenful of `shown` hits of `found`: how many there are, on
/// standard error.
fn say_how_many_more(out: &mut impl Write, limit: Limit, shown: usize, found: usize) -> io::Result<()> {
    if matches!(limit, Limit::Screenful(_)) && found > shown {
        // After the table, not above it: stdout is buffered.
        out.flush()?;
        super::to_stderr(format_args!("{}\n", more_than_shown(shown, found)));
    }
    Ok(())
}

/// The shorter query whose hits [`nearest_on_screen`] would show for
/// `query`, if it would, found on `index`, built for `query`'s words
/// alone (`SearchIndex::for_query`), which answers as the full index
/// does. It holds no texts for those hits, so a cold search answers from
/// an index built for the shorter query, given this to show: asked there
/// again, the counts of the words left out differ, and another shorter
/// query may come out ("el resolution response").
pub(super) fn nearest_query(index: &SearchIndex, query: &str, limit: Limit, format: ListFormat) -> Option<Nearest> {
    let shown_nearest = matches!(limit, Limit::Screenful(_)) && format == ListFormat::Table;
    if !shown_nearest || !index.search_hits(query, None).is_empty() {
        return None;
    }
    index.fewer_words_with_hits(query)
}

/// A query no item fully holds, its table on a terminal: as the browser
/// does, the hits of the query with fewer words (`nearest` if known,
/// else sought on `index`), under a line on standard error naming the
/// words left out; status 1 still (nothing matches the query), and a
/// pipe still gets nothing. Without such hits, the message.
fn nearest_on_screen(
    index: &SearchIndex,
    query: &str,
    nearest: Option<Nearest>,
    limit: Limit,
    out: &mut impl Write,
    sound: impl FnOnce() -> bool,
    after: AfterPrinting,
) -> Option<Outcome> {
    let Some((found, fewer)) = nearest.or_else(|| index.fewer_words_with_hits(query)) else {
        let nothing = nothing_matches(index, query);
        return sound().then_some(Err(Failure::NothingMatches(nothing)));
    };
    let mut hits = index.search_unexplained(&fewer.kept);
    hits.truncate(limit.most());
    let shown = hits.len();
    // Said once the table is sure to follow (a stored index found unsound
    // is searched again afresh), and before it.
    let sound_then_say = || {
        let sound = sound();
        if sound {
            let dropped = fewer.dropped_quoted();
            let said = format!("wsis: nothing matches \"{query}\"; the {found} hits without {dropped}:");
            let wrapped = super::wrap::wrap(&sanitized(&said), super::output::stderr_width());
            super::to_stderr(format_args!("{wrapped}\n"));
        }
        sound
    };
    let printed = print_explained(index, hits, &fewer.kept, ListFormat::Table, out, sound_then_say, after)?;
    let printed = printed.and_then(|()| say_how_many_more(out, limit, shown, found));
    Some(printed.map(|()| ExitCode::from(1)).map_err(Failure::from))
}

/// Under a screenful of hits: how many there are, and how to see them.
fn more_than_shown(shown: usize, found: usize) -> String {
    format!("wsis: the best {shown} of {found} hits; -n all prints every one, -n N the best N")
}

/// "nothing matches", and the query with fewer words that would match,
/// if one does: the exit status stays that of no match (scripts read it),
/// the reader is told what to search instead.
fn nothing_matches(index: &SearchIndex, query: &str) -> String {
    let nothing = format!("nothing matches \"{query}\"");
    match index.fewer_words_with_hits(query) {
        Some((hits, fewer)) => format!(
            "{nothing}; without {}, {hits} match: wsis search \"{}\"",
            fewer.dropped_quoted(),
            fewer.kept
        ),
        None => match index.symbols_one_slip_from(query) {
            Some(symbols) => format!("{nothing}; did you mean {symbols}?"),
            None => nothing,
        },
    }
}

/// Plain lines: each hit's line is made right after its explanation, on
/// the core that made it (the titles, ids and symbols read first), and the
/// explanation freed there; this thread only writes the lines.
fn print_plain(
    index: &SearchIndex,
    hits: Vec<Hit>,
    query: &str,
    out: &mut impl Write,
    sound: impl FnOnce() -> bool,
    after: AfterPrinting,
) -> Option<io::Result<()>> {
    let titles = index.titles(hits.iter().map(|hit| hit.item));
    read_printed_columns(index, &hits);
    trace::mark("titles read");
    let lines = index.explain_each(&hits, query, |hit, matched| plain_line(index, &titles, hit, &matched));
    trace::mark("explained");
    if !sound() {
        return None;
    }
    let written = lines.iter().try_for_each(|line| out.write_all(line.as_bytes()));
    trace::mark("written");
    if after.leaves(hits.len()) {
        // Freed at exit (see `print_explained`).
        std::mem::forget((hits, lines));
    }
    Some(written)
}

/// A table or JSON, from the hits with their explanations.
fn print_explained(
    index: &SearchIndex,
    mut hits: Vec<Hit>,
    query: &str,
    format: ListFormat,
    out: &mut impl Write,
    sound: impl FnOnce() -> bool,
    after: AfterPrinting,
) -> Option<io::Result<()>> {
    index.explain_all(&mut hits, query);
    let written = if let ListFormat::Json = format {
        let titles = index.titles(hits.iter().map(|hit| hit.item));
        read_printed_columns(index, &hits);
        let leaves = after.leaves(hits.len());
        // Every text printed (short titles and dates too) read first.
        let entries = json_entries(index, &titles, hits);
        if !sound() {
            return None;
        }
        write_json_entries(entries, out, leaves)
    } else {
        // A table is laid out (and read) whole before it is written.
        let mut table = Vec::new();
        let laid_out = table::write_hits(index, &hits, &mut table);
        if !sound() {
            return None;
        }
        let written = laid_out.and_then(|()| out.write_all(&table));
        if after.leaves(hits.len()) {
            // Freeing thousands of explanations one by one costs more
            // than explaining them; the process ends after printing (as
            // main.rs does with a large dataset).
            std::mem::forget(hits);
        }
        written
    };
    Some(written)
}

/// Reads the columns of ids, symbols and categories that printing `hits`
/// uses (a stored index reads each whole on first use), so that nothing
/// is read once writing has begun.
fn read_printed_columns(index: &SearchIndex, hits: &[Hit]) {
    if let Some(hit) = hits.first() {
        let _ = (index.id(hit.item), index.symbol(hit.item), index.category(hit.item));
    }
}

/// The hits as JSON entries: id, symbol, title, short title, date,
/// category, score, field, matched; each explanation moved into its
/// entry, not copied.
fn json_entries<'i>(index: &'i SearchIndex, titles: &'i Titles, hits: Vec<Hit>) -> Vec<SearchEntry<'i>> {
    hits.into_iter()
        .map(|hit| SearchEntry {
            id: index.id(hit.item),
            symbol: index.symbol(hit.item),
            title: titles.get(hit.item),
            short_title: index.short_title(hit.item),
            date: index.date_as_written(hit.item),
            category: index.category(hit.item),
            score: hit.score,
            field: hit.field.name(),
            matched: hit
                .matched
                .into_iter()
                .map(|m| MatchedEntry {
                    field: m.field.name(),
                    text: m.text,
                    ranges: m.ranges.iter().map(|r| [r.start, r.end]).collect(),
                })
                .collect(),
        })
        .collect()
}

/// Writes `entries` as a JSON array; left to the exit if `leaves`.
fn write_json_entries(entries: Vec<SearchEntry>, out: &mut impl Write, leaves: bool) -> io::Result<()> {
    let written = write_json(out, &entries);
    if leaves {
        // Freed at exit (see `print_explained`).
        std::mem::forget(entries);
    }
    written
}

/// The line of `hit`: id, symbol, title and why (from `matched`),
/// separated by tabs, each sanitized.
fn plain_line(index: &SearchIndex, titles: &Titles, hit: &Hit, matched: &[Matched]) -> String {
    let fields = [
        index.id(hit.item),
        index.symbol(hit.item).unwrap_or("-"),
        titles.get(hit.item),
    ];
    // The why's texts are sanitized before they are marked: the brackets,
    // field names and separators need nothing replaced, so the line is
    // that of sanitizing the marked why, without making it first.
    // Sized as the why will be (thousands of lines are kept until written).
    let why_len: usize = matched
        .iter()
        .map(|m| m.field.name().len() + WHY_SEPARATORS + m.text.len() + 2 * m.ranges.len())
        .sum();
    let mut line = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum::<usize>() + why_len + 1);
    for field in fields {
        line.push_str(&sanitized(field));
        line.push('\t');
    }
    push_why(&mut line, matched, sanitized, &mut |_, _| {});
    line.push('\n');
    line
}

// One-element lists of char ranges are meant: one match each.
#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::search::Field;

    /// The marking as first written, char by char.
    fn marked_char_by_char(text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::new();
        for (index, c) in text.chars().enumerate() {
            if ranges.iter().any(|r| r.start == index) {
                out.push('[');
            }
            out.push(c);
            if ranges.iter().any(|r| r.end == index + 1) {
                out.push(']');
            }
        }
        out
    }

    proptest::proptest! {
        /// Any text (ASCII or not) and any ranges, in or past the text.
        #[test]
        fn marking_is_the_char_by_char_marking(
            text in "[ab é…\\[]{0,12}",
            ranges in proptest::collection::vec((0usize..14, 0usize..14), 0..4),
        ) {
            let ranges: Vec<Range<usize>> = ranges.into_iter().map(|(start, end)| start..end).collect();
            let matched = Matched { field: Field::Title, text: text.clone(), ranges: ranges.clone(), focus: 0 };
            let expected = format!("title: {}", marked_char_by_char(&text, &ranges));
            proptest::prop_assert_eq!(plain_why(&[matched]), expected);
        }
    }

    #[test]
    fn marks_match_the_char_by_char_marking() {
        let cases: [(&str, Vec<Range<usize>>); 6] = [
            ("…the financing task force…", vec![5..14]),
            ("Côte d'Ivoire and Lillestrøm", vec![0..4, 18..28]),
            ("ab", vec![0..1, 1..2]),
            ("abc", vec![Range { start: 2, end: 1 }, 1..1, 0..3, 0..2]),
            ("short", vec![3..40, 9..12]),
            ("", vec![0..0]),
        ];
        for (text, ranges) in cases {
            let matched = Matched {
                field: Field::Summary,
                text: text.to_string(),
                ranges: ranges.clone(),
                focus: 0,
            };
            let expected = format!("summary: {}", marked_char_by_char(text, &ranges));
            assert_eq!(plain_why(&[matched]), expected, "{text} {ranges:?}");
        }
    }
}
