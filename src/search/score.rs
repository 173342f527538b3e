//! Ranking: how one query word matches one word of an item, and what each
//! kind of match in each field is worth. Every weight is named here.
//!
//! A hit's rank is decided in two steps, as Meilisearch and Typesense do:
//!
//! 1. **Cost**: the typos the query needed, summed over its words (an exact
//!    word or a prefix costs nothing, each typo one, a fuzzy match inside a
//!    word [`FUZZY_COST`]). Fewer typos always rank first, so a misspelling
//!    that happens to hit a title never beats the word itself in a summary.
//! 2. **Score**, within equal cost: per query word, the kind of match times
//!    the field's weight times the rarity of the matched word, plus a bonus
//!    for words found next to each other, plus the item's prominence.
//!
//! | weight | value | why |
//! |---|---|---|
//! | [`EXACT`] | 100 | the word itself |
//! | [`PREFIX`] | 70 | the start of a word: what typing gives |
//! | [`ONE_TYPO`] | 50 | one letter off, for words of [`ONE_TYPO_FROM`]+ letters |
//! | [`TWO_TYPOS`] | 40 | two off, for [`TWO_TYPOS_FROM`]+ letters |
//! | [`FUZZY`] | 20 | the letters in order inside one word ("gvnance") |
//! | title, id | 10 | what the item is called |
//! | tags, bodies, date | 6 | what it is about, who made it, when |
//! | summary | 3 | our description: words in passing |
//! | points | 2 | details |
//! | rarity | 1.0–~13 | 1 + BM25's IDF of the word, stored at index time |
//! | [`PHRASE`] | 40 × field | two query words side by side, in order |
//! | [`NEAR`] | 15 × field | two query words within [`NEAR_WINDOW`] words |
//! | [`PROMINENCE`] | 25 per backlink | documents others cite, up to 20 |
//! | symbol | 40 000–1 200 000 | a typed symbol names one document |
//! | [`SYMBOL_NUMBER`] | 1000 | a bare number ending a symbol ("10" of E/2015/10) |
//! | [`EXACT_LINE`] | 1000 × field | a title, tag or body line that is the query |
//! | [`TITLE_START`] | 600 × title | a title line that starts with the query ("tunis"): as much as an exact tag line |
//! | [`CATEGORY_WORD`] | 10 − 500 | a word only the item's category names ("resolution"): below any real match of no cost; never a hit alone |
//! | [`KIND_WORD`] | 600 | a word that names what the item's category holds ("report": SG reports), found in the item itself |
//! | [`HEADING_KIND`] | 6000 | "resolution" for a GA or ECOSOC resolution, "report" for an SG report, with or without the word in its texts: the item is what the query asks for, above items that only mention the word; counted once, its mentions of the word adding nothing |
//! | [`TITLE_HEADED_KIND`] | 4000 | that word heading the title of an item of another category ("Report on the progress made…" for "report"): one of what is asked for, its title already counting the word |
//! | heading word | title × rarity | that word, which heads every such item ("Resolution adopted by…"), counts at least as an exact title word |
//! | [`DRAFT_DIVISOR`] | ÷ 2 | an item tagged a draft, for a query that names no draft ("draft", "zero", "rev"): the adopted text first |
//! | [`ID_ALONE`] | 500 000 | a one-word query that is an item's id |
//! | [`COST_STEP`] | 10 000 000 | per typo less: above any score |

use super::Field;
use super::joined::unjoined_start;
use super::tokens::is_symbol_like;

/// Kinds of word match, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Exact,
    Prefix,
    Typos(u8),
    Fuzzy,
}

pub const EXACT: i64 = 100;
pub const PREFIX: i64 = 70;
pub const ONE_TYPO: i64 = 50;
pub const TWO_TYPOS: i64 = 40;
pub const FUZZY: i64 = 20;

/// Words this long may have one typo; this long, two.
pub const ONE_TYPO_FROM: usize = 5;
pub const TWO_TYPOS_FROM: usize = 9;

