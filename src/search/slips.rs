//! The symbols a query one slip from ("2006/64": E/RES/2006/46), read
//! from the index's own symbol column: a search that matched nothing
//! names them, warm or cold, without decoding an item.

use super::SearchIndex;
use crate::suggest::{MAX_SLIPS_NAMED, SymbolSlip, slips_said};

impl SearchIndex {
    /// "E/RES/2006/46" for "2006/64": the symbols one slip from `query`
    /// ([`SymbolSlip`]), at most [`MAX_SLIPS_NAMED`], joined with "or";
    /// `None` if it is no symbol or near none. Only named, never searched.
    pub fn symbols_one_slip_from(&self, query: &str) -> Option<String> {
        let slip = SymbolSlip::of(query)?;
        let symbols: Vec<&str> = (0..self.len())
            .filter_map(|idx| self.symbol(idx))
            .filter(|symbol| slip.is_one_slip_from(symbol))
            .take(MAX_SLIPS_NAMED)
            .collect();
        slips_said(&symbols)
    }
}

#[cfg(test)]
mod tests {
    use crate::data::Dataset;
    use crate::search::SearchIndex;

    #[test]
    fn a_symbol_with_two_digits_swapped_names_the_symbol() {
        let data = Dataset::embedded().expect("embedded data");
        let index = SearchIndex::new(&data);
        assert_eq!(index.symbols_one_slip_from("2006/64").as_deref(), Some("E/RES/2006/46"));
        assert_eq!(index.symbols_one_slip_from("igf mandate"), None);
    }
}
