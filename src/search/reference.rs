//! Tests that the fast search (arrays kept between searches, postings
//! offered block of items by block, a radix sort of the ranks) gives exactly the hits
//! of the plain search it replaced: fresh arrays, one pass, one comparison
//! sort. The plain search is kept here, as it was, to compare against.

use proptest::prelude::*;

use super::hits::HEAD_HITS;
use super::query::{Term, WordMatch, level_rarity, terms};
use super::score::{self, Kind};
use super::store::{self, Section};
use super::tokens::{JOINERS, is_symbol_like};
use super::{EXPLAINED_HITS, Field, Hit, SearchIndex};
use crate::data::{Dataset, ItemIdx, SourceFile};

#[allow(dead_code)]
#[path = "../../examples/synth.rs"]
mod synth;

#[derive(Clone, Copy)]
struct TermMatch {
    cost: u32,
    score: i64,
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
    fn total(&self) -> i64 {
        self.score + self.more.min(self.score) * score::MORE_MATCHES_NUMERATOR / score::MORE_MATCHES_DENOMINATOR
    }
}

struct Round {
    best: Vec<TermMatch>,
    touched: Vec<u32>,
}

impl Round {
    fn offer(&mut self, item: usize, cost: u32, score: i64, field: Field, position: u32) {
        let best = &mut self.best[item];
        if best.cost == u32::MAX {
            self.touched.push(item as u32);
            *best = TermMatch {
                cost,
                score,
                more: 0,
                field,
                position,
            };
        } else if score::better_match((cost, score, field), (best.cost, best.score, best.field)) {
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

#[derive(Default)]
struct Totals {
    matched: Vec<u8>,
    cost: Vec<u32>,
    score: Vec<i64>,
    top: Vec<(Field, i64)>,
    last: Vec<(Field, u32)>,
    fields: Vec<u8>,
}

impl Totals {
    fn absorb(&mut self, round: usize, matches: &mut Round) {
        for &item in &matches.touched {
            let item = item as usize;
            let found = std::mem::replace(&mut matches.best[item], NO_MATCH);
            if usize::from(self.matched[item]) != round {
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
            self.fields[item] |= found.field.bit();
        }
        matches.touched.clear();
    }
}

/// The plain search, before the fast path: its hits, the first
/// [`EXPLAINED_HITS`] explained.
fn plain_search(index: &SearchIndex, query: &str, scope: Option<&[ItemIdx]>) -> Vec<Hit> {
    let terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let n = index.len();
    let mut in_scope = vec![scope.is_none(); n];
    for &idx in scope.unwrap_or_default() {
        in_scope[idx] = true;
    }
    let mut totals = Totals {
        matched: vec![0; n],
        cost: vec![0; n],
        score: vec![0; n],
        top: vec![(Field::Points, i64::MIN); n],
        last: vec![(Field::Points, 0); n],
        fields: vec![0; n],
    };
    let mut round = Round {
        best: vec![NO_MATCH; n],
        touched: Vec::new(),
    };
    for (index_of_term, term) in terms.iter().enumerate() {
        let live = |item: usize| in_scope[item] && usize::from(totals.matched[item]) == index_of_term;
        let heading_rarity = offer_words(index, term, terms.len() == 1, &live, &mut round);
        offer_symbols_and_year(index, term, &live, &mut round);
        offer_category(index, term, heading_rarity, &live, &mut round);
        totals.absorb(index_of_term, &mut round);
    }
    let prominence = index.section(Section::Prominence);
    let mut ranked: Vec<(i64, usize)> = (0..n)
        .filter(|&item| usize::from(totals.matched[item]) == terms.len() && totals.fields[item] != 0)
        .map(|item| {
            let bonus = i64::from(prominence.get(item).copied().unwrap_or(0)) * score::PROMINENCE;
            (score::ranked(totals.cost[item], totals.score[item] + bonus), item)
        })
        .collect();
    // Equal scores: the newest first year first, undated last, then item.
    let tie = |item: usize| super::rank_sort::tie(index.years(item).map(|(from, _)| from));
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((tie(a.1), a.1).cmp(&(tie(b.1), b.1))));
    let mut hits: Vec<Hit> = ranked
        .into_iter()
        .map(|(score, item)| Hit {
            item,
            score,
            field: totals.top[item].0,
            matched: Vec::new(),
            fields: totals.fields[item],
        })
        .collect();
    let checked = hits.len().min(score::EXACT_LINE_CHECKED);
    let phrase: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
    let before = hits[..checked].iter().map(|hit| (hit.item, hit.score)).collect();
    let kinds = super::category_words::heading_kinds(&phrase);
    for hit in &mut hits[..checked] {
        let field_text = |field| index.field_text(hit.item, field);
        // As first written: the draft rule asked of each hit's tags.
        let names_a_draft = super::drafts::query_names_a_draft(phrase.iter().copied());
        let demoted = !names_a_draft && super::drafts::is_draft(field_text(Field::Tags));
        hit.score = index.line_ranked(hit.item, &kinds, hit.score, &phrase, demoted, field_text);
    }
    super::drafts::keep_checked_above_the_rest(&mut hits, checked);
    hits[..checked].sort_unstable_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then((tie(a.item), a.item).cmp(&(tie(b.item), b.item)))
    });
    index.newest_first_in_series(&mut hits[..checked], &before);
    for hit in hits.iter_mut().take(EXPLAINED_HITS) {
        hit.matched = index.explain_terms(hit.item, &terms, hit.fields);
    }
    hits
}

/// The distinct words `term` matches, each offering its postings in turn.
/// Returns the rarity of the commonest word `term` matched at no cost
/// (the commonest of all if none), which a heading's word counts as.
fn offer_words(index: &SearchIndex, term: &Term, alone: bool, live: &dyn Fn(usize) -> bool, round: &mut Round) -> u16 {
    let rarities = index.section(Section::WordRarity);
    // Every word: the search reads only the runs a word may match in.
    let mut found: Vec<WordMatch> = (0..index.layout.counts.words)
        .filter_map(|word| {
            let text = index.text(Section::WordEnds, Section::WordText, word);
            let kind = joined_kind(text, term).or_else(|| index.word_match(word, term))?;
            let rarity = store::u16_at(rarities, word);
            Some(WordMatch { word, kind, rarity })
        })
        .collect();
    level_rarity(&mut found);
    let free = found.iter().filter(|f| matches!(f.kind, Kind::Exact | Kind::Prefix));
    let heading_rarity = free.map(|f| f.rarity).min().unwrap_or(100);
    for WordMatch { word, kind, rarity } in found {
        let postings = index.entry(Section::PostingEnds, Section::Postings, word);
        for bits in postings.chunks_exact(8) {
            let posting = super::build::Posting::from_bits(store::u64_at(bits, 0));
            let item = posting.item as usize;
            if !live(item) {
                continue;
            }
            let mut score = score::word_score(kind, posting.field, rarity);
            if alone && kind == Kind::Exact && posting.field == Field::Id && index.id(item) == term.text {
                score += score::ID_ALONE;
            }
            round.offer(item, score::kind_cost(kind), score, posting.field, posting.position);
        }
    }
    heading_rarity
}

/// How `term` matches `word` by the joined-word rule, as first stated: a
/// query word of two chars or more without joiners, not a bare number,
/// is a joined word that is not symbol-like with its joiners taken out
/// (exact), or starts it (a prefix), where it does not start the word as
/// written. (What follows such a start never forbids it: only numbers and
/// single letters are held to what follows, `score::start_allowed`; and
/// two letters before other words, which name no later part of a joined
/// word: there the char after the letters they cover decides.)
fn joined_kind(word: &str, term: &Term) -> Option<Kind> {
    let kind = joined_kind_as_first_stated(word, &term.text)?;
    let next = char_after_letters(word, term.text.chars().count());
    (kind == Kind::Exact || term.may_start_a_word_going_on_with(next)).then_some(kind)
}

/// The char of `word` after its first `letters` chars that are no joiners.
fn char_after_letters(word: &str, letters: usize) -> Option<char> {
    let mut passed = 0;
    let mut chars = word.chars();
    while passed < letters {
        let c = chars.next()?;
        if !JOINERS.contains(&c) {
            passed += 1;
        }
    }
    chars.next()
}

/// [`joined_kind`] before two letters were held to what follows.
fn joined_kind_as_first_stated(word: &str, term: &str) -> Option<Kind> {
    let plain = term.chars().count() > 1 && !term.contains(JOINERS) && !score::is_number(term);
    if !plain || !word.contains(JOINERS) || is_symbol_like(word) || word.starts_with(term) {
        return None;
    }
    let unjoined: String = word.chars().filter(|c| !JOINERS.contains(c)).collect();
    if unjoined == term {
        Some(Kind::Exact)
    } else {
        unjoined.starts_with(term).then_some(Kind::Prefix)
    }
}

/// The symbol rule and the year of `term`, as the search applies them.
fn offer_symbols_and_year(index: &SearchIndex, term: &Term, live: &dyn Fn(usize) -> bool, round: &mut Round) {
    if term.text.contains('/') || term.text.chars().any(|c| c.is_ascii_digit()) {
        for item in (0..index.len()).filter(|&item| live(item)) {
            let symbol = index.text(Section::SymbolEnds, Section::SymbolText, item);
            if let Some(found) = score::symbol_score(symbol, &term.symbol_key) {
                round.offer(item, 0, found, Field::Symbol, 0);
            }
        }
    }
    let Some(year) = term.year else {
        return;
    };
    let dated: Vec<usize> = (0..index.len())
        .filter(|&item| index.years(item).is_some_and(|(from, to)| (from..=to).contains(&year)))
        .collect();
    let found = score::word_score(Kind::Exact, Field::Date, score::rarity(dated.len(), index.len()));
    for item in dated.into_iter().filter(|&item| live(item)) {
        let later = index.years(item).is_some_and(|(from, _)| from != year);
        let score = if later {
            found / score::LATER_YEAR_DIVISOR
        } else {
            found
        };
        round.offer(item, 0, score, Field::Date, 0);
    }
}

/// The items of a category whose name has `term`, if nothing matched them
/// at no cost: the category's match replaces any other.
fn offer_category(index: &SearchIndex, term: &Term, rarity: u16, live: &dyn Fn(usize) -> bool, round: &mut Round) {
    let named = super::category_words::named_by(&term.text);
    let kind_named = super::category_words::kind_named_by(&term.text);
    let heading_named = super::category_words::heading_named_by(&term.text);
    for item in (0..index.len()).filter(|&item| live(item)) {
        let category = crate::data::category::category_index(index.category(item));
        let Some((category, position)) = category.and_then(|category| Some((category, named[category]?))) else {
            continue;
        };
        let best = &mut round.best[item];
        if heading_named[category] {
            // The word heads the item: at least an exact title word, and more.
            let heading = score::word_score(Kind::Exact, Field::Title, rarity);
            if best.cost == 0 {
                // The heading is the word's only match: mentions add nothing.
                best.score = best.score.max(heading) + score::HEADING_KIND;
                best.more = 0;
                continue;
            }
            if best.cost == u32::MAX {
                round.touched.push(item as u32);
            }
            round.best[item] = TermMatch {
                cost: 0,
                score: heading + score::HEADING_KIND,
                more: 0,
                field: Field::Category,
                position,
            };
            continue;
        }
        if best.cost == 0 {
            if kind_named[category] {
                best.score += score::KIND_WORD;
            }
            continue;
        }
        if best.cost == u32::MAX {
            round.touched.push(item as u32);
        }
        round.best[item] = TermMatch {
            cost: 0,
            score: score::CATEGORY_WORD,
            more: 0,
            field: Field::Category,
            position,
        };
    }
}

/// The embedded items and `n` generated ones.
pub(super) fn generated(n: usize) -> Dataset {
    let mut files = SourceFile::embedded();
    let mut text = Vec::new();
    synth::write_range(0, n, &mut text).expect("in-memory write");
    files.push(SourceFile {
        name: "synth.ron".into(),
        text: String::from_utf8(text).expect("UTF-8"),
        embedded: false,
    });
    Dataset::from_files(&files).expect("valid synthetic data")
}

/// The queries of the keystroke bench (docs/BENCHMARKS.md) and a few more
/// kinds: a year, a typo, an id, a symbol piece, a fuzzy word.
const QUERIES: &[&str] = &[
    "70/125",
    "digital compact",
    "who e-health",
    "internet governance",
    "igf",
    "côte",
    "2005 tunis",
    "governence of internet",
    "a/res/70",
    "gvnance",
    "e-health who",
    "resolution 70/125",
    "ecosoc res 2006",
    "wsis 10",
    "tunis",
    "e health",
    "wsis report",
    "wsis20 outcome",
    "ehealth who",
    "synth12",
];

/// Every prefix of every query, as typing gives them.
fn keystrokes() -> Vec<&'static str> {
    QUERIES
        .iter()
        .flat_map(|query| query.char_indices().map(|(at, c)| &query[..at + c.len_utf8()]))
        .collect()
}

