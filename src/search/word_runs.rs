//! Runs of word bytes in a folded text, a cheap stand-in for its words:
//! the query's index asks of a field's runs whether a query word may match
//! a word of it before splitting it into words (`restricted`). Each word
//! and part of a joined word (`tokens`) lies inside one run, and a run's
//! mask holds every character bit of each of them, so whatever a word
//! passes, its run passes.

use std::ops::Range;

use super::mask::{CharMask, ascii_bit};

/// The bits `CharMask` may give a non-ASCII char: those from 36 up
/// (after folding, no ASCII letter or digit is written as one).
const NON_ASCII_BITS: u64 = !((1 << 36) - 1);

/// Per byte, its bits in a run's mask, or 0 if it ends a run: an ASCII
/// byte that is not a letter, digit or joiner. A non-ASCII byte never
/// does (its char may be a letter), and may have any non-ASCII char's
/// bits: a run may then span two words, which only lets more runs pass.
/// An uppercase ASCII letter has its lowercase letter's bit: a folded
/// text has none, and an ASCII text not folded (which folds to itself
/// lowercased) then has its folded text's runs and masks.
pub(super) const RUN_BITS: [u64; 256] = {
    let mut bits = [NON_ASCII_BITS; 256];
    let mut byte = 0;
    while byte < 128 {
        let in_word = matches!(byte as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'+');
        bits[byte] = if in_word {
            ascii_bit((byte as u8).to_ascii_lowercase())
        } else {
            0
        };
        byte += 1;
    }
    bits
};

/// Whether `found` holds for some run of word bytes of `text` (folded,
/// or ASCII in any case), given the run and its mask: every character of
/// the run has its bit there (as folded), a non-ASCII one every bit it
/// may have.
pub(super) fn any_run(text: &str, mut found: impl FnMut(&[u8], CharMask) -> bool) -> bool {
    let bytes = text.as_bytes();
    walk_runs::<false>(bytes, |range, bits| found(&bytes[range], CharMask::from_bits(bits)))
}

/// What [`each_run`] meets in a text: a run of word bytes (ASCII bytes
/// split runs, so it is a `str`) and its mask, or a line break between runs.
pub(super) enum Met<'t> {
    Run(&'t str, CharMask),
    LineBreak,
}

/// Calls `met` with each run of word bytes of `text` and its mask, as
/// [`any_run`] finds them, and with each '\n' between them, in the order
/// they come: what a field's tokens need to be numbered without splitting
/// every run into words.
pub(super) fn each_run<'t>(text: &'t str, mut met: impl FnMut(Met<'t>)) {
    walk_runs::<true>(text.as_bytes(), |range, bits| {
        met(match bits {
            0 => Met::LineBreak,
            bits => Met::Run(&text[range], CharMask::from_bits(bits)),
        });
        false
    });
}

/// Calls `met` with the byte range and mask bits of each run of word
/// bytes of `bytes` in turn, and, with `BREAKS`, with the place and no
/// bits of each '\n' between runs, until it returns true; whether it did.
/// The one byte loop of [`any_run`] and [`each_run`]: `BREAKS` is a
/// constant, so the first pass pays no test for line breaks.
fn walk_runs<const BREAKS: bool>(bytes: &[u8], mut met: impl FnMut(Range<usize>, u64) -> bool) -> bool {
    let mut start = 0;
    let mut mask = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let bits = RUN_BITS[usize::from(byte)];
        if bits != 0 {
            mask |= bits;
            continue;
        }
        if mask != 0 && met(start..at, mask) {
            return true;
        }
        if BREAKS && byte == b'\n' && met(at..at + 1, 0) {
            return true;
        }
        mask = 0;
        start = at + 1;
    }
    mask != 0 && met(start..bytes.len(), mask)
}

/// Whether a run of characters `mask` ([`any_run`]) is one word, and
/// `mask` that word's exactly: ASCII letters and digits only, no joiner
/// (whose bits are from 36 up) and no non-ASCII char.
pub(super) fn is_one_word(mask: CharMask) -> bool {
    mask.bits() & NON_ASCII_BITS == 0
}

