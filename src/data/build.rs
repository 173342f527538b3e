//! Building a [`Dataset`] from data files: parse each file, merge items by
//! id (later files replace earlier items), then check every item and index
//! it. Every problem is reported, not only the first, and each costs a
//! lookup in its own item rather than a scan of the file, so a file with
//! thousands of problems takes time and memory in proportion to its size.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use rustc_hash::FxBuildHasher;

use super::aliases::Aliases;
use super::backlinks::Backlinks;
use super::category::{CATEGORIES, category_index};
use super::dataset::{Backlink, Dataset, ItemIdx, symbol_key};
use super::date::PartialDate;
use super::id_table::IdTable;
use super::id_table::Ids;
use super::load::{Problem, SourceFile};
use super::locate::{ItemValues, item_spans};
use super::model::{Item, Link};
use super::name_table::Names;
use super::origins::{Origin, Origins};
use super::paragraphs::{self, Paragraphs};
use super::parse_all::{Parsed, parse_all};
use super::position::TextMap;
use super::progress::{Progress, Stage};
use super::relation::Relation;
use super::reread::Rereads;
use super::stored_items::Items;
use super::streamed::Streamed;
use super::tables::{OwnedTables, Tables};
use super::trace;
use super::web_url::is_web_url;
use crate::suggest::closest;

/// "Did you mean" is worked out for at most this many unknown link
/// targets: each costs a pass over every id.
const MAX_SUGGESTIONS: usize = 100;

/// Parses, merges, checks and indexes `files`; every problem or the dataset.
pub(super) fn build(files: &[SourceFile], progress: &Progress) -> Result<Dataset, Vec<Problem>> {
    trace::mark("read");
    let parsed = parse_all(files, progress);
    trace::mark("parsed");
    finish(files, &Rereads::none(files.len()), parsed, progress)
}

/// [`build`] for files read from `paths` (`None` for embedded files): each
/// read file's text is freed once parsed, so the text and the checked
/// dataset are never in memory together, and read again only to point at
/// a problem found after parsing.
///
/// The files of `streamed` that are `Some` were already parsed a batch at
/// a time (their texts are empty): only the others are parsed here.
pub(super) fn build_read(
    mut files: Vec<SourceFile>,
    paths: Vec<Option<PathBuf>>,
    streamed: Vec<Option<Streamed>>,
    progress: &Progress,
) -> Result<Dataset, Vec<Problem>> {
    trace::mark("read");
    let parsed = parse_the_rest(&mut files, &streamed, progress);
    let mut known = Vec::with_capacity(files.len());
    let parsed: Vec<Parsed> = streamed
        .into_iter()
        .zip(parsed)
        .map(|(streamed, parsed)| match streamed {
            Some(Streamed { items, len, hash }) => {
                known.push(Some((len, hash)));
                Ok(items)
            }
            None => {
                known.push(None);
                parsed
            }
        })
        .collect();
    trace::mark("parsed");
    let rereads = Rereads::free_known(&mut files, paths, known);
    trace::mark("texts freed");
    finish(&files, &rereads, parsed, progress)
}

/// Parses the files not yet parsed (moved out and back, not copied); the
/// others' entries are empty lists, replaced by the caller.
fn parse_the_rest(files: &mut [SourceFile], streamed: &[Option<Streamed>], progress: &Progress) -> Vec<Parsed> {
    let rest: Vec<usize> = (0..files.len()).filter(|&at| streamed[at].is_none()).collect();
    let taken: Vec<SourceFile> = rest
        .iter()
        .map(|&at| {
            let placeholder = SourceFile {
                name: String::new(),
                text: String::new(),
                embedded: files[at].embedded,
            };
            std::mem::replace(&mut files[at], placeholder)
        })
        .collect();
    let mut parsed_rest = parse_all(&taken, progress).into_iter();
    for (&at, file) in rest.iter().zip(taken) {
        files[at] = file;
    }
    (0..files.len())
        .map(|at| match streamed[at] {
            Some(_) => Ok(Vec::new()),
            None => parsed_rest.next().unwrap_or_else(|| Ok(Vec::new())),
        })
        .collect()
}

/// Merges, checks and indexes what was parsed.
fn finish(
    files: &[SourceFile],
    rereads: &Rereads,
    parsed: Vec<Parsed>,
    progress: &Progress,
) -> Result<Dataset, Vec<Problem>> {
    let mut report = Report::new(files, rereads);
    let merged = merge(files, parsed, &mut report);
    trace::mark("merged");
    progress.set_stage(Stage::Checking);
    let dataset = index(merged, &mut report);
    trace::mark("checked and indexed");
    if report.problems.is_empty() {
        Ok(dataset)
    } else {
        Err(report.problems)
    }
}

