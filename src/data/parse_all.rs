//! Parsing the data files on every core. A file larger than a piece is
//! cut into pieces (see [`super::pieces`]) that threads parse straight
//! into their places in one vector sized for the file, so one large file
//! uses every core as well as many small ones do, and no item is copied
//! from a piece's vector into the file's. Results come back in file order,
//! so merging (later files win) and every problem report are exactly as
//! from parsing one file after the other: a file any of whose pieces fails
//! is parsed again whole, and its error is reported from that.

use std::fmt;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use ron::extensions::Extensions;
use serde::de::{self, DeserializeSeed, IgnoredAny, SeqAccess, Visitor};

use super::load::{Problem, SourceFile, parse_items};
use super::model::Item;
use super::pieces::{PIECE_BYTES, piece_text, plan};
use super::progress::{Progress, Stage};

/// Files smaller than this together are parsed on the calling thread:
/// starting threads would cost more than it saves.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

pub type Parsed = Result<Vec<Item>, Problem>;

/// Spare room at the end of a large file's items for the embedded items,
/// which merging puts in front of them: without it the file's items would
/// be copied to a larger vector, and held twice for a moment.
const FRONT_ROOM: usize = 1024;

/// Work for one thread: a file parsed whole, or a piece of one parsed into
/// its slots.
enum Work<'a> {
    Whole(usize),
    Piece {
        file: usize,
        range: Range<usize>,
        slots: &'a mut [Option<Item>],
    },
}

/// How the work is shared: between how many threads, in pieces of about
/// how many bytes.
#[derive(Debug, Clone, Copy)]
pub struct Sharing {
    pub threads: usize,
    pub piece_bytes: usize,
}

/// Every file's items (or its problem), in the order of `files`.
pub fn parse_all(files: &[SourceFile], progress: &Progress) -> Vec<Parsed> {
    let total: usize = files.iter().map(|f| f.text.len()).sum();
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let threads = if total >= PARALLEL_FROM_BYTES { cores } else { 1 };
    parse_shared(
        files,
        progress,
        Sharing {
            threads,
            piece_bytes: PIECE_BYTES,
        },
    )
}

/// [`parse_all`] with the sharing given: the results are the same for
/// any sharing (tests check this with pieces of a few bytes).
pub fn parse_shared(files: &[SourceFile], progress: &Progress, sharing: Sharing) -> Vec<Parsed> {
    progress.set_stage(Stage::Parsing);
    let parallel = sharing.threads > 1;
    let plans: Vec<_> = files
        .iter()
        .map(|file| {
            let large = parallel && file.text.len() > sharing.piece_bytes;
            large.then(|| plan(&file.text, sharing.piece_bytes)).flatten()
        })
        .collect();
    super::trace::mark("cut into pieces");
    // Every item of a cut file has its slot before parsing starts.
    let mut buffers: Vec<Vec<Option<Item>>> = plans
        .iter()
        .map(|plan| plan.as_ref().map_or(0, |p| p.items.iter().sum()))
        .map(|count| {
            let mut slots = Vec::with_capacity(if count > 0 { count + FRONT_ROOM } else { 0 });
            slots.extend((0..count).map(|_| None));
            slots
        })
        .collect();
    let failed: Vec<AtomicBool> = files.iter().map(|_| AtomicBool::new(false)).collect();
    let wholes: Mutex<Vec<Option<Parsed>>> = Mutex::new(files.iter().map(|_| None).collect());
    {
        let work = work_list(&plans, &mut buffers);
        let threads = sharing.threads.min(work.len()).max(1);
        let queue = Mutex::new(work);
        let worker = || {
            // The lock is taken and released before the work: in `while
            // let` its guard would live through the body, one thread at a time.
            loop {
                let next = lock(&queue).pop();
                let Some(work) = next else { break };
                do_work(work, files, &failed, &wholes, progress);
            }
        };
        if threads <= 1 {
            worker();
        } else {
            thread::scope(|scope| {
                for _ in 0..threads {
                    scope.spawn(worker);
                }
            });
        }
    }
    let mut wholes = wholes.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut parsed = Vec::with_capacity(files.len());
    for (at, (file, buffer)) in files.iter().zip(buffers).enumerate() {
        let piece_failed = plans[at].is_some() && failed[at].load(Ordering::Relaxed);
        parsed.push(match wholes[at].take() {
            Some(whole) => whole,
            // A piece failed: the whole file again, for its exact error,
            // once the items of the pieces that parsed are freed.
            None if piece_failed => {
                drop(buffer);
                parse_items(file)
            }
            // Every slot is filled. `map_while` (unlike `flatten`) lets the
            // standard library reuse the vector in place: no second copy.
            None => Ok(buffer.into_iter().map_while(|slot| slot).collect()),
        });
        progress.file_done();
    }
    parsed
}

