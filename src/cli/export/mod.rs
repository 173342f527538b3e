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
use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::{Failure, Outcome, category_arg, write_json};
use crate::data::{CATEGORIES, Dataset, ItemIdx};
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
    let selected = Selected {
        data,
        selection: &selection,
    };
    match format {
        Format::Json => write_json(out, &selected)?,
        Format::Ron => write_ron(out, &selected)?,
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

/// The selected items in order, serialised as a list of them: each read
/// for the moment it is written ([`Dataset::item_passing`]), none copied
/// or kept (at 100 000 items a copy of each doubled an export's memory).
struct Selected<'d> {
    data: &'d Dataset,
    selection: &'d [ItemIdx],
}

impl Serialize for Selected<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.selection.len()))?;
        for &idx in self.selection {
            list.serialize_element(&*self.data.item_passing(idx))?;
        }
        list.end()
    }
}

/// RON in the style of the data files: named structs, implicit `Some`.
/// The output is itself a valid overlay. Written as it is made, never
/// held whole.
fn write_ron(out: &mut impl Write, items: &Selected) -> io::Result<()> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .extensions(Extensions::IMPLICIT_SOME);
    let mut writer = KeepingError {
        out: &mut *out,
        error: None,
    };
    let written = ron::Options::default().to_io_writer_pretty(&mut writer, items, config);
    // ron keeps only an I/O error's message; its kind (a closed pipe) is ours.
    if let Some(error) = writer.error {
        return Err(error);
    }
    written.map_err(io::Error::other)?;
    writeln!(out)
}

/// A writer that keeps the first error of the one it writes to.
struct KeepingError<W> {
    out: W,
    error: Option<io::Error>,
}

impl<W: Write> Write for KeepingError<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.write(bytes).inspect_err(|error| self.keep(error))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush().inspect_err(|error| self.keep(error))
    }
}

impl<W> KeepingError<W> {
    fn keep(&mut self, error: &io::Error) {
        if self.error.is_none() {
            self.error = Some(io::Error::new(error.kind(), error.to_string()));
        }
    }
}
