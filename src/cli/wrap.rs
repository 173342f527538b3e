//! `show`'s text wrapped at word boundaries for a terminal: a terminal
//! breaks lines wherever the edge falls, inside words. Each wrapped line
//! keeps its indent, and a list row's continuation lines hang under its
//! text, past the bullet. A word wider than the line (a URL) is never cut:
//! it goes whole on a line of its own, where a terminal's selection and
//! link detection still see it whole.

use unicode_width::UnicodeWidthStr;

/// What begins a list row of `show` after its indent.
const BULLETS: [&str; 4] = ["- ", "? ", "✓ ", "· "];

/// A hanging indent wider than this share of the width (in percent) is
/// dropped: the continuation lines would be too narrow to read.
const MAX_HANG_PERCENT: usize = 50;

/// `text` with every line wider than `width` columns wrapped at spaces.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for line in text.split_inclusive('\n') {
        let (line, newline) = match line.strip_suffix('\n') {
            Some(line) => (line, "\n"),
            None => (line, ""),
        };
        if line.width() <= width {
            out.push_str(line);
        } else {
            wrap_line(line, width, &mut out);
        }
        out.push_str(newline);
    }
    out
}

/// One line too wide for `width`, wrapped into `out` (no final newline).
fn wrap_line(line: &str, width: usize, out: &mut String) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let hang = Some(hang_of(line, indent)).filter(|hang| hang * 100 <= width * MAX_HANG_PERCENT);
    let hang = hang.unwrap_or(indent);
    let mut used = 0;
    let mut line_empty = true;
    for (at, (gap, word)) in words(line).enumerate() {
        // Spaces that end the line would make a line of their own.
        if word.is_empty() {
            break;
        }
        let needed = gap.width() + word.width();
        // Nothing breaks before the hang column: a bullet keeps its text.
        if !line_empty && used > hang && used + needed > width {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', hang));
            used = hang;
            line_empty = true;
        }
        // A gap is kept inside a line (columns line up) and as the first
        // word's indent, not at a break.
        if !line_empty || at == 0 {
            out.push_str(gap);
            used += gap.width();
        }
        out.push_str(word);
        used += word.width();
        line_empty = false;
    }
}

/// Where the continuation lines of `line` start: under the text of a
/// list row, past its bullet ("  - "); under the second column of a row
/// whose columns are set apart by two spaces or more ("Body:     ",
/// "    A/RES/60/252  "); else at its indent.
fn hang_of(line: &str, indent: usize) -> usize {
    let rest = &line[indent..];
    if let Some(bullet) = BULLETS.iter().find(|b| rest.starts_with(*b)) {
        return line[..indent + bullet.len()].width();
    }
    match rest.find("  ") {
        // Two spaces after a sentence are prose (`show` joins a summary's
        // paragraphs so), not a gap between columns.
        Some(gap) if !rest[..gap].ends_with(['.', '!', '?']) => {
            let column = indent + gap + rest[gap..].len() - rest[gap..].trim_start_matches(' ').len();
            line[..column].width()
        }
        _ => indent,
    }
}

/// The words of `line`, each with the spaces before it.
fn words(line: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let gap_end = rest.len() - rest.trim_start_matches(' ').len();
        let word_end = rest[gap_end..].find(' ').map_or(rest.len(), |end| gap_end + end);
        let (gap, word) = (&rest[..gap_end], &rest[gap_end..word_end]);
        rest = &rest[word_end..];
        Some((gap, word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_that_end_a_line_add_no_line() {
        assert_eq!(wrap("aaaa bbbb  ", 9), "aaaa bbbb");
        assert_eq!(wrap("aaaa bbbb cc  \n", 9), "aaaa bbbb\ncc\n");
    }

    #[test]
    fn two_spaces_after_a_sentence_are_prose_not_a_column() {
        let text = "  Adopted.  The Agenda sets out the follow-up of the Summit.";
        let wrapped = wrap(text, 24);
        assert!(
            wrapped
                .lines()
                .skip(1)
                .all(|line| line.starts_with("  ") && !line.starts_with("   ")),
            "{wrapped}"
        );
        assert!(wrapped.lines().all(|line| line.len() <= 24), "{wrapped}");
    }

    #[test]
    fn lines_break_between_words_and_keep_their_indent() {
        let text = "The Tunis Agenda for the Information Society\n  - a key point that runs past the edge\n";
        let wrapped = wrap(text, 20);
        assert_eq!(
            wrapped,
            "The Tunis Agenda for\nthe Information\nSociety\n  - a key point that\n    runs past the\n    edge\n"
        );
        assert!(wrapped.lines().all(|l| l.width() <= 20), "{wrapped}");
    }

    #[test]
    fn a_word_wider_than_the_line_stays_whole_on_its_own_line() {
        let url = "https://digitallibrary.un.org/record/591211?ln=en";
        let wrapped = wrap(&format!("  ✓ see {url} for the text\n"), 24);
        let lines: Vec<&str> = wrapped.lines().collect();
        assert_eq!(lines, ["  ✓ see", &format!("    {url}"), "    for the text"]);
        // Nor is it parted from its bullet.
        let wrapped = wrap(&format!("  ✓ {url}\n"), 24);
        assert_eq!(wrapped, format!("  ✓ {url}\n"));
    }

    #[test]
    fn a_row_of_columns_continues_under_its_second_column() {
        let wrapped = wrap("    A/RES/60/252  GA endorses Tunis, sets follow-up\n", 40);
        assert_eq!(
            wrapped,
            "    A/RES/60/252  GA endorses Tunis,\n                  sets follow-up\n"
        );
        let wrapped = wrap("Body:     World Summit on the Information Society\n", 30);
        assert_eq!(
            wrapped,
            "Body:     World Summit on the\n          Information Society\n"
        );
        // A second column past half the width: the row continues at its indent.
        let wrapped = wrap(
            "    tunis-agenda-paras-108-109  TA paras 108-109: AL facilitation\n",
            50,
        );
        assert_eq!(
            wrapped,
            "    tunis-agenda-paras-108-109  TA paras 108-109:\n    AL facilitation\n"
        );
    }

    #[test]
    fn short_lines_and_blank_lines_are_unchanged() {
        let text = "Date:     2005-11-18\n\nKey points:\n";
        assert_eq!(wrap(text, 40), text);
        assert_eq!(wrap("no newline at the end", 80), "no newline at the end");
    }
}
