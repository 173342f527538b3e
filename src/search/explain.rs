//! Why a hit matched: for each query word, the field that explains it best
//! (fewest typos, then the heaviest field), shown as that field's text (the
//! line of it, or an excerpt of long text) with the matching words marked.
//! Matching here is the matching of the search itself, word by word.

use std::ops::Range;
use std::sync::Mutex;

use super::category_words;
use super::excerpt::window;
use super::fetch::FetchedTexts;
use super::fold::fold_indexed;
use super::joined::{joined_words_where, unjoined_start};
use super::mask::CharMask;
use super::query::{Term, terms};
use super::score::{self, Kind};
use super::tokens::{MAX_QUERY_WORDS, is_symbol_like, tokens, word_around};
use super::{FIELDS, Field, Hit, Matched, SearchIndex};
use crate::data::ItemIdx;

/// Below this many hits one thread explains them quicker than several.
const PARALLEL_FROM: usize = 2048;
const MAX_THREADS: usize = 8;

/// Hits whose field texts are read together from an index read on demand:
/// a few hundred kB at most, reused from batch to batch.
const FETCH_BATCH: usize = 512;

/// Every field, as a field set.
const ALL_FIELDS: u8 = u8::MAX;

/// The longest text an explanation shows, in chars.
pub const EXPLAIN_CHARS: usize = 120;

/// One query word found in a text: which word, how, and where (chars).
#[derive(Debug, Clone)]
struct Found {
    term: usize,
    kind: Kind,
    range: Range<usize>,
}

impl SearchIndex {
    /// Why item `idx` matches `query`: one entry per field that explains
    /// a query word, in field order.
    pub fn explain(&self, idx: ItemIdx, query: &str) -> Vec<Matched> {
        self.explain_terms(idx, &self.terms_of(query), ALL_FIELDS)
    }

    /// Why `hit`, a hit of `query`, matched: its explanation if the search
    /// gave one, else worked out now from the fields the search found.
    pub fn explain_hit(&self, hit: &Hit, query: &str) -> Vec<Matched> {
        if hit.matched.is_empty() {
            self.explain_terms(hit.item, &self.terms_of(query), hit.fields)
        } else {
            hit.matched.clone()
        }
    }

    /// Fills the explanation of every hit of `query` that has none, on
    /// every core when there are many (`wsis search` prints them all). Hits
    /// are explained in item order, so an index read on demand reads the
    /// texts they need in file order, each part of the file once.
    pub fn explain_all(&self, hits: &mut [Hit], query: &str) {
        let unexplained: Vec<usize> = (0..hits.len()).filter(|&i| hits[i].matched.is_empty()).collect();
        let wanted: Vec<Hit> = unexplained.iter().map(|&i| hits[i].clone()).collect();
        let explained = self.explain_each(&wanted, query, |_, matched| matched);
        for (i, matched) in unexplained.into_iter().zip(explained) {
            hits[i].matched = matched;
        }
    }

    /// `make(hit, why hit matched)` for each of `hits` (hits of `query`),
    /// in the order of `hits`, worked out as [`Self::explain_all`] does;
    /// `make` runs right after each explanation, while it is in the cache
    /// of the core that made it (`wsis search` turns it into its line).
    pub fn explain_each<T: Send>(
        &self,
        hits: &[Hit],
        query: &str,
        make: impl Fn(&Hit, Vec<Matched>) -> T + Sync,
    ) -> Vec<T> {
        let terms = self.terms_of(query);
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_unstable_by_key(|&i| hits[i].item);
        let wanted: Vec<&Hit> = order.iter().map(|&i| &hits[i]).collect();
        let mut made: Vec<Option<T>> = std::iter::repeat_with(|| None).take(hits.len()).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
        if wanted.len() < PARALLEL_FROM || threads == 1 {
            self.explain_items(&wanted, &terms, &make, &mut made);
        } else {
            // Batches are handed out one at a time, and this thread takes
            // its share: on a busy machine a helper that is not run soon
            // leaves its batches to the others instead of being waited for.
            let batches = Mutex::new(wanted.chunks(FETCH_BATCH).zip(made.chunks_mut(FETCH_BATCH)));
            let work = || {
                let mut fetched = FetchedTexts::default();
                while let Some((part, out)) = batches.lock().map_or(None, |mut batches| batches.next()) {
                    self.explain_batch(part, &terms, &make, out, &mut fetched);
                }
            };
            std::thread::scope(|scope| {
                for _ in 1..threads {
                    scope.spawn(work);
                }
                work();
            });
        }
        let mut in_order: Vec<Option<T>> = std::iter::repeat_with(|| None).take(hits.len()).collect();
        for (i, made) in order.into_iter().zip(made) {
            in_order[i] = made;
        }
        in_order.into_iter().flatten().collect()
    }

