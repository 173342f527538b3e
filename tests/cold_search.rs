//! A cold `wsis search` answers from an index of its query's words alone
//! (`SearchIndex::for_query`): its answer must be the full index's, hit for
//! hit (items, order, scores, fields, explanations), on every judged query,
//! awkward ones, generated data and generated queries; and the CLI prints
//! the same bytes cold, stale and warm, storing the full index after a
//! stale run so the next is warm.

mod common;
#[allow(dead_code)]
#[path = "relevance/judge.rs"]
mod judge;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{DATA, settled_synth_file, synth};
use proptest::prelude::*;
use wsis_browser::data::{Dataset, SourceFile};
use wsis_browser::search::SearchIndex;

/// Queries that take every path of a search: typos, prefixes, letters in
/// order, symbols and their pieces, years, category and heading words,
/// draft words, numbers, single letters, joined words, non-ASCII, folded
/// forms, words matching nothing, and no word at all.
const AWKWARD: &[&str] = &[
    "",
    "  ",
    "—",
    "igf",
    "internet governance",
    "intrnet govrnance",
    "governanse",
    "gov",
    "govern forum",
    "70/125",
    "a/res/70",
    "A/RES/80/173",
    "2006/46",
    "e/2011",
    "/",
    "2013",
    "2005 tunis",
    "1999",
    "resolution",
    "report",
    "documents",
    "ga resolutions",
    "sg report 2011",
    "draft",
    "zero draft",
    "wsis+20 review resolution",
    "wsis+20",
    "wsis 10",
    "e-health",
    "e health",
    "health",
    "a",
    "e",
    "x",
    "10",
    "125",
    "côte d'ivoire",
    "JOÃO",
    "ﬁnance",
    "ＩＧＦ",
    "tunis agenda",
    "genva declaration",
    "declaration of principles",
    "itu unesco undp",
    "forum 2014",
    "igf-2023",
    "wsis20",
    "wsis2",
    "ehealth",
    "eh",
    "egov who",
    "wsis10 outcome",
    "synth12",
    "ares70125",
    // The case proptest once found (its seed, in the regressions file,
    // replays other queries since the generator names joined words too).
    "#1000)",
    "1/193 Societies",
    "outccomes Fve.",
    "222 {'ೱ (i 886/55",
    "zzzzqx",
    "internet governance forum 2019 berlin",
    "a b c d e f g h i j k l m n o p q r",
    // No item holds every word: the answer names a query with fewer,
    // counting hits that a symbol, a year or a category's name helps match.
    "igf 70/125 zzzzqx",
    "2013 tunis zzzzqx",
    "resolution summit zzzzqx",
    // Asked again on an index of the shorter query's words, these found
    // another shorter query than on their own (see `assert_same_answer`).
    "el resolution response",
    "tw 2023 assembly",
    "conference 2022 adv",
];

/// Asserts that `query` finds in `data`, from its own index, what `full`
/// (the whole index of `data`) finds: as the browser and `--limit` take
/// hits (the first explained) and as `wsis search` takes them (all, then
/// each explained), with the same ids, symbols and titles to print, and
/// the same query with fewer words when no item holds them all.
fn assert_same_answer(data: &Dataset, full: &SearchIndex, query: &str) {
    let cold = SearchIndex::for_query(data, query);
    assert_eq!(cold.search(query, None), full.search(query, None), "{query:?}");
    let mut cold_hits = cold.search_unexplained(query);
    let mut full_hits = full.search_unexplained(query);
    cold.explain_all(&mut cold_hits, query);
    full.explain_all(&mut full_hits, query);
    assert_eq!(cold_hits, full_hits, "{query:?}, each explained");
    let printed = |index: &SearchIndex, item| {
        (
            index.id(item).to_owned(),
            index.symbol(item).map(str::to_owned),
            index.title(item).to_owned(),
        )
    };
    for hit in &full_hits {
        assert_eq!(
            printed(&cold, hit.item),
            printed(full, hit.item),
            "{query:?}, item {}",
            hit.item
        );
    }
    if full_hits.is_empty() {
        let fewer = full.fewer_words_with_hits(query);
        assert_eq!(cold.fewer_words_with_hits(query), fewer, "{query:?}, fewer words");
        // A cold search shows the shorter query's hits from an index of
        // its words, handed the shorter query found on this one.
        if let Some((_, fewer)) = fewer {
            assert_same_answer(data, full, &fewer.kept);
        }
    }
}

#[test]
fn every_judged_and_awkward_query_finds_what_the_full_index_finds() {
    let full = SearchIndex::new(&DATA);
    let judged = judge::JUDGED.iter().map(|judged| judged.query);
    for query in judged.chain(AWKWARD.iter().copied()) {
        assert_same_answer(&DATA, &full, query);
    }
}

