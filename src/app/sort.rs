//! Each row of the category pane lists its items in an order of its own
//! (by date, by symbol, as in the data). The app keeps every list in its
//! order, so selection, history and the mouse all see the same rows.

use super::{App, Row};
use crate::data::sort::{in_default_order, sorted};
use crate::data::{CATEGORIES, Dataset, ItemIdx, SortOrder};
use unicode_width::UnicodeWidthStr;

/// Every row's order at start-up: each category's own default, and the
/// bookmarks in the order they were added.
pub(super) fn default_orders() -> Vec<SortOrder> {
    Row::all()
        .map(|row| match row {
            Row::Category(cat) => CATEGORIES[cat].default_sort,
            Row::Bookmarks => SortOrder::Data,
        })
        .collect()
}

/// Each category's items in its default order: as stored with a dataset
/// read in place (sorting would decode every item), else sorted now.
pub(super) fn default_lists(data: &Dataset) -> Vec<Vec<ItemIdx>> {
    (0..CATEGORIES.len())
        .map(|cat| match data.stored_default_order(cat) {
            Some(list) => list,
            None => in_default_order(data, cat),
        })
        .collect()
}

impl App<'_> {
    /// The order `row` lists its items in.
    pub fn sort_order(&self, row: Row) -> SortOrder {
        self.sort_orders.get(row.index()).copied().unwrap_or_default()
    }

    /// The item list's title: the row's name and its order, in at most
    /// `width` columns if the shorter form fits ("ECOSOC resolutions — by
    /// date", then "… · date"). The name is the one the category pane shows.
    pub fn list_title(&self, row: Row, width: usize) -> String {
        let (label, word) = order_names(row, self.sort_order(row));
        let forms = [format!("{} — {label}", row.name()), format!("{} · {word}", row.name())];
        let fitting = forms.iter().find(|form| form.width() <= width);
        fitting.unwrap_or(&forms[1]).clone()
    }

    /// Sorts the selected row's list in the next order, keeping the
    /// selected item selected.
    pub(super) fn cycle_sort(&mut self) {
        let row = self.row;
        let selected = self.selected_item();
        let order = self.sort_order(row).next();
        self.sort_orders[row.index()] = order;
        match row {
            Row::Category(cat) => self.sorted_items[cat] = sorted(self.data, self.data.category_items(cat), order),
            Row::Bookmarks => self.refresh_bookmarks(),
        }
        if let Some(position) = selected.and_then(|item| self.items().iter().position(|&i| i == item)) {
            self.item_rows[row.index()] = position;
        }
        self.status = Some(format!("{} sorted {}", row.name(), order_names(row, order).0));
    }
}

/// How `row`'s list title and messages name `order`, in a long and a short
/// form. The bookmarks' own order is the order they were added, not the
/// data's.
fn order_names(row: Row, order: SortOrder) -> (&'static str, &'static str) {
    match (row, order) {
        (Row::Bookmarks, SortOrder::Data) => (BOOKMARKED_ORDER, BOOKMARKED_ORDER_WORD),
        _ => (order.label(), order.word()),
    }
}

const BOOKMARKED_ORDER: &str = "in the order bookmarked";
const BOOKMARKED_ORDER_WORD: &str = "added";
