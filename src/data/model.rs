//! Serde types for the dataset. These are exactly what a RON data file holds.
//! Strings are [`Text`] (one item's own) or [`Shared`] (the same for many
//! items: category, body, tags), lists boxed slices: a loaded item holds
//! no spare room (see [`super::text`]).

use serde::{Deserialize, Serialize};

use super::relation::Relation;
use super::text::{Shared, Text};

/// One document, Action Line, body or event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable slug, never reused (e.g. `ecosoc-2006-46`).
    pub id: Text,
    /// One of the ids in [`super::category::CATEGORIES`].
    pub category: Shared,
    /// Official symbol where one exists (e.g. `E/RES/2006/46`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<Text>,
    /// Exact title, as the source gives it.
    pub title: Text,
    /// A few words for the item list, when the title is long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<Text>,
    /// Other names people use for the item ("C3", "ITU"), accepted wherever
    /// an id is; no two items may share one.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub aliases: Box<[Text]>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, at the precision the source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
    /// Last day of an event that spans several days, in the same format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Text>,
    /// The paragraphs of its document a paragraph item is (`"105"`,
    /// `"69-71"`): it is cited as that document (its `PartOf` link) with
    /// this locator, never by its own title, which is ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraphs: Option<Text>,
    /// The title is our description of a part of its document (a decision
    /// of a resolution, a list it sets out) at no known paragraph, not a
    /// heading the document gives: the part is cited as that document
    /// (its `PartOf` link), never by this title. A paragraph item's title
    /// is always ours (`paragraphs`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_is_ours: bool,
    /// The adopting or issuing body, or the host of an event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Shared>,
    /// Our own words.
    #[serde(default)]
    pub summary: Text,
    /// Key decisions or facts, with paragraph numbers only where confirmed.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub points: Box<[Text]>,
    /// The official https link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// Pages that confirm the facts of this item.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub sources: Box<[Text]>,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub tags: Box<[Shared]>,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub links: Box<[Link]>,
    /// Facts that matter but that no source confirms: shown apart, labelled.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub unconfirmed: Box<[Text]>,
}

/// A typed edge from the item that holds it to another item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub rel: Relation,
    pub to: Text,
    /// A precision such as "para 105".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// Serde's test for leaving a flag out when it is not set.
fn is_false(flag: &bool) -> bool {
    !flag
}

/// Shown where an item's title is unknown (an empty `title` in the data).
pub const TITLE_NOT_CONFIRMED: &str = "(title not confirmed)";

/// Shown as the date of an undated item (the detail pane, `wsis show`):
/// said, not left out, so a reader of a list by date knows why it is last.
pub const DATE_NOT_KNOWN: &str = "not known";

impl Item {
    /// The label for lists: the short title, else the title, else a
    /// notice that no source gave a title (an empty `title` in the data).
    pub fn label(&self) -> &str {
        match self.short_title.as_deref() {
            Some(short) => short,
            None if self.title_known() => &self.title,
            None => TITLE_NOT_CONFIRMED,
        }
    }

    /// What heads the item above its title: its symbol, or, for an item
    /// with neither symbol nor known title, its short title (else nothing
    /// would name it).
    pub fn heading_name(&self) -> Option<&str> {
        match (&self.symbol, &self.short_title) {
            (Some(symbol), _) => Some(symbol),
            (None, Some(short)) if !self.title_known() => Some(short),
            _ => None,
        }
    }

    /// False when no source gave the title: the data leaves `title` empty
    /// rather than inventing one.
    pub fn title_known(&self) -> bool {
        !self.title.trim().is_empty()
    }

    /// Symbol if any, else the short label: how the item is named in trails.
    pub fn display_name(&self) -> &str {
        self.symbol.as_deref().unwrap_or_else(|| self.label())
    }

    /// Symbol if any, else the id: how a user types the item's name.
    pub fn handle(&self) -> &str {
        self.symbol.as_deref().unwrap_or(&self.id)
    }
}
