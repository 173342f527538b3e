//! Ranking on the embedded dataset.

mod common;

use common::{DATA, idx};
use wsis_browser::search::{Field, SearchIndex};

fn top(query: &str, n: usize) -> Vec<&'static str> {
    let index = SearchIndex::new(&DATA);
    index
        .search(query, None)
        .iter()
        .take(n)
        .map(|hit| DATA.item(hit.item).id.as_str())
        .collect()
}

#[test]
fn a_symbol_puts_its_document_first() {
    for (query, id) in [
        ("2006/46", "ecosoc-2006-46"),
        ("E/RES/2006/46", "ecosoc-2006-46"),
        ("e/res/2006/46", "ecosoc-2006-46"),
        ("70/125", "ga-70-125"),
        ("a/res/70/125", "ga-70-125"),
        ("A/RES/80/173", "ga-80-173"),
        ("60/252", "ga-60-252"),
    ] {
        assert_eq!(top(query, 1), [id], "query {query}");
    }
}

#[test]
fn igf_finds_the_internet_governance_forum_in_the_top_three() {
    assert!(top("igf", 3).contains(&"igf"), "{:?}", top("igf", 3));
}

#[test]
fn a_query_matching_nothing_returns_nothing() {
    let index = SearchIndex::new(&DATA);
    assert!(index.search("zzqxjv", None).is_empty());
    assert!(index.search("   ", None).is_empty());
}

#[test]
fn every_word_of_a_query_must_match() {
    let index = SearchIndex::new(&DATA);
    let both = index.search("cstd zzqxjv", None);
    assert!(both.is_empty());
    let hits = index.search("who e-health", None);
    assert_eq!(hits.first().map(|h| h.item), Some(idx("al-c7-e-health")));
}

#[test]
fn digital_compact_puts_the_compact_first() {
    assert_eq!(top("digital compact", 1), ["gdc"]);
}

#[test]
fn highlight_indices_are_char_indices() {
    let index = SearchIndex::new(&DATA);
    let text = "Côte d'Ivoire";
    let indices = index.highlight(text, "ivoire");
    let chars: Vec<char> = text.chars().collect();
    let matched: String = indices.iter().map(|&i| chars[i]).collect();
    assert_eq!(matched, "Ivoire");
    assert_eq!(index.highlight(text, "côte"), vec![0, 1, 2, 3]);
}

#[test]
fn tags_bodies_and_facilitators_count() {
    // "who" names the facilitator (a linked body), "e-health" the line.
    assert_eq!(top("who e-health", 1), ["al-c7-e-health"]);
    assert_eq!(top("e-health who", 1), ["al-c7-e-health"]);
}

#[test]
fn scoped_search_stays_inside_its_scope() {
    let index = SearchIndex::new(&DATA);
    let ga = DATA.category_items(DATA.category_of(idx("ga-70-125")));
    let hits = index.search("wsis", Some(ga));
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| ga.contains(&h.item)), "a hit outside the scope");
    // Out of scope, the exact symbol finds nothing of its own.
    let ecosoc = DATA.category_items(DATA.category_of(idx("ecosoc-2006-46")));
    let hits = index.search("70/125", Some(ecosoc));
    assert!(hits.iter().all(|h| h.item != idx("ga-70-125")));
    assert_eq!(
        index.search("70/125", Some(ga)).first().map(|h| h.item),
        Some(idx("ga-70-125"))
    );
}

#[test]
fn scores_of_several_words_add_up() {
    let index = SearchIndex::new(&DATA);
    let score = |q: &str| {
        index
            .search(q, None)
            .iter()
            .find(|h| h.item == idx("gdc"))
            .map(|h| h.score)
            .expect("gdc found")
    };
    assert!(score("digital compact") > score("compact"));
}

#[test]
fn a_summary_hit_says_so_and_shows_the_words_around_it() {
    let index = SearchIndex::new(&DATA);
    let hits = index.search("deliberative", None);
    let hit = hits.first().expect("a hit");
    assert_eq!(hit.field, Field::Summary);
    let why = &hit.matched[0];
    assert_eq!(why.field, Field::Summary);
    let chars: Vec<char> = why.text.chars().collect();
    let marked: String = chars[why.ranges[0].clone()].iter().collect();
    assert_eq!(marked, "deliberative");
}

