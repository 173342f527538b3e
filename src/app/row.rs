//! The rows of the category pane: each category, then the bookmarks.

use crate::data::CATEGORIES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    /// A category, by index into [`CATEGORIES`].
    Category(usize),
    /// The user's bookmarks.
    Bookmarks,
}

impl Row {
    /// Rows of the category pane.
    pub const COUNT: usize = CATEGORIES.len() + 1;

    /// Every row, top to bottom.
    pub fn all() -> impl Iterator<Item = Row> {
        (0..CATEGORIES.len()).map(Row::Category).chain([Row::Bookmarks])
    }

    /// The row's position in the pane.
    pub fn index(self) -> usize {
        match self {
            Row::Category(cat) => cat,
            Row::Bookmarks => CATEGORIES.len(),
        }
    }

    /// The row at a position of the pane (positions past the end are clamped).
    pub fn at(position: usize) -> Row {
        if position < CATEGORIES.len() {
            Row::Category(position)
        } else {
            Row::Bookmarks
        }
    }

    /// False for a category index past the declared categories.
    pub fn is_valid(self) -> bool {
        match self {
            Row::Category(cat) => cat < CATEGORIES.len(),
            Row::Bookmarks => true,
        }
    }

    /// How the pane and list titles name the row.
    pub fn name(self) -> &'static str {
        match self {
            Row::Category(cat) => CATEGORIES.get(cat).map_or("?", |c| c.name),
            Row::Bookmarks => "Bookmarks",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_rows_agree() {
        for (position, row) in Row::all().enumerate() {
            assert_eq!(row.index(), position);
            assert_eq!(Row::at(position), row);
        }
        assert_eq!(Row::all().count(), Row::COUNT);
        assert_eq!(Row::at(Row::COUNT + 5), Row::Bookmarks);
    }
}
