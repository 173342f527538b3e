//! The plain-text form, after the UN's own way of citing its documents:
//! issuer, document type and number, title, date, symbol, link.
//! "General Assembly resolution 70/125, "Outcome document ...",
//! 16 December 2015, A/RES/70/125, available from https://...".
//! Titles are quoted; an untitled item is named by its symbol or its
//! designation, unquoted ("International Telecommunication Union, ITU
//! Council Resolution 1332, 2024, available from ...").

use super::Reference;

pub fn format(r: &Reference) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(head) = head(r) {
        parts.push(head);
    }
    if let Some(title) = &r.title {
        parts.push(format!("\"{title}\""));
    }
    // Unquoted, as the head and the symbol: a designation, not a title.
    if let Some(designation) = r.designation_beyond_symbol() {
        parts.push(designation.to_string());
    }
    if let Some(container) = &r.part_of {
        parts.push(format!("in {container}"));
    }
    if let Some(date) = r.date {
        parts.push(date.to_string());
    }
    if let Some(symbol) = &r.symbol {
        parts.push(symbol.clone());
    }
    if let Some(url) = &r.url {
        parts.push(format!("available from {url}"));
    }
    parts.join(", ")
}

/// "General Assembly resolution 70/125", "Report of the Secretary-General",
/// "World Summit on the Information Society"; none for bodies.
fn head(r: &Reference) -> Option<String> {
    let issuer = r.issuer.as_deref()?;
    Some(match (r.document_type, &r.number) {
        (Some(kind), Some(number)) => format!("{issuer} {kind} {number}"),
        (Some("report"), None) => format!("Report of the {issuer}"),
        (Some("document") | None, _) => issuer.to_string(),
        // "World Summit on the Information Society Action Line".
        (Some(kind), None) => format!("{issuer} {kind}"),
    })
}
