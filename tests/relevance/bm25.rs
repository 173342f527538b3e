//! A plain BM25 baseline (Okapi, k1 = 1.2, b = 0.75) over each item's full
//! text, lowercased and split at anything but letters and digits: what a
//! textbook search engine gives with no fields, folding or typos. For the
//! comparison in docs/BENCHMARKS.md only; never shipped.

use std::collections::HashMap;

use wsis_browser::data::Dataset;

const K1: f64 = 1.2;
const B: f64 = 0.75;

pub struct Bm25 {
    /// Per item: its id and term frequencies.
    docs: Vec<(String, HashMap<String, f64>, f64)>,
    df: HashMap<String, f64>,
    average_len: f64,
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Bm25 {
    pub fn new(data: &Dataset) -> Bm25 {
        let mut docs = Vec::new();
        let mut df: HashMap<String, f64> = HashMap::new();
        for item in data.items() {
            let mut text = vec![item.id.as_str(), item.title.as_str(), item.summary.as_str()];
            text.extend(item.symbol.as_deref());
            text.extend(item.short_title.as_deref());
            text.extend(item.date.as_deref());
            text.extend(item.body.as_deref());
            text.extend(item.points.iter().map(|point| point.as_str()));
            text.extend(item.tags.iter().map(|tag| tag.as_str()));
            let mut tf: HashMap<String, f64> = HashMap::new();
            let all = words(&text.join(" "));
            for word in &all {
                *tf.entry(word.clone()).or_default() += 1.0;
            }
            for word in tf.keys() {
                *df.entry(word.clone()).or_default() += 1.0;
            }
            docs.push((item.id.to_string(), tf, float(all.len())));
        }
        let average_len = docs.iter().map(|d| d.2).sum::<f64>() / float(docs.len().max(1));
        Bm25 { docs, df, average_len }
    }

    /// Item ids by BM25 score, best first; items sharing no word are left out.
    pub fn rank(&self, query: &str) -> Vec<String> {
        let n = float(self.docs.len());
        let terms = words(query);
        let mut scored: Vec<(f64, &str)> = self
            .docs
            .iter()
            .filter_map(|(id, tf, len)| {
                let score: f64 = terms
                    .iter()
                    .filter_map(|t| {
                        let f = *tf.get(t)?;
                        let df = self.df.get(t).copied().unwrap_or(0.0);
                        let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                        Some(idf * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * len / self.average_len)))
                    })
                    .sum();
                (score > 0.0).then_some((score, id.as_str()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().map(|(_, id)| id.to_string()).collect()
    }
}

/// A count as a float; counts here are far below 2^32.
fn float(count: usize) -> f64 {
    f64::from(u32::try_from(count).expect("a small count"))
}
