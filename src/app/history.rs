//! Back and forward, with a web browser's rules: following a link is a
//! step; visiting a new place after going back drops the forward history;
//! re-opening the item you are on is no step at all. Moving the list
//! cursor is not a step either, and rewrites nothing: the place the cursor
//! reached becomes a step of its own only when the user leaves it, by a
//! visit, Back, or moving the category pane's cursor to another list.
//! Items the category pane's cursor only passes over on its way (each
//! list's first) are no steps: only the item read before the run counts.

use super::{Pane, Row};
use crate::data::ItemIdx;

/// Where the user was: enough to put them back exactly there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub row: Row,
    /// The item shown (by identity, so a re-sorted list still finds it).
    pub item: Option<ItemIdx>,
    pub focus: Pane,
    pub link_row: Option<usize>,
    pub detail_scroll: u16,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct History {
    back: Vec<Location>,
    /// The step the user is on, as they arrived (or last left) it.
    current: Option<Location>,
    forward: Vec<Location>,
    /// The item the category pane's cursor put on screen and nothing has
    /// read since: leaving its list again makes no step of it.
    passing: Option<ItemIdx>,
}

/// Enough for any session; the oldest steps go first.
const CAPACITY: usize = 500;

impl History {
    /// Leaving `live` (where the user is now) for `to`.
    pub fn visit(&mut self, live: Location, to: Location) {
        self.passing = None;
        self.settle(live);
        if let Some(current) = self.current.replace(to) {
            self.push_back(current);
        }
        self.forward.clear();
    }

    /// The place to go back to, given where the user is now.
    pub fn back(&mut self, live: Location) -> Option<Location> {
        self.passing = None;
        self.settle(live);
        let to = self.back.pop()?;
        if let Some(current) = self.current.replace(to) {
            self.forward.push(current);
        }
        Some(to)
    }

    pub fn forward(&mut self, live: Location) -> Option<Location> {
        self.passing = None;
        self.settle(live);
        let to = self.forward.pop()?;
        if let Some(current) = self.current.replace(to) {
            self.push_back(current);
        }
        Some(to)
    }

    /// Takes in where the user is now: the same item as the current step
    /// updates it (scroll, focus, selected link); another item, reached by
    /// moving the cursor, becomes a step after it.
    fn settle(&mut self, live: Location) {
        match self.current {
            Some(current) if current.item == live.item => self.current = Some(live),
            Some(current) => {
                self.push_back(current);
                self.current = Some(live);
                self.forward.clear();
            }
            None => self.current = Some(live),
        }
    }

    fn push_back(&mut self, location: Location) {
        if self.back.last() != Some(&location) {
            self.back.push(location);
            if self.back.len() > CAPACITY {
                self.back.remove(0);
            }
        }
    }

    /// Takes in where the user is before the cursor leaves the current
    /// step's item: its scroll, focus and selected link, for Back; with no
    /// step yet (the item the browser opened on), it becomes the first.
    /// Where the cursor already left the step, nothing changes (that place
    /// becomes a step only when the user leaves it by a visit or Back).
    pub fn keep(&mut self, live: Location) {
        match self.current {
            Some(current) if current.item != live.item => {}
            _ => self.current = Some(live),
        }
    }

    /// The category pane's cursor leaves `live` (the list the user is in)
    /// for another list, which shows `reached` first. The place left
    /// becomes a step, as leaving by a visit makes it, unless the cursor
    /// only passed over it on its way from another list: a run of moves
    /// through the categories adds one step, the item read before it.
    pub fn leave_list(&mut self, live: Location, reached: Option<ItemIdx>) {
        let passed_over = self.passing.is_some() && self.passing == live.item;
        if !passed_over {
            self.settle(live);
        }
        self.passing = reached;
    }

    /// The user does something with what shows (moves in the list or the
    /// text, opens a prompt): the item on screen is read, no longer passed.
    pub fn read(&mut self) {
        self.passing = None;
    }

    /// The steps back (oldest first), the current one, and the steps
    /// forward (the next one last): what a reload carries over.
    pub(super) fn parts(&self) -> (&[Location], Option<&Location>, &[Location]) {
        (&self.back, self.current.as_ref(), &self.forward)
    }

