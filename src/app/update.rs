//! The only place where application state changes: the main view's
//! actions here, each overlay's in its own module.

use super::{
    Action, App, ENTER_ENDS_A_NUMBER, Effect, HelpState, JumpState, Location, Motion, Overlay, Pane, PathView, Row,
    SearchState, TimelineState, Unbookmarked,
};
use crate::data::ItemIdx;
use crate::graph;

impl App<'_> {
    pub fn update(&mut self, action: Action) {
        // Esc closes a message first, the banner only once none shows.
        let had_message = self.status.is_some();
        let mut ends_a_number = false;
        if !matches!(
            action,
            Action::Resize(..)
                | Action::Status(_)
                | Action::SearchResults { .. }
                | Action::BookmarksSaved(_)
                | Action::Resume(_)
        ) {
            self.status = None;
            let followed = self.followed_by_number.take();
            ends_a_number = followed.is_some_and(|at| at.elapsed() < ENTER_ENDS_A_NUMBER);
        }
        match action {
            // An Enter right after a number that followed at once ends it.
            Action::Open if ends_a_number => {}
            Action::Quit => self.should_quit = true,
            Action::Resize(w, h) => {
                // The detail rewraps: its place is kept by what is shown.
                let anchor = self.detail_anchor();
                self.size = (w, h);
                if let Some(anchor) = anchor {
                    self.scroll_detail_to(anchor);
                }
            }
            Action::Status(message) => self.status = Some(message),
            Action::Resume(place) => self.resume(*place),
            Action::SearchResults {
                session,
                generation,
                hits,
            } => self.take_search_results(session, generation, hits),
            Action::BookmarksSaved(ids) => {
                self.bookmarks.saved(ids);
                self.refresh_bookmarks();
            }
            Action::CloseOverlay if self.overlays.is_empty() && !had_message => self.hide_banner(),
            action if !self.overlays.is_empty() => self.update_overlay(action),
            action => self.update_main(action),
        }
        self.settle_unbookmarked();
    }

    pub(super) fn update_main(&mut self, action: Action) {
        if !self.passes_over(&action) {
            self.history.read();
        }
        match action {
            Action::Move(motion) => self.move_selection(motion),
            Action::FocusLeft => self.focus = Pane::ALL[self.focus.position().saturating_sub(1)],
            Action::FocusRight => self.focus = Pane::ALL[(self.focus.position() + 1).min(2)],
            Action::FocusNext => self.focus = Pane::ALL[(self.focus.position() + 1) % 3],
            Action::FocusPrev => self.focus = Pane::ALL[(self.focus.position() + 2) % 3],
            Action::ToggleZoom => self.toggle_zoom(),
            Action::Open => self.open(),
            Action::Back => match self.history.back(self.location()) {
                Some(to) => self.restore(to),
                None => self.status = Some("no earlier step".into()),
            },
            Action::Forward => match self.history.forward(self.location()) {
                Some(to) => self.restore(to),
                None => self.status = Some("no later step".into()),
            },
            Action::StepHit(forward) => self.step_hit(forward),
            Action::StepItem(dir) => self.step_item(dir),
            Action::StartAt(item) => self.show(item),
            Action::StartSearch => self.overlays.push(Overlay::Search(SearchState::default())),
            Action::ToggleHelp => self.overlays.push(Overlay::Help(HelpState::default())),
            Action::StartJump => self.overlays.push(Overlay::Jump(JumpState::default())),
            Action::ToggleTimeline => {
                let timeline = TimelineState::new(self.data, self.selected_item());
                self.overlays.push(Overlay::Timeline(timeline));
            }
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::OpenUrl => self.open_url(),
            Action::CopyCitation => {
                if let Some(idx) = self.selected_item() {
                    self.copy_citation(idx, self.citation_style);
                }
            }
            Action::StartCite => self.start_cite(),
            Action::StartLinks => self.start_links(),
            Action::CopyUrl => self.copy_url(),
            Action::MarkPathStart => self.mark_path_start(),
            Action::ShowPath => self.show_path(),
            Action::CycleSort => self.cycle_sort(),
            Action::ClickRow(pane, row) => self.click_row(pane, row),
            Action::ClickLink(row) => {
                self.focus = Pane::Detail;
                self.follow(row);
            }
            Action::StartFollow => self.start_follow(None),
            Action::FollowLabel(digit) => self.start_follow(Some(digit)),
            Action::NextGroup => self.scroll_to_group(true),
            Action::PrevGroup => self.scroll_to_group(false),
            Action::Scroll(Pane::Detail, lines) => self.scroll_detail(Motion::By(lines)),
            Action::Scroll(pane, rows) => {
                let focus = std::mem::replace(&mut self.focus, pane);
                self.move_selection(Motion::By(rows));
                self.focus = focus;
            }
            _ => {}
        }
    }

    /// Esc with no overlay or message to close: the banner's rows are
    /// given back to the panes, and the status line says it was hidden.
    fn hide_banner(&mut self) {
        let hidden = std::mem::take(&mut self.notices).len();
        if hidden > 0 {
            let plural = if hidden == 1 { "" } else { "s" };
            self.status = Some(format!(
                "banner hidden ({hidden} notice{plural}): the files it named stay skipped; `wsis list` names every problem"
            ));
        }
    }

    /// Zooms the focused pane, or gives every pane back. The detail, shown
    /// before and after when it has focus, rewraps: its place is kept by
    /// what is shown, as on a resize.
    fn toggle_zoom(&mut self) {
        let anchor = self.detail_anchor().filter(|_| self.focus == Pane::Detail);
        self.zoomed = !self.zoomed;
        if let Some(anchor) = anchor {
            self.scroll_detail_to(anchor);
        }
    }

    /// Whether `action` leaves the item on screen unread: moving the
    /// category pane's cursor, or the focus between panes.
    fn passes_over(&self, action: &Action) -> bool {
        match action {
            Action::Move(_) => self.focus == Pane::Categories,
            Action::Scroll(pane, _) | Action::ClickRow(pane, _) => *pane == Pane::Categories,
            Action::FocusLeft | Action::FocusRight | Action::FocusNext | Action::FocusPrev | Action::ToggleZoom => true,
            _ => false,
        }
    }

    /// Shows the list of `row` (at its remembered item). Leaving the list
    /// the user was in makes the item read there a history step.
    fn select_row(&mut self, row: Row) {
        if row != self.row {
            // Back returns to the list the item was read in, not to the
            // category pane the user left it from.
            let mut live = self.location();
            if live.focus == Pane::Categories {
                live.focus = Pane::Items;
            }
            self.row = row;
            self.history.leave_list(live, self.selected_item());
        }
        self.reset_detail();
    }

    fn move_selection(&mut self, motion: Motion) {
        match self.focus {
            Pane::Categories => self.select_row(Row::at(motion.apply(self.row.index(), Row::COUNT, self.page()))),
            Pane::Items => {
                let row = motion.apply(self.item_row(), self.items().len(), self.page());
                self.item_rows[self.row.index()] = row;
                self.reset_detail();
            }
            Pane::Detail => self.move_in_detail(motion),
        }
    }

    /// The detail pane reads like less: every motion scrolls the text.
    fn move_in_detail(&mut self, motion: Motion) {
        self.scroll_detail(motion);
    }

    /// Scrolls the detail text.
    fn scroll_detail(&mut self, motion: Motion) {
        let lines = self.detail_scroll_range();
        let scroll = motion.apply(usize::from(self.detail_scroll), lines, self.page());
        self.detail_scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    }

    /// Scrolls the detail text to the next (or previous) group of related items.
    fn scroll_to_group(&mut self, forward: bool) {
        let Some(idx) = self.selected_item() else { return };
        let groups = crate::ui::detail::group_lines(self, idx);
        let scroll = usize::from(self.detail_scroll);
        let target = match forward {
            true => groups.iter().find(|&&line| line > scroll),
            false => groups.iter().rev().find(|&&line| line < scroll),
        };
        match target {
            Some(&line) => {
                let last = self.detail_scroll_range().saturating_sub(1);
                self.detail_scroll = u16::try_from(line.min(last)).unwrap_or(u16::MAX);
            }
            None => self.status = Some("no further group of related items".into()),
        }
    }

    /// How many first lines the detail pane can start at, as it is drawn now.
    pub(super) fn detail_scroll_range(&self) -> usize {
        self.selected_item()
            .map_or(1, |idx| crate::ui::detail::scroll_range(self, idx))
    }

    pub(super) fn reset_detail(&mut self) {
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
            // Enter always offers the links, the one followed last from
            // here selected: re-following it is one more Enter, and the
            // choice is never made by a marker scrolled out of sight.
            Pane::Detail => self.start_follow(None),
        }
    }

    fn click_row(&mut self, pane: Pane, row: usize) {
        self.focus = pane;
        match pane {
            Pane::Categories if row < Row::COUNT => self.select_row(Row::at(row)),
            Pane::Items if row < self.items().len() => {
                self.item_rows[self.row.index()] = row;
                self.reset_detail();
            }
            _ => {}
        }
    }

    /// Follows the related item at `row` of the detail pane.
    pub(crate) fn follow(&mut self, row: usize) {
        if let Some(target) = self.related().get(row).map(|r| r.target) {
            self.link_row = Some(row);
            self.go_to(target);
        }
    }

    /// Visits an item: a new step of the history. Visiting the item on
    /// screen is no step.
    pub fn go_to(&mut self, item: ItemIdx) {
        if self.selected_item() == Some(item) {
            self.focus = Pane::Detail;
            return;
        }
        let live = self.location();
        self.show(item);
        self.history.visit(live, self.location());
    }

    /// Puts `item` in the detail pane, at its top, with the keys there.
    fn show(&mut self, item: ItemIdx) {
        let category = self.data.category_of(item);
        self.row = Row::Category(category);
        self.item_rows[category] = self
            .items_of(Row::Category(category))
            .iter()
            .position(|&i| i == item)
            .unwrap_or(0);
        self.focus = Pane::Detail;
        self.reset_detail();
    }

    fn restore(&mut self, to: Location) {
        self.row = if to.row.is_valid() { to.row } else { Row::Bookmarks };
        let items = self.items();
        let row = to.item.and_then(|item| items.iter().position(|&i| i == item));
        self.item_rows[self.row.index()] = row.unwrap_or(0).min(items.len().saturating_sub(1));
        self.focus = to.focus;
        let related = self.related().len();
        self.link_row = to.link_row.filter(|&row| row < related);
        self.detail_scroll = to.detail_scroll;
    }

    fn toggle_bookmark(&mut self) {
        let Some(idx) = self.selected_item() else { return };
        let item = self.data.item(idx);
        let label = self.status_name(idx);
        let was_at = self.bookmarks.position(&item.id);
        // Removed here before: back where it was in the order bookmarked.
        let added = match self.unbookmarked.iter().position(|removed| removed.idx == idx) {
            Some(removed) => {
                let at = self.unbookmarked.remove(removed).at;
                let before_it = self.unbookmarked.iter().filter(|other| other.at < at).count();
                self.bookmarks.add_back(&item.id, at - before_it);
                true
            }
            None => self.bookmarks.toggle(&item.id),
        };
        let listed_at = self.items().iter().position(|&i| i == idx);
        let kept_at = listed_at.filter(|_| !added && self.row == Row::Bookmarks);
        if let Some((place, at)) = kept_at.zip(was_at) {
            let at = place_among_all(at, &self.unbookmarked);
            self.unbookmarked.push(Unbookmarked { place, idx, at });
        }
        self.refresh_bookmarks();
        // The cursor stays on the item: listed where it was when removed
        // and when added back from there.
        if let Some(place) = self
            .items()
            .iter()
            .position(|&i| i == idx)
            .filter(|_| self.row == Row::Bookmarks)
        {
            self.item_rows[Row::Bookmarks.index()] = place;
        }
        if self.row == Row::Bookmarks && self.items().is_empty() {
            self.focus = Pane::Items;
        }
        self.effects.push(Effect::SaveBookmarks(self.bookmarks.clone()));
        self.status = Some(match (added, kept_at.is_some()) {
            (true, _) => format!("bookmarked {label}"),
            (false, true) => format!("removed bookmark {label} (m again adds it back)"),
            (false, false) => format!("removed bookmark {label}"),
        });
    }

    fn open_url(&mut self) {
        let url = self.selected_item().and_then(|idx| self.data.item(idx).url.clone());
        match url {
            Some(url) => self.open_link(&url),
            None => self.status = Some("this item has no link".into()),
        }
    }

    /// Copies `idx`'s citation in `style` (the clipboard is the outside
    /// world: an effect).
    pub(super) fn copy_citation(&mut self, idx: ItemIdx, style: crate::cite::Style) {
        self.effects.push(Effect::Copy {
            text: crate::cite::citation(self.data, idx, style),
            what: "citation",
            multiline: style.is_multiline(),
        });
    }

    fn copy_url(&mut self) {
        let Some(idx) = self.selected_item() else { return };
        match &self.data.item(idx).url {
            Some(url) => self.effects.push(Effect::Copy {
                text: url.to_string(),
                what: "link",
                multiline: false,
            }),
            None => self.status = Some("this item has no link".into()),
        }
    }

    fn mark_path_start(&mut self) {
        if let Some(idx) = self.selected_item() {
            self.mark = Some(idx);
            self.status = Some(format!(
                "marked {} — open another item and press P",
                self.status_name(idx)
            ));
        }
    }

    fn show_path(&mut self) {
        let (Some(from), Some(to)) = (self.mark, self.selected_item()) else {
            self.status = Some("mark a start with p first".into());
            return;
        };
        if from == to {
            // A path of no steps would only show the item it is on.
            self.status = Some(format!(
                "{} is the marked start — open another item and press P",
                self.status_name(to)
            ));
            return;
        }
        let steps = graph::shortest_path(self.data, from, to);
        if steps.is_none() {
            self.status = Some("no path between these items".into());
        }
        self.overlays.push(Overlay::Path(PathView {
            from,
            to,
            steps,
            selected: 0,
        }));
    }
}

/// Where a bookmark at `at` in the order bookmarked would be with every
/// item of `removed` still in it: a place that stays right whichever of
/// them is added back first (each is added back before the ones after
/// it that are still removed).
fn place_among_all(at: usize, removed: &[Unbookmarked]) -> usize {
    let mut places: Vec<usize> = removed.iter().map(|other| other.at).collect();
    places.sort_unstable();
    places
        .into_iter()
        .fold(at, |place, other| if other <= place { place + 1 } else { place })
}
