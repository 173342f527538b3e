//! Shell completion run in real shells, and the manual page checked by a
//! real formatter. A shell or formatter that is not installed is reported
//! as skipped, never passed silently.

mod common;

use std::process::Command;

use common::wsis;
use wsis_browser::keymap::BINDINGS;

fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn script(shell: &str) -> tempfile::NamedTempFile {
    let output = wsis(&["completions", shell]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &output.stdout).unwrap();
    file
}

/// The words bash offers after `line` (the last word is being completed).
fn bash_complete(script: &std::path::Path, line: &str) -> Vec<String> {
    let test = format!(
        r#"source "$1"
COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}
read -r -a COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_wsis wsis "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#
    );
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-i", "-c", &test, "bash"])
        .arg(script)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_categories_and_item_names() {
    if !installed("bash") {
        println!("skipped: bash is not installed");
        return;
    }
    let script = script("bash");
    let categories = bash_complete(script.path(), "wsis list --category ");
    assert!(categories.contains(&"action-line".to_string()), "{categories:?}");
    assert!(categories.contains(&"ga".to_string()));
    assert!(
        !categories.iter().any(|c| c.contains('.')),
        "no file names: {categories:?}"
    );
    assert_eq!(bash_complete(script.path(), "wsis show C3"), ["C3"]);
    let resolutions = bash_complete(script.path(), "wsis show A/RES/70/");
    assert!(resolutions.contains(&"A/RES/70/125".to_string()), "{resolutions:?}");
    assert!(bash_complete(script.path(), "wsis cite ITU e-he").contains(&"e-health".to_string()));
    assert!(bash_complete(script.path(), "wsis path ga-70 ").contains(&"itu".to_string()));
    assert!(bash_complete(script.path(), "wsis export --from ung").contains(&"ungis".to_string()));
    assert!(bash_complete(script.path(), "wsis open ungi").contains(&"ungis".to_string()));
}

#[test]
fn fish_completes_item_names() {
    if !installed("fish") {
        println!("skipped: fish is not installed");
        return;
    }
    let script = script("fish");
    let output = Command::new("fish")
        .arg("-c")
        .arg(format!("source {}; complete -C'wsis show C3'", script.path().display()))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .any(|l| l.starts_with("C3"))
    );
}

/// Types `line` and Tab into an interactive zsh (through zpty) with the
/// script loaded; true when the screen then shows `expected`.
fn zsh_completes(script: &std::path::Path, line: &str, expected: &str) -> bool {
    let test = r#"zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='> '; autoload -U compinit; compinit -u; source $1"
zpty -w -n z "$2"$'\t'
zpty -r z out "*$3*" && print -r -- FOUND
zpty -d z"#;
    // `timeout` only ends a zsh that hangs: a completion that works shows
    // its text at once.
    let output = Command::new("timeout")
        .args(["20", "zsh", "-f", "-c", test, "zsh"])
        .arg(script)
        .args([line, expected])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).contains("FOUND")
}

#[test]
fn zsh_completes_categories_and_item_names() {
    if !installed("zsh") || !installed("timeout") {
        println!("skipped: zsh (or timeout) is not installed");
        return;
    }
    let script = script("zsh");
    assert!(zsh_completes(script.path(), "wsis show e-he", "e-health"));
    assert!(zsh_completes(
        script.path(),
        "wsis list --category action-",
        "action-line"
    ));
    assert!(zsh_completes(script.path(), "wsis cite A/RES/70/12", "A/RES/70/125"));
}

#[test]
fn every_script_names_the_items() {
    // clap_complete's elvish and PowerShell scripts complete options only.
    for shell in ["bash", "zsh", "fish"] {
        let text = std::fs::read_to_string(script(shell).path()).unwrap();
        assert!(text.contains("A/RES/70/125") && text.contains("e-health"), "{shell}");
    }
}

fn page() -> String {
    let output = wsis(&["man"]);
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_manual_has_every_section_and_no_missing_pages() {
    let page = page();
    for section in [
        "SYNOPSIS",
        "COMMANDS",
        "NAMING ITEMS",
        "BROWSER KEYS",
        "OUTPUT FORMATS",
        "CITATIONS",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
        "EXAMPLES",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\"")) || page.contains(&format!(".SH {section}")),
            "{section}"
        );
    }
    for command in [
        "list",
        "search",
        "show",
        "path",
        "cite",
        "open",
        "validate",
        "export",
        "new",
        "completions",
        "man",
    ] {
        assert!(page.contains(&format!("wsis {command}")), "{command}");
    }
    for variable in ["NO_COLOR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"] {
        assert!(page.contains(variable), "{variable}");
    }
    assert!(!page.contains("wsis\\-list(1)") && !page.contains("wsis-list(1)"));
    assert!(page.is_ascii(), "non-ASCII is written as groff escapes");
}

