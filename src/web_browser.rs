//! Opening a link in the user's web browser, for `o` and `wsis open`.

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
    match std::env::var_os(BROWSER_VAR).filter(|value| !value.is_empty()) {
        Some(browsers) => open_with(&browsers, url),
        None => open(url).map_err(str::to_string),
    }
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

fn reason(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::NotFound => "no program to open web links was found",
        _ => "the system's program for web links failed (is a web browser set up?)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A browser that writes the arguments it was given, one a line, to `got`.
    /// (Run by `sh`, not executed itself: a file just written may still
    /// be open for writing in a process forked meanwhile, "text file busy".)
    fn recording_browser(dir: &std::path::Path) -> String {
        let script = dir.join("browser");
        let got = dir.join("got");
        std::fs::write(&script, format!("printf '%s\\n' \"$@\" > '{}'\n", got.display())).unwrap();
        format!("sh {}", script.display())
    }

    #[test]
    fn a_browser_list_is_tried_in_order_with_the_link_as_one_argument() {
        let dir = tempfile::tempdir().unwrap();
        let browser = recording_browser(dir.path());
        let pwned = dir.path().join("pwned");
        let url = &format!("https://example.org/a?b=1;$(touch {})", pwned.display());
        let value = format!("no-such-browser-wsis --new-tab:false:{browser} --new-window");
        assert_eq!(open_with(OsStr::new(&value), url), Ok(()));
        let got = std::fs::read_to_string(dir.path().join("got")).unwrap();
        assert_eq!(got, format!("--new-window\n{url}\n"));
        assert!(!pwned.exists());
        // `%s` marks where the link goes.
        assert_eq!(open_with(OsStr::new(&format!("{browser} --url=%s -x")), url), Ok(()));
        let got = std::fs::read_to_string(dir.path().join("got")).unwrap();
        assert_eq!(got, format!("--url={url}\n-x\n"));
    }

    #[test]
    fn a_failing_browser_list_says_what_was_tried() {
        let said = open_with(OsStr::new("no-such-browser-wsis:false"), "https://example.org").unwrap_err();
        assert!(said.contains("no-such-browser-wsis was not found"), "{said}");
        assert!(said.contains("false ended with"), "{said}");
        assert!(
            open_with(OsStr::new(" : "), "https://example.org")
                .unwrap_err()
                .contains("names no program")
        );
    }

    #[test]
    fn reasons_name_no_launcher_internals() {
        for kind in [io::ErrorKind::NotFound, io::ErrorKind::Other] {
            let said = reason(&io::Error::new(
                kind,
                "Launcher \"gio\" \"open\" failed with ExitStatus(512)",
            ));
            assert!(!said.contains("Launcher") && !said.contains("ExitStatus"), "{said}");
        }
        assert_ne!(
            reason(&io::ErrorKind::NotFound.into()),
            reason(&io::ErrorKind::Other.into())
        );
    }
}
