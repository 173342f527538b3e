//! Bookmarks that persist across runs, in `$XDG_DATA_HOME/wsis-browser/`.
//!
//! - A file that cannot be read is never written in that run; a corrupt one
//!   is moved aside and reported.
//! - Saving merges: under an advisory lock on the directory, the file is
//!   read again, this run's changes are applied to it, and the result is
//!   written atomically. Two browsers sharing the directory keep each
//!   other's bookmarks.
//! - A `bookmarks.json` that is a symlink to a regular file the user owns
//!   is written through (the link stays); any other link is not written.

use std::fs::{self, File};
use std::io::{self, Read};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::atomic_write::write_atomically;
use crate::regular_file::open_regular;

const FILE_NAME: &str = "bookmarks.json";

/// A bookmarks file larger than this is not a bookmarks file.
const MAX_FILE_BYTES: u64 = 16 << 20;

/// Where bookmarks live: `$XDG_DATA_HOME/wsis-browser`, else `~/.local/share/wsis-browser`.
pub fn default_dir() -> Option<PathBuf> {
    crate::xdg::app_dir_from_env("XDG_DATA_HOME", ".local/share")
}

/// Bookmarked ids, in the order they were added, and where they are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookmarks {
    pub ids: Vec<String>,
    pub dir: Option<PathBuf>,
    /// This run's additions and removals, in order, not yet saved.
    changes: Vec<(String, Change)>,
    /// Why the file must not be written this run (it could not be read).
    unwritable: Option<String>,
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
        let mut bookmarks = Bookmarks {
            dir: Some(dir.clone()),
            ..Bookmarks::default()
        };
        let path = dir.join(FILE_NAME);
        let warning = match read_ids(&path) {
            Ok(ids) => {
                bookmarks.ids = ids;
                None
            }
            Err(Unreadable::Corrupt(e)) => {
                let aside = set_aside(&path);
                Some(format!(
                    "bookmarks file {} is corrupt ({e}); kept as {}",
                    path.display(),
                    aside.display()
                ))
            }
            Err(Unreadable::Io(e)) => {
                let message = format!("cannot read bookmarks {}: {e}", path.display());
                bookmarks.unwritable = Some(message.clone());
                Some(format!("{message}; bookmarks will not be saved in this session"))
            }
        };
        Loaded { bookmarks, warning }
    }

    /// The ids bookmarked in `dir`, read and never written nor moved (a
    /// command reads them; the browser sets a damaged file aside); a
    /// missing file holds none.
    pub fn read_only(dir: &Path) -> Result<Vec<String>, String> {
        let path = dir.join(FILE_NAME);
        read_ids(&path).map_err(|unreadable| match unreadable {
            Unreadable::Io(e) => format!("cannot read bookmarks {}: {e}", path.display()),
            Unreadable::Corrupt(e) => format!("bookmarks file {} is corrupt ({e})", path.display()),
        })
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// Adds (at the end) or removes `id`; returns whether it is now
    /// bookmarked.
    pub fn toggle(&mut self, id: &str) -> bool {
        let change = if self.contains(id) {
            Change::Remove
        } else {
            Change::Add(None)
        };
        self.change(id, change);
        change != Change::Remove
    }

    /// Bookmarks `id` again at `at` in the order bookmarked (or last if
    /// the list is shorter): where it was before it was removed.
    pub fn add_back(&mut self, id: &str, at: usize) {
        self.change(id, Change::Add(Some(at)));
    }

    /// Where `id` is in the order bookmarked.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|i| i == id)
    }

    fn change(&mut self, id: &str, change: Change) {
        apply(&mut self.ids, id, change);
        self.changes.push((id.to_string(), change));
    }

    /// Saves this run's changes, merged into the file as it is now (another
    /// browser may have saved since). In-memory bookmarks are not written;
    /// a file that could not be read at load is not written either.
    pub fn save(&mut self) -> io::Result<()> {
        let Some(dir) = self.dir.clone() else { return Ok(()) };
        if let Some(reason) = &self.unwritable {
            return Err(io::Error::other(format!("not saved: {reason}")));
        }
        fs::create_dir_all(&dir)?;
        // Released when `lock` is dropped, after the rename.
        let lock = File::open(&dir)?;
        lock.lock()?;
        let target = write_target(&dir.join(FILE_NAME))?;
        let mut ids = match read_ids(&target) {
            Ok(ids) => ids,
            Err(Unreadable::Corrupt(_)) => {
                set_aside(&target);
                Vec::new()
            }
            Err(Unreadable::Io(e)) => return Err(e),
        };
        for (id, change) in &self.changes {
            apply(&mut ids, id, *change);
        }
        let mut json = serde_json::to_vec_pretty(&ids).map_err(io::Error::other)?;
        json.push(b'\n');
        write_atomically(&target, &json)?;
        self.saved(ids);
        Ok(())
    }

    /// Takes in the list a save wrote: the changes are now in the file.
    pub fn saved(&mut self, ids: Vec<String>) {
        self.ids = ids;
        self.changes.clear();
    }
}

