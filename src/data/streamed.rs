//! Reading and parsing a large data file a batch at a time, so that its
//! whole text is never in memory: each batch is cut into pieces at the
//! start of top-level items (as [`super::pieces`] cuts a whole text), the
//! pieces are parsed on every core, and the batch's text is freed before
//! the next is read. At 100 000 items this keeps the 79 MB text and the
//! parsed items from being held at once, which was the peak of a cold run.
//!
//! Anything unexpected (a byte that is not UTF-8, a file over the limit, a
//! piece that does not parse, a list that is never closed) gives `None`:
//! the caller then reads and parses the file whole, which reports the
//! problem at its exact line and column, as before.

use std::fs::File;
use std::io::Read;
use std::iter::Peekable;
use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use super::load::MAX_FILE_BYTES;
use super::locate::{Lexer, Token};
use super::model::Item;
use super::parse_all::{Sharing, fill_text};
use super::pieces::PIECE_BYTES;
use super::progress::Progress;
use super::reread::Fingerprint;

/// Files at least this large are read a batch at a time; smaller ones
/// cost little to hold whole.
pub const STREAM_FROM_BYTES: u64 = 8 * PIECE_BYTES as u64;

/// Each batch holds about this many pieces per thread: enough to share
/// the work evenly, few enough that a batch's text stays small.
const PIECES_PER_THREAD: usize = 2;

/// The items are sized from the first batch, with this margin (percent);
/// room never written is never resident.
const ESTIMATE_MARGIN_PERCENT: usize = 105;

/// Bytes read past a file's known length, to see that it ends there.
const END_PROBE: usize = 4;

/// Cores a batch is sized for, at most (see [`parse_shared`]).
const MAX_BATCH_THREADS: usize = 2;

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
pub fn parse_shared(path: &Path, progress: &Progress, sharing: Sharing) -> Option<Streamed> {
    let counted = Counted::default();
    let streamed = stream(
        path,
        &Counting {
            progress,
            counted: &counted,
        },
        sharing,
    );
    if streamed.is_none() {
        progress.pieces_withdrawn(counted.bytes.into_inner(), counted.items.into_inner());
    }
    streamed
}

/// What this file's pieces added to the progress, to take back.
#[derive(Default)]
struct Counted {
    bytes: AtomicU64,
    items: AtomicU64,
}

/// The load's progress, and this file's share of it.
struct Counting<'a> {
    progress: &'a Progress,
    counted: &'a Counted,
}

impl Counting<'_> {
    fn piece_parsed(&self, bytes: u64, items: u64) {
        self.progress.piece_parsed(bytes, items);
        self.counted.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.counted.items.fetch_add(items, Ordering::Relaxed);
    }
}

/// [`parse_shared`], counting in `progress`.
fn stream(path: &Path, progress: &Counting, sharing: Sharing) -> Option<Streamed> {
    let threads = sharing.threads.max(1);
    // The batch is held about three times over (read, pending, pieces): it
    // must not grow with the cores, or on a large machine it is the file.
    let batch_bytes = sharing.piece_bytes.max(1) * threads.min(MAX_BATCH_THREADS) * PIECES_PER_THREAD;
    let mut reader = Reader::open(path)?;
    let mut pending = String::new();
    // Slots filled batch by batch, so no batch's items are copied.
    let mut items: Vec<Option<Item>> = Vec::new();
    let mut at_file_start = true;
    let mut want = batch_bytes;
    loop {
        let at_end = reader.append(&mut pending, want)?;
        let batch = cut(&pending, at_file_start, at_end, sharing.piece_bytes)?;
        let pieces: Vec<Piece> = batch
            .pieces
            .iter()
            .map(|(range, items)| Piece {
                text: piece_text(&pending, range.clone(), at_file_start, at_end),
                items: *items,
                bytes: range.len() as u64,
            })
            .collect();
        parse_pieces(&pieces, threads, &mut items, progress)?;
        if at_file_start && !items.is_empty() {
            // Sized once from the first batch, as the file's length
            // suggests: growing by doubling would copy the items.
            let estimate = items.len() as u64 * reader.file_len / reader.bytes_read.max(1);
            let estimate = usize::try_from(estimate).unwrap_or(0) * ESTIMATE_MARGIN_PERCENT / 100;
            items.reserve_exact(estimate.saturating_sub(items.len()));
        }
        drop(pieces);
        pending.drain(..batch.consumed);
        at_file_start &= batch.consumed == 0;
        // An item larger than a batch: read ever more, so the text is
        // scanned again only a few times, not once per batch.
        want = if batch.consumed == 0 {
            want.saturating_mul(2)
                .min(usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX))
        } else {
            batch_bytes
        };
        if at_end {
            break;
        }
    }
    // A file changed while it was read would give items of two versions:
    // then it is read whole, once, as before streaming.
    if !reader.unchanged() {
        return None;
    }
    progress.progress.file_done();
    // Every slot is filled; in place, as in `parse_all`: no second copy.
    // Not shrunk either: the room left lets merging put the embedded items
    // in front without copying these.
    let items = items.into_iter().map_while(|slot| slot).collect();
    let (len, hash) = reader.fingerprint();
    Some(Streamed { items, len, hash })
}

