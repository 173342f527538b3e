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
}