#[test]
fn letters_scattered_across_words_never_match() {
    // "gender": Geneva Declaration has g-e-n…d-e-r across words and parts.
    let index = SearchIndex::new(&DATA);
    let hits = index.search("gender", None);
    assert!(hits.iter().any(|h| h.item == idx("cstd-session-13")));
    assert!(!hits.iter().any(|h| h.item == idx("geneva-declaration")));
    for hit in &hits {
        let why = index.explain_hit(hit, "gender");
        assert!(why.iter().any(|m| m.text.to_lowercase().contains("gender")), "{why:?}");
    }
    assert!(index.search("gvdcl", None).is_empty());
}

#[test]
fn folding_matches_accents_special_letters_and_case() {
    assert_eq!(top("joao", 1), ["igf-2015"]);
    assert_eq!(top("JOÃO", 1), ["igf-2015"]);
    assert_eq!(top("lillestrom", 1), ["igf-2025"]);
    assert_eq!(top("lillestrøm", 1), ["igf-2025"]);
}

#[test]
fn typos_rank_below_the_word_itself() {
    let index = SearchIndex::new(&DATA);
    let hits = index.search("financing", None);
    let first_typo = hits
        .iter()
        .position(|h| h.matched.iter().all(|m| !m.text.to_lowercase().contains("financing")));
    let last_exact = hits
        .iter()
        .rposition(|h| h.matched.iter().any(|m| m.text.to_lowercase().contains("financing")));
    assert!(first_typo > last_exact, "{first_typo:?} {last_exact:?}");
    assert!(
        hits.iter().any(|h| h.item == idx("ga-80-173")),
        "financial, one typo away"
    );
}

#[test]
fn a_year_matches_the_date() {
    assert_eq!(top("igf 2013", 1), ["igf-2013"]);
    // An undated resolution: the years of its General Assembly session.
    let index = SearchIndex::new(&DATA);
    let why = index.explain(idx("ga-68-198"), "resolution 2013");
    let date = why
        .iter()
        .find(|m| m.field == Field::Date)
        .expect("the date explains 2013");
    assert_eq!(date.text, "68th session, 2013–2014");
    assert_eq!(date.ranges.first(), Some(&(14..18)));
}

#[test]
fn repeated_and_endless_queries_cost_no_more_than_their_distinct_words() {
    let index = SearchIndex::new(&DATA);
    let once = index.search("igf", None);
    assert_eq!(index.search(&"igf ".repeat(5000), None), once);
    let many: String = (0..3000).map(|i| format!("w{i} ")).collect();
    assert!(index.search(&many, None).is_empty());
}

#[test]
fn cancelled_search_gives_up() {
    let index = SearchIndex::new(&DATA);
    assert_eq!(index.search_cancellable("wsis", None, &|| true), None);
    assert_eq!(
        index
            .search_cancellable("wsis", None, &|| false)
            .map(|hits| hits.into_vec()),
        Some(index.search("wsis", None))
    );
}

proptest::proptest! {
    #[test]
    fn random_unicode_queries_never_panic(query in "\\PC{0,12}", text in "\\PC{0,30}") {
        let index = SearchIndex::new(&DATA);
        let hits = index.search(&query, None);
        proptest::prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        let len = text.chars().count();
        proptest::prop_assert!(index.highlight(&text, &query).iter().all(|&i| i < len));
        for hit in hits.iter().take(3) {
            for m in &hit.matched {
                let len = m.text.chars().count();
                proptest::prop_assert!(m.ranges.iter().all(|r| r.start < r.end && r.end <= len));
            }
        }
    }
}

