//! Citations in every style, read back by real parsers: BibTeX by the
//! `biblatex` crate, RIS by a reader that enforces the RIS specification's
//! line format, CSL-JSON by serde_json against the schema's required fields
//! and type list. The whole embedded dataset is cited in every style.

mod common;

use biblatex::{Bibliography, ChunksExt};
use common::{DATA, idx, wsis};
use wsis_browser::cite::{self, Style};
use wsis_browser::data::paragraphs::{self, Paragraphs};
use wsis_browser::data::{Dataset, Relation};

fn cited(args: &[&str]) -> String {
    let output = wsis(args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn text_follows_the_un_form_and_includes_the_title() {
    let text = cited(&["cite", "E/RES/2006/46"]);
    let item = DATA.item(idx("ecosoc-2006-46"));
    assert!(
        text.starts_with("Economic and Social Council resolution 2006/46, \""),
        "{text}"
    );
    assert!(text.contains(&format!("\"{}\"", item.title)), "{text}");
    assert!(
        text.contains("28 July 2006, E/RES/2006/46, available from https://"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
    let two = cited(&["cite", "70/125", "C3"]);
    assert_eq!(two.lines().count(), 2);
    assert!(
        two.lines()
            .nth(1)
            .unwrap()
            .contains("in Plan of Action (WSIS-03/GENEVA/DOC/5-E)"),
        "{two}"
    );
}

#[test]
fn bibtex_parses_with_its_fields() {
    let text = cited(&["cite", "70/125", "2006/46", "ITU", "--format", "bibtex"]);
    let bibliography = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(bibliography.len(), 3);
    let entry = bibliography.get("ga-70-125").unwrap();
    let field = |name: &str| {
        entry
            .get(name)
            .map(|chunks| chunks.format_verbatim())
            .unwrap_or_default()
    };
    assert_eq!(field("number"), "A/RES/70/125");
    assert_eq!(field("title"), DATA.item(idx("ga-70-125")).title);
    assert_eq!(field("author"), "General Assembly");
    assert_eq!(field("url"), "https://undocs.org/en/A/RES/70/125");
    assert_eq!(field("date"), "2015-12-16");
    assert!(bibliography.get("itu").is_some());
}

/// The RIS specification's line format: a two-character tag, two spaces,
/// a hyphen, a space and the value; `TY` opens a record, `ER` closes it,
/// and one blank line parts two records, as reference managers write them.
fn read_ris(text: &str) -> Vec<Vec<(String, String)>> {
    const TYPES: [&str; 4] = ["RPRT", "ELEC", "GOVDOC", "CONF"];
    let mut records = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    let mut parted = true;
    assert!(
        text.ends_with("ER  - \r\n"),
        "lines end in CR LF, the last closes a record"
    );
    for line in text.split_terminator("\r\n") {
        if line.is_empty() {
            assert!(current.is_none() && !parted, "a blank line only parts two records");
            parted = true;
            continue;
        }
        assert!(parted || current.is_some(), "no blank line before {line:?}");
        parted = false;
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        let (tag, value) = (&line[..2], &line[6.min(line.len())..]);
        assert!(
            tag.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
            "{line:?}"
        );
        assert!(line[2..].starts_with("  - ") || line == "ER  - ", "{line:?}");
        match tag {
            "TY" => {
                assert!(current.is_none(), "TY inside a record");
                assert!(TYPES.contains(&value), "{value}");
                current = Some(vec![(tag.into(), value.into())]);
            }
            "ER" => records.push(current.take().expect("ER closes a record")),
            _ => current
                .as_mut()
                .expect("a tag inside a record")
                .push((tag.into(), value.into())),
        }
    }
    assert!(current.is_none(), "unclosed record");
    records
}

#[test]
fn ris_records_follow_the_specification() {
    let text = cited(&["cite", "70/125", "ITU", "--format", "ris"]);
    let records = read_ris(&text);
    assert_eq!(records.len(), 2);
    let get = |record: &[(String, String)], tag: &str| {
        record
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get(&records[0], "TY"), "RPRT");
    assert_eq!(get(&records[0], "SN"), "A/RES/70/125");
    assert_eq!(get(&records[0], "DA"), "2015/12/16/");
    assert_eq!(get(&records[0], "AU"), "General Assembly");
    assert_eq!(get(&records[0], "TI"), DATA.item(idx("ga-70-125")).title);
    assert_eq!(get(&records[1], "TY"), "ELEC");
}

/// The item types of the CSL 1.0.2 schema.
const CSL_TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

fn check_csl(value: &serde_json::Value) {
    for item in value.as_array().expect("an array of items") {
        assert!(item["id"].is_string(), "{item}");
        assert!(CSL_TYPES.contains(&item["type"].as_str().unwrap_or("")), "{item}");
        // A date, or a range of two (a meeting's first and last days).
        for date in ["issued", "event-date"].iter().filter_map(|name| item.get(name)) {
            let dates = date["date-parts"].as_array().unwrap();
            assert!((1..=2).contains(&dates.len()), "{item}");
            for parts in dates.iter().map(|parts| parts.as_array().unwrap()) {
                assert!(
                    (1..=3).contains(&parts.len()) && parts.iter().all(|p| p.is_u64()),
                    "{item}"
                );
            }
        }
        if let Some(authors) = item.get("author") {
            assert!(authors.as_array().unwrap().iter().all(|a| a["literal"].is_string()));
        }
    }
}

#[test]
fn csl_json_has_the_required_fields() {
    let text = cited(&["cite", "2006/46", "ITU", "--format", "csl-json"]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    check_csl(&value);
    assert_eq!(value[0]["number"], "E/RES/2006/46");
    assert_eq!(value[0]["issued"]["date-parts"], serde_json::json!([[2006, 7, 28]]));
    assert_eq!(value[0]["genre"], "Resolution");
}

#[test]
fn every_embedded_item_cites_in_every_style() {
    let all: Vec<usize> = (0..DATA.len()).collect();
    let bibtex = cite::format(&DATA, &all, Style::Bibtex);
    assert_eq!(Bibliography::parse(&bibtex).unwrap().len(), DATA.len());
    assert_eq!(read_ris(&cite::format(&DATA, &all, Style::Ris)).len(), DATA.len());
    check_csl(&serde_json::from_str(&cite::format(&DATA, &all, Style::CslJson)).unwrap());
    let text = cite::format(&DATA, &all, Style::Text);
    assert_eq!(text.lines().count(), DATA.len());
}

/// A document of the UN system at large is cited under the body that
/// adopted it, as author and publisher, in every style; without such a
/// body it stays the United Nations'.
#[test]
fn an_agency_document_names_the_agency_not_the_un() {
    let itu = DATA.item(idx("itu")).title.clone();
    let resolution = idx("itu-council-res-1334");
    let text = cite::format(&DATA, &[resolution], Style::Text);
    assert!(text.starts_with(&format!("{itu}, \"")), "{text}");
    let ris = cite::format(&DATA, &[resolution], Style::Ris);
    let fields = &read_ris(&ris)[0];
    for tag in ["AU", "PB"] {
        assert!(fields.contains(&(tag.to_string(), itu.to_string())), "{tag}: {ris}");
    }
    let csl: serde_json::Value = serde_json::from_str(&cite::format(&DATA, &[resolution], Style::CslJson)).unwrap();
    assert_eq!(csl[0]["author"][0]["literal"], itu.as_str());
    assert_eq!(csl[0]["publisher"], itu.as_str());
    let bibtex = cite::format(&DATA, &[resolution], Style::Bibtex);
    assert!(bibtex.contains(&format!("institution = {{{itu}}}")), "{bibtex}");
    let review = cite::format(&DATA, &[idx("wsis20-review")], Style::Text);
    assert!(review.starts_with("United Nations, \""), "{review}");
}

/// A General Assembly draft with no adopting body (A/80/L.41) is the
/// Assembly's, as its resolutions are, not "United Nations" (trial); the
/// UN still publishes it. A joint or non-UN symbol names no organ.
#[test]
fn a_general_assembly_draft_is_authored_by_the_assembly() {
    let draft = idx("a-80-l41");
    let resolution = idx("ga-80-173");
    let author = |at| {
        let bibtex = cite::format(&DATA, &[at], Style::Bibtex);
        let key = DATA.item(at).id.to_string();
        (
            bibtex_field(&bibtex, &key, "author"),
            bibtex_field(&bibtex, &key, "institution"),
        )
    };
    assert_eq!(author(draft), author(resolution));
    assert_eq!(
        author(draft),
        (Some("General Assembly".to_string()), Some("United Nations".to_string()))
    );
    let text = cite::format(&DATA, &[draft], Style::Text);
    assert!(text.starts_with("General Assembly, \"Draft resolution"), "{text}");
    let csl: serde_json::Value = serde_json::from_str(&cite::format(&DATA, &[draft], Style::CslJson)).unwrap();
    assert_eq!(csl[0]["author"][0]["literal"], "General Assembly");
    assert_eq!(csl[0]["publisher"], "United Nations");
    let data = common::dataset_from(
        r#"[
        Item(id: "joint", category: "wsis20", symbol: Some("A/1/2–E/3/4"), title: "Joint"),
        Item(id: "ecosoc-draft", category: "gdc", symbol: Some("E/1/L.1"), title: "ECOSOC draft"),
        Item(id: "agency", category: "wsis20", symbol: Some("UNCTAD/A/1"), title: "Agency"),
    ]"#,
    );
    let cited: Vec<String> = (0..data.len())
        .map(|at| cite::format(&data, &[at], Style::Text))
        .collect();
    assert!(cited[0].starts_with("United Nations, "), "{}", cited[0]);
    assert!(cited[1].starts_with("Economic and Social Council, "), "{}", cited[1]);
    assert!(cited[2].starts_with("United Nations, "), "{}", cited[2]);
}

/// An annex without a symbol of its own is the work of its resolution's
/// organ (trial: the Global Digital Compact, annexed to A/RES/79/1, was
/// cited as the United Nations'), and so is each paragraph cited in it;
/// a part of a document with no organ's symbol stays the UN's.
#[test]
fn an_annex_is_authored_by_the_organ_of_its_resolution() {
    for id in ["gdc", "gdc-para-70"] {
        let text = cite::format(&DATA, &[idx(id)], Style::Text);
        assert!(
            text.starts_with("General Assembly, \"Global Digital Compact\", in The Pact for the Future (A/RES/79/1)"),
            "{id}: {text}"
        );
    }
    let data = common::dataset_from(
        r#"[
        Item(id: "res", category: "ecosoc", symbol: Some("E/RES/1/2"), title: "A resolution"),
        Item(id: "annex", category: "wsis20", title: "Its annex", links: [Link(rel: PartOf, to: "res")]),
        Item(id: "plan", category: "outcome", symbol: Some("WSIS-03/GENEVA/DOC/5-E"), title: "A plan"),
        Item(id: "section", category: "wsis20", title: "Its section", links: [Link(rel: PartOf, to: "plan")]),
    ]"#,
    );
    let cite_of = |id: &str| cite::format(&data, &[data.by_id(id).unwrap()], Style::Text);
    assert!(
        cite_of("annex").starts_with("Economic and Social Council, \"Its annex\""),
        "{}",
        cite_of("annex")
    );
    assert!(
        cite_of("section").starts_with("United Nations, \"Its section\""),
        "{}",
        cite_of("section")
    );
}

#[test]
fn an_unknown_title_is_left_out_not_invented() {
    let data = Dataset::with_overlays(&["tests/fixtures/citations.ron"]).unwrap();
    let untitled = data.by_id("untitled-report").unwrap();
    let text = cite::format(&data, &[untitled], Style::Text);
    assert_eq!(text, "Report of the Secretary-General, 2010, A/99/1\n");
    let bibtex = cite::format(&data, &[untitled], Style::Bibtex);
    let entry = Bibliography::parse(&bibtex)
        .unwrap()
        .get("untitled-report")
        .unwrap()
        .clone();
    assert!(entry.get("title").is_none());
    let csl: serde_json::Value = serde_json::from_str(&cite::format(&data, &[untitled], Style::CslJson)).unwrap();
    assert!(csl[0].get("title").is_none());
}

#[test]
fn hostile_titles_stay_inside_their_fields() {
    let data = Dataset::with_overlays(&["tests/fixtures/citations.ron"]).unwrap();
    let hostile = data.by_id("hostile-braces").unwrap();
    let bibtex = cite::format(&data, &[hostile], Style::Bibtex);
    let bibliography = Bibliography::parse(&bibtex).unwrap_or_else(|e| panic!("{e:?}\n{bibtex}"));
    assert_eq!(bibliography.len(), 1, "no entry smuggled in: {bibtex}");
    let ris = read_ris(&cite::format(&data, &[hostile], Style::Ris));
    assert_eq!(ris.len(), 1);
    assert!(
        ris[0].iter().all(|(tag, _)| tag != "UR"),
        "a URL that is not plain is left out"
    );
}

#[test]
fn the_browser_copies_the_configured_style() {
    use ratatui::crossterm::event::KeyCode;
    use wsis_browser::app::{Action, App, Effect};
    let copied = |style: Style| {
        let mut app = App::new(&DATA);
        app.citation_style = style;
        app.update(Action::StartJump);
        common::type_text(&mut app, "70/125");
        common::press(
            &mut app,
            &[common::key(KeyCode::Enter), common::key(KeyCode::Char('y'))],
        );
        match app.effects.as_slice() {
            [Effect::Copy { text, multiline, .. }] => {
                // What reaches the clipboard, as the terminal is asked to hold it.
                let sequence = wsis_browser::clipboard::osc52(text, false, *multiline);
                assert!(sequence.starts_with("\x1b]52;c;"), "{sequence:?}");
                if *multiline {
                    wsis_browser::clipboard::clipboard_lines(text)
                } else {
                    wsis_browser::clipboard::clipboard_text(text)
                }
            }
            other => panic!("expected one copy, got {other:?}"),
        }
    };
    assert!(copied(Style::Text).starts_with("General Assembly resolution 70/125"));
    assert!(copied(Style::Bibtex).starts_with("@techreport{ga-70-125,"));
    // Records keep their lines: RIS needs one tag per CRLF-ended line.
    for style in [Style::Bibtex, Style::Ris, Style::CslJson] {
        assert_eq!(
            cite::citation(&DATA, idx("ga-70-125"), style),
            copied(style),
            "{style:?}"
        );
    }
    assert_eq!(read_ris(&copied(Style::Ris)).len(), 1);
}

/// The value of `field` in the one BibTeX entry of `bibtex`, if any.
fn bibtex_field(bibtex: &str, key: &str, field: &str) -> Option<String> {
    let bibliography = Bibliography::parse(bibtex).unwrap_or_else(|e| panic!("{e:?}\n{bibtex}"));
    let entry = bibliography.get(key).expect("the entry").clone();
    entry.get(field).map(|chunks| chunks.format_verbatim())
}

/// Every embedded item whose title no source gave is cited by its
/// designation (its symbol, else its short title) in every style, as a
/// number and with a note saying so, never as a title.
#[test]
fn an_untitled_item_is_cited_by_its_designation_in_every_style() {
    let untitled: Vec<usize> = (0..DATA.len()).filter(|&i| !DATA.item(i).title_known()).collect();
    assert!(!untitled.is_empty(), "the embedded data has untitled items");
    let mut without_designation = Vec::new();
    for idx in untitled {
        let item = DATA.item(idx);
        let Some(designation) = item.symbol.as_deref().or(item.short_title.as_deref()).map(String::from) else {
            without_designation.push(idx);
            continue;
        };
        let cited = |style| cite::format(&DATA, &[idx], style);
        let text = cited(Style::Text);
        assert!(
            text.contains(&designation) && !text.contains(&format!("\"{designation}\"")),
            "{text}"
        );

        let bibtex = cited(Style::Bibtex);
        assert_eq!(
            bibtex_field(&bibtex, &item.id, "number").as_deref(),
            Some(designation.as_str()),
            "{bibtex}"
        );
        assert_eq!(bibtex_field(&bibtex, &item.id, "title"), None, "{bibtex}");
        let note = bibtex_field(&bibtex, &item.id, "note").unwrap_or_default();
        assert!(note.contains(cite::DESIGNATION_NOTE), "{bibtex}");

        let ris = read_ris(&cited(Style::Ris)).remove(0);
        assert!(ris.contains(&("SN".into(), designation.clone())), "{ris:?}");
        assert!(!ris.iter().any(|(tag, _)| tag == "TI" || tag == "T1"), "{ris:?}");
        assert!(
            ris.iter()
                .any(|(tag, v)| tag == "N1" && v.contains(cite::DESIGNATION_NOTE)),
            "{ris:?}"
        );

        let csl: serde_json::Value = serde_json::from_str(&cited(Style::CslJson)).unwrap();
        assert_eq!(csl[0]["number"], designation.as_str(), "{csl}");
        assert!(csl[0].get("title").is_none(), "{csl}");
        assert!(
            csl[0]["note"].as_str().unwrap_or("").contains(cite::DESIGNATION_NOTE),
            "{csl}"
        );
    }
    // An item with neither symbol nor short title can only be named by who
    // issued it, when and where it is: the citation must carry all three.
    for idx in without_designation {
        let item = DATA.item(idx);
        println!("note: {} has no designation; cited by issuer, date and link", item.id);
        let text = cite::format(&DATA, &[idx], Style::Text);
        let date = DATA.date(idx).expect("a date").to_string();
        let url = item.url.as_deref().expect("a link");
        assert!(text.contains(&date) && text.contains(url), "{text}");
        assert!(
            cite::Reference::of(&DATA, idx)
                .issuer
                .is_some_and(|i| text.starts_with(&i)),
            "{text}"
        );
    }
}

#[test]
fn itu_council_resolution_1332_is_cited_by_its_name() {
    let text = cited(&["cite", "itu-council-res-1332"]);
    assert!(
        text.starts_with("International Telecommunication Union, ITU Council Resolution 1332, 2024, "),
        "{text}"
    );
}

#[test]
fn a_container_is_named_by_its_title_not_the_screen_short_title() {
    let mut checked = 0;
    for idx in 0..DATA.len() {
        let part_of = DATA
            .links(idx)
            .find(|(link, _)| link.rel == wsis_browser::data::Relation::PartOf);
        let Some((_, container)) = part_of else { continue };
        // A paragraph, or a part titled by us, is cited as its container,
        // by its title: see `a_paragraph_is_cited_as_its_document_with_a_locator`
        // and `a_part_titled_by_us_is_cited_as_its_document`.
        if DATA.item(idx).paragraphs.is_some() || DATA.item(idx).title_is_ours {
            continue;
        }
        let container = DATA.item(container);
        let Some(short) = container.short_title.as_deref().filter(|s| *s != container.title) else {
            continue;
        };
        // Documents with symbols; the others are checked below.
        if !container.title_known() || container.symbol.is_none() {
            continue;
        }
        let expected = match &container.symbol {
            Some(symbol) => format!("{} ({symbol})", container.title),
            None => container.title.to_string(),
        };
        for style in [Style::Text, Style::Bibtex, Style::Ris, Style::CslJson] {
            let cited = cite::format(&DATA, &[idx], style);
            let id = &DATA.item(idx).id;
            assert!(cited.contains(&expected), "{style:?} {id}: {cited}");
            if !container.title.contains(short) && !DATA.item(idx).title.contains(short) {
                assert!(!cited.contains(short), "{style:?} {id}: {cited}");
            }
        }
        checked += 1;
    }
    assert!(checked > 0, "some item is part of a container with a short title");
}

#[test]
fn a_container_without_a_confirmed_title_is_named_by_its_symbol_or_not_at_all() {
    let text = r#"[
        Item(id: "whole", category: "ga", symbol: Some("A/RES/1/1"), title: "", short_title: Some("Screen label"),
             unconfirmed: ["title"]),
        Item(id: "bare", category: "ga", title: "", short_title: Some("Another label"), unconfirmed: ["title"]),
        Item(id: "part", category: "ga", title: "A part", links: [Link(rel: PartOf, to: "whole")]),
        Item(id: "part2", category: "ga", title: "Another part", links: [Link(rel: PartOf, to: "bare")]),
    ]"#;
    let data = common::dataset_from(text);
    let part = data.find("part").unwrap();
    let part2 = data.find("part2").unwrap();
    for style in [Style::Text, Style::Bibtex, Style::Ris, Style::CslJson] {
        let cited = cite::format(&data, &[part], style);
        assert!(cited.contains("A/RES/1/1"), "{style:?}: {cited}");
        assert!(!cited.contains("Screen label"), "{style:?}: {cited}");
        let cited = cite::format(&data, &[part2], style);
        assert!(!cited.contains("Another label"), "{style:?}: {cited}");
    }
}

#[test]
fn only_a_document_is_cited_as_a_container() {
    // A resolution is not "in" a review process, nor a session "in" the CSTD.
    for name in ["80/173", "cstd-session-16", "igf-2006"] {
        let cited = cited(&["cite", name]);
        assert!(!cited.contains(", in "), "{name}: {cited}");
    }
    // A part of a document with a title of its own is in it (a paragraph,
    // or a part titled by us, is cited as the document itself: see below).
    assert!(cited(&["cite", "gdc"]).contains(", in The Pact for the Future (A/RES/79/1),"));
}

/// Months are BibTeX's standard macros (`month = jul`), which BibTeX's own
/// styles and biblatex both read as the month, not a number in braces.
#[test]
fn bibtex_months_are_the_standard_macros() {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let text = cited(&["cite", "70/125", "2006/46", "--format", "bibtex"]);
    assert!(text.contains("\n  month = dec,\n"), "{text}");
    assert!(text.contains("\n  month = jul,\n"), "{text}");
    // Cited with a date: documents and meetings (a body's date is when it
    // began, never written as the date of the page cited).
    let dated: Vec<usize> = (0..DATA.len())
        .filter(|&i| cite::Reference::of(&DATA, i).date.is_some_and(|d| d.month.is_some()))
        .collect();
    assert!(dated.len() > 100, "{} items with a month", dated.len());
    let bibtex = cite::format(&DATA, &dated, Style::Bibtex);
    assert!(!bibtex.contains("month = {"), "no month in braces");
    let bibliography = Bibliography::parse(&bibtex).unwrap_or_else(|e| panic!("{e:?}"));
    for &item in &dated {
        let month = DATA.date(item).and_then(|d| d.month).expect("a month");
        let entry = bibliography.get(&DATA.item(item).id).expect("the entry");
        let read = entry.get("month").map(|chunks| chunks.format_verbatim());
        assert_eq!(
            read.as_deref(),
            Some(NAMES[usize::from(month) - 1]),
            "{}",
            DATA.item(item).id
        );
    }
}

/// A meeting (an item with an end date) is an event in every category: a
/// session of the CSTD is not a report of it, and has no "Document" genre.
#[test]
fn a_meeting_is_cited_as_an_event_not_a_report() {
    for name in ["cstd-session-16", "wsis20-hlm", "geneva-summit"] {
        let csl: serde_json::Value = serde_json::from_str(&cited(&["cite", name, "--format", "csl-json"])).unwrap();
        assert_eq!(csl[0]["type"], "event", "{name}: {csl}");
        assert!(csl[0].get("genre").is_none(), "{name}: {csl}");
        let bibtex = cited(&["cite", name, "--format", "bibtex"]);
        assert!(bibtex.starts_with("@misc{"), "{name}: {bibtex}");
        assert!(!bibtex.contains("institution ="), "{name}: {bibtex}");
        let ris = read_ris(&cited(&["cite", name, "--format", "ris"]));
        assert_eq!(ris[0][0], ("TY".to_string(), "CONF".to_string()), "{name}");
        assert!(!ris[0].iter().any(|(tag, _)| tag == "M3"), "{name}: no genre");
        // The convening body is not the meeting's author.
        assert!(csl[0].get("author").is_none(), "{name}: {csl}");
        assert!(bibtex_field(&bibtex, name, "author").is_none(), "{name}: {bibtex}");
        assert!(!ris[0].iter().any(|(tag, _)| tag == "AU"), "{name}: {ris:?}");
        let text = cited(&["cite", name]);
        assert!(text.starts_with('"'), "{name}: the title comes first: {text}");
    }
    // A document of the same categories stays a report.
    let csl: serde_json::Value = serde_json::from_str(&cited(&["cite", "70/125", "--format", "csl-json"])).unwrap();
    assert_eq!(csl[0]["type"], "report");
}

/// A meeting is dated from its first day to its last wherever the style
/// can hold a range (RIS cannot: it gives the first day).
#[test]
fn a_meeting_is_cited_with_its_span() {
    let text = cited(&["cite", "cstd-session-16", "geneva-summit"]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "\"Commission on Science and Technology for Development, sixteenth session\", 3–7 June 2013, \
             available from https://ecosoc.un.org/fr/node/430"
        )
    );
    assert!(lines.next().unwrap().contains("\", 10–12 December 2003, "), "{text}");
    let bibtex = cited(&["cite", "cstd-session-16", "--format", "bibtex"]);
    assert_eq!(
        bibtex_field(&bibtex, "cstd-session-16", "date").as_deref(),
        Some("2013-06-03/2013-06-07")
    );
    let csl: serde_json::Value =
        serde_json::from_str(&cited(&["cite", "cstd-session-16", "--format", "csl-json"])).unwrap();
    let span = serde_json::json!([[2013, 6, 3], [2013, 6, 7]]);
    assert_eq!(csl[0]["issued"]["date-parts"], span);
    assert_eq!(csl[0]["event-date"]["date-parts"], span);
    let ris = read_ris(&cited(&["cite", "cstd-session-16", "--format", "ris"]));
    assert!(
        ris[0].contains(&("DA".to_string(), "2013/06/03/".to_string())),
        "{ris:?}"
    );
}

#[test]
fn a_body_is_cited_without_the_date_it_began() {
    let cstd = idx("cstd");
    assert!(DATA.date(cstd).is_some(), "the CSTD has a date in the data");
    let text = cite::format(&DATA, &[cstd], Style::Text);
    assert!(!text.contains("1992"), "{text}");
    let ris = read_ris(&cite::format(&DATA, &[cstd], Style::Ris)).remove(0);
    assert!(ris.iter().all(|(tag, _)| tag != "PY" && tag != "DA"), "{ris:?}");
    let csl = cite::format(&DATA, &[cstd], Style::CslJson);
    assert!(!csl.contains("\"issued\""), "{csl}");
    // A one-day meeting among the bodies (its `until` is its date) keeps it.
    let meeting = cite::format(&DATA, &[idx("escap-wsis-regional-review-2016")], Style::Text);
    assert!(meeting.contains("\", 4 October 2016, available"), "{meeting}");
    // A document keeps its date, a sub-line of C7 is cited in the Plan of
    // Action (the document with a symbol), not in C7.
    let health = cite::format(&DATA, &[idx("al-c7-e-health")], Style::Text);
    assert!(
        health.contains("in Plan of Action (WSIS-03/GENEVA/DOC/5-E), 12 December 2003"),
        "{health}"
    );
}

/// Every embedded paragraph item (one with `paragraphs`; every item that
/// names paragraphs in its id or titles has them: see
/// `an_item_naming_paragraphs_of_its_document_carries_them`) is cited as
/// its document, with its paragraphs as the locator, in every style:
/// never by its own title, which is ours (the paragraphs have no
/// headings), and never as pages.
#[test]
fn a_paragraph_is_cited_as_its_document_with_a_locator() {
    let paragraph_items: Vec<usize> = (0..DATA.len()).filter(|&i| DATA.item(i).paragraphs.is_some()).collect();
    assert!(paragraph_items.len() >= 12, "the embedded data has paragraph items");
    for idx in paragraph_items {
        let item = DATA.item(idx);
        let id = item.id.as_str();
        let field = item.paragraphs.as_deref().unwrap();
        let locator = Paragraphs::parse(field).unwrap().locator();
        let (_, document) = DATA
            .links(idx)
            .find(|(link, _)| link.rel == Relation::PartOf)
            .expect("a paragraph is part of its document");
        let document_title = DATA.item(document).title.to_string();
        let cited = |style| cite::format(&DATA, &[idx], style);

        let text = cited(Style::Text);
        let whole = cite::format(&DATA, &[document], Style::Text);
        let (before_link, _) = whole.split_once(", available from").unwrap();
        assert!(
            text.starts_with(&format!("{before_link}, {locator}, available from ")),
            "{text}"
        );
        assert!(!text.contains(item.title.as_str()), "{text}");

        let bibtex = cited(Style::Bibtex);
        assert_eq!(
            bibtex_field(&bibtex, id, "title").as_deref(),
            Some(document_title.as_str())
        );
        assert_eq!(bibtex_field(&bibtex, id, "pages"), None, "{bibtex}");
        let note = bibtex_field(&bibtex, id, "note").unwrap_or_default();
        assert!(note.starts_with(&capitalized(&locator)), "{bibtex}");

        let ris = read_ris(&cited(Style::Ris)).remove(0);
        assert!(ris.contains(&("TI".into(), document_title.clone())), "{ris:?}");
        assert!(ris.contains(&("N1".into(), capitalized(&locator))), "{ris:?}");
        assert!(!ris.iter().any(|(tag, _)| tag == "SP"), "{ris:?}");

        let csl: serde_json::Value = serde_json::from_str(&cited(Style::CslJson)).unwrap();
        check_csl(&csl);
        assert_eq!(csl[0]["id"], id, "{csl}");
        assert_eq!(csl[0]["title"], document_title.as_str(), "{csl}");
        assert_eq!(csl[0]["note"], capitalized(&locator).as_str(), "{csl}");
    }
}

/// Every embedded part whose title is ours (`title_is_ours`: a decision of
/// A/RES/80/173, the GDC's objectives paraphrased) is cited as the
/// document it is `PartOf`, under its own key, in every style: never by
/// the title we wrote, and with no locator (no paragraph is known).
#[test]
fn a_part_titled_by_us_is_cited_as_its_document() {
    let parts: Vec<usize> = (0..DATA.len()).filter(|&i| DATA.item(i).title_is_ours).collect();
    assert!(parts.len() >= 3, "the embedded data has parts titled by us");
    for idx in parts {
        let item = DATA.item(idx);
        let id = item.id.as_str();
        let (_, document) = DATA
            .links(idx)
            .find(|(link, _)| link.rel == Relation::PartOf)
            .expect("a part titled by us is part of its document");
        let document_title = DATA.item(document).title.to_string();
        let cited = |style| cite::format(&DATA, &[idx], style);

        let text = cited(Style::Text);
        assert_eq!(text, cite::format(&DATA, &[document], Style::Text), "{id}");
        assert!(!text.contains(item.title.as_str()), "{text}");

        let bibtex = cited(Style::Bibtex);
        assert!(bibtex.starts_with(&format!("@techreport{{{id},")), "{bibtex}");
        assert_eq!(
            bibtex_field(&bibtex, id, "title").as_deref(),
            Some(document_title.as_str())
        );
        let ris = read_ris(&cited(Style::Ris)).remove(0);
        assert!(ris.contains(&("TI".into(), document_title.clone())), "{ris:?}");
        let csl: serde_json::Value = serde_json::from_str(&cited(Style::CslJson)).unwrap();
        check_csl(&csl);
        assert_eq!(csl[0]["id"], id, "{csl}");
        assert_eq!(csl[0]["title"], document_title.as_str(), "{csl}");
        // `wsis cite` says why on stderr; stdout is the citation alone.
        let said = wsis(&["cite", id]);
        assert!(said.status.success());
        assert_eq!(String::from_utf8_lossy(&said.stdout).trim_end(), text.trim_end());
        assert!(
            String::from_utf8_lossy(&said.stderr).contains("its title is ours"),
            "{id}"
        );
    }
}

/// The paragraphs a title names, in the data's form: "paragraph 6" and
/// "(para 113)" name "6" and "113", "paras 69-71" and "paragraphs
/// 108-109" a run; `None` for a title that names none.
fn paragraphs_named_in(title: &str) -> Option<String> {
    let words: Vec<String> = title
        .split(|c: char| c.is_whitespace() || "(),:;".contains(c))
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace('–', "-"))
        .collect();
    let marker = ["para", "paras", "paragraph", "paragraphs", "¶"];
    words.windows(2).find_map(|pair| {
        let numbered = pair[1].starts_with(|c: char| c.is_ascii_digit());
        (marker.contains(&pair[0].as_str()) && numbered).then(|| pair[1].clone())
    })
}

