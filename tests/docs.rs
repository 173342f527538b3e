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

#[test]
fn data_md_relation_table_matches_the_relations_in_code() {
    use wsis_browser::data::Relation;
    let doc = std::fs::read_to_string("docs/DATA.md").unwrap();
    let rows: Vec<(String, String, String)> = doc
        .lines()
        .filter(|line| line.starts_with("| `"))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let [name, forward, inverse] = cells.as_slice() else {
                return None;
            };
            let name = name.trim_matches('`');
            Relation::from_name(name).map(|_| (name.to_string(), forward.to_string(), inverse.to_string()))
        })
        .collect();
    let documented: Vec<&str> = rows.iter().map(|(name, ..)| name.as_str()).collect();
    let in_code: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(documented, in_code, "DATA.md lists the relations in code, in order");
    for ((name, forward, inverse), relation) in rows.iter().zip(Relation::ALL) {
        assert_eq!(forward, relation.forward(), "forward reading of {name}");
        // Symmetric relations say so after the inverse reading.
        assert!(
            inverse.starts_with(relation.inverse()),
            "inverse reading of {name}: {inverse}"
        );
    }
}

/// Each key of the README's main key table is in the help: the help says it
/// lists every binding (Ctrl-Z, handled before the bindings, was missing).
#[test]
fn help_names_every_key_of_the_readme_key_table() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = readme.split("## Keys").nth(1).expect("a Keys section");
    let table = section
        .split("\n\n")
        .find(|block| block.starts_with("| key |"))
        .expect("the key table");
    let help_keys: Vec<String> = wsis_browser::keymap::help_sections()
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().map(|(keys, _)| keys))
        .collect();
    let in_help = |key: &str| {
        help_keys
            .iter()
            .any(|keys| keys.split(['/', ',', ' ']).any(|k| k == key))
    };
    let words = ["/", "or", "then", "too"];
    for row in table.lines().skip(2) {
        let keys = row.trim_start_matches('|').split('|').next().unwrap_or("");
        for key in keys.split([' ', ',']).filter(|k| !k.is_empty() && !words.contains(k)) {
            assert!(in_help(key), "help lacks {key:?} of README row {row:?}");
        }
    }
}