/// Where an item is written: which file, and which entry of its list.
#[derive(Debug, Clone, Copy)]
struct Place {
    file: usize,
    item: usize,
}

/// The items after overlays have replaced what they replace.
#[derive(Default)]
struct Merged {
    items: Vec<Item>,
    origins: Origins,
    places: Vec<Place>,
    by_id: IdTable,
    /// The last file each id was seen in, to tell a duplicate within one
    /// file from a replacement by a later file.
    seen_in: Vec<usize>,
}

fn merge(files: &[SourceFile], parsed: Vec<Parsed>, report: &mut Report<'_>) -> Merged {
    // Sized once: growing by doubling would copy every item's table entries.
    let total: usize = parsed.iter().map(|p| p.as_ref().map_or(0, Vec::len)).sum();
    let mut merged = Merged::with_capacity(total);
    for (file_idx, (file, parsed)) in files.iter().zip(parsed).enumerate() {
        match parsed {
            Ok(parsed) => merged.add_file(parsed, file_idx, file, report),
            Err(problem) => report.problems.push(problem),
        }
    }
    merged
}

/// What becomes of one parsed item.
enum Fate {
    /// Kept, after the items of earlier files.
    New,
    /// Swapped into the place of the earlier file's item with its id.
    Replaces(ItemIdx),
    /// Reported, and left out.
    Duplicate,
}

/// The id of the item at an index while a file is merged: an earlier
/// file's item (in `items`), or a new item of this file (in `parsed`, at
/// the position `new_at` gives for its index less `base`).
fn id_at<'a>(items: &'a [Item], parsed: &'a [Item], new_at: &'a [usize], base: usize) -> impl Fn(ItemIdx) -> &'a str {
    move |idx| match idx.checked_sub(base) {
        None => items[idx].id.as_str(),
        Some(at) => parsed[new_at[at]].id.as_str(),
    }
}

impl Merged {
    fn with_capacity(items: usize) -> Merged {
        Merged {
            items: Vec::new(),
            origins: Origins::with_capacity(items),
            places: Vec::with_capacity(items),
            by_id: IdTable::with_capacity(items),
            seen_in: Vec::with_capacity(items),
        }
    }

    /// Adds one file's items: the new ones after those of earlier files,
    /// the others in place of what they replace. The items stay in the
    /// larger of the two vectors, so their 40 MB (at 100 000) are never
    /// copied into a second vector while the first is still held.
    fn add_file(&mut self, mut parsed: Vec<Item>, file_idx: usize, file: &SourceFile, report: &mut Report<'_>) {
        let base = self.items.len();
        // The position in `parsed` of each new item, by its index less `base`.
        let mut new_at: Vec<usize> = Vec::with_capacity(parsed.len());
        let mut swaps = Vec::new();
        for (item_idx, item) in parsed.iter().enumerate() {
            let place = Place {
                file: file_idx,
                item: item_idx,
            };
            let existing = self.by_id.get(&item.id, id_at(&self.items, &parsed, &new_at, base));
            match self.fate(item, existing, place, file, report) {
                Fate::New => {
                    new_at.push(item_idx);
                    let idx = base + new_at.len() - 1;
                    self.by_id
                        .insert(&item.id, idx, id_at(&self.items, &parsed, &new_at, base));
                }
                Fate::Replaces(existing) => swaps.push((existing, item_idx)),
                Fate::Duplicate => {}
            }
        }
        for (existing, item_idx) in swaps {
            std::mem::swap(&mut self.items[existing], &mut parsed[item_idx]);
        }
        let mut new = new_at.into_iter().peekable();
        let mut at = 0;
        parsed.retain(|_| {
            let kept = new.next_if_eq(&at).is_some();
            at += 1;
            kept
        });
        // Only where it has room for them: growing would copy it.
        if parsed.capacity() - parsed.len() >= self.items.len() && parsed.len() > self.items.len() {
            parsed.splice(0..0, self.items.drain(..));
            self.items = parsed;
        } else {
            self.items.reserve_exact(parsed.len());
            self.items.append(&mut parsed);
        }
    }

    /// Records an item: new (its origin and place pushed), replacing the
    /// earlier file's item with its id (origin and place set there), or a
    /// duplicate, reported (an id twice in one file, or in two embedded
    /// files).
    fn fate(
        &mut self,
        item: &Item,
        existing: Option<ItemIdx>,
        place: Place,
        file: &SourceFile,
        report: &mut Report<'_>,
    ) -> Fate {
        let Some(existing) = existing else {
            self.origins.push(Origin {
                file: &file.name,
                embedded: file.embedded,
                replaced: None,
            });
            self.places.push(place);
            self.seen_in.push(place.file);
            return Fate::New;
        };
        if std::mem::replace(&mut self.seen_in[existing], place.file) == place.file {
            let message = format!("duplicate id \"{}\"", item.id);
            report.at_value(place, "id", &item.id, message);
            Fate::Duplicate
        } else if file.embedded {
            let also_in = self.origins.get(existing).file;
            let message = format!("duplicate id \"{}\" (also in {also_in})", item.id);
            report.at_value(place, "id", &item.id, message);
            Fate::Duplicate
        } else {
            self.origins.replace(existing, &file.name, file.embedded);
            self.places[existing] = place;
            Fate::Replaces(existing)
        }
    }
}

