//! Running a query: each query word is matched against the distinct words
//! of the index once, the items using a matching word collect its score
//! through the postings, and an item is a hit when every word matched.
//! Memory is a few arrays of one entry per item, whatever the query.

use super::fold::fold;
use super::mask::CharMask;
use super::score::{self, Kind};
use super::store::{self, Section};
use super::tokens::{JOINERS, is_symbol_like, query_words, words};
use super::{EXPLAINED_HITS, Field, Hit, SearchIndex};
use crate::data::ItemIdx;
use crate::data::dataset::symbol_key;

/// How many distinct words are compared between two looks at the cancel flag.
const CANCEL_STRIDE: usize = 4096;

/// Years a query word may name ("2013").
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// One query word, folded, with what the prefilters need.
pub(crate) struct Term {
    pub text: String,
    pub mask: CharMask,
    pub symbol_key: String,
    symbol_mask: CharMask,
    pub year: Option<u16>,
    /// How many typos it may have.
    typos: usize,
}

/// The distinct words of `query`, ready to match.
pub(crate) fn terms(query: &str) -> Vec<Term> {
    query_words(query)
        .into_iter()
        .map(|text| {
            let key = symbol_key(&text);
            let year = (text.len() == 4)
                .then(|| text.parse().ok())
                .flatten()
                .filter(|y| YEARS.contains(y));
            Term {
                mask: CharMask::of(&text),
                symbol_mask: CharMask::of(&key),
                symbol_key: key,
                year,
                typos: score::allowed_typos(&text),
                text,
            }
        })
        .collect()
}

impl Term {
    /// Whether a word of characters `mask` may match this term at all
    /// (`None`: it cannot), and whether with typos: each typo brings at
    /// most one letter the word lacks and drops at most one it has.
    pub fn may_match(&self, mask: CharMask) -> Option<bool> {
        let typos = self.typos as u32;
        let missing = (self.mask.bits() & !mask.bits()).count_ones();
        let extra = (mask.bits() & !self.mask.bits()).count_ones();
        let typos_possible = typos > 0 && missing <= typos && extra <= typos;
        (mask.covers(self.mask) || typos_possible).then_some(typos_possible)
    }
}

/// One query word's best match in one item so far.
#[derive(Debug, Clone, Copy)]
struct TermMatch {
    cost: u32,
    score: i64,
    /// The scores of the item's other matches of this word.
    more: i64,
    field: Field,
    position: u32,
}

const NO_MATCH: TermMatch = TermMatch {
    cost: u32::MAX,
    score: 0,
    more: 0,
    field: Field::Points,
    position: 0,
};

impl TermMatch {
    /// The word's score: the best match, plus the others up to a share of it.
    fn total(&self) -> i64 {
        self.score + self.more.min(self.score) * score::MORE_MATCHES_NUMERATOR / score::MORE_MATCHES_DENOMINATOR
    }
}

/// The current query word's matches, per item, and which items have one.
struct Round {
    best: Vec<TermMatch>,
    touched: Vec<u32>,
}

impl Round {
    fn offer(&mut self, item: usize, cost: u32, score: i64, field: Field, position: u32) {
        let Some(best) = self.best.get_mut(item) else {
            return;
        };
        if best.cost == u32::MAX {
            self.touched.push(item as u32);
            *best = TermMatch {
                cost,
                score,
                more: 0,
                field,
                position,
            };
        } else if (cost, -score) < (best.cost, -best.score) {
            let more = best.more + best.score;
            *best = TermMatch {
                cost,
                score,
                more,
                field,
                position,
            };
        } else {
            best.more += score;
        }
    }
}

/// What the words matched so far add up to, per item.
struct Totals {
    /// How many query words matched; an item is alive while this equals
    /// the number of words handled.
    matched: Vec<u8>,
    cost: Vec<u32>,
    score: Vec<i64>,
    /// The field of the best single word match, and its score.
    top: Vec<(Field, i64)>,
    /// Where the previous query word matched, for the proximity bonus.
    last: Vec<(Field, u32)>,
    /// The fields of each word's best match, one bit per field.
    fields: Vec<u8>,
}

impl Totals {
    fn new(n: usize) -> Totals {
        Totals {
            matched: vec![0; n],
            cost: vec![0; n],
            score: vec![0; n],
            top: vec![(Field::Points, i64::MIN); n],
            last: vec![(Field::Points, 0); n],
            fields: vec![0; n],
        }
    }

    fn alive(&self, item: usize, round: usize) -> bool {
        self.matched.get(item).is_some_and(|&m| usize::from(m) == round)
    }

