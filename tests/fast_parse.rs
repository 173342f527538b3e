//! The hand-written parser reads exactly what serde reads, or declines:
//! on the embedded data and synthetic sets it reads every item as serde
//! does; on any list of items ron writes (with extra whitespace and
//! comments) likewise; on damaged text it declines wherever serde fails,
//! and never gives other items than serde's.

use proptest::prelude::*;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use wsis_browser::data::fast_parse;
use wsis_browser::data::load::parse_items_with_serde;
use wsis_browser::data::{Item, Link, Relation, Shared, SourceFile, Text};

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn serde_items(text: &str) -> Result<Vec<Item>, wsis_browser::data::Problem> {
    parse_items_with_serde(&SourceFile {
        name: "test.ron".into(),
        text: text.into(),
        embedded: false,
    })
}

#[test]
fn every_embedded_file_is_read_fast_and_as_serde_reads_it() {
    for file in SourceFile::embedded() {
        let fast = fast_parse::parse_items(&file.text);
        let serde = serde_items(&file.text).expect("the embedded data parses");
        assert_eq!(fast.as_ref(), Some(&serde), "{}", file.name);
    }
}

#[test]
fn a_synthetic_set_is_read_fast_and_as_serde_reads_it() {
    let mut text = Vec::new();
    synth::write(3000, &mut text).expect("in-memory write");
    let text = String::from_utf8(text).expect("synth writes UTF-8");
    let serde = serde_items(&text).expect("synthetic data parses");
    assert_eq!(fast_parse::parse_items(&text), Some(serde));
}

#[test]
fn shared_strings_are_shared_as_serde_shares_them() {
    let text = r#"[Item(id: "a", category: "ga", title: "T", tags: ["x", "y"]),
                   Item(id: "b", category: "ga", title: "U", tags: ["x"], body: "B"),
                   Item(id: "c", category: "ga", title: "V", body: Some("B"))]"#;
    let items = fast_parse::parse_items(text).expect("plain items");
    assert!(items[0].category.same_copy(&items[1].category));
    assert!(items[0].tags[0].same_copy(&items[1].tags[0]));
    let (b, c) = (items[1].body.as_ref(), items[2].body.as_ref());
    assert!(b.zip(c).is_some_and(|(b, c)| b.same_copy(c)));
}

#[test]
fn what_ron_reads_another_way_or_rejects_declines() {
    let item = |rest: &str| format!("[Item(id: \"a\", category: \"ga\", title: \"T\"{rest})]");
    for text in [
        item(", colour: \"red\""),
        item(", id: \"b\""),
        item(", symbol: r\"raw\""),
        item(", symbol: \"\\u{41}\""),
        item(", symbol: \"\\x41\""),
        item(", symbol: Some \"A\""),
        item(",\u{85}symbol: \"A\""),
        item(", links: [Link(rel: Nope, to: \"b\")]"),
        item(", links: [Link(to: \"b\")]"),
        "[Item(id: \"a\", title: \"T\")]".into(),
        "#![enable(implicit_some)]\n[]".into(),
        "[Thing(id: \"a\", category: \"ga\", title: \"T\")]".into(),
        "[] x".into(),
        "[Item(id: \"a\", category: \"ga\", title: \"T\") // ]".into(),
        "[/* unclosed ]".into(),
        String::new(),
    ] {
        assert_eq!(fast_parse::parse_items(&text), None, "{text}");
    }
}

#[test]
fn the_forms_ron_accepts_are_read() {
    let text = "// head\n[ /* a /* nested */ comment */ Item (id:\"a\" , category : \"ga\",\
                title: \"say \\\"hi\\\"\\n\\t\\\\ \\' \\0\", symbol: None, date: Some( \"2005\" , ),\
                links: [(rel: Mandates, to: \"b\", note: \"p 1\",),],),\n] // tail";
    let fast = fast_parse::parse_items(text).expect("plain forms");
    assert_eq!(Ok(fast.clone()), serde_items(text));
    assert_eq!(fast[0].title, "say \"hi\"\n\t\\ ' \0");
    assert_eq!(fast[0].date.as_deref(), Some("2005"));
}

/// Strings ron writes without `\u{...}` escapes (which the parser declines).
const PLAIN: &str = "[a-zA-Z0-9 ,.:;()\\[\\]\"'\\\\/*#é€\n\t]{0,16}";

