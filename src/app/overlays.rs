//! State of the overlays that sit over the three panes.

use crate::data::{Dataset, ItemIdx};
use crate::graph::{self, Step};

/// The `:` prompt: jump to an id or symbol, with completion.
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
        let wanted = crate::data::dataset::symbol_key(&self.input);
        self.selected = 0;
        if wanted.is_empty() {
            self.completions.clear();
            return;
        }
        let starts = |text: &str| crate::data::dataset::symbol_key(text).starts_with(&wanted);
        let contains = |text: &str| crate::data::dataset::symbol_key(text).contains(&wanted);
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

/// The timeline: every dated item in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineState {
    pub rows: Vec<ItemIdx>,
    pub selected: usize,
}

impl TimelineState {
    /// Opens on `current` when it is dated.
    pub fn new(data: &Dataset, current: Option<ItemIdx>) -> TimelineState {
        let rows = graph::timeline(data);
        let selected = current.and_then(|c| rows.iter().position(|&r| r == c)).unwrap_or(0);
        TimelineState { rows, selected }
    }
}

/// "How is X connected to Y?": the steps from the mark to the current item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathView {
    pub from: ItemIdx,
    pub to: ItemIdx,
    /// `None` when no path exists.
    pub steps: Option<Vec<Step>>,
    /// Selected row: 0 is `from`, n is the n-th step.
    pub selected: usize,
}

impl PathView {
    /// Items along the path, `from` first.
    pub fn items(&self) -> Vec<ItemIdx> {
        let mut items = vec![self.from];
        items.extend(self.steps.iter().flatten().map(|s| s.to));
        items
    }
}
