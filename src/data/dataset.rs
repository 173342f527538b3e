//! The validated, indexed dataset: items by id, by symbol and by category,
//! with every link resolved and its backlink recorded.

use std::path::Path;

use super::aliases::{Aliases, Resolved};
use super::date::PartialDate;
use super::id_table::IdTable;
use super::load::{Problem, SourceFile};
use super::model::{Item, Link};
use super::origins::{Origin, Origins};
use super::progress::{Progress, Stage};
use super::relation::Relation;
use super::streamed::{STREAM_FROM_BYTES, Streamed, parse_streamed};

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
    pub(super) origins: Origins,
    pub(super) by_id: IdTable,
    pub(super) by_category: Vec<Vec<ItemIdx>>,
    /// Each item's category, resolved once at load (index into CATEGORIES).
    pub(super) category_of: Vec<usize>,
    pub(super) backlinks: Vec<Vec<Backlink>>,
    /// Every other name of each item (see [`Aliases`]).
    pub(super) aliases: Aliases,
}

impl Dataset {
    /// The embedded dataset alone.
    pub fn embedded() -> Result<Dataset, Vec<Problem>> {
        Dataset::from_files(&SourceFile::embedded())
    }

    /// The embedded dataset plus the user's files, in the order given.
    pub fn with_overlays(paths: &[impl AsRef<Path>]) -> Result<Dataset, Vec<Problem>> {
        Dataset::with_overlays_counted(paths, &Progress::default())
    }

    /// [`Dataset::with_overlays`], counting files, bytes and items in `progress`.
    pub fn with_overlays_counted(paths: &[impl AsRef<Path>], progress: &Progress) -> Result<Dataset, Vec<Problem>> {
        let mut files = SourceFile::embedded();
        // Embedded texts stay; each read file's text is freed once parsed.
        let mut read_from: Vec<Option<std::path::PathBuf>> = files.iter().map(|_| None).collect();
        let mut problems = Vec::new();
        progress.set_stage(Stage::Reading);
        let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
        let user_bytes: u64 = paths.iter().map(|p| size(p.as_ref())).sum();
        let embedded_bytes: u64 = files.iter().map(|f| f.text.len() as u64).sum();
        progress.add_files((files.len() + paths.len()) as u64, embedded_bytes + user_bytes);
        // A large file is read and parsed a batch at a time, its whole
        // text never held; one that does not parse so is read whole, for
        // its problem's exact place.
        let mut streamed: Vec<Option<Streamed>> = files.iter().map(|_| None).collect();
        for path in paths {
            let path = path.as_ref();
            if size(path) >= STREAM_FROM_BYTES
                && let Some(items) = parse_streamed(path, progress)
            {
                files.push(SourceFile {
                    name: path.display().to_string(),
                    text: String::new(),
                    embedded: false,
                });
                read_from.push(Some(path.to_path_buf()));
                streamed.push(Some(items));
                continue;
            }
            match SourceFile::read(path) {
                Ok(file) => {
                    files.push(file);
                    read_from.push(Some(path.to_path_buf()));
                    streamed.push(None);
                }
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        super::build::build_read(files, read_from, streamed, progress)
    }

    /// Parses and validates every file; reports every problem found, not
    /// only the first. Later files replace earlier items with the same id.
    pub fn from_files(files: &[SourceFile]) -> Result<Dataset, Vec<Problem>> {
        super::build::build(files, &Progress::default())
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

    pub fn origin(&self, idx: ItemIdx) -> Origin<'_> {
        self.origins.get(idx)
    }

    pub fn by_id(&self, id: &str) -> Option<ItemIdx> {
        self.by_id.get(id, |idx| self.items[idx].id.as_str())
    }

    /// The item named by `name` alone, if exactly one answers to it.
    pub fn find(&self, name: &str) -> Option<ItemIdx> {
        match self.resolve(name) {
            Resolved::One(idx) => Some(idx),
            _ => None,
        }
    }

    /// What `name` stands for: an id exactly, else any name in [`Aliases`]
    /// (a symbol in any case or spacing, "70/125", "ITU", "C3", ...), else
    /// a whole title or short title.
    pub fn resolve(&self, name: &str) -> Resolved {
        match self.by_id(name.trim()) {
            Some(idx) => Resolved::One(idx),
            None => match self.aliases.resolve(name, |idx| self.category_of(idx)) {
                Resolved::None => super::aliases::by_title(self.items(), name),
                found => found,
            },
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
        // Every link resolves: loading checked it.
        self.items[idx].links.iter().map(|link| {
            let target = self.by_id(&link.to).expect("a checked link resolves");
            (link, target)
        })
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
