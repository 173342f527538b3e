//! The runs of a text ([`super::word_runs::any_run`]) that may hold a
//! word some query word with typos matches, found without reading every
//! run. Such a run misses at most `t` of the letters of a query word
//! allowed `t` typos (`Term::may_match_within`), so it holds one of any
//! `t + 1` of them: of its rarest, the *sentinels*. The text is read eight
//! bytes at a time for the sentinels, in either case; only the runs
//! around the bytes found are read whole. In a cold search this test is
//! asked of every line of every item, and most runs hold no rare
//! sentinel.

use super::mask::CharMask;
use super::word_runs::{RARITY, RUN_BITS};

/// At most this many sentinels are sought at once: each costs a few
/// instructions per eight bytes, and with more, most runs hold one.
const MAX_SENTINELS: usize = 6;

/// The least rarity ([`RARITY`]) a sentinel may have: 'u' and rarer
/// letters, and digits. A run of English holds one of the commoner
/// letters so often that seeking them costs more than reading every run
/// (measured: level for "digital compact", whose sentinels hold 'l', and
/// slower for "internet governance").
const MIN_RARITY: u8 = 12;

/// The mask bits that stand for one ASCII letter (0–25) or digit (26–35)
/// each; the others are shared by joiners and non-ASCII chars.
const LETTER_AND_DIGIT_BITS: u32 = 36;

/// Set in each byte of a word: an ASCII letter ORed with it is lowercase.
const CASE_BITS: u64 = 0x2020_2020_2020_2020;
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Bytes (lowercase letters and digits) every run that may keep a word
/// holds one of, in either case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sentinels {
    bytes: Vec<u8>,
    /// Each of `bytes` in every byte of a word.
    spread: Vec<u64>,
}

impl Sentinels {
    /// The sentinels of query words given as their characters' mask and
    /// typos: the `typos + 1` rarest letters or digits of each. `None` if
    /// a word has fewer (its other characters name no one byte), if one is
    /// commoner than [`MIN_RARITY`], or they are more than
    /// [`MAX_SENTINELS`] in all: every run is then read.
    pub fn of(terms: impl IntoIterator<Item = (CharMask, usize)>) -> Option<Sentinels> {
        let mut bytes: Vec<u8> = Vec::new();
        for (mask, typos) in terms {
            let mut own: Vec<u8> = (0..LETTER_AND_DIGIT_BITS)
                .filter(|&bit| mask.bits() & (1 << bit) != 0)
                .map(byte_of_bit)
                .collect();
            // Digits are alike in rarity; the higher are rarer in years.
            own.sort_by_key(|&byte| std::cmp::Reverse((RARITY[usize::from(byte)], byte)));
            bytes.extend(own.get(..typos + 1)?);
        }
        bytes.sort_unstable();
        bytes.dedup();
        let rare = bytes.iter().all(|&byte| RARITY[usize::from(byte)] >= MIN_RARITY);
        (rare && bytes.len() <= MAX_SENTINELS).then(|| Sentinels::with_bytes(bytes))
    }

    /// The sentinels `bytes` (lowercase letters and digits, distinct).
    fn with_bytes(bytes: Vec<u8>) -> Sentinels {
        Sentinels {
            spread: bytes.iter().map(|&byte| LOW_BITS * u64::from(byte)).collect(),
            bytes,
        }
    }

    /// Whether `found` holds for some run of `text` that holds a
    /// sentinel, given the run and its mask as
    /// [`super::word_runs::any_run`] gives them: the same answer as
    /// `any_run` whenever `found` is false for every run without one.
    pub fn any_run(&self, text: &str, mut found: impl FnMut(&[u8], CharMask) -> bool) -> bool {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(hit) = self.next(bytes, at) {
            if RUN_BITS[usize::from(bytes[hit])] == 0 {
                // A control byte, read as a digit once ORed with the case bit.
                at = hit + 1;
                continue;
            }
            let ends_run = |byte: &u8| RUN_BITS[usize::from(*byte)] == 0;
            let start = bytes[..hit].iter().rposition(ends_run).map_or(0, |end| end + 1);
            let end = bytes[hit..]
                .iter()
                .position(ends_run)
                .map_or(bytes.len(), |end| hit + end);
            let run = &bytes[start..end];
            let mask = run.iter().fold(0, |mask, &byte| mask | RUN_BITS[usize::from(byte)]);
            if found(run, CharMask::from_bits(mask)) {
                return true;
            }
            // Past the byte that ended the run: runs never overlap.
            at = end + 1;
        }
        false
    }