fn item() -> impl Strategy<Value = Item> {
    let link = (0..Relation::ALL.len(), PLAIN, proptest::option::of(PLAIN));
    let texts = || proptest::collection::vec(PLAIN, 0..3);
    (
        (
            PLAIN,
            PLAIN,
            PLAIN,
            proptest::option::of(PLAIN),
            proptest::option::of(PLAIN),
        ),
        (
            proptest::option::of(PLAIN),
            proptest::option::of(PLAIN),
            texts(),
            texts(),
            proptest::option::of(PLAIN),
            proptest::bool::ANY,
        ),
        (proptest::collection::vec(link, 0..3), texts(), texts(), texts()),
    )
        .prop_map(
            |(
                (id, category, title, symbol, body),
                (date, url, points, tags, paragraphs, title_is_ours),
                (links, aliases, sources, unconfirmed),
            )| Item {
                id: id.into(),
                category: Shared::from(category.as_str()),
                symbol: symbol.map(Text::from),
                title: title.into(),
                short_title: None,
                aliases: aliases.into_iter().map(Text::from).collect(),
                date: date.map(Text::from),
                until: None,
                paragraphs: paragraphs.map(Text::from),
                title_is_ours,
                body: body.map(|b| Shared::from(b.as_str())),
                summary: Text::default(),
                points: points.into_iter().map(Text::from).collect(),
                url: url.map(Text::from),
                sources: sources.into_iter().map(Text::from).collect(),
                tags: tags.iter().map(|t| Shared::from(t.as_str())).collect(),
                links: links
                    .into_iter()
                    .map(|(rel, to, note)| Link {
                        rel: Relation::ALL[rel],
                        to: to.into(),
                        note: note.map(Text::from),
                    })
                    .collect(),
                unconfirmed: unconfirmed.into_iter().map(Text::from).collect(),
            },
        )
}

/// What may stand between two tokens.
const GAPS: &[&str] = &[
    "",
    " ",
    "\n",
    "\t ",
    "\r\n",
    // Runs of spaces longer than a word, and one cut short by a tab.
    "\n                   ",
    "          \t   \n",
    "// c, ( \" ]\n",
    "/* a /* b */ ) */",
    "/**/",
];

/// `text` (as ron writes it) with a gap from `choices` after each `,`,
/// `(`, `[` and `:` outside strings.
fn with_gaps(text: &str, choices: &[usize]) -> String {
    let (mut out, mut in_string, mut escaped, mut n) = (String::new(), false, false, 0);
    for c in text.chars() {
        out.push(c);
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ',' | '(' | '[' | ':') && !choices.is_empty() {
            out.push_str(GAPS[choices[n % choices.len()] % GAPS.len()]);
            n += 1;
        }
    }
    out
}

fn written(items: &[Item], style: u8) -> String {
    let config = PrettyConfig::new();
    match style {
        0 => ron::to_string(items).expect("serialises"),
        1 => ron::ser::to_string_pretty(items, config.struct_names(true)).expect("serialises"),
        // Options written bare, as data files may (the loader turns
        // IMPLICIT_SOME on: the attribute ron writes for it is left out).
        _ => {
            let text = ron::ser::to_string_pretty(items, config.extensions(Extensions::IMPLICIT_SOME));
            let text = text.expect("serialises");
            text.split_once('\n').map_or(text.clone(), |(_, rest)| rest.to_string())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_items_ron_writes_are_read_as_serde_reads_them(
        items in proptest::collection::vec(item(), 0..6),
        style in 0u8..3,
        gaps in proptest::collection::vec(0usize..8, 0..12),
    ) {
        let text = with_gaps(&written(&items, style), &gaps);
        let serde = serde_items(&text);
        prop_assert_eq!(serde.as_ref().ok(), Some(&items), "{}", text);
        prop_assert_eq!(fast_parse::parse_items(&text), Some(items), "{}", text);
    }

    #[test]
    fn damaged_text_declines_or_reads_as_serde_does(
        items in proptest::collection::vec(item(), 1..4),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, "[\\[\\](),:\"\\\\/*#rSNo a\u{85}\u{200e}é-]"), 1..6),
    ) {
        let mut chars: Vec<char> = written(&items, 1).chars().collect();
        for (at, kind, c) in edits {
            let c = c.chars().next().unwrap_or(' ');
            let i = at.index(chars.len() + 1);
            match kind {
                0 if i < chars.len() => { chars.remove(i); }
                1 => chars.insert(i, c),
                _ if i < chars.len() => chars[i] = c,
                _ => {}
            }
        }
        let text: String = chars.into_iter().collect();
        match (fast_parse::parse_items(&text), serde_items(&text)) {
            (Some(fast), Ok(serde)) => prop_assert_eq!(fast, serde, "{}", text),
            (Some(fast), Err(e)) => prop_assert!(false, "serde fails ({}) but fast reads {:?}: {}", e, fast, text),
            (None, _) => {}
        }
    }
}
