//! `wsis man`: the manual page in roff, from the same clap definition.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, Outcome};

pub(super) fn run(out: &mut impl Write) -> Outcome {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(ExitCode::SUCCESS)
}
