//! The validated, indexed dataset: items by id, by symbol and by category,
//! with every link resolved and its backlink recorded.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::aliases::Resolved;
use super::date::PartialDate;
use super::id_table::Ids;
use super::load::{Problem, SourceFile};
use super::model::{Item, Link};
use super::name_table::Names;
use super::origins::Origin;
use super::progress::{Progress, Stage};
use super::relation::Relation;
use super::stored_items::Items;
use super::streamed::{STREAM_FROM_BYTES, Streamed, parse_streamed};
use super::tables::Tables;

/// Index of an item in the dataset's order (see [`Dataset::items`]).
pub type ItemIdx = usize;

/// A link seen from its target: `from` holds a link of relation `rel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    pub from: ItemIdx,
    pub rel: Relation,
    /// Position of the link in `from`'s `links`, to reach its note.
    pub link: usize,
}

/// The items, owned or read in place from a stored snapshot (see
/// [`super::stored_items`]), and everything derived from them. A stored
/// dataset answers ids, categories, dates, backlinks, names and origins
/// from the snapshot's index without decoding a single item.
#[derive(Debug)]
pub struct Dataset {
    pub(super) items: Items,
    pub(super) by_id: Ids,
    /// Every other name of each item (see [`super::aliases::Aliases`]).
    pub(super) names: Names,
    /// Dates, origins, categories, backlinks and each category's lists.
    pub(super) tables: Tables,
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

