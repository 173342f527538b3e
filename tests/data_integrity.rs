//! The embedded dataset: valid, complete, connected, and right on key facts
//! taken from the checked fact sheets (`../shared/reference/` beside the repository).

mod common;

use std::collections::VecDeque;

use common::{DATA, idx};
use wsis_browser::data::{CATEGORIES, Dataset, Relation, SourceFile};

fn has_link(from: &str, rel: Relation, to: &str) -> bool {
    DATA.links(idx(from))
        .any(|(link, target)| link.rel == rel && DATA.item(target).id == to)
}

#[test]
fn every_category_has_items_and_the_corpus_is_large_enough() {
    for (i, category) in CATEGORIES.iter().enumerate() {
        assert!(!DATA.category_items(i).is_empty(), "category {} is empty", category.id);
    }
    assert!(DATA.len() >= 150, "only {} items", DATA.len());
}

#[test]
fn every_item_has_an_https_url_a_source_a_summary_and_a_link() {
    let mut missing = Vec::new();
    for (i, item) in DATA.items().enumerate() {
        if !item.url.as_deref().is_some_and(|u| u.starts_with("https://")) {
            missing.push(format!("{}: https url", item.id));
        }
        if item.sources.is_empty() || item.sources.iter().any(|s| !s.starts_with("http")) {
            missing.push(format!("{}: source", item.id));
        }
        if item.summary.trim().is_empty() {
            missing.push(format!("{}: summary", item.id));
        }
        if item.links.is_empty() && DATA.backlinks(i).is_empty() {
            missing.push(format!("{}: link", item.id));
        }
    }
    assert!(missing.is_empty(), "incomplete items:\n{}", missing.join("\n"));
}

#[test]
fn no_symbol_appears_twice() {
    let mut symbols: Vec<String> = DATA
        .items()
        .filter_map(|i| i.symbol.as_deref())
        .map(str::to_lowercase)
        .collect();
    let total = symbols.len();
    symbols.sort();
    symbols.dedup();
    assert_eq!(symbols.len(), total);
}

#[test]
fn the_graph_is_one_connected_component() {
    let mut seen = vec![false; DATA.len()];
    let mut queue = VecDeque::from([0]);
    seen[0] = true;
    while let Some(at) = queue.pop_front() {
        let neighbours = DATA
            .links(at)
            .map(|(_, t)| t)
            .chain(DATA.backlinks(at).iter().map(|b| b.from))
            .collect::<Vec<_>>();
        for next in neighbours {
            if !seen[next] {
                seen[next] = true;
                queue.push_back(next);
            }
        }
    }
    let unreached: Vec<&str> = DATA
        .items()
        .zip(&seen)
        .filter(|(_, s)| !**s)
        .map(|(i, _)| i.id.as_str())
        .collect();
    assert!(unreached.is_empty(), "not connected to the rest: {unreached:?}");
}

#[test]
fn the_mandate_chain_from_60_252_to_80_173_is_linked() {
    assert!(has_link("ga-60-252", Relation::Requests, "ecosoc"));
    assert!(has_link("ecosoc-2006-46", Relation::Responds, "ga-60-252"));
    assert!(has_link("ecosoc-2006-46", Relation::Responds, "tunis-agenda-para-105"));
    assert!(has_link("ecosoc-2006-46", Relation::Mandates, "cstd"));
    assert!(has_link("cstd-20-year-report", Relation::FeedsInto, "wsis20-review"));
    assert!(
        DATA.links(idx("ga-80-173"))
            .any(|(_, t)| DATA.item(t).id == "wsis20-review")
            || DATA
                .backlinks(idx("ga-80-173"))
                .iter()
                .any(|b| DATA.item(b.from).id == "wsis20-review")
    );
}

#[test]
fn the_tunis_agenda_leads_to_the_2025_high_level_meeting() {
    assert!(has_link("tunis-agenda-para-105", Relation::PartOf, "tunis-agenda"));
    assert!(has_link("tunis-agenda-para-111", Relation::PartOf, "tunis-agenda"));
    assert!(has_link("ga-70-125", Relation::Responds, "tunis-agenda-para-111"));
    assert!(has_link("ga-70-125", Relation::Mandates, "wsis20-hlm"));
}

