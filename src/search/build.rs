//! Builds the index bytes of a dataset: every searched field folded once,
//! split into words, and an inverted index from each distinct word to the
//! items and fields using it, with the word's rarity, so a query word is
//! compared with each distinct word once, not with every item.
//!
//! A large dataset is cut into runs of items built on separate threads
//! (`index_part`), then joined in item order: the bytes are the same as
//! one thread's, whatever the number of parts.

use std::io::{self, Write};
use std::ops::Range;
use std::thread;

use super::index_part::Part;
use super::restricted::WordFilter;
use super::sections::SectionBuffers;
use super::store::{Counts, EXPLAINED_FIELDS, Section, Writer};
use super::vocabulary::write_words;
use crate::data::Dataset;

pub(crate) use super::vocabulary::Posting;

/// Datasets with fewer items are indexed on the calling thread: below
/// this, starting a thread and joining the parts costs about what the
/// second core saves (see docs/BENCHMARKS.md, "Index on both cores").
const PARALLEL_FROM_ITEMS: usize = 4096;

/// At most this many parts: each has its own word map (memory grows with
/// the parts) and the join reads every part for every word; only two
/// cores have been measured.
const MAX_PARTS: usize = 4;

/// The index bytes of `data`, tagged with the cache `key`.
pub(crate) fn build(data: &Dataset, key: &str) -> Vec<u8> {
    build_runs(data, key, parts_for(data))
}

/// The sections of the index of `data`, each in a buffer of its own, for
/// an index used in memory and never stored (`sections`): the sections
/// of [`build`]'s bytes, or with `kept`, of the index of a query's words
/// (`restricted`): only the words `kept` keeps, and no field texts.
pub(crate) fn build_sections(data: &Dataset, kept: Option<&WordFilter>) -> (Box<SectionBuffers>, Counts) {
    let parts = build_parts(data, &runs(data.len(), parts_for(data)), kept);
    crate::data::trace::mark("index's parts built");
    let (pieces, counts) = pieces(parts, data.len());
    (Box::new(SectionBuffers::join(pieces)), counts)
}

/// How many parts `data` is indexed in: one per core, for a large dataset.
fn parts_for(data: &Dataset) -> usize {
    if data.len() >= PARALLEL_FROM_ITEMS {
        thread::available_parallelism().map_or(1, usize::from).min(MAX_PARTS)
    } else {
        1
    }
}

/// [`build`] with the items cut into `parts` runs, one thread each: the
/// bytes are the same for any number of parts (tests check this).
#[cfg(test)]
pub(crate) fn build_in_parts(data: &Dataset, key: &str, parts: usize) -> Vec<u8> {
    build_runs(data, key, parts)
}

/// [`build`] in `parts` runs.
fn build_runs(data: &Dataset, key: &str, parts: usize) -> Vec<u8> {
    let runs = runs(data.len(), parts);
    let parts = build_parts(data, &runs, None);
    crate::data::trace::mark("index's parts built");
    join(parts, data.len(), key)
}

/// `items` cut into at most `parts` contiguous runs of nearly equal length.
fn runs(items: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, items.max(1));
    (0..parts)
        .map(|at| items * at / parts..items * (at + 1) / parts)
        .collect()
}

