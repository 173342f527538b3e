//! Where each item of a dataset came from: one entry per file (its name,
//! whether it is embedded) and per item two small indexes into them, not
//! a copy of the file's name for each of a hundred thousand items.

/// Where one item came from, as readers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin<'a> {
    pub file: &'a str,
    pub embedded: bool,
    /// Where the item with the same id that this one took the place of came from.
    pub replaced: Option<Replaced<'a>>,
}

impl<'a> Origin<'a> {
    /// How an item of the user's files stands to the data loaded before
    /// it, in the words the detail pane and `show` use: a phrase, and the
    /// user's file of the item it replaced, which follows the phrase.
    pub fn standing(&self) -> (&'static str, Option<&'a str>) {
        match self.replaced {
            Some(replaced) if replaced.embedded => ("replaces the embedded item", None),
            Some(replaced) => ("replaces the item from", Some(replaced.file)),
            None => ("your overlay", None),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced<'a> {
    pub file: &'a str,
    pub embedded: bool,
}

/// One file items came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileOrigin {
    name: Box<str>,
    embedded: bool,
}

/// An item's file, and the file of the item it replaced, as indexes into
/// [`Origins::files`] (`NOT_REPLACED` for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ItemOrigin {
    file: u32,
    replaced: u32,
}

const NOT_REPLACED: u32 = u32::MAX;

/// Every item's origin, in item order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    files: Vec<FileOrigin>,
    items: Vec<ItemOrigin>,
}

impl Origins {
    pub fn with_capacity(items: usize) -> Origins {
        Origins {
            files: Vec::new(),
            items: Vec::with_capacity(items),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The origin of the item at `idx`.
    pub fn get(&self, idx: usize) -> Origin<'_> {
        let item = self.items[idx];
        let file = &self.files[item.file as usize];
        Origin {
            file: &file.name,
            embedded: file.embedded,
            replaced: (item.replaced != NOT_REPLACED).then(|| {
                let replaced = &self.files[item.replaced as usize];
                Replaced {
                    file: &replaced.name,
                    embedded: replaced.embedded,
                }
            }),
        }
    }

    /// Adds the next item's origin.
    pub fn push(&mut self, origin: Origin<'_>) {
        let file = self.file_index(origin.file, origin.embedded);
        let replaced = origin
            .replaced
            .map_or(NOT_REPLACED, |r| self.file_index(r.file, r.embedded));
        self.items.push(ItemOrigin { file, replaced });
    }

    /// Adds the next item's origin, the same as the last one's; `false`
    /// (nothing added) when there is no last one. Items come file after
    /// file: a million opened from the dataset cache are mostly this.
    pub fn push_last_again(&mut self) -> bool {
        let Some(&last) = self.items.last() else {
            return false;
        };
        self.items.push(last);
        true
    }

    /// Sets the origin of the item at `idx`.
    pub fn set(&mut self, idx: usize, origin: Origin<'_>) {
        let file = self.file_index(origin.file, origin.embedded);
        let replaced = origin
            .replaced
            .map_or(NOT_REPLACED, |r| self.file_index(r.file, r.embedded));
        self.items[idx] = ItemOrigin { file, replaced };
    }

    /// The item at `idx` now comes from the file `name`, in place of the
    /// item it came with (a later file replaced it).
    pub fn replace(&mut self, idx: usize, name: &str, embedded: bool) {
        let file = self.file_index(name, embedded);
        let item = &mut self.items[idx];
        *item = ItemOrigin {
            file,
            replaced: item.file,
        };
    }

    /// The index of the file named `name`, added if new. Items come file
    /// after file, so the last file is tried first; there are few files.
    fn file_index(&mut self, name: &str, embedded: bool) -> u32 {
        let same = |f: &FileOrigin| *f.name == *name && f.embedded == embedded;
        if let Some(at) = self.files.iter().rposition(same) {
            return at as u32;
        }
        self.files.push(FileOrigin {
            name: name.into(),
            embedded,
        });
        u32::try_from(self.files.len() - 1).expect("fewer than 4 billion files")
    }
}

impl<'a> FromIterator<Origin<'a>> for Origins {
    fn from_iter<I: IntoIterator<Item = Origin<'a>>>(origins: I) -> Origins {
        let mut all = Origins::default();
        origins.into_iter().for_each(|origin| all.push(origin));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_is_held_once_and_every_origin_reads_back() {
        let embedded = Origin {
            file: "data/ga.ron",
            embedded: true,
            replaced: None,
        };
        let mine = Origin {
            file: "mine.ron",
            embedded: false,
            replaced: None,
        };
        let replacing = Origin {
            replaced: Some(Replaced {
                file: "data/ga.ron",
                embedded: true,
            }),
            ..mine
        };
        // A user file may have an embedded file's name: still another file.
        let same_name = Origin {
            embedded: false,
            ..embedded
        };
        let all = [embedded, embedded, mine, replacing, same_name];
        let origins: Origins = all.into_iter().collect();
        assert_eq!(origins.files.len(), 3);
        let read: Vec<Origin> = (0..origins.len()).map(|idx| origins.get(idx)).collect();
        assert_eq!(read, all);
    }

    #[test]
    fn the_last_origin_is_pushed_again_only_if_there_is_one() {
        let mut origins = Origins::default();
        assert!(!origins.push_last_again());
        assert!(origins.is_empty());
        let mine = Origin {
            file: "mine.ron",
            embedded: false,
            replaced: None,
        };
        origins.push(mine);
        assert!(origins.push_last_again());
        assert_eq!([origins.get(0), origins.get(1)], [mine, mine]);
        assert_eq!(origins.files.len(), 1);
    }
}
