//! Building a [`Dataset`] from data files: parse each file, merge items by
//! id (later files replace earlier items), then check every item and index
//! it. Every problem is reported, not only the first, and each costs a
//! lookup in its own item rather than a scan of the file, so a file with
//! thousands of problems takes time and memory in proportion to its size.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::aliases::{AliasKeys, Aliases};
use super::checks::{Indexes, Place, Problems, SymbolTable, Written, check_dropped, check_range};
use super::dataset::{Dataset, ItemIdx};
use super::id_table::{self, IdTable, Ids};
use super::load::{Problem, SourceFile};
use super::locate::{ItemValues, item_spans};
use super::model::Item;
use super::name_table::Names;
use super::origins::{Origin, Origins};
use super::parse_all::{Parsed, parse_all};
use super::position::TextMap;
use super::progress::{Progress, Stage};
use super::reread::Rereads;
use super::shared_checks::{ITEMS_PER_RUN, check_shared};
use super::stored_items::Items;
use super::streamed::Streamed;
use super::tables::{OwnedTables, Tables};
use super::trace;
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
    finish_sharing(files, rereads, parsed, progress, SHARING)
}

/// When the checks are shared between two threads, and in runs of how
/// many items (a parameter for the tests, which share small datasets).
#[derive(Debug, Clone, Copy)]
struct Sharing {
    from_items: usize,
    run_items: usize,
}

const SHARING: Sharing = Sharing {
    from_items: SHARED_FROM_ITEMS,
    run_items: ITEMS_PER_RUN,
};

/// [`finish`], sharing the checks as `sharing` says.
fn finish_sharing(
    files: &[SourceFile],
    rereads: &Rereads,
    parsed: Vec<Parsed>,
    progress: &Progress,
    sharing: Sharing,
) -> Result<Dataset, Vec<Problem>> {
    let mut report = Report::new(files, rereads);
    let merged = merge(files, parsed, &mut report);
    trace::mark("merged");
    progress.set_stage(Stage::Checking);
    let dataset = index(merged, &mut report, sharing);
    trace::mark("checked and indexed");
    if report.problems.is_empty() {
        Ok(dataset)
    } else {
        Err(report.problems)
    }
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
    /// The items dropped as duplicates, and where each is, to check their
    /// other fields too.
    dropped: Vec<(Item, Place)>,
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

/// The hash of each item's id, made on two threads for a large file:
/// reading every id is most of the time of merging, and needs no order.
fn id_hashes(items: &[Item]) -> Vec<u64> {
    let hashes = |items: &[Item]| items.iter().map(|item| id_table::hash(&item.id)).collect::<Vec<u64>>();
    if items.len() < SHARED_FROM_ITEMS {
        return hashes(items);
    }
    let (first, second) = items.split_at(items.len() / 2);
    let (mut first, second) = std::thread::scope(|scope| {
        let other = scope.spawn(|| hashes(second));
        let first = hashes(first);
        (
            first,
            other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        )
    });
    first.extend(second);
    first
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
            dropped: Vec::new(),
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
        let mut duplicates = Vec::new();
        let hashes = id_hashes(&parsed);
        for (item_idx, (item, &hash)) in parsed.iter().zip(&hashes).enumerate() {
            let place = Place {
                file: file_idx,
                item: item_idx,
            };
            let id_of = id_at(&self.items, &parsed, &new_at, base);
            let existing = self.by_id.get_hashed(hash, &item.id, id_of);
            match self.fate(item, existing, place, file, report) {
                Fate::New => {
                    new_at.push(item_idx);
                    let idx = base + new_at.len() - 1;
                    self.by_id
                        .insert_hashed(hash, idx, id_at(&self.items, &parsed, &new_at, base));
                }
                Fate::Replaces(existing) => swaps.push((existing, item_idx)),
                Fate::Duplicate => duplicates.push(place),
            }
        }
        for place in duplicates {
            self.dropped.push((std::mem::take(&mut parsed[place.item]), place));
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
            report.record(place, "id", &item.id, message);
            Fate::Duplicate
        } else if file.embedded {
            let also_in = self.origins.get(existing).file;
            let message = format!("duplicate id \"{}\" (also in {also_in})", item.id);
            report.record(place, "id", &item.id, message);
            Fate::Duplicate
        } else {
            self.origins.replace(existing, &file.name, file.embedded);
            self.places[existing] = place;
            Fate::Replaces(existing)
        }
    }
}

