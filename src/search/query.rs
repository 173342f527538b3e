//! Running a query: each query word is matched against the distinct words
//! of the index once, the items using a matching word collect its score
//! through the postings, and an item is a hit when every word matched.
//! Memory is a few arrays of one entry per item, whatever the query.

use super::category_words;
use super::fetch::FetchedTexts;
use super::fold::fold;
use super::mask::CharMask;
use super::rank_sort;
use super::score::{self, Kind};
use super::store::{self, Section};
use super::tally::{Round, Scratch};
use super::tokens::{JOINERS, is_symbol_like, query_words, words};
use super::{EXPLAINED_HITS, Field, Hit, SearchIndex};
use crate::data::ItemIdx;
use crate::data::dataset::symbol_key;

/// How many distinct words are compared between two looks at the cancel flag.
const CANCEL_STRIDE: usize = 4096;

/// A distinct word a query word matches.
pub(super) struct WordMatch {
    pub word: usize,
    pub kind: Kind,
    pub rarity: u16,
}

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
    /// Whether it may match a word with typos.
    pub fn allows_typos(&self) -> bool {
        self.typos > 0
    }

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

/// The fields whose lines earn the exact-line bonus.
const EXACT_LINE_FIELDS: [Field; 3] = [Field::Title, Field::Tags, Field::Bodies];

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
    /// Such a caller searches once: the per-item arrays of the search are
    /// freed at once, not kept for a next search, so they add nothing to
    /// the memory of explaining (4.4 MB at 100 000 items).
    pub fn search_unexplained(&self, query: &str) -> Vec<Hit> {
        let hits = self.ranked(query, None, &|| false, 0).unwrap_or_default();
        self.scratch.release();
        hits
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
        let in_scope: Option<Vec<bool>> = scope.map(|scope| {
            let mut in_scope = vec![false; n];
            for &idx in scope {
                if let Some(slot) = in_scope.get_mut(idx) {
                    *slot = true;
                }
            }
            in_scope
        });
        let mut scratch = self.scratch.lend(n);
        for (index, term) in terms.iter().enumerate() {
            let words = self.matching_words(term, cancelled)?;
            let alone = terms.len() == 1;
            self.offer_postings(&words, term, alone, index, in_scope.as_deref(), &mut scratch, cancelled)?;
            let Scratch {
                totals, best, touched, ..
            } = &mut *scratch;
            let live = |item: usize| in_scope_has(in_scope.as_deref(), item) && totals.alive(item, index);
            let mut round = Round { best, touched };
            self.match_symbols(term, &live, &mut round);
            self.match_year(term, &live, &mut round);
            // Last: it offers only to items no match of no cost reached.
            self.match_category(term, &live, &mut round);
            scratch.absorb(index);
        }
        let mut hits = self.hits(&mut scratch, terms.len());
        drop(scratch);
        let tie = self.tie_order();
        let order = |a: &Hit, b: &Hit| {
            let ties = || tie(a.item).cmp(&tie(b.item)).then(a.item.cmp(&b.item));
            b.score.cmp(&a.score).then_with(ties)
        };
        // The best hits whose tag, body or title is the query itself rise.
        let checked = hits.len().min(score::EXACT_LINE_CHECKED);
        let phrase: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        // A caller explaining every hit reads each text once: the checked
        // texts are read together rather than in blocks kept for later.
        self.add_exact_line_bonuses(&mut hits[..checked], &phrase, explained == 0);
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
    fn hits(&self, scratch: &mut Scratch, words: usize) -> Vec<Hit> {
        let Scratch {
            totals, keys, spare, ..
        } = scratch;
        let prominence = self.section(Section::Prominence);
        let rank = |item: usize| {
            let bonus = i64::from(prominence.get(item).copied().unwrap_or(0)) * score::PROMINENCE;
            score::ranked(u32::from(totals.cost[item]), totals.score[item] + bonus)
        };
        let hit = |(score, item): (i64, usize)| Hit {
            item,
            score,
            field: totals.top[item].0,
            matched: Vec::new(),
            fields: totals.fields[item],
        };
        // A category's name completes a match, never makes one alone:
        // some word must be found in the item's own texts.
        let hit_items =
            (0..self.len()).filter(|&item| usize::from(totals.matched[item]) == words && totals.fields[item] != 0);
        // One u64 per hit sorts far faster than (rank, item) pairs; the
        // keys are made in the scratch's memory, kept from search to search.
        keys.clear();
        let mut fits = true;
        keys.extend(hit_items.clone().map_while(|item| {
            let key = rank_sort::key(rank(item), item);
            fits &= key.is_some();
            key
        }));
        let tie = self.tie_order();
        if fits {
            rank_sort::sort(keys, spare, &tie);
            return keys.iter().map(|&key| hit(rank_sort::unkey(key))).collect();
        }
        let mut ranked: Vec<(i64, usize, usize)> = hit_items.map(|item| (rank(item), tie(item), item)).collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        let ranked = ranked.into_iter().map(|(rank, _, item)| (rank, item));
        ranked.map(hit).collect()
    }

    /// Each item's place among hits of equal score (see [`rank_sort::tie`]):
    /// the same order in the browser and in `wsis search`.
    pub(super) fn tie_order(&self) -> impl Fn(usize) -> usize + '_ {
        let years = self.section(Section::Years);
        move |item| rank_sort::tie(Some((store::u32_at(years, item) >> 16) as u16))
    }

    /// Adds to each of `hits` its [`Self::exact_line_bonus`]; with
    /// `read_once`, from an index read on demand, the texts checked are
    /// read together (`fetch`) instead of in blocks kept for later.
    fn add_exact_line_bonuses(&self, hits: &mut [Hit], phrase: &[&str], read_once: bool) {
        let lazy = self.lazy().filter(|_| read_once);
        let Some(lazy) = lazy else {
            for hit in hits {
                hit.score += self.exact_line_bonus(phrase, |field| self.field_text(hit.item, field));
            }
            return;
        };
        let fields = EXACT_LINE_FIELDS.iter().fold(0u8, |set, &field| set | 1 << field as u8);
        let mut fetched = FetchedTexts::default();
        fetched.load(self, lazy, hits.iter().map(|hit| (hit.item, fields)));
        for hit in hits {
            hit.score += self.exact_line_bonus(phrase, |field| fetched.text(self, hit.item, field));
        }
    }

    /// The bonus for a title, tag or body line (texts from `field_text`)
    /// whose words are exactly the query's (Meilisearch's "exactness"), or
    /// for a title line that starts with them: the best such line's.
    pub(super) fn exact_line_bonus<'t>(&self, phrase: &[&str], field_text: impl Fn(Field) -> &'t str) -> i64 {
        EXACT_LINE_FIELDS
            .into_iter()
            .flat_map(|field| {
                field_text(field)
                    .lines()
                    .map(move |line| line_bonus(field, line, phrase))
            })
            .max()
            .unwrap_or(0)
    }

    /// The distinct words that `term` matches, with how and their rarity,
    /// in word order.
    fn matching_words(&self, term: &Term, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<WordMatch>> {
        // Without typos or fuzzy matches only the words it starts can match.
        let scanned = if !term.allows_typos() && !score::may_be_fuzzy(&term.text) && !is_symbol_like(&term.text) {
            self.words_starting(&term.text)
        } else {
            0..self.layout.counts.words
        };
        self.matching_words_in(term, scanned, cancelled)
    }

    /// [`Self::matching_words`] among the distinct words `scanned`.
    fn matching_words_in(
        &self,
        term: &Term,
        scanned: std::ops::Range<usize>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<WordMatch>> {
        let rarities = self.section(Section::WordRarity);
        let mut found = Vec::new();
        for word in scanned {
            if word % CANCEL_STRIDE == 0 && cancelled() {
                return None;
            }
            if let Some(kind) = self.word_match(word, term) {
                let rarity = store::u16_at(rarities, word);
                found.push(WordMatch { word, kind, rarity });
            }
        }
        Some(found)
    }

    /// The distinct words that start with `prefix`: one run, as they are
    /// stored in byte order.
    pub(super) fn words_starting(&self, prefix: &str) -> std::ops::Range<usize> {
        let word = |i: usize| self.text(Section::WordEnds, Section::WordText, i);
        let count = self.layout.counts.words;
        let start = partition(count, |i| word(i) < prefix);
        let end = start + partition(count - start, |i| word(start + i).starts_with(prefix));
        start..end
    }

    /// How `term` matches distinct word `word`, if at all.
    pub(super) fn word_match(&self, word: usize, term: &Term) -> Option<Kind> {
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
    fn match_symbols(&self, term: &Term, live: &impl Fn(usize) -> bool, round: &mut Round) {
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

    /// Offers, at the lowest score, the items that `term` matched nowhere
    /// else exactly or as a prefix and whose category's name has it
    /// (`category_words`).
    fn match_category(&self, term: &Term, live: &impl Fn(usize) -> bool, round: &mut Round) {
        let named = category_words::named_by(&term.text);
        if named.iter().all(Option::is_none) {
            return;
        }
        let categories = self.section(Section::Category);
        for (item, &category) in categories.iter().enumerate().take(self.len()) {
            if let Some(&Some(position)) = named.get(usize::from(category))
                && live(item)
            {
                round.offer_below_exact(item, score::CATEGORY_WORD, Field::Category, position);
            }
        }
    }

    /// Offers the items whose dates cover the year `term` names.
    fn match_year(&self, term: &Term, live: &impl Fn(usize) -> bool, round: &mut Round) {
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

/// The bonus `line` of `field` earns for the query words `phrase`: the
/// exact-line bonus if its words are the phrase's, the title-start bonus
/// if it is a title line whose first words are.
fn line_bonus(field: Field, line: &str, phrase: &[&str]) -> i64 {
    let folded = fold(line);
    let mut line_words = words(&folded).map(|(_, w)| w);
    if !phrase.iter().all(|&word| line_words.next() == Some(word)) {
        return 0;
    }
    let bonus = match (line_words.next(), field) {
        (None, _) => score::EXACT_LINE,
        (Some(_), Field::Title) => score::TITLE_START,
        (Some(_), _) => 0,
    };
    bonus * score::field_weight(field)
}

/// Whether `item` is in the scope (`None`: every item is).
pub(super) fn in_scope_has(in_scope: Option<&[bool]>, item: usize) -> bool {
    in_scope.is_none_or(|in_scope| in_scope.get(item) == Some(&true))
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
