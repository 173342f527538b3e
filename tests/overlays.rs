//! User data on top of the embedded data: the config directory, `--data`,
//! their order, replacement, and backlinks across files. Each test gives
//! the real binary its own XDG_CONFIG_HOME, never the real ~/.config.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

struct Env {
    config: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.config.path().join("wsis-browser").join("data")
    }

    /// Writes a file into the user data directory.
    fn put(&self, name: &str, text: &str) -> PathBuf {
        std::fs::create_dir_all(self.data_dir()).unwrap();
        let path = self.data_dir().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn wsis(&self, args: &[&str]) -> Output {
        self.wsis_in(std::path::Path::new("."), args)
    }

    /// [`Env::wsis`] run in the directory `dir`.
    fn wsis_in(&self, dir: &std::path::Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_wsis"))
            .args(args)
            .current_dir(dir)
            .env("XDG_CONFIG_HOME", self.config.path())
            .env("HOME", self.config.path().join("no-home"))
            .env("XDG_CACHE_HOME", self.config.path().join("cache"))
            .stdin(Stdio::null())
            .output()
            .expect("runs")
    }

    fn show(&self, args: &[&str]) -> serde_json::Value {
        let output = self.wsis(args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    }
}

fn item(id: &str, title: &str, links: &str) -> String {
    format!("[\n    Item(id: \"{id}\", category: \"wsis20\", title: \"{title}\", links: [{links}]),\n]\n")
}

#[test]
fn config_directory_files_load_and_link_both_ways() {
    let env = Env::new();
    let file = env.put(
        "notes.ron",
        &item("my-notes", "My notes", "Link(rel: Reviews, to: \"ga-80-173\")"),
    );
    let notes = env.show(&["show", "my-notes", "--json"]);
    assert_eq!(notes["from_file"], file.display().to_string());
    let target = env.show(&["show", "ga-80-173", "--json"]);
    let backlinks = target["backlinks"].as_array().unwrap();
    assert!(backlinks.iter().any(|b| b["from"] == "my-notes"), "{backlinks:?}");
}

#[test]
fn no_user_data_skips_the_directory_but_not_data_files() {
    let env = Env::new();
    env.put("notes.ron", &item("my-notes", "My notes", ""));
    let output = env.wsis(&["--no-user-data", "show", "my-notes"]);
    assert_eq!(output.status.code(), Some(2), "my-notes names no item");
    let other = tempfile::tempdir().unwrap();
    let extra = other.path().join("extra.ron");
    std::fs::write(&extra, item("my-extra", "Extra", "")).unwrap();
    let shown = env.show(&[
        "--no-user-data",
        "--data",
        extra.to_str().unwrap(),
        "show",
        "my-extra",
        "--json",
    ]);
    assert_eq!(shown["title"], "Extra");
}

#[test]
fn later_files_win_in_the_documented_order() {
    let env = Env::new();
    // Directory files load sorted by name: b after a.
    env.put("b.ron", &item("ga-80-173", "From b", ""));
    env.put("a.ron", &item("ga-80-173", "From a", ""));
    let shown = env.show(&["show", "ga-80-173", "--json"]);
    assert_eq!(shown["title"], "From b");
    assert!(shown["from_file"].as_str().unwrap().ends_with("b.ron"));
    // --data files come after the directory, in command-line order.
    let other = tempfile::tempdir().unwrap();
    let c = other.path().join("c.ron");
    let d = other.path().join("d.ron");
    std::fs::write(&c, item("ga-80-173", "From c", "")).unwrap();
    std::fs::write(&d, item("ga-80-173", "From d", "")).unwrap();
    let (c, d) = (c.to_str().unwrap(), d.to_str().unwrap());
    assert_eq!(
        env.show(&["--data", c, "--data", d, "show", "ga-80-173", "--json"])["title"],
        "From d"
    );
    assert_eq!(
        env.show(&["--data", d, "--data", c, "show", "ga-80-173", "--json"])["title"],
        "From c"
    );
}

#[test]
fn a_replacing_item_keeps_the_backlinks_of_other_items() {
    let env = Env::new();
    env.put("replace.ron", &item("ga-80-173", "Replaced", ""));
    let shown = env.show(&["show", "ga-80-173", "--json"]);
    assert_eq!(shown["title"], "Replaced");
    // The embedded items that link to it still do.
    assert!(!shown["backlinks"].as_array().unwrap().is_empty());
}

#[test]
fn an_overlay_may_link_to_an_item_of_another_overlay() {
    let env = Env::new();
    env.put(
        "1-base.ron",
        &item("my-base", "Base", "Link(rel: Reviews, to: \"ga-80-173\")"),
    );
    env.put(
        "2-more.ron",
        &item("my-more", "More", "Link(rel: FeedsInto, to: \"my-base\")"),
    );
    let base = env.show(&["show", "my-base", "--json"]);
    assert!(
        base["backlinks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["from"] == "my-more")
    );
}

#[test]
fn a_bad_file_in_the_directory_stops_every_command_before_anything_loads() {
    let env = Env::new();
    let bad = env.put(
        "bad.ron",
        "[\n    Item(id: \"x\", category: \"nope\", title: \"T\"),\n]\n",
    );
    for args in [&["list"][..], &["show", "ga-80-173"], &[]] {
        let output = env.wsis(args);
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("{}:2:", bad.display())), "{stderr}");
    }
    // Shell completion and the manual need no data.
    assert!(env.wsis(&["man"]).status.success());
    assert!(env.wsis(&["--no-user-data", "list"]).status.success());
}

