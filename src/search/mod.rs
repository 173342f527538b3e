//! Search over every item, word by word. Each field (symbol, id, title and
//! short title, tags, bodies, date, summary, key points) is folded (case,
//! accents, compatibility forms: `fold`) and split into words (`tokens`);
//! the index maps each distinct word to the items and fields using it, with
//! its rarity. A query word matches a word exactly, as its prefix, with a
//! typo or two, or by its letters in order inside that one word, never
//! across words; symbols keep their own rule. Every query word must match;
//! how the matches rank is `score`'s table. Each hit says why it matched
//! (`explain`).
//!
//! The index is flat bytes (`store`), built by `build` and kept between runs
//! by `cache`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

mod build;
pub mod cache;
mod category_words;
#[cfg(test)]
mod damaged;
mod drafts;
mod excerpt;
mod explain;
mod fetch;
mod fewer_words;
pub use fewer_words::FewerWords;
mod shown;
pub use fetch::Titles;
mod hit_texts;
mod hits;
mod index_part;
mod joined;
mod kept_words;
pub use hits::Hits;
pub mod fold;
mod lazy;
mod mask;
mod offer;
mod query;
mod rank_sort;
#[cfg(test)]
mod reference;
mod restricted;
mod score;
mod section_copy;
mod sections;
mod sentinel_runs;
mod slips;
mod store;
mod tally;
mod tokens;
mod vocabulary;
mod word_runs;
pub mod worker;

use std::borrow::Cow;
use std::ops::Range;

use crate::data::{CATEGORIES, Dataset, ItemIdx};
use store::{Bytes, Layout, Section};

/// The part of an item a query word matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Symbol,
    Id,
    /// The title and the short title.
    Title,
    Tags,
    /// Who adopted, facilitated, organised or hosts it.
    Bodies,
    /// Its date, or for an undated resolution its session's years.
    Date,
    Summary,
    Points,
    /// The name of its category ("GA resolutions"), for a query word that
    /// no text of the item has: never stored in the index (`category_words`).
    Category,
}

/// The fields whose text the index keeps, in the order it keeps them.
pub(crate) const TEXT_FIELDS: [Field; store::EXPLAINED_FIELDS] = [
    Field::Title,
    Field::Tags,
    Field::Bodies,
    Field::Date,
    Field::Summary,
    Field::Points,
];

/// The fields whose words the index stores: every field but the last,
/// [`Field::Category`], which has no text of its own.
pub(crate) const FIELDS: [Field; Field::ALL.len() - 1] = stored_fields();

/// [`Field::ALL`] without its last, [`Field::Category`].
const fn stored_fields() -> [Field; Field::ALL.len() - 1] {
    let mut fields = [Field::Category; Field::ALL.len() - 1];
    let mut at = 0;
    while at < fields.len() {
        fields[at] = Field::ALL[at];
        at += 1;
    }
    fields
}

// `Field::ALL` lists every field once, in `Field as u8` order, ending with
// the category (`FIELDS` relies on it).
const _: () = {
    assert!(Field::ALL.len() == Field::Category as usize + 1);
    let mut at = 0;
    while at < Field::ALL.len() {
        assert!(Field::ALL[at] as usize == at && last_listed(Field::ALL[at]) == (at + 1 == Field::ALL.len()));
        at += 1;
    }
};

/// Whether `field` is the last of [`Field::ALL`]. It names every variant:
/// a new field fails to compile here until it is placed in the list.
const fn last_listed(field: Field) -> bool {
    match field {
        Field::Category => true,
        Field::Symbol
        | Field::Id
        | Field::Title
        | Field::Tags
        | Field::Bodies
        | Field::Date
        | Field::Summary
        | Field::Points => false,
    }
}

impl Field {
    /// Every field, in `Field as u8` order; [`Field::Category`], which
    /// must stay the last variant, last.
    pub(crate) const ALL: [Field; 9] = [
        Field::Symbol,
        Field::Id,
        Field::Title,
        Field::Tags,
        Field::Bodies,
        Field::Date,
        Field::Summary,
        Field::Points,
        Field::Category,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Symbol => "symbol",
            Field::Id => "id",
            Field::Title => "title",
            Field::Tags => "tags",
            Field::Bodies => "bodies",
            Field::Date => "date",
            Field::Summary => "summary",
            Field::Points => "points",
            Field::Category => "category",
        }
    }

    /// The field's bit in a field set; none for [`Field::Category`],
    /// which has no text in the index to read.
    pub(crate) fn bit(self) -> u8 {
        match self {
            Field::Category => 0,
            stored => 1 << stored as u8,
        }
    }

    /// The field numbered `index` (as stored); out of range reads as points.
    pub(crate) fn from_index(index: u8) -> Field {
        FIELDS.get(usize::from(index)).copied().unwrap_or(Field::Points)
    }
}

