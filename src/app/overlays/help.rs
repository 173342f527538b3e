//! The help overlay: every key binding, scrollable, and narrowed by a
//! filter typed after `/` (as lazygit's and k9s's help are).

use super::Transition;
use crate::app::{Action, App, LineEditor};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpState {
    /// First visible line.
    pub scroll: usize,
    /// Words every row shown must contain, in its keys or description
    /// (case-blind); empty shows every row.
    pub filter: LineEditor,
    /// Whether keys type into the filter (after `/`) rather than scroll.
    pub typing: bool,
}

impl HelpState {
    /// Clears the filter and stops typing: every row shows again.
    fn clear_filter(&mut self) {
        self.filter = LineEditor::default();
        self.typing = false;
        self.scroll = 0;
    }

    /// Edits the filter; the rows shown change, so they show from the top.
    fn edit_filter(&mut self, edit: impl FnOnce(&mut LineEditor) -> bool) {
        if edit(&mut self.filter) {
            self.scroll = 0;
        }
    }
}

impl App<'_> {
    pub(super) fn update_help(&mut self, help: &mut HelpState, action: Action) -> Transition {
        match action {
            Action::Move(motion) => {
                let lines = crate::ui::help::scroll_range(self, help);
                // A page is what help shows, not the panes' page: paging
                // by more would skip the lines between.
                let page = crate::ui::help::visible_lines(self);
                help.scroll = motion.apply(help.scroll, lines, page);
            }
            Action::StartHelpFilter => help.typing = true,
            Action::HelpFilterInput(c) => help.edit_filter(|filter| insert(filter, c.encode_utf8(&mut [0; 4]))),
            Action::Paste(text) if help.typing => help.edit_filter(|filter| insert(filter, &text)),
            Action::Edit(edit) if help.typing => help.edit_filter(|filter| filter.apply(edit)),
            Action::KeepHelpFilter => help.typing = false,
            // Esc takes back the filter first; with none, it closes help.
            // A filter of spaces filters nothing (the title says Esc closes).
            Action::CloseOverlay if help.typing || !help.filter.text().trim().is_empty() => help.clear_filter(),
            Action::ToggleHelp | Action::CloseOverlay => return Transition::Close,
            _ => {}
        }
        Transition::Stay
    }
}

/// Inserts `text` at the cursor; whether the filter changed (control
/// characters alone change nothing).
fn insert(filter: &mut LineEditor, text: &str) -> bool {
    let before = filter.len();
    filter.insert(text);
    filter.len() != before
}
