//! A bad user file is not the end: the browser opens with every file that
//! loads, names the skipped ones in a banner, and never writes to them.
//! Also: the browser's `:` jump takes the same names as the command line.
//! (Its own test binary: the banner's notices are set once per process.)

mod common;

use std::path::PathBuf;

use common::{DATA, draw, key, press, shown, tmux, type_text};
use ratatui::crossterm::event::KeyCode;
use wsis_browser::app::App;
use wsis_browser::data::partial::load_what_loads;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn files_that_load_are_kept_and_the_others_named_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "a-good.ron",
        r#"[Item(id: "mine", category: "ga", title: "Mine")]"#,
    );
    let syntax = write(&dir, "b-syntax.ron", "[\n  Item(id: \"x\",, )\n]");
    let bad_link = write(
        &dir,
        "c-link.ron",
        "[\n  Item(id: \"linked\", category: \"ga\", title: \"L\",\n    links: [Link(rel: Cites, to: \"nowhere\")]),\n]",
    );
    let before: Vec<String> = [&syntax, &bad_link]
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let (data, skipped) = load_what_loads(&[good, syntax.clone(), bad_link.clone()]);
    assert!(data.by_id("mine").is_some(), "the good file loaded");
    assert_eq!(data.len(), DATA.len() + 1);
    let names: Vec<&str> = skipped.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(names, [syntax.display().to_string(), bad_link.display().to_string()]);
    let summary = skipped[0].summary();
    assert!(summary.contains("b-syntax.ron:2:"), "{summary}");
    assert!(
        summary.contains(&format!("wsis validate {}", syntax.display())),
        "{summary}"
    );
    assert!(
        skipped[1].summary().contains("c-link.ron:3:"),
        "{}",
        skipped[1].summary()
    );
    let after: Vec<String> = [&syntax, &bad_link]
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(before, after, "nothing is written to the user's files");
}

#[test]
fn a_file_that_needs_a_skipped_one_is_skipped_too() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(
        &dir,
        "a.ron",
        "[Item(id: \"base\", category: \"ga\", title: \"B\", date: \"2020-13\")]",
    );
    let user = write(
        &dir,
        "b.ron",
        "[Item(id: \"user\", category: \"ga\", title: \"U\", links: [Link(rel: Cites, to: \"base\")])]",
    );
    let (data, skipped) = load_what_loads(&[base, user]);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(data.len(), DATA.len());
}

#[test]
fn the_banner_stays_on_top_and_the_jump_takes_every_name() {
    let mut app = App::new(&DATA);
    app.notices = vec![
        "skipped /home/u/.config/wsis-browser/data/bad.ron:2:17: expected `)`; fix: wsis validate /home/u/.config/wsis-browser/data/bad.ron".into(),
    ];
    let terminal = draw(&app, 120, 30);
    let buffer = terminal.backend().buffer();
    let top: String = (0..120).map(|x| buffer[(x, 0)].symbol().to_string()).collect();
    assert!(
        top.contains("⚠ skipped /home/u/.config/wsis-browser/data/bad.ron:2:17"),
        "{top}"
    );
    assert!(top.contains("wsis validate"), "{top}");
    // Clearly styled: black on yellow, bold, the whole line.
    let style = buffer[(119, 0)].style();
    assert_eq!(style.bg, Some(ratatui::style::Color::Yellow));
    assert!(style.add_modifier.contains(ratatui::style::Modifier::BOLD));
    insta::assert_snapshot!("banner_over_the_main_screen", terminal.backend());

    for (name, id) in [
        ("C3", "al-c3"),
        ("ECOSOC 2006/46", "ecosoc-2006-46"),
        ("70/125", "ga-70-125"),
        ("itu", "itu"),
    ] {
        press(&mut app, &[key(KeyCode::Char(':'))]);
        type_text(&mut app, name);
        press(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(shown(&app), id, "{name}");
        // The banner is still there after moving around.
        let buffer = draw(&app, 120, 30).backend().buffer().clone();
        assert_eq!(buffer[(1, 0)].symbol(), "⚠");
    }
    // Esc closes a message first, then hides the banner, saying so; the
    // panes take its rows.
    app.status = Some("a message".into());
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.status, None);
    assert_eq!(draw(&app, 120, 30).backend().buffer()[(1, 0)].symbol(), "⚠");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .starts_with("banner hidden (1 notice)")
    );
    assert_ne!(draw(&app, 120, 30).backend().buffer()[(1, 0)].symbol(), "⚠");
    assert!(!app.should_quit, "Esc never quits");
}

#[test]
fn the_real_browser_opens_past_a_bad_file_and_names_it() {
    if !tmux::available() {
        return;
    }
    let config = tempfile::tempdir().unwrap();
    let data = config.path().join("wsis-browser/data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("a-good.ron"),
        r#"[Item(id: "mine", category: "ga", title: "My own item")]"#,
    )
    .unwrap();
    let bad_text = "[\n  Item(id: \"x\",, )\n]\n";
    std::fs::write(data.join("b-bad.ron"), bad_text).unwrap();
    let command = format!(
        "env XDG_CONFIG_HOME={dir} XDG_DATA_HOME={dir} XDG_CACHE_HOME={dir}/cache {bin}",
        dir = config.path().display(),
        bin = env!("CARGO_BIN_EXE_wsis"),
    );
    let pane = tmux::Pane::start("banner", 120, 30, &command);
    let screen = pane.wait_text("skipped");
    pane.send(&[":", "mine", "Enter"]);
    let after = pane.wait_text("My own item");
    pane.send(&["q"]);
    assert_eq!(pane.wait_exit(), 0, "q quits");
    assert!(screen.contains("b-bad.ron:2:"), "{screen}");
    assert!(screen.contains("fix: wsis validate"), "{screen}");
    assert!(
        after.lines().next().unwrap_or("").contains("skipped"),
        "the banner stays:\n{after}"
    );
    assert_eq!(std::fs::read_to_string(data.join("b-bad.ron")).unwrap(), bad_text);
}
