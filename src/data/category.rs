//! The declared categories, in display order, with everything code needs to
//! know about each: its names, its embedded data file, and how paths treat
//! its items. Adding a category is adding an entry here (and its file).

use super::SortOrder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// The id used in data files and on the command line.
    pub id: &'static str,
    /// The one name of the category wherever it is shown (the category
    /// pane, list titles, `show`, help, the manual, exports). Short enough
    /// for the category pane, so the browser needs no second name.
    pub name: &'static str,
    /// A few letters for narrow columns (the timeline, `search`'s table,
    /// the category pane where a name does not fit), also accepted on the
    /// command line: an abbreviation, not another name.
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
    ($id:literal, $abbrev:literal, $name:literal, hub: $hub:literal) => {
        category!($id, $abbrev, $name, hub: $hub, sort: Date)
    };
    ($id:literal, $abbrev:literal, $name:literal, hub: $hub:literal, sort: $sort:ident) => {
        Category {
            id: $id,
            abbrev: $abbrev,
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

/// The longest a category's name may be: the width the category pane has
/// room for beside its count.
pub const NAME_MAX_WIDTH: usize = 18;

// Each name says what the items are, in at most `NAME_MAX_WIDTH` columns.
pub const CATEGORIES: &[Category] = &[
    category!("outcome", "WSIS", "Outcome documents", hub: false),
    category!("ga", "GA", "GA resolutions", hub: false),
    category!("ecosoc", "ECOSOC", "ECOSOC resolutions", hub: false),
    category!("sg-report", "SG", "SG reports", hub: false),
    // Sessions, panels, working groups and the reports they produced.
    category!("cstd", "CSTD", "CSTD proceedings", hub: false),
    category!("gdc", "GDC", "Digital Compact", hub: false),
    category!("action-line", "AL", "WSIS Action Lines", hub: false),
    // UN bodies and agencies, the fora (IGF, WSIS Forum) and their meetings.
    category!("body", "Body", "Bodies and fora", hub: true, sort: Data),
    // The UN system's WSIS reviews and roadmaps of every period (2005–2025),
    // not only the WSIS+20 review: the key stays "wsis20" for users' files,
    // but the abbreviation the timeline and search tables show says what
    // all of them are (a WSIS+10 draft is no "WSIS+20").
    category!("wsis20", "Reviews", "Reviews & roadmaps", hub: false),
];

/// The UN organs whose documents' symbols start with their letter ("A/",
/// "E/"), each with the category of its resolutions: a document of the
/// organ's own series is the organ's work, and its symbol may be named
/// without the letter ("80/L.41" for the General Assembly's A/80/L.41).
pub const ORGAN_SYMBOLS: [(&str, &str); 2] = [("A/", "ga"), ("E/", "ecosoc")];

pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

pub fn category_index(id: &str) -> Option<usize> {
    CATEGORIES.iter().position(|c| c.id == id)
}

/// How citations and the command line name each category. Kept apart from
/// the table above so that each property reads as one list.
impl Category {
    /// Other names accepted for this category on the command line, in any
    /// case (the id and the abbreviation are always accepted).
    pub fn aliases(&self) -> &'static [&'static str] {
        match self.id {
            "outcome" => &["outcomes", "outcome-documents"],
            "ga" => &["general-assembly", "unga"],
            "ecosoc" => &["economic-and-social-council"],
            "sg-report" => &["sg-reports", "secretary-general", "reports"],
            "cstd" => &["commission"],
            "gdc" => &["global-digital-compact"],
            "action-line" => &["action-lines"],
            "body" => &["bodies", "facilitators"],
            "wsis20" => &["wsis+20", "wsis-20"],
            _ => &[],
        }
    }

    /// Who issues this category's documents, as a citation names the author;
    /// `None` where the items are themselves bodies or events.
    pub fn issuer(&self) -> Option<&'static str> {
        match self.id {
            "outcome" | "action-line" => Some("World Summit on the Information Society"),
            "ga" => Some("General Assembly"),
            "ecosoc" => Some("Economic and Social Council"),
            "sg-report" => Some("Secretary-General"),
            "cstd" => Some("Commission on Science and Technology for Development"),
            "gdc" | "wsis20" => Some("United Nations"),
            _ => None,
        }
    }

    /// The kind of document, as a citation words it after the issuer
    /// ("General Assembly resolution 70/125"); `None` for bodies and events.
    pub fn document_type(&self) -> Option<&'static str> {
        match self.id {
            "ga" | "ecosoc" => Some("resolution"),
            "sg-report" => Some("report"),
            "outcome" | "cstd" | "gdc" | "wsis20" => Some("document"),
            "action-line" => Some("Action Line"),
            _ => None,
        }
    }

    /// Whether its items are documents (texts with paragraphs, cited by a
    /// document type), not bodies or events.
    pub fn holds_documents(&self) -> bool {
        self.document_type().is_some()
    }
}

/// The category named by `name`: its id, abbreviation, shown name or one
/// of its [`Category::aliases`], in any case ("GA", "GA resolutions",
/// "general-assembly").
pub fn category_named(name: &str) -> Option<usize> {
    let name = name.trim();
    CATEGORIES.iter().position(|c| {
        [c.id, c.abbrev, c.name]
            .into_iter()
            .chain(c.aliases().iter().copied())
            .any(|known| known.eq_ignore_ascii_case(name))
    })
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

    #[test]
    fn every_name_of_a_category_names_only_that_one() {
        for (i, category) in CATEGORIES.iter().enumerate() {
            assert_eq!(category_named(&category.id.to_uppercase()), Some(i));
            assert_eq!(category_named(category.abbrev), Some(i));
            for alias in category.aliases() {
                assert_eq!(category_named(alias), Some(i), "{alias}");
            }
        }
        assert_eq!(category_named("GA"), category_index("ga"));
        assert_eq!(category_named("General-Assembly"), category_index("ga"));
        // The name the browser shows, as the user sees it.
        assert_eq!(category_named("digital compact"), category_index("gdc"));
        assert_eq!(category_named("nonsense"), None);
    }

    #[test]
    fn every_name_fits_the_category_pane_and_is_unique() {
        for (i, category) in CATEGORIES.iter().enumerate() {
            assert!(category.name.chars().count() <= NAME_MAX_WIDTH, "{}", category.name);
            assert!(CATEGORIES[..i].iter().all(|other| other.name != category.name));
        }
    }
}
