//! Serde types for the dataset. These are exactly what a RON data file holds.

use serde::{Deserialize, Serialize};

use super::relation::Relation;

/// One document, Action Line, body or event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable slug, never reused (e.g. `ecosoc-2006-46`).
    pub id: String,
    /// One of the ids in [`super::category::CATEGORIES`].
    pub category: String,
    /// Official symbol where one exists (e.g. `E/RES/2006/46`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Exact title, as the source gives it.
    pub title: String,
    /// A few words for the item list, when the title is long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// Other names people use for the item ("C3", "ITU"), accepted wherever
    /// an id is; no two items may share one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, at the precision the source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Last day of an event that spans several days, in the same format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The adopting or issuing body, or the host of an event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Our own words.
    #[serde(default)]
    pub summary: String,
    /// Key decisions or facts, with paragraph numbers only where confirmed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<String>,
    /// The official https link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Pages that confirm the facts of this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Facts that matter but that no source confirms: shown apart, labelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
}

/// A typed edge from the item that holds it to another item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub rel: Relation,
    pub to: String,
    /// A precision such as "para 105".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Shown where an item's title is unknown (an empty `title` in the data).
pub const TITLE_NOT_CONFIRMED: &str = "(title not confirmed)";

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

    /// False when no source gave the title: the data leaves `title` empty
    /// rather than inventing one.
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

    pub fn title_known(&self) -> bool {
        !self.title.trim().is_empty()
    }

    /// Symbol if any, else the short label: how the item is named in trails.
    pub fn display_name(&self) -> &str {
        self.symbol.as_deref().unwrap_or_else(|| self.label())
    }

    /// Frees the room the parser left unused: a list grows by doubling
    /// (one tag takes the room of four), and a string with escapes is
    /// built in a growing buffer. At 100 000 items this is about a tenth
    /// of the parsed items' memory.
    pub fn shrink_to_fit(&mut self) {
        for text in [&mut self.id, &mut self.category, &mut self.title, &mut self.summary] {
            text.shrink_to_fit();
        }
        let optional = [
            &mut self.symbol,
            &mut self.short_title,
            &mut self.date,
            &mut self.until,
            &mut self.body,
            &mut self.url,
        ];
        optional.into_iter().flatten().for_each(String::shrink_to_fit);
        for list in [
            &mut self.aliases,
            &mut self.points,
            &mut self.sources,
            &mut self.tags,
            &mut self.unconfirmed,
        ] {
            list.shrink_to_fit();
            list.iter_mut().for_each(String::shrink_to_fit);
        }
        self.links.shrink_to_fit();
        for link in &mut self.links {
            link.to.shrink_to_fit();
            link.note.iter_mut().for_each(String::shrink_to_fit);
        }
    }

    /// Symbol if any, else the id: how a user types the item's name.
    pub fn handle(&self) -> &str {
        self.symbol.as_deref().unwrap_or(&self.id)
    }
}
