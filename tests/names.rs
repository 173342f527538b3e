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
