//! A validated dataset as bytes, so a later run opens it without parsing
//! RON: the items and where each came from, in postcard's compact binary
//! form. Everything derived from them (ids, categories, dates, backlinks,
//! names) is rebuilt on opening, which costs a fraction of a parse.
//!
//! Bytes come from a cache anyone can damage, so nothing in them is
//! trusted: a header names the format and the inputs the snapshot stands
//! for, a checksum covers the payload, and the rebuilt dataset must hold
//! together (unique ids, known categories, well-formed dates, links that
//! resolve, names that do not clash). Anything else gives `None`, and the
//! caller parses the data as if there were no snapshot.
//!
//! `Item` skips empty fields when serialised (for RON and JSON); postcard
//! is not self-describing and needs every field, so items are written
//! through a borrowed mirror that always writes them all, and read back
//! with `Item`'s own `Deserialize`.

use std::collections::HashMap;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use super::aliases::Aliases;
use super::category::{CATEGORIES, category_index};
use super::dataset::{Backlink, Dataset, ItemIdx, Origin, Replaced};
use super::date::PartialDate;
use super::model::{Item, Link};
use super::relation::Relation;

/// The first bytes of every snapshot.
const MAGIC: &[u8; 8] = b"WSISDATA";

/// Bumped whenever the stored form changes, so old snapshots are ignored.
const FORMAT_VERSION: u32 = 1;

/// The bytes of `data`, for the inputs described by `key`.
pub fn encode(data: &Dataset, key: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&u32::try_from(key.len()).unwrap_or(u32::MAX).to_le_bytes());
    bytes.extend_from_slice(key.as_bytes());
    // Length and checksum are filled in once the payload is written behind
    // them: one buffer, not a payload copied into a second one.
    let sums_at = bytes.len();
    bytes.extend_from_slice(&[0; 16]);
    let payload_at = bytes.len();
    let Ok(mut bytes) = postcard::to_extend(&StoredRef::of(data), bytes) else {
        return Vec::new();
    };
    let payload = &bytes[payload_at..];
    let (len, sum) = ((payload.len() as u64).to_le_bytes(), checksum(payload).to_le_bytes());
    bytes[sums_at..sums_at + 8].copy_from_slice(&len);
    bytes[sums_at + 8..payload_at].copy_from_slice(&sum);
    bytes
}

/// The dataset stored in `bytes`, if they are a sound snapshot made for
/// exactly the inputs `key` describes.
pub fn decode(bytes: &[u8], key: &str) -> Option<Dataset> {
    let mut reader = Reader(bytes);
    if reader.take(MAGIC.len())? != MAGIC || reader.u32()? != FORMAT_VERSION {
        return None;
    }
    let key_len = usize::try_from(reader.u32()?).ok()?;
    if reader.take(key_len)? != key.as_bytes() {
        return None;
    }
    let payload_len = usize::try_from(reader.u64()?).ok()?;
    let sum = reader.u64()?;
    let payload = reader.0;
    if payload.len() != payload_len || checksum(payload) != sum {
        return None;
    }
    let (stored, rest) = postcard::take_from_bytes::<Stored>(payload).ok()?;
    if !rest.is_empty() {
        return None;
    }
    stored.into_dataset()
}

/// A 64-bit hash of the payload: any flipped byte changes it (each step
/// of the hash is a bijection of its state), so damage is caught before
/// the bytes are decoded.
fn checksum(payload: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(payload);
    hasher.write_usize(payload.len());
    hasher.finish()
}

/// Reads fixed-size fields from the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// What a snapshot holds: the items in dataset order, and each item's
/// origin as indexes into one list of file names. Written from borrowed
/// items ([`StoredRef`]) and read straight into [`Item`]s.
#[derive(Deserialize)]
struct Stored {
    files: Vec<String>,
    items: Vec<Item>,
    origins: Vec<StoredOrigin>,
}

#[derive(Serialize)]
struct StoredRef<'a> {
    files: Vec<&'a str>,
    items: Vec<ItemRef<'a>>,
    origins: Vec<StoredOrigin>,
}

#[derive(Serialize, Deserialize)]
struct StoredOrigin {
    file: u32,
    embedded: bool,
    replaced: Option<(u32, bool)>,
}

/// [`Item`] as `Item`'s derived `Deserialize` reads it from postcard:
/// every field, in the order `Item` declares them. (`Item`'s own
/// `Serialize` leaves empty fields out, which only a self-describing
/// format can follow.)
#[derive(Serialize)]
struct ItemRef<'a> {
    id: &'a str,
    category: &'a str,
    symbol: Option<&'a str>,
    title: &'a str,
    short_title: Option<&'a str>,
    aliases: &'a [String],
    date: Option<&'a str>,
    until: Option<&'a str>,
    body: Option<&'a str>,
    summary: &'a str,
    points: &'a [String],
    url: Option<&'a str>,
    sources: &'a [String],
    tags: &'a [String],
    /// As `Link` is read: relation, target, note.
    links: Vec<(Relation, &'a str, Option<&'a str>)>,
    unconfirmed: &'a [String],
}