/// A fuzzy match inside a word costs as much as three typos.
pub const FUZZY_COST: u32 = 3;

/// Query words shorter than this are never matched fuzzily: two letters
/// are found in order inside too many words.
const FUZZY_FROM: usize = 3;

/// Bonus per field weight for neighbouring query words.
pub const PHRASE: i64 = 40;
pub const NEAR: i64 = 15;
/// How many words apart still counts as near.
pub const NEAR_WINDOW: u32 = 3;

/// A year past the first an item covers (the second year of a General
/// Assembly session, the end of a meeting) counts this many times less:
/// most of a session's resolutions are adopted in its first autumn.
pub const LATER_YEAR_DIVISOR: i64 = 2;

/// Per backlink (at most 20): on equal matches, the cited document first.
pub const PROMINENCE: i64 = 25;

/// Matches in further fields or words of one item add up to this share
/// of the best one (a word in the title and the summary beats the title alone).
pub const MORE_MATCHES_NUMERATOR: i64 = 1;
pub const MORE_MATCHES_DENOMINATOR: i64 = 2;

/// Per field weight: a title, tag or body line that is exactly the query
/// ("tunis agenda", the tag "internet governance") names the item's topic.
pub const EXACT_LINE: i64 = 1000;
/// Per title weight: a title line whose first words are the query ("Tunis
/// Agenda" for "tunis") counts as much as a tag line that is the query
/// (`EXACT_LINE` × 6): more than an id or a tag that merely has the word.
/// No more, or "Enhanced cooperation on..." would pass the working group.
pub const TITLE_START: i64 = EXACT_LINE * 6 / 10;
/// How many of the best hits are checked for such a line.
pub const EXACT_LINE_CHECKED: usize = 200;

/// The most backlinks that count towards [`PROMINENCE`].
pub const MAX_BACKLINKS_COUNTED: i64 = 20;

/// A query word that no text of an item has exactly or as a prefix, but
/// its category's name does ("resolution" of "GA resolutions"). Less than
/// nothing, by the most prominence an item can have, so that a real match
/// of no cost (at least a prefix in the points, 70 × 2 × rarity ≥ 1)
/// ranks first however cited the item matched by its category.
pub const CATEGORY_WORD: i64 = 10 - PROMINENCE * MAX_BACKLINKS_COUNTED;

/// A query word that names what the items of a category are, the last
/// word of its name ("report" of "SG reports", "resolution"), and is found
/// in an item of it at no cost: as much as an exact word in a tag. "wsis
/// report" is typed for the Secretary-General's WSIS progress reports.
pub const KIND_WORD: i64 = EXACT * 6;

/// A query word that names what every item of a category is headed by
/// ("resolution" of "GA resolutions", "report" of "SG reports":
/// `category_words`), for each item of it: as much as a title line that
/// starts with the query ([`TITLE_START`] × title weight). The item is one
/// of what is asked for; an item whose title only mentions the word (a
/// draft resolution, an ITU report) earns at most an exact title word with
/// its other matches and a phrase (about 3 000 for "resolution"). It is
/// the word's whole match in such an item: its own mentions of the word
/// add nothing (`tally::Round::match_heading`), or a resolution that says
/// "the resolution that…" would pass the one the query names.
pub const HEADING_KIND: i64 = TITLE_START * TITLE_WEIGHT;

/// A query word that heads every item of a category ([`HEADING_KIND`])
/// heading the title of an item outside it ("Report on the progress
/// made…", the CSTD's twenty-year report, for "report"): the item is one
/// of what is asked for too. Less than [`HEADING_KIND`]: its title already
/// counts the word, and the query's words beside it (a phrase), which a
/// category's heading does not; so "wsis report" still puts the SG's WSIS
/// reports first, and "cstd report" the CSTD's report above SG reports
/// only tagged "cstd".
pub const TITLE_HEADED_KIND: i64 = HEADING_KIND * 2 / 3;

