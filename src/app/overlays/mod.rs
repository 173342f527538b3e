//! The overlays that sit over the three panes, kept as a stack: the top one
//! takes the keys, the view draws them bottom to top, and accepting an
//! item closes them all. Adding an overlay: a variant here (with its
//! context), a module beside this one with its state and update, its view
//! in `ui`, and its key bindings in `keymap`.

mod cite;
mod follow;
mod help;
mod jump;
mod links;
mod path;
mod search;
mod timeline;

pub use cite::CiteChoice;
pub use follow::{FollowState, label as follow_label};
pub use help::HelpState;
pub use jump::JumpState;
pub use links::{LinkKind, LinksChoice, links};
pub use path::PathView;
pub use search::{Scope, SearchRequest, SearchState};
pub use timeline::{TimelineLine, TimelineState};

use super::{Action, App};
use crate::data::ItemIdx;

#[derive(Debug, Clone)]
pub enum Overlay {
    Search(SearchState),
    Timeline(TimelineState),
    Jump(JumpState),
    Path(PathView),
    Help(HelpState),
    Follow(FollowState),
    Cite(CiteChoice),
    Links(LinksChoice),
}

/// Which key bindings apply: the main view's, or the top overlay's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Main,
    Search,
    Help,
    /// Typing help's filter, after `/` in help.
    HelpFilter,
    Jump,
    Timeline,
    Path,
    Follow,
    Cite,
    Links,
}

impl Context {
    /// Every context, in the order the help overlay lists them.
    pub const ALL: [Context; 10] = [
        Context::Main,
        Context::Follow,
        Context::Search,
        Context::Jump,
        Context::Timeline,
        Context::Path,
        Context::Cite,
        Context::Links,
        Context::Help,
        Context::HelpFilter,
    ];

    /// The heading of the context's section in help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Main => "Browsing",
            Context::Search => "Search (/)",
            Context::Jump => "Jump (:)",
            Context::Timeline => "Timeline (t)",
            Context::Path => "Path (p, then P)",
            Context::Help => "Help",
            Context::HelpFilter => "Filter help (/ in help)",
            Context::Follow => "Follow a related item (f, or its number)",
            Context::Cite => "Cite as (c)",
            Context::Links => "Links and sources (O)",
        }
    }

    /// Prompts take every printable character as input.
    pub fn is_prompt(self) -> bool {
        matches!(
            self,
            Context::Search | Context::Jump | Context::Follow | Context::HelpFilter
        )
    }
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Search(_) => Context::Search,
            Overlay::Timeline(_) => Context::Timeline,
            Overlay::Jump(_) => Context::Jump,
            Overlay::Path(_) => Context::Path,
            Overlay::Help(help) if help.typing => Context::HelpFilter,
            Overlay::Help(_) => Context::Help,
            Overlay::Follow(_) => Context::Follow,
            Overlay::Cite(_) => Context::Cite,
            Overlay::Links(_) => Context::Links,
        }
    }

    /// Whether the overlay fills the whole screen above the hint bar, so
    /// nothing below it needs drawing.
    pub fn is_opaque(&self) -> bool {
        matches!(self, Overlay::Search(_) | Overlay::Timeline(_))
    }
}

/// What an overlay's update asks for once it has handled an action.
#[derive(Debug)]
pub(crate) enum Transition {
    /// The overlay stays on top.
    Stay,
    /// The overlay closes; the one below (if any) is on top again.
    Close,
    /// Another overlay opens on top of this one.
    Open(Overlay),
    /// Every overlay closes and the browser goes to the item.
    Accept(ItemIdx),
    /// Every overlay closes and the main view handles the action.
    ToMain(Action),
}

impl App<'_> {
    /// Offers `action` to the top overlay. The overlay is taken off the
    /// stack while it updates, so its update may use the whole app.
    pub(crate) fn update_overlay(&mut self, action: Action) {
        let Some(mut top) = self.overlays.pop() else {
            return;
        };
        let transition = match &mut top {
            Overlay::Search(search) => self.update_search(search, action),
            Overlay::Timeline(timeline) => self.update_timeline(timeline, action),
            Overlay::Jump(jump) => self.update_jump(jump, action),
            Overlay::Path(path) => self.update_path(path, action),
            Overlay::Help(help) => self.update_help(help, action),
            Overlay::Follow(follow) => self.update_follow(follow, action),
            Overlay::Cite(choice) => self.update_cite(choice, action),
            Overlay::Links(choice) => self.update_links(choice, action),
        };
        match transition {
            Transition::Stay => self.overlays.push(top),
            Transition::Close => {}
            Transition::Open(above) => {
                self.overlays.push(top);
                self.overlays.push(above);
            }
            Transition::Accept(item) => {
                self.overlays.clear();
                self.go_to(item);
            }
            Transition::ToMain(action) => {
                self.overlays.clear();
                self.update_main(action);
            }
        }
    }

    /// The key context: the top overlay's, or the main view's.
    pub fn context(&self) -> Context {
        self.overlays.last().map_or(Context::Main, Overlay::context)
    }

    /// The topmost open overlay that `pick` recognises.
    fn find_overlay<'s, T>(&'s self, pick: impl Fn(&'s Overlay) -> Option<&'s T>) -> Option<&'s T> {
        self.overlays.iter().rev().find_map(pick)
    }

    pub fn search(&self) -> Option<&SearchState> {
        self.find_overlay(|o| if let Overlay::Search(s) = o { Some(s) } else { None })
    }

    pub fn timeline(&self) -> Option<&TimelineState> {
        self.find_overlay(|o| if let Overlay::Timeline(t) = o { Some(t) } else { None })
    }

    pub fn jump(&self) -> Option<&JumpState> {
        self.find_overlay(|o| if let Overlay::Jump(j) = o { Some(j) } else { None })
    }

    pub fn follow_prompt(&self) -> Option<&FollowState> {
        self.find_overlay(|o| if let Overlay::Follow(f) = o { Some(f) } else { None })
    }

    pub fn path(&self) -> Option<&PathView> {
        self.find_overlay(|o| if let Overlay::Path(p) = o { Some(p) } else { None })
    }

    pub fn cite_choice(&self) -> Option<&CiteChoice> {
        self.find_overlay(|o| if let Overlay::Cite(c) = o { Some(c) } else { None })
    }

    pub fn links_choice(&self) -> Option<&LinksChoice> {
        self.find_overlay(|o| if let Overlay::Links(l) = o { Some(l) } else { None })
    }

    pub fn help(&self) -> Option<&HelpState> {
        self.find_overlay(|o| if let Overlay::Help(h) = o { Some(h) } else { None })
    }

    /// The hit under the cursor in the search overlay.
    pub fn search_selection(&self) -> Option<ItemIdx> {
        self.search().and_then(SearchState::selection)
    }
}
