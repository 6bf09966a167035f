//! Mainland postcodes: exactly six digits.

use super::{FormatProblem, check_length};

pub fn check(input: &str) -> Result<(), FormatProblem> {
    if let Some(position) = input.chars().position(|c| !c.is_ascii_digit()) {
        return Err(FormatProblem::Character {
            position: position + 1,
        });
    }
    check_length(input, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits() {
        assert_eq!(check("310000"), Ok(()));
        assert_eq!(
            check("31000"),
            Err(FormatProblem::Length {
                expected: 6,
                actual: 5
            })
        );
        assert_eq!(
            check("31000A"),
            Err(FormatProblem::Character { position: 6 })
        );
    }
}
