//! The names people use for items, beyond the internal id: symbols written
//! with any case, dash or spacing ("a/res/70/125", "A/66/64"), bare
//! resolution numbers ("70/125", "2006/46"), acronyms and Action Line codes
//! ("ITU", "C3", "c7 e-health", from each item's `aliases` in the data), and
//! those numbers after a qualifier ("resolution 70/125", "ECOSOC 2006/46").
//!
//! [`super::Dataset::resolve`] also takes a GA or ECOSOC symbol without its
//! letter ("80/L.41") where no name here answers.
//!
//! One resolver serves every place that takes a name: the command line
//! (`show`, `path`, `cite`, `open`, `export --from`) and the browser's jump.

use std::collections::HashSet;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rustc_hash::FxBuildHasher;

use super::category::category_index;
use super::dataset::ItemIdx;
use super::model::Item;
use super::text::Text;

/// What a name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    One(ItemIdx),
    /// Several items answer to the name, in dataset order.
    Ambiguous(Vec<ItemIdx>),
    None,
}

/// Every item's names, by normalised key.
#[derive(Debug, Default)]
pub struct Aliases {
    /// Fx, not SipHash: names are hashed about 250 000 times at 100 000
    /// items, a large part of building the table; order never matters (the
    /// stored table sorts them). A table rather than a map: a new name is
    /// found absent and put in its place in one probe.
    by_key: HashTable<(Box<str>, Holders)>,
}

/// The items answering to one name: almost always one, kept inline rather
/// than in a list of its own (at 100 000 items the lists were a third of
/// this table, the largest a dataset holds).
#[derive(Debug, Clone)]
enum Holders {
    One(ItemIdx),
    Many(Vec<ItemIdx>),
}

impl Holders {
    fn as_slice(&self) -> &[ItemIdx] {
        match self {
            Holders::One(idx) => std::slice::from_ref(idx),
            Holders::Many(items) => items,
        }
    }

    fn add(&mut self, idx: ItemIdx) {
        match self {
            Holders::One(first) if *first != idx => *self = Holders::Many(vec![*first, idx]),
            Holders::Many(items) if !items.contains(&idx) => items.push(idx),
            _ => {}
        }
    }
}

/// An alias from the data that cannot be used: empty, or already a name of
/// another item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub item: ItemIdx,
    pub alias: String,
    pub message: String,
}

/// The keys of the data's aliases: the only names an alias can clash
/// with, sought among the derived names while the load checks each item
/// (its id and symbol then read once, not again by another pass).
#[derive(Debug, Default)]
pub struct AliasKeys {
    keys: HashSet<String, FxBuildHasher>,
    /// A bit per [`key_filter_hash`] of a key, in [`KEY_FILTER_WORDS`]
    /// words: an ASCII name whose key's bit is clear is no alias's, known
    /// without writing its key or looking it up (every item's id and
    /// symbol are asked, and almost none is an alias's).
    filter: Vec<u64>,
}

/// Words of [`AliasKeys`]'s filter: 16 384 bits, few set by a few hundred
/// aliases.
const KEY_FILTER_WORDS: usize = 256;

impl AliasKeys {
    pub fn of(items: &[Item]) -> AliasKeys {
        let keys: HashSet<String, FxBuildHasher> = items
            .iter()
            .flat_map(|item| item.aliases.iter())
            .map(|alias| key(alias))
            .collect();
        let mut filter = vec![0u64; KEY_FILTER_WORDS];
        for key in &keys {
            let (word, bit) = filter_place(key_filter_hash(key.bytes()));
            filter[word] |= bit;
        }
        AliasKeys { keys, filter }
    }

    /// False when the key of `name` is surely no alias's: an ASCII name
    /// whose key's bit is clear. Its key is hashed as it is read.
    fn may_hold(&self, name: &str) -> bool {
        if !name.is_ascii() {
            return true;
        }
        let (word, bit) = filter_place(key_filter_hash(ascii_key_bytes(name)));
        self.filter[word] & bit != 0
    }

