//! What the command line prints on a real terminal (tmux), where a person
//! reads it: tables sized to the screen, a search's best hits kept in
//! view, notes on standard error after the output they are about.

mod common;

use std::process::Command;

use common::tmux;

/// The command run in a pane: no `COLUMNS` (the terminal's size rules),
/// the test's own cache, the embedded data alone.
fn on_terminal(args: &str) -> String {
    format!(
        "env -u COLUMNS XDG_CACHE_HOME={cache} {bin} --no-user-data {args}",
        cache = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        bin = env!("CARGO_BIN_EXE_wsis"),
    )
}

#[test]
fn on_a_terminal_list_prints_a_table_sized_to_it() {
    if !tmux::available() {
        return;
    }
    let pane = tmux::Pane::start("table", 72, 50, &on_terminal("list --category ga"));
    assert_eq!(pane.wait_exit(), 0);
    let screen = pane.screen();
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].starts_with("SYMBOL/ID"), "{screen}");
    assert!(lines.iter().all(|l| l.chars().count() <= 72), "{screen}");
    assert!(screen.contains("A/RES/70/125"), "{screen}");
    assert!(!screen.contains('\t'), "no tab-separated lines on a terminal");
    // What the category is known to lack, after its list, on a terminal.
    let gaps = screen.find("wsis: Not in the embedded data").expect("the known gaps");
    assert!(gaps > screen.find("A/RES/80/173").expect("the list"), "{screen}");
}

