//! wsis-browser: a terminal browser for the documents of the World Summit on
//! the Information Society and its follow-up.
//!
//! The core (`data`, `graph`, `search`) knows nothing of terminals; `app`
//! holds state and its only mutator `update`; `ui` renders purely; `tui`
//! runs the event loop and `cli` the non-interactive commands.

pub mod app;
pub mod bookmarks;
pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod data;
pub mod graph;
pub mod json;
pub mod keymap;
pub mod mouse;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
pub mod xdg;
