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

pub fn character(position: usize, noun: &Text) -> Text {
    Text::new(
        format!("第{position}位字符不符合{}规则", noun.zh),
        format!("character {position} is not allowed in a {}", noun.en),
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

pub fn shape(noun: &Text, shape: &Text) -> Text {
    Text::new(
        format!("格式不正确，{}", shape.zh),
        format!("is not a valid {}: use {}", noun.en, shape.en),
    )
}

// ---- The registry's nouns and shapes, one pair per format ---------------

pub fn id_card_noun() -> Text {
    Text::new("居民身份证号码", "resident ID card number")
}

pub fn id_card_shape() -> Text {
    Text::new(
        "应为18位，最后一位可以是X",
        "18 characters, the last may be X",
    )
}

pub fn uscc_noun() -> Text {
    Text::new("统一社会信用代码", "unified social credit code")
}

pub fn uscc_shape() -> Text {
    Text::new("应为18位数字或大写字母", "18 digits or capital letters")
}

pub fn org_code_noun() -> Text {
    Text::new("组织机构代码", "organisation code")
}

pub fn org_code_shape() -> Text {
    Text::new(
        "应为8位代码加1位校验码，如 D2143569-X",
        "8 characters and a check character, like D2143569-X",
    )
}

pub fn mobile_noun() -> Text {
    Text::new("手机号码", "mobile number")
}

pub fn mobile_shape() -> Text {
    Text::new(
        "应为以13至19开头的11位数字",
        "11 digits starting with 13 to 19",
    )
}

pub fn postcode_noun() -> Text {
    Text::new("邮政编码", "postcode")
}

pub fn postcode_shape() -> Text {
    Text::new("应为6位数字", "6 digits")
}
