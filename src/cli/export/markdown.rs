//! Markdown: a reference document grouped by category, with an anchor per
//! item, links between items, and a citation for each.

use std::io::{self, Write};

use crate::data::web_url::is_web_url;
use crate::data::{CATEGORIES, Dataset, ItemIdx, Text};
use crate::graph;
use crate::text::sanitize;

pub fn write(data: &Dataset, selection: &[ItemIdx], out: &mut impl Write) -> io::Result<()> {
    let mut included = vec![false; data.len()];
    for &idx in selection {
        included[idx] = true;
    }
    writeln!(out, "# WSIS documents\n")?;
    writeln!(
        out,
        "{} item{}, exported by wsis-browser.",
        selection.len(),
        if selection.len() == 1 { "" } else { "s" }
    )?;
    for (cat, category) in CATEGORIES.iter().enumerate() {
        let items: Vec<ItemIdx> = selection
            .iter()
            .copied()
            .filter(|&i| data.category_of(i) == cat)
            .collect();
        if items.is_empty() {
            continue;
        }
        writeln!(out, "\n## {}", category.name)?;
        for idx in items {
            item(data, idx, &included, out)?;
        }
    }
    Ok(())
}

fn item(data: &Dataset, idx: ItemIdx, included: &[bool], out: &mut impl Write) -> io::Result<()> {
    let item = data.item(idx);
    let heading = match &item.symbol {
        Some(symbol) => format!("{} — {}", esc(symbol), esc(&item.title)),
        None => esc(&item.title),
    };
    // An explicit anchor: heading-derived anchors differ between renderers.
    writeln!(out, "\n### <a id=\"{}\"></a>{heading}\n", item.id)?;
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
            writeln!(out, "- {} {}{note}", r.label(), reference(data, r.target, included))?;
        }
    }
    // The same wording as the browser's `y`.
    writeln!(
        out,
        "\nCite as: {}",
        esc(&crate::cite::citation(data, idx, crate::cite::Style::Text))
    )?;
    list(out, "Sources", &item.sources)?;
    Ok(())
}

/// A link to the item's anchor when it is in the document, else to its
/// official text, else its name alone.
fn reference(data: &Dataset, idx: ItemIdx, included: &[bool]) -> String {
    let item = data.item(idx);
    let name = esc(item.handle());
    if included[idx] {
        format!("[{name}](#{}) — {}", item.id, esc(item.label()))
    } else if let Some(url) = &item.url {
        format!("[{name}](<{}>) — {}", url_text(url), esc(item.label()))
    } else {
        format!("{name} — {}", esc(item.label()))
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
/// emphasis, code, link, raw HTML, table cell or strikethrough), and no
/// block (list item, heading, code fence) started by its first characters.
fn esc(text: &str) -> String {
    let text = sanitize(text);
    let text = text.trim_start();
    let mut out = String::with_capacity(text.len());
    // "1." or "1)" would start an ordered list, "-", "+" a list, "=" a heading.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (at, c) in text.char_indices() {
        let opens_block = (at == 0 && "-+=".contains(c)) || (at == digits && digits > 0 && ".)".contains(c));
        if opens_block || "\\`*_[]<>#|~!".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
