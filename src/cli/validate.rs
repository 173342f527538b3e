//! `wsis validate FILE...`. The files were loaded with the rest of the data
//! (see [`super::load`]), so reaching here means every check passed; what
//! remains is to say how much was checked. With `--json`, the result (and
//! on failure every problem, not only the first ones) goes to stdout.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{Failure, Outcome, write_json};
use crate::data::load::parse_items;
use crate::data::{Problem, SourceFile};

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    items: usize,
    files: usize,
    problems: &'a [Problem],
}

pub(super) fn run(files: &[PathBuf], json: bool, out: &mut impl Write) -> Outcome {
    let unique = distinct_files(files);
    let mut items = 0;
    for path in &unique {
        // Read again only to count; a file changed meanwhile is reported.
        let parsed = SourceFile::read(path).and_then(|file| parse_items(&file));
        items += parsed.map_err(|p| Failure::BadInput(p.to_string()))?.len();
    }
    let files = unique.len();
    if json {
        let report = Report {
            ok: true,
            items,
            files,
            problems: &[],
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
    Ok(ExitCode::SUCCESS)
}

/// The files named, each once: `./x.ron` and `/abs/x.ron` are one file.
fn distinct_files(files: &[PathBuf]) -> Vec<&PathBuf> {
    let mut seen = Vec::new();
    let mut unique = Vec::new();
    for file in files {
        let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        if !seen.contains(&canonical) {
            seen.push(canonical);
            unique.push(file);
        }
    }
    unique
}

/// A failed load as JSON on stdout: every problem, status 2.
pub(super) fn report_json(problems: &[Problem]) -> ExitCode {
    let report = Report {
        ok: false,
        items: 0,
        files: 0,
        problems,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    // A closed stdout leaves only the status to tell the outcome.
    let _ = write_json(&mut out, &report).and_then(|()| out.flush());
    ExitCode::from(2)
}
