//! A name as a table printed it, cut to fit ("cstd-enhanced-cooperatio…",
//! "…/GENEVA/DOC/4-E", "A/66/77–…"): pasted into `show`, `cite`, `open`
//! or `--at`, it names the item whose id or symbol it was cut from, when
//! only one fits. Asked only when no name answers, so a cut name never
//! shadows a real one.

use super::aliases::{Resolved, items_where};
use super::model::Item;

/// What a table puts where it cut a name.
const CUT_MARK: char = '…';

/// The items whose id or symbol `name` may have been cut from: each `…`
/// in it stands for one or more characters, the rest as written (case
/// aside). None for a name with no `…`, or nothing but them.
pub fn by_cut_handle<'a>(items: impl IntoIterator<Item = &'a Item>, name: &str) -> Resolved {
    let name = name.trim();
    let pieces: Vec<String> = name.split(CUT_MARK).map(str::to_lowercase).collect();
    if pieces.len() < 2 || pieces.iter().all(String::is_empty) {
        return Resolved::None;
    }
    let cut_from = |handle: &str| is_cut_from(&pieces, &handle.to_lowercase());
    items_where(items, |item| {
        cut_from(&item.id) || item.symbol.as_deref().is_some_and(&cut_from)
    })
}

/// Whether `handle` reads as `pieces` with at least one character where
/// each cut was made between them.
fn is_cut_from(pieces: &[String], handle: &str) -> bool {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return false;
    };
    let Some(mut rest) = handle.strip_prefix(first.as_str()) else {
        return false;
    };
    for piece in &pieces[1..pieces.len() - 1] {
        // At least one character cut before it.
        let Some((cut, _)) = rest.char_indices().nth(1) else {
            return false;
        };
        let Some(at) = rest[cut..].find(piece.as_str()) else {
            return false;
        };
        rest = &rest[cut + at + piece.len()..];
    }
    rest.chars().count() > last.chars().count() && rest.ends_with(last.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn resolved(data: &Dataset, name: &str) -> Resolved {
        by_cut_handle(data.items(), name)
    }

    fn id_of(data: &Dataset, id: &str) -> usize {
        data.by_id(id).expect("an embedded id")
    }

    #[test]
    fn a_cut_id_or_symbol_names_the_one_item_it_was_cut_from() {
        let data = Dataset::embedded().expect("embedded data");
        let meeting = id_of(&data, "cstd-enhanced-cooperation-meeting-2012");
        assert_eq!(resolved(&data, "cstd-enhanced-cooperatio…"), Resolved::One(meeting));
        assert_eq!(resolved(&data, " CSTD-Enhanced-Cooperatio… "), Resolved::One(meeting));
        let geneva = data.resolve("WSIS-03/GENEVA/DOC/4-E");
        assert!(matches!(geneva, Resolved::One(_)), "{geneva:?}");
        assert_eq!(resolved(&data, "…/GENEVA/DOC/4-E"), geneva);
        assert_eq!(resolved(&data, "WSIS-03/…/DOC/4-E"), geneva);
    }

    #[test]
    fn a_cut_name_of_several_items_lists_them_and_a_whole_name_is_not_cut() {
        let data = Dataset::embedded().expect("embedded data");
        let Resolved::Ambiguous(both) = resolved(&data, "…/DOC/5-E") else {
            panic!("two symbols end so");
        };
        let symbols: Vec<_> = both.iter().map(|&idx| data.item(idx).symbol.as_deref()).collect();
        assert!(symbols.contains(&Some("WSIS-03/GENEVA/DOC/5-E")), "{symbols:?}");
        assert!(symbols.contains(&Some("WSIS-II/PC-3/DOC/5-E")), "{symbols:?}");
        // The mark stands for at least one character, and is needed.
        assert_eq!(
            resolved(&data, "cstd-enhanced-cooperation-meeting-2012…"),
            Resolved::None
        );
        assert_eq!(
            resolved(&data, "cstd-enhanced-cooperation-meeting-2012"),
            Resolved::None
        );
        assert_eq!(resolved(&data, "…"), Resolved::None);
        assert_eq!(resolved(&data, "zzq…"), Resolved::None);
    }
}
