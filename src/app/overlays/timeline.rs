//! The timeline: every dated item in date order.

use super::{HelpState, JumpState, Overlay, SearchState, Transition};
use crate::app::{Action, App};
use crate::data::{Dataset, ItemIdx};
use crate::graph;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineState {
    pub rows: Vec<ItemIdx>,
    pub selected: usize,
}

impl TimelineState {
    /// Opens on `current` when it is dated.
    pub fn new(data: &Dataset, current: Option<ItemIdx>) -> TimelineState {
        let rows = graph::timeline(data);
        let selected = current.and_then(|c| rows.iter().position(|&r| r == c)).unwrap_or(0);
        TimelineState { rows, selected }
    }
}

impl App<'_> {
    pub(super) fn update_timeline(&mut self, timeline: &mut TimelineState, action: Action) -> Transition {
        match action {
            Action::Move(motion) => {
                timeline.selected = motion.apply(timeline.selected, timeline.rows.len(), self.page());
                Transition::Stay
            }
            Action::Open => match timeline.rows.get(timeline.selected) {
                Some(&item) => Transition::Accept(item),
                None => Transition::Stay,
            },
            Action::ToggleTimeline | Action::CloseOverlay => Transition::Close,
            Action::StartSearch => Transition::Open(Overlay::Search(SearchState::default())),
            Action::StartJump => Transition::Open(Overlay::Jump(JumpState::default())),
            Action::ToggleHelp => Transition::Open(Overlay::Help(HelpState::default())),
            Action::Back | Action::Forward => Transition::ToMain(action),
            _ => Transition::Stay,
        }
    }
}