    /// Where the first byte from `from` on that may be a sentinel lies:
    /// every sentinel is found, and a few control bytes besides.
    fn next(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let mut at = from;
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) | CASE_BITS;
            let hits = self
                .spread
                .iter()
                .fold(0, |hits, &spread| hits | zero_bytes(word ^ spread));
            if hits != 0 {
                // The lowest flag of each is exact, so the lowest of all is.
                return Some(at + (hits.trailing_zeros() / 8) as usize);
            }
            at += 8;
        }
        let rest = bytes.get(at..)?;
        rest.iter()
            .position(|&byte| self.bytes.contains(&(byte | CASE_BITS as u8)))
            .map(|found| at + found)
    }
}

/// A word with the high bit set in its lowest zero byte, and maybe in
/// bytes above it, never below.
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(LOW_BITS) & !word & HIGH_BITS
}

/// The lowercase letter or digit that mask bit `bit` (below
/// [`LETTER_AND_DIGIT_BITS`]) stands for.
fn byte_of_bit(bit: u32) -> u8 {
    match bit {
        0..26 => b'a' + bit as u8,
        _ => b'0' + (bit - 26) as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::word_runs::any_run;
    use proptest::prelude::*;

    /// The runs `any_run` of `sentinels` gives, with their masks.
    fn runs_found(sentinels: &Sentinels, text: &str) -> Vec<(Vec<u8>, CharMask)> {
        let mut runs = Vec::new();
        sentinels.any_run(text, |run, mask| {
            runs.push((run.to_vec(), mask));
            false
        });
        runs
    }

    /// The runs of [`any_run`] that hold one of `bytes` in either case.
    fn runs_holding(bytes: &[u8], text: &str) -> Vec<(Vec<u8>, CharMask)> {
        let mut runs = Vec::new();
        any_run(text, |run, mask| {
            if run.iter().any(|byte| bytes.contains(&byte.to_ascii_lowercase())) {
                runs.push((run.to_vec(), mask));
            }
            false
        });
        runs
    }

    #[test]
    fn each_word_gives_its_rarest_letters_one_more_than_its_typos() {
        let of = |words: &[(&str, usize)]| {
            Sentinels::of(words.iter().map(|&(word, typos)| (CharMask::of(word), typos))).map(|s| s.bytes)
        };
        assert_eq!(of(&[("compact", 1), ("70/125", 0)]), Some(b"7mp".to_vec()));
        assert_eq!(of(&[("igf", 0)]), Some(b"g".to_vec()));
        // 'l' of "digital" is too common to seek.
        assert_eq!(of(&[("digital", 1), ("compact", 1)]), None);
        // Joiners and non-ASCII letters name no one byte.
        assert_eq!(of(&[("é/a", 1)]), None);
        assert_eq!(of(&[("70/125", 1)]).map(|bytes| bytes.len()), Some(2));
        assert_eq!(of(&[("bfgjkm", 2), ("pqvwxz", 2), ("y", 0)]), None, "too many");
        assert_eq!(of(&[("bfgjkm", 2), ("pqvwxz", 2)]).map(|bytes| bytes.len()), Some(6));
    }

    #[test]
    fn runs_with_a_sentinel_in_any_case_are_found_whole_and_others_never() {
        let sentinels = Sentinels::of([(CharMask::of("gp"), 1)]).expect("two letters");
        let text = "the Digital-COMPACT, a\u{7}\u{10}plan; big/gun e2e hop";
        let found: Vec<Vec<u8>> = runs_found(&sentinels, text).into_iter().map(|(run, _)| run).collect();
        let expected: Vec<&[u8]> = vec![b"Digital-COMPACT", b"plan", b"big/gun", b"hop"];
        assert_eq!(found, expected);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        #[test]
        fn the_runs_found_are_those_of_any_run_holding_a_sentinel(
            text in "([-+/ \n.,'\u{7}\u{10}\u{17}a-hA-H0-9éÉôß]|\\PC){0,80}",
            bytes in prop::collection::btree_set(prop::sample::select(b"abcdefgh0123456789".to_vec()), 1..=MAX_SENTINELS),
        ) {
            let sentinels = Sentinels::with_bytes(bytes.into_iter().collect());
            prop_assert_eq!(runs_found(&sentinels, &text), runs_holding(&sentinels.bytes, &text));
        }
    }
}
