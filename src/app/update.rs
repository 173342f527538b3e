//! The only place where application state changes.

use super::{Action, App, Location, Pane, Scope, SearchState};
use crate::data::{CATEGORIES, ItemIdx};

impl App<'_> {
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::SearchPoll) {
            self.status = None;
        }
        if self.help.is_some() && self.update_help(action) {
            return;
        }
        if self.search.is_some() && self.update_search(action) {
            return;
        }
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-self.page()),
            Action::PageDown => self.move_selection(self.page()),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::FocusLeft => self.focus = Pane::ALL[self.focus.position().saturating_sub(1)],
            Action::FocusRight => self.focus = Pane::ALL[(self.focus.position() + 1).min(2)],
            Action::FocusNext => self.focus = Pane::ALL[(self.focus.position() + 1) % 3],
            Action::FocusPrev => self.focus = Pane::ALL[(self.focus.position() + 2) % 3],
            Action::Open => self.open(),
            Action::Back => match self.history.back(self.location()) {
                Some(to) => self.restore(to),
                None => self.status = Some("no earlier step".into()),
            },
            Action::Forward => match self.history.forward(self.location()) {
                Some(to) => self.restore(to),
                None => self.status = Some("no later step".into()),
            },
            Action::StartSearch => self.search = Some(SearchState::default()),
            Action::ToggleHelp => self.help = Some(0),
            Action::Quit => self.should_quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            // Esc in the main view closes nothing and never quits.
            Action::CloseOverlay => {}
            Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchClear
            | Action::SearchUp
            | Action::SearchDown
            | Action::SearchAccept
            | Action::SearchCancel
            | Action::SearchToggleScope
            | Action::SearchPoll => {}
        }
    }

    /// Handles an action while help is open; false lets it fall through.
    fn update_help(&mut self, action: Action) -> bool {
        let scroll = self.help.unwrap_or(0);
        let page = self.page() as u16;
        self.help = match action {
            Action::Up => Some(scroll.saturating_sub(1)),
            Action::Down => Some(scroll.saturating_add(1)),
            Action::PageUp => Some(scroll.saturating_sub(page)),
            Action::PageDown => Some(scroll.saturating_add(page)),
            Action::Top => Some(0),
            Action::Bottom => Some(u16::MAX / 2),
            Action::ToggleHelp | Action::CloseOverlay => None,
            Action::Quit | Action::Resize(..) => return false,
            _ => Some(scroll),
        };
        true
    }

    /// Handles an action while search is open; false lets it fall through.
    fn update_search(&mut self, action: Action) -> bool {
        let Some(search) = self.search.as_mut() else {
            return false;
        };
        match action {
            Action::SearchInput(c) => {
                search.query.push(c);
                self.refresh_hits();
            }
            Action::SearchBackspace => {
                search.query.pop();
                self.refresh_hits();
            }
            Action::SearchClear => {
                search.query.clear();
                self.refresh_hits();
            }
            Action::SearchUp => search.selected = search.selected.saturating_sub(1),
            Action::SearchDown => search.selected = (search.selected + 1).min(search.hits.len().saturating_sub(1)),
            Action::SearchAccept => match self.search_selection() {
                Some(item) => {
                    self.search = None;
                    self.go_to(item);
                }
                None => self.status = Some("no match".into()),
            },
            Action::SearchCancel => self.search = None,
            Action::SearchToggleScope => {
                search.scope = match search.scope {
                    Scope::All => Scope::Category(self.category),
                    Scope::Category(_) => Scope::All,
                };
                self.refresh_hits();
            }
            Action::SearchPoll => self.poll_hits(),
            Action::Quit | Action::Resize(..) | Action::ToggleHelp => return false,
            _ => {}
        }
        true
    }

    fn refresh_hits(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let scope = match search.scope {
            Scope::All => None,
            Scope::Category(cat) => Some(self.data.category_items(cat)),
        };
        match &self.search_worker {
            // Old hits stay on screen until the new ones arrive.
            Some(worker) if !search.query.trim().is_empty() => {
                search.generation += 1;
                search.pending = true;
                worker.submit(search.generation, &search.query, scope);
            }
            _ => {
                search.generation += 1;
                search.pending = false;
                search.hits = self.index.search(&search.query, scope);
                search.selected = 0;
            }
        }
    }

    fn poll_hits(&mut self) {
        let (Some(search), Some(worker)) = (self.search.as_mut(), &self.search_worker) else {
            return;
        };
        if let Some(outcome) = worker.try_recv().filter(|o| o.generation == search.generation) {
            search.hits = outcome.hits;
            search.selected = 0;
            search.pending = false;
        }
    }

    fn page(&self) -> isize {
        self.size.1.saturating_sub(6).max(1) as isize
    }

    fn move_selection(&mut self, delta: isize) {
        match self.focus {
            Pane::Categories => {
                self.category = step(self.category, delta, CATEGORIES.len());
                self.reset_detail();
            }
            Pane::Items => {
                let len = self.items().len();
                let row = step(self.item_row(), delta, len);
                self.item_rows[self.category] = row;
                self.reset_detail();
            }
            Pane::Detail => self.move_in_detail(delta),
        }
    }

    /// Small steps walk the related items (up past the first one returns to
    /// the top of the text); pages scroll the text and leave the links.
    fn move_in_detail(&mut self, delta: isize) {
        let related = self.related().len();
        let paging = delta.abs() > 1 && delta.abs() < isize::MAX / 4;
        if paging || related == 0 {
            self.link_row = None;
            let scroll = (self.detail_scroll as isize)
                .saturating_add(delta)
                .clamp(0, u16::MAX as isize / 2);
            self.detail_scroll = scroll as u16;
            return;
        }
        self.link_row = match (self.link_row, delta) {
            (_, d) if d <= -(isize::MAX / 4) => {
                self.detail_scroll = 0;
                None
            }
            (None, d) if d > 0 => Some(step(0, d - 1, related)),
            (None, _) => None,
            (Some(0), d) if d < 0 => None,
            (Some(row), d) => Some(step(row, d, related)),
        };
    }

    fn reset_detail(&mut self) {
        self.link_row = None;
        self.detail_scroll = 0;
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Categories => self.focus = Pane::Items,
            Pane::Items => {
                if self.selected_item().is_some() {
                    self.focus = Pane::Detail;
                }
            }
            Pane::Detail => match self.link_row {
                Some(row) => {
                    if let Some(related) = self.related().get(row) {
                        self.go_to(related.target);
                    }
                }
                // The first Enter shows which link a second one would follow.
                None if !self.related().is_empty() => self.link_row = Some(0),
                None => {}
            },
        }
    }

    /// Visits an item: the current place goes on the history.
    pub fn go_to(&mut self, item: ItemIdx) {
        self.history.visit(self.location());
        let category = self.data.category_of(item);
        self.category = category;
        self.item_rows[category] = self
            .data
            .category_items(category)
            .iter()
            .position(|&i| i == item)
            .unwrap_or(0);
        self.focus = Pane::Detail;
        self.reset_detail();
    }

    fn restore(&mut self, to: Location) {
        self.category = to.category.min(CATEGORIES.len() - 1);
        let len = self.items().len();
        self.item_rows[self.category] = to.item_row.min(len.saturating_sub(1));
        self.focus = to.focus;
        let related = self.related().len();
        self.link_row = to.link_row.filter(|&row| row < related);
        self.detail_scroll = to.detail_scroll;
    }
}

/// Moves `current` by `delta` inside `0..len`, stopping at the ends.
fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
}
