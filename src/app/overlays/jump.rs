//! The `:` prompt: jump to an id or symbol, with completion.

use super::Transition;
use crate::app::{Action, App, Effect, LineEditor, Motion};
use crate::data::candidates::{counted_candidates, slips_named};
use crate::data::{Dataset, ItemIdx};
use crate::query_history::Prompt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpState {
    /// The id or symbol as typed, with its cursor.
    pub input: LineEditor,
    /// Items that answer the input, best first (see
    /// [`crate::data::candidates::candidates`]), at most [`MAX_COMPLETIONS`].
    pub completions: Vec<ItemIdx>,
    /// How many items answer in all: more than those offered when some
    /// were left out, which the prompt says.
    pub answering: usize,
    pub selected: usize,
}

/// At most this many completions are offered.
const MAX_COMPLETIONS: usize = 12;

impl JumpState {
    pub fn refresh(&mut self, data: &Dataset) {
        self.selected = 0;
        (self.completions, self.answering) = counted_candidates(data, &self.input, MAX_COMPLETIONS);
    }

    /// The item Enter would open: an exact id or symbol, else the selection.
    pub fn target(&self, data: &Dataset) -> Option<ItemIdx> {
        data.find(self.input.trim())
            .or_else(|| self.completions.get(self.selected).copied())
    }
}

impl App<'_> {
    pub(super) fn update_jump(&mut self, jump: &mut JumpState, action: Action) -> Transition {
        match action {
            Action::JumpInput(c) => self.edit_input(jump, |input| input.insert(c.encode_utf8(&mut [0; 4]))),
            Action::Paste(text) => self.edit_input(jump, |input| input.insert(&text)),
            Action::Edit(edit) => {
                // Completions change only with the text, not with the cursor.
                let changed = jump.input.apply(edit);
                if changed {
                    jump.refresh(self.data);
                }
            }
            // On an empty input there are no candidates to move: Up and Down recall.
            Action::Move(Motion::By(delta)) if jump.input.is_empty() => self.recall_input(jump, delta < 0),
            Action::RecallOlder => self.recall_input(jump, true),
            Action::RecallNewer => self.recall_input(jump, false),
            Action::Move(motion) => {
                jump.selected = motion.apply(jump.selected, jump.completions.len(), self.page());
            }
            Action::JumpComplete => {
                if let Some(&idx) = jump.completions.get(jump.selected) {
                    jump.input.set(self.data.item(idx).handle());
                    jump.refresh(self.data);
                }
            }
            Action::JumpAccept => match jump.target(self.data) {
                Some(item) => {
                    self.jump_history.record(&jump.input);
                    if self.jump_history.is_kept() {
                        self.effects.push(Effect::SaveQueryHistory(Prompt::Jump));
                    }
                    return Transition::Accept(item);
                }
                None => self.status = Some(no_item(self.data, &jump.input)),
            },
            Action::CloseOverlay => return Transition::Close,
            _ => {}
        }
        Transition::Stay
    }

    fn edit_input(&mut self, jump: &mut JumpState, edit: impl FnOnce(&mut LineEditor)) {
        edit(&mut jump.input);
        jump.refresh(self.data);
    }

    fn recall_input(&mut self, jump: &mut JumpState, older: bool) {
        let history = self.jump_history.entries();
        let changed = if older {
            jump.input.recall_older(history)
        } else {
            jump.input.recall_newer(history)
        };
        if changed {
            jump.refresh(self.data);
        } else if older {
            self.status = Some("no earlier jump".into());
        }
    }
}

/// What Enter on a name of no item says: the symbols one slip from it
/// if any ("2006/64": E/RES/2006/46), named and never opened, else how
/// to search the texts.
fn no_item(data: &Dataset, input: &str) -> String {
    match slips_named(data, input) {
        Some(slips) => format!("no item \"{input}\"; {slips}"),
        None => format!("no item \"{input}\" (/ searches the texts)"),
    }
}