    /// `make` of each of `wanted` (in item order) and its explanation,
    /// into `out`; from an index read on demand, the field texts a batch
    /// needs are read together into memory reused from batch to batch
    /// (`fetch`). A hit already explained keeps its explanation.
    fn explain_items<T>(
        &self,
        wanted: &[&Hit],
        terms: &[Term],
        make: &(impl Fn(&Hit, Vec<Matched>) -> T + Sync),
        out: &mut [Option<T>],
    ) {
        let mut fetched = FetchedTexts::default();
        for (batch, out) in wanted.chunks(FETCH_BATCH).zip(out.chunks_mut(FETCH_BATCH)) {
            self.explain_batch(batch, terms, make, out, &mut fetched);
        }
    }

    /// [`Self::explain_items`] for one batch, its texts read into `fetched`.
    fn explain_batch<T>(
        &self,
        batch: &[&Hit],
        terms: &[Term],
        make: &(impl Fn(&Hit, Vec<Matched>) -> T + Sync),
        out: &mut [Option<T>],
        fetched: &mut FetchedTexts,
    ) {
        let lazy = self.lazy();
        if let Some(lazy) = lazy {
            let unexplained = batch.iter().filter(|hit| hit.matched.is_empty());
            fetched.load(self, lazy, unexplained.map(|hit| (hit.item, hit.fields)));
        }
        for (&hit, out) in batch.iter().zip(out) {
            let matched = if !hit.matched.is_empty() {
                hit.matched.clone()
            } else if lazy.is_some() {
                self.explain_with(hit.item, terms, hit.fields, |field| fetched.text(self, hit.item, field))
            } else {
                self.explain_terms(hit.item, terms, hit.fields)
            };
            *out = Some(make(hit, matched));
        }
    }

    /// The explanation from the fields in `fields` (one bit per field).
    pub(crate) fn explain_terms(&self, idx: ItemIdx, terms: &[Term], fields: u8) -> Vec<Matched> {
        self.explain_with(idx, terms, fields, |field| self.field_text(idx, field))
    }