    /// Pushes onto `found` each derived name of item `idx` whose key is
    /// an alias's, as that key, in [`Aliases::build`]'s order; `name_key`
    /// is room for a key, reused from item to item.
    pub fn find_in(&self, idx: ItemIdx, item: &Item, found: &mut Vec<(ItemIdx, String)>, name_key: &mut String) {
        if self.keys.is_empty() {
            return;
        }
        each_derived_name(item, |name| {
            if !self.may_hold(name) {
                return;
            }
            key_into(name, name_key);
            if self.keys.contains(name_key.as_str()) {
                found.push((idx, name_key.clone()));
            }
        });
    }
}

/// Words that may stand before a number or code, and the category they
/// narrow the search to ("ECOSOC 2006/46"). Longer phrases come first.
const QUALIFIERS: &[(&str, Option<&str>)] = &[
    ("economic and social council", Some("ecosoc")),
    ("general assembly", Some("ga")),
    ("action line", Some("action-line")),
    ("resolution", None),
    ("res.", None),
    ("res", None),
    ("ecosoc", Some("ecosoc")),
    ("unga", Some("ga")),
    ("ga", Some("ga")),
];

/// The hash of a normalised name in the table of names.
fn key_hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// The part of a symbol after which a resolution's number follows.
const RESOLUTION_MARK: &str = "/res/";

/// The names a symbol gives its item, mostly: itself and a resolution's
/// number (to size the table of names).
const NAMES_OF_A_SYMBOL: usize = 2;

impl Aliases {
    /// The names of `items`, and the data aliases that clash.
    pub fn build(items: &[Item]) -> (Aliases, Vec<Clash>) {
        // Sized once for every name, never rehashed: an id, a symbol
        // and most often a resolution's number, and the aliases.
        let names: usize = items
            .iter()
            .map(|item| 1 + NAMES_OF_A_SYMBOL * usize::from(item.symbol.is_some()) + item.aliases.len())
            .sum();
        let mut aliases = Aliases {
            by_key: HashTable::with_capacity(names),
        };
        aliases.add_derived_names(items);
        let clashes = aliases.add_data_aliases(items);
        (aliases, clashes)
    }

    /// The data aliases of `items` that clash, as [`Aliases::build`]
    /// finds them, without the table of every name (the largest built at
    /// a load, and needed only when a name is resolved): an alias is
    /// checked against the holders of its own key alone, so the derived
    /// names with the key of some alias (`alias_names`, in item order, as
    /// [`AliasKeys::find_in`] gives them) are all it needs.
    pub fn clashes(items: &[Item], alias_names: &[(ItemIdx, String)]) -> Vec<Clash> {
        let mut aliases = Aliases::default();
        for (idx, name_key) in alias_names {
            aliases.insert(name_key, *idx);
        }
        aliases.add_data_aliases(items)
    }

    /// Adds every derived name of `items`.
    fn add_derived_names(&mut self, items: &[Item]) {
        // One buffer for every key: a table's key is made only when new.
        let mut name_key = String::new();
        for (idx, item) in items.iter().enumerate() {
            each_derived_name(item, |name| {
                key_into(name, &mut name_key);
                self.insert(&name_key, idx);
            });
        }
    }

    /// Adds the data aliases of `items` (after their derived names), in
    /// order; returns those that are empty or already another item's name.
    fn add_data_aliases(&mut self, items: &[Item]) -> Vec<Clash> {
        let mut clashes = Vec::new();
        for (idx, item) in items.iter().enumerate() {
            for alias in &item.aliases {
                let alias_key = key(alias);
                let others: Vec<ItemIdx> = self.candidates(&alias_key).into_iter().filter(|&o| o != idx).collect();
                let message = if alias_key.is_empty() {
                    format!("alias \"{alias}\" of \"{}\" is empty", item.id)
                } else if let Some(&other) = others.first() {
                    format!(
                        "alias \"{alias}\" of \"{}\" is already a name of \"{}\"",
                        item.id, items[other].id
                    )
                } else {
                    self.insert(&alias_key, idx);
                    continue;
                };
                clashes.push(Clash {
                    item: idx,
                    alias: alias.to_string(),
                    message,
                });
            }
        }
        clashes
    }

