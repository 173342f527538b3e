//! Opening a link in the user's web browser, for `o` and `wsis open`.

use std::io;

/// Opens `url` without waiting for the browser. The error says what went
/// wrong in a user's words: the opener's own ("Launcher "gio" "open" …
/// failed with ExitStatus(unix_wait_status(512))") names no way forward.
pub fn open(url: &str) -> Result<(), &'static str> {
    open::that_detached(url).map_err(|error| reason(&error))
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
