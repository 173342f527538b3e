//! `wsis completions SHELL`: generated from the same clap definition, with
//! the names of the loaded items (ids, symbols, aliases) offered wherever a
//! command takes an item, and the categories wherever it takes a category.
//! The names are those of the data at the time the script is generated;
//! run the command again after adding data files.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use super::{Cli, Outcome};
use crate::data::Dataset;

/// The arguments that take an item's name, by subcommand.
const NAME_ARGS: &[(&str, &[&str])] = &[
    ("show", &["id"]),
    ("path", &["from", "to"]),
    ("cite", &["ids"]),
    ("open", &["id"]),
    ("export", &["from"]),
];

pub(super) fn run(shell: clap_complete::Shell, data: &Dataset, out: &mut impl Write) -> Outcome {
    let names = item_names(data);
    let mut command = Cli::command();
    for (subcommand, args) in NAME_ARGS {
        command = command.mut_subcommand(subcommand, |mut sub| {
            for arg in *args {
                let values = PossibleValuesParser::new(names.iter().cloned());
                sub = sub.mut_arg(*arg, |a| a.value_parser(values));
            }
            sub
        });
    }
    // Generated in memory: clap_complete panics on a write error, and a full
    // disk or a closed pipe must end the command like any other.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "wsis", &mut script);
    if shell == clap_complete::Shell::Fish {
        script.extend(fish_positionals(&names).into_bytes());
    }
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// clap's fish script offers possible values for options only; the names
/// after `show`, `path`, `cite` and `open` are added here.
fn fish_positionals(names: &[String]) -> String {
    let words = names.join(" ");
    NAME_ARGS
        .iter()
        .filter(|(subcommand, _)| *subcommand != "export")
        .map(|(subcommand, _)| {
            format!("complete -c wsis -n \"__fish_wsis_using_subcommand {subcommand}\" -f -a \"{words}\"\n")
        })
        .collect()
}

/// Characters a shell inserts as they are: no quoting, globbing or word
/// breaks (bash breaks words at `:` and `=`).
fn is_plain(c: char) -> bool {
    c.is_alphanumeric() || "/._+-–".contains(c)
}

/// Every id, symbol and alias that is one word (a shell completes words),
/// in dataset order, without repeats.
fn item_names(data: &Dataset) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for item in data.items() {
        let all = std::iter::once(&item.id)
            .chain(item.symbol.as_ref())
            .chain(item.aliases.iter());
        for name in all {
            let usable = !name.is_empty() && name.chars().all(is_plain);
            if usable && !names.iter().any(|known| known == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}