    fn insert(&mut self, key: &str, idx: ItemIdx) {
        let found = self
            .by_key
            .entry(key_hash(key), |(held, _)| **held == *key, |(held, _)| key_hash(held));
        match found {
            Entry::Occupied(mut entry) => entry.get_mut().1.add(idx),
            Entry::Vacant(entry) => {
                entry.insert((Box::from(key), Holders::One(idx)));
            }
        }
    }

    /// The items answering to the normalised name `key`.
    fn holders(&self, key: &str) -> Option<&Holders> {
        self.by_key
            .find(key_hash(key), |(held, _)| **held == *key)
            .map(|(_, holders)| holders)
    }

    /// Whether item `idx` answers to the normalised name `key`.
    pub(super) fn holds(&self, key: &str, idx: ItemIdx) -> bool {
        self.holders(key)
            .is_some_and(|holders| holders.as_slice().contains(&idx))
    }

    fn candidates(&self, key: &str) -> Vec<ItemIdx> {
        self.holders(key)
            .map(|holders| holders.as_slice().to_vec())
            .unwrap_or_default()
    }

    /// The items that answer to `name`; `category_of` gives an item's
    /// category index, to honour a qualifier such as "ECOSOC".
    pub fn resolve(&self, name: &str, category_of: impl Fn(ItemIdx) -> usize) -> Resolved {
        let mut found = self.candidates(&key(name));
        if found.is_empty() {
            found = self.qualified(name, category_of);
        }
        found.sort_unstable();
        match found.as_slice() {
            [] => Resolved::None,
            [one] => Resolved::One(*one),
            _ => Resolved::Ambiguous(found),
        }
    }

    /// "resolution 70/125", "ECOSOC 2006/46": qualifiers stripped, the
    /// rest looked up, and kept to the category a qualifier names.
    fn qualified(&self, name: &str, category_of: impl Fn(ItemIdx) -> usize) -> Vec<ItemIdx> {
        let Some((rest, category)) = qualified_key(name) else {
            return Vec::new();
        };
        self.candidates(&rest)
            .into_iter()
            .filter(|&idx| category.is_none_or(|c| category_of(idx) == c))
            .collect()
    }

    /// Every normalised name and the items answering to it (for the
    /// dataset cache's table of names).
    pub(super) fn entries(&self) -> impl Iterator<Item = (&str, &[ItemIdx])> {
        self.by_key.iter().map(|(key, holders)| (&**key, holders.as_slice()))
    }
}

/// The items whose title or short title is `name` (compared as names are):
/// what a reader copies from the screen ("Global Digital Compact"); failing
/// those, the items whose short title starts with `name`, holding a digit,
/// and a colon ("TA para 105" for "TA para 105: ECOSOC & CSTD"). Only asked when no name
/// answers, so titles never shadow or clash with names.
pub fn by_title<'a>(items: impl IntoIterator<Item = &'a Item> + Clone, name: &str) -> Resolved {
    let wanted = key(name);
    if wanted.is_empty() {
        return Resolved::None;
    }
    let whole = |item: &Item| {
        let titled = item.title_known() && key(&item.title) == wanted;
        titled || item.short_title.as_deref().is_some_and(|short| key(short) == wanted)
    };
    // A head with a number is a reference ("TA para 105", "ICT4D 2010");
    // one without names a body or process ("DESA: UN-system reviews"),
    // which its own names answer for: a head must never stand in for them
    // when they cannot be read (a damaged stored table of names).
    let before_colon = |item: &Item| {
        let head = item.short_title.as_deref().and_then(|short| short.split_once(':'));
        head.is_some_and(|(head, _)| head.contains(|c: char| c.is_ascii_digit()) && key(head) == wanted)
    };
    match items_where(items.clone(), whole) {
        Resolved::None => items_where(items, before_colon),
        found => found,
    }
}