    /// Adds round `round`'s matches to the items still alive.
    fn absorb(&mut self, round: usize, matches: &mut Round) {
        for &item in &matches.touched {
            let item = item as usize;
            let found = std::mem::replace(&mut matches.best[item], NO_MATCH);
            if !self.alive(item, round) {
                continue;
            }
            let mut score = found.total();
            let (last_field, last_position) = self.last[item];
            if round > 0 && last_field == found.field {
                let distance = i64::from(found.position) - i64::from(last_position);
                score += score::proximity_bonus(distance, score::field_weight(found.field));
            }
            self.matched[item] += 1;
            self.cost[item] += found.cost;
            self.score[item] += score;
            if found.total() > self.top[item].1 {
                self.top[item] = (found.field, found.total());
            }
            self.last[item] = (found.field, found.position);
            self.fields[item] |= 1 << found.field as u8;
        }
        matches.touched.clear();
    }
}

impl SearchIndex {
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
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        self.ranked(query, scope, cancelled, EXPLAINED_HITS)
    }

    /// Ranked hits for `query` over all items, none explained yet: for a
    /// caller that explains every hit it keeps with
    /// [`SearchIndex::explain_all`], which reads their texts together.
    pub fn search_unexplained(&self, query: &str) -> Vec<Hit> {
        self.ranked(query, None, &|| false, 0).unwrap_or_default()
    }

    /// The hits of `query` over `scope`, the first `explained` explained.
    fn ranked(
        &self,
        query: &str,
        scope: Option<&[ItemIdx]>,
        cancelled: &(dyn Fn() -> bool + Sync),
        explained: usize,
    ) -> Option<Vec<Hit>> {
        let terms = terms(query);
        if terms.is_empty() {
            return Some(Vec::new());
        }
        let n = self.len();
        let mut in_scope = vec![scope.is_none(); n];
        for &idx in scope.unwrap_or_default() {
            if let Some(slot) = in_scope.get_mut(idx) {
                *slot = true;
            }
        }
        let mut totals = Totals::new(n);
        let mut round = Round {
            best: vec![NO_MATCH; n],
            touched: Vec::new(),
        };
        for (index, term) in terms.iter().enumerate() {
            let live = |item: usize| in_scope.get(item) == Some(&true) && totals.alive(item, index);
            self.match_words(term, terms.len() == 1, &live, &mut round, cancelled)?;
            self.match_symbols(term, &live, &mut round);
            self.match_year(term, &live, &mut round);
            totals.absorb(index, &mut round);
        }
        let mut hits = self.hits(&totals, terms.len());
        let order = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.item.cmp(&b.item));
        // The best hits whose tag, body or title is the query itself rise.
        let checked = hits.len().min(score::EXACT_LINE_CHECKED);
        let phrase: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        for hit in &mut hits[..checked] {
            hit.score += self.exact_line_bonus(hit.item, &phrase);
        }
        hits[..checked].sort_unstable_by(order);
        for hit in hits.iter_mut().take(explained) {
            hit.matched = self.explain_terms(hit.item, &terms, hit.fields);
        }
        // Part of a cached index could not be read: the rest is no answer.
        if self.is_damaged() {
            hits.clear();
        }
        Some(hits)
    }

    /// The items every word matched, best first.
    fn hits(&self, totals: &Totals, words: usize) -> Vec<Hit> {
        let prominence = self.section(Section::Prominence);
        // Sorting (rank, item) pairs moves far less than sorting hits.
        let mut ranked: Vec<(i64, usize)> = (0..self.len())
            .filter(|&item| usize::from(totals.matched[item]) == words)
            .map(|item| {
                let bonus = i64::from(prominence.get(item).copied().unwrap_or(0)) * score::PROMINENCE;
                (score::ranked(totals.cost[item], totals.score[item] + bonus), item)
            })
            .collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked
            .into_iter()
            .map(|(score, item)| Hit {
                item,
                score,
                field: totals.top[item].0,
                matched: Vec::new(),
                fields: totals.fields[item],
            })
            .collect()
    }

    /// The bonus for a title, tag or body line of item `idx` whose words
    /// are exactly the query's (Meilisearch's "exactness").
    fn exact_line_bonus(&self, idx: ItemIdx, phrase: &[&str]) -> i64 {
        [Field::Title, Field::Tags, Field::Bodies]
            .into_iter()
            .filter(|&field| {
                self.field_text(idx, field).lines().any(|line| {
                    let folded = fold(line);
                    words(&folded).map(|(_, w)| w).eq(phrase.iter().copied())
                })
            })
            .map(|field| score::EXACT_LINE * score::field_weight(field))
            .max()
            .unwrap_or(0)
    }

    /// Offers the items using each distinct word that `term` matches.
    fn match_words(
        &self,
        term: &Term,
        alone: bool,
        live: &dyn Fn(usize) -> bool,
        round: &mut Round,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        let rarities = self.section(Section::WordRarity);
        // Without typos or fuzzy matches only the words it starts can match.
        let scanned = if term.typos == 0 && !score::may_be_fuzzy(&term.text) && !is_symbol_like(&term.text) {
            self.words_starting(&term.text)
        } else {
            0..self.layout.counts.words
        };
        for word in scanned {
            if word % CANCEL_STRIDE == 0 && cancelled() {
                return None;
            }
            let Some(kind) = self.word_match(word, term) else {
                continue;
            };
            let rarity = store::u16_at(rarities, word);
            let postings = self.entry(Section::PostingEnds, Section::Postings, word);
            for bits in postings.chunks_exact(8) {
                let posting = super::build::Posting::from_bits(store::u64_at(bits, 0));
                let item = posting.item as usize;
                if !live(item) {
                    continue;
                }
                let mut score = score::word_score(kind, posting.field, rarity);
                if alone && kind == Kind::Exact && posting.field == Field::Id && self.id(item) == term.text {
                    score += score::ID_ALONE;
                }
                round.offer(item, score::kind_cost(kind), score, posting.field, posting.position);
            }
        }
        Some(())
    }

    /// The distinct words that start with `prefix`: one run, as they are
    /// stored in byte order.
    fn words_starting(&self, prefix: &str) -> std::ops::Range<usize> {
        let word = |i: usize| self.text(Section::WordEnds, Section::WordText, i);
        let count = self.layout.counts.words;
        let start = partition(count, |i| word(i) < prefix);
        let end = start + partition(count - start, |i| word(start + i).starts_with(prefix));
        start..end
    }

    /// How `term` matches distinct word `word`, if at all.
    fn word_match(&self, word: usize, term: &Term) -> Option<Kind> {
        let mask = self.mask(Section::WordMask, word);
        let covered = mask.covers(term.mask);
        let typos_possible = term.may_match(mask)?;
        let text = self.text(Section::WordEnds, Section::WordText, word);
        if let Some(kind) = score::word_kind_if(text, &term.text, typos_possible) {
            return Some(kind);
        }
        (covered && self.fuzzy_in_word(text, &term.text).is_some()).then_some(Kind::Fuzzy)
    }

    /// Char indices of `term`'s letters found in order inside `word`, if
    /// they are close enough together to mean it.
    pub(crate) fn fuzzy_in_word(&self, word: &str, term: &str) -> Option<Vec<usize>> {
        // Never across the parts of a joined word ("geneva-declaration").
        if !score::may_be_fuzzy(term) || word.contains(JOINERS) || !is_subsequence(word, term) {
            return None;
        }
        let found = self.matcher().score(word, term)?;
        if found < score::min_fuzzy_score(term) {
            return None;
        }
        self.matcher().indices(word, term)
    }

    /// Offers the items whose symbol `term` names by the symbol rule.
    fn match_symbols(&self, term: &Term, live: &dyn Fn(usize) -> bool, round: &mut Round) {
        if !(term.text.contains('/') || term.text.chars().any(|c| c.is_ascii_digit())) {
            return;
        }
        for item in 0..self.len() {
            if !self.mask(Section::SymbolMask, item).covers(term.symbol_mask) || !live(item) {
                continue;
            }
            let symbol = self.text(Section::SymbolEnds, Section::SymbolText, item);
            if let Some(found) = score::symbol_score(symbol, &term.symbol_key) {
                round.offer(item, 0, found, Field::Symbol, 0);
            }
        }
    }

    /// Offers the items whose dates cover the year `term` names.
    fn match_year(&self, term: &Term, live: &dyn Fn(usize) -> bool, round: &mut Round) {
        let Some(year) = term.year else {
            return;
        };
        let dated: Vec<usize> = (0..self.len())
            .filter(|&item| self.years(item).is_some_and(|(from, to)| (from..=to).contains(&year)))
            .collect();
        let rarity = score::rarity(dated.len(), self.len());
        let found = score::word_score(Kind::Exact, Field::Date, rarity);
        for item in dated.into_iter().filter(|&item| live(item)) {
            // A session's later year is where fewer of its decisions fall.
            let later = self.years(item).is_some_and(|(from, _)| from != year);
            let score = if later {
                found / score::LATER_YEAR_DIVISOR
            } else {
                found
            };
            round.offer(item, 0, score, Field::Date, 0);
        }
    }
}

/// The first of `0..len` for which `before` is false, `before` being true
/// for a leading run only.
fn partition(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// Whether `needle`'s chars occur in order in `haystack`: the fuzzy
/// matcher needs that, and this check costs far less.
pub(crate) fn is_subsequence(haystack: &str, needle: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}
