//! The non-interactive command line: the clap definition, data loading and
//! the shared plumbing. Each command lives in its own file. Exit status: 0
//! success (also when the reader of the output goes away early), 1 nothing
//! matches, a name is ambiguous or the work failed (no browser opened), 2
//! bad input (a name that names no item) or bad data.

mod bookmarked;
mod cite;
mod cold_search;
mod completions;
mod export;
mod list;
mod man;
mod new;
mod open;
mod output;
mod path;
mod progress_bar;
mod search;
mod show;
mod stored_check;
mod table;
mod validate;
mod wrap;

pub use stored_check::{StoredCheck, check_stored};

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data::candidates::{candidates, symbol_slips};
use crate::data::category::category_named;
use crate::data::load::{SHOWN_PROBLEMS, render_problems};
use crate::data::overlay::{load_order, user_data_dir_from_env, user_files};
use crate::data::partial::{Skipped, load_what_loads, load_what_loads_counted};
use crate::data::preview::Preview;
use crate::data::progress::{Progress, Stage};
use crate::data::stored_items::SnapshotBytes;
use crate::data::trace;
use crate::data::{CATEGORIES, Dataset, ItemIdx, Problem, Resolved};
use crate::dataset_cache;
use crate::search::{SearchIndex, cache};
use crate::suggest::closest;

pub use cite::CiteFormat;
pub use export::Format;
pub use output::{ListFormat, to_stderr};
pub use show::ShowFormat;