impl<'a> From<&'a Item> for ItemRef<'a> {
    fn from(item: &'a Item) -> ItemRef<'a> {
        // Destructured, so a new field in `Item` is a compile error here.
        let Item {
            id,
            category,
            symbol,
            title,
            short_title,
            aliases,
            date,
            until,
            body,
            summary,
            points,
            url,
            sources,
            tags,
            links,
            unconfirmed,
        } = item;
        ItemRef {
            id,
            category,
            symbol: symbol.as_deref(),
            title,
            short_title: short_title.as_deref(),
            aliases,
            date: date.as_deref(),
            until: until.as_deref(),
            body: body.as_deref(),
            summary,
            points,
            url: url.as_deref(),
            sources,
            tags,
            links: links
                .iter()
                .map(|Link { rel, to, note }| (*rel, to.as_str(), note.as_deref()))
                .collect(),
            unconfirmed,
        }
    }
}

impl<'a> StoredRef<'a> {
    fn of(data: &'a Dataset) -> StoredRef<'a> {
        let mut files: Vec<&'a str> = Vec::new();
        let mut file_index: HashMap<&'a str, u32> = HashMap::new();
        let mut index_of = |name: &'a str| {
            *file_index.entry(name).or_insert_with(|| {
                files.push(name);
                u32::try_from(files.len() - 1).unwrap_or(u32::MAX)
            })
        };
        let origins = data
            .origins
            .iter()
            .map(|origin| StoredOrigin {
                file: index_of(&origin.file),
                embedded: origin.embedded,
                replaced: origin.replaced.as_ref().map(|r| (index_of(&r.file), r.embedded)),
            })
            .collect();
        let items = data.items.iter().map(ItemRef::from).collect();
        StoredRef { files, items, origins }
    }
}

impl Stored {
    fn into_dataset(self) -> Option<Dataset> {
        if self.items.len() != self.origins.len() {
            return None;
        }
        let file = |at: u32| self.files.get(usize::try_from(at).ok()?).cloned();
        let origins = self
            .origins
            .iter()
            .map(|o| {
                let replaced = match o.replaced {
                    Some((at, embedded)) => Some(Replaced {
                        file: file(at)?,
                        embedded,
                    }),
                    None => None,
                };
                Some(Origin {
                    file: file(o.file)?,
                    embedded: o.embedded,
                    replaced,
                })
            })
            .collect::<Option<Vec<Origin>>>()?;
        rebuild(self.items, origins)
    }
}

/// The indexes `Dataset` keeps beside its items, rebuilt from items that
/// were valid when stored; `None` if they no longer hold together. The
/// names (the largest part) are built on a second thread meanwhile.
fn rebuild(items: Vec<Item>, origins: Vec<Origin>) -> Option<Dataset> {
    let (links, aliases) = std::thread::scope(|scope| {
        let names = scope.spawn(|| Aliases::build(&items));
        let links = Links::of(&items);
        (links, names.join().ok())
    });
    let Links {
        by_id,
        by_category,
        category_of,
        dates,
        backlinks,
    } = links?;
    let (aliases, clashes) = aliases?;
    if !clashes.is_empty() {
        return None;
    }
    Some(Dataset {
        items,
        dates,
        origins,
        by_id,
        by_category,
        category_of,
        backlinks,
        aliases,
    })
}

/// Everything but the names: ids, categories, dates and backlinks.
struct Links {
    by_id: HashMap<String, ItemIdx>,
    by_category: Vec<Vec<ItemIdx>>,
    category_of: Vec<usize>,
    dates: Vec<Option<PartialDate>>,
    backlinks: Vec<Vec<Backlink>>,
}

