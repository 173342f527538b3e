//! The timeline: every dated item in date order.

use super::{HelpState, JumpState, Overlay, SearchState, Transition};
use crate::app::{Action, App};
use crate::data::{Dataset, ItemIdx};
use crate::graph;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineState {
    /// Every dated item, in date order.
    pub rows: Vec<ItemIdx>,
    pub selected: usize,
    /// The lines as drawn: a heading for each year, then its items. Built
    /// once, so a frame formats only the lines it shows.
    pub lines: Vec<TimelineLine>,
    /// The line of each row.
    pub line_of_row: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineLine {
    Year(u16),
    /// A row, by index into `rows`.
    Row(usize),
}

impl TimelineState {
    /// Opens on `current` when it is dated.
    pub fn new(data: &Dataset, current: Option<ItemIdx>) -> TimelineState {
        let rows = graph::timeline(data);
        let selected = current.and_then(|c| rows.iter().position(|&r| r == c)).unwrap_or(0);
        let mut lines = Vec::with_capacity(rows.len());
        let mut line_of_row = Vec::with_capacity(rows.len());
        let mut year = None;
        for (row, &idx) in rows.iter().enumerate() {
            let this_year = data.date(idx).map(|d| d.year);
            if this_year != year {
                year = this_year;
                lines.extend(this_year.map(TimelineLine::Year));
            }
            line_of_row.push(lines.len());
            lines.push(TimelineLine::Row(row));
        }
        TimelineState {
            rows,
            selected,
            lines,
            line_of_row,
        }
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
