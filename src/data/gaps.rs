//! What the embedded data is known to lack, per category: documents that
//! exist but could not be added because a symbol or number was never
//! confirmed (docs/DATA.md, "Still unknown"). Said where a category is
//! listed, so that a reader never takes its list for complete.

/// Per category id, what its embedded items are known to leave out.
const KNOWN_GAPS: &[(&str, &str)] = &[
    (
        "sg-report",
        "Not in the embedded data: the reports issued in 2007, 2010, 2019 and 2021–2025 (no symbol was confirmed).",
    ),
    (
        "ga",
        "Not in the embedded data: a 78th-session (2023) resolution on ICT for sustainable development, if one was adopted (no source gave its symbol).",
    ),
    (
        "ecosoc",
        "Not in the embedded data: a WSIS resolution of 2024 (no number was confirmed).",
    ),
];

/// What the embedded items of category `id` are known to leave out.
pub fn known_gaps(id: &str) -> Option<&'static str> {
    KNOWN_GAPS
        .iter()
        .find(|&&(category, _)| category == id)
        .map(|&(_, gaps)| gaps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::CATEGORIES;

    #[test]
    fn every_gap_is_of_a_category_and_found_by_it_alone() {
        for &(id, gaps) in KNOWN_GAPS {
            assert!(CATEGORIES.iter().any(|category| category.id == id), "{id}");
            assert_eq!(known_gaps(id), Some(gaps));
        }
        let without: Vec<&str> = CATEGORIES
            .iter()
            .map(|category| category.id)
            .filter(|id| KNOWN_GAPS.iter().all(|(gap, _)| gap != id))
            .collect();
        assert!(!without.is_empty() && without.iter().all(|id| known_gaps(id).is_none()));
    }
}
