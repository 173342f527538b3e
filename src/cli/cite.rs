//! `wsis cite NAME... --format text|bibtex|ris|csl-json`.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Outcome, find};
use crate::cite::{self, Style};
use crate::data::{Dataset, ItemIdx, Resolved};

/// The citation styles, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// The UN's form: issuer, document type and number, title, date, symbol, link.
    Text,
    Bibtex,
    Ris,
    /// CSL-JSON, the one JSON of citations (`json` names it too).
    #[value(alias = "json")]
    CslJson,
}

impl From<CiteFormat> for Style {
    fn from(format: CiteFormat) -> Style {
        match format {
            CiteFormat::Text => Style::Text,
            CiteFormat::Bibtex => Style::Bibtex,
            CiteFormat::Ris => Style::Ris,
            CiteFormat::CslJson => Style::CslJson,
        }
    }
}

/// Every name is resolved before anything is printed, so a typo never
/// leaves half a bibliography.
pub(super) fn run(data: &Dataset, words: &[String], format: CiteFormat, out: &mut impl Write) -> Outcome {
    let items = names(data, words)
        .iter()
        .map(|name| find(data, name))
        .collect::<Result<Vec<ItemIdx>, _>>()?;
    out.write_all(cite::format(data, &items, format.into()).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The names among the arguments: where words side by side name one item
/// together (`ECOSOC 2006/46`, `tunis agenda`, unquoted), they are one
/// name, the most words first; any other word is a name of its own. Read
/// word by word, `ECOSOC 2006/46` would cite the Council as well.
fn names(data: &Dataset, words: &[String]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let together = (at + 2..=words.len())
            .rev()
            .find(|&end| matches!(data.resolve(&words[at..end].join(" ")), Resolved::One(_)))
            .unwrap_or(at + 1);
        names.push(words[at..together].join(" "));
        at = together;
    }
    names
}