#[test]
fn a_title_names_its_paragraphs_as_the_data_writes_them() {
    assert_eq!(
        paragraphs_named_in("Indicative targets (paragraph 6)").as_deref(),
        Some("6")
    );
    assert_eq!(paragraphs_named_in("Task force (para 67)").as_deref(), Some("67"));
    assert_eq!(
        paragraphs_named_in("TA paras 69-71: enhanced cooperation").as_deref(),
        Some("69-71")
    );
    assert_eq!(
        paragraphs_named_in("Tunis Agenda, Paragraphs 108–109: AL").as_deref(),
        Some("108-109")
    );
    assert_eq!(paragraphs_named_in("WSIS+20 outcome document"), None);
    assert_eq!(paragraphs_named_in("The paragraph on targets"), None);
}

/// An item whose id, title or short title names paragraphs of the
/// document it is `PartOf` is a paragraph item: it carries those
/// paragraphs in `paragraphs`, so it is cited as the document with a
/// locator, never by our title as if it were the document's. Found by the
/// data, not a list of ids, so a new item cannot slip. (That an item with
/// `paragraphs` is part of a document, not a body or a meeting, the load
/// checks: `tests/data_integrity.rs`.)
#[test]
fn an_item_naming_paragraphs_of_its_document_carries_them() {
    let mut checked = 0;
    for idx in 0..DATA.len() {
        let item = DATA.item(idx);
        let document = DATA.links(idx).find(|(link, _)| link.rel == Relation::PartOf);
        let Some((_, document)) = document else { continue };
        if paragraphs::not_a_document(DATA.item(document)).is_some() {
            continue;
        }
        let titles = std::iter::once(item.title.as_str()).chain(item.short_title.as_deref());
        let named: Vec<String> = titles
            .filter_map(paragraphs_named_in)
            .chain(paragraphs::named_in_id(&item.id).map(str::to_string))
            .collect();
        for named in &named {
            assert_eq!(item.paragraphs.as_deref(), Some(named.as_str()), "{}", item.id);
        }
        checked += usize::from(!named.is_empty());
    }
    assert!(
        checked >= 12,
        "the embedded data has items naming paragraphs: {checked}"
    );
}

