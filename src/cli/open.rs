//! `wsis open NAME`: the item's official page in the user's web browser.

use std::io::Write;
use std::process::ExitCode;

use super::{Failure, Outcome, find_named};
use crate::data::Dataset;
use crate::text::sanitize;

pub(super) fn run(data: &Dataset, name: &[String], out: &mut impl Write) -> Outcome {
    let item = data.item(find_named(data, name, "open")?);
    let url = item
        .url
        .as_deref()
        .map(str::trim)
        .ok_or_else(|| Failure::NothingMatches(format!("\"{}\" has no official link", sanitize(&item.id))))?;
    // Only web links: a data file must not make us run a program or open a file.
    if !is_web_url(url) {
        return Err(Failure::BadInput(format!(
            "not opening \"{}\": only single-line http(s) links are opened",
            sanitize(url)
        )));
    }
    if let Some(opener) = std::env::var_os(TEST_OPENER) {
        // Tests see what would be opened without starting a browser.
        writeln!(out, "{} {url}", opener.to_string_lossy())?;
        return Ok(ExitCode::SUCCESS);
    }
    // The link was fine: failing to open it is no bad input (status 2).
    crate::web_browser::open_from_command_line(url)
        .map_err(|why| Failure::Runtime(format!("could not open {url}: {why}")))?;
    writeln!(out, "opened {url}")?;
    Ok(ExitCode::SUCCESS)
}

/// When set, `open` prints this word and the link instead of opening it
/// (so tests check the release binary too, without a browser).
const TEST_OPENER: &str = "WSIS_OPEN_DRY_RUN";

fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_opened() {
        assert!(is_web_url("https://undocs.org/en/A/RES/70/125"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "file:///etc/passwd",
            "javascript:x",
            "https://x.org/\ntouch y",
            "/bin/sh",
            "ssh://h",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