#[test]
fn the_compact_is_an_annex_of_79_1_and_feeds_the_review() {
    assert!(has_link("gdc", Relation::PartOf, "ga-79-1"));
    assert!(has_link("gdc-para-68", Relation::PartOf, "gdc"));
    assert!(has_link("gdc-para-68", Relation::FeedsInto, "wsis20-review"));
}

#[test]
fn each_action_line_links_to_its_lead_facilitator() {
    let leads = [
        ("al-c1", "un-desa"),
        ("al-c2", "itu"),
        ("al-c3", "unesco"),
        ("al-c4", "itu"),
        ("al-c5", "itu"),
        ("al-c6", "itu"),
        ("al-c7-e-government", "un-desa"),
        ("al-c7-e-learning", "unesco"),
        ("al-c7-e-health", "who"),
        ("al-c7-e-employment", "ilo"),
        ("al-c7-e-environment", "wmo"),
        ("al-c7-e-agriculture", "fao"),
        ("al-c7-e-science", "unesco"),
        ("al-c8", "unesco"),
        ("al-c9", "unesco"),
        ("al-c10", "unesco"),
        ("al-c11", "un-desa"),
    ];
    for (line, lead) in leads {
        assert!(
            has_link(line, Relation::FacilitatedBy, lead),
            "{line} is not facilitated by {lead}"
        );
    }
    let e_apps = [
        "government",
        "business",
        "learning",
        "health",
        "employment",
        "environment",
        "agriculture",
        "science",
    ];
    for app in e_apps {
        assert!(has_link(&format!("al-c7-e-{app}"), Relation::PartOf, "al-c7"));
    }
    for n in 1..=11 {
        assert!(DATA.by_id(&format!("al-c{n}")).is_some(), "Action Line C{n} missing");
    }
}

/// Symbols and dates as the fact sheets confirm them.
#[test]
fn key_dates_match_the_fact_sheets() {
    let facts = [
        ("A/RES/56/183", "2001-12-21"),
        ("A/RES/57/238", "2002-12-20"),
        ("A/RES/59/220", "2004-12-22"),
        ("A/RES/60/252", "2006-03-27"),
        ("A/RES/68/302", "2014-07-31"),
        ("A/RES/70/125", "2015-12-16"),
        ("A/RES/72/200", "2017-12-20"),
        ("A/RES/73/218", "2018-12-20"),
        ("A/RES/74/197", "2019-12-19"),
        ("A/RES/76/189", "2021-12-17"),
        ("A/RES/77/150", "2022-12-14"),
        ("A/RES/79/1", "2024-09-22"),
        ("A/RES/79/277", "2025-03-27"),
        ("A/RES/80/173", "2025-12-17"),
        // The final draft: dig.watch's copy is dated to the month only.
        ("A/80/L.41", "2025-12"),
        ("E/RES/2006/46", "2006-07-28"),
        ("E/RES/2007/8", "2007-07-25"),
        ("E/RES/2009/7", "2009-07-24"),
        ("E/RES/2019/24", "2019-07-23"),
        ("E/RES/2022/15", "2022-07-21"),
        ("E/RES/2023/3", "2023-06-07"),
        ("WSIS-03/GENEVA/DOC/4-E", "2003-12-12"),
        ("WSIS-03/GENEVA/DOC/5-E", "2003-12-12"),
        ("WSIS-05/TUNIS/DOC/7-E", "2005-11-18"),
        ("WSIS-05/TUNIS/DOC/6(Rev.1)-E", "2005-11-18"),
        // Resolutions (issue 16, data-a): a year or month where the day is
        // not confirmed.
        ("A/RES/79/194", "2024-12-19"),
        // Issue 16, data-c: from UNCTAD's page of the third WGEC meeting.
        ("A/RES/67/195", "2012-12-21"),
        ("E/RES/2014/27", "2014"),
        ("E/RES/2015/26", "2015"),
        ("E/RES/2016/22", "2016-07"),
        ("E/RES/2017/21", "2017"),
        ("E/RES/2018/28", "2018"),
        ("E/RES/2020/12", "2020"),
        ("E/RES/2021/28", "2021"),
    ];
    for (symbol, date) in facts {
        let item = DATA
            .find(symbol)
            .map(|i| DATA.item(i))
            .unwrap_or_else(|| panic!("{symbol} missing"));
        assert_eq!(item.date.as_deref(), Some(date), "{symbol}");
    }
}

