//! The items a typed name may mean, best first: what the browser's jump
//! (`:`) offers as the user types, and what the command line suggests when
//! a name names no item. Only offered, never chosen: a guessed document is
//! worse than none.

use std::cmp::Reverse;

use super::dataset::{Dataset, ItemIdx, symbol_key};
use super::model::Item;
use crate::suggest::{MAX_SLIPS_NAMED, SymbolSlip, slips_said};

/// At most `max` items whose symbol `wanted` is one slip from
/// ([`SymbolSlip`]: "2006/64" for E/RES/2006/46), in data order: what is
/// offered for a name no item answers, never taken.
pub fn symbol_slips(data: &Dataset, wanted: &str, max: usize) -> Vec<ItemIdx> {
    let Some(slip) = SymbolSlip::of(wanted) else {
        return Vec::new();
    };
    let near = |item: &Item| {
        item.symbol
            .as_deref()
            .is_some_and(|symbol| slip.is_one_slip_from(symbol))
    };
    data.items()
        .enumerate()
        .filter(|(_, item)| near(item))
        .map(|(idx, _)| idx)
        .take(max)
        .collect()
}

/// "did you mean E/RES/2006/46?" for a name one slip from the symbols of
/// some items ([`symbol_slips`]), for a status line; `None` if it is near
/// none. Named, never opened.
pub fn slips_named(data: &Dataset, wanted: &str) -> Option<String> {
    let slips = symbol_slips(data, wanted, MAX_SLIPS_NAMED);
    let symbols: Vec<&str> = slips
        .iter()
        .filter_map(|&idx| data.item(idx).symbol.as_deref())
        .collect();
    slips_said(&symbols).map(|slips| format!("did you mean {slips}?"))
}

/// How well an item answers the input; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Its id, symbol, short title or an alias starts with the input.
    NameStart,
    /// Every word of the input starts a word of its titles or aliases
    /// ("compact", "c7 health", "tunis agenda").
    WordStarts,
    /// Its id, symbol or short title holds the input somewhere.
    Inside,
}

/// At most `max` items that answer `input`, best fit first, then the
/// items most linked to (what the documents themselves refer to: "wsis+20"
/// offers the review and its outcome before its drafts), then the
/// tightest: "forum" offers "WSIS Forum" before every "WSIS Forum 20xx";
/// ties keep data order. Empty for an empty input.
pub fn candidates(data: &Dataset, input: &str, max: usize) -> Vec<ItemIdx> {
    counted_candidates(data, input, max).0
}

/// [`candidates`], and how many items answer in all (more than `max`
/// when some were left out).
pub fn counted_candidates(data: &Dataset, input: &str, max: usize) -> (Vec<ItemIdx>, usize) {
    let wanted = symbol_key(input);
    if wanted.is_empty() {
        return (Vec::new(), 0);
    }
    let words = input_words(input);
    let mut fits: Vec<(Fit, Reverse<usize>, usize, ItemIdx)> = data
        .items()
        .enumerate()
        .filter_map(|(idx, item)| {
            let (fit, len) = fit(item, &wanted, &words)?;
            Some((fit, Reverse(data.backlink_count(idx)), len, idx))
        })
        .collect();
    fits.sort_unstable();
    let answering = fits.len();
    (fits.into_iter().take(max).map(|(.., idx)| idx).collect(), answering)
}

/// How `item` answers the input (`wanted` as a symbol key, `words` its
/// words), if at all, and the length of the shortest name or title that
/// answers: among equal fits the tightest comes first ("compact" offers
/// "Global Digital Compact" before its paragraphs).
fn fit(item: &Item, wanted: &str, words: &[&str]) -> Option<(Fit, usize)> {
    let symbol = item.symbol.as_deref().unwrap_or("");
    let short = item.short_title.as_deref().unwrap_or("");
    let names = [&*item.id, symbol, short];
    let named = names.iter().copied().chain(item.aliases.iter().map(|alias| &**alias));
    let shortest = |texts: &mut dyn Iterator<Item = &str>| texts.map(str::len).min();
    if let Some(len) = shortest(&mut named.clone().filter(|name| symbol_key(name).starts_with(wanted))) {
        return Some((Fit::NameStart, len));
    }
    let title = if item.title_known() { &*item.title } else { "" };
    let texts: Vec<&str> = named.chain([title]).filter(|text| !text.is_empty()).collect();
    // Input of punctuation alone ("/") has no words: it fits nothing here.
    if !words.is_empty() && words.iter().all(|w| texts.iter().any(|text| starts_a_word(text, w))) {
        let holds_all = |text: &&str| words.iter().all(|w| starts_a_word(text, w));
        let tightest = shortest(&mut texts.iter().copied().filter(holds_all));
        return Some((Fit::WordStarts, tightest.unwrap_or(usize::MAX)));
    }
    let inside = shortest(&mut names.iter().copied().filter(|name| symbol_key(name).contains(wanted)));
    inside.map(|len| (Fit::Inside, len))
}

/// Whether a word of `text` starts with `word`, ignoring ASCII case,
/// without allocating: it runs for every item on every key.
fn starts_a_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|t| t.get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word)))
}

/// The words of the input: what lies between its spaces and punctuation.
fn input_words(input: &str) -> Vec<&str> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}
