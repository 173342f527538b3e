//! Back and forward, with a web browser's rules: visiting a new place after
//! going back drops the forward history.

/// Where the user was: enough to put them back exactly there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub row: super::Row,
    pub item_row: usize,
    pub focus: super::Pane,
    pub link_row: Option<usize>,
    pub detail_scroll: u16,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct History {
    back: Vec<Location>,
    forward: Vec<Location>,
}

/// Enough for any session; the oldest steps go first.
const CAPACITY: usize = 500;

impl History {
    /// Leaving `from` for somewhere new.
    pub fn visit(&mut self, from: Location) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
            if self.back.len() > CAPACITY {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// The place to go back to, given where the user is now.
    pub fn back(&mut self, current: Location) -> Option<Location> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    pub fn forward(&mut self, current: Location) -> Option<Location> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    /// Earlier steps, oldest first (for breadcrumbs).
    pub fn trail(&self) -> &[Location] {
        &self.back
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Pane;

    fn at(item_row: usize) -> Location {
        Location {
            row: crate::app::Row::Category(0),
            item_row,
            focus: Pane::Items,
            link_row: None,
            detail_scroll: 0,
        }
    }

    #[test]
    fn back_and_forward_retrace_steps() {
        let mut history = History::default();
        history.visit(at(1));
        history.visit(at(2));
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
        history.visit(at(1));
        history.visit(at(2));
        assert_eq!(history.back(at(3)), Some(at(2)));
        assert!(history.can_go_forward());
        history.visit(at(2));
        assert!(!history.can_go_forward());
        assert_eq!(history.forward(at(4)), None);
    }
}
