//! CSV: one row per item, list fields joined, quoted by the `csv` crate.

use std::io::{self, Write};

use crate::data::{Dataset, ItemIdx};
use crate::text::sanitize;

const HEADER: [&str; 15] = [
    "id",
    "category",
    "symbol",
    "title",
    "short_title",
    "date",
    "until",
    "body",
    "summary",
    "points",
    "url",
    "sources",
    "tags",
    "links",
    "unconfirmed",
];

pub fn write(data: &Dataset, selection: &[ItemIdx], out: &mut impl Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for &idx in selection {
        let item = data.item(idx);
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let links: Vec<String> = item
            .links
            .iter()
            .map(|l| match &l.note {
                Some(note) => format!("{} {} ({note})", l.rel.name(), l.to),
                None => format!("{} {}", l.rel.name(), l.to),
            })
            .collect();
        let row = [
            item.id.clone(),
            item.category.clone(),
            opt(&item.symbol),
            item.title.clone(),
            opt(&item.short_title),
            opt(&item.date),
            opt(&item.until),
            opt(&item.body),
            item.summary.clone(),
            item.points.join("\n"),
            opt(&item.url),
            item.sources.join("\n"),
            item.tags.join(", "),
            links.join("\n"),
            item.unconfirmed.join("\n"),
        ];
        // Lists keep one entry per line inside the quoted cell; other
        // control characters never reach a terminal or a spreadsheet.
        writer.write_record(
            row.iter()
                .map(|cell| cell.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")),
        )?;
    }
    writer.flush()
}
