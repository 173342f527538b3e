//! The checks of merged items and the indexes they find, written once and
//! run two ways: over every item to report each problem in item order, or
//! over a run of items only to learn whether any problem exists (the
//! shared checks of a large load, see [`super::shared_checks`]).

use std::collections::HashMap;
use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::{FxBuildHasher, FxHasher};

use super::aliases::AliasKeys;
use super::backlinks::Backlinks;
use super::category::{CATEGORIES, category_index};
use super::dataset::{Backlink, ItemIdx, symbol_key};
use super::date::PartialDate;
use super::id_table::IdTable;
use super::load::Problem;
use super::model::{Item, Link};
use super::paragraphs::{self, Paragraphs};
use super::relation::Relation;
use super::web_url::is_web_url;
use crate::suggest::closest;

/// Where an item is written: which file, and which entry of its list.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub(super) file: usize,
    pub(super) item: usize,
}

/// A value as an item writes it: as the field `key`, the `nth` time
/// (from 0: two links of one item may name one id).
#[derive(Debug, Clone, Copy)]
pub(super) struct Written<'v> {
    pub(super) key: &'static str,
    pub(super) value: &'v str,
    pub(super) nth: usize,
}

/// Where the checks put what they find: a full report, or only a mark
/// that something was found ([`AnyProblem`]).
pub(super) trait Problems {
    /// Records a problem at the place `value` is written as the field `key`
    /// of the item at `place`; the problem, to add a hint to, where kept.
    fn at_value(&mut self, place: Place, key: &'static str, value: &str, message: String) -> Option<&mut Problem> {
        self.at_written(place, Written { key, value, nth: 0 }, message)
    }

    /// As [`Self::at_value`], at the place `written` names.
    fn at_written(&mut self, place: Place, written: Written<'_>, message: String) -> Option<&mut Problem>;

    /// The id nearest to a mistyped one, where one is looked for.
    fn suggestion<'i>(&mut self, wanted: &str, items: &'i [Item]) -> Option<&'i str>;
}

/// Only whether any problem was found: nothing to point at, no budget of
/// suggestions spent (the full report is made again when one is found).
#[derive(Debug, Default)]
pub(super) struct AnyProblem(pub(super) bool);

impl Problems for AnyProblem {
    fn at_written(&mut self, _: Place, _: Written<'_>, _: String) -> Option<&mut Problem> {
        self.0 = true;
        None
    }

    fn suggestion<'i>(&mut self, _: &str, _: &'i [Item]) -> Option<&'i str> {
        None
    }
}

/// How the symbols are checked for duplicates: at once, against every
/// earlier item ([`SymbolTable`]), or by their keys' hashes, compared
/// after every run of items is checked ([`SymbolHashes`]).
pub(super) trait Symbols {
    fn see(&mut self, idx: ItemIdx, items: &[Item], place: Place, problems: &mut impl Problems);
}

/// Every symbol's key seen so far and its item, to report a duplicate
/// where it is met.
pub(super) struct SymbolTable(HashMap<String, ItemIdx, FxBuildHasher>);

impl SymbolTable {
    pub(super) fn with_capacity(symbols: usize) -> SymbolTable {
        SymbolTable(HashMap::with_capacity_and_hasher(symbols, FxBuildHasher))
    }
}

impl Symbols for SymbolTable {
    fn see(&mut self, idx: ItemIdx, items: &[Item], place: Place, problems: &mut impl Problems) {
        let Some(symbol) = &items[idx].symbol else { return };
        let key = symbol_key(symbol);
        if let Some(&other) = self.0.get(&key) {
            let message = format!("duplicate symbol \"{symbol}\" (also on \"{}\")", items[other].id);
            problems.at_value(place, "symbol", symbol, message);
        } else {
            self.0.insert(key, idx);
        }
    }
}

/// The hash of each symbol's key, in item order: two equal hashes may be a
/// duplicate, which the full checks then find (or not).
#[derive(Debug, Default)]
pub(super) struct SymbolHashes(pub(super) Vec<u64>);

