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

/// Words of up to this many bytes are kept as a number, not a string.
const SHORT_WORD_BYTES: usize = 16;

/// The distinct words of the items added so far, and where each is used.
#[derive(Default)]
pub(super) struct Vocabulary {
    /// The words of at most [`SHORT_WORD_BYTES`], as [`short_key`]s: nearly
    /// every word. Looking one up hashes and compares one number, with no
    /// key on the heap to fetch, which dominated the build's time. Fx
    /// hashing: all from the user's own files, so flooding is no concern.
    short: FxHashMap<u128, Uses>,
    /// The longer words, stored once, as the key.
    long: FxHashMap<Box<str>, Uses>,
}

/// Where a word is used, and its last use beside the list: checking it
/// reads the map entry just found, not the list's memory elsewhere.
#[derive(Default)]
struct Uses {
    /// The item and field of the last posting.
    last: Option<(u32, Field)>,
    postings: Vec<u64>,
}

impl Vocabulary {
    /// Records the words of `folded`, the text of `field` of item `idx`.
    pub fn add(&mut self, idx: ItemIdx, field: Field, folded: &str) {
        for_each_token(folded, |token| self.add_word(idx, field, token.text, token.position));
    }

    /// Records `word` at `position` of `field` of item `idx`; only its
    /// first position in each field is kept.
    pub fn add_word(&mut self, idx: ItemIdx, field: Field, word: &str, position: u32) {
        let posting = Posting {
            item: idx as u32,
            field,
            position,
        };
        let Some(uses) = self.uses_of(word) else { return };
        // Fields are added in order, so an earlier use is the last posting.
        if uses.last != Some((posting.item, field)) {
            uses.last = Some((posting.item, field));
            uses.postings.push(posting.bits());
        }
    }

    /// The uses of `word`, none yet if it is new (always some).
    fn uses_of(&mut self, word: &str) -> Option<&mut Uses> {
        if let Some(key) = short_key(word) {
            return Some(self.short.entry(key).or_default());
        }
        // Looked up by `&str` first: a key is allocated for new words only.
        if !self.long.contains_key(word) {
            self.long.insert(word.into(), Uses::default());
        }
        self.long.get_mut(word)
    }

    /// The words in byte order, each with its postings.
    pub fn into_sorted(self) -> Vec<WordPostings> {
        let short = self
            .short
            .into_iter()
            .map(|(key, uses)| (short_word(key), uses.postings));
        let long = self.long.into_iter().map(|(word, uses)| (word, uses.postings));
        let mut words: Vec<WordPostings> = short.chain(long).collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }
}

/// A word of at most [`SHORT_WORD_BYTES`] as a number: its bytes, padded
/// with zeros, which no word holds (words are letters, digits and joiners).
pub(super) fn short_key(word: &str) -> Option<u128> {
    let mut bytes = [0; SHORT_WORD_BYTES];
    bytes.get_mut(..word.len())?.copy_from_slice(word.as_bytes());
    Some(u128::from_le_bytes(bytes))
}

/// The word [`short_key`] made `key` of.
fn short_word(key: u128) -> Box<str> {
    let bytes = key.to_le_bytes();
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(SHORT_WORD_BYTES);
    // The bytes of a `str`, so always UTF-8.
    String::from_utf8_lossy(&bytes[..len]).into()
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
        .filter_map(|at| Some((at, &heads[at].as_slice().first()?.0)))
        .min_by(|a, b| a.1.cmp(b.1))
        .map(|(at, _)| at)
    {
        let Some((word, postings)) = heads[least].next() else {
            break;
        };
        writer.text(Section::WordEnds, Section::WordText, &word);
        writer.u64(Section::WordMask, CharMask::of(&word).bits());
        let mut df = write_postings(writer, postings);
        for later in &mut heads[least + 1..] {
            if later.as_slice().first().is_some_and(|(other, _)| *other == word) {
                let (_, postings) = later.next().unwrap_or_default();
                df += write_postings(writer, postings);
            }
        }
        writer.u16(Section::WordRarity, rarity(df, items));
        writer.u32(Section::PostingEnds, (writer.len(Section::Postings) / 8) as u32);
        written += 1;
    }
    written
}

/// Writes `postings` and returns how many distinct items they name.
fn write_postings(writer: &mut Writer, postings: Vec<u64>) -> usize {
    let mut df = 0;
    let mut last_item = None;
    for &bits in &postings {
        let item = Posting::from_bits(bits).item;
        df += usize::from(last_item != Some(item));
        last_item = Some(item);
    }
    writer.postings(postings);
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

    #[test]
    fn short_words_read_back_from_their_keys() {
        for word in ["a", "igf", "e-health", "a/res/70/125", "côte", "sixteen-bytes-ok"] {
            let key = short_key(word).expect("short");
            assert_eq!(&*short_word(key), word);
        }
        assert_eq!(short_key("seventeen-bytes-x"), None);
        assert_ne!(short_key("ab"), short_key("ab0"));
    }
}
