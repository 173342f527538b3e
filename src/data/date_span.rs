//! The dates of a meeting or period, from its first day to its last, in
//! the UN's plain form (the detail, `wsis show` and citations): what the two dates share is written once, after both
//! ("10–12 December 2003", "28 April–2 May 2008", "29 December
//! 2008–2 January 2009"), as UN documents date a conference ("Report of
//! the Fourth World Conference on Women, Beijing, 4–15 September 1995").

use super::PartialDate;

/// Between the first and the last day: an en dash, unspaced, as the UN
/// writes a range of dates.
const RANGE_DASH: char = '–';

/// "3–7 June 2013" from `start` to `end`; `start` alone when the meeting
/// lasted one day (`end` is `None` or the same day). Dates of different
/// precisions ("2021-05-03" to "2021-05") share nothing: both are whole.
pub fn span(start: PartialDate, end: Option<PartialDate>) -> String {
    let Some(end) = end.filter(|&end| end != start) else {
        return start.to_string();
    };
    let same_year = start.year == end.year;
    match (start.month_name(), start.day, end.month_name(), end.day) {
        (Some(month), Some(first), Some(_), Some(last)) if same_year && start.month == end.month => {
            format!("{first}{RANGE_DASH}{last} {month} {}", start.year)
        }
        (Some(from), Some(first), Some(_), Some(_)) if same_year => {
            format!("{first} {from}{RANGE_DASH}{end}")
        }
        (Some(from), None, Some(_), None) if same_year => format!("{from}{RANGE_DASH}{end}"),
        _ => format!("{start}{RANGE_DASH}{end}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    fn from_to(start: &str, end: &str) -> String {
        span(date(start), Some(date(end)))
    }

    #[test]
    fn what_both_dates_share_is_written_once() {
        assert_eq!(from_to("2013-06-03", "2013-06-07"), "3–7 June 2013");
        assert_eq!(from_to("2003-12-10", "2003-12-12"), "10–12 December 2003");
        assert_eq!(from_to("2008-04-28", "2008-05-02"), "28 April–2 May 2008");
        assert_eq!(from_to("2008-12-29", "2009-01-02"), "29 December 2008–2 January 2009");
    }

    #[test]
    fn a_one_day_meeting_has_one_date() {
        assert_eq!(span(date("2024-09-22"), None), "22 September 2024");
        assert_eq!(from_to("2024-09-22", "2024-09-22"), "22 September 2024");
    }

    #[test]
    fn partial_dates_share_only_what_both_give() {
        assert_eq!(from_to("2021-03", "2021-05"), "March–May 2021");
        assert_eq!(from_to("2006", "2007"), "2006–2007");
        assert_eq!(from_to("2021-03-22", "2021-05"), "22 March 2021–May 2021");
        assert_eq!(from_to("2020-12", "2021-01"), "December 2020–January 2021");
    }
}
