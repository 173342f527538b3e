//! The validated, indexed dataset: items by id, by symbol and by category,
//! with every link resolved and its backlink recorded.

use std::collections::HashMap;
use std::path::Path;

use super::aliases::{Aliases, Resolved};
use super::category::{CATEGORIES, category_index};
use super::date::PartialDate;
use super::load::{Problem, SourceFile, locate, parse_items, position_of};
use super::model::{Item, Link};
use super::relation::Relation;

/// Index of an item in [`Dataset::items`].
pub type ItemIdx = usize;

/// A link seen from its target: `from` holds a link of relation `rel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    pub from: ItemIdx,
    pub rel: Relation,
    /// Position of the link in `from`'s `links`, to reach its note.
    pub link: usize,
}

#[derive(Debug)]
pub struct Dataset {
    pub(super) items: Vec<Item>,
    pub(super) dates: Vec<Option<PartialDate>>,
    /// The file each item came from, and whether it replaced an embedded item.
    pub(super) origins: Vec<Origin>,
    pub(super) by_id: HashMap<String, ItemIdx>,
    pub(super) by_category: Vec<Vec<ItemIdx>>,
    /// Each item's category, resolved once at load (index into CATEGORIES).
    pub(super) category_of: Vec<usize>,
    pub(super) backlinks: Vec<Vec<Backlink>>,
    /// Every other name of each item (see [`Aliases`]).
    pub(super) aliases: Aliases,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub embedded: bool,
    /// Where the item with the same id that this one took the place of came from.
    pub replaced: Option<Replaced>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub file: String,
    pub embedded: bool,
}

impl Dataset {
    /// The embedded dataset alone.
    pub fn embedded() -> Result<Dataset, Vec<Problem>> {
        Dataset::from_files(&SourceFile::embedded())
    }

