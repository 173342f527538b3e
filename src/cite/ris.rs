//! RIS records, as the RIS specification writes them: `TY` first, `ER`
//! last, one `TAG  - value` per line, lines ending in CR LF. Documents are
//! reports (`RPRT`, with the symbol as `SN`, the report number in
//! Zotero), bodies and meetings web pages (`ELEC`: RIS has no type for a
//! meeting itself). An untitled item has no
//! `TI`: its designation is its `SN`, and a note (`N1`) says so.

use super::{DESIGNATION_NOTE, Reference};

const END_OF_LINE: &str = "\r\n";

pub fn format(r: &Reference) -> String {
    let mut lines: Vec<(&str, String)> = Vec::new();
    lines.push(("TY", if r.is_report() { "RPRT" } else { "ELEC" }.into()));
    lines.push(("ID", r.key.clone()));
    if let Some(issuer) = &r.issuer {
        lines.push(("AU", issuer.clone()));
    }
    if let Some(title) = &r.title {
        lines.push(("TI", title.clone()));
    }
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
