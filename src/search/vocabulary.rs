//! The distinct words of a run of items and where each is used, and the
//! writing of one or several such vocabularies as the index's word
//! columns: every word once, in byte order, with its postings in item order.

use rustc_hash::FxHashMap;

use super::Field;
use super::mask::CharMask;
use super::score::rarity;
use super::store::{Section, Writer};
use super::tokens::for_each_token;
use crate::data::ItemIdx;

/// A word and its postings (`Posting::bits`), in item order.
pub(super) type WordPostings = (Box<str>, Vec<u64>);

/// The distinct words of the items added so far, and where each is used.
#[derive(Default)]
pub(super) struct Vocabulary {
    /// Fx hashing: millions of short words are looked up while building,
    /// all from the user's own files, so hash flooding is no concern. The
    /// word is stored once, as the key; its postings are the value.
    words: FxHashMap<Box<str>, Vec<u64>>,
}

impl Vocabulary {
    /// Records the words of `folded`, the text of `field` of item `idx`.
    pub fn add(&mut self, idx: ItemIdx, field: Field, folded: &str) {
        for_each_token(folded, |token| self.add_word(idx, field, token.text, token.position));
    }

    /// Records `word` at `position` of `field` of item `idx`; only its
    /// first position in each field is kept.
    fn add_word(&mut self, idx: ItemIdx, field: Field, word: &str, position: u32) {
        let posting = Posting {
            item: idx as u32,
            field,
            position,
        };
        // Looked up by `&str` first: a key is allocated for new words only.
        let Some(postings) = self.words.get_mut(word) else {
            self.words.insert(word.into(), vec![posting.bits()]);
            return;
        };
        // Fields are added in order, so an earlier use is the last posting.
        let seen = postings
            .last()
            .map(|&p| Posting::from_bits(p))
            .is_some_and(|last| last.item == posting.item && last.field == field);
        if !seen {
            postings.push(posting.bits());
        }
    }

    /// The words in byte order, each with its postings.
    pub fn into_sorted(self) -> Vec<WordPostings> {
        let mut words: Vec<WordPostings> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }
}

/// Writes the words of `parts` (each sorted, each of a later run of items
/// than the one before) in byte order, so the words a prefix starts are one
/// run, found by binary search; a word in several parts is written once,
/// its postings part after part, so in item order. Returns how many
/// distinct words were written.
pub(super) fn write_words(writer: &mut Writer, parts: Vec<Vec<WordPostings>>, items: usize) -> usize {
    let mut heads: Vec<_> = parts.into_iter().map(Vec::into_iter).collect();
    let mut written = 0;
    // The first part holding the least word: `min_by` keeps the first of equals.
    while let Some(least) = (0..heads.len())
        .filter(|&at| !heads[at].as_slice().is_empty())
        .min_by(|&a, &b| heads[a].as_slice()[0].0.cmp(&heads[b].as_slice()[0].0))
    {
        let Some((word, postings)) = heads[least].next() else {
            break;
        };
        writer.text(Section::WordEnds, Section::WordText, &word);
        writer.u64(Section::WordMask, CharMask::of(&word).bits());
        let mut df = write_postings(writer, &postings);
        for later in &mut heads[least + 1..] {
            if later.as_slice().first().is_some_and(|(other, _)| *other == word) {
                let (_, postings) = later.next().unwrap_or_default();
                df += write_postings(writer, &postings);
            }
        }
        writer.u16(Section::WordRarity, rarity(df, items));
        writer.u32(Section::PostingEnds, (writer.len(Section::Postings) / 8) as u32);
        written += 1;
    }
    written
}

/// Writes `postings` and returns how many distinct items they name.
fn write_postings(writer: &mut Writer, postings: &[u64]) -> usize {
    let mut df = 0;
    let mut last_item = None;
    for &bits in postings {
        let item = Posting::from_bits(bits).item;
        df += usize::from(last_item != Some(item));
        last_item = Some(item);
    }
    writer.u64s(Section::Postings, postings);
    df
}

/// One use of a word: which item, which field, the first position there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub item: u32,
    pub field: Field,
    pub position: u32,
}

/// Positions past this are stored as this: far enough for any phrase.
const MAX_POSITION: u32 = (1 << 24) - 1;

impl Posting {
    pub fn bits(self) -> u64 {
        u64::from(self.item) | (self.field as u64) << 32 | u64::from(self.position.min(MAX_POSITION)) << 40
    }

    pub fn from_bits(bits: u64) -> Posting {
        Posting {
            item: bits as u32,
            field: Field::from_index((bits >> 32) as u8),
            position: (bits >> 40) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_as_written() {
        let posting = Posting {
            item: 123_456,
            field: Field::Points,
            position: 77,
        };
        assert_eq!(Posting::from_bits(posting.bits()), posting);
    }
}
