//! Folding: the same text for `João`, `JOAO` and `joao`. Both the index and
//! the query are folded, so a search matches whatever case, accents or
//! compatibility forms (fullwidth letters, ligatures, decomposed accents)
//! either side was typed in.
//!
//! A hand table rather than Unicode decomposition: NFKD alone leaves ø, æ,
//! ß, œ, đ, ł and þ as they are, so a table is needed anyway, and the table
//! below (Latin-1, Latin Extended-A and the few Extended-B letters of
//! Romanian and pinyin) covers the data without a new dependency. Letters
//! of other scripts are lowercased and otherwise kept.

/// Letters that fold to one ASCII letter, grouped by that letter.
const SINGLE: &[(char, &str)] = &[
    ('a', "àáâãäåāăąǎ"),
    ('c', "çćĉċč"),
    ('d', "ďđð"),
    ('e', "èéêëēĕėęě"),
    ('g', "ĝğġģ"),
    ('h', "ĥħ"),
    ('i', "ìíîïĩīĭįıǐ"),
    ('j', "ĵ"),
    ('k', "ķ"),
    ('l', "ĺļľŀł"),
    ('n', "ñńņňŉ"),
    ('o', "òóôõöøōŏőǒ"),
    ('r', "ŕŗř"),
    ('s', "śŝşšș"),
    ('t', "ţťŧț"),
    ('u', "ùúûüũūŭůűųǔ"),
    ('w', "ŵ"),
    ('y', "ýÿŷ"),
    ('z', "źżž"),
    // Dashes and the typographic apostrophe, as typed on a keyboard.
    ('-', "‐‑‒–—"),
    ('\'', "’‘"),
];

/// Letters that fold to several.
const MULTI: &[(char, &str)] = &[
    ('æ', "ae"),
    ('œ', "oe"),
    ('ß', "ss"),
    ('þ', "th"),
    ('ĳ', "ij"),
    ('ﬀ', "ff"),
    ('ﬁ', "fi"),
    ('ﬂ', "fl"),
    ('ﬃ', "ffi"),
    ('ﬄ', "ffl"),
    ('ﬅ', "st"),
    ('ﬆ', "st"),
];

/// Combining diacritical marks: dropped, so decomposed input folds as
/// precomposed input does.
const COMBINING: std::ops::RangeInclusive<char> = '\u{300}'..='\u{36f}';

/// Fullwidth ASCII forms and the distance to their ASCII letters.
const FULLWIDTH: std::ops::RangeInclusive<char> = '\u{ff01}'..='\u{ff5e}';
const FULLWIDTH_OFFSET: u32 = 0xfee0;

/// `text` folded: lowercase, accents and compatibility forms removed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// `text` folded into `out`, replacing what it held: the index folds
/// millions of fields into one buffer instead of a new string each.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    fold_onto(text, out);
}

/// `text` folded and appended to `out`: the query's index folds the lines
/// of a field one after another into one buffer.
pub fn fold_onto(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
}

/// `text` folded, with, for each char of the result, the index of the char
/// of `text` it came from: highlights are drawn on the original text.
pub fn fold_indexed(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (index, c) in text.chars().enumerate() {
        fold_char(c, &mut |f| {
            out.push(f);
            origin.push(index);
        });
    }
    (out, origin)
}

/// Emits the folded form of `c`: none, one or several chars.
fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        return emit(c.to_ascii_lowercase());
    }
    if FULLWIDTH.contains(&c) {
        let ascii = char::from_u32(c as u32 - FULLWIDTH_OFFSET).unwrap_or(c);
        return emit(ascii.to_ascii_lowercase());
    }
    for lower in c.to_lowercase() {
        if COMBINING.contains(&lower) {
            continue;
        }
        if let Some(&(_, many)) = MULTI.iter().find(|&&(from, _)| from == lower) {
            many.chars().for_each(&mut *emit);
        } else if let Some(&(to, _)) = SINGLE.iter().find(|(_, from)| from.contains(lower)) {
            emit(to);
        } else {
            emit(lower);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_special_letters() {
        assert_eq!(fold("João Pessoa"), "joao pessoa");
        assert_eq!(fold("Lillestrøm"), "lillestrom");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Æsir Œuvre Þing Łódź Đakovo"), "aesir oeuvre thing lodz dakovo");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("A/RES/66/64–E/2011/77"), "a/res/66/64-e/2011/77");
    }

    #[test]
    fn folds_compatibility_forms_and_decomposed_accents() {
        assert_eq!(fold("ＷＳＩＳ"), "wsis");
        assert_eq!(fold("ﬁnancing"), "financing");
        assert_eq!(fold("Joa\u{303}o"), "joao");
    }

    #[test]
    fn indexed_fold_points_back_at_original_chars() {
        let (folded, origin) = fold_indexed("Œuvre ß");
        assert_eq!(folded, "oeuvre ss");
        assert_eq!(origin, [0, 0, 1, 2, 3, 4, 5, 6, 6]);
    }
}
