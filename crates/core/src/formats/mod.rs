//! Chinese identifier formats, asserted on every form field that names them.
//!
//! Each format lives in its own module with the same shape: `check(&str) ->
//! Result<(), FormatProblem>`. The schema engine only needs a yes/no, but the
//! applicant needs to know *what* is wrong ("校验位不正确"), so validation asks
//! the format again for the problem when the engine reports a failure.

mod id_card;
mod mobile;
mod org_code;
mod postcode;
mod uscc;

use crate::messages::Text;

/// What is wrong with an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatProblem {
    /// Wrong number of characters.
    Length { expected: usize, actual: usize },
    /// A character that is not allowed in this position.
    Character { position: usize },
    /// The embedded birth date does not exist.
    BirthDate,
    /// The check character does not match.
    Checksum,
    /// Not the expected shape at all (used by the pattern-only formats).
    Shape,
}

/// A format banli asserts beyond the JSON Schema standard ones.
#[derive(Debug, Clone, Copy)]
pub struct ChineseFormat {
    /// The `format` keyword value, e.g. `cn-id-card`.
    pub name: &'static str,
    /// The identifier's name in both languages, used in messages.
    pub noun: (&'static str, &'static str),
    /// The expected shape, said when the value is not even close.
    pub shape: (&'static str, &'static str),
    pub check: fn(&str) -> Result<(), FormatProblem>,
}

/// Every Chinese format, in one registry.
pub const CHINESE_FORMATS: &[ChineseFormat] = &[
    ChineseFormat {
        name: "cn-id-card",
        noun: ("居民身份证号码", "resident ID card number"),
        shape: (
            "应为18位，最后一位可以是X",
            "18 characters, the last may be X",
        ),
        check: id_card::check,
    },
    ChineseFormat {
        name: "cn-uscc",
        noun: ("统一社会信用代码", "unified social credit code"),
        shape: ("应为18位数字或大写字母", "18 digits or capital letters"),
        check: uscc::check,
    },
    ChineseFormat {
        name: "cn-org-code",
        noun: ("组织机构代码", "organisation code"),
        shape: (
            "应为8位代码加1位校验码，如 D2143569-X",
            "8 characters and a check character, like D2143569-X",
        ),
        check: org_code::check,
    },
    ChineseFormat {
        name: "cn-mobile",
        noun: ("手机号码", "mobile number"),
        shape: (
            "应为以13至19开头的11位数字",
            "11 digits starting with 13 to 19",
        ),
        check: mobile::check,
    },
    ChineseFormat {
        name: "cn-postcode",
        noun: ("邮政编码", "postcode"),
        shape: ("应为6位数字", "6 digits"),
        check: postcode::check,
    },
];

/// Looks a Chinese format up by its `format` keyword value.
pub fn chinese_format(name: &str) -> Option<&'static ChineseFormat> {
    CHINESE_FORMATS.iter().find(|f| f.name == name)
}

impl FormatProblem {
    /// The sentence that follows the field's label, e.g. "校验位不正确".
    pub fn describe(self, format: &ChineseFormat) -> Text {
        let (zh_noun, en_noun) = format.noun;
        match self {
            FormatProblem::Length { expected, actual } => Text::new(
                format!("长度应为{expected}位，实际为{actual}位"),
                format!("must be {expected} characters long, not {actual}"),
            ),
            FormatProblem::Character { position } => Text::new(
                format!("第{position}位字符不符合{zh_noun}规则"),
                format!("character {position} is not allowed in a {en_noun}"),
            ),
            FormatProblem::BirthDate => {
                Text::new("出生日期无效", "contains a birth date that does not exist")
            }
            FormatProblem::Checksum => Text::new("校验位不正确", "has a wrong check character"),
            FormatProblem::Shape => {
                let (zh_shape, en_shape) = format.shape;
                Text::new(
                    format!("格式不正确，{zh_shape}"),
                    format!("is not a valid {en_noun}: use {en_shape}"),
                )
            }
        }
    }
}

/// Shared by the checksum formats: the value of each character in `alphabet`.
fn char_values(input: &str, alphabet: &str) -> Result<Vec<u32>, FormatProblem> {
    input
        .chars()
        .enumerate()
        .map(|(i, c)| {
            alphabet
                .find(c)
                .map(|v| v as u32)
                .ok_or(FormatProblem::Character { position: i + 1 })
        })
        .collect()
}

fn check_length(input: &str, expected: usize) -> Result<(), FormatProblem> {
    let actual = input.chars().count();
    if actual == expected {
        Ok(())
    } else {
        Err(FormatProblem::Length { expected, actual })
    }
}
