//! Which rows of help a filter keeps: those whose keys or description
//! contain every word typed, case-blind, under their section's heading.

use crate::keymap::HelpSection;

/// The sections with only their rows that match every word of `filter`;
/// a section left with no row goes. An empty filter keeps every row.
pub fn matching(sections: Vec<HelpSection>, filter: &str) -> Vec<HelpSection> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return sections;
    }
    sections
        .into_iter()
        .map(|(title, rows)| {
            let kept = rows
                .into_iter()
                .filter(|(keys, description)| {
                    // Keys and description as one text: "ctrl-u clear" finds
                    // the row of Ctrl-U that clears.
                    let text = format!("{keys} {description}").to_lowercase();
                    words.iter().all(|word| text.contains(word.as_str()))
                })
                .collect();
            (title, kept)
        })
        .filter(|(_, rows): &HelpSection| !rows.is_empty())
        .collect()
}

/// How many rows (bindings, not wrapped lines) the sections hold.
pub fn count(sections: &[HelpSection]) -> usize {
    sections.iter().map(|(_, rows)| rows.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections() -> Vec<HelpSection> {
        vec![
            (
                "Browsing",
                vec![
                    ("y".to_string(), "copy a citation"),
                    ("Y".to_string(), "copy the official link"),
                    ("o".to_string(), "open the official link"),
                ],
            ),
            ("Help", vec![("Ctrl-U".to_string(), "clear the filter")]),
        ]
    }

    #[test]
    fn every_word_must_match_in_the_keys_or_the_description_whatever_the_case() {
        let kept = matching(sections(), "COPY link");
        assert_eq!(
            kept,
            vec![("Browsing", vec![("Y".to_string(), "copy the official link")])]
        );
        let kept = matching(sections(), "ctrl-u clear");
        assert_eq!(kept, vec![("Help", vec![("Ctrl-U".to_string(), "clear the filter")])]);
    }

    #[test]
    fn sections_without_a_match_go_and_an_empty_filter_keeps_all() {
        assert_eq!(count(&matching(sections(), "official")), 2);
        assert!(matching(sections(), "zebra").is_empty());
        assert_eq!(matching(sections(), "  "), sections());
    }
}
