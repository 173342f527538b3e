//! "Cite as…": the item's citation in every style, one picked and copied.
//! `y` copies the configured style at once; this is for the other styles
//! without editing the config file, each shown in full before it is copied.

use super::{Overlay, Transition};
use crate::app::motion::Motion;
use crate::app::{Action, App};
use crate::cite::Style;
use crate::data::ItemIdx;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteChoice {
    pub item: ItemIdx,
    /// The row of [`Style::ALL`] under the cursor.
    pub selected: usize,
    /// The first line of the citation shown: a record taller than the
    /// popup (CSL-JSON on a small terminal) is read by scrolling.
    pub scroll: usize,
}

impl CiteChoice {
    /// The style under the cursor.
    pub fn style(&self) -> Style {
        Style::ALL[self.selected.min(Style::ALL.len() - 1)]
    }
}

impl App<'_> {
    /// Opens the chooser on the selected item, the configured style first
    /// under the cursor.
    pub(crate) fn start_cite(&mut self) {
        let Some(item) = self.selected_item() else {
            self.status = Some("no item to cite".into());
            return;
        };
        let selected = Style::ALL
            .iter()
            .position(|&style| style == self.citation_style)
            .unwrap_or(0);
        self.overlays.push(Overlay::Cite(CiteChoice {
            item,
            selected,
            scroll: 0,
        }));
    }

    pub(super) fn update_cite(&mut self, choice: &mut CiteChoice, action: Action) -> Transition {
        match action {
            // A page moves the citation by what its preview shows.
            Action::Move(Motion::Page(dir)) => {
                let (rows, page) = crate::ui::cite::scroll_range_and_page(self, choice);
                choice.scroll = Motion::Page(dir).apply(choice.scroll, rows, page);
                Transition::Stay
            }
            Action::Move(motion) => {
                let selected = motion.apply(choice.selected, Style::ALL.len(), self.page());
                if selected != choice.selected {
                    *choice = CiteChoice {
                        selected,
                        scroll: 0,
                        ..*choice
                    };
                }
                Transition::Stay
            }
            // `y` and Enter are both `Open` here (keymap: the Cite context).
            Action::Open => {
                self.copy_citation(choice.item, choice.style());
                Transition::Close
            }
            Action::CloseOverlay => Transition::Close,
            _ => Transition::Stay,
        }
    }
}
