//! The index of one run of items, built on one thread: the per-item
//! columns, the texts of the searched fields and the words of the run.
//! `build` joins the parts of a dataset in item order.

use std::fmt::Write as _;
use std::ops::Range;

use super::drafts;
use super::fold::{fold, fold_into};
use super::kept_words::{Decided, KeptWords};
use super::mask::CharMask;
use super::restricted::{Terms, WordFilter};
use super::score::MAX_BACKLINKS_COUNTED;
use super::store::{EXPLAINED_FIELDS, Section, Writer};
use super::vocabulary::{Vocabulary, WordPostings};
use super::{Field, TEXT_FIELDS};
use crate::data::dataset::symbol_key;
use crate::data::sort::{GA_SESSION_YEAR_ZERO, session_year};
use crate::data::{Dataset, ItemIdx, Relation, Text};

/// Fields whose lines many items hold the same, one string for all (tags
/// and bodies are `Shared`; a linked body's name is its item's title).
const SHARED_LINE_FIELDS: [Field; 2] = [Field::Tags, Field::Bodies];

/// Relations whose targets name who adopted, facilitated or hosts an item.
const BODY_RELATIONS: &[Relation] = &[
    Relation::AdoptedBy,
    Relation::FacilitatedBy,
    Relation::CoFacilitatedBy,
    Relation::OrganizedBy,
    Relation::HostedBy,
    Relation::ChairedBy,
    Relation::PartOf,
];

/// The index of a run of items, its text columns' ends counted from the run.
pub(super) struct Part {
    /// Every per-item section of the run's items.
    pub items: Writer,
    /// Per searched field (`TEXT_FIELDS` order), its texts as written:
    /// the index stores them field by field. None, not even empty
    /// entries, in the index of a query's words (`kept`).
    pub fields: [TextColumn; EXPLAINED_FIELDS],
    /// The run's distinct words in byte order, with their postings.
    pub words: Vec<WordPostings>,
}

impl Part {
    /// The index of items `run` of `data`, its words only those `kept`
    /// keeps if given (all otherwise).
    pub fn build(data: &Dataset, run: Range<ItemIdx>, kept: Option<&WordFilter>) -> Part {
        let mut builder = Builder {
            kept,
            ..Builder::default()
        };
        for idx in run {
            builder.add_item(data, idx);
        }
        Part {
            items: builder.items,
            fields: builder.fields,
            words: builder.vocabulary.into_sorted(),
        }
    }
}

/// Texts one after another, and where each ends.
#[derive(Default)]
pub(super) struct TextColumn {
    pub text: String,
    pub ends: Vec<usize>,
}

impl TextColumn {
    /// Appends the text `write` writes as one entry, and returns it.
    fn push_with(&mut self, write: impl FnOnce(&mut String)) -> &str {
        let start = self.text.len();
        write(&mut self.text);
        self.ends.push(self.text.len());
        &self.text[start..]
    }
}

/// A part being built, with one buffer reused for every folded text.
#[derive(Default)]
struct Builder<'k> {
    items: Writer,
    fields: [TextColumn; EXPLAINED_FIELDS],
    vocabulary: Vocabulary,
    folded: String,
    /// What `kept` answered for common words and shared lines.
    decided: Decided,
    /// Which words to record: all if none.
    kept: Option<&'k WordFilter>,
}