/// Titles as the sources give them; "" where no source gives one, so that a
/// guessed title cannot slip back in.
#[test]
fn key_titles_match_the_sources() {
    const ICT4D: &str = "Information and communications technologies for development";
    const ICT4SD: &str = "Information and communications technologies for sustainable development";
    const WSIS: &str = "World Summit on the Information Society";
    const ASSESSMENT: &str = "Assessment of the progress made in the implementation of and follow-up to the outcomes of the World Summit on the Information Society";
    let facts = [
        // Resolutions (issue 16, data-a).
        ("A/RES/56/183", WSIS),
        ("A/RES/57/238", ""),
        ("A/RES/59/220", WSIS),
        ("A/RES/60/252", WSIS),
        ("A/RES/62/182", ""),
        ("A/RES/63/202", ""),
        ("A/RES/64/187", ""),
        ("A/RES/65/141", ICT4D),
        ("A/RES/66/184", ICT4D),
        ("A/RES/67/195", ICT4D),
        ("A/RES/68/198", ""),
        ("A/RES/68/302", ""),
        ("A/RES/69/204", ""),
        ("A/RES/70/184", ""),
        ("A/RES/71/212", ""),
        ("A/RES/72/200", ICT4SD),
        ("A/RES/73/218", ICT4SD),
        ("A/RES/74/197", ICT4SD),
        ("A/RES/75/202", ""),
        ("A/RES/76/189", ICT4SD),
        ("A/RES/77/150", ICT4SD),
        ("A/RES/79/1", "The Pact for the Future"),
        ("A/RES/79/194", ""),
        ("A/RES/79/277", ""),
        (
            "E/RES/2006/46",
            "Follow-up to the World Summit on the Information Society and review of the Commission on Science and Technology for Development",
        ),
        (
            "E/RES/2007/8",
            "Flow of information for the follow-up to the World Summit on the Information Society",
        ),
        ("E/RES/2008/3", ASSESSMENT),
        ("E/RES/2009/7", ASSESSMENT),
        ("E/RES/2010/2", ASSESSMENT),
        ("E/RES/2011/16", ""),
        ("E/RES/2012/5", ASSESSMENT),
        ("E/RES/2013/9", ""),
        ("E/RES/2014/27", ""),
        ("E/RES/2019/24", ASSESSMENT),
        ("E/RES/2022/15", ASSESSMENT),
        ("E/RES/2023/3", ASSESSMENT),
    ];
    for (symbol, title) in facts {
        let item = DATA
            .find(symbol)
            .map(|i| DATA.item(i))
            .unwrap_or_else(|| panic!("{symbol} missing"));
        assert_eq!(item.title, title, "{symbol}");
    }
}

#[test]
fn sg_reports_carry_their_confirmed_symbols_and_dates() {
    let reports = [
        // The E half was seen only in the G77's statement of 27 October 2009.
        ("A/64/64–E/2009/10", "2009-03-13"),
        ("A/66/64", "2011-03-14"),
        ("A/68/65", "2013-03-26"),
        ("A/70/63", "2015-02-23"),
        ("A/73/66", "2018-03-01"),
    ];
    for (part, date) in reports {
        let item = DATA
            .items()
            .find(|i| i.symbol.as_deref().is_some_and(|s| s.starts_with(part)))
            .unwrap_or_else(|| panic!("{part} missing"));
        assert_eq!(item.date.as_deref(), Some(date), "{part}");
        assert_eq!(item.category, "sg-report");
    }
}

#[test]
fn known_traps_are_absent() {
    for trap in ["A/79/62", "A/RES/78/132", "E/RES/2024/14"] {
        let found = DATA
            .items()
            .any(|i| i.symbol.as_deref().is_some_and(|s| s.contains(trap)));
        assert!(!found, "unconfirmed symbol {trap} shipped");
    }
}

#[test]
fn validation_reports_every_problem_with_file_line_and_column() {
    let text = std::fs::read_to_string("tests/fixtures/broken.ron").unwrap();
    let mut files = SourceFile::embedded();
    files.push(SourceFile {
        name: "broken.ron".into(),
        text,
        embedded: false,
    });
    let problems = Dataset::from_files(&files).unwrap_err();
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let expect = [
        "duplicate id \"broken-one\"",
        "unknown category \"resolutions\"",
        "malformed date \"2025-13-01\"",
        "link to unknown id \"ga-70-12\"",
        "\"until\" 10 December 2003 is before the date 12 December 2003",
    ];
    for wanted in expect {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(wanted) && m.starts_with("broken.ron:")),
            "missing {wanted} in {messages:#?}"
        );
    }
    let dangling = problems.iter().find(|p| p.message.contains("ga-70-12")).unwrap();
    assert_eq!(dangling.hint.as_deref(), Some("did you mean \"ga-70-125\"?"));
    assert_eq!(dangling.position.map(|p| p.0), Some(8));
    let reversed = problems
        .iter()
        .find(|p| p.message.contains("is before the date"))
        .unwrap();
    assert_eq!(reversed.position, Some((21, 16)), "at the value of `until`");
}