impl Symbols for SymbolHashes {
    fn see(&mut self, idx: ItemIdx, items: &[Item], _: Place, _: &mut impl Problems) {
        if let Some(symbol) = &items[idx].symbol {
            self.0.push(symbol_key_hash(symbol));
        }
    }
}

/// A hash of [`symbol_key`]`(symbol)`, the same for the same key, made
/// without the key itself for an ASCII symbol (most): a `String` per
/// symbol was a good part of the checks' time.
pub(super) fn symbol_key_hash(symbol: &str) -> u64 {
    let mut hasher = FxHasher::default();
    if symbol.is_ascii() {
        // `symbol_key` of an ASCII symbol: trimmed and lowered, byte by byte.
        symbol
            .trim()
            .bytes()
            .for_each(|b| hasher.write_u8(b.to_ascii_lowercase()));
    } else {
        symbol_key(symbol).bytes().for_each(|b| hasher.write_u8(b));
    }
    hasher.finish()
}

/// The indexes the checks of a run of items find.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Checked {
    pub(super) dates: Vec<Option<PartialDate>>,
    pub(super) by_category: Vec<Vec<ItemIdx>>,
    pub(super) category_of: Vec<usize>,
    /// Each link to another known item: its target and how it is seen
    /// from there, by source item then link.
    pub(super) links: Vec<(ItemIdx, Backlink)>,
    /// The derived names with an alias's key ([`AliasKeys::find_in`]).
    pub(super) alias_names: Vec<(ItemIdx, String)>,
}

/// Checks the items of `range`, in order, and builds the indexes the
/// checks find.
pub(super) fn check_range(
    items: &[Item],
    range: Range<usize>,
    places: &[Place],
    by_id: &IdTable,
    alias_keys: &AliasKeys,
    problems: &mut impl Problems,
    symbols: &mut impl Symbols,
) -> Checked {
    let mut checked = Checked::for_items(range.len());
    let mut name_key = String::new();
    for idx in range {
        let (item, place) = (&items[idx], places[idx]);
        check_id(item, place, problems);
        alias_keys.find_in(idx, item, &mut checked.alias_names, &mut name_key);
        check_url(item, place, problems);
        check_paragraphs(item, place, problems);
        check_title_is_ours(item, place, problems);
        checked.category(idx, item, place, problems);
        checked.dates(item, place, problems);
        symbols.see(idx, items, place, problems);
        checked.links(idx, items, by_id, place, problems);
        check_document_of_paragraphs(items, item, by_id, place, problems);
    }
    checked
}

/// Checks an item dropped as a duplicate of the one before it with its
/// id, as every item's fields are checked, so that a file's problems are
/// all found at once, not one more after each fix: its id, url, category,
/// dates, paragraphs and links (against the `items` kept; a link to its
/// own id is one to itself). Not its symbol or aliases, which would only
/// clash with the item it repeats.
pub(super) fn check_dropped(item: &Item, place: Place, items: &[Item], by_id: &IdTable, problems: &mut impl Problems) {
    check_id(item, place, problems);
    check_url(item, place, problems);
    check_paragraphs(item, place, problems);
    check_title_is_ours(item, place, problems);
    let mut unindexed = Checked::for_items(1);
    unindexed.category(0, item, place, problems);
    unindexed.dates(item, place, problems);
    for (link, Link { to, .. }) in item.links.iter().enumerate() {
        if *to == item.id {
            let message = format!("item \"{to}\" links to itself");
            problems.at_written(place, link_target(item, link), message);
        } else if by_id.get(to, |idx| items[idx].id.as_str()).is_none() {
            unknown_link(item, link, items, place, problems);
        }
    }
    check_document_of_paragraphs(items, item, by_id, place, problems);
}

/// The dataset's indexes from its runs of checked items, in item order.
pub(super) struct Indexes {
    pub(super) dates: Vec<Option<PartialDate>>,
    pub(super) by_category: Vec<Vec<ItemIdx>>,
    pub(super) category_of: Vec<usize>,
    pub(super) backlinks: Backlinks,
    pub(super) alias_names: Vec<(ItemIdx, String)>,
}

