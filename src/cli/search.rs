//! `wsis search`: ranked matches, each with why it matched, or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::output::ListFormat;
use super::{Failure, Outcome, table, write_json};
use crate::search::{Matched, SearchIndex};
use crate::text::sanitized;

#[derive(Serialize)]
struct SearchEntry<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    category: &'a str,
    score: i64,
    field: &'static str,
    matched: Vec<MatchedEntry>,
}

/// Why a hit matched: a field's text and the char ranges (start, end) of
/// the matching words in it.
#[derive(Serialize)]
struct MatchedEntry {
    field: &'static str,
    text: String,
    ranges: Vec<[usize; 2]>,
}

/// "title: …[financing] task force…": the matched words in brackets.
pub(super) fn plain_why(matched: &[Matched]) -> String {
    let entries: Vec<String> = matched
        .iter()
        .map(|m| {
            let mut out = format!("{}: ", m.field.name());
            for (index, c) in m.text.chars().enumerate() {
                if m.ranges.iter().any(|r| r.start == index) {
                    out.push('[');
                }
                out.push(c);
                if m.ranges.iter().any(|r| r.end == index + 1) {
                    out.push(']');
                }
            }
            out
        })
        .collect();
    entries.join(" | ")
}

/// Prints the hits of `query`; the index holds all that is printed, so a
/// cached index needs no parsed data.
pub(super) fn run(
    index: &SearchIndex,
    query: &str,
    limit: Option<usize>,
    format: ListFormat,
    out: &mut impl Write,
) -> Outcome {
    if query.trim().is_empty() {
        return Err(Failure::BadInput("empty query".into()));
    }
    let mut hits = index.search(query, None);
    if let Some(limit) = limit {
        hits.truncate(limit);
    }
    if hits.is_empty() {
        return Err(Failure::NothingMatches(format!("nothing matches \"{query}\"")));
    }
    index.explain_all(&mut hits, query);
    if format == ListFormat::Table {
        table::write_hits(index, &hits, out)?;
    } else if format == ListFormat::Json {
        let entries: Vec<SearchEntry> = hits
            .iter()
            .map(|hit| SearchEntry {
                id: index.id(hit.item),
                symbol: index.symbol(hit.item),
                title: index.title(hit.item),
                category: index.category(hit.item),
                score: hit.score,
                field: hit.field.name(),
                matched: hit
                    .matched
                    .iter()
                    .cloned()
                    .map(|m| MatchedEntry {
                        field: m.field.name(),
                        text: m.text,
                        ranges: m.ranges.iter().map(|r| [r.start, r.end]).collect(),
                    })
                    .collect(),
            })
            .collect();
        write_json(out, &entries)?;
    } else {
        for hit in &hits {
            let why = plain_why(&hit.matched);
            let fields = [
                index.id(hit.item),
                index.symbol(hit.item).unwrap_or("-"),
                index.title(hit.item),
                &why,
            ];
            writeln!(out, "{}", fields.map(sanitized).join("\t"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
