//! The hits of a search as the browser holds them: the first
//! [`HEAD_HITS`] in their final order, ready to show, and the others as
//! the search left them (in item order), ordered and built only when
//! something looks past the first (scrolling or paging there, End, the
//! list Enter keeps for n and N). A common one-letter prefix hits nearly
//! every item: at a million items, sorting them all and building a 48-byte
//! `Hit` each took a fifth of the keystroke, for rows hardly ever reached.
//! Whatever is looked at, the hits are those of one whole ordered list.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::{Index, Range};
use std::sync::{Arc, OnceLock};

use super::rank_sort;
use super::{FewerWords, Field, Hit};
use crate::data::ItemIdx;

/// How many hits a search orders and builds at once: far more than a
/// screen shows, and at least the best hits whose lines may earn a bonus
/// ([`super::score::EXACT_LINE_CHECKED`]). Unit tests use fewer, so that
/// their small data crosses it.
pub(crate) const HEAD_HITS: usize = if cfg!(test) { 256 } else { 1024 };

const _: () = assert!(HEAD_HITS >= super::score::EXACT_LINE_CHECKED);

/// Bits of a hit's extras ([`Rest::extras`]): its tie slot
/// ([`rank_sort::tie`], below 2 048), its top field, its field set.
const TIE_BITS: u32 = 11;
const FIELD_SHIFT: u32 = TIE_BITS;
const FIELD_BITS: u32 = 4;
const FIELDS_SHIFT: u32 = FIELD_SHIFT + FIELD_BITS;

/// How many hits on either side of a kept hit past the head are ordered
/// with it ([`Hits::reach`]): more than a screen shows.
const AROUND_KEPT: usize = 128;

/// The hits of a search, in item order, with what ordering and building
/// them needs: nothing of the index, which the next search reuses.
#[derive(Default)]
pub(crate) struct Rest {
    /// Per hit, [`rank_sort::key`] of its rank and item.
    keys: Vec<u64>,
    /// Per hit, its tie slot, top field and field set ([`pack`]).
    extras: Vec<u32>,
}

impl Rest {
    pub fn with_capacity(hits: usize) -> Rest {
        Rest {
            keys: Vec::with_capacity(hits),
            extras: Vec::with_capacity(hits),
        }
    }

    /// Adds a hit, after those of lower items: `key` from
    /// [`rank_sort::key`], `tie` from [`rank_sort::tie`].
    pub fn push(&mut self, key: u64, tie: usize, field: Field, fields: u8) {
        self.keys.push(key);
        self.extras.push(pack(tie, field, fields));
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The hit at `at` (in item order), of rank `rank`.
    fn hit(&self, at: usize, rank: i64) -> Hit {
        let extra = self.extras[at];
        Hit {
            item: rank_sort::unkey(self.keys[at]).1,
            score: rank,
            field: Field::ALL
                .get(((extra >> FIELD_SHIFT) & ((1 << FIELD_BITS) - 1)) as usize)
                .copied()
                .unwrap_or(Field::Points),
            matched: Vec::new(),
            fields: (extra >> FIELDS_SHIFT) as u8,
        }
    }

    fn tie(&self, at: usize) -> usize {
        (self.extras[at] & ((1 << TIE_BITS) - 1)) as usize
    }

    /// Every hit, in rank order ([`rank_sort::sort`]'s).
    #[cfg(test)]
    fn sorted(&self) -> Vec<Hit> {
        self.sorted_from(0)
    }

    /// The hits in rank order from place `skip` on.
    fn sorted_from(&self, skip: usize) -> Vec<Hit> {
        let order = self.order();
        let hits = order.iter().skip(skip).map(|&key| rank_sort::unkey(key));
        hits.map(|(rank, at)| self.hit(at, rank)).collect()
    }

    /// The items of the hits in rank order from place `skip` on.
    fn items_from(&self, skip: usize) -> impl Iterator<Item = ItemIdx> + '_ {
        let order = self.order();
        (skip..order.len()).map(move |place| rank_sort::unkey(self.keys[rank_sort::unkey(order[place]).1]).1)
    }

    /// Every hit's rank and place in item order, in rank order.
    fn order(&self) -> Vec<u64> {
        // Sorted by place in item order, which orders as the item does.
        let mut order: Vec<u64> = self
            .keys
            .iter()
            .enumerate()
            .map(|(at, &key)| rank_sort::rekey(key, at))
            .collect();
        rank_sort::sort(&mut order, &mut Vec::new(), |at| self.tie(at));
        order
    }

