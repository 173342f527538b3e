//! The declared categories, in display order, with everything code needs to
//! know about each: its names, its embedded data file, and how paths treat
//! its items. Adding a category is adding an entry here (and its file).

use super::SortOrder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// The id used in data files and on the command line.
    pub id: &'static str,
    /// The name shown in the category pane.
    pub name: &'static str,
    /// A short name for the category pane, so it stays narrow.
    pub short: &'static str,
    /// A few letters for narrow columns (the timeline).
    pub abbrev: &'static str,
    /// The embedded data file of this category: its name and its text.
    pub embedded: (&'static str, &'static str),
    /// Items that link to almost everything (bodies such as ECOSOC or ITU):
    /// a path through one says little, so paths avoid them.
    pub is_hub: bool,
    /// How the category's list is sorted until the user changes it:
    /// documents by date; bodies as the data lists them.
    pub default_sort: SortOrder,
}

/// Declares a category whose embedded file is `data/<id>.ron`.
/// Categories sort by date unless they say otherwise (`sort: Data`).
macro_rules! category {
    ($id:literal, $abbrev:literal, $short:literal, $name:literal, hub: $hub:literal) => {
        category!($id, $abbrev, $short, $name, hub: $hub, sort: Date)
    };
    ($id:literal, $abbrev:literal, $short:literal, $name:literal, hub: $hub:literal, sort: $sort:ident) => {
        Category {
            id: $id,
            abbrev: $abbrev,
            short: $short,
            name: $name,
            embedded: (
                concat!("data/", $id, ".ron"),
                include_str!(concat!("../../data/", $id, ".ron")),
            ),
            is_hub: $hub,
            default_sort: SortOrder::$sort,
        }
    };
}

pub const CATEGORIES: &[Category] = &[
    category!("outcome", "WSIS", "Outcome documents", "WSIS outcome documents", hub: false),
    category!("ga", "GA", "GA resolutions", "General Assembly resolutions", hub: false),
    category!("ecosoc", "ECOSOC", "ECOSOC resolutions", "ECOSOC resolutions", hub: false),
    category!("sg-report", "SG", "SG reports", "Reports of the Secretary-General", hub: false),
    category!("cstd", "CSTD", "CSTD", "CSTD sessions and reports", hub: false),
    category!("gdc", "GDC", "Digital Compact", "Global Digital Compact", hub: false),
    category!("action-line", "AL", "Action Lines", "WSIS Action Lines", hub: false),
    category!("body", "Body", "Bodies and fora", "Facilitators and bodies", hub: true, sort: Data),
    category!("wsis20", "WSIS+20", "WSIS+20 reviews", "WSIS+20 reviews and roadmaps", hub: false),
];

pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

pub fn category_index(id: &str) -> Option<usize> {
    CATEGORIES.iter().position(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_is_named_after_its_category() {
        for category in CATEGORIES {
            assert_eq!(category.embedded.0, format!("data/{}.ron", category.id));
            assert!(category.embedded.1.contains(&format!("category: \"{}\"", category.id)));
        }
    }
}