/// The indexes built while checking, item by item.
struct Indexes {
    dates: Vec<Option<PartialDate>>,
    /// Only to find duplicate symbols: names are looked up in [`Aliases`].
    by_symbol: HashMap<String, ItemIdx, FxBuildHasher>,
    by_category: Vec<Vec<ItemIdx>>,
    category_of: Vec<usize>,
    backlinks: Vec<Vec<Backlink>>,
}

fn index(merged: Merged, report: &mut Report<'_>) -> Dataset {
    let Merged {
        items,
        origins,
        places,
        by_id,
        ..
    } = merged;
    // The names depend on the items alone: built on another core while
    // this one checks, their clashes reported after every other problem,
    // as when built one after the other.
    let (ix, (aliases, clashes)) = if items.len() >= NAMES_APART_FROM {
        std::thread::scope(|scope| {
            let names = scope.spawn(|| Aliases::build(&items));
            let ix = check_all(&items, &places, &by_id, report);
            let names = names.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (ix, names)
        })
    } else {
        (check_all(&items, &places, &by_id, report), Aliases::build(&items))
    };
    trace::mark("names");
    for clash in clashes {
        report.at_value(places[clash.item], "aliases", &clash.alias, clash.message);
    }
    Dataset {
        items: Items::Owned(items),
        by_id: Ids::Table(by_id),
        names: Names::Built(aliases),
        tables: Tables::Owned(OwnedTables {
            dates: ix.dates,
            origins,
            by_category: ix.by_category,
            category_of: ix.category_of,
            backlinks: Backlinks::from_lists(ix.backlinks),
        }),
    }
}

/// Items from which the names are built on a thread of their own: for
/// fewer, starting it would cost more than it saves.
const NAMES_APART_FROM: usize = 4096;

/// Checks every item, in order, and builds the indexes the checks find.
fn check_all(items: &[Item], places: &[Place], by_id: &IdTable, report: &mut Report<'_>) -> Indexes {
    let mut ix = Indexes {
        dates: Vec::with_capacity(items.len()),
        by_symbol: HashMap::default(),
        by_category: vec![Vec::new(); CATEGORIES.len()],
        category_of: Vec::with_capacity(items.len()),
        backlinks: vec![Vec::new(); items.len()],
    };
    for (idx, item) in items.iter().enumerate() {
        let place = places[idx];
        check_id(item, place, report);
        check_url(item, place, report);
        check_paragraphs(item, place, report);
        ix.category(idx, item, place, report);
        ix.dates(item, place, report);
        ix.symbol(idx, items, place, report);
        ix.links(idx, item, items, by_id, place, report);
    }
    // Only needed to find duplicates: freed before the names are built,
    // which is the peak of a cold load.
    ix.by_symbol = HashMap::default();
    trace::mark("checked");
    ix
}

fn check_id(item: &Item, place: Place, report: &mut Report<'_>) {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-+._".contains(c);
    if item.id.is_empty() || !item.id.chars().all(allowed) {
        let message = format!("id \"{}\" must be lowercase letters, digits, and - + . _", item.id);
        report.at_value(place, "id", &item.id, message);
    }
}

/// A `url` is a single-line web link: it is opened and copied as it is.
fn check_url(item: &Item, place: Place, report: &mut Report<'_>) {
    if let Some(url) = item.url.as_deref().filter(|url| !is_web_url(url)) {
        report
            .at_value(
                place,
                "url",
                url,
                format!("url \"{url}\" is not a single-line http(s) link"),
            )
            .hint = Some("write the link alone: https://…, without spaces or control characters".into());
    }
}

/// A paragraph item is cited as its document with its `paragraphs`: they
/// need a `PartOf` link to it, and where the id names paragraphs
/// ("…-para-105") the same ones. An id that names paragraphs without the
/// field is not an error: a user's file written before the field loads as
/// it did (the embedded items are held to it by a test).
fn check_paragraphs(item: &Item, place: Place, report: &mut Report<'_>) {
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
    report.at_value(place, "paragraphs", text, message);
}

