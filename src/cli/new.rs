//! `wsis new --category C`: a commented template item. With its placeholder
//! values it already is a valid overlay, so a user can check it at once.

use std::io::Write;
use std::process::ExitCode;

use super::{Outcome, category_arg};
use crate::data::{CATEGORIES, Relation};

pub(super) fn run(category: &str, out: &mut impl Write) -> Outcome {
    let cat = &CATEGORIES[category_arg(category)?];
    out.write_all(template(cat.id, cat.name).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The template for one category.
pub fn template(category: &str, kind: &str) -> String {
    let relations: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
    format!(
        r#"// A new item of "{kind}" for wsis-browser. Save as a .ron file in
// ~/.config/wsis-browser/data/ (or pass it with --data FILE), change the
// placeholders, then check it with `wsis validate FILE`.
// Fields left out may be deleted; see docs/DATA.md for each one.
[
    Item(
        // Stable slug, never reused: lowercase letters, digits and - + . _
        id: "my-{category}-item",
        category: "{category}",
        // The exact title, as the source gives it.
        title: "Title of the document",
        // short_title: "A few words for the item list",
        // aliases: ["Other names people use", "e.g. an acronym"],
        // symbol: "Official symbol, only where one exists",
        // date: "YYYY-MM-DD",  // or YYYY-MM, or YYYY
        // until: "YYYY-MM-DD", // last day of an event
        // paragraphs: "69-71", // a paragraph item: its paragraphs of the document it is PartOf
        // title_is_ours: true, // a part of the document it is PartOf, titled by you: cited as that document
        // body: "The adopting or issuing body",
        summary: "In your own words: what the document does.",
        points: [
            // "A key decision (para N)",
        ],
        // url: "https://undocs.org/en/SYMBOL",
        sources: [
            // "https://a page that confirms the facts above",
        ],
        tags: [],
        links: [
            // Link(rel: Mandates, to: "an-existing-id", note: "para 105"),
            // Relations: {relations}
        ],
        unconfirmed: [],
    ),
]
"#,
        relations = relations.join(", ")
    )
}
