//! 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet
//! without I, O, S, V, Z; the last is a weighted check mod 31.

use super::{FormatProblem, char_values, check_length};

const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

pub fn check(input: &str) -> Result<(), FormatProblem> {
    check_length(input, 18)?;
    let values = char_values(input, ALPHABET)?;
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
