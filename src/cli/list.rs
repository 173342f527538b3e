//! `wsis list`: one line per item, or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{Failure, Outcome, category_arg, write_json};
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

pub(super) fn run(data: &Dataset, category: Option<&str>, json: bool, out: &mut impl Write) -> Outcome {
    let items: Vec<ItemIdx> = match category {
        Some(id) => {
            let cat = category_arg(id)?;
            data.category_items(cat).to_vec()
        }
        None => (0..CATEGORIES.len())
            .flat_map(|c| data.category_items(c).iter().copied())
            .collect(),
    };
    if items.is_empty() {
        return Err(Failure::NothingMatches("no items".into()));
    }
    if json {
        let entries: Vec<ListEntry> = items
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
            .collect();
        write_json(out, &entries)?;
    } else {
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
    Ok(ExitCode::SUCCESS)
}