    /// [`Self::explain_terms`], with the texts of the fields that have one
    /// from `field_text`.
    fn explain_with<'t>(
        &'t self,
        idx: ItemIdx,
        terms: &[Term],
        fields: u8,
        field_text: impl Fn(Field) -> &'t str,
    ) -> Vec<Matched> {
        let mut texts: Vec<(Field, &str, Vec<Found>)> = FIELDS
            .iter()
            .filter(|&&field| fields & (1 << field as u8) != 0)
            .map(|&field| {
                let text = match field {
                    Field::Symbol => self.symbol(idx).unwrap_or(""),
                    Field::Id => self.id(idx),
                    _ => field_text(field),
                };
                (field, text, Vec::new())
            })
            .collect();
        self.find_in_fields(idx, terms, &mut texts);
        // Each word is explained by its best field; a field is shown if it
        // explains some word, around the words it explains.
        let mut explains: [TermSet; FIELDS.len()] = [0; FIELDS.len()];
        for term in 0..terms.len() {
            let cheapest = texts
                .iter()
                .flat_map(|(_, _, found)| found.iter().filter(|f| f.term == term))
                .map(|f| score::kind_cost(f.kind))
                .min();
            for (_, _, found) in &mut texts {
                found.retain(|f| f.term != term || Some(score::kind_cost(f.kind)) == cheapest);
            }
        }
        for term in 0..terms.len() {
            let best = texts
                .iter()
                .enumerate()
                .flat_map(|(slot, (field, _, found))| {
                    found.iter().filter(|f| f.term == term).map(move |f| {
                        let weight = score::kind_weight(f.kind) * score::field_weight(*field);
                        ((score::kind_cost(f.kind), -weight, after_title(*field), slot), slot)
                    })
                })
                .min();
            if let Some((_, slot)) = best {
                explains[slot] |= term_bit(term);
            }
        }
        // A word no text has at no cost may be in the category's name
        // (`category_words`), which then ranked it, before a typo.
        let free = |f: &Found| score::kind_cost(f.kind) == 0;
        let lacking: Vec<&str> = (0..terms.len())
            .filter(|&term| {
                !texts
                    .iter()
                    .any(|(_, _, found)| found.iter().any(|f| f.term == term && free(f)))
            })
            .map(|term| terms[term].text.as_str())
            .collect();
        let category = category_words::explained(self.category_number(idx), &lacking);
        let mut shown = Vec::with_capacity(texts.len() + 1);
        for ((field, text, found), explains) in texts.into_iter().zip(explains) {
            push_shown(&mut shown, field, text, &found, explains);
        }
        shown.extend(category);
        shown
    }

    /// Where the query words match each of `texts` (field, text, found).
    /// A word found at a word start (a match of no cost) in one field is
    /// settled: in every field only its no-cost matches are kept, and in
    /// plain text ([`exact_at_starts`]) the quick scan finds them all, so
    /// such text is not read word by word for it (`internet governance`:
    /// a title naming "Internet" and bodies naming both words).
    fn find_in_fields(&self, idx: ItemIdx, terms: &[Term], texts: &mut [(Field, &str, Vec<Found>)]) {
        let mut folded: Vec<Option<(Folded, TermSet)>> = Vec::with_capacity(texts.len());
        let mut settled: TermSet = 0;
        for (field, text, found) in texts.iter_mut() {
            let mut in_words = None;
            *found = match field {
                Field::Symbol => found_in_symbol(text, terms),
                Field::Date => found_year(text, terms, self.years(idx)),
                _ => {
                    let text = Folded::new(text);
                    let (quick, done) = found_quickly(&text, terms);
                    in_words = Some((text, done));
                    quick
                }
            };
            settled |= found
                .iter()
                .filter(|f| score::kind_cost(f.kind) == 0)
                .fold(0, |set, f| set | term_bit(f.term));
            folded.push(in_words);
        }
        for ((_, _, found), folded) in texts.iter_mut().zip(folded) {
            let Some((text, done)) = folded else {
                continue;
            };
            let mut done = done;
            if settled & !done != 0 {
                done |= settled & exact_at_starts(&text, terms);
            }
            if done != all_terms(terms) {
                found.extend(self.found_by_words(&text, terms, done));
                *found = best_only(std::mem::take(found));
            }
        }
    }

    /// The query words found in the words of `text`, as the search matches
    /// them; for each word only its best kind of match.
    fn found_in_words(&self, text: &str, terms: &[Term]) -> Vec<Found> {
        let folded = Folded::new(text);
        let (found, done) = found_quickly(&folded, terms);
        if done == all_terms(terms) {
            return found;
        }
        let mut found = found;
        found.extend(self.found_by_words(&folded, terms, done));
        best_only(found)
    }

    /// The matches of the query words not in `done` in `folded`, word by
    /// word, of every kind (for [`best_only`] to keep the best).
    fn found_by_words(&self, folded: &Folded, terms: &[Term], done: TermSet) -> Vec<Found> {
        let to_original = |from: usize, to: usize| folded.original(from, to);
        let mut found = Vec::new();
        for token in tokens(&folded.text) {
            let (word, bytes) = (token.text, token.range);
            let (start, end) = (folded.char_at(bytes.start), folded.char_at(bytes.end));
            let mask = CharMask::of(word);
            for (index, term) in terms.iter().enumerate() {
                if done & term_bit(index) != 0 {
                    continue;
                }
                let Some(typos_possible) = term.may_match(mask) else {
                    continue;
                };
                let mut push = |kind, from, to| {
                    if let Some(range) = to_original(from, to) {
                        found.push(Found {
                            term: index,
                            kind,
                            range,
                        })
                    }
                };
                match term.word_kind(word, typos_possible) {
                    Some(kind @ (Kind::Exact | Kind::Prefix)) => match score::start_match(word, &term.text) {
                        // Its start, with the joiners inside ("WSIS+2" for "wsis2").
                        Some((_, covered)) => push(kind, start, start + word[..covered].chars().count()),
                        // A symbol's tail ("70/125" of "a/res/70/125").
                        None => push(kind, end - term.text.chars().count(), end),
                    },
                    Some(kind) => push(kind, start, end),
                    None if mask.covers(term.mask) => {
                        for i in self.fuzzy_in_word(word, &term.text).unwrap_or_default() {
                            push(Kind::Fuzzy, start + i, start + i + 1);
                        }
                    }
                    None => {}
                }
            }
        }
        found
    }

    /// Char indices of `query`'s words in `text`, for highlighting a row.
    pub fn highlight(&self, text: &str, query: &str) -> Vec<usize> {
        let mut indices: Vec<usize> = self
            .found_in_words(text, &terms(query))
            .into_iter()
            .flat_map(|f| f.range)
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

/// Folded text and the way back to the chars of the original.
struct Folded {
    text: String,
    /// Per folded char, the original char it came from, and per folded
    /// byte its char index; both empty for ASCII text, where all are equal.
    origin: Vec<usize>,
    char_at: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        if text.is_ascii() {
            return Folded {
                text: text.to_ascii_lowercase(),
                origin: Vec::new(),
                char_at: Vec::new(),
            };
        }
        let (folded, origin) = fold_indexed(text);
        let mut char_at = vec![0; folded.len() + 1];
        for (index, (byte, _)) in folded.char_indices().enumerate() {
            char_at[byte] = index;
        }
        char_at[folded.len()] = origin.len();
        Folded {
            text: folded,
            origin,
            char_at,
        }
    }

    /// The char index of byte `byte` of the folded text.
    fn char_at(&self, byte: usize) -> usize {
        if self.char_at.is_empty() {
            byte
        } else {
            self.char_at[byte]
        }
    }

    /// The original chars behind folded chars `from..to`.
    fn original(&self, from: usize, to: usize) -> Option<Range<usize>> {
        if self.origin.is_empty() {
            return (from < to).then_some(from..to);
        }
        Some(*self.origin.get(from)?..self.origin.get(to.checked_sub(1)?)? + 1)
    }
}