#[test]
fn the_manual_lists_every_key_binding() {
    let rendered = render(&page()).unwrap_or_else(|| {
        println!("skipped rendering: groff is not installed");
        page()
    });
    let flat = rendered.split_whitespace().collect::<Vec<_>>().join(" ");
    for binding in BINDINGS {
        // Hyphenation may split a word across lines: compare the first words.
        let start: String = binding
            .description
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&start), "{}", binding.description);
    }
}

/// The page as `man` shows it, with every groff warning turned on.
fn render(page: &str) -> Option<String> {
    if !installed("groff") {
        return None;
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), page).unwrap();
    let output = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-rLL=100n"])
        .arg(file.path())
        .env("GROFF_NO_SGR", "1")
        .output()
        .unwrap();
    let warnings = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && warnings.is_empty(),
        "groff warns:\n{warnings}"
    );
    Some(without_overstrike(&String::from_utf8_lossy(&output.stdout)))
}

/// grotty writes bold as "X\bX" and underline as "_\bX": keep the last.
fn without_overstrike(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out
}

/// The synopsis names each option's value, as --help does (it read
/// `[--data] [--at]`; trial).
#[test]
fn the_synopsis_names_the_values_of_its_options() {
    let page = page();
    let synopsis = page
        .lines()
        .skip_while(|line| *line != ".SH SYNOPSIS")
        .nth(1)
        .unwrap_or_default();
    for option in [
        "[\\fB\\-\\-data\\fR \\fIFILE\\fR]...",
        "[\\fB\\-\\-at\\fR \\fINAME\\fR]",
        "[\\fB\\-h\\fR|\\fB\\-\\-help\\fR]",
        "[\\fICOMMAND\\fR]",
    ] {
        assert!(synopsis.contains(option), "{option} in {synopsis}");
    }
    if let Some(text) = render(&page) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("wsis [--data FILE]... [--no-user-data]"), "{flat}");
        assert!(flat.contains("[--at NAME]"), "{flat}");
    }
}

#[test]
fn groff_renders_the_manual_without_warnings() {
    match render(&page()) {
        Some(text) => assert!(text.contains("EXIT STATUS")),
        None => println!("skipped: groff is not installed"),
    }
}

/// One category, one name: the category pane and list title of the
/// browser, `show`, `--help`, shell completion, the manual and the README
/// all call it the same.
#[test]
fn every_category_goes_by_one_name_everywhere() {
    use wsis_browser::app::{App, Row};
    use wsis_browser::data::CATEGORIES;
    let printed = |args: &[&str]| {
        let output = wsis(args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let man = printed(&["man"]);
    let help = printed(&["list", "--help"]);
    let fish = printed(&["completions", "fish"]);
    let readme = std::fs::read_to_string("README.md").unwrap();
    let app = App::new(&common::DATA);
    // Wide enough for the category pane beside the list.
    let screen = format!("{:?}", common::draw(&app, 160, 40).backend().buffer());
    for (cat, category) in CATEGORIES.iter().enumerate() {
        let name = category.name;
        for (what, text) in [("man", &man), ("--help", &help), ("fish", &fish), ("README", &readme)] {
            assert!(text.contains(name), "{what} does not name {name}");
        }
        assert!(screen.contains(name), "the category pane does not name {name}");
        assert!(app.list_title(Row::Category(cat), 200).starts_with(name));
        let first = &common::DATA.item(common::DATA.category_items(cat)[0]).id;
        let shown = printed(&["show", first]);
        assert!(shown.contains(&format!("Category: {name}\n")), "{shown}");
    }
}

/// The man page heads each context's keys as help does ("Filter help (/
/// in help)", not the code's name "HelpFilter"), every help section once.
#[test]
fn man_page_key_sections_are_helps_headings() {
    let output = wsis(&["man"]);
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    let headings: Vec<String> = page
        .lines()
        .filter_map(|line| line.strip_prefix(".SS "))
        .map(|heading| heading.trim_matches('"').to_string())
        .collect();
    let sections: Vec<String> = wsis_browser::keymap::help_sections()
        .into_iter()
        .map(|(title, _)| title.to_string())
        .collect();
    for title in &sections {
        assert_eq!(
            headings.iter().filter(|h| *h == title).count(),
            1,
            "{title}: {headings:?}"
        );
    }
    assert_eq!(headings.len(), sections.len(), "{headings:?}");
}
