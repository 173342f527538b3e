//! The non-interactive command line: what the browser shows, printed, with
//! `--json` for scripts. Exit status: 0 found, 1 nothing matches, 2 bad
//! input or bad data.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data::{CATEGORIES, Dataset, ItemIdx, category::category_index};
use crate::graph;
use crate::search::SearchIndex;
use crate::text::sanitize;

#[derive(Debug, Parser)]
#[command(
    name = "wsis",
    version,
    about = "Browse the documents of the World Summit on the Information Society (WSIS) and its follow-up.",
    long_about = "Browse the documents of the World Summit on the Information Society (WSIS) and its follow-up.\n\nWith no command, opens the terminal browser on the embedded dataset."
)]
pub struct Cli {
    /// Add the items of a RON data file to the embedded ones (repeatable).
    #[arg(long = "data", value_name = "FILE", global = true)]
    pub data: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List items, one per line (id, symbol, date, title).
    List {
        /// Only this category (see `wsis list --help` for the ids).
        #[arg(long, short, value_name = "CATEGORY", help = category_help())]
        category: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over symbols, titles, bodies, tags and summaries.
    Search {
        /// The query; several words must all match.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many results.
        #[arg(long, short = 'n')]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Show one item and its related items, by id or symbol.
    Show {
        #[arg(value_name = "ID|SYMBOL")]
        id: String,
        #[arg(long)]
        json: bool,
    },
}

fn category_help() -> String {
    format!(
        "Only this category: {}",
        CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
    )
}

/// Runs a command; output errors other than a closed pipe are reported.
pub fn run(command: &Command, data: &Dataset) -> ExitCode {
    let mut out = io::stdout().lock();
    let result = match command {
        Command::List { category, json } => list(data, category.as_deref(), *json, &mut out),
        Command::Search { query, limit, json } => search(data, &query.join(" "), *limit, *json, &mut out),
        Command::Show { id, json } => show(data, id, *json, &mut out),
    };
    match result {
        Ok(code) => code,
        Err(Failure::NothingMatches(message)) => {
            eprintln!("wsis: {message}");
            ExitCode::from(1)
        }
        Err(Failure::BadInput(message)) => {
            eprintln!("wsis: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("wsis: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

enum Failure {
    NothingMatches(String),
    BadInput(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

type Outcome = Result<ExitCode, Failure>;

#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    date: Option<&'a str>,
}

fn list(data: &Dataset, category: Option<&str>, json: bool, out: &mut impl Write) -> Outcome {
    let items: Vec<ItemIdx> = match category {
        Some(id) => {
            let cat = category_index(id).ok_or_else(|| {
                Failure::BadInput(format!(
                    "unknown category \"{id}\"; valid: {}",
                    CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
                ))
            })?;
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

#[derive(Serialize)]
struct SearchEntry<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    category: &'a str,
    score: i64,
    field: &'static str,
}

fn search(data: &Dataset, query: &str, limit: Option<usize>, json: bool, out: &mut impl Write) -> Outcome {
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

#[derive(Serialize)]
struct ShowEntry<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    short_title: Option<&'a str>,
    date: Option<&'a str>,
    until: Option<&'a str>,
    body: Option<&'a str>,
    summary: &'a str,
    points: &'a [String],
    url: Option<&'a str>,
    sources: &'a [String],
    tags: &'a [String],
    unconfirmed: &'a [String],
    from_file: Option<&'a str>,
    links: Vec<LinkEntry<'a>>,
    backlinks: Vec<BacklinkEntry<'a>>,
}

#[derive(Serialize)]
struct LinkEntry<'a> {
    rel: &'static str,
    label: &'static str,
    to: &'a str,
    title: &'a str,
    symbol: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct BacklinkEntry<'a> {
    rel: &'static str,
    label: &'static str,
    from: &'a str,
    title: &'a str,
    symbol: Option<&'a str>,
    note: Option<&'a str>,
}

fn show(data: &Dataset, wanted: &str, json: bool, out: &mut impl Write) -> Outcome {
    let idx = data.find(wanted).ok_or_else(|| {
        Failure::NothingMatches(format!(
            "no item with id or symbol \"{wanted}\"; try `wsis search {wanted}`"
        ))
    })?;
    let item = data.item(idx);
    if json {
        let links = data
            .links(idx)
            .map(|(link, target)| {
                let t = data.item(target);
                LinkEntry {
                    rel: link.rel.name(),
                    label: link.rel.forward(),
                    to: &t.id,
                    title: &t.title,
                    symbol: t.symbol.as_deref(),
                    note: link.note.as_deref(),
                }
            })
            .collect();
        let backlinks = data
            .backlinks(idx)
            .iter()
            .map(|b| {
                let f = data.item(b.from);
                BacklinkEntry {
                    rel: b.rel.name(),
                    label: b.rel.inverse(),
                    from: &f.id,
                    title: &f.title,
                    symbol: f.symbol.as_deref(),
                    note: data.backlink_note(b),
                }
            })
            .collect();
        let origin = data.origin(idx);
        let entry = ShowEntry {
            id: &item.id,
            category: &item.category,
            symbol: item.symbol.as_deref(),
            title: &item.title,
            short_title: item.short_title.as_deref(),
            date: item.date.as_deref(),
            until: item.until.as_deref(),
            body: item.body.as_deref(),
            summary: &item.summary,
            points: &item.points,
            url: item.url.as_deref(),
            sources: &item.sources,
            tags: &item.tags,
            unconfirmed: &item.unconfirmed,
            from_file: (!origin.embedded).then_some(origin.file.as_str()),
            links,
            backlinks,
        };
        write_json(out, &entry)?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = sanitize;
    if let Some(symbol) = &item.symbol {
        writeln!(out, "{}", s(symbol))?;
    }
    writeln!(out, "{}", s(&item.title))?;
    if let Some(date) = data.date(idx) {
        writeln!(out, "Date:     {date}")?;
    }
    if let Some(body) = &item.body {
        writeln!(out, "Body:     {}", s(body))?;
    }
    writeln!(out, "Category: {}", CATEGORIES[data.category_of(idx)].name)?;
    if let Some(url) = &item.url {
        writeln!(out, "URL:      {}", s(url))?;
    }
    if !item.summary.is_empty() {
        writeln!(out, "\n{}", s(&item.summary))?;
    }
    section(out, "Key points", &item.points, "-")?;
    section(out, "Not confirmed by any source", &item.unconfirmed, "?")?;
    let related = graph::related(data, idx);
    if !related.is_empty() {
        writeln!(out, "\nRelated:")?;
        for r in &related {
            let target = data.item(r.target);
            let note = r.note.map(|n| format!(" ({})", s(n))).unwrap_or_default();
            writeln!(
                out,
                "  {} {} — {}{note}",
                r.label(),
                s(target.handle()),
                s(target.label())
            )?;
        }
    }
    section(out, "Sources", &item.sources, "-")?;
    Ok(ExitCode::SUCCESS)
}

fn section(out: &mut impl Write, title: &str, rows: &[String], bullet: &str) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title}:")?;
    for row in rows {
        writeln!(out, "  {bullet} {}", sanitize(row))?;
    }
    Ok(())
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}
