//! The real binary: JSON fields, ranking order and exit statuses.

mod common;

use std::process::Output;

use common::wsis;

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn show_json_has_the_contract_fields() {
    let value = json(&wsis(&["show", "E/RES/2006/46", "--json"]));
    for field in [
        "id",
        "category",
        "symbol",
        "title",
        "date",
        "url",
        "sources",
        "links",
        "backlinks",
    ] {
        assert!(value.get(field).is_some(), "missing {field}");
    }
    assert_eq!(value["id"], "ecosoc-2006-46");
    assert_eq!(value["date"], "2006-07-28");
    let links = value["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["rel"] == "Mandates" && l["to"] == "cstd" && l["title"].is_string())
    );
    let backlinks = value["backlinks"].as_array().unwrap();
    assert!(
        backlinks
            .iter()
            .all(|b| b["rel"].is_string() && b["from"].is_string() && b["title"].is_string())
    );
}

#[test]
fn show_finds_by_id_and_by_symbol_in_any_case() {
    let by_id = json(&wsis(&["show", "ga-70-125", "--json"]));
    let by_symbol = json(&wsis(&["show", "a/res/70/125", "--json"]));
    assert_eq!(by_id["id"], by_symbol["id"]);
    // ITU resolutions have no UN symbol; they answer to their usual names.
    for (name, id) in [
        ("itu council resolution 1332", "itu-council-res-1332"),
        ("PP Resolution 172", "itu-pp-res-172"),
    ] {
        assert_eq!(json(&wsis(&["show", name, "--json"]))["id"], id, "{name}");
    }
}

