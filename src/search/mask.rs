//! A 64-bit set of the characters a text contains: a query word can only
//! match a field whose set holds all of its characters, so most fields and
//! items are rejected with one AND before any fuzzy matching.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharMask(u64);

impl CharMask {
    /// The set of `text`'s characters; `text` is already lowercase.
    pub fn of(text: &str) -> CharMask {
        // Nearly every word is ASCII: a table lookup per byte, no decoding.
        if text.is_ascii() {
            return CharMask(text.bytes().fold(0, |mask, b| mask | ASCII_BITS[usize::from(b)]));
        }
        CharMask(text.chars().fold(0, |mask, c| mask | bit(c)))
    }

    pub fn from_bits(bits: u64) -> CharMask {
        CharMask(bits)
    }

    pub fn bits(self) -> u64 {
        self.0
    }

    /// Whether every character of `needle` may occur here.
    pub fn covers(self, needle: CharMask) -> bool {
        needle.0 & !self.0 == 0
    }
}

/// The bit of ASCII char `byte` in a [`CharMask`] (0 for whitespace).
pub const fn ascii_bit(byte: u8) -> u64 {
    ASCII_BITS[(byte & 0x7f) as usize]
}

/// [`bit`] of each ASCII character.
const ASCII_BITS: [u64; 128] = {
    let mut bits = [0; 128];
    let mut byte = 0;
    while byte < 128 {
        bits[byte] = bit(byte as u8 as char);
        byte += 1;
    }
    bits
};

/// Letters and digits get a bit each; other characters share the rest.
/// Sharing only lets a few more fields through, never fewer.
const fn bit(c: char) -> u64 {
    let index = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        c if c.is_whitespace() => return 0,
        c => 36 + c as u32 % 28,
    };
    1 << index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_only_when_every_character_is_present() {
        let field = CharMask::of("côte d'ivoire");
        assert!(field.covers(CharMask::of("ivo")));
        assert!(field.covers(CharMask::of("côte")));
        assert!(!field.covers(CharMask::of("ivz")));
        assert!(!field.covers(CharMask::of("7")));
    }

    #[test]
    fn an_ascii_text_has_the_set_its_characters_one_by_one_give() {
        for byte in 0..128u8 {
            let text = format!("a{}", byte as char);
            assert_eq!(CharMask::of(&text).bits(), bit('a') | bit(byte as char), "{byte}");
        }
    }
}
