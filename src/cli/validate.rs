//! `wsis validate FILE...`. The files were loaded with the rest of the data
//! (see [`super::load`]), so reaching here means every check passed; what
//! remains is to say how much was checked, and which of their items take
//! the place of another with the same id (allowed across files, so no
//! problem, but easily done by mistake). With `--json`, the result (and
//! on failure every problem, not only the first ones) goes to stdout.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::{Failure, Outcome, write_json};
use crate::data::load::parse_items;
use crate::data::{Dataset, Problem, SourceFile};
use crate::text::sanitized;

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    items: usize,
    files: usize,
    problems: &'a [Problem],
    replaced: &'a [Replacement<'a>],
}

/// An item of a file checked that takes the place of another with its id.
#[derive(Serialize)]
struct Replacement<'a> {
    id: &'a str,
    file: &'a str,
    /// The file of the item replaced; `None` for an embedded item.
    replaced_file: Option<&'a str>,
}

pub(super) fn run(data: &Dataset, files: &[PathBuf], json: bool, out: &mut impl Write) -> Outcome {
    let unique = distinct_files(files);
    let mut items = 0;
    for path in &unique {
        // Read again only to count; a file changed meanwhile is reported.
        let parsed = SourceFile::read(path).and_then(|file| parse_items(&file));
        items += parsed.map_err(|p| Failure::BadInput(p.to_string()))?.len();
    }
    let files = unique.len();
    let replaced = replacements(data, &unique);
    if json {
        let report = Report {
            ok: true,
            items,
            files,
            problems: &[],
            replaced: &replaced,
        };
        write_json(out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "ok: {items} item{} in {files} file{}",
        if items == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    )?;
    for replacement in &replaced {
        let what = match replacement.replaced_file {
            Some(file) => format!("the item of the same id in {}", sanitized(file)),
            None => "the embedded item of the same id".to_string(),
        };
        let (file, id) = (sanitized(replacement.file), sanitized(replacement.id));
        writeln!(out, "note: {file}: \"{id}\" replaces {what}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The items of the files checked (`checked`) that replaced another item,
/// in item order. A file is known by its canonical path: one checked as
/// `mine.ron` may have loaded first from the data directory, by its full
/// path.
fn replacements<'d>(data: &'d Dataset, checked: &[&PathBuf]) -> Vec<Replacement<'d>> {
    let checked: Vec<PathBuf> = checked.iter().map(|path| canonical(path)).collect();
    (0..data.len())
        .filter_map(|idx| {
            let origin = data.origin(idx);
            let replaced = origin.replaced?;
            checked
                .contains(&canonical(Path::new(origin.file)))
                .then(|| Replacement {
                    id: &data.item(idx).id,
                    file: origin.file,
                    replaced_file: (!replaced.embedded).then_some(replaced.file),
                })
        })
        .collect()
}

/// The files named, each once: `./x.ron` and `/abs/x.ron` are one file.
fn distinct_files(files: &[PathBuf]) -> Vec<&PathBuf> {
    let mut seen = Vec::new();
    let mut unique = Vec::new();
    for file in files {
        let canonical = canonical(file);
        if !seen.contains(&canonical) {
            seen.push(canonical);
            unique.push(file);
        }
    }
    unique
}

/// The path that names `file` whatever way it was given, else `file`.
fn canonical(file: &Path) -> PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf())
}

/// A failed load of `files` as JSON on stdout: every problem, status 2.
/// Nothing was loaded, so no item is counted or replaced.
pub(super) fn report_json(files: &[PathBuf], problems: &[Problem]) -> ExitCode {
    let report = Report {
        ok: false,
        items: 0,
        files: distinct_files(files).len(),
        problems,
        replaced: &[],
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    // A closed stdout leaves only the status to tell the outcome.
    let _ = write_json(&mut out, &report).and_then(|()| out.flush());
    ExitCode::from(2)
}
