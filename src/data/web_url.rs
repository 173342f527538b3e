//! What counts as a web link: the only kind of `url` a data file may give,
//! the only kind handed to the system's opener or put on the clipboard.

/// A single-line `http://` or `https://` URL with no whitespace, no control
/// characters and no bidirectional formatting characters, which could make
/// a link look like another (or carry a command past a paste).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > lower.find("//").map_or(0, |at| at + 2)
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_format_control(c))
}

/// Bidirectional marks, embeddings, overrides and isolates, and other
/// invisible formatting characters.
pub fn is_format_control(c: char) -> bool {
    matches!(c,
        '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_are_accepted() {
        assert!(is_web_url("https://undocs.org/en/A/RES/70/125"));
        assert!(is_web_url("HTTP://www.itu.int/net/wsis/"));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://",
            "ftp://x",
            " https://x",
            "https://x \ntouch ~/pwned\n",
            "https://x\u{202e}gpj.exe",
            "https://x\u{9b}31m",
            "https://a b",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }
}
