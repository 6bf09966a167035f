//! Mainland mobile numbers: 11 digits starting 13–19 (syntax only; whether the
//! number is in service is not ours to know).

use super::{FormatProblem, check_length};

pub fn check(input: &str) -> Result<(), FormatProblem> {
    if let Some(position) = input.chars().position(|c| !c.is_ascii_digit()) {
        return Err(FormatProblem::Character {
            position: position + 1,
        });
    }
    check_length(input, 11)?;
    let bytes = input.as_bytes();
    if bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) {
        Ok(())
    } else {
        Err(FormatProblem::Shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_shape() {
        assert_eq!(check("13912345678"), Ok(()));
        assert_eq!(check("12912345678"), Err(FormatProblem::Shape));
        assert_eq!(
            check("1391234567"),
            Err(FormatProblem::Length {
                expected: 11,
                actual: 10
            })
        );
        assert_eq!(
            check("139-1234-5678"),
            Err(FormatProblem::Character { position: 4 })
        );
    }
}
