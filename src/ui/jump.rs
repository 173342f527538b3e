//! The `:` prompt at the bottom, with completions above it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use super::{clear_popup, cut, editor_line, selectable_list};
use crate::app::{App, JumpState};
use crate::text::{sanitize, truncate};

pub fn render(app: &App, jump: &JumpState, frame: &mut Frame, area: Rect) {
    let rows = jump.completions.len() as u16;
    let height = (rows + 3).min(area.height);
    let popup = Rect {
        x: area.x,
        y: area.y + area.height - height,
        width: area.width,
        height,
    };
    let width = usize::from(popup.width.saturating_sub(4));
    let items: Vec<Text> = jump
        .completions
        .iter()
        .map(|&idx| {
            let item = app.data.item(idx);
            let handle = sanitize(item.handle());
            let rest = width.saturating_sub(handle.chars().count() + 2);
            Text::from(Line::from(vec![
                Span::styled(handle, app.theme.symbol()),
                Span::raw("  "),
                Span::raw(truncate(&sanitize(item.label()), rest)),
            ]))
        })
        .collect();
    let prompt = editor_line(app, ": ", &jump.input, usize::from(popup.width));
    // A list cut short says so, as every cut pane does; the title gives
    // it room.
    let cut_short = (jump.answering > jump.completions.len())
        .then(|| format!(" best {} of {}: type more ", jump.completions.len(), jump.answering));
    let room = usize::from(popup.width).saturating_sub(cut_short.as_ref().map_or(0, |said| said.width() + 1));
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(app.theme.border(true))
        .title(cut::fit_line(
            Line::styled(
                " Jump to an item: id, symbol, code, title words — Tab completes ",
                app.theme.title(true),
            ),
            room,
        ))
        .title_bottom(prompt);
    let block = match cut_short {
        Some(said) => block.title(Line::styled(said, app.theme.key()).right_aligned()),
        None => block,
    };
    let selected = (!jump.completions.is_empty()).then_some(jump.selected);
    let (list, mut state) = selectable_list(app, items, block, selected, true, popup);
    clear_popup(frame, popup, area);
    frame.render_stateful_widget(list, popup, &mut state);
}
