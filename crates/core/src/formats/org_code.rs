//! 组织机构代码 (GB 11714-1997): 8 body characters, an optional hyphen, and a
//! check character (mod 11; 10 is written X, 11 is written 0).

use super::{Alphabet, FormatProblem};

pub(super) const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SYMBOLS: Alphabet = Alphabet::new(ALPHABET);
const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

pub fn check(input: &str) -> Result<(), FormatProblem> {
    let chars: Vec<char> = input.chars().collect();
    let (body, check_char) = match chars.len() {
        9 => (&chars[..8], chars[8]),
        10 if chars[8] == '-' => (&chars[..8], chars[9]),
        10 => return Err(FormatProblem::Character { position: 9 }),
        actual => {
            return Err(FormatProblem::Length {
                expected: 10,
                actual,
            });
        }
    };
    let mut sum = 0;
    for (i, (c, w)) in body.iter().zip(WEIGHTS).enumerate() {
        let v = SYMBOLS
            .value(*c)
            .ok_or(FormatProblem::Character { position: i + 1 })?;
        sum += v * w;
    }
    let expected = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('?'),
    };
    if check_char.to_ascii_uppercase() == expected {
        Ok(())
    } else if check_char.is_ascii_digit() || check_char.eq_ignore_ascii_case(&'X') {
        Err(FormatProblem::Checksum)
    } else {
        Err(FormatProblem::Character {
            position: chars.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_with_and_without_hyphen() {
        assert_eq!(check("D2143569-X"), Ok(()));
        assert_eq!(check("D2143569X"), Ok(()));
    }

    #[test]
    fn names_the_problem() {
        assert_eq!(check("D2143569-1"), Err(FormatProblem::Checksum));
        assert_eq!(
            check("D214356"),
            Err(FormatProblem::Length {
                expected: 10,
                actual: 7
            })
        );
        assert_eq!(
            check("D2143569+X"),
            Err(FormatProblem::Character { position: 9 })
        );
        assert_eq!(
            check("d2143569-X"),
            Err(FormatProblem::Character { position: 1 })
        );
    }
}
