use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use wsis_browser::cli::{self, Cli};
use wsis_browser::data::Dataset;
use wsis_browser::tui;
use wsis_browser::ui::theme::Theme;

fn main() -> ExitCode {
    let args = Cli::parse();
    // Data is loaded and checked before the terminal is touched, so any
    // problem prints on a normal screen.
    let data = match Dataset::with_overlays(&args.data) {
        Ok(data) => data,
        Err(problems) => {
            for (problem, text) in &problems {
                eprintln!("{}\n", problem.render(text.as_deref()));
            }
            eprintln!("wsis: {} problem(s) in the data; nothing was loaded", problems.len());
            return ExitCode::from(2);
        }
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
