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

#[cfg(test)]
mod tests {
    use super::*;

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