#[test]
fn every_keystroke_of_the_query_set_gives_the_plain_search_hits() {
    let data = generated(3000);
    let index = SearchIndex::new(&data);
    // Typed in order: the index keeps its arrays from search to search.
    for query in keystrokes() {
        assert_eq!(
            index.search(query, None),
            plain_search(&index, query, None),
            "query {query:?}"
        );
    }
    // Scopes: one category, and a scattered set of items.
    let scattered: Vec<ItemIdx> = (0..data.len()).filter(|item| item % 7 < 3).collect();
    let category: Vec<ItemIdx> = (0..data.len()).filter(|&item| index.category(item) == "ga").collect();
    for scope in [&scattered, &category] {
        for query in keystrokes() {
            let plain = plain_search(&index, query, Some(scope));
            assert_eq!(index.search(query, Some(scope)), plain, "query {query:?}, scoped");
        }
    }
}

/// More hits than `rank_sort` sorts by comparison: its radix sort must
/// give the order of the plain search's comparison sort.
#[test]
fn thousands_of_hits_sort_as_the_plain_search() {
    let data = generated(6000);
    let index = SearchIndex::new(&data);
    let mut radix_sorted = 0;
    for query in ["synth", "s", "internet governance", "2005", "igf"] {
        let hits = index.search(query, None);
        radix_sorted += usize::from(hits.len() > super::rank_sort::RADIX_FROM);
        assert_eq!(hits, plain_search(&index, query, None), "query {query:?}");
    }
    // Some queries must reach the radix sort, or this tests nothing new.
    assert!(radix_sorted >= 2, "{radix_sorted} queries had enough hits");
}