/// An item tagged as a draft ("draft", "zero draft", "draft resolution")
/// counts this many times less, within its cost, for a query that names no
/// draft (`drafts`): "wsis+20 outcome" is typed for the adopted outcome,
/// "wsis+10 review" for the review's outcome, not for its zero draft,
/// whose title starts with the query.
pub const DRAFT_DIVISOR: i64 = 2;

/// A one-word query that is exactly an item's id ("igf", "gdc").
pub const ID_ALONE: i64 = 500_000;

/// Symbols: exact, one part of a joint symbol, its tail after a '/'
/// ("70/125"), its start, or a '/'-piece inside it.
pub const SYMBOL_EXACT: i64 = 1_200_000;
pub const SYMBOL_PART: i64 = 1_150_000;
pub const SYMBOL_TAIL: i64 = 1_000_000;
pub const SYMBOL_PREFIX: i64 = 60_000;
pub const SYMBOL_INSIDE: i64 = 40_000;
/// A bare number ("10") that ends a symbol ("E/2015/10") is worth a title
/// word, not a symbol: the number a title gives its item ("WSIS+10")
/// names it better than a report's serial number.
pub const SYMBOL_NUMBER: i64 = 1_000;

/// Each unit of cost (a typo) puts a hit below every hit of lower cost:
/// this is more than any score reaches.
pub const COST_STEP: i64 = 10_000_000;

/// More than any query's cost: every query word fuzzy.
const MAX_COST: i64 = FUZZY_COST as i64 * super::tokens::MAX_QUERY_WORDS as i64;

/// Whether a match (cost, score, field) is better than the best so far:
/// fewer typos, then a higher score; on a tie, a title beats an id, so
/// that the "why" shows the title ("Tunis Agenda", not "tunis-agenda").
pub fn better_match(found: (u32, i64, Field), best: (u32, i64, Field)) -> bool {
    let key = |(cost, score, _): (u32, i64, Field)| (cost, -score);
    key(found) < key(best) || (key(found) == key(best) && found.2 == Field::Title && best.2 == Field::Id)
}

/// The rank of a hit as one number, higher first: fewer typos, then score.
pub fn ranked(cost: u32, score: i64) -> i64 {
    (MAX_COST - i64::from(cost).min(MAX_COST)) * COST_STEP + score.min(COST_STEP - 1)
}

/// The lowest score within a cost: every query word matched by its
/// category's name alone ([`CATEGORY_WORD`]).
const LOWEST_WITHIN_COST: i64 = CATEGORY_WORD * super::tokens::MAX_QUERY_WORDS as i64;

/// Which typo level `rank` ([`ranked`]) is at, higher for fewer typos:
/// its score within the cost counted from the lowest a cost holds, so a
/// negative score (category words) stays at its own level.
pub fn cost_level(rank: i64) -> i64 {
    (rank - LOWEST_WITHIN_COST).div_euclid(COST_STEP)
}

/// `rank` ([`ranked`]) with its score within its cost divided by `divisor`:
/// as many typos as before, fewer points. A score within a cost may be
/// negative (category words): it is counted from the lowest score a cost
/// holds, not from zero, or it would read as the next cost's, nearly
/// full, and its half would drop a whole typo level. A score of nothing
/// or less is left alone: halved it would rise, and it is already below
/// every real match of its cost.
pub fn divided_within_cost(rank: i64, divisor: i64) -> i64 {
    let within = rank - cost_level(rank) * COST_STEP;
    debug_assert!(
        (LOWEST_WITHIN_COST..COST_STEP + LOWEST_WITHIN_COST).contains(&within),
        "a score within a cost outside the range it is read in"
    );
    if within <= 0 {
        return rank;
    }
    rank - within + within / divisor
}

/// Fuzzy matches inside a word must be this tight: a score the matcher
/// gives letters mostly side by side.
pub fn min_fuzzy_score(term: &str) -> i64 {
    term.chars().count() as i64 * FUZZY_MIN_PER_LETTER
}

