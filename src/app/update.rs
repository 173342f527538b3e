//! The only place where application state changes.

use super::{
    Action, App, BOOKMARKS, CATEGORY_ROWS, Effect, JumpState, Location, Pane, PathView, Scope, SearchState,
    TimelineState,
};
use crate::clipboard::is_web_url;
use crate::data::{CATEGORIES, ItemIdx};
use crate::graph;

impl App<'_> {
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::Status(_) | Action::SearchPoll) {
            self.status = None;
        }
        match action {
            Action::Quit => self.should_quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            Action::Status(message) => self.status = Some(message),
            // The topmost overlay takes the action first.
            action if self.help.is_some() => self.update_help(action),
            action if self.jump.is_some() => self.update_jump(action),
            action if self.path.is_some() => self.update_path(action),
            action if self.search.is_some() => self.update_search(action),
            action if self.timeline.is_some() => self.update_timeline(action),
            action => self.update_main(action),
        }
    }

    fn update_main(&mut self, action: Action) {
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
            Action::StartJump => self.jump = Some(JumpState::default()),
            Action::ToggleTimeline => self.timeline = Some(TimelineState::new(self.data, self.selected_item())),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::OpenUrl => self.open_url(),
            Action::CopyCitation => self.copy(true),
            Action::CopyUrl => self.copy(false),
            Action::MarkPathStart => self.mark_path_start(),
            Action::ShowPath => self.show_path(),
            Action::ClickRow(pane, row) => self.click_row(pane, row),
            Action::ClickLink(row) => {
                self.focus = Pane::Detail;
                if let Some(target) = self.related().get(row).map(|r| r.target) {
                    self.link_row = Some(row);
                    self.go_to(target);
                }
            }
            Action::Scroll(pane, delta) => {
                let focus = std::mem::replace(&mut self.focus, pane);
                self.move_selection(delta);
                self.focus = focus;
            }
            _ => {}
        }
    }

    fn update_help(&mut self, action: Action) {
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
            _ => Some(scroll),
        };
    }

    fn update_search(&mut self, action: Action) {
        let Some(search) = self.search.as_mut() else { return };
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
            Action::Paste(text) => {
                search.query.extend(text.chars().filter(|c| !c.is_control()));
                self.refresh_hits();
            }
            Action::SearchUp => search.selected = search.selected.saturating_sub(1),
            Action::SearchDown => search.selected = (search.selected + 1).min(search.hits.len().saturating_sub(1)),
            Action::SearchAccept => match self.search_selection() {
                Some(item) => {
                    self.search = None;
                    self.timeline = None;
                    self.go_to(item);
                }
                None => self.status = Some("no match".into()),
            },
            Action::SearchCancel | Action::CloseOverlay => self.search = None,
            Action::SearchToggleScope => {
                search.scope = match search.scope {
                    Scope::All => Scope::Category(self.category),
                    Scope::Category(_) => Scope::All,
                };
                self.refresh_hits();
            }
            Action::SearchPoll => self.poll_hits(),
            Action::ToggleHelp => self.help = Some(0),
            _ => {}
        }
    }

    fn update_jump(&mut self, action: Action) {
        let Some(jump) = self.jump.as_mut() else { return };
        match action {
            Action::JumpInput(c) => {
                jump.input.push(c);
                jump.refresh(self.data);
            }
            Action::Paste(text) => {
                jump.input.extend(text.chars().filter(|c| !c.is_control()));
                jump.refresh(self.data);
            }
            Action::JumpBackspace => {
                jump.input.pop();
                jump.refresh(self.data);
            }
            Action::Up => jump.selected = jump.selected.saturating_sub(1),
            Action::Down => jump.selected = (jump.selected + 1).min(jump.completions.len().saturating_sub(1)),
            Action::JumpComplete => {
                if let Some(&idx) = jump.completions.get(jump.selected) {
                    jump.input = self.data.item(idx).handle().to_string();
                    jump.refresh(self.data);
                }
            }
            Action::JumpAccept => match jump.target(self.data) {
                Some(item) => {
                    self.jump = None;
                    self.timeline = None;
                    self.go_to(item);
                }
                None => self.status = Some(format!("no item \"{}\"", jump.input)),
            },
            Action::CloseOverlay => self.jump = None,
            _ => {}
        }
    }

    fn update_timeline(&mut self, action: Action) {
        let page = self.page();
        let Some(timeline) = self.timeline.as_mut() else { return };
        let last = timeline.rows.len().saturating_sub(1);
        match action {
            Action::Up => timeline.selected = timeline.selected.saturating_sub(1),
            Action::Down => timeline.selected = (timeline.selected + 1).min(last),
            Action::PageUp => timeline.selected = step(timeline.selected, -page, last + 1),
            Action::PageDown => timeline.selected = step(timeline.selected, page, last + 1),
            Action::Top => timeline.selected = 0,
            Action::Bottom => timeline.selected = last,
            Action::Open => {
                if let Some(&item) = timeline.rows.get(timeline.selected) {
                    self.timeline = None;
                    self.go_to(item);
                }
            }
            Action::ToggleTimeline | Action::CloseOverlay => self.timeline = None,
            Action::StartSearch => self.search = Some(SearchState::default()),
            Action::StartJump => self.jump = Some(JumpState::default()),
            Action::ToggleHelp => self.help = Some(0),
            Action::Back | Action::Forward => {
                self.timeline = None;
                self.update_main(action);
            }
            _ => {}
        }
    }

    fn update_path(&mut self, action: Action) {
        let Some(path) = self.path.as_mut() else { return };
        let last = path.items().len().saturating_sub(1);
        match action {
            Action::Up => path.selected = path.selected.saturating_sub(1),
            Action::Down => path.selected = (path.selected + 1).min(last),
            Action::Open => {
                let item = path.items().get(path.selected).copied();
                self.path = None;
                if let Some(item) = item {
                    self.timeline = None;
                    self.go_to(item);
                }
            }
            Action::ShowPath | Action::CloseOverlay => self.path = None,
            _ => {}
        }
    }

    fn refresh_hits(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        // The bookmarks row is not a category of the data: search everything there.
        let scope = match search.scope {
            Scope::Category(cat) if cat < CATEGORIES.len() => Some(self.data.category_items(cat)),
            _ => None,
        };
        search.generation += 1;
        match &self.search_worker {
            // Old hits stay on screen until the new ones arrive.
            Some(worker) if !search.query.trim().is_empty() => {
                search.pending = true;
                worker.submit(search.generation, &search.query, scope);
            }
            _ => {
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
                self.category = step(self.category, delta, CATEGORY_ROWS);
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

    fn click_row(&mut self, pane: Pane, row: usize) {
        self.focus = pane;
        match pane {
            Pane::Categories if row < CATEGORY_ROWS => {
                self.category = row;
                self.reset_detail();
            }
            Pane::Items if row < self.items().len() => {
                self.item_rows[self.category] = row;
                self.reset_detail();
            }
            _ => {}
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
        self.category = to.category.min(CATEGORY_ROWS - 1);
        let len = self.items().len();
        self.item_rows[self.category] = to.item_row.min(len.saturating_sub(1));
        self.focus = to.focus;
        let related = self.related().len();
        self.link_row = to.link_row.filter(|&row| row < related);
        self.detail_scroll = to.detail_scroll;
    }

    fn toggle_bookmark(&mut self) {
        let Some(idx) = self.selected_item() else { return };
        let item = self.data.item(idx);
        let added = self.bookmarks.toggle(&item.id);
        let label = item.handle().to_string();
        self.refresh_bookmarks();
        if self.category == BOOKMARKS && self.items().is_empty() {
            self.focus = Pane::Items;
        }
        self.effects.push(Effect::SaveBookmarks);
        self.status = Some(if added {
            format!("bookmarked {label}")
        } else {
            format!("removed bookmark {label}")
        });
    }

    fn open_url(&mut self) {
        let url = self.selected_item().and_then(|idx| self.data.item(idx).url.clone());
        match url {
            Some(url) if is_web_url(&url) => self.effects.push(Effect::OpenUrl(url)),
            Some(_) => self.status = Some("only http and https links are opened".into()),
            None => self.status = Some("this item has no link".into()),
        }
    }

    fn copy(&mut self, citation: bool) {
        let Some(idx) = self.selected_item() else { return };
        if citation {
            self.effects.push(Effect::Copy {
                text: crate::cite::citation(self.data, idx),
                what: "citation",
            });
        } else {
            match &self.data.item(idx).url {
                Some(url) => self.effects.push(Effect::Copy {
                    text: url.clone(),
                    what: "link",
                }),
                None => self.status = Some("this item has no link".into()),
            }
        }
    }

    fn mark_path_start(&mut self) {
        if let Some(idx) = self.selected_item() {
            self.mark = Some(idx);
            self.status = Some(format!(
                "marked {} — open another item and press P",
                self.data.item(idx).handle()
            ));
        }
    }

    fn show_path(&mut self) {
        let (Some(from), Some(to)) = (self.mark, self.selected_item()) else {
            self.status = Some("mark a start with p first".into());
            return;
        };
        let steps = graph::shortest_path(self.data, from, to);
        if steps.is_none() {
            self.status = Some("no path between these items".into());
        }
        self.path = Some(PathView {
            from,
            to,
            steps,
            selected: 0,
        });
    }
}

/// Moves `current` by `delta` inside `0..len`, stopping at the ends.
fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
}
