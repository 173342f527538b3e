//! Following a related item by its label, as in vimium or qutebrowser: every
//! related item in the detail pane carries a number; typing it follows the
//! link. Letters narrow the list (relation, symbol, title), and so do digits
//! that cannot be a label or come after letters (a year, a symbol), as in
//! fzf: what is typed in the list is never dropped (only a first digit
//! typed outside it that nothing related answers is, and said so, as a
//! mistyped number is). A label is followed as soon as it is
//! typed whole, or short of its zeros where no other label begins so ("4"
//! among 16), unless some related item has a longer number it begins ("20"
//! of "2006"): then Enter follows it, and more digits narrow the list instead.
//! Tab and Shift-Tab jump between relation groups; Enter follows the
//! selection.

use super::{Overlay, Transition};
use crate::app::{Action, App, Edit, Motion, SearchState};
use crate::graph::Related;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowState {
    /// Letters that narrow the related items.
    pub filter: String,
    /// Digits of a label typed so far.
    pub typed: String,
    /// Selected row among the matching items.
    pub selected: usize,
}

/// Label of the related item at `row` (0-based) among `count`: numbers of
/// one width, so no label is the start of another.
pub fn label(row: usize, count: usize) -> String {
    let width = count.max(1).to_string().len();
    format!("{:0width$}", row + 1)
}

impl FollowState {
    /// Rows (into the related items) that the filter lets through.
    pub fn matches(&self, app: &App, related: &[Related]) -> Vec<usize> {
        let words: Vec<String> = self.filter.split_whitespace().map(str::to_lowercase).collect();
        (0..related.len())
            .filter(|&row| {
                let name = row_name(app, &related[row]).to_lowercase();
                let note = related[row].note.unwrap_or("").to_lowercase();
                words
                    .iter()
                    .all(|word| name.contains(word.as_str()) || (!has_digit(word) && note.contains(word.as_str())))
            })
            .collect()
    }
}

/// Whether a filter word holds a digit: such a word (a year, a number) is
/// matched against the row's name alone, not its note, whose numbers are
/// mostly the viewed item's own ("report requested by resolution 2006/46"
/// on each of the SG reports of 2006/46: "2006" would keep them all).
fn has_digit(word: &str) -> bool {
    word.bytes().any(|byte| byte.is_ascii_digit())
}

/// The relation, symbol and title of a row: what the filter's words are
/// matched against, with the link's note for words of letters ("made a
/// permanent UN forum"); where a number typed may begin a longer one.
fn row_name(app: &App, entry: &Related) -> String {
    let item = app.data.item(entry.target);
    format!(
        "{} {} {}",
        entry.label(),
        item.symbol.as_deref().unwrap_or(""),
        item.label()
    )
}

/// Whether `digits` may still become a label among `count`: a label starts
/// with them, or they name one short of its leading zeros ("3" for 03).
fn may_be_label(digits: &str, count: usize) -> bool {
    let named = digits.parse::<usize>().is_ok_and(|n| (1..=count).contains(&n));
    named || (0..count).any(|row| label(row, count).starts_with(digits))
}

/// Whether some related item has a longer number that `digits` begin ("20"
/// begins 2006 in "IGF 2006"): typed whole, the label may still be a
/// filter's start. A number that is the label ("05" of "WSIS-05") is not.
fn begins_a_number(app: &App, related: &[Related], digits: &str) -> bool {
    related.iter().any(|entry| {
        row_name(app, entry)
            .split(|c: char| !c.is_ascii_digit())
            .any(|number| number.len() > digits.len() && number.starts_with(digits))
    })
}

