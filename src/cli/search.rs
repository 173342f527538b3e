//! `wsis search`: ranked fuzzy matches, or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::output::ListFormat;
use super::{Failure, Outcome, table, write_json};
use crate::search::SearchIndex;
use crate::text::sanitized;

#[derive(Serialize)]
struct SearchEntry<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    category: &'a str,
    score: i64,
    field: &'static str,
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
            })
            .collect();
        write_json(out, &entries)?;
    } else {
        for hit in &hits {
            let fields = [
                index.id(hit.item),
                index.symbol(hit.item).unwrap_or("-"),
                index.title(hit.item),
            ];
            writeln!(out, "{}", fields.map(sanitized).join("\t"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
