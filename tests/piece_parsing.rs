//! A large data file is parsed in pieces on several threads. Whatever the
//! pieces, the result is exactly that of parsing the file whole on one
//! thread: the same items in the same order, or the same error at the same
//! line and column of the whole file.

use proptest::prelude::*;
use ron::ser::PrettyConfig;
use wsis_browser::data::fast_parse::{Part, read_part};
use wsis_browser::data::load::parse_items;
use wsis_browser::data::parse_all::{Parsed, Sharing, parse_all, parse_shared};
use wsis_browser::data::partial::load_what_loads_counted;
use wsis_browser::data::pieces::{PIECE_BYTES, plan};
use wsis_browser::data::progress::{Progress, Stage};
use wsis_browser::data::streamed::{self, STREAM_FROM_BYTES};
use wsis_browser::data::{Dataset, Item, Link, Relation, SourceFile, Text};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn source(text: String) -> SourceFile {
    SourceFile {
        name: "big.ron".into(),
        text,
        embedded: false,
    }
}

fn in_pieces(file: &SourceFile, piece_bytes: usize) -> Parsed {
    in_pieces_counted(file, piece_bytes, &Progress::default())
}

/// Progress counts the bytes of the pieces that parsed; a file parsed
/// again whole (after a piece failed) counts none.
fn in_pieces_counted(file: &SourceFile, piece_bytes: usize, progress: &Progress) -> Parsed {
    let sharing = Sharing {
        threads: 2,
        piece_bytes,
    };
    parse_shared(std::slice::from_ref(file), progress, sharing).remove(0)
}

/// Text that a cut must never fall inside of.
const TRICKY: &str = "[a-z ,()\\[\\]\"\\\\/*'#:é\n]{0,24}";

fn item() -> impl Strategy<Value = Item> {
    let link = (0..Relation::ALL.len(), "[a-z]{1,6}", proptest::option::of(TRICKY));
    (
        "[a-z0-9-]{1,10}",
        TRICKY,
        proptest::option::of(TRICKY),
        proptest::collection::vec(TRICKY, 0..3),
        proptest::collection::vec(link, 0..3),
    )
        .prop_map(|(id, title, symbol, points, links)| Item {
            id: id.into(),
            category: "ga".into(),
            symbol: symbol.map(Text::from),
            title: title.into(),
            short_title: None,
            aliases: Box::default(),
            date: None,
            until: None,
            paragraphs: None,
            title_is_ours: false,
            body: None,
            summary: Text::default(),
            points: points.into_iter().map(Text::from).collect(),
            url: None,
            sources: Box::default(),
            tags: Box::default(),
            links: links
                .into_iter()
                .map(|(rel, to, note)| Link {
                    rel: Relation::ALL[rel],
                    to: to.into(),
                    note: note.map(Text::from),
                })
                .collect(),
            unconfirmed: Box::default(),
        })
}

