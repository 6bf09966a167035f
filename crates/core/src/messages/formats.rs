//! What is wrong with a Chinese identifier (`formats::FormatProblem`): the
//! sentence that follows the field's label, e.g. "校验位不正确". `noun` and
//! `shape` are the identifier's name and expected shape from the format
//! registry, both languages.

use super::Text;

pub fn length(expected: usize, actual: usize) -> Text {
    Text::new(
        format!("长度应为{expected}位，实际为{actual}位"),
        format!("must be {expected} characters long, not {actual}"),
    )
}

pub fn character(position: usize, noun: (&str, &str)) -> Text {
    let (zh_noun, en_noun) = noun;
    Text::new(
        format!("第{position}位字符不符合{zh_noun}规则"),
        format!("character {position} is not allowed in a {en_noun}"),
    )
}

/// The province part of an embedded administrative division code (GB/T
/// 2260) is one no edition has had; `position` is its first character.
pub fn province(position: usize) -> Text {
    let last = position + 1;
    Text::new(
        format!("第{position}至{last}位不是有效的省级行政区划代码"),
        format!("has no province code of GB/T 2260 in characters {position}–{last}"),
    )
}

pub fn birth_date() -> Text {
    Text::new("出生日期无效", "contains a birth date that does not exist")
}

pub fn birth_date_after_acceptance() -> Text {
    Text::new(
        "出生日期晚于受理日期",
        "contains a birth date after the acceptance date",
    )
}

pub fn checksum() -> Text {
    Text::new("校验位不正确", "has a wrong check character")
}

pub fn shape(noun: (&str, &str), shape: (&str, &str)) -> Text {
    let (_, en_noun) = noun;
    let (zh_shape, en_shape) = shape;
    Text::new(
        format!("格式不正确，{zh_shape}"),
        format!("is not a valid {en_noun}: use {en_shape}"),
    )
}
