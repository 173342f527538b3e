//! What `wsis list` prints of every item, in its order, as a section of the
//! dataset snapshot ([`super::snapshot`]) of its own, so a warm `list` reads
//! a few bytes per item in place instead of decoding the whole dataset
//! (about a tenth of the memory at 100 000 items).
//!
//! The section is the number of items of every category, then one record
//! per item in list order: by category, then in the category's default
//! order, the browser's ([`super::sort::in_default_order`]). Each record holds the fields `list` shows
//! in every format, borrowed from the section's bytes when read.
//!
//! The bytes are checked by the snapshot (length, checksum); opening them
//! here checks that every record decodes and that they are exactly as many
//! as the counts say, before a single row is handed out.

use serde::{Deserialize, Serialize};

use super::category::CATEGORIES;
use super::dataset::Dataset;
use super::sort::in_default_order;

/// One item as `list` shows it. `label` is stored only where it differs
/// from the title (most items have no short title).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct StoredRow<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    date: Option<&'a str>,
    title: &'a str,
    label: Option<&'a str>,
}

/// One row of the list, borrowed from the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRow<'a> {
    pub id: &'a str,
    /// Index into [`CATEGORIES`].
    pub category: usize,
    pub symbol: Option<&'a str>,
    /// The date as written.
    pub date: Option<&'a str>,
    pub title: &'a str,
    /// What the browser and the table call the item ([`super::Item::label`]).
    pub label: &'a str,
}

impl<'a> ListRow<'a> {
    /// As [`super::Item::handle`]: the symbol, else the id.
    pub fn handle(&self) -> &'a str {
        self.symbol.unwrap_or(self.id)
    }
}

/// Appends the section of `data` to `bytes`.
pub fn encode(data: &Dataset, bytes: Vec<u8>) -> postcard::Result<Vec<u8>> {
    let counts: Vec<u64> = (0..CATEGORIES.len()).map(|c| data.category_len(c) as u64).collect();
    let mut bytes = postcard::to_extend(&counts, bytes)?;
    for cat in 0..CATEGORIES.len() {
        for idx in in_default_order(data, cat) {
            let item = data.item(idx);
            let label = item.label();
            let row = StoredRow {
                id: &item.id,
                symbol: item.symbol.as_deref(),
                date: item.date.as_deref(),
                title: &item.title,
                label: (label != item.title).then_some(label),
            };
            bytes = postcard::to_extend(&row, bytes)?;
        }
    }
    Ok(bytes)
}

/// A checked section: every row decodes, and there are exactly as many as
/// the counts say.
#[derive(Debug, Clone)]
pub struct ListRows<'a> {
    counts: Vec<usize>,
    /// The records, after the counts.
    records: &'a [u8],
}

impl<'a> ListRows<'a> {
    /// The section in `bytes`, if it holds together.
    pub fn open(bytes: &'a [u8]) -> Option<ListRows<'a>> {
        let (counts, records) = postcard::take_from_bytes::<Vec<u64>>(bytes).ok()?;
        if counts.len() != CATEGORIES.len() {
            return None;
        }
        let counts = counts
            .into_iter()
            .map(|n| usize::try_from(n).ok())
            .collect::<Option<Vec<usize>>>()?;
        let total = counts.iter().try_fold(0usize, |sum, &n| sum.checked_add(n))?;
        let mut rest = records;
        for _ in 0..total {
            rest = postcard::take_from_bytes::<StoredRow>(rest).ok()?.1;
        }
        rest.is_empty().then_some(ListRows { counts, records })
    }

    /// How many items `category` has (every category's, for `None`).
    pub fn count(&self, category: Option<usize>) -> usize {
        match category {
            Some(cat) => self.counts.get(cat).copied().unwrap_or(0),
            None => self.counts.iter().sum(),
        }
    }

    /// The rows of `category` (every row, for `None`), in list order.
    pub fn rows(&self, category: Option<usize>) -> impl Iterator<Item = ListRow<'a>> + use<'a> {
        let categories = self
            .counts
            .clone()
            .into_iter()
            .enumerate()
            .flat_map(|(cat, n)| std::iter::repeat_n(cat, n));
        let mut rest = self.records;
        categories
            // Opening decoded every record: this cannot stop early.
            .map_while(move |cat| {
                let (row, after) = postcard::take_from_bytes::<StoredRow>(rest).ok()?;
                rest = after;
                Some(ListRow {
                    id: row.id,
                    category: cat,
                    symbol: row.symbol,
                    date: row.date,
                    title: row.title,
                    label: row.label.unwrap_or(row.title),
                })
            })
            .filter(move |row| category.is_none_or(|wanted| row.category == wanted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Dataset {
        Dataset::embedded().expect("embedded data")
    }

    #[test]
    fn rows_are_the_items_in_list_order_with_what_list_shows() {
        let data = embedded();
        let bytes = encode(&data, Vec::new()).expect("encodes");
        let rows = ListRows::open(&bytes).expect("opens");
        assert_eq!(rows.count(None), data.len());
        for cat in [None, Some(0), Some(CATEGORIES.len() - 1)] {
            let expected: Vec<usize> = match cat {
                Some(c) => in_default_order(&data, c),
                None => (0..CATEGORIES.len()).flat_map(|c| in_default_order(&data, c)).collect(),
            };
            let got: Vec<ListRow> = rows.rows(cat).collect();
            assert_eq!(got.len(), expected.len());
            assert_eq!(rows.count(cat), expected.len());
            for (row, &idx) in got.iter().zip(&expected) {
                let item = data.item(idx);
                assert_eq!(row.id, item.id);
                assert_eq!(CATEGORIES[row.category].id, item.category);
                assert_eq!(row.symbol, item.symbol.as_deref());
                assert_eq!(row.date, item.date.as_deref());
                assert_eq!(row.title, item.title);
                assert_eq!(row.label, item.label());
                assert_eq!(row.handle(), item.handle());
            }
        }
    }

    #[test]
    fn a_section_cut_short_grown_or_miscounted_is_refused() {
        let bytes = encode(&embedded(), Vec::new()).expect("encodes");
        assert!(ListRows::open(&bytes[..bytes.len() - 1]).is_none(), "cut short");
        assert!(ListRows::open(&[&bytes[..], &[0]].concat()).is_none(), "grown");
        assert!(ListRows::open(&[]).is_none(), "empty");
        let mut miscounted = bytes.clone();
        // The lowest bits of the first count (after the number of counts).
        miscounted[1] ^= 1;
        assert!(ListRows::open(&miscounted).is_none(), "a row too many");
    }
}
