//! Long columns of the index of items ([`super::item_index`]) stored as
//! fixed-width little-endian records in one byte string, for
//! `#[serde(with = "column")]`: postcard writes the string as its length
//! and bytes, and reading it back is a copy a record at a time, not a
//! varint and a serde visit per number. At a million items that decoding
//! took about 200 ms of the browser's opening; this takes a few.
//!
//! Bytes are untrusted: a string whose length is not a whole number of
//! records, or a record that reads as no value (an unknown relation), is
//! a decoding error, and the caller rebuilds the cache.

use std::marker::PhantomData;

use serde::de::Visitor;
use serde::ser::Error as _;
use serde::{Deserializer, Serializer};

use super::dataset::Backlink;
use super::relation::Relation;
use super::snapshot::StoredOrigin;

/// A value stored in [`WIDTH`](Fixed::WIDTH) bytes.
pub(super) trait Fixed: Sized {
    const WIDTH: usize;

    /// Appends the value's bytes; `None` if it does not fit its width.
    fn put(&self, out: &mut Vec<u8>) -> Option<()>;

    /// The value of exactly `WIDTH` bytes; `None` if they are none.
    fn take(bytes: &[u8]) -> Option<Self>;
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

impl Fixed for u8 {
    const WIDTH: usize = 1;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        out.push(*self);
        Some(())
    }

    fn take(bytes: &[u8]) -> Option<u8> {
        bytes.first().copied()
    }
}

impl Fixed for u32 {
    const WIDTH: usize = 4;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        out.extend_from_slice(&self.to_le_bytes());
        Some(())
    }

    fn take(bytes: &[u8]) -> Option<u32> {
        u32_at(bytes, 0)
    }
}

impl Fixed for u64 {
    const WIDTH: usize = 8;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        out.extend_from_slice(&self.to_le_bytes());
        Some(())
    }

    fn take(bytes: &[u8]) -> Option<u64> {
        u64_at(bytes, 0)
    }
}

/// A missing value of a column of `Option<u32>`: packed dates never take
/// it ([`super::item_index::pack_date`] puts a month of at most 12 in the
/// second byte), and storing it as a value is refused.
const NONE_U32: u32 = u32::MAX;

impl Fixed for Option<u32> {
    const WIDTH: usize = 4;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        let value = match *self {
            Some(NONE_U32) => return None,
            Some(value) => value,
            None => NONE_U32,
        };
        value.put(out)
    }

    fn take(bytes: &[u8]) -> Option<Option<u32>> {
        u32_at(bytes, 0).map(|value| (value != NONE_U32).then_some(value))
    }
}

impl Fixed for (u64, u32) {
    const WIDTH: usize = 12;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        self.0.put(out)?;
        self.1.put(out)
    }

    fn take(bytes: &[u8]) -> Option<(u64, u32)> {
        Some((u64_at(bytes, 0)?, u32_at(bytes, 8)?))
    }
}

/// The linking item and the link's place as u32, the relation as its
/// place in [`Relation::ALL`].
impl Fixed for Backlink {
    const WIDTH: usize = 9;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        let rel = Relation::ALL.iter().position(|&r| r == self.rel)?;
        u32::try_from(self.from).ok()?.put(out)?;
        u8::try_from(rel).ok()?.put(out)?;
        u32::try_from(self.link).ok()?.put(out)
    }

    fn take(bytes: &[u8]) -> Option<Backlink> {
        Some(Backlink {
            from: u32_at(bytes, 0)? as usize,
            rel: *Relation::ALL.get(usize::from(*bytes.get(4)?))?,
            link: u32_at(bytes, 5)? as usize,
        })
    }
}

/// The item's file, whether it is embedded, then the replaced item's
/// file ([`NONE_U32`] for none) and whether that one was embedded.
impl Fixed for StoredOrigin {
    const WIDTH: usize = 10;

    fn put(&self, out: &mut Vec<u8>) -> Option<()> {
        let (replaced, replaced_embedded) = self.replaced.unwrap_or((NONE_U32, false));
        if self.replaced.is_some() && replaced == NONE_U32 {
            return None;
        }
        self.file.put(out)?;
        u8::from(self.embedded).put(out)?;
        replaced.put(out)?;
        u8::from(replaced_embedded).put(out)
    }

    fn take(bytes: &[u8]) -> Option<StoredOrigin> {
        let flag = |at: usize| match bytes.get(at)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        };
        let replaced = u32_at(bytes, 5)?;
        Some(StoredOrigin {
            file: u32_at(bytes, 0)?,
            embedded: flag(4)?,
            replaced: match replaced {
                NONE_U32 => (!flag(9)?).then_some(None)?,
                file => Some((file, flag(9)?)),
            },
        })
    }
}

/// For `#[serde(with = "column")]` on a `Vec<T>` of a [`Fixed`] `T`.
pub(super) mod column {
    use super::*;

