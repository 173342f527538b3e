//! Writes a synthetic RON overlay of N items to stdout, for benchmarks:
//! `cargo run --release --example synth -- 100000 > big.ron`; a second
//! number starts the ids there, to make one collection of several files
//! (`synth 100000 100000 > part2.ron`).
//!
//! Words, bodies and tags come from the embedded corpus, so queries behave
//! as on real data. The output is a valid overlay: ids `synth-N` and
//! symbols with sessions past any real one are unique, categories are the
//! declared ones, and links point only to earlier synthetic or embedded ids.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};

use ron::ser::PrettyConfig;
use wsis_browser::data::{CATEGORIES, Dataset, Item, Link, Relation, Shared, Text};

fn main() -> io::Result<()> {
    let number = |at: usize| std::env::args().nth(at).map(|a| a.parse::<usize>());
    let (n, first) = match (number(1), number(2)) {
        (Some(Ok(n)), None) => (n, 0),
        (Some(Ok(n)), Some(Ok(first))) => (n, first),
        _ => {
            eprintln!("usage: synth N [FIRST] > file.ron   (items synth-FIRST .. synth-(FIRST+N-1))");
            std::process::exit(2);
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    write_range(first, n, &mut out)?;
    out.flush()
}

/// Writes the overlay of `n` items; the same `n` always gives the same file.
pub fn write(n: usize, out: &mut impl Write) -> io::Result<()> {
    write_range(0, n, out)
}

/// Writes items `synth-FIRST` onwards, `n` of them, linking to earlier
/// ones: files made with FIRST = 0, N, 2N ... load together, in that order,
/// as one collection of many files.
pub fn write_range(first: usize, n: usize, out: &mut impl Write) -> io::Result<()> {
    let data = Dataset::embedded().expect("embedded data is valid");
    let vocab = Vocabulary::new(&data);
    let mut rng = fastrand::Rng::with_seed(2025 + first as u64);
    let config = PrettyConfig::new().struct_names(true);
    writeln!(out, "[")?;
    for i in first..first + n {
        let item = vocab.item(i, &mut rng);
        let text = ron::ser::to_string_pretty(&item, config.clone()).map_err(io::Error::other)?;
        writeln!(out, "{text},")?;
    }
    writeln!(out, "]")
}

struct Vocabulary {
    title_words: Vec<String>,
    summary_words: Vec<String>,
    bodies: Vec<String>,
    tags: Vec<String>,
    embedded_ids: Vec<String>,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
}

impl Vocabulary {
    fn new(data: &Dataset) -> Vocabulary {
        let items: Vec<&wsis_browser::data::Item> = data.items().collect();
        // Word lists keep duplicates, so frequent words stay frequent.
        let title_words = items.iter().flat_map(|i| words(&i.title)).collect();
        let summary_words = items
            .iter()
            .flat_map(|i| words(&i.summary).chain(i.points.iter().flat_map(|p| words(p))))
            .collect();
        let bodies: BTreeSet<String> = items
            .iter()
            .filter_map(|i| i.body.as_deref().map(String::from))
            .collect();
        let tags: BTreeSet<String> = items
            .iter()
            .flat_map(|i| i.tags.iter().map(|t| t.to_string()))
            .collect();
        Vocabulary {
            title_words,
            summary_words,
            bodies: bodies.into_iter().collect(),
            tags: tags.into_iter().collect(),
            embedded_ids: items.iter().map(|i| i.id.to_string()).collect(),
        }
    }

    fn sentence(&self, pool: &[String], len: usize, rng: &mut fastrand::Rng) -> String {
        let mut text: Vec<&str> = (0..len).map(|_| pool[rng.usize(..pool.len())].as_str()).collect();
        let first = capitalize(text[0]);
        text[0] = &first;
        text.join(" ")
    }

    fn item(&self, i: usize, rng: &mut fastrand::Rng) -> Item {
        let category = CATEGORIES[i % CATEGORIES.len()].id;
        // Sessions start past any real one, so symbols never collide.
        let (session, number) = (100 + i / 1000, i % 1000 + 1);
        let symbol = match category {
            "ga" => Some(format!("A/RES/{session}/{number}")),
            "ecosoc" => Some(format!("E/RES/{}/{number}", 2100 + i / 1000)),
            "sg-report" => Some(format!("A/{session}/{number}")),
            "cstd" => Some(format!("E/CN.16/{}/{number}", 2100 + i / 1000)),
            _ => None,
        };
        let title = self.sentence(&self.title_words, rng.usize(4..12), rng);
        let short_title = rng
            .bool()
            .then(|| self.sentence(&self.title_words, rng.usize(2..4), rng));
        let date = format!("{}-{:02}-{:02}", rng.u16(2003..2031), rng.u8(1..13), rng.u8(1..29));
        let points = (0..rng.usize(0..4))
            .map(|_| Text::from(self.sentence(&self.summary_words, rng.usize(8..16), rng) + "."))
            .collect();
        let tags = (0..rng.usize(1..5))
            .map(|_| self.tags[rng.usize(..self.tags.len())].clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(Shared::from)
            .collect();
        let links = (0..rng.usize(0..3))
            .map(|_| {
                let to = if i > 0 && rng.bool() {
                    format!("synth-{}", rng.usize(..i))
                } else {
                    self.embedded_ids[rng.usize(..self.embedded_ids.len())].clone()
                };
                Link {
                    rel: Relation::ALL[rng.usize(..Relation::ALL.len())],
                    to: to.into(),
                    note: None,
                }
            })
            .collect();
        Item {
            id: format!("synth-{i}").into(),
            category: category.into(),
            symbol: symbol.map(Text::from),
            title: title.into(),
            short_title: short_title.map(Text::from),
            aliases: Box::default(),
            date: Some(date.into()),
            until: None,
            paragraphs: None,
            title_is_ours: false,
            body: rng
                .bool()
                .then(|| self.bodies[rng.usize(..self.bodies.len())].as_str().into()),
            summary: (self.sentence(&self.summary_words, rng.usize(25..50), rng) + ".").into(),
            points,
            url: None,
            sources: Box::default(),
            tags,
            links,
            unconfirmed: Box::default(),
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
