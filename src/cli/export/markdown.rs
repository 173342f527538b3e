//! Markdown: a reference document grouped by category (the root of a
//! neighbourhood first), with links between items, a citation for each,
//! and no raw HTML: items are linked to by the ids GitHub gives headings.

use std::io::{self, Write};

use super::anchor::Slugger;
use crate::data::web_url::is_web_url;
use crate::data::{CATEGORIES, Dataset, Item, ItemIdx, Text};
use crate::graph;
use crate::text::sanitize;

/// The document's title, a heading of its own (its id counts among the headings').
const TITLE: &str = "WSIS documents";

/// Writes `selection`; `root`, the item a neighbourhood was taken around,
/// comes first, its category's section before the others.
pub fn write(data: &Dataset, selection: &[ItemIdx], root: Option<ItemIdx>, out: &mut impl Write) -> io::Result<()> {
    let sections = sections(data, selection, root);
    let anchors = anchors(data, &sections);
    writeln!(out, "# {TITLE}\n")?;
    writeln!(
        out,
        "{} item{}, exported by wsis-browser.",
        selection.len(),
        if selection.len() == 1 { "" } else { "s" }
    )?;
    for (cat, items) in &sections {
        writeln!(out, "\n## {}", CATEGORIES[*cat].name)?;
        for &idx in items {
            item(data, idx, &anchors, out)?;
        }
    }
    Ok(())
}

/// The selection by category, in catalogue order, but for `root` and its
/// category, which lead.
fn sections(data: &Dataset, selection: &[ItemIdx], root: Option<ItemIdx>) -> Vec<(usize, Vec<ItemIdx>)> {
    let root_category = root.map(|idx| data.category_of(idx));
    let order = root_category
        .into_iter()
        .chain((0..CATEGORIES.len()).filter(|&cat| Some(cat) != root_category));
    order
        .map(|cat| {
            let others = selection
                .iter()
                .copied()
                .filter(|&idx| data.category_of(idx) == cat && Some(idx) != root);
            let leading = root.filter(|_| Some(cat) == root_category);
            (cat, leading.into_iter().chain(others).collect::<Vec<_>>())
        })
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

/// Each exported item's heading id (`None` for items not exported), the
/// headings counted in the order they are written.
fn anchors(data: &Dataset, sections: &[(usize, Vec<ItemIdx>)]) -> Vec<Option<String>> {
    let mut slugger = Slugger::default();
    let mut anchors = vec![None; data.len()];
    slugger.slug(TITLE);
    for (cat, items) in sections {
        slugger.slug(CATEGORIES[*cat].name);
        for &idx in items {
            let (symbol, title) = heading(data.item(idx));
            let text = match symbol {
                Some(symbol) => format!("{} — {}", plain(symbol), plain(title)),
                None => plain(title),
            };
            anchors[idx] = Some(slugger.slug(&text));
        }
    }
    anchors
}

/// An item's heading: its symbol, if any, and its title (else its short
/// title, or that no source gave the title: a heading is never empty).
fn heading(item: &Item) -> (Option<&str>, &str) {
    let title = if item.title_known() { &item.title } else { item.label() };
    (item.symbol.as_deref(), title)
}

/// The text a renderer shows for [`esc`]'s escape of `text`.
fn plain(text: &str) -> String {
    sanitize(text).trim_start().to_string()
}

fn item(data: &Dataset, idx: ItemIdx, anchors: &[Option<String>], out: &mut impl Write) -> io::Result<()> {
    let item = data.item(idx);
    let heading = match heading(item) {
        (Some(symbol), title) => format!("{} — {}", esc(symbol), esc(title)),
        (None, title) => esc(title),
    };
    writeln!(out, "\n### {heading}\n")?;
    if let Some(date) = data.date(idx) {
        writeln!(out, "- **Date:** {date}")?;
    }
    if let Some(body) = &item.body {
        writeln!(out, "- **Body:** {}", esc(body))?;
    }
    if let Some(url) = &item.url {
        writeln!(out, "- **Official text:** {}", autolink(url))?;
    }
    if !item.summary.is_empty() {
        writeln!(out, "\n{}", esc(&item.summary))?;
    }
    list(out, "Key points", &item.points)?;
    list(out, "Not confirmed by any source", &item.unconfirmed)?;
    let related = graph::related(data, idx);
    if !related.is_empty() {
        writeln!(out, "\nRelated:\n")?;
        for r in &related {
            let note = r.note.map(|n| format!(" ({})", esc(n))).unwrap_or_default();
            writeln!(out, "- {} {}{note}", r.label(), reference(data, r.target, anchors))?;
        }
    }
    // The same wording as the browser's `y`.
    writeln!(
        out,
        "\nCite as: {}",
        esc_linking(&crate::cite::citation(data, idx, crate::cite::Style::Text))
    )?;
    sources(out, &item.sources)
}

/// The sources, each marked as `show` marks them: on an official
/// publisher's host or a secondary copy.
fn sources(out: &mut impl Write, sources: &[Text]) -> io::Result<()> {
    if sources.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{}:\n", crate::sources::SOURCES_HEADING)?;
    for source in sources {
        writeln!(out, "- {} {}", crate::sources::mark(source), autolink(source))?;
    }
    Ok(())
}

/// A link to the item's heading when it is in the document, else to its
/// official text, else its name alone. The name is its symbol, followed
/// by its short title; without a symbol, the short title alone (an id
/// means nothing to a reader of the document).
fn reference(data: &Dataset, idx: ItemIdx, anchors: &[Option<String>]) -> String {
    let item = data.item(idx);
    let (name, after) = match &item.symbol {
        Some(symbol) => (esc(symbol), format!(" — {}", esc(item.label()))),
        None => (esc(item.label()), String::new()),
    };
    if let Some(anchor) = &anchors[idx] {
        format!("[{name}](#{}){after}", url_text(anchor))
    } else if let Some(url) = &item.url {
        format!("[{name}](<{}>){after}", url_text(url))
    } else {
        format!("{name}{after}")
    }
}

fn list(out: &mut impl Write, title: &str, rows: &[Text]) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title}:\n")?;
    for row in rows {
        writeln!(out, "- {}", autolink(row))?;
    }
    Ok(())
}

