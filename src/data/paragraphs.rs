//! A paragraph item's locator: which paragraphs of its document it is
//! (`paragraphs: "105"` or `"69-71"` in the data). A citation names the
//! document and this locator ("para. 105", "paras. 69–71"), never the
//! item's own title, which is ours: the documents' paragraphs have none.

use super::category::{CATEGORIES, category_index};
use super::model::Item;

/// One paragraph, or a run of them, numbered as the document numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraphs {
    pub first: u32,
    /// Equal to `first` for one paragraph.
    pub last: u32,
}

/// Between the first and the last paragraph of a run, as the data writes it.
const DATA_DASH: char = '-';

/// Between the first and the last paragraph in a citation: an en dash,
/// unspaced, as in a date span ("69–71").
const CITED_DASH: char = '–';

/// The separators before the paragraphs in an id that names them, by the
/// data's convention ("tunis-agenda-para-105", "tunis-agenda-paras-69-71").
const ID_MARKERS: [&str; 2] = ["-para-", "-paras-"];

impl Paragraphs {
    /// `"105"` or `"69-71"` (first before last); anything else is an error
    /// that says what is expected.
    pub fn parse(text: &str) -> Result<Paragraphs, String> {
        let number = |part: &str| {
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| part.parse::<u32>().ok()).flatten().filter(|&n| n > 0)
        };
        let expected = || format!("paragraphs \"{text}\" must be a paragraph number (\"105\") or a run (\"69-71\")");
        let (first, last) = match text.split_once(DATA_DASH) {
            Some((first, last)) => (number(first), number(last)),
            None => (number(text), number(text)),
        };
        match (first, last) {
            (Some(first), Some(last)) if first < last || (first == last && !text.contains(DATA_DASH)) => {
                Ok(Paragraphs { first, last })
            }
            (Some(_), Some(_)) => Err(format!(
                "paragraphs \"{text}\" must run from a lower number to a higher"
            )),
            _ => Err(expected()),
        }
    }

    /// As a citation gives it: "para. 105", "paras. 69–71".
    pub fn locator(self) -> String {
        if self.first == self.last {
            format!("para. {}", self.first)
        } else {
            format!("paras. {}{CITED_DASH}{}", self.first, self.last)
        }
    }

    /// As the data writes it: "105", "69-71".
    pub fn data_form(self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}{DATA_DASH}{}", self.first, self.last)
        }
    }
}

/// The paragraphs an id names after its last `-para-` or `-paras-`
/// ("105" of "tunis-agenda-para-105"), as written; `None` for an id that
/// names none. The load requires such an item to say them in `paragraphs`.
pub fn named_in_id(id: &str) -> Option<&str> {
    ID_MARKERS
        .iter()
        .filter_map(|marker| id.rfind(marker).map(|at| &id[at + marker.len()..]))
        .min_by_key(|rest| rest.len())
}

/// Why `document`, the item a paragraph item (or a part whose title is
/// ours) is `PartOf`, cannot be the document it is cited as, if it
/// cannot: a body (a category with no document type) or a meeting (it
/// has an end date, `until`) has no paragraphs, and a citation of it
/// with a locator ("Internet Governance Forum, para. 5") would name no
/// text at all. The load reports it at the link (`src/data/checks.rs`).
pub fn not_a_document(document: &Item) -> Option<String> {
    let id = &document.id;
    // An unknown category is reported as such where the item is.
    let category = &CATEGORIES[category_index(&document.category)?];
    if !category.holds_documents() {
        return Some(format!(
            "this item is cited as the document it is PartOf, and \"{id}\" is a body"
        ));
    }
    if document.paragraphs.is_some() || document.title_is_ours {
        // It is cited as its own document: ours would be the title cited.
        return Some(format!(
            "this item is cited as the document it is PartOf, and \"{id}\" is itself a part cited as its document"
        ));
    }
    document
        .until
        .is_some()
        .then(|| format!("this item is cited as the document it is PartOf, and \"{id}\" is a meeting"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_or_a_rising_run_is_read() {
        assert_eq!(Paragraphs::parse("105"), Ok(Paragraphs { first: 105, last: 105 }));
        assert_eq!(Paragraphs::parse("69-71"), Ok(Paragraphs { first: 69, last: 71 }));
        for bad in [
            "", "0", "para 105", "71-69", "69-69", "69-", "-71", "1-2-3", "+5", " 5", "69–71",
        ] {
            assert!(Paragraphs::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_citation_says_para_or_paras_with_an_en_dash() {
        assert_eq!(Paragraphs::parse("105").unwrap().locator(), "para. 105");
        assert_eq!(Paragraphs::parse("69-71").unwrap().locator(), "paras. 69–71");
        assert_eq!(Paragraphs::parse("69-71").unwrap().data_form(), "69-71");
    }

    #[test]
    fn an_id_names_the_paragraphs_after_its_marker() {
        assert_eq!(named_in_id("tunis-agenda-para-105"), Some("105"));
        assert_eq!(named_in_id("tunis-agenda-paras-69-71"), Some("69-71"));
        assert_eq!(named_in_id("gdc-para-5"), Some("5"));
        assert_eq!(named_in_id("tunis-agenda"), None);
        assert_eq!(named_in_id("paragraph-5"), None);
    }

    #[test]
    fn only_a_document_holds_paragraphs() {
        let item = |category: &str, until: Option<&str>| Item {
            id: "target".into(),
            category: category.into(),
            until: until.map(Into::into),
            ..Item::default()
        };
        for category in [
            "outcome",
            "ga",
            "ecosoc",
            "sg-report",
            "cstd",
            "gdc",
            "action-line",
            "wsis20",
        ] {
            assert_eq!(not_a_document(&item(category, None)), None, "{category}");
        }
        let body = not_a_document(&item("body", None)).expect("a body has no paragraphs");
        assert!(body.contains("\"target\"") && body.ends_with("is a body"), "{body}");
        let meeting = not_a_document(&item("cstd", Some("2006-05-26"))).expect("a meeting has none");
        assert!(meeting.ends_with("is a meeting"), "{meeting}");
        assert_eq!(
            not_a_document(&item("no-such-category", None)),
            None,
            "reported as unknown"
        );
    }
}