/// Between fields of equal weight, the title explains a word first: it
/// reads better than an id ("Tunis Agenda for...", not "tunis-agenda").
fn after_title(field: Field) -> bool {
    field != Field::Title
}

/// Query words as a set, one bit each.
type TermSet = u32;

// Every query word has a bit, and all of them one more.
const _: () = assert!(MAX_QUERY_WORDS < TermSet::BITS as usize);

fn term_bit(term: usize) -> TermSet {
    1 << term
}

/// All of `terms`.
fn all_terms(terms: &[Term]) -> TermSet {
    (1 << terms.len().min(MAX_QUERY_WORDS)) - 1
}

/// The quick way: query words found as the start of a word (or of a part
/// of one), which are matches of no cost, so no typo or fuzzy match of
/// those words elsewhere in the text would be kept. The matches, and the
/// words whose matches they are all of: in ASCII text every word if all
/// are found so, else those found in [`exact_at_starts`] text. The rest of
/// the text is read word by word.
fn found_quickly(folded: &Folded, terms: &[Term]) -> (Vec<Found>, TermSet) {
    let mut found = found_at_word_starts(folded, terms);
    let found_terms = found.iter().fold(0, |set, f| set | term_bit(f.term));
    if found_terms == all_terms(terms) && folded.origin.is_empty() {
        return (found, found_terms);
    }
    let done = found_terms & exact_at_starts(folded, terms);
    found.retain(|f| done & term_bit(f.term) != 0);
    (found, done)
}