    /// Every item in order. On a stored dataset this decodes every item:
    /// for commands and exports, never for opening the browser.
    pub fn items(&self) -> impl ExactSizeIterator<Item = &Item> + Clone + '_ {
        (0..self.len()).map(|idx| self.item(idx))
    }

    pub fn item(&self, idx: ItemIdx) -> &Item {
        self.items.get(idx)
    }

    /// Item `idx` for one use: on a stored dataset an item not yet
    /// decoded is decoded for the caller and not kept, as [`Self::item`]
    /// keeps it. For reading every item once (an export).
    pub fn item_passing(&self, idx: ItemIdx) -> std::borrow::Cow<'_, Item> {
        self.items.passing(idx)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether an item read from a stored snapshot was damaged (it then
    /// reads as [`super::stored_items::damaged_item`]), or its table of
    /// names: the data should be loaded again from its sources.
    pub fn met_damage(&self) -> bool {
        match &self.items {
            Items::Owned(_) => false,
            Items::Stored(stored) => stored.met_damage(),
        }
    }

    /// Whether a record read from a stored snapshot was damaged: its
    /// names, unreadable, may be any item's (see [`Dataset::resolve`]).
    fn met_damaged_record(&self) -> bool {
        match &self.items {
            Items::Owned(_) => false,
            Items::Stored(stored) => stored.met_damaged_record(),
        }
    }

    /// Sends on `tell` once an item read from a stored snapshot turns out
    /// damaged (at once if one has), so a caller can load the data again;
    /// never for an owned dataset. The sender lives as long as the dataset.
    pub fn on_damage(&self, tell: std::sync::mpsc::Sender<()>) {
        if let Items::Stored(stored) = &self.items {
            stored.on_damage(tell);
        }
    }

    /// Whether the whole snapshot a stored dataset was opened from checks
    /// ([`super::snapshot::verify`]: every section against its sum), and
    /// no record decoded so far was damaged. Always true for an owned one.
    pub fn verify_stored(&self, key: &str) -> bool {
        match &self.items {
            Items::Owned(_) => true,
            Items::Stored(stored) => super::snapshot::verify(&**stored.bytes(), key) && !stored.met_damage(),
        }
    }

    /// The snapshot a stored dataset was opened from in place (`None` for
    /// an owned one), to check it whole on another thread.
    pub fn snapshot_bytes(&self) -> Option<super::stored_items::SnapshotBytes> {
        match &self.items {
            Items::Owned(_) => None,
            Items::Stored(stored) => Some(stored.bytes().clone()),
        }
    }

    /// Whether item `idx`'s id is `id`, without decoding it when the
    /// dataset is stored (its id's hash is compared: for checking that a
    /// search index stored for the same inputs lists the same items).
    pub fn id_matches(&self, idx: ItemIdx, id: &str) -> bool {
        match &self.by_id {
            Ids::Sorted(sorted) => sorted.hash_of(idx) == Some(super::preview::id_hash(id)),
            Ids::Table(_) => idx < self.len() && *self.item(idx).id == *id,
        }
    }

    /// A key of item `idx` that holds in any dataset loaded from the same
    /// data: its id's hash ([`super::preview::id_hash`]), from the stored
    /// table when there is one, so even a damaged record has its key. The
    /// browser finds its place again by it after a reload.
    pub fn item_key(&self, idx: ItemIdx) -> Option<u64> {
        match &self.by_id {
            Ids::Sorted(sorted) => sorted.hash_of(idx),
            Ids::Table(_) => (idx < self.len()).then(|| super::preview::id_hash(&self.item(idx).id)),
        }
    }

    /// The items whose [`Dataset::item_key`]s are among `keys`, by key: one
    /// walk of the ids at most, however many keys are asked for.
    pub fn items_keyed(&self, keys: &HashSet<u64>) -> HashMap<u64, ItemIdx> {
        match &self.by_id {
            Ids::Sorted(sorted) => keys
                .iter()
                .filter_map(|&key| sorted.with_hash(key).map(|idx| (key, idx)))
                .collect(),
            Ids::Table(_) if keys.is_empty() => HashMap::new(),
            Ids::Table(_) => (0..self.len())
                .filter_map(|idx| {
                    let key = super::preview::id_hash(&self.item(idx).id);
                    keys.contains(&key).then_some((key, idx))
                })
                .collect(),
        }
    }

    /// Category `cat`'s items in its default order, when stored (read
    /// from the snapshot's index, a fresh list each call).
    pub fn stored_default_order(&self, cat: usize) -> Option<Vec<ItemIdx>> {
        self.tables.default_list(cat)
    }

    /// The widest symbol and whether a date has a month over category
    /// `cat`'s items, when stored (see [`super::preview::list_shape`]).
    pub fn stored_shape(&self, cat: usize) -> Option<(Option<usize>, bool)> {
        self.tables.shape(cat)
    }

    pub fn date(&self, idx: ItemIdx) -> Option<PartialDate> {
        self.tables.date(idx)
    }

    /// The item's date as a reader is shown it: with the end of a meeting
    /// or period when it has one ("10–12 December 2003").
    pub fn date_span(&self, idx: ItemIdx) -> Option<String> {
        Some(super::date_span::span(self.date(idx)?, self.until(idx)))
    }

    /// The last day of a meeting or period, if the item has one.
    pub fn until(&self, idx: ItemIdx) -> Option<PartialDate> {
        let until = self.item(idx).until.as_deref()?;
        PartialDate::parse(until.trim()).ok()
    }

    pub fn origin(&self, idx: ItemIdx) -> Origin<'_> {
        self.tables.origin(idx)
    }

    pub fn by_id(&self, id: &str) -> Option<ItemIdx> {
        self.by_id.get(id, |idx| self.item(idx).id.as_str())
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
    /// a GA or ECOSOC document symbol without its letter ("80/L.41"), else
    /// a symbol written with dashes for its slashes ("A-RES-80-173"), else
    /// a whole title or short title. Each is asked only when none before
    /// answers.
    ///
    /// On a stored dataset with a damaged record, only an id answers (it
    /// is checked against the record it finds): the damaged record reads
    /// with no names, so the table's candidate for a name may have been
    /// it, dropped, and a later step would answer with another item, or
    /// one item would answer for a name two share. Nothing answers
    /// instead, as for every name once a record was found damaged (its
    /// names are not known), until the dataset is loaded again from its
    /// files (see [`Dataset::on_damage`]).
    pub fn resolve(&self, name: &str) -> Resolved {
        if let Some(idx) = self.by_id(name.trim()) {
            return Resolved::One(idx);
        }
        let steps: [&dyn Fn() -> Resolved; 5] = [
            &|| self.by_name(name),
            &|| self.bare_document_symbol(name),
            &|| super::aliases::by_dashed_symbol(self.items(), name),
            &|| super::aliases::by_title(self.items(), name),
            &|| super::cut_names::by_cut_handle(self.items(), name),
        ];
        for step in steps {
            let found = step();
            // Asked after the step: the step may be what read the record.
            if self.met_damaged_record() {
                return Resolved::None;
            }
            if found != Resolved::None {
                return found;
            }
        }
        Resolved::None
    }

    /// Builds the table of names now if it is built from the items (a
    /// dataset loaded from its files builds it when a name is first
    /// resolved): the browser's loader calls this once it has handed the
    /// dataset over, so the first jump by name does not wait for it.
    pub fn prepare_names(&self) {
        self.names.prepare(|| self.items.owned());
    }

    /// What `name` stands for among the names. A stored table of names
    /// that is damaged or cannot be read says nothing: the names of the
    /// full load answer instead, built from the items, so no later step
    /// answers for a name the table missed ("TA para 105" for the item
    /// whose alias it is, not another's short-title head); and the dataset
    /// is loaded again from its files, as for a damaged record.
    fn by_name(&self, name: &str) -> Resolved {
        let category_of = |idx| self.category_of(idx);
        let found = self.names.resolve(
            name,
            category_of,
            |idx| (idx < self.len()).then(|| self.item(idx)),
            || self.items.owned(),
        );
        found.unwrap_or_else(|| {
            self.items.note_damage();
            let loaded = self.names.loaded(|| self.items().cloned().collect());
            loaded.resolve(name, category_of)
        })
    }

    /// What `name` stands for as a document symbol without its organ's
    /// letter ("80/l.41" for A/80/L.41), as a bare resolution number
    /// stands for its resolution: only a name starting with a session or
    /// year and a `/`, and only when no other name answers. Several
    /// answering stay ambiguous, so the caller lists them.
    fn bare_document_symbol(&self, name: &str) -> Resolved {
        let name = name.trim();
        let session = name.split('/').next().unwrap_or("");
        if session.is_empty() || !session.bytes().all(|b| b.is_ascii_digit()) || !name.contains('/') {
            return Resolved::None;
        }
        let mut found: Vec<ItemIdx> = Vec::new();
        for (organ, _) in super::category::ORGAN_SYMBOLS {
            let full = format!("{organ}{name}");
            match self.by_name(&full) {
                Resolved::One(idx) => found.push(idx),
                Resolved::Ambiguous(several) => found.extend(several),
                Resolved::None => {}
            }
        }
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [] => Resolved::None,
            [one] => Resolved::One(*one),
            _ => Resolved::Ambiguous(found),
        }
    }

    /// Items of the category at `cat` (an index into [`CATEGORIES`]), in file order.
    pub fn category_items(&self, cat: usize) -> &[ItemIdx] {
        self.tables.category_items(cat)
    }

    /// How many items the category at `cat` holds (on a stored dataset,
    /// without building its list).
    pub fn category_len(&self, cat: usize) -> usize {
        self.tables.category_len(cat)
    }

    /// Index into [`CATEGORIES`] of an item's category.
    pub fn category_of(&self, idx: ItemIdx) -> usize {
        self.tables.category_of(idx)
    }

    /// Whether an item's category lists it by date at first (documents,
    /// not bodies nor Action Lines): its date, if unknown, is said so.
    pub fn listed_by_date(&self, idx: ItemIdx) -> bool {
        super::CATEGORIES[self.category_of(idx)].default_sort == super::SortOrder::Date
    }

    /// Outgoing links, resolved.
    pub fn links(&self, idx: ItemIdx) -> impl Iterator<Item = (&Link, ItemIdx)> + '_ {
        // Every link resolves (loading checked it) unless its target's
        // stored record is damaged: then it is left out, never guessed.
        self.item(idx)
            .links
            .iter()
            .filter_map(|link| Some((link, self.by_id(&link.to)?)))
    }

    /// Who links to item `idx` (on a stored dataset, decoded from the
    /// index of items).
    pub fn backlinks(&self, idx: ItemIdx) -> Cow<'_, [Backlink]> {
        self.tables.backlinks(idx)
    }

    /// How many items link to item `idx`: [`Self::backlinks`]' length,
    /// without decoding them.
    pub fn backlink_count(&self, idx: ItemIdx) -> usize {
        self.tables.backlink_count(idx)
    }

    /// The note on the link that a backlink stands for.
    pub fn backlink_note(&self, backlink: &Backlink) -> Option<&str> {
        self.item(backlink.from).links.get(backlink.link)?.note.as_deref()
    }
}

/// Symbols compare without case or surrounding space, and the en dash of
/// joint symbols ("A/66/64–E/2011/77") matches a typed hyphen.
pub fn symbol_key(symbol: &str) -> String {
    // One copy, not three, for the usual ASCII symbol (no en dash in it).
    if symbol.is_ascii() {
        return symbol.trim().to_ascii_lowercase();
    }
    symbol.trim().to_lowercase().replace('–', "-")
}