#[test]
fn a_syntax_error_names_the_line_and_column() {
    let text = std::fs::read_to_string("tests/fixtures/syntax.ron").unwrap();
    let problems = Dataset::from_files(&[SourceFile {
        name: "syntax.ron".into(),
        text,
        embedded: false,
    }])
    .unwrap_err();
    assert_eq!(problems.len(), 1);
    // The comma is missing at the end of line 5; ron notices on line 6.
    assert_eq!(problems[0].position, Some((5, 31)), "{}", problems[0]);
}

// ---- Official hosts, placeholder titles and dates (issue 16) ----

use wsis_browser::data::Item;
use wsis_browser::sources::is_official;

/// Share of items that must cite at least one source on an official host.
/// Issue 16 asks for 90 %; the corpus is at 91.0 % (222 of 244, 1 Dec 2026);
/// docs/DATA.md, "Still unknown", lists the items without an official page.
/// This floor is a ratchet: raise it as sources are found, never lower it.
const MIN_OFFICIAL_SOURCE_PERCENT: usize = 90;
/// Most documents (bodies aside) that may lack any date.
const MAX_DATELESS_DOCUMENTS: usize = 10;

#[test]
fn every_url_is_on_an_official_host() {
    let off: Vec<String> = DATA
        .items()
        .filter(|i| !i.url.as_deref().is_some_and(is_official))
        .map(|i| format!("{}: {}", i.id, i.url.as_deref().unwrap_or("(none)")))
        .collect();
    assert!(off.is_empty(), "url not on an official host:\n{}", off.join("\n"));
}

#[test]
fn most_items_cite_an_official_source() {
    let without: Vec<&str> = DATA
        .items()
        .filter(|i| !i.sources.iter().any(|s| is_official(s)))
        .map(|i| i.id.as_str())
        .collect();
    let official = DATA.len() - without.len();
    println!(
        "{official} of {} items cite an official source; without one: {without:?}",
        DATA.len()
    );
    assert!(
        official * 100 >= MIN_OFFICIAL_SOURCE_PERCENT * DATA.len(),
        "only {official} of {} items cite an official source; without one:\n{}",
        DATA.len(),
        without.join("\n")
    );
}

// Branch h-facts (1 December 2026): the mission's headline items put their
// most official page first, so the detail pane and citations lead with it.
#[test]
fn headline_items_list_an_official_page_first() {
    let headline = [
        "ga-70-125",
        "ga-80-173",
        "ecosoc-2006-46",
        "gdc",
        "geneva-declaration",
        "geneva-plan-of-action",
        "tunis-commitment",
        "tunis-agenda",
        "cstd-20-year-report",
    ];
    for id in headline {
        let first = DATA.item(idx(id)).sources.first().map(|source| source.as_str());
        assert!(first.is_some_and(is_official), "{id}: first source {first:?}");
    }
}

// Issue 16, session 3 (data-a): resolutions whose only official pages are the
// UN's coverage of the meetings that debated or adopted them (press releases,
// audiovisual records, ECOSOC segment pages), the ITC's own page and the
// UPU's news on its part in the e-business Action Line.
#[test]
fn meeting_coverage_keeps_these_items_on_official_sources() {
    let ids = [
        "ga-69-204",
        "ga-70-184",
        "ga-71-212",
        "ga-72-200",
        "ga-73-218",
        "ga-74-197",
        "ga-75-202",
        "ga-76-189",
        "ga-77-150",
        "ecosoc-2017-21",
        "ecosoc-2020-12",
        "ecosoc-2021-28",
        "ecosoc-2022-15",
        "itc",
        "al-c7-e-business",
    ];
    for id in ids {
        let item = DATA.item(idx(id));
        assert!(
            item.sources.iter().any(|s| is_official(s)),
            "{id} cites no official page"
        );
    }
}

