//! Builds the index bytes of a dataset: every searched field folded once,
//! split into words, and an inverted index from each distinct word to the
//! items and fields using it, with the word's rarity, so a query word is
//! compared with each distinct word once, not with every item.

use rustc_hash::FxHashMap;

use super::fold::fold;
use super::mask::CharMask;
use super::score::{MAX_BACKLINKS_COUNTED, rarity};
use super::store::{Counts, EXPLAINED_FIELDS, Section, Writer};
use super::tokens::tokens;
use super::{Field, TEXT_FIELDS};
use crate::data::category::category_index;
use crate::data::dataset::symbol_key;
use crate::data::{Dataset, ItemIdx, Relation, Shared, Text};

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

/// The General Assembly's first regular session opened in 1946: session
/// n opens in September of 1945 + n and ends in the next year.
const GA_SESSION_YEAR_ZERO: u16 = 1945;

/// The index bytes of `data`, tagged with the cache `key`.
pub(crate) fn build(data: &Dataset, key: &str) -> Vec<u8> {
    let mut writer = Writer::new();
    let mut vocabulary = Vocabulary::default();
    let mut field_columns: [Vec<String>; EXPLAINED_FIELDS] = Default::default();
    for idx in 0..data.len() {
        let texts = write_item(&mut writer, &mut vocabulary, data, idx);
        for (column, text) in field_columns.iter_mut().zip(texts) {
            column.push(text);
        }
    }
    // Field by field, not item by item: a search explaining its hits by
    // their titles then reads titles only (see `lazy`).
    for text in field_columns.iter().flatten() {
        writer.text(Section::FieldEnds, Section::FieldText, text);
    }
    let counts = Counts {
        items: data.len(),
        words: vocabulary.texts.len(),
    };
    vocabulary.write(&mut writer, data.len());
    writer.finish(key, counts)
}

/// The texts of an item's searched fields, as written, in `TEXT_FIELDS` order.
fn field_texts(data: &Dataset, idx: ItemIdx) -> [String; EXPLAINED_FIELDS] {
    let item = data.item(idx);
    let mut bodies: Vec<&str> = item.body.iter().map(Shared::as_str).collect();
    for (link, target) in data.links(idx) {
        if BODY_RELATIONS.contains(&link.rel) {
            let target = data.item(target);
            bodies.push(target.label());
            // A body's tags are its acronyms ("who", "itu"); a document's
            // tags (the parent of a paragraph) say nothing about its parts.
            if link.rel != Relation::PartOf {
                bodies.extend(target.tags.iter().map(Shared::as_str));
            }
        }
    }
    let title = match &item.short_title {
        Some(short) => format!("{}\n{short}", item.title),
        None => item.title.to_string(),
    };
    let date = match (&item.date, &item.until) {
        (Some(date), Some(until)) => format!("{date} to {until}"),
        (Some(date), None) => date.to_string(),
        _ => session_years(item.symbol.as_deref())
            .map(|(from, to)| format!("{} session, {from}–{to}", ordinal(from - GA_SESSION_YEAR_ZERO)))
            .unwrap_or_default(),
    };
    [
        title,
        item.tags.join("\n"),
        bodies.join("\n"),
        date,
        item.summary.to_string(),
        item.points.join("\n"),
    ]
}

