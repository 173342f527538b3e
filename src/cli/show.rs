//! `wsis show`: one item with its related items, or JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::sources::{SOURCES_HEADING, is_official, mark};

use super::{Outcome, write_json};
use crate::data::{CATEGORIES, DATE_NOT_KNOWN, Dataset, ItemIdx, Shared, TITLE_NOT_CONFIRMED, Text};
use crate::graph;
use crate::text::sanitize;

#[derive(Serialize)]
struct ShowEntry<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    short_title: Option<&'a str>,
    date: Option<&'a str>,
    until: Option<&'a str>,
    paragraphs: Option<&'a str>,
    /// The title is ours, not the document's: cite the document.
    title_is_ours: bool,
    body: Option<&'a str>,
    summary: &'a str,
    points: &'a [Text],
    url: Option<&'a str>,
    sources: &'a [Text],
    /// The sources on an official publisher's host (the rest are copies).
    official_sources: Vec<&'a str>,
    tags: &'a [Shared],
    unconfirmed: &'a [Text],
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

/// How `show` prints: `--format text|json`, or `--json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

impl ShowFormat {
    /// The format `--json` and `--format` ask for (they conflict: at most one is given).
    pub(super) fn chosen(json: bool, format: Option<ShowFormat>) -> ShowFormat {
        match (json, format) {
            (true, _) => ShowFormat::Json,
            (false, format) => format.unwrap_or(ShowFormat::Text),
        }
    }
}

pub(super) fn run(data: &Dataset, name: &[String], format: ShowFormat, out: &mut impl Write) -> Outcome {
    let idx = super::find_named(data, name, "show")?;
    match (format, wrap_width()) {
        (ShowFormat::Json, _) => write_json(out, &entry(data, idx))?,
        (ShowFormat::Text, None) => write_text(data, idx, out)?,
        (ShowFormat::Text, Some(width)) => {
            let mut text = Vec::new();
            write_text(data, idx, &mut text)?;
            out.write_all(super::wrap::wrap(&String::from_utf8_lossy(&text), width).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The width to wrap the text at: the terminal's, when stdout is one.
/// Piped, the lines stay as they are (scripts read them).
fn wrap_width() -> Option<usize> {
    use std::io::IsTerminal;
    io::stdout().is_terminal().then(super::output::terminal_width)
}

/// The JSON form: every field, and the links both ways with their titles.
fn entry(data: &Dataset, idx: ItemIdx) -> ShowEntry<'_> {
    let item = data.item(idx);
    let origin = data.origin(idx);
    ShowEntry {
        id: &item.id,
        category: &item.category,
        symbol: item.symbol.as_deref(),
        title: &item.title,
        short_title: item.short_title.as_deref(),
        date: item.date.as_deref(),
        until: item.until.as_deref(),
        paragraphs: item.paragraphs.as_deref(),
        title_is_ours: item.title_is_ours,
        body: item.body.as_deref(),
        summary: &item.summary,
        points: &item.points,
        url: item.url.as_deref(),
        sources: &item.sources,
        official_sources: item
            .sources
            .iter()
            .map(Text::as_str)
            .filter(|s| is_official(s))
            .collect(),
        tags: &item.tags,
        unconfirmed: &item.unconfirmed,
        from_file: (!origin.embedded).then_some(origin.file),
        links: links(data, idx),
        backlinks: backlinks(data, idx),
    }
}

fn links(data: &Dataset, idx: ItemIdx) -> Vec<LinkEntry<'_>> {
    data.links(idx)
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
        .collect()
}

fn backlinks(data: &Dataset, idx: ItemIdx) -> Vec<BacklinkEntry<'_>> {
    data.backlinks(idx)
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
        .collect()
}

/// The plain form: a header of facts, the summary, then the lists.
fn write_text(data: &Dataset, idx: ItemIdx, out: &mut impl Write) -> io::Result<()> {
    let item = data.item(idx);
    let s = sanitize;
    if let Some(name) = item.heading_name() {
        writeln!(out, "{}", s(name))?;
    }
    // As the detail pane shows it: an unknown title is said, not left blank.
    let title = if item.title_known() {
        &item.title
    } else {
        TITLE_NOT_CONFIRMED
    };
    writeln!(out, "{}", s(title))?;
    match data.date_span(idx) {
        Some(date) => writeln!(out, "Date:     {date}")?,
        None if data.listed_by_date(idx) => writeln!(out, "Date:     {DATE_NOT_KNOWN}")?,
        None => {}
    }
    if let Some(body) = &item.body {
        writeln!(out, "Body:     {}", s(body))?;
    }
    writeln!(out, "Category: {}", CATEGORIES[data.category_of(idx)].name)?;
    if let Some(url) = &item.url {
        writeln!(out, "URL:      {}", s(url))?;
    }
    write_origin(data, idx, out)?;
    if !item.summary.is_empty() {
        writeln!(out, "\n{}", s(&item.summary))?;
    }
    section(out, "Key points", &item.points, "-")?;
    section(out, "Not confirmed by any source", &item.unconfirmed, "?")?;
    write_related(data, idx, out)?;
    write_sources(&item.sources, out)
}

/// Which of the user's files the item comes from, as the detail pane says:
/// one read or cited from a file of one's own is no embedded item.
fn write_origin(data: &Dataset, idx: ItemIdx, out: &mut impl Write) -> io::Result<()> {
    let origin = data.origin(idx);
    if origin.embedded {
        return Ok(());
    }
    let (how, replaced_file) = origin.standing();
    let file = sanitize(origin.file);
    match replaced_file {
        Some(replaced) => writeln!(out, "From:     {file} ({how} {})", sanitize(replaced)),
        None => writeln!(out, "From:     {file} ({how})"),
    }
}

/// Sources, each marked as on an official publisher's host or a copy.
fn write_sources(sources: &[Text], out: &mut impl Write) -> io::Result<()> {
    if sources.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{SOURCES_HEADING}:")?;
    for source in sources {
        writeln!(out, "  {} {}", mark(source), sanitize(source))?;
    }
    Ok(())
}

/// Related items grouped by relation, as the browser's detail pane shows them.
fn write_related(data: &Dataset, idx: ItemIdx, out: &mut impl Write) -> io::Result<()> {
    let related = graph::related(data, idx);
    if related.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nRelated ({}):", related.len())?;
    for (label, entries) in graph::grouped(&related) {
        writeln!(out, "  {label} ({}):", entries.len())?;
        for r in &entries {
            let target = data.item(r.target);
            let note = r.note.map(|n| format!(" ({})", sanitize(n))).unwrap_or_default();
            writeln!(
                out,
                "    {}  {}{note}",
                sanitize(target.handle()),
                sanitize(target.label())
            )?;
        }
    }
    Ok(())
}

fn section(out: &mut impl Write, title: &str, rows: &[Text], bullet: &str) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title}:")?;
    for row in rows {
        writeln!(out, "  {bullet} {}", sanitize(row))?;
    }
    Ok(())
}
