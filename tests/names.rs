//! A reader names items as the screen shows them: a whole title or short
//! title works wherever a name is taken, after ids, symbols and aliases.

mod common;

use common::wsis;

#[test]
fn show_takes_a_title_or_short_title_as_shown() {
    for (name, id) in [
        ("Global Digital Compact", "gdc"),
        ("global digital compact (GDC)", "gdc"),
        ("Tunis Agenda for the Information Society", "tunis-agenda"),
    ] {
        let out = wsis(&["show", "--json", name]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(shown["id"], id, "{name}");
    }
    let out = wsis(&["show", "Global Digital"]);
    assert!(!out.status.success(), "a title is taken whole, not in part");
}

/// What a command prints for a name of no item: nothing on stdout, status
/// 2, and on stderr the items the browser's jump would offer for it.
fn refused(args: &[&str]) -> String {
    let out = wsis(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}: nothing is picked in its place");
    String::from_utf8(out.stderr).expect("UTF-8")
}

#[test]
fn a_name_of_no_item_offers_what_the_jump_offers_for_every_command() {
    for args in [
        &["show", "compact"][..],
        &["show", "--json", "compact"],
        &["cite", "70/125", "compact"],
        &["cite", "--format", "bibtex", "compact"],
        &["open", "compact"],
        &["path", "cstd", "compact"],
        &["export", "--format", "json", "--from", "compact"],
    ] {
        let stderr = refused(args);
        assert!(
            stderr.contains("no item is called \"compact\"; did you mean:"),
            "{args:?}: {stderr}"
        );
        let offered: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
        assert_eq!(offered.len(), 5, "the best few: {stderr}");
        assert!(
            offered[0].starts_with("  gdc  Global Digital Compact"),
            "best first: {stderr}"
        );
        assert!(stderr.contains("`wsis search compact`"), "{stderr}");
    }
}

#[test]
fn suggestions_follow_the_jump_ranking_and_show_symbols() {
    let stderr = refused(&["show", "tunis agenda para"]);
    let first = stderr.lines().nth(1).unwrap_or_default();
    assert!(first.starts_with("  tunis-agenda-para-"), "{stderr}");
    let stderr = refused(&["show", "c7 health"]);
    assert!(stderr.contains("\n  al-c7-e-health  C7 E-health\n"), "{stderr}");
    let stderr = refused(&["cite", "tunis agend"]);
    assert!(
        stderr.contains("  tunis-agenda  WSIS-05/TUNIS/DOC/6(Rev.1)-E  Tunis Agenda"),
        "id, symbol and title: {stderr}"
    );
}

#[test]
fn a_single_near_name_is_offered_never_taken() {
    for typo in ["tunis-agnda", "tunis agnda"] {
        let stderr = refused(&["show", typo]);
        let offered: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  ")).collect();
        assert_eq!(offered.len(), 1, "{stderr}");
        assert!(offered[0].starts_with("  tunis-agenda  "), "{stderr}");
    }
}

#[test]
fn a_name_near_nothing_points_to_search() {
    let stderr = refused(&["show", "zzqxjv"]);
    assert!(!stderr.contains("did you mean"), "{stderr}");
    assert!(
        stderr.contains("no item is called \"zzqxjv\"; try `wsis search zzqxjv`"),
        "{stderr}"
    );
    assert!(
        !refused(&["show", " "]).contains("did you mean"),
        "a blank name suggests nothing"
    );
}

#[test]
fn an_empty_name_is_bad_input_not_an_empty_search() {
    for name in ["", "  "] {
        let stderr = refused(&["show", name]);
        assert!(stderr.contains("an empty name names no item"), "{stderr}");
        assert!(!stderr.contains("wsis search"), "{stderr}");
    }
}