/// `wsis search` searches once and frees the per-item arrays before
/// explaining; the browser keeps them from keystroke to keystroke.
#[test]
fn a_one_shot_search_keeps_no_arrays_and_gives_the_same_hits() {
    let data = generated(300);
    let index = SearchIndex::new(&data);
    for query in QUERIES {
        let mut kept = index.search(query, None);
        assert!(index.scratch.keeps_one(), "query {query:?}");
        let once = index.search_unexplained(query);
        assert!(!index.scratch.keeps_one(), "query {query:?}");
        // The same hits, none explained yet.
        for hit in &mut kept {
            hit.matched.clear();
        }
        assert_eq!(once, kept, "query {query:?}");
    }
}

#[test]
fn a_cancelled_search_leaves_nothing_behind() {
    let data = generated(500);
    let index = SearchIndex::new(&data);
    // Cancelled at the n-th look, so at every stage a search may stop in
    // (early or late rounds, mid-block), each followed by a whole search.
    for stop_at in [1, 2, 3, 5, 8, 13, 21] {
        for query in keystrokes() {
            let looks = std::sync::atomic::AtomicUsize::new(0);
            let cancelled = || looks.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= stop_at;
            let _ = index.search_cancellable(query, None, &cancelled);
            assert_eq!(
                index.search(query, None),
                plain_search(&index, query, None),
                "query {query:?}, cancelled at look {stop_at}"
            );
        }
    }
}

