//! Citations of items, in the styles researchers paste or import: the UN's
//! own plain-text form, BibTeX, RIS and CSL-JSON. Each style works from one
//! [`Reference`], the facts of an item a citation needs.

mod bibtex;
mod csl;
mod ris;
mod text;

use serde::Deserialize;

use crate::data::category::ORGAN_SYMBOLS;
use crate::data::paragraphs::Paragraphs;
use crate::data::{CATEGORIES, Dataset, ItemIdx, MAX_PART_OF_STEPS, PartialDate, Relation};

/// A citation style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum Style {
    /// "General Assembly resolution 70/125, "Title", 16 December 2015, A/RES/70/125, available from URL".
    #[default]
    Text,
    Bibtex,
    Ris,
    CslJson,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Text, Style::Bibtex, Style::Ris, Style::CslJson];

    /// Whether a citation in this style is several lines (a record to
    /// import) rather than one line to paste into text.
    pub fn is_multiline(self) -> bool {
        self != Style::Text
    }

    /// The name on the command line and in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Style::Text => "text",
            Style::Bibtex => "bibtex",
            Style::Ris => "ris",
            Style::CslJson => "csl-json",
        }
    }
}

/// The facts of one item that a citation uses, already free of control
/// characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The item's id: the BibTeX key and the CSL-JSON id.
    pub key: String,
    /// Who issued the document ("General Assembly"); `None` for bodies.
    pub issuer: Option<String>,
    /// Who published it, named in reference-manager formats: the UN, or
    /// the agency that adopted a document of the UN system (ITU, UNESCO).
    pub publisher: Option<String>,
    /// "resolution", "report", ... (see [`crate::data::Category::document_type`]).
    pub document_type: Option<&'static str>,
    /// A resolution's number ("70/125").
    pub number: Option<String>,
    /// `None` when no source gave the title.
    pub title: Option<String>,
    /// How to identify a document whose title is not confirmed: its symbol,
    /// else its short title ("ITU Council Resolution 1332"), which the data
    /// only gives when confirmed. `None` when the title is known. Every
    /// style writes it as a designation, never as the title.
    pub designation: Option<String>,
    /// The first day of a meeting, else the document's date.
    pub date: Option<PartialDate>,
    /// The last day of a meeting that lasted more than one (`until` in the
    /// data); `None` for a document or a one-day meeting.
    pub until: Option<PartialDate>,
    pub symbol: Option<String>,
    /// The official link, only when it is a plain http(s) URL.
    pub url: Option<String>,
    /// The document this one is part of, named with its symbol
    /// ("Geneva Plan of Action (WSIS-03/GENEVA/DOC/5-E)").
    pub part_of: Option<String>,
    /// Which paragraphs of the document a paragraph item is: the
    /// reference is then its document's, with this locator after it.
    pub paragraphs: Option<Paragraphs>,
    /// A meeting (the item has an end date, `until`): a summit, a session,
    /// a forum. Cited as an event, never as a report, in whatever category,
    /// and by its own name, with no author: see [`Reference::of`].
    pub is_event: bool,
}

/// Said in reference-manager formats (a note) of an item cited by its
/// designation, so no one takes the designation for the title.
pub const DESIGNATION_NOTE: &str = "Title not confirmed; cited by its designation";

/// The publisher named in reference-manager formats, and the issuer of
/// the categories whose documents come from across the UN system.
pub const PUBLISHER: &str = "United Nations";

