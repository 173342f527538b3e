//! `wsis cite NAME... [--bookmarks] --format text|bibtex|ris|csl-json`.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;

use super::bookmarked::{NONE_BOOKMARKED, bookmarked};
use super::{Failure, Outcome, find, to_stderr};
use crate::cite::{self, Style};
use crate::data::{Dataset, ItemIdx, Resolved};
use crate::text::sanitize;

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
pub(super) fn run(
    data: &Dataset,
    words: &[String],
    bookmarks: bool,
    format: CiteFormat,
    out: &mut impl Write,
) -> Outcome {
    let mut items = names(data, words)
        .iter()
        .map(|name| find(data, name))
        .collect::<Result<Vec<ItemIdx>, _>>()?;
    if bookmarks {
        items.extend(bookmarked(data)?);
    }
    // An item named twice (by its symbol and its id, or named and
    // bookmarked) is cited once, where first named.
    let mut cited = HashSet::new();
    items.retain(|&idx| cited.insert(idx));
    if items.is_empty() {
        return Err(Failure::NothingMatches(format!("nothing to cite: {NONE_BOOKMARKED}")));
    }
    // Its citation is its document's, word for word: say why.
    for &idx in items.iter().filter(|&&idx| data.item(idx).title_is_ours) {
        to_stderr(format_args!(
            "wsis: {} is cited as the document it is part of (its title is ours, not the document's)\n",
            sanitize(&data.item(idx).id)
        ));
    }
    out.write_all(cite::format(data, &items, format.into()).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The names among the arguments: where words side by side name one item
/// together (`ECOSOC 2006/46`, `tunis agenda`, unquoted), they are one
/// name, the most words first (at most [`MAX_WORDS_JOINED`]); any other
/// word is a name of its own, and so is an argument holding a space (a
/// name quoted whole) and an item's id after the first word. Read word
/// by word, `ECOSOC 2006/46` would cite the Council as well. Each joining
/// is said on stderr, with the way out.
fn names(data: &Dataset, words: &[String]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let longest = (at + MAX_WORDS_JOINED).min(words.len());
        let together = (at + 2..=longest)
            .rev()
            .find(|&end| {
                let window = &words[at..end];
                let quoted = window.iter().any(|word| word.contains(' '));
                // An id after the first word is a name of its own: the way
                // to cite `ecosoc ecosoc-2006-46` apart.
                let id_after = window[1..]
                    .iter()
                    .any(|word| data.by_id(word).is_some_and(|idx| data.item(idx).id == **word));
                !quoted && !id_after && matches!(data.resolve(&window.join(" ")), Resolved::One(_))
            })
            .unwrap_or(at + 1);
        let name = words[at..together].join(" ");
        if together > at + 1 {
            to_stderr(format_args!(
                "wsis: read \"{}\" as one name (name items by their ids to cite them apart)\n",
                sanitize(&name)
            ));
        }
        names.push(name);
        at = together;
    }
    names
}

/// The most words read as one name: "General Assembly resolution 70/125"
/// has four; more would only slow a long list of ids.
const MAX_WORDS_JOINED: usize = 4;
