//! Chinese identifier formats, asserted on every form field that names them.
//!
//! Each format lives in its own module with the same shape: `check(&str) ->
//! Result<(), FormatProblem>`. The schema engine only needs a yes/no, but the
//! applicant needs to know *what* is wrong ("校验位不正确"), so validation asks
//! the format again for the problem when the engine reports a failure.
//!
//! A format whose identifier embeds a date also has `check_dates`: what is
//! physically possible on the acceptance date (nobody is born after it). The
//! engine's format functions see only the string, so validation runs this
//! second check itself when it has an acceptance date (see
//! `validate::dated`); without one, only `check` applies.
//!
//! What each format checks, and the source of every list, is stated for
//! maintainers in `docs/item-format.md` ("Chinese formats").
//!
//! Beside them: `control` (the table of which control each format gets and
//! what is normalised), `time` (times and dates-with-times completed to
//! RFC 3339 as applicants type them), `number` (what a number box holds)
//! and `width` (full-width input folded).

mod control;
mod id_card;
mod mobile;
pub mod number;
mod org_code;
mod postcode;
pub mod time;
mod uscc;
pub mod width;

pub use control::{
    FORMAT_CONTROLS, FormatControl, InputMode, InputType, Normalisation, control, normalises,
};

use ::time::Date;

use crate::messages::{Text, formats as text};

/// What is wrong with an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatProblem {
    /// Wrong number of characters.
    Length { expected: usize, actual: usize },
    /// A character that is not allowed in this position.
    Character { position: usize },
    /// The two characters from `position` on (1-based) should be the
    /// province part of a GB/T 2260 administrative division code, and no
    /// edition has had them (see [`is_province`]).
    Province { position: usize },
    /// The embedded birth date does not exist.
    BirthDate,
    /// The embedded birth date is after the acceptance date.
    BirthDateAfterAcceptance,
    /// The check character does not match.
    Checksum,
    /// Not the expected shape at all (used by the pattern-only formats).
    Shape,
}

/// Checks the dates inside an identifier against the acceptance date.
pub type DatesCheck = fn(&str, Date) -> Result<(), FormatProblem>;

/// A format banli asserts beyond the JSON Schema standard ones.
#[derive(Debug, Clone, Copy)]
pub struct ChineseFormat {
    /// The `format` keyword value, e.g. `cn-id-card`.
    pub name: &'static str,
    /// The identifier's name in both languages, used in messages.
    pub noun: fn() -> Text,
    /// The expected shape, said when the value is not even close.
    pub shape: fn() -> Text,
    /// What the value itself must be; the schema engine asserts this.
    pub check: fn(&str) -> Result<(), FormatProblem>,
    /// For identifiers that embed dates: checks a value `check` accepts
    /// against the acceptance date (a date after it is impossible).
    /// Validation runs it when it has an acceptance date; `None` for
    /// identifiers without dates.
    pub check_dates: Option<DatesCheck>,
}

/// Every Chinese format, in one registry.
pub const CHINESE_FORMATS: &[ChineseFormat] = &[
    ChineseFormat {
        name: "cn-id-card",
        noun: text::id_card_noun,
        shape: text::id_card_shape,
        check: id_card::check,
        check_dates: Some(id_card::check_dates),
    },
    ChineseFormat {
        name: "cn-uscc",
        noun: text::uscc_noun,
        shape: text::uscc_shape,
        check: uscc::check,
        check_dates: None,
    },
    ChineseFormat {
        name: "cn-org-code",
        noun: text::org_code_noun,
        shape: text::org_code_shape,
        check: org_code::check,
        check_dates: None,
    },
    ChineseFormat {
        name: "cn-mobile",
        noun: text::mobile_noun,
        shape: text::mobile_shape,
        check: mobile::check,
        check_dates: None,
    },
    ChineseFormat {
        name: "cn-postcode",
        noun: text::postcode_noun,
        shape: text::postcode_shape,
        check: postcode::check,
        check_dates: None,
    },
];

/// Looks a Chinese format up by its `format` keyword value.
pub fn chinese_format(name: &str) -> Option<&'static ChineseFormat> {
    CHINESE_FORMATS.iter().find(|f| f.name == name)
}

impl FormatProblem {
    /// The sentence that follows the field's label, e.g. "校验位不正确"
    /// (texts in `messages::formats`).
    pub fn describe(self, format: &ChineseFormat) -> Text {
        match self {
            FormatProblem::Length { expected, actual } => text::length(expected, actual),
            FormatProblem::Character { position } => text::character(position, &(format.noun)()),
            FormatProblem::Province { position } => text::province(position),
            FormatProblem::BirthDate => text::birth_date(),
            FormatProblem::BirthDateAfterAcceptance => text::birth_date_after_acceptance(),
            FormatProblem::Checksum => text::checksum(),
            FormatProblem::Shape => text::shape(&(format.noun)(), &(format.shape)()),
        }
    }
}

