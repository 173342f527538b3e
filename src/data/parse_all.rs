//! Parsing several data files at once: each file is parsed whole by one
//! thread, so a collection split into files uses every core. Results come
//! back in file order, so merging (later files win) and every problem
//! report are exactly as from parsing one file after the other.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use super::load::{Problem, SourceFile, parse_items};
use super::model::Item;
use super::progress::{Progress, Stage};

/// Files smaller than this together are parsed on the calling thread:
/// starting threads would cost more than it saves.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

pub type Parsed = Result<Vec<Item>, Problem>;

/// Every file's items (or its problem), in the order of `files`.
pub fn parse_all(files: &[SourceFile], progress: &Progress) -> Vec<Parsed> {
    progress.set_stage(Stage::Parsing);
    let total: usize = files.iter().map(|f| f.text.len()).sum();
    let threads = thread::available_parallelism().map_or(1, usize::from).min(files.len());
    if threads <= 1 || total < PARALLEL_FROM_BYTES {
        return files.iter().map(|file| parse_counted(file, progress)).collect();
    }
    // Largest first, so one big file does not start last and finish alone.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&at| std::cmp::Reverse(files[at].text.len()));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Parsed>>> = Mutex::new(vec![None; files.len()]);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(&at) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let parsed = parse_counted(&files[at], progress);
                    // A poisoned lock only means another parse panicked;
                    // the slots are still sound.
                    results.lock().unwrap_or_else(|e| e.into_inner())[at] = Some(parsed);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .zip(files)
        .map(|(parsed, file)| parsed.unwrap_or_else(|| parse_counted(file, progress)))
        .collect()
}

fn parse_counted(file: &SourceFile, progress: &Progress) -> Parsed {
    let parsed = parse_items(file);
    let items = parsed.as_ref().map_or(0, Vec::len);
    progress.file_parsed(file.text.len() as u64, items as u64);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: String) -> SourceFile {
        SourceFile {
            name: name.into(),
            text,
            embedded: false,
        }
    }

    #[test]
    fn results_keep_file_order_and_problems_stay_with_their_file() {
        let item = |id: &str| format!("Item(id: \"{id}\", category: \"ga\", title: \"{}\"),", "x".repeat(200));
        let big = |prefix: &str| {
            let items: String = (0..3000).map(|n| item(&format!("{prefix}-{n}"))).collect();
            format!("[{items}]")
        };
        let files = vec![
            file("a.ron", big("a")),
            file("bad.ron", "[Item(id: \"x\",, )]".into()),
            file("b.ron", big("b")),
        ];
        assert!(files.iter().map(|f| f.text.len()).sum::<usize>() >= PARALLEL_FROM_BYTES);
        let progress = Progress::default();
        let parsed = parse_all(&files, &progress);
        assert_eq!(parsed[0].as_ref().expect("a parses")[0].id, "a-0");
        assert_eq!(parsed[1].as_ref().expect_err("bad fails").file, "bad.ron");
        assert_eq!(parsed[2].as_ref().expect("b parses")[2999].id, "b-2999");
        let seen = progress.seen();
        assert_eq!((seen.files_done, seen.items), (3, 6000));
    }
}
