//! Where the user's own data files come from, and in which order they load.
//! Later files win: an item whose id is already loaded replaces it.
//!
//! Order: the embedded files, then `*.ron` in the user data directory
//! sorted by file name, then each `--data FILE` in command-line order.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::load::Problem;

/// `$XDG_CONFIG_HOME/wsis-browser/data`, else `$HOME/.config/wsis-browser/data`.
/// Takes the variables as arguments so tests need not touch the environment.
pub fn user_data_dir(xdg_config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    Some(crate::xdg::app_dir(xdg_config_home, home, ".config")?.join("data"))
}

/// The user data directory of this process's environment.
pub fn user_data_dir_from_env() -> Option<PathBuf> {
    user_data_dir(std::env::var_os("XDG_CONFIG_HOME"), std::env::var_os("HOME"))
}

/// The `*.ron` files of `dir`, sorted by name. A missing directory holds none.
pub fn user_files(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Problem::file(
                &dir.display().to_string(),
                format!("cannot read the user data directory: {e}"),
            ));
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The load order: user directory files, then `--data` files; a file named
/// twice loads once, at its first place, even when named by two different
/// paths (`./x.ron` and `/abs/x.ron`, or through a symlink).
pub fn load_order(user: Vec<PathBuf>, data: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut order: Vec<PathBuf> = Vec::new();
    for path in user.into_iter().chain(data.iter().cloned()) {
        // A file that cannot be resolved is kept, so loading reports it.
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(canonical) {
            order.push(path);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_config_home_wins_over_home() {
        let dir = user_data_dir(Some("/x/conf".into()), Some("/home/u".into()));
        assert_eq!(dir, Some(PathBuf::from("/x/conf/wsis-browser/data")));
    }

    #[test]
    fn relative_or_missing_xdg_falls_back_to_home() {
        let expected = Some(PathBuf::from("/home/u/.config/wsis-browser/data"));
        assert_eq!(user_data_dir(Some("rel".into()), Some("/home/u".into())), expected);
        assert_eq!(user_data_dir(None, Some("/home/u".into())), expected);
        assert_eq!(user_data_dir(None, None), None);
    }

    #[test]
    fn load_order_keeps_the_first_place_of_a_repeated_file() {
        let order = load_order(
            vec!["/c/a.ron".into(), "/c/b.ron".into()],
            &["x.ron".into(), "/c/a.ron".into(), "y.ron".into()],
        );
        let names: Vec<&str> = order.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(names, ["/c/a.ron", "/c/b.ron", "x.ron", "y.ron"]);
    }

    #[test]
    fn one_file_named_by_two_paths_loads_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("x.ron");
        std::fs::write(&file, "[]").expect("write");
        let dotted = dir.path().join(".").join("x.ron");
        let order = load_order(vec![file.clone()], &[dotted]);
        assert_eq!(order, [file]);
    }
}