/// Query words from letters, digits and the characters symbols use, or
/// a joined word of the data typed without its joiners, whole or its
/// start ("wsis20", "ehea", "synth12" of "synth-120").
fn query_text() -> impl Strategy<Value = String> {
    let typed = proptest::string::string_regex("[a-z0-9/ é-]{1,14}").expect("valid pattern");
    let joined = (prop::sample::select(JOINED_WORDS), 2usize..12).prop_map(|(word, keep)| {
        let unjoined: String = word.chars().filter(|c| !JOINERS.contains(c)).collect();
        unjoined.chars().take(keep).collect()
    });
    prop_oneof![3 => typed, 1 => joined]
}

/// Joined words of the generated data: of its titles, tags, summaries,
/// ids and symbols.
const JOINED_WORDS: &[&str] = &[
    "wsis+20",
    "wsis+10",
    "e-health",
    "e-government",
    "multi-stakeholder",
    "synth-120",
    "synth-7",
    "ga-80-173",
    "a/res/70/125",
    "high-level",
];

/// One index for every case, its arrays kept from case to case.
static INDEX: std::sync::LazyLock<SearchIndex> = std::sync::LazyLock::new(|| SearchIndex::new(&generated(300)));

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_query_gives_the_plain_search_hits(queries in proptest::collection::vec(query_text(), 1..6)) {
        for query in &queries {
            prop_assert_eq!(INDEX.search(query, None), plain_search(&INDEX, query, None), "query {:?}", query);
        }
    }
}

