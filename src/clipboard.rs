//! Copying over any connection: OSC 52 asks the terminal itself to set the
//! clipboard, so it works over SSH. Inside tmux the sequence is also sent
//! wrapped for passthrough, and the text is handed to tmux itself
//! (`load-buffer -w`): tmux's default `set-clipboard external` drops an
//! application's OSC 52, and passthrough is off by default since tmux 3.3.
//!
//! What is copied is sanitised as screen text is: a paste must give what
//! the status line showed, never a hidden newline that runs a command, a
//! control sequence, or a bidirectional override that reorders the text.
//! Only a record made of lines (a BibTeX, RIS or CSL-JSON citation, whose
//! fields are sanitised) keeps the line breaks of its format.

use std::time::{Duration, Instant};

use ratatui::crossterm::Command;
use ratatui::crossterm::clipboard::CopyToClipboard;

use crate::data::web_url::is_format_control;

/// The bytes that ask the terminal to put `text`, sanitised, on the
/// clipboard: as one line, or (`multiline`, for a record such as BibTeX or
/// RIS that is made of lines) with its line breaks kept.
pub fn osc52(text: &str, in_tmux: bool, multiline: bool) -> String {
    let text = payload(text, multiline);
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut sequence);
    if in_tmux {
        let wrapped = format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"));
        sequence.push_str(&wrapped);
    }
    sequence
}

/// What is copied of `text`: one line, or (`multiline`) its lines.
pub fn payload(text: &str, multiline: bool) -> String {
    if multiline {
        clipboard_lines(text)
    } else {
        clipboard_text(text)
    }
}

/// How long a copy may wait for tmux: a stopped or wedged server must
/// never freeze the browser (its event loop waits for the copy).
const TMUX_DEADLINE: Duration = Duration::from_millis(500);
/// How often the wait looks whether tmux has finished.
const TMUX_POLL: Duration = Duration::from_millis(5);

/// Puts `payload` (already sanitised by [`payload`]) in tmux's paste
/// buffer and, where tmux can, on the outer terminal's clipboard. tmux
/// before 3.2 has no `-w`: then the paste buffer only. A tmux that does
/// not answer in time is killed, and not asked twice.
pub fn tmux_load_buffer(payload: &str) -> std::io::Result<()> {
    match load_buffer(payload, &["load-buffer", "-w", "-"]) {
        Err(e) if e.kind() != std::io::ErrorKind::TimedOut => load_buffer(payload, &["load-buffer", "-"]),
        done => done,
    }
}

fn load_buffer(payload: &str, args: &[&str]) -> std::io::Result<()> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("tmux")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Written from a thread, so a tmux that does not read cannot block us;
    // the write ends when tmux exits or is killed and the pipe closes.
    let stdin = child.stdin.take();
    let text = payload.to_owned();
    let writer = std::thread::spawn(move || stdin.map(|mut pipe| pipe.write_all(text.as_bytes())));
    let deadline = Instant::now() + TMUX_DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(TMUX_POLL);
    };
    let _ = writer.join();
    match status {
        Some(status) if status.success() => Ok(()),
        Some(_) => Err(std::io::Error::other(format!("tmux {} failed", args.join(" ")))),
        None => Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "tmux did not answer")),
    }
}

/// `text` as one line for the clipboard: line breaks and tabs become
/// spaces; other C0 and C1 controls, DEL and bidirectional or invisible
/// formatting characters are dropped.
pub fn clipboard_text(text: &str) -> String {
    one_line(text).trim().to_string()
}

/// `text` with line breaks and tabs as spaces and other controls dropped.
fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || is_format_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// `text` with its line breaks (LF, CR) kept, for a record made of lines
/// whose breaks come from its format, never from the data (citations
/// sanitise every field); everything else as [`clipboard_text`] treats it.
pub fn clipboard_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix("\r\n") {
                Some(body) => (body, "\r\n"),
                None => line.strip_suffix('\n').map_or((line, ""), |body| (body, "\n")),
            };
            format!("{}{end}", one_line(body))
        })
        .collect()
}

/// The link to copy for `url`: only a single-line http(s) URL is copied
/// at all (the loader refuses any other, this holds for any caller).
pub fn copyable_url(url: &str) -> Option<&str> {
    is_web_url(url).then_some(url)
}

/// Only web links are ever handed to the system's opener or copied.
pub fn is_web_url(url: &str) -> bool {
    crate::data::web_url::is_web_url(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text an OSC 52 sequence puts on the clipboard.
    fn payload(sequence: &str) -> String {
        let encoded = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|rest| rest.split('\x1b').next())
            .expect("an OSC 52 sequence");
        String::from_utf8(base64_decode(encoded)).expect("UTF-8")
    }

    fn base64_decode(text: &str) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut count = 0;
        let mut out = Vec::new();
        for c in text.bytes().filter(|&c| c != b'=') {
            let value = ALPHABET.iter().position(|&a| a == c).expect("base64");
            bits = (bits << 6) | u32::try_from(value).expect("small");
            count += 6;
            if count >= 8 {
                count -= 8;
                out.push(u8::try_from((bits >> count) & 0xff).expect("a byte"));
            }
        }
        out
    }

    #[test]
    fn osc52_sequence_is_base64_with_string_terminator() {
        assert_eq!(osc52("foo", false, false), "\x1b]52;c;Zm9v\x1b\\");
    }

    #[test]
    fn tmux_gets_the_plain_and_the_wrapped_sequence() {
        assert_eq!(
            osc52("foo", true, false),
            "\x1b]52;c;Zm9v\x1b\\\x1bPtmux;\x1b\x1b]52;c;Zm9v\x1b\x1b\\\x1b\\"
        );
    }

    #[test]
    fn a_hidden_command_never_reaches_the_clipboard() {
        let hostile = "https://undocs.org/en/A/RES/70/125        \ntouch ~/pwned\n";
        let copied = payload(&osc52(hostile, false, false));
        assert!(!copied.contains('\n'), "{copied:?}");
        assert_eq!(copied, "https://undocs.org/en/A/RES/70/125         touch ~/pwned");
    }

    #[test]
    fn controls_and_bidi_overrides_are_dropped() {
        let copied = payload(&osc52(
            "a\u{1b}[31mb\u{9b}c\u{202e}d\u{2066}e\u{7f}f\u{200f}g",
            false,
            false,
        ));
        assert_eq!(copied, "a[31mbcdefg");
        assert_eq!(
            clipboard_text("Côte d’Ivoire — A/RES/70/125"),
            "Côte d’Ivoire — A/RES/70/125"
        );
    }

    #[test]
    fn a_record_keeps_its_line_breaks_and_nothing_else() {
        let record = "TY  - RPRT\r\nTI  - a\u{1b}[31mb\tc\u{202e}\r\nER  - \r\n";
        assert_eq!(
            payload(&osc52(record, false, true)),
            "TY  - RPRT\r\nTI  - a[31mb c\r\nER  - \r\n"
        );
        assert_eq!(
            clipboard_lines("@misc{x,\n  a = {1},\n}\n"),
            "@misc{x,\n  a = {1},\n}\n"
        );
        // A lone CR inside a line is no line break: it becomes a space.
        assert_eq!(clipboard_lines("a\rb\n"), "a b\n");
    }

    #[test]
    fn only_single_line_web_urls_are_copied() {
        assert_eq!(copyable_url("https://undocs.org/x"), Some("https://undocs.org/x"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x",
            "/tmp/x",
            "https://x\n",
            "https://x \ntouch ~/pwned",
        ] {
            assert!(copyable_url(bad).is_none(), "{bad:?}");
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }
}