    /// A history of these steps, as [`History::parts`] gives them.
    pub(super) fn from_parts(back: Vec<Location>, current: Option<Location>, forward: Vec<Location>) -> History {
        History {
            back,
            current,
            forward,
            passing: None,
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    /// The steps so far, oldest first, ending with the current one (for
    /// breadcrumbs). The item on screen follows it when the cursor moved.
    pub fn trail(&self) -> impl Iterator<Item = &Location> {
        self.back.iter().chain(self.current.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(item: usize) -> Location {
        Location {
            row: Row::Category(0),
            item: Some(item),
            focus: Pane::Items,
            link_row: None,
            detail_scroll: 0,
        }
    }

    #[test]
    fn back_and_forward_retrace_steps() {
        let mut history = History::default();
        history.visit(at(1), at(2));
        history.visit(at(2), at(3));
        assert_eq!(history.back(at(3)), Some(at(2)));
        assert_eq!(history.back(at(2)), Some(at(1)));
        assert_eq!(history.back(at(1)), None);
        assert_eq!(history.forward(at(1)), Some(at(2)));
        assert_eq!(history.forward(at(2)), Some(at(3)));
        assert_eq!(history.forward(at(3)), None);
    }

    #[test]
    fn visiting_after_going_back_drops_forward() {
        let mut history = History::default();
        history.visit(at(1), at(2));
        history.visit(at(2), at(3));
        assert_eq!(history.back(at(3)), Some(at(2)));
        assert!(history.can_go_forward());
        history.visit(at(2), at(4));
        assert!(!history.can_go_forward());
        assert_eq!(history.forward(at(4)), None);
    }

    #[test]
    fn a_cursor_move_keeps_the_step_and_adds_the_new_place_when_left() {
        let mut history = History::default();
        history.visit(at(1), at(2));
        // The cursor moved from 2 to 5; then a link is followed to 6.
        history.visit(at(5), at(6));
        let trail: Vec<Option<usize>> = history.trail().map(|l| l.item).collect();
        assert_eq!(trail, [Some(1), Some(2), Some(5), Some(6)]);
        assert_eq!(history.back(at(6)), Some(at(5)));
        assert_eq!(history.back(at(5)), Some(at(2)));
    }

    #[test]
    fn keeping_updates_only_the_step_the_user_is_on() {
        let mut history = History::default();
        history.visit(at(1), at(2));
        let scrolled = Location {
            detail_scroll: 7,
            ..at(2)
        };
        history.keep(scrolled);
        // The cursor moved on to 3 and 4: 3 is no step and rewrites none.
        history.keep(at(3));
        assert_eq!(history.back(at(4)), Some(scrolled));
        assert_eq!(history.back(scrolled), Some(at(1)));
        // Before any step, the place kept is the first.
        let mut history = History::default();
        history.keep(at(1));
        assert_eq!(history.back(at(3)), Some(at(1)));
    }

    #[test]
    fn leaving_a_list_makes_the_item_left_a_step_but_not_those_passed() {
        let mut history = History::default();
        // Opened on 1, the cursor moved to 2, then through the categories
        // (showing 10, 20, 30 first) and Back: to 2, then Forward to 30.
        history.keep(at(1));
        history.leave_list(at(2), Some(10));
        history.leave_list(at(10), Some(20));
        history.leave_list(at(20), Some(30));
        assert_eq!(history.back(at(30)), Some(at(2)));
        assert_eq!(history.back(at(2)), Some(at(1)));
        assert_eq!(history.forward(at(1)), Some(at(2)));
        assert_eq!(history.forward(at(2)), Some(at(30)));
        // An item shown by the category cursor and then read counts.
        let mut history = History::default();
        history.leave_list(at(1), Some(10));
        history.read();
        history.leave_list(at(10), Some(20));
        assert_eq!(history.back(at(20)), Some(at(10)));
        assert_eq!(history.back(at(10)), Some(at(1)));
    }

    #[test]
    fn leaving_updates_the_current_step_with_its_scroll() {
        let mut history = History::default();
        history.visit(at(1), at(2));
        let scrolled = Location {
            detail_scroll: 7,
            ..at(2)
        };
        history.visit(scrolled, at(3));
        assert_eq!(history.back(at(3)), Some(scrolled));
    }
}
