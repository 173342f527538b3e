//! A few words of long text around a match, for a result row: the summary
//! or key point that matched shows why an item was found.

use super::words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// "…words around the match…", at most the requested chars long.
    pub text: String,
    /// Char indices in `text` of the matched characters.
    pub matched: Vec<usize>,
}

/// The excerpt of `text` around the first word a word of `query` matches
/// (as search matches long text: a prefix or a substring of one word).
pub fn excerpt(text: &str, query: &str, max_chars: usize) -> Option<Excerpt> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let (word_at, word, term) = words(text).find_map(|word| {
        let lower = word.to_lowercase();
        let term = terms
            .iter()
            .find(|t| lower.starts_with(t.as_str()) || (t.len() >= 3 && lower.contains(t.as_str())))?;
        Some((word.as_ptr() as usize - text.as_ptr() as usize, word, term))
    })?;
    if max_chars < 8 {
        return None;
    }
    // Some context before the match, starting at a word.
    let before: Vec<(usize, char)> = text[..word_at].char_indices().collect();
    let lead = max_chars / 3;
    let mut start = before.len().saturating_sub(lead);
    while start > 0 && start < before.len() && !before[start - 1].1.is_whitespace() {
        start += 1;
    }
    let start_byte = before.get(start).map_or(word_at, |&(b, _)| b);
    let cut_front = start_byte > 0;
    let room = max_chars - usize::from(cut_front) - 1;
    let shown: String = text[start_byte..].chars().take(room).collect();
    let cut_back = shown.len() < text.len() - start_byte;
    let prefix = if cut_front { "…" } else { "" };
    let suffix = if cut_back { "…" } else { "" };
    let word_start = usize::from(cut_front) + text[start_byte..word_at].chars().count();
    let lower = word.to_lowercase();
    // Lowercasing can change lengths ('İ'); then the whole word is marked.
    let span = match lower.find(term.as_str()) {
        Some(b) if lower.chars().count() == word.chars().count() => {
            let from = lower[..b].chars().count();
            from..from + term.chars().count()
        }
        _ => 0..word.chars().count(),
    };
    let total = usize::from(cut_front) + shown.chars().count();
    let matched = span.map(|i| word_start + i).filter(|&i| i < total).collect();
    Some(Excerpt {
        text: format!("{prefix}{shown}{suffix}"),
        matched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(e: &Excerpt) -> String {
        let chars: Vec<char> = e.text.chars().collect();
        e.matched.iter().map(|&i| chars[i]).collect()
    }

    #[test]
    fn shows_words_around_the_match_with_ellipses() {
        let text = "The Commission reviews progress every year and reports to the Council on the follow-up of the Summit outcomes.";
        let e = excerpt(text, "council", 40).expect("a match");
        assert!(e.text.starts_with('…') && e.text.ends_with('…'), "{}", e.text);
        assert!(e.text.chars().count() <= 40, "{}", e.text);
        assert_eq!(marked(&e), "Council");
    }

    #[test]
    fn marks_char_indices_in_non_ascii_text() {
        let e = excerpt("Projets en Côte d'Ivoire et au Sénégal", "ivoire", 80).expect("a match");
        assert_eq!(e.text, "Projets en Côte d'Ivoire et au Sénégal");
        assert_eq!(marked(&e), "Ivoire");
        let e = excerpt("Projets en Côte d'Ivoire et au Sénégal", "séné", 80).expect("a match");
        assert_eq!(marked(&e), "Séné");
    }

    #[test]
    fn no_word_matching_gives_no_excerpt() {
        assert_eq!(excerpt("digital cooperation", "zzq", 40), None);
        // Scattered letters match titles, never long text.
        assert_eq!(excerpt("digital cooperation", "dco", 40), None);
    }
}
