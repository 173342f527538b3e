//! RIS records, as the RIS specification writes them: `TY` first, `ER`
//! last, one `TAG  - value` per line, lines ending in CR LF. Documents are
//! reports (`RPRT`, with the symbol as `SN`, the report number in
//! Zotero), bodies web pages (`ELEC`), meetings conference records
//! (`CONF`, see [`MEETING_TYPE`]). An untitled item has no `TI`: its
//! designation is its `SN`, and a note (`N1`) says so.

use super::{DESIGNATION_NOTE, Reference};

pub(super) const END_OF_LINE: &str = "\r\n";

/// RIS has no type for a meeting itself. `CONF` ("conference
/// proceeding") is the one about a meeting: Zotero's RIS translator
/// imports it as a conference paper, which keeps the title and dates,
/// and EndNote as conference proceedings. `GEN` would come into Zotero as
/// a journal article and `ELEC` as a web page (the translator's
/// `importTypeMap`).
const MEETING_TYPE: &str = "CONF";

pub fn format(r: &Reference) -> String {
    let mut lines: Vec<(&str, String)> = Vec::new();
    let kind = match (r.is_report(), r.is_event) {
        (true, _) => "RPRT",
        (false, true) => MEETING_TYPE,
        (false, false) => "ELEC",
    };
    lines.push(("TY", kind.into()));
    lines.push(("ID", r.key.clone()));
    if let Some(issuer) = &r.issuer {
        lines.push(("AU", issuer.clone()));
    }
    if let Some(title) = &r.title {
        lines.push(("TI", title.clone()));
    }
    // A record has one date: a meeting gives its first day, and its
    // last is lost (RIS's `DA` has no range; its free fourth part is read
    // differently by each reader).
    if let Some(date) = r.date {
        lines.push(("PY", format!("{:04}", date.year)));
        // YYYY/MM/DD/other, with unknown parts left empty.
        let part = |p: Option<u8>| p.map(|n| format!("{n:02}")).unwrap_or_default();
        lines.push((
            "DA",
            format!("{:04}/{}/{}/", date.year, part(date.month), part(date.day)),
        ));
    }
    if let Some(publisher) = &r.publisher {
        lines.push(("PB", publisher.clone()));
    }
    if let Some(genre) = r.genre() {
        lines.push(("M3", genre));
    }
    // Zotero reads a report's SN as its number: the symbol, else the
    // designation of an untitled item.
    if let Some(number) = r.symbol.as_deref().or(r.designation_beyond_symbol()) {
        lines.push(("SN", number.to_string()));
    }
    // A paragraph's locator is a note: `SP` is a start page, which
    // reference managers import and print as a page.
    if let Some(locator) = r.locator_note() {
        lines.push(("N1", locator));
    }
    if let Some(container) = &r.part_of {
        lines.push(("N1", format!("In {container}")));
    }
    if let Some(designation) = &r.designation {
        lines.push(("N1", format!("{DESIGNATION_NOTE}: {designation}")));
    }
    if let Some(url) = &r.url {
        lines.push(("UR", url.clone()));
    }
    let mut out: String = lines
        .into_iter()
        .map(|(tag, value)| format!("{tag}  - {value}{END_OF_LINE}"))
        .collect();
    out.push_str("ER  - ");
    out.push_str(END_OF_LINE);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::meeting;

    /// The values of `tag` in `record`.
    fn values<'a>(record: &'a str, tag: &str) -> Vec<&'a str> {
        let prefix = format!("{tag}  - ");
        record.lines().filter_map(|line| line.strip_prefix(&prefix)).collect()
    }

    #[test]
    fn a_meeting_is_a_conference_record_of_its_first_day_with_no_author() {
        for (start, until, year, first_day) in [
            ("2013-06-03", Some("2013-06-07"), "2013", "2013/06/03/"),
            ("2008-04-28", Some("2008-05-02"), "2008", "2008/04/28/"),
            ("2008-12-29", Some("2009-01-02"), "2008", "2008/12/29/"),
            ("2024-09-22", None, "2024", "2024/09/22/"),
        ] {
            let record = format(&meeting(start, until));
            assert_eq!(values(&record, "TY"), ["CONF"], "{record}");
            assert_eq!(values(&record, "PY"), [year], "{record}");
            assert_eq!(values(&record, "DA"), [first_day], "{record}");
            assert!(values(&record, "AU").is_empty(), "{record}");
            assert!(values(&record, "PB").is_empty(), "{record}");
        }
    }
}