/// The matcher's score per letter below which a fuzzy match is too loose.
const FUZZY_MIN_PER_LETTER: i64 = 12;

/// Rarity is stored in hundredths.
pub const RARITY_SCALE: i64 = 100;

/// How much a title (an id, a symbol) counts: [`field_weight`]'s most.
const TITLE_WEIGHT: i64 = 10;

/// How much each field counts.
pub fn field_weight(field: Field) -> i64 {
    match field {
        Field::Symbol | Field::Id | Field::Title => TITLE_WEIGHT,
        Field::Tags | Field::Bodies | Field::Date => 6,
        Field::Summary => 3,
        Field::Points => 2,
        Field::Category => 1,
    }
}

pub fn kind_weight(kind: Kind) -> i64 {
    match kind {
        Kind::Exact => EXACT,
        Kind::Prefix => PREFIX,
        Kind::Typos(1) => ONE_TYPO,
        Kind::Typos(_) => TWO_TYPOS,
        Kind::Fuzzy => FUZZY,
    }
}

pub fn kind_cost(kind: Kind) -> u32 {
    match kind {
        Kind::Exact | Kind::Prefix => 0,
        Kind::Typos(n) => u32::from(n),
        Kind::Fuzzy => FUZZY_COST,
    }
}

/// The score of a word match: kind × field × rarity.
pub fn word_score(kind: Kind, field: Field, rarity: u16) -> i64 {
    kind_weight(kind) * field_weight(field) * i64::from(rarity) / RARITY_SCALE
}

/// The rarity of a word found in `df` of `n` items, in hundredths:
/// 1 + BM25's inverse document frequency.
pub fn rarity(df: usize, n: usize) -> u16 {
    // Counts past u32 (never reached: items are numbered in u32) saturate.
    let count = |c: usize| f64::from(u32::try_from(c).unwrap_or(u32::MAX));
    let (df, n) = (count(df), count(n));
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    ((1.0 + idf.max(0.0)) * f64::from(RARITY_HUNDREDTHS))
        .round()
        .min(f64::from(u16::MAX)) as u16
}

/// [`RARITY_SCALE`] for float arithmetic.
const RARITY_HUNDREDTHS: u8 = 100;

/// The bonus for two consecutive query words found `distance` words apart
/// (positive when in query order) in a field of weight `weight`.
pub fn proximity_bonus(distance: i64, weight: i64) -> i64 {
    match distance {
        1 => PHRASE * weight,
        d if d != 0 && d.unsigned_abs() <= u64::from(NEAR_WINDOW) => NEAR * weight,
        _ => 0,
    }
}

/// How `term` (folded) matches `word` (folded), if at all, without the
/// fuzzy matcher ([`Kind::Fuzzy`] is decided by the caller); typos are
/// tried only if `typos_possible` (a caller's cheaper test said they may be).
/// The search asks [`start_match`] first, then [`kind_past_start`].
#[cfg(test)]
pub fn word_kind_if(word: &str, term: &str, typos_possible: bool) -> Option<Kind> {
    if let Some((kind, _)) = start_match(word, term) {
        return Some(kind);
    }
    kind_past_start(word, term, typos_possible)
}

/// How `term` matches `word` other than at its start ([`start_match`]):
/// as a symbol's tail, or with typos if `typos_possible`.
pub fn kind_past_start(word: &str, term: &str, typos_possible: bool) -> Option<Kind> {
    // "70/125" names "a/res/70/125" in running text, as the symbol rule does.
    if is_symbol_like(term) && word.len() > term.len() && word.ends_with(term) {
        let before = word.as_bytes()[word.len() - term.len() - 1];
        return (before == b'/').then_some(Kind::Prefix);
    }
    if !typos_possible {
        return None;
    }
    typos(word, term).map(Kind::Typos)
}

