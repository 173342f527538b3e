//! CSL-JSON, the input format of citeproc processors (Zotero, Pandoc):
//! one array of items, each with the schema's required `id` and `type`.
//! An untitled item has no `title`: its designation is its `number`, and
//! its `note` says so.

use serde::Serialize;

use super::{DESIGNATION_NOTE, Reference};

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

#[derive(Serialize)]
struct Date {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<u16>; 1],
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
        issued: r.date.map(|d| Date {
            date_parts: [[Some(d.year), d.month.map(u16::from), d.day.map(u16::from)]
                .into_iter()
                .map_while(|part| part)
                .collect()],
        }),
        number: r.symbol.as_deref().or(r.designation_beyond_symbol()),
        genre: r.genre(),
        publisher: r.publisher.as_deref(),
        container_title: r.part_of.as_deref(),
        url: r.url.as_deref(),
        note: r
            .designation
            .as_ref()
            .map(|designation| format!("{DESIGNATION_NOTE}: {designation}")),
    }
}