/// The embedded data and `items` generated ones.
fn with_generated(items: usize) -> Dataset {
    let mut files = SourceFile::embedded();
    let mut text = Vec::new();
    synth::write(items, &mut text).expect("in-memory write");
    files.push(SourceFile {
        name: "synth.ron".into(),
        text: String::from_utf8(text).expect("UTF-8"),
        embedded: false,
    });
    Dataset::from_files(&files).expect("valid generated data")
}

#[test]
fn a_generated_dataset_gives_the_full_index_answer() {
    // Past `build`'s threshold for building on both cores.
    let data = with_generated(5000);
    let full = SearchIndex::new(&data);
    let judged = judge::JUDGED.iter().map(|judged| judged.query);
    for query in judged.chain(AWKWARD.iter().copied()) {
        assert_same_answer(&data, &full, query);
    }
}

/// A query word near a word of the data: itself, a prefix, a typo (a
/// letter dropped, doubled or swapped), its letters spaced out, or itself
/// or its start without its joiners ("wsis20", "eheal").
fn near(word: &str, how: u8, at: usize) -> String {
    let chars: Vec<char> = word.chars().collect();
    let at = at % chars.len().max(1);
    let mut out = chars.clone();
    match how % 6 {
        0 => {}
        5 => {
            out.retain(|c| !"-+/".contains(*c));
            out.truncate(at + 2);
        }
        1 => out.truncate(at + 1),
        2 if chars.len() > 1 => {
            out.remove(at);
        }
        3 => out.insert(at, chars[at]),
        _ if at + 1 < chars.len() => out.swap(at, at + 1),
        _ => out = chars.iter().step_by(2).copied().collect(),
    }
    out.into_iter().collect()
}