/// A poisoned lock only means another parse panicked; what it guards is
/// still sound.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The work, last first (threads pop from the end): each file whole, or
/// each of its pieces with its share of the file's slots.
fn work_list<'a>(plans: &[Option<super::pieces::Plan>], buffers: &'a mut [Vec<Option<Item>>]) -> Vec<Work<'a>> {
    let mut work = Vec::new();
    for (file, (plan, buffer)) in plans.iter().zip(buffers.iter_mut()).enumerate() {
        let Some(plan) = plan else {
            work.push(Work::Whole(file));
            continue;
        };
        let mut rest: &mut [Option<Item>] = buffer;
        for (range, &count) in plan.ranges.iter().zip(&plan.items) {
            let (slots, after) = rest.split_at_mut(count);
            rest = after;
            work.push(Work::Piece {
                file,
                range: range.clone(),
                slots,
            });
        }
    }
    work.reverse();
    work
}

fn do_work(
    work: Work<'_>,
    files: &[SourceFile],
    failed: &[AtomicBool],
    wholes: &Mutex<Vec<Option<Parsed>>>,
    progress: &Progress,
) {
    match work {
        Work::Whole(file) => {
            let parsed = parse_items(&files[file]);
            let items = parsed.as_ref().map_or(0, Vec::len);
            progress.piece_parsed(files[file].text.len() as u64, items as u64);
            lock(wholes)[file] = Some(parsed);
        }
        Work::Piece { file, range, slots } => {
            // A file that has failed is parsed again whole: skip its rest.
            if failed[file].load(Ordering::Relaxed) {
                return;
            }
            let (bytes, items) = (range.len() as u64, slots.len() as u64);
            if fill(&files[file].text, range, slots) {
                progress.piece_parsed(bytes, items);
            } else {
                failed[file].store(true, Ordering::Relaxed);
            }
        }
    }
}

/// Parses one piece into its slots, with the options of [`parse_items`];
/// false if it does not parse or holds another number of items.
fn fill(text: &str, range: Range<usize>, slots: &mut [Option<Item>]) -> bool {
    fill_text(&piece_text(text, range), slots)
}

/// Parses a piece's text (a list of its own) into its slots.
/// The hand-written parser first; serde when it declines.
pub(super) fn fill_text(piece: &str, slots: &mut [Option<Item>]) -> bool {
    let mut filled = 0;
    let fast = super::fast_parse::read_items(piece, |item| {
        *slots.get_mut(filled)? = Some(item);
        filled += 1;
        Some(())
    });
    // On a decline, serde fills every slot again or fails.
    if fast.is_some() && filled == slots.len() {
        return true;
    }
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options.from_str_seed(piece, Fill(slots)).is_ok()
}

/// Deserializes a list of exactly as many items as it has slots.
struct Fill<'s>(&'s mut [Option<Item>]);

impl<'de> DeserializeSeed<'de> for Fill<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Fill<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {} items", self.0.len())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let expected = self.0.len();
        for (at, slot) in self.0.iter_mut().enumerate() {
            match seq.next_element::<Item>()? {
                Some(item) => *slot = Some(item),
                None => return Err(de::Error::invalid_length(at, &"the items the piece was cut with")),
            }
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(
                expected + 1,
                &"the items the piece was cut with",
            ));
        }
        Ok(())
    }
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