impl Links {
    fn of(items: &[Item]) -> Option<Links> {
        let mut by_id: HashMap<String, ItemIdx> = HashMap::with_capacity(items.len());
        for (idx, item) in items.iter().enumerate() {
            if by_id.insert(item.id.clone(), idx).is_some() {
                return None;
            }
        }
        let mut links = Links {
            by_id,
            by_category: vec![Vec::new(); CATEGORIES.len()],
            category_of: Vec::with_capacity(items.len()),
            dates: Vec::with_capacity(items.len()),
            backlinks: vec![Vec::new(); items.len()],
        };
        for (idx, item) in items.iter().enumerate() {
            let cat = category_index(&item.category)?;
            links.by_category[cat].push(idx);
            links.category_of.push(cat);
            let date = item.date.as_deref().map(PartialDate::parse).transpose().ok()?;
            links.dates.push(date);
            for (link, Link { rel, to, .. }) in item.links.iter().enumerate() {
                let target = *links.by_id.get(to).filter(|&&target| target != idx)?;
                links.backlinks[target].push(Backlink {
                    from: idx,
                    rel: *rel,
                    link,
                });
            }
        }
        Some(links)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Magic, version, key length; then come the key, payload length and checksum.
    const FIXED_HEADER: usize = MAGIC.len() + 4 + 4;

    fn embedded() -> Dataset {
        Dataset::embedded().expect("embedded data")
    }

    /// Everything a reader of a dataset can see, in a stable order.
    fn visible(data: &Dataset) -> String {
        let mut out = String::new();
        for idx in 0..data.len() {
            out.push_str(&format!(
                "{:?} {:?} {:?} {} {:?} {:?}\n",
                data.item(idx),
                data.date(idx),
                data.origin(idx),
                data.category_of(idx),
                data.backlinks(idx),
                data.by_id(&data.item(idx).id),
            ));
        }
        for cat in 0..CATEGORIES.len() {
            out.push_str(&format!("{:?}\n", data.category_items(cat)));
        }
        out
    }

    #[test]
    fn a_snapshot_opens_as_the_dataset_it_was_made_from() {
        let data = embedded();
        let opened = decode(&encode(&data, "k"), "k").expect("opens");
        assert_eq!(visible(&opened), visible(&data));
        for name in ["70/125", "ITU", "C3", "a/res/70/125", "ECOSOC 2006/46"] {
            assert_eq!(opened.resolve(name), data.resolve(name), "{name}");
        }
    }

    #[test]
    fn another_key_or_version_is_refused() {
        let bytes = encode(&embedded(), "inputs A");
        assert!(decode(&bytes, "inputs B").is_none());
        let mut old = bytes.clone();
        old[MAGIC.len()] ^= 1;
        assert!(decode(&old, "inputs A").is_none());
    }

    #[test]
    fn a_truncated_or_extended_snapshot_is_refused() {
        let bytes = encode(&embedded(), "k");
        for len in [0, 4, FIXED_HEADER, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..len], "k").is_none(), "cut at {len}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, "k").is_none());
    }

    #[test]
    fn items_that_no_longer_hold_together_are_refused() {
        let data = embedded();
        let stored_of = |data: &Dataset| -> Stored {
            postcard::from_bytes(&postcard::to_stdvec(&StoredRef::of(data)).expect("encodes")).expect("decodes")
        };
        let mut stored = stored_of(&data);
        stored.items[1].id = stored.items[0].id.clone();
        assert!(stored.into_dataset().is_none(), "duplicate id");
        let mut stored = stored_of(&data);
        stored.items[0].category = "nowhere".into();
        assert!(stored.into_dataset().is_none(), "unknown category");
        let mut stored = stored_of(&data);
        let linked = stored.items.iter_mut().find(|i| !i.links.is_empty()).expect("a link");
        linked.links[0].to = "no-such-item".into();
        assert!(stored.into_dataset().is_none(), "dangling link");
        let mut stored = stored_of(&data);
        stored.origins[0].file = u32::MAX;
        assert!(stored.into_dataset().is_none(), "unknown file");
    }

    /// A snapshot is a file anyone can damage: whatever its bytes, opening
    /// gives the dataset it was made from or nothing, never a panic and
    /// never something else.
    mod damaged {
        use std::sync::LazyLock;

        use proptest::prelude::*;

        use super::*;

        static DATA: LazyLock<(Vec<u8>, String)> = LazyLock::new(|| {
            let data = embedded();
            (encode(&data, "k"), visible(&data))
        });

        fn opens_as_made_or_not_at_all(bytes: &[u8]) {
            if let Some(opened) = decode(bytes, "k") {
                assert_eq!(visible(&opened), DATA.1);
            }
        }

        proptest! {
            #[test]
            fn flipped_bytes_are_refused(flips in prop::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..16)) {
                let mut bytes = DATA.0.clone();
                for (at, mask) in flips {
                    let at = at.index(bytes.len());
                    bytes[at] ^= mask;
                }
                opens_as_made_or_not_at_all(&bytes);
            }

            #[test]
            fn truncated_snapshots_are_refused(len in any::<prop::sample::Index>()) {
                let len = len.index(DATA.0.len());
                prop_assert!(decode(&DATA.0[..len], "k").is_none());
            }

            #[test]
            fn any_bytes_after_a_sound_header_never_panic(payload in prop::collection::vec(any::<u8>(), 0..512)) {
                // A payload with a matching checksum reaches the decoder.
                let mut bytes = DATA.0[..FIXED_HEADER + 1].to_vec();
                bytes.truncate(FIXED_HEADER);
                bytes.extend_from_slice(b"k");
                bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
                bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
                bytes.extend_from_slice(&payload);
                let _ = decode(&bytes, "k");
            }
        }
    }
}
