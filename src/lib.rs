//! wsis-browser: a terminal browser for the documents of the World Summit on
//! the Information Society and its follow-up.
//!
//! The core (`data`, `graph`, `search`, `cite`) knows nothing of terminals;
//! `app` holds state, and `App::update` is the only code that changes it;
//! `ui` renders purely; `tui` runs the event loop and carries out effects;
//! `cli` runs the non-interactive commands. docs/ARCHITECTURE.md has more.

// Lets unit tests include examples/synth.rs, which names the crate.
#[cfg(test)]
extern crate self as wsis_browser;

pub mod app;
pub(crate) mod arena;
pub mod atomic_write;
pub mod bookmarks;
pub mod cite;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod data;
pub mod dataset_cache;
pub mod graph;
pub mod json;
pub mod keymap;
pub mod mouse;
pub mod query_history;
pub mod regular_file;
pub mod search;
pub mod signals;
pub mod sources;
pub mod suggest;
pub mod terminal_input;
pub mod terminal_setup;
pub mod text;
pub mod tui;
pub mod ui;
pub mod web_browser;
pub mod xdg;
