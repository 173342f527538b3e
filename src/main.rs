use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::{Arc, mpsc};

use clap::Parser;
use wsis_browser::cli::{self, Cli, StoredCheck};
use wsis_browser::data::Dataset;
use wsis_browser::data::partial::Skipped;
use wsis_browser::data::progress::Progress;
use wsis_browser::search::SearchIndex;
use wsis_browser::ui::theme::Theme;
use wsis_browser::{cite, config, tui};

fn main() -> ExitCode {
    wsis_browser::data::trace::mark("process start");
    let args = Cli::parse();
    if args.at.is_some() && args.command.is_some() {
        cli::to_stderr(format_args!(
            "wsis: --at opens the browser on an item; with a command, name the item to the command\n"
        ));
        return ExitCode::from(2);
    }
    if let Some(code) = args.command.as_ref().and_then(cli::run_without_data) {
        return code;
    }
    if let Some(code) = cli::run_completions(&args) {
        return code;
    }
    if let Some(code) = cli::run_search(&args) {
        return code;
    }
    if let Some(code) = cli::run_warm(&args) {
        return code;
    }
    // Data is loaded and checked before the terminal is touched, so any
    // problem prints on a normal screen.
    if let Some(command) = &args.command {
        return match cli::load(&args) {
            Ok(data) => {
                let code = cli::run(command, &data);
                // Freeing a large dataset piece by piece costs a quarter
                // of a warm run; the process is about to end anyway.
                std::mem::forget(data);
                code
            }
            Err(code) => code,
        };
    }
    browse(&args)
}

/// The browser opens with every data file that loads; the others, and a
/// config file that does not parse, are named in a banner all session.
fn browse(args: &Cli) -> ExitCode {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        // Without a terminal nothing is browsed: report bad data as every
        // command does, then why the browser cannot start.
        if let Err(code) = cli::load(args) {
            return code;
        }
        cli::to_stderr(format_args!(
            "wsis: the browser needs a terminal; for scripts use `wsis list`, `wsis search QUERY` or `wsis show ID` (see `wsis --help`)\n"
        ));
        return ExitCode::from(2);
    }
    let inputs = match cli::browser_inputs(args) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let mut loading = load_in_background(inputs.clone());
    // Read while the whole dataset decodes on the load thread.
    loading.preview = cli::browser_preview(&inputs);
    let mut notices: Vec<String> = Vec::new();
    let mut citation_style = cite::Style::default();
    match config::path_from_env().map(|path| config::load(&path)) {
        Some(Ok(config)) => citation_style = config.citation_style,
        Some(Err(problem)) => notices.push(format!("config ignored: {problem}")),
        None => {}
    }
    let options = tui::Options {
        theme: Theme::from_env(),
        mouse: !args.no_mouse,
        notices,
        citation_style,
        start_at: args.at.clone(),
    };
    match tui::run(loading, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::to_stderr(format_args!("wsis: terminal error: {e}\n"));
            ExitCode::from(2)
        }
    }
}

/// The banner after the dataset cache turned out damaged.
const RELOADED: &str = "the dataset cache was damaged: reloaded from the data files";

/// Checks a dataset opened in place from the cache once the browser has
/// it, and then waits for a damaged record met while browsing (the file
/// cut short by another process) or for the browser to let the dataset go
/// (the sender goes with it). True when the data must be loaded again
/// from its files; a stored index that only did not match is built again
/// over the same data and sent, the browser keeping its place, with no
/// banner: nothing the reader needs to know.
fn must_reload(
    data: Arc<Dataset>,
    index: Arc<SearchIndex>,
    inputs: &cli::BrowserInputs,
    done: &mpsc::Sender<tui::Loaded>,
) -> bool {
    match cli::check_stored(&data, &index, inputs) {
        None => return false,
        Some(StoredCheck::Damaged) => return true,
        Some(StoredCheck::Sound) => {}
        Some(StoredCheck::IndexRebuilt(rebuilt)) => {
            let loaded = tui::Loaded {
                data: Arc::clone(&data),
                index: Arc::from(rebuilt),
                notices: Vec::new(),
            };
            // The browser may have been quit already.
            if done.send(loaded).is_err() {
                return false;
            }
        }
    }
    drop(index);
    wsis_browser::data::trace::mark("dataset cache checked whole");
    let (tell, damaged) = mpsc::channel();
    data.on_damage(tell);
    drop(data);
    damaged.recv().is_ok()
}

/// Loads on a thread of its own, so the browser can show progress and quit
/// while a large collection is parsed.
fn load_in_background(inputs: cli::BrowserInputs) -> tui::Loading {
    let progress = Arc::new(Progress::default());
    let (done, receiver) = mpsc::channel();
    let counting = Arc::clone(&progress);
    std::thread::spawn(move || {
        let (data, index, skipped) = cli::load_for_browser(&inputs, &counting);
        let (data, index) = (Arc::new(data), Arc::new(index));
        let notices = skipped.iter().map(Skipped::summary).collect();
        let loaded = tui::Loaded {
            data: Arc::clone(&data),
            index: Arc::clone(&index),
            notices,
        };
        // The browser may have been quit already: nobody wants the data.
        if done.send(loaded).is_err() {
            return;
        }
        data.prepare_names();
        if !must_reload(data, index, &inputs, &done) {
            return;
        }
        let (data, index, skipped) = cli::reload_for_browser(&inputs, &counting);
        let mut notices: Vec<String> = skipped.iter().map(Skipped::summary).collect();
        notices.push(RELOADED.to_string());
        let (data, index) = (Arc::new(data), Arc::new(index));
        let shared = Arc::clone(&data);
        if done.send(tui::Loaded { data, index, notices }).is_ok() {
            shared.prepare_names();
        }
    });
    tui::Loading {
        progress,
        done: receiver,
        preview: None,
    }
}
