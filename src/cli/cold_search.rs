//! The end of `wsis search` on data with no stored index (`--no-cache`, or
//! the first search after a data file changed). It has answered from an
//! index of the query's words alone (`SearchIndex::for_query`: the same
//! hits for a fraction of the full index's build); only then, if the index
//! is to be stored, it builds the full one for the next run, its output
//! already ended so that a reader of its pipe is not kept waiting.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Outcome, finish, progress_bar};
use crate::data::progress::Stage;
use crate::data::{Dataset, trace};
use crate::search::cache;

/// Reports the `printed` answer; with a `cache` (given only when what is
/// built may be stored: inputs settled), then ends standard output and
/// stores the full index of `data` there.
pub(super) fn finish_then_store(printed: Outcome, data: &Dataset, cache: Option<&(PathBuf, cache::Key)>) -> ExitCode {
    let code = finish(printed);
    trace::mark("answered");
    if let Some((dir, key)) = cache {
        end_stdout();
        // About a second at 100 000 items after the answer: on a terminal,
        // stderr says why the prompt has not come back.
        progress_bar::while_loading(|progress| {
            progress.set_stage(Stage::StoringIndex);
            // Written to its file as it is joined, never whole in memory.
            // A cache that cannot be written only costs time next run.
            let _ = cache::build_and_store(dir, key, data);
        });
        trace::mark("search index built and stored");
    }
    code
}

/// Flushes standard output and ends it: it then writes to /dev/null, so
/// a pipe's reader sees the end, and fd 1 is never reused by a file
/// opened later (a stray print would land in it).
fn end_stdout() {
    let _ = io::stdout().lock().flush();
    if let Ok(null) = std::fs::File::options().write(true).open("/dev/null") {
        let _ = rustix::stdio::dup2_stdout(&null);
    }
}
