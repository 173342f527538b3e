//! Who links to each item, all in one list: item `i`'s backlinks are
//! `all[ends[i - 1]..ends[i]]` (two allocations for a million items,
//! where a list per item would take one each).

use super::dataset::{Backlink, ItemIdx};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Backlinks {
    ends: Vec<u32>,
    all: Vec<Backlink>,
}

impl Backlinks {
    /// One list per item, in item order.
    pub(super) fn from_lists(lists: Vec<Vec<Backlink>>) -> Backlinks {
        let mut backlinks = Backlinks {
            ends: Vec::with_capacity(lists.len()),
            all: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        for list in lists {
            backlinks.all.extend(list);
            backlinks
                .ends
                .push(u32::try_from(backlinks.all.len()).expect("fewer than 4 billion links"));
        }
        backlinks
    }

    /// The backlinks of `items` items from every link as `(target,
    /// backlink)`, in the order each target's list is to keep: counted,
    /// then placed, with no list per item.
    pub(super) fn from_links(items: usize, links: impl Iterator<Item = (ItemIdx, Backlink)> + Clone) -> Backlinks {
        let mut ends = vec![0u32; items];
        for (target, _) in links.clone() {
            ends[target] += 1;
        }
        let mut total = 0u32;
        for end in &mut ends {
            total = total.checked_add(*end).expect("fewer than 4 billion links");
            *end = total;
        }
        // Each target's next free place, from the end of the one before.
        let mut next: Vec<u32> = std::iter::once(0).chain(ends.iter().copied()).take(items).collect();
        let mut all = match links.clone().next() {
            Some((_, first)) => vec![first; total as usize],
            None => Vec::new(),
        };
        for (target, backlink) in links {
            all[next[target] as usize] = backlink;
            next[target] += 1;
        }
        Backlinks { ends, all }
    }

    /// Item `idx`'s backlinks (none for an index past the end).
    pub(super) fn of(&self, idx: ItemIdx) -> &[Backlink] {
        let start = match idx {
            0 => 0,
            _ => self.ends.get(idx - 1).map_or(0, |&end| end as usize),
        };
        let end = self.ends.get(idx).map_or(start, |&end| end as usize);
        self.all.get(start..end).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Relation;

    fn from(from: ItemIdx) -> Backlink {
        Backlink {
            from,
            rel: Relation::ALL[0],
            link: 0,
        }
    }

    #[test]
    fn each_item_gets_back_its_own_list() {
        let lists = vec![vec![from(1)], vec![], vec![from(0), from(1)]];
        let backlinks = Backlinks::from_lists(lists.clone());
        for (idx, list) in lists.iter().enumerate() {
            assert_eq!(backlinks.of(idx), list.as_slice());
        }
        assert!(backlinks.of(3).is_empty());
    }

    #[test]
    fn placing_counted_links_keeps_each_targets_order() {
        let lists = vec![vec![from(1), from(2)], vec![], vec![from(0), from(1)], vec![]];
        let links = lists
            .iter()
            .enumerate()
            .flat_map(|(target, list)| list.iter().map(move |&b| (target, b)));
        // Sources in order, as the checks meet the links.
        let mut by_source: Vec<(ItemIdx, Backlink)> = links.collect();
        by_source.sort_by_key(|(_, b)| b.from);
        let placed = Backlinks::from_links(lists.len(), by_source.into_iter());
        assert_eq!(placed, Backlinks::from_lists(lists));
        assert_eq!(
            Backlinks::from_links(2, std::iter::empty()),
            Backlinks::from_lists(vec![vec![], vec![]])
        );
    }
}
