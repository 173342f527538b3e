//! Running a query: each query word is matched against the distinct words
//! of the index once, the items using a matching word collect its score
//! through the postings, and an item is a hit when every word matched.
//! Memory is a few arrays of one entry per item, whatever the query.

use std::collections::HashMap;

use memchr::memmem;

use super::category_words;
use super::drafts;
use super::fetch::FetchedTexts;
use super::fold::fold;
use super::hits::{HEAD_HITS, Hits, Rest};
use super::joined::{joined_starts, joined_words_where, may_match_joined, unjoined_start};
use super::mask::CharMask;
use super::rank_sort;
use super::score::{self, Kind, is_number};
use super::store::{self, Section};
use super::tally::{Round, Scratch, Totals};
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

/// The sections of the distinct words that matching a query word reads.
struct WordColumns<'a> {
    masks: &'a [u8],
    ends: &'a [u8],
    text: &'a [u8],
}

/// Years a query word may name ("2013").
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// One query word, folded, with what the prefilters need.
pub(crate) struct Term {
    pub text: String,
    pub mask: CharMask,
    pub symbol_key: String,
    pub symbol_mask: CharMask,
    pub year: Option<u16>,
    /// Whether it may match a joined word read without its joiners
    /// (`joined::may_match_joined`); from [`SearchIndex::terms_of`], only
    /// if some word of the index does: explaining then looks for them.
    pub joined: bool,
    /// How many typos it may have.
    typos: usize,
    /// Whether it is the query's only word.
    alone: bool,
    /// Whether it is the query's last word (which may still be being typed).
    last: bool,
    /// Finds `text` in a text: made once per query word, not once per text
    /// searched (`str::match_indices` prepares its searcher on every call).
    finder: memmem::Finder<'static>,
}

/// The distinct words of `query`, ready to match.
pub(crate) fn terms(query: &str) -> Vec<Term> {
    let words = query_words(query);
    let alone = words.len() == 1;
    let count = words.len();
    words
        .into_iter()
        .enumerate()
        .map(|(at, text)| {
            // An empty needle would be found at every byte of every text.
            debug_assert!(!text.is_empty(), "query words are never empty");
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
                joined: may_match_joined(&text),
                alone,
                last: at + 1 == count,
                finder: memmem::Finder::new(text.as_bytes()).into_owned(),
                text,
            }
        })
        .collect()
}

