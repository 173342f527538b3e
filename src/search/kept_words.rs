//! The words of an item that the query's index keeps (`restricted`), read
//! from the item's data: each field's lines folded into one small buffer,
//! not written out with its field first; the buffer split only if some
//! query word may match a word of it, and each word recorded only if some
//! query word may match it (decided once for the commonest words:
//! [`DecidedWords`]).

use super::Field;
use super::fold::fold_onto;
use super::restricted::{Terms, WordFilter};
use super::tokens::LineTokens;
use super::vocabulary::{Vocabulary, short_key};
use crate::data::ItemIdx;

/// The kept words of one item, recorded as its fields are given.
pub(super) struct KeptWords<'b, 'k> {
    vocabulary: &'b mut Vocabulary,
    decided: &'b mut DecidedWords,
    /// One buffer for every folded line.
    folded: &'b mut String,
    kept: &'k WordFilter,
    item: ItemIdx,
    /// The query words that may match some word recorded so far.
    found: Terms,
}

impl<'b, 'k> KeptWords<'b, 'k> {
    pub fn new(
        vocabulary: &'b mut Vocabulary,
        decided: &'b mut DecidedWords,
        folded: &'b mut String,
        kept: &'k WordFilter,
        item: ItemIdx,
    ) -> KeptWords<'b, 'k> {
        KeptWords {
            vocabulary,
            decided,
            folded,
            kept,
            item,
            found: 0,
        }
    }

    /// Records the kept words of `field`, whose lines `lines` gives, in
    /// order, to the function it is handed: folded into one text, lines
    /// joined by '\n', and split only if some query word may match a word
    /// of it ([`WordFilter::may_keep_a_word_of_line`] of one of its lines,
    /// most of them read without folding). Positions restart with each
    /// field, so a field skipped changes nothing else.
    pub fn field<'d>(&mut self, field: Field, lines: impl Fn(&mut dyn FnMut(&'d str))) {
        let (kept, folded) = (self.kept, &mut *self.folded);
        let mut may_keep = false;
        lines(&mut |line| may_keep = may_keep || kept.may_keep_a_word_of_line(line, folded));
        if !may_keep {
            return;
        }
        folded.clear();
        let mut first = true;
        lines(&mut |line| {
            if !std::mem::take(&mut first) {
                folded.push('\n');
            }
            fold_onto(line, folded);
        });
        self.record(field);
    }

    /// The query words that may match some word recorded.
    pub fn found(&self) -> Terms {
        self.found
    }

    /// Records the kept words of the folded text of `field`.
    fn record(&mut self, field: Field) {
        let KeptWords {
            vocabulary,
            decided,
            folded,
            kept,
            item,
            found,
        } = self;
        LineTokens::default().line(folded, &mut |word, position| {
            let terms = decided.terms_keeping(kept, word);
            if terms != 0 {
                *found |= terms;
                vocabulary.add_word(*item, field, word, position);
            }
        });
    }
}

/// Slots of [`DecidedWords`], a power of two: 128 KiB, within the second
/// level cache, and enough for the common words of a run of items.
const DECIDED_SLOTS: usize = 4096;

/// What [`WordFilter::terms_keeping`] answered for the latest short words
/// seen, one per slot by a hash of the word: a few common words make
/// most of the words used, and looking one up costs less than testing it
/// against each query word. A slot holds the word whole (its
/// `short_key`), so a word is never taken for another.
pub(super) struct DecidedWords {
    /// Key and answer; key 0 is no word (a word has at least one byte).
    slots: Box<[(u128, Terms)]>,
}

impl Default for DecidedWords {
    fn default() -> DecidedWords {
        DecidedWords {
            slots: vec![(0, 0); DECIDED_SLOTS].into_boxed_slice(),
        }
    }
}

impl DecidedWords {
    /// `kept.terms_keeping(word)`, from the slot of `word` if it holds it.
    pub fn terms_keeping(&mut self, kept: &WordFilter, word: &str) -> Terms {
        let Some(key) = short_key(word) else {
            return kept.terms_keeping(word);
        };
        let slot = &mut self.slots[slot_of(key)];
        if slot.0 != key {
            *slot = (key, kept.terms_keeping(word));
        }
        slot.1
    }
}

/// The slot of a word's key: its halves mixed by a multiplication (the
/// Fibonacci hash), the top bits taken.
fn slot_of(key: u128) -> usize {
    const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
    let mixed = ((key as u64) ^ (key >> 64) as u64).wrapping_mul(GOLDEN);
    (mixed >> (u64::BITS - DECIDED_SLOTS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decided_word_gets_the_filters_answer_whatever_shares_its_slot() {
        let kept = WordFilter::of("igf internet governanse 70/125");
        let mut decided = DecidedWords::default();
        // Far more words than slots, twice over: slots are shared and reused.
        let words: Vec<String> = (0..3 * DECIDED_SLOTS)
            .map(|n| format!("{}{n}", ["igf", "internet", "fig", "governance", "x"][n % 5]))
            .chain(["a/res/70/125".into(), "a-word-of-more-than-sixteen-bytes".into()])
            .collect();
        for _ in 0..2 {
            for word in &words {
                assert_eq!(decided.terms_keeping(&kept, word), kept.terms_keeping(word), "{word}");
            }
        }
    }
}
