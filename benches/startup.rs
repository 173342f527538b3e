//! Start-up: parsing and validating the embedded data, building the app
//! (search index included), and drawing the first frame.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use wsis_browser::app::App;
use wsis_browser::data::Dataset;
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

criterion_group!(benches, startup);
criterion_main!(benches);