/// Every match at a word start of each query word in `folded`.
fn found_at_word_starts(folded: &Folded, terms: &[Term]) -> Vec<Found> {
    let text = folded.text.as_str();
    let ascii = folded.origin.is_empty();
    let bytes = text.as_bytes();
    // A char of a word: in ASCII text a byte, else the char decoded.
    let word_before = |at: usize| {
        if ascii {
            at > 0 && bytes[at - 1].is_ascii_alphanumeric()
        } else {
            text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
        }
    };
    let word_at = |at: usize| {
        if ascii {
            bytes.get(at).is_some_and(u8::is_ascii_alphanumeric)
        } else {
            text[at..].chars().next().is_some_and(char::is_alphanumeric)
        }
    };
    let mut found = Vec::new();
    for (index, term) in terms.iter().enumerate() {
        for at in term.occurrences(text) {
            if word_before(at) {
                continue;
            }
            let end = at + term.text.len();
            let kind = if word_at(end) || term.is_letter_beside_others() {
                Kind::Prefix
            } else {
                Kind::Exact
            };
            if !term.matches_at(text, at, end) {
                continue;
            }
            if let Some(range) = folded.original(folded.char_at(at), folded.char_at(end)) {
                found.push(Found {
                    term: index,
                    kind,
                    range,
                });
            }
        }
    }
    found.extend(found_in_joined_words(folded, terms));
    found
}

/// Every match in `folded` of a query word typed without the joiners of a
/// joined word it names ("wsis20" of "WSIS+20", `joined`), marked from the
/// word's start to the last char it covers, joiners inside included.
fn found_in_joined_words(folded: &Folded, terms: &[Term]) -> Vec<Found> {
    let text = folded.text.as_str();
    let named: Vec<(usize, &Term)> = terms.iter().enumerate().filter(|(_, term)| term.joined).collect();
    if named.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    // Only a word whose first part starts a query word may match it so.
    let starts_a_term = |part: &str| {
        named
            .iter()
            .any(|(_, term)| term.text.len() > part.len() && term.text.starts_with(part))
    };
    for (range, word) in joined_words_where(text, starts_a_term) {
        for &(index, term) in &named {
            let Some(covered) = unjoined_start(word, &term.text) else {
                continue;
            };
            let end = range.start + covered;
            if !term.matches_at(text, range.start, end) {
                continue;
            }
            let kind = if covered == word.len() {
                Kind::Exact
            } else {
                Kind::Prefix
            };
            if let Some(range) = folded.original(folded.char_at(range.start), folded.char_at(end)) {
                found.push(Found {
                    term: index,
                    kind,
                    range,
                });
            }
        }
    }
    found
}

/// The query words whose no-cost matches in `folded` are exactly those
/// at word starts: outside symbol-like words (kept whole, not split at
/// their '/'), every char after one that is not a letter or digit starts
/// a stored word or part, and a query word of letters and digits alone
/// matches there as it does word by word. So do words not inside any
/// symbol-like word of the text ("2006/46" and "internet": summaries
/// often cite a symbol, and were read word by word for it), nor ending at
/// a '/' where they occur.
fn exact_at_starts(folded: &Folded, terms: &[Term]) -> TermSet {
    let plain = terms
        .iter()
        .enumerate()
        .filter(|(_, term)| term.text.chars().all(char::is_alphanumeric))
        .fold(0, |set, (index, _)| set | term_bit(index));
    if plain == 0 || !folded.text.contains('/') {
        return plain;
    }
    // A no-cost match (exact or prefix) is inside its word: only the
    // words around the query word's occurrences can be symbol-like ones.
    // An occurrence that ends at a '/' may be a joined word's part, read
    // as a word of its own ("ba" of "ba/a", which two letters before other
    // words name, though not a word they start): left to word by word too.
    let text = folded.text.as_str();
    let left_to_words = terms
        .iter()
        .enumerate()
        .filter(|&(index, term)| {
            plain & term_bit(index) != 0
                && term.occurrences(text).any(|at| {
                    let end = at + term.text.len();
                    is_symbol_like(word_around(text, at..end)) || text[end..].starts_with('/')
                })
        })
        .fold(0, |set, (index, _)| set | term_bit(index));
    plain & !left_to_words
}

