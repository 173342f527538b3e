//! The preview state: the browser opened on a [`Preview`] while the whole
//! dataset is still being decoded. It draws the first frame exactly as the
//! full dataset would (counts, columns and the first item's detail come
//! from the preview), with the status line saying it is loading. The front
//! end applies no keys to it: they wait for the full dataset.

use super::{App, Row};
use crate::data::CATEGORIES;
use crate::data::preview::{Preview, list_shape};
use crate::search::SearchIndex;

impl<'a> App<'a> {
    /// An app over a preview, on the first category's first item.
    pub fn from_preview(preview: &'a Preview) -> App<'a> {
        let mut app = App::with_index(&preview.data, SearchIndex::new(&preview.data));
        app.row = Row::Category(preview.category);
        app.sorted_items = vec![Vec::new(); CATEGORIES.len()];
        app.sorted_items[preview.category] = preview.list.clone();
        app.preview = Some(preview);
        app
    }

    /// Whether this app shows a preview, waiting for the full dataset.
    pub fn is_preview(&self) -> bool {
        self.preview.is_some()
    }

    /// How many items a row of the category pane counts: in the preview
    /// state, the full dataset's number.
    pub fn row_len(&self, row: Row) -> usize {
        match (self.preview, row) {
            (Some(preview), Row::Category(cat)) => preview.counts.get(cat).copied().unwrap_or(0),
            (Some(preview), Row::Bookmarks) => preview.count_existing(&self.bookmarks.ids),
            (None, _) => self.items_of(row).len(),
        }
    }

    /// The widest symbol (in columns) and whether any date has a month,
    /// over the selected row's whole list: what its columns are fitted to.
    pub fn list_shape(&self) -> (Option<usize>, bool) {
        match self.preview {
            Some(preview) if self.row == Row::Category(preview.category) => (preview.widest_symbol, preview.has_month),
            // A category's shape does not depend on its order: stored with
            // a dataset read in place, whose items it would all decode.
            _ => match self.row {
                Row::Category(cat) => self.data.stored_shape(cat),
                Row::Bookmarks => None,
            }
            .unwrap_or_else(|| list_shape(self.data, self.items())),
        }
    }
}

/// The status line while the full dataset loads: how much, and how many
/// keys are waiting for it.
pub fn loading_status(total: usize, queued: usize) -> String {
    let keys = match queued {
        0 => String::new(),
        1 => " (1 key kept)".to_string(),
        n => format!(" ({n} keys kept)"),
    };
    format!("loading {} items…{keys}", grouped(total))
}

/// A count with its thousands apart: "100 000".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loading_status_groups_thousands_and_counts_kept_keys() {
        assert_eq!(loading_status(228, 0), "loading 228 items…");
        assert_eq!(loading_status(100_000, 1), "loading 100 000 items… (1 key kept)");
        assert_eq!(loading_status(1_234_567, 3), "loading 1 234 567 items… (3 keys kept)");
    }
}