impl Indexes {
    /// Joins `runs` (in item order) of a dataset of `items` items.
    pub(super) fn join(items: usize, runs: Vec<Checked>) -> Indexes {
        let backlinks = Backlinks::from_links(items, runs.iter().flat_map(|run| run.links.iter().copied()));
        let mut indexes = Indexes {
            dates: Vec::with_capacity(items),
            by_category: (0..CATEGORIES.len())
                .map(|cat| Vec::with_capacity(runs.iter().map(|run| run.by_category[cat].len()).sum()))
                .collect(),
            category_of: Vec::with_capacity(items),
            backlinks,
            alias_names: Vec::new(),
        };
        for run in runs {
            indexes.alias_names.extend(run.alias_names);
            indexes.dates.extend(run.dates);
            indexes.category_of.extend(run.category_of);
            for (all, these) in indexes.by_category.iter_mut().zip(run.by_category) {
                all.extend(these);
            }
        }
        indexes
    }
}

fn check_id(item: &Item, place: Place, problems: &mut impl Problems) {
    // Byte by byte: every allowed character is ASCII, and no byte of
    // another character is.
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'_');
    if item.id.is_empty() || !item.id.bytes().all(allowed) {
        let message = format!("id \"{}\" must be lowercase letters, digits, and - + . _", item.id);
        problems.at_value(place, "id", &item.id, message);
    }
}

/// A `url` is a single-line web link: it is opened and copied as it is.
fn check_url(item: &Item, place: Place, problems: &mut impl Problems) {
    if let Some(url) = item.url.as_deref().filter(|url| !is_web_url(url)) {
        let message = format!("url \"{url}\" is not a single-line http(s) link");
        if let Some(problem) = problems.at_value(place, "url", url, message) {
            problem.hint = Some("write the link alone: https://…, without spaces or control characters".into());
        }
    }
}

/// A paragraph item is cited as its document with its `paragraphs`: they
/// need a `PartOf` link to it, and where the id names paragraphs
/// ("…-para-105") the same ones. An id that names paragraphs without the
/// field is not an error: a user's file written before the field loads as
/// it did (the embedded items are held to it by a test).
fn check_paragraphs(item: &Item, place: Place, problems: &mut impl Problems) {
    let Some(text) = item.paragraphs.as_deref() else {
        return;
    };
    let named = paragraphs::named_in_id(&item.id);
    let message = match Paragraphs::parse(text) {
        Err(message) => message,
        Ok(_) if !item.links.iter().any(|link| link.rel == Relation::PartOf) => {
            "an item with `paragraphs` needs a PartOf link to its document".to_string()
        }
        Ok(paragraphs) if named.is_some_and(|named| named != paragraphs.data_form()) => {
            format!("paragraphs \"{text}\" differ from those the id \"{}\" names", item.id)
        }
        Ok(_) => return,
    };
    problems.at_value(place, "paragraphs", text, message);
}

/// A part whose title is ours is cited as its document: it needs a
/// `PartOf` link to it. A paragraph item without one is reported once,
/// by [`check_paragraphs`].
fn check_title_is_ours(item: &Item, place: Place, problems: &mut impl Problems) {
    let reported = item.paragraphs.is_some();
    if item.title_is_ours && !reported && !item.links.iter().any(|link| link.rel == Relation::PartOf) {
        let message = "an item with `title_is_ours` needs a PartOf link to its document".to_string();
        problems.at_value(place, "title_is_ours", "true", message);
    }
}

/// The item a paragraph item, or a part whose title is ours, is first
/// `PartOf` is the document it is cited as: a body or a meeting is none,
/// and a citation of one would name no text. Reported once, at the link's
/// `to` (an unknown id is reported with the links).
fn check_document_of_paragraphs(
    items: &[Item],
    item: &Item,
    by_id: &IdTable,
    place: Place,
    problems: &mut impl Problems,
) {
    if item.paragraphs.is_none() && !item.title_is_ours {
        return;
    }
    let Some(part_of) = item.links.iter().position(|link| link.rel == Relation::PartOf) else {
        return;
    };
    let to = &item.links[part_of].to;
    let Some(document) = by_id.get(to, |idx| items[idx].id.as_str()) else {
        return;
    };
    if let Some(message) = paragraphs::not_a_document(&items[document])
        && let Some(problem) = problems.at_written(place, link_target(item, part_of), message)
    {
        problem.hint = Some("link PartOf the document this item is part of".into());
    }
}