/// How `term` (folded) matches the start of `word` (folded), and how many
/// bytes of `word` it covers: the word or its start as written, or read
/// without its joiners (`joined`: "wsis20" is "wsis+20").
pub fn start_match(word: &str, term: &str) -> Option<(Kind, usize)> {
    let covered = if word.starts_with(term) {
        term.len()
    } else {
        unjoined_start(word, term)?
    };
    let kind = if covered == word.len() {
        Kind::Exact
    } else {
        Kind::Prefix
    };
    Some((kind, covered))
}

/// How many typos `term` may have.
pub fn allowed_typos(term: &str) -> usize {
    if is_number(term) {
        return 0;
    }
    match term.chars().count() {
        n if n >= TWO_TYPOS_FROM => 2,
        n if n >= ONE_TYPO_FROM => 1,
        _ => 0,
    }
}

/// Whether `term` may be matched fuzzily at all: a number never is ("125"
/// is not "1925").
pub fn may_be_fuzzy(term: &str) -> bool {
    term.chars().count() >= FUZZY_FROM && !is_symbol_like(term) && !is_number(term)
}

/// Whether `term` is a bare number ("10"): it names whole numbers only.
pub fn is_number(term: &str) -> bool {
    !term.is_empty() && term.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a query word `term` (folded), the only one of its query if
/// `alone` and the last if `last`, matches a word it starts that goes on
/// with `next` (`None`: the word is `term`). A number names whole numbers
/// ("10" of "10th" or "wsis+10", never of "105"). A single letter beside
/// other words names only the first part of a joined word ("e" of "e
/// health": "e-health"), not list letters ("(e)") nor every word it
/// starts; alone, it is a first keystroke and names every word it starts.
/// Two letters before other words were typed whole ("AL facilitators"):
/// they name a word or a joined word's first part ("al", "al-c7"), not
/// every word they start ("[al]bania"); last, they may still be being
/// typed ("internet go") and name every word they start.
pub fn start_allowed(term: &str, alone: bool, last: bool, next: Option<char>) -> bool {
    if is_number(term) {
        return !next.is_some_and(|c| c.is_ascii_digit());
    }
    let joined_start = next.is_some_and(|c| LETTER_JOINERS.contains(&c));
    match term.chars().count() {
        1 => alone || joined_start,
        SHORT_WORD_CHARS if !alone && !last => next.is_none() || joined_start,
        _ => true,
    }
}

/// A query word this short, not the last, names whole words and joined
/// words' first parts only ([`start_allowed`]).
const SHORT_WORD_CHARS: usize = 2;

/// The joiners after which a single letter starts a joined word: not '/',
/// or "e" would name every symbol "E/2015/10".
const LETTER_JOINERS: [char; 2] = ['-', '+'];

/// Words longer than this are never matched with typos (no word is).
const MAX_TYPO_WORD: usize = 48;

/// The typos (edits, a swap of two neighbours counting as one) between
/// `word` and `term`, if within what `term` allows.
fn typos(word: &str, term: &str) -> Option<u8> {
    let limit = allowed_typos(term);
    // Byte lengths bound char lengths from both sides within 4×.
    if limit == 0 || word.len().abs_diff(term.len()) > limit * 4 || word.len() > MAX_TYPO_WORD * 4 {
        return None;
    }
    if !same_digits(word, term) {
        return None;
    }
    let mut a = ['\0'; MAX_TYPO_WORD];
    let mut b = ['\0'; MAX_TYPO_WORD];
    let a = fill(&mut a, word)?;
    let b = fill(&mut b, term)?;
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let distance = bounded_distance(a, b, limit)?;
    (distance > 0).then_some(distance as u8)
}

/// Whether `word` has the digits of `term`, in order: a typo is in the
/// letters, never in a number ("wsis+20" is not "wsis+10", "igf 2013" not
/// "2015"), since a number names one session, year or review.
fn same_digits(word: &str, term: &str) -> bool {
    fn digits(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars().filter(char::is_ascii_digit)
    }
    digits(word).eq(digits(term))
}

/// `text`'s chars in `buffer`, if they fit.
fn fill<'a>(buffer: &'a mut [char; MAX_TYPO_WORD], text: &str) -> Option<&'a [char]> {
    let mut len = 0;
    for c in text.chars() {
        *buffer.get_mut(len)? = c;
        len += 1;
    }
    Some(&buffer[..len])
}

