//! `J` and `K`: the next or previous item of the list, read in the detail
//! pane without going back to the list (less's `:n` / `:p`).
//!
//! A run of steps is a walk down the list, not a series of visits: like
//! moving the list cursor it adds no step to the history, so Back returns
//! to where the reader was before the run (at the scroll they left it at),
//! not through every item passed.

use super::{App, Dir, Pane};

impl App<'_> {
    /// Shows the next (`Dir::Down`) or previous item of the selected list
    /// in the detail pane, at its top, with the keys there. At either end
    /// nothing moves and the status line says so, as for `n` / `N`.
    pub(super) fn step_item(&mut self, dir: Dir) {
        let len = self.items().len();
        if len == 0 {
            self.status = Some(format!("no items in {}", self.row.name()));
            return;
        }
        let row = self.item_row();
        let next = match dir {
            Dir::Down => Some(row + 1).filter(|&next| next < len),
            Dir::Up => row.checked_sub(1),
        };
        let Some(next) = next else {
            let end = if dir == Dir::Down { "last" } else { "first" };
            self.status = Some(format!("that was the {end} item of {}", self.row.name()));
            return;
        };
        // The place the run starts from keeps its scroll and link for Back.
        self.history.keep(self.location());
        self.item_rows[self.row.index()] = next;
        self.focus = Pane::Detail;
        self.reset_detail();
        self.status = Some(format!("item {} of {len} in {} (J / K)", next + 1, self.row.name()));
    }
}
