//! The `:` prompt: jump to an id or symbol, with completion.

use super::Transition;
use crate::app::{Action, App, Effect, LineEditor, Motion};
use crate::data::dataset::symbol_key;
use crate::data::{Dataset, Item, ItemIdx, Text};
use crate::query_history::Prompt;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpState {
    /// The id or symbol as typed, with its cursor.
    pub input: LineEditor,
    /// Items that answer the input, best first (see [`Fit`]).
    pub completions: Vec<ItemIdx>,
    pub selected: usize,
}

/// At most this many completions are offered.
const MAX_COMPLETIONS: usize = 12;

/// How well an item answers the input; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Its id, symbol, short title or an alias starts with the input.
    NameStart,
    /// Every word of the input starts a word of its titles or aliases
    /// ("compact", "c7 health", "tunis agenda").
    WordStarts,
    /// Its id, symbol or short title holds the input somewhere.
    Inside,
}

impl JumpState {
    pub fn refresh(&mut self, data: &Dataset) {
        let wanted = symbol_key(&self.input);
        self.selected = 0;
        if wanted.is_empty() {
            self.completions.clear();
            return;
        }
        let words = input_words(&self.input);
        let mut fits: Vec<(Fit, usize, ItemIdx)> = data
            .items()
            .iter()
            .enumerate()
            .filter_map(|(idx, item)| fit(item, &wanted, &words).map(|(f, len)| (f, len, idx)))
            .collect();
        // Best fit first, then the tightest: "forum" offers "WSIS Forum"
        // before every "WSIS Forum 20xx"; ties keep data order.
        fits.sort();
        self.completions = fits.into_iter().take(MAX_COMPLETIONS).map(|(_, _, idx)| idx).collect();
    }

    /// The item Enter would open: an exact id or symbol, else the selection.
    pub fn target(&self, data: &Dataset) -> Option<ItemIdx> {
        data.find(self.input.trim())
            .or_else(|| self.completions.get(self.selected).copied())
    }
}

/// How `item` answers the input (`wanted` as a symbol key, `words` its
/// words), if at all, and the length of the shortest name or title that
/// answers: among equal fits the tightest comes first ("compact" offers
/// "Global Digital Compact" before its paragraphs).
fn fit(item: &Item, wanted: &str, words: &[&str]) -> Option<(Fit, usize)> {
    let symbol = item.symbol.as_deref().unwrap_or("");
    let short = item.short_title.as_deref().unwrap_or("");
    let names = [item.id.as_str(), symbol, short];
    let named = names.iter().copied().chain(item.aliases.iter().map(Text::as_str));
    let shortest = |texts: &mut dyn Iterator<Item = &str>| texts.map(str::len).min();
    if let Some(len) = shortest(&mut named.clone().filter(|name| symbol_key(name).starts_with(wanted))) {
        return Some((Fit::NameStart, len));
    }
    let title = if item.title_known() { item.title.as_str() } else { "" };
    let texts: Vec<&str> = named.chain([title]).filter(|text| !text.is_empty()).collect();
    // Input of punctuation alone ("/") has no words: it fits nothing here.
    if !words.is_empty() && words.iter().all(|w| texts.iter().any(|text| starts_a_word(text, w))) {
        let holds_all = |text: &&str| words.iter().all(|w| starts_a_word(text, w));
        let tightest = shortest(&mut texts.iter().copied().filter(holds_all));
        return Some((Fit::WordStarts, tightest.unwrap_or(usize::MAX)));
    }
    let inside = shortest(&mut names.iter().copied().filter(|name| symbol_key(name).contains(wanted)));
    inside.map(|len| (Fit::Inside, len))
}

/// Whether a word of `text` starts with `word`, ignoring ASCII case,
/// without allocating: it runs for every item on every key.
fn starts_a_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|t| t.get(..word.len()).is_some_and(|head| head.eq_ignore_ascii_case(word)))
}

/// The words of the input: what lies between its spaces and punctuation.
fn input_words(input: &str) -> Vec<&str> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
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
                None => self.status = Some(format!("no item \"{}\" (/ searches the texts)", jump.input)),
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
