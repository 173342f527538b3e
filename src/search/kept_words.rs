//! The words of an item that the query's index keeps (`restricted`), read
//! from the item's data: a field is read only if some query word may
//! match a word of it, then run by run where runs decide (a run of one
//! word no query word may match counted, not split), else its lines folded
//! into one small buffer and split; each word recorded only if some query
//! word may match it (decided once for the commonest words:
//! [`DecidedWords`]).

use super::Field;
use super::fold::{fold_into, fold_onto};
use super::mask::CharMask;
use super::restricted::{Terms, WordFilter};
use super::tokens::LineTokens;
use super::vocabulary::{Vocabulary, short_key};
use super::word_runs::{Met, each_run, is_one_word};
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
        if kept.runs_decide() {
            self.record_by_runs(field, lines);
        } else {
            self.record_folded(field, lines);
        }
    }

    /// Records the kept words of `field`, whose lines `lines` gives, from
    /// its lines folded and joined by '\n', split into words.
    fn record_folded<'d>(&mut self, field: Field, lines: impl Fn(&mut dyn FnMut(&'d str))) {
        let (mut recorder, folded) = self.recorder(field);
        folded.clear();
        let mut first = true;
        lines(&mut |line| {
            if !std::mem::take(&mut first) {
                folded.push('\n');
            }
            fold_onto(line, folded);
        });
        LineTokens::default().line(folded, &mut |word, position| recorder.record(word, position));
        let found = recorder.found;
        self.found |= found;
    }

    /// A recorder of the words of `field`, and the buffer for folded text.
    fn recorder(&mut self, field: Field) -> (Recorder<'_, 'k>, &mut String) {
        let recorder = Recorder {
            kept: self.kept,
            words: &mut self.decided.words,
            vocabulary: self.vocabulary,
            item: self.item,
            field,
            found: 0,
        };
        (recorder, self.folded)
    }

    /// Records the kept words of `field` (whose lines `lines` gives) run
    /// by run, where [`WordFilter::runs_decide`]: a run of one word that
    /// no query word may match, most of them, is numbered but neither
    /// split, folded nor looked up. An ASCII line is read as written (it
    /// folds to itself lowercased), a run lowercased only if read.
    fn record_by_runs<'d>(&mut self, field: Field, lines: impl Fn(&mut dyn FnMut(&'d str))) {
        let (recorder, folded) = self.recorder(field);
        let mut runs = RunRecorder {
            tokens: LineTokens::default(),
            recorder,
        };
        let mut first = true;
        lines(&mut |line| {
            if !std::mem::take(&mut first) {
                runs.tokens.break_line();
            }
            if line.is_ascii() {
                runs.text(line, Some(&mut *folded));
            } else {
                fold_into(line, folded);
                runs.text(folded, None);
            }
        });
        let found = runs.recorder.found;
        self.found |= found;
    }

    /// The query words that may match some word recorded.
    pub fn found(&self) -> Terms {
        self.found
    }
}

/// A kept field's tokens numbered run by run ([`KeptWords::record_by_runs`]).
struct RunRecorder<'r, 'k> {
    tokens: LineTokens,
    recorder: Recorder<'r, 'k>,
}

impl RunRecorder<'_, '_> {
    /// Numbers the tokens of `text`, the field's latest line (folded, or
    /// ASCII as written: then a run read is lowercased into `lowered`).
    fn text(&mut self, text: &str, mut lowered: Option<&mut String>) {
        each_run(text, |met| match met {
            Met::LineBreak => self.tokens.break_line(),
            Met::Run(run, mask) => self.run(run, mask, lowered.as_deref_mut()),
        });
    }

    fn run(&mut self, run: &str, mask: CharMask, lowered: Option<&mut String>) {
        let recorder = &mut self.recorder;
        // A run of letters and digits is one token: counted unread.
        if is_one_word(mask) && !recorder.kept.run_may_keep(run.as_bytes(), mask) {
            return self.tokens.skip_word();
        }
        let run = match lowered {
            Some(buffer) => {
                buffer.clear();
                buffer.push_str(run);
                buffer.make_ascii_lowercase();
                &buffer[..]
            }
            None => run,
        };
        self.tokens
            .within_line(run, &mut |word, position| recorder.record(word, position));
    }
}

/// Records the words of one field of an item that some query word may match.
struct Recorder<'r, 'k> {
    kept: &'k WordFilter,
    words: &'r mut DecidedWords,
    vocabulary: &'r mut Vocabulary,
    item: ItemIdx,
    field: Field,
    /// The query words that may match some word recorded.
    found: Terms,
}

impl Recorder<'_, '_> {
    fn record(&mut self, word: &str, position: u32) {
        let terms = self.words.terms_keeping(self.kept, word);
        if terms != 0 {
            self.found |= terms;
            self.vocabulary.add_word(self.item, self.field, word, position);
        }
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

    /// The words `kept` keeps of a field of `lines`, and the query words
    /// found, recorded run by run or from the folded text.
    fn recorded(
        kept: &WordFilter,
        lines: &[String],
        by_runs: bool,
    ) -> (Vec<super::super::vocabulary::WordPostings>, Terms) {
        let (mut vocabulary, mut decided, mut folded) = (Vocabulary::default(), Decided::default(), String::new());
        let mut words = KeptWords::new(&mut vocabulary, &mut decided, &mut folded, kept, 3);
        if by_runs {
            words.record_by_runs(Field::Summary, |line| lines.iter().for_each(|text| line(text)));
        } else {
            words.record_folded(Field::Summary, |line| lines.iter().for_each(|text| line(text)));
        }
        let found = words.found();
        (vocabulary.into_sorted(), found)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn runs_record_the_words_and_positions_the_folded_text_gives(
            lines in proptest::collection::vec("([-+/ \n.,'a-fA-F0-9éÉôœßﬁ—’İ]|\\PC){0,40}", 0..4),
            query in "[-+/a-fA-F0-9éôßﬁ]{3,9}( [-+/a-fA-F0-9éôßﬁ]{3,9}){0,2}",
            (from, len) in (0usize..80, 3usize..10),
        ) {
            // A query of the text's own letters as often as of others.
            let chars: Vec<char> = lines.concat().chars().collect();
            let own: String = chars.iter().skip(from.min(chars.len())).take(len).collect();
            for query in [query, own] {
                let kept = WordFilter::of(&query);
                if kept.runs_decide() {
                    proptest::prop_assert_eq!(recorded(&kept, &lines, true), recorded(&kept, &lines, false), "{:?}", query);
                }
            }
        }
    }

    #[test]
    fn a_run_read_keeps_its_words_positions_and_parts() {
        let kept = WordFilter::of("health governanse");
        let lines = ["The E-Health line,\nGOVERNANCE".to_string(), "x governance".to_string()];
        let (words, found) = recorded(&kept, &lines, true);
        assert_eq!((words.clone(), found), recorded(&kept, &lines, false));
        let listed: Vec<&str> = words.iter().map(|(word, _)| &**word).collect();
        assert_eq!(listed, ["e-health", "governance", "health"]);
    }

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