/// For each query word, its matches of the lowest cost only: a word
/// found exactly is not also marked where its letters occur scattered.
fn best_only(found: Vec<Found>) -> Vec<Found> {
    let best_cost = |term: usize| {
        found
            .iter()
            .filter(|f| f.term == term)
            .map(|f| score::kind_cost(f.kind))
            .min()
    };
    let costs: Vec<Option<u32>> = (0..found.iter().map(|f| f.term + 1).max().unwrap_or(0))
        .map(best_cost)
        .collect();
    found
        .iter()
        .filter(|f| costs[f.term] == Some(score::kind_cost(f.kind)))
        .cloned()
        .collect()
}

/// Symbol matches, by the symbol rule, marked on the symbol as written.
fn found_in_symbol(symbol: &str, terms: &[Term]) -> Vec<Found> {
    let (folded, origin) = fold_indexed(symbol);
    let key = folded.replace('–', "-");
    terms
        .iter()
        .enumerate()
        .filter(|(_, term)| score::symbol_score(key.trim(), &term.symbol_key).is_some())
        .filter_map(|(index, term)| {
            let byte = key.rfind(term.symbol_key.as_str())?;
            let from = key[..byte].chars().count();
            let to = from + term.symbol_key.chars().count();
            let range = *origin.get(from)?..origin.get(to.checked_sub(1)?)? + 1;
            Some(Found {
                term: index,
                kind: Kind::Exact,
                range,
            })
        })
        .collect()
}

/// A year the query names, found in the item's date text.
fn found_year(text: &str, terms: &[Term], years: Option<(u16, u16)>) -> Vec<Found> {
    let Some((from, to)) = years else {
        return Vec::new();
    };
    terms
        .iter()
        .enumerate()
        .filter(|(_, term)| term.year.is_some_and(|y| (from..=to).contains(&y)))
        .map(|(index, term)| {
            let range = match text.find(term.text.as_str()) {
                Some(byte) => {
                    let start = text[..byte].chars().count();
                    start..start + term.text.len()
                }
                None => 0..0,
            };
            Found {
                term: index,
                kind: Kind::Exact,
                range,
            }
        })
        .collect()
}

/// What a field shows for the query words it explains (`explains`, of
/// those `found` in its `text`), onto `shown`: the line with the most of
/// them, cut around the first; then, while some are not in view, one more
/// excerpt around the next, so that every word shows where it matched (a
/// summary naming "report" early and "2025" late shows both).
fn push_shown(shown: &mut Vec<Matched>, field: Field, text: &str, found: &[Found], explains: TermSet) {
    let mut left = explains;
    // Each excerpt shows at least one more word: at most one per word.
    for excerpt in 0..MAX_QUERY_WORDS {
        if left == 0 {
            return;
        }
        let (matched, visible) = shown_line(field, text, found, left);
        if excerpt > 0 && visible & left == 0 {
            return;
        }
        shown.push(matched);
        if visible & left == 0 {
            return;
        }
        left &= !visible;
    }
}

/// The line of `text` with the most query words of `focus`, cut around
/// the first of them (the match the excerpt is for: [`Matched::focus`]),
/// the other words found in it marked too; and the query words it shows.
fn shown_line(field: Field, text: &str, found: &[Found], focus: TermSet) -> (Matched, TermSet) {
    let focused = |f: &Found| focus & term_bit(f.term) != 0;
    // One line: all of it (its length in chars is not needed).
    let (line, bytes) = match text.contains('\n') {
        true => line_with_most_words(text, found, focus),
        false => (0..usize::MAX, 0..text.len()),
    };
    let in_line = || found.iter().filter(|f| within(&f.range, &line));
    let shifted = |f: &Found| f.range.start - line.start..f.range.end - line.start;
    let mut ranges: Vec<Range<usize>> = in_line().map(shifted).collect();
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let ranges = merge(ranges);
    // The excerpt is cut around the first word it is shown for.
    let anchor = in_line().filter(|f| focused(f)).map(|f| shifted(f).start).min();
    let at = anchor.and_then(|anchor| ranges.iter().position(|r| r.contains(&anchor) || r.start == anchor));
    let excerpt = window(&text[bytes], &ranges, at.unwrap_or(0), EXPLAIN_CHARS);
    let visible = in_line()
        .filter(|f| shows(&excerpt.span, &shifted(f)))
        .fold(0, |set, f| set | term_bit(f.term));
    let matched = Matched {
        field,
        text: excerpt.text,
        ranges: excerpt.ranges,
        focus: excerpt.focus,
    };
    (matched, visible)
}

