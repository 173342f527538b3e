//! `wsis cite NAME... --format text|bibtex|ris|csl-json`.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Outcome, find};
use crate::cite::{self, Style};
use crate::data::{Dataset, ItemIdx};

/// The citation styles, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// The UN's form: issuer, document type and number, title, date, symbol, link.
    Text,
    Bibtex,
    Ris,
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
pub(super) fn run(data: &Dataset, names: &[String], format: CiteFormat, out: &mut impl Write) -> Outcome {
    let items = names
        .iter()
        .map(|name| find(data, name))
        .collect::<Result<Vec<ItemIdx>, _>>()?;
    out.write_all(cite::format(data, &items, format.into()).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
