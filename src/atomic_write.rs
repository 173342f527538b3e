//! The one way this program replaces a file: write a new file beside it,
//! flush it to disk, rename it over the old one, flush the directory.
//! A reader sees the old file or the new one, never half of either, and a
//! crash leaves at worst a stray temporary file (removed by the next prune).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Temporary files start with this (after a dot), so prunes can find the
/// leftovers of a killed run.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `target` with `bytes`. The temporary file is created with
/// `O_EXCL` and a random name in the target's directory (never following a
/// planted symlink), and is removed if anything fails.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(target, |file| file.write_all(bytes))
}

/// [`write_atomically`], the new file's bytes written by `write` (in
/// pieces, so they need never be in memory whole); if it fails, nothing
/// is replaced.
pub fn write_atomically_with(target: &Path, write: impl FnOnce(&mut fs::File) -> io::Result<()>) -> io::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    write(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|e| e.error)?;
    // The rename is durable only once the directory itself is flushed.
    fs::File::open(dir)?.sync_all()
}

/// Whether `name` is one of our temporary files for a target whose file
/// name starts with `target_prefix`.
pub fn is_temp_name(name: &str, target_prefix: &str) -> bool {
    name.starts_with(&format!(".{target_prefix}")) && name.ends_with(TEMP_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("a.json");
        fs::write(&target, "old").expect("write");
        write_atomically(&target, b"new").expect("written");
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.json"]);
    }

    #[test]
    fn a_planted_symlink_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").expect("write");
        let target = dir.path().join("a.json");
        // The name the previous code used: predictable from the pid.
        let planted = dir.path().join(format!(".a.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        write_atomically(&target, b"new").expect("written");
        assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
    }

    #[test]
    fn temp_names_are_recognised() {
        assert!(is_temp_name(".search-x.idx.abc123.tmp", "search-"));
        assert!(!is_temp_name("search-x.idx", "search-"));
    }
}
