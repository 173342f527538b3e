//! Fuzzy search over every item. Short fields (symbol, title, tags, bodies)
//! are matched fuzzily; long text (summary, points) word by word, because a
//! fuzzy match across a paragraph matches almost anything. Every query word
//! must match some field; the scores of the words add up.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

mod excerpt;
mod mask;
pub mod worker;

pub use excerpt::{Excerpt, excerpt};

use mask::CharMask;

use crate::data::dataset::symbol_key;
use crate::data::{Dataset, ItemIdx, Relation};

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

/// What is searched of one item, lowercased once at start-up. Long text
/// stays one string, split into words only while matching.
struct Entry {
    symbol: String,
    id: String,
    title: String,
    tags: Vec<String>,
    bodies: String,
    summary: String,
    points: String,
    masks: Masks,
    /// Items many others point to rank a little higher on equal matches.
    prominence: i64,
}

/// The characters of each field, and of the whole item.
struct Masks {
    item: CharMask,
    symbol: CharMask,
    title: CharMask,
    tags: CharMask,
    bodies: CharMask,
    summary: CharMask,
    points: CharMask,
}

/// One query word, with what the prefilter and the symbol rule need.
struct Term {
    text: String,
    mask: CharMask,
    symbol_key: String,
    symbol_mask: CharMask,
}

pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: Box<dyn Matcher>,
}

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

/// How many items are scored between two looks at the cancel flag.
const CANCEL_STRIDE: usize = 512;

impl SearchIndex {
    pub fn new(data: &Dataset) -> SearchIndex {
        let entries = (0..data.len()).map(|idx| entry(data, idx)).collect();
        SearchIndex {
            entries,
            matcher: Box::new(Skim::default()),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ranked hits for `query`, over `scope` (all items when `None`).
    pub fn search(&self, query: &str, scope: Option<&[ItemIdx]>) -> Vec<Hit> {
        self.search_cancellable(query, scope, &|| false).unwrap_or_default()
    }

    /// As [`SearchIndex::search`], but gives up with `None` as soon as
    /// `cancelled` says so, because a newer query has arrived.
    pub fn search_cancellable(
        &self,
        query: &str,
        scope: Option<&[ItemIdx]>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        let terms = terms(query);
        if terms.is_empty() {
            return Some(Vec::new());
        }
        let all: Vec<ItemIdx>;
        let scope = match scope {
            Some(scope) => scope,
            None => {
                all = (0..self.entries.len()).collect();
                &all
            }
        };
        let mut hits = Vec::new();
        for chunk in scope.chunks(CANCEL_STRIDE) {
            if cancelled() {
                return None;
            }
            hits.extend(chunk.iter().filter_map(|&idx| self.score_item(idx, &terms)));
        }
        hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
        Some(hits)
    }

    fn score_item(&self, idx: ItemIdx, terms: &[Term]) -> Option<Hit> {
        let entry = &self.entries[idx];
        // Cheap rejection first: a word whose characters the item lacks.
        let possible = |t: &Term| entry.masks.item.covers(t.mask) || entry.masks.symbol.covers(t.symbol_mask);
        if !terms.iter().all(possible) {
            return None;
        }
        let mut total = 0;
        let mut best: Option<(i64, Field)> = None;
        for term in terms {
            let (score, field) = self.score_term(entry, term, terms.len() > 1)?;
            total += score;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, field));
            }
        }
        let (_, field) = best?;
        Some(Hit {
            item: idx,
            score: total + entry.prominence,
            field,
        })
    }

    /// The best (score, field) for one query word, or `None` if no field
    /// matches. An exact id wins a one-word query ("igf"); in a longer query
    /// it counts like a tag, so "who e-health" finds WHO's Action Line.
    fn score_term(&self, entry: &Entry, term: &Term, several: bool) -> Option<(i64, Field)> {
        let id_score = if several { 300 } else { 900 };
        let masks = &entry.masks;
        let text = term.text.as_str();
        let candidates = [
            masks
                .symbol
                .covers(term.symbol_mask)
                .then(|| symbol_score(&entry.symbol, &term.symbol_key))
                .flatten()
                .map(|s| (s, Field::Symbol)),
            (entry.id == text).then_some((id_score, Field::Id)),
            masks
                .title
                .covers(term.mask)
                .then(|| self.fuzzy(&entry.title, text))
                .flatten()
                .map(|s| (s * 2 + whole_word_bonus(&entry.title, text, 300), Field::Title)),
            masks
                .tags
                .covers(term.mask)
                .then(|| entry.tags.iter().filter_map(|tag| tag_score(tag, text, self)).max())
                .flatten()
                .map(|s| (s, Field::Tags)),
            masks
                .bodies
                .covers(term.mask)
                .then(|| self.fuzzy(&entry.bodies, text))
                .flatten()
                .map(|s| (s + whole_word_bonus(&entry.bodies, text, 200), Field::Bodies)),
            masks
                .summary
                .covers(term.mask)
                .then(|| word_score(&entry.summary, text))
                .flatten()
                .map(|s| (s, Field::Summary)),
            masks
                .points
                .covers(term.mask)
                .then(|| word_score(&entry.points, text))
                .flatten()
                .map(|s| (s * 4 / 5, Field::Points)),
        ];
        candidates
            .into_iter()
            .flatten()
            .max_by_key(|&(score, field)| (score, std::cmp::Reverse(field)))
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

fn entry(data: &Dataset, idx: ItemIdx) -> Entry {
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
    let bodies = bodies.join(" ").to_lowercase();
    let summary = item.summary.to_lowercase();
    let points = item.points.join("\n").to_lowercase();
    let tags_mask = tags.iter().fold(CharMask::default(), |m, t| m.union(CharMask::of(t)));
    let masks = Masks {
        symbol: CharMask::of(&symbol),
        title: CharMask::of(&title),
        tags: tags_mask,
        bodies: CharMask::of(&bodies),
        summary: CharMask::of(&summary),
        points: CharMask::of(&points),
        item: CharMask::of(&item.id),
    };
    let masks = Masks {
        item: [
            masks.symbol,
            masks.title,
            masks.tags,
            masks.bodies,
            masks.summary,
            masks.points,
        ]
        .into_iter()
        .fold(masks.item, CharMask::union),
        ..masks
    };
    Entry {
        symbol,
        id: item.id.clone(),
        title,
        tags,
        bodies,
        summary,
        points,
        masks,
        prominence: data.backlinks(idx).len().min(20) as i64,
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

/// Whole words of long text: a prefix or substring of one word, never a
/// match scattered across several words.
fn word_score(text: &str, term: &str) -> Option<i64> {
    let mut best = None;
    for word in words(text) {
        let score = if word == term {
            90
        } else if word.starts_with(term) {
            70
        } else if term.len() >= 3 && word.contains(term) {
            40
        } else {
            continue;
        };
        best = best.max(Some(score));
        if score == 90 {
            break;
        }
    }
    best
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
