//! `wsis search`: ranked fuzzy matches, or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{Failure, Outcome, write_json};
use crate::data::Dataset;
use crate::search::SearchIndex;
use crate::text::sanitize;

#[derive(Serialize)]
struct SearchEntry<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    category: &'a str,
    score: i64,
    field: &'static str,
}

pub(super) fn run(data: &Dataset, query: &str, limit: Option<usize>, json: bool, out: &mut impl Write) -> Outcome {
    if query.trim().is_empty() {
        return Err(Failure::BadInput("empty query".into()));
    }
    let index = SearchIndex::new(data);
    let mut hits = index.search(query, None);
    if let Some(limit) = limit {
        hits.truncate(limit);
    }
    if hits.is_empty() {
        return Err(Failure::NothingMatches(format!("nothing matches \"{query}\"")));
    }
    if json {
        let entries: Vec<SearchEntry> = hits
            .iter()
            .map(|hit| {
                let item = data.item(hit.item);
                SearchEntry {
                    id: &item.id,
                    symbol: item.symbol.as_deref(),
                    title: &item.title,
                    category: &item.category,
                    score: hit.score,
                    field: hit.field.name(),
                }
            })
            .collect();
        write_json(out, &entries)?;
    } else {
        for hit in &hits {
            let item = data.item(hit.item);
            let fields = [
                item.id.as_str(),
                item.symbol.as_deref().unwrap_or("-"),
                item.title.as_str(),
            ];
            writeln!(out, "{}", fields.map(sanitize).join("\t"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
