//! Fuzzy search over every item. Short fields (symbol, title, tags, bodies)
//! are matched fuzzily; long text (summary, points) word by word, because a
//! fuzzy match across a paragraph matches almost anything. Every query word
//! must match some field; the scores of the words add up.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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

/// What is searched of one item, lowercased once at start-up.
struct Entry {
    symbol: String,
    id: String,
    title: String,
    tags: Vec<String>,
    bodies: String,
    summary_words: Vec<String>,
    point_words: Vec<String>,
    /// Items many others point to rank a little higher on equal matches.
    prominence: i64,
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

impl SearchIndex {
    pub fn new(data: &Dataset) -> SearchIndex {
        let entries = (0..data.len())
            .map(|idx| {
                let item = data.item(idx);
                let mut bodies: Vec<String> = item.body.iter().cloned().collect();
                for (link, target) in data.links(idx) {
                    if BODY_RELATIONS.contains(&link.rel) {
                        let target = data.item(target);
                        bodies.push(target.label().to_string());
                        bodies.extend(target.tags.iter().cloned());
                    }
                }
                Entry {
                    symbol: crate::data::dataset::symbol_key(item.symbol.as_deref().unwrap_or("")),
                    id: item.id.clone(),
                    title: format!("{} {}", item.title, item.short_title.as_deref().unwrap_or("")).to_lowercase(),
                    tags: item.tags.iter().map(|t| t.to_lowercase()).collect(),
                    bodies: bodies.join(" ").to_lowercase(),
                    summary_words: words(&item.summary),
                    point_words: item.points.iter().flat_map(|p| words(p)).collect(),
                    prominence: data.backlinks(idx).len().min(20) as i64,
                }
            })
            .collect();
        SearchIndex {
            entries,
            matcher: Box::new(Skim::default()),
        }
    }

    /// Ranked hits for `query`, over `scope` (all items when `None`).
    pub fn search(&self, query: &str, scope: Option<&[ItemIdx]>) -> Vec<Hit> {
        let terms = terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = match scope {
            Some(scope) => scope.iter().filter_map(|&idx| self.score_item(idx, &terms)).collect(),
            None => (0..self.entries.len())
                .filter_map(|idx| self.score_item(idx, &terms))
                .collect(),
        };
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
        hits
    }

    fn score_item(&self, idx: ItemIdx, terms: &[String]) -> Option<Hit> {
        let entry = &self.entries[idx];
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
    fn score_term(&self, entry: &Entry, term: &str, several: bool) -> Option<(i64, Field)> {
        let id_score = if several { 300 } else { 900 };
        let candidates = [
            symbol_score(&entry.symbol, term).map(|s| (s, Field::Symbol)),
            (entry.id == term).then_some((id_score, Field::Id)),
            self.fuzzy(&entry.title, term)
                .map(|s| (s * 2 + whole_word_bonus(&entry.title, term, 300), Field::Title)),
            entry
                .tags
                .iter()
                .filter_map(|tag| tag_score(tag, term, self))
                .max()
                .map(|s| (s, Field::Tags)),
            self.fuzzy(&entry.bodies, term)
                .map(|s| (s + whole_word_bonus(&entry.bodies, term, 200), Field::Bodies)),
            word_score(&entry.summary_words, term).map(|s| (s, Field::Summary)),
            word_score(&entry.point_words, term).map(|s| (s * 4 / 5, Field::Points)),
        ];
        candidates
            .into_iter()
            .flatten()
            .max_by_key(|&(score, field)| (score, std::cmp::Reverse(field)))
    }

    /// Fuzzy score, rejecting the weakest scattered matches.
    fn fuzzy(&self, haystack: &str, term: &str) -> Option<i64> {
        self.matcher
            .score(haystack, term)
            .filter(|&s| s >= min_fuzzy_score(term))
    }

    /// Char indices of `query`'s words in `text`, for highlighting a visible row.
    pub fn highlight(&self, text: &str, query: &str) -> Vec<usize> {
        let lower = text.to_lowercase();
        let mut indices: Vec<usize> = Vec::new();
        for term in terms(query) {
            if let Some(byte) = lower.find(&term) {
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

/// The query's words, lowercased.
fn terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-' || c == '+'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Exact symbols and symbol tails ("70/125" of "a/res/70/125") win outright.
fn symbol_score(symbol: &str, term: &str) -> Option<i64> {
    if symbol.is_empty() {
        return None;
    }
    let term = &crate::data::dataset::symbol_key(term);
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
fn word_score(words: &[String], term: &str) -> Option<i64> {
    let mut best = None;
    for word in words {
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