/// A data file of `items`, each written as synth writes them, with a
/// comment (line or nested block, holding commas and brackets) after some.
fn file_text(items: &[Item], comments: &[bool]) -> String {
    let config = PrettyConfig::new().struct_names(true);
    let mut text = String::from("// items, [generated] (for a test)\n[\n");
    for (item, &comment) in items.iter().zip(comments.iter().cycle()) {
        text.push_str(&ron::ser::to_string_pretty(item, config.clone()).expect("serialises"));
        text.push_str(",\n");
        if comment {
            text.push_str("/* a ( /* nested, ] */ \" */ // and, Item(\n");
        }
    }
    text.push_str("]\n");
    text
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn pieces_give_exactly_the_items_of_the_whole_file(
        items in proptest::collection::vec(item(), 0..40),
        comments in proptest::collection::vec(any::<bool>(), 1..4),
        piece_bytes in 1usize..600,
    ) {
        let file = source(file_text(&items, &comments));
        let whole = parse_items(&file);
        prop_assert_eq!(whole.as_ref().ok(), Some(&items));
        let progress = Progress::default();
        prop_assert_eq!(in_pieces_counted(&file, piece_bytes, &progress), whole);
        // Every piece parsed: the file was not parsed again whole.
        prop_assert_eq!(progress.seen().bytes_done, file.text.len() as u64);
    }

    #[test]
    fn a_damaged_file_gives_the_same_error_in_pieces(
        items in proptest::collection::vec(item(), 1..30),
        comments in proptest::collection::vec(any::<bool>(), 1..4),
        at in any::<prop::sample::Index>(),
        damage in prop_oneof![
            Just(""), Just("\""), Just(","), Just(",,"), Just("("), Just(")"), Just("]"),
            Just("/*"), Just("//"), Just("'"), Just("r#\""), Just("bogus: 1,"), Just("#![enable(x)]"),
        ],
        cut in any::<bool>(),
        piece_bytes in 1usize..400,
    ) {
        let mut text = file_text(&items, &comments);
        let mut offset = at.index(text.len() + 1);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let end = if cut { text[offset..].chars().next().map_or(offset, |c| offset + c.len_utf8()) } else { offset };
        text.replace_range(offset..end, damage);
        let file = source(text);
        prop_assert_eq!(in_pieces(&file, piece_bytes), parse_items(&file));
    }
}

fn synth_items(count: usize) -> Vec<Item> {
    (0..count)
        .map(|n| Item {
            id: format!("big-{n}").into(),
            category: "ga".into(),
            symbol: None,
            title: format!("Item number {n}, with (brackets) and \"quotes\"").into(),
            short_title: None,
            aliases: Box::default(),
            date: Some("2005-11-18".into()),
            until: None,
            paragraphs: None,
            title_is_ours: false,
            body: None,
            summary: "A summary long enough to make the file large: ".repeat(8).into(),
            points: ["a point".into(), "another, with a comma".into()].into(),
            url: None,
            sources: Box::default(),
            tags: ["tag".into()].into(),
            links: Box::default(),
            unconfirmed: Box::default(),
        })
        .collect()
}

/// A file of several MB, so it is cut at the real piece size.
fn big_text() -> String {
    let text = file_text(&synth_items(9000), &[false]);
    assert!(text.len() > 4 << 20, "{} bytes is not several pieces", text.len());
    text
}

#[test]
fn a_large_file_parses_to_the_same_items_in_pieces() {
    let file = source(big_text());
    let pieces = plan(&file.text, PIECE_BYTES).expect("a plain list");
    assert!(pieces.ranges.len() >= 4, "{} pieces", pieces.ranges.len());
    assert_eq!(pieces.items.iter().sum::<usize>(), 9000);
    let progress = Progress::default();
    let parsed = parse_all(std::slice::from_ref(&file), &progress).remove(0);
    assert_eq!(parsed, Ok(synth_items(9000)));
    assert_eq!(progress.seen().bytes_done, file.text.len() as u64);
}

#[test]
fn a_syntax_error_late_in_a_large_file_is_at_its_line_and_column() {
    let mut text = big_text();
    let marker = "id: \"big-7777\",";
    let at = text.find(marker).expect("the item is there") + marker.len();
    text.insert_str(at, " bogus: 1,");
    let expected = line_col(&text, at + 1);
    let problems = Dataset::from_files(&[source(text)]).expect_err("an unknown field");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].position, Some(expected), "{}", problems[0]);
    assert!(problems[0].message.contains("bogus"), "{}", problems[0]);
    assert!(problems[0].render().contains("bogus: 1"), "{}", problems[0].render());
}

#[test]
fn a_bad_link_late_in_a_large_file_is_at_its_line_and_column() {
    let mut items = synth_items(9000);
    items[8500].links = [Link {
        rel: Relation::ALL[0],
        to: "nowhere-to-be-found".into(),
        note: None,
    }]
    .into();
    let text = file_text(&items, &[false]);
    let at = text.find("\"nowhere-to-be-found\"").expect("the link is there");
    let problems = Dataset::from_files(&[source(text.clone())]).expect_err("an unknown id");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].position, Some(line_col(&text, at)), "{}", problems[0]);
}

