//! `wsis list`: an aligned table on a terminal; in a pipe one line per item,
//! `id TAB symbol TAB date TAB title` (`-` for a missing symbol or date),
//! a format scripts may rely on; or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::output::{ListFormat, terminal_width};
use super::{Failure, Outcome, category_arg, table, write_json};
use crate::data::{CATEGORIES, Dataset, ItemIdx};
use crate::text::sanitize;

#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    date: Option<&'a str>,
}

/// The table's columns: how to name the item, when, and what it is.
const HEADERS: [&str; 3] = ["SYMBOL/ID", "DATE", "TITLE"];

pub(super) fn run(data: &Dataset, category: Option<&str>, format: ListFormat, out: &mut impl Write) -> Outcome {
    let items: Vec<ItemIdx> = match category {
        Some(name) => data.category_items(category_arg(name)?).to_vec(),
        None => (0..CATEGORIES.len())
            .flat_map(|c| data.category_items(c).iter().copied())
            .collect(),
    };
    if items.is_empty() {
        return Err(Failure::NothingMatches("no items".into()));
    }
    match format {
        ListFormat::Json => write_json(out, &entries(data, &items))?,
        ListFormat::Tsv => {
            for &i in &items {
                let item = data.item(i);
                let fields = [
                    item.id.as_str(),
                    item.symbol.as_deref().unwrap_or("-"),
                    item.date.as_deref().unwrap_or("-"),
                    item.title.as_str(),
                ];
                writeln!(out, "{}", fields.map(sanitize).join("\t"))?;
            }
        }
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|&i| {
                    let item = data.item(i);
                    // The date as written: at the precision the source gives.
                    let date = item.date.as_deref().unwrap_or("-");
                    vec![item.handle().to_string(), date.to_string(), item.label().to_string()]
                })
                .collect();
            table::write(out, &HEADERS, &rows, terminal_width())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn entries<'a>(data: &'a Dataset, items: &[ItemIdx]) -> Vec<ListEntry<'a>> {
    items
        .iter()
        .map(|&i| {
            let item = data.item(i);
            ListEntry {
                id: &item.id,
                category: &item.category,
                symbol: item.symbol.as_deref(),
                title: &item.title,
                date: item.date.as_deref(),
            }
        })
        .collect()
}