/// The items for which `holds` is true, in order.
pub(super) fn items_where<'a>(items: impl IntoIterator<Item = &'a Item>, holds: impl Fn(&Item) -> bool) -> Resolved {
    let found: Vec<ItemIdx> = items
        .into_iter()
        .enumerate()
        .filter(|(_, item)| holds(item))
        .map(|(idx, _)| idx)
        .collect();
    match found.as_slice() {
        [] => Resolved::None,
        [one] => Resolved::One(*one),
        _ => Resolved::Ambiguous(found),
    }
}

/// The items whose symbol, or half of a joint symbol, is `name` written
/// with dashes for its slashes, as in file names and URLs ("A-RES-80-173",
/// "WSIS-03-GENEVA-DOC-4-E"): a `/` and a dash count as one mark, case
/// and spaces aside. Only a name with a dash and no `/` is such a name.
pub fn by_dashed_symbol<'a>(items: impl IntoIterator<Item = &'a Item>, name: &str) -> Resolved {
    let Some(wanted) = dashed_key(name).filter(|_| !name.contains('/') && name.contains(is_dash)) else {
        return Resolved::None;
    };
    items_where(items, |item| {
        symbol_parts(item).any(|part| dashed_key(part).is_some_and(|k| k == wanted))
    })
}

/// An item's symbol whole and, for a joint one, each half.
fn symbol_parts(item: &Item) -> impl Iterator<Item = &str> {
    let symbol = item.symbol.as_deref().unwrap_or("");
    std::iter::once(symbol)
        .filter(|s| !s.is_empty())
        .chain(joint_halves(symbol))
}

/// The halves of a joint symbol ("A/66/64–E/2011/77": "A/66/64" and
/// "E/2011/77"), split at each dash that starts another organ's symbol
/// (letters, then '/'); none for a symbol of one organ, whose dashes
/// belong to it ("A/ES-10/L.22", "WSIS-03/GENEVA/DOC/4-E").
pub fn joint_halves(symbol: &str) -> Vec<&str> {
    let starts_a_symbol = |rest: &str| {
        let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
        letters > 0 && rest[letters..].starts_with('/')
    };
    let mut halves = Vec::new();
    let mut start = 0;
    for (at, dash) in symbol.match_indices(is_dash) {
        let after = at + dash.len();
        if starts_a_symbol(&symbol[after..]) && symbol[start..at].contains('/') {
            halves.push(&symbol[start..at]);
            start = after;
        }
    }
    if halves.is_empty() {
        return halves;
    }
    halves.push(&symbol[start..]);
    halves
}