/// Why an item matched: the text of one field (a line of it, or an
/// excerpt of long text) and the char ranges of the matching words in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub field: Field,
    pub text: String,
    pub ranges: Vec<Range<usize>>,
    /// Which of `ranges` the text is shown for (a query word this field
    /// explains best; others found in it are marked too): a narrower cut
    /// keeps it in view. The first when there is no such range.
    pub focus: usize,
}

impl Matched {
    /// The same explanation cut to `max_chars` around its focus.
    pub fn narrowed(&self, max_chars: usize) -> Matched {
        let excerpt = excerpt::window(&self.text, &self.ranges, self.focus, max_chars);
        Matched {
            field: self.field,
            text: excerpt.text,
            ranges: excerpt.ranges,
            focus: excerpt.focus,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemIdx,
    pub score: i64,
    /// The field that contributed most to the score.
    pub field: Field,
    /// Why it matched, one entry per field that explains a query word.
    /// Filled for the first [`EXPLAINED_HITS`] hits of a search; for later
    /// ones ask [`SearchIndex::explain_hit`] when they are shown.
    pub matched: Vec<Matched>,
    /// The fields where the search found each query word best, one bit
    /// per field: an explanation need look at no other.
    pub(crate) fields: u8,
}

/// How many hits of a search come explained: more than a screen shows.
pub const EXPLAINED_HITS: usize = 100;

/// A fuzzy scorer. Behind a trait so the matcher can be swapped.
pub trait Matcher: Send + Sync {
    fn score(&self, haystack: &str, needle: &str) -> Option<i64>;
    /// Char indices (not byte offsets) of the matched characters.
    fn indices(&self, haystack: &str, needle: &str) -> Option<Vec<usize>>;
}

pub struct Skim(SkimMatcherV2);

impl Default for Skim {
    fn default() -> Self {
        Skim(SkimMatcherV2::default().ignore_case())
    }
}

impl Matcher for Skim {
    fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
        self.0.fuzzy_match(haystack, needle)
    }
    fn indices(&self, haystack: &str, needle: &str) -> Option<Vec<usize>> {
        self.0.fuzzy_indices(haystack, needle).map(|(_, indices)| indices)
    }
}

/// The search index of a dataset: flat bytes (see `store`), built in
/// memory or read from the cache (whole, or on demand: `lazy`), used in place.
pub struct SearchIndex {
    bytes: Bytes,
    layout: Layout,
    matcher: Box<dyn Matcher>,
    /// The per-item arrays of a search, kept for the next (`tally`).
    scratch: tally::ScratchPool,
}

impl SearchIndex {
    pub fn new(data: &Dataset) -> SearchIndex {
        SearchIndex::build(data, "")
    }

    /// Builds the index of `data`, tagged with the cache key it is stored under.
    pub fn build(data: &Dataset, key: &str) -> SearchIndex {
        let bytes = build::build(data, key);
        let layout = Layout::parse(&bytes, key).expect("a freshly built index has a valid layout");
        SearchIndex::with_bytes(Bytes::Owned(bytes), layout)
    }

    /// An index read from `bytes`, if they hold one stored under `key`.
    pub(crate) fn from_bytes(bytes: Vec<u8>, key: &str) -> Option<SearchIndex> {
        let layout = Layout::parse(&bytes, key)?;
        Some(SearchIndex::with_bytes(Bytes::Owned(bytes), layout))
    }

    /// The index stored under `key` in the large cache file `file`, read
    /// on demand (see `lazy`).
    pub(crate) fn from_file(file: std::fs::File, key: &str) -> Option<SearchIndex> {
        let (lazy, layout) = lazy::LazyFile::open(file, key)?;
        Some(SearchIndex::with_bytes(Bytes::Lazy(Box::new(lazy)), layout))
    }

    fn with_bytes(bytes: Bytes, layout: Layout) -> SearchIndex {
        SearchIndex {
            bytes,
            layout,
            matcher: Box::new(Skim::default()),
            scratch: tally::ScratchPool::default(),
        }
    }

    /// The bytes to store in the cache; `None` for an index read from it.
    pub(crate) fn as_bytes(&self) -> Option<&[u8]> {
        match &self.bytes {
            Bytes::Owned(bytes) => Some(bytes),
            Bytes::Sections(_) | Bytes::Lazy(_) => None,
        }
    }

    /// Whether a part of a cached index could not be read because its
    /// file changed after opening: searches then find nothing, and the
    /// caller should build the index again from the data.
    pub fn is_damaged(&self) -> bool {
        match &self.bytes {
            Bytes::Owned(_) | Bytes::Sections(_) => false,
            Bytes::Lazy(lazy) => lazy.is_damaged(),
        }
    }

