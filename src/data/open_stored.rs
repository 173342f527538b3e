//! A dataset over a stored snapshot, open at once: ids, categories, dates,
//! backlinks, origins and each category's list come from the snapshot's
//! index of items ([`super::item_index`]), names from its table
//! ([`super::name_table`]), and each item is decoded only when asked for
//! ([`super::stored_items`]). Nothing here walks the items: the index's
//! columns are read in place ([`super::index_columns`]).

use std::sync::{Arc, OnceLock};

use super::dataset::Dataset;
use super::id_table::{Ids, SortedIds};
use super::index_columns::IndexColumns;
use super::name_table::{Names, StoredNames};
use super::snapshot::NotOpened;
use super::stored_items::{Items, SnapshotBytes, StoredItems};
use super::tables::Tables;

/// Where the parts lie in `bytes`: the dataset section's offset, and the
/// table of names' range and the sum its bytes must have.
pub(super) struct Layout {
    pub(super) data_at: u64,
    pub(super) names: std::ops::Range<usize>,
    pub(super) names_sum: u64,
}

/// The dataset `index` describes, its records and names in `bytes`
/// ([`NotOpened::NoNames`] if the snapshot has no table of names). The
/// index was checked whole when opened; a record is checked when decoded.
pub(super) fn open(index: IndexColumns, bytes: SnapshotBytes, layout: Layout) -> Result<Dataset, NotOpened> {
    let names = StoredNames {
        bytes: bytes.clone(),
        from: layout.names.start as u64,
        len: (layout.names.end)
            .checked_sub(layout.names.start)
            .ok_or(NotOpened::Refused)?,
        sum: layout.names_sum,
        section: OnceLock::new(),
        loaded: OnceLock::new(),
    };
    if !names.is_present() {
        return Err(NotOpened::NoNames);
    }
    let columns = Arc::new(index);
    let items = StoredItems::new(bytes, layout.data_at, columns.clone());
    super::trace::mark("stored items");
    Ok(Dataset {
        items: Items::Stored(items),
        by_id: Ids::Sorted(SortedIds::new(columns.clone())),
        names: Names::Stored(names),
        tables: Tables::stored(columns),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, LazyLock};

    use proptest::prelude::*;

    use super::super::aliases::{Resolved, item_keys};
    use super::super::preview::list_shape;
    use super::super::snapshot::{ItemRef, encode, open_in_place_or_whole, open_stored, verify};
    use super::super::sort::in_default_order;
    use super::super::stored_items::{DAMAGED_TITLE, damaged_item};
    use super::*;
    use crate::data::dataset::ItemIdx;
    use crate::data::{CATEGORIES, Item};

    fn opened(bytes: &[u8]) -> Option<Dataset> {
        open_stored(Arc::new(bytes.to_vec()), "k").ok()
    }

    /// Everything a reader of a dataset sees, in a stable order: each item
    /// with its date, origin, category, backlinks and their notes, what its
    /// id and each of its names find, then each category's items, its
    /// list in the default order and that list's shape.
    fn visible(data: &Dataset) -> String {
        let mut out = String::new();
        for idx in 0..data.len() {
            let item = data.item(idx);
            let notes: Vec<_> = data.backlinks(idx).iter().map(|b| data.backlink_note(b)).collect();
            let links: Vec<_> = data.links(idx).map(|(_, target)| target).collect();
            let names: Vec<_> = item_keys(item).iter().map(|name| data.resolve(name)).collect();
            out.push_str(&format!(
                "{item:?} {:?} {:?} {} {:?} {notes:?} {links:?} {:?} {names:?}\n",
                data.date(idx),
                data.origin(idx),
                data.category_of(idx),
                data.backlinks(idx),
                data.by_id(&item.id),
            ));
        }
        for cat in 0..CATEGORIES.len() {
            let list = data
                .stored_default_order(cat)
                .unwrap_or_else(|| in_default_order(data, cat));
            let shape = data.stored_shape(cat).unwrap_or_else(|| list_shape(data, &list));
            out.push_str(&format!("{:?} {list:?} {shape:?}\n", data.category_items(cat)));
        }
        out
    }

    /// The embedded dataset's snapshot, what the dataset shows, its items.
    static MADE: LazyLock<(Vec<u8>, String, Vec<Item>)> = LazyLock::new(|| {
        let data = Dataset::embedded().expect("embedded data");
        (encode(&data, "k"), visible(&data), data.items().cloned().collect())
    });

    #[test]
    fn a_snapshot_opened_in_place_shows_what_it_was_made_from() {
        let data = opened(&MADE.0).expect("opens");
        assert!(
            matches!(data.items, Items::Stored(_)),
            "read in place, not decoded whole"
        );
        assert_eq!(visible(&data), MADE.1);
        assert!(verify(&MADE.0, "k"));
        assert!(!data.met_damage());
        assert!(
            opened(&encode(&data, "k")).is_none(),
            "stored again without its names: decoded whole"
        );
    }

    /// Where `item`'s own record lies in the dataset section of `bytes`
    /// (the last copy: the preview may hold another).
    fn record_of(bytes: &[u8], item: &Item) -> std::ops::Range<usize> {
        let record = postcard::to_stdvec(&ItemRef::from(item)).expect("encodes");
        let at = bytes
            .windows(record.len())
            .rposition(|window| window == record.as_slice())
            .expect("the record is stored");
        at..at + record.len()
    }

    #[test]
    fn a_damaged_record_reads_as_damaged_never_as_other_data() {
        let items = &MADE.2;
        let damaged_idx = items
            .iter()
            .position(|i| *i.id == *"tunis-agenda")
            .expect("in the data");
        let record = record_of(&MADE.0, &items[damaged_idx]);
        for at in [record.start, record.start + record.len() / 2, record.end - 1] {
            let mut bytes = MADE.0.clone();
            bytes[at] ^= 0x01;
            assert!(!verify(&bytes, "k"), "the whole file no longer checks");
            let data = opened(&bytes).expect("opens: records are checked when read");
            assert!(data.by_id("tunis-agenda").is_none(), "its id finds nothing");
            assert_eq!(data.item(damaged_idx).title.as_str(), DAMAGED_TITLE);
            assert!(data.met_damage());
            for (idx, item) in items.iter().enumerate().filter(|&(idx, _)| idx != damaged_idx) {
                assert_eq!(data.item(idx), item);
                assert!(data.links(idx).all(|(_, target)| target != damaged_idx));
            }
        }
    }

    /// A snapshot that counts the bytes read from it.
    struct Counted {
        bytes: Vec<u8>,
        read: std::sync::atomic::AtomicU64,
    }

    impl super::super::stored_items::SnapshotSource for Counted {
        fn len(&self) -> u64 {
            self.bytes.len() as u64
        }

        fn read(&self, at: u64, len: usize) -> Option<std::borrow::Cow<'_, [u8]>> {
            self.read.fetch_add(len as u64, std::sync::atomic::Ordering::Relaxed);
            self.bytes.read(at, len)
        }
    }

    /// Opens `bytes` as the dataset cache does; how many bytes it read.
    fn open_counting(bytes: Vec<u8>) -> (Option<Dataset>, u64) {
        let counted = Arc::new(Counted {
            bytes,
            read: Default::default(),
        });
        let data = open_in_place_or_whole(counted.clone(), "k");
        (data, counted.read.load(std::sync::atomic::Ordering::Relaxed))
    }

    #[test]
    fn an_item_passing_is_read_each_time_unless_kept() {
        let counted = Arc::new(Counted {
            bytes: MADE.0.clone(),
            read: Default::default(),
        });
        let data = open_in_place_or_whole(counted.clone(), "k").expect("opens in place");
        let read = || counted.read.load(std::sync::atomic::Ordering::Relaxed);
        let read_all = |passing: bool| {
            let before = read();
            for (idx, item) in MADE.2.iter().enumerate() {
                if passing {
                    assert_eq!(&*data.item_passing(idx), item);
                } else {
                    assert_eq!(data.item(idx), item);
                }
            }
            read() - before
        };
        let once = read_all(true);
        assert!(once > 0);
        assert_eq!(read_all(true), once, "not kept: read again");
        assert_eq!(read_all(false), once, "kept by `item`");
        assert_eq!(read_all(true), 0, "then borrowed");
        // A damaged record passing reads as damaged, and says so.
        let damaged_idx = MADE.2.len() / 2;
        let mut bytes = MADE.0.clone();
        bytes[record_of(&MADE.0, &MADE.2[damaged_idx]).start] ^= 0x01;
        let data = opened(&bytes).expect("opens");
        assert_eq!(data.item_passing(damaged_idx).title.as_str(), DAMAGED_TITLE);
        assert!(data.met_damage());
    }

    #[test]
    fn only_a_snapshot_without_names_is_read_whole() {
        let (data, read) = open_counting(MADE.0.clone());
        assert!(data.is_some_and(|data| matches!(data.items, Items::Stored(_))));
        let whole = MADE.0.len() as u64;
        assert!(read < whole / 2, "in place: {read} of {whole} bytes read");
        // Damage in the index of items: refused at once, never read whole.
        let head = &MADE.0[..super::super::snapshot::header_len("k")];
        let (at, len) = super::super::snapshot::item_index_range(head, "k").expect("an index of items");
        let mut damaged = MADE.0.clone();
        damaged[usize::try_from(at + len / 2).expect("small")] ^= 0x01;
        assert!(matches!(
            open_stored(Arc::new(damaged.clone()), "k"),
            Err(NotOpened::Refused)
        ));
        let (data, read) = open_counting(damaged);
        assert!(data.is_none());
        assert!(read < whole / 2, "refused: {read} of {whole} bytes read");
        // Without names: decoded whole, every section checked.
        let opened = opened(&MADE.0).expect("opens");
        let without_names = encode(&opened, "k");
        assert!(matches!(
            open_stored(Arc::new(without_names.clone()), "k"),
            Err(NotOpened::NoNames)
        ));
        let (data, read) = open_counting(without_names.clone());
        assert_eq!(visible(&data.expect("decoded whole")), MADE.1);
        assert!(read >= without_names.len() as u64);
    }

    #[test]
    fn a_truncated_or_extended_file_is_refused() {
        let bytes = &MADE.0;
        let step = (bytes.len() / 97).max(1);
        for len in (0..bytes.len()).step_by(step).chain([bytes.len() - 1]) {
            assert!(opened(&bytes[..len]).is_none(), "cut at {len}");
            assert!(!verify(&bytes[..len], "k"));
        }
        assert!(opened(&[bytes.as_slice(), b"x"].concat()).is_none());
        assert!(opened(bytes).is_some_and(|data| data.verify_stored("k")));
    }

    /// Where the made snapshot's table of names lies (just before the
    /// dataset section, which comes last), and each item's own record.
    static LAYOUT: LazyLock<(std::ops::Range<usize>, Vec<std::ops::Range<usize>>)> = LazyLock::new(|| {
        let head = &MADE.0[..super::super::snapshot::header_len("k")];
        let (at, len) = super::super::snapshot::names_range(head, "k").expect("a table of names");
        let names = usize::try_from(at).expect("small")..usize::try_from(at + len).expect("small");
        let records = MADE.2.iter().map(|item| record_of(&MADE.0, item)).collect();
        (names, records)
    });

    /// The items a name finds.
    fn found(resolved: Resolved) -> Vec<ItemIdx> {
        match resolved {
            Resolved::One(idx) => vec![idx],
            Resolved::Ambiguous(all) => all,
            Resolved::None => Vec::new(),
        }
    }

    /// Every name the made items answer to: their own names, each
    /// symbol with dashes for its slashes ("A-RES-80-173") and each short
    /// title's head ("TA para 105"), later steps of
    /// [`Dataset::resolve`] than the table; with what a sound snapshot
    /// finds for each.
    static NAMES_FOUND: LazyLock<Vec<(String, Vec<ItemIdx>)>> = LazyLock::new(|| {
        let made = opened(&MADE.0).expect("opens");
        let mut names: Vec<String> = Vec::new();
        for item in &MADE.2 {
            names.extend(item_keys(item));
            names.extend(item.symbol.as_deref().map(|symbol| symbol.replace('/', "-")));
            let head = item.short_title.as_deref().and_then(|short| short.split_once(':'));
            names.extend(head.map(|(head, _)| head.trim().to_string()));
        }
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .map(|name| {
                let was = found(made.resolve(&name));
                (name, was)
            })
            .collect()
    });

    /// `flips` applied to the made snapshot within `span`, one a byte (two
    /// at one byte could cancel out); the bytes, and the places flipped.
    fn flipped_within(flips: Vec<(prop::sample::Index, u8)>, span: std::ops::Range<usize>) -> (Vec<u8>, Vec<usize>) {
        let flips: std::collections::BTreeMap<usize, u8> = flips
            .into_iter()
            .map(|(at, mask)| (span.start + at.index(span.len()), mask))
            .collect();
        let mut bytes = MADE.0.clone();
        for (&at, mask) in &flips {
            bytes[at] ^= mask;
        }
        (bytes, flips.into_keys().collect())
    }

    #[test]
    fn a_table_of_names_all_wrong_finds_what_a_full_load_finds() {
        let bytes = names_zeroed(MADE.0.clone(), LAYOUT.0.clone());
        let data = opened(&bytes).expect("opens: the table is read when a name is looked up");
        for (name, was) in NAMES_FOUND.iter() {
            assert_eq!(&found(data.resolve(name)), was, "{name}");
        }
        // Among them a dashed symbol and a short title's head, each
        // naming one item.
        for name in ["A-RES-80-173", "TA para 105"] {
            let (_, was) = NAMES_FOUND.iter().find(|(n, _)| n == name).expect("a name tried");
            assert_eq!(was.len(), 1, "{name}");
        }
        assert!(data.met_damage(), "loaded again from the files");
    }

    /// `bytes` with every entry of its table of names (at `names`) wrong:
    /// each hash zeroed, the byte saying a table is there kept.
    fn names_zeroed(mut bytes: Vec<u8>, names: std::ops::Range<usize>) -> Vec<u8> {
        for entry in bytes[names.start + 1..names.end].chunks_mut(12) {
            entry[..8].fill(0);
        }
        bytes
    }

    #[test]
    fn a_damaged_table_of_names_leaves_no_later_step_to_answer_for_another_item() {
        // "TA 2005" is an alias of one item and another's short-title head.
        let text = r#"[
            Item(id: "ta", category: "outcome", title: "Tunis Agenda", aliases: ["TA 2005"]),
            Item(id: "other", category: "outcome", title: "Other", short_title: "TA 2005: other"),
        ]"#;
        let file = crate::data::SourceFile {
            name: "two.ron".into(),
            text: text.into(),
            embedded: false,
        };
        let made = Dataset::from_files(&[file]).expect("loads");
        let was = made.resolve("TA 2005");
        assert_eq!(was, Resolved::One(0));
        let bytes = encode(&made, "k");
        let head = &bytes[..super::super::snapshot::header_len("k")];
        let (at, len) = super::super::snapshot::names_range(head, "k").expect("a table of names");
        let names = usize::try_from(at).expect("small")..usize::try_from(at + len).expect("small");
        let data = opened(&names_zeroed(bytes, names)).expect("opens");
        assert_eq!(data.resolve("TA 2005"), was);
        assert!(data.met_damage(), "loaded again from the files");
    }

    /// Items whose names a damaged record could hand to another item: an
    /// alias ("TA 2005") that is another item's short-title head (a later
    /// step of [`Dataset::resolve`]), a title ("Tunis Agenda") that is
    /// another's short title, and a resolution number ("1/2") two items
    /// share, which names both.
    const CROWDED: &str = r#"[
        Item(id: "ta", category: "outcome", title: "Tunis Agenda", aliases: ["TA 2005"]),
        Item(id: "other", category: "outcome", title: "Other", short_title: "TA 2005: other"),
        Item(id: "agenda", category: "outcome", title: "Agenda", short_title: "Tunis Agenda"),
        Item(id: "ga-1-2", category: "ga", symbol: "A/RES/1/2", title: "One"),
        Item(id: "ecosoc-1-2", category: "ecosoc", symbol: "E/RES/1/2", title: "Two"),
    ]"#;

    /// [`CROWDED`] stored: its bytes, each item's record in them, and
    /// every name its items answer to (as for [`NAMES_FOUND`]) with what
    /// each finds.
    struct Crowded {
        bytes: Vec<u8>,
        records: Vec<std::ops::Range<usize>>,
        names: Vec<(String, Vec<ItemIdx>)>,
    }

    static CROWDED_MADE: LazyLock<Crowded> = LazyLock::new(|| {
        let file = crate::data::SourceFile {
            name: "crowded.ron".into(),
            text: CROWDED.into(),
            embedded: false,
        };
        let made = Dataset::from_files(&[file]).expect("loads");
        let bytes = encode(&made, "k");
        let records = made.items().map(|item| record_of(&bytes, item)).collect();
        let mut names: Vec<String> = made.items().flat_map(item_keys).collect();
        names.extend(made.items().map(|item| item.title.to_string()));
        names.extend(
            made.items()
                .filter_map(|item| item.short_title.as_deref().map(str::to_string)),
        );
        names.extend(["TA 2005", "1/2"].map(String::from));
        names.sort_unstable();
        names.dedup();
        let found = names.into_iter().map(|name| {
            let was = found(made.resolve(&name));
            (name, was)
        });
        Crowded {
            bytes,
            records,
            names: found.collect(),
        }
    });

    /// The record of "ta" damaged: "TA 2005" finds nothing, never the
    /// other item whose short title's head it is, each time it is asked
    /// (the damaged record is kept as read), nor does "1/2" find one item
    /// where it found two once one is damaged; ids still find their items,
    /// as they are checked against their records.
    #[test]
    fn a_damaged_record_leaves_no_later_step_to_answer_for_another_item() {
        let Crowded {
            bytes: made,
            records,
            names,
        } = &*CROWDED_MADE;
        let was = |wanted: &str| {
            names
                .iter()
                .find(|(name, _)| name == wanted)
                .map(|(_, was)| was.clone())
        };
        assert_eq!(was("TA 2005"), Some(vec![0]));
        assert_eq!(was("1/2"), Some(vec![3, 4]));
        for damaged in [0, 3] {
            let mut bytes = made.clone();
            bytes[records[damaged].start + records[damaged].len() / 2] ^= 0x01;
            let data = opened(&bytes).expect("opens: records are checked when read");
            // The step after the names would answer with the other item.
            let items: Vec<Item> = data.items().cloned().collect();
            assert_eq!(super::super::aliases::by_title(&items, "TA 2005"), Resolved::One(1));
            for _ in 0..2 {
                assert_eq!(data.resolve("TA 2005"), Resolved::None);
                assert_eq!(data.resolve("1/2"), Resolved::None);
            }
            assert!(data.met_damage(), "loaded again from the files");
            assert_eq!(data.resolve("other"), Resolved::One(1));
            assert_eq!(data.resolve("ecosoc-1-2"), Resolved::One(4));
        }
    }

    proptest! {
        /// Flips in the records of [`CROWDED`]: every name, whichever step
        /// of [`Dataset::resolve`] answers it, finds what it found or
        /// nothing (a damaged record's names are not known), never
        /// another item nor fewer of several; and every sound item's id
        /// still finds it. Checked on every case (the file always opens).
        #[test]
        fn names_over_flipped_records_find_what_they_found_or_nothing(
            flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..4),
        ) {
            let Crowded { bytes: made, records, names } = &*CROWDED_MADE;
            let span = records[0].start..records[records.len() - 1].end;
            let mut bytes = made.clone();
            let mut flipped = Vec::new();
            for (at, mask) in flips {
                let at = span.start + at.index(span.len());
                if !flipped.contains(&at) {
                    bytes[at] ^= mask;
                    flipped.push(at);
                }
            }
            let data = opened(&bytes).expect("opens: records are checked when read");
            for (name, was) in names {
                let now = found(data.resolve(name));
                prop_assert!(now.is_empty() || &now == was, "{:?}: {:?}, was {:?}", name, now, was);
            }
            for (idx, record) in records.iter().enumerate() {
                if !flipped.iter().any(|at| record.contains(at)) {
                    prop_assert_eq!(data.resolve(&data.item(idx).id), Resolved::One(idx));
                }
            }
        }
    }

    /// Cases of [`flipped_names_find_no_other_item`] at most: each resolves
    /// every name of the embedded data (about 12 ms), and every flip in the
    /// table is caught the same way (its sum), so 10 000 add only time.
    const MAX_NAME_FLIP_CASES: u32 = 512;

    /// Flips in the table of names (checked against its sum when first
    /// read): every item reads as made, and every name, whichever step of
    /// [`Dataset::resolve`] answers it, finds what it found. Checked on
    /// every case the file opens in; a refused open shows no item at all.
    #[test]
    fn flipped_names_find_no_other_item() {
        use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(Config::default().cases)
            .min(MAX_NAME_FLIP_CASES);
        let mut runner = TestRunner::new(Config {
            cases,
            source_file: Some(file!()),
            test_name: Some("flipped_names_find_no_other_item"),
            failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
            ..Config::default()
        });
        let flips = prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..16);
        let outcome = runner.run(&flips, |flips| {
            let (bytes, _) = flipped_within(flips, LAYOUT.0.clone());
            if let Some(data) = opened(&bytes) {
                for (idx, item) in MADE.2.iter().enumerate() {
                    prop_assert_eq!(data.item(idx), item);
                }
                for (name, was) in NAMES_FOUND.iter() {
                    let now = found(data.resolve(name));
                    prop_assert_eq!(&now, was, "{:?}", name);
                }
            }
            Ok(())
        });
        if let Err(failure) = outcome {
            panic!("{failure}");
        }
    }

    proptest! {
        /// Flips before the table of names (header, preview, rows, index
        /// of items) never show other data: the file opens showing exactly
        /// what was made, or not at all. Checked on every case the file
        /// opens in; a refused open is the "not at all", with nothing more
        /// to check.
        #[test]
        fn flips_before_the_names_show_what_was_made_or_nothing(flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..16)) {
            let (bytes, _) = flipped_within(flips, 0..LAYOUT.0.start);
            if let Some(data) = opened(&bytes) {
                prop_assert_eq!(visible(&data), MADE.1.clone());
                // The header's sum for the table of names is checked when
                // a name is first looked up: a flip there is damage found
                // then (names rebuilt from the items, as shown above), so
                // only a flipped header may report damage.
                let header = super::super::snapshot::header_len("k");
                prop_assert!(!data.met_damage() || bytes[..header] != MADE.0[..header]);
            }
        }

        /// Flips in records: the file opens, exactly the records flipped
        /// read as damaged and every other item as made. Checked on every
        /// case.
        #[test]
        fn flipped_records_read_as_damaged_and_no_other(flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..16)) {
            let records = &LAYOUT.1;
            let (first, last) = (records.iter().map(|r| r.start).min(), records.iter().map(|r| r.end).max());
            let (bytes, flipped) = flipped_within(flips, first.expect("records")..last.expect("records"));
            let data = opened(&bytes).expect("opens: records are checked when read");
            for (idx, made) in MADE.2.iter().enumerate() {
                let hit = flipped.iter().any(|at| records[idx].contains(at));
                let expected = if hit { damaged_item() } else { made.clone() };
                prop_assert_eq!(data.item(idx), &expected, "item {}", idx);
            }
            prop_assert!(data.met_damage());
        }

        /// Whatever bytes are flipped, anywhere: never a panic, never an
        /// item that is not the one made (or reads as damaged), and the
        /// whole file checks only if it is the one made. What is shown is
        /// checked by section, on every case, by the properties above.
        #[test]
        fn flipped_bytes_never_show_other_data(flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..16)) {
            let mut bytes = MADE.0.clone();
            for (at, mask) in flips {
                let at = at.index(bytes.len());
                bytes[at] ^= mask;
            }
            prop_assert_eq!(verify(&bytes, "k"), bytes == MADE.0);
            if let Some(data) = opened(&bytes) {
                // Everything is read, names and lists too: never a panic.
                let _ = visible(&data);
                let damaged = damaged_item();
                for (idx, made) in MADE.2.iter().enumerate() {
                    let item = data.item(idx);
                    prop_assert!(item == made || *item == damaged, "item {idx}");
                }
            }
        }
    }
}