/// A title that only names a body and a resolution number
/// ("General Assembly resolution 66/184"), or that carries the item's own
/// symbol as a label ("Note by the Secretary-General (A/60/687)").
fn is_placeholder_title(item: &Item) -> bool {
    let title = item.title.trim();
    let carries_symbol = item
        .symbol
        .as_deref()
        .is_some_and(|s| title.to_lowercase().contains(&s.to_lowercase()));
    carries_symbol || is_body_resolution_number(title)
}

fn is_body_resolution_number(title: &str) -> bool {
    let Some((body, number)) = title.rsplit_once(" resolution ") else {
        return false;
    };
    let is_number = !number.is_empty()
        && number
            .split('/')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let is_name = body
        .split(' ')
        .all(|word| word.starts_with(|c: char| c.is_uppercase()) || ["and", "of", "the"].contains(&word));
    is_number && is_name
}

#[test]
fn the_placeholder_pattern_catches_labels_and_spares_real_titles() {
    let item = |title: &str, symbol: Option<&str>| Item {
        id: "x".into(),
        category: "ga".into(),
        symbol: symbol.map(Into::into),
        title: title.into(),
        short_title: None,
        aliases: Box::default(),
        date: None,
        until: None,
        paragraphs: None,
        title_is_ours: false,
        body: None,
        summary: "".into(),
        points: Box::default(),
        url: None,
        sources: Box::default(),
        tags: Box::default(),
        links: Box::default(),
        unconfirmed: Box::default(),
    };
    for label in [
        "General Assembly resolution 66/184",
        "Economic and Social Council resolution 2014/27",
        "ITU Council resolution 1332",
    ] {
        assert!(is_placeholder_title(&item(label, None)), "{label}");
    }
    assert!(is_placeholder_title(&item(
        "Note by the Secretary-General (A/60/687)",
        Some("A/60/687")
    )));
    for real in [
        "Information and communications technologies for development",
        "Follow-up to the World Summit on the Information Society and review of the Commission on Science and Technology for Development",
        "",
    ] {
        assert!(!is_placeholder_title(&item(real, Some("A/RES/70/184"))), "{real}");
    }
}

#[test]
fn no_title_is_a_placeholder() {
    let labels: Vec<String> = DATA
        .items()
        .filter(|i| is_placeholder_title(i))
        .map(|i| format!("{}: {}", i.id, i.title))
        .collect();
    assert!(labels.is_empty(), "placeholder titles:\n{}", labels.join("\n"));
}

#[test]
fn a_dateless_document_says_why_and_there_are_few() {
    let dateless: Vec<&Item> = DATA
        .items()
        .filter(|i| i.category != "body" && i.date.is_none())
        .collect();
    let unexplained: Vec<&str> = dateless
        .iter()
        .filter(|i| i.unconfirmed.is_empty())
        .map(|i| i.id.as_str())
        .collect();
    println!(
        "{} documents without a date: {:?}",
        dateless.len(),
        dateless.iter().map(|i| &i.id).collect::<Vec<_>>()
    );
    assert!(
        unexplained.is_empty(),
        "dateless without an unconfirmed note: {unexplained:?}"
    );
    assert!(
        dateless.len() <= MAX_DATELESS_DOCUMENTS,
        "{} documents have no date",
        dateless.len()
    );
}

