//! Start-up: parsing and validating the embedded data, building the app
//! (search index included), and drawing the first frame; and parsing a
//! synthetic file, hand-written parser against serde.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use wsis_browser::app::App;
use wsis_browser::data::load::parse_items_with_serde;
use wsis_browser::data::{Dataset, SourceFile, fast_parse};
use wsis_browser::ui::view;

fn startup(c: &mut Criterion) {
    c.bench_function("load embedded data", |b| b.iter(|| Dataset::embedded().unwrap()));
    let data = Dataset::embedded().unwrap();
    c.bench_function("build app (search index)", |b| b.iter(|| App::new(black_box(&data))));
    c.bench_function("start to first frame 120x40", |b| {
        b.iter(|| {
            let data = Dataset::embedded().unwrap();
            let app = App::new(&data);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal.draw(|frame| view(&app, frame)).unwrap();
        })
    });
}

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

/// Items in the parsed synthetic file: about 0.8 MB, one piece's size.
const PARSED_ITEMS: usize = 1000;

fn parse(c: &mut Criterion) {
    let mut text = Vec::new();
    synth::write(PARSED_ITEMS, &mut text).expect("in-memory write");
    let file = SourceFile {
        name: "synth.ron".into(),
        text: String::from_utf8(text).expect("synth writes UTF-8"),
        embedded: false,
    };
    let mut group = c.benchmark_group("parse 1000 synthetic items");
    group.bench_function("hand-written", |b| {
        b.iter(|| fast_parse::parse_items(black_box(&file.text)).expect("plain items"))
    });
    group.bench_function("serde", |b| {
        b.iter(|| parse_items_with_serde(black_box(&file)).expect("parses"))
    });
    group.finish();
}

criterion_group!(benches, startup, parse);
criterion_main!(benches);
