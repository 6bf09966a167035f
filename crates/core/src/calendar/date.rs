//! Dates as calendar files and reports write them: exactly `YYYY-MM-DD`.
//!
//! The format is fixed by the file format and the report, so it is parsed by
//! hand and strictly (no signs, no missing zeros, no time of day) instead of
//! leaning on a general-purpose parser's leniency.

use time::{Date, Month};

use crate::messages::{Text, calendar as msg};

/// Why a string is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateParseError {
    /// Not of the shape `YYYY-MM-DD`.
    #[error("\"{0}\" is not a date written YYYY-MM-DD")]
    Syntax(String),
    /// The shape is right but the day does not exist (e.g. `2025-02-29`).
    #[error("the date \"{0}\" does not exist")]
    NoSuchDate(String),
}

impl DateParseError {
    /// The message for a person, in both languages.
    pub fn message(&self) -> Text {
        match self {
            DateParseError::Syntax(s) => msg::bad_date(s),
            DateParseError::NoSuchDate(s) => msg::no_such_date(s),
        }
    }
}

/// Parses a date written exactly `YYYY-MM-DD` (four-digit year, two-digit
/// month and day).
///
/// ```
/// use banli_core::calendar::{format_date, parse_date};
/// let d = parse_date("2026-10-01").unwrap();
/// assert_eq!(format_date(d), "2026-10-01");
/// assert!(parse_date("2026-2-1").is_err());
/// assert!(parse_date("2025-02-29").is_err());
/// ```
pub fn parse_date(s: &str) -> Result<Date, DateParseError> {
    let syntax = || DateParseError::Syntax(s.to_owned());
    let bytes = s.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(syntax());
    }
    let number = |range: std::ops::Range<usize>| -> u32 {
        bytes[range]
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let year = i32::try_from(year).map_err(|_| syntax())?;
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok());
    let day = u8::try_from(day).map_err(|_| syntax())?;
    month
        .and_then(|month| Date::from_calendar_date(year, month, day).ok())
        .ok_or_else(|| DateParseError::NoSuchDate(s.to_owned()))
}

/// Writes a date as `YYYY-MM-DD`, the inverse of [`parse_date`].
pub fn format_date(date: Date) -> String {
    // Written digit by digit: `format!` with padding cost about 1,300
    // instructions a date, and every report writes several.
    match u32::try_from(date.year()) {
        Ok(year) => {
            let mut text = String::with_capacity(10);
            push_digits(&mut text, year, 4);
            text.push('-');
            push_digits(&mut text, u32::from(u8::from(date.month())), 2);
            text.push('-');
            push_digits(&mut text, u32::from(date.day()), 2);
            text
        }
        Err(_) => format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
    }
}

/// Appends the last `width` decimal digits of `n`, zeros in front.
fn push_digits(text: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        text.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse_date("2024-02-29"), Ok(date!(2024 - 02 - 29)));
        assert_eq!(format_date(date!(2026 - 01 - 04)), "2026-01-04");
        assert_eq!(format_date(date!(0999 - 12 - 31)), "0999-12-31");
    }

    #[test]
    fn formats_as_the_padded_format_does() {
        let padded = |d: Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
        for d in [
            Date::MIN,
            Date::MAX,
            date!(0000 - 01 - 01),
            date!(0009 - 02 - 28),
            date!(2024 - 02 - 29),
            date!(-0001 - 12 - 31),
        ] {
            assert_eq!(format_date(d), padded(d));
        }
    }

    #[test]
    fn rejects_other_shapes() {
        for s in [
            "",
            "2026-1-01",
            "2026/01/01",
            "+2026-01-01",
            "2026-01-01T00:00",
            " 2026-01-01",
            "２０２６-01-01",
        ] {
            assert_eq!(
                parse_date(s),
                Err(DateParseError::Syntax(s.to_owned())),
                "{s:?}"
            );
        }
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        for s in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-01-00",
        ] {
            assert_eq!(
                parse_date(s),
                Err(DateParseError::NoSuchDate(s.to_owned())),
                "{s:?}"
            );
        }
    }
}