/// A file read from disk has its text freed once parsed; a problem found
/// later is located in the text read again.
#[test]
fn a_bad_link_late_in_a_large_file_on_disk_is_at_its_line_and_column() {
    let mut items = synth_items(9000);
    items[8999].links = [Link {
        rel: Relation::ALL[0],
        to: "nowhere-to-be-found".into(),
        note: None,
    }]
    .into();
    items[10].date = Some("2005-13-01".into());
    let text = file_text(&items, &[false]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).expect("write");
    let problems = Dataset::with_overlays(&[&path]).expect_err("a bad date and an unknown id");
    let positions: Vec<_> = problems.iter().map(|p| p.position).collect();
    let date = text.find("\"2005-13-01\"").expect("the date is there");
    let link = text.find("\"nowhere-to-be-found\"").expect("the link is there");
    assert_eq!(positions, [Some(line_col(&text, date)), Some(line_col(&text, link))]);
    assert!(
        problems[1].render().contains("nowhere-to-be-found"),
        "{}",
        problems[1].render()
    );
}

/// A file read a batch at a time, in batches of a few pieces of
/// `piece_bytes`: the items, or `None` when it must be parsed whole.
fn streamed(text: &str, piece_bytes: usize) -> Option<Vec<Item>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, text).expect("write");
    let sharing = Sharing {
        threads: 2,
        piece_bytes,
    };
    let progress = Progress::default();
    let items = streamed::parse_shared(&path, &progress, sharing).map(|s| s.items);
    if items.is_some() {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        assert_eq!(progress.seen().bytes_done, (text.len() - bom) as u64);
    }
    items
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Batches end anywhere (inside a string, a comment, a character):
    /// only what is certain is cut, the rest waits for the next batch.
    #[test]
    fn a_file_read_in_batches_gives_exactly_its_items(
        items in proptest::collection::vec(item(), 0..40),
        comments in proptest::collection::vec(any::<bool>(), 1..4),
        piece_bytes in 1usize..300,
        bom in any::<bool>(),
    ) {
        let mut text = file_text(&items, &comments);
        if bom {
            text.insert(0, '\u{feff}');
        }
        prop_assert_eq!(streamed(&text, piece_bytes), Some(items));
    }

    /// A damaged file never gives items it would not give whole: it gives
    /// `None`, and is then parsed whole for its exact error.
    #[test]
    fn a_damaged_file_read_in_batches_gives_no_other_items(
        items in proptest::collection::vec(item(), 1..30),
        at in any::<prop::sample::Index>(),
        damage in prop_oneof![
            Just(""), Just("\""), Just(","), Just(",,"), Just("("), Just(")"), Just("]"),
            Just("/*"), Just("//"), Just("'"), Just("r#\""), Just("bogus: 1,"), Just("#![enable(x)]"),
        ],
        piece_bytes in 1usize..300,
    ) {
        let mut text = file_text(&items, &[true, false]);
        let mut offset = at.index(text.len() + 1);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        text.insert_str(offset, damage);
        let whole = parse_items(&source(text.clone())).ok();
        if let Some(items) = streamed(&text, piece_bytes) {
            prop_assert_eq!(Some(items), whole);
        }
    }
}

#[test]
fn a_file_that_is_not_utf8_is_left_to_be_read_whole() {
    let mut bytes = file_text(&synth_items(50), &[false]).into_bytes();
    let at = bytes.len() / 2;
    bytes[at] = 0xff;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, &bytes).expect("write");
    let sharing = Sharing {
        threads: 2,
        piece_bytes: 64,
    };
    assert!(streamed::parse_shared(&path, &Progress::default(), sharing).is_none());
    let problems = Dataset::with_overlays(&[&path]).expect_err("not UTF-8");
    assert!(problems[0].message.contains("UTF-8"), "{}", problems[0]);
}

/// Items for a file over [`STREAM_FROM_BYTES`], which is read a batch at
/// a time.
fn streamed_file_items() -> Vec<Item> {
    synth_items(16_000)
}

