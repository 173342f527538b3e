//! Dates at the precision the source gives: a year, a month or a day.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Whether it is before `other` at the precision both give:
    /// "2003-12-10" is before "2003-12-12", "2021-05" never before
    /// "2021-05-03" (the month holds that day).
    pub fn is_before(self, other: PartialDate) -> bool {
        let months = self.month.zip(other.month);
        let days = self.day.zip(other.day).filter(|_| months.is_some_and(|(a, b)| a == b));
        match (self.year.cmp(&other.year), months, days) {
            (std::cmp::Ordering::Equal, Some((a, b)), _) if a != b => a < b,
            (std::cmp::Ordering::Equal, _, Some((a, b))) => a < b,
            (order, _, _) => order.is_lt(),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        // A whole possible day (most dates) is read at once; anything
        // else, right or wrong, as below, where the messages are made.
        if let Some(date) = whole_day(text) {
            return Ok(date);
        }
        let bad = || format!("malformed date \"{text}\": expected YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = text.split('-');
        let year = number(parts.next(), 4).ok_or_else(bad)? as u16;
        let month = match parts.next() {
            None => None,
            Some(m) => Some(number(Some(m), 2).ok_or_else(bad)? as u8),
        };
        let day = match parts.next() {
            None => None,
            Some(d) => Some(number(Some(d), 2).ok_or_else(bad)? as u8),
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("malformed date \"{text}\": month {m} does not exist"));
            }
            if let Some(d) = day.filter(|&d| d == 0 || d > days_in_month(year, m)) {
                return Err(format!("malformed date \"{text}\": day {d} does not exist"));
            }
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS[usize::from(m) - 1])
    }
}

/// `YYYY-MM-DD` when it is a day that exists, read byte by byte.
fn whole_day(text: &str) -> Option<PartialDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text.as_bytes() else {
        return None;
    };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = |ds: &[u8]| ds.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    let year = value(&digits[..4]);
    let month = u8::try_from(value(&digits[4..6])).ok()?;
    let day = u8::try_from(value(&digits[6..])).ok()?;
    let exists = (1..=12).contains(&month) && day != 0 && day <= days_in_month(year, month);
    exists.then_some(PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    })
}

fn number(part: Option<&str>, digits: usize) -> Option<u32> {
    let part = part?;
    if part.len() != digits || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// "16 December 2015", "December 2020" or "2006".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month_name(), self.day) {
            (Some(month), Some(day)) => write!(f, "{day} {month} {}", self.year),
            (Some(month), None) => write!(f, "{month} {}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_before_another_only_at_the_precision_both_give() {
        let date = |text| PartialDate::parse(text).unwrap();
        assert!(date("2003-12-10").is_before(date("2003-12-12")));
        assert!(date("2008-04-28").is_before(date("2008-05-02")));
        assert!(date("2008").is_before(date("2009-01-02")));
        assert!(!date("2003-12-12").is_before(date("2003-12-12")));
        assert!(!date("2021-05").is_before(date("2021-05-03")));
        assert!(!date("2021-05-03").is_before(date("2021")));
        assert!(!date("2009-01-02").is_before(date("2008-12-29")));
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2006").unwrap().to_string(), "2006");
        assert_eq!(PartialDate::parse("2020-12").unwrap().to_string(), "December 2020");
        assert_eq!(
            PartialDate::parse("2015-12-16").unwrap().to_string(),
            "16 December 2015"
        );
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "",
            "15",
            "2015-1",
            "2015-13",
            "2015-02-30",
            "2015-12-16-1",
            "20x5",
            "2015/12/16",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} was accepted");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("2023-02-29").is_err());
    }

    /// The reading of a whole day agrees with the general one on every
    /// `YYYY-MM-DD` of a few years, possible or not.
    #[test]
    fn a_whole_day_reads_as_the_general_parse_reads_it() {
        for year in [1900, 2000, 2003, 2023, 2024, 9999, 0] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    let general = general_parse(&text);
                    assert_eq!(whole_day(&text), general.clone().ok(), "{text}");
                    assert_eq!(PartialDate::parse(&text), general, "{text}");
                }
            }
        }
        assert_eq!(whole_day("2003-1a-10"), None);
        assert_eq!(whole_day("2003/12/10"), None);
    }

    /// [`PartialDate::parse`] without the reading of a whole day.
    fn general_parse(text: &str) -> Result<PartialDate, String> {
        let bad = || format!("malformed date \"{text}\": expected YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = text.split('-');
        let year = number(parts.next(), 4).ok_or_else(bad)? as u16;
        let month = number(parts.next(), 2).ok_or_else(bad)? as u8;
        let day = number(parts.next(), 2).ok_or_else(bad)? as u8;
        if !(1..=12).contains(&month) {
            return Err(format!("malformed date \"{text}\": month {month} does not exist"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("malformed date \"{text}\": day {day} does not exist"));
        }
        Ok(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    #[test]
    fn orders_chronologically() {
        let a = PartialDate::parse("2006").unwrap();
        let b = PartialDate::parse("2006-03-27").unwrap();
        let c = PartialDate::parse("2006-07").unwrap();
        assert!(a < b && b < c);
    }
}
