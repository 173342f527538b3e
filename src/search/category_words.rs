//! The words of the category names: a query word that names an item's
//! category ("resolution" or "res" of "GA resolutions", "ecosoc", "gdc")
//! counts as matched for an item whose own texts lack it, at the lowest
//! score ([`super::score::CATEGORY_WORD`]), if another query word is
//! found in its texts: a category's name completes a match, never makes
//! one alone ("digital compact" would list the whole category). A person
//! types "resolution 70/125" for A/RES/70/125, whose texts never say
//! "resolution". Where every item of the category is headed by the
//! word that ends its name ("resolution", "report": [`heading_named_by`]),
//! the word ranks its items high instead ([`super::score::HEADING_KIND`]).
//! Decided at query time over the few words of the names: the index
//! stores none.

use std::ops::Range;

use super::fold::fold;
use super::tokens::tokens;
use super::{Field, Matched};
use crate::data::{CATEGORIES, Category};

/// Words of category names that name no category on their own.
const SKIPPED: [&str; 1] = ["and"];

/// Query words of this many letters name a category word they start
/// ("res", "reso" of "resolutions"); shorter ones only the whole word
/// ("ga", "sg"), or a first keystroke would name half the categories.
const PREFIX_FROM: usize = 3;

/// What names a category: its name, and its abbreviation where the name
/// lacks it ("Digital Compact (GDC)").
fn label(category: &Category) -> String {
    let name = fold(category.name);
    let abbrev = fold(category.abbrev);
    if tokens(&name).iter().any(|token| token.text == abbrev) {
        category.name.to_string()
    } else {
        format!("{} ({})", category.name, category.abbrev)
    }
}

/// Whether query word `term` (folded) names `word`, a word of a label.
fn names(word: &str, term: &str) -> bool {
    if SKIPPED.contains(&word) || word.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    word == term || term.chars().count() >= PREFIX_FROM && word.starts_with(term)
}

/// The words of `label` (folded) that `term` names: their char ranges in
/// it and their positions.
fn named_in(label: &str, term: &str) -> Vec<(Range<usize>, u32)> {
    let folded = fold(label);
    let chars = |byte: usize| folded[..byte].chars().count();
    tokens(&folded)
        .into_iter()
        .filter(|token| names(token.text, term))
        .map(|token| (chars(token.range.start)..chars(token.range.end), token.position))
        .collect()
}

/// Per category (in [`CATEGORIES`] order), the position in its label of
/// the first word `term` names, if it names one.
pub(super) fn named_by(term: &str) -> Vec<Option<u32>> {
    CATEGORIES
        .iter()
        .map(|category| named_in(&label(category), term).first().map(|(_, position)| *position))
        .collect()
}

/// Per category (in [`CATEGORIES`] order), whether `term` names what its
/// items are: the last word of its name ("reports" of "SG reports").
pub(super) fn kind_named_by(term: &str) -> Vec<bool> {
    CATEGORIES
        .iter()
        .map(|category| {
            let name = fold(category.name);
            tokens(&name).last().is_some_and(|noun| names(noun.text, term))
        })
        .collect()
}

/// The categories each item of which is what the word ending the
/// category's name says, as its heading does: a GA or ECOSOC resolution's
/// text opens "Resolution adopted by…", an SG report is a report of the
/// Secretary-General (the one note among them transmits the Summit's
/// report). Not "Reviews & roadmaps" nor "Bodies and fora": few of their
/// items are one.
const HEADED_BY_KIND: [&str; 3] = ["ga", "ecosoc", "sg-report"];

/// Per category (in [`CATEGORIES`] order), whether `term` names the word
/// that heads every one of its items ([`HEADED_BY_KIND`]).
pub(super) fn heading_named_by(term: &str) -> Vec<bool> {
    kind_named_by(term)
        .into_iter()
        .zip(CATEGORIES)
        .map(|(kind, category)| kind && HEADED_BY_KIND.contains(&category.id))
        .collect()
}

/// Per category (in [`CATEGORIES`] order), whether a word of `phrase`
/// (folded) names the word that heads every one of its items
/// ([`heading_named_by`]): asked once per query, for
/// [`heads_a_title_line`].
pub(super) fn heading_kinds(phrase: &[&str]) -> Vec<bool> {
    let mut kinds = vec![false; CATEGORIES.len()];
    for term in phrase {
        for (kind, named) in kinds.iter_mut().zip(heading_named_by(term)) {
            *kind |= named;
        }
    }
    kinds
}

/// Whether a title line of `title` is headed by a word that heads every
/// item of a category the query names so (`kinds`, [`heading_kinds`]),
/// other than `category` (the item's): "Report on the progress made…"
/// for "report" or "reports". Such an item is a report as an SG report
/// is, and ranks near one ([`super::score::TITLE_HEADED_KIND`]); in its
/// own category the word already counted so.
pub(super) fn heads_a_title_line(title: &str, kinds: &[bool], category: usize) -> bool {
    if !kinds.contains(&true) {
        return false;
    }
    title.lines().any(|line| {
        let folded = fold(line);
        let Some(first) = tokens(&folded).into_iter().next() else {
            return false;
        };
        let headed = heading_named_by(first.text);
        let heads_its_own = headed.get(category).copied().unwrap_or(false);
        !heads_its_own && headed.iter().zip(kinds).any(|(&headed, &asked)| headed && asked)
    })
}