/// `name` lowered, without spaces, every `/` and dash one mark: the form
/// in which a symbol and its dashed spelling agree. `None` when empty.
fn dashed_key(name: &str) -> Option<String> {
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '/' || is_dash(c) { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    (!key.is_empty()).then_some(key)
}

/// The key of `name` with its qualifiers stripped ("ECOSOC 2006/46" →
/// "2006/46"), and the category index the last narrowing one names;
/// `None` when `name` starts with no qualifier.
pub fn qualified_key(name: &str) -> Option<(String, Option<usize>)> {
    let words = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut rest = words.as_str();
    let mut category = None;
    while let Some((qualifier, narrows)) = QUALIFIERS
        .iter()
        .find(|(q, _)| rest.strip_prefix(q).is_some_and(|after| after.starts_with(' ')))
    {
        rest = rest[qualifier.len()..].trim_start();
        category = narrows.and_then(category_index).or(category);
    }
    (rest.len() != words.len()).then(|| (key(rest), category))
}

/// The keys an item answers to in a dataset without clashes: those of its
/// derived names and of its aliases.
pub fn item_keys(item: &Item) -> Vec<String> {
    derived_names(item)
        .iter()
        .map(String::as_str)
        .chain(item.aliases.iter().map(Text::as_str))
        .map(key)
        .collect()
}

/// The names an item has without any `aliases` in the data: its id, its
/// symbol, each half of a joint symbol, and a resolution's bare number
/// (in its symbol's case, or lowered: names compare without case).
pub fn derived_names(item: &Item) -> Vec<String> {
    let mut names = Vec::new();
    each_derived_name(item, |name| names.push(name.to_string()));
    names
}

/// [`derived_names`] one by one, without a list or a copy of each.
fn each_derived_name(item: &Item, mut name: impl FnMut(&str)) {
    name(&item.id);
    let Some(symbol) = &item.symbol else { return };
    name(symbol);
    // "A/66/64–E/2011/77" is also found as "A/66/64" and "E/2011/77".
    let halves = joint_halves(symbol);
    halves.iter().for_each(|half| name(half));
    let whole = [symbol.as_str()];
    let parts: &[&str] = if halves.is_empty() { &whole } else { &halves };
    for part in parts {
        // An ASCII part's number is given in its own case (the key of a
        // name has none), without a lowered copy of the part.
        if part.is_ascii() {
            let mark = RESOLUTION_MARK.as_bytes();
            let found = part
                .as_bytes()
                .windows(mark.len())
                .position(|w| w.eq_ignore_ascii_case(mark));
            if let Some(at) = found {
                name(&part[at + mark.len()..]);
            }
            continue;
        }
        let lower = part.to_lowercase();
        if let Some(at) = lower.find(RESOLUTION_MARK) {
            name(&lower[at + RESOLUTION_MARK.len()..]);
        }
    }
}

/// Names compare without case, spaces or dashes of any kind, so "C7
/// e-health", "c7 E‑health" and "C7E-HEALTH" are one name, as are
/// "A/RES/70/125" and "a / res / 70 / 125".
pub fn key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    key_into(name, &mut key);
    key
}

/// [`key`] written into `key` (emptied first), to reuse its room.
fn key_into(name: &str, key: &mut String) {
    key.clear();
    if name.is_ascii() {
        return ascii_key(name, key);
    }
    key.extend(
        name.chars()
            .filter(|&c| !c.is_whitespace() && !is_dash(c) && c != '_')
            .flat_map(char::to_lowercase),
    );
}

/// [`key`] of an ASCII name (most names), byte by byte: the same
/// characters are dropped (ASCII whitespace as `char::is_whitespace` has
/// it, with vertical tab and form feed) and lowered.
fn ascii_key(name: &str, key: &mut String) {
    key.extend(ascii_key_bytes(name).map(char::from));
}

/// The bytes of the key of an ASCII name: [`ascii_key`]'s, not written.
fn ascii_key_bytes(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.bytes()
        .filter(|byte| !matches!(byte, b'\t'..=b'\r' | b' ' | b'-' | b'_'))
        .map(|byte| byte.to_ascii_lowercase())
}