    pub(in super::super) fn serialize<T: Fixed, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(values.len().saturating_mul(T::WIDTH));
        for value in values {
            value
                .put(&mut bytes)
                .ok_or_else(|| S::Error::custom("a value does not fit its column"))?;
        }
        serializer.serialize_bytes(&bytes)
    }

    pub(in super::super) fn deserialize<'de, T: Fixed, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_bytes(ColumnVisitor(PhantomData))
    }
}

struct ColumnVisitor<T>(PhantomData<T>);

impl<T: Fixed> Visitor<'_> for ColumnVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "records of {} bytes", T::WIDTH)
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
        if !bytes.len().is_multiple_of(T::WIDTH) {
            return Err(E::custom("a column is not a whole number of records"));
        }
        // Sized at once: collecting into `Option<Vec<_>>` would grow the
        // vector by doubling, copying a million-item column several times.
        let mut values = Vec::with_capacity(bytes.len() / T::WIDTH);
        for record in bytes.chunks_exact(T::WIDTH) {
            values.push(T::take(record).ok_or_else(|| E::custom("a record of a column reads as no value"))?);
        }
        Ok(values)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Columns {
        #[serde(with = "column")]
        hashes: Vec<(u64, u32)>,
        #[serde(with = "column")]
        dates: Vec<Option<u32>>,
        #[serde(with = "column")]
        backlinks: Vec<Backlink>,
        #[serde(with = "column")]
        origins: Vec<StoredOrigin>,
        after: u8,
    }

    fn sample() -> Columns {
        Columns {
            hashes: vec![(u64::MAX, 7), (1, u32::MAX - 1)],
            dates: vec![None, Some(0), Some(0x07DA_0C1F)],
            backlinks: Relation::ALL
                .iter()
                .enumerate()
                .map(|(n, &rel)| Backlink {
                    from: n,
                    rel,
                    link: n * 3,
                })
                .collect(),
            origins: vec![
                StoredOrigin {
                    file: 0,
                    embedded: true,
                    replaced: None,
                },
                StoredOrigin {
                    file: 3,
                    embedded: false,
                    replaced: Some((0, true)),
                },
            ],
            after: 42,
        }
    }

    #[test]
    fn columns_read_back_as_written() {
        let bytes = postcard::to_stdvec(&sample()).expect("encodes");
        assert_eq!(postcard::from_bytes::<Columns>(&bytes).ok(), Some(sample()));
    }

    #[test]
    fn a_value_that_does_not_fit_is_not_written() {
        let mut columns = sample();
        columns.dates.push(Some(NONE_U32));
        assert!(postcard::to_stdvec(&columns).is_err(), "would read back as no date");
        let mut columns = sample();
        columns.backlinks[0].from = u32::MAX as usize + 1;
        assert!(postcard::to_stdvec(&columns).is_err());
        let mut columns = sample();
        columns.origins[1].replaced = Some((NONE_U32, true));
        assert!(
            postcard::to_stdvec(&columns).is_err(),
            "would read back as not replaced"
        );
    }

    #[test]
    fn an_unknown_relation_or_a_broken_record_is_an_error() {
        let one = Columns {
            hashes: Vec::new(),
            dates: Vec::new(),
            backlinks: sample().backlinks[..1].to_vec(),
            origins: Vec::new(),
            after: 42,
        };
        let bytes = postcard::to_stdvec(&one).expect("encodes");
        // Two empty columns, the backlinks' length, the first `from`.
        let rel_at = 3 + 4;
        assert_eq!(bytes[rel_at], 0, "the first relation");
        let mut unknown = bytes.clone();
        unknown[rel_at] = u8::try_from(Relation::ALL.len()).expect("few relations");
        assert!(postcard::from_bytes::<Columns>(&unknown).is_err());
        let mut short = bytes.clone();
        short[2] -= 1;
        assert!(postcard::from_bytes::<Columns>(&short).is_err(), "8 bytes of backlinks");
        assert_eq!(postcard::from_bytes::<Columns>(&bytes).ok(), Some(one));
    }

    #[test]
    fn an_origin_flag_other_than_0_or_1_is_an_error() {
        let bytes = postcard::to_stdvec(&sample()).expect("encodes");
        let origin = Columns {
            origins: vec![sample().origins[0].clone()],
            ..sample()
        };
        let one = postcard::to_stdvec(&origin).expect("encodes");
        // The last origin's record ends just before `after`.
        let embedded_at = one.len() - 1 - StoredOrigin::WIDTH + 4;
        assert_eq!(one[embedded_at], 1, "embedded");
        let mut flag = one.clone();
        flag[embedded_at] = 2;
        assert!(postcard::from_bytes::<Columns>(&flag).is_err());
        assert!(postcard::from_bytes::<Columns>(&bytes).is_ok());
    }
}
