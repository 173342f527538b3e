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
    Dataset::embedded().unwrap().items().cloned().collect()
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
    assert!(
        text.contains("\n### E/RES/2006/46 — Follow-up to the World Summit"),
        "{text}"
    );
    assert!(text.contains("Cite as: Economic and Social Council resolution 2006/46, \"Follow-up to the World Summit on the Information Society and review of the Commission on Science and Technology for Development\", 28 July 2006, E/RES/2006/46, available from <https://undocs.org/en/E/RES/2006/46>"), "{text}");
    // A link in a citation is a link, never escaped text (GitHub kept the
    // backslash of "plan\\_action" in the address).
    let whole = stdout(&wsis(&["export", "--format", "markdown"]));
    assert!(
        whole.contains("available from <https://www.itu.int/net/wsis/outcome/booklet/plan_action_C8.html>"),
        "{whole}"
    );
    assert!(
        !whole
            .lines()
            .any(|line| line.starts_with("Cite as:") && line.contains("\\_"))
    );
    // A link to an item outside the export goes to its official text.
    assert!(text.contains("responds to [A/RES/60/252](<https://undocs.org/en/A/RES/60/252>)"));
    // Sources are marked as `show` marks them: official or a copy.
    assert!(
        text.contains("\nSources (✓ official publisher, · secondary copy):\n"),
        "{text}"
    );
    assert!(
        text.contains("\n- ✓ <https://digitallibrary.un.org/record/591211>\n"),
        "{text}"
    );
    assert!(
        text.contains("\n- · <http://www.csbureau.info/ecosocstatus.htm>\n"),
        "{text}"
    );
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
        Some(2)
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
    // A depth that is no number of steps is refused in wsis's words, as -n.
    for depth in ["-1", "two", "1.5"] {
        let refused = wsis(&["export", "-f", "csv", "--from", "2006/46", "--depth", depth]);
        assert_eq!(refused.status.code(), Some(2), "{depth}");
        assert!(refused.stdout.is_empty(), "{depth}");
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(
            said.starts_with(&format!("wsis: --depth \"{depth}\" is not a number of link steps")),
            "{said}"
        );
    }
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

/// Every field of this item tries to become markup, a formula or a break.
const HOSTILE: &str = "tests/fixtures/hostile-export.ron";

fn hostile_item() -> Item {
    let file = SourceFile {
        name: HOSTILE.into(),
        text: std::fs::read_to_string(HOSTILE).unwrap(),
        embedded: false,
    };
    parse_items(&file).unwrap().remove(0)
}

fn export_hostile(format: &str) -> String {
    stdout(&wsis(&[
        "--data", HOSTILE, "export", "--format", format, "--from", "x-export", "--depth", "1",
    ]))
}

#[test]
fn markdown_export_is_inert_text_to_a_commonmark_parser() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let text = export_hostile("markdown");
    let item = hostile_item();
    let mut plain = String::new();
    let mut depth = 0;
    let mut in_strong = false;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(&text, options) {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML: {html:?}"),
            Event::Text(t) => {
                assert!(!in_strong || t.ends_with(':'), "bold data: {t:?}");
                plain.push_str(t);
            }
            Event::Code(code) => panic!("code span from data: {code:?}"),
            Event::Start(Tag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Start(Tag::List(_)) => {
                depth += 1;
                assert_eq!(depth, 1, "a nested list from data");
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::End(_) | Event::SoftBreak => plain.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => assert!(
                dest_url.starts_with('#') || wsis_browser::clipboard::is_web_url(dest_url),
                "link to {dest_url:?}"
            ),
            Event::Start(tag) => assert!(
                matches!(tag, Tag::Heading { .. } | Tag::Paragraph | Tag::Item),
                "markup from data: {tag:?}"
            ),
            _ => {}
        }
    }
    for field in [
        &item.title,
        item.symbol.as_ref().unwrap(),
        &item.points[0],
        &item.sources[0],
    ] {
        assert!(plain.contains(field.as_str()), "{field:?} not shown as text in {plain}");
    }
    assert!(plain.contains("indented <b>html</b> ![img](x)"), "{plain}");
}

#[test]
fn csv_cells_are_text_to_a_spreadsheet_and_round_trip() {
    let text = export_hostile("csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let record = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "x-export")
        .expect("the hostile item");
    let cell = |name: &str| record[headers.iter().position(|h| h == name).unwrap()].to_string();
    for (field, cell) in headers.iter().zip(record.iter()) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{field} would be a formula: {cell:?}"
        );
    }
    let item = hostile_item();
    assert_eq!(cell("title"), item.title, "quotes, commas and backslashes survive");
    assert_eq!(cell("points"), format!("'{}", item.points.join("\n")));
    assert_eq!(cell("tags"), "'+tag, @tag");
    assert_eq!(cell("unconfirmed"), "'-1\n@SUM(1)");
    assert_eq!(cell("body"), "'- a body");
}

