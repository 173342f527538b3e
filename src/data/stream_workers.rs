//! The threads that parse a streamed file's pieces while its next batch
//! is read and cut ([`super::streamed`]), and the putting back in file
//! order of the items they parse.
//!
//! The workers live as long as the file is read and take pieces from a
//! bounded queue; each piece is a range of its batch's text, shared, not
//! copied, and parsed with its brackets implied.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use ron::extensions::Extensions;

use super::fast_parse::{Part, read_part};
use super::heap_room;
use super::model::Item;
use super::pieces::{PIECE_BYTES, bracketed};
use super::streamed::Counting;

/// One piece to parse: its place in the file's order, its batch's text
/// and its range there, and which of its brackets are implied.
pub(super) struct Job {
    pub(super) seq: usize,
    pub(super) text: Arc<String>,
    pub(super) range: Range<usize>,
    pub(super) part: Part,
}

/// At most this many items are reserved for a piece ahead of parsing it:
/// a piece grown around one huge item, sized from the small items of the
/// piece before, would otherwise reserve millions (an item takes at least
/// 32 bytes of text, so a piece of the usual size never reaches it).
const MAX_RESERVED_ITEMS: u64 = (PIECE_BYTES / 32) as u64;

/// A piece parsed: its items, or `None` if it does not parse.
pub(super) struct Done {
    seq: usize,
    bytes: u64,
    items: Option<Vec<Item>>,
}

/// Parses jobs until the queue closes (or nobody waits for results);
/// after any piece failed, the rest are only passed on, unparsed. About
/// `share` bytes of the file's text are expected to come its way.
pub(super) fn work(
    jobs: &Mutex<Receiver<Job>>,
    done: Sender<Done>,
    failed: &AtomicBool,
    count: &Counting,
    share: usize,
) {
    // Its items' strings take about as many bytes as their text, and
    // their allocations' headers a little more.
    heap_room::make_room(share.saturating_add(share / 4));
    // Bytes per item in the last piece: the next piece's items are sized
    // from it, rather than grown by doubling (each step a copy).
    let mut item_bytes = 0u64;
    loop {
        // The lock is released before parsing: in `while let` its guard
        // would live through the body, one thread at a time.
        let next = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = next else { break };
        let bytes = job.range.len() as u64;
        let expected = (bytes * ESTIMATE_MARGIN_PERCENT / 100)
            .checked_div(item_bytes)
            .unwrap_or(0)
            .min(MAX_RESERVED_ITEMS);
        let items = if failed.load(Ordering::Relaxed) {
            None
        } else {
            let expected = usize::try_from(expected).unwrap_or(0);
            parse_piece(&job.text[job.range.clone()], job.part, expected)
        };
        match &items {
            Some(items) => {
                count.piece_parsed(bytes, items.len() as u64);
                item_bytes = bytes.checked_div(items.len() as u64).unwrap_or(0);
            }
            None => failed.store(true, Ordering::Relaxed),
        }
        // Its share of the batch's text is let go before it is reported
        // parsed: the feed counts on a batch reported whole being freed.
        let seq = job.seq;
        drop(job);
        if done.send(Done { seq, bytes, items }).is_err() {
            break;
        }
    }
}

/// The items of one piece (about `expected` of them): by the fast parser, else by serde from a copy
/// with its brackets; `None` if it does not parse.
pub(super) fn parse_piece(text: &str, part: Part, expected: usize) -> Option<Vec<Item>> {
    let mut items = Vec::with_capacity(expected);
    let fast = read_part(text, part, |item| {
        items.push(item);
        Some(())
    });
    if fast.is_some() {
        return Some(items);
    }
    drop(items);
    let piece = bracketed(text, part.opens, part.closes);
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options.from_str::<Vec<Item>>(&piece).ok()
}

/// The items parsed so far, in file order, and those parsed ahead of a
/// piece still being parsed.
pub(super) struct Assembly {
    pub(super) items: Vec<Item>,
    waiting: BTreeMap<usize, (u64, Vec<Item>)>,
    next: usize,
    bytes_in: u64,
    file_len: u64,
}

/// The items are sized from what was parsed, with this margin (percent):
/// room never written is never resident, and growing by doubling would
/// copy them.
const ESTIMATE_MARGIN_PERCENT: u64 = 105;

impl Assembly {
    pub(super) fn new(file_len: u64) -> Assembly {
        Assembly {
            items: Vec::new(),
            waiting: BTreeMap::new(),
            next: 0,
            bytes_in: 0,
            file_len,
        }
    }

    /// Takes a parsed piece; false if it failed.
    pub(super) fn add(&mut self, done: Done) -> bool {
        let Some(items) = done.items else { return false };
        self.waiting.insert(done.seq, (done.bytes, items));
        while let Some((bytes, items)) = self.waiting.remove(&self.next) {
            self.append(bytes, items);
            self.next += 1;
        }
        true
    }

    /// How many pieces, from the file's first, are in place.
    pub(super) fn placed(&self) -> usize {
        self.next
    }

    /// Every piece sent was put in place.
    pub(super) fn complete(&self, sent: usize) -> bool {
        self.next == sent && self.waiting.is_empty()
    }

    fn append(&mut self, bytes: u64, mut items: Vec<Item>) {
        self.bytes_in += bytes;
        if self.items.capacity() - self.items.len() < items.len() {
            // Sized for the whole file, as its part parsed so far suggests.
            let count = (self.items.len() + items.len()) as u64;
            let estimate = count * self.file_len / self.bytes_in.max(1) * ESTIMATE_MARGIN_PERCENT / 100;
            let estimate = usize::try_from(estimate).unwrap_or(0);
            self.items
                .reserve_exact(estimate.saturating_sub(self.items.len()).max(items.len()));
            // Some 27 MB at 100 000 items, written as the pieces come: a
            // page fault per 2 MB where huge pages are offered, not per 4 kB.
            crate::arena::advise_huge_spare(&self.items);
        }
        self.items.append(&mut items);
    }
}
