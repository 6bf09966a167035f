//! Messages about bundles (一件事一次办): why a bundle file cannot be merged,
//! and the words the merged definition adds.

use super::Text;

pub fn syntax(syntax: &crate::json_text::SyntaxError) -> Text {
    let inner = syntax.message();
    Text::new(
        format!("一件事定义{}", inner.zh),
        format!("the bundle is {}", inner.en),
    )
}
pub fn unreadable(problem: &str) -> Text {
    Text::new(
        format!("无法读取一件事定义：{problem}"),
        format!("the bundle cannot be read: {problem}"),
    )
}
pub fn unreadable_shape(reason: &Text) -> Text {
    Text::new(
        format!("无法读取一件事定义：{}", reason.zh),
        format!("the bundle cannot be read: {}", reason.en),
    )
}

/// The problems of a bundle file's own descriptive keys, each with its
/// JSON Pointer in the file.
pub fn described_invalid(problems: &[crate::diagnostic::Diagnostic]) -> Text {
    let lines = |lang: super::Lang, separator: &str| {
        problems
            .iter()
            .map(|d| {
                let place = d.place();
                format!("{place}: {}", d.message.get(lang))
            })
            .collect::<Vec<_>>()
            .join(separator)
    };
    Text::new(
        format!(
            "一件事自身的办事指南要素须与事项的同名键形式相同：{}",
            lines(super::Lang::ZhCn, "；")
        ),
        format!(
            "the bundle's own guide keys must have the shapes of the item keys of the same names: {}",
            lines(super::Lang::En, "; ")
        ),
    )
}

pub fn wrong_format(found: &str) -> Text {
    Text::new(
        format!("format 应为 \"banli-bundle/1\"，而不是“{found}”"),
        format!("format must be \"banli-bundle/1\", not “{found}”"),
    )
}
pub fn member_definition_missing(key: &str) -> Text {
    Text::new(
        format!("缺少成员事项“{key}”的事项定义"),
        format!("the item definition of the member “{key}” is missing"),
    )
}
pub fn too_few_members() -> Text {
    Text::new(
        "一件事至少要有两个事项",
        "a bundle needs at least two member items",
    )
}
pub fn duplicate_member(key: &str) -> Text {
    Text::new(
        format!("成员键“{key}”重复"),
        format!("the member key “{key}” is used twice"),
    )
}
pub fn member_reference(key: &str) -> Text {
    Text::new(
        format!("成员“{key}”须且只能给出 item（文件）或 code（实施编码）之一"),
        format!("the member “{key}” needs exactly one of item (a file) or code"),
    )
}
pub fn member_count(expected: usize, given: usize) -> Text {
    Text::new(
        format!("一件事有{expected}个成员，却给出了{given}个事项定义"),
        format!("the bundle has {expected} members but {given} definitions were given"),
    )
}
pub fn question_name_taken(name: &str) -> Text {
    Text::new(
        format!("问题“{name}”与共享字段或成员事项同名"),
        format!("the question “{name}” has the name of a shared field or a member"),
    )
}
pub fn unknown_member(field: &str, key: &str) -> Text {
    Text::new(
        format!("共享字段“{field}”引用了不存在的成员“{key}”"),
        format!("the shared field “{field}” names the unknown member “{key}”"),
    )
}
pub fn shared_field_not_found(field: &str, key: &str, pointer: &str) -> Text {
    Text::new(
        format!(
            "共享字段“{field}”：成员“{key}”的表单中没有可直接到达的字段 {pointer}（只能共享通过 properties 到达的字段）"
        ),
        format!(
            "the shared field “{field}”: the form of “{key}” has no field {pointer} reachable through properties"
        ),
    )
}
pub fn shared_field_in_condition(field: &str, key: &str, material: &str) -> Text {
    Text::new(
        format!("共享字段“{field}”被成员“{key}”的材料“{material}”的情形条件使用，暂不支持"),
        format!(
            "the shared field “{field}” is tested by the condition of “{key}”'s material “{material}”, which is not supported"
        ),
    )
}
pub fn member_invalid(key: &str, problems: &str) -> Text {
    Text::new(
        format!("成员“{key}”的事项定义无效：{problems}"),
        format!("the definition of the member “{key}” is invalid: {problems}"),
    )
}
pub fn merged_invalid(problems: &str) -> Text {
    Text::new(
        format!("合并后的事项定义无效：{problems}"),
        format!("the merged definition is invalid: {problems}"),
    )
}
pub fn shared_step() -> Text {
    Text::new("共同信息", "Shared information")
}
/// A member whose `when` does not hold, in `banli check`'s summary.
pub fn member_does_not_apply() -> Text {
    Text::new(
        "不适用：本次申请不涉及此事项",
        "does not apply: not applied for in this application",
    )
}
