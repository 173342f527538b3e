//! The orders a list of items can be shown in: by date, by symbol in
//! natural order (A/RES/2/… before A/RES/10/…), or as the data files have
//! them. Pure functions over the dataset; the app caches their results.

use std::cmp::Ordering;

use super::category::CATEGORIES;
use super::{Dataset, ItemIdx, PartialDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// Oldest first; an undated GA resolution at the year its session
    /// opened ([`session_year`]), after that year's dated items; other
    /// undated items last (the list and the detail mark every undated item
    /// "date unknown"), those with a symbol in natural order, then the
    /// others in data order.
    #[default]
    Date,
    /// Symbols in natural order; items without a symbol last, in data order.
    Symbol,
    /// As the data files list the items.
    Data,
}

impl SortOrder {
    /// The order after this one, as the sort key cycles through them.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Date => SortOrder::Symbol,
            SortOrder::Symbol => SortOrder::Data,
            SortOrder::Data => SortOrder::Date,
        }
    }

    /// One word for the order, for narrow titles.
    pub fn word(self) -> &'static str {
        match self {
            SortOrder::Date => "date",
            SortOrder::Symbol => "symbol",
            SortOrder::Data => "data",
        }
    }

    /// How list titles and messages name the order.
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Date => "by date",
            SortOrder::Symbol => "by symbol",
            SortOrder::Data => "in data order",
        }
    }
}

/// `items` in `order`. Sorting is stable, so ties keep the data order.
pub fn sorted(data: &Dataset, items: &[ItemIdx], order: SortOrder) -> Vec<ItemIdx> {
    let mut sorted = items.to_vec();
    match order {
        SortOrder::Data => {}
        SortOrder::Date => {
            sorted.sort_by(|&a, &b| match (date_place(data, a), date_place(data, b)) {
                (Some(x), Some(y)) => x.cmp(&y).then_with(|| by_symbol(data, a, b)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => by_symbol(data, a, b),
            });
        }
        SortOrder::Symbol => sorted.sort_by(|&a, &b| by_symbol(data, a, b)),
    }
    sorted
}

/// Category `cat`'s items in its default order: how the browser first
/// lists them and how `wsis list` prints them.
pub fn in_default_order(data: &Dataset, cat: usize) -> Vec<ItemIdx> {
    sorted(data, data.category_items(cat), CATEGORIES[cat].default_sort)
}

/// The General Assembly's first regular session opened in 1946: session
/// n opens in September of 1945 + n and ends in the next year.
pub const GA_SESSION_YEAR_ZERO: u16 = 1945;

/// Where item `idx` falls in date order, if anywhere: its year, whether
/// that year is only its session's, and its date. A session's year comes
/// after the dated items of that year: the resolutions of a session
/// opened in September are mostly adopted in its December. The year
/// orders the list only; it is never shown as a date.
fn date_place(data: &Dataset, idx: ItemIdx) -> Option<(u16, bool, Option<PartialDate>)> {
    match data.date(idx) {
        Some(date) => Some((date.year, false, Some(date))),
        None => Some((session_year(data.item(idx).symbol.as_deref())?, true, None)),
    }
}

/// The year the General Assembly session of a resolution symbol opened
/// ("A/RES/68/198": 2013): the symbol's second number is its session.
pub fn session_year(symbol: Option<&str>) -> Option<u16> {
    let rest = symbol?.strip_prefix("A/RES/")?;
    let session: u16 = rest.split('/').next()?.parse().ok()?;
    GA_SESSION_YEAR_ZERO.checked_add(session)
}

/// Items with a symbol first, in natural order; the others keep their order.
fn by_symbol(data: &Dataset, a: ItemIdx, b: ItemIdx) -> Ordering {
    match (data.item(a).symbol.as_deref(), data.item(b).symbol.as_deref()) {
        (Some(x), Some(y)) => natural_cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Compares strings as people read them: runs of digits by their value
/// ("2" < "10"), everything else character by character, ignoring case
/// first and then using it to break ties.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (run_x, rest_x) = split_digits(x);
                let (run_y, rest_y) = split_digits(y);
                let by_value = compare_digit_runs(run_x, run_y);
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (x, y) = (rest_x, rest_y);
            }
            (Some(c), Some(d)) => {
                let by_char = c.to_lowercase().cmp(d.to_lowercase());
                if by_char != Ordering::Equal {
                    return by_char;
                }
                (x, y) = (&x[c.len_utf8()..], &y[d.len_utf8()..]);
            }
        }
    }
}

fn split_digits(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    text.split_at(end)
}

/// Digit runs by value, without parsing (runs may be longer than any
/// integer type): fewer significant digits is smaller.
fn compare_digit_runs(x: &str, y: &str) -> Ordering {
    let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
    x.len().cmp(&y.len()).then_with(|| x.cmp(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_compare_by_value() {
        assert_eq!(natural_cmp("A/RES/2/1", "A/RES/10/1"), Ordering::Less);
        assert_eq!(natural_cmp("A/RES/70/125", "A/RES/70/13"), Ordering::Greater);
        // Equal values with different spelling still have an order.
        assert_ne!(natural_cmp("E/2008/12", "E/2008/012"), Ordering::Equal);
        assert_eq!(natural_cmp("a9", "a10"), Ordering::Less);
        assert_eq!(
            natural_cmp("x99999999999999999999999", "x100000000000000000000000"),
            Ordering::Less
        );
    }

    #[test]
    fn a_resolution_symbol_gives_its_sessions_year() {
        assert_eq!(session_year(Some("A/RES/66/184")), Some(2011));
        assert_eq!(session_year(Some("A/RES/71/212")), Some(2016));
        assert_eq!(session_year(Some("E/RES/2006/46")), None);
        assert_eq!(session_year(Some("A/70/L.33")), None, "a draft is not a resolution");
        assert_eq!(session_year(None), None);
    }

    #[test]
    fn text_compares_without_case_first() {
        assert_eq!(natural_cmp("a/res", "B/RES"), Ordering::Less);
        assert_eq!(natural_cmp("A/RES/2", "A/RES/2/Add.1"), Ordering::Less);
        assert_eq!(natural_cmp("same", "same"), Ordering::Equal);
    }

    #[test]
    fn the_order_cycles_through_all_three() {
        let start = SortOrder::default();
        assert_eq!(start.next().next().next(), start);
        assert_ne!(start.next(), start);
        assert_ne!(start.next().next(), start);
    }
}