/// The three items whose titles named a paragraph without the field:
/// cited as their documents, with the paragraph, in the UN's form.
#[test]
fn the_geneva_targets_and_two_wsis20_decisions_are_cited_as_paragraphs() {
    let targets = cited(&["cite", "geneva-targets"]);
    assert_eq!(
        targets,
        "World Summit on the Information Society, \"Plan of Action\", 12 December 2003, \
         WSIS-03/GENEVA/DOC/5-E, para. 6, available from https://www.itu.int/wsis/docs/geneva/official/poa.html\n"
    );
    for (id, paragraph) in [
        ("wsis20-financing-task-force", 67),
        ("wsis20-action-line-roadmaps", 113),
    ] {
        let text = cited(&["cite", id]);
        assert!(
            text.starts_with("General Assembly resolution 80/173, \"Outcome document of the high-level meeting"),
            "{text}"
        );
        assert!(
            text.ends_with(&format!(
                "A/RES/80/173, para. {paragraph}, available from https://undocs.org/en/A/RES/80/173\n"
            )),
            "{text}"
        );
        assert!(!text.contains("WSIS+20 decision"), "{text}");
    }
}

/// "Para. 105": a locator opening a note.
fn capitalized(locator: &str) -> String {
    let mut chars = locator.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[test]
fn a_run_of_paragraphs_is_cited_with_an_en_dash() {
    let text = cited(&["cite", "tunis-agenda-paras-69-71"]);
    assert!(
        text.starts_with(
            "World Summit on the Information Society, \"Tunis Agenda for the Information Society\", \
             18 November 2005, WSIS-05/TUNIS/DOC/6(Rev.1)-E, paras. 69–71, available from https://"
        ),
        "{text}"
    );
}

/// An item whose link is the page of a body it links to (a CSTD session,
/// a report whose own page was not found: their link is the CSTD's page)
/// is cited with no link, in every style: it is not available from there.
/// Every other item with a link is cited "available from" it, a body from
/// its own page included. Found by the data, not a list of ids.
#[test]
fn a_citation_never_gives_a_linked_bodys_page_as_where_an_item_is() {
    let body_page = |idx: usize| {
        let url = DATA.item(idx).url.as_deref()?;
        DATA.links(idx)
            .any(|(_, target)| {
                wsis_browser::data::CATEGORIES[DATA.category_of(target)]
                    .document_type()
                    .is_none()
                    && DATA.item(target).url.as_deref() == Some(url)
            })
            .then_some(url)
    };
    let mut without_link = 0;
    for idx in 0..DATA.len() {
        let item = DATA.item(idx);
        let text = cite::citation(&DATA, idx, Style::Text);
        match (body_page(idx), item.url.as_deref()) {
            (Some(url), _) => {
                without_link += 1;
                assert!(!text.contains("available from"), "{}: {text}", item.id);
                for style in [Style::Text, Style::Bibtex, Style::Ris, Style::CslJson] {
                    let cited = cite::citation(&DATA, idx, style);
                    assert!(!cited.contains(url), "{} {style:?}: {cited}", item.id);
                }
            }
            // A paragraph item may be cited with its document's link.
            (None, Some(url)) if item.paragraphs.is_none() => {
                assert!(text.ends_with(&format!("available from {url}")), "{}: {text}", item.id);
            }
            _ => {}
        }
    }
    assert!(without_link >= 10, "items linked to their body's page: {without_link}");
    let cstd = cite::citation(&DATA, idx("cstd"), Style::Text);
    assert!(cstd.contains("available from https://unctad.org/"), "{cstd}");
}

/// `cite --bookmarks` cites what the browser's `m` bookmarked, in the
/// order bookmarked, after any item named; an item named twice, or named
/// and bookmarked, is cited once; the file is read, never written.
#[test]
fn cite_takes_the_bookmarks_and_cites_each_item_once() {
    let home = common::BookmarksHome::new();
    let file = home.file.clone();
    let run = |args: &[&str]| home.wsis(args);
    let keys = |output: &std::process::Output| -> Vec<String> {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("CSL-JSON");
        records
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let bookmarked = br#"["ga-80-173", "gone-item", "ecosoc-2006-46"]"#;
    std::fs::write(&file, bookmarked).unwrap();
    let alone = run(&["cite", "--bookmarks", "--format", "csl-json"]);
    assert_eq!(keys(&alone), ["ga-80-173", "ecosoc-2006-46"]);
    let named_too = run(&["cite", "igf", "E/RES/2006/46", "--bookmarks", "--format", "csl-json"]);
    assert_eq!(keys(&named_too), ["igf", "ecosoc-2006-46", "ga-80-173"]);
    let twice = run(&["cite", "A/RES/80/173", "ga-80-173", "--format", "csl-json"]);
    assert_eq!(keys(&twice), ["ga-80-173"]);
    assert_eq!(std::fs::read(&file).unwrap(), bookmarked, "the file is untouched");
    std::fs::write(&file, b"[]").unwrap();
    let none = run(&["cite", "--bookmarks"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no item is bookmarked"));
}