impl Term {
    /// The byte offsets of its non-overlapping occurrences in `text`, as
    /// `text.match_indices(&self.text)` gives them (never empty, it is
    /// found at char boundaries).
    pub fn occurrences<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.finder.find_iter(text.as_bytes())
    }

    /// Whether it occurs in `text` (folded) where a word or a part of a
    /// joined word may start, not after an ASCII letter or digit: true
    /// whenever a word of `text` (`tokens`) starts with it.
    /// Or it starts a joined word of `text` read without its joiners
    /// ("eh" of "e-health"), as `score::start_match` matches it.
    pub fn starts_a_word_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let after_word_byte = |at: usize| at > 0 && bytes[at - 1].is_ascii_alphanumeric();
        self.finder.find_iter(bytes).any(|at| !after_word_byte(at)) || self.starts_a_joined_word_in(text)
    }

    /// Whether a joined word of `text` (folded), read without its joiners,
    /// starts with it ([`unjoined_start`]): the word's first part is then
    /// a start of it short of it whole.
    fn starts_a_joined_word_in(&self, text: &str) -> bool {
        let term = self.text.as_str();
        self.joined
            && joined_words_where(text, |first| first.len() < term.len() && term.starts_with(first))
                .any(|(_, word)| unjoined_start(word, term).is_some())
    }

    /// Whether some word of a text of characters `mask` may match it by
    /// [`Self::may_match`]: the text misses at most its typos of its
    /// letters. Only the missing letters are counted: a text holds more
    /// letters than any word of it, so a limit on the extra ones could
    /// reject a text whose words pass.
    pub fn may_match_within(&self, mask: CharMask) -> bool {
        (self.mask.bits() & !mask.bits()).count_ones() as usize <= self.typos
    }

    /// Whether it may name symbols by the symbol rule: it has a '/' or a
    /// digit.
    pub fn may_name_symbols(&self) -> bool {
        self.text.contains('/') || self.text.chars().any(|c| c.is_ascii_digit())
    }

    /// How many typos it may have.
    pub fn typos(&self) -> usize {
        self.typos
    }

    /// Whether it may match a word with typos.
    pub fn allows_typos(&self) -> bool {
        self.typos > 0
    }

    /// Whether it matches only words it starts, as written or without
    /// their joiners (`joined`): without typos, fuzzy matches or the
    /// symbol rule, nothing else can match.
    pub fn matches_only_words_it_starts(&self) -> bool {
        !self.allows_typos() && !score::may_be_fuzzy(&self.text) && !is_symbol_like(&self.text)
    }

    /// How it matches `word` (folded), if at all, short of a fuzzy match:
    /// [`score::word_kind_if`], where [`score::start_allowed`] lets it.
    pub fn word_kind(&self, word: &str, typos_possible: bool) -> Option<Kind> {
        // At a start, what follows decides (as typed with its joiners, if
        // typed without: "wsis10" of "wsis+105" as "wsis+10" of it).
        if let Some((kind, covered)) = score::start_match(word, &self.text) {
            let next = word[covered..].chars().next();
            return self.may_start_a_word_going_on_with(next).then_some(kind);
        }
        score::kind_past_start(word, &self.text, typos_possible)
    }

    /// Whether it names a word it starts that goes on with `next`
    /// ([`score::start_allowed`]).
    pub fn may_start_a_word_going_on_with(&self, next: Option<char>) -> bool {
        score::start_allowed(&self.text, self.alone, self.last, next)
    }

    /// Whether it is a single letter (not a digit) beside other query
    /// words: it then names only the start of a joined word, so where it
    /// matches it is a prefix, never a whole word ([`score::start_allowed`]).
    pub fn is_letter_beside_others(&self) -> bool {
        !self.alone && self.text.chars().nth(1).is_none() && !is_number(&self.text)
    }

    /// Whether, found in folded `text` at a word start (byte `at`) and
    /// ending at byte `end`, it matches there as it does word by word
    /// ([`Term::word_kind`]): a single letter beside other words only at
    /// the start of a whole word, not of a later part ("e" of "b-e").
    pub fn matches_at(&self, text: &str, at: usize, end: usize) -> bool {
        if self.is_letter_beside_others() {
            let mut before = text
                .get(..at)
                .unwrap_or("")
                .chars()
                .rev()
                .skip_while(|c| JOINERS.contains(c));
            let joined_before = at > 0 && text[..at].ends_with(JOINERS);
            if joined_before && before.next().is_some_and(char::is_alphanumeric) {
                return false;
            }
        }
        let rest = text.get(end..).unwrap_or("");
        let next = match rest.chars().next() {
            Some(c) if c.is_alphanumeric() => Some(c),
            // A joiner is inside the word if a letter or digit follows.
            Some(c) if JOINERS.contains(&c) => rest
                .trim_start_matches(JOINERS)
                .starts_with(char::is_alphanumeric)
                .then_some(c),
            _ => None,
        };
        self.may_start_a_word_going_on_with(next)
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
    /// The distinct words of `query`, ready to match, each knowing whether
    /// some word of this index matches it read without joiners: explaining
    /// reads every text of every hit for such words, and most query words
    /// ("igf") name none.
    pub(crate) fn terms_of(&self, query: &str) -> Vec<Term> {
        let mut terms = terms(query);
        for term in terms.iter_mut().filter(|term| term.joined) {
            term.joined = self.has_joined_match(&term.text);
        }
        terms
    }

    /// Whether some distinct word matches `term` read without its joiners:
    /// one in the runs of its joined starts ("e-" for "eh").
    fn has_joined_match(&self, term: &str) -> bool {
        let word = |i: usize| self.text(Section::WordEnds, Section::WordText, i);
        let joined = |start: &String| {
            self.words_starting(start)
                .any(|i| unjoined_start(word(i), term).is_some())
        };
        joined_starts(term).iter().any(joined)
    }

    /// Ranked hits for `query`, over `scope` (all items when `None`), all
    /// of them in order.
    pub fn search(&self, query: &str, scope: Option<&[ItemIdx]>) -> Vec<Hit> {
        self.search_hits(query, scope).into_vec()
    }

    /// Ranked hits for `query`, over `scope`, as the browser holds them:
    /// the first ordered, the others when first looked at ([`Hits`]).
    pub fn search_hits(&self, query: &str, scope: Option<&[ItemIdx]>) -> Hits {
        self.search_cancellable(query, scope, &|| false).unwrap_or_default()
    }

    /// As [`SearchIndex::search_hits`], but gives up with `None` as soon
    /// as `cancelled` says so, because a newer query has arrived.
    pub fn search_cancellable(
        &self,
        query: &str,
        scope: Option<&[ItemIdx]>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Hits> {
        self.ranked(query, scope, cancelled, EXPLAINED_HITS)
    }

    /// Ranked hits for `query` over all items, none explained yet: for a
    /// caller that explains every hit it keeps with
    /// [`SearchIndex::explain_all`], which reads their texts together.
    /// Such a caller searches once: the per-item arrays of the search are
    /// freed at once, not kept for a next search, so they add nothing to
    /// the memory of explaining (4.4 MB at 100 000 items).
    pub fn search_unexplained(&self, query: &str) -> Vec<Hit> {
        let terms = self.terms_of(query);
        let hits = self.matched(&terms, None, &|| false, true, |scratch, words| {
            self.hits(scratch, words)
        });
        // Freed before the best hits are ordered, which reads the columns
        // for printing (ids, categories: 3 MB at 100 000 items): both
        // resident at once set the peak of "internet governance".
        self.scratch.release();
        self.ordered(hits.unwrap_or_default(), &terms, 0)
    }

    /// The items `query` matches, in item order, neither ranked nor
    /// explained: their texts are all a search of `query` reads
    /// (`SearchIndex::for_query`).
    pub(super) fn hit_items(&self, query: &str) -> Vec<ItemIdx> {
        let terms = self.terms_of(query);
        let items = self.matched(&terms, None, &|| false, true, |scratch, words| {
            let is_hit = is_hit(&scratch.totals, words);
            (0..self.len()).filter(|&item| is_hit(item)).collect()
        });
        items.unwrap_or_default()
    }

    /// The hits of `query` over `scope`, the first `explained` explained;
    /// only the first [`HEAD_HITS`] are ordered and built now.
    fn ranked(
        &self,
        query: &str,
        scope: Option<&[ItemIdx]>,
        cancelled: &(dyn Fn() -> bool + Sync),
        explained: usize,
    ) -> Option<Hits> {
        let terms = self.terms_of(query);
        let collected = self.matched(&terms, scope, cancelled, false, |scratch, words| {
            self.collected(scratch, words)
        })?;
        let (head, rest) = match collected {
            Collected::Keyed(rest) => (rest.best(HEAD_HITS), Some(rest).filter(|rest| rest.len() > HEAD_HITS)),
            Collected::Ordered(hits) => (hits, None),
        };
        let head = self.ordered(head, &terms, explained);
        // Part of a cached index could not be read: the rest is no answer.
        if self.is_damaged() {
            return Some(Hits::default());
        }
        Some(match rest {
            Some(rest) => Hits::with_rest(head, rest),
            None => Hits::from(head),
        })
    }

    /// The items of `scope` every one of `terms` matched, as `collect`
    /// gathers them from the search's arrays and the number of words;
    /// with `read_once`, for a caller that searches once, postings are
    /// read for this search and not kept.
    fn matched<T: Default>(
        &self,
        terms: &[Term],
        scope: Option<&[ItemIdx]>,
        cancelled: &(dyn Fn() -> bool + Sync),
        read_once: bool,
        collect: impl FnOnce(&mut Scratch, usize) -> T,
    ) -> Option<T> {
        if terms.is_empty() {
            return Some(T::default());
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
            let words = self.with_postings(self.matching_words(term, cancelled)?, read_once);
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
            self.match_category(term, heading_rarity(&words.found), &live, &mut round);
            scratch.absorb(index);
        }
        Some(collect(&mut scratch, terms.len()))
    }

    /// `hits` of `terms` in their final order (line bonuses, series newest
    /// first), the first `explained` explained.
    fn ordered(&self, mut hits: Vec<Hit>, terms: &[Term], explained: usize) -> Vec<Hit> {
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
        let before: HashMap<ItemIdx, i64> = hits[..checked].iter().map(|hit| (hit.item, hit.score)).collect();
        self.rank_by_lines(&mut hits[..checked], &phrase, explained == 0);
        drafts::keep_checked_above_the_rest(&mut hits, checked);
        hits[..checked].sort_unstable_by(order);
        self.newest_first_in_series(&mut hits[..checked], &before);
        for hit in hits.iter_mut().take(explained) {
            hit.matched = self.explain_terms(hit.item, terms, hit.fields);
        }
        // Part of a cached index could not be read: the rest is no answer.
        if self.is_damaged() {
            hits.clear();
        }
        hits
    }

    /// The items every word matched, best first.
    fn hits(&self, scratch: &mut Scratch, words: usize) -> Vec<Hit> {
        let Scratch {
            totals, keys, spare, ..
        } = scratch;
        let totals: &Totals = totals;
        let is_hit = is_hit(totals, words);
        let rank = self.hit_rank(totals);
        let hit_items = (0..self.len()).filter(|&item| is_hit(item));
        let hit = |(score, item): (i64, usize)| Hit {
            item,
            score,
            field: totals.top[item].0,
            matched: Vec::new(),
            fields: totals.fields[item],
        };
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

    /// The items every word matched, in item order with what ordering
    /// them needs ([`Rest`]); all of them ordered if a rank does not fit a
    /// sort key (never seen: ranks fit in 32 bits).
    fn collected(&self, scratch: &mut Scratch, words: usize) -> Collected {
        let (rest, count) = {
            let totals = &scratch.totals;
            let is_hit = is_hit(totals, words);
            let rank = self.hit_rank(totals);
            let tie = self.tie_order();
            let hit_items = (0..self.len()).filter(|&item| is_hit(item));
            let count = hit_items.clone().count();
            let mut rest = Rest::with_capacity(count);
            for item in hit_items {
                let Some(key) = rank_sort::key(rank(item), item) else {
                    break;
                };
                rest.push(key, tie(item), totals.top[item].0, totals.fields[item]);
            }
            (rest, count)
        };
        if rest.len() < count {
            return Collected::Ordered(self.hits(scratch, words));
        }
        Collected::Keyed(rest)
    }

    /// The rank of an item by its totals: fewer typos first, then score
    /// with the item's prominence.
    fn hit_rank<'a>(&'a self, totals: &'a Totals) -> impl Fn(usize) -> i64 + 'a {
        let prominence = self.section(Section::Prominence);
        move |item| {
            let bonus = i64::from(prominence.get(item).copied().unwrap_or(0)) * score::PROMINENCE;
            score::ranked(u32::from(totals.cost[item]), totals.score[item] + bonus)
        }
    }

    /// Puts each series among `hits` newest first
    /// ([`rank_sort::newest_first_in_series`]): hits of one category whose
    /// ids differ only in their digits ("igf-2023", "igf-2024"; not the
    /// forum "igf"), found alike: as many typos, each query word's best
    /// match in the same fields, the same line bonus (the score a hit
    /// gained since `before`). Each place keeps its score.
    pub(super) fn newest_first_in_series(&self, hits: &mut [Hit], before: &HashMap<ItemIdx, i64>) {
        let series_of = |hit: &Hit| {
            let stem: String = self.id(hit.item).chars().filter(|c| !c.is_ascii_digit()).collect();
            let bonus = hit.score - before.get(&hit.item).copied().unwrap_or(hit.score);
            let cost_level = score::cost_level(hit.score);
            (self.category_number(hit.item), stem, cost_level, hit.fields, bonus)
        };
        let tie = self.tie_order();
        let keep_score = |old: &Hit, new: &mut Hit| new.score = old.score;
        rank_sort::newest_first_in_series(hits, series_of, |hit| tie(hit.item), keep_score);
        // Equal scores, now of other hits, come newest first as elsewhere.
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| (tie(a.item), a.item).cmp(&(tie(b.item), b.item)))
        });
    }

    /// Each item's place among hits of equal score (see [`rank_sort::tie`]):
    /// the same order in the browser and in `wsis search`.
    pub(super) fn tie_order(&self) -> impl Fn(usize) -> usize + '_ {
        let years = self.section(Section::Years);
        move |item| rank_sort::tie(Some((store::u32_at(years, item) >> 16) as u16))
    }

    /// Ranks each of `hits` as its lines make it ([`Self::line_ranked`]); with
    /// `read_once`, from an index read on demand, the texts checked are
    /// read together (`fetch`) instead of in blocks kept for later.
    fn rank_by_lines(&self, hits: &mut [Hit], phrase: &[&str], read_once: bool) {
        // Once per query, not per hit: it depends on the query only.
        let names_a_draft = drafts::query_names_a_draft(phrase.iter().copied());
        let kinds = category_words::heading_kinds(phrase);
        let lazy = self.lazy().filter(|_| read_once);
        let Some(lazy) = lazy else {
            for hit in hits {
                let demoted = !names_a_draft && self.is_draft(hit.item);
                hit.score = self.line_ranked(hit.item, &kinds, hit.score, phrase, demoted, |field| {
                    self.field_text(hit.item, field)
                });
            }
            return;
        };
        let fields = EXACT_LINE_FIELDS.iter().fold(0u8, |set, &field| set | 1 << field as u8);
        let mut fetched = FetchedTexts::default();
        fetched.load(self, lazy, hits.iter().map(|hit| (hit.item, fields)));
        for hit in hits {
            let demoted = !names_a_draft && self.is_draft(hit.item);
            hit.score = self.line_ranked(hit.item, &kinds, hit.score, phrase, demoted, |field| {
                fetched.text(self, hit.item, field)
            });
        }
    }

    /// `rank` of hit `item` whose texts `field_text` gives, as its lines
    /// make it: with its [`Self::exact_line_bonus`], or
    /// [`score::TITLE_HEADED_KIND`] if a word heads its title as it heads
    /// every item of a category the query names so (`kinds`:
    /// `category_words::heading_kinds`, once per query), and
    /// lowered if `demoted` (a draft the query of `phrase` does not name:
    /// `drafts`).
    pub(super) fn line_ranked<'t>(
        &self,
        item: ItemIdx,
        kinds: &[bool],
        rank: i64,
        phrase: &[&str],
        demoted: bool,
        field_text: impl Fn(Field) -> &'t str,
    ) -> i64 {
        let lines = self.exact_line_bonus(phrase, &field_text);
        let headed = category_words::heads_a_title_line(field_text(Field::Title), kinds, self.category_number(item));
        let bonus = if headed {
            lines.max(score::TITLE_HEADED_KIND)
        } else {
            lines
        };
        drafts::ranked_as_draft(rank + bonus, demoted)
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
        let mut found = Vec::new();
        for run in self.words_scanned(term) {
            found.extend(self.matching_words_in(term, run, cancelled)?);
        }
        level_rarity(&mut found);
        Some(found)
    }

    /// The runs of distinct words `term` may match, in word order: all
    /// of them, unless it matches only words it starts. Those it starts
    /// as written are one run in byte order; those it starts read without
    /// joiners ("eh" of "e-health") are the runs of its joined starts
    /// ("e-"), apart from it and from each other.
    fn words_scanned(&self, term: &Term) -> Vec<std::ops::Range<usize>> {
        if !term.matches_only_words_it_starts() {
            return std::iter::once(0..self.layout.counts.words).collect();
        }
        let mut runs: Vec<std::ops::Range<usize>> = joined_starts(&term.text)
            .iter()
            .map(|start| self.words_starting(start))
            .chain([self.words_starting(&term.text)])
            .filter(|run| !run.is_empty())
            .collect();
        runs.sort_unstable_by_key(|run| run.start);
        runs
    }

    /// [`Self::matching_words`] among the distinct words `scanned`.
    fn matching_words_in(
        &self,
        term: &Term,
        scanned: std::ops::Range<usize>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<WordMatch>> {
        let rarities = self.section(Section::WordRarity);
        let columns = self.word_columns();
        let mut found = Vec::new();
        for word in scanned {
            if word % CANCEL_STRIDE == 0 && cancelled() {
                return None;
            }
            if let Some(kind) = self.word_match_in(&columns, word, term) {
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
    #[cfg(test)]
    pub(super) fn word_match(&self, word: usize, term: &Term) -> Option<Kind> {
        self.word_match_in(&self.word_columns(), word, term)
    }

    /// The columns of the distinct words, looked up once per scan: a
    /// section of an index read on demand is behind a lock-free cell,
    /// which costs more than the mask test of a word (8 % of the
    /// instructions of "internet governance", asked per word).
    fn word_columns(&self) -> WordColumns<'_> {
        WordColumns {
            masks: self.section(Section::WordMask),
            ends: self.section(Section::WordEnds),
            text: self.section(Section::WordText),
        }
    }

    /// [`Self::word_match`] with the word columns already looked up.
    fn word_match_in(&self, columns: &WordColumns, word: usize, term: &Term) -> Option<Kind> {
        let mask = CharMask::from_bits(store::u64_at(columns.masks, word));
        let covered = mask.covers(term.mask);
        let typos_possible = term.may_match(mask)?;
        let text = std::str::from_utf8(store::entry(columns.ends, columns.text, Section::WordText, word)).unwrap_or("");
        if let Some(kind) = term.word_kind(text, typos_possible) {
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
        if !term.may_name_symbols() {
            return;
        }
        // Looked up once: the section is behind a lock-free cell, but not free.
        let masks = self.section(Section::SymbolMask);
        for item in 0..self.len() {
            if !CharMask::from_bits(store::u64_at(masks, item)).covers(term.symbol_mask) || !live(item) {
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
    /// (`category_words`); adds [`score::KIND_WORD`] to those it matched
    /// so whose category's name ends with it. Items headed by the word
    /// (resolutions, reports) match it in their heading instead
    /// ([`score::HEADING_KIND`]), as a title word of `rarity`.
    fn match_category(&self, term: &Term, rarity: u16, live: &impl Fn(usize) -> bool, round: &mut Round) {
        let named = category_words::named_by(&term.text);
        if named.iter().all(Option::is_none) {
            return;
        }
        let kind_named = category_words::kind_named_by(&term.text);
        let heading_named = category_words::heading_named_by(&term.text);
        let heading_word = score::word_score(Kind::Exact, Field::Title, rarity);
        let categories = self.section(Section::Category);
        for (item, &category) in categories.iter().enumerate().take(self.len()) {
            let category = usize::from(category);
            let Some(&Some(position)) = named.get(category) else {
                continue;
            };
            if !live(item) {
                continue;
            }
            if heading_named.get(category) == Some(&true) {
                round.match_heading(item, heading_word, score::HEADING_KIND, position);
                continue;
            }
            if kind_named.get(category) == Some(&true) {
                round.add_to_free_match(item, score::KIND_WORD);
            }
            round.offer_below_exact(item, score::CATEGORY_WORD, Field::Category, position);
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
    let bonus = match (starts_with_phrase(words(&folded).map(|(_, w)| w), phrase), field) {
        (Some(false), _) => score::EXACT_LINE,
        (Some(true), Field::Title) => score::TITLE_START,
        _ => 0,
    };
    bonus * score::field_weight(field)
}

/// Whether `line_words` start with the query words `phrase`, a joined word
/// standing for itself, for itself without its joiners or for its parts in
/// turn ("WSIS+10 outcome" starts with "wsis+10", "wsis10" and "wsis 10"):
/// `Some(more)`, `more` if words follow.
fn starts_with_phrase<'a>(mut line_words: impl Iterator<Item = &'a str>, phrase: &[&str]) -> Option<bool> {
    let mut rest = phrase;
    while let Some((&first, after)) = rest.split_first() {
        let word = line_words.next()?;
        if first == word || unjoined_start(word, first) == Some(word.len()) {
            rest = after;
            continue;
        }
        if is_symbol_like(word) || !word.contains(JOINERS) {
            return None;
        }
        for part in word.split(JOINERS).filter(|part| !part.is_empty()) {
            let (&first, after) = rest.split_first()?;
            if first != part {
                return None;
            }
            rest = after;
        }
    }
    Some(line_words.next().is_some())
}

/// The rarity of the commonest word `found` (one query word's matches)
/// matches exactly or as a prefix: a word that heads an item
/// (`match_category`) counts as that common; as the commonest word of
/// all if it matches none.
pub(super) fn heading_rarity(found: &[WordMatch]) -> u16 {
    let free = |kind: Kind| matches!(kind, Kind::Exact | Kind::Prefix);
    let floor = found.iter().filter(|f| free(f.kind)).map(|f| f.rarity).min();
    floor.unwrap_or(score::RARITY_SCALE as u16)
}

/// Caps the rarity of each prefix match in `found` (one query word's
/// matches) at that of the commonest word it matched exactly or as a
/// prefix: "wsis" of the id "wsis-forum-2014", a word of one item, is no
/// rarer than "wsis" itself, or every id starting with a common word
/// would rank above the items that have the word (`wsis 10`). Likewise
/// each exact match at the commonest exact one: a query word is exactly
/// several words only as one word spelt with and without joiners
/// (`joined`: "wsis20" is the "wsis20" of ids and "wsis+20"), no rarer
/// in one spelling than in the other, or the ids spelling it so would
/// rank above the outcome document that says "WSIS+20".
pub(super) fn level_rarity(found: &mut [WordMatch]) {
    let floor_of = |found: &[WordMatch], kinds: &[Kind]| {
        let matching = found.iter().filter(|f| kinds.contains(&f.kind));
        matching.map(|f| f.rarity).min()
    };
    let Some(floor) = floor_of(found, &[Kind::Exact, Kind::Prefix]) else {
        return;
    };
    let exact_floor = floor_of(found, &[Kind::Exact]).unwrap_or(floor);
    for found in found.iter_mut() {
        match found.kind {
            Kind::Exact => found.rarity = found.rarity.min(exact_floor),
            Kind::Prefix => found.rarity = found.rarity.min(floor),
            _ => {}
        }
    }
}

/// Whether an item is a hit of a query of `words` words by `totals`: all
/// of them matched, and some in the item's own texts (a category's name
/// completes a match, never makes one alone).
fn is_hit(totals: &Totals, words: usize) -> impl Fn(usize) -> bool + '_ {
    move |item| usize::from(totals.matched[item]) == words && totals.fields[item] != 0
}

/// The hits of a search as first gathered.
enum Collected {
    /// In item order, to be ordered.
    Keyed(Rest),
    /// Already in rank order.
    Ordered(Vec<Hit>),
}

impl Default for Collected {
    fn default() -> Collected {
        Collected::Ordered(Vec::new())
    }
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
    // An ASCII byte of UTF-8 is always that ASCII char: no decoding needed.
    if needle.is_ascii() {
        let mut rest = haystack.bytes();
        return needle.bytes().all(|n| rest.any(|h| h == n));
    }
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether no term of `query` is empty: an empty one's finder would be
    /// found at every byte of every text (the assert in [`terms`]).
    fn no_term_is_empty(query: &str) -> bool {
        terms(query)
            .iter()
            .all(|term| !term.text.is_empty() && term.occurrences("abc").count() <= 1)
    }

    #[test]
    fn letters_in_order_are_found_as_chars_not_bytes() {
        assert!(is_subsequence("significant", "igf"));
        assert!(!is_subsequence("fig", "igf"));
        assert!(is_subsequence("côte", "cte"));
        assert!(is_subsequence("côte", "ôe"));
        // "é" and "ô" share their first byte: no char of "ô" is in "é".
        assert!(!is_subsequence("é", "ô"));
    }

    #[test]
    fn no_term_of_an_awkward_query_is_empty() {
        for query in [
            "", "  ", "-", "—", "’", "a''b", "…", "\u{301}", "e\u{301}", "ﬁ", "İ", "ß", "/", "a / b", "+-/", "-a-",
        ] {
            assert!(no_term_is_empty(query), "{query:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn no_term_is_ever_empty(query in "\\PC{0,12}|[-+/ a\u{301}]{0,8}") {
            prop_assert!(no_term_is_empty(&query), "{:?}", query);
        }
    }
}