impl Builder<'_> {
    fn add_item(&mut self, data: &Dataset, idx: ItemIdx) {
        // As resolved at load, not sought again among the categories' ids.
        let category = data.category_of(idx);
        let years = years(data, idx);
        let Some(kept) = self.kept else {
            self.add_columns(data, idx, &folded_symbol(data, idx), category, years);
            return self.add_texts_and_words(data, idx);
        };
        // Folded only if some query word may name a symbol: no other is named by one.
        let symbol = kept.may_name_symbols().then(|| folded_symbol(data, idx));
        let named = kept.terms_naming(symbol.as_deref().unwrap_or(""), years, category);
        let matched = self.add_kept_words(data, idx, kept, named);
        if matched == 0 {
            self.add_unmatched_columns(category, years);
        } else {
            let symbol = symbol.unwrap_or_else(|| folded_symbol(data, idx));
            self.add_columns(data, idx, &symbol, category, years);
        }
    }

    /// Writes the per-item sections of item `idx`, whose symbol as the
    /// index keeps it is `symbol`, its category `category` (a number) and
    /// its years `years`.
    fn add_columns(&mut self, data: &Dataset, idx: ItemIdx, symbol: &str, category: usize, (from, to): (u16, u16)) {
        use Section::*;
        let item = data.item(idx);
        let items = &mut self.items;
        items.u64(SymbolMask, CharMask::of(symbol).bits());
        // Items many others point to rank a little higher on equal matches.
        items.u8(
            Prominence,
            data.backlinks(idx).len().min(MAX_BACKLINKS_COUNTED as usize) as u8,
        );
        items.u8(Category, category as u8);
        items.u8(Draft, u8::from(item.tags.iter().any(|tag| drafts::is_draft(tag))));
        items.u32(Years, (u32::from(from) << 16) | u32::from(to));
        items.text(SymbolEnds, SymbolText, symbol);
        items.text(IdEnds, IdText, &item.id);
        items.text(ShownSymbolEnds, ShownSymbolText, item.symbol.as_deref().unwrap_or(""));
        items.text(ShownTitleEnds, ShownTitleText, &item.title);
    }

    /// The per-item sections of an item no query word may match, in its
    /// words or by its symbol, years or category: it is a hit of no query
    /// of those words, all or fewer (`fewer_words`), so nothing reads its
    /// symbol, prominence, draft mark, id or titles, left empty. Its
    /// `category` and `years`, a few bytes, are written as they are: the
    /// search's category and year rules read them for every item, so they
    /// are kept true for all.
    fn add_unmatched_columns(&mut self, category: usize, (from, to): (u16, u16)) {
        use Section::*;
        let items = &mut self.items;
        items.u64(SymbolMask, 0);
        items.u8(Prominence, 0);
        items.u8(Category, category as u8);
        items.u8(Draft, 0);
        items.u32(Years, (u32::from(from) << 16) | u32::from(to));
        for (ends, text) in [
            (SymbolEnds, SymbolText),
            (IdEnds, IdText),
            (ShownSymbolEnds, ShownSymbolText),
            (ShownTitleEnds, ShownTitleText),
        ] {
            items.text(ends, text, "");
        }
    }

    /// Writes the texts of item `idx`'s searched fields, and records all
    /// their words and its id's.
    fn add_texts_and_words(&mut self, data: &Dataset, idx: ItemIdx) {
        fold_into(&data.item(idx).id, &mut self.folded);
        self.vocabulary.add(idx, Field::Id, &self.folded);
        for (slot, field) in TEXT_FIELDS.into_iter().enumerate() {
            let written = self.fields[slot].push_with(|text| write_field(text, data, idx, field));
            if field != Field::Date {
                fold_into(written, &mut self.folded);
                self.vocabulary.add(idx, field, &self.folded);
            }
        }
    }

    /// Records the words of item `idx` that `kept` keeps, folded line by
    /// line where they lie, and writes no texts of its searched fields: a
    /// search reads the texts of its hits alone, which are known only
    /// once the index is built, and written then (`hit_texts`).
    /// Returns the query words that may match it (by its words, or those
    /// `named` by its per-item columns).
    fn add_kept_words(&mut self, data: &Dataset, idx: ItemIdx, kept: &WordFilter, named: Terms) -> Terms {
        let mut words = KeptWords::new(&mut self.vocabulary, &mut self.decided, &mut self.folded, kept, idx);
        words.field(Field::Id, false, |line| line(&data.item(idx).id));
        for field in TEXT_FIELDS.into_iter().filter(|&field| field != Field::Date) {
            let shared = SHARED_LINE_FIELDS.contains(&field);
            words.field(field, shared, |line| for_each_line(data, idx, field, line));
        }
        words.found() | named
    }
}

/// The symbol of item `idx` as the index keeps it: folded, by `symbol_key`.
fn folded_symbol(data: &Dataset, idx: ItemIdx) -> String {
    symbol_key(&fold(data.item(idx).symbol.as_deref().unwrap_or("")))
}