/// Whether an excerpt of chars `span` shows `range`, or some of it; an
/// empty range (a year a date covers without writing it) where it is.
fn shows(span: &Range<usize>, range: &Range<usize>) -> bool {
    if range.is_empty() {
        return span.start <= range.start && range.start <= span.end;
    }
    range.start < span.end && span.start < range.end
}

/// The first of the lines of `text` with the most distinct query words
/// of `focus` in `found`: its chars and its bytes. Lines are found by
/// their bytes, and counted in chars only in text that is not ASCII.
fn line_with_most_words(text: &str, found: &[Found], focus: TermSet) -> (Range<usize>, Range<usize>) {
    let ascii = text.is_ascii();
    let (mut best, mut most) = ((0..0, 0..0), None);
    let (mut char_start, mut byte_start) = (0, 0);
    for line in text.split('\n') {
        let char_len = if ascii { line.len() } else { line.chars().count() };
        let chars = char_start..char_start + char_len;
        let words = found
            .iter()
            .filter(|f| within(&f.range, &chars))
            .fold(0, |set: TermSet, f| set | (term_bit(f.term) & focus))
            .count_ones();
        if most.is_none_or(|most| words > most) {
            most = Some(words);
            best = (chars.clone(), byte_start..byte_start + line.len());
        }
        char_start = chars.end + 1;
        byte_start += line.len() + 1;
    }
    best
}

/// Whether `range` lies within `line`.
fn within(range: &Range<usize>, line: &Range<usize>) -> bool {
    line.start <= range.start && range.end <= line.end
}

