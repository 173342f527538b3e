//! The declared categories, in display order.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// The id used in data files and on the command line.
    pub id: &'static str,
    /// The name shown in the category pane.
    pub name: &'static str,
    /// How a citation names an item of this category ("General Assembly resolution").
    pub kind: &'static str,
}

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "outcome",
        name: "WSIS outcome documents",
        kind: "WSIS outcome document",
    },
    Category {
        id: "ga",
        name: "General Assembly resolutions",
        kind: "General Assembly resolution",
    },
    Category {
        id: "ecosoc",
        name: "ECOSOC resolutions",
        kind: "ECOSOC resolution",
    },
    Category {
        id: "sg-report",
        name: "Reports of the Secretary-General",
        kind: "Report of the Secretary-General",
    },
    Category {
        id: "cstd",
        name: "CSTD sessions and reports",
        kind: "CSTD document",
    },
    Category {
        id: "gdc",
        name: "Global Digital Compact",
        kind: "Global Digital Compact",
    },
    Category {
        id: "action-line",
        name: "WSIS Action Lines",
        kind: "WSIS Action Line",
    },
    Category {
        id: "body",
        name: "Facilitators and bodies",
        kind: "body",
    },
    Category {
        id: "wsis20",
        name: "WSIS+20 reviews and roadmaps",
        kind: "WSIS+20 document",
    },
];

pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

pub fn category_index(id: &str) -> Option<usize> {
    CATEGORIES.iter().position(|c| c.id == id)
}
