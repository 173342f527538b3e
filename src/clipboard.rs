//! Copying over any connection: OSC 52 asks the terminal itself to set the
//! clipboard, so it works over SSH. Inside tmux the sequence is also sent
//! wrapped for passthrough, for setups where tmux does not forward it.

use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;

/// The bytes that ask the terminal to put `text` on the clipboard.
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut sequence);
    if in_tmux {
        let wrapped = format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"));
        sequence.push_str(&wrapped);
    }
    sequence
}

/// Only web links are ever handed to the system's opener.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_sequence_is_base64_with_string_terminator() {
        assert_eq!(osc52("foo", false), "\x1b]52;c;Zm9v\x1b\\");
    }

    #[test]
    fn tmux_gets_the_plain_and_the_wrapped_sequence() {
        assert_eq!(
            osc52("foo", true),
            "\x1b]52;c;Zm9v\x1b\\\x1bPtmux;\x1b\x1b]52;c;Zm9v\x1b\x1b\\\x1b\\"
        );
    }

    #[test]
    fn only_web_urls_open() {
        assert!(is_web_url("https://undocs.org/en/A/RES/70/125"));
        assert!(is_web_url("http://www.itu.int/net/wsis/"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x",
            "/tmp/x",
            "https://x\n",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
