//! The strings an item holds, sized for a hundred thousand items at once.
//!
//! [`Text`] is a string no other item shares (an id, a title, a summary):
//! its bytes and no spare room, 16 bytes where a `String` takes 24.
//! [`Shared`] is a string many items hold the same (a category, a body, a
//! tag): items parsed one after the other on a thread share one copy, so
//! 250 000 tags of 400 kinds cost 400 strings, not 250 000.
//!
//! Both read as `&str` (through `Deref`), compare with `&str` and `String`,
//! print as the string, and are written and read as plain strings: the
//! data files and the snapshot's bytes are the same as with `String`.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string of one item: its bytes, no spare room.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Box<str>);

/// A string many items hold the same, one copy for all of them.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared(Arc<str>);

/// The most strings a thread keeps to share: past that the table starts
/// again (sharing is a saving, never a condition), so a thread that parsed
/// a file of all different bodies holds at most this many afterwards.
const MAX_KEPT: usize = 4096;

thread_local! {
    /// The strings this thread read last, to hand out again.
    static KEPT: RefCell<HashSet<Arc<str>, FxBuildHasher>> = RefCell::new(HashSet::default());
}

impl Shared {
    /// The copy this thread already holds of `text`, else a new one, kept.
    pub fn new(text: &str) -> Shared {
        KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            if let Some(known) = kept.get(text) {
                return Shared(Arc::clone(known));
            }
            if kept.len() >= MAX_KEPT {
                kept.clear();
            }
            let new: Arc<str> = Arc::from(text);
            kept.insert(Arc::clone(&new));
            Shared(new)
        })
    }

    /// True when both are the same copy (for tests of the sharing).
    pub fn same_copy(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What both string types have alike: reading, comparing, printing, and
/// serde as a plain string.
macro_rules! string_like {
    ($name:ident, $from_str:expr) => {
        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&*self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &*self.0 == other.as_str()
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == &*other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == &*other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self.as_str() == &*other.0
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> $name {
                $from_str(text)
            }
        }

        impl From<&String> for $name {
            fn from(text: &String) -> $name {
                $from_str(text)
            }
        }

        impl From<$name> for String {
            fn from(text: $name) -> String {
                text.0.to_string()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                struct Read;
                impl<'a> Visitor<'a> for Read {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$name, E> {
                        Ok($from_str(text))
                    }
                    fn visit_string<E: de::Error>(self, text: String) -> Result<$name, E> {
                        Ok($name::from(text))
                    }
                }
                deserializer.deserialize_str(Read)
            }
        }
    };
}

string_like!(Text, |text: &str| Text(Box::from(text)));
string_like!(Shared, Shared::new);

impl From<String> for Text {
    /// Without a copy, when the string has no spare room.
    fn from(text: String) -> Text {
        Text(text.into_boxed_str())
    }
}

impl From<String> for Shared {
    fn from(text: String) -> Shared {
        Shared::new(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_read_on_one_thread_share_one_copy() {
        let tags: Vec<Shared> = ron::from_str(r#"["hlpf", "media", "hlpf"]"#).unwrap();
        assert!(tags[0].same_copy(&tags[2]));
        assert!(!tags[0].same_copy(&tags[1]));
        assert_eq!(tags[0], "hlpf");
    }

    #[test]
    fn both_read_and_write_as_plain_strings() {
        let text: Text = ron::from_str(r#""a \"quoted\" title""#).unwrap();
        assert_eq!(text, "a \"quoted\" title");
        assert_eq!(ron::to_string(&text).unwrap(), r#""a \"quoted\" title""#);
        assert_eq!(format!("{text} {text:?}"), r#"a "quoted" title "a \"quoted\" title""#);
        let shared = Shared::from("ga");
        assert_eq!(
            postcard::to_stdvec(&shared).unwrap(),
            postcard::to_stdvec("ga").unwrap()
        );
    }

    #[test]
    fn the_table_starts_again_when_full_and_sharing_goes_on() {
        let first = Shared::new("kept-0");
        for n in 1..=MAX_KEPT {
            Shared::new(&format!("kept-{n}"));
        }
        let again = Shared::new("kept-0");
        assert_eq!(first, again);
        assert!(again.same_copy(&Shared::new("kept-0")));
    }
}
