//! The optional config file, `$XDG_CONFIG_HOME/wsis-browser/config.ron`
//! (else `~/.config/wsis-browser/config.ron`), in RON:
//!
//! ```ron
//! (
//!     // The style `y` copies in the browser: Text, Bibtex, Ris or CslJson.
//!     citation_style: Bibtex,
//! )
//! ```
//!
//! Every field may be left out. The file is only ever read.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cite::Style;
use crate::data::Problem;

/// The config file's name in the app's config directory.
pub const FILE_NAME: &str = "config.ron";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The citation style of the browser's `y`.
    pub citation_style: Style,
}

/// Where the config file of this process's environment is.
pub fn path_from_env() -> Option<PathBuf> {
    Some(crate::xdg::app_dir_from_env("XDG_CONFIG_HOME", ".config")?.join(FILE_NAME))
}

/// The config at `path`; no file means the defaults. A file that cannot be
/// read or parsed gives a problem with its position, for the caller to show.
pub fn load(path: &Path) -> Result<Config, Problem> {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(Problem::file(&name, format!("cannot read the config file: {e}"))),
    };
    ron::from_str(&text).map_err(|e| {
        Problem::at(&name, e.span.start.line, e.span.start.col, e.code.to_string())
            .with_hint("the config file holds e.g. (citation_style: Bibtex); see `wsis man`")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join(FILE_NAME)), Ok(Config::default()));
    }

    #[test]
    fn the_style_is_read_and_mistakes_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "(\n  citation_style: CslJson,\n)").unwrap();
        assert_eq!(load(&path).unwrap().citation_style, Style::CslJson);
        std::fs::write(&path, "(\n  citation_style: Harvard,\n)").unwrap();
        let problem = load(&path).unwrap_err();
        assert_eq!(problem.position.map(|p| p.0), Some(2), "{problem}");
    }
}
