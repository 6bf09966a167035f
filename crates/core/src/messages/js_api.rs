//! The JavaScript API's (`banli-wasm`) own errors: an argument of the wrong
//! kind, thrown as a `TypeError` or `RangeError` with `message` in Chinese
//! and `messageEn` in English, before anything reaches the core.

use super::Text;

/// `kind` is JavaScript's `typeof` of the value given (`null` and arrays
/// named as such).
pub fn not_a_string(name: &str, kind: &str) -> Text {
    Text::new(
        format!("参数 {name} 应为字符串，实际为 {kind}"),
        format!("{name} must be a string, not {kind}"),
    )
}

pub fn not_json_input(name: &str, kind: &str) -> Text {
    Text::new(
        format!("参数 {name} 应为 JSON 文本或可写成 JSON 的值，实际为 {kind}"),
        format!("{name} must be JSON text or a value JSON can hold, not {kind}"),
    )
}

pub fn not_convertible(name: &str) -> Text {
    Text::new(
        format!("参数 {name} 无法转换为 JSON（例如含有循环引用或 BigInt）"),
        format!("{name} cannot be converted to JSON (a cycle or a BigInt, for example)"),
    )
}

pub fn not_lang(name: &str, kind: &str) -> Text {
    Text::new(
        format!("参数 {name} 应为语言代码（zh-CN 或 en）或含 lang 的对象，实际为 {kind}"),
        format!("{name} must be a language tag (zh-CN or en) or an object with lang, not {kind}"),
    )
}

pub fn unknown_lang(name: &str, tag: &str) -> Text {
    Text::new(
        format!("参数 {name} 无效：不支持的语言“{tag}”（请用 zh-CN 或 en）"),
        format!("{name} is invalid: unsupported language “{tag}” (use zh-CN or en)"),
    )
}

pub fn not_an_object(name: &str, kind: &str) -> Text {
    Text::new(
        format!("参数 {name} 应为对象，实际为 {kind}"),
        format!("{name} must be an object, not {kind}"),
    )
}

/// A date argument that is a string but not a date; `reason` is the
/// calendar's own words for why.
pub fn invalid_date(name: &str, reason: &Text) -> Text {
    Text::new(
        format!("参数 {name} 无效：{}", reason.zh),
        format!("{name} is invalid: {}", reason.en),
    )
}

pub fn not_a_count(name: &str, max: u32) -> Text {
    Text::new(
        format!("参数 {name} 应为 0 至 {max} 之间的整数"),
        format!("{name} must be a whole number from 0 to {max}"),
    )
}

pub fn invalid_output() -> Text {
    Text::new(
        "内部错误：核心生成的 JSON 无法解析",
        "internal error: the core produced JSON that cannot be parsed",
    )
}

pub fn not_options(name: &str, kind: &str) -> Text {
    Text::new(
        format!("参数 {name} 应为选项对象，实际为 {kind}"),
        format!("{name} must be an options object, not {kind}"),
    )
}

pub fn unwritable_output() -> Text {
    Text::new(
        "内部错误：结果无法写成 JSON",
        "internal error: the result could not be written as JSON",
    )
}
