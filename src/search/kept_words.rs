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
    decided: &'b mut Decided,
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
        decided: &'b mut Decided,
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
    /// field, so a field skipped changes nothing else. Lines `shared` by
    /// many items (one string each in memory) are asked once.
    pub fn field<'d>(&mut self, field: Field, shared: bool, lines: impl Fn(&mut dyn FnMut(&'d str))) {
        let (kept, folded, decided) = (self.kept, &mut *self.folded, &mut self.decided.lines);
        let mut may_keep = false;
        lines(&mut |line| {
            may_keep = may_keep
                || if shared {
                    decided.may_keep(kept, line, folded)
                } else {
                    kept.may_keep_a_word_of_line(line, folded)
                };
        });
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
            let terms = decided.words.terms_keeping(kept, word);
            if terms != 0 {
                *found |= terms;
                vocabulary.add_word(*item, field, word, position);
            }
        });
    }
}

/// What the filter answered for common words and shared lines.
#[derive(Default)]
pub(super) struct Decided {
    words: DecidedWords,
    lines: DecidedLines,
}

/// Slots of [`DecidedLines`], a power of two: more than the distinct tags
/// and bodies of most data.
const DECIDED_LINE_SLOTS: usize = 1024;

/// What [`WordFilter::may_keep_a_word_of_line`] answered for the latest
/// lines seen that many items hold the same (a tag, a body, the name of a
/// linked body): such a line is one string in memory, read-only while the
/// index is built, so its address and length name it, and its answer is
/// reused (a quarter of a million tags at 100 000 items, of some 400 kinds).
pub(super) struct DecidedLines {
    /// Address, length and answer; address 0 is no line.
    slots: Box<[(usize, usize, bool)]>,
}

impl Default for DecidedLines {
    fn default() -> DecidedLines {
        DecidedLines {
            slots: vec![(0, 0, false); DECIDED_LINE_SLOTS].into_boxed_slice(),
        }
    }
}

impl DecidedLines {
    /// `kept.may_keep_a_word_of_line(line, folded)`, from the slot of
    /// `line` if it holds it.
    pub fn may_keep(&mut self, kept: &WordFilter, line: &str, folded: &mut String) -> bool {
        let (address, len) = (line.as_ptr() as usize, line.len());
        let slot = &mut self.slots[fibonacci_slot(address as u64, DECIDED_LINE_SLOTS)];
        if (slot.0, slot.1) != (address, len) {
            *slot = (address, len, kept.may_keep_a_word_of_line(line, folded));
        }
        slot.2
    }
}

/// The slot of `value` among `slots` (a power of two) by the Fibonacci
/// hash: multiplied by 2^64 over the golden ratio, the top bits taken.
fn fibonacci_slot(value: u64, slots: usize) -> usize {
    const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
    (value.wrapping_mul(GOLDEN) >> (u64::BITS - slots.trailing_zeros())) as usize
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

/// The slot of a word's key: its halves mixed, then [`fibonacci_slot`].
fn slot_of(key: u128) -> usize {
    fibonacci_slot((key as u64) ^ (key >> 64) as u64, DECIDED_SLOTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_line_gets_the_filters_answer_whatever_shares_its_slot() {
        let kept = WordFilter::of("igf governanse");
        let mut decided = DecidedLines::default();
        let mut folded = String::new();
        // Far more lines than slots, some alike in text at other places,
        // some at one place and of two lengths (a line and its start).
        let lines: Vec<String> = (0..3 * DECIDED_LINE_SLOTS)
            .map(|n| format!("{} {n}", ["the IGF", "Governance", "fig", "Forum"][n % 4]))
            .collect();
        for _ in 0..2 {
            for line in &lines {
                for line in [line.as_str(), &line[..3], &line[..1]] {
                    let expected = kept.may_keep_a_word_of_line(line, &mut folded);
                    assert_eq!(decided.may_keep(&kept, line, &mut folded), expected, "{line}");
                }
            }
        }
    }

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