/// A change of the bookmarks, replayed on the file's list when saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// Bookmarked at this place in the order bookmarked, or last.
    Add(Option<usize>),
    Remove,
}

/// Adds `id` (once: where `change` says, or last if the list is shorter)
/// or removes it.
fn apply(ids: &mut Vec<String>, id: &str, change: Change) {
    match change {
        Change::Add(_) if ids.iter().any(|i| i == id) => {}
        Change::Add(at) => ids.insert(at.unwrap_or(ids.len()).min(ids.len()), id.to_string()),
        Change::Remove => ids.retain(|i| i != id),
    }
}

enum Unreadable {
    Io(io::Error),
    Corrupt(serde_json::Error),
}

/// The ids in the file, each once; a missing file holds none.
fn read_ids(path: &Path) -> Result<Vec<String>, Unreadable> {
    let mut bytes = Vec::new();
    match open_regular(path).and_then(|f| f.take(MAX_FILE_BYTES).read_to_end(&mut bytes)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Unreadable::Io(e)),
        Ok(_) => {}
    }
    let listed: Vec<String> = serde_json::from_slice(&bytes).map_err(Unreadable::Corrupt)?;
    let mut ids = Vec::with_capacity(listed.len());
    for id in listed {
        apply(&mut ids, &id, Change::Add(None));
    }
    Ok(ids)
}

/// The file to write for `path`: `path` itself, or the target of a symlink
/// there if that is a regular file the user owns.
fn write_target(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {}
        _ => return Ok(path.to_path_buf()),
    }
    let refuse = |why: &str| {
        io::Error::other(format!(
            "not saved: {} is a symlink to {why}; bookmarks are only written through a link to a regular file you own",
            path.display()
        ))
    };
    let target = fs::canonicalize(path).map_err(|_| refuse("a missing file"))?;
    let meta = fs::metadata(&target)?;
    if !meta.is_file() {
        return Err(refuse("something that is not a regular file"));
    }
    if meta.uid() != rustix::process::geteuid().as_raw() {
        return Err(refuse("a file of another user"));
    }
    Ok(target)
}

