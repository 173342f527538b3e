//! "Did you mean …?": the known name nearest to a mistyped one. Shared by
//! the loader (link targets, relation names) and the command line.

/// The name of `known` nearest to `wanted` (ignoring case), if one is near
/// enough: at most a third of its length away, and never more than
/// [`MAX_DISTANCE`] edits. Ties go to the alphabetically first name.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    let wanted_len = wanted.chars().count();
    known
        .into_iter()
        .filter_map(|name| {
            let allowed = allowed_distance(name);
            // Cheap bound first: the lengths alone may rule a name out.
            if wanted_len.abs_diff(name.chars().count()) > allowed {
                return None;
            }
            let distance = strsim::levenshtein(&wanted, &name.to_lowercase());
            (distance <= allowed).then_some((distance, name))
        })
        .min()
        .map(|(_, name)| name)
}

/// Most edits a suggestion may be away: long names do not make any
/// distant name a suggestion.
pub const MAX_DISTANCE: usize = 8;

fn allowed_distance(name: &str) -> usize {
    (name.chars().count() / 3).clamp(2, MAX_DISTANCE)
}

/// A symbol or the end of one as typed ("2006/64", "70/152"), read once
/// to be asked of every symbol ([`Self::is_one_slip_from`]). Only a name
/// with a digit and a '/' of at least [`SYMBOL_SLIP_FROM`] characters:
/// shorter ends ("2/3") are one slip from too many symbols.
pub struct SymbolSlip {
    /// Lowercased, trimmed.
    wanted: String,
    /// Its '/'-parts: a symbol's end of as many is compared.
    parts: usize,
}

impl SymbolSlip {
    pub fn of(wanted: &str) -> Option<SymbolSlip> {
        let wanted = wanted.trim().to_lowercase();
        let asked = wanted.chars().count() >= SYMBOL_SLIP_FROM
            && wanted.contains('/')
            && wanted.contains(|c: char| c.is_ascii_digit());
        let parts = wanted.split('/').count();
        asked.then_some(SymbolSlip { wanted, parts })
    }

    /// Whether it is one slip from `symbol` or from its end of as many
    /// parts: a digit or letter changed, added, left out, or two side by
    /// side swapped (the commonest slip in a number). Each document of a
    /// joint symbol ("A/63/72–E/2008/48") is asked alone.
    pub fn is_one_slip_from(&self, symbol: &str) -> bool {
        symbol.split('–').any(|document| {
            let document = document.to_lowercase();
            let all: Vec<&str> = document.split('/').collect();
            let Some(start) = all.len().checked_sub(self.parts) else {
                return false;
            };
            let end = all[start..].join("/");
            // One slip changes the length by one at most; the distance
            // costs a product of the lengths, so no long name pays it for
            // each item.
            end.len().abs_diff(self.wanted.len()) <= 1
                && end != self.wanted
                && strsim::osa_distance(&end, &self.wanted) == 1
        })
    }
}

/// Whether `wanted` is one slip from `symbol` ([`SymbolSlip`]).
#[cfg(test)]
fn is_symbol_slip(wanted: &str, symbol: &str) -> bool {
    SymbolSlip::of(wanted).is_some_and(|slip| slip.is_one_slip_from(symbol))
}

/// The shortest symbol end [`SymbolSlip`] asks about.
pub const SYMBOL_SLIP_FROM: usize = 5;

/// At most this many symbols a mistyped one is said to be near, wherever
/// it is said (the jump, `--at`, the browser's search, `wsis search`).
pub const MAX_SLIPS_NAMED: usize = 3;

/// "E/RES/2006/46" or "A/RES/70/125 or A/70/125": the symbols a slip
/// is near, as said after "did you mean"; `None` for none.
pub fn slips_said(symbols: &[&str]) -> Option<String> {
    (!symbols.is_empty()).then(|| symbols.join(" or "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symbol_one_slip_away_is_near() {
        assert!(is_symbol_slip("2006/64", "E/RES/2006/46"), "two digits swapped");
        assert!(is_symbol_slip("70/152", "A/RES/70/125"));
        assert!(is_symbol_slip("E/RES/2006/64", "E/RES/2006/46"), "whole");
        assert!(
            is_symbol_slip("2008/84", "A/63/72–E/2008/48"),
            "one document of a joint symbol"
        );
        assert!(is_symbol_slip("70/1255", "A/RES/70/125"), "a digit added");
        // The symbol itself, two slips, a short end, or no number: not asked.
        assert!(!is_symbol_slip("2006/46", "E/RES/2006/46"));
        assert!(!is_symbol_slip("2006/99", "E/RES/2006/46"));
        assert!(!is_symbol_slip("2/3", "E/RES/2008/3"));
        assert!(!is_symbol_slip("cstd-report", "E/RES/2006/46"));
    }

    #[test]
    fn the_nearest_name_is_suggested() {
        let ids = ["ga-80-173", "ga-70-125", "cstd"];
        assert_eq!(closest("ga-80-17", ids), Some("ga-80-173"));
        assert_eq!(closest("Mandate", ["Mandates", "Requests"]), Some("Mandates"));
    }

    #[test]
    fn nothing_far_is_suggested() {
        assert_eq!(closest("zzzzzzzz", ["ga-80-173", "cstd"]), None);
    }

    #[test]
    fn ties_go_to_the_first_name_in_order() {
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    }
}
