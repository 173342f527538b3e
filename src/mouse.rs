//! Mouse events to actions, by hit-testing against the layout the last
//! frame was drawn with (a pure function of the app and the terminal size).

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::app::{Action, App, Context, Motion, Pane, Row};
use crate::ui;

/// Lines the wheel moves per notch.
const WHEEL_STEP: isize = 3;

pub fn action_for_mouse(app: &App, mouse: &MouseEvent) -> Option<Action> {
    let at = Position::new(mouse.column, mouse.row);
    let wheel = match mouse.kind {
        MouseEventKind::ScrollUp => Some(-WHEEL_STEP),
        MouseEventKind::ScrollDown => Some(WHEEL_STEP),
        _ => None,
    };
    match app.context() {
        Context::Main => {}
        Context::Jump => return None,
        // In lists over the panes a notch of the wheel moves one row.
        _ => return wheel.map(|lines| Action::Move(Motion::By(lines.signum()))),
    }
    let (width, height) = app.size;
    if width < ui::MIN_WIDTH || height < ui::MIN_HEIGHT {
        return None;
    }
    let [categories, items, detail] = ui::pane_areas(app, ui::main_area(app));
    let pane = [
        (Pane::Categories, categories),
        (Pane::Items, items),
        (Pane::Detail, detail),
    ]
    .into_iter()
    .find(|(_, area)| area.contains(at))?;
    if let Some(delta) = wheel {
        return Some(Action::Scroll(pane.0, delta));
    }
    if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return None;
    }
    match pane {
        (Pane::Categories, area) => {
            list_row(area, at, app.row.index(), Row::COUNT).map(|row| Action::ClickRow(Pane::Categories, row))
        }
        (Pane::Items, area) => {
            list_row(area, at, app.item_row(), app.items().len()).map(|row| Action::ClickRow(Pane::Items, row))
        }
        (Pane::Detail, area) => match ui::detail::link_at(app, ui::split_trail(area)[1], at) {
            Some(link) => Some(Action::ClickLink(link)),
            None => Some(Action::ClickRow(Pane::Detail, 0)),
        },
    }
}

/// The list row under `at` in a bordered list pane, as drawn.
fn list_row(area: Rect, at: Position, selected: usize, len: usize) -> Option<usize> {
    let height = usize::from(area.height.saturating_sub(2));
    let line = usize::from(at.y.checked_sub(area.y + 1)?);
    if line >= height {
        return None;
    }
    let row = ui::scroll_offset(selected, len, height) + line;
    (row < len).then_some(row)
}
