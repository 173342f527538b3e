//! The reader's place in the detail across a resize: the text rewraps, so
//! the first line shown is kept by what it is (a relation group's heading,
//! a related item's row, or a share of the prose above them), not by its
//! number, which would land in another section.

use super::App;

/// The detail's first line shown, in terms a rewrap keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DetailAnchor {
    /// In the prose above the first landmark: `line` of its `lines`.
    Prose { line: usize, lines: usize },
    /// `offset` lines below landmark number `landmark`.
    Landmark { landmark: usize, offset: usize },
}

impl App<'_> {
    /// Where the detail shows from now, `None` at its top or with no item.
    pub(super) fn detail_anchor(&self) -> Option<DetailAnchor> {
        let idx = self.selected_item()?;
        let scroll = usize::from(self.detail_scroll);
        if scroll == 0 {
            return None;
        }
        let (landmarks, lines) = crate::ui::detail::landmark_lines(self, idx);
        let before = landmarks.partition_point(|&line| line <= scroll);
        Some(match before.checked_sub(1) {
            Some(landmark) => DetailAnchor::Landmark {
                landmark,
                offset: scroll - landmarks[landmark],
            },
            None => DetailAnchor::Prose {
                line: scroll,
                lines: landmarks.first().copied().unwrap_or(lines),
            },
        })
    }

    /// Scrolls the detail, as it is now drawn, to `anchor`.
    pub(super) fn scroll_detail_to(&mut self, anchor: DetailAnchor) {
        let Some(idx) = self.selected_item() else { return };
        let (landmarks, lines) = crate::ui::detail::landmark_lines(self, idx);
        let line = match anchor {
            DetailAnchor::Landmark { landmark, offset } => landmarks.get(landmark).map_or(0, |&at| at + offset),
            DetailAnchor::Prose { line, lines: before } => {
                let now = landmarks.first().copied().unwrap_or(lines);
                line * now / before.max(1)
            }
        };
        let last = self.detail_scroll_range().saturating_sub(1);
        self.detail_scroll = u16::try_from(line.min(last)).unwrap_or(u16::MAX);
    }
}
