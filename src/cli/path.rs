//! `wsis path X Y`: how two items connect, step by step.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{Failure, Outcome, find, write_json};
use crate::data::aliases::key;
use crate::data::{Dataset, Item};
use crate::graph::shortest_path;
use crate::text::sanitize;

#[derive(Serialize)]
struct PathEntry<'a> {
    from: &'a str,
    to: &'a str,
    steps: Vec<StepEntry<'a>>,
}

#[derive(Serialize)]
struct StepEntry<'a> {
    /// The relation's name, and how it reads in the direction walked.
    rel: &'static str,
    label: &'static str,
    /// False where the step walks a link of `to`'s backward: `to` holds
    /// `rel` to the item before ("PartOf", read "has part"); always true
    /// for a symmetric relation, which reads the same both ways.
    forward: bool,
    to: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
}

pub fn run(data: &Dataset, from: &str, to: &str, json: bool, out: &mut impl Write) -> Outcome {
    let (start, end) = (find(data, from)?, find(data, to)?);
    let steps = shortest_path(data, start, end)
        .ok_or_else(|| Failure::NothingMatches(format!("no path between \"{from}\" and \"{to}\"")))?;
    if json {
        let steps = steps
            .iter()
            .map(|step| {
                let item = data.item(step.to);
                StepEntry {
                    rel: step.rel.name(),
                    label: step.label,
                    forward: step.forward,
                    to: &item.id,
                    symbol: item.symbol.as_deref(),
                    title: &item.title,
                }
            })
            .collect();
        write_json(
            out,
            &PathEntry {
                from: &data.item(start).id,
                to: &data.item(end).id,
                steps,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = |idx| sanitize(&step_name(data.item(idx)));
    writeln!(out, "{}", name(start))?;
    for step in &steps {
        writeln!(out, "  ↳ {} {}", step.label, name(step.to))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How a step names its item: the name to type (symbol, else id), then
/// what it is. A short title that only repeats the id ("cstd  CSTD")
/// gives way to the full title, which says what the acronym stands for;
/// where that too repeats it, the title stays ("wsis-forum-2015  WSIS
/// Forum 2015": a bare id read as a missing title).
fn step_name(item: &Item) -> String {
    let (handle, label) = (item.handle(), item.label());
    let says_more = |title: &str| key(title) != key(handle);
    let title = if !says_more(label) && item.title_known() && says_more(&item.title) {
        item.title.as_str()
    } else {
        label
    };
    format!("{handle}  {title}")
}