/// Why an item of category number `category` matched `terms`, the query
/// words its texts lack: the category's label with the words they name
/// marked, if they name any.
pub(super) fn explained(category: usize, terms: &[&str]) -> Option<Matched> {
    if terms.is_empty() {
        return None;
    }
    let label = label(CATEGORIES.get(category)?);
    let mut ranges: Vec<Range<usize>> = terms
        .iter()
        .flat_map(|term| named_in(&label, term))
        .map(|(range, _)| range)
        .collect();
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_unstable_by_key(|range| (range.start, range.end));
    ranges.dedup();
    Some(Matched {
        field: Field::Category,
        text: label,
        ranges,
        // The label is short: shown whole, from its first match.
        focus: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::category::category_index;

    fn names_category(term: &str, id: &str) -> bool {
        let at = category_index(id).expect("a category");
        named_by(term)[at].is_some()
    }

    #[test]
    fn a_word_names_the_categories_whose_name_or_abbreviation_has_it() {
        assert!(names_category("resolution", "ga"));
        assert!(names_category("res", "ecosoc"));
        assert!(names_category("gdc", "gdc"));
        assert!(names_category("ecosoc", "ecosoc"));
        assert!(!names_category("resolution", "sg-report"));
        // Short words only whole; "and" and bare numbers name nothing.
        assert!(names_category("sg", "sg-report"));
        assert!(!names_category("s", "sg-report"));
        assert!(!names_category("re", "ga"));
        assert!(!names_category("and", "body"));
        assert!(!names_category("20", "wsis20"));
    }

    #[test]
    fn a_word_names_what_a_category_holds_by_the_last_word_of_its_name() {
        let kind = |term: &str, id: &str| kind_named_by(term)[category_index(id).expect("a category")];
        assert!(kind("report", "sg-report"));
        assert!(kind("resolution", "ga"));
        assert!(kind("resolutions", "ecosoc"));
        assert!(!kind("sg", "sg-report"));
        assert!(!kind("wsis", "action-line"));
        assert!(!kind("report", "cstd"));
    }

    #[test]
    fn only_resolutions_and_reports_are_headed_by_their_kind() {
        let headed = |term: &str, id: &str| heading_named_by(term)[category_index(id).expect("a category")];
        assert!(headed("resolution", "ga"));
        assert!(headed("resolutions", "ecosoc"));
        assert!(headed("report", "sg-report"));
        assert!(!headed("roadmaps", "wsis20"), "few reviews are roadmaps");
        assert!(!headed("fora", "body"));
        assert!(!headed("report", "ga"));
        assert!(!headed("ga", "ga"), "the abbreviation is no kind");
    }

    #[test]
    fn a_kind_word_heading_a_title_outside_its_categories_heads_it() {
        let at = |id: &str| category_index(id).expect("a category");
        let heads = |title: &str, phrase: &[&str], id: &str| heads_a_title_line(title, &heading_kinds(phrase), at(id));
        let title = "Report on the progress made\nCSTD 20-year WSIS review report";
        assert!(heads(title, &["cstd", "report"], "cstd"));
        assert!(heads(title, &["reports"], "cstd"), "the plural names the kind too");
        assert!(heads(title, &["rep"], "cstd"), "as \"rep\" names SG reports");
        assert!(
            heads("WSIS+20\nReport by the ITU", &["report"], "wsis20"),
            "any title line"
        );
        // Its own category's heading counts already; a word only inside,
        // or a word that heads no category, heads nothing.
        assert!(!heads(title, &["report"], "sg-report"));
        assert!(!heads("The biennial report", &["report"], "wsis20"));
        assert!(!heads("Resilient networks", &["res"], "wsis20"));
        assert!(!heads("Review of the Summit", &["review"], "wsis20"));
        assert!(
            !heads("Resolution 140 of the ITU", &["report"], "wsis20"),
            "another kind"
        );
        assert!(!heads(title, &["cstd"], "cstd"));
    }

    #[test]
    fn the_explanation_marks_the_named_words_of_the_label() {
        let ga = category_index("ga").expect("ga");
        let why = explained(ga, &["resolution"]).expect("explained");
        assert_eq!(why.text, "GA resolutions");
        assert_eq!(why.ranges, vec![3..14_usize]);
        let gdc = category_index("gdc").expect("gdc");
        let why = explained(gdc, &["gdc"]).expect("explained");
        assert_eq!(why.text, "Digital Compact (GDC)");
        assert_eq!(why.ranges, vec![17..20_usize]);
        assert_eq!(explained(ga, &["zzz"]), None);
    }
}