/// The parts of `runs`, the first built on the calling thread and each
/// other on a thread of its own, or on the calling thread if the system
/// refuses one.
fn build_parts(data: &Dataset, runs: &[Range<usize>], kept: Option<&WordFilter>) -> Vec<Part> {
    let Some((first, later)) = runs.split_first() else {
        return Vec::new();
    };
    thread::scope(|scope| {
        let handles: Vec<_> = later
            .iter()
            .map(|run| {
                let run = run.clone();
                thread::Builder::new()
                    .spawn_scoped(scope, move || Part::build(data, run, kept))
                    .ok()
            })
            .collect();
        let mut parts = vec![Part::build(data, first.clone(), kept)];
        for (handle, run) in handles.into_iter().zip(later) {
            parts.push(match handle {
                // A panic in a part is a bug: passed on as one thread's would be.
                Some(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => Part::build(data, run.clone(), kept),
            });
        }
        parts
    })
}

/// The index bytes of `data` under `key`, as [`build`] gives them,
/// written to `out` and never held whole (see `Writer::write_joined`);
/// refused if longer than `max_bytes`.
pub(crate) fn write(data: &Dataset, key: &str, max_bytes: u64, out: &mut impl Write) -> io::Result<()> {
    let parts = build_parts(data, &runs(data.len(), parts_for(data)), None);
    crate::data::trace::mark("index's parts built");
    let (pieces, counts) = pieces(parts, data.len());
    Writer::write_joined(pieces, key, counts, max_bytes, out)
}

/// The index of all `items`, from its `parts` in item order.
fn join(parts: Vec<Part>, items: usize, key: &str) -> Vec<u8> {
    let (pieces, counts) = pieces(parts, items);
    Writer::finish_joined(pieces, key, counts)
}

/// The pieces of the index of all `items`, from its `parts` in item
/// order, to be laid one after another section by section.
fn pieces(parts: Vec<Part>, items: usize) -> (Vec<Writer>, Counts) {
    let mut pieces = Vec::with_capacity(parts.len() * (1 + EXPLAINED_FIELDS) + 1);
    let mut fields = Vec::with_capacity(parts.len());
    let mut words = Vec::with_capacity(parts.len());
    for part in parts {
        pieces.push(part.items);
        fields.push(part.fields);
        words.push(part.words);
    }
    // Field by field, not item by item: a search explaining its hits by
    // their titles then reads titles only (see `lazy`).
    for slot in 0..EXPLAINED_FIELDS {
        for part in &mut fields {
            let column = std::mem::take(&mut part[slot]);
            pieces.push(Writer::of_column(
                Section::FieldEnds,
                Section::FieldText,
                column.text,
                &column.ends,
            ));
        }
    }
    let mut vocabulary = Writer::new();
    let words = write_words(&mut vocabulary, words, items);
    pieces.push(vocabulary);
    (pieces, Counts { items, words })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::search::reference::generated;

    /// Asserts that `data` built in each of `parts` gives one thread's bytes.
    fn assert_same_bytes_in_parts(data: &Dataset, parts: &[usize]) {
        let one = build_in_parts(data, "key", 1);
        for &count in parts {
            let many = build_in_parts(data, "key", count);
            assert!(one == many, "{} items in {count} parts", data.len());
        }
    }

    #[test]
    fn the_embedded_data_in_parts_gives_one_threads_bytes() {
        let data = Dataset::embedded().expect("embedded data");
        assert_same_bytes_in_parts(&data, &[2, 3, 5, data.len(), data.len() + 1]);
    }

    /// The bytes [`write`] gives for `data`.
    fn written(data: &Dataset, key: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write(data, key, u64::MAX, &mut out).expect("written to memory");
        out
    }

    #[test]
    fn an_index_written_out_is_the_index_built() {
        let embedded = Dataset::embedded().expect("embedded data");
        assert!(written(&embedded, "key") == build(&embedded, "key"));
        // In parts (ends shifted past a part) and longer than a chunk of
        // shifted ends (`section_copy::write_shifted`).
        let large = generated(20_000);
        assert!(large.len() >= PARALLEL_FROM_ITEMS);
        assert!(written(&large, "key") == build(&large, "key"));
    }

    /// Asserts that the sections of `data`'s index hold what the same
    /// index's bytes hold, section by section and, for the field texts
    /// kept in pieces, entry by entry.
    fn assert_sections_are_the_bytes(data: &Dataset) {
        use crate::search::store::{ALL, Layout, entry};
        let bytes = build(data, "");
        let layout = Layout::parse(&bytes, "").expect("valid");
        let (sections, counts) = build_sections(data, None);
        assert_eq!(counts, layout.counts);
        for section in ALL {
            let whole = &bytes[layout.range(section)];
            assert_eq!(sections.len(section), whole.len(), "{section:?}");
            if !matches!(section, Section::FieldText) {
                assert!(sections.section(section) == whole, "{section:?}");
            }
        }
        let ends = &bytes[layout.range(Section::FieldEnds)];
        let texts = &bytes[layout.range(Section::FieldText)];
        for idx in 0..data.len() * EXPLAINED_FIELDS {
            let expected = entry(ends, texts, Section::FieldText, idx);
            assert!(
                sections.entry(Section::FieldEnds, Section::FieldText, idx) == expected,
                "entry {idx}"
            );
        }
    }

    #[test]
    fn an_index_in_sections_holds_the_index_bytes() {
        assert_sections_are_the_bytes(&Dataset::embedded().expect("embedded data"));
        // Built in parts, each holding field texts.
        let large = generated(6000);
        assert!(large.len() >= PARALLEL_FROM_ITEMS);
        assert_sections_are_the_bytes(&large);
    }

    #[test]
    fn an_index_longer_than_allowed_is_refused_before_a_byte_is_written() {
        let data = generated(50);
        let whole = build(&data, "key").len() as u64;
        let mut out = Vec::new();
        assert!(write(&data, "key", whole - 1, &mut out).is_err());
        assert!(out.is_empty());
        assert!(write(&data, "key", whole, &mut out).is_ok());
        assert_eq!(out.len() as u64, whole);
    }

    #[test]
    fn a_generated_dataset_in_parts_gives_one_threads_bytes() {
        let data = generated(5000);
        assert!(data.len() >= PARALLEL_FROM_ITEMS, "large enough to build on threads");
        assert_same_bytes_in_parts(&data, &[2, 3, 8]);
        assert!(build(&data, "key") == build_in_parts(&data, "key", 1));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        #[test]
        fn any_small_dataset_in_parts_gives_one_threads_bytes(items in 0usize..400, parts in 2usize..6) {
            let data = generated(items);
            prop_assert!(build_in_parts(&data, "k", 1) == build_in_parts(&data, "k", parts));
        }
    }

    #[test]
    fn runs_cover_the_items_in_order() {
        assert_eq!(runs(10, 3), [0..3, 3..6, 6..10]);
        assert_eq!(runs(2, 4), [0..1, 1..2]);
        assert_eq!(runs(0, 2), vec![0..0]);
        assert_eq!(runs(5, 0), vec![0..5]);
    }
}