/// The words of the data's titles and short titles, a pool for
/// generated queries (short titles hold most joined words: "WSIS+20").
fn title_words(data: &Dataset) -> Vec<String> {
    let mut words: Vec<String> = (0..data.len())
        .flat_map(|idx| {
            let item = data.item(idx);
            let short_title = item.short_title.as_deref().unwrap_or_default();
            let titles = item.title.split_whitespace().chain(short_title.split_whitespace());
            titles.map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A query of up to four words, each near a title word or any text.
fn query_strategy(pool: Vec<String>) -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => (any::<prop::sample::Index>(), any::<u8>(), any::<usize>())
            .prop_map(move |(pick, how, at)| near(pick.get::<String>(&pool), how, at)),
        1 => "\\PC{1,6}",
        1 => "[0-9/]{1,7}",
    ];
    prop::collection::vec(word, 1..=4).prop_map(|words| words.join(" "))
}

/// Each case builds the whole index and four queries' indexes of up to
/// 300 items: at CI's 10 000 cases (`PROPTEST_CASES`, which the
/// `proptest!` macro lets override any count in the code) this one test
/// took ten minutes, so it runs its own runner with at most this many.
const MAX_CASES: u32 = 256;

/// Cases when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 16;

#[test]
fn any_generated_query_on_generated_data_finds_what_the_full_index_finds() {
    use proptest::test_runner::{FileFailurePersistence, TestRunner};
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
        .min(MAX_CASES);
    let mut runner = TestRunner::new(ProptestConfig {
        cases,
        source_file: Some(file!()),
        test_name: Some("any_generated_query_on_generated_data_finds_what_the_full_index_finds"),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        ..ProptestConfig::default()
    });
    let strategy = (
        0usize..300,
        prop::collection::vec(query_strategy(title_words(&DATA)), 4),
    );
    let outcome = runner.run(&strategy, |(items, queries)| {
        let data = with_generated(items);
        let full = SearchIndex::new(&data);
        for query in &queries {
            assert_same_answer(&data, &full, query);
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// A word of generated text: letters that fold to others (accents,
/// ligatures, fullwidth, dotted capital I), digits, and parts joined by
/// '-', '+', '/' or a dash that folds to '-', or split by a typographic
/// apostrophe.
const WORD: &str = "[a-zA-Z0-9éÉôœßﬁİＩ]{1,7}([-+/—’][a-zéﬁ0-9]{1,5}){0,2}";

/// Text of one to `words` generated words.
fn text(words: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(WORD, 1..=words).prop_map(|words| words.join(" "))
}

/// One generated item, as RON, numbered `at`; its words.
fn item(at: usize, (title, summary, tags, points): (String, String, Vec<String>, Vec<String>)) -> (String, String) {
    let list = |texts: &[String]| texts.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ");
    let ron = format!(
        "Item(id: \"g-{at}\", category: \"outcome\", title: {title:?}, summary: {summary:?}, \
         tags: [{}], points: [{}]),",
        list(&tags),
        list(&points)
    );
    let words = [title, summary]
        .into_iter()
        .chain(tags)
        .chain(points)
        .collect::<Vec<_>>()
        .join(" ");
    (ron, words)
}

/// Up to twelve generated items as a RON list, and a query of up to three
/// words each near one of their words or any text.
fn items_and_query() -> impl Strategy<Value = (String, String)> {
    let fields = (
        "[a-zA-Z]{1,6}( [a-z]{1,6}){0,3}",
        text(12),
        prop::collection::vec(text(3), 0..3),
        prop::collection::vec(text(6), 0..3),
    );
    prop::collection::vec(fields, 1..12).prop_flat_map(|items| {
        let (rons, words): (Vec<String>, Vec<String>) = items
            .into_iter()
            .enumerate()
            .map(|(at, item_fields)| item(at, item_fields))
            .unzip();
        let pool: Vec<String> = words.join(" ").split_whitespace().map(str::to_string).collect();
        let data = format!("[{}]", rons.join("\n"));
        let pick = (any::<prop::sample::Index>(), any::<u8>(), any::<usize>())
            .prop_map(move |(pick, how, at)| near(pick.get::<String>(&pool), how, at));
        let word = prop_oneof![4 => pick, 1 => WORD];
        (
            Just(data),
            prop::collection::vec(word, 1..=3).prop_map(|words| words.join(" ")),
        )
    })
}

/// Each case builds two indexes of a few items: cheap, but CI's 10 000
/// cases would still take minutes in a debug build.
const MAX_WORD_CASES: u32 = 1024;

/// Cases when `PROPTEST_CASES` is not set.
const DEFAULT_WORD_CASES: u32 = 64;

#[test]
fn any_query_near_words_with_accents_and_joiners_finds_what_the_full_index_finds() {
    use proptest::test_runner::{FileFailurePersistence, TestRunner};
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_WORD_CASES)
        .min(MAX_WORD_CASES);
    let mut runner = TestRunner::new(ProptestConfig {
        cases,
        source_file: Some(file!()),
        test_name: Some("any_query_near_words_with_accents_and_joiners_finds_what_the_full_index_finds"),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        ..ProptestConfig::default()
    });
    let outcome = runner.run(&items_and_query(), |(text, query)| {
        let data = common::dataset_from(&text);
        let full = SearchIndex::new(&data);
        assert_same_answer(&data, &full, &query);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// Runs `wsis` on `data` with the cache in `cache`, tracing its stages.
fn wsis_with_cache(cache: &Path, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wsis"))
        .env("XDG_CACHE_HOME", cache)
        .env("WSIS_TRACE_LOAD", "1")
        .env("COLUMNS", "120")
        .arg("--no-user-data")
        .arg("--data")
        .arg(data)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("runs")
}

fn answered_from_the_query_words(output: &Output) -> bool {
    String::from_utf8_lossy(&output.stderr).contains("query's index built")
}

#[test]
fn the_cli_prints_the_same_cold_stale_and_warm_and_a_stale_run_stores_the_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = settled_synth_file(dir.path(), 300);
    for (at, format) in ["json", "table", "tsv"].into_iter().enumerate() {
        let cache = dir.path().join(format!("cache-{at}"));
        let search = ["search", "--format", format, "internet", "govrnance"];
        let stale = wsis_with_cache(&cache, &data, &search);
        let warm = wsis_with_cache(&cache, &data, &search);
        let cold = wsis_with_cache(&cache, &data, &[&["--no-cache"], &search[..]].concat());
        for run in [&stale, &warm, &cold] {
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        }
        assert!(!stale.stdout.is_empty());
        assert!(stale.stdout == warm.stdout && cold.stdout == warm.stdout, "{format}");
        assert!(answered_from_the_query_words(&stale), "no index stored yet");
        assert!(!answered_from_the_query_words(&warm), "the stale run stored the index");
        assert!(answered_from_the_query_words(&cold));
    }
}

/// A data file written just now may not be stored under its key (it may
/// still be being written): the search answers and stops, without
/// building a full index it could only throw away.
#[test]
fn a_search_on_unsettled_data_builds_no_index_it_cannot_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = settled_synth_file(dir.path(), 300);
    let text = std::fs::read(&data).expect("read back");
    std::fs::write(&data, text).expect("rewritten just now");
    let cache = dir.path().join("cache");
    let search = ["search", "internet"];
    let first = wsis_with_cache(&cache, &data, &search);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(!first.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(answered_from_the_query_words(&first), "{stderr}");
    assert!(!stderr.contains("search index built and stored"), "{stderr}");
}
