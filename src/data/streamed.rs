//! Reading and parsing a large data file a batch at a time, so that its
//! whole text is never in memory: each batch is cut into pieces just after
//! commas of the top-level list ([`super::stream_cut`]), threads that live
//! as long as the file is read parse the pieces while the next batch is
//! read and cut ([`super::stream_workers`]), and a batch's text is freed
//! once its pieces are parsed. At 100 000 items this keeps the 79 MB text
//! and the parsed items from being held at once, which was the peak of a
//! cold run; reading and cutting, as costly as parsing, no longer wait for it.
//!
//! Anything unexpected (a byte that is not UTF-8, a file over the limit, a
//! piece that does not parse, a list that is never closed) gives `None`:
//! the caller then reads and parses the file whole, which reports the
//! problem at its exact line and column, as before.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;

use super::load::MAX_FILE_BYTES;
use super::model::Item;
use super::parse_all::Sharing;
use super::pieces::PIECE_BYTES;
use super::progress::Progress;
use super::stream_cut::{Cutting, Uncut, cut};
use super::stream_reader::Reader;
use super::stream_workers::{Assembly, Done, Job, work};

/// Files at least this large are read a batch at a time; smaller ones
/// cost little to hold whole.
pub const STREAM_FROM_BYTES: u64 = 8 * PIECE_BYTES as u64;

/// Each batch holds about this many pieces per thread: enough to share
/// the work evenly, few enough that a batch's text stays small.
const PIECES_PER_THREAD: usize = 2;

/// Cores a batch is sized for, and parse threads, at most: the batch is
/// held about three times over (read, queued, parsed), so it must not
/// grow with the cores, or on a large machine it is the file.
const MAX_BATCH_THREADS: usize = 2;

/// The queue of pieces for `threads` workers, with room for a whole
/// batch's pieces.
fn job_queue(threads: usize) -> (SyncSender<Job>, Receiver<Job>) {
    mpsc::sync_channel(threads * PIECES_PER_THREAD)
}

/// A file's items, and its text's length and fingerprint (to read it
/// again, unchanged, if a problem found later needs its position).
#[derive(Debug)]
pub struct Streamed {
    pub items: Vec<Item>,
    pub len: usize,
    pub hash: u64,
}

/// [`parse_shared`] on every core, in pieces of [`PIECE_BYTES`].
pub fn parse_streamed(path: &Path, progress: &Progress) -> Option<Streamed> {
    let threads = thread::available_parallelism().map_or(1, usize::from);
    parse_shared(
        path,
        progress,
        Sharing {
            threads,
            piece_bytes: PIECE_BYTES,
        },
    )
}

/// The items of the file at `path`, read a batch at a time; `None` if it
/// must be parsed whole (see the module's comment). The stage stays the
/// caller's (reading its files): this file is parsed as it is read, its
/// bytes parsed are the progress. With `None` nothing stays counted: the
/// file is counted when read whole.
///
/// Cuts are guessed first; if a piece then fails, the file is read again
/// with every cut lexed (a guess was wrong, or the file is damaged: then
/// that fails too).
pub fn parse_shared(path: &Path, progress: &Progress, sharing: Sharing) -> Option<Streamed> {
    for cutting in [Cutting::Guessed, Cutting::Lexed] {
        let counted = Counted::default();
        let counting = Counting {
            progress,
            counted: &counted,
        };
        let streamed = stream(path, &counting, sharing, cutting);
        if streamed.is_err() {
            progress.pieces_withdrawn(counted.bytes.into_inner(), counted.items.into_inner());
        }
        match streamed {
            Ok(streamed) => return Some(streamed),
            Err(Failure::Piece) => continue,
            Err(Failure::Other) => return None,
        }
    }
    None
}

/// Why a file was not streamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// A piece did not parse, or the lexer never saw the list closed.
    Piece,
    /// Anything else: not UTF-8, too large, changed, not a plain list.
    Other,
}

impl From<Uncut> for Failure {
    fn from(uncut: Uncut) -> Failure {
        match uncut {
            Uncut::NotAList => Failure::Other,
            Uncut::Unclosed => Failure::Piece,
        }
    }
}

/// What this file's pieces added to the progress, to take back.
#[derive(Default)]
struct Counted {
    bytes: AtomicU64,
    items: AtomicU64,
}

/// The load's progress, and this file's share of it.
pub(super) struct Counting<'a> {
    progress: &'a Progress,
    counted: &'a Counted,
}

impl Counting<'_> {
    pub(super) fn piece_parsed(&self, bytes: u64, items: u64) {
        self.progress.piece_parsed(bytes, items);
        self.counted.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.counted.items.fetch_add(items, Ordering::Relaxed);
    }
}