/// The years of the General Assembly session of a resolution symbol
/// ("A/RES/68/198": 2013–2014), for items whose date no source gave.
fn session_years(symbol: Option<&str>) -> Option<(u16, u16)> {
    let rest = symbol?.strip_prefix("A/RES/")?;
    let session: u16 = rest.split('/').next()?.parse().ok()?;
    let from = GA_SESSION_YEAR_ZERO.checked_add(session)?;
    Some((from, from + 1))
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

/// Writes item `idx` and returns the texts of its fields, in `TEXT_FIELDS` order.
fn write_item(
    writer: &mut Writer,
    vocabulary: &mut Vocabulary,
    data: &Dataset,
    idx: ItemIdx,
) -> [String; EXPLAINED_FIELDS] {
    use Section::*;
    let item = data.item(idx);
    let symbol = symbol_key(&fold(item.symbol.as_deref().unwrap_or("")));
    writer.u64(SymbolMask, CharMask::of(&symbol).bits());
    // Items many others point to rank a little higher on equal matches.
    writer.u8(
        Prominence,
        data.backlinks(idx).len().min(MAX_BACKLINKS_COUNTED as usize) as u8,
    );
    writer.u8(Category, category_index(&item.category).unwrap_or(0) as u8);
    let (from, to) = years(data, idx);
    writer.u32(Years, (u32::from(from) << 16) | u32::from(to));
    writer.text(SymbolEnds, SymbolText, &symbol);
    writer.text(IdEnds, IdText, &item.id);
    writer.text(ShownSymbolEnds, ShownSymbolText, item.symbol.as_deref().unwrap_or(""));
    writer.text(ShownTitleEnds, ShownTitleText, &item.title);
    vocabulary.add(idx, Field::Id, &fold(&item.id));
    let texts = field_texts(data, idx);
    for (field, text) in TEXT_FIELDS.iter().zip(&texts) {
        if *field != Field::Date {
            vocabulary.add(idx, *field, &fold(text));
        }
    }
    texts
}

/// The distinct words of all fields, and where each is used.
#[derive(Default)]
struct Vocabulary {
    /// Fx hashing: millions of short words are looked up while building,
    /// all from the user's own files, so hash flooding is no concern.
    ids: FxHashMap<String, u32>,
    texts: Vec<String>,
    postings: Vec<Vec<u64>>,
}

impl Vocabulary {
    fn add(&mut self, idx: ItemIdx, field: Field, folded: &str) {
        for token in tokens(folded) {
            self.add_word(idx, field, token.text, token.position);
        }
    }

    /// Records `word` at `position` of `field` of item `idx`; only its
    /// first position in each field is kept.
    fn add_word(&mut self, idx: ItemIdx, field: Field, word: &str, position: u32) {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.texts.len() as u32;
                self.ids.insert(word.to_string(), id);
                self.texts.push(word.to_string());
                self.postings.push(Vec::new());
                id
            }
        };
        let posting = Posting {
            item: idx as u32,
            field,
            position,
        };
        let postings = &mut self.postings[id as usize];
        // Fields are added in order, so an earlier use is the last posting.
        let seen = postings
            .last()
            .map(|&p| Posting::from_bits(p))
            .is_some_and(|last| last.item == posting.item && last.field == field);
        if !seen {
            postings.push(posting.bits());
        }
    }

    /// Writes the words in byte order, so the words a prefix starts are
    /// one run, found by binary search.
    fn write(&self, writer: &mut Writer, items: usize) {
        let mut order: Vec<usize> = (0..self.texts.len()).collect();
        order.sort_unstable_by(|&a, &b| self.texts[a].cmp(&self.texts[b]));
        for (text, postings) in order.into_iter().map(|i| (&self.texts[i], &self.postings[i])) {
            writer.text(Section::WordEnds, Section::WordText, text);
            writer.u64(Section::WordMask, CharMask::of(text).bits());
            let mut df = 0;
            let mut last_item = None;
            for &bits in postings {
                let item = Posting::from_bits(bits).item;
                df += usize::from(last_item != Some(item));
                last_item = Some(item);
                writer.u64(Section::Postings, bits);
            }
            writer.u16(Section::WordRarity, rarity(df, items));
            writer.u32(Section::PostingEnds, (writer.len(Section::Postings) / 8) as u32);
        }
    }
}

/// One use of a word: which item, which field, the first position there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub item: u32,
    pub field: Field,
    pub position: u32,
}

/// Positions past this are stored as this: far enough for any phrase.
const MAX_POSITION: u32 = (1 << 24) - 1;

impl Posting {
    pub fn bits(self) -> u64 {
        u64::from(self.item) | (self.field as u64) << 32 | u64::from(self.position.min(MAX_POSITION)) << 40
    }

    pub fn from_bits(bits: u64) -> Posting {
        Posting {
            item: bits as u32,
            field: Field::from_index((bits >> 32) as u8),
            position: (bits >> 40) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_as_written() {
        let posting = Posting {
            item: 123_456,
            field: Field::Points,
            position: 77,
        };
        assert_eq!(Posting::from_bits(posting.bits()), posting);
    }

    #[test]
    fn undated_resolutions_take_their_session_years() {
        assert_eq!(session_years(Some("A/RES/68/198")), Some((2013, 2014)));
        assert_eq!(session_years(Some("A/RES/70/125")), Some((2015, 2016)));
        assert_eq!(session_years(Some("E/RES/2006/46")), None);
        let names: Vec<String> = [68, 71, 72, 73, 111].map(ordinal).into();
        assert_eq!(names, ["68th", "71st", "72nd", "73rd", "111th"]);
    }
}
