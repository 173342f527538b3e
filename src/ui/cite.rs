//! "Cite as…": the citation styles to pick from, and the one under the
//! cursor in full below them, as it will reach the clipboard.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::path::no_taller_than;
use super::{centered, clear_popup, main_area, pane_block, selectable_list, with_scroll_position};
use crate::app::{App, CiteChoice};
use crate::cite::{self, Style};
use crate::text::{sanitize, wrap_showing_all};

/// The popup's share of the screen, in per cent: wide, for BibTeX lines.
const POPUP_WIDTH_PERCENT: u16 = 80;
const POPUP_HEIGHT_PERCENT: u16 = 80;

/// Rows of the style list: one per style and its two borders.
const STYLE_ROWS: u16 = Style::ALL.len() as u16 + 2;

/// What each style is for, beside its name.
fn purpose(style: Style) -> &'static str {
    match style {
        Style::Text => "the UN's form, one line to paste",
        Style::Bibtex => "for BibTeX, biblatex, Zotero",
        Style::Ris => "for EndNote, Zotero, Mendeley",
        Style::CslJson => "for Pandoc, Zotero (citeproc)",
    }
}

/// Where the chooser is drawn in `area`, and the citation it previews.
struct Popup {
    /// The citation's rows: its lines sanitised and wrapped to the popup.
    rows: Vec<String>,
    styles_area: Rect,
    preview_area: Rect,
}

impl Popup {
    fn of(app: &App, choice: &CiteChoice, area: Rect) -> Popup {
        let citation = cite::citation(app.data, choice.item, choice.style());
        let popup = at_least_rows(centered(area, POPUP_WIDTH_PERCENT, POPUP_HEIGHT_PERCENT), area);
        let inner_width = usize::from(popup.width.saturating_sub(2)).max(1);
        // Citations are free of control characters already; sanitised
        // again because this is the terminal, not the clipboard.
        let rows: Vec<String> = citation
            .lines()
            .flat_map(|line| wrap_showing_all(&sanitize(line), inner_width))
            .collect();
        let popup = no_taller_than(
            popup,
            u16::try_from(STYLE_ROWS as usize + 2 + rows.len()).unwrap_or(u16::MAX),
        );
        let [styles_area, preview_area] =
            Layout::vertical([Constraint::Length(STYLE_ROWS), Constraint::Min(0)]).areas(popup);
        Popup {
            rows,
            styles_area,
            preview_area,
        }
    }

    /// Rows of the citation shown at once.
    fn height(&self) -> usize {
        usize::from(self.preview_area.height.saturating_sub(2))
    }

    /// The first row shown for `scroll`: never past the last full page.
    fn first_row(&self, scroll: usize) -> usize {
        scroll.min(self.rows.len().saturating_sub(self.height()))
    }
}

/// Rows the popup keeps where the screen has them: the styles and one
/// row of the citation inside its borders (at 60×12 the share left the
/// citation no row while the hint bar offered to scroll it).
const LEAST_POPUP_ROWS: u16 = STYLE_ROWS + 3;

/// `popup`, made as tall as [`LEAST_POPUP_ROWS`] within `area` if shorter.
fn at_least_rows(popup: Rect, area: Rect) -> Rect {
    let height = popup.height.max(LEAST_POPUP_ROWS.min(area.height));
    Rect {
        y: area.y + (area.height - height) / 2,
        height,
        ..popup
    }
}

/// At the app's size: how many first rows the citation under the cursor
/// can be shown from, and how many rows show at once (a page).
pub fn scroll_range_and_page(app: &App, choice: &CiteChoice) -> (usize, usize) {
    let popup = Popup::of(app, choice, main_area(app));
    let height = popup.height();
    (popup.rows.len().saturating_sub(height) + 1, height.max(1))
}

pub fn render(app: &App, choice: &CiteChoice, frame: &mut Frame, area: Rect) {
    let popup = Popup::of(app, choice, area);
    let (height, scroll) = (popup.height(), popup.first_row(choice.scroll));
    let total = popup.rows.len();
    let Popup {
        rows: citation_rows,
        styles_area,
        preview_area,
    } = popup;
    let rows = Style::ALL
        .iter()
        .map(|&style| {
            let default = if style == app.citation_style { "  (y)" } else { "" };
            Text::from(Line::from(vec![
                Span::styled(format!("{:<9}", style.name()), app.theme.key()),
                Span::raw(purpose(style)),
                Span::styled(default, app.theme.status()),
            ]))
        })
        .collect();
    let title = format!("Cite {} as", app.status_name(choice.item));
    let block = pane_block(app, &sanitize(&title), true, styles_area.width);
    let (list, mut state) = selectable_list(app, rows, block, Some(choice.selected), true, styles_area);
    clear_popup(frame, styles_area.union(preview_area), area);
    frame.render_stateful_widget(list, styles_area, &mut state);
    // A record taller than the popup says so, as every cut pane does, and
    // scrolls; the copy is whole all the same.
    let lines: Vec<Line> = citation_rows.into_iter().map(Line::raw).collect();
    // A part titled by us is cited as its document: say so, or the copy
    // looks like another item's.
    let copies = match app.data.item(choice.item).title_is_ours {
        true => "What y or Enter copies: the document's (its title is ours)",
        false => "What y or Enter copies",
    };
    let block = pane_block(app, copies, false, preview_area.width);
    let block = with_scroll_position(app, block, scroll, height, total);
    let preview = Paragraph::new(lines)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0));
    frame.render_widget(preview, preview_area);
}
