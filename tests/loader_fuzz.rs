//! Arbitrary input into the loader and validator never panics and always
//! ends in data or in clean, located errors.

use proptest::prelude::*;
use wsis_browser::data::load::parse_items;
use wsis_browser::data::{Dataset, SourceFile};

const GA: &str = include_str!("../data/ga.ron");

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn load(text: String) -> Result<Dataset, Vec<wsis_browser::data::Problem>> {
    Dataset::from_files(&[SourceFile {
        name: "fuzz.ron".into(),
        text,
        embedded: false,
    }])
}

/// Errors name the file and, where they give a position, one inside it;
/// every problem found in a file that parsed points into it; none carries
/// a control character to the terminal.
fn check_errors(text: &str, result: Result<Dataset, Vec<wsis_browser::data::Problem>>) -> Result<(), TestCaseError> {
    if let Err(problems) = result {
        prop_assert!(!problems.is_empty());
        let parsed = parse_items(&SourceFile {
            name: "fuzz.ron".into(),
            text: text.into(),
            embedded: false,
        })
        .is_ok();
        let lines = text.lines().count().max(1);
        for problem in problems {
            prop_assert_eq!(&problem.file, "fuzz.ron");
            prop_assert!(!problem.message.is_empty());
            if let Some((line, col)) = problem.position {
                prop_assert!(
                    line >= 1 && line <= lines + 1 && col >= 1,
                    "{} outside the file",
                    problem
                );
            }
            prop_assert!(!parsed || problem.position.is_some(), "{} has no position", problem);
            let rendered = problem.render();
            prop_assert!(!rendered.chars().any(|c| c.is_control() && c != '\n'), "{:?}", rendered);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let result = load(text.clone());
        check_errors(&text, result)?;
    }

    #[test]
    fn ron_like_text_never_panics(text in r#"[\[\]()" ,:a-zA-Z0-9_\-/\\{}]{0,200}"#) {
        let result = load(text.clone());
        check_errors(&text, result)?;
    }

    #[test]
    fn mutated_real_data_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 1..8)) {
        let mut chars: Vec<char> = GA.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len().max(1));
            match kind {
                0 if !chars.is_empty() => { chars.remove(i.min(chars.len() - 1)); }
                1 => chars.insert(i.min(chars.len()), c),
                _ if !chars.is_empty() => { let j = i.min(chars.len() - 1); chars[j] = c; }
                _ => {}
            }
        }
        let text: String = chars.into_iter().collect();
        let result = load(text.clone());
        check_errors(&text, result)?;
    }
}

#[test]
fn invalid_utf8_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, b"[\n  Item(id: \"a\xff\")]").unwrap();
    let problem = SourceFile::read(&path).unwrap_err();
    assert_eq!(problem.position, Some((2, 14)));
    assert!(problem.message.contains("UTF-8"));
}