/// Reports `item`'s link `link` as naming no item of `items`, with the
/// nearest id as a hint.
fn unknown_link(item: &Item, link: usize, items: &[Item], place: Place, problems: &mut impl Problems) {
    let to = &item.links[link].to;
    let hint = problems
        .suggestion(to, items)
        .map(|close| format!("did you mean \"{close}\"?"));
    let message = format!("link to unknown id \"{to}\"");
    if let Some(problem) = problems.at_written(place, link_target(item, link), message) {
        problem.hint = hint;
    }
}

/// The `to` of `item`'s link `link`, as written: after as many others
/// writing the same id as its earlier links name.
fn link_target(item: &Item, link: usize) -> Written<'_> {
    let to = &item.links[link].to;
    let nth = item.links[..link].iter().filter(|earlier| earlier.to == *to).count();
    Written {
        key: "to",
        value: to,
        nth,
    }
}

impl Checked {
    /// Empty indexes with room for `items` items.
    fn for_items(items: usize) -> Checked {
        Checked {
            dates: Vec::with_capacity(items),
            by_category: vec![Vec::new(); CATEGORIES.len()],
            category_of: Vec::with_capacity(items),
            // About one link an item: grown, if need be, once or twice.
            links: Vec::with_capacity(items),
            alias_names: Vec::new(),
        }
    }

    fn category(&mut self, idx: ItemIdx, item: &Item, place: Place, problems: &mut impl Problems) {
        if let Some(cat) = category_index(&item.category) {
            self.by_category[cat].push(idx);
            self.category_of.push(cat);
            return;
        }
        self.category_of.push(0);
        let message = format!("unknown category \"{}\"", item.category);
        if let Some(problem) = problems.at_value(place, "category", &item.category, message) {
            let ids = || CATEGORIES.iter().map(|c| c.id);
            let nearest = closest(&item.category, ids()).map(|id| format!("did you mean \"{id}\"? "));
            let valid = ids().collect::<Vec<_>>().join(", ");
            problem.hint = Some(format!("{}valid categories: {valid}", nearest.unwrap_or_default()));
        }
    }

    fn dates(&mut self, item: &Item, place: Place, problems: &mut impl Problems) {
        let mut parse = |key: &'static str, value: Option<&str>| {
            let value = value?;
            PartialDate::parse(value)
                .map_err(|message| problems.at_value(place, key, value, message))
                .ok()
        };
        let date = parse("date", item.date.as_deref());
        let until = parse("until", item.until.as_deref());
        // A span that ends before it begins would be cited as one
        // ("12–10 December 2003").
        if let (Some(date), Some(until), Some(text)) = (date, until, item.until.as_deref())
            && until.is_before(date)
        {
            let message = format!("\"until\" {until} is before the date {date}");
            problems.at_value(place, "until", text, message);
        }
        self.dates.push(date);
    }

    fn links(&mut self, idx: ItemIdx, items: &[Item], by_id: &IdTable, place: Place, problems: &mut impl Problems) {
        for (link, Link { rel, to, .. }) in items[idx].links.iter().enumerate() {
            match by_id.get(to, |idx| items[idx].id.as_str()) {
                Some(target) if target == idx => {
                    let message = format!("item \"{to}\" links to itself");
                    problems.at_written(place, link_target(&items[idx], link), message);
                }
                Some(target) => self.links.push((
                    target,
                    Backlink {
                        from: idx,
                        rel: *rel,
                        link,
                    },
                )),
                None => unknown_link(&items[idx], link, items, place, problems),
            }
        }
    }
}
