//! Putting hits in order: higher rank first; among equal ranks the newest
//! first, by the first year an item covers, undated ones last, then lower
//! item. Among the best hits, a series (hits of one key: the caller's)
//! takes the places its hits earned newest first, whatever their ranks. A common one-letter prefix hits
//! nearly every item (a million at a million items), and a comparison sort
//! of that many pairs took a fifth of the keystroke. Ranks fit in 32 bits
//! (see `score::ranked`), so each hit becomes one u64, its rank inverted
//! above its item, sorted by a stable radix sort: first by the year, then
//! by the rank bits; the items arrive in ascending order, so equal ranks
//! of one year keep it.

/// Bits sorted per pass, and the passes that cover the 32 rank bits.
const DIGIT_BITS: u32 = 11;
const PASSES: u32 = 32_u32.div_ceil(DIGIT_BITS);
const BUCKETS: usize = 1 << DIGIT_BITS;

/// Below this many hits a comparison sort is as quick.
pub(crate) const RADIX_FROM: usize = 4096;

/// The year whose items come first among equal ranks; each year before
/// it one place later, down to [`EARLIEST_YEAR_SLOT`] (years before that
/// share it), so a tie slot is one radix digit.
const NEWEST_YEAR: u16 = 3000;
const UNDATED: usize = BUCKETS - 1;
const EARLIEST_YEAR_SLOT: usize = UNDATED - 1;

/// Where an item goes among hits of equal rank, lower first: the newer
/// its first year the sooner, without one (0 or `None`) after all others.
pub(crate) fn tie(first_year: Option<u16>) -> usize {
    match first_year {
        Some(year) if year > 0 => usize::from(NEWEST_YEAR.saturating_sub(year)).min(EARLIEST_YEAR_SLOT),
        _ => UNDATED,
    }
}

/// The key of a hit: sorting keys ascending puts the higher rank first,
/// and the lower item first among equal ranks. `None` if the rank or the
/// item does not fit in 32 bits.
pub(crate) fn key(rank: i64, item: usize) -> Option<u64> {
    let rank = u32::try_from(rank).ok()?;
    let item = u32::try_from(item).ok()?;
    Some(u64::from(u32::MAX - rank) << 32 | u64::from(item))
}

/// `key` with `place` for its item: sorted, places order as the items
/// they stand for when they rise with them.
pub(crate) fn rekey(key: u64, place: usize) -> u64 {
    key & !u64::from(u32::MAX) | place as u64
}

/// The rank and item of a key.
pub(crate) fn unkey(key: u64) -> (i64, usize) {
    (i64::from(u32::MAX - (key >> 32) as u32), (key as u32) as usize)
}

/// Sorts `keys`, made in ascending item order, by [`key`]'s rank, then by
/// `tie_of` each item (see [`tie`]), then by item; `spare` is memory to
/// sort through (its contents do not matter).
pub(crate) fn sort(keys: &mut Vec<u64>, spare: &mut Vec<u64>, tie_of: impl Fn(usize) -> usize) {
    if keys.len() < RADIX_FROM {
        keys.sort_unstable_by_key(|&key| (key >> 32, tie_of(unkey(key).1), key as u32));
        return;
    }
    spare.resize(keys.len(), 0);
    // Least significant digit first, each pass stable: the tie, then the rank.
    scatter(keys, spare, |key| tie_of(unkey(key).1).min(BUCKETS - 1));
    for pass in 0..PASSES {
        let shift = 32 + pass * DIGIT_BITS;
        scatter(keys, spare, |key| ((key >> shift) as usize) & (BUCKETS - 1));
    }
}