/// A file too large to be held whole is parsed in batches; problems found
/// after parsing are located in its text read again (its fingerprint,
/// taken batch by batch, matches the text's), and a syntax error sends it
/// to be parsed whole, for its exact place.
#[test]
fn problems_in_a_file_read_in_batches_are_at_their_line_and_column() {
    let mut items = streamed_file_items();
    items[15_999].links = [Link {
        rel: Relation::ALL[0],
        to: "nowhere-to-be-found".into(),
        note: None,
    }]
    .into();
    items[10].date = Some("2005-13-01".into());
    let text = file_text(&items, &[false]);
    assert!(text.len() as u64 >= STREAM_FROM_BYTES, "{} bytes", text.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).expect("write");
    let problems = Dataset::with_overlays(&[&path]).expect_err("a bad date and an unknown id");
    let positions: Vec<_> = problems.iter().map(|p| p.position).collect();
    let date = text.find("\"2005-13-01\"").expect("the date is there");
    let link = text.find("\"nowhere-to-be-found\"").expect("the link is there");
    assert_eq!(positions, [Some(line_col(&text, date)), Some(line_col(&text, link))]);

    let mut text = file_text(&streamed_file_items(), &[false]);
    let marker = "id: \"big-15000\",";
    let at = text.find(marker).expect("the item is there") + marker.len();
    text.insert_str(at, " bogus: 1,");
    std::fs::write(&path, &text).expect("write");
    let problems = Dataset::with_overlays(&[&path]).expect_err("an unknown field");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].position, Some(line_col(&text, at + 1)), "{}", problems[0]);
}

#[test]
fn a_file_read_in_batches_loads_as_when_read_whole() {
    let text = file_text(&streamed_file_items(), &[true, false]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).expect("write");
    let loaded = Dataset::with_overlays(&[&path]).expect("loads");
    let whole = Dataset::from_files(&[SourceFile::embedded(), vec![source(text)]].concat()).expect("loads");
    assert!(loaded.items().eq(whole.items()));
    assert_eq!(loaded.len(), whole.len());
}

/// A file given up after some batches parsed (here: an unknown field in a
/// late item) takes back what it counted: read whole next, it is counted
/// then, once.
#[test]
fn a_file_given_up_after_some_batches_leaves_nothing_counted() {
    let mut text = file_text(&synth_items(200), &[false]);
    let marker = "id: \"big-180\",";
    let at = text.find(marker).expect("the item is there") + marker.len();
    text.insert_str(at, " bogus: 1,");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("late.ron");
    std::fs::write(&path, &text).expect("write");
    let sharing = Sharing {
        threads: 2,
        piece_bytes: 256,
    };
    let progress = Progress::default();
    assert!(streamed::parse_shared(&path, &progress, sharing).is_none());
    let seen = progress.seen();
    assert_eq!((seen.bytes_done, seen.items), (0, 0), "{seen:?}");
}

/// A large file and the embedded data, loaded with progress: the stages
/// are entered once each, in order, the large file counted while it is
/// read (it is parsed as it is read), and every item counted once.
#[test]
fn a_large_file_is_counted_in_the_reading_stage_once() {
    let text = file_text(&streamed_file_items(), &[false]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, &text).expect("write");
    let progress = Progress::default();
    let data = Dataset::with_overlays_counted(&[&path], &progress).expect("loads");
    let entered = progress.entered();
    let stages: Vec<Stage> = entered.iter().map(|seen| seen.stage).collect();
    assert_eq!(stages, [Stage::Reading, Stage::Parsing, Stage::Checking]);
    assert_eq!(entered[0].bytes_done, 0);
    assert_eq!(
        entered[1].bytes_done,
        text.len() as u64,
        "read and parsed before parsing the rest"
    );
    assert_eq!(entered[1].items, streamed_file_items().len() as u64);
    assert_eq!(progress.seen().items, data.len() as u64, "each item once");
}

