//! 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet
//! without I, O, S, V, Z; the last is a weighted check mod 31. Characters
//! 3–8 are the registering authority's administrative division code (GB/T
//! 2260; 100000 for registrations by a central authority), so they are
//! digits and their province part is one some edition has had.
//!
//! Characters 1 (registering department) and 2 (kind of organisation) are
//! not checked beyond the alphabet: their lists grow as departments are
//! added.

use super::{Alphabet, FormatProblem, char_values, check_length, is_province};

pub(super) const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const SYMBOLS: Alphabet = Alphabet::new(ALPHABET);
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Checks a code: length, alphabet, the division code in characters 3–8,
/// the check character.
///
/// # Errors
///
/// The first [`FormatProblem`] found: `Length`, `Character` (outside the
/// alphabet, or a letter in 3–8), `Province { position: 3 }` (characters
/// 3–4 neither a GB/T 2260 province, see [`is_province`], nor the 10 of
/// 100000), `Checksum`.
pub fn check(input: &str) -> Result<(), FormatProblem> {
    check_length(input, 18)?;
    let values: [u32; 18] = char_values(input, &SYMBOLS)?;
    if let Some(i) = (2..8).find(|&i| values[i] > 9) {
        return Err(FormatProblem::Character { position: i + 1 });
    }
    let division = &input.as_bytes()[2..4];
    if !(division == b"10" || is_province(division)) {
        return Err(FormatProblem::Province { position: 3 });
    }
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let expected = (31 - sum % 31) % 31;
    if values[17] == expected {
        Ok(())
    } else {
        Err(FormatProblem::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_codes() {
        assert_eq!(check("91350100M000100Y43"), Ok(()));
        assert_eq!(check("9144030071526726XG"), Ok(()));
    }

    #[test]
    fn characters_3_to_8_are_a_possible_division_code() {
        // Check characters computed with GB 32100's mod 31.
        assert_eq!(check("91100000MA0000001G"), Ok(()), "central: 100000");
        assert_eq!(
            check("91000000MA0000001R"),
            Err(FormatProblem::Province { position: 3 })
        );
        assert_eq!(
            check("91990000MA0000001B"),
            Err(FormatProblem::Province { position: 3 })
        );
        assert_eq!(
            check("9135A100M000100Y4Y"),
            Err(FormatProblem::Character { position: 5 })
        );
    }

    #[test]
    fn names_the_problem() {
        assert_eq!(check("91350100M000100Y44"), Err(FormatProblem::Checksum));
        assert_eq!(
            check("91350100M000100Y4"),
            Err(FormatProblem::Length {
                expected: 18,
                actual: 17
            })
        );
        assert_eq!(
            check("91350100I000100Y43"),
            Err(FormatProblem::Character { position: 9 })
        );
        assert_eq!(
            check("91350100m000100Y43"),
            Err(FormatProblem::Character { position: 9 })
        );
    }
}
