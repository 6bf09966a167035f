//! Messages about limits: a submission or a definition too large, too deep
//! or with too many parts to be handled safely (see `docs/security.md`).

use super::Text;

pub fn document_too_large(bytes: usize, limit: usize) -> Text {
    Text::new(
        format!("提交的内容过大（{bytes} 字节），上限为 {limit} 字节"),
        format!("the submission is too large ({bytes} bytes); the limit is {limit} bytes"),
    )
}

pub fn too_deep(limit: usize) -> Text {
    Text::new(
        format!("数据嵌套层数过多，上限为 {limit} 层"),
        format!("the data is nested too deeply; the limit is {limit} levels"),
    )
}

pub fn string_too_long(chars: usize, limit: usize) -> Text {
    Text::new(
        format!("文字过长（{chars} 个字符），上限为 {limit} 个字符"),
        format!("the text is too long ({chars} characters); the limit is {limit}"),
    )
}

pub fn array_too_long(len: usize, limit: usize) -> Text {
    Text::new(
        format!("列表条目过多（{len} 条），上限为 {limit} 条"),
        format!("the list has too many entries ({len}); the limit is {limit}"),
    )
}

pub fn too_many_materials(count: usize, limit: usize) -> Text {
    Text::new(
        format!("材料条目过多（{count} 项），上限为 {limit} 项"),
        format!("too many materials ({count}); the limit is {limit}"),
    )
}

pub fn too_many_files(count: usize, limit: usize) -> Text {
    Text::new(
        format!("一项材料的文件过多（{count} 个），上限为 {limit} 个"),
        format!("too many files for one material ({count}); the limit is {limit}"),
    )
}

pub fn too_many_problems(limit: usize) -> Text {
    Text::new(
        format!("超出限制的内容过多，只列出前 {limit} 处"),
        format!("too many values exceed the limits; only the first {limit} are listed"),
    )
}

pub fn definition_too_large(bytes: usize, limit: usize) -> Text {
    Text::new(
        format!("事项定义过大（{bytes} 字节），上限为 {limit} 字节"),
        format!("the item definition is too large ({bytes} bytes); the limit is {limit} bytes"),
    )
}

pub fn definition_too_deep(limit: usize) -> Text {
    Text::new(
        format!("事项定义嵌套层数过多，上限为 {limit} 层"),
        format!("the item definition is nested too deeply; the limit is {limit} levels"),
    )
}

pub fn ref_too_deep(limit: usize) -> Text {
    Text::new(
        format!("“$ref”引用链过长，上限为 {limit} 层"),
        format!("the chain of “$ref” references is too long; the limit is {limit}"),
    )
}

pub fn schema_too_wide(limit: usize) -> Text {
    Text::new(
        format!(
            "此处的模式经“$ref”和组合关键字展开后，同一位置要检查的子模式超过 {limit} 个，\
             校验将极其缓慢；请合并重复的引用"
        ),
        format!(
            "more than {limit} subschemas apply at this one place once “$ref”s and \
             combinators are expanded, so validating a value would take very long; \
             merge the repeated references"
        ),
    )
}

pub fn ref_cycle(chain: &str) -> Text {
    Text::new(
        format!("“$ref”引用形成循环：{chain}"),
        format!("the “$ref” references form a cycle: {chain}"),
    )
}

pub fn ref_remote(reference: &str) -> Text {
    Text::new(
        format!(
            "不允许外部引用“{reference}”：事项定义必须自成一体，只能引用本文件内的位置（以 # 开头）"
        ),
        format!(
            "the external reference “{reference}” is not allowed: item definitions are \
             self-contained and may only refer to places in the same file (starting with #)"
        ),
    )
}

pub fn ref_unresolved(reference: &str) -> Text {
    Text::new(
        format!("引用“{reference}”指向的位置不存在"),
        format!("the reference “{reference}” points to nothing"),
    )
}

/// The fragment of a same-file `$ref` is not a well-formed JSON Pointer
/// (RFC 3986 percent-encoding, RFC 6901 escapes).
pub fn ref_fragment_invalid(reference: &str, problem: &crate::pointer::FragmentError) -> Text {
    use crate::pointer::FragmentError;
    let (zh, en) = match problem {
        FragmentError::Percent { at } => (
            format!("“#”后第 {at} 个字符处的百分号编码无效，“%”后应为两位十六进制数字"),
            format!(
                "the percent-encoding at character {at} after “#” is invalid: “%” must be \
                 followed by two hexadecimal digits"
            ),
        ),
        FragmentError::NotUtf8 => (
            "百分号编码解码后不是有效的 UTF-8 文字".to_owned(),
            "the percent-encoded bytes are not valid UTF-8 text".to_owned(),
        ),
        FragmentError::Tilde { at } => (
            format!("解码后的指针第 {at} 个字符“~”后应为 0 或 1（~0 表示 ~，~1 表示 /）"),
            format!(
                "the “~” at character {at} of the decoded pointer must be followed by 0 or 1 \
                 (~0 means ~, ~1 means /)"
            ),
        ),
        FragmentError::NotPointer => (
            "“#”后应为以“/”开头的 JSON 指针".to_owned(),
            "what follows “#” must be a JSON Pointer starting with “/”".to_owned(),
        ),
    };
    Text::new(
        format!("引用“{reference}”不是有效的 JSON 指针：{zh}"),
        format!("the reference “{reference}” is not a valid JSON Pointer: {en}"),
    )
}
