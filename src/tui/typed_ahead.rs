//! Input that arrives while the browser shows a preview: kept in order and
//! applied once the full dataset is there, so nothing typed is lost and
//! nothing is applied to data that is about to be replaced.

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::app::{Action, App};
use crate::keymap;

/// What to do with one event offered while the preview shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// Leave now.
    Quit,
    /// The terminal changed size: redraw the preview at once.
    Resize(u16, u16),
    /// Kept for the full dataset.
    Kept,
}

/// The events kept so far, oldest first.
#[derive(Debug, Default)]
pub struct TypedAhead {
    events: Vec<Event>,
}

impl TypedAhead {
    /// Takes an event. Ctrl-C always leaves at once; so does q as the
    /// first key (the main view's quit), but after other keys it may be
    /// text typed into a prompt they opened, so it is kept like them.
    pub fn offer(&mut self, event: Event) -> Offer {
        if let Event::Resize(width, height) = event {
            return Offer::Resize(width, height);
        }
        if let Event::Key(key) = &event
            && key.kind != KeyEventKind::Release
        {
            let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
            let first_q = key.code == KeyCode::Char('q') && key.modifiers.is_empty() && self.keys() == 0;
            if ctrl_c || first_q {
                return Offer::Quit;
            }
        }
        self.events.push(event);
        Offer::Kept
    }

    /// Key presses kept (what the status line counts).
    pub fn keys(&self) -> usize {
        self.events
            .iter()
            .filter(|e| matches!(e, Event::Key(k) if k.kind != KeyEventKind::Release))
            .count()
    }

    /// Applies the kept events to `app` in order, as if they arrived now;
    /// `after_each` carries out the effects each one asked for.
    ///
    /// They were typed at the main view, the one screen the user saw: a
    /// prompt opened since (`--at`'s jump prompt, for a name of no item)
    /// never showed, so nothing typed goes into it; the status line says
    /// the keys were dropped. Over the main view (`--at` opened an item)
    /// they apply, as moving on from where `--at` landed.
    pub fn replay(self, app: &mut App, mut after_each: impl FnMut(&mut App)) {
        if !app.overlays.is_empty() {
            self.drop_unseen(app);
            return;
        }
        for event in self.events {
            if app.should_quit {
                break;
            }
            if let Some(action) = keymap::handle_event(app, &event) {
                app.update(action);
            }
            after_each(app);
        }
    }

    /// Says on the status line (after what is there) that the keys kept
    /// were not applied.
    fn drop_unseen(self, app: &mut App) {
        let keys = self.keys();
        if keys == 0 {
            return;
        }
        let plural = if keys == 1 { "" } else { "s" };
        let dropped = format!("{keys} key{plural} typed while loading not applied");
        // Read, not taken: `update` is what changes the app.
        let message = match app.status.clone() {
            Some(status) => format!("{status} ({dropped})"),
            None => dropped,
        };
        app.update(Action::Status(message));
    }
}
