//! Loading what loads: the browser opens with every file that passes its
//! checks and names the others, instead of refusing to start. Command-line
//! commands stay strict (status 2), so scripts never run on half the data.
//! Nothing here writes to the user's files.

use std::path::{Path, PathBuf};

use super::dataset::Dataset;
use super::load::{Problem, SourceFile};
use super::progress::Progress;

/// A user file left out, with every problem found in it.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Skipped {
    /// One line for a banner: where the first problem is, what it is, and
    /// the command that shows them all.
    pub fn summary(&self) -> String {
        let first = self.problems.first().map(|p| p.to_string()).unwrap_or_default();
        let more = match self.problems.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        format!("skipped {first}{more}; fix: wsis validate {}", self.file)
    }
}

/// The embedded data and every file of `paths` that loads, and the files
/// left out. A file whose items others depended on can take those others
/// with it; each round drops the files with problems and tries again, so
/// this ends after at most one round per file.
pub fn load_what_loads(paths: &[PathBuf]) -> (Dataset, Vec<Skipped>) {
    load_what_loads_counted(paths, &Progress::default())
}

/// [`load_what_loads`], counting files, bytes and items in `progress`
/// (each retry counts its files again).
pub fn load_what_loads_counted(paths: &[PathBuf], progress: &Progress) -> (Dataset, Vec<Skipped>) {
    let mut kept: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut skipped: Vec<Skipped> = Vec::new();
    loop {
        let problems = match Dataset::with_overlays_counted(&kept, progress) {
            Ok(data) => return (data, skipped),
            Err(problems) => problems,
        };
        if kept.is_empty() {
            // The embedded data itself does not load: open with nothing.
            skipped.push(Skipped {
                file: "the embedded data".into(),
                problems,
            });
            let nothing: &[SourceFile] = &[];
            return (
                Dataset::from_files(nothing).expect("no files hold no problems"),
                skipped,
            );
        }
        let named = |path: &Path| path.display().to_string();
        let guilty: Vec<&Path> = kept
            .iter()
            .copied()
            .filter(|&path| problems.iter().any(|p| p.file == named(path)))
            .collect();
        // A problem reported against an embedded file was caused by some
        // user file; not knowing which, leave them all out.
        let dropped = if guilty.is_empty() { kept.clone() } else { guilty };
        for path in &dropped {
            let file = named(path);
            let own: Vec<_> = problems.iter().filter(|p| p.file == file).cloned().collect();
            let problems = if own.is_empty() { problems.clone() } else { own };
            skipped.push(Skipped { file, problems });
        }
        kept.retain(|path| !dropped.contains(path));
    }
}
