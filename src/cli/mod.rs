//! The non-interactive command line: the clap definition, data loading and
//! the shared plumbing. Each command lives in its own file. Exit status: 0
//! success, 1 nothing matches, 2 bad input or bad data.

mod completions;
mod export;
mod list;
mod man;
mod new;
mod path;
mod search;
mod show;
mod validate;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data::load::{SHOWN_PROBLEMS, render_problems};
use crate::data::overlay::{load_order, user_data_dir_from_env, user_files};
use crate::data::{CATEGORIES, Dataset, ItemIdx, Problem, category::category_index};
use crate::search::{SearchIndex, cache};

pub use export::Format;

#[derive(Debug, Parser)]
#[command(
    name = "wsis",
    version,
    about = "Browse the documents of the World Summit on the Information Society (WSIS) and its follow-up.",
    long_about = "Browse the documents of the World Summit on the Information Society (WSIS) and its follow-up.\n\nWith no command, opens the terminal browser on the embedded dataset.\n\nUser data loads on top of the embedded data, in this order: the *.ron files of $XDG_CONFIG_HOME/wsis-browser/data (else ~/.config/wsis-browser/data), sorted by name, then each --data FILE in command-line order. A later item with an existing id replaces it."
)]
pub struct Cli {
    /// Add the items of a RON data file to the embedded ones (repeatable).
    #[arg(long = "data", value_name = "FILE", global = true)]
    pub data: Vec<PathBuf>,
    /// Skip the files of the user data directory (~/.config/wsis-browser/data).
    #[arg(long, global = true)]
    pub no_user_data: bool,
    /// Neither use nor store the search index cache (~/.cache/wsis-browser).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Do not capture the mouse in the browser.
    #[arg(long)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List items, one per line (id, symbol, date, title).
    List {
        /// Only this category (see `wsis list --help` for the ids).
        #[arg(long, short, value_name = "CATEGORY", help = category_help())]
        category: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over symbols, titles, bodies, tags and summaries.
    Search {
        /// The query; several words must all match.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many results.
        #[arg(long, short = 'n')]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Show one item and its related items, by id or symbol.
    Show {
        #[arg(value_name = "ID|SYMBOL")]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// How two items connect: the shortest path along links in either
    /// direction, each step labelled with its relation.
    Path {
        #[arg(value_name = "FROM")]
        from: String,
        #[arg(value_name = "TO")]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Check data files against the schema and the combined dataset.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the result, and every problem, as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Export items, or the link graph, to stdout.
    Export {
        #[arg(long, short, value_enum)]
        format: Format,
        #[arg(long, short, value_name = "CATEGORY", help = category_help())]
        category: Option<String>,
        /// Only the items linked to this one (by id or symbol), either way.
        #[arg(long, value_name = "ID|SYMBOL")]
        from: Option<String>,
        /// How many link steps from --from to follow.
        #[arg(long, value_name = "N", default_value_t = 1, requires = "from")]
        depth: usize,
    },
    /// Print a commented template item to start a data file from.
    New {
        #[arg(long, short, value_name = "CATEGORY", help = category_help())]
        category: String,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

fn category_help() -> String {
    format!(
        "Only this category: {}",
        CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
    )
}

/// Commands that need no data run before any is loaded, so a broken
/// overlay never stops shell completion or the manual.
pub fn run_without_data(command: &Command) -> Option<ExitCode> {
    without_data(command, &mut io::stdout().lock()).map(finish)
}

fn without_data(command: &Command, out: &mut impl Write) -> Option<Outcome> {
    Some(match command {
        Command::New { category } => new::run(category, out),
        Command::Completions { shell } => completions::run(*shell, out),
        Command::Man => man::run(out),
        _ => return None,
    })
}

/// Loads the embedded data and every overlay, in the documented order,
/// and checks it all; on any problem prints every one and gives status 2.
pub fn load(args: &Cli) -> Result<Dataset, ExitCode> {
    Dataset::with_overlays(&data_files(args)?).map_err(|problems| match &args.command {
        Some(Command::Validate { json: true, .. }) => validate::report_json(&problems),
        _ => report(&problems),
    })
}

/// The files to load on top of the embedded data, in load order.
fn data_files(args: &Cli) -> Result<Vec<PathBuf>, ExitCode> {
    let mut user = Vec::new();
    if !args.no_user_data
        && let Some(dir) = user_data_dir_from_env()
    {
        user = user_files(&dir).map_err(|problem| report(&[problem]))?;
    }
    let mut explicit = args.data.clone();
    if let Some(Command::Validate { files, .. }) = &args.command {
        explicit.extend(files.iter().cloned());
    }
    Ok(load_order(user, &explicit))
}

/// Where the search index of these inputs is cached, unless `--no-cache`.
fn index_cache(args: &Cli, files: &[PathBuf]) -> Option<(PathBuf, cache::Key)> {
    if args.no_cache {
        return None;
    }
    let dir = cache::cache_dir()?;
    Some((dir, cache::Key::new(files)?))
}

/// `wsis search` reads the cached index of unchanged inputs without parsing
/// the data; otherwise it loads and checks the data, builds the index and
/// stores it for next time. `None` for every other command.
pub fn run_search(args: &Cli) -> Option<ExitCode> {
    let Some(Command::Search { query, limit, json }) = &args.command else {
        return None;
    };
    let query = query.join(" ");
    let run = |index: &SearchIndex| finish(buffered(|out| search::run(index, &query, *limit, *json, out)));
    if query.trim().is_empty() {
        return Some(finish(Err(Failure::BadInput("empty query".into()))));
    }
    let files = match data_files(args) {
        Ok(files) => files,
        Err(code) => return Some(code),
    };
    // The key is taken before loading, so a file changed meanwhile is not
    // stored under its old key.
    let cache = index_cache(args, &files);
    if let Some(index) = cache.as_ref().and_then(|(dir, key)| cache::load(dir, key)) {
        return Some(run(&index));
    }
    let data = match Dataset::with_overlays(&files) {
        Ok(data) => data,
        Err(problems) => return Some(report(&problems)),
    };
    Some(run(&build_index(&data, cache.as_ref())))
}

/// Loads and checks the data as [`load`] does, with its search index from
/// the cache when the inputs have not changed, else built and stored.
pub fn load_with_index(args: &Cli) -> Result<(Dataset, SearchIndex), ExitCode> {
    let files = data_files(args)?;
    let cache = index_cache(args, &files);
    let data = Dataset::with_overlays(&files).map_err(|problems| report(&problems))?;
    // A file could change between taking the key and loading: the browser
    // indexes its items by position, so the index must list the same ids.
    let cached = cache.as_ref().and_then(|(dir, key)| cache::load(dir, key));
    let index = match cached.filter(|index| index.describes(&data)) {
        Some(index) => index,
        None => build_index(&data, cache.as_ref()),
    };
    Ok((data, index))
}

/// Builds the index of `data` and stores it in `cache`, if given.
fn build_index(data: &Dataset, cache: Option<&(PathBuf, cache::Key)>) -> SearchIndex {
    let Some((dir, key)) = cache else {
        return SearchIndex::new(data);
    };
    let index = SearchIndex::build(data, key.as_str());
    // A cache that cannot be written only costs time next run.
    let _ = cache::store(dir, key, &index);
    index
}

/// Prints the first problems (a file can have thousands) and the count.
fn report(problems: &[Problem]) -> ExitCode {
    eprint!("{}", render_problems(problems, SHOWN_PROBLEMS));
    ExitCode::from(2)
}

/// Runs `command` with a buffered stdout, flushed at the end: a list of
/// 100 000 lines is written in large blocks, not line by line.
fn buffered(command: impl FnOnce(&mut io::BufWriter<io::StdoutLock>) -> Outcome) -> Outcome {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let code = command(&mut out)?;
    out.flush()?;
    Ok(code)
}

/// Runs a command that needs the data.
pub fn run(command: &Command, data: &Dataset) -> ExitCode {
    finish(buffered(|out| run_with(command, data, out)))
}

fn run_with(command: &Command, data: &Dataset, out: &mut impl Write) -> Outcome {
    match command {
        Command::List { category, json } => list::run(data, category.as_deref(), *json, out),
        Command::Search { query, limit, json } => {
            search::run(&SearchIndex::new(data), &query.join(" "), *limit, *json, out)
        }
        Command::Show { id, json } => show::run(data, id, *json, out),
        Command::Path { from, to, json } => path::run(data, from, to, *json, out),
        Command::Validate { files, json } => validate::run(files, *json, out),
        Command::Export {
            format,
            category,
            from,
            depth,
        } => export::run(data, *format, category.as_deref(), from.as_deref(), *depth, out),
        Command::New { .. } | Command::Completions { .. } | Command::Man => {
            without_data(command, out).unwrap_or(Ok(ExitCode::SUCCESS))
        }
    }
}

/// The item named by an id or symbol, or "nothing matches" with a hint.
fn find(data: &Dataset, wanted: &str) -> Result<ItemIdx, Failure> {
    data.find(wanted).ok_or_else(|| {
        Failure::NothingMatches(format!(
            "no item with id or symbol \"{wanted}\"; try `wsis search {wanted}`"
        ))
    })
}

/// Reports a failure; output errors other than a closed pipe are reported.
fn finish(result: Outcome) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Failure::NothingMatches(message)) => {
            eprintln!("wsis: {message}");
            ExitCode::from(1)
        }
        Err(Failure::BadInput(message)) => {
            eprintln!("wsis: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("wsis: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

enum Failure {
    NothingMatches(String),
    BadInput(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

type Outcome = Result<ExitCode, Failure>;

/// A category id from the command line, as an index into [`CATEGORIES`].
fn category_arg(id: &str) -> Result<usize, Failure> {
    category_index(id).ok_or_else(|| {
        Failure::BadInput(format!(
            "unknown category \"{id}\"; valid: {}",
            CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
        ))
    })
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}
