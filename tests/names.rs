//! A reader names items as the screen shows them: a whole title or short
//! title works wherever a name is taken, after ids, symbols and aliases.

mod common;

use common::wsis;

#[test]
fn show_takes_a_title_or_short_title_as_shown() {
    for (name, id) in [
        ("Global Digital Compact", "gdc"),
        ("global digital compact (GDC)", "gdc"),
        ("Tunis Agenda for the Information Society", "tunis-agenda"),
    ] {
        let out = wsis(&["show", "--json", name]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(shown["id"], id, "{name}");
    }
    let out = wsis(&["show", "Global Digital"]);
    assert!(!out.status.success(), "a title is taken whole, not in part");
}

/// What a command prints for a name of no item: nothing on stdout, status
/// 2, and on stderr the items the browser's jump would offer for it.
fn refused(args: &[&str]) -> String {
    let out = wsis(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing is picked in its place");
    String::from_utf8(out.stderr).expect("UTF-8")
}

#[test]
fn a_name_of_no_item_offers_what_the_jump_offers_for_every_command() {
    for args in [
        &["show", "compact"][..],
        &["show", "--json", "compact"],
        &["cite", "70/125", "compact"],
        &["cite", "--format", "bibtex", "compact"],
        &["open", "compact"],
        &["path", "cstd", "compact"],
        &["export", "--format", "json", "--from", "compact"],
    ] {
        let stderr = refused(args);
        assert!(
            stderr.contains("no item is called \"compact\"; did you mean:"),
            "{args:?}: {stderr}"
        );
        let offered: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
        assert_eq!(offered.len(), 5, "the best few: {stderr}");
        assert!(
            offered[0].starts_with("  gdc  Global Digital Compact"),
            "best first: {stderr}"
        );
        assert!(stderr.contains("`wsis search compact`"), "{stderr}");
    }
}

#[test]
fn suggestions_follow_the_jump_ranking_and_show_symbols() {
    let stderr = refused(&["show", "tunis agenda para"]);
    let first = stderr.lines().nth(1).unwrap_or_default();
    // Paragraph items first (the most linked to of them leads).
    assert!(first.starts_with("  tunis-agenda-para"), "{stderr}");
    let stderr = refused(&["show", "c7 health"]);
    assert!(stderr.contains("\n  al-c7-e-health  C7 E-health\n"), "{stderr}");
    let stderr = refused(&["cite", "tunis agend"]);
    assert!(
        stderr.contains("  tunis-agenda  WSIS-05/TUNIS/DOC/6(Rev.1)-E  Tunis Agenda"),
        "id, symbol and title: {stderr}"
    );
}

/// A symbol with two digits swapped (a trial typed `2006/64`) is offered
/// the symbols one slip from it, never taken for them.
#[test]
fn a_symbol_one_slip_away_is_offered() {
    for (typo, offered_id) in [
        ("2006/64", "ecosoc-2006-46"),
        ("70/152", "ga-70-125"),
        ("E/RES/2006/64", "ecosoc-2006-46"),
    ] {
        let stderr = refused(&["show", typo]);
        assert!(
            stderr.contains(&format!("no item is called \"{typo}\"; did you mean:")),
            "{stderr}"
        );
        let offered: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
        assert!(
            offered
                .iter()
                .any(|line| line.starts_with(&format!("  {offered_id}  "))),
            "{typo}: {stderr}"
        );
    }
}

#[test]
fn a_single_near_name_is_offered_never_taken() {
    for typo in ["tunis-agnda", "tunis agnda"] {
        let stderr = refused(&["show", typo]);
        let offered: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
        assert_eq!(offered.len(), 1, "{stderr}");
        assert!(offered[0].starts_with("  tunis-agenda  "), "{stderr}");
    }
}

#[test]
fn a_name_near_nothing_points_to_search() {
    let stderr = refused(&["show", "zzqxjv"]);
    assert!(!stderr.contains("did you mean"), "{stderr}");
    assert!(
        stderr.contains("no item is called \"zzqxjv\"; try `wsis search zzqxjv`"),
        "{stderr}"
    );
    assert!(
        !refused(&["show", " "]).contains("did you mean"),
        "a blank name suggests nothing"
    );
}

#[test]
fn an_empty_name_is_bad_input_not_an_empty_search() {
    for name in ["", "  "] {
        let stderr = refused(&["show", name]);
        assert!(stderr.contains("an empty name names no item"), "{stderr}");
        assert!(!stderr.contains("wsis search"), "{stderr}");
    }
}

/// A draft's symbol without its organ's letter, in any case, names it as a
/// bare resolution number does ("80/l.41" was refused while the refusal
/// offered A/80/L.41; trial), in every command that takes a name.
#[test]
fn a_draft_symbol_without_its_letter_names_the_draft() {
    for args in [&["cite", "80/l.41"][..], &["show", "--json", "80/L.41"]] {
        let out = wsis(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(stdout.contains("A/80/L.41"), "{args:?}: {stdout}");
    }
    // A resolution's own bare number still wins.
    let out = wsis(&["show", "--json", "70/125"]);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(shown["symbol"], "A/RES/70/125");
}

/// Where the letterless symbol is a GA and an ECOSOC document alike, it
/// is refused and both are listed.
#[test]
fn a_letterless_symbol_of_two_organs_is_refused_with_both() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("letterless-two-organs");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("two.ron");
    std::fs::write(
        &file,
        r#"[
        Item(id: "ga-draft", category: "ga", symbol: Some("A/1/L.1"), title: "A GA draft"),
        Item(id: "ecosoc-draft", category: "ecosoc", symbol: Some("E/1/L.1"), title: "An ECOSOC draft"),
    ]"#,
    )
    .unwrap();
    let data = file.to_str().unwrap();
    let out = wsis(&["--data", data, "cite", "1/l.1"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing is picked");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(stderr.contains("names 2 items"), "{stderr}");
    assert!(
        stderr.contains("ga-draft") && stderr.contains("ecosoc-draft"),
        "{stderr}"
    );
    let out = wsis(&["--data", data, "cite", "A/1/L.1"]);
    assert!(out.status.success(), "the whole symbol names one");
}

/// A symbol written with dashes for its slashes, as in file names and
/// URLs, names its item ("A-RES-80-173" was refused; trial), from a fresh
/// load and from the cache alike.
#[test]
fn a_symbol_with_dashes_for_slashes_names_its_item() {
    for (name, symbol) in [
        ("A-RES-80-173", "A/RES/80/173"),
        ("e-res-2006-46", "E/RES/2006/46"),
        ("a-res-70-125", "A/RES/70/125"),
        ("WSIS-05-TUNIS-DOC-7-E", "WSIS-05/TUNIS/DOC/7-E"),
        ("A-66-64", "A/66/64–E/2011/77"),
    ] {
        for cache in [&["--no-cache"][..], &[], &[]] {
            let args: Vec<&str> = cache.iter().copied().chain(["show", "--json", name]).collect();
            let out = wsis(&args);
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            assert_eq!(shown["symbol"], symbol, "{args:?}");
        }
    }
    let out = wsis(&["cite", "A-RES-80-173"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("A/RES/80/173"));
}

/// An id is a name before any symbol written with dashes.
#[test]
fn an_id_wins_over_a_symbol_written_with_dashes() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashed-symbol-and-id");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("both.ron");
    std::fs::write(
        &file,
        r#"[
        Item(id: "a-res-1-1", category: "ga", title: "Named by its id"),
        Item(id: "first", category: "ga", symbol: Some("A/RES/1/1"), title: "Named by its symbol"),
    ]"#,
    )
    .unwrap();
    let data = file.to_str().unwrap();
    for (name, id) in [
        ("a-res-1-1", "a-res-1-1"),
        ("A-RES-1-1", "a-res-1-1"),
        ("A/RES/1/1", "first"),
    ] {
        let out = wsis(&["--data", data, "show", "--json", name]);
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(shown["id"], id, "{name}");
    }
}

/// The part of a short title before its colon names the item when no
/// other short title has that part ("TA para 105" was refused for "TA para
/// 105: ECOSOC & CSTD"; trial).
#[test]
fn the_head_of_a_short_title_names_its_item() {
    let out = wsis(&["show", "--json", "TA para 105"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(shown["short_title"], "TA para 105: ECOSOC & CSTD");
    let out = wsis(&["cite", "TA para 105", "gdc para 5"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let refused = wsis(&["show", "TA para"]);
    assert_eq!(refused.status.code(), Some(2), "the whole head, not a part of it");
}

/// `wsis cite` takes several names: words side by side that name one item
/// together are one name, unquoted, so `ECOSOC 2006/46` cites the
/// resolution alone, not the Council as well; other words stay apart.
#[test]
fn cite_reads_words_that_name_one_item_together_as_one_name() {
    let cited = |args: &[&str]| -> Vec<String> {
        let out = wsis(&[&["cite", "--format", "csl-json"][..], args].concat());
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let records = records.as_array().expect("a list").clone();
        records
            .iter()
            .map(|record| record["number"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(cited(&["ECOSOC", "2006/46"]), ["E/RES/2006/46"]);
    assert_eq!(
        cited(&["ECOSOC", "2006/46", "GA", "80/173"]),
        ["E/RES/2006/46", "A/RES/80/173"]
    );
    assert_eq!(cited(&["tunis", "agenda"]).len(), 1);
    // Words that name no item together are names of their own.
    assert_eq!(cited(&["70/125", "80/173"]), ["A/RES/70/125", "A/RES/80/173"]);
    // Each joining is said, with the way to cite them apart.
    let said = wsis(&["cite", "ECOSOC", "2006/46"]);
    let stderr = String::from_utf8_lossy(&said.stderr);
    assert!(stderr.contains("read \"ECOSOC 2006/46\" as one name"), "{stderr}");
    assert_eq!(cited(&["ecosoc", "ecosoc-2006-46"]).len(), 2, "ids stay apart");
}

/// Formats are taken in any case (`BibTeX`, `JSON`), and `cite --format
/// json` is CSL-JSON, the one JSON of citations.
#[test]
fn formats_are_taken_in_any_case_and_cite_json_is_csl_json() {
    let same = |args: &[&str], lower: &[&str]| {
        let (given, expected) = (wsis(args), wsis(lower));
        assert!(
            given.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&given.stderr)
        );
        assert_eq!(given.stdout, expected.stdout, "{args:?}");
    };
    same(
        &["cite", "2006/46", "--format", "BibTeX"],
        &["cite", "2006/46", "--format", "bibtex"],
    );
    same(
        &["cite", "2006/46", "--format", "json"],
        &["cite", "2006/46", "--format", "csl-json"],
    );
    same(
        &["show", "2006/46", "--format", "JSON"],
        &["show", "2006/46", "--format", "json"],
    );
    same(&["export", "--format", "CSV"], &["export", "--format", "csv"]);
}

/// Two names given to `show` (which takes one) are not searched for as
/// one: each item is listed, with the commands that take several.
#[test]
fn two_names_given_to_show_are_each_listed_with_commands_for_several() {
    let stderr = refused(&["show", "2006/46", "80/173"]);
    let listed: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(listed.len(), 2, "{stderr}");
    assert!(listed[0].starts_with("  ecosoc-2006-46  E/RES/2006/46  "), "{stderr}");
    assert!(listed[1].starts_with("  ga-80-173  A/RES/80/173  "), "{stderr}");
    assert!(stderr.contains("`wsis cite 2006/46 80/173`"), "{stderr}");
    assert!(stderr.contains("--from 2006/46 --from 80/173`"), "{stderr}");
    assert!(!stderr.contains("wsis search"), "{stderr}");
    // The command it offers works as written.
    let cited = wsis(&["cite", "2006/46", "80/173"]);
    assert!(cited.status.success());
    assert_eq!(String::from_utf8_lossy(&cited.stdout).lines().count(), 2);
    // Words that together name one item are still one name.
    assert!(wsis(&["show", "resolution", "2006/46"]).status.success());
    // A word that names nothing keeps the usual answer, as do words that
    // all name one item.
    assert!(refused(&["show", "2006/46", "zzqxjv"]).contains("no item is called \"2006/46 zzqxjv\""));
    assert!(!refused(&["show", "2006/46", "2006/46"]).contains("items:"));
    // `open` names itself; commands that take several never say so.
    let stderr = refused(&["open", "itu", "igf"]);
    assert!(
        stderr.contains("open takes one item at a time (`wsis open itu`)"),
        "{stderr}"
    );
    let stderr = refused(&["path", "2006/46 80/173", "itu"]);
    assert!(!stderr.contains("one item at a time"), "{stderr}");
}

/// The SYMBOL/ID column of a narrow table cuts long ids and symbols; a
/// reader pastes the cell as printed into `show` and gets that row's item
/// (a cut id was refused; trial).
#[test]
fn a_name_as_the_search_table_cut_it_shows_that_rows_item() {
    const QUERY: [&str; 2] = ["enhanced", "cooperation"];
    const ROWS: &str = "12";
    let json = wsis(&[&["search", "--json", "-n", ROWS][..], &QUERY].concat());
    let hits: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let table = std::process::Command::new(env!("CARGO_BIN_EXE_wsis"))
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"))
        .env("COLUMNS", "100")
        .args(
            [
                &["--no-user-data", "search", "--format", "table", "-n", ROWS][..],
                &QUERY,
            ]
            .concat(),
        )
        .output()
        .expect("runs");
    let table = String::from_utf8(table.stdout).expect("UTF-8");
    let cells: Vec<&str> = table
        .lines()
        .skip(1)
        .map(|row| row.split("  ").next().unwrap_or(""))
        .collect();
    assert!(
        cells.iter().any(|cell| cell.contains('…')),
        "some name is cut at 100 columns:\n{table}"
    );
    assert_eq!(cells.len(), hits.as_array().map_or(0, Vec::len), "{table}");
    for (cell, hit) in cells.iter().zip(hits.as_array().into_iter().flatten()) {
        let out = wsis(&["show", "--json", cell.trim()]);
        assert!(out.status.success(), "{cell}: {}", String::from_utf8_lossy(&out.stderr));
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(shown["id"], hit["id"], "{cell}");
    }
}