#[test]
fn show_and_open_take_a_name_of_several_words_unquoted() {
    let quoted = wsis(&["show", "resolution 2006/46"]);
    let unquoted = wsis(&["show", "resolution", "2006/46"]);
    assert!(quoted.status.success());
    assert_eq!(unquoted.stdout, quoted.stdout);
    assert_eq!(
        json(&wsis(&["show", "--json", "PP", "Resolution", "172"]))["id"],
        "itu-pp-res-172"
    );
    let unknown = wsis(&["open", "no", "such", "thing"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("\"no such thing\""));
}

#[test]
fn search_json_is_ranked() {
    let value = json(&wsis(&["search", "2006/46", "--json"]));
    let hits = value.as_array().unwrap();
    assert_eq!(hits[0]["id"], "ecosoc-2006-46");
    assert_eq!(hits[0]["symbol"], "E/RES/2006/46");
    // The date as the data writes it and the short title, as `show` has them.
    let shown = json(&wsis(&["show", "ecosoc-2006-46", "--json"]));
    assert_eq!(hits[0]["date"], shown["date"]);
    assert_eq!(hits[0]["date"], "2006-07-28");
    assert_eq!(hits[0]["short_title"], shown["short_title"]);
    let scores: Vec<i64> = hits.iter().map(|h| h["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "not sorted: {scores:?}");
    for hit in hits {
        assert!(hit["title"].is_string());
    }
}

/// A joined word typed without its joiners ("wsis20") finds what it
/// finds typed with them, in order, the WSIS+20 outcome among the first;
/// from a stored index and from the query's own index alike.
#[test]
fn search_finds_a_joined_word_typed_without_its_joiners() {
    let ids = |args: &[&str]| -> Vec<String> {
        let value = json(&wsis(&[&["search", "--json"], args].concat()));
        let hits = value.as_array().expect("an array of hits");
        hits.iter()
            .map(|hit| hit["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let found = ids(&["wsis20"]);
    assert_eq!(found, ids(&["wsis+20"]));
    assert_eq!(found, ids(&["--no-cache", "wsis20"]));
    let outcome = found.iter().position(|id| id == "ga-80-173");
    assert!(outcome.is_some_and(|at| at < 5), "A/RES/80/173 at {outcome:?}");
}

#[test]
fn exit_status_is_1_when_nothing_matches() {
    let output = wsis(&["search", "zzqxjv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!output.stderr.is_empty());
}

#[test]
fn json_of_no_match_is_an_empty_list_and_the_status_still_1() {
    for extra in [&[][..], &["--no-cache"][..]] {
        let output = wsis(&[&["search", "--json", "zzqxjv"], extra].concat());
        assert_eq!(output.status.code(), Some(1), "{extra:?}");
        let parsed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(parsed, serde_json::json!([]), "{extra:?}");
        assert!(!output.stderr.is_empty(), "{extra:?}: the reason is still said");
    }
    // Plain output stays empty: a script counting lines counts none.
    assert!(wsis(&["search", "zzqxjv"]).stdout.is_empty());
}

#[test]
fn a_question_typed_whole_is_answered_by_its_subject_words() {
    let output = wsis(&["search", "what did the global digital compact say about wsis"]);
    assert_eq!(output.status.code(), Some(1), "no item holds every word");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("wsis search \"global digital compact wsis\""), "{said}");
    let answer = wsis(&["search", "global digital compact wsis"]);
    let first = String::from_utf8_lossy(&answer.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    assert!(first.starts_with("gdc"), "{first}");
}

#[test]
fn a_symbol_matching_nothing_names_the_symbol_one_slip_away() {
    for extra in [&[][..], &["--no-cache"][..]] {
        let output = wsis(&[&["search", "2006/64"], extra].concat());
        assert_eq!(output.status.code(), Some(1), "{extra:?}: still no match");
        assert!(output.stdout.is_empty(), "{extra:?}: nothing searched instead");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains("nothing matches \"2006/64\"; did you mean E/RES/2006/46?"),
            "{extra:?}: {said}"
        );
    }
}

#[test]
fn nothing_matching_every_word_names_the_query_with_fewer_words_that_does() {
    let mut said_each_way = Vec::new();
    for extra in [&[][..], &["--no-cache"][..]] {
        let output = wsis(&[&["search", "igf mandate extension"], extra].concat());
        assert_eq!(output.status.code(), Some(1), "still no match: scripts read the status");
        assert!(output.stdout.is_empty());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("without “extension”"), "{said}");
        assert!(said.contains("wsis search \"igf mandate\""), "{said}");
        said_each_way.push(said.into_owned());
    }
    // The index of the query's words alone (no stored index) counts alike.
    assert_eq!(said_each_way[0], said_each_way[1]);
    let said = String::from_utf8_lossy(&wsis(&["search", "zzqxjv yyqw"]).stderr).into_owned();
    assert!(!said.contains("without"), "no word of it matches: {said}");
}

#[test]
fn exit_status_is_2_on_bad_input() {
    let output = wsis(&["list", "--category", "bogus"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("possible values: outcome, ga"));
    assert_eq!(wsis(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn bad_data_exits_2_naming_file_line_and_column() {
    let output = wsis(&["--data", "tests/fixtures/syntax.ron", "list"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("tests/fixtures/syntax.ron:5:31:"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing half-loaded is printed");

    let output = wsis(&["--data", "tests/fixtures/broken.ron", "list"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown category")
            && stderr.contains("malformed date")
            && stderr.contains("did you mean \"ga-70-125\"?"),
        "{stderr}"
    );
}

#[test]
fn overlay_items_join_the_embedded_ones() {
    let value = json(&wsis(&[
        "--data",
        "tests/fixtures/overlay.ron",
        "show",
        "ga-80-173",
        "--json",
    ]));
    let backlinks = value["backlinks"].as_array().unwrap();
    assert!(backlinks.iter().any(|b| b["from"] == "my-delegation-notes"));
    let notes = json(&wsis(&[
        "--data",
        "tests/fixtures/overlay.ron",
        "show",
        "my-delegation-notes",
        "--json",
    ]));
    assert_eq!(notes["from_file"], "tests/fixtures/overlay.ron");
}

#[test]
fn list_prints_one_line_per_item_and_filters_by_category() {
    let output = wsis(&["list", "--category", "action-line"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 19);
    assert!(text.lines().all(|l| l.split('\t').count() == 4));
    let all = json(&wsis(&["list", "--json"]));
    assert!(all.as_array().unwrap().len() >= 150);
    // The category's name as the browser shows it (trial: refused, with
    // "a similar value exists: 'ga'").
    let by_name = wsis(&["list", "--category", "Digital Compact"]);
    assert!(by_name.status.success(), "{}", String::from_utf8_lossy(&by_name.stderr));
    assert_eq!(by_name.stdout, wsis(&["list", "--category", "gdc"]).stdout);
}

#[test]
fn help_and_version_exit_0() {
    let help = wsis(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("search"));
    let version = wsis(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_browser_refuses_to_draw_without_a_terminal() {
    let output = wsis(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("wsis list"));
}

#[test]
fn path_labels_each_step_in_the_direction_walked() {
    let forward = json(&wsis(&["path", "E/RES/2006/46", "cstd", "--json"]));
    assert_eq!(forward["from"], "ecosoc-2006-46");
    let steps = forward["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(
        (
            steps[0]["rel"].as_str(),
            steps[0]["label"].as_str(),
            steps[0]["to"].as_str()
        ),
        (Some("Mandates"), Some("mandates"), Some("cstd"))
    );

    assert_eq!(steps[0]["forward"], true, "2006/46 holds the link");

    let reverse = json(&wsis(&["path", "cstd", "E/RES/2006/46", "--json"]));
    let steps = reverse["steps"].as_array().unwrap();
    assert_eq!(steps[0]["label"], "mandated by");
    assert_eq!(steps[0]["forward"], false, "walked backward: rel is still 2006/46's");

    let longer = json(&wsis(&["path", "tunis-agenda-para-105", "A/RES/80/173", "--json"]));
    let steps = longer["steps"].as_array().unwrap();
    assert!(steps.len() >= 2);
    assert_eq!(steps.last().unwrap()["to"], "ga-80-173");

    let text = String::from_utf8(wsis(&["path", "E/RES/2006/46", "cstd"]).stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().contains("↳ mandates"), "{text}");
}

/// A step whose short title only repeats its id ("cstd  CSTD" read as a
/// name said twice; trial) gives its full title; a symbol stays first.
#[test]
fn path_names_each_step_by_symbol_or_id_and_what_it_is() {
    let text = String::from_utf8(wsis(&["path", "ga-70-125", "ecosoc-2006-46"]).stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "A/RES/70/125  WSIS+10 outcome document",
            "  ↳ requests cstd  Commission on Science and Technology for Development",
            "  ↳ mandated by E/RES/2006/46  CSTD made WSIS focal point",
        ],
        "{text}"
    );
    // Where the full title too only repeats the id, the title stays: a
    // bare id read as a title missing (trial: "wsis-forum-2015" alone).
    let text = String::from_utf8(wsis(&["path", "wsis-forum-2015", "cstd"]).stdout).unwrap();
    assert_eq!(text.lines().next(), Some("wsis-forum-2015  WSIS Forum 2015"), "{text}");
}

#[test]
fn path_exits_1_when_there_is_none() {
    let output = wsis(&["--data", "tests/fixtures/island.ron", "path", "island", "cstd"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no path"));
}

/// An item whose title no source gave says so in `show`, as in the detail
/// pane, instead of a blank line, named above it by its symbol or, without
/// one, its short title.
#[test]
fn show_says_when_a_title_is_not_confirmed() {
    let untitled: Vec<_> = common::DATA.items().filter(|i| !i.title_known()).collect();
    assert!(!untitled.is_empty(), "the embedded data has untitled items");
    for item in untitled {
        let out = wsis(&["show", &item.id]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        // Named above it by its symbol or else its short title.
        let mut lines = text.lines();
        if let Some(name) = item.heading_name() {
            assert_eq!(lines.next(), Some(name), "{}:\n{text}", item.id);
        }
        assert_eq!(
            lines.next(),
            Some(wsis_browser::data::TITLE_NOT_CONFIRMED),
            "{}:\n{text}",
            item.id
        );
    }
}

/// Of the two-step routes from A/RES/70/125 to E/RES/2006/46, the one that
/// reads as a mandate chain (70/125 requests the CSTD, which 2006/46
/// mandates) wins over one through a resolution that only recalls both;
/// the browser's path overlay walks the same route.
#[test]
fn path_prefers_the_mandate_chain_among_equally_short_routes() {
    let path = json(&wsis(&["path", "70/125", "2006/46", "--json"]));
    let steps: Vec<(String, String)> = path["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["rel"].as_str().unwrap().into(), s["to"].as_str().unwrap().into()))
        .collect();
    let expected = [("Requests", "cstd"), ("Mandates", "ecosoc-2006-46")].map(|(r, t)| (r.into(), t.into()));
    assert_eq!(steps, expected);

    let data = &*common::DATA;
    let browser = wsis_browser::graph::shortest_path(data, common::idx("ga-70-125"), common::idx("ecosoc-2006-46"))
        .expect("a path");
    let browser: Vec<(String, String)> = browser
        .iter()
        .map(|s| (s.rel.name().into(), data.item(s.to).id.to_string()))
        .collect();
    assert_eq!(browser, steps);
}

/// The mission's walk, both ways: from the WSIS+20 outcome to the ECOSOC
/// resolution that made the CSTD the focal point, along the mandate chain
/// (A/RES/70/125 and the CSTD), never through the Secretary-General whom
/// both only ask for something (a trial's finding).
#[test]
fn path_between_the_wsis20_outcome_and_the_cstds_mandate_follows_the_chain_both_ways() {
    let items = |from: &str, to: &str| -> Vec<String> {
        let path = json(&wsis(&["path", from, to, "--json"]));
        path["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["to"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(items("80/173", "2006/46"), ["ga-70-125", "cstd", "ecosoc-2006-46"]);
    assert_eq!(items("2006/46", "80/173"), ["cstd", "ga-70-125", "ga-80-173"]);
}

/// `show` gives a meeting's whole span, as the detail pane does, not only
/// its first day (a trial read the Geneva phase as one day).
#[test]
fn show_gives_a_meeting_from_its_first_to_its_last_day() {
    let out = wsis(&["show", "geneva-summit"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|line| line == "Date:     10–12 December 2003"),
        "{text}"
    );
}

/// Usage lines name the program `wsis`, as the README and the manual do,
/// whatever name it was started under (a renamed copy, a symlink).
#[test]
fn usage_names_the_program_wsis_under_any_file_name() {
    use std::os::unix::process::CommandExt;
    for args in [&["--help"][..], &["show", "--help"], &["export", "--help"]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_wsis"))
            .arg0("renamed-copy")
            .args(args)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let usage = stdout.lines().find(|line| line.starts_with("Usage:"));
        assert!(
            usage.is_some_and(|usage| usage.starts_with("Usage: wsis")),
            "{args:?}: {usage:?}"
        );
        assert!(!stdout.contains("renamed-copy"), "{args:?}: {stdout}");
    }
}