/// Hits of one score come newest first (by the first year they cover:
/// the date's, else a GA resolution's session's), undated ones last, so `n` in the browser and the lines of `wsis search`
/// walk the IGF meetings from the latest back, not in file order.
#[test]
fn equal_scores_come_newest_first_undated_last() {
    let index = SearchIndex::new(&DATA);
    // The first year an item covers: its date's, else its GA session's.
    let year = |item: usize| {
        let session = || {
            let rest = DATA.item(item).symbol.as_deref()?.strip_prefix("A/RES/")?;
            Some(1945 + rest.split('/').next()?.parse::<u16>().ok()?)
        };
        DATA.date(item).map(|date| date.year).or_else(session)
    };
    let mut ties = 0;
    for query in ["igf", "forum", "wsis", "internet governance", "c7"] {
        let hits = index.search(query, None);
        for pair in hits.windows(2).filter(|pair| pair[0].score == pair[1].score) {
            let (a, b) = (year(pair[0].item), year(pair[1].item));
            let in_order = match (a, b) {
                (Some(a), Some(b)) => a > b || (a == b && pair[0].item < pair[1].item),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => pair[0].item < pair[1].item,
            };
            assert!(
                in_order,
                "{query}: {} before {}",
                DATA.item(pair[0].item).id,
                DATA.item(pair[1].item).id
            );
            ties += 1;
        }
    }
    assert!(ties >= 10, "only {ties} ties: the test checks little");
    let meetings: Vec<&str> = top("igf", 30)
        .into_iter()
        .filter(|id| id.starts_with("igf-20"))
        .collect();
    let position = |id: &str| meetings.iter().position(|m| *m == id);
    assert!(position("igf-2024") < position("igf-2021"), "{meetings:?}");
    assert!(position("igf-2022") < position("igf-2006"), "{meetings:?}");
}

/// The hits of `query` on the embedded data.
fn hits(query: &str) -> Vec<wsis_browser::search::Hit> {
    SearchIndex::new(&DATA).search(query, None)
}

/// "resolution" is in no text of A/RES/70/125, only in its category's
/// name ("GA resolutions"): the word counts, and the hit says why.
#[test]
fn a_word_of_the_category_name_counts_as_matched() {
    assert_eq!(top("resolution 70/125", 1), ["ga-70-125"]);
    assert_eq!(top("ecosoc resolution 2006/46", 1), ["ecosoc-2006-46"]);
    assert_eq!(top("res 70/125", 1), ["ga-70-125"]);
    let first = hits("resolution 70/125").remove(0);
    let category = first.matched.iter().find(|m| m.field == Field::Category);
    let category = category.expect("explained by its category");
    assert_eq!(category.text, "GA resolutions");
    let marked: Vec<String> = category
        .ranges
        .iter()
        .map(|r| category.text.chars().skip(r.start).take(r.len()).collect())
        .collect();
    assert_eq!(marked, ["resolutions"]);
}

/// A word a category's name has counts for that category's items only
/// ("resolution": GA and ECOSOC, never an SG report), and where the item's
/// own text has it too, the text explains it.
#[test]
fn a_category_word_counts_only_for_its_categories() {
    let index = SearchIndex::new(&DATA);
    let query = "resolution 2015";
    let found = index.search(query, None);
    let by_category =
        |hit: &&wsis_browser::search::Hit| index.explain_hit(hit, query).iter().any(|m| m.field == Field::Category);
    let through_category: Vec<_> = found.iter().filter(by_category).collect();
    assert!(!through_category.is_empty(), "no hit through its category");
    assert!(through_category.len() < found.len(), "no hit by its own text");
    for hit in through_category {
        let category = DATA.item(hit.item).category.as_str();
        assert!(["ga", "ecosoc"].contains(&category), "{category}");
    }
}

/// A category's name completes a match but never makes one alone: a query
/// of category words lists only items whose own texts have one of them.
#[test]
fn a_category_word_alone_matches_nothing() {
    let index = SearchIndex::new(&DATA);
    for query in ["resolutions", "digital compact", "ga resolutions", "bodies fora"] {
        let found = index.search(query, None);
        for hit in &found {
            let explained = index.explain_hit(hit, query);
            assert!(
                explained.iter().any(|m| m.field != Field::Category),
                "{query}: {} matched by its category alone",
                DATA.item(hit.item).id
            );
        }
    }
    // Most bodies' texts say neither "bodies" nor "fora": they are no hits.
    let bodies = DATA.category_items(DATA.category_of(idx("itu")));
    let found = index.search("bodies fora", None);
    assert!(
        found.len() < bodies.len() / 2,
        "{} of {} bodies found",
        found.len(),
        bodies.len()
    );
}