    /// The place in rank order of the hit of `item`, if it is one, and
    /// the hits at most `count` places on either side of it (itself
    /// included) in rank order, with the place of the first: one pass
    /// that counts the hits sorting before it and keeps the nearest on
    /// either side (as [`Rest::best`] keeps the best), then a sort of
    /// those alone.
    fn around(&self, item: ItemIdx, count: usize) -> Option<(usize, usize, Vec<Hit>)> {
        let own_at = self
            .keys
            .binary_search_by_key(&item, |&key| rank_sort::unkey(key).1)
            .ok()?;
        let own = self.order_key(own_at);
        // The nearest before it: the greatest of the lesser, kept in a
        // min-heap; after it, the least of the greater, in a max-heap.
        let mut before: BinaryHeap<Reverse<OrderKey>> = BinaryHeap::with_capacity(count + 1);
        let mut after: BinaryHeap<OrderKey> = BinaryHeap::with_capacity(count + 1);
        let mut place = 0;
        for at in 0..self.keys.len() {
            let key = self.order_key(at);
            if key < own {
                place += 1;
                if before.len() < count {
                    before.push(Reverse(key));
                } else if before.peek().is_some_and(|nearest| key > nearest.0) {
                    before.pop();
                    before.push(Reverse(key));
                }
            } else if key > own {
                if after.len() < count {
                    after.push(key);
                } else if after.peek().is_some_and(|&furthest| key < furthest) {
                    after.pop();
                    after.push(key);
                }
            }
        }
        let start = place - before.len();
        let mut nearest: Vec<OrderKey> = before.into_iter().map(|Reverse(key)| key).collect();
        nearest.push(own);
        nearest.extend(after);
        nearest.sort_unstable();
        let hits = nearest
            .into_iter()
            .map(|(_, _, at)| self.hit(at, rank_sort::unkey(self.keys[at]).0))
            .collect();
        Some((place, start, hits))
    }

    /// What orders the hit at `at` (in item order): its inverted rank,
    /// its tie slot, its place (as its item).
    fn order_key(&self, at: usize) -> OrderKey {
        (self.keys[at] >> 32, self.tie(at), at)
    }

    /// The best `count` hits, in rank order: a pass that keeps the best
    /// so far, then a sort of those alone.
    pub fn best(&self, count: usize) -> Vec<Hit> {
        // Lower is better: inverted rank, tie, place (as the item).
        let mut kept: BinaryHeap<(u32, usize, usize)> = BinaryHeap::with_capacity(count + 1);
        for (at, &key) in self.keys.iter().enumerate() {
            let inverted = (key >> 32) as u32;
            match kept.peek() {
                _ if kept.len() < count => kept.push((inverted, self.tie(at), at)),
                // Ranks worse than the worst kept need no tie looked up.
                Some(&worst) if inverted <= worst.0 && (inverted, self.tie(at), at) < worst => {
                    kept.pop();
                    kept.push((inverted, self.tie(at), at));
                }
                _ => {}
            }
        }
        let best = kept.into_sorted_vec();
        best.into_iter()
            .map(|(_, _, at)| self.hit(at, rank_sort::unkey(self.keys[at]).0))
            .collect()
    }
}

/// A hit's inverted rank, tie slot and place in item order: lower first.
type OrderKey = (u64, usize, usize);

/// A hit's tie slot, top field and field set in one u32.
fn pack(tie: usize, field: Field, fields: u8) -> u32 {
    let tie = tie.min((1 << TIE_BITS) - 1) as u32;
    tie | u32::from(field as u8) << FIELD_SHIFT | u32::from(fields) << FIELDS_SHIFT
}

/// The ranked hits of a search: the first ready, the others made on the
/// first look past them. Clones share what is made.
#[derive(Clone, Default)]
pub struct Hits {
    /// The first hits in their final order; all of them without `later`.
    head: Vec<Hit>,
    len: usize,
    later: Option<Arc<Later>>,
    /// Set when these are the hits of the query with fewer words, no item
    /// holding them all (`fewer_words`).
    fewer_words: Option<Arc<FewerWords>>,
}

/// The hits past the head: what they are made of, and once made, every
/// hit in order (behind the `Arc`, so that a `Hits`, and an action that
/// carries one, hold no cell of their own and fit in a constant).
struct Later {
    /// Every hit, the head's included.
    rest: Rest,
    all: OnceLock<Vec<Hit>>,
    /// The hits around a kept one past the head, from the place given,
    /// ordered alone ([`Hits::reach`]).
    around: OnceLock<(usize, Vec<Hit>)>,
}

impl Later {
    /// The hits at `places` if they are all among those ordered around a
    /// kept one.
    fn around(&self, places: Range<usize>) -> Option<&[Hit]> {
        let (start, hits) = self.around.get()?;
        hits.get(places.start.checked_sub(*start)?..places.end.checked_sub(*start)?)
    }
}

