//! Malformed and hostile data files: each gives its precise error and exit
//! status 2, never a panic, never raw control characters, and never a
//! half-loaded dataset.

mod common;

use std::path::Path;
use std::process::Output;

use common::wsis;

/// (fixture, where the problem is, what the message says, a hint if any).
const CASES: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "syntax.ron",
        ":5:31",
        "expected a comma after this value",
        Some("every field, list entry and Item(...) ends with a comma"),
    ),
    (
        "hostile/unknown-field.ron",
        ":6:9",
        "Unexpected field named `colour`",
        None,
    ),
    // A field or category one slip away is named.
    (
        "hostile/misspelt-field.ron",
        ":5:9",
        "Unexpected field named `titel`",
        Some("did you mean `title`?"),
    ),
    (
        "hostile/misspelt-category.ron",
        ":4:19",
        "unknown category \"gaa\"",
        Some("did you mean \"ga\"? valid categories: outcome, ga,"),
    ),
    ("hostile/wrong-type.ron", ":5:15", "Expected string", None),
    (
        "hostile/missing-field.ron",
        ":5:5",
        "Unexpected missing field named `title`",
        None,
    ),
    ("hostile/duplicate-id.ron", ":3:14", "duplicate id \"x-item\"", None),
    (
        "hostile/dangling-link.ron",
        ":7:36",
        "link to unknown id \"ga-80-17\"",
        Some("did you mean \"ga-80-173\"?"),
    ),
    ("hostile/bad-date.ron", ":6:15", "malformed date \"2025-02-30\"", None),
    (
        "hostile/unknown-category.ron",
        ":4:19",
        "unknown category \"resolution\"",
        Some("valid categories: outcome, ga,"),
    ),
    (
        "hostile/unknown-relation.ron",
        ":7:23",
        "unknown relation \"Mandate\"",
        Some("did you mean Mandates? valid relations: Mandates, Requests,"),
    ),
    (
        "hostile/empty.ron",
        "",
        "empty file: expected a list of Item(...)",
        None,
    ),
    (
        "hostile/comments-only.ron",
        "",
        "empty file: expected a list of Item(...)",
        None,
    ),
    ("hostile/non-utf8.ron", ":5:20", "file is not valid UTF-8", None),
    ("hostile/deep-nesting.ron", ":6:18", "Expected string", None),
    ("hostile/not-a-list.ron", ":1:1", "Expected opening `[`", None),
    (
        "hostile/trailing-garbage.ron",
        ":7:2",
        "Non-whitespace trailing characters",
        None,
    ),
    (
        "hostile/self-link.ron",
        ":7:38",
        "item \"x-item\" links to itself",
        None,
    ),
    ("hostile/bad-id.ron", ":3:13", "id \"My Item\" must be lowercase", None),
    (
        "hostile/duplicate-symbol.ron",
        ":6:17",
        "duplicate symbol \"a/res/70/125\" (also on \"ga-70-125\")",
        None,
    ),
    (
        "hostile/control-characters.ron",
        ":4:19",
        "unknown category \"␛[31mga␛[0m\"",
        None,
    ),
    (
        "hostile/escape-sequences.ron",
        ":7:36",
        "link to unknown id \"␛]0;pwned␇␛[2J\"",
        None,
    ),
    // The second item, not a later link to the same id.
    (
        "hostile/duplicate-id-linked.ron",
        ":4:13",
        "duplicate id \"x-one\"",
        None,
    ),
    // A value written with escapes is still located.
    ("hostile/escaped-value.ron", ":4:19", "unknown category \"gax\"", None),
    // A byte order mark is skipped, not an error, and not a column.
    ("hostile/bom.ron", ":2:34", "unknown category \"gax\"", None),
    (
        "hostile/url-with-command.ron",
        ":6:14",
        "url \"https://undocs.org/en/A/RES/70/125 ",
        Some("write the link alone"),
    ),
];

/// The checks every refused file must pass.
fn assert_refused(output: &Output, file: &str, at: &str, message: &str, hint: Option<&str>) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{file}: {stderr}");
    assert!(
        output.stdout.is_empty(),
        "{file}: something was printed: nothing may load"
    );
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    assert!(stderr.contains(&format!("{file}{at}: {message}")), "{file}: {stderr}");
    if let Some(hint) = hint {
        let hinted = stderr.lines().any(|l| l.starts_with("  = hint: ") && l.contains(hint));
        assert!(hinted, "{file}: {stderr}");
    }
    let raw = stderr.chars().any(|c| c.is_control() && c != '\n');
    assert!(!raw, "{file}: raw control characters reach the terminal: {stderr:?}");
}

#[test]
fn every_hostile_fixture_is_refused_by_validate_with_its_precise_error() {
    for (fixture, at, message, hint) in CASES {
        let file = format!("tests/fixtures/{fixture}");
        assert!(Path::new(&file).exists(), "missing fixture {file}");
        assert_refused(&wsis(&["validate", &file]), &file, at, message, *hint);
    }
}

