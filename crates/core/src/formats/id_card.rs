//! 居民身份证号码 (GB 11643-1999): 17 digits, a real birth date in digits 7–14,
//! and a check character from a weighted sum mod 11.
//!
//! A lower-case `x` is accepted as `X`: applicants type it either way.

use super::{FormatProblem, check_length};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

pub fn check(input: &str) -> Result<(), FormatProblem> {
    check_length(input, 18)?;
    let bytes = input.as_bytes();
    let mut sum = 0;
    for (i, weight) in WEIGHTS.iter().enumerate() {
        let b = bytes[i];
        if !b.is_ascii_digit() {
            return Err(FormatProblem::Character { position: i + 1 });
        }
        sum += u32::from(b - b'0') * weight;
    }
    let last = bytes[17].to_ascii_uppercase();
    if !(last.is_ascii_digit() || last == b'X') {
        return Err(FormatProblem::Character { position: 18 });
    }
    if !birth_date_exists(&input[6..14]) {
        return Err(FormatProblem::BirthDate);
    }
    if CHECK_CHARS[(sum % 11) as usize] != last {
        return Err(FormatProblem::Checksum);
    }
    Ok(())
}

/// `YYYYMMDD`, a calendar date from 1800 on (the oldest numbers issued).
fn birth_date_exists(digits: &str) -> bool {
    let year: i32 = digits[0..4].parse().unwrap_or(0);
    let month: u8 = digits[4..6].parse().unwrap_or(0);
    let day: u8 = digits[6..8].parse().unwrap_or(0);
    let Ok(month) = time::Month::try_from(month) else {
        return false;
    };
    year >= 1800 && time::Date::from_calendar_date(year, month, day).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_and_lower_case_x() {
        assert_eq!(check("11010519491231002X"), Ok(()));
        assert_eq!(check("11010519491231002x"), Ok(()));
        assert_eq!(check("440524188001010014"), Ok(()));
    }

    #[test]
    fn names_the_problem() {
        assert_eq!(check("11010119900307447X"), Err(FormatProblem::Checksum));
        assert_eq!(
            check("110105194912310"),
            Err(FormatProblem::Length {
                expected: 18,
                actual: 15
            })
        );
        assert_eq!(check("110105194913310029"), Err(FormatProblem::BirthDate));
        assert_eq!(
            check("110105190002290021"),
            Err(FormatProblem::BirthDate),
            "1900 was not a leap year"
        );
        assert_eq!(
            check("1101051949123100AX"),
            Err(FormatProblem::Character { position: 17 })
        );
        assert_eq!(
            check("11010519491231002Y"),
            Err(FormatProblem::Character { position: 18 })
        );
    }

    #[test]
    fn full_width_digits_are_rejected() {
        assert_eq!(
            check("１１０１０５１９４９１２３１００２Ｘ"),
            Err(FormatProblem::Character { position: 1 })
        );
    }
}