fn index(merged: Merged, report: &mut Report<'_>, sharing: Sharing) -> Dataset {
    let Merged {
        items,
        origins,
        places,
        by_id,
        dropped,
        ..
    } = merged;
    // The shared checks only tell whether there is a problem: if there
    // is, the serial checks report them all, in order. The names
    // themselves are built when first asked; only their clashes are
    // found here, reported after every other problem.
    let alias_keys = AliasKeys::of(&items);
    let ix = if items.len() >= sharing.from_items {
        let shared = check_shared(&items, &places, &by_id, &alias_keys, sharing.run_items);
        trace::mark("checked");
        shared.unwrap_or_else(|| check_all(&items, &places, &by_id, &alias_keys, report))
    } else {
        check_all(&items, &places, &by_id, &alias_keys, report)
    };
    for clash in Aliases::clashes(&items, &ix.alias_names) {
        report.record(places[clash.item], "aliases", &clash.alias, clash.message);
    }
    for (item, place) in &dropped {
        check_dropped(item, *place, &items, &by_id, report);
    }
    Dataset {
        items: Items::Owned(items),
        by_id: Ids::Table(by_id),
        names: Names::FromItems(OnceLock::new()),
        tables: Tables::Owned(OwnedTables {
            dates: ix.dates,
            origins,
            by_category: ix.by_category,
            category_of: ix.category_of,
            backlinks: ix.backlinks,
        }),
    }
}

/// Items from which the checks (and the hashing of ids) are shared
/// between two threads: for fewer, starting one would cost more than it
/// saves.
const SHARED_FROM_ITEMS: usize = 4096;

/// Checks every item, in order, reporting each problem, and builds the
/// indexes the checks find.
fn check_all(
    items: &[Item],
    places: &[Place],
    by_id: &IdTable,
    alias_keys: &AliasKeys,
    report: &mut Report<'_>,
) -> Indexes {
    let symbol_count = items.iter().filter(|item| item.symbol.is_some()).count();
    let mut symbols = SymbolTable::with_capacity(symbol_count);
    let checked = check_range(items, 0..items.len(), places, by_id, alias_keys, report, &mut symbols);
    // Only needed to find duplicates: freed before the indexes are joined.
    drop(symbols);
    trace::mark("checked");
    Indexes::join(items.len(), vec![checked])
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
    fn record(&mut self, place: Place, key: &'static str, value: &str, message: String) -> &mut Problem {
        self.record_written(place, Written { key, value, nth: 0 }, message)
    }

    /// [`Self::record`] at the place `written` names.
    fn record_written(&mut self, place: Place, written: Written<'_>, message: String) -> &mut Problem {
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
            .and_then(|l| Some((l.offset(place.item, written)?, &l.map)))
        {
            Some((offset, map)) => Problem::in_text(&file.name, map, offset, message),
            None => Problem::file(&file.name, message),
        };
        let at = self.problems.len();
        self.problems.push(problem);
        &mut self.problems[at]
    }
}

impl Problems for Report<'_> {
    fn at_written(&mut self, place: Place, written: Written<'_>, message: String) -> Option<&mut Problem> {
        Some(self.record_written(place, written, message))
    }

    /// The id nearest to a mistyped one, while the budget lasts.
    fn suggestion<'i>(&mut self, wanted: &str, items: &'i [Item]) -> Option<&'i str> {
        self.suggestions_left = self.suggestions_left.checked_sub(1)?;
        closest(wanted, items.iter().map(|item| item.id.as_str()))
    }
}