impl Reference {
    /// The reference of item `idx`: a paragraph item's is the reference of
    /// its document (the item it is `PartOf`) with its paragraphs as the
    /// locator, under its own key and link. Its title is ours (the
    /// documents' paragraphs have no headings), so it is never cited; nor
    /// is that of a part whose title is ours (`title_is_ours`), cited as
    /// its document with no locator (no paragraph is known).
    pub fn of(data: &Dataset, idx: ItemIdx) -> Reference {
        let item = data.item(idx);
        let paragraphs = item.paragraphs.as_deref().and_then(|text| Paragraphs::parse(text).ok());
        let document = data
            .links(idx)
            .find(|(link, _)| link.rel == Relation::PartOf)
            .map(|(_, document)| document);
        let Some(document) = document.filter(|_| paragraphs.is_some() || item.title_is_ours) else {
            return Reference::of_item(data, idx);
        };
        let mut reference = Reference::of_item(data, document);
        reference.key = item.id.to_string();
        reference.paragraphs = paragraphs;
        // Its own link may point at the paragraph; else the document's.
        if let Some(url) = item.url.as_deref().map(str::trim).filter(|u| is_plain_url(u)) {
            reference.url = Some(url.to_string());
        }
        reference
    }

    /// The reference of item `idx` as a whole work, by its own title.
    ///
    /// A meeting is cited by its own name, dates and place, with no author
    /// and no publisher: the UN dates a conference after its name ("Report
    /// of the Fourth World Conference on Women, Beijing, 4–15 September
    /// 1995"), and CSL's type `event` is for "direct citations to the
    /// event" (CSL 1.0.2, appendix III). The body that convenes a meeting
    /// did not write it, and its title names that body where it has one
    /// ("Commission on Science and Technology for Development, sixteenth
    /// session"). No place: the model has no field for one, and an event's
    /// `body` mixes host and place in free text ("ITU, Geneva"), which a
    /// citation would have to guess apart.
    fn of_item(data: &Dataset, idx: ItemIdx) -> Reference {
        let item = data.item(idx);
        let category = &CATEGORIES[data.category_of(idx)];
        let clean = |s: &str| crate::text::sanitize(s.trim());
        let symbol = item.symbol.as_deref().map(clean);
        let part_of = document_containing(data, idx).and_then(|container_idx| {
            let container = data.item(container_idx);
            // Only a document is a container ("in Plan of Action
            // (WSIS-03/GENEVA/DOC/5-E)"): a resolution is not "in" a
            // review process, nor a session "in" the CSTD.
            let category = CATEGORIES[data.category_of(container_idx)].id;
            if container.symbol.is_none() && !DOCUMENT_CATEGORIES.contains(&category) {
                return None;
            }
            // Named by its title, never by the screen's short title
            // ("Pact for the Future (with GDC)"), else by its symbol.
            let symbol = container.symbol.as_deref().map(clean);
            match (container.title_known(), symbol) {
                (true, Some(symbol)) => Some(format!("{} ({symbol})", clean(&container.title))),
                (true, None) => Some(clean(&container.title)),
                (false, symbol) => symbol,
            }
        });
        let (issuer, adopter) = issuer_and_adopter(data, idx, symbol.as_deref());
        let is_event = item.until.is_some();
        // A meeting: no author, no publisher (see the doc comment).
        let issuer = issuer.filter(|_| !is_event);
        // A body's or a process's date is when it began, not when the
        // page cited was written: cited undated, as a web page is.
        let date = data.date(idx).filter(|_| issuer.is_some() || is_event);
        Reference {
            key: item.id.to_string(),
            publisher: issuer
                .is_some()
                .then(|| adopter.unwrap_or_else(|| PUBLISHER.to_string())),
            issuer,
            // A session of the CSTD is not a "document" of it.
            document_type: category.document_type().filter(|_| !is_event),
            number: symbol.as_deref().and_then(resolution_number),
            title: item.title_known().then(|| clean(&item.title)),
            designation: (!item.title_known())
                .then(|| symbol.clone().or_else(|| item.short_title.as_deref().map(clean)))
                .flatten(),
            date,
            until: data.until(idx).filter(|&until| Some(until) != date),
            symbol,
            url: item
                .url
                .as_deref()
                .map(str::trim)
                .filter(|u| is_plain_url(u) && !is_a_linked_bodys_page(data, idx, u))
                .map(Into::into),
            part_of,
            paragraphs: None,
            is_event,
        }
    }