/// A large file that is not UTF-8 near its end: the batches before the
/// bad byte were counted, then the file is read whole, refused and left
/// out. Only the items loaded stay counted.
#[test]
fn a_large_file_refused_late_adds_no_items_to_the_count() {
    let mut bytes = file_text(&streamed_file_items(), &[false]).into_bytes();
    let at = bytes.len() - 1000;
    bytes[at] = 0xff;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, &bytes).expect("write");
    let progress = Progress::default();
    let (data, skipped) = load_what_loads_counted(std::slice::from_ref(&path), &progress);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(progress.seen().items, data.len() as u64);
    let seen = progress.seen();
    assert!(seen.bytes_done <= seen.bytes_total, "{seen:?}");
}

/// A file as written by hand: one item a line, each title written as it
/// is (raw line breaks and all), so a title can hold what looks like the
/// end of an item and the start of the next (`),\nItem(`).
fn hand_written(titles: &[String]) -> String {
    let mut text = String::from("[\n");
    for (n, title) in titles.iter().enumerate() {
        text.push_str(&format!("Item(id: \"i{n}\", category: \"ga\", title: \"{title}\"),\n"));
    }
    text.push_str("]\n");
    text
}

/// Titles full of commas, line breaks and `Item(`: where a file is cut is
/// guessed from such text, and a guess inside a string must never stand.
const LOOKS_LIKE_ITEMS: &str = "(,|\n|\n  |Item\\(|\\)|[a-z ]){0,30}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Guessed cuts that fall inside strings are found out (the piece
    /// before does not parse), and the file is read with lexed cuts: the
    /// items are exactly the whole file's.
    #[test]
    fn cuts_guessed_inside_strings_never_change_the_items(
        titles in proptest::collection::vec(LOOKS_LIKE_ITEMS, 0..40),
        piece_bytes in 1usize..300,
    ) {
        let text = hand_written(&titles);
        let whole = parse_items(&source(text.clone())).expect("a valid file");
        prop_assert_eq!(whole.len(), titles.len());
        prop_assert_eq!(streamed(&text, piece_bytes), Some(whole));
    }

    /// A piece cut just after a comma parses (with its brackets implied)
    /// only if that comma is the list's own: then the pieces before and
    /// after it give exactly the file's items, split there.
    #[test]
    fn a_piece_ends_only_on_a_comma_of_the_list(
        titles in proptest::collection::vec(LOOKS_LIKE_ITEMS, 1..12),
        items in proptest::collection::vec(item(), 1..8),
        comments in proptest::collection::vec(any::<bool>(), 1..4),
        hand in any::<bool>(),
    ) {
        let text = if hand { hand_written(&titles) } else { file_text(&items, &comments) };
        let whole = parse_items(&source(text.clone())).expect("a valid file");
        for (comma, _) in text.match_indices(',') {
            let cut = comma + 1;
            let Some(before) = pieces_items(&text[..cut], Part { opens: false, closes: true }) else {
                continue;
            };
            let after = pieces_items(&text[cut..], Part { opens: true, closes: false });
            prop_assert_eq!(Some([before, after.unwrap_or_default()].concat()), Some(whole.clone()), "cut at {}", cut);
        }
    }
}

/// The items the fast parser reads in one piece, `None` if it declines.
fn pieces_items(text: &str, part: Part) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    read_part(text, part, |item| {
        items.push(item);
        Some(())
    })?;
    Some(items)
}

/// A large file whose every item holds text that looks like an item's
/// end and the next one's start: the cuts guessed there fail, the file is
/// read again with lexed cuts, and counted once.
#[test]
fn a_large_file_with_items_inside_its_strings_loads_as_when_read_whole() {
    let titles: Vec<String> = (0..4000)
        .map(|n| format!("title {n},\nItem(id: fake-{n}, category: ga),\n"))
        .collect();
    let text = hand_written(&titles);
    let whole = parse_items(&source(text.clone())).expect("a valid file");
    assert_eq!(streamed(&text, 4096), Some(whole));
}