impl<'a> Located<'a> {
    fn offset(&mut self, item: usize, Written { key, value, nth }: Written<'_>) -> Option<usize> {
        let span = self.items.get(item)?.clone();
        let text = self.text;
        let values = self
            .values
            .entry(item)
            .or_insert_with(|| ItemValues::new(text, span.clone()));
        // An alias may clash through another field (a symbol, say).
        Some(
            values
                .find_nth(key, value, nth)
                .or_else(|| values.find_any(value))
                .unwrap_or(span.start),
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::data::{CATEGORIES, Relation};

    /// One generated item: its id, category, date, until, symbol and
    /// links, each a choice that `bad` may turn into a problem.
    #[derive(Debug, Clone)]
    struct Spec {
        id: usize,
        cat: usize,
        date: usize,
        until: usize,
        symbol: Option<usize>,
        alias: Option<usize>,
        links: Vec<usize>,
    }

    const DATES: [&str; 5] = ["2003-12-10", "2021", "2003-12", "2003-13", "2003-12-12"];

    fn spec() -> impl Strategy<Value = Spec> {
        let choice = || 0..1000usize;
        let links = prop::collection::vec(choice(), 0..4);
        (
            choice(),
            choice(),
            choice(),
            choice(),
            prop::option::of(choice()),
            prop::option::of(choice()),
            links,
        )
            .prop_map(|(id, cat, date, until, symbol, alias, links)| Spec {
                id,
                cat,
                date,
                until,
                symbol,
                alias,
                links,
            })
    }

    /// Two files' items: the second's ids chosen among both files' (some
    /// replace items of the first). With `bad`, some ids are malformed or
    /// twice in a file, categories unknown, dates malformed or ending
    /// before they begin, symbols repeated, links to unknown ids or to
    /// their own item, paragraphs of no document; without, none.
    fn texts(first: &[Spec], second: &[Spec], bad: bool) -> [String; 2] {
        let all = first.len() + second.len();
        let first_ids: Vec<usize> = (0..first.len()).collect();
        let mut seen = std::collections::HashSet::new();
        let second_ids: Vec<Option<usize>> = second
            .iter()
            .map(|spec| Some(spec.id % all).filter(|&id| seen.insert(id) || bad))
            .collect();
        let known: Vec<usize> = first_ids.iter().chain(second_ids.iter().flatten()).copied().collect();
        let file = |specs: &[Spec], ids: Vec<Option<usize>>, base: usize| {
            let mut text = String::from("[\n");
            for (at, (spec, id)) in specs.iter().zip(ids).enumerate() {
                if let Some(id) = id {
                    text.push_str(&item(spec, id, base + at, &known, bad));
                }
            }
            text + "]"
        };
        [
            file(first, first_ids.iter().map(|&id| Some(id)).collect(), 0),
            file(second, second_ids, first.len()),
        ]
    }

    /// One item written out, `at` its place among all generated items.
    fn item(spec: &Spec, id: usize, at: usize, known: &[usize], bad: bool) -> String {
        let problem = |choice: usize| bad && choice.is_multiple_of(7);
        let id_text = if problem(spec.id) {
            "Bad Id".to_string()
        } else {
            format!("i{id}")
        };
        let cat = spec.cat % (CATEGORIES.len() + 1);
        let category = match CATEGORIES.get(cat) {
            Some(category) => category.id,
            None if bad => "nope",
            None => CATEGORIES[0].id,
        };
        let mut text = format!("Item(\n  id: \"{id_text}\",\n  category: \"{category}\",\n  title: \"T\",\n");
        let symbol = match spec.symbol {
            // A few symbols, each in two spellings of one key.
            Some(n) if bad && n.is_multiple_of(2) => Some(format!("A/RES/{}", n % 40)),
            Some(n) if bad => Some(format!(" a/res/{}", n % 40 - 1)),
            Some(_) => Some(format!("A/RES/{at}")),
            None => None,
        };
        if let Some(symbol) = symbol {
            text.push_str(&format!("  symbol: Some(\"{symbol}\"),\n"));
        }
        // With problems, an alias that is empty, another item's id in
        // capitals or a resolution's number (clashes, unless it is the
        // item's own); without, a name of its own.
        let alias = match spec.alias {
            Some(n) if bad && n.is_multiple_of(3) => Some(String::new()),
            Some(n) if bad && n % 3 == 1 => Some(format!("I{}", known[n % known.len()])),
            Some(n) if bad => Some((n % 40).to_string()),
            Some(_) => Some(format!("name {at}")),
            None => None,
        };
        if let Some(alias) = alias {
            text.push_str(&format!("  aliases: [\"{alias}\"],\n"));
        }
        // Paragraphs of whatever the item's links make it part of: with no
        // PartOf link, or one to a body or a meeting, a problem.
        if bad && spec.until.is_multiple_of(3) {
            text.push_str("  paragraphs: Some(\"1\"),\n");
        }
        // Without problems: the well-formed dates, and no `until`.
        let dates = if bad { DATES.len() } else { 3 };
        let until = Some(spec.until % (DATES.len() + 1)).filter(|_| bad);
        for (key, at) in [("date", Some(spec.date % (dates + 1))), ("until", until)] {
            if let Some(value) = at.filter(|&at| at < dates).and_then(|at| DATES.get(at)) {
                text.push_str(&format!("  {key}: Some(\"{value}\"),\n"));
            }
        }
        text.push_str("  links: [\n");
        for &to in &spec.links {
            let target = known[to % known.len()];
            let to = if problem(to) {
                "nowhere".to_string()
            } else if target == id && !bad {
                continue;
            } else {
                format!("i{target}")
            };
            let rel = Relation::ALL[spec.id % Relation::ALL.len()].name();
            text.push_str(&format!("    Link(rel: {rel}, to: \"{to}\"),\n"));
        }
        text + "  ],\n),\n"
    }

    fn load(texts: &[String; 2], sharing: Sharing) -> Result<Dataset, Vec<Problem>> {
        let files: Vec<SourceFile> = texts
            .iter()
            .enumerate()
            .map(|(at, text)| SourceFile {
                name: format!("f{at}.ron"),
                text: text.clone(),
                embedded: false,
            })
            .collect();
        let progress = Progress::default();
        let parsed = parse_all(&files, &progress);
        finish_sharing(&files, &Rereads::none(files.len()), parsed, &progress, sharing)
    }

    /// Everything a dataset answers, item by item and category by category.
    fn contents(dataset: &Dataset) -> String {
        let mut all = String::new();
        for (idx, item) in dataset.items().enumerate() {
            let names = [item.id.as_str(), item.symbol.as_deref().unwrap_or("")];
            let resolved: Vec<_> = names.iter().map(|name| dataset.resolve(name)).collect();
            all.push_str(&format!(
                "{item:?} {:?} {:?} {:?} {:?} {:?} {resolved:?}\n",
                dataset.date(idx),
                dataset.until(idx),
                dataset.category_of(idx),
                dataset.backlinks(idx),
                dataset.origin(idx),
            ));
        }
        for cat in 0..CATEGORIES.len() {
            all.push_str(&format!("{:?}\n", dataset.category_items(cat)));
        }
        all
    }

    #[test]
    fn ids_hashed_on_two_threads_are_each_items_in_order() {
        let items: Vec<Item> = (0..SHARED_FROM_ITEMS + 3)
            .map(|n| Item {
                id: format!("i{n}").as_str().into(),
                ..Item::default()
            })
            .collect();
        let hashes = id_hashes(&items);
        assert_eq!(hashes.len(), items.len());
        assert!(
            hashes
                .iter()
                .zip(&items)
                .all(|(&hash, item)| hash == id_table::hash(&item.id))
        );
    }

    /// A duplicate symbol is the one problem the shared checks find only
    /// by comparing hashes after every run: alone (nothing else for the
    /// runs to mark), in two spellings, in runs apart, it is still reported
    /// as the serial checks report it.
    #[test]
    fn shared_checks_find_a_duplicate_symbol_alone() {
        let symbols = [(0, "A/RES/70/125"), (7, " a/res/70/125")];
        let items: String = (0..10)
            .map(|n| {
                let symbol = symbols
                    .iter()
                    .find(|(at, _)| *at == n)
                    .map_or(String::new(), |(_, symbol)| format!(", symbol: \"{symbol}\""));
                format!("Item(id: \"i{n}\", category: \"ga\", title: \"T\"{symbol}),\n")
            })
            .collect();
        let texts = [format!("[\n{items}]"), "[]".to_string()];
        let serial = load(
            &texts,
            Sharing {
                from_items: usize::MAX,
                run_items: 2,
            },
        )
        .unwrap_err();
        let shared = load(
            &texts,
            Sharing {
                from_items: 0,
                run_items: 2,
            },
        )
        .unwrap_err();
        assert_eq!(serial, shared);
        assert_eq!(serial.len(), 1, "{serial:?}");
        assert!(serial[0].message.starts_with("duplicate symbol"), "{serial:?}");
    }

    /// An alias that clashes, the only problem, its key's holders in later
    /// runs than it (the first of them named): the shared checks join the
    /// runs' names in item order and report it as the serial checks do.
    #[test]
    fn shared_checks_find_an_alias_clash_alone() {
        let fields = [
            (0, ", aliases: [\"7\"]"),
            (4, ", symbol: \"A/RES/7\""),
            (7, ", symbol: \"E/RES/7\""),
        ];
        let items: String = (0..10)
            .map(|n| {
                let field = fields.iter().find(|(at, _)| *at == n).map_or("", |(_, field)| field);
                format!("Item(id: \"i{n}\", category: \"ga\", title: \"T\"{field}),\n")
            })
            .collect();
        let texts = [format!("[\n{items}]"), "[]".to_string()];
        let problems = |from_items| {
            load(
                &texts,
                Sharing {
                    from_items,
                    run_items: 2,
                },
            )
            .unwrap_err()
        };
        let (serial, shared) = (problems(usize::MAX), problems(0));
        assert_eq!(serial, shared);
        assert_eq!(serial.len(), 1, "{serial:?}");
        assert!(
            serial[0]
                .message
                .contains("alias \"7\" of \"i0\" is already a name of \"i4\""),
            "{serial:?}"
        );
    }

    proptest! {
        /// Checks shared in runs of any size answer as the serial checks:
        /// the same problems (messages, order, positions), or the same
        /// dataset.
        #[test]
        fn shared_checks_find_what_serial_checks_find(
            first in prop::collection::vec(spec(), 0..60),
            second in prop::collection::vec(spec(), 0..20),
            bad in any::<bool>(),
            run_items in 1..40usize,
        ) {
            let texts = texts(&first, &second, bad);
            let serial = load(&texts, Sharing { from_items: usize::MAX, run_items });
            let shared = load(&texts, Sharing { from_items: 0, run_items });
            prop_assert!(bad || serial.is_ok(), "{:?}", serial.err());
            match (serial, shared) {
                (Err(serial), Err(shared)) => prop_assert_eq!(serial, shared),
                (Ok(serial), Ok(shared)) => prop_assert_eq!(contents(&serial), contents(&shared)),
                (serial, shared) => prop_assert!(false, "{:?} vs {:?}", serial.err(), shared.err()),
            }
        }
    }
}