/// FNV-1a of a key's bytes, given one by one as a name is read.
fn key_filter_hash(bytes: impl Iterator<Item = u8>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    bytes.fold(OFFSET, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// The word and bit of a hash in [`AliasKeys`]'s filter.
fn filter_place(hash: u64) -> (usize, u64) {
    let bit = (hash % (KEY_FILTER_WORDS as u64 * u64::from(u64::BITS))) as usize;
    (bit / u64::BITS as usize, 1 << (bit % u64::BITS as usize))
}

/// Hyphen-minus, the Unicode hyphens and dashes, and the minus sign.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_key_is_the_key_of_every_character() {
        let all_ascii: String = (0u8..128).map(char::from).collect();
        let by_chars: String = all_ascii
            .chars()
            .filter(|&c| !c.is_whitespace() && !is_dash(c) && c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(key(&all_ascii), by_chars);
        assert_eq!(key("A/RES/70/125"), "a/res/70/125");
    }

    fn item(id: &str, symbol: Option<&str>, aliases: &[&str]) -> Item {
        Item {
            id: id.into(),
            category: "ga".into(),
            symbol: symbol.map(Into::into),
            aliases: aliases.iter().map(|&a| Text::from(a)).collect(),
            ..Item::default()
        }
    }

    fn resolve(aliases: &Aliases, name: &str) -> Resolved {
        aliases.resolve(name, |_| 1)
    }

    #[test]
    fn symbols_match_in_any_case_dash_and_spacing() {
        let items = [
            item("ga-70-125", Some("A/RES/70/125"), &[]),
            item("joint", Some("A/66/64–E/2011/77"), &[]),
        ];
        let (aliases, clashes) = Aliases::build(&items);
        assert!(clashes.is_empty());
        for name in [
            "a/res/70/125",
            " A / RES / 70 / 125 ",
            "70/125",
            "resolution 70/125",
            "GA 70/125",
        ] {
            assert_eq!(resolve(&aliases, name), Resolved::One(0), "{name}");
        }
        for name in ["A/66/64", "e/2011/77", "A/66/64-E/2011/77", "a/66/64 — e/2011/77"] {
            assert_eq!(resolve(&aliases, name), Resolved::One(1), "{name}");
        }
        assert_eq!(resolve(&aliases, "resolution"), Resolved::None);
        assert_eq!(resolve(&aliases, "ECOSOC 70/125"), Resolved::None, "category narrows");
    }

    #[test]
    fn data_aliases_resolve_and_clashes_are_reported() {
        let items = [
            item("al-c7-e-health", None, &["C7 e-health", "e-health"]),
            item("who", None, &["e health", ""]),
        ];
        let (aliases, clashes) = Aliases::build(&items);
        assert_eq!(resolve(&aliases, "c7 E‑HEALTH"), Resolved::One(0));
        assert_eq!(resolve(&aliases, "WHO"), Resolved::One(1));
        let messages: Vec<&str> = clashes.iter().map(|c| c.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "alias \"e health\" of \"who\" is already a name of \"al-c7-e-health\"",
                "alias \"\" of \"who\" is empty"
            ]
        );
    }

    #[test]
    fn titles_answer_only_when_no_name_does() {
        let mut gdc = item("gdc", None, &[]);
        gdc.title = "Global Digital Compact".into();
        let mut other = item("x", None, &[]);
        other.short_title = Some("GDC text".into());
        let items = [gdc, other];
        assert_eq!(by_title(&items, "global digital  compact"), Resolved::One(0));
        assert_eq!(by_title(&items, "GDC-text"), Resolved::One(1));
        assert_eq!(by_title(&items, "digital compact"), Resolved::None, "whole titles only");
        assert_eq!(by_title(&items, "GDC"), Resolved::None, "no colon, no head");
        assert_eq!(by_title(&items, " "), Resolved::None);
    }

    #[test]
    fn the_head_of_a_short_title_before_its_colon_answers_when_unique() {
        let titled = |id: &str, title: &str, short: &str| Item {
            title: title.into(),
            short_title: Some(short.into()),
            ..item(id, None, &[])
        };
        let items = [
            titled("p105", "Paragraph 105", "TA para 105: ECOSOC & CSTD"),
            titled("p72", "Paragraph 72", "TA para 72: IGF mandate"),
            titled("p72-again", "Paragraph 72 again", "TA para 72: again"),
            titled("whole", "TA para 105", "Whole title"),
        ];
        assert_eq!(by_title(&items, "TA para 105"), Resolved::One(3), "a whole title first");
        assert_eq!(by_title(&items[..3], "ta  PARA 105"), Resolved::One(0));
        assert_eq!(by_title(&items, "TA para 72"), Resolved::Ambiguous(vec![1, 2]));
        assert_eq!(by_title(&items, "ECOSOC & CSTD"), Resolved::None, "the head only");
        assert_eq!(by_title(&items, "TA para"), Resolved::None, "the whole head");
        let body_head = [titled("review", "A review by DESA", "DESA: UN-system reviews")];
        assert_eq!(by_title(&body_head, "DESA"), Resolved::None, "a head without a number");
    }

    #[test]
    fn a_symbol_written_with_dashes_for_slashes_names_its_item() {
        let items = [
            item("ga-80-173", Some("A/RES/80/173"), &[]),
            item("dop", Some("WSIS-03/GENEVA/DOC/4-E"), &[]),
            item("joint", Some("A/66/64–E/2011/77"), &[]),
            item("no-symbol", None, &[]),
        ];
        for (name, found) in [
            ("A-RES-80-173", Resolved::One(0)),
            ("a-res-80-173", Resolved::One(0)),
            ("A‐RES‐80‐173", Resolved::One(0)),
            ("wsis-03-geneva-doc-4-e", Resolved::One(1)),
            ("A-66-64-E-2011-77", Resolved::One(2)),
            ("E-2011-77", Resolved::One(2)),
            ("A/RES-80-173", Resolved::None),
            ("ARES80173", Resolved::None),
            ("A-RES-80", Resolved::None),
            ("-", Resolved::None),
        ] {
            assert_eq!(by_dashed_symbol(&items, name), found, "{name}");
        }
        let twins = [item("x", Some("A/1-2"), &[]), item("y", Some("A-1/2"), &[])];
        assert_eq!(by_dashed_symbol(&twins, "a-1-2"), Resolved::Ambiguous(vec![0, 1]));
    }

    #[test]
    fn a_joint_symbol_splits_where_another_organs_symbol_starts() {
        assert_eq!(joint_halves("A/66/64–E/2011/77"), ["A/66/64", "E/2011/77"]);
        assert_eq!(joint_halves("A/1/2-E/3/4"), ["A/1/2", "E/3/4"]);
        for one_organ in ["A/ES-10/L.22", "WSIS-03/GENEVA/DOC/4-E", "A/RES/70/125", "", "-E/1"] {
            assert!(joint_halves(one_organ).is_empty(), "{one_organ}");
        }
    }

    #[test]
    fn a_name_shared_by_derived_forms_is_ambiguous() {
        let items = [item("x-1", None, &[]), item("x1", None, &[])];
        let (aliases, _) = Aliases::build(&items);
        assert_eq!(resolve(&aliases, "X 1"), Resolved::Ambiguous(vec![0, 1]));
    }

    /// Names from a few spellings of a few keys, so that ids, symbols,
    /// resolution numbers and aliases meet.
    const SPELLINGS: [&str; 8] = ["a/res/1", "A-RES-1", "1", "c3", "C 3", "x", "", "A/RES/1–E/RES/2"];

    /// Ids, some with the key of a spelling above ("C3" and "c3").
    const IDS: [&str; 5] = ["x", "C3", "i1", "i2", "a-res-1"];

    fn generated_item() -> impl proptest::strategy::Strategy<Value = (usize, Option<usize>, Vec<usize>)> {
        use proptest::prelude::*;
        let spelling = || 0..SPELLINGS.len();
        (
            0..IDS.len(),
            prop::option::of(spelling()),
            prop::collection::vec(spelling(), 0..3),
        )
    }

    proptest::proptest! {
        /// The clashes found from the derived names with an alias's key
        /// alone are those found with the table of every name: the same
        /// messages, items and order.
        #[test]
        fn clashes_from_the_alias_keys_are_those_of_the_whole_table(
            specs in proptest::collection::vec(generated_item(), 0..12),
        ) {
            let items: Vec<Item> = specs
                .iter()
                .map(|(id, symbol, aliases)| {
                    let aliases: Vec<&str> = aliases.iter().map(|&a| SPELLINGS[a]).collect();
                    item(IDS[*id], symbol.map(|s| SPELLINGS[s]), &aliases)
                })
                .collect();
            let keys = AliasKeys::of(&items);
            let (mut alias_names, mut name_key) = (Vec::new(), String::new());
            for (idx, item) in items.iter().enumerate() {
                keys.find_in(idx, item, &mut alias_names, &mut name_key);
            }
            proptest::prop_assert_eq!(Aliases::clashes(&items, &alias_names), Aliases::build(&items).1);
        }
    }
}