/// Whether `needle`'s bytes (folded) occur in order in `run`, its ASCII
/// letters in any case: true whenever its chars occur in order in the
/// folded text of `run`.
pub(super) fn has_in_order(run: &[u8], needle: &[u8]) -> bool {
    let mut rest = run.iter();
    needle.iter().all(|&n| rest.any(|h| h.to_ascii_lowercase() == n))
}

/// Whether `needle`'s bytes (folded, at least one) occur in order inside
/// one run of `text` (folded, or ASCII in any case): [`has_in_order`] of
/// some run of [`any_run`]. Such a run holds the needle's rarest byte
/// where the needle's bytes before it end in order and those after it
/// start in order, both within the run: so only the places of that byte
/// are asked, found by `memchr` (vectorised), each read outward from the
/// byte, and most of the text is never read byte by byte.
pub(super) fn in_order_in_a_run(text: &str, needle: &[u8]) -> bool {
    let Some(rarest_at) = (0..needle.len()).max_by_key(|&at| RARITY[usize::from(needle[at])]) else {
        return false;
    };
    if needle.iter().any(|&byte| RUN_BITS[usize::from(byte)] == 0) {
        // A byte that ends runs is in none.
        return false;
    }
    let (before, rarest, after) = (&needle[..rarest_at], needle[rarest_at], &needle[rarest_at + 1..]);
    let bytes = text.as_bytes();
    memchr::memchr2_iter(rarest, rarest.to_ascii_uppercase(), bytes).any(|at| {
        // As the other bytes are: folded, equal (an uppercase needle byte never is).
        bytes[at].to_ascii_lowercase() == rarest
            && in_order_within_run(bytes[..at].iter().rev(), before.iter().rev())
            && in_order_within_run(bytes[at + 1..].iter(), after.iter())
    })
}

/// Whether `needle`'s bytes are all found in order in `run`'s (ASCII
/// letters in any case) before a byte that ends runs.
fn in_order_within_run<'a>(mut run: impl Iterator<Item = &'a u8>, mut needle: impl Iterator<Item = &'a u8>) -> bool {
    needle.all(|&wanted| {
        run.by_ref()
            .take_while(|&&byte| RUN_BITS[usize::from(byte)] != 0)
            .any(|byte| byte.to_ascii_lowercase() == wanted)
    })
}

/// English letters from the commonest to the rarest: a needle's rarest
/// letter is sought first, as the one fewest runs hold.
const LETTERS_BY_FREQUENCY: &[u8; 26] = b"etaoinshrdlcumwfgypbvkjxqz";

