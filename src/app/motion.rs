//! How a key moves a selection or a scroll position: by a number of rows,
//! by a page, or to either end. One helper applies a motion to any list.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Up,
    Down,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Rows up (negative) or down (positive).
    By(isize),
    /// One screenful.
    Page(Dir),
    Top,
    Bottom,
}

impl Motion {
    /// The position `current` moves to in a list of `len` rows whose pages
    /// are `page` rows long; it stops at either end.
    pub fn apply(self, current: usize, len: usize, page: usize) -> usize {
        let Some(last) = len.checked_sub(1) else {
            return 0;
        };
        let current = current.min(last);
        match self {
            Motion::By(delta) => current.saturating_add_signed(delta).min(last),
            Motion::Page(Dir::Up) => current.saturating_sub(page.max(1)),
            Motion::Page(Dir::Down) => current.saturating_add(page.max(1)).min(last),
            Motion::Top => 0,
            Motion::Bottom => last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn motions_stop_at_the_ends() {
        assert_eq!(Motion::By(-3).apply(1, 10, 5), 0);
        assert_eq!(Motion::By(3).apply(8, 10, 5), 9);
        assert_eq!(Motion::Page(Dir::Down).apply(2, 10, 5), 7);
        assert_eq!(Motion::Page(Dir::Down).apply(7, 10, 5), 9);
        assert_eq!(Motion::Page(Dir::Up).apply(7, 10, 5), 2);
        assert_eq!(Motion::Top.apply(7, 10, 5), 0);
        assert_eq!(Motion::Bottom.apply(0, 10, 5), 9);
    }

    #[test]
    fn an_empty_list_stays_at_zero() {
        for motion in [Motion::By(1), Motion::Page(Dir::Down), Motion::Bottom, Motion::Top] {
            assert_eq!(motion.apply(4, 0, 5), 0);
        }
    }

    #[test]
    fn a_position_past_the_end_is_pulled_back() {
        assert_eq!(Motion::By(0).apply(40, 10, 5), 9);
    }
}