/// Reorders each series of `hits` (those of one `series_of` key, more
/// than one): it keeps the places its hits earned, filled by [`tie`]
/// order (`tie_of`: newest first), equal ties in their ranked order;
/// `keep_place(old, new)` gives the new hit of a place what stays with
/// the place (its rank, so ranks still fall down the list). The IGF
/// meetings of "igf" differ only in how often they are cited; a reader
/// expects the latest first, as news lists do.
pub(crate) fn newest_first_in_series<T: Clone, K: Eq + std::hash::Hash>(
    hits: &mut [T],
    series_of: impl Fn(&T) -> K,
    tie_of: impl Fn(&T) -> usize,
    keep_place: impl Fn(&T, &mut T),
) {
    let mut series: std::collections::HashMap<K, Vec<usize>> = std::collections::HashMap::new();
    for (place, hit) in hits.iter().enumerate() {
        series.entry(series_of(hit)).or_default().push(place);
    }
    for places in series.into_values().filter(|places| places.len() > 1) {
        let mut members: Vec<(usize, usize)> = places.iter().map(|&place| (tie_of(&hits[place]), place)).collect();
        members.sort_unstable();
        let reordered: Vec<T> = members.iter().map(|&(_, place)| hits[place].clone()).collect();
        for (place, mut hit) in places.into_iter().zip(reordered) {
            keep_place(&hits[place], &mut hit);
            hits[place] = hit;
        }
    }
}

/// One stable counting pass of `keys` by `digit` (below [`BUCKETS`]).
fn scatter(keys: &mut Vec<u64>, spare: &mut Vec<u64>, digit: impl Fn(u64) -> usize) {
    let mut starts = [0usize; BUCKETS];
    for &key in keys.iter() {
        starts[digit(key)] += 1;
    }
    let mut next = 0;
    for slot in starts.iter_mut() {
        let count = *slot;
        *slot = next;
        next += count;
    }
    for &key in keys.iter() {
        let slot = &mut starts[digit(key)];
        spare[*slot] = key;
        *slot += 1;
    }
    std::mem::swap(keys, spare);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_rank_then_tie_then_item(
            hits in proptest::collection::vec((0i64..1000, prop_oneof![Just(None), (1990u16..2030).prop_map(Some)]), 0..10_000),
        ) {
            let tie_of = |item: usize| tie(hits[item].1);
            let pairs: Vec<(i64, usize)> = hits.iter().map(|h| h.0).zip(0..).collect();
            let mut keys: Vec<u64> = pairs.iter().map(|&(rank, item)| key(rank, item).unwrap()).collect();
            sort(&mut keys, &mut Vec::new(), tie_of);
            let mut expected = pairs;
            expected.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(tie_of(a.1).cmp(&tie_of(b.1))).then(a.1.cmp(&b.1)));
            prop_assert_eq!(keys.into_iter().map(unkey).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn large_ranks_keep_their_order() {
        let ranks = [i64::from(u32::MAX), 0, 1 << 31, 490_000_000, 1 << 22, 1 << 11];
        let mut keys: Vec<u64> = (0..RADIX_FROM * 2)
            .map(|item| key(ranks[item % ranks.len()], item).unwrap())
            .collect();
        sort(&mut keys, &mut Vec::new(), |_| UNDATED);
        let pairs: Vec<(i64, usize)> = keys.into_iter().map(unkey).collect();
        assert!(
            pairs
                .windows(2)
                .all(|w| w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1))
        );
        assert_eq!(key(-1, 0), None);
        assert_eq!(key(1 << 32, 0), None);
    }

    #[test]
    fn a_series_takes_its_places_newest_first() {
        // (series, year): series 1 at places 0, 2, 3; series 2 alone.
        let mut hits = [(1, 2010), (2, 2001), (1, 2025), (1, 2023)];
        newest_first_in_series(&mut hits, |hit| hit.0, |hit| tie(Some(hit.1)), |_, _| {});
        assert_eq!(hits, [(1, 2025), (2, 2001), (1, 2023), (1, 2010)]);
        // Equal years keep their ranked order.
        let mut same = [(1, 2020, 'a'), (1, 2020, 'b'), (1, 2021, 'c')];
        newest_first_in_series(&mut same, |hit| hit.0, |hit| tie(Some(hit.1)), |_, _| {});
        assert_eq!(same, [(1, 2021, 'c'), (1, 2020, 'a'), (1, 2020, 'b')]);
    }

    #[test]
    fn newer_years_come_first_and_undated_last() {
        let order = [Some(2025), Some(2024), Some(2005), Some(1), None];
        let ties: Vec<usize> = order.iter().map(|&year| tie(year)).collect();
        assert!(ties.windows(2).all(|w| w[0] < w[1]), "{ties:?}");
        assert_eq!(tie(Some(0)), tie(None), "0 stands for no year");
        assert_eq!(tie(Some(u16::MAX)), 0, "years past the newest share its place");
    }
}
