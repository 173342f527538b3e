//! BibTeX entries, readable by BibTeX, biblatex and reference managers:
//! documents as `@techreport` (Zotero imports them as reports, with the
//! symbol as report number), bodies and meetings as `@misc`. An untitled
//! item has no `title`: its designation is its `number`, and its `note`
//! says so.
//!
//! A meeting is a `@misc` with its own title and no author, dated from
//! its first day to its last as biblatex reads a range, in ISO 8601
//! (`date = {2013-06-03/2013-06-07}`, biblatex manual, "Date
//! Specifications"). biblatex's `eventtitle`, `eventdate` and `venue` are
//! not used: they name the event a publication came from (fields of
//! `@proceedings` and `@inproceedings`), and the standard styles do not
//! print them for a `@misc`.

use std::fmt::Write;

use super::{DESIGNATION_NOTE, Reference};

/// The brace after the entry type ("@techreport" then this then the key),
/// kept out of the format string, whose escaped braces would not pair up.
const ENTRY_OPEN: char = '{';

pub fn format(r: &Reference) -> String {
    let kind = if r.is_report() { "techreport" } else { "misc" };
    let mut out = format!("@{kind}{ENTRY_OPEN}{},\n", r.key);
    for (name, value) in fields(r) {
        match value {
            Value::Braced(text) => writeln!(out, "  {name} = {{{text}}},"),
            Value::Macro(name_of) => writeln!(out, "  {name} = {name_of},"),
        }
        .unwrap_or_default();
    }
    out.push_str("}\n");
    out
}

/// A field's value: text in braces, or a macro every style defines.
enum Value {
    Braced(String),
    Macro(&'static str),
}

/// The month macros of BibTeX's standard styles, which biblatex defines
/// too: `month = jul` reads as July in both, `{7}` only in biblatex.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The entry's fields, escaped, in the order they are written.
fn fields(r: &Reference) -> Vec<(&'static str, Value)> {
    let mut fields = braced_fields(r);
    if let Some(date) = r.date {
        let month = date.month.and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
        let year = [("year", Value::Braced(date.year.to_string()))];
        let month = month.map(|&m| ("month", Value::Macro(m)));
        fields.extend(year.into_iter().chain(month));
        let date = match r.until {
            Some(until) => format!("{}/{}", iso(date), iso(until)),
            None => iso(date),
        };
        fields.push(("date", Value::Braced(date)));
    }
    if let Some(url) = &r.url {
        fields.push(("url", Value::Braced(url.clone())));
    }
    fields
}

/// The fields before the date, all in braces.
fn braced_fields(r: &Reference) -> Vec<(&'static str, Value)> {
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    if let Some(issuer) = &r.issuer {
        // Double braces: a corporate author, not "Assembly, General".
        fields.push(("author", format!("{{{}}}", escape(issuer))));
    }
    if let Some(title) = &r.title {
        fields.push(("title", format!("{{{}}}", escape(title))));
    }
    if let Some(publisher) = &r.publisher {
        // `institution` belongs to a report; a `@misc` names its organiser.
        let name = if r.is_report() { "institution" } else { "organization" };
        fields.push((name, escape(publisher)));
    }
    if let Some(genre) = r.genre() {
        fields.push(("type", escape(&genre)));
    }
    // The designation goes where the symbol would, as the number.
    if let Some(number) = r.symbol.as_deref().or(r.designation_beyond_symbol()) {
        fields.push(("number", escape(number)));
    }
    if let Some(note) = note(r) {
        fields.push(("note", note));
    }
    fields
        .into_iter()
        .map(|(name, text)| (name, Value::Braced(text)))
        .collect()
}

/// What the entry says besides its fields: a paragraph's locator, the
/// document it is part of, and that an untitled item is cited by its
/// designation. The locator is a note, not `pages`: BibTeX's styles print
/// `pages` as pages ("p. 105"), and biblatex prints it as paragraphs only
/// with `bookpagination = {paragraph}`, which BibTeX does not know.
fn note(r: &Reference) -> Option<String> {
    let locator = r.locator_note();
    let container = r.part_of.as_ref().map(|c| format!("In {}", escape(c)));
    let designation = r
        .designation
        .as_ref()
        .map(|d| format!("{DESIGNATION_NOTE}: {}", escape(d)));
    let notes: Vec<String> = locator.into_iter().chain(container).chain(designation).collect();
    (!notes.is_empty()).then(|| notes.join(". "))
}

/// `2015-12-16`, `2015-12` or `2015`: biblatex's `date` at the known precision.
pub fn iso(date: crate::data::PartialDate) -> String {
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", date.year),
        (Some(m), None) => format!("{:04}-{m:02}", date.year),
        _ => format!("{:04}", date.year),
    }
}

/// Characters that (La)TeX would read as commands or that would unbalance
/// the braces of a field.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cite::meeting;

    /// The value of `name` in `entry`, as written between its braces.
    fn field<'a>(entry: &'a str, name: &str) -> Option<&'a str> {
        let line = entry
            .lines()
            .find(|line| line.trim_start().starts_with(&format!("{name} = ")))?;
        line.split_once(" = ")?.1.strip_suffix(',')
    }

    #[test]
    fn a_meeting_is_dated_by_an_iso_range_with_no_author() {
        let cited = |start, until| format(&meeting(start, until));
        let within_a_month = cited("2013-06-03", Some("2013-06-07"));
        assert!(within_a_month.starts_with("@misc{session,\n"), "{within_a_month}");
        assert_eq!(field(&within_a_month, "date"), Some("{2013-06-03/2013-06-07}"));
        assert_eq!(field(&within_a_month, "year"), Some("{2013}"));
        assert_eq!(field(&within_a_month, "month"), Some("jun"));
        assert_eq!(field(&within_a_month, "author"), None);
        let across_months = cited("2008-04-28", Some("2008-05-02"));
        assert_eq!(field(&across_months, "date"), Some("{2008-04-28/2008-05-02}"));
        let across_years = cited("2008-12-29", Some("2009-01-02"));
        assert_eq!(field(&across_years, "date"), Some("{2008-12-29/2009-01-02}"));
        assert_eq!(field(&across_years, "year"), Some("{2008}"));
        assert_eq!(field(&cited("2024-09-22", None), "date"), Some("{2024-09-22}"));
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape("a{b}&c%d\\e_f#g$h~i^"),
            "a\\{b\\}\\&c\\%d\\textbackslash{}e\\_f\\#g\\$h\\textasciitilde{}i\\textasciicircum{}"
        );
    }
}
