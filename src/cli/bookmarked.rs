//! The items bookmarked in the browser (`m`), for the commands that take
//! `--bookmarks` (`export`, `cite`): the file read, never written.

use super::Failure;
use crate::bookmarks::Bookmarks;
use crate::data::{Dataset, ItemIdx};

/// What a command says when `--bookmarks` finds none.
pub(super) const NONE_BOOKMARKED: &str = "no item is bookmarked (`m` in the browser bookmarks one)";

/// The items bookmarked in the browser that are in `data`, in the order
/// bookmarked (a bookmark of an item since removed from the data names
/// nothing).
pub(super) fn bookmarked(data: &Dataset) -> Result<Vec<ItemIdx>, Failure> {
    let Some(dir) = crate::bookmarks::default_dir() else {
        return Err(Failure::Runtime(
            "cannot find the bookmarks: neither XDG_DATA_HOME nor HOME is set".into(),
        ));
    };
    let ids = Bookmarks::read_only(&dir).map_err(Failure::Runtime)?;
    Ok(ids.iter().filter_map(|id| data.by_id(id)).collect())
}