/// [`parse_shared`] with the cuts found as `cutting` says, counting in
/// `progress`.
fn stream(path: &Path, progress: &Counting, sharing: Sharing, cutting: Cutting) -> Result<Streamed, Failure> {
    let threads = sharing.threads.clamp(1, MAX_BATCH_THREADS);
    let batch_bytes = sharing.piece_bytes.max(1) * threads * PIECES_PER_THREAD;
    let mut reader = Reader::open(path).ok_or(Failure::Other)?;
    let failed = AtomicBool::new(false);
    let share = usize::try_from(reader.file_len / threads as u64).unwrap_or(usize::MAX);
    let items = thread::scope(|scope| {
        // A whole batch's pieces wait in the queue, so the workers parse
        // them while the next batch is read and cut (with room for a piece
        // per thread, the reader waited on a full queue and the workers
        // then on an empty one while it read). A batch is read only once
        // the one before the last is parsed whole (`Feed::feed`): two
        // batches' texts at most are held, whatever the queue holds.
        let (jobs, queue) = job_queue(threads);
        let (done, results) = mpsc::channel::<Done>();
        // Only the workers hold the queue's end: should they all stop,
        // sending fails rather than waits.
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..threads {
            let (queue, done, failed) = (Arc::clone(&queue), done.clone(), &failed);
            scope.spawn(move || work(&queue, done, failed, progress, share));
        }
        drop((queue, done));
        let mut assembly = Assembly::new(reader.file_len);
        let fed = Feed {
            jobs,
            results: &results,
            assembly: &mut assembly,
            sent: 0,
        }
        .feed(&mut reader, sharing.piece_bytes, batch_bytes, cutting);
        // The queue is closed (`jobs` dropped with the feed): the workers
        // finish what they hold, unparsed if the feed failed.
        if fed.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        let sent = fed?;
        let all_parsed = results.iter().all(|done| assembly.add(done));
        (all_parsed && assembly.complete(sent))
            .then_some(assembly.items)
            .ok_or(Failure::Piece)
    })?;
    // A file changed while it was read would give items of two versions:
    // then it is read whole, once, as before streaming.
    if !reader.unchanged() {
        return Err(Failure::Other);
    }
    progress.progress.file_done();
    // Not shrunk: the room left lets merging put the embedded items in
    // front without copying these.
    let (len, hash) = reader.fingerprint();
    Ok(Streamed { items, len, hash })
}

/// The main thread's side of the pipeline: batches read and cut, their
/// pieces queued, and the parsed pieces put in order as they come back.
struct Feed<'a> {
    jobs: SyncSender<Job>,
    results: &'a Receiver<Done>,
    assembly: &'a mut Assembly,
    sent: usize,
}

impl Feed<'_> {
    /// Reads, cuts and queues the whole file; the number of pieces sent.
    fn feed(
        mut self,
        reader: &mut Reader,
        piece_bytes: usize,
        batch_bytes: usize,
        cutting: Cutting,
    ) -> Result<usize, Failure> {
        let mut pending = String::new();
        let mut at_file_start = true;
        let mut want = batch_bytes;
        // Pieces sent by the end of the batch before the last, and of the
        // last: the first of them all parsed before another batch is read.
        let mut batch_ends = [0; 2];
        loop {
            self.wait_until_placed(batch_ends[0])?;
            pending.reserve(want);
            // A batch is a few MB written at once: in huge pages where
            // offered, a fault per 2 MB, not per 4 kB.
            let spare = pending.capacity() - pending.len();
            crate::arena::advise_huge_pages(pending.as_ptr().wrapping_add(pending.len()), spare);
            let at_end = reader.append(&mut pending, want).ok_or(Failure::Other)?;
            let batch = cut(&pending, at_file_start, at_end, piece_bytes, cutting)?;
            if !batch.pieces.is_empty() {
                // The rest (a piece or less) is copied; the batch is shared.
                let rest = pending.split_off(batch.consumed);
                let text = Arc::new(std::mem::replace(&mut pending, rest));
                for (range, part) in batch.pieces {
                    let job = Job {
                        seq: self.sent,
                        text: Arc::clone(&text),
                        range,
                        part,
                    };
                    self.jobs.send(job).map_err(|_| Failure::Piece)?;
                    self.sent += 1;
                }
                batch_ends = [batch_ends[1], self.sent];
                at_file_start = false;
            }
            self.take_results()?;
            // An item larger than a batch: read ever more, so the text is
            // scanned again only a few times, not once per batch.
            want = if batch.consumed == 0 {
                want.saturating_mul(2)
                    .min(usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX))
            } else {
                batch_bytes
            };
            if at_end {
                return Ok(self.sent);
            }
        }
    }

    /// Waits for the pieces parsed until the first `pieces` of the file are
    /// in place (their batches' texts then freed by the workers); a failed
    /// one ends the feed.
    fn wait_until_placed(&mut self, pieces: usize) -> Result<(), Failure> {
        while self.assembly.placed() < pieces {
            let done = self.results.recv().map_err(|_| Failure::Piece)?;
            if !self.assembly.add(done) {
                return Err(Failure::Piece);
            }
        }
        Ok(())
    }

    /// Puts in order the pieces parsed so far; a failed one ends the feed.
    fn take_results(&mut self) -> Result<(), Failure> {
        while let Ok(done) = self.results.try_recv() {
            if !self.assembly.add(done) {
                return Err(Failure::Piece);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fast_parse::Part;

    #[test]
    fn a_whole_batch_is_queued_while_no_worker_takes_a_piece() {
        for threads in 1..=MAX_BATCH_THREADS {
            let (jobs, _queue) = job_queue(threads);
            let text = Arc::new(String::new());
            for seq in 0..threads * PIECES_PER_THREAD {
                let job = Job {
                    seq,
                    text: Arc::clone(&text),
                    range: 0..0,
                    part: Part::WHOLE,
                };
                assert!(
                    jobs.try_send(job).is_ok(),
                    "piece {seq} of a batch for {threads} threads waits"
                );
            }
        }
    }
}
