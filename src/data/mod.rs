//! The domain core: the data model, loading, validation and the index.
//! Nothing here knows about terminals.

pub mod aliases;
mod backlinks;
mod build;
pub mod candidates;
pub mod category;
pub mod dataset;
pub mod date;
mod fixed_columns;
mod id_table;
pub mod item_index;
pub mod list_rows;
pub mod load;
pub mod locate;
pub mod model;
pub mod name_table;
mod open_stored;
pub mod origins;
pub mod overlay;
pub mod parse_all;
pub mod partial;
pub mod pieces;
pub mod position;
pub mod preview;
pub mod progress;
pub mod relation;
mod reread;
pub mod snapshot;
pub mod sort;
pub mod stored_items;
pub mod streamed;
pub mod text;
pub mod trace;
pub mod web_url;

pub use aliases::Resolved;
pub use category::{CATEGORIES, Category};
pub use dataset::{Backlink, Dataset, ItemIdx};
pub use date::PartialDate;
pub use load::{Problem, SourceFile};
pub use model::{DATE_NOT_KNOWN, Item, Link, TITLE_NOT_CONFIRMED};
pub use origins::{Origin, Replaced};
pub use relation::Relation;
pub use sort::SortOrder;
pub use text::{Shared, Text};
