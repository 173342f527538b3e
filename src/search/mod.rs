//! Fuzzy search over every item. Short fields (symbol, title, each tag and
//! each body name) are matched fuzzily; long text (summary, points) word by
//! word, because a fuzzy match across a paragraph matches almost anything.
//! Every query word must match some field; the scores of the words add up.
//!
//! The index is flat bytes (`store`), built by `build` and kept between runs
//! by `cache`. Work that many items share is done once per query: each
//! distinct word of long text, tag and body name is scored once, and items
//! look their scores up.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

mod build;
pub mod cache;
#[cfg(test)]
mod damaged;
mod excerpt;
mod mask;
mod store;
pub mod worker;

pub use excerpt::{Excerpt, excerpt};

use mask::CharMask;

use crate::data::dataset::symbol_key;
use crate::data::{CATEGORIES, Dataset, ItemIdx};
use store::{Bytes, Layout, Section};

/// The part of an item a query word matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Symbol,
    Id,
    Title,
    Tags,
    Bodies,
    Summary,
    Points,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Symbol => "symbol",
            Field::Id => "id",
            Field::Title => "title",
            Field::Tags => "tags",
            Field::Bodies => "bodies",
            Field::Summary => "summary",
            Field::Points => "points",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: ItemIdx,
    pub score: i64,
    /// The field that contributed most to the score.
    pub field: Field,
}

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

/// One query word, with what the prefilter and the symbol rule need.
struct Term {
    text: String,
    mask: CharMask,
    symbol_key: String,
    symbol_mask: CharMask,
}

/// One query word's scores, worked out before items are scored: for the
/// long text of each item (0: none), and for each distinct body name and
/// tag, which many items share.
struct TermScores {
    summary: Vec<u8>,
    points: Vec<u8>,
    bodies: Vec<Option<i64>>,
    tags: Vec<Option<i64>>,
}

/// The search index of a dataset: flat bytes (see `store`), built in
/// memory or mapped from the cache, read in place.
pub struct SearchIndex {
    bytes: Bytes,
    layout: Layout,
    matcher: Box<dyn Matcher>,
}

/// How many items are scored between two looks at the cancel flag.
const CANCEL_STRIDE: usize = 512;

