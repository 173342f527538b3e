//! The index of one run of items, built on one thread: the per-item
//! columns, the texts of the searched fields and the words of the run.
//! `build` joins the parts of a dataset in item order.

use std::fmt::Write as _;
use std::ops::Range;

use super::drafts;
use super::fold::{fold, fold_into};
use super::mask::CharMask;
use super::restricted::WordFilter;
use super::score::MAX_BACKLINKS_COUNTED;
use super::store::{EXPLAINED_FIELDS, Section, Writer};
use super::vocabulary::{Vocabulary, WordPostings};
use super::{Field, TEXT_FIELDS};
use crate::data::category::category_index;
use crate::data::dataset::symbol_key;
use crate::data::sort::{GA_SESSION_YEAR_ZERO, session_year};
use crate::data::{Dataset, ItemIdx, Relation, Text};

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
    /// the index stores them field by field.
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
    /// Which words to record: all if none.
    kept: Option<&'k WordFilter>,
}

impl Builder<'_> {
    fn add_item(&mut self, data: &Dataset, idx: ItemIdx) {
        use Section::*;
        let item = data.item(idx);
        let symbol = symbol_key(&fold(item.symbol.as_deref().unwrap_or("")));
        let items = &mut self.items;
        items.u64(SymbolMask, CharMask::of(&symbol).bits());
        // Items many others point to rank a little higher on equal matches.
        items.u8(
            Prominence,
            data.backlinks(idx).len().min(MAX_BACKLINKS_COUNTED as usize) as u8,
        );
        items.u8(Category, category_index(&item.category).unwrap_or(0) as u8);
        items.u8(Draft, u8::from(item.tags.iter().any(|tag| drafts::is_draft(tag))));
        let (from, to) = years(data, idx);
        items.u32(Years, (u32::from(from) << 16) | u32::from(to));
        items.text(SymbolEnds, SymbolText, &symbol);
        items.text(IdEnds, IdText, &item.id);
        items.text(ShownSymbolEnds, ShownSymbolText, item.symbol.as_deref().unwrap_or(""));
        items.text(ShownTitleEnds, ShownTitleText, &item.title);
        fold_into(&item.id, &mut self.folded);
        self.add_words(idx, Field::Id);
        for (slot, field) in TEXT_FIELDS.into_iter().enumerate() {
            let written = self.fields[slot].push_with(|text| write_field(text, data, idx, field));
            if field != Field::Date {
                fold_into(written, &mut self.folded);
                self.add_words(idx, field);
            }
        }
    }

    /// Records the words of the folded text of `field` of item `idx`.
    fn add_words(&mut self, idx: ItemIdx, field: Field) {
        match self.kept {
            None => self.vocabulary.add(idx, field, &self.folded),
            Some(kept) => self.vocabulary.add_kept(idx, field, &self.folded, kept),
        }
    }
}

/// Appends the text of `field` of item `idx` as written (lines joined by
/// '\n') to `out`.
fn write_field(out: &mut String, data: &Dataset, idx: ItemIdx, field: Field) {
    let item = data.item(idx);
    match field {
        Field::Title => lines(out, std::iter::once(&*item.title).chain(item.short_title.as_deref())),
        Field::Tags => lines(out, item.tags.iter().map(|tag| tag.as_str())),
        Field::Bodies => lines(out, bodies(data, idx)),
        Field::Date => write_date(out, item),
        Field::Summary => out.push_str(&item.summary),
        Field::Points => lines(out, item.points.iter().map(|point| &**point)),
        Field::Symbol | Field::Id | Field::Category => {}
    }
}

fn lines<'a>(out: &mut String, lines: impl Iterator<Item = &'a str>) {
    for (at, line) in lines.enumerate() {
        if at > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
}

/// Who adopted, facilitated, organised or hosts item `idx`: its own body,
/// then each such link's target with its acronyms.
fn bodies(data: &Dataset, idx: ItemIdx) -> impl Iterator<Item = &str> {
    let links = data.links(idx).filter(|(link, _)| BODY_RELATIONS.contains(&link.rel));
    let linked = links.flat_map(move |(link, target)| {
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
