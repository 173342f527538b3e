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

use std::sync::OnceLock;

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
    // Most texts are ASCII with a few other chars (a dash, an accent):
    // each ASCII stretch is copied and lowercased whole, and only the
    // other chars go one by one through the table.
    let mut rest = text;
    loop {
        let ascii = rest.bytes().position(|byte| !byte.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        let Some(c) = chars.next() else { return };
        fold_char(c, &mut |f| out.push(f));
        rest = chars.as_str();
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

/// The ASCII char `c` folds to by [`SINGLE`]: sought by halves in a
/// table of every char of it, sorted once (a long text holds many dashes
/// and accents, each sought otherwise in every group's string).
fn single_fold(c: char) -> Option<char> {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: Vec<(char, char)> = SINGLE
            .iter()
            .flat_map(|&(to, from)| from.chars().map(move |c| (c, to)))
            .collect();
        table.sort_unstable();
        table
    });
    let at = table.binary_search_by_key(&c, |&(from, _)| from).ok()?;
    Some(table[at].1)
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
        } else if let Some(to) = single_fold(lower) {
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

    proptest::proptest! {
        #[test]
        fn a_text_folds_as_its_chars_fold_one_by_one(
            before in "[a-zA-Z ]{0,3}",
            text in "([a-zA-Z0-9 /-]|\\PC|[éÉßﬁİ–’ＷΣ\u{303}]){0,40}",
        ) {
            let mut by_char = before.clone();
            text.chars().for_each(|c| fold_char(c, &mut |f| by_char.push(f)));
            let mut folded = before;
            fold_onto(&text, &mut folded);
            proptest::prop_assert_eq!(folded, by_char);
        }
    }

    #[test]
    fn each_char_of_a_group_folds_to_its_letter_and_no_other_char_does() {
        for &(to, from) in SINGLE {
            for c in from.chars() {
                assert_eq!(single_fold(c), Some(to), "{c}");
            }
        }
        for c in ['a', 'æ', 'ł', 'Σ', '日', '\u{303}'] {
            let in_a_group = SINGLE.iter().any(|(_, from)| from.contains(c));
            assert_eq!(single_fold(c).is_some(), in_a_group, "{c}");
        }
    }

    #[test]
    fn indexed_fold_points_back_at_original_chars() {
        let (folded, origin) = fold_indexed("Œuvre ß");
        assert_eq!(folded, "oeuvre ss");
        assert_eq!(origin, [0, 0, 1, 2, 3, 4, 5, 6, 6]);
    }
}
