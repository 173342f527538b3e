//! The help overlay: every key binding, scrollable.

use super::Transition;
use crate::app::{Action, App};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpState {
    /// First visible line.
    pub scroll: usize,
}

impl App<'_> {
    pub(super) fn update_help(&mut self, help: &mut HelpState, action: Action) -> Transition {
        match action {
            Action::Move(motion) => {
                let lines = crate::ui::help::scroll_range(self);
                // A page is what help shows, not the panes' page: paging
                // by more would skip the lines between.
                let page = crate::ui::help::visible_lines(self);
                help.scroll = motion.apply(help.scroll, lines, page);
                Transition::Stay
            }
            Action::ToggleHelp | Action::CloseOverlay => Transition::Close,
            _ => Transition::Stay,
        }
    }
}