/// The quoted strings of a DOT text, decoded as the DOT grammar reads
/// them: only `\"` is an escape, and a string ends at the first bare `"`.
fn dot_strings(text: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('"') => s.push('"'),
                    Some(other) => {
                        s.push('\\');
                        s.push(other);
                    }
                    None => {}
                },
                '"' => break,
                c => s.push(c),
            }
        }
        strings.push(s);
    }
    strings
}

#[test]
fn dot_labels_read_back_as_the_data() {
    let text = export_hostile("dot");
    let strings = dot_strings(&text);
    let item = hostile_item();
    let node = strings.iter().position(|s| s == "x-export").expect("the node");
    // Graphviz turns `\\` into a backslash and `\n` into a line break.
    let label = strings[node + 1]
        .replace("\\\\", "\u{0}")
        .replace("\\n", "\n")
        .replace('\u{0}', "\\");
    assert_eq!(
        label,
        format!("{}\n{}", item.symbol.unwrap(), item.short_title.unwrap())
    );
    assert!(!text.contains("label=<"), "no HTML-like labels");
    assert!(
        text.contains("\"x-export\" -> \"ga-70-125\" [label=\"related to\"];"),
        "{text}"
    );
}

#[test]
fn mermaid_labels_cannot_end_early_or_carry_html() {
    let text = export_hostile("mermaid");
    let item = hostile_item();
    let line = text
        .lines()
        .find(|l| l.contains("#lt;script"))
        .expect("the hostile node");
    let label = line
        .trim()
        .split_once("[\"")
        .and_then(|(_, rest)| rest.strip_suffix("\"]"))
        .expect("one quoted label");
    let (handle, short) = label.split_once("<br/>").expect("two lines");
    for part in [handle, short] {
        assert!(!part.contains(['"', '<', '>', '&', '`']), "{part:?}");
    }
    let decode = |s: &str| {
        s.replace("#quot;", "\"")
            .replace("#lt;", "<")
            .replace("#gt;", ">")
            .replace("#amp;", "&")
            .replace("#96;", "`")
            .replace("#35;", "#")
    };
    assert_eq!(decode(handle), item.symbol.unwrap());
    assert_eq!(decode(short), item.short_title.unwrap());
}

/// The id GitHub gives a heading reading `text` (github-slugger), repeats aside.
fn github_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|&c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Each heading's text and each link's target, as a CommonMark parser reads them.
fn headings_and_links(markdown: &str) -> (Vec<String>, Vec<(String, String)>) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut headings, mut links) = (Vec::new(), Vec::new());
    let (mut heading, mut link): (Option<String>, Option<(String, String)>) = (None, None);
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((String::new(), dest_url.to_string())),
            Event::End(TagEnd::Link) => links.extend(link.take()),
            Event::Text(text) => {
                heading.iter_mut().for_each(|h| h.push_str(&text));
                link.iter_mut().for_each(|(label, _)| label.push_str(&text));
            }
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML: {html:?}"),
            _ => {}
        }
    }
    (headings, links)
}

/// The Markdown has no raw HTML (README says so; it had `<a id>` anchors):
/// each link to an item goes to the id GitHub gives its heading; an item
/// is named by its symbol, else its short title, never its bare id; and
/// the item a neighbourhood is taken around comes first (trial).
#[test]
fn markdown_links_reach_headings_by_github_ids_and_the_root_leads() {
    let text = stdout(&wsis(&[
        "export",
        "--format",
        "markdown",
        "--from",
        "ecosoc-2006-46",
        "--depth",
        "1",
    ]));
    let (headings, links) = headings_and_links(&text);
    assert!(
        headings[2].starts_with("E/RES/2006/46 — "),
        "the root first: {headings:?}"
    );
    let ids: Vec<String> = headings.iter().map(|h| github_id(h)).collect();
    let inside: Vec<&(String, String)> = links.iter().filter(|(_, to)| to.starts_with('#')).collect();
    assert!(inside.len() > 10, "{links:?}");
    for (label, to) in &inside {
        let matching = ids.iter().filter(|id| **id == to[1..]).count();
        assert_eq!(matching, 1, "[{label}]({to}) reaches one heading");
    }
    let items = embedded();
    for (label, to) in &links {
        assert!(
            !items.iter().any(|item| item.id.as_str() == label),
            "[{label}]({to}) is labelled by an id"
        );
    }
    assert!(
        text.contains("- adopted by [ECOSOC](#united-nations-economic-and-social-council)\n"),
        "{text}"
    );
    assert!(
        text.contains("- adopted by [UN General Assembly](<https://www.un.org/en/ga/>)\n"),
        "an item outside the export: {text}"
    );
}

