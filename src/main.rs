use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use wsis_browser::cli::{self, Cli};
use wsis_browser::tui;
use wsis_browser::ui::theme::Theme;

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(code) = args.command.as_ref().and_then(cli::run_without_data) {
        return code;
    }
    if let Some(code) = cli::run_search(&args) {
        return code;
    }
    // Data is loaded and checked before the terminal is touched, so any
    // problem prints on a normal screen.
    if let Some(command) = &args.command {
        return match cli::load(&args) {
            Ok(data) => cli::run(command, &data),
            Err(code) => code,
        };
    }
    let (data, index) = match cli::load_with_index(&args) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "wsis: the browser needs a terminal; for scripts use `wsis list`, `wsis search QUERY` or `wsis show ID` (see `wsis --help`)"
        );
        return ExitCode::from(2);
    }
    let options = tui::Options {
        theme: Theme::from_env(),
        mouse: !args.no_mouse,
    };
    match tui::run(&data, index, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wsis: terminal error: {e}");
            ExitCode::from(2)
        }
    }
}
