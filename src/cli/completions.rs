//! `wsis completions SHELL`: generated from the same clap definition.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, Outcome};

pub(super) fn run(shell: clap_complete::Shell, out: &mut impl Write) -> Outcome {
    clap_complete::generate(shell, &mut Cli::command(), "wsis", out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