/// CSTD, UN-system review and WSIS+10 facts added for issue 16, as the cited
/// pages give them (id → date, id → title).
#[test]
fn cstd_and_un_system_review_facts_match_their_sources() {
    let dates = [
        ("cstd-session-16", "2013-06-03"),
        ("cstd-intersessional-2016-17", "2017-01-23"),
        ("cstd-wgec-2013", "2013-03-22"),
        ("cstd-wgec", "2016-09-30"),
        ("cstd-igf2023-open-forum", "2023-10-10"),
        ("itu-wsis5-report", "2010-09"),
        ("ungis-side-event-2025", "2025-12-15"),
        ("digital-unga-wsis20-2025", "2025-12-15"),
        ("unesco-wsis10-event-2013", "2013-02-25"),
        ("wsis10-stocktaking-2015", "2015-06-10"),
        ("escap-wsis-regional-review-2016", "2016-10-04"),
        // Issue 16, session 3 (data-b): the HLPF input page, UNCTAD's
        // statement (its title names the cycle), ECLAC's eLAC history page.
        ("cstd-intersessional-2018-19", "2019-01-15"),
        ("cstd-intersessional-2024-25", "2024"),
        ("eclac-elac-digital-agenda", "2005"),
        ("wsis10-zero-draft", "2015-10-09"),
        ("itu-wsis-stocktaking-asia-pacific-2018", "2018-03"),
        ("ungis-joint-statement-post-2015", "2013-05"),
        ("unesco-connecting-the-dots-2015", "2015-03"),
        ("unesco-wsis10-final-statement", "2013-02"),
    ];
    for (id, date) in dates {
        assert_eq!(DATA.item(idx(id)).date.as_deref(), Some(date), "{id}");
    }
    let titles = [
        (
            "itu-council-res-1334",
            "ITU Role in the Overall Review of the Implementation of the Outcomes of the World Summit on the Information Society",
        ),
        (
            "unesco-wsis-review-2014",
            "Building inclusive Knowledge Societies: A review of UNESCO's action in implementing the WSIS outcomes",
        ),
        (
            "cstd-5-year-review",
            "Implementing WSIS outcomes: experience to date and prospects for the future",
        ),
        (
            "ungis-side-event-2025",
            "Side Event: UN in Action for Digital Cooperation",
        ),
        // Issue 16, session 3 (data-b): ECLAC's page heading; ITU iLibrary.
        (
            "ungis-joint-statement-post-2015",
            "UNGIS Joint Statement on the Post-2015 Development Agenda",
        ),
        (
            "unesco-wsis10-final-statement",
            "Information and Knowledge for All: An Expanded Vision and a Renewed Commitment",
        ),
        (
            "itu-wsis-stocktaking-report-2008",
            "Report on the World Summit on the Information Society Stocktaking 2008",
        ),
        (
            "eclac-elac-digital-agenda",
            "Digital Agenda for Latin America and the Caribbean (eLAC)",
        ),
        // Titles pass: the heading of the report the note transmits, as the
        // document itself gives it (docslib copy of A/60/687).
        (
            "sg-note-a-60-687",
            "Report of the World Summit on the Information Society",
        ),
    ];
    for (id, title) in titles {
        assert_eq!(DATA.item(idx(id)).title, title, "{id}");
    }
    // Only descriptions ("the report ... on modalities of ...") were seen.
    assert!(
        !DATA.item(idx("sg-report-e-2006-85")).title_known(),
        "sg-report-e-2006-85 carries a description, not a title"
    );
}

/// Dates of IGF editions and of the CSTD tenth session as their official
/// pages give them (UN press releases, the Secretary-General's message, the
/// IGF secretariat, ITU and UNCTAD): id → first day, last day.
#[test]
fn igf_editions_and_cstd_10_match_their_official_pages() {
    let spans = [
        ("igf-2006", "2006-10-30", None),
        ("igf-2007", "2007-11-12", Some("2007-11-15")),
        ("igf-2009", "2009-11-15", None),
        ("igf-2011", "2011-09-27", Some("2011-09-30")),
        ("igf-2014", "2014-09-02", Some("2014-09-05")),
        ("cstd-session-10", "2007-05-21", Some("2007-05-25")),
    ];
    for (id, date, until) in spans {
        let item = DATA.item(idx(id));
        assert_eq!(item.date.as_deref(), Some(date), "{id}");
        if let Some(until) = until {
            assert_eq!(item.until.as_deref(), Some(until), "{id}");
        }
    }
}