#[test]
fn on_a_terminal_search_shows_the_best_hits_that_fit_and_says_how_many_more() {
    if !tmux::available() {
        return;
    }
    let query = "internet governance";
    let piped = Command::new(env!("CARGO_BIN_EXE_wsis"))
        .args(["--no-user-data", "search", query])
        .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"))
        .output()
        .unwrap();
    let every: Vec<String> = String::from_utf8(piped.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let rows = 24;
    let pane = tmux::Pane::start("screenful", 100, rows, &on_terminal(&format!("search {query}")));
    assert_eq!(pane.wait_exit(), 0);
    let screen = pane.screen();
    let lines: Vec<&str> = screen.lines().collect();
    // The header and the best hit are still on screen, the note last.
    assert!(lines[0].starts_with("SYMBOL/ID"), "{screen}");
    assert!(names(lines[1], &every[0]), "{screen}");
    let note = lines
        .iter()
        .position(|l| l.starts_with("wsis: the best "))
        .expect("the note");
    let shown = note - 1;
    assert!(shown < usize::from(rows) && shown < every.len(), "{screen}");
    let said = format!("wsis: the best {shown} of {} hits", every.len());
    assert!(lines[note].starts_with(&said), "{said:?} in\n{screen}");
    // The rows shown are the best, in the pipe's order.
    for (row, line) in lines[1..note].iter().zip(&every) {
        assert!(names(row, line), "{row:?} / {line:?}");
    }
    // `-n all` prints every hit on a terminal too, with no note.
    let pane = tmux::Pane::start("every", 100, 80, &on_terminal(&format!("search -n all {query}")));
    assert_eq!(pane.wait_exit(), 0);
    let screen = pane.screen();
    assert!(!screen.contains("wsis: the best"), "{screen}");
    let last = every.last().unwrap();
    assert!(screen.lines().any(|row| names(row, last)), "{screen}");
}

/// Whether a table's `row` names the hit of a piped line (`id⇥symbol⇥…`):
/// by its symbol, else its id, cut at either end where long (`…`).
fn names(row: &str, piped: &str) -> bool {
    let mut fields = piped.split('\t');
    let id = fields.next().unwrap();
    let named = fields.next().filter(|&symbol| symbol != "-").unwrap_or(id);
    let cell = row.split("  ").next().unwrap().trim_matches('…');
    !cell.is_empty() && named.contains(cell)
}

#[test]
fn a_note_on_the_terminal_is_wrapped_at_its_width_when_the_output_goes_to_a_file() {
    if !tmux::available() {
        return;
    }
    let out = concat!(env!("CARGO_TARGET_TMPDIR"), "/sg-list.tsv");
    let pane = tmux::Pane::start("wide", 150, 20, &on_terminal(&format!("list --category sg > {out}")));
    assert_eq!(pane.wait_exit(), 0);
    let screen = pane.screen();
    let note = screen
        .lines()
        .find(|line| line.starts_with("wsis: Not in the embedded data"))
        .expect("the known gaps");
    // Longer than 80 columns, so on one row of 150, not wrapped at 80.
    assert!(note.chars().count() > 80 && note.ends_with("confirmed)."), "{screen}");
    assert!(
        std::fs::read_to_string(out).unwrap().contains("\t"),
        "the list went to the file"
    );
}

/// A cold search of a query nothing matches shows, on a terminal, what a
/// warm one shows: the shorter query found for it, not another sought
/// again on the index built for the shorter one (whose counts of the
/// words left out differ: "el resolution response" once showed the hits
/// of "resolution" cold and of "resolution response" warm, those without
/// their dates and excerpts).
#[test]
fn on_a_terminal_a_cold_search_nothing_matches_shows_the_warm_ones_nearest_hits() {
    if !tmux::available() {
        return;
    }
    let cache = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache-nearest-cold");
    let _ = std::fs::remove_dir_all(cache);
    let run = |name: &str, args: &str| {
        let command = format!(
            "env -u COLUMNS XDG_CACHE_HOME={cache} {bin} --no-user-data {args}",
            bin = env!("CARGO_BIN_EXE_wsis"),
        );
        let pane = tmux::Pane::start(name, 120, 60, &command);
        (pane.wait_exit(), pane.screen())
    };
    // Builds and stores the index: the searches named "warm" use it (were
    // none stored, they would be cold too, and the screens alike anyway).
    assert_eq!(run("nearest-store", "search igf").0, 0);
    let stored: Vec<String> = std::fs::read_dir(std::path::Path::new(cache).join("wsis-browser"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stored
            .iter()
            .any(|name| name.starts_with("search-") && name.ends_with(".idx")),
        "an index stored: {stored:?}"
    );
    for (at, query) in ["el resolution response", "tw 2023 assembly", "conference 2022 adv"]
        .into_iter()
        .enumerate()
    {
        let (warm_status, warm) = run(&format!("nearest-warm-{at}"), &format!("search {query}"));
        let (cold_status, cold) = run(&format!("nearest-cold-{at}"), &format!("search --no-cache {query}"));
        // Status 1 and a table: nothing matched, the shorter query's hits shown.
        assert!(warm_status == 1 && warm.contains("SYMBOL/ID"), "{query}: {warm}");
        assert_eq!((cold_status, cold), (warm_status, warm), "{query}");
    }
}

/// A query no item fully holds shows, on a terminal, the hits of the query
/// with fewer words under a line naming the words left out, as the browser
/// does, from the stored index and without one alike; the status stays 1
/// and a pipe still gets nothing.
#[test]
fn on_a_terminal_a_query_no_item_holds_shows_the_nearest_hits() {
    if !tmux::available() {
        return;
    }
    let query = "what did the global digital compact say about wsis";
    let piped = |query: &str| {
        Command::new(env!("CARGO_BIN_EXE_wsis"))
            .args(["--no-user-data", "search", query])
            .env("XDG_CACHE_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"))
            .output()
            .unwrap()
    };
    let nothing = piped(query);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(nothing.stdout.is_empty(), "a pipe gets no hits");
    let nearest = piped("global digital compact wsis");
    let every: Vec<String> = String::from_utf8(nearest.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert!(!every.is_empty() && every.len() < 30, "{every:?}");
    for (name, cache) in [("nearest", ""), ("nearest-cold", "--no-cache ")] {
        let pane = tmux::Pane::start(name, 100, 40, &on_terminal(&format!("{cache}search {query}")));
        assert_eq!(pane.wait_exit(), 1, "{name}");
        let screen = pane.screen();
        let lines: Vec<&str> = screen.lines().collect();
        let header = lines.iter().position(|l| l.starts_with("SYMBOL/ID")).expect("a table");
        let said = format!(
            "wsis: nothing matches \"{query}\"; the {} hits without “what”, “did”, “the”, “say”, “about”:",
            every.len()
        );
        // Wrapped at words to the width.
        assert_eq!(lines[..header].join(" "), said, "{name}:\n{screen}");
        let rows = &lines[header + 1..header + 1 + every.len()];
        for (row, line) in rows.iter().zip(&every) {
            assert!(names(row, line), "{name}: {row:?} / {line:?}");
            // Explained as that query's own hits are: its words marked.
            assert!(row.contains('['), "{name}: {row:?}");
        }
    }
}