/// The browser's hits: the first ordered at once, the others only when
/// scrolled to. Read place by place as scrolling reads them, over all
/// items or a scope, each time after a cancelled search, they are the
/// plain search's, and the head needs no ordering of the others.
#[test]
fn scrolling_the_browser_hits_gives_the_plain_search_hits() {
    let data = generated(3000);
    let index = SearchIndex::new(&data);
    let scattered: Vec<ItemIdx> = (0..data.len()).filter(|item| item % 7 < 3).collect();
    let mut split = 0;
    for scope in [None, Some(scattered.as_slice())] {
        for query in ["s", "synth", "i", "in", "int", "c", "2005", "e health", "igf"] {
            let looks = std::sync::atomic::AtomicUsize::new(0);
            let cancelled = || looks.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= 3;
            // Stopped early (those with few postings may finish first).
            let _ = index.search_cancellable(query, scope, &cancelled);
            let plain = plain_search(&index, query, scope);
            let hits = index.search_hits(query, scope);
            assert_eq!(hits.len(), plain.len(), "query {query:?}");
            let head = hits.head();
            assert_eq!(head.len(), plain.len().min(HEAD_HITS), "query {query:?}");
            assert_eq!(head, &plain[..head.len()], "query {query:?}, the head");
            split += usize::from(head.len() < hits.len());
            for (place, hit) in plain.iter().enumerate() {
                assert_eq!(hits.get(place), Some(hit), "query {query:?}, place {place}");
            }
            assert_eq!(hits.get(plain.len()), None);
            assert_eq!(hits.items(), plain.iter().map(|hit| hit.item).collect::<Vec<_>>());
        }
    }
    // Some searches must leave hits past the head, or this tests nothing new.
    assert!(split >= 4, "{split} searches had hits past the head");
}

/// The draft flag written at index time says what the tags say, which
/// the plain search still asks of each hit's tags.
#[test]
fn the_stored_draft_flag_is_what_each_items_tags_say() {
    let data = generated(300);
    let index = SearchIndex::new(&data);
    let mut drafts = 0;
    for item in 0..index.len() {
        let by_tags = super::drafts::is_draft(index.field_text(item, Field::Tags));
        assert_eq!(index.is_draft(item), by_tags, "item {}", index.id(item));
        drafts += usize::from(by_tags);
    }
    // The embedded zero drafts and revisions, or this tests nothing.
    assert!(drafts >= 3, "{drafts} drafts");
}