/// A file's text in batches: UTF-8 checked, the byte order mark skipped,
/// the size limit kept, and fingerprinted as it goes.
struct Reader {
    file: File,
    /// The bytes of a character cut by the end of the last read.
    carry: Vec<u8>,
    bytes_read: u64,
    started: bool,
    fingerprint: Fingerprint,
    /// The file's length when opened, to size the items.
    file_len: u64,
    /// Its modification time when opened, to tell a change while reading.
    modified: Option<std::time::SystemTime>,
}

impl Reader {
    fn open(path: &Path) -> Option<Reader> {
        let file = File::open(path).ok()?;
        let metadata = file.metadata().ok()?;
        // Over the limit: refused by the whole read, before any parsing.
        if metadata.len() > MAX_FILE_BYTES {
            return None;
        }
        Some(Reader {
            file_len: metadata.len(),
            modified: metadata.modified().ok(),
            file,
            carry: Vec::new(),
            bytes_read: 0,
            started: false,
            fingerprint: Fingerprint::default(),
        })
    }

    /// Appends about `want` bytes of text to `pending`; true at the end of
    /// the file.
    fn append(&mut self, pending: &mut String, want: usize) -> Option<bool> {
        let mut bytes = std::mem::take(&mut self.carry);
        let start = bytes.len();
        // No more than the file holds (and a little, to see its end): an
        // item larger than a batch doubles `want`, not the memory.
        let left = usize::try_from(self.file_len.saturating_sub(self.bytes_read)).unwrap_or(usize::MAX);
        bytes.resize(start + want.min(left.saturating_add(END_PROBE)), 0);
        let mut filled = start;
        while filled < bytes.len() {
            match self.file.read(&mut bytes[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        let at_end = filled < bytes.len();
        self.bytes_read += (filled - start) as u64;
        if self.bytes_read > MAX_FILE_BYTES {
            return None;
        }
        bytes.truncate(filled);
        let skip = if !self.started && bytes.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        self.started = true;
        let valid = match std::str::from_utf8(&bytes[skip..]) {
            Ok(text) => text,
            // A character cut by the end of this read: kept for the next.
            Err(e) if e.error_len().is_none() && !at_end => {
                let valid_up_to = skip + e.valid_up_to();
                self.carry = bytes[valid_up_to..].to_vec();
                std::str::from_utf8(&bytes[skip..valid_up_to]).ok()?
            }
            Err(_) => return None,
        };
        self.fingerprint.feed(valid.as_bytes());
        pending.push_str(valid);
        Some(at_end)
    }

    /// Whether the file read is the file opened: as long, every byte of it
    /// read, not modified since.
    fn unchanged(&self) -> bool {
        let now = self.file.metadata().ok();
        let same = now.is_some_and(|m| m.len() == self.file_len && m.modified().ok() == self.modified);
        same && self.bytes_read == self.file_len
    }

    fn fingerprint(self) -> (usize, u64) {
        self.fingerprint.finish()
    }
}

/// The UTF-8 byte order mark, skipped as [`super::load::SourceFile::read`] does.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// How one batch is cut: each piece's range in the pending text and its
/// items, and how much of the text they take (the rest, from the start of
/// an item, waits for the next batch).
struct Batch {
    pieces: Vec<(Range<usize>, usize)>,
    consumed: usize,
}

impl Batch {
    /// Nothing to parse yet.
    fn waiting() -> Batch {
        Batch {
            pieces: Vec::new(),
            consumed: 0,
        }
    }
}

/// Cuts the pending text, which starts at the file's start or at the start
/// of an item of the top-level list. A token is trusted only if another
/// follows it (a token at the end may be cut short: a string, a comment),
/// or at the end of the file.
fn cut(text: &str, at_file_start: bool, at_end: bool, piece_bytes: usize) -> Option<Batch> {
    let mut tokens = Lexer::new(text, 0).peekable();
    if at_file_start {
        match tokens.next() {
            Some((at, Token::Open)) if text.as_bytes()[at] == b'[' => {}
            // A comment, say, not yet ended: wait for more of the file.
            None if !at_end => return Some(Batch::waiting()),
            Some(_) if !at_end && tokens.peek().is_none() => return Some(Batch::waiting()),
            _ => return None,
        }
    }
    let (starts, closed) = item_starts(text, &mut tokens, at_end);
    if at_end && !closed {
        return None;
    }
    // Before the end, the text after the last item start waits.
    let end = if at_end {
        text.len()
    } else {
        starts.last().copied().unwrap_or(0)
    };
    let mut pieces: Vec<(Range<usize>, usize)> = Vec::new();
    let mut piece_start = 0;
    let mut count = 0;
    for &start in starts.iter().filter(|&&s| s < end) {
        if start >= piece_start + piece_bytes && count > 0 {
            pieces.push((piece_start..start, count));
            (piece_start, count) = (start, 0);
        }
        count += 1;
    }
    if end > piece_start || (at_end && pieces.is_empty()) {
        pieces.push((piece_start..end, count));
    }
    Some(Batch { pieces, consumed: end })
}

/// The trusted starts of top-level items, and whether the list's close
/// was reached.
fn item_starts(text: &str, tokens: &mut Peekable<Lexer<'_>>, at_end: bool) -> (Vec<usize>, bool) {
    let (mut depth, mut item_next) = (1usize, true);
    let mut starts = Vec::new();
    while let Some((at, token)) = tokens.next() {
        if !at_end && tokens.peek().is_none() {
            break;
        }
        if depth == 1 && item_next && token != Token::Close {
            starts.push(at);
        }
        item_next = depth == 1 && token == Token::Other && text.as_bytes()[at] == b',';
        match token {
            Token::Open => depth += 1,
            Token::Close if depth == 1 => return (starts, true),
            Token::Close => depth -= 1,
            _ => {}
        }
    }
    (starts, false)
}

/// The piece `range` as a list of its own: `[` where it does not start the
/// file, `]` where it does not end it.
fn piece_text(text: &str, range: Range<usize>, at_file_start: bool, at_end: bool) -> String {
    let opens = !(at_file_start && range.start == 0);
    let closes = !(at_end && range.end == text.len());
    super::pieces::bracketed(&text[range], opens, closes)
}

/// One piece's text (as a list of its own), its items and the bytes of
/// the file it covers.
struct Piece {
    text: String,
    items: usize,
    bytes: u64,
}

/// Parses the pieces on up to `threads` threads into new slots at the end
/// of `items`, in order; `None` if any piece fails.
fn parse_pieces(pieces: &[Piece], threads: usize, items: &mut Vec<Option<Item>>, progress: &Counting) -> Option<()> {
    let total: usize = pieces.iter().map(|piece| piece.items).sum();
    let start = items.len();
    items.extend((0..total).map(|_| None));
    let mut work = Vec::with_capacity(pieces.len());
    let mut rest: &mut [Option<Item>] = &mut items[start..];
    for piece in pieces {
        let (mine, after) = rest.split_at_mut(piece.items);
        rest = after;
        work.push((piece, mine));
    }
    work.reverse();
    let queue = Mutex::new(work);
    let failed = AtomicBool::new(false);
    let worker = || {
        // The lock is released before parsing: in `while let` its guard
        // would live through the body, one thread at a time.
        loop {
            let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let Some((piece, slots)) = next else { break };
            if fill_text(&piece.text, slots) {
                progress.piece_parsed(piece.bytes, piece.items as u64);
            } else {
                failed.store(true, Ordering::Relaxed);
            }
        }
    };
    match threads.min(pieces.len()) {
        0 | 1 => worker(),
        n => thread::scope(|scope| {
            for _ in 0..n {
                scope.spawn(worker);
            }
        }),
    }
    (!failed.into_inner()).then_some(())
}
