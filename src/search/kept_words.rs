//! The words of an item that the query's index keeps (`restricted`), read
//! from the item's data line by line: each line folded into one small
//! buffer and split there, not written out with its field first, and each
//! word recorded only if some query word may match it.

use super::Field;
use super::fold::fold_into;
use super::restricted::{Terms, WordFilter};
use super::tokens::LineTokens;
use super::vocabulary::Vocabulary;
use crate::data::ItemIdx;

/// The kept words of one item, recorded as its fields are given.
pub(super) struct KeptWords<'b, 'k> {
    vocabulary: &'b mut Vocabulary,
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
        folded: &'b mut String,
        kept: &'k WordFilter,
        item: ItemIdx,
    ) -> KeptWords<'b, 'k> {
        KeptWords {
            vocabulary,
            folded,
            kept,
            item,
            found: 0,
        }
    }

    /// Records the kept words of `field`, whose lines `lines` gives, in
    /// order, to the function it is handed.
    pub fn field<'d>(&mut self, field: Field, lines: impl FnOnce(&mut dyn FnMut(&'d str))) {
        let mut tokens = LineTokens::default();
        lines(&mut |line| self.line(&mut tokens, field, line));
    }

    /// The query words that may match some word recorded.
    pub fn found(&self) -> Terms {
        self.found
    }

    /// Records the kept words of `line`, the next line of `field`.
    fn line(&mut self, tokens: &mut LineTokens, field: Field, line: &str) {
        fold_into(line, self.folded);
        let KeptWords {
            vocabulary,
            folded,
            kept,
            item,
            found,
        } = self;
        tokens.line(folded, &mut |word, position| {
            let terms = kept.terms_keeping(word);
            if terms != 0 {
                *found |= terms;
                vocabulary.add_word(*item, field, word, position);
            }
        });
    }
}
