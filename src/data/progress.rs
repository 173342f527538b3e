//! How far a load has got, for a progress display: the loader counts files,
//! bytes and items as it goes, any other thread reads a consistent-enough
//! [`Seen`] at any time. Counting costs a few atomic adds per file, so
//! loads without a display pass a `Progress` nobody reads.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// What the loader is doing now, in the order it does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Starting,
    /// Reading the parsed dataset kept from an earlier run.
    OpeningCache,
    Reading,
    Parsing,
    /// Checking ids, links, dates and names across all files.
    Checking,
    /// Building the search index.
    Indexing,
    /// Building the whole search index to store it, a search's answer
    /// given from an index of its own words (`cli::cold_search`).
    StoringIndex,
    Done,
}

impl Stage {
    const ALL: [Stage; 8] = [
        Stage::Starting,
        Stage::OpeningCache,
        Stage::Reading,
        Stage::Parsing,
        Stage::Checking,
        Stage::Indexing,
        Stage::StoringIndex,
        Stage::Done,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Stage::Starting => "starting",
            Stage::OpeningCache => "opening the cached data",
            Stage::Reading => "reading data files",
            Stage::Parsing => "parsing data files",
            Stage::Checking => "checking items and links",
            Stage::Indexing => "building the search index",
            Stage::StoringIndex => "storing the search index for the next search",
            Stage::Done => "ready",
        }
    }
}

/// Counters shared between a loader and whoever shows its progress.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    files_total: AtomicU64,
    files_done: AtomicU64,
    bytes_total: AtomicU64,
    bytes_done: AtomicU64,
    items: AtomicU64,
    /// The counts as each stage was entered: a handful per load.
    entered: Mutex<Vec<Seen>>,
}

/// A reading of [`Progress`] at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub stage: Stage,
    pub files_total: u64,
    pub files_done: u64,
    pub bytes_total: u64,
    pub bytes_done: u64,
    pub items: u64,
}

impl Progress {
    pub fn set_stage(&self, stage: Stage) {
        let at = Stage::ALL.iter().position(|&s| s == stage).unwrap_or_default();
        self.stage
            .store(u8::try_from(at).unwrap_or_default(), Ordering::Relaxed);
        let seen = self.seen();
        self.entered.lock().unwrap_or_else(|e| e.into_inner()).push(seen);
    }

    /// The counts as each stage was entered, in the order entered: what a
    /// display polling now and then may miss (and tests check).
    pub fn entered(&self) -> Vec<Seen> {
        self.entered.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Files about to be read, and their size in bytes.
    pub fn add_files(&self, files: u64, bytes: u64) {
        self.files_total.fetch_add(files, Ordering::Relaxed);
        self.bytes_total.fetch_add(bytes, Ordering::Relaxed);
    }

    /// One file parsed: its size and the items found in it.
    pub fn file_parsed(&self, bytes: u64, items: u64) {
        self.files_done.fetch_add(1, Ordering::Relaxed);
        self.bytes_done.fetch_add(bytes, Ordering::Relaxed);
        self.items.fetch_add(items, Ordering::Relaxed);
    }

    /// A piece of a file parsed: its size and the items found in it.
    pub fn piece_parsed(&self, bytes: u64, items: u64) {
        self.bytes_done.fetch_add(bytes, Ordering::Relaxed);
        self.items.fetch_add(items, Ordering::Relaxed);
    }

    /// Takes back pieces counted by [`Progress::piece_parsed`] whose file
    /// is to be read and counted again, whole.
    pub fn pieces_withdrawn(&self, bytes: u64, items: u64) {
        self.bytes_done.fetch_sub(bytes, Ordering::Relaxed);
        self.items.fetch_sub(items, Ordering::Relaxed);
    }

    /// Every piece of one file parsed.
    pub fn file_done(&self) {
        self.files_done.fetch_add(1, Ordering::Relaxed);
    }

    pub fn seen(&self) -> Seen {
        let stage = Stage::ALL
            .get(usize::from(self.stage.load(Ordering::Relaxed)))
            .copied()
            .unwrap_or(Stage::Starting);
        Seen {
            stage,
            files_total: self.files_total.load(Ordering::Relaxed),
            files_done: self.files_done.load(Ordering::Relaxed),
            bytes_total: self.bytes_total.load(Ordering::Relaxed),
            bytes_done: self.bytes_done.load(Ordering::Relaxed),
            items: self.items.load(Ordering::Relaxed),
        }
    }
}

impl Seen {
    /// One line: "parsing data files: 3/10 files, 12.5/79.0 MB, 15 000 items".
    pub fn line(&self) -> String {
        let mut line = self.stage.describe().to_string();
        if self.files_total > 0 && matches!(self.stage, Stage::Reading | Stage::Parsing) {
            line.push_str(&format!(
                ": {}/{} files, {}/{} MB",
                self.files_done,
                self.files_total,
                megabytes(self.bytes_done),
                megabytes(self.bytes_total)
            ));
        }
        if self.items > 0 {
            line.push_str(&format!(", {} items", self.items));
        }
        line
    }

    /// The share of the work done, 0.0 to 1.0, by bytes parsed (a large
    /// file is parsed as it is read); the checking and indexing after
    /// parsing count as the last tenth.
    pub fn fraction(&self) -> f64 {
        const AFTER_PARSING: f64 = 0.9;
        let parsed = if self.bytes_total == 0 {
            0.0
        } else {
            // Kibibytes, as u32: exact in f64 up to 4 TiB.
            let kib = |bytes: u64| f64::from(u32::try_from(bytes >> 10).unwrap_or(u32::MAX));
            kib(self.bytes_done.min(self.bytes_total)) / kib(self.bytes_total).max(1.0)
        };
        match self.stage {
            Stage::Starting | Stage::OpeningCache => 0.0,
            Stage::Reading | Stage::Parsing => parsed * AFTER_PARSING,
            Stage::Checking => AFTER_PARSING,
            Stage::Indexing | Stage::StoringIndex => AFTER_PARSING + (1.0 - AFTER_PARSING) / 2.0,
            Stage::Done => 1.0,
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{}.{}", bytes / 1_000_000, bytes % 1_000_000 / 100_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_read_back() {
        let progress = Progress::default();
        assert_eq!(progress.seen().stage, Stage::Starting);
        progress.add_files(2, 3_000_000);
        progress.set_stage(Stage::Parsing);
        progress.file_parsed(1_500_000, 10);
        let seen = progress.seen();
        assert_eq!(seen.line(), "parsing data files: 1/2 files, 1.5/3.0 MB, 10 items");
        assert!((seen.fraction() - 0.45).abs() < 0.01, "{}", seen.fraction());
        for stage in Stage::ALL {
            progress.set_stage(stage);
            assert_eq!(progress.seen().stage, stage);
        }
    }
}