/// Whether `code` (two ASCII digits) is the province part of an
/// administrative division code in some edition of GB/T 2260 《中华人民共和国
/// 行政区划代码》 (GB 2260-1980 to GB/T 2260-2007 and the yearly code lists
/// the Ministry of Civil Affairs has published since): 11–15 (华北), 21–23
/// (东北), 31–37 (华东), 41–46 (中南; 46 海南 since 1988), 50–54 (西南; 50
/// 重庆 since 1997), 61–65 (西北), 71 (台湾), 81 (香港), 82 (澳门).
///
/// Only the province part is checked, never a county list: a number keeps
/// the address code it was issued with for life (居民身份证法 art. 3: 公民身份
/// 号码是每个公民唯一的、终身不变的身份代码), so retired county codes such as
/// 342401 (the former 六安地区) stay valid. Province codes are only ever
/// added, so this union rejects only what no edition allows.
pub fn is_province(code: &[u8]) -> bool {
    let [tens @ b'0'..=b'9', units @ b'0'..=b'9'] = code else {
        return false;
    };
    let units = units - b'0';
    match tens - b'0' {
        1 => (1..=5).contains(&units),
        2 => (1..=3).contains(&units),
        3 => (1..=7).contains(&units),
        4 => (1..=6).contains(&units),
        5 => units <= 4,
        6 => (1..=5).contains(&units),
        7 => units == 1,
        8 => units == 1 || units == 2,
        _ => false,
    }
}

/// The symbols of a checksum format, each valued by its place (the
/// first is 0). A table by ASCII code, built at compile time: the formats
/// run in every validation of an identifier, and searching the symbols
/// for each character cost more than the rest of the check.
pub(crate) struct Alphabet {
    /// `value + 1` by ASCII code; 0 for a character outside the alphabet.
    by_code: [u8; 128],
}

impl Alphabet {
    /// The alphabet of `symbols`: ASCII, at most 255, none repeated
    /// (checked at compile time where it is a `const`).
    pub(crate) const fn new(symbols: &str) -> Self {
        let bytes = symbols.as_bytes();
        assert!(bytes.len() < 256, "at most 255 symbols");
        let mut by_code = [0u8; 128];
        let mut i = 0;
        while i < bytes.len() {
            assert!(bytes[i] < 128, "ASCII symbols only");
            assert!(by_code[bytes[i] as usize] == 0, "a symbol repeated");
            by_code[bytes[i] as usize] = i as u8 + 1;
            i += 1;
        }
        Self { by_code }
    }

    /// The value of `c`, `None` outside the alphabet.
    pub(crate) fn value(&self, c: char) -> Option<u32> {
        let code = usize::try_from(u32::from(c)).ok()?;
        match self.by_code.get(code) {
            Some(&v) if v > 0 => Some(u32::from(v) - 1),
            _ => None,
        }
    }
}

/// Shared by the checksum formats: the value of each of the first `N`
/// characters of `input` in `alphabet` (the caller has checked that there
/// are `N`; a missing one counts 0).
///
/// # Errors
///
/// `Character` with the 1-based position of the first character outside
/// the alphabet, anywhere in `input`.
fn char_values<const N: usize>(
    input: &str,
    alphabet: &Alphabet,
) -> Result<[u32; N], FormatProblem> {
    let mut values = [0; N];
    for (i, c) in input.chars().enumerate() {
        let value = alphabet
            .value(c)
            .ok_or(FormatProblem::Character { position: i + 1 })?;
        if let Some(slot) = values.get_mut(i) {
            *slot = value;
        }
    }
    Ok(values)
}

fn check_length(input: &str, expected: usize) -> Result<(), FormatProblem> {
    let actual = input.chars().count();
    if actual == expected {
        Ok(())
    } else {
        Err(FormatProblem::Length { expected, actual })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table gives what searching the symbols gives, for every
    /// character of the Basic Multilingual Plane and beyond.
    #[test]
    fn an_alphabet_values_a_character_by_its_place() {
        for symbols in [uscc::ALPHABET, org_code::ALPHABET, "", "Z"] {
            let alphabet = Alphabet::new(symbols);
            for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{2000B}', char::MAX]) {
                assert_eq!(
                    alphabet.value(c),
                    symbols.find(c).map(|v| v as u32),
                    "{symbols:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn province_codes_of_every_edition() {
        let valid: Vec<String> = (0..100)
            .map(|n| format!("{n:02}"))
            .filter(|c| is_province(c.as_bytes()))
            .collect();
        assert_eq!(
            valid.join(" "),
            "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 \
             50 51 52 53 54 61 62 63 64 65 71 81 82"
        );
        assert!(!is_province(b"1"));
        assert!(!is_province(b"1A"));
        assert!(!is_province(b"110"));
    }
}
