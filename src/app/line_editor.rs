//! One line of text with a cursor, edited the way shells do (readline's
//! keys), and recall of earlier entries. Both prompts (search and jump) use
//! it. Control characters never enter the text.

use std::fmt;
use std::ops::Deref;

/// An editing command; the keymap binds keys to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Home,
    End,
    /// To the start of the word before the cursor (Alt-B).
    WordLeft,
    /// To the end of the word after the cursor (Alt-F).
    WordRight,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete back to the previous whitespace, as Ctrl-W does in a shell.
    DeleteWordBefore,
    /// Delete everything before the cursor (Ctrl-U).
    DeleteToStart,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Byte offset of the cursor, always on a character boundary.
    cursor: usize,
    /// While recalling: how many entries back (0 is the newest), and the
    /// text typed before recall started, restored when stepping past the
    /// newest entry.
    recall: Option<(usize, String)>,
}

impl LineEditor {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's position in characters from the start.
    pub fn cursor_chars(&self) -> usize {
        self.text[..self.cursor].chars().count()
    }

    /// The text before and after the cursor.
    pub fn split_at_cursor(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Replaces the text; the cursor goes to the end.
    pub fn set(&mut self, text: &str) {
        self.text = text.chars().filter(|c| !c.is_control()).collect();
        self.cursor = self.text.len();
        self.recall = None;
    }

    /// Inserts at the cursor (control characters are dropped).
    pub fn insert(&mut self, text: &str) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.recall = None;
    }

    /// Applies `edit`; returns whether the text changed (not just the cursor).
    pub fn apply(&mut self, edit: Edit) -> bool {
        let before = self.text.len();
        let (start, end) = match edit {
            Edit::Left => return self.move_to(self.prev_boundary(self.cursor)),
            Edit::Right => return self.move_to(self.next_boundary(self.cursor)),
            Edit::Home => return self.move_to(0),
            Edit::End => return self.move_to(self.text.len()),
            Edit::WordLeft => return self.move_to(self.word_start_before(self.cursor, char::is_alphanumeric)),
            Edit::WordRight => return self.move_to(self.word_end_after(self.cursor)),
            Edit::Backspace => (self.prev_boundary(self.cursor), self.cursor),
            Edit::Delete => (self.cursor, self.next_boundary(self.cursor)),
            Edit::DeleteWordBefore => (self.word_start_before(self.cursor, |c| !c.is_whitespace()), self.cursor),
            Edit::DeleteToStart => (0, self.cursor),
        };
        self.text.replace_range(start..end, "");
        self.cursor = start;
        let changed = self.text.len() != before;
        if changed {
            self.recall = None;
        }
        changed
    }

    fn move_to(&mut self, cursor: usize) -> bool {
        self.cursor = cursor;
        false
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
    }

    /// Skips non-word characters back, then word characters back.
    fn word_start_before(&self, at: usize, is_word: impl Fn(char) -> bool) -> usize {
        let before = &self.text[..at];
        let word_end = before.trim_end_matches(|c: char| !is_word(c)).len();
        before[..word_end].trim_end_matches(is_word).len()
    }

    /// Skips non-word characters forward, then word characters forward.
    fn word_end_after(&self, at: usize) -> usize {
        let after = &self.text[at..];
        let gap = after.len() - after.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let word = &after[gap..];
        at + gap + (word.len() - word.trim_start_matches(char::is_alphanumeric).len())
    }

    /// Shows the next older entry of `history` (oldest first); returns
    /// whether there was one.
    pub fn recall_older(&mut self, history: &[String]) -> bool {
        let back = self.recall.as_ref().map_or(0, |(back, _)| back + 1);
        let Some(entry) = history.len().checked_sub(back + 1).map(|i| history[i].clone()) else {
            return false;
        };
        let draft = self.recall.take().map_or_else(|| self.text.clone(), |(_, draft)| draft);
        self.set(&entry);
        self.recall = Some((back, draft));
        true
    }

    /// Shows the next newer entry, or, past the newest, the text typed
    /// before recall began; returns whether anything changed.
    pub fn recall_newer(&mut self, history: &[String]) -> bool {
        let Some((back, draft)) = self.recall.take() else {
            return false;
        };
        match back.checked_sub(1) {
            Some(newer) if newer < history.len() => {
                let entry = history[history.len() - 1 - newer].clone();
                self.set(&entry);
                self.recall = Some((newer, draft));
            }
            _ => self.set(&draft),
        }
        true
    }
}

/// Reads as the text, so code that only looks at a prompt's text (search,
/// completion, tests) treats it as a `str`.
impl Deref for LineEditor {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for LineEditor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq<&str> for LineEditor {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<str> for LineEditor {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(text: &str) -> LineEditor {
        let mut editor = LineEditor::default();
        editor.set(text);
        editor
    }

    #[test]
    fn words_stop_at_punctuation_but_ctrl_w_only_at_spaces() {
        let mut e = editor("igf A/RES/70/125");
        e.apply(Edit::WordLeft);
        assert_eq!(e.split_at_cursor(), ("igf A/RES/70/", "125"));
        e.apply(Edit::End);
        e.apply(Edit::DeleteWordBefore);
        assert_eq!(e.text(), "igf ");
        e.apply(Edit::DeleteWordBefore);
        assert_eq!(e.text(), "");
    }

    #[test]
    fn multibyte_characters_move_and_delete_whole() {
        let mut e = editor("résumé");
        e.apply(Edit::Left);
        e.apply(Edit::Backspace);
        assert_eq!(e.text(), "résué");
        assert_eq!(e.cursor_chars(), 4);
        e.apply(Edit::Home);
        e.apply(Edit::Right);
        e.apply(Edit::Delete);
        assert_eq!(e.text(), "rsué");
    }

    #[test]
    fn recall_walks_back_and_returns_to_the_draft() {
        let history = vec!["old".to_string(), "new".to_string()];
        let mut e = editor("dra");
        assert!(e.recall_older(&history));
        assert_eq!(e.text(), "new");
        assert!(e.recall_older(&history));
        assert_eq!(e.text(), "old");
        assert!(!e.recall_older(&history));
        assert_eq!(e.text(), "old");
        assert!(e.recall_newer(&history));
        assert_eq!(e.text(), "new");
        assert!(e.recall_newer(&history));
        assert_eq!(e.text(), "dra");
        assert!(!e.recall_newer(&history));
    }
}