#[test]
fn show_marks_each_source_official_or_secondary() {
    let output = common::wsis(&["show", "ecosoc-2006-46"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("✓ https://digitallibrary.un.org/record/591211"), "{text}");
    assert!(text.contains("· https://dig.watch/"), "{text}");
    let output = common::wsis(&["show", "ecosoc-2006-46", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let official: Vec<&str> = json["official_sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(official.contains(&"https://digitallibrary.un.org/record/591211"));
    assert!(official.iter().all(|s| is_official(s)));
    assert!(official.len() < json["sources"].as_array().unwrap().len());
}

/// A large set with problems of every stage: every one is reported, in
/// the order of a check item by item, the names' clashes last.
#[test]
fn problems_of_a_large_set_come_in_the_order_of_the_checks_then_the_names() {
    let mut text = String::from("[\n");
    for n in 0..6000 {
        let extra = match n {
            10 => ", aliases: [\"big-11\"]",
            20 => ", links: [Link(rel: Succeeds, to: \"big-nowhere\")]",
            5000 => ", symbol: Some(\"X/1\")",
            5001 => ", symbol: Some(\"x/1\"), date: Some(\"2005-13-01\")",
            _ => "",
        };
        text.push_str(&format!(
            "Item(id: \"big-{n}\", category: \"ga\", title: \"T {n}\"{extra}),\n"
        ));
    }
    text.push_str("]\n");
    let file = SourceFile {
        name: "big.ron".into(),
        text,
        embedded: false,
    };
    let problems = Dataset::from_files(&[file]).expect_err("four problems");
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages[0].contains("big-nowhere"), "{messages:#?}");
    assert!(
        messages[1].contains("2005-13-01") || messages[1].contains("month"),
        "{messages:#?}"
    );
    assert!(messages[2].contains("duplicate symbol"), "{messages:#?}");
    assert!(messages[3].contains("already a name of \"big-11\""), "{messages:#?}");
}

/// The problems a load of `text`, as the file `name`, reports (it must
/// report some), and the position of the one whose message holds a
/// given text, checked to name the file.
fn load_problems(name: &str, text: &str) -> (Vec<String>, impl Fn(&str) -> Option<(usize, usize)>) {
    let problems = Dataset::from_files(&[SourceFile {
        name: name.into(),
        text: text.into(),
        embedded: false,
    }])
    .unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let (name, all) = (name.to_string(), problems);
    let at = move |wanted: &str| {
        let problem = all
            .iter()
            .find(|p| p.message.contains(wanted))
            .unwrap_or_else(|| panic!("missing {wanted} in {all:#?}"));
        assert!(problem.to_string().starts_with(&format!("{name}:")), "{problem}");
        problem.position
    };
    (shown, at)
}

/// An item dropped as a duplicate has its other fields checked too: a
/// file's problems are all found at once (trial: only the duplicate id
/// showed, the rest after it was fixed).
#[test]
fn a_duplicate_item_has_its_other_problems_reported_with_it() {
    let text = r#"[
    Item(id: "my-a", category: "ga", title: "First"),
    Item(id: "my-a", category: "nosuchcat", title: "Second", date: "2020-99",
         links: [Link(rel: RelatedTo, to: "nowhere"), Link(rel: RelatedTo, to: "my-a")]),
]"#;
    let (problems, at) = load_problems("dup.ron", text);
    assert_eq!(at("duplicate id \"my-a\""), Some((3, 14)));
    assert_eq!(at("unknown category \"nosuchcat\""), Some((3, 32)));
    assert_eq!(at("malformed date \"2020-99\""), Some((3, 68)));
    assert_eq!(at("link to unknown id \"nowhere\""), Some((4, 43)));
    assert_eq!(at("links to itself"), Some((4, 80)));
    assert_eq!(problems.len(), 5, "{problems:#?}");
}

/// Two links of one item may name the same id: a problem of the second
/// is reported at the second's `to`, not the first's.
#[test]
fn a_problem_of_a_link_is_reported_at_that_link_when_another_names_the_same_id() {
    let text = r#"[
    Item(id: "forum", category: "body", title: "A forum"),
    Item(id: "of-forum", category: "outcome", title: "Our label", paragraphs: "5",
         links: [Link(rel: RelatedTo, to: "forum"),
                 Link(rel: PartOf, to: "forum")]),
    Item(id: "twice", category: "outcome", title: "Two links to no item",
         links: [Link(rel: RelatedTo, to: "nowhere"),
                 Link(rel: Recalls, to: "nowhere")]),
]"#;
    let problems = Dataset::from_files(&[SourceFile {
        name: "twice.ron".into(),
        text: text.into(),
        embedded: false,
    }])
    .unwrap_err();
    let at = |wanted: &str| -> Vec<Option<(usize, usize)>> {
        let found = problems.iter().filter(|p| p.message.contains(wanted));
        found.map(|problem| problem.position).collect()
    };
    assert_eq!(at("is PartOf, and \"forum\" is a body"), [Some((5, 40))]);
    assert_eq!(at("link to unknown id \"nowhere\""), [Some((7, 43)), Some((8, 41))]);
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// A paragraph item's paragraphs must be those its id names, rise, and
/// come with a `PartOf` link to its document: else it would be cited by
/// our own label. Each problem is reported at its value. An id naming
/// paragraphs without the field loads, as user files written before the
/// field did.
#[test]
fn a_paragraph_item_needs_its_paragraphs_and_its_document() {
    let text = r#"[
    Item(id: "doc", category: "outcome", title: "A document"),
    Item(id: "doc-para-3", category: "outcome", title: "Our label",
         links: [Link(rel: PartOf, to: "doc")]),
    Item(id: "doc-paras-4-5", category: "outcome", title: "Our label", paragraphs: "4-6",
         links: [Link(rel: PartOf, to: "doc")]),
    Item(id: "loose", category: "outcome", title: "Our label", paragraphs: "7"),
    Item(id: "reversed", category: "outcome", title: "Our label", paragraphs: "9-8",
         links: [Link(rel: PartOf, to: "doc")]),
]"#;
    let (problems, at) = load_problems("paras.ron", text);
    assert_eq!(at("paragraphs \"4-6\" differ from those the id"), Some((5, 84)));
    assert_eq!(at("needs a PartOf link to its document"), Some((7, 76)));
    assert_eq!(at("must run from a lower number to a higher"), Some((8, 79)));
    assert_eq!(problems.len(), 3, "{problems:#?}");
}

/// The item a paragraph item is `PartOf` is the document it is cited in:
/// a body or a meeting has no paragraphs, so a load reports the link, at
/// its `to`, once for the item. Another relation to a body is no problem.
#[test]
fn a_paragraph_item_is_part_of_a_document_not_a_body_or_a_meeting() {
    let text = r#"[
    Item(id: "forum", category: "body", title: "A forum"),
    Item(id: "session", category: "outcome", title: "A session", date: "2025-04-07", until: "2025-04-11"),
    Item(id: "doc", category: "outcome", title: "A document"),
    Item(id: "of-forum", category: "outcome", title: "Our label", paragraphs: "5",
         links: [Link(rel: PartOf, to: "forum")]),
    Item(id: "of-session", category: "outcome", title: "Our label", paragraphs: "6",
         links: [Link(rel: PartOf, to: "session"), Link(rel: PartOf, to: "session")]),
    Item(id: "of-doc", category: "outcome", title: "Our label", paragraphs: "7",
         links: [Link(rel: PartOf, to: "doc"), Link(rel: AdoptedAt, to: "forum")]),
]"#;
    let (problems, at) = load_problems("parts.ron", text);
    assert_eq!(at("is PartOf, and \"forum\" is a body"), Some((6, 40)));
    assert_eq!(at("is PartOf, and \"session\" is a meeting"), Some((8, 40)));
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

/// A part whose title is ours (`title_is_ours`) is cited as its document,
/// as a paragraph item is: it needs a `PartOf` link, reported at the flag
/// without one, and that link must be to a document, reported at its
/// `to`. Set to false, the flag asks nothing.
#[test]
fn a_part_titled_by_us_needs_its_document() {
    let text = r#"[
    Item(id: "forum", category: "body", title: "A forum"),
    Item(id: "doc", category: "outcome", title: "A document"),
    Item(id: "loose", category: "outcome", title: "Our label", title_is_ours: true),
    Item(id: "of-forum", category: "outcome", title: "Our label", title_is_ours: true,
         links: [Link(rel: PartOf, to: "forum")]),
    Item(id: "of-doc", category: "outcome", title: "Our label", title_is_ours: true,
         links: [Link(rel: PartOf, to: "doc")]),
    Item(id: "own", category: "outcome", title: "A title", title_is_ours: false),
    Item(id: "of-part", category: "outcome", title: "Our label", title_is_ours: true,
         links: [Link(rel: PartOf, to: "of-doc")]),
    Item(id: "both", category: "outcome", title: "Our label", paragraphs: "5", title_is_ours: true),
]"#;
    let (problems, at) = load_problems("ours.ron", text);
    assert_eq!(at("`title_is_ours` needs a PartOf link"), Some((4, 79)));
    assert_eq!(at("is PartOf, and \"forum\" is a body"), Some((6, 40)));
    // A part of a part titled by us would be cited by our title.
    assert_eq!(at("\"of-doc\" is itself a part cited as its document"), Some((11, 40)));
    // With paragraphs too, a missing PartOf link is one problem, not two.
    assert_eq!(at("an item with `paragraphs` needs a PartOf link"), Some((12, 75)));
    assert_eq!(problems.len(), 4, "{problems:#?}");
}
