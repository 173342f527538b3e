//! `wsis export`: the selected items as data (JSON, RON), a document
//! (Markdown), a table (CSV) or the link graph (dot, mermaid).

mod anchor;
mod diagram;
mod markdown;
mod table;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::ValueEnum;
use ron::extensions::Extensions;

use super::{Failure, Outcome, category_arg, write_json};
use crate::data::{CATEGORIES, Dataset, Item, ItemIdx};
use crate::graph;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Ron,
    Markdown,
    Csv,
    Dot,
    Mermaid,
}

/// What `export` without `--format` is told: there is no usual format to
/// pick for the user, so each is named.
pub(super) const FORMAT_MISSING: &str =
    "export needs --format FORMAT, one of: json, ron, markdown, csv, dot, mermaid (e.g. `wsis export --format json`)";

pub(super) fn run(
    data: &Dataset,
    format: Format,
    category: Option<&str>,
    from: Option<&str>,
    depth: usize,
    out: &mut impl Write,
) -> Outcome {
    let (selection, root) = select(data, category, from, depth)?;
    if selection.is_empty() {
        return Err(Failure::NothingMatches("nothing to export".into()));
    }
    match format {
        Format::Json => write_json(out, &items(data, &selection))?,
        Format::Ron => write_ron(out, &items(data, &selection))?,
        Format::Markdown => markdown::write(data, &selection, root, out)?,
        Format::Csv => table::write(data, &selection, out)?,
        Format::Dot => diagram::dot(data, &selection, out)?,
        Format::Mermaid => diagram::mermaid(data, &selection, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The items to export, in catalogue order (category, then file order),
/// and the item named by `from`, whose neighbourhood they are, if in them.
fn select(
    data: &Dataset,
    category: Option<&str>,
    from: Option<&str>,
    depth: usize,
) -> Result<(Vec<ItemIdx>, Option<ItemIdx>), Failure> {
    let category = category.map(category_arg).transpose()?;
    let mut wanted = vec![true; data.len()];
    let root = from.map(|from| super::find(data, from)).transpose()?;
    if let Some(start) = root {
        wanted = vec![false; data.len()];
        for idx in graph::neighbourhood(data, start, depth) {
            wanted[idx] = true;
        }
    }
    let selection: Vec<ItemIdx> = (0..CATEGORIES.len())
        .filter(|&c| category.is_none_or(|wanted_cat| wanted_cat == c))
        .flat_map(|c| data.category_items(c).iter().copied())
        .filter(|&idx| wanted[idx])
        .collect();
    let root = root.filter(|root| selection.contains(root));
    Ok((selection, root))
}

/// The selected items, borrowed: serialised as the items themselves, and
/// never copied (at 100 000 items a copy doubled the memory of an export).
fn items<'d>(data: &'d Dataset, selection: &[ItemIdx]) -> Vec<&'d Item> {
    selection.iter().map(|&idx| data.item(idx)).collect()
}

/// RON in the style of the data files: named structs, implicit `Some`.
/// The output is itself a valid overlay.
fn write_ron(out: &mut impl Write, items: &[&Item]) -> io::Result<()> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(items, config).map_err(io::Error::other)?;
    writeln!(out, "{text}")
}
