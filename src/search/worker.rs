//! Runs searches off the event loop, so typing never waits for results.
//! Each request carries a generation; a newer request cancels an older
//! search between two chunks of items. Results go to a callback (the front
//! end puts them on its event channel), tagged with the session of the app
//! the worker serves; the app drops stale ones, and any of another session
//! (the app before a reload, whose worker may still be answering).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use super::{Hits, SearchIndex};
use crate::data::ItemIdx;

struct Request {
    generation: u64,
    query: String,
    scope: Option<Vec<ItemIdx>>,
}

/// Hits for the query of one generation of one session.
pub struct Outcome {
    pub session: u64,
    pub generation: u64,
    pub hits: Hits,
}

pub struct Worker {
    requests: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the thread, for the app of [`crate::app::App::session`]
    /// `session`; it hands each finished search to `deliver`, and ends when
    /// the worker is dropped or `deliver` returns false.
    pub fn spawn(index: Arc<SearchIndex>, session: u64, deliver: impl Fn(Outcome) -> bool + Send + 'static) -> Worker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let current = Arc::clone(&latest);
        thread::spawn(move || {
            while let Ok(mut request) = inbox.recv() {
                // Only the newest of the queued requests is worth running.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let cancelled = || current.load(Ordering::Relaxed) != request.generation;
                let Some(hits) = index.search_or_fewer(&request.query, request.scope.as_deref(), &cancelled) else {
                    continue;
                };
                let outcome = Outcome {
                    session,
                    generation: request.generation,
                    hits,
                };
                if !deliver(outcome) {
                    break;
                }
            }
        });
        Worker { requests, latest }
    }

    /// Asks for `query`'s hits; any older search still running stops.
    pub fn submit(&self, generation: u64, query: &str, scope: Option<&[ItemIdx]>) {
        self.latest.store(generation, Ordering::Relaxed);
        let request = Request {
            generation,
            query: query.to_string(),
            scope: scope.map(<[ItemIdx]>::to_vec),
        };
        // A send fails only if the thread has gone; search then stays empty.
        let _ = self.requests.send(request);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    #[test]
    fn returns_the_hits_of_the_latest_generation() {
        let data = Dataset::embedded().expect("embedded data");
        let index = Arc::new(SearchIndex::new(&data));
        let (outbox, results) = mpsc::channel();
        let worker = Worker::spawn(Arc::clone(&index), 7, move |outcome| outbox.send(outcome).is_ok());
        worker.submit(1, "igf", None);
        worker.submit(2, "70/125", None);
        // Blocking on the channel, not on a clock: the result must come.
        let outcome = loop {
            match results.recv() {
                Ok(outcome) if outcome.generation == 2 => break outcome,
                Ok(_) => continue,
                Err(e) => panic!("worker gone: {e}"),
            }
        };
        assert_eq!(outcome.hits.into_vec(), index.search("70/125", None));
        assert_eq!(outcome.session, 7, "tagged with the session it serves");
    }
}
