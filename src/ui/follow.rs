//! The follow prompt at the bottom: the related items that match what was
//! typed, each with the number that follows it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use super::{clear_popup, cut, detail, prompt_line, selectable_list};
use crate::app::{App, FollowState, follow_label};
use crate::text::fit;

/// Width of the relation column, at least: more when its widest label
/// ("receives reports from") needs it and the popup has room.
const RELATION_WIDTH: usize = 16;

/// The relation column takes at most this share (in percent) of the
/// popup's width beyond [`RELATION_WIDTH`].
const RELATION_MAX_PERCENT: usize = 25;

/// The relation column's width for `labels` in a popup `width` wide:
/// as wide as the widest label and a space on each side (the widest
/// would touch the title beside it), within its share. Widths are in
/// columns: a label of user data may hold wide or combining characters.
fn relation_width<'l>(labels: impl Iterator<Item = &'l str>, width: usize) -> usize {
    let widest = labels.map(|label| label.width() + 2).max().unwrap_or(0);
    widest.clamp(RELATION_WIDTH, RELATION_WIDTH.max(width * RELATION_MAX_PERCENT / 100))
}

pub fn render(app: &App, follow: &FollowState, frame: &mut Frame, area: Rect) {
    let related = app.related();
    let matches = follow.matches(app, &related);
    let rows_room = area.height.saturating_sub(3) / 2;
    let height = (u16::try_from(matches.len()).unwrap_or(u16::MAX).min(rows_room) + 3).min(area.height);
    let popup = Rect {
        x: area.x,
        y: area.y + area.height - height,
        width: area.width,
        height,
    };
    let width = usize::from(popup.width.saturating_sub(4));
    let relation_width = relation_width(matches.iter().map(|&row| related[row].label()), width);
    let rows: Vec<Text> = matches
        .iter()
        .map(|&row| {
            let entry = &related[row];
            let label = follow_label(row, related.len());
            let rest = width.saturating_sub(relation_width + label.len());
            let mut line = detail::related_line(app.data, entry, &app.theme, rest, &label, false);
            let relation = format!(" {}", fit(entry.label(), relation_width - 1));
            line.spans.insert(1, Span::styled(relation, app.theme.relation()));
            Text::from(line)
        })
        .collect();
    let input = format!("{}{}", follow.filter, follow.typed);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(app.theme.border(true))
        .title(cut::fit_line(
            Line::styled(title(follow, matches.len(), related.len()), app.theme.title(true)),
            usize::from(popup.width),
        ))
        .title_bottom(prompt_line(app, "f ", &input));
    let selected = matches.len().checked_sub(1).map(|last| follow.selected.min(last));
    let (list, mut state) = selectable_list(app, rows, block, selected, true, popup);
    clear_popup(frame, popup, area);
    frame.render_stateful_widget(list, popup, &mut state);
}

/// The popup's title: what typing does now. Digits that name a label and
/// wait (another label or a longer number of the list begins with them)
/// say that Enter follows it,
/// and a filter that lets nothing through says so before Enter is pressed.
fn title(follow: &FollowState, shown: usize, count: usize) -> String {
    let typed = &follow.typed;
    // Whatever label the digits name ("4": 04), Enter follows it now.
    let named = typed.parse::<usize>().ok().filter(|n| (1..=count).contains(n));
    if let Some(n) = named {
        let label = follow_label(n - 1, count);
        format!(" Follow — Enter follows {label}; more digits narrow the list ")
    } else if shown == 0 {
        format!(" Follow — none of {count} related matches; Enter searches all items ")
    } else {
        format!(" Follow — {shown} of {count} related; type a number or letters ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_relation_column_fits_its_widest_label_in_columns() {
        let wide = 200;
        // 20 chars, but 40 columns: each CJK char takes two.
        let cjk = "关系关系关系关系关系关系关系关系关系关系";
        assert_eq!(relation_width([cjk].into_iter(), wide), 42);
        // Combining accents take no column of their own.
        let combining = "e\u{301}".repeat(20);
        assert_eq!(relation_width([combining.as_str()].into_iter(), wide), 22);
        assert_eq!(relation_width(["extends the mandate of"].into_iter(), wide), 24);
        // Never below the least width, never past its share.
        assert_eq!(relation_width(["of"].into_iter(), wide), RELATION_WIDTH);
        assert_eq!(relation_width([cjk].into_iter(), 80), 20);
    }
}