    /// Whether reference managers should take it for a report: a document
    /// with an issuer, not a body or a meeting.
    pub fn is_report(&self) -> bool {
        self.issuer.is_some() && !self.is_event
    }

    /// The designation, when it is not already the symbol every style
    /// writes: what a citation must add to identify an untitled item.
    pub fn designation_beyond_symbol(&self) -> Option<&str> {
        self.designation.as_deref().filter(|_| self.symbol.is_none())
    }

    /// "para. 105", "paras. 69–71": where in the document, for a paragraph.
    pub fn locator(&self) -> Option<String> {
        self.paragraphs.map(Paragraphs::locator)
    }

    /// The locator as a sentence of a note ("Para. 105"), for the formats
    /// with no field for a paragraph (see each style).
    pub fn locator_note(&self) -> Option<String> {
        let locator = self.locator()?;
        let mut chars = locator.chars();
        let first = chars.next()?;
        Some(first.to_uppercase().chain(chars).collect())
    }

    /// "Resolution", "Report": the document type as a label.
    pub fn genre(&self) -> Option<String> {
        let kind = self.document_type?;
        let mut chars = kind.chars();
        let first = chars.next()?;
        Some(first.to_uppercase().chain(chars).collect())
    }
}

/// What item `idx` is part of, for its citation: its container, or, when
/// that is an Action Line without a symbol (a section of the Plan of
/// Action, not a document of its own), the nearest one up its `PartOf`
/// links that is not: C7 e-health is cited in the Plan of Action, not in
/// C7. A paragraph of the Global Digital Compact stays in the Compact.
fn document_containing(data: &Dataset, idx: ItemIdx) -> Option<ItemIdx> {
    let container_of = |at: ItemIdx| {
        data.links(at)
            .find(|(link, _)| link.rel == Relation::PartOf)
            .map(|(_, container)| container)
    };
    let is_section =
        |at: ItemIdx| data.item(at).symbol.is_none() && CATEGORIES[data.category_of(at)].id == ACTION_LINE_CATEGORY;
    let first = container_of(idx)?;
    let mut at = first;
    for _ in 0..MAX_PART_OF_STEPS {
        if !is_section(at) {
            return Some(at);
        }
        match container_of(at) {
            Some(next) if next != idx => at = next,
            _ => break,
        }
    }
    Some(first)
}

/// The category of the Action Lines: sections of the Plan of Action.
const ACTION_LINE_CATEGORY: &str = "action-line";

/// Who issued item `idx` (with the symbol `symbol`), and the body that
/// adopted it, if it names one (then its publisher too). A document of the
/// UN system at large is the work of the body that adopted it (an ITU
/// resolution is not "United Nations"), else of the organ its symbol
/// names (a General Assembly draft, A/80/L.41, is the Assembly's, as its
/// resolutions are, though the UN publishes it), else, without a symbol,
/// of the organ of the document it is part of.
fn issuer_and_adopter(data: &Dataset, idx: ItemIdx, symbol: Option<&str>) -> (Option<String>, Option<String>) {
    let category = &CATEGORIES[data.category_of(idx)];
    let Some(issuer) = category.issuer() else {
        return (None, None);
    };
    if issuer != PUBLISHER {
        return (Some(issuer.to_string()), None);
    }
    let adopter = adopting_body(data, idx);
    let organ = match symbol {
        Some(symbol) => organ_issuer(symbol),
        None => container_organ(data, idx),
    };
    let organ = organ.map(str::to_string);
    let issuer = adopter.clone().or(organ).unwrap_or_else(|| issuer.to_string());
    (Some(issuer), adopter)
}

