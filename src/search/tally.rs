//! What a query's words add up to, per item: the current word's best
//! match in each item (`Round`) and the totals of the words before it
//! (`Totals`). Both are arrays of one entry per item; a `Scratch` keeps
//! them from one search to the next, because allocating them afresh (44
//! bytes an item, 44 MB at a million items) costs every keystroke its page
//! faults; the browser's index therefore holds them for its lifetime. Only the entries a search touched are reset before the next.

use std::sync::Mutex;

use super::Field;
use super::score;

/// One query word's best match in one item so far: 16 bytes, so that a
/// block of them stays in the cache (see `offer`), and an array of them
/// for every item (1.6 MB at 100 000 items) takes few page faults.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TermMatch {
    /// A word match scores at most a few million (`score`), far within i32.
    pub score: i32,
    /// The scores of the item's other matches of this word, summed up to
    /// i32::MAX: only their share of `score` (smaller) counts.
    pub more: i32,
    pub position: u32,
    /// The typos it needed ([`score::kind_cost`]: at most a few);
    /// [`NO_COST`] for no match yet.
    pub cost: u8,
    pub field: Field,
}

/// The cost of [`NO_MATCH`]; no match costs as much.
const NO_COST: u8 = u8::MAX;

pub(crate) const NO_MATCH: TermMatch = TermMatch {
    score: 0,
    more: 0,
    position: 0,
    cost: NO_COST,
    field: Field::Points,
};

impl TermMatch {
    /// The word's score: the best match, plus the others up to a share of it.
    pub fn total(&self) -> i64 {
        let (score, more) = (i64::from(self.score), i64::from(self.more));
        score + more.min(score) * score::MORE_MATCHES_NUMERATOR / score::MORE_MATCHES_DENOMINATOR
    }
}

/// The current query word's matches, per item, and which items have one.
pub(crate) struct Round<'a> {
    pub best: &'a mut [TermMatch],
    pub touched: &'a mut Vec<u32>,
}

impl Round<'_> {
    pub fn offer(&mut self, item: usize, cost: u32, score: i64, field: Field, position: u32) {
        let Some(best) = self.best.get_mut(item) else {
            return;
        };
        // Costs are a few typos: they fit below the mark of no match.
        let cost = u8::try_from(cost).unwrap_or(NO_COST - 1).min(NO_COST - 1);
        let score = i32::try_from(score).unwrap_or(i32::MAX);
        if best.cost == NO_COST {
            self.touched.push(item as u32);
            *best = TermMatch {
                cost,
                score,
                more: 0,
                field,
                position,
            };
        } else if score::better_match(
            (u32::from(cost), i64::from(score), field),
            (u32::from(best.cost), i64::from(best.score), best.field),
        ) {
            let more = best.more.saturating_add(best.score);
            *best = TermMatch {
                cost,
                score,
                more,
                field,
                position,
            };
        } else {
            best.more = best.more.saturating_add(score);
        }
    }
}

impl Round<'_> {
    /// Makes a match of no cost `item`'s only match of the word, unless
    /// it has one of no cost already: a typo or fuzzy match it replaces
    /// adds nothing to it (`more`), so that its score stays as low as asked.
    pub fn offer_below_exact(&mut self, item: usize, score: i64, field: Field, position: u32) {
        let Some(best) = self.best.get_mut(item) else {
            return;
        };
        if best.cost == 0 {
            return;
        }
        if best.cost == NO_COST {
            self.touched.push(item as u32);
        }
        *best = TermMatch {
            score: i32::try_from(score).unwrap_or(i32::MIN),
            more: 0,
            position,
            cost: 0,
            field,
        };
    }
}

impl Round<'_> {
    /// Adds `bonus` to `item`'s match of the word if it has one of no cost.
    pub fn add_to_free_match(&mut self, item: usize, bonus: i64) {
        if let Some(best) = self.best.get_mut(item).filter(|best| best.cost == 0) {
            best.score = best.score.saturating_add(i32::try_from(bonus).unwrap_or(i32::MAX));
        }
    }
}

impl Round<'_> {
    /// Matches the word in `item`'s heading ([`score::HEADING_KIND`]): its
    /// match of no cost, if any, counts at least `floor` (the heading's
    /// word) and gains `bonus`; lacking one, a match in the category's
    /// name worth as much takes the place of any typo. Either way the
    /// heading is the word's only match: every item of the category is
    /// one, so the item's mentions of the word ("the resolution that…",
    /// "recalls resolutions…") add nothing (`more`), or they would put a
    /// resolution that talks of resolutions above the one asked for.
    pub fn match_heading(&mut self, item: usize, floor: i64, bonus: i64, position: u32) {
        let Some(best) = self.best.get_mut(item) else {
            return;
        };
        if best.cost == 0 {
            let raised = i64::from(best.score).max(floor).saturating_add(bonus);
            best.score = i32::try_from(raised).unwrap_or(i32::MAX);
            best.more = 0;
            return;
        }
        self.offer_below_exact(item, floor.saturating_add(bonus), Field::Category, position);
    }
}

/// What the words matched so far add up to, per item. Only the entries of
/// items the first word matched are meaningful.
pub(crate) struct Totals {
    /// How many query words matched; an item is alive while this equals
    /// the number of words handled.
    pub matched: Vec<u8>,
    /// At most 16 words of a few typos each.
    pub cost: Vec<u16>,
    pub score: Vec<i64>,
    /// The field of the best single word match, and its score (a word's
    /// total: at most one and a half times a match's, within i32).
    pub top: Vec<(Field, i32)>,
    /// Where the previous query word matched, for the proximity bonus.
    pub last: Vec<(Field, u32)>,
    /// The fields of each word's best match, one bit per field.
    pub fields: Vec<u8>,
}