#[test]
fn every_other_command_refuses_them_with_the_same_messages() {
    for (fixture, at, message, hint) in CASES {
        let file = format!("tests/fixtures/{fixture}");
        for args in [&["list"][..], &["export", "--format", "json"], &[]] {
            let args: Vec<&str> = ["--data", file.as_str()].iter().chain(args).copied().collect();
            assert_refused(&wsis(&args), &file, at, message, *hint);
        }
    }
}

#[test]
fn problems_show_the_line_with_a_caret_under_the_column() {
    let output = wsis(&["validate", "tests/fixtures/hostile/unknown-relation.ron"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[1], "  |             Link(rel: Mandate, to: \"cstd\"),");
    assert_eq!(lines[2], format!("  | {}^", " ".repeat(22)));
}

#[test]
fn a_50_mb_file_with_one_flaw_at_its_end_is_refused_precisely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // 50 MB of valid items (a large overlay is legitimate), then a typo.
    let mut text = String::from("[\n");
    let mut n = 0;
    while text.len() < 50 << 20 {
        text.push_str(&format!(
            "    Item(id: \"huge-{n}\", category: \"ga\", title: \"{}\"),\n",
            "x".repeat(400)
        ));
        n += 1;
    }
    text.push_str("    Item(id: \"last\", category: \"ga\", title: \"t\", colour: \"red\"),\n]\n");
    std::fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();
    let last_line = n + 2;
    let output = wsis(&["validate", file]);
    assert_refused(
        &output,
        file,
        &format!(":{last_line}:50"),
        "Unexpected field named `colour`",
        None,
    );
}

#[test]
fn an_endless_file_is_refused_without_being_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("endless.ron");
    // Sparse: larger than the limit on disk without taking the room.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(wsis_browser::data::load::MAX_FILE_BYTES + 1).unwrap();
    let file = path.to_str().unwrap();
    let output = wsis(&["validate", file]);
    assert_refused(&output, file, "", "file is larger than 256 MiB", Some("split it"));
}

#[test]
fn a_missing_file_is_refused() {
    let output = wsis(&["validate", "tests/fixtures/no-such-file.ron"]);
    assert_refused(&output, "tests/fixtures/no-such-file.ron", "", "cannot read file", None);
}

#[test]
fn all_problems_of_several_files_are_reported_together() {
    let output = wsis(&[
        "validate",
        "tests/fixtures/hostile/bad-date.ron",
        "tests/fixtures/hostile/wrong-type.ron",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("bad-date.ron:6:15:") && stderr.contains("wrong-type.ron:5:15:"),
        "{stderr}"
    );
    assert!(stderr.contains("2 problem(s)"), "{stderr}");
}

/// A file of `n` items, each with a link to an id that does not exist.
fn many_broken_links(n: usize) -> String {
    let mut text = String::from("[\n");
    for i in 0..n {
        text.push_str(&format!(
            "    Item(id: \"bad-{i}\", category: \"ga\", title: \"T\", links: [Link(rel: Mandates, to: \"missing-{i}\")]),\n"
        ));
    }
    text + "]\n"
}

#[test]
fn many_problems_are_all_counted_and_the_first_ones_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, many_broken_links(500)).unwrap();
    let file = path.to_str().unwrap();
    let output = wsis(&["validate", file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    let shown = stderr.lines().filter(|l| l.contains(": link to unknown id")).count();
    assert_eq!(shown, wsis_browser::data::load::SHOWN_PROBLEMS);
    assert!(stderr.contains("… and 300 more problem(s) not shown"), "{stderr}");
    assert!(stderr.contains("500 problem(s) in the data"), "{stderr}");
    // The last problem, located although not shown.
    let json = wsis(&["validate", "--json", file]);
    assert_eq!(json.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 500);
    assert_eq!(problems[499]["line"], 501);
    assert_eq!(problems[499]["message"], "link to unknown id \"missing-499\"");
    assert_eq!(report["ok"], false);
    // The files checked are counted though nothing was loaded.
    assert_eq!((report["files"].as_u64(), report["items"].as_u64()), (Some(1), Some(0)));
}

#[test]
fn validate_json_reports_success_too() {
    let output = wsis(&["validate", "--json", "tests/fixtures/overlay.ron"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["files"], 1);
}

#[test]
fn one_file_named_by_two_paths_is_validated_once() {
    let absolute = std::fs::canonicalize("tests/fixtures/overlay.ron").unwrap();
    let once = wsis(&["validate", "tests/fixtures/overlay.ron"]);
    let twice = wsis(&["validate", "./tests/fixtures/overlay.ron", absolute.to_str().unwrap()]);
    assert_eq!(
        twice.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&twice.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&twice.stdout),
        String::from_utf8_lossy(&once.stdout)
    );
    assert!(String::from_utf8_lossy(&once.stdout).contains("in 1 file"));
}