#[derive(Debug, Parser)]
#[command(
    name = "wsis",
    // Usage lines name the program as the README does, whatever the
    // file it was started from is called.
    bin_name = "wsis",
    version,
    about = "Browse the documents of the World Summit on the Information Society (WSIS) and its follow-up.",
    long_about = "Browse the documents of the World Summit on the Information Society (WSIS) and its follow-up.\n\nWith no command, opens the terminal browser on the embedded dataset.\n\nUser data loads on top of the embedded data, in this order: the *.ron files of $XDG_CONFIG_HOME/wsis-browser/data (else ~/.config/wsis-browser/data), sorted by name, then each --data FILE in command-line order. A later item with an existing id replaces it.\n\nWherever an item is named (show, path, cite, open, export --from), its id, its symbol in any case or spacing, a resolution number (70/125, \"ECOSOC 2006/46\"), an Action Line code (C3, \"C7 e-health\") or an acronym (ITU) will do."
)]
pub struct Cli {
    /// Add the items of a RON data file to the embedded ones (repeatable).
    #[arg(long = "data", value_name = "FILE", global = true)]
    pub data: Vec<PathBuf>,
    /// Skip the files of the user data directory (~/.config/wsis-browser/data).
    #[arg(long, global = true)]
    pub no_user_data: bool,
    /// Neither use nor store the cached index and parsed data (~/.cache/wsis-browser).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Do not capture the mouse in the browser.
    #[arg(long)]
    pub no_mouse: bool,
    /// Open the browser on this item (any name, as for `show`); a name of
    /// no item opens the `:` prompt holding it, to pick from what it offers
    /// (a symbol one slip away is named on the status line, never opened).
    #[arg(long, value_name = "NAME")]
    pub at: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List items: an aligned table on a terminal, tab-separated lines
    /// (id, symbol, date, title) in a pipe.
    List {
        #[arg(long, short, value_name = "CATEGORY", help = category_help(), value_parser = category_parser(), ignore_case = true, hide_possible_values = true)]
        category: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Fuzzy search over symbols, titles, bodies, tags and summaries.
    Search {
        /// The query; several words must all match.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// At most this many results: 1 or more, or all. Left out, a table
        /// on a terminal shows the best that fit on screen; a pipe gets all.
        // Taken as text and checked by `parse_limit`, so a refusal says
        // "wsis: -n …" as the command's other errors do, not clap's
        // "error: invalid value … for '--limit <N>'".
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true)]
        limit: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Show one item and its related items.
    Show {
        /// The item: its id, symbol ("A/RES/70/125", "70/125"), code ("C7"),
        /// acronym ("ITU") or whole title; several words are one name
        /// ("resolution 2006/46"), quoted or not.
        #[arg(required = true, value_name = "NAME")]
        id: Vec<String>,
        /// Print JSON: every field, and the links both ways.
        #[arg(long)]
        json: bool,
        /// text (the default) or json (the same as --json).
        #[arg(
            long,
            short,
            value_enum,
            ignore_case = true,
            value_name = "FORMAT",
            conflicts_with = "json"
        )]
        format: Option<ShowFormat>,
    },
    /// How two items connect: the shortest path along links in either
    /// direction, each step labelled with its relation.
    Path {
        /// Where the path starts: any name of an item, as for `show`.
        #[arg(value_name = "FROM")]
        from: String,
        /// Where it ends: any name of an item.
        #[arg(value_name = "TO")]
        to: String,
        /// Print JSON: the ends and each step.
        #[arg(long)]
        json: bool,
    },
    /// Cite items: the UN's plain-text form, or BibTeX, RIS or CSL-JSON to
    /// import into a reference manager.
    Cite {
        /// One or more items, each by any name, as for `show`; words side
        /// by side that name one item together are one name (ECOSOC 2006/46).
        #[arg(required_unless_present = "bookmarks", value_name = "NAME")]
        ids: Vec<String>,
        /// The items bookmarked in the browser (`m`) too, after those named.
        #[arg(long)]
        bookmarks: bool,
        /// text (the UN's form), bibtex, ris or csl-json.
        #[arg(long, short, value_enum, ignore_case = true, value_name = "FORMAT", default_value_t = CiteFormat::Text)]
        format: CiteFormat,
    },
    /// Open an item's official page in the web browser (http and https
    /// only): the one $BROWSER names if set (see the manual), else the
    /// system's.
    Open {
        /// The item: its id, symbol ("A/RES/70/125", "70/125"), code ("C7"),
        /// acronym ("ITU") or whole title; several words are one name.
        #[arg(required = true, value_name = "NAME")]
        id: Vec<String>,
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
    // `--format` is required, but checked by `without_data` (before any
    // data is loaded) so that leaving it out lists the formats.
    #[command(override_usage = "wsis export --format <FORMAT> [OPTIONS]")]
    Export {
        /// json, ron, markdown, csv, dot or mermaid (required).
        #[arg(long, short, value_enum, ignore_case = true, value_name = "FORMAT")]
        format: Option<Format>,
        #[arg(long, short, value_name = "CATEGORY", help = category_help(), value_parser = category_parser(), ignore_case = true, hide_possible_values = true)]
        category: Option<String>,
        /// Only this item and the items linked to it, either way; given
        /// again, those of each (`--from 2006/46 --from 80/173`).
        #[arg(long, visible_alias = "id", value_name = "NAME")]
        from: Vec<String>,
        /// How many link steps from --from to follow (0: the named items
        /// alone; 1 by default).
        // Text checked by `parse_depth`, as -n is by `parse_limit`.
        #[arg(long, value_name = "N", requires = "from", allow_negative_numbers = true)]
        depth: Option<String>,
        /// Only the items bookmarked in the browser (`m`), with those of --from.
        #[arg(long)]
        bookmarks: bool,
    },
    /// Print a commented template item to start a data file from.
    New {
        #[arg(long, short, value_name = "CATEGORY", help = new_category_help(), value_parser = category_parser(), ignore_case = true, hide_possible_values = true)]
        category: String,
    },
    /// Print a shell completion script, with the names of the items loaded.
    Completions {
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `wsis man | man -l -`.
    Man,
}

/// How `list` and `search` print.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// table (the default on a terminal), tsv (the default in a pipe), json.
    #[arg(long, value_enum, ignore_case = true, value_name = "FORMAT")]
    pub format: Option<ListFormat>,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

impl OutputArgs {
    fn chosen(&self) -> ListFormat {
        if self.json {
            return ListFormat::Json;
        }
        self.format.unwrap_or_else(output::default_format)
    }
}

fn category_help() -> String {
    format!(
        "Only this category: {} (any case; the name too, or GA, ECOSOC, general-assembly...)",
        CATEGORIES
            .iter()
            .map(|c| format!("{} ({})", c.id, c.name))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn new_category_help() -> String {
    category_help().replace("Only this category", "The new item's category")
}

/// The category ids, with abbreviations, aliases and the names the
/// browser shows ("Digital Compact") accepted in any case (and offered by
/// shell completion, aliases hidden).
fn category_parser() -> PossibleValuesParser {
    PossibleValuesParser::new(CATEGORIES.iter().map(|c| {
        let mut aliases = vec![c.abbrev, c.name];
        aliases.extend(c.aliases());
        // The name is what zsh and fish show beside the id.
        PossibleValue::new(c.id).help(c.name).aliases(aliases)
    }))
}

/// What `-n` takes, said whenever it is refused.
const LIMIT_EXPECTED: &str = "give a whole number of 1 or more, or all (without -n a table on a terminal shows a screenful, other output every match)";

/// How many hits `-n` asks for, or the default for `format`; a refusal
/// names what was typed.
fn parse_limit(given: Option<&str>, format: ListFormat) -> Result<search::Limit, Failure> {
    let Some(text) = given else {
        return Ok(default_limit(format));
    };
    if text.trim().eq_ignore_ascii_case("all") {
        return Ok(search::Limit::Every);
    }
    match text.trim().parse::<usize>() {
        Ok(0) => Err(format!("-n 0 would list nothing: {LIMIT_EXPECTED}")),
        Ok(n) => Ok(search::Limit::AtMost(n)),
        Err(_) => Err(format!("-n \"{text}\" is not a number of results: {LIMIT_EXPECTED}")),
    }
    .map_err(Failure::BadInput)
}

/// How many link steps `export --from` follows when --depth is left out.
const DEFAULT_DEPTH: usize = 1;

/// `export --depth`: a whole number of link steps, 0 or more.
fn parse_depth(given: Option<&str>) -> Result<usize, Failure> {
    let Some(text) = given else {
        return Ok(DEFAULT_DEPTH);
    };
    text.trim().parse::<usize>().map_err(|_| {
        Failure::BadInput(format!(
            "--depth \"{text}\" is not a number of link steps: give 0 (the items named by --from alone) or more; {DEFAULT_DEPTH} if left out"
        ))
    })
}

/// Every hit, but a screenful for a table on a terminal.
fn default_limit(format: ListFormat) -> search::Limit {
    match output::terminal_rows() {
        Some(rows) if format == ListFormat::Table => search::Limit::Screenful(output::hits_that_fit(rows)),
        _ => search::Limit::Every,
    }
}

/// Commands that need no data run before any is loaded, so a broken
/// overlay never stops the manual or a template.
pub fn run_without_data(command: &Command) -> Option<ExitCode> {
    without_data(command, &mut io::stdout().lock()).map(finish)
}

fn without_data(command: &Command, out: &mut impl Write) -> Option<Outcome> {
    Some(match command {
        Command::New { category } => new::run(category, out),
        Command::Man => man::run(out),
        Command::Export { format: None, .. } => Err(Failure::BadInput(export::FORMAT_MISSING.into())),
        _ => return None,
    })
}

/// Loads the embedded data and every overlay, in the documented order,
/// and checks it all; on any problem prints every one and gives status 2.
/// Unchanged inputs open from the dataset cache without parsing.
pub fn load(args: &Cli) -> Result<Dataset, ExitCode> {
    trace::mark("start");
    let files = data_files(args)?;
    // `validate` is about the files themselves: it always parses them.
    let validating = matches!(args.command, Some(Command::Validate { .. }));
    let cache = index_cache(args, &files).filter(|_| !validating);
    // Problems are reported once the progress line is gone.
    let loaded = progress_bar::while_loading(|progress| {
        progress.set_stage(Stage::OpeningCache);
        if let Some(data) = cache.as_ref().and_then(|(dir, key)| dataset_cache::load(dir, key)) {
            return Ok(data);
        }
        let data = Dataset::with_overlays_counted(&files, progress)?;
        store_dataset(&data, cache.as_ref());
        Ok(data)
    });
    loaded.map_err(|problems: Vec<Problem>| match &args.command {
        Some(Command::Validate { json: true, files }) => validate::report_json(files, &problems),
        command => report(&problems, &files, command.as_ref()),
    })
}

/// Keeps a fully loaded dataset for the next run; a cache that cannot be
/// written only costs time then.
fn store_dataset(data: &Dataset, cache: Option<&(PathBuf, cache::Key)>) {
    if let Some((dir, key)) = cache {
        // A cache that cannot be written only costs time next run.
        if dataset_cache::store(dir, key, data).is_ok() {
            trace::mark("dataset stored");
        }
    }
}

/// The files to load on top of the embedded data, in load order.
fn data_files(args: &Cli) -> Result<Vec<PathBuf>, ExitCode> {
    let mut user = Vec::new();
    if !args.no_user_data
        && let Some(dir) = user_data_dir_from_env()
    {
        user = user_files(&dir).map_err(|problem| report(&[problem], &[], args.command.as_ref()))?;
    }
    let mut explicit = args.data.clone();
    if let Some(Command::Validate { files, .. }) = &args.command {
        explicit.extend(files.iter().cloned());
    }
    Ok(load_order(user, &explicit))
}

/// Where the search index of these inputs is cached, unless `--no-cache`.
fn index_cache(args: &Cli, files: &[PathBuf]) -> Option<(PathBuf, cache::Key)> {
    cache_unless(args.no_cache, files)
}

fn cache_unless(no_cache: bool, files: &[PathBuf]) -> Option<(PathBuf, cache::Key)> {
    if no_cache {
        return None;
    }
    let dir = cache::cache_dir()?;
    Some((dir, cache::Key::new(files)?))
}

/// The output buffer of `wsis search` from a stored index.
const SEARCH_OUTPUT_BLOCK: usize = 64 * 1024;

/// `wsis search` reads the cached index of unchanged inputs without parsing
/// the data; otherwise it loads and checks the data, builds the index and
/// stores it for next time. `None` for every other command.
pub fn run_search(args: &Cli) -> Option<ExitCode> {
    let Some(Command::Search { query, limit, output }) = &args.command else {
        return None;
    };
    let format = output.chosen();
    let limit = match parse_limit(limit.as_deref(), format) {
        Ok(limit) => limit,
        Err(failure) => return Some(finish(Err(failure))),
    };
    let query = query.join(" ");
    if query.trim().is_empty() {
        return Some(finish(Err(Failure::BadInput("empty query".into()))));
    }
    trace::mark("start");
    let files = match data_files(args) {
        Ok(files) => files,
        Err(code) => return Some(code),
    };
    // The key is taken before loading, so a file changed meanwhile is not
    // stored under its old key.
    let cache = index_cache(args, &files);
    if let Some(code) = cache
        .as_ref()
        .and_then(|cache| search_stored(cache, &query, limit, format))
    {
        return Some(code);
    }
    let loaded = progress_bar::while_loading(|progress| {
        let data = Dataset::with_overlays_counted(&files, progress)?;
        progress.set_stage(Stage::Indexing);
        // The query's words only: the full index is built after answering.
        let mut index = SearchIndex::for_query(&data, &query);
        let nearest = search::nearest_query(&index, &query, limit, format);
        if let Some((_, fewer)) = &nearest {
            // Its hits' texts, which the query's index left out.
            index = SearchIndex::for_query(&data, &fewer.kept);
        }
        trace::mark("query's index built");
        Ok((data, index, nearest))
    });
    match loaded {
        Ok::<_, Vec<Problem>>((data, index, nearest)) => {
            // A stale search goes on to build the full index, only if it
            // may be stored (inputs settled): its hits are freed first.
            let storing = cache.as_ref().filter(|(_, key)| key.is_storable());
            let after = if storing.is_some() {
                search::AfterPrinting::GoOn
            } else {
                search::AfterPrinting::Exit
            };
            let printed = buffered(|out| search::run(&index, &query, limit, format, nearest, out, after));
            drop(index);
            let code = cold_search::finish_then_store(printed, &data, storing);
            // Freed at exit, as main.rs does with a large dataset: freeing
            // 100 000 items string by string took a tenth of a cold search.
            std::mem::forget(data);
            Some(code)
        }
        Err(problems) => Some(report(&problems, &files, args.command.as_ref())),
    }
}

/// `wsis search` on the cached index of unchanged inputs, without parsing
/// the data (a table's dates too come from the index).
/// `None` when nothing sound is stored: the caller loads the data.
fn search_stored(
    (dir, key): &(PathBuf, cache::Key),
    query: &str,
    limit: search::Limit,
    format: ListFormat,
) -> Option<ExitCode> {
    let index = cache::load(dir, key)?;
    // A cached index is read as the search goes; if its file changed
    // meanwhile, nothing is printed and the data searched instead.
    // Large blocks: 20 000 lines in 50 writes.
    let mut stdout = io::BufWriter::with_capacity(SEARCH_OUTPUT_BLOCK, io::stdout().lock());
    let sound = || !index.is_damaged();
    let outcome = search::run_stored(&index, query, limit, format, &mut stdout, sound)?;
    // Freeing what a large search read costs more than it is worth as the
    // process ends (as with a large dataset, in main.rs).
    std::mem::forget(index);
    Some(finish(outcome.and_then(|code| {
        stdout.flush()?;
        Ok(code)
    })))
}

/// `wsis list`, and `wsis show`, `cite` and `open` by any name, from the
/// parts of the dataset cache they need, without loading the dataset (see
/// [`dataset_cache::with_list_rows`], [`dataset_cache::items_named`]).
/// `None` for every other command, and when nothing sound is stored or a
/// name names no item or several: the caller then loads the data as for
/// any command, which prints the same and says what is wrong with a name.
pub fn run_warm(args: &Cli) -> Option<ExitCode> {
    if !matches!(
        args.command,
        Some(Command::List { .. } | Command::Show { .. } | Command::Cite { .. } | Command::Open { .. })
    ) {
        return None;
    }
    trace::mark("start");
    let files = match data_files(args) {
        Ok(files) => files,
        Err(code) => return Some(code),
    };
    let (dir, key) = index_cache(args, &files)?;
    // Each command runs on the items its names found, named by their ids:
    // only `show` prints the items linking to its own.
    let named = |names: &[String], backlinks: bool| dataset_cache::items_named(&dir, &key, names, backlinks);
    let code = match args.command.as_ref()? {
        Command::List { category, output } => {
            let format = output.chosen();
            dataset_cache::with_list_rows(&dir, &key, |rows| {
                trace::mark("list rows read");
                finish(buffered(|out| list::run_stored(rows, category.as_deref(), format, out)))
            })?
        }
        Command::Show { id, json, format } => {
            let (one, ids) = named(&[one_name(id)], true)?;
            trace::mark("one item read");
            finish(buffered(|out| {
                show::run(&one, &ids[..1], ShowFormat::chosen(*json, *format), out)
            }))
        }
        // Several words may be one name together (`ECOSOC 2006/46`), which
        // only the whole dataset's names tell: `cite::run` reads them there.
        Command::Cite { ids, bookmarks, .. } if ids.len() > 1 || *bookmarks => return None,
        Command::Cite { ids, format, .. } => {
            let (items, ids) = named(ids, false)?;
            trace::mark("named items read");
            finish(buffered(|out| cite::run(&items, &ids, false, *format, out)))
        }
        Command::Open { id } => {
            let (item, ids) = named(&[one_name(id)], false)?;
            trace::mark("named items read");
            finish(buffered(|out| open::run(&item, &ids[..1], out)))
        }
        _ => return None,
    };
    trace::mark("command done");
    Some(code)
}

/// What the browser loads: the data files in load order, and whether the
/// cache may be used. Found before the terminal is taken over, so a
/// problem with the user's data directory prints on a normal screen.
#[derive(Debug, Clone)]
pub struct BrowserInputs {
    files: Vec<PathBuf>,
    /// The cache directory and key, taken once: the preview and the load
    /// thread must read the entry of the same inputs.
    cache: Option<(PathBuf, cache::Key)>,
}

pub fn browser_inputs(args: &Cli) -> Result<BrowserInputs, ExitCode> {
    let files = data_files(args)?;
    let cache = cache_unless(args.no_cache, &files);
    Ok(BrowserInputs { files, cache })
}

/// The stored preview of the browser's first frame for these inputs, if
/// the cache holds a sound one (read in a few milliseconds at any size).
pub fn browser_preview(inputs: &BrowserInputs) -> Option<Preview> {
    let (dir, key) = inputs.cache.as_ref()?;
    dataset_cache::load_preview(dir, key)
}

/// What the browser opens with: every file that loads, its search index
/// (from the cache when the inputs have not changed, else built and
/// stored), and the files skipped for their problems. Counts its work in
/// `progress`, for the loading screen.
pub fn load_for_browser(inputs: &BrowserInputs, progress: &Progress) -> (Dataset, SearchIndex, Vec<Skipped>) {
    load_for_browser_from(inputs, progress, true)
}

/// [`load_for_browser`] from the data files, the stored dataset not used
/// (it did not check: see [`stored_bytes_are_sound`]) and stored again.
pub fn reload_for_browser(inputs: &BrowserInputs, progress: &Progress) -> (Dataset, SearchIndex, Vec<Skipped>) {
    load_for_browser_from(inputs, progress, false)
}

/// Whether `index` lists `data`'s items, by id, in order: asked after the
/// browser has opened on a dataset read in place with a stored index (see
/// [`load_for_browser`]), which is loaded again if not.
pub fn index_matches(index: &SearchIndex, data: &Dataset) -> bool {
    index.describes(data)
}

/// Whether `bytes`, the snapshot a dataset for `inputs` was opened from in
/// place ([`Dataset::snapshot_bytes`]), checks whole (see
/// [`crate::data::snapshot::verify`]); the browser asks once it is up.
pub fn stored_bytes_are_sound(bytes: &SnapshotBytes, inputs: &BrowserInputs) -> bool {
    inputs
        .cache
        .as_ref()
        .is_none_or(|(_, key)| crate::data::snapshot::verify(&**bytes, key.as_str()))
}

fn load_for_browser_from(
    inputs: &BrowserInputs,
    progress: &Progress,
    use_stored: bool,
) -> (Dataset, SearchIndex, Vec<Skipped>) {
    let files = &inputs.files;
    let cache = inputs.cache.clone();
    progress.set_stage(Stage::OpeningCache);
    // The stored index is read on a second thread while the data opens
    // (in place: its items are decoded when the browser asks for them).
    let (stored_data, stored_index) = std::thread::scope(|scope| {
        let index = scope.spawn(|| {
            let index = cache.as_ref().and_then(|(dir, key)| cache::load(dir, key));
            trace::mark("search index read");
            index
        });
        let data = cache
            .as_ref()
            .filter(|_| use_stored)
            .and_then(|(dir, key)| dataset_cache::open(dir, key));
        let data = data.inspect(|_| trace::mark("dataset opened in place"));
        (data, index.join().ok().flatten())
    });
    trace::mark("search index opened");
    // A stored index beside a dataset opened in place is matched with it
    // later, in the background (`index_matches`): it takes a walk of
    // every id.
    let in_place = stored_data.as_ref().is_some_and(|data| data.snapshot_bytes().is_some());
    // A stored dataset is always a load without problems: nothing skipped.
    let (data, skipped) = match stored_data {
        Some(data) => (data, Vec::new()),
        None => {
            let (data, skipped) = load_what_loads_counted(files, progress);
            if skipped.is_empty() {
                store_dataset(&data, cache.as_ref());
            }
            (data, skipped)
        }
    };
    // Only the full set of inputs has a cache key; with a file skipped the
    // index is built afresh and not stored.
    let cache = if skipped.is_empty() { cache } else { None };
    // A file could change between taking the key and loading: the browser
    // indexes its items by position, so the index must list the same ids.
    let cached = stored_index.filter(|_| cache.is_some());
    progress.set_stage(Stage::Indexing);
    let index = match cached.filter(|index| in_place || index.describes(&data)) {
        Some(index) => index,
        None => build_index(&data, cache.as_ref()),
    };
    trace::mark("search index matched");
    progress.set_stage(Stage::Done);
    (data, index, skipped)
}

/// Builds the index of `data` and, with a `cache`, stores it there and
/// opens it from its file.
fn build_index(data: &Dataset, cache: Option<&(PathBuf, cache::Key)>) -> SearchIndex {
    let Some((dir, key)) = cache else {
        return SearchIndex::new(data);
    };
    // Written to its file as it is joined, then opened from there as the
    // next start will open it: a large index is never whole in memory
    // (at 100 000 items the browser's cold start peaked at 480–520 MB).
    // The file is checked to list `data`'s items, as a stored index is:
    // another run may have stored one under the same key meanwhile.
    if cache::build_and_store(dir, key, data).is_ok()
        && let Some(index) = cache::load(dir, key).filter(|index| index.describes(data))
    {
        return index;
    }
    // Not stored (an unsettled key, a cache that cannot be written): built
    // in memory, at the cost of a second build if storing failed late.
    SearchIndex::build(data, key.as_str())
}

/// Prints the first problems (a file can have thousands), the count, and
/// how to get going again; status 2, so scripts never run on half the data.
fn report(problems: &[Problem], loaded: &[PathBuf], command: Option<&Command>) -> ExitCode {
    to_stderr(format_args!("{}", render_problems(problems, SHOWN_PROBLEMS)));
    // `--no-user-data` skips only the user's data folder: offered only when
    // a file there may be at fault, never for a file given with --data.
    let in_user_data = user_data_dir_from_env().is_some_and(|dir| {
        let in_dir = |file: &str| Path::new(file).starts_with(&dir);
        // A clash with embedded data (a duplicate symbol, say) is reported
        // at the embedded item, though a file of the user's caused it.
        let embedded = |file: &str| CATEGORIES.iter().any(|category| category.embedded.0 == file);
        problems.iter().any(|problem| in_dir(&problem.file))
            || (problems.iter().any(|problem| embedded(&problem.file))
                && loaded.iter().any(|file| file.starts_with(&dir)))
    });
    // `wsis validate` is already the check a file gets.
    let validating = matches!(command, Some(Command::Validate { .. }));
    match (validating, in_user_data) {
        (false, true) => to_stderr(format_args!(
            "wsis: check a file with `wsis validate FILE`, or run without your own data with `wsis --no-user-data ...`\n"
        )),
        (false, false) => to_stderr(format_args!("wsis: check a file with `wsis validate FILE`\n")),
        (true, true) => to_stderr(format_args!(
            "wsis: check the files alone with `wsis --no-user-data validate FILE`\n"
        )),
        (true, false) => {}
    }
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
    let code = finish(buffered(|out| run_with(command, data, out)));
    trace::mark("command done");
    code
}

fn run_with(command: &Command, data: &Dataset, out: &mut impl Write) -> Outcome {
    match command {
        Command::List { category, output } => list::run(data, category.as_deref(), output.chosen(), out),
        Command::Search { query, limit, output } => {
            let index = SearchIndex::new(data);
            let format = output.chosen();
            let limit = parse_limit(limit.as_deref(), format)?;
            search::run(
                &index,
                &query.join(" "),
                limit,
                format,
                None,
                out,
                search::AfterPrinting::Exit,
            )
        }
        Command::Show { id, json, format } => show::run(data, id, ShowFormat::chosen(*json, *format), out),
        Command::Path { from, to, json } => path::run(data, from, to, *json, out),
        Command::Cite { ids, bookmarks, format } => cite::run(data, ids, *bookmarks, *format, out),
        Command::Open { id } => open::run(data, id, out),
        Command::Validate { files, json } => validate::run(data, files, *json, out),
        Command::Export {
            format,
            category,
            from,
            depth,
            bookmarks,
        } => match format {
            Some(format) => {
                let chosen = export::Chosen {
                    category: category.as_deref(),
                    from,
                    depth: parse_depth(depth.as_deref())?,
                    bookmarks: *bookmarks,
                };
                export::run(data, *format, &chosen, out)
            }
            None => without_data(command, out).unwrap_or(Ok(ExitCode::SUCCESS)),
        },
        Command::Completions { shell } => completions::run(*shell, data, out),
        Command::New { .. } | Command::Man => without_data(command, out).unwrap_or(Ok(ExitCode::SUCCESS)),
    }
}

/// The words of one name given unquoted (`wsis show resolution 2006/46`),
/// as one name: the shell split them, the reader meant one.
fn one_name(words: &[String]) -> String {
    words.join(" ")
}

/// The item called `wanted`; a name that names no item is bad input, with
/// the items the browser's jump would offer for it (never one picked in
/// its place: a wrong document is worse than none), and a name of several
/// items lists them.
fn find(data: &Dataset, wanted: &str) -> Result<ItemIdx, Failure> {
    if wanted.trim().is_empty() {
        return Err(Failure::BadInput(EMPTY_NAME.into()));
    }
    match data.resolve(wanted) {
        Resolved::One(idx) => Ok(idx),
        Resolved::None => Err(Failure::BadInput(unknown_name(data, wanted))),
        Resolved::Ambiguous(candidates) => Err(Failure::NothingMatches(format!(
            "\"{wanted}\" names {} items; use one of these ids:\n{}",
            candidates.len(),
            name_lines(data, &candidates)
        ))),
    }
}

/// What an empty NAME is told (it would otherwise be sent to an empty search).
pub const EMPTY_NAME: &str = "an empty name names no item: give an id, symbol, alias or title";

/// At most this many items are suggested for a name that names none.
const SUGGESTED: usize = 5;

/// Why `wanted` names no item, and what it may have meant.
fn unknown_name(data: &Dataset, wanted: &str) -> String {
    let search = format!("`wsis search {}`", wanted.trim());
    let offered = suggestions(data, wanted);
    if offered.is_empty() {
        return format!("no item is called \"{wanted}\"; try {search}");
    }
    format!(
        "no item is called \"{wanted}\"; did you mean:\n{}\nName one by its id or symbol, or search the texts: {search}",
        name_lines(data, &offered)
    )
}

/// The item that `words`, given to `command` (`show`, `open`: one item
/// each), name together as one name ("resolution 2006/46"); if they name
/// none together but several items one by one ("2006/46 80/173"), that
/// is said, with the commands that take several.
fn find_named(data: &Dataset, words: &[String], command: &str) -> Result<ItemIdx, Failure> {
    let wanted = one_name(words);
    let found = find(data, &wanted);
    if matches!(found, Err(Failure::BadInput(_)))
        && let Some(each) = named_word_by_word(data, &wanted)
    {
        return Err(Failure::BadInput(several_named(data, &wanted, &each, command)));
    }
    found
}

/// What `command` is told when the words of `wanted` name the items `each`
/// (word, item) one by one.
fn several_named(data: &Dataset, wanted: &str, each: &[(&str, ItemIdx)], command: &str) -> String {
    let items: Vec<ItemIdx> = each.iter().map(|&(_, idx)| idx).collect();
    let words: Vec<&str> = each.iter().map(|&(word, _)| word).collect();
    let froms: String = words.iter().map(|word| format!(" --from {word}")).collect();
    format!(
        "no item is called \"{wanted}\", but its words name {} items:\n{}\n{command} takes one item at a time (`wsis {command} {}`); for several: `wsis cite {}` or `wsis export -f markdown --depth 0{froms}`",
        items.len(),
        name_lines(data, &items),
        words[0],
        words.join(" ")
    )
}

/// The items that the words of `wanted` name one by one, each with the
/// first word naming it, when every word names one and they are not all
/// the same.
fn named_word_by_word<'w>(data: &Dataset, wanted: &'w str) -> Option<Vec<(&'w str, ItemIdx)>> {
    let mut each: Vec<(&str, ItemIdx)> = Vec::new();
    for word in wanted.split_whitespace() {
        let Resolved::One(idx) = data.resolve(word) else {
            return None;
        };
        if !each.iter().any(|&(_, seen)| seen == idx) {
            each.push((word, idx));
        }
    }
    (each.len() >= 2).then_some(each)
}

/// The items the jump offers for `wanted` (never empty: `find` refuses
/// that first); failing those, the items whose symbol it is one slip from
/// ("2006/64" for E/RES/2006/46), else the item whose id is nearest to
/// it as a typo ("tunis-agnda").
fn suggestions(data: &Dataset, wanted: &str) -> Vec<ItemIdx> {
    let offered = candidates(data, wanted, SUGGESTED);
    if !offered.is_empty() {
        return offered;
    }
    let slips = symbol_slips(data, wanted, SUGGESTED);
    if !slips.is_empty() {
        return slips;
    }
    let ids = data.items().map(|item| &*item.id);
    closest(wanted.trim(), ids)
        .and_then(|id| data.by_id(id))
        .into_iter()
        .collect()
}

/// One line per item: its id, its symbol if it has one, and its title.
fn name_lines(data: &Dataset, items: &[ItemIdx]) -> String {
    let line = |&idx: &ItemIdx| {
        let item = data.item(idx);
        match item.symbol.as_deref() {
            Some(symbol) => format!("  {}  {symbol}  {}", item.id, item.label()),
            None => format!("  {}  {}", item.id, item.label()),
        }
    };
    items.iter().map(line).collect::<Vec<_>>().join("\n")
}

/// Reports a failure. A closed pipe is not one: the reader has what it
/// wanted, so the command ends quietly with status 0.
fn finish(result: Outcome) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Failure::NothingMatches(message) | Failure::Runtime(message)) => {
            to_stderr(format_args!("wsis: {}\n", sanitize_lines(&message)));
            ExitCode::from(1)
        }
        Err(Failure::BadInput(message)) => {
            to_stderr(format_args!("wsis: {}\n", sanitize_lines(&message)));
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            to_stderr(format_args!("wsis: cannot write output: {e}\n"));
            ExitCode::from(2)
        }
    }
}

enum Failure {
    NothingMatches(String),
    /// The input was fine but the work failed (a browser that would not open).
    Runtime(String),
    BadInput(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

type Outcome = Result<ExitCode, Failure>;

/// A category named on the command line (id, abbreviation or alias, any
/// case), as an index into [`CATEGORIES`].
fn category_arg(name: &str) -> Result<usize, Failure> {
    category_named(name).ok_or_else(|| {
        Failure::BadInput(format!(
            "unknown category \"{name}\"; valid: {}",
            CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
        ))
    })
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    crate::json::write(out, value)
}

/// Each line of a message without control characters; the line breaks stay.
fn sanitize_lines(message: &str) -> String {
    message
        .lines()
        .map(crate::text::sanitize)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `wsis completions SHELL`: the names offered come from the data that
/// loads; a broken overlay only leaves its own items out.
pub fn run_completions(args: &Cli) -> Option<ExitCode> {
    let Some(Command::Completions { shell }) = &args.command else {
        return None;
    };
    let files = data_files(args).unwrap_or_default();
    let (data, _skipped) = load_what_loads(&files);
    Some(finish(buffered(|out| completions::run(*shell, &data, out))))
}
