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

use super::bookmarked::NONE_BOOKMARKED;
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

/// Which items an export takes: a category, the neighbourhoods of named
/// items, the bookmarked items; all of them when none is given.
pub(super) struct Chosen<'a> {
    pub category: Option<&'a str>,
    pub from: &'a [String],
    /// Link steps from each item of `from`.
    pub depth: usize,
    pub bookmarks: bool,
}

pub(super) fn run(data: &Dataset, format: Format, chosen: &Chosen<'_>, out: &mut impl Write) -> Outcome {
    let (selection, root) = select(data, chosen)?;
    if selection.is_empty() {
        let why = match chosen.bookmarks && chosen.from.is_empty() {
            true => format!("nothing to export: {NONE_BOOKMARKED}"),
            false => "nothing to export".into(),
        };
        return Err(Failure::NothingMatches(why));
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
/// and the item named by `from` when it names one alone, whose
/// neighbourhood they are, if in them: it leads the Markdown.
fn select(data: &Dataset, chosen: &Chosen<'_>) -> Result<(Vec<ItemIdx>, Option<ItemIdx>), Failure> {
    let category = chosen.category.map(category_arg).transpose()?;
    let starts = chosen
        .from
        .iter()
        .map(|name| super::find(data, name))
        .collect::<Result<Vec<ItemIdx>, _>>()?;
    let marked = if chosen.bookmarks {
        super::bookmarked::bookmarked(data)?
    } else {
        Vec::new()
    };
    let mut wanted = vec![starts.is_empty() && !chosen.bookmarks; data.len()];
    for &start in &starts {
        for idx in graph::neighbourhood(data, start, chosen.depth) {
            wanted[idx] = true;
        }
    }
    for idx in marked {
        wanted[idx] = true;
    }
    let root = match (&starts[..], chosen.bookmarks) {
        ([one], false) => Some(*one),
        _ => None,
    };
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
