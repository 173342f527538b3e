//! "How is X connected to Y?": the shortest path between the marked item
//! and the current one, each step labelled with its relation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};

use super::{centered, clear_popup, pane_block, selectable_list};
use crate::app::{App, PathView};
use crate::text::{sanitize, truncate};

pub fn render(app: &App, path: &PathView, frame: &mut Frame, area: Rect) {
    let popup = centered(area, 80, 70);
    let width = usize::from(popup.width.saturating_sub(4));
    let name = |idx| {
        let item = app.data.item(idx);
        sanitize(&match &item.symbol {
            Some(symbol) => format!("{symbol}  {}", item.label()),
            None => item.label().to_string(),
        })
    };
    let mut rows = vec![Text::from(Line::from(Span::raw(truncate(&name(path.from), width))))];
    match &path.steps {
        Some(steps) => {
            for step in steps {
                let label = format!("  ↳ {} ", step.label);
                let rest = width.saturating_sub(label.chars().count());
                rows.push(Text::from(Line::from(vec![
                    Span::styled(label, app.theme.relation()),
                    Span::raw(truncate(&name(step.to), rest)),
                ])));
            }
        }
        None => rows.push(Text::from(Line::from(Span::styled(
            format!("  no path to {}", name(path.to)),
            app.theme.status(),
        )))),
    }
    let steps = path.steps.as_ref().map_or(0, Vec::len);
    let title = match &path.steps {
        Some(_) => format!("Path — {steps} step{}", if steps == 1 { "" } else { "s" }),
        None => "Path — none".to_string(),
    };
    let block = pane_block(app, &title, true, popup.width);
    let popup = no_taller_than(
        popup,
        u16::try_from(rows.len()).unwrap_or(u16::MAX).saturating_add(BORDERS),
    );
    let (list, mut state) = selectable_list(app, rows, block, Some(path.selected), true, popup);
    clear_popup(frame, popup, area);
    frame.render_stateful_widget(list, popup, &mut state);
}

/// Rows the popup's border takes, top and bottom.
const BORDERS: u16 = 2;

/// `popup` cut to `height` rows if taller, still centred where it was: a
/// path of three steps needs no box of thirty rows.
pub(super) fn no_taller_than(popup: Rect, height: u16) -> Rect {
    let kept = popup.height.min(height);
    Rect {
        y: popup.y + (popup.height - kept) / 2,
        height: kept,
        ..popup
    }
}
