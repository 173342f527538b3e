//! The field texts of a query's hits, for the index of one query
//! (`restricted`): written once its hits are known, not while its parts
//! are built, when only whether every query word *may* match an item is
//! known (87 667 such items for "internet governance" at 100 000 items,
//! 18 436 of them hits).
//!
//! The texts are read from the dataset well after its words were, so
//! from memory rather than the CPU's caches: each hit is visited once for
//! all its fields, and many hits are cut into two runs written on both
//! cores.

use std::ops::Range;
use std::thread;

use super::TEXT_FIELDS;
use super::index_part::write_field;
use super::sections::TextPieces;
use super::store::{EXPLAINED_FIELDS, count};
use crate::data::{Dataset, ItemIdx};

/// Fewer hits are written on the calling thread: a thread costs more than
/// it saves on a few thousand items' texts.
const PARALLEL_FROM_HITS: usize = 4096;

/// The field texts of the items of `data` as an index stores them,
/// field by field: the `FieldEnds` section's bytes and the texts, written
/// for the items `hits` holds (in item order) and empty for every other.
pub(super) fn texts_of(data: &Dataset, hits: &[ItemIdx]) -> (Vec<u8>, TextPieces) {
    let len = data.len();
    let runs = if hits.len() >= PARALLEL_FROM_HITS {
        let half = hits.len() / 2;
        let (first, second) = hits.split_at(half);
        let start = second.first().copied().unwrap_or(len);
        thread::scope(|scope| {
            let later = thread::Builder::new()
                .spawn_scoped(scope, || RunTexts::of(data, start..len, second))
                .ok();
            let first = RunTexts::of(data, 0..start, first);
            // A panic in the other thread is a bug: passed on as this one's would be.
            let second = match later {
                Some(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => RunTexts::of(data, start..len, second),
            };
            vec![first, second]
        })
    } else {
        vec![RunTexts::of(data, 0..len, hits)]
    };
    join(runs, len)
}

/// The texts of a run of items, field by field, each entry's end counted
/// from the start of the run's texts of that field.
struct RunTexts {
    fields: [(TextPieces, Vec<u32>); EXPLAINED_FIELDS],
}

impl RunTexts {
    /// The texts of items `run`, written for those of `hits` (all in the
    /// run, in order) and empty for the others.
    fn of(data: &Dataset, run: Range<ItemIdx>, hits: &[ItemIdx]) -> RunTexts {
        let mut fields: [(TextPieces, Vec<u32>); EXPLAINED_FIELDS] = Default::default();
        for (_, ends) in &mut fields {
            ends.reserve_exact(run.len());
        }
        let mut entry = String::new();
        let mut next = hits.iter().copied().peekable();
        for idx in run {
            let hit = next.next_if_eq(&idx).is_some();
            for ((texts, ends), field) in fields.iter_mut().zip(TEXT_FIELDS) {
                if hit {
                    entry.clear();
                    write_field(&mut entry, data, idx, field);
                    texts.push(entry.as_bytes());
                }
                ends.push(count(texts.len()));
            }
        }
        RunTexts { fields }
    }
}

/// The runs' texts one after another, field by field, as [`texts_of`]
/// gives them for all `len` items.
fn join(runs: Vec<RunTexts>, len: usize) -> (Vec<u8>, TextPieces) {
    let mut ends = Vec::with_capacity(EXPLAINED_FIELDS * len * size_of::<u32>());
    let mut texts = TextPieces::default();
    let mut fields: Vec<_> = runs.into_iter().map(|run| run.fields.into_iter()).collect();
    for _ in 0..EXPLAINED_FIELDS {
        for run in &mut fields {
            let Some((run_texts, run_ends)) = run.next() else {
                continue;
            };
            let before = texts.len();
            ends.extend(
                run_ends
                    .iter()
                    .flat_map(|&end| count(before + end as usize).to_le_bytes()),
            );
            texts.append(run_texts);
        }
    }
    (ends, texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;
    use crate::search::build::build_sections;
    use crate::search::reference::generated;
    use crate::search::store::Section;

    /// Asserts that [`texts_of`] gives each of `hits` its texts in the
    /// full index of `data`, and every other item none.
    fn assert_texts_of_hits_only(data: &Dataset, hits: &[ItemIdx]) {
        let full = SearchIndex::new(data);
        let (mut sections, _) = build_sections(data, None);
        let (ends, texts) = texts_of(data, hits);
        sections.set_field_texts(ends, texts);
        for (slot, field) in TEXT_FIELDS.into_iter().enumerate() {
            for idx in 0..data.len() {
                let entry = sections.entry(Section::FieldEnds, Section::FieldText, slot * data.len() + idx);
                let expected = if hits.contains(&idx) {
                    full.field_text(idx, field)
                } else {
                    ""
                };
                assert!(entry == expected.as_bytes(), "{field:?} of item {idx}");
            }
        }
    }

    #[test]
    fn only_the_hits_get_their_texts() {
        let embedded = Dataset::embedded().expect("embedded data");
        let every_third: Vec<ItemIdx> = (0..embedded.len()).step_by(3).collect();
        assert_texts_of_hits_only(&embedded, &every_third);
        assert_texts_of_hits_only(&embedded, &[]);
        let all: Vec<ItemIdx> = (0..embedded.len()).collect();
        assert_texts_of_hits_only(&embedded, &all);
    }

    #[test]
    fn hits_written_on_two_threads_are_joined_in_item_order() {
        let data = generated(6000);
        let hits: Vec<ItemIdx> = (0..data.len()).filter(|idx| idx % 7 != 3).collect();
        assert!(hits.len() >= PARALLEL_FROM_HITS, "written on two threads");
        assert_texts_of_hits_only(&data, &hits);
    }
}
