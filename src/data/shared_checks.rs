//! The checks of a large load shared between two cores: runs of items are
//! checked on both at once, only to build the indexes and to learn
//! whether any problem exists. The full report, in item order with every
//! position, is made by the serial checks, and only when a problem was
//! found: problems are rare, their path need not be fast, and it stays
//! the one that says what is wrong.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::aliases::AliasKeys;
use super::checks::{AnyProblem, Checked, Indexes, Place, SymbolHashes, check_range};
use super::id_table::IdTable;
use super::model::Item;

/// Items checked as one piece of work: small enough that both cores end
/// about together, large enough that taking a piece costs nothing.
pub(super) const ITEMS_PER_RUN: usize = 4096;

/// The indexes of `items`, checked in runs of `run_items` on this thread
/// and on another; `None` if any problem was found, or two symbols may
/// be one.
pub(super) fn check_shared(
    items: &[Item],
    places: &[Place],
    by_id: &IdTable,
    alias_keys: &AliasKeys,
    run_items: usize,
) -> Option<Indexes> {
    let work = Work {
        items,
        places,
        by_id,
        alias_keys,
        run_items: run_items.max(1),
        next_run: AtomicUsize::new(0),
        found: AtomicBool::new(false),
    };
    let mut runs = std::thread::scope(|scope| {
        let other = scope.spawn(|| work.take_runs());
        let mut runs = work.take_runs();
        runs.extend(other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        runs
    });
    if work.found.load(Ordering::Relaxed) {
        return None;
    }
    runs.sort_unstable_by_key(|(at, _, _)| *at);
    let symbols: Vec<u64> = runs
        .iter()
        .flat_map(|(_, _, hashes)| hashes.0.iter().copied())
        .collect();
    if may_repeat(symbols) {
        return None;
    }
    let runs = runs.into_iter().map(|(_, checked, _)| checked).collect();
    Some(Indexes::join(items.len(), runs))
}

/// Whether any hash is there twice.
fn may_repeat(mut hashes: Vec<u64>) -> bool {
    hashes.sort_unstable();
    hashes.windows(2).any(|pair| pair[0] == pair[1])
}

/// What both threads share: the items, and the next run to check.
struct Work<'a> {
    items: &'a [Item],
    places: &'a [Place],
    by_id: &'a IdTable,
    alias_keys: &'a AliasKeys,
    run_items: usize,
    next_run: AtomicUsize,
    /// Set at the first problem: the other runs are not worth checking.
    found: AtomicBool,
}

impl Work<'_> {
    /// Checks runs until none is left (or a problem is found): each
    /// with its number, indexes and symbols' hashes.
    fn take_runs(&self) -> Vec<(usize, Checked, SymbolHashes)> {
        let mut done = Vec::new();
        while !self.found.load(Ordering::Relaxed) {
            let at = self.next_run.fetch_add(1, Ordering::Relaxed);
            let start = at.saturating_mul(self.run_items);
            if start >= self.items.len() {
                break;
            }
            let range = start..(start + self.run_items).min(self.items.len());
            let (mut problem, mut symbols) = (AnyProblem::default(), SymbolHashes::default());
            let checked = check_range(
                self.items,
                range,
                self.places,
                self.by_id,
                self.alias_keys,
                &mut problem,
                &mut symbols,
            );
            if problem.0 {
                self.found.store(true, Ordering::Relaxed);
            }
            done.push((at, checked, symbols));
        }
        done
    }
}
