//! CSL-JSON, the input format of citeproc processors (Zotero, Pandoc):
//! one array of items, each with the schema's required `id` and `type`.
//! An untitled item has no `title`: its designation is its `number`, and
//! its `note` says so.
//!
//! A meeting is of type `event` (CSL 1.0.2: "use for direct citations to
//! the event"), with no author: its `issued` and `event-date` run from its
//! first day to its last, two date-parts, as CSL-JSON writes a range.

use serde::Serialize;

use super::{DESIGNATION_NOTE, Reference};
use crate::data::PartialDate;

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<Date>,
    #[serde(rename = "event-date", skip_serializing_if = "Option::is_none")]
    event_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// An institution's name, which CSL must not split into given and family.
#[derive(Serialize)]
struct Name<'a> {
    literal: &'a str,
}

/// One date, or a range of two: `[[2013, 6, 3], [2013, 6, 7]]`.
#[derive(Serialize)]
struct Date {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<u16>>,
}

impl Date {
    fn of(r: &Reference) -> Option<Date> {
        let date = r.date?;
        Some(Date {
            date_parts: std::iter::once(date).chain(r.until).map(parts).collect(),
        })
    }
}

/// `[2013, 6, 3]`, `[2013, 6]` or `[2013]`: the parts the date gives.
fn parts(date: PartialDate) -> Vec<u16> {
    [Some(date.year), date.month.map(u16::from), date.day.map(u16::from)]
        .into_iter()
        .map_while(|part| part)
        .collect()
}

pub fn format(references: &[Reference]) -> String {
    let items: Vec<Item> = references.iter().map(item).collect();
    let mut out = Vec::new();
    // Written through the JSON writer that escapes terminal controls.
    match crate::json::write(&mut out, &items) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn item(r: &Reference) -> Item<'_> {
    Item {
        id: &r.key,
        kind: if r.is_event {
            "event"
        } else if r.is_report() {
            "report"
        } else {
            "webpage"
        },
        title: r.title.as_deref(),
        author: r
            .issuer
            .as_deref()
            .map(|literal| Name { literal })
            .into_iter()
            .collect(),
        issued: Date::of(r),
        event_date: Date::of(r).filter(|_| r.is_event),
        number: r.symbol.as_deref().or(r.designation_beyond_symbol()),
        genre: r.genre(),
        publisher: r.publisher.as_deref(),
        container_title: r.part_of.as_deref(),
        url: r.url.as_deref(),
        note: note(r),
    }
}

/// The item's `note`: a paragraph's locator, and that an untitled item is
/// cited by its designation. The locator is a note, not `locator`: CSL
/// 1.0.2 defines `locator` as cite-specific and to be "accompanied in the
/// input data by a label" (Appendix IV), and `label` exists only on a
/// citation's cite-items (csl-citation.json), not on an item
/// (csl-data.json, which lists `locator` with every other variable). An
/// item's `locator` without its label would be read as a page, if at all:
/// processors take the locator from the citing document's cite-item.
fn note(r: &Reference) -> Option<String> {
    let designation = r
        .designation
        .as_ref()
        .map(|designation| format!("{DESIGNATION_NOTE}: {designation}"));
    let notes: Vec<String> = r.locator_note().into_iter().chain(designation).collect();
    (!notes.is_empty()).then(|| notes.join(". "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::meeting;

    fn cited(start: &str, until: Option<&str>) -> serde_json::Value {
        let text = format(&[meeting(start, until)]);
        serde_json::from_str::<serde_json::Value>(&text).expect("JSON")[0].clone()
    }

    #[test]
    fn a_meeting_is_an_event_from_its_first_day_to_its_last() {
        for (start, until, parts) in [
            (
                "2013-06-03",
                Some("2013-06-07"),
                serde_json::json!([[2013, 6, 3], [2013, 6, 7]]),
            ),
            (
                "2008-04-28",
                Some("2008-05-02"),
                serde_json::json!([[2008, 4, 28], [2008, 5, 2]]),
            ),
            (
                "2008-12-29",
                Some("2009-01-02"),
                serde_json::json!([[2008, 12, 29], [2009, 1, 2]]),
            ),
            ("2024-09-22", None, serde_json::json!([[2024, 9, 22]])),
        ] {
            let item = cited(start, until);
            assert_eq!(item["type"], "event", "{item}");
            assert_eq!(item["issued"]["date-parts"], parts, "{item}");
            assert_eq!(item["event-date"]["date-parts"], parts, "{item}");
            assert!(item.get("author").is_none(), "{item}");
            assert!(item.get("publisher").is_none(), "{item}");
        }
    }
}