/// Data text as inert Markdown: no control characters, no markup (no
/// emphasis, code, link, raw HTML, table cell or strikethrough), no
/// character reference ("&amp;" stays as written: read as "&", a heading
/// would get another id than its links name), and no block (list item,
/// heading, code fence) started by its first characters.
fn esc(text: &str) -> String {
    let text = sanitize(text);
    let text = text.trim_start();
    let mut out = String::with_capacity(text.len());
    // "1." or "1)" would start an ordered list, "-", "+" a list, "=" a heading.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (at, c) in text.char_indices() {
        let opens_block = (at == 0 && "-+=".contains(c)) || (at == digits && digits > 0 && ".)".contains(c));
        if opens_block || "\\`*_[]<>#|~!&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A citation escaped, its link (the last word, where citations put it)
/// an autolink: an escaped link is no link ("plan\\_action" kept its
/// backslash on GitHub).
fn esc_linking(citation: &str) -> String {
    match citation.rsplit_once(' ') {
        Some((text, link)) if is_web_url(link) => format!("{} {}", esc(text), autolink(link)),
        _ => esc(citation),
    }
}

/// A web link as a CommonMark autolink; anything else as escaped text.
fn autolink(text: &str) -> String {
    if is_web_url(text) {
        format!("<{}>", url_text(text))
    } else {
        esc(text)
    }
}

/// A web link with every character that could end an autolink or a link
/// destination, or start markup in one, percent-encoded.
fn url_text(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in sanitize(url).chars() {
        if c.is_ascii() && (c.is_ascii_control() || " <>\"`\\{}|^".contains(c)) {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}
