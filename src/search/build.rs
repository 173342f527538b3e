//! Builds the index bytes of a dataset: the searched fields lowercased once,
//! their character masks, and an inverted index of the words of long text,
//! so a query word is compared with each distinct word once, not with every
//! word of every summary.

use rustc_hash::FxHashMap;

use super::mask::CharMask;
use super::store::{Counts, Section, Writer};
use super::words;
use crate::data::category::category_index;
use crate::data::dataset::symbol_key;
use crate::data::{Dataset, ItemIdx, Relation};

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

/// The distinct texts of fields many items share.
#[derive(Default)]
struct Shared {
    bodies: Distinct,
    tags: Distinct,
    words: Vocabulary,
}

/// The index bytes of `data`, tagged with the cache `key`.
pub(crate) fn build(data: &Dataset, key: &str) -> Vec<u8> {
    let mut writer = Writer::new();
    let mut shared = Shared::default();
    for idx in 0..data.len() {
        write_item(&mut writer, &mut shared, data, idx);
    }
    let counts = Counts {
        items: data.len(),
        words: shared.words.words.texts.len(),
        bodies: shared.bodies.texts.len(),
        tags: shared.tags.texts.len(),
    };
    shared
        .bodies
        .write(&mut writer, [Section::BodyEnds, Section::BodyText, Section::BodyMask]);
    shared
        .tags
        .write(&mut writer, [Section::TagEnds, Section::TagText, Section::TagMask]);
    shared.words.write(&mut writer);
    writer.finish(key, counts)
}

fn write_item(writer: &mut Writer, shared: &mut Shared, data: &Dataset, idx: ItemIdx) {
    use Section::*;
    let item = data.item(idx);
    let mut bodies: Vec<&str> = item.body.iter().map(String::as_str).collect();
    for (link, target) in data.links(idx) {
        if BODY_RELATIONS.contains(&link.rel) {
            let target = data.item(target);
            bodies.push(target.label());
            bodies.extend(target.tags.iter().map(String::as_str));
        }
    }
    let symbol = symbol_key(item.symbol.as_deref().unwrap_or(""));
    let title = match &item.short_title {
        Some(short) => format!("{} {short}", item.title).to_lowercase(),
        None => item.title.to_lowercase(),
    };
    let tags: Vec<String> = item.tags.iter().map(|t| t.to_lowercase()).collect();
    let tags_mask = tags.iter().fold(CharMask::default(), |m, t| m.union(CharMask::of(t)));
    let bodies: Vec<String> = bodies.iter().map(|b| b.to_lowercase()).collect();
    let summary = item.summary.to_lowercase();
    let points = item.points.join("\n").to_lowercase();

    let masks = [(SymbolMask, CharMask::of(&symbol)), (TitleMask, CharMask::of(&title))];
    let others = [&item.id, &summary, &points].map(|text| CharMask::of(text));
    let all = masks
        .iter()
        .map(|&(_, mask)| mask)
        .chain(others)
        .chain(bodies.iter().map(|b| CharMask::of(b)))
        .fold(tags_mask, CharMask::union);
    writer.u64(ItemMask, all.bits());
    for (section, mask) in masks {
        writer.u64(section, mask.bits());
    }
    // Items many others point to rank a little higher on equal matches.
    writer.u8(Prominence, data.backlinks(idx).len().min(20) as u8);
    writer.u8(Category, category_index(&item.category).unwrap_or(0) as u8);
    writer.text(SymbolEnds, SymbolText, &symbol);
    writer.text(IdEnds, IdText, &item.id);
    writer.text(TitleEnds, TitleText, &title);
    shared.bodies.write_set(writer, [BodiesOfEnds, BodiesOf], &bodies);
    shared.tags.write_set(writer, [TagsOfEnds, TagsOf], &tags);
    writer.text(ShownSymbolEnds, ShownSymbolText, item.symbol.as_deref().unwrap_or(""));
    writer.text(ShownTitleEnds, ShownTitleText, &item.title);
    shared.words.add(idx, &summary, &points);
}

/// Texts numbered in order of first use.
#[derive(Default)]
struct Distinct {
    /// Fx hashing: millions of short words are looked up while building,
    /// all from the user's own files, so hash flooding is no concern.
    ids: FxHashMap<String, u32>,
    texts: Vec<String>,
}

impl Distinct {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.ids.insert(text.to_string(), id);
        self.texts.push(text.to_string());
        id
    }

    /// Writes the distinct ids of `texts` as one item's run of `[ends, ids]`.
    fn write_set(&mut self, writer: &mut Writer, [ends, ids]: [Section; 2], texts: &[String]) {
        let mut set: Vec<u32> = texts.iter().map(|text| self.id(text)).collect();
        set.sort_unstable();
        set.dedup();
        for id in set {
            writer.u32(ids, id);
        }
        writer.u32(ends, (writer.len(ids) / 4) as u32);
    }

    /// Writes each text and its characters to `[ends, text, mask]`.
    fn write(&self, writer: &mut Writer, [ends, text, mask]: [Section; 3]) {
        for value in &self.texts {
            writer.text(ends, text, value);
            writer.u64(mask, CharMask::of(value).bits());
        }
    }
}

/// The distinct words of all long text, and which items use each.
#[derive(Default)]
struct Vocabulary {
    words: Distinct,
    postings: Vec<Vec<u32>>,
}

impl Vocabulary {
    fn add(&mut self, idx: ItemIdx, summary: &str, points: &str) {
        for (text, is_points) in [(summary, 0), (points, 1)] {
            let mut ids: Vec<u32> = words(text).map(|word| self.id(word)).collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                self.postings[id as usize].push(((idx as u32) << 1) | is_points);
            }
        }
    }

    fn id(&mut self, word: &str) -> u32 {
        let id = self.words.id(word);
        if id as usize == self.postings.len() {
            self.postings.push(Vec::new());
        }
        id
    }

    fn write(&self, writer: &mut Writer) {
        self.words
            .write(writer, [Section::WordEnds, Section::WordText, Section::WordMask]);
        for postings in &self.postings {
            for &posting in postings {
                writer.u32(Section::Postings, posting);
            }
            writer.u32(Section::PostingEnds, writer.len(Section::Postings) as u32 / 4);
        }
    }
}
