//! "How is X connected to Y?": the steps from the mark to the current item.

use super::Transition;
use crate::app::{Action, App};
use crate::data::ItemIdx;
use crate::graph::Step;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathView {
    pub from: ItemIdx,
    pub to: ItemIdx,
    /// `None` when no path exists.
    pub steps: Option<Vec<Step>>,
    /// Selected row: 0 is `from`, n is the n-th step.
    pub selected: usize,
}

impl PathView {
    /// Items along the path, `from` first.
    pub fn items(&self) -> Vec<ItemIdx> {
        let mut items = vec![self.from];
        items.extend(self.steps.iter().flatten().map(|s| s.to));
        items
    }
}

impl App<'_> {
    pub(super) fn update_path(&mut self, path: &mut PathView, action: Action) -> Transition {
        match action {
            Action::Move(motion) => {
                path.selected = motion.apply(path.selected, path.items().len(), self.page());
                Transition::Stay
            }
            Action::Open => match path.items().get(path.selected) {
                Some(&item) => Transition::Accept(item),
                None => Transition::Close,
            },
            Action::ShowPath | Action::CloseOverlay => Transition::Close,
            _ => Transition::Stay,
        }
    }
}