impl Totals {
    fn new(n: usize) -> Totals {
        Totals {
            matched: vec![0; n],
            cost: vec![0; n],
            score: vec![0; n],
            top: vec![(Field::Points, i32::MIN); n],
            last: vec![(Field::Points, 0); n],
            fields: vec![0; n],
        }
    }

    pub fn alive(&self, item: usize, round: usize) -> bool {
        self.matched.get(item).is_some_and(|&m| usize::from(m) == round)
    }
}

/// The per-item arrays of one search, kept for the next.
pub(crate) struct Scratch {
    pub totals: Totals,
    /// The current word's best match per item (`NO_MATCH` between words).
    pub best: Vec<TermMatch>,
    /// The items with a match of the current word.
    pub touched: Vec<u32>,
    /// The items the first word matched: the only ones whose totals the
    /// search set.
    pub first: Vec<u32>,
    /// The hits' sort keys, and memory to sort them through (`rank_sort`).
    pub keys: Vec<u64>,
    pub spare: Vec<u64>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            totals: Totals::new(n),
            best: vec![NO_MATCH; n],
            touched: Vec::new(),
            first: Vec::new(),
            keys: Vec::new(),
            spare: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.best.len()
    }

    /// Forgets what the last search left, cancelled or not.
    fn reset(&mut self) {
        for &item in &self.touched {
            self.best[item as usize] = NO_MATCH;
        }
        self.touched.clear();
        for &item in &self.first {
            self.totals.matched[item as usize] = 0;
        }
        self.first.clear();
    }

    /// Adds the current word's matches (word `round` of the query) to the
    /// items still alive, and makes ready for the next word.
    pub fn absorb(&mut self, round: usize) {
        for index in 0..self.touched.len() {
            let item = self.touched[index] as usize;
            let found = std::mem::replace(&mut self.best[item], NO_MATCH);
            if round == 0 {
                self.first.push(item as u32);
                self.start(item, &found);
            } else if self.totals.alive(item, round) {
                self.add(item, round, &found);
            }
        }
        self.touched.clear();
    }

    /// The totals of an item after the first word: that word's match alone.
    fn start(&mut self, item: usize, found: &TermMatch) {
        let totals = &mut self.totals;
        totals.matched[item] = 1;
        totals.cost[item] = u16::from(found.cost);
        totals.score[item] = found.total();
        totals.top[item] = (found.field, narrow(found.total()));
        totals.last[item] = (found.field, found.position);
        totals.fields[item] = found.field.bit();
    }

    /// Adds a later word's match to an item's totals.
    fn add(&mut self, item: usize, round: usize, found: &TermMatch) {
        let totals = &mut self.totals;
        let mut score = found.total();
        let (last_field, last_position) = totals.last[item];
        if round > 0 && last_field == found.field {
            let distance = i64::from(found.position) - i64::from(last_position);
            score += score::proximity_bonus(distance, score::field_weight(found.field));
        }
        totals.matched[item] += 1;
        totals.cost[item] += u16::from(found.cost);
        totals.score[item] += score;
        if narrow(found.total()) > totals.top[item].1 {
            totals.top[item] = (found.field, narrow(found.total()));
        }
        totals.last[item] = (found.field, found.position);
        totals.fields[item] |= found.field.bit();
    }
}

/// The scratch of an index's searches: one kept, lent to one search at a
/// time (another search at the same time makes its own).
#[derive(Default)]
pub(crate) struct ScratchPool {
    kept: Mutex<Option<Box<Scratch>>>,
}

impl ScratchPool {
    /// A clean scratch for `n` items, returned to the pool when dropped.
    pub fn lend(&self, n: usize) -> Lent<'_> {
        let kept = self.kept.lock().ok().and_then(|mut kept| kept.take());
        let scratch = match kept {
            Some(mut scratch) if scratch.len() == n => {
                scratch.reset();
                scratch
            }
            _ => Box::new(Scratch::new(n)),
        };
        Lent {
            pool: self,
            scratch: Some(scratch),
        }
    }
}

impl ScratchPool {
    /// Frees the kept scratch, for a caller that searches once: it would
    /// otherwise stay resident (44 bytes an item) while the hits are explained.
    pub fn release(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.take();
        }
    }

    /// Whether a scratch is kept for the next search.
    #[cfg(test)]
    pub fn keeps_one(&self) -> bool {
        self.kept.lock().is_ok_and(|kept| kept.is_some())
    }
}

/// A scratch on loan from a pool.
pub(crate) struct Lent<'a> {
    pool: &'a ScratchPool,
    scratch: Option<Box<Scratch>>,
}

impl std::ops::Deref for Lent<'_> {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        self.scratch.as_deref().expect("lent until dropped")
    }
}

impl std::ops::DerefMut for Lent<'_> {
    fn deref_mut(&mut self) -> &mut Scratch {
        self.scratch.as_deref_mut().expect("lent until dropped")
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Ok(mut kept) = self.pool.kept.lock() {
            *kept = self.scratch.take();
        }
    }
}

/// A word's total as stored in `Totals::top`.
fn narrow(total: i64) -> i32 {
    i32::try_from(total).unwrap_or(i32::MAX)
}

// The cache blocks of `offer` are sized for matches of this size.
const _: () = assert!(std::mem::size_of::<TermMatch>() == 16);