impl Hits {
    /// `head`, the first hits in their final order, of the hits of `rest`.
    pub(crate) fn with_rest(head: Vec<Hit>, rest: Rest) -> Hits {
        Hits {
            len: rest.len(),
            head,
            later: Some(Arc::new(Later {
                rest,
                all: OnceLock::new(),
                around: OnceLock::new(),
            })),
            fewer_words: None,
        }
    }

    /// These hits, as those of the query with fewer words `fewer`.
    pub(crate) fn with_fewer_words(self, fewer: Arc<FewerWords>) -> Hits {
        Hits {
            fewer_words: Some(fewer),
            ..self
        }
    }

    /// The query these are the hits of, if not the one asked: no item held
    /// every word of that.
    pub fn fewer_words(&self) -> Option<&FewerWords> {
        self.fewer_words.as_deref()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Hit `place`, ordering the others first if it is past the head.
    pub fn get(&self, place: usize) -> Option<&Hit> {
        // Past the end there is nothing to order the others for.
        if place >= self.len {
            return None;
        }
        match self.head.get(place) {
            Some(hit) => Some(hit),
            None => Some(&self[place]),
        }
    }

    /// The place of the hit of `item`, if it is one, ready to show: in the
    /// head, else counted among the others (those that sort before it),
    /// which are then ordered around it alone, not all (a hit kept past
    /// the head after a reload: ordering every hit took 43-59 ms at a
    /// million items).
    pub fn reach(&self, item: ItemIdx) -> Option<usize> {
        if let Some(place) = self.head.iter().position(|hit| hit.item == item) {
            return Some(place);
        }
        let later = self.later.as_ref()?;
        if let Some(all) = later.all.get() {
            return all.iter().position(|hit| hit.item == item);
        }
        let (place, start, mut around) = later.rest.around(item, AROUND_KEPT)?;
        // The head is the first hits of the rest's order, in an order of
        // its own (line bonuses): the hit is past it, and so is what is kept.
        if place < self.head.len() {
            return None;
        }
        let in_head = self.head.len().saturating_sub(start);
        around.drain(..in_head.min(around.len()));
        // Already set by an earlier reach: a place outside it orders all.
        let _ = later.around.set((start + in_head, around));
        Some(place)
    }

    /// The hits made without ordering the others: at least the first
    /// [`HEAD_HITS`], or all.
    pub fn head(&self) -> &[Hit] {
        &self.head
    }

    /// Every hit in order (made now if not yet).
    pub fn all(&self) -> &[Hit] {
        match &self.later {
            None => &self.head,
            Some(later) => later.all.get_or_init(|| {
                let mut all = Vec::with_capacity(self.len);
                all.extend_from_slice(&self.head);
                all.extend(later.rest.sorted_from(self.head.len()));
                all
            }),
        }
    }

    /// Whether the hits past the head are made.
    #[cfg(test)]
    fn all_made(&self) -> bool {
        self.later.as_ref().is_none_or(|later| later.all.get().is_some())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Hit> {
        self.all().iter()
    }

    /// The items of every hit, in order: without making the hits past
    /// the head if they are not made yet.
    pub fn items(&self) -> Vec<ItemIdx> {
        match &self.later {
            Some(later) if later.all.get().is_none() => {
                let head = self.head.iter().map(|hit| hit.item);
                head.chain(later.rest.items_from(self.head.len())).collect()
            }
            _ => self.iter().map(|hit| hit.item).collect(),
        }
    }

    /// Every hit in order, without a copy unless a clone shares them.
    pub fn into_vec(self) -> Vec<Hit> {
        let Some(later) = self.later else {
            return self.head;
        };
        match Arc::try_unwrap(later) {
            Ok(Later { rest, all, .. }) => all.into_inner().unwrap_or_else(|| {
                let mut all = self.head;
                all.extend(rest.sorted_from(all.len()));
                all
            }),
            Err(shared) => Hits {
                later: Some(shared),
                ..self
            }
            .all()
            .to_vec(),
        }
    }
}

impl From<Vec<Hit>> for Hits {
    fn from(hits: Vec<Hit>) -> Hits {
        Hits {
            len: hits.len(),
            head: hits,
            later: None,
            fewer_words: None,
        }
    }
}

impl Index<usize> for Hits {
    type Output = Hit;
    fn index(&self, place: usize) -> &Hit {
        &self[place..place + 1][0]
    }
}

impl Index<Range<usize>> for Hits {
    type Output = [Hit];
    fn index(&self, places: Range<usize>) -> &[Hit] {
        if let Some(hits) = self.head.get(places.clone()) {
            return hits;
        }
        let around = self.later.as_ref().and_then(|later| later.around(places.clone()));
        around.unwrap_or_else(|| &self.all()[places])
    }
}

impl PartialEq for Hits {
    fn eq(&self, other: &Hits) -> bool {
        self.all() == other.all()
    }
}

impl PartialEq<Vec<Hit>> for Hits {
    fn eq(&self, other: &Vec<Hit>) -> bool {
        self.all() == other.as_slice()
    }
}

impl std::fmt::Debug for Hits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hits")
            .field("len", &self.len)
            .field("head", &self.head)
            .field("later", &self.later.as_ref().map(|later| later.all.get().is_some()))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(ranks: &[(i64, usize)]) -> Rest {
        let mut rest = Rest::default();
        for (item, &(rank, tie)) in ranks.iter().enumerate() {
            rest.push(rank_sort::key(rank, item).unwrap(), tie, Field::Title, 1);
        }
        rest
    }

    #[test]
    fn the_best_are_the_first_of_the_sorted() {
        let ranks: Vec<(i64, usize)> = (0..5000).map(|i| ((i * 7919 % 13) as i64, i % 5)).collect();
        let rest = rest(&ranks);
        let sorted = rest.sorted();
        for count in [0, 1, 10, 300, 5000, 6000] {
            assert_eq!(rest.best(count), sorted[..count.min(sorted.len())], "{count}");
        }
    }

    #[test]
    fn looking_past_the_head_orders_the_rest() {
        let ranks: Vec<(i64, usize)> = (0..900).map(|i| ((i * 31 % 17) as i64, i % 3)).collect();
        let rest = rest(&ranks);
        let sorted = rest.sorted();
        let head = rest.best(HEAD_HITS);
        let hits = Hits::with_rest(head, rest);
        assert_eq!(hits.len(), 900);
        assert!(!hits.all_made(), "nothing past the head made yet");
        assert_eq!(&hits[0..10], &sorted[0..10]);
        assert!(!hits.all_made(), "the head alone was looked at");
        let items: Vec<ItemIdx> = sorted.iter().map(|hit| hit.item).collect();
        assert_eq!(hits.items(), items, "before the rest is made");
        assert!(!hits.all_made(), "the items alone were asked for");
        assert_eq!(hits.get(HEAD_HITS), Some(&sorted[HEAD_HITS]));
        assert_eq!(hits.get(900), None);
        assert_eq!(hits.items(), items, "after");
        assert_eq!(hits.clone().into_vec(), sorted);
    }

    #[test]
    fn a_kept_hit_past_the_head_is_reached_without_ordering_every_hit() {
        let ranks: Vec<(i64, usize)> = (0..3000).map(|i| ((i * 31 % 17) as i64, i % 3)).collect();
        let sorted = rest(&ranks).sorted();
        for place in [HEAD_HITS, HEAD_HITS + 1, 1500, 2999] {
            let hits = Hits::with_rest(rest(&ranks).best(HEAD_HITS), rest(&ranks));
            assert_eq!(
                hits.reach(sorted[place].item),
                Some(place),
                "the same as with every hit ordered"
            );
            assert_eq!(hits.get(place), Some(&sorted[place]));
            let near = place.saturating_sub(3).max(HEAD_HITS)..(place + 3).min(3000);
            assert_eq!(&hits[near.clone()], &sorted[near]);
            assert!(!hits.all_made(), "{place}: the hits around it alone are ordered");
            // Further off, every hit is ordered, the same way.
            assert_eq!(
                hits.get(HEAD_HITS + (place + 1000) % 2000),
                Some(&sorted[HEAD_HITS + (place + 1000) % 2000])
            );
            assert!(hits.all_made());
        }
        let hits = Hits::with_rest(rest(&ranks).best(HEAD_HITS), rest(&ranks));
        assert_eq!(hits.reach(sorted[7].item), Some(7), "in the head");
        assert_eq!(hits.reach(3000), None, "no hit");
        assert!(!hits.all_made());
    }

    #[test]
    fn extras_keep_every_field() {
        for (number, &field) in Field::ALL.iter().enumerate() {
            assert_eq!(field as usize, number);
            let mut rest = Rest::default();
            rest.push(rank_sort::key(5, 9).unwrap(), 2047, field, 0xA5);
            assert_eq!(rest.tie(0), 2047);
            let hit = rest.hit(0, 5);
            assert_eq!((hit.item, hit.field, hit.fields), (9, field, 0xA5));
        }
    }
}
