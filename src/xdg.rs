//! The XDG base directories this program keeps its files in.

use std::ffi::OsString;
use std::path::PathBuf;

/// `<base>/wsis-browser`, where `<base>` is the XDG variable's value if it
/// is absolute (the spec says a relative one is invalid and ignored), else
/// `$HOME/<default_in_home>`. Takes the values as arguments so tests need
/// not touch the environment.
pub fn app_dir(xdg: Option<OsString>, home: Option<OsString>, default_in_home: &str) -> Option<PathBuf> {
    let base = xdg.map(PathBuf::from).filter(|p| p.is_absolute()).or_else(|| {
        home.filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(default_in_home))
    })?;
    Some(base.join("wsis-browser"))
}

/// [`app_dir`] for the XDG variable `var` of this process's environment.
pub fn app_dir_from_env(var: &str, default_in_home: &str) -> Option<PathBuf> {
    app_dir(std::env::var_os(var), std::env::var_os("HOME"), default_in_home)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absolute_variable_wins_over_home() {
        let dir = app_dir(Some("/x/cache".into()), Some("/home/u".into()), ".cache");
        assert_eq!(dir, Some(PathBuf::from("/x/cache/wsis-browser")));
    }

    #[test]
    fn a_relative_empty_or_missing_variable_falls_back_to_home() {
        let expected = Some(PathBuf::from("/home/u/.local/share/wsis-browser"));
        assert_eq!(
            app_dir(Some("rel".into()), Some("/home/u".into()), ".local/share"),
            expected
        );
        assert_eq!(
            app_dir(Some("".into()), Some("/home/u".into()), ".local/share"),
            expected
        );
        assert_eq!(app_dir(None, Some("/home/u".into()), ".local/share"), expected);
        assert_eq!(app_dir(None, None, ".cache"), None);
        assert_eq!(app_dir(None, Some("".into()), ".cache"), None);
    }
}
