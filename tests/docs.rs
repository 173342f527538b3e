//! The README's key table stays true to the keymap.

use wsis_browser::keymap::{BINDINGS, Context, key_name};

#[test]
fn readme_key_table_names_every_main_binding() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = readme
        .split("## Keys")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a Keys section");
    for binding in BINDINGS.iter().filter(|b| b.context == Context::Main) {
        for key in binding.keys {
            let name = key_name(key);
            assert!(
                section.contains(&name),
                "README's key table lacks {name} ({})",
                binding.description
            );
        }
    }
}

#[test]
fn readme_shows_the_two_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}