/// Renames a corrupt file to a name no later save will touch.
fn set_aside(path: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let aside = path.with_extension(format!("json.corrupt-{stamp}"));
    match fs::rename(path, &aside) {
        Ok(()) => aside,
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    fn ids(dir: &Path) -> Vec<String> {
        serde_json::from_slice(&fs::read(dir.join(FILE_NAME)).expect("read")).expect("json")
    }

    #[test]
    fn two_browsers_keep_each_others_bookmarks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Some(dir.path().to_path_buf());
        let mut first = Bookmarks::load(store.clone()).bookmarks;
        let mut second = Bookmarks::load(store.clone()).bookmarks;
        first.toggle("cstd");
        first.save().expect("saved");
        second.toggle("ga-70-125");
        second.save().expect("saved");
        assert_eq!(ids(dir.path()), ["cstd", "ga-70-125"]);
        assert_eq!(second.ids, ["cstd", "ga-70-125"], "a save also brings in the other's");
        // A removal in one survives a later save of the other.
        first.toggle("cstd");
        first.save().expect("saved");
        second.toggle("gdc");
        second.save().expect("saved");
        assert_eq!(ids(dir.path()), ["ga-70-125", "gdc"]);
    }

    #[test]
    fn a_bookmark_added_back_returns_to_its_place_in_memory_and_in_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut bookmarks = Bookmarks::load(Some(dir.path().to_path_buf())).bookmarks;
        for id in ["a", "b", "c"] {
            bookmarks.toggle(id);
        }
        let at = bookmarks.position("b").expect("bookmarked");
        bookmarks.toggle("b");
        bookmarks.add_back("b", at);
        assert_eq!(bookmarks.ids, ["a", "b", "c"]);
        bookmarks.save().expect("saved");
        assert_eq!(ids(dir.path()), ["a", "b", "c"], "the change replayed on the file");
        // Past the end of a list grown shorter meanwhile: last.
        bookmarks.toggle("c");
        bookmarks.add_back("c", 9);
        assert_eq!(bookmarks.ids, ["a", "b", "c"]);
        // Already bookmarked: no second copy.
        bookmarks.add_back("a", 2);
        assert_eq!(bookmarks.ids, ["a", "b", "c"]);
    }

    #[test]
    fn an_unreadable_file_is_never_written() {
        if rustix::process::geteuid().is_root() {
            eprintln!("skipped: root reads any file, so none is unreadable");
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, "[\"cstd\"]\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        let loaded = Bookmarks::load(Some(dir.path().to_path_buf()));
        assert!(loaded.warning.expect("a warning").contains("will not be saved"));
        let mut bookmarks = loaded.bookmarks;
        bookmarks.toggle("gdc");
        assert!(bookmarks.save().is_err());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(ids(dir.path()), ["cstd"], "the earlier bookmarks are kept");
    }

    #[test]
    fn a_file_that_cannot_be_opened_is_never_written_even_as_root() {
        // A symlink loop cannot be read by anyone, root included.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        std::os::unix::fs::symlink(&path, &path).expect("symlink");
        let loaded = Bookmarks::load(Some(dir.path().to_path_buf()));
        assert!(loaded.warning.expect("a warning").contains("will not be saved"));
        let mut bookmarks = loaded.bookmarks;
        bookmarks.toggle("gdc");
        assert!(bookmarks.save().is_err());
        assert!(
            fs::symlink_metadata(&path)
                .expect("still there")
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_file_that_is_not_regular_is_never_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(FILE_NAME);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let mut bookmarks = Bookmarks::load(Some(dir.path().to_path_buf())).bookmarks;
        bookmarks.toggle("gdc");
        assert!(bookmarks.save().is_err());
        assert!(fs::symlink_metadata(&path).expect("still there").file_type().is_fifo());
    }

    #[test]
    fn duplicate_ids_are_read_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join(FILE_NAME), r#"["cstd", "gdc", "cstd"]"#).expect("write");
        let mut bookmarks = Bookmarks::load(Some(dir.path().to_path_buf())).bookmarks;
        assert_eq!(bookmarks.ids, ["cstd", "gdc"]);
        assert!(!bookmarks.toggle("cstd"), "removed");
        assert!(!bookmarks.contains("cstd"), "and gone");
    }

    #[test]
    fn a_symlinked_file_is_written_through() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("dotfiles");
        fs::create_dir(&real).expect("dir");
        fs::write(real.join("bookmarks.json"), "[\"cstd\"]").expect("write");
        let store = dir.path().join("store");
        fs::create_dir(&store).expect("dir");
        std::os::unix::fs::symlink(real.join("bookmarks.json"), store.join(FILE_NAME)).expect("symlink");
        let mut bookmarks = Bookmarks::load(Some(store.clone())).bookmarks;
        bookmarks.toggle("gdc");
        bookmarks.save().expect("saved");
        let link = fs::symlink_metadata(store.join(FILE_NAME)).expect("link");
        assert!(link.file_type().is_symlink(), "the link stays a link");
        assert_eq!(ids(&real), ["cstd", "gdc"]);
    }

    #[test]
    fn a_dangling_symlink_is_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join(FILE_NAME)).expect("symlink");
        let mut bookmarks = Bookmarks::load(Some(dir.path().to_path_buf())).bookmarks;
        bookmarks.toggle("gdc");
        let error = bookmarks.save().expect_err("refused");
        assert!(error.to_string().contains("symlink"), "{error}");
        assert!(
            fs::symlink_metadata(dir.path().join(FILE_NAME))
                .expect("link")
                .file_type()
                .is_symlink()
        );
    }
}
