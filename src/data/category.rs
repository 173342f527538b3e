//! The declared categories, in display order.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// The id used in data files and on the command line.
    pub id: &'static str,
    /// The name shown in the category pane.
    pub name: &'static str,
    /// A few letters for narrow columns (the timeline).
    pub abbrev: &'static str,
}

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "outcome",
        abbrev: "WSIS",
        name: "WSIS outcome documents",
    },
    Category {
        id: "ga",
        abbrev: "GA",
        name: "General Assembly resolutions",
    },
    Category {
        id: "ecosoc",
        abbrev: "ECOSOC",
        name: "ECOSOC resolutions",
    },
    Category {
        id: "sg-report",
        abbrev: "SG",
        name: "Reports of the Secretary-General",
    },
    Category {
        id: "cstd",
        abbrev: "CSTD",
        name: "CSTD sessions and reports",
    },
    Category {
        id: "gdc",
        abbrev: "GDC",
        name: "Global Digital Compact",
    },
    Category {
        id: "action-line",
        abbrev: "AL",
        name: "WSIS Action Lines",
    },
    Category {
        id: "body",
        abbrev: "Body",
        name: "Facilitators and bodies",
    },
    Category {
        id: "wsis20",
        abbrev: "WSIS+20",
        name: "WSIS+20 reviews and roadmaps",
    },
];

pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

pub fn category_index(id: &str) -> Option<usize> {
    CATEGORIES.iter().position(|c| c.id == id)
}
