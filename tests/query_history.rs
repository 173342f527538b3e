//! Query history across runs: saved through an effect, read back at start,
//! bounded, one file per prompt, and a bad file is reported and left alone.
//! Every test uses a temporary directory, never the real home.

mod common;

use common::{DATA, key, press, type_text};
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::{App, Effect};
use wsis_browser::query_history::{MAX_QUERIES, Prompt, QueryHistory};

fn load(dir: &std::path::Path, prompt: Prompt) -> QueryHistory {
    let loaded = QueryHistory::load(Some(dir), prompt);
    assert_eq!(loaded.warning, None);
    loaded.history
}

/// Carries out the app's save effects as the terminal front end does.
fn save_effects(app: &mut App) {
    for effect in std::mem::take(&mut app.effects) {
        if let Effect::SaveQueryHistory(prompt) = effect {
            app.query_history(prompt).save().expect("saved");
        }
    }
}

#[test]
fn searches_and_jumps_survive_a_restart_in_separate_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(&DATA).with_query_history(load(dir.path(), Prompt::Search), load(dir.path(), Prompt::Jump));
    press(&mut app, &[key(KeyCode::Char('/'))]);
    type_text(&mut app, "igf");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.effects.contains(&Effect::SaveQueryHistory(Prompt::Search)));
    press(&mut app, &[key(KeyCode::Char(':'))]);
    type_text(&mut app, "E/RES/2006/46");
    press(&mut app, &[key(KeyCode::Enter)]);
    save_effects(&mut app);
    assert!(dir.path().join(Prompt::Search.file_name()).is_file());
    assert!(dir.path().join(Prompt::Jump.file_name()).is_file());

    // The next run.
    let mut app = App::new(&DATA).with_query_history(load(dir.path(), Prompt::Search), load(dir.path(), Prompt::Jump));
    assert_eq!(app.search_history.entries(), ["igf"]);
    assert_eq!(app.jump_history.entries(), ["E/RES/2006/46"]);
    press(&mut app, &[key(KeyCode::Char('/')), key(KeyCode::Up)]);
    assert_eq!(app.search().unwrap().query, "igf");
}

#[test]
fn the_history_keeps_only_the_newest_queries() {
    let dir = tempfile::tempdir().unwrap();
    let mut history = load(dir.path(), Prompt::Search);
    for n in 0..MAX_QUERIES + 10 {
        history.record(&format!("query {n}"));
    }
    assert_eq!(history.entries().len(), MAX_QUERIES);
    assert_eq!(history.entries()[0], "query 10");
    assert_eq!(history.entries().last().unwrap(), &format!("query {}", MAX_QUERIES + 9));
    history.save().unwrap();
    assert_eq!(load(dir.path(), Prompt::Search), history);

    // A longer file (written by hand, or an older version) is cut on reading.
    let long: Vec<String> = (0..MAX_QUERIES * 2).map(|n| format!("q{n}")).collect();
    std::fs::write(
        dir.path().join(Prompt::Jump.file_name()),
        serde_json::to_string(&long).unwrap(),
    )
    .unwrap();
    let jumps = load(dir.path(), Prompt::Jump);
    assert_eq!(jumps.entries(), &long[MAX_QUERIES..]);
}

#[test]
fn blank_control_and_repeated_queries_are_cleaned_up() {
    let mut history = QueryHistory::in_memory();
    for query in ["a", "  ", "b", "a", "c\u{1b}[2J"] {
        history.record(query);
    }
    assert_eq!(history.entries(), ["b", "a", "c[2J"]);
    assert!(!history.is_kept());
    // In memory, saving writes nothing and succeeds.
    history.save().unwrap();
}

#[test]
fn a_corrupt_file_is_reported_ignored_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Prompt::Search.file_name());
    std::fs::write(&path, "{ not a list").unwrap();
    let loaded = QueryHistory::load(Some(dir.path()), Prompt::Search);
    let warning = loaded.warning.expect("a warning");
    assert!(
        warning.contains("search history") && warning.contains("corrupt"),
        "{warning}"
    );
    let mut history = loaded.history;
    assert!(history.entries().is_empty());
    history.record("igf");
    history.save().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not a list");
    // The other prompt's history is not affected.
    assert_eq!(QueryHistory::load(Some(dir.path()), Prompt::Jump).warning, None);
}

#[test]
fn a_missing_directory_is_created_on_the_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state").join("wsis-browser");
    let mut history = load(&state, Prompt::Jump);
    history.record("A/RES/80/173");
    history.save().unwrap();
    assert_eq!(load(&state, Prompt::Jump).entries(), ["A/RES/80/173"]);
    // Only the file itself remains: the atomic write leaves no temporary file.
    let names: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [Prompt::Jump.file_name()]);
}