impl Indexes {
    fn category(&mut self, idx: ItemIdx, item: &Item, place: Place, report: &mut Report<'_>) {
        if let Some(cat) = category_index(&item.category) {
            self.by_category[cat].push(idx);
            self.category_of.push(cat);
            return;
        }
        self.category_of.push(0);
        let message = format!("unknown category \"{}\"", item.category);
        report.at_value(place, "category", &item.category, message).hint = Some(format!(
            "valid categories: {}",
            CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
        ));
    }

    fn dates(&mut self, item: &Item, place: Place, report: &mut Report<'_>) {
        let mut parse = |key: &'static str, value: Option<&str>| {
            let value = value?;
            PartialDate::parse(value)
                .map_err(|message| report.at_value(place, key, value, message))
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
            report.at_value(place, "until", text, message);
        }
        self.dates.push(date);
    }

    fn symbol(&mut self, idx: ItemIdx, items: &[Item], place: Place, report: &mut Report<'_>) {
        let Some(symbol) = &items[idx].symbol else { return };
        let key = symbol_key(symbol);
        if let Some(&other) = self.by_symbol.get(&key) {
            let message = format!("duplicate symbol \"{symbol}\" (also on \"{}\")", items[other].id);
            report.at_value(place, "symbol", symbol, message);
        } else {
            self.by_symbol.insert(key, idx);
        }
    }

    fn links(
        &mut self,
        idx: ItemIdx,
        item: &Item,
        items: &[Item],
        by_id: &IdTable,
        place: Place,
        report: &mut Report<'_>,
    ) {
        for (link, Link { rel, to, .. }) in item.links.iter().enumerate() {
            match by_id.get(to, |idx| items[idx].id.as_str()) {
                Some(target) if target == idx => {
                    report.at_value(place, "to", to, format!("item \"{to}\" links to itself"));
                }
                Some(target) => self.backlinks[target].push(Backlink {
                    from: idx,
                    rel: *rel,
                    link,
                }),
                None => {
                    let hint = report
                        .suggestion(to, items)
                        .map(|close| format!("did you mean \"{close}\"?"));
                    report
                        .at_value(place, "to", to, format!("link to unknown id \"{to}\""))
                        .hint = hint;
                }
            }
        }
    }
}

/// The problems found so far, and what is needed to point at them.
struct Report<'a> {
    files: &'a [SourceFile],
    rereads: &'a Rereads,
    /// Per file, built when its first problem is found.
    located: Vec<Option<Located<'a>>>,
    problems: Vec<Problem>,
    suggestions_left: usize,
}

/// One file's line map and item spans, and the values of its items that
/// have problems.
struct Located<'a> {
    text: &'a str,
    map: TextMap<'a>,
    items: Vec<Range<usize>>,
    values: HashMap<usize, ItemValues<'a>>,
}

impl<'a> Report<'a> {
    fn new(files: &'a [SourceFile], rereads: &'a Rereads) -> Report<'a> {
        Report {
            files,
            rereads,
            located: files.iter().map(|_| None).collect(),
            problems: Vec::new(),
            suggestions_left: MAX_SUGGESTIONS,
        }
    }

    /// Records a problem at the place `value` is written as the field `key`
    /// of the item at `place` (else at the item, else at the file).
    fn at_value(&mut self, place: Place, key: &'static str, value: &str, message: String) -> &mut Problem {
        let file: &'a SourceFile = &self.files[place.file];
        let located = &mut self.located[place.file];
        if located.is_none()
            && let Some(text) = self.rereads.text(place.file, file)
        {
            *located = Some(Located {
                text,
                map: TextMap::new(text),
                items: item_spans(text),
                values: HashMap::new(),
            });
        }
        // A text that changed since it was parsed gives no position.
        let problem = match located
            .as_mut()
            .and_then(|l| Some((l.offset(place.item, key, value)?, &l.map)))
        {
            Some((offset, map)) => Problem::in_text(&file.name, map, offset, message),
            None => Problem::file(&file.name, message),
        };
        let at = self.problems.len();
        self.problems.push(problem);
        &mut self.problems[at]
    }

    /// The id nearest to a mistyped one, while the budget lasts.
    fn suggestion<'i>(&mut self, wanted: &str, items: &'i [Item]) -> Option<&'i str> {
        self.suggestions_left = self.suggestions_left.checked_sub(1)?;
        closest(wanted, items.iter().map(|item| item.id.as_str()))
    }
}

impl<'a> Located<'a> {
    fn offset(&mut self, item: usize, key: &'static str, value: &str) -> Option<usize> {
        let span = self.items.get(item)?.clone();
        let text = self.text;
        let values = self
            .values
            .entry(item)
            .or_insert_with(|| ItemValues::new(text, span.clone()));
        // An alias may clash through another field (a symbol, say).
        Some(
            values
                .find(key, value)
                .or_else(|| values.find_any(value))
                .unwrap_or(span.start),
        )
    }
}