    pub fn len(&self) -> usize {
        self.layout.counts.items
    }

    /// The matcher for fuzzy matches inside a word.
    fn matcher(&self) -> &dyn Matcher {
        self.matcher.as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.layout.counts.items == 0
    }

    /// Whether this index lists the items of `data`, in the same order.
    pub fn describes(&self, data: &Dataset) -> bool {
        // By the stored ids' hashes on a dataset read in place: decoding
        // every item here would undo reading them on demand.
        self.len() == data.len() && (0..data.len()).all(|idx| data.id_matches(idx, self.id(idx)))
    }

    /// The id of item `idx`, as written in the data.
    pub fn id(&self, idx: ItemIdx) -> &str {
        self.text(Section::IdEnds, Section::IdText, idx)
    }

    /// The symbol of item `idx`, as written in the data.
    pub fn symbol(&self, idx: ItemIdx) -> Option<&str> {
        Some(self.text(Section::ShownSymbolEnds, Section::ShownSymbolText, idx)).filter(|s| !s.is_empty())
    }

    /// The title of item `idx`, as written in the data.
    pub fn title(&self, idx: ItemIdx) -> &str {
        self.text(Section::ShownTitleEnds, Section::ShownTitleText, idx)
    }

    /// The titles of `items`, read together (for printing many hits).
    pub fn titles(&self, items: impl Iterator<Item = ItemIdx>) -> Titles<'_> {
        Titles::of(self, items)
    }

    /// The category id of item `idx`.
    pub fn category(&self, idx: ItemIdx) -> &'static str {
        CATEGORIES.get(self.category_number(idx)).map_or("", |c| c.id)
    }

    /// The place in [`CATEGORIES`] of item `idx`'s category.
    pub(super) fn category_number(&self, idx: ItemIdx) -> usize {
        usize::from(self.section(Section::Category).get(idx).copied().unwrap_or(0))
    }

    /// Whether item `idx`'s tags make it a draft (`drafts`): a byte read,
    /// the tags were looked at when the index was built.
    fn is_draft(&self, idx: ItemIdx) -> bool {
        self.section(Section::Draft).get(idx) == Some(&1)
    }

    /// The file this index is read from on demand, if it is.
    fn lazy(&self) -> Option<&lazy::LazyFile> {
        match &self.bytes {
            Bytes::Owned(_) | Bytes::Sections(_) => None,
            Bytes::Lazy(lazy) => Some(lazy),
        }
    }

    fn section(&self, section: Section) -> &[u8] {
        match &self.bytes {
            Bytes::Owned(bytes) => bytes.get(self.layout.range(section)).unwrap_or(&[]),
            Bytes::Sections(sections) => sections.section(section),
            Bytes::Lazy(lazy) => lazy.section(section),
        }
    }

    /// The bytes of entry `idx` of column `data`, whose entry ends are `ends`.
    fn entry(&self, ends: Section, data: Section, idx: usize) -> &[u8] {
        match &self.bytes {
            Bytes::Owned(_) => store::entry(self.section(ends), self.section(data), data, idx),
            Bytes::Sections(sections) => sections.entry(ends, data, idx),
            Bytes::Lazy(lazy) => lazy.entry(ends, data, idx),
        }
    }

    /// As [`Self::entry`], for a caller that reads the entry once: from an
    /// index read on demand, read for it alone and not kept.
    fn entry_once(&self, ends: Section, data: Section, idx: usize) -> Cow<'_, [u8]> {
        match self.lazy() {
            Some(lazy) => Cow::Owned(lazy.entry_unkept(ends, data, idx).into_vec()),
            None => Cow::Borrowed(self.entry(ends, data, idx)),
        }
    }

    fn text(&self, ends: Section, text: Section, idx: usize) -> &str {
        std::str::from_utf8(self.entry(ends, text, idx)).unwrap_or("")
    }

    /// The text of `field` of item `idx` as written, for fields with text.
    fn field_text(&self, idx: ItemIdx, field: Field) -> &str {
        let Some(slot) = TEXT_FIELDS.iter().position(|&f| f == field) else {
            return "";
        };
        // Stored field by field: every item's title, then every item's tags...
        self.text(Section::FieldEnds, Section::FieldText, slot * self.len() + idx)
    }

    /// The first and last year item `idx` covers, if known.
    fn years(&self, idx: ItemIdx) -> Option<(u16, u16)> {
        let packed = store::u32_at(self.section(Section::Years), idx);
        (packed != 0).then_some(((packed >> 16) as u16, packed as u16))
    }
}
