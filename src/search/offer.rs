//! Offering the items that use a query word's matching words: every use
//! (posting) of each word goes to `tally::Round::offer`. A common prefix
//! has millions of postings at a million items, and their items fall all
//! over the per-item arrays: offered word by word, nearly every posting
//! missed the cache. They are offered block of items by block of items
//! instead; each item still sees its offers in the order of one pass over
//! the words, so the result is the same.

use std::borrow::Cow;

use super::build::Posting;
use super::query::{Term, WordMatch, in_scope_has};
use super::score::{self, Kind};
use super::store::{self, Section};
use super::tally::{Round, Scratch, Totals};
use super::{Field, SearchIndex};

/// Items per block: the current word's matches of a block (16 bytes an
/// item) stay within a core's cache. Unit tests use small blocks, so that
/// their small data is offered in many.
const BLOCK_ITEMS: usize = if cfg!(test) { 64 } else { 16 * 1024 };

/// A block is worth its visit of every word from this many postings per
/// word and block.
const POSTINGS_PER_WORD_AND_BLOCK: usize = 4;

impl SearchIndex {
    /// Offers the items using `words` (the matches of `term`, word
    /// `round` of the query) that are alive and in scope.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn offer_postings(
        &self,
        words: &MatchedWords,
        term: &Term,
        alone: bool,
        round: usize,
        in_scope: Option<&[bool]>,
        scratch: &mut Scratch,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        let Scratch {
            totals, best, touched, ..
        } = scratch;
        let totals: &Totals = totals;
        let live = |item: usize| in_scope_has(in_scope, item) && totals.alive(item, round);
        let mut part = Round { best, touched };
        self.offer_blocks(words, term, alone, &live, &mut part, cancelled)
    }

    /// Offers to `round` every item using `words`: block by block of
    /// items, each block word by word, so that each item sees its offers in
    /// the order of one pass over the words while the arrays a block
    /// writes stay in the cache.
    fn offer_blocks(
        &self,
        matched: &MatchedWords,
        term: &Term,
        alone: bool,
        live: &impl Fn(usize) -> bool,
        round: &mut Round,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        let words = &matched.found;
        let postings: Vec<&[u8]> = matched.postings.iter().map(|postings| &postings[..]).collect();
        // Where each word's next posting is (postings are sorted by item).
        let mut cursors = vec![0; postings.len()];
        let items = self.len();
        let total: usize = postings.iter().map(|postings| postings.len() / 8).sum();
        let block = block_items(items, words.len(), total);
        for block_start in (0..items).step_by(block) {
            if cancelled() {
                return None;
            }
            let block_end = (block_start + block).min(items);
            for ((found, &postings), cursor) in words.iter().zip(&postings).zip(&mut cursors) {
                while *cursor < postings.len() / 8 {
                    let posting = posting_at(postings, *cursor);
                    // An item past the last one (a damaged index) is skipped
                    // rather than ending the word's postings for good.
                    if (block_end..items).contains(&posting.item) {
                        break;
                    }
                    *cursor += 1;
                    if posting.item < items && live(posting.item) {
                        self.offer_posting(found, &posting, term, alone, round);
                    }
                }
            }
        }
        Some(())
    }

    /// Offers one use of a matched word.
    fn offer_posting(&self, found: &WordMatch, posting: &ItemPosting, term: &Term, alone: bool, round: &mut Round) {
        let item = posting.item;
        let mut score = score::word_score(found.kind, posting.field, found.rarity);
        if alone && found.kind == Kind::Exact && posting.field == Field::Id && self.id(item) == term.text {
            score += score::ID_ALONE;
        }
        round.offer(
            item,
            score::kind_cost(found.kind),
            score,
            posting.field,
            posting.position,
        );
    }
}

/// The distinct words a query word matches, with their postings.
pub(super) struct MatchedWords<'a> {
    pub found: Vec<WordMatch>,
    /// Per word of `found`, its postings.
    postings: Vec<Cow<'a, [u8]>>,
}

impl SearchIndex {
    /// `found` with the postings of each word; with `read_once`, from an
    /// index read on demand, read for this search alone and not kept.
    pub(super) fn with_postings(&self, found: Vec<WordMatch>, read_once: bool) -> MatchedWords<'_> {
        let postings_of = |word: usize| {
            if read_once {
                self.entry_once(Section::PostingEnds, Section::Postings, word)
            } else {
                Cow::Borrowed(self.entry(Section::PostingEnds, Section::Postings, word))
            }
        };
        let postings = found.iter().map(|found| postings_of(found.word)).collect();
        MatchedWords { found, postings }
    }
}

/// A posting with its item as an index.
struct ItemPosting {
    item: usize,
    field: Field,
    position: u32,
}

/// Posting `index` of a word's `postings`.
fn posting_at(postings: &[u8], index: usize) -> ItemPosting {
    let posting = Posting::from_bits(store::u64_at(postings, index));
    ItemPosting {
        item: posting.item as usize,
        field: posting.field,
        position: posting.position,
    }
}

/// How many items a block of [`SearchIndex::offer_blocks`] covers: about
/// [`BLOCK_ITEMS`], fewer blocks when the words have few postings each
/// (each block visits every word).
fn block_items(items: usize, words: usize, postings: usize) -> usize {
    let blocks_worth = postings / (words.max(1) * POSTINGS_PER_WORD_AND_BLOCK);
    let blocks = (items / BLOCK_ITEMS).min(blocks_worth).max(1);
    items.div_ceil(blocks).max(1)
}