/// A main document ranks first for its own name: a title that starts
/// with the query beats an id or a tag that has the word.
#[test]
fn the_main_documents_rank_first_for_their_names() {
    for (query, id) in [
        ("tunis", "tunis-agenda"),
        ("tunis agenda", "tunis-agenda"),
        ("geneva declaration", "geneva-declaration"),
        ("plan of action", "geneva-plan-of-action"),
        ("digital compact", "gdc"),
        ("igf", "igf"),
    ] {
        assert_eq!(top(query, 1), [id], "query {query}");
    }
}

/// "10" of "wsis 10" is the number of WSIS+10, right after "wsis+" in a
/// title; that E/2015/10 ends in 10 names no report.
#[test]
fn wsis_10_puts_the_items_titled_wsis_10_first() {
    let found = hits("wsis 10");
    for hit in found.iter().take(5) {
        let item = DATA.item(hit.item);
        let titles = format!("{} | {}", item.title, item.short_title.as_deref().unwrap_or(""));
        assert!(titles.contains("WSIS+10"), "{titles}");
    }
    let report = found.iter().position(|hit| hit.item == idx("sg-report-2015"));
    assert!(report.is_some_and(|at| at >= 5), "sg-report-2015 at {report:?}");
}

/// A number is never a typo: "wsis+20" finds WSIS+20 and marks no
/// "WSIS+10" (a trial found `[WSIS+10]` marked for it).
#[test]
fn wsis_plus_20_marks_no_other_review() {
    let found = hits("wsis+20 review");
    assert_eq!(
        found.first().map(|hit| DATA.item(hit.item).id.as_str()),
        Some("wsis20-review")
    );
    for hit in &found {
        for matched in &hit.matched {
            let chars: Vec<char> = matched.text.chars().collect();
            for range in &matched.ranges {
                let word: String = chars.get(range.clone()).unwrap_or_default().iter().collect();
                let word = word.to_lowercase();
                assert!(!word.contains("wsis+10"), "{} marks {word}", DATA.item(hit.item).id);
            }
        }
    }
}

/// A one-letter word is marked where it is a word or a part of a joined
/// one ("e-health"), never as the start of every word with its letter.
#[test]
fn a_one_letter_word_is_marked_only_as_a_whole_word() {
    let index = SearchIndex::new(&DATA);
    let found = index.search("e health", None);
    assert!(found.len() >= 3);
    for hit in &found {
        for m in index.explain_hit(hit, "e health") {
            let chars: Vec<char> = m.text.chars().collect();
            for range in &m.ranges {
                let marked: String = chars[range.clone()].iter().collect::<String>().to_lowercase();
                let next = chars.get(range.end).copied().unwrap_or(' ');
                let whole_e = marked == "e" && !next.is_alphanumeric();
                assert!(
                    whole_e || marked.starts_with("health"),
                    "{marked:?} marked in {:?}",
                    m.text
                );
            }
        }
    }
}

/// The browser's search overlay runs the same search: the category word
/// finds the resolution and its second row says why.
#[test]
fn the_search_overlay_finds_a_resolution_by_its_category_word() {
    use common::{draw, key, press, type_text};
    use ratatui::crossterm::event::KeyCode;
    use wsis_browser::app::App;
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "resolution 70/125");
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let first = rows.iter().position(|row| row.contains("A/RES/70/125"));
    let why = rows.iter().position(|row| row.contains("category: GA resolutions"));
    let screen = rows.join("\n");
    assert!(
        first.is_some() && why.is_some(),
        "not listed or not explained:\n{screen}"
    );
    // The resolution is the first hit: no other hit's row comes before it.
    let other = rows.iter().position(|row| row.contains("A/RES/77/150"));
    assert!(other.is_none_or(|other| first < Some(other)), "{screen}");
}

/// The ids of the hits of `query`, in order.
fn hit_ids(query: &str) -> Vec<&'static str> {
    hits(query).iter().map(|hit| DATA.item(hit.item).id.as_str()).collect()
}

