//! The `:` prompt: jump to an id or symbol, with completion.

use super::Transition;
use crate::app::{Action, App, Effect, LineEditor, Motion};
use crate::data::dataset::symbol_key;
use crate::data::{Dataset, ItemIdx};
use crate::query_history::Prompt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpState {
    /// The id or symbol as typed, with its cursor.
    pub input: LineEditor,
    /// Items whose id or symbol starts with the input, best first.
    pub completions: Vec<ItemIdx>,
    pub selected: usize,
}

/// At most this many completions are offered.
const MAX_COMPLETIONS: usize = 12;

impl JumpState {
    pub fn refresh(&mut self, data: &Dataset) {
        let wanted = symbol_key(&self.input);
        self.selected = 0;
        if wanted.is_empty() {
            self.completions.clear();
            return;
        }
        let starts = |text: &str| symbol_key(text).starts_with(&wanted);
        let contains = |text: &str| symbol_key(text).contains(&wanted);
        let mut first: Vec<ItemIdx> = Vec::new();
        let mut then: Vec<ItemIdx> = Vec::new();
        for (idx, item) in data.items().iter().enumerate() {
            let symbol = item.symbol.as_deref().unwrap_or("");
            if starts(&item.id) || starts(symbol) {
                first.push(idx);
            } else if contains(&item.id) || contains(symbol) {
                then.push(idx);
            }
        }
        first.sort_by_key(|&i| data.item(i).handle().len());
        first.extend(then);
        first.truncate(MAX_COMPLETIONS);
        self.completions = first;
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
                None => self.status = Some(format!("no item \"{}\"", jump.input)),
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