#[test]
fn validate_counts_items_and_files() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, item("my-a", "A", "")).unwrap();
    std::fs::write(&b, "[\n  Item(id: \"my-b\", category: \"ga\", title: \"B\", links: [Link(rel: Reviews, to: \"my-a\")]),\n  Item(id: \"my-c\", category: \"ga\", title: \"C\"),\n]\n").unwrap();
    let output = env.wsis(&["validate", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "ok: 3 items in 2 files\n");
    // b alone links to an unknown id: a is not loaded.
    let output = env.wsis(&["validate", b.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

/// An id given again in a later file, or an embedded id, is no error (the
/// later item wins), but `validate` says so: it is easily done by mistake.
#[test]
fn validate_names_the_items_that_replace_another() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, item("my-a", "A", "")).unwrap();
    let entry = |id: &str| format!("    Item(id: \"{id}\", category: \"ga\", title: \"Mine\"),\n");
    std::fs::write(&b, format!("[\n{}{}]\n", entry("my-a"), entry("ga-70-125"))).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let output = env.wsis(&["validate", a, b]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains(&format!("note: {b}: \"my-a\" replaces the item of the same id in {a}")),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "note: {b}: \"ga-70-125\" replaces the embedded item of the same id"
        )),
        "{said}"
    );
    let report: serde_json::Value = serde_json::from_slice(&env.wsis(&["validate", "--json", a, b]).stdout).unwrap();
    let replaced: Vec<(&str, Option<&str>)> = report["replaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["replaced_file"].as_str()))
        .collect();
    assert_eq!(replaced, [("ga-70-125", None), ("my-a", Some(a))]);
    // Each file alone replaces nothing but the embedded item.
    let alone = String::from_utf8_lossy(&env.wsis(&["validate", a]).stdout).into_owned();
    assert!(!alone.contains("note:"), "{alone}");
}

/// A file of the data directory checked by a relative path is the file
/// loaded from there by its full path: its replacements are named too.
#[test]
fn validate_names_replacements_of_a_data_directory_file_checked_by_a_relative_path() {
    let env = Env::new();
    env.put(
        "mine.ron",
        "[\n    Item(id: \"itu\", category: \"body\", title: \"Mine\"),\n]\n",
    );
    let output = env.wsis_in(&env.data_dir(), &["validate", "mine.ron"]);
    let said = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("note: ") && said.contains(": \"itu\" replaces the embedded item of the same id"),
        "{said}"
    );
}

/// `show` says which of the user's files an item comes from, as the detail
/// pane does, whether it read the data or the dataset cache.
#[test]
fn show_names_the_users_file_of_an_item_cold_and_warm() {
    let env = Env::new();
    let text = "[\n    Item(id: \"itu\", category: \"body\", title: \"Mine\"),\n    Item(id: \"my-note\", category: \"wsis20\", title: \"Note\"),\n]\n";
    let path = env.put("mine.ron", text);
    // Dated a while back, so the second run reads the cache.
    let settled = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(settled)
        .unwrap();
    for run in ["cold", "warm"] {
        let shown = |name: &str| String::from_utf8(env.wsis(&["show", name]).stdout).unwrap();
        let file = path.display();
        let replacing = shown("itu");
        assert!(
            replacing.contains(&format!("\nFrom:     {file} (replaces the embedded item)\n")),
            "{run}: {replacing}"
        );
        let added = shown("my-note");
        assert!(
            added.contains(&format!("\nFrom:     {file} (your overlay)\n")),
            "{run}: {added}"
        );
        let embedded = shown("unesco");
        assert!(!embedded.contains("From:"), "{run}: {embedded}");
    }
}
