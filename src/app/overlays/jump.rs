//! The `:` prompt: jump to an id or symbol, with completion.

use super::Transition;
use crate::app::{Action, App};
use crate::data::dataset::symbol_key;
use crate::data::{Dataset, ItemIdx};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpState {
    pub input: String,
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
            Action::Move(motion) => {
                jump.selected = motion.apply(jump.selected, jump.completions.len(), self.page());
            }
            Action::JumpComplete => {
                if let Some(&idx) = jump.completions.get(jump.selected) {
                    jump.input = self.data.item(idx).handle().to_string();
                    jump.refresh(self.data);
                }
            }
            Action::JumpAccept => match jump.target(self.data) {
                Some(item) => return Transition::Accept(item),
                None => self.status = Some(format!("no item \"{}\"", jump.input)),
            },
            Action::CloseOverlay => return Transition::Close,
            _ => {}
        }
        Transition::Stay
    }
}
