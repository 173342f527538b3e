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
    /// Each year heading's year and first row, in order.
    pub year_starts: Vec<(u16, usize)>,
    /// Digits of a year typed so far (four go there).
    pub typed_year: String,
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
        let mut year_starts = Vec::new();
        let mut year = None;
        for (row, &idx) in rows.iter().enumerate() {
            let this_year = data.date(idx).map(|d| d.year);
            if this_year != year {
                year = this_year;
                lines.extend(this_year.map(TimelineLine::Year));
                year_starts.extend(this_year.map(|y| (y, row)));
            }
            line_of_row.push(lines.len());
            lines.push(TimelineLine::Row(row));
        }
        TimelineState {
            rows,
            selected,
            lines,
            line_of_row,
            year_starts,
            typed_year: String::new(),
        }
    }

    /// Which entry of `year_starts` holds `row`.
    fn year_entry(&self, row: usize) -> Option<usize> {
        self.year_starts
            .partition_point(|&(_, first)| first <= row)
            .checked_sub(1)
    }

    /// The first row of the first year at or after `year`, else of the
    /// last year.
    fn first_row_from(&self, year: u16) -> usize {
        let at = self.year_starts.partition_point(|&(y, _)| y < year);
        let entry = at.min(self.year_starts.len().saturating_sub(1));
        self.year_starts.get(entry).map_or(0, |&(_, first)| first)
    }

    /// `}`: the first row of the next year; `{`: the first row of this
    /// year, or of the previous one when already there.
    fn step_year(&mut self, forward: bool) {
        let Some(entry) = self.year_entry(self.selected) else {
            return;
        };
        let start = self.year_starts[entry].1;
        let target = match forward {
            true => self.year_starts.get(entry + 1),
            false if start < self.selected => self.year_starts.get(entry),
            false => entry.checked_sub(1).and_then(|e| self.year_starts.get(e)),
        };
        if let Some(&(_, first)) = target {
            self.selected = first;
        }
    }

    /// A digit of a year: four of them go to that year (or the next one
    /// that has items).
    fn type_year(&mut self, digit: char) -> Option<String> {
        self.typed_year.push(digit);
        if self.typed_year.len() < YEAR_DIGITS {
            return Some(format!("year {}…", self.typed_year));
        }
        let typed = std::mem::take(&mut self.typed_year);
        let year: u16 = typed.parse().ok()?;
        self.selected = self.first_row_from(year);
        match self.year_entry(self.selected).map(|e| self.year_starts[e].0) {
            Some(found) if found != year => Some(format!("nothing dated {year}: {found}")),
            _ => None,
        }
    }
}

/// Digits in a year typed in the timeline.
const YEAR_DIGITS: usize = 4;

impl App<'_> {
    pub(super) fn update_timeline(&mut self, timeline: &mut TimelineState, action: Action) -> Transition {
        // A year is typed in one go: any other key drops its digits.
        if !matches!(action, Action::TimelineYear(_)) {
            timeline.typed_year.clear();
        }
        match action {
            Action::Move(motion) => {
                timeline.selected = motion.apply(timeline.selected, timeline.rows.len(), self.page());
                Transition::Stay
            }
            Action::NextGroup | Action::PrevGroup => {
                timeline.step_year(action == Action::NextGroup);
                Transition::Stay
            }
            Action::TimelineYear(digit) => {
                self.status = timeline.type_year(digit);
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