/// Per byte, how rarely it is expected in a text: letters by their
/// frequency in English, then digits and joiners, rarest of all a
/// non-ASCII byte. Only the order matters, and only for speed.
pub(super) const RARITY: [u8; 256] = {
    let mut rarity = [u8::MAX; 256];
    let mut byte = 0;
    while byte < 128 {
        rarity[byte] = if (byte as u8).is_ascii_digit() { 30 } else { 40 };
        byte += 1;
    }
    let mut at = 0;
    while at < LETTERS_BY_FREQUENCY.len() {
        rarity[LETTERS_BY_FREQUENCY[at] as usize] = at as u8;
        at += 1;
    }
    rarity
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;
    use crate::search::tokens::tokens;
    use proptest::prelude::*;

    /// The runs of `text` and their masks.
    fn runs(text: &str) -> Vec<(&[u8], CharMask)> {
        let mut runs = Vec::new();
        any_run(text, |run, mask| {
            let start = run.as_ptr() as usize - text.as_ptr() as usize;
            runs.push((&text.as_bytes()[start..start + run.len()], mask));
            false
        });
        runs
    }

    /// Whether `run`, a slice of `text`, holds its bytes `range`.
    fn holds(text: &str, run: &[u8], range: &std::ops::Range<usize>) -> bool {
        let start = run.as_ptr() as usize - text.as_ptr() as usize;
        start <= range.start && range.end <= start + run.len()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn each_word_lies_in_a_run_whose_mask_holds_its_characters(
            text in "([-+/ \n.,':a-dA-D0-9éÉôœßﬁ—’İ]|\\PC){0,40}"
        ) {
            let folded = fold(&text);
            let runs = runs(&folded);
            for token in tokens(&folded) {
                let word = token.text.as_bytes();
                let run = runs.iter().find(|(run, _)| holds(&folded, run, &token.range));
                let (run, mask) = run.expect("a run holds the word");
                prop_assert!(mask.covers(CharMask::of(token.text)), "{:?}", token.text);
                prop_assert!(has_in_order(run, word));
                if is_one_word(*mask) {
                    prop_assert_eq!(*mask, CharMask::of(token.text));
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn in_order_in_a_run_is_has_in_order_of_some_run(
            text in "([-+/ \n.,':a-dA-D0-9éÉôœßﬁ—’İ]|\\PC){0,40}",
            needle in "([-+/a-d0-9éô]|\\PC){1,4}",
        ) {
            for text in [text.clone(), fold(&text)] {
                let mut some_run = false;
                any_run(&text, |run, _| {
                    some_run = some_run || has_in_order(run, needle.as_bytes());
                    false
                });
                prop_assert_eq!(in_order_in_a_run(&text, needle.as_bytes()), some_run, "{:?}", text);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn in_order_in_a_run_is_has_in_order_of_some_run_for_a_few_letters(
            text in "[a-cAz .-]{0,14}",
            needle in "[a-cz]{1,5}",
        ) {
            // Few letters, so that needles are often in order, or nearly.
            let mut some_run = false;
            any_run(&text, |run, _| {
                some_run = some_run || has_in_order(run, needle.as_bytes());
                false
            });
            prop_assert_eq!(in_order_in_a_run(&text, needle.as_bytes()), some_run, "{:?} in {:?}", needle, text);
        }
    }

    #[test]
    fn runs_are_split_at_ascii_bytes_outside_words() {
        let text = "igf, e-health.\n70/125 côte";
        let found: Vec<&[u8]> = runs(text).into_iter().map(|(run, _)| run).collect();
        assert_eq!(found, [&b"igf"[..], b"e-health", b"70/125", "côte".as_bytes()]);
    }

    #[test]
    fn each_run_gives_the_runs_and_the_line_breaks_between_them_in_order() {
        let text = "\nigf, e-health.\n\n70/125 côte\n";
        let mut met = Vec::new();
        each_run(text, |m| {
            met.push(match m {
                Met::Run(run, _) => run.to_string(),
                Met::LineBreak => "|".to_string(),
            })
        });
        assert_eq!(met, ["|", "igf", "e-health", "|", "|", "70/125", "côte", "|"]);
        // The same runs as any_run's, with the same masks.
        let mut masks = Vec::new();
        each_run(text, |m| {
            if let Met::Run(_, mask) = m {
                masks.push(mask);
            }
        });
        let expected: Vec<CharMask> = runs(text).into_iter().map(|(_, mask)| mask).collect();
        assert_eq!(masks, expected);
    }

    #[test]
    fn a_run_of_letters_and_digits_alone_is_one_word() {
        let one_word = |text: &str| runs(text).iter().all(|(_, mask)| is_one_word(*mask));
        assert!(one_word(&fold("IGF 2013, Côte ﬁnance.")));
        for text in ["e-health", "wsis+20", "70/125", "日本", "Αθήνα"] {
            assert!(!one_word(&fold(text)), "{text}");
        }
    }

    #[test]
    fn bytes_in_order_are_found_across_a_run() {
        assert!(has_in_order(b"significant", b"igf"));
        assert!(in_order_in_a_run("the SIGNIFICANT", b"igf"));
        assert!(!in_order_in_a_run("big, fun", b"igf"));
        // Runs holding the rarest byte ('g') but not the rest in order are
        // passed over, up to one that holds them.
        assert!(in_order_in_a_run("gig fig-g GIG.Big IG/Fund", b"igf"));
        assert!(!in_order_in_a_run("gig fig-g GIG.Big IG.Fund", b"igf"));
        assert!(!in_order_in_a_run("i.g f", b"i.g"), "a byte ending runs is in none");
        assert!(!has_in_order(b"fig", b"igf"));
        assert!(has_in_order("côte".as_bytes(), "ôe".as_bytes()));
    }
}
