//! `wsis validate FILE...`. The files were loaded with the rest of the data
//! (see [`super::load`]), so reaching here means every check passed; what
//! remains is to say how much was checked.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Failure, Outcome};
use crate::data::SourceFile;
use crate::data::load::parse_items;

pub(super) fn run(files: &[PathBuf], out: &mut impl Write) -> Outcome {
    let mut unique: Vec<&PathBuf> = Vec::new();
    for file in files {
        if !unique.contains(&file) {
            unique.push(file);
        }
    }
    let mut items = 0;
    for path in &unique {
        // Read again only to count; a file changed meanwhile is reported.
        let parsed = SourceFile::read(path).and_then(|file| parse_items(&file));
        items += parsed.map_err(|p| Failure::BadInput(p.to_string()))?.len();
    }
    let files = unique.len();
    writeln!(
        out,
        "ok: {items} item{} in {files} file{}",
        if items == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    )?;
    Ok(ExitCode::SUCCESS)
}