/// A character reference in data ("R&amp;D") is shown as written, not
/// read as the character it names: otherwise the heading GitHub renders
/// ("R&D") would get another id than the one the export links to.
#[test]
fn character_references_in_data_stay_text_and_links_still_reach_their_headings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("references.ron");
    let title = "R&amp;D &lt;plans&gt; &#38; &copy; review";
    std::fs::write(
        &path,
        format!(
            r#"[
    Item(id: "x-amp", category: "wsis20", title: "{title}", summary: "Fish &amp; chips."),
    Item(id: "x-linking", category: "wsis20", title: "Links to it", links: [Link(rel: RelatedTo, to: "x-amp")]),
]"#
        ),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let text = stdout(&wsis(&[
        "--data",
        path,
        "export",
        "--format",
        "markdown",
        "--from",
        "x-linking",
        "--depth",
        "1",
    ]));
    let (headings, links) = headings_and_links(&text);
    assert!(headings.iter().any(|heading| heading == title), "{headings:?}");
    let to_it: Vec<&(String, String)> = links.iter().filter(|(label, _)| label == title).collect();
    assert_eq!(to_it.len(), 1, "{links:?}");
    assert_eq!(to_it[0].1, format!("#{}", github_id(title)), "{text}");
}

/// The ids of a CSV export's rows.
fn csv_ids(output: &Output) -> Vec<String> {
    let text = stdout(output);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| record.expect("a row")[0].to_string())
        .collect()
}

#[test]
fn from_given_again_exports_each_neighbourhood_and_depth_0_the_items_alone() {
    let both = wsis(&[
        "export",
        "--format",
        "csv",
        "--from",
        "80/173",
        "--from",
        "ECOSOC 2006/46",
        "--depth",
        "0",
    ]);
    assert_eq!(csv_ids(&both), ["ga-80-173", "ecosoc-2006-46"], "catalogue order");
    let one = csv_ids(&wsis(&["export", "--format", "csv", "--from", "80/173"]));
    let other = csv_ids(&wsis(&["export", "--format", "csv", "--from", "2006/46"]));
    let union = csv_ids(&wsis(&[
        "export", "--format", "csv", "--from", "80/173", "--from", "2006/46",
    ]));
    assert!(
        one.iter().chain(&other).all(|id| union.contains(id)),
        "every neighbourhood"
    );
    assert!(
        union.iter().all(|id| one.contains(id) || other.contains(id)),
        "nothing else"
    );
}

/// `--bookmarks` exports what the browser's `m` bookmarked: the file is
/// read, never moved or written, and a bookmark of an item no longer in
/// the data is passed over.
#[test]
fn bookmarks_export_the_bookmarked_items_and_leave_the_file_alone() {
    let home = common::BookmarksHome::new();
    let file = home.file.clone();
    let run = |args: &[&str]| home.wsis(args);
    let bookmarked = br#"["ecosoc-2006-46", "gone-item", "ga-80-173"]"#;
    std::fs::write(&file, bookmarked).unwrap();
    let exported = run(&["export", "--format", "csv", "--bookmarks"]);
    assert_eq!(csv_ids(&exported), ["ga-80-173", "ecosoc-2006-46"]);
    assert_eq!(std::fs::read(&file).unwrap(), bookmarked, "the file is untouched");
    // With --from, both.
    let with_from = run(&[
        "export",
        "--format",
        "csv",
        "--bookmarks",
        "--from",
        "igf",
        "--depth",
        "0",
    ]);
    assert_eq!(csv_ids(&with_from), ["ga-80-173", "ecosoc-2006-46", "igf"]);
    // A damaged file is said, and kept where it is.
    std::fs::write(&file, b"garbage").unwrap();
    let damaged = run(&["export", "--format", "csv", "--bookmarks"]);
    assert_eq!(damaged.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&damaged.stderr).contains("is corrupt"));
    assert_eq!(std::fs::read(&file).unwrap(), b"garbage");
    // None bookmarked: said so.
    std::fs::write(&file, b"[]").unwrap();
    let none = run(&["export", "--format", "csv", "--bookmarks"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no item is bookmarked"));
}
