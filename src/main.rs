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
    let data = match cli::load(&args) {
        Ok(data) => data,
        Err(code) => return code,
    };
    match &args.command {
        Some(command) => cli::run(command, &data),
        None if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() => {
            eprintln!(
                "wsis: the browser needs a terminal; for scripts use `wsis list`, `wsis search QUERY` or `wsis show ID` (see `wsis --help`)"
            );
            ExitCode::from(2)
        }
        None => match tui::run(
            &data,
            tui::Options {
                theme: Theme::from_env(),
                mouse: !args.no_mouse,
            },
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("wsis: terminal error: {e}");
                ExitCode::from(2)
            }
        },
    }
}
