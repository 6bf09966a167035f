//! 公民身份号码 (GB 11643-1999): a six-digit address code (GB/T 2260), a
//! birth date `YYYYMMDD` in digits 7–14, a three-digit sequence and a check
//! character (ISO 7064 MOD 11-2: weighted sum mod 11, 10 written X).
//!
//! The same layout and check serve two other documents, so they pass too:
//! residence permits for Hong Kong, Macao and Taiwan residents, whose address
//! codes are 810000, 820000 and 830000 (港澳台居民居住证申领发放办法, 国办发
//! 〔2018〕81号, and the Ministry of Public Security's numbering notes), and
//! the foreigners' permanent residence ID card of 2023, whose number starts
//! with 9 (国家移民管理局《新版外国人永久居留身份证机读信息规则（2023版）》,
//! item 3); for it only that first digit is checked.
//!
//! A lower-case `x` is accepted as `X`: applicants type it either way.

use time::Date;

use super::{FormatProblem, check_length, is_province};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// Checks a number on its own, in the order of its parts: length,
/// characters, the province part of the address code, the birth date, the
/// check character.
///
/// # Errors
///
/// The first [`FormatProblem`] found: `Length`, `Character` (a non-digit in
/// 1–17, or 18 neither a digit nor X), `Province { position: 1 }` (see
/// [`address_possible`]), `BirthDate` (not a calendar date from 1800 on),
/// `Checksum`.
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
    if !address_possible(bytes) {
        return Err(FormatProblem::Province { position: 1 });
    }
    if birth_date(input).is_none() {
        return Err(FormatProblem::BirthDate);
    }
    if CHECK_CHARS[(sum % 11) as usize] != last {
        return Err(FormatProblem::Checksum);
    }
    Ok(())
}

/// Checks a number [`check`] accepts against the acceptance date: a birth
/// date after `accepted_on` is impossible (one on that very day is not).
///
/// # Errors
///
/// [`FormatProblem::BirthDateAfterAcceptance`]; a number `check` refuses
/// gets `check`'s problem.
pub fn check_dates(input: &str, accepted_on: Date) -> Result<(), FormatProblem> {
    check(input)?;
    match birth_date(input) {
        Some(born) if born > accepted_on => Err(FormatProblem::BirthDateAfterAcceptance),
        _ => Ok(()),
    }
}

/// Whether the first two digits can start a number: the province part of a
/// GB/T 2260 address code ([`is_province`]: 81 and 82 also cover the Hong
/// Kong and Macao residence permits), 83 (Taiwan residents' residence
/// permits, 830000), or a 9 (foreigners' permanent residence ID card).
fn address_possible(bytes: &[u8]) -> bool {
    bytes[0] == b'9' || bytes[..2] == *b"83" || is_province(&bytes[..2])
}

/// The birth date in digits 7–14 (`YYYYMMDD`) if it is a calendar date from
/// 1800 on (the oldest numbers issued); leap years follow the Gregorian
/// calendar (19000229 does not exist, 20000229 does).
fn birth_date(input: &str) -> Option<Date> {
    let digits = input.get(6..14)?;
    let year: i32 = digits[0..4].parse().ok()?;
    let month: u8 = digits[4..6].parse().ok()?;
    let day: u8 = digits[6..8].parse().ok()?;
    let month = time::Month::try_from(month).ok()?;
    if year < 1800 {
        return None;
    }
    Date::from_calendar_date(year, month, day).ok()
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
    fn leap_days_follow_the_gregorian_calendar() {
        // Check characters computed with ISO 7064 MOD 11-2 (GB 11643).
        assert_eq!(check("110105190002290025"), Err(FormatProblem::BirthDate));
        assert_eq!(check("110105200002290021"), Ok(()));
        assert_eq!(check("11010519960229002X"), Ok(()));
        assert_eq!(check("110105179912310010"), Err(FormatProblem::BirthDate));
    }

    #[test]
    fn the_province_part_must_exist_in_some_edition_of_gb_t_2260() {
        assert_eq!(
            check("000000188905120750"),
            Err(FormatProblem::Province { position: 1 })
        );
        // 16 and 47 were never province codes (check characters right).
        assert_eq!(
            check(&with_check("16010519900101001")),
            Err(FormatProblem::Province { position: 1 })
        );
        assert_eq!(
            check(&with_check("47010519900101001")),
            Err(FormatProblem::Province { position: 1 })
        );
        // A retired county code (六安地区, 342401) stays valid for life.
        assert_eq!(check("342401188905120759"), Ok(()));
        // Residence permits (810000, 820000, 830000), Taiwan (71) and the
        // foreigners' permanent residence ID card (first digit 9).
        for body in [
            "81000019900101001",
            "82000019900101001",
            "83000019900101001",
            "71000019900101001",
            "91560019900101001",
        ] {
            assert_eq!(check(&with_check(body)), Ok(()), "{body}");
        }
        // The province comes before the checksum: one problem, the first.
        assert_eq!(
            check("000000188905120751"),
            Err(FormatProblem::Province { position: 1 })
        );
    }

    #[test]
    fn a_birth_date_after_the_acceptance_date_is_impossible() {
        let accepted = time::macros::date!(2026 - 11 - 20);
        assert_eq!(check("110105209901011234"), Ok(()), "fine without a date");
        assert_eq!(
            check_dates("110105209901011234", accepted),
            Err(FormatProblem::BirthDateAfterAcceptance)
        );
        assert_eq!(
            check_dates("110105202611210014", accepted),
            Err(FormatProblem::BirthDateAfterAcceptance),
            "born the day after"
        );
        assert_eq!(
            check_dates("110105202611200019", accepted),
            Ok(()),
            "born on the acceptance day"
        );
        assert_eq!(
            check_dates("11010519900307447X", accepted),
            Err(FormatProblem::Checksum),
            "check's own problem first"
        );
    }

    /// Appends the GB 11643 check character to 17 digits.
    fn with_check(body: &str) -> String {
        let sum: u32 = body
            .bytes()
            .zip(WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        format!("{body}{}", char::from(CHECK_CHARS[(sum % 11) as usize]))
    }

    #[test]
    fn full_width_digits_are_rejected() {
        assert_eq!(
            check("１１０１０５１９４９１２３１００２Ｘ"),
            Err(FormatProblem::Character { position: 1 })
        );
    }
}