/// Sorted ranges with overlapping or touching ones joined.
fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges.into_iter().filter(|r| !r.is_empty()) {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::data::{Dataset, SourceFile};

    static INDEX: std::sync::LazyLock<SearchIndex> = std::sync::LazyLock::new(|| {
        SearchIndex::new(&Dataset::from_files(&SourceFile::embedded()).expect("embedded data"))
    });

    /// Per query word and marked range, the weight of its best kind: what
    /// an explanation makes of matches (the same range found both whole
    /// and as a part, "e" in "e-health", counts once, as its best kind).
    fn marks(found: &[Found], wanted: TermSet) -> BTreeMap<(usize, usize, usize), i64> {
        let mut marks = BTreeMap::new();
        for f in found.iter().filter(|f| wanted & term_bit(f.term) != 0) {
            let weight = marks.entry((f.term, f.range.start, f.range.end)).or_insert(i64::MIN);
            *weight = (*weight).max(score::kind_weight(f.kind));
        }
        marks
    }

    /// A match of query word `term` at the chars of `word` in `text`.
    fn found(text: &str, term: usize, word: &str) -> Found {
        let at = text.find(word).expect("the word is in the text");
        Found {
            term,
            kind: Kind::Exact,
            range: at..at + word.len(),
        }
    }

    #[test]
    fn an_excerpt_starts_at_the_word_it_is_shown_for_and_far_words_get_one_more() {
        let text = format!(
            "The report {} points ahead to 2025 and {} ends in 2030.",
            "x ".repeat(80),
            "y ".repeat(80)
        );
        let marked = |m: &Matched| -> Vec<String> {
            let chars: Vec<char> = m.text.chars().collect();
            m.ranges.iter().map(|r| chars[r.clone()].iter().collect()).collect()
        };
        let words = [
            found(&text, 0, "report"),
            found(&text, 1, "2025"),
            found(&text, 2, "2030"),
        ];
        // Shown for "2025" alone (a title showed "report"): cut around it.
        let mut shown = Vec::new();
        push_shown(&mut shown, Field::Summary, &text, &words, term_bit(1));
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert_eq!(marked(&shown[0]), ["2025"], "{shown:?}");
        // Shown for all three, too far apart for one excerpt: one each.
        let mut shown = Vec::new();
        push_shown(
            &mut shown,
            Field::Summary,
            &text,
            &words,
            term_bit(0) | term_bit(1) | term_bit(2),
        );
        let all: Vec<String> = shown.iter().flat_map(marked).collect();
        assert_eq!(all, ["report", "2025", "2030"], "{shown:?}");
        assert!(shown.iter().all(|m| m.text.chars().count() <= EXPLAIN_CHARS));
        // Near each other, one excerpt shows both.
        let near = "The report of 2025.";
        let words = [found(near, 0, "report"), found(near, 1, "2025")];
        let mut shown = Vec::new();
        push_shown(&mut shown, Field::Summary, near, &words, term_bit(0) | term_bit(1));
        assert_eq!(shown.len(), 1);
        assert_eq!(marked(&shown[0]), ["report", "2025"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The quick scan keeps exactly the matches the word-by-word
        /// reading keeps for the words it settles, and a word it leaves to
        /// another field (`exact_at_starts`) has no match of no cost here.
        /// Text without '/': a joined word with one is a symbol, kept whole.
        #[test]
        fn quick_matches_are_the_best_word_by_word(
            text in "[a-eéæж1 +'.\n-]{0,40}",
            query in "[a-eж1 +-]{1,12}",
        ) {
            let terms = terms(&query);
            let folded = Folded::new(&text);
            let (quick, done) = found_quickly(&folded, &terms);
            let by_words = best_only(INDEX.found_by_words(&folded, &terms, 0));
            prop_assert!(quick.iter().all(|f| score::kind_cost(f.kind) == 0));
            prop_assert_eq!(marks(&quick, done), marks(&by_words, done), "{:?} in {:?}", query, text);
            let elsewhere = exact_at_starts(&folded, &terms) & !done;
            let free_here = by_words.iter().any(|f| elsewhere & term_bit(f.term) != 0 && score::kind_cost(f.kind) == 0);
            prop_assert!(!free_here, "{:?} in {:?}", query, text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// In text with '/' too (where "a/1" is a symbol-like word, kept
        /// whole), the words `exact_at_starts` names have at word starts
        /// exactly the matches of no cost that reading word by word finds.
        #[test]
        fn words_exact_at_starts_match_as_word_by_word(
            text in "[a-eé1 ./\n-]{0,40}",
            query in "[a-e1 -]{1,10}",
        ) {
            let terms = terms(&query);
            let folded = Folded::new(&text);
            let exact = exact_at_starts(&folded, &terms);
            let quick = found_at_word_starts(&folded, &terms);
            let mut by_words = INDEX.found_by_words(&folded, &terms, 0);
            by_words.retain(|f| score::kind_cost(f.kind) == 0);
            prop_assert_eq!(marks(&quick, exact), marks(&by_words, exact), "{:?} in {:?}", query, text);
        }
    }

    #[test]
    fn a_word_found_in_another_field_is_not_looked_for_with_typos() {
        let terms = terms("internet governance");
        let title = Folded::new("Internet Governence policy");
        let (quick, done) = found_quickly(&title, &terms);
        // "governance" is not at a word start of the title: left to reading
        // word by word, where it matches "Governence" with a typo …
        assert_eq!(done, term_bit(0));
        assert_eq!(quick.len(), 1);
        let typo = INDEX.found_by_words(&title, &terms, done);
        assert!(
            typo.iter().any(|f| f.term == 1 && score::kind_cost(f.kind) > 0),
            "{typo:?}"
        );
        // … unless another field has it at no cost: then it is not read.
        assert_eq!(exact_at_starts(&title, &terms), term_bit(0) | term_bit(1));
        // A symbol-like word is stored whole: a query word inside one is
        // not at a stored word start there, but the others still are.
        let symbol = Folded::new("a/res/70/125 internet");
        assert_eq!(exact_at_starts(&symbol, &terms), term_bit(0) | term_bit(1));
        let inside = super::terms("res internet");
        assert_eq!(exact_at_starts(&symbol, &inside), term_bit(1));
    }
}