/// Below this many items one thread is quicker than starting others.
const PARALLEL_FROM: usize = 8192;

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
    pub(crate) fn from_bytes(bytes: Bytes, key: &str) -> Option<SearchIndex> {
        let layout = Layout::parse(&bytes, key)?;
        Some(SearchIndex::with_bytes(bytes, layout))
    }

    fn with_bytes(bytes: Bytes, layout: Layout) -> SearchIndex {
        SearchIndex {
            bytes,
            layout,
            matcher: Box::new(Skim::default()),
        }
    }

    /// The bytes to store in the cache.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn len(&self) -> usize {
        self.layout.counts.items
    }

    pub fn is_empty(&self) -> bool {
        self.layout.counts.items == 0
    }

    /// Whether this index lists the items of `data`, in the same order.
    pub fn describes(&self, data: &Dataset) -> bool {
        self.len() == data.len()
            && data
                .items()
                .iter()
                .enumerate()
                .all(|(idx, item)| self.id(idx) == item.id)
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

    /// The category id of item `idx`.
    pub fn category(&self, idx: ItemIdx) -> &'static str {
        let index = self.section(Section::Category).get(idx).copied().unwrap_or(0);
        CATEGORIES.get(index as usize).map_or("", |c| c.id)
    }

    fn section(&self, section: Section) -> &[u8] {
        &self.bytes[self.layout.range(section)]
    }

    fn text(&self, ends: Section, text: Section, idx: usize) -> &str {
        store::text_at(self.section(ends), self.section(text), idx)
    }

    fn mask(&self, section: Section, idx: usize) -> CharMask {
        CharMask::from_bits(store::u64_at(self.section(section), idx))
    }

    /// Ranked hits for `query`, over `scope` (all items when `None`).
    pub fn search(&self, query: &str, scope: Option<&[ItemIdx]>) -> Vec<Hit> {
        self.search_cancellable(query, scope, &|| false).unwrap_or_default()
    }

    /// As [`SearchIndex::search`], but gives up with `None` as soon as
    /// `cancelled` says so, because a newer query has arrived. Large scopes
    /// are scored on every core.
    pub fn search_cancellable(
        &self,
        query: &str,
        scope: Option<&[ItemIdx]>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let terms = terms(query);
        if terms.is_empty() {
            return Some(Vec::new());
        }
        let scores: Vec<TermScores> = terms.iter().map(|term| self.term_scores(term)).collect();
        let all: Vec<ItemIdx>;
        let scope = match scope {
            Some(scope) => scope,
            None => {
                all = (0..self.len()).collect();
                &all
            }
        };
        let score_part = |part: &[ItemIdx]| -> Option<Vec<Hit>> {
            let mut hits = Vec::new();
            for chunk in part.chunks(CANCEL_STRIDE) {
                if cancelled() {
                    return None;
                }
                hits.extend(chunk.iter().filter_map(|&idx| self.score_item(idx, &terms, &scores)));
            }
            Some(hits)
        };
        let threads = if scope.len() < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
        };
        let mut hits = if threads == 1 {
            score_part(scope)?
        } else {
            let parts: Vec<Option<Vec<Hit>>> = std::thread::scope(|s| {
                let handles: Vec<_> = scope
                    .chunks(scope.len().div_ceil(threads))
                    .map(|part| s.spawn(|| score_part(part)))
                    .collect();
                handles.into_iter().map(|h| h.join().ok().flatten()).collect()
            });
            parts.into_iter().collect::<Option<Vec<_>>>()?.concat()
        };
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
        Some(hits)
    }

    /// Scores `term` against each distinct bodies text, tag and word of
    /// long text once; items then look their scores up.
    fn term_scores(&self, term: &Term) -> TermScores {
        let distinct = |count: usize, [ends, text, mask]: [Section; 3], score: &dyn Fn(&str) -> Option<i64>| {
            (0..count)
                .map(|i| {
                    let covered = CharMask::from_bits(store::u64_at(self.section(mask), i)).covers(term.mask);
                    covered.then(|| score(self.text(ends, text, i))).flatten()
                })
                .collect()
        };
        let counts = self.layout.counts;
        let bodies = [Section::BodyEnds, Section::BodyText, Section::BodyMask];
        let tags = [Section::TagEnds, Section::TagText, Section::TagMask];
        let text = term.text.as_str();
        let mut scores = TermScores {
            summary: vec![0; self.len()],
            points: vec![0; self.len()],
            bodies: distinct(counts.bodies, bodies, &|b| {
                self.fuzzy(b, text).map(|s| s + whole_word_bonus(b, text, 200))
            }),
            tags: distinct(counts.tags, tags, &|tag| tag_score(tag, text, self)),
        };
        let postings = self.section(Section::Postings);
        let ends = self.section(Section::PostingEnds);
        for word in 0..self.layout.counts.words {
            if !self.mask(Section::WordMask, word).covers(term.mask) {
                continue;
            }
            let Some(score) = word_score(self.text(Section::WordEnds, Section::WordText, word), text) else {
                continue;
            };
            for at in store::span(ends, word, postings.len() / 4) {
                let posting = store::u32_at(postings, at);
                let field = if posting & 1 == 1 {
                    &mut scores.points
                } else {
                    &mut scores.summary
                };
                if let Some(best) = field.get_mut((posting >> 1) as usize) {
                    *best = (*best).max(score);
                }
            }
        }
        scores
    }

    fn score_item(&self, idx: ItemIdx, terms: &[Term], scores: &[TermScores]) -> Option<Hit> {
        // Cheap rejection first: a word whose characters the item lacks.
        let item = self.mask(Section::ItemMask, idx);
        let symbol = self.mask(Section::SymbolMask, idx);
        if !terms
            .iter()
            .all(|t| item.covers(t.mask) || symbol.covers(t.symbol_mask))
        {
            return None;
        }
        let several = terms.len() > 1;
        let title = self.text(Section::TitleEnds, Section::TitleText, idx);
        let title_mask = self.mask(Section::TitleMask, idx);
        let title_may_match = |term: &Term| title_mask.covers(term.mask) && is_subsequence(title, &term.text);
        // Every word must match some field: the fields that cost little
        // rule most items out before the fuzzy matcher runs on a title.
        let possible = terms.iter().zip(scores).all(|(term, scores)| {
            title_may_match(term) || self.score_other_fields(idx, term, scores, several).is_some()
        });
        if !possible {
            return None;
        }
        let mut total = 0;
        let mut best: Option<(i64, Field)> = None;
        for (term, scores) in terms.iter().zip(scores) {
            let text = term.text.as_str();
            let in_title = title_may_match(term)
                .then(|| self.matcher.score(title, text))
                .flatten()
                .filter(|&s| s >= min_fuzzy_score(text))
                .map(|s| (s * 2 + whole_word_bonus(title, text, 300), Field::Title));
            let elsewhere = self.score_other_fields(idx, term, scores, several);
            let (score, field) = best_match([in_title, elsewhere])?;
            total += score;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, field));
            }
        }
        let (_, field) = best?;
        let prominence = self.section(Section::Prominence).get(idx).copied().unwrap_or(0);
        Some(Hit {
            item: idx,
            score: total + i64::from(prominence),
            field,
        })
    }

    /// The best (score, field) for one query word in any field but the
    /// title, or `None`. An exact id wins a one-word query ("igf"); in a
    /// longer query it counts like a tag, so "who e-health" finds WHO's
    /// Action Line.
    fn score_other_fields(
        &self,
        idx: ItemIdx,
        term: &Term,
        scores: &TermScores,
        several: bool,
    ) -> Option<(i64, Field)> {
        use Section::*;
        let id_score = if several { 300 } else { 900 };
        let long_score = |scores: &[u8]| scores.get(idx).copied().filter(|&s| s > 0).map(i64::from);
        let in_set = |sections: [Section; 2], scores: &[Option<i64>]| {
            self.set_of(sections, idx)
                .filter_map(|id| scores.get(id).copied().flatten())
                .max()
        };
        best_match([
            self.mask(SymbolMask, idx)
                .covers(term.symbol_mask)
                .then(|| symbol_score(self.text(SymbolEnds, SymbolText, idx), &term.symbol_key))
                .flatten()
                .map(|s| (s, Field::Symbol)),
            (self.text(IdEnds, IdText, idx) == term.text).then_some((id_score, Field::Id)),
            in_set([TagsOfEnds, TagsOf], &scores.tags).map(|s| (s, Field::Tags)),
            in_set([BodiesOfEnds, BodiesOf], &scores.bodies).map(|s| (s, Field::Bodies)),
            long_score(&scores.summary).map(|s| (s, Field::Summary)),
            long_score(&scores.points).map(|s| (s * 4 / 5, Field::Points)),
        ])
    }

    /// The distinct tags or body names of item `idx`, from `[ends, ids]`.
    fn set_of(&self, [ends, ids]: [Section; 2], idx: ItemIdx) -> impl Iterator<Item = usize> + '_ {
        let ids = self.section(ids);
        store::span(self.section(ends), idx, ids.len() / 4).map(move |at| store::u32_at(ids, at) as usize)
    }

    /// Fuzzy score, rejecting the weakest scattered matches.
    fn fuzzy(&self, haystack: &str, term: &str) -> Option<i64> {
        if !is_subsequence(haystack, term) {
            return None;
        }
        self.matcher
            .score(haystack, term)
            .filter(|&s| s >= min_fuzzy_score(term))
    }

    /// Char indices of `query`'s words in `text`, for highlighting a visible row.
    pub fn highlight(&self, text: &str, query: &str) -> Vec<usize> {
        let lower = text.to_lowercase();
        let mut indices: Vec<usize> = Vec::new();
        for term in query.split_whitespace().map(str::to_lowercase) {
            // Lowercasing may change a text's length ('İ'); fall back to
            // the fuzzy matcher, which counts chars of the original.
            let same_length = lower.chars().count() == text.chars().count();
            if let Some(byte) = lower.find(&term).filter(|_| same_length) {
                let start = lower[..byte].chars().count();
                indices.extend(start..start + term.chars().count());
            } else if let Some(found) = self.matcher.indices(text, &term) {
                indices.extend(found);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

/// Whether `needle`'s chars occur in order in `haystack` (both lowercase):
/// the fuzzy matcher needs that, and this check costs far less.
fn is_subsequence(haystack: &str, needle: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

/// The query's words, lowercased.
fn terms(query: &str) -> Vec<Term> {
    query
        .split_whitespace()
        .map(|word| {
            let text = word.to_lowercase();
            let key = symbol_key(&text);
            Term {
                mask: CharMask::of(&text),
                symbol_mask: CharMask::of(&key),
                symbol_key: key,
                text,
            }
        })
        .collect()
}

/// Words of long text: letters and digits, with '/', '-' and '+' kept so
/// "e-health" and "wsis+20" stay whole.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-' || c == '+'))
        .filter(|w| !w.is_empty())
}

/// The highest score; on equal scores the field that ranks first.
fn best_match(candidates: impl IntoIterator<Item = Option<(i64, Field)>>) -> Option<(i64, Field)> {
    candidates
        .into_iter()
        .flatten()
        .max_by_key(|&(score, field)| (score, std::cmp::Reverse(field)))
}

/// Exact symbols and symbol tails ("70/125" of "a/res/70/125") win outright.
fn symbol_score(symbol: &str, term: &str) -> Option<i64> {
    if symbol.is_empty() {
        return None;
    }
    if symbol == term {
        return Some(1200);
    }
    // Joint symbols ("a/66/64-e/2011/77") are matched part by part.
    let parts = symbol.split(['-', ' ']).filter(|p| p.contains('/'));
    for part in parts {
        if part == term {
            return Some(1150);
        }
        if part.ends_with(term) && part.as_bytes()[part.len() - term.len() - 1] == b'/' {
            return Some(1000);
        }
    }
    if symbol.starts_with(term) {
        return Some(600 + term.len() as i64);
    }
    if term.contains('/') && symbol.contains(term) {
        return Some(400 + term.len() as i64);
    }
    None
}

fn tag_score(tag: &str, term: &str, index: &SearchIndex) -> Option<i64> {
    if tag == term {
        Some(300)
    } else if tag.starts_with(term) {
        Some(200)
    } else {
        index.fuzzy(tag, term).map(|s| s * 3 / 2)
    }
}

/// How well `term` matches one word of long text: the whole word, a prefix
/// or a substring of it; never a match scattered across several words.
fn word_score(word: &str, term: &str) -> Option<u8> {
    if word == term {
        Some(90)
    } else if word.starts_with(term) {
        Some(70)
    } else if term.len() >= 3 && word.contains(term) {
        Some(40)
    } else {
        None
    }
}

/// `bonus` when `term` is a whole word of `text`.
fn whole_word_bonus(text: &str, term: &str, bonus: i64) -> i64 {
    let whole = text
        .split(|c: char| !c.is_alphanumeric() && !"/+-".contains(c))
        .any(|word| word == term);
    if whole { bonus } else { 0 }
}

/// Short terms must match tightly; longer ones may scatter a little more.
fn min_fuzzy_score(term: &str) -> i64 {
    (term.chars().count() as i64) * 12
}
