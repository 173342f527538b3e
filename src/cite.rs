//! Citations worded for each kind of document, e.g. "General Assembly
//! resolution 70/125 of 16 December 2015 (A/RES/70/125), https://...".

use crate::data::{Dataset, ItemIdx};

pub fn citation(data: &Dataset, idx: ItemIdx) -> String {
    let item = data.item(idx);
    let date = data.date(idx).map(|d| d.to_string());
    let symbol = item.symbol.as_deref();
    let mut text = match (item.category.as_str(), symbol) {
        ("ga", Some(symbol)) => resolution("General Assembly resolution", symbol, "A/RES/", date.as_deref()),
        ("ecosoc", Some(symbol)) => resolution(
            "Economic and Social Council resolution",
            symbol,
            "E/RES/",
            date.as_deref(),
        ),
        ("sg-report", _) => titled("Report of the Secretary-General", &item.title, symbol, date.as_deref()),
        ("outcome", _) => titled(
            "World Summit on the Information Society",
            &item.title,
            symbol,
            date.as_deref(),
        ),
        ("cstd", _) => titled(
            "Commission on Science and Technology for Development",
            &item.title,
            symbol,
            date.as_deref(),
        ),
        ("action-line", _) => format!(
            "WSIS Action Line {}, Geneva Plan of Action (WSIS-03/GENEVA/DOC/5-E)",
            item.title
        ),
        _ => plain(&item.title, symbol, date.as_deref()),
    };
    if let Some(url) = &item.url {
        text.push_str(", ");
        text.push_str(url);
    }
    text
}

/// "General Assembly resolution 70/125 of 16 December 2015 (A/RES/70/125)".
fn resolution(kind: &str, symbol: &str, prefix: &str, date: Option<&str>) -> String {
    let number = symbol.strip_prefix(prefix).unwrap_or(symbol);
    match date {
        Some(date) => format!("{kind} {number} of {date} ({symbol})"),
        None => format!("{kind} {number} ({symbol})"),
    }
}

/// `Author, "Title" (SYMBOL, date)`.
fn titled(author: &str, title: &str, symbol: Option<&str>, date: Option<&str>) -> String {
    format!("{author}, \"{title}\"{}", bracket(symbol, date))
}

fn plain(title: &str, symbol: Option<&str>, date: Option<&str>) -> String {
    format!("{title}{}", bracket(symbol, date))
}

fn bracket(symbol: Option<&str>, date: Option<&str>) -> String {
    match (symbol, date) {
        (Some(s), Some(d)) => format!(" ({s}, {d})"),
        (Some(s), None) => format!(" ({s})"),
        (None, Some(d)) => format!(" ({d})"),
        (None, None) => String::new(),
    }
}