    /// The embedded dataset plus the user's files, in the order given.
    pub fn with_overlays(paths: &[impl AsRef<Path>]) -> Result<Dataset, Vec<(Problem, Option<String>)>> {
        let mut files = SourceFile::embedded();
        let mut problems = Vec::new();
        for path in paths {
            match SourceFile::read(path.as_ref()) {
                Ok(file) => files.push(file),
                Err(problem) => {
                    // A file refused for its encoding still shows its line
                    // with a caret; sized or unreadable files show none.
                    let text = problem
                        .position
                        .and_then(|_| std::fs::read(path.as_ref()).ok())
                        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
                    problems.push((problem, text));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Dataset::from_files(&files).map_err(|problems| attach_text(problems, &files))
    }

    /// Parses and validates every file; reports every problem found, not
    /// only the first. Later files replace earlier items with the same id.
    pub fn from_files(files: &[SourceFile]) -> Result<Dataset, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut origins: Vec<Origin> = Vec::new();
        let mut by_id: HashMap<String, ItemIdx> = HashMap::new();

        for file in files {
            let parsed = match parse_items(file) {
                Ok(parsed) => parsed,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            let mut seen_here: HashMap<String, ()> = HashMap::new();
            for item in parsed {
                let at = |needle: &str| locate(&file.text, needle);
                // Located only when reported: a search per item is quadratic.
                let id_position = || at(&format!("\"{}\"", item.id));
                if seen_here.insert(item.id.clone(), ()).is_some() {
                    problems.push(problem_at(
                        &file.name,
                        at_last(&file.text, &format!("\"{}\"", item.id)),
                        format!("duplicate id \"{}\"", item.id),
                    ));
                    continue;
                }
                let origin = Origin {
                    file: file.name.clone(),
                    embedded: file.embedded,
                    replaced: None,
                };
                match by_id.get(&item.id) {
                    Some(&existing) if file.embedded => {
                        problems.push(problem_at(
                            &file.name,
                            id_position(),
                            format!("duplicate id \"{}\" (also in {})", item.id, origins[existing].file),
                        ));
                    }
                    Some(&existing) => {
                        items[existing] = item;
                        let previous = &origins[existing];
                        let replaced = Some(Replaced {
                            file: previous.file.clone(),
                            embedded: previous.embedded,
                        });
                        origins[existing] = Origin { replaced, ..origin };
                    }
                    None => {
                        by_id.insert(item.id.clone(), items.len());
                        items.push(item);
                        origins.push(origin);
                    }
                }
            }
        }

        let text_of = |name: &str| {
            files
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.text.as_str())
                .unwrap_or("")
        };
        let mut dates = Vec::with_capacity(items.len());
        let mut by_symbol: HashMap<String, ItemIdx> = HashMap::new();
        let mut by_category = vec![Vec::new(); CATEGORIES.len()];
        let mut category_of = Vec::with_capacity(items.len());
        let mut backlinks = vec![Vec::new(); items.len()];

        for (idx, item) in items.iter().enumerate() {
            let file = &origins[idx].file;
            let text = text_of(file);
            // Values are looked for as written plainly, then with escapes
            // (`\u{1b}`), so hostile strings are still pointed at.
            let near = |prefix: &str, value: &str| {
                quoted(value)
                    .iter()
                    .find_map(|q| locate_in_item(text, &item.id, &format!("{prefix}{q}")))
            };

            if item.id.is_empty()
                || !item
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-+._".contains(c))
            {
                problems.push(problem_at(
                    file,
                    near("", &item.id),
                    format!("id \"{}\" must be lowercase letters, digits, and - + . _", item.id),
                ));
            }
            match category_index(&item.category) {
                Some(cat) => {
                    by_category[cat].push(idx);
                    category_of.push(cat);
                }
                None => {
                    category_of.push(0);
                    problems.push(
                        problem_at(
                            file,
                            near("", &item.category),
                            format!("unknown category \"{}\"", item.category),
                        )
                        .with_hint(format!(
                            "valid categories: {}",
                            CATEGORIES.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
                        )),
                    );
                }
            }
            dates.push(match item.date.as_deref().map(PartialDate::parse) {
                Some(Ok(date)) => Some(date),
                Some(Err(message)) => {
                    problems.push(problem_at(file, near("", item.date.as_deref().unwrap_or("")), message));
                    None
                }
                None => None,
            });
            if let Some(Err(message)) = item.until.as_deref().map(PartialDate::parse) {
                problems.push(problem_at(file, near("", item.until.as_deref().unwrap_or("")), message));
            }
            if let Some(symbol) = &item.symbol {
                if let Some(&other) = by_symbol.get(&symbol_key(symbol)) {
                    problems.push(problem_at(
                        file,
                        near("", symbol),
                        format!("duplicate symbol \"{symbol}\" (also on \"{}\")", items[other].id),
                    ));
                } else {
                    by_symbol.insert(symbol_key(symbol), idx);
                }
            }
            for (link_pos, Link { rel, to, .. }) in item.links.iter().enumerate() {
                match by_id.get(to) {
                    Some(&target) if target == idx => {
                        problems.push(problem_at(file, near("", to), format!("item \"{to}\" links to itself")))
                    }
                    Some(&target) => backlinks[target].push(Backlink {
                        from: idx,
                        rel: *rel,
                        link: link_pos,
                    }),
                    None => {
                        let mut problem = problem_at(file, near("to: ", to), format!("link to unknown id \"{to}\""));
                        if let Some(close) = closest_id(to, by_id.keys()) {
                            problem = problem.with_hint(format!("did you mean \"{close}\"?"));
                        }
                        problems.push(problem);
                    }
                }
            }
        }

        let (aliases, clashes) = Aliases::build(&items);
        for clash in clashes {
            let (file, id) = (&origins[clash.item].file, &items[clash.item].id);
            let at = quoted(&clash.alias)
                .iter()
                .find_map(|q| locate_in_item(text_of(file), id, q));
            problems.push(problem_at(file, at, clash.message));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Dataset {
            items,
            dates,
            origins,
            by_id,
            by_category,
            category_of,
            backlinks,
            aliases,
        })
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item(&self, idx: ItemIdx) -> &Item {
        &self.items[idx]
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn date(&self, idx: ItemIdx) -> Option<PartialDate> {
        self.dates[idx]
    }

    pub fn origin(&self, idx: ItemIdx) -> &Origin {
        &self.origins[idx]
    }

    pub fn by_id(&self, id: &str) -> Option<ItemIdx> {
        self.by_id.get(id).copied()
    }

    /// The item named by `name` alone, if exactly one answers to it.
    pub fn find(&self, name: &str) -> Option<ItemIdx> {
        match self.resolve(name) {
            Resolved::One(idx) => Some(idx),
            _ => None,
        }
    }

    /// What `name` stands for: an id exactly, else any name in [`Aliases`]
    /// (a symbol in any case or spacing, "70/125", "ITU", "C3", ...).
    pub fn resolve(&self, name: &str) -> Resolved {
        match self.by_id(name.trim()) {
            Some(idx) => Resolved::One(idx),
            None => self.aliases.resolve(name, |idx| self.category_of(idx)),
        }
    }

    /// Items of the category at `cat` (an index into [`CATEGORIES`]), in file order.
    pub fn category_items(&self, cat: usize) -> &[ItemIdx] {
        self.by_category.get(cat).map_or(&[], Vec::as_slice)
    }

    /// Index into [`CATEGORIES`] of an item's category.
    pub fn category_of(&self, idx: ItemIdx) -> usize {
        self.category_of[idx]
    }

    /// Outgoing links, resolved.
    pub fn links(&self, idx: ItemIdx) -> impl Iterator<Item = (&Link, ItemIdx)> + '_ {
        self.items[idx].links.iter().map(|link| (link, self.by_id[&link.to]))
    }

    pub fn backlinks(&self, idx: ItemIdx) -> &[Backlink] {
        &self.backlinks[idx]
    }

    /// The note on the link that a backlink stands for.
    pub fn backlink_note(&self, backlink: &Backlink) -> Option<&str> {
        self.items[backlink.from].links[backlink.link].note.as_deref()
    }
}

/// Symbols compare without case or surrounding space, and the en dash of
/// joint symbols ("A/66/64–E/2011/77") matches a typed hyphen.
pub fn symbol_key(symbol: &str) -> String {
    symbol.trim().to_lowercase().replace('–', "-")
}

fn problem_at(file: &str, position: Option<(usize, usize)>, message: String) -> Problem {
    match position {
        Some((line, col)) => Problem::at(file, line, col, message),
        None => Problem::file(file, message),
    }
}

/// Finds `needle` inside the item whose id is `id`, so a problem points at
/// the right line even when the same text occurs in other items.
fn locate_in_item(text: &str, id: &str, needle: &str) -> Option<(usize, usize)> {
    let id_at = quoted(id).iter().find_map(|q| {
        text.match_indices(q.as_str())
            .map(|(at, _)| at)
            .find(|&at| text[..at].trim_end().ends_with("id:"))
    })?;
    let item_start = text[..id_at].rfind("Item(").unwrap_or(id_at);
    text[item_start..]
        .find(needle)
        .map(|offset| position_of(text, item_start + offset))
}

/// A string value as a data file may write it: plain, or with the escapes
/// Rust and RON share (`"\u{1b}"`).
fn quoted(value: &str) -> [String; 2] {
    [format!("\"{value}\""), format!("{value:?}")]
}

fn at_last(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.rfind(needle).map(|offset| position_of(text, offset))
}

fn attach_text(problems: Vec<Problem>, files: &[SourceFile]) -> Vec<(Problem, Option<String>)> {
    problems
        .into_iter()
        .map(|p| {
            let text = files.iter().find(|f| f.name == p.file).map(|f| f.text.clone());
            (p, text)
        })
        .collect()
}

/// The existing id nearest to a mistyped one, if any is near enough.
fn closest_id<'a>(wanted: &str, ids: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    ids.map(|id| (strsim::levenshtein(wanted, id), id))
        .filter(|(distance, id)| *distance <= (id.len() / 3).max(2))
        .min()
        .map(|(_, id)| id.as_str())
}
