//! `wsis export`, `new`, `completions` and `man`, through the real binary.

mod common;

use std::process::Output;

use common::wsis;

use wsis_browser::data::{Dataset, Item, SourceFile, load::parse_items};

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn embedded() -> Vec<Item> {
    Dataset::embedded().unwrap().items().to_vec()
}

fn sorted(mut items: Vec<Item>) -> Vec<Item> {
    items.sort_by(|a, b| a.id.cmp(&b.id));
    items
}

#[test]
fn ron_export_reparses_to_the_same_items() {
    let text = stdout(&wsis(&["export", "--format", "ron"]));
    let file = SourceFile {
        name: "export.ron".into(),
        text,
        embedded: false,
    };
    assert_eq!(sorted(parse_items(&file).unwrap()), sorted(embedded()));
}

#[test]
fn ron_export_is_a_valid_overlay_that_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.ron");
    std::fs::write(&path, stdout(&wsis(&["export", "--format", "ron"]))).unwrap();
    let path = path.to_str().unwrap();
    let ok = stdout(&wsis(&["validate", path]));
    assert!(
        ok.starts_with(&format!("ok: {} items in 1 file", embedded().len())),
        "{ok}"
    );
    let before = stdout(&wsis(&["export", "--format", "json"]));
    let after = stdout(&wsis(&["--data", path, "export", "--format", "json"]));
    assert_eq!(before, after);
}

#[test]
fn json_export_is_the_model_and_round_trips() {
    let text = stdout(&wsis(&["export", "--format", "json", "--category", "ga"]));
    let items: Vec<Item> = serde_json::from_str(&text).unwrap();
    let expected: Vec<Item> = embedded().into_iter().filter(|i| i.category == "ga").collect();
    assert_eq!(sorted(items), sorted(expected));
}

#[test]
fn csv_export_has_a_header_and_one_quoted_record_per_item() {
    let text = stdout(&wsis(&["export", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), embedded().len());
    let title = headers.iter().position(|h| h == "title").unwrap();
    let ecosoc = records.iter().find(|r| &r[0] == "ecosoc-2006-46").unwrap();
    // The title holds a comma: it survives because the cell is quoted.
    assert!(ecosoc[title].contains("Society and review"), "{:?}", &ecosoc[title]);
}

#[test]
fn markdown_export_groups_by_category_with_links_and_citations() {
    let text = stdout(&wsis(&["export", "--format", "markdown", "--category", "ecosoc"]));
    assert!(text.starts_with("# WSIS documents"));
    assert!(text.contains("\n## ECOSOC resolutions\n"));
    assert!(!text.contains("\n## General Assembly resolutions\n"));
    assert!(text.contains("<a id=\"ecosoc-2006-46\"></a>E/RES/2006/46 — "));
    assert!(text.contains("Cite as: Economic and Social Council resolution 2006/46, \"Follow-up to the World Summit on the Information Society and review of the Commission on Science and Technology for Development\", 28 July 2006, E/RES/2006/46, available from https://undocs.org/en/E/RES/2006/46"), "{text}");
    // A link to an item outside the export goes to its official text.
    assert!(text.contains("responds to [A/RES/60/252](<https://undocs.org/en/A/RES/60/252>)"));
}

#[test]
fn graph_exports_draw_the_neighbourhood_only() {
    let dot = stdout(&wsis(&[
        "export",
        "--format",
        "dot",
        "--from",
        "E/RES/2006/46",
        "--depth",
        "1",
    ]));
    assert!(dot.starts_with("digraph wsis {") && dot.trim_end().ends_with('}'));
    assert!(
        dot.contains("\"ecosoc-2006-46\" -> \"cstd\" [label=\"mandates\"];"),
        "{dot}"
    );
    // Two steps away (through the CSTD) is not drawn at depth 1.
    let depth0 = stdout(&wsis(&[
        "export",
        "--format",
        "dot",
        "--from",
        "ecosoc-2006-46",
        "--depth",
        "0",
    ]));
    assert!(depth0.contains("\"ecosoc-2006-46\" [label=") && !depth0.contains("->"));
    let mermaid = stdout(&wsis(&["export", "--format", "mermaid", "--from", "ecosoc-2006-46"]));
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert!(mermaid.contains("-->|mandates|"), "{mermaid}");
    let nodes = mermaid.lines().filter(|l| l.contains("[\"")).count();
    let expected = 1 + {
        let data = Dataset::embedded().unwrap();
        let idx = data.by_id("ecosoc-2006-46").unwrap();
        wsis_browser::graph::neighbourhood(&data, idx, 1).len() - 1
    };
    assert_eq!(nodes, expected);
}

#[test]
fn neighbourhood_follows_links_both_ways_step_by_step() {
    let data = Dataset::embedded().unwrap();
    let start = data.by_id("ecosoc-2006-46").unwrap();
    assert_eq!(wsis_browser::graph::neighbourhood(&data, start, 0), vec![start]);
    let one = wsis_browser::graph::neighbourhood(&data, start, 1);
    let cstd = data.by_id("cstd").unwrap();
    let answering = data.backlinks(start)[0].from;
    assert!(one.contains(&cstd) && one.contains(&answering));
    let two = wsis_browser::graph::neighbourhood(&data, start, 2);
    assert!(two.len() > one.len() && two.starts_with(&one));
    let mut unique = two.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), two.len());
}

#[test]
fn export_exit_statuses() {
    assert_eq!(
        wsis(&["export", "--format", "ron", "--from", "no-such-id"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        wsis(&["export", "--format", "ron", "--category", "bogus"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(wsis(&["export", "--format", "yaml"]).status.code(), Some(2));
    assert_eq!(
        wsis(&["export", "--format", "ron", "--depth", "2"]).status.code(),
        Some(2)
    );
    // Nothing of the category lies near the item: nothing to export.
    let none = wsis(&[
        "export",
        "-f",
        "csv",
        "--from",
        "ecosoc-2006-46",
        "--depth",
        "0",
        "--category",
        "ga",
    ]);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn the_new_template_is_a_valid_overlay_for_every_category() {
    let dir = tempfile::tempdir().unwrap();
    for category in wsis_browser::data::CATEGORIES {
        let text = stdout(&wsis(&["new", "--category", category.id]));
        assert!(text.starts_with("// A new "), "{text}");
        let path = dir.path().join(format!("{}.ron", category.id));
        std::fs::write(&path, &text).unwrap();
        let ok = stdout(&wsis(&["validate", path.to_str().unwrap()]));
        assert_eq!(ok, "ok: 1 item in 1 file\n");
    }
    assert_eq!(wsis(&["new", "--category", "bogus"]).status.code(), Some(2));
}

#[test]
fn completions_and_man_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&wsis(&["completions", shell]));
        assert!(script.contains("export") && script.contains("validate"), "{shell}");
    }
    let man = stdout(&wsis(&["man"]));
    assert!(man.starts_with(".ie") || man.contains(".TH wsis"), "{man}");
    assert!(man.contains("validate") && man.contains("no\\-user\\-data"));
}