/// The organ that issued the nearest document with a symbol that item
/// `idx`, which has none, is part of: an annex is the work of its
/// resolution's organ (the Global Digital Compact, annexed to A/RES/79/1,
/// is the General Assembly's).
fn container_organ(data: &Dataset, idx: ItemIdx) -> Option<&'static str> {
    let mut at = idx;
    for _ in 0..MAX_PART_OF_STEPS {
        let (_, container) = data.links(at).find(|(link, _)| link.rel == Relation::PartOf)?;
        if container == idx {
            return None;
        }
        if let Some(symbol) = &data.item(container).symbol {
            return organ_issuer(symbol.trim());
        }
        at = container;
    }
    None
}

/// How a special ("S-27") or emergency special ("ES-10") session's number
/// is written in an organ's symbols, where a regular session's stands alone.
const SESSION_KINDS: [&str; 2] = ["ES-", "S-"];

/// The organ that issued the document `symbol` names, in the organ's own
/// series ("A/80/L.41", "A/RES/80/173", "E/2006/85": the session or year
/// follows the letter; "A/ES-10/L.22", "A/RES/S-27/2": a special or
/// emergency special session's number does); `None` for another symbol,
/// a subsidiary body's (A/HRC/…, E/CN.16/…, A/CONF.…: not the organ's
/// own work) or a joint one ("A/66/64–E/2011/77", "A/1/2-E/3/4": of two
/// organs).
fn organ_issuer(symbol: &str) -> Option<&'static str> {
    if !crate::data::aliases::joint_halves(symbol).is_empty() {
        return None;
    }
    // An organ shares the issuer of its resolutions' category.
    let (prefix, category) = ORGAN_SYMBOLS.iter().find(|(prefix, _)| symbol.starts_with(prefix))?;
    let series = &symbol[prefix.len()..];
    let series = series.strip_prefix("RES/").unwrap_or(series);
    let series = SESSION_KINDS
        .iter()
        .find_map(|kind| series.strip_prefix(kind))
        .unwrap_or(series);
    if !series.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    CATEGORIES[crate::data::category::category_index(category)?].issuer()
}

/// The title of the body that adopted or published item `idx`, if it
/// links to one and its title is known.
fn adopting_body(data: &Dataset, idx: ItemIdx) -> Option<String> {
    let (_, body) = data.links(idx).find(|(link, _)| link.rel == Relation::AdoptedBy)?;
    let body = data.item(body);
    body.title_known().then(|| crate::text::sanitize(body.title.trim()))
}

/// Whether `url` is the page of a body item `idx` links to (an item of a
/// category with no document type, such as the CSTD): where no page of
/// its own was found, an item's link is its body's (a session's, a report's
/// whose symbol is unknown), and a citation saying it is "available from"
/// there would send the reader to the Commission's page, not to it.
fn is_a_linked_bodys_page(data: &Dataset, idx: ItemIdx, url: &str) -> bool {
    data.links(idx).any(|(_, target)| {
        !CATEGORIES[data.category_of(target)].holds_documents()
            && data.item(target).url.as_deref().map(str::trim) == Some(url)
    })
}

/// "70/125" of "A/RES/70/125".
fn resolution_number(symbol: &str) -> Option<String> {
    let at = symbol.to_ascii_uppercase().find("/RES/")?;
    Some(symbol[at + "/RES/".len()..].to_string())
}

/// A single-line http(s) URL with nothing a citation format would have to
/// escape: no spaces, quotes, braces or control characters.
fn is_plain_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"{}<>\\".contains(c))
}

/// Categories whose items are documents (or parts of one), so that an item
/// may be cited as "in" them even without a symbol ("in Global Digital
/// Compact"); the others hold bodies, fora, sessions and processes.
const DOCUMENT_CATEGORIES: &[&str] = &["outcome", "ga", "ecosoc", "sg-report", "gdc", "action-line"];

