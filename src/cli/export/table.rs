//! CSV: one row per item, list fields joined, quoted by the `csv` crate.

use std::io::{self, Write};

use crate::data::{Dataset, ItemIdx};
use crate::text::sanitize;

const HEADER: [&str; 17] = [
    "id",
    "category",
    "symbol",
    "title",
    "short_title",
    "date",
    "until",
    "paragraphs",
    "body",
    "summary",
    "points",
    "url",
    "sources",
    "tags",
    "links",
    "unconfirmed",
    // Added last, so columns read by position keep their places.
    "title_is_ours",
];

pub fn write(data: &Dataset, selection: &[ItemIdx], out: &mut impl Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for &idx in selection {
        let item = data.item_passing(idx);
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        let links: Vec<String> = item
            .links
            .iter()
            .map(|l| match &l.note {
                Some(note) => format!("{} {} ({note})", l.rel.name(), l.to),
                None => format!("{} {}", l.rel.name(), l.to),
            })
            .collect();
        let row = [
            item.id.to_string(),
            item.category.to_string(),
            opt(item.symbol.as_deref()),
            item.title.to_string(),
            opt(item.short_title.as_deref()),
            opt(item.date.as_deref()),
            opt(item.until.as_deref()),
            opt(item.paragraphs.as_deref()),
            opt(item.body.as_deref()),
            item.summary.to_string(),
            item.points.join("\n"),
            opt(item.url.as_deref()),
            item.sources.join("\n"),
            item.tags.join(", "),
            links.join("\n"),
            item.unconfirmed.join("\n"),
            // Empty unless set, as the data leaves it out.
            if item.title_is_ours { "true" } else { "" }.to_string(),
        ];
        writer.write_record(row.iter().map(|cell| cell_text(cell)))?;
    }
    writer.flush()
}

/// A cell as written: lists keep one entry per line inside the quoted cell;
/// other control characters never reach a terminal or a spreadsheet; and a
/// cell a spreadsheet would read as a formula is made text (see
/// [`FORMULA_STARTS`]).
fn cell_text(cell: &str) -> String {
    let text = cell.split('\n').map(sanitize).collect::<Vec<_>>().join("\n");
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text
    }
}

/// OWASP's rule against CSV injection: a cell starting with one of these
/// gets a leading apostrophe, which spreadsheets show as text. (Tab and
/// carriage return are already replaced by `sanitize`.)
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
