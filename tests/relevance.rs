//! Relevance on a judged set of queries written from the data (see
//! `relevance/judge.rs`): the wanted items come first, and no top hit is
//! one a reader could not tell why it was found.
//!
//! `cargo test --test relevance -- --ignored --nocapture` also scores fzf
//! and a plain BM25 baseline on the same set, for docs/BENCHMARKS.md.

#[path = "relevance/bm25.rs"]
mod bm25;
mod common;
#[path = "relevance/judge.rs"]
mod judge;

use std::io::Write;
use std::process::{Command, Stdio};

use common::DATA;
use judge::{JUDGED, Scores, score};
use wsis_browser::search::SearchIndex;

/// The wanted mean reciprocal rank.
const MIN_MRR: f64 = 0.95;

fn wsis_rank(index: &SearchIndex) -> impl Fn(&str) -> Vec<String> + '_ {
    |query| {
        index
            .search(query, None)
            .iter()
            .map(|hit| DATA.item(hit.item).id.to_string())
            .collect()
    }
}

#[test]
fn the_judged_set_is_large_and_names_real_items() {
    assert!(JUDGED.len() >= 40, "{} judged queries", JUDGED.len());
    for judged in JUDGED {
        for id in judged.wanted {
            assert!(DATA.by_id(id).is_some(), "{:?} wants unknown item {id}", judged.query);
        }
    }
}

#[test]
fn wanted_items_come_first() {
    let index = SearchIndex::new(&DATA);
    let scores = score(&DATA, &wsis_rank(&index));
    assert!(
        scores.misses.is_empty(),
        "wanted items not in the top 3:\n{}",
        scores.misses.join("\n")
    );
    assert!(scores.mrr >= MIN_MRR, "MRR {:.3}", scores.mrr);
}

#[test]
fn internet_governance_puts_the_tunis_agenda_high() {
    // Its tag is the phrase itself; twenty IGF meetings only name the forum.
    let index = SearchIndex::new(&DATA);
    let ranked = wsis_rank(&index)("internet governance");
    let at = ranked.iter().position(|id| id == "tunis-agenda");
    assert!(at.is_some_and(|at| at < 5), "tunis-agenda at {at:?}");
}

#[test]
fn every_top_hit_contains_a_query_word() {
    let index = SearchIndex::new(&DATA);
    for judged in JUDGED {
        for hit in index.search(judged.query, None).iter().take(10) {
            assert!(
                !judge::unexplained(&DATA, hit.item, judged.query),
                "{:?}: {} contains none of its words",
                judged.query,
                DATA.item(hit.item).id
            );
        }
    }
}

#[test]
fn every_hit_explains_each_query_word() {
    let index = SearchIndex::new(&DATA);
    for judged in JUDGED {
        let hits = index.search(judged.query, None);
        for hit in &hits {
            let matched = index.explain_hit(hit, judged.query);
            assert!(
                !matched.is_empty(),
                "{:?}: {} unexplained",
                judged.query,
                DATA.item(hit.item).id
            );
            for m in &matched {
                let len = m.text.chars().count();
                assert!(m.ranges.iter().all(|r| r.start < r.end && r.end <= len), "{m:?}");
            }
        }
        if let Some(first) = hits.first() {
            assert!(!first.matched.is_empty(), "the first hits come explained");
        }
    }
}

/// The ids of `fzf --filter`'s output over `wsis list` lines, if fzf runs.
fn fzf_rank(lines: &str, query: &str) -> Option<Vec<String>> {
    let mut child = Command::new("fzf")
        .args(["--filter", query])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(lines.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split('\t').next().map(str::to_string))
            .collect(),
    )
}

fn row(name: &str, scores: &Scores) -> String {
    format!(
        "| {name} | {:.3} | {:.0} % | {:.0} % |",
        scores.mrr,
        scores.success_at_3 * 100.0,
        scores.unexplained * 100.0
    )
}

/// Not a check: prints the comparison table of docs/BENCHMARKS.md.
#[test]
#[ignore = "prints a comparison; needs fzf"]
fn compare_with_fzf_and_bm25() {
    let index = SearchIndex::new(&DATA);
    let mut table = vec!["| system | MRR@10 | success@3 | unexplained in top 10 |".to_string()];
    table.push("|---|---|---|---|".into());
    table.push(row("wsis", &score(&DATA, &wsis_rank(&index))));
    let bm25 = bm25::Bm25::new(&DATA);
    table.push(row("BM25 (full text)", &score(&DATA, &|q| bm25.rank(q))));
    let list = Command::new(env!("CARGO_BIN_EXE_wsis"))
        .args(["--no-user-data", "list"])
        .output()
        .expect("wsis list");
    let lines = String::from_utf8_lossy(&list.stdout).into_owned();
    if fzf_rank(&lines, "igf").is_some() {
        let fzf = score(&DATA, &|q| fzf_rank(&lines, q).unwrap_or_default());
        table.push(row("fzf --filter (wsis list lines)", &fzf));
    } else {
        println!("fzf not found: its row was skipped");
    }
    println!("{}", table.join("\n"));
}
