//! Earlier queries of the search and jump prompts, kept across runs in
//! `$XDG_STATE_HOME/wsis-browser/` (one file per prompt), newest last and
//! bounded. Writes are atomic; a file that cannot be read is reported and
//! never written over in that run.

use std::io;
use std::path::{Path, PathBuf};

use crate::atomic_write::write_atomically;

/// How many queries each prompt remembers; the oldest go first.
pub const MAX_QUERIES: usize = 200;

/// Where query history lives: `$XDG_STATE_HOME/wsis-browser`, else
/// `~/.local/state/wsis-browser`.
pub fn default_dir() -> Option<PathBuf> {
    crate::xdg::app_dir_from_env("XDG_STATE_HOME", ".local/state")
}

/// The prompts that keep a history, each in a file of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    Search,
    Jump,
}

impl Prompt {
    pub fn file_name(self) -> &'static str {
        match self {
            Prompt::Search => "search-history.json",
            Prompt::Jump => "jump-history.json",
        }
    }

    /// How messages name the history.
    pub fn name(self) -> &'static str {
        match self {
            Prompt::Search => "search history",
            Prompt::Jump => "jump history",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryHistory {
    /// Oldest first, no duplicates.
    entries: Vec<String>,
    /// The file saves go to; `None` keeps the history in memory only (tests,
    /// no home directory, or a file this run could not read).
    file: Option<PathBuf>,
}

/// Loading never fails the program: a problem comes back as a message.
pub struct Loaded {
    pub history: QueryHistory,
    pub warning: Option<String>,
}

impl QueryHistory {
    /// A history that is never written.
    pub fn in_memory() -> QueryHistory {
        QueryHistory::default()
    }

    /// The history of `prompt` kept in `dir` (none yet is an empty history).
    pub fn load(dir: Option<&Path>, prompt: Prompt) -> Loaded {
        let Some(dir) = dir else {
            return Loaded {
                history: QueryHistory::in_memory(),
                warning: None,
            };
        };
        let path = dir.join(prompt.file_name());
        let parsed = match std::fs::read(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(format!("{} {} is unreadable ({e})", prompt.name(), path.display())),
            Ok(bytes) => serde_json::from_slice::<Vec<String>>(&bytes)
                .map_err(|e| format!("{} {} is corrupt ({e})", prompt.name(), path.display())),
        };
        match parsed {
            Ok(entries) => {
                let mut history = QueryHistory {
                    entries: Vec::new(),
                    file: Some(path),
                };
                entries.iter().for_each(|entry| history.record(entry));
                Loaded { history, warning: None }
            }
            Err(problem) => Loaded {
                history: QueryHistory::in_memory(),
                warning: Some(format!("{problem}; it is ignored and left as it is")),
            },
        }
    }

    /// Whether saves write a file (an in-memory history needs no saving).
    pub fn is_kept(&self) -> bool {
        self.file.is_some()
    }

    /// Oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Adds `query` as the newest entry (moving it if it was there already);
    /// blank queries are not kept.
    pub fn record(&mut self, query: &str) {
        let query: String = query.trim().chars().filter(|c| !c.is_control()).collect();
        if query.is_empty() {
            return;
        }
        self.entries.retain(|entry| *entry != query);
        self.entries.push(query);
        let excess = self.entries.len().saturating_sub(MAX_QUERIES);
        self.entries.drain(..excess);
    }

    /// Writes the file atomically; an in-memory history is not written.
    pub fn save(&self) -> io::Result<()> {
        let Some(path) = &self.file else { return Ok(()) };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut json = serde_json::to_vec_pretty(&self.entries).map_err(io::Error::other)?;
        json.push(b'\n');
        write_atomically(path, &json)
    }
}
