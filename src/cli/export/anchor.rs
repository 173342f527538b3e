//! The ids GitHub gives Markdown headings (github-slugger's rule), so the
//! export links to its own headings without raw HTML anchors: lowered,
//! every character but letters, digits, `-`, `_` and spaces dropped,
//! spaces made `-`; a repeated id gets `-1`, `-2`, ... in document order.

use std::collections::HashMap;

/// Hands out each heading's id, in the order the headings are written.
#[derive(Default)]
pub struct Slugger {
    /// How many times each id has been taken past its first.
    taken: HashMap<String, usize>,
}

impl Slugger {
    /// The id of the next heading, whose text reads `heading`.
    pub fn slug(&mut self, heading: &str) -> String {
        let base = slugify(heading);
        let mut slug = base.clone();
        while self.taken.contains_key(&slug) {
            let count = self.taken.entry(base.clone()).or_default();
            *count += 1;
            slug = format!("{base}-{count}");
        }
        self.taken.insert(slug.clone(), 0);
        slug
    }
}

/// The id of a heading reading `heading`, before repeats are told apart.
fn slugify(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter(|&c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_github_ids_and_repeats_are_numbered() {
        let mut slugger = Slugger::default();
        let ids: Vec<String> = [
            "E/RES/2006/46 — Follow-up to the World Summit",
            "WSIS+20: Café (review)",
            "Repeat",
            "Repeat",
            "Repeat-1",
            "Repeat",
        ]
        .iter()
        .map(|heading| slugger.slug(heading))
        .collect();
        assert_eq!(
            ids,
            [
                "eres200646--follow-up-to-the-world-summit",
                "wsis20-café-review",
                "repeat",
                "repeat-1",
                "repeat-1-1",
                "repeat-2",
            ]
        );
    }
}
