//! Bookmarks that persist across runs, in `$XDG_DATA_HOME/wsis-browser/`.
//! Writes are atomic (a temporary file, then a rename); a file that cannot
//! be read is moved aside and reported, never silently overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "bookmarks.json";

/// Where bookmarks live: `$XDG_DATA_HOME/wsis-browser`, else `~/.local/share/wsis-browser`.
pub fn default_dir() -> Option<PathBuf> {
    crate::xdg::app_dir_from_env("XDG_DATA_HOME", ".local/share")
}

/// Bookmarked ids, in the order they were added, and where they are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookmarks {
    pub ids: Vec<String>,
    pub dir: Option<PathBuf>,
}

/// Loading never fails the program: a problem comes back as a message.
pub struct Loaded {
    pub bookmarks: Bookmarks,
    pub warning: Option<String>,
}

impl Bookmarks {
    /// Bookmarks that are never written (tests, or no home directory).
    pub fn in_memory() -> Bookmarks {
        Bookmarks::default()
    }

    pub fn load(dir: Option<PathBuf>) -> Loaded {
        let Some(dir) = dir else {
            return Loaded {
                bookmarks: Bookmarks::default(),
                warning: None,
            };
        };
        let path = dir.join(FILE_NAME);
        let parsed = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(format!("cannot read bookmarks {}: {e}", path.display())),
            Ok(bytes) => serde_json::from_slice::<Vec<String>>(&bytes).map_err(|e| {
                let aside = set_aside(&path);
                format!(
                    "bookmarks file {} is corrupt ({e}); kept as {}",
                    path.display(),
                    aside.display()
                )
            }),
        };
        match parsed {
            Ok(ids) => Loaded {
                bookmarks: Bookmarks { ids, dir: Some(dir) },
                warning: None,
            },
            // Without a readable file, nothing is written over it this session.
            Err(warning) => Loaded {
                bookmarks: Bookmarks {
                    ids: Vec::new(),
                    dir: Some(dir),
                },
                warning: Some(warning),
            },
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// Adds or removes `id`; returns whether it is now bookmarked.
    pub fn toggle(&mut self, id: &str) -> bool {
        if let Some(pos) = self.ids.iter().position(|i| i == id) {
            self.ids.remove(pos);
            false
        } else {
            self.ids.push(id.to_string());
            true
        }
    }

    /// Writes the file atomically; in-memory bookmarks are not written.
    pub fn save(&self) -> std::io::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        std::fs::create_dir_all(dir)?;
        let path = dir.join(FILE_NAME);
        let temp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(&serde_json::to_vec_pretty(&self.ids).map_err(std::io::Error::other)?)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::rename(&temp, &path)
    }
}

/// Renames a corrupt file to a name no later save will touch.
fn set_aside(path: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let aside = path.with_extension(format!("json.corrupt-{stamp}"));
    match std::fs::rename(path, &aside) {
        Ok(()) => aside,
        Err(_) => path.to_path_buf(),
    }
}
