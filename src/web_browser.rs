//! Opening a link in the user's web browser, for `o` and `wsis open`:
//! the one `$BROWSER` names, else the system's program for links.

use std::ffi::OsStr;
use std::io;
use std::process::Command;

use crate::text::sanitize;

/// Opens `url` without waiting for the browser. The error says what went
/// wrong in a user's words: the opener's own ("Launcher "gio" "open" …
/// failed with ExitStatus(unix_wait_status(512))") names no way forward.
pub fn open(url: &str) -> Result<(), &'static str> {
    open::that_detached(url).map_err(|error| reason(&error))
}

/// Where the user names their browser, as `xdg-open`, `man` and `git` read it.
pub const BROWSER_VAR: &str = "BROWSER";

/// `wsis open`: opens `url` in the browser `$BROWSER` names if it is set
/// and not empty, waiting for it (it may be a terminal browser such as
/// w3m); else as [`open`] does. The error says what was tried.
pub fn open_from_command_line(url: &str) -> Result<(), String> {
    match browsers_named() {
        Some(browsers) => open_with(&browsers, url),
        None => open(url).map_err(str::to_string),
    }
}

/// The browsers `$BROWSER` names, if it is set and not empty.
pub fn browsers_named() -> Option<std::ffi::OsString> {
    std::env::var_os(BROWSER_VAR).filter(|value| !value.is_empty())
}

/// Tries each browser of `browsers` (a `$BROWSER` value: commands
/// separated by `:`, each a program and its arguments separated by
/// spaces) in order, until one exits with success. The link is one
/// argument, never read by a shell: in place of a `%s` argument, else
/// after the last argument.
pub fn open_with(browsers: &OsStr, url: &str) -> Result<(), String> {
    let browsers = browsers.to_string_lossy();
    let mut failures = Vec::new();
    for browser in browsers.split(':').filter(|b| !b.trim().is_empty()) {
        let mut words = browser.split_ascii_whitespace();
        let Some(program) = words.next() else { continue };
        let mut args: Vec<String> = words.map(|word| word.replace("%s", url)).collect();
        if !browser.contains("%s") {
            args.push(url.to_string());
        }
        match Command::new(program).args(&args).status() {
            Ok(status) if status.success() => return Ok(()),
            Ok(status) => failures.push(format!("{} ended with {status}", sanitize(program))),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                failures.push(format!("{} was not found", sanitize(program)))
            }
            Err(error) => failures.push(format!("{} could not start: {error}", sanitize(program))),
        }
    }
    if failures.is_empty() {
        return Err(format!("${BROWSER_VAR} (\"{}\") names no program", sanitize(&browsers)));
    }
    Err(format!(
        "no browser of ${BROWSER_VAR} opened it: {}",
        failures.join("; ")
    ))
}

/// Why the system's opener failed, with the way out: `$BROWSER`, which
/// is read first (the openers tried, xdg-open and the desktops' own, are
/// not a person's words).
fn reason(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::NotFound => "no program to open web links was found: set $BROWSER to your browser",
        _ => "the system's program for web links failed: set $BROWSER to your browser (e.g. BROWSER=firefox)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_no_launcher_internals() {
        for kind in [io::ErrorKind::NotFound, io::ErrorKind::Other] {
            let said = reason(&io::Error::new(
                kind,
                "Launcher \"gio\" \"open\" failed with ExitStatus(512)",
            ));
            assert!(!said.contains("Launcher") && !said.contains("ExitStatus"), "{said}");
            assert!(said.contains(&format!("${BROWSER_VAR}")), "{said}");
        }
        assert_ne!(
            reason(&io::ErrorKind::NotFound.into()),
            reason(&io::ErrorKind::Other.into())
        );
    }
}