/// The citations of `items` in `style`, ready to print or copy: one per
/// line in text, one entry each in BibTeX and RIS (a blank line between
/// two), one array in CSL-JSON.
pub fn format(data: &Dataset, items: &[ItemIdx], style: Style) -> String {
    let references: Vec<Reference> = items.iter().map(|&idx| Reference::of(data, idx)).collect();
    match style {
        Style::Text => references.iter().map(|r| text::format(r) + "\n").collect(),
        Style::Bibtex => references.iter().map(bibtex::format).collect::<Vec<_>>().join("\n"),
        // A blank line between records, as reference managers export them.
        Style::Ris => references
            .iter()
            .map(ris::format)
            .collect::<Vec<_>>()
            .join(ris::END_OF_LINE),
        Style::CslJson => csl::format(&references),
    }
}

/// The citation of one item in `style` (the browser's `y`, in the style of
/// the config file).
pub fn citation(data: &Dataset, idx: ItemIdx, style: Style) -> String {
    let text = format(data, &[idx], style);
    match style {
        // One line, as before: no trailing newline on the clipboard.
        Style::Text => text.trim_end().to_string(),
        _ => text,
    }
}

/// A meeting held from `start` to `until` (`YYYY-MM-DD`), as the
/// styles' tests cite it: a CSTD session, with the fields the data gives.
#[cfg(test)]
pub(crate) fn meeting(start: &str, until: Option<&str>) -> Reference {
    let date = |text: &str| PartialDate::parse(text).expect("a test date");
    Reference {
        key: "session".into(),
        issuer: None,
        publisher: None,
        document_type: None,
        number: None,
        title: Some("Commission on Science and Technology for Development, sixteenth session".into()),
        designation: None,
        date: Some(date(start)),
        until: until.map(date),
        symbol: None,
        url: Some("https://example.org/session".into()),
        part_of: None,
        paragraphs: None,
        is_event: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organ_issues_only_its_own_series() {
        let ga = CATEGORIES[crate::data::category::category_index("ga").unwrap()].issuer();
        let ecosoc = CATEGORIES[crate::data::category::category_index("ecosoc").unwrap()].issuer();
        assert!(ga.is_some() && ecosoc.is_some());
        for (symbol, organ) in [
            ("A/80/L.41", ga),
            ("A/RES/80/173", ga),
            ("E/2006/85", ecosoc),
            ("E/RES/2006/46", ecosoc),
        ] {
            assert_eq!(organ_issuer(symbol), organ, "{symbol}");
        }
        // Subsidiary bodies, conferences, joint symbols with any dash.
        for symbol in [
            "A/HRC/RES/47/16",
            "E/CN.16/2024/2",
            "A/CONF.236/6",
            "A/1/2-E/3/4",
            "A/66/64–E/2011/77",
            "S/RES/1",
        ] {
            assert_eq!(organ_issuer(symbol), None, "{symbol}");
        }
        // A special or emergency special session's documents are the
        // Assembly's own, its number after "S-" or "ES-".
        for symbol in ["A/ES-10/L.22", "A/RES/ES-10/19", "A/S-27/19", "A/RES/S-27/2"] {
            assert_eq!(organ_issuer(symbol), ga, "{symbol}");
        }
        for symbol in ["A/ES-/L.1", "A/SES-1/2", "A/ES-X/1"] {
            assert_eq!(organ_issuer(symbol), None, "{symbol}");
        }
    }

    #[test]
    fn resolution_numbers_follow_res() {
        assert_eq!(resolution_number("A/RES/70/125").as_deref(), Some("70/125"));
        assert_eq!(resolution_number("E/RES/2006/46").as_deref(), Some("2006/46"));
        assert_eq!(resolution_number("A/63/72"), None);
    }

    #[test]
    fn only_plain_web_urls_are_cited() {
        assert!(is_plain_url("https://undocs.org/en/A/RES/70/125"));
        assert!(!is_plain_url("javascript:alert(1)"));
        assert!(!is_plain_url("https://x.org/ }\n@misc{evil"));
    }
}