/// Appends the text of `field` of item `idx` as written (lines joined by
/// '\n') to `out`.
pub(super) fn write_field(out: &mut String, data: &Dataset, idx: ItemIdx, field: Field) {
    if field == Field::Date {
        return write_date(out, data.item(idx));
    }
    let mut first = true;
    for_each_line(data, idx, field, &mut |line: &str| {
        if !std::mem::take(&mut first) {
            out.push('\n');
        }
        out.push_str(line);
    });
}

/// Calls `found` with each line of the text of `field` of item `idx`
/// (none for the date, which is written, not read from one field).
fn for_each_line<'d>(data: &'d Dataset, idx: ItemIdx, field: Field, found: &mut dyn FnMut(&'d str)) {
    let item = data.item(idx);
    match field {
        Field::Title => std::iter::once(&*item.title)
            .chain(item.short_title.as_deref())
            .for_each(found),
        Field::Tags => item.tags.iter().for_each(|tag| found(tag)),
        Field::Bodies => bodies(data, idx).for_each(found),
        Field::Summary => found(&item.summary),
        Field::Points => item.points.iter().for_each(|point| found(point)),
        Field::Date | Field::Symbol | Field::Id | Field::Category => {}
    }
}

/// Who adopted, facilitated, organised or hosts item `idx`: its own body,
/// then each such link's target with its acronyms.
fn bodies(data: &Dataset, idx: ItemIdx) -> impl Iterator<Item = &str> {
    // By relation first: finding a link's target (`Dataset::links`) hashes
    // and compares its id, and most links name no body.
    let links = data
        .item(idx)
        .links
        .iter()
        .filter(|link| BODY_RELATIONS.contains(&link.rel));
    // A target that does not resolve (its stored record damaged) is left
    // out, as `Dataset::links` leaves it.
    let resolved = links.filter_map(|link| Some((link, data.by_id(&link.to)?)));
    let linked = resolved.flat_map(move |(link, target)| {
        let target = data.item(target);
        // A body's tags are its acronyms ("who", "itu"); a document's
        // tags (the parent of a paragraph) say nothing about its parts.
        let acronyms = if link.rel == Relation::PartOf {
            0
        } else {
            target.tags.len()
        };
        std::iter::once(target.label()).chain(target.tags[..acronyms].iter().map(|tag| tag.as_str()))
    });
    data.item(idx).body.iter().map(|body| body.as_str()).chain(linked)
}

/// Its dates, else for a resolution its session ("68th session, 2013–2014").
fn write_date(out: &mut String, item: &crate::data::Item) {
    // Writing to a `String` cannot fail.
    let _ = match (&item.date, &item.until) {
        (Some(date), Some(until)) => write!(out, "{date} to {until}"),
        (Some(date), None) => write!(out, "{date}"),
        _ => match session_years(item.symbol.as_deref()) {
            Some((from, to)) => write!(out, "{} session, {from}–{to}", ordinal(from - GA_SESSION_YEAR_ZERO)),
            None => Ok(()),
        },
    };
}

/// The years of the General Assembly session of a resolution symbol
/// ("A/RES/68/198": 2013–2014), for items whose date no source gave.
fn session_years(symbol: Option<&str>) -> Option<(u16, u16)> {
    let from = session_year(symbol)?;
    Some((from, from.checked_add(1)?))
}

/// "68th", "71st", "72nd", "73rd", "111th".
fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The first and last year an item covers: its dates, else its session.
fn years(data: &Dataset, idx: ItemIdx) -> (u16, u16) {
    let item = data.item(idx);
    let year = |text: &Option<Text>| text.as_deref().and_then(|t| t.get(..4)?.parse::<u16>().ok());
    match (year(&item.date), year(&item.until)) {
        (Some(from), until) => (from, until.unwrap_or(from).max(from)),
        (None, _) => session_years(item.symbol.as_deref()).unwrap_or((0, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undated_resolutions_take_their_session_years() {
        assert_eq!(session_years(Some("A/RES/68/198")), Some((2013, 2014)));
        assert_eq!(session_years(Some("A/RES/70/125")), Some((2015, 2016)));
        assert_eq!(session_years(Some("E/RES/2006/46")), None);
        let names: Vec<String> = [68, 71, 72, 73, 111].map(ordinal).into();
        assert_eq!(names, ["68th", "71st", "72nd", "73rd", "111th"]);
    }
}
