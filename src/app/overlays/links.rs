//! "Links": the item's official link and every source, each in full, one
//! to open in the web browser or copy. The detail pane cuts a long source
//! to its line (`…`); this is where a reader checks one, as `o` and `Y` do
//! for the official link alone.

use super::{Overlay, Transition};
use crate::app::{Action, App, Effect};
use crate::clipboard::is_web_url;
use crate::data::{Dataset, ItemIdx};
use crate::sources::same_page;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksChoice {
    pub item: ItemIdx,
    /// The row of [`links`] under the cursor.
    pub selected: usize,
}

/// What a link of an item is to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Its `url`: what `o` opens, `Y` copies and a citation names.
    Official,
    /// One of its `sources`: where its facts were checked.
    Source,
}

/// An item's links in the order shown: its official link, then its
/// sources as the data lists them, each page once (an official page often
/// confirms the facts, and a source seen at `http://` is often the
/// official `https://` link: one row opens it).
pub fn links(data: &Dataset, item: ItemIdx) -> Vec<(LinkKind, &str)> {
    let item = data.item(item);
    let official = item.url.as_deref().map(|url| (LinkKind::Official, url));
    let sources = item.sources.iter().map(|source| (LinkKind::Source, &**source));
    let mut rows: Vec<(LinkKind, &str)> = Vec::new();
    for (kind, url) in official.into_iter().chain(sources) {
        if !rows.iter().any(|&(_, shown)| same_page(shown, url)) {
            rows.push((kind, url));
        }
    }
    rows
}

impl App<'_> {
    /// Opens the links of the selected item, its official link under the
    /// cursor.
    pub(crate) fn start_links(&mut self) {
        let Some(item) = self.selected_item() else {
            self.status = Some("no item selected".into());
            return;
        };
        if links(self.data, item).is_empty() {
            self.status = Some("this item has no link or source".into());
            return;
        }
        self.overlays.push(Overlay::Links(LinksChoice { item, selected: 0 }));
    }

    /// Opening or copying keeps the list open: a reader checking an item's
    /// sources opens several in turn.
    pub(super) fn update_links(&mut self, choice: &mut LinksChoice, action: Action) -> Transition {
        let rows = links(self.data, choice.item);
        match action {
            Action::Move(motion) => {
                choice.selected = motion.apply(choice.selected, rows.len(), self.page());
                Transition::Stay
            }
            Action::OpenUrl => {
                if let Some(&(_, url)) = rows.get(choice.selected) {
                    self.open_link(url);
                }
                Transition::Stay
            }
            Action::CopyUrl => {
                if let Some(&(kind, url)) = rows.get(choice.selected) {
                    self.effects.push(Effect::Copy {
                        text: url.to_string(),
                        what: kind.noun(),
                        multiline: false,
                    });
                }
                Transition::Stay
            }
            Action::CloseOverlay => Transition::Close,
            _ => Transition::Stay,
        }
    }

    /// Asks the front end to open `url` in the web browser, if it is one
    /// a browser should be given (http or https).
    pub(crate) fn open_link(&mut self, url: &str) {
        if is_web_url(url) {
            self.effects.push(Effect::OpenUrl(url.into()));
        } else {
            self.status = Some("only http and https links are opened".into());
        }
    }
}

impl LinkKind {
    /// What the status line calls a copy of it.
    fn noun(self) -> &'static str {
        match self {
            LinkKind::Official => "link",
            LinkKind::Source => "source",
        }
    }
}
