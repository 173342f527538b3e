//! The plain-text form, after the UN's own way of citing its documents:
//! issuer, document type and number, title, date, symbol, link.
//! "General Assembly resolution 70/125, "Outcome document ...",
//! 16 December 2015, A/RES/70/125, available from https://...".
//! Titles are quoted; an untitled item is named by its symbol or its
//! designation, unquoted ("International Telecommunication Union, ITU
//! Council Resolution 1332, 2024, available from ...").
//! A meeting has no head: its title, then its dates ("Commission on
//! Science and Technology for Development, sixteenth session" quoted,
//! then "3–7 June 2013", then the link).
//! A paragraph is its document, with the paragraphs before the link
//! ("…, 18 November 2005, WSIS-05/TUNIS/DOC/6(Rev.1)-E, para. 105, available from …").

use super::Reference;
use crate::data::date_span;

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
        parts.push(date_span::span(date, r.until));
    }
    if let Some(symbol) = &r.symbol {
        parts.push(symbol.clone());
    }
    // A paragraph: its document, then where in it ("para. 105").
    if let Some(locator) = r.locator() {
        parts.push(locator);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::meeting;

    const TITLE: &str = "\"Commission on Science and Technology for Development, sixteenth session\"";

    #[test]
    fn a_meeting_is_its_title_then_its_dates_with_no_author() {
        let cited = |start, until| format(&meeting(start, until));
        assert_eq!(
            cited("2013-06-03", Some("2013-06-07")),
            format!("{TITLE}, 3–7 June 2013, available from https://example.org/session")
        );
        assert!(cited("2008-04-28", Some("2008-05-02")).contains(", 28 April–2 May 2008, "));
        assert!(cited("2008-12-29", Some("2009-01-02")).contains(", 29 December 2008–2 January 2009, "));
        assert!(cited("2024-09-22", None).contains(", 22 September 2024, "));
    }
}