/// Optimal string alignment distance, or `None` once it exceeds `limit`.
fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    const WIDTH: usize = MAX_TYPO_WORD + 1;
    let width = b.len() + 1;
    let mut rows = [[0usize; WIDTH]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let [prev2, prev, cur] = &mut rows;
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(prev2[j - 2] + 1);
            }
            cur[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return None;
        }
        rows.rotate_left(1);
    }
    Some(rows[1][b.len()]).filter(|&d| d <= limit)
}

/// Exact symbols and symbol tails ("70/125" of "a/res/70/125") win outright.
pub fn symbol_score(symbol: &str, term: &str) -> Option<i64> {
    if symbol.is_empty() {
        return None;
    }
    if symbol == term {
        return Some(SYMBOL_EXACT);
    }
    // Joint symbols ("a/66/64-e/2011/77") are matched part by part.
    for part in symbol.split(['-', ' ']).filter(|p| p.contains('/')) {
        if part == term {
            return Some(SYMBOL_PART);
        }
        if part.len() > term.len() && part.ends_with(term) && part.as_bytes()[part.len() - term.len() - 1] == b'/' {
            return Some(if term.contains('/') { SYMBOL_TAIL } else { SYMBOL_NUMBER });
        }
    }
    // A start or a piece only when the word looks like part of a symbol,
    // so "e" does not name every ECOSOC resolution.
    if !term.contains('/') {
        return None;
    }
    if symbol.starts_with(term) {
        return Some(SYMBOL_PREFIX + term.len() as i64);
    }
    symbol.contains(term).then(|| SYMBOL_INSIDE + term.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_letters_before_others_name_words_and_joined_starts_only() {
        // Before other words: the word itself, or a joined word's first part.
        assert!(start_allowed("al", false, false, None));
        assert!(start_allowed("al", false, false, Some('-')));
        assert!(!start_allowed("al", false, false, Some('b')));
        // Last or alone, still being typed: any word it starts.
        assert!(start_allowed("al", false, true, Some('b')));
        assert!(start_allowed("al", true, true, Some('b')));
        // Longer words are not held; single letters and numbers as before.
        assert!(start_allowed("alb", false, false, Some('a')));
        assert!(!start_allowed("e", false, true, None));
        assert!(start_allowed("e", false, true, Some('-')));
        assert!(!start_allowed("10", false, false, Some('5')));
    }

    fn word_kind(word: &str, term: &str) -> Option<Kind> {
        word_kind_if(word, term, true)
    }

    #[test]
    fn word_kinds_in_order_of_strength() {
        assert_eq!(word_kind("gender", "gender"), Some(Kind::Exact));
        assert_eq!(word_kind("governance", "gov"), Some(Kind::Prefix));
        assert_eq!(word_kind("governance", "governence"), Some(Kind::Typos(1)));
        assert_eq!(word_kind("governance", "govrenance"), Some(Kind::Typos(1)));
        assert_eq!(word_kind("financing", "finnacign"), Some(Kind::Typos(2)));
        // Four letters allow no typo; five allow one, not two.
        assert_eq!(word_kind("spam", "span"), None);
        assert_eq!(word_kind("tender", "gender"), Some(Kind::Typos(1)));
        assert_eq!(word_kind("center", "gender"), None);
        assert_eq!(word_kind("a/res/70/125", "70/125"), Some(Kind::Prefix));
        // A typo is in the letters, never in a number.
        assert_eq!(word_kind("wsis+10", "wsis+20"), None);
        assert_eq!(word_kind("wsis+20", "wsiss+20"), Some(Kind::Typos(1)));
        assert_eq!(word_kind("meeting2013", "meeting2015"), None);
        // Typed without its joiners, a joined word is matched as typed with.
        assert_eq!(word_kind("wsis+20", "wsis20"), Some(Kind::Exact));
        assert_eq!(word_kind("wsis+20", "wsis2"), Some(Kind::Prefix));
        assert_eq!(word_kind("e-health", "ehealth"), Some(Kind::Exact));
        assert_eq!(word_kind("a/res/70/125", "ares70125"), None);
    }

    #[test]
    fn weights_keep_the_documented_order() {
        let score = |kind, field| word_score(kind, field, 100);
        assert!(score(Kind::Exact, Field::Title) > score(Kind::Exact, Field::Tags));
        assert!(score(Kind::Exact, Field::Tags) > score(Kind::Exact, Field::Summary));
        assert!(score(Kind::Exact, Field::Summary) > score(Kind::Exact, Field::Points));
        assert!(score(Kind::Exact, Field::Title) > score(Kind::Prefix, Field::Title));
        assert!(score(Kind::Prefix, Field::Title) > score(Kind::Typos(1), Field::Title));
        assert!(score(Kind::Typos(1), Field::Title) > score(Kind::Fuzzy, Field::Title));
        assert!(rarity(1, 1000) > rarity(500, 1000));
        assert!(rarity(1000, 1000) >= RARITY_SCALE as u16);
    }

    #[test]
    fn dividing_a_rank_keeps_its_cost() {
        let rank = ranked(1, 9_000);
        let divided = divided_within_cost(rank, DRAFT_DIVISOR);
        assert_eq!(divided, ranked(1, 4_500));
        assert!(
            divided > ranked(2, COST_STEP - 1),
            "still above every hit of more typos"
        );
    }

    #[test]
    fn a_negative_score_stays_at_its_own_typo_level() {
        for cost in [0, 1, 2] {
            let level = cost_level(ranked(cost, 9_000));
            for score in [CATEGORY_WORD, LOWEST_WITHIN_COST, -1, 0, 1] {
                assert_eq!(cost_level(ranked(cost, score)), level, "cost {cost}, score {score}");
            }
            assert!(
                cost_level(ranked(cost + 1, 9_000)) < level,
                "a typo more is a level lower"
            );
        }
    }

    #[test]
    fn dividing_a_negative_score_keeps_its_cost_and_never_raises_it() {
        // A draft found by a category word, its other matches weak, with
        // one typo elsewhere: it was read as a cost-2 score of nearly
        // COST_STEP, and halved, fell among the hits of two typos.
        for score in [CATEGORY_WORD, CATEGORY_WORD + 100, 0, LOWEST_WITHIN_COST] {
            let rank = ranked(1, score);
            assert_eq!(
                divided_within_cost(rank, DRAFT_DIVISOR),
                rank,
                "score {score}: left alone"
            );
        }
        for score in [1, 490, 9_000] {
            let divided = divided_within_cost(ranked(1, score), DRAFT_DIVISOR);
            assert_eq!(divided, ranked(1, score / DRAFT_DIVISOR), "score {score}");
        }
    }

    #[test]
    fn symbols_keep_their_rule() {
        assert_eq!(symbol_score("a/res/70/125", "a/res/70/125"), Some(SYMBOL_EXACT));
        assert_eq!(symbol_score("a/res/70/125", "70/125"), Some(SYMBOL_TAIL));
        assert_eq!(symbol_score("a/66/64-e/2011/77", "e/2011/77"), Some(SYMBOL_PART));
        assert_eq!(symbol_score("a/res/70/125", "a/res/70"), Some(SYMBOL_PREFIX + 8));
        assert_eq!(symbol_score("e/res/2006/46", "e"), None);
        // A bare number ends a report's symbol; it is no symbol of its own.
        assert_eq!(symbol_score("a/70/63-e/2015/10", "10"), Some(SYMBOL_NUMBER));
        assert_eq!(symbol_score("a/70/63-e/2015/10", "2015/10"), Some(SYMBOL_TAIL));
    }
}