impl App<'_> {
    /// Opens the follow prompt, with a first digit already typed if given,
    /// its selection on the related item followed last from here, if any;
    /// a first digit that nothing related answers opens nothing, and says so.
    pub(crate) fn start_follow(&mut self, digit: Option<char>) {
        let related = self.related();
        if related.is_empty() {
            self.status = Some("this item has no related items".into());
            return;
        }
        let mut follow = FollowState {
            selected: self.link_row.unwrap_or(0),
            ..FollowState::default()
        };
        match digit.map(|d| self.type_label(&mut follow, d)) {
            Some(Transition::Accept(item)) => self.go_to(item),
            // A first digit that no number begins and no related row holds
            // is a stray key: said, as a mistyped number is, rather than
            // opening a list that nothing matches and that would take the
            // keys after it (a trial's "5", then "q", typed into it).
            Some(Transition::Stay) if follow.typed.is_empty() && follow.matches(self, &related).is_empty() => {
                self.status = Some(format!("no related item {}", follow.filter));
            }
            Some(Transition::Stay) | None => self.overlays.push(Overlay::Follow(follow)),
            Some(_) => {}
        }
    }

    pub(super) fn update_follow(&mut self, follow: &mut FollowState, action: Action) -> Transition {
        let related = self.related();
        let matches = follow.matches(self, &related);
        match action {
            // Digits after letters narrow the list ("report 2011") rather
            // than follow a label the letters have already filtered out.
            Action::FollowLabel(digit) if follow.filter.is_empty() => return self.type_label(follow, digit),
            Action::FollowInput(c) | Action::FollowLabel(c) => {
                // A half-typed label ("2" before "r") becomes filter text:
                // what is typed is never dropped.
                let typed = std::mem::take(&mut follow.typed);
                follow.filter.push_str(&typed);
                follow.filter.push(c);
                follow.selected = 0;
            }
            // A half-typed number goes first, then the filter's letters.
            Action::FollowBackspace if follow.typed.pop().is_none() => {
                follow.filter.pop();
                follow.selected = 0;
            }
            // As in the search and jump prompts: Ctrl-U clears what was
            // typed, Ctrl-W its last word.
            Action::Edit(Edit::DeleteToStart) => {
                follow.typed.clear();
                follow.filter.clear();
                follow.selected = 0;
            }
            Action::Edit(Edit::DeleteWordBefore) => {
                follow.typed.clear();
                let kept = follow.filter.trim_end().rfind(' ').map_or(0, |space| space + 1);
                follow.filter.truncate(kept);
                follow.selected = 0;
            }
            // Moving the selection gives up a half-typed label, as a letter
            // does: Enter then follows the row shown, not the number.
            Action::Move(motion) => {
                follow.typed.clear();
                follow.selected = motion.apply(follow.selected, matches.len(), self.page());
            }
            Action::NextGroup | Action::PrevGroup => {
                follow.typed.clear();
                let forward = action == Action::NextGroup;
                follow.selected = group_start(&related, &matches, follow.selected, forward);
            }
            // "3" then Enter follows 03, not the selection a half-typed
            // label has not moved.
            Action::Open if !follow.typed.is_empty() => return self.follow_typed(follow),
            Action::Open => match matches.get(follow.selected) {
                Some(&row) => return self.accept_link(row),
                // Nothing related matches: what was typed is sought among
                // all items, as fzf-like pickers fall back to a wider
                // source ("70/125" from ECOSOC 2006/46, two links away).
                None if !follow.filter.trim().is_empty() => return self.search_all_for(&follow.filter),
                None => self.status = Some("no related item matches".into()),
            },
            Action::CloseOverlay => return Transition::Close,
            _ => {}
        }
        Transition::Stay
    }

    /// A digit of a label: a whole label follows its link when no number
    /// of the list begins with it; digits no label begins with narrow the
    /// list instead ("2006" past label 20).
    fn type_label(&mut self, follow: &mut FollowState, digit: char) -> Transition {
        let related = self.related();
        let count = related.len();
        follow.typed.push(digit);
        if !may_be_label(&follow.typed, count) {
            follow.filter = std::mem::take(&mut follow.typed);
            follow.selected = 0;
            return Transition::Stay;
        }
        // Whole, or short of its zeros with no other label to become
        // ("4" among 16 labels can only be 04).
        let ends_a_label = follow.typed.len() == label(0, count).len()
            || !(0..count).any(|row| label(row, count).starts_with(&follow.typed));
        if ends_a_label && !begins_a_number(self, &related, &follow.typed) {
            let transition = self.follow_typed(follow);
            self.followed_by_number = matches!(transition, Transition::Accept(_)).then(std::time::Instant::now);
            return transition;
        }
        // The selection shows what Enter would follow now ("3": 03).
        // Labels are typed before any filter, so rows are all related.
        if let Some(n) = follow.typed.parse::<usize>().ok().filter(|&n| (1..=count).contains(&n)) {
            follow.selected = n - 1;
        }
        Transition::Stay
    }

    /// Follows the label typed so far, whole or short of its leading zeros.
    fn follow_typed(&mut self, follow: &mut FollowState) -> Transition {
        let count = self.related().len();
        let typed = std::mem::take(&mut follow.typed);
        match typed.parse::<usize>().ok().filter(|&n| (1..=count).contains(&n)) {
            Some(n) => self.accept_link(n - 1),
            // Closed, not left open on the selection: a reflexive Enter
            // after a mistyped number would follow a link nobody chose.
            None => {
                self.status = Some(format!("no related item {typed}"));
                Transition::Close
            }
        }
    }

    /// The search over all items, opened over the follow list with
    /// `text` typed: Escape comes back to the list, Enter goes to a hit.
    fn search_all_for(&mut self, text: &str) -> Transition {
        let mut search = SearchState::default();
        search.query.insert(text.trim());
        self.refresh_hits(&mut search);
        Transition::Open(Overlay::Search(search))
    }

    /// Marks the link as followed (Back shows it selected) and goes there.
    fn accept_link(&mut self, row: usize) -> Transition {
        match self.related().get(row) {
            Some(entry) => {
                self.link_row = Some(row);
                Transition::Accept(entry.target)
            }
            None => Transition::Stay,
        }
    }
}

/// The first matching row of the next (or previous) relation group.
fn group_start(related: &[Related], matches: &[usize], selected: usize, forward: bool) -> usize {
    let group = |i: usize| matches.get(i).map(|&row| related[row].label());
    let here = group(selected);
    let starts: Vec<usize> = (0..matches.len())
        .filter(|&i| i == 0 || group(i) != group(i - 1))
        .collect();
    let current = starts.iter().rposition(|&s| s <= selected).unwrap_or(0);
    let target = match forward {
        true => starts.get(current + 1).copied(),
        // Back to the start of this group first, then to the previous one.
        false if starts.get(current) != Some(&selected) && here.is_some() => starts.get(current).copied(),
        false => current.checked_sub(1).and_then(|i| starts.get(i).copied()),
    };
    Motion::By(0).apply(target.unwrap_or(selected), matches.len(), 0)
}