/// The words marked in the explanation of each hit of `query`, lowercased.
fn marked_words(query: &str) -> Vec<(&'static str, Vec<String>)> {
    hits(query)
        .iter()
        .map(|hit| {
            let marked = hit.matched.iter().flat_map(|matched| {
                let chars: Vec<char> = matched.text.chars().collect();
                let words: Vec<String> = matched
                    .ranges
                    .iter()
                    .map(|range| chars[range.clone()].iter().collect::<String>().to_lowercase())
                    .collect();
                words
            });
            (DATA.item(hit.item).id.as_str(), marked.collect())
        })
        .collect()
}

/// Users type "wsis20" for "WSIS+20": it finds what "wsis+20" finds, in
/// the same order, the outcome document A/RES/80/173 among the first, and
/// marks "WSIS+20" where it matched, not the ids that spell it "wsis20".
#[test]
fn a_joined_word_typed_without_its_joiners_ranks_as_typed_with_them() {
    let found = hit_ids("wsis20");
    assert_eq!(found, hit_ids("wsis+20"));
    let outcome = found.iter().position(|&id| id == "ga-80-173");
    assert!(outcome.is_some_and(|at| at < 5), "A/RES/80/173 at {outcome:?}");
    let marked = marked_words("wsis20");
    let (_, words) = &marked[outcome.unwrap_or_default()];
    assert_eq!(words, &["wsis+20"], "A/RES/80/173 marks its short title's word");
    assert_eq!(marked, marked_words("wsis+20"));
}

/// "ehealth" ranks the items saying "e-health" as "e-health" does; after
/// them come only items it finds with a typo ("health").
#[test]
fn ehealth_ranks_the_e_health_items_as_e_health_does() {
    let joined = hit_ids("e-health");
    let found = hit_ids("ehealth");
    assert!(joined.len() >= 3, "{joined:?}");
    assert_eq!(found[..joined.len()], joined[..]);
    for (id, words) in &marked_words("ehealth")[joined.len()..] {
        assert!(words.iter().all(|word| word == "health"), "{id}: {words:?}");
    }
}

/// The start of a joined word typed without its joiners is a prefix of
/// it ("wsis2" of "WSIS+20"), marked with the joiner inside. It finds the
/// items "wsis+2" finds; not quite in its order: "wsis2" also starts the
/// "wsis20" of ids ("itu-wsis20-roadmap"), which "wsis+2" does not.
#[test]
fn the_start_of_a_joined_word_without_its_joiners_is_a_prefix() {
    let found = hit_ids("wsis2");
    let outcome = found.iter().position(|&id| id == "ga-80-173");
    assert!(outcome.is_some_and(|at| at < 5), "A/RES/80/173 at {outcome:?}");
    let sorted = |mut ids: Vec<&'static str>| {
        ids.sort_unstable();
        ids
    };
    assert_eq!(sorted(found.clone()), sorted(hit_ids("wsis+2")));
    let marked = marked_words("wsis2");
    assert_eq!(marked[outcome.unwrap_or_default()].1, ["wsis+2"]);
    // A prefix ranks below the word itself.
    let score = |query: &str| {
        hits(query)
            .iter()
            .find(|hit| hit.item == idx("ga-80-173"))
            .map(|hit| hit.score)
    };
    assert!(score("wsis2") < score("wsis20"));
}

/// The browser's search overlay runs the same search: "wsis20" lists the
/// WSIS+20 outcome among its first five hits, by its short title.
#[test]
fn the_search_overlay_finds_wsis_plus_20_typed_without_its_plus() {
    use common::{draw, key, press, type_text};
    use ratatui::crossterm::event::KeyCode;
    use wsis_browser::app::App;
    let mut app = App::new(&DATA);
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "wsis20");
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let screen = rows.join("\n");
    // A hit's first row; a second row saying why is indented further.
    let hit_rows: Vec<&String> = rows
        .iter()
        .filter(|row| row.starts_with("│▶ ") || row.starts_with("│  ") && !row.starts_with("│    "))
        .collect();
    let outcome = hit_rows.iter().position(|row| row.contains("A/RES/80/173"));
    assert!(outcome.is_some_and(|at| at < 5), "at {outcome:?}:\n{screen}");
    assert!(
        hit_rows[outcome.unwrap_or_default()].contains("WSIS+20 outcome document"),
        "{screen}"
    );
}
