//! Messages of `banli migrate` (draft-07 → JSON Schema 2020-12): what each
//! change did, and why a definition cannot be rewritten.

use super::Text;

pub fn schema(uri: &str) -> Text {
    Text::new(
        format!("$schema 由 draft-07 改为 {uri}"),
        format!("$schema changed from draft-07 to {uri}"),
    )
}

pub fn definitions() -> Text {
    Text::new("definitions 改为 $defs", "definitions renamed to $defs")
}

pub fn reference(from: &str, to: &str) -> Text {
    Text::new(
        format!("$ref “{from}” 改为 “{to}”"),
        format!("$ref “{from}” rewritten to “{to}”"),
    )
}

pub fn tuple_items() -> Text {
    Text::new(
        "数组形式的 items 改为 prefixItems",
        "array-valued items renamed to prefixItems",
    )
}

pub fn additional_items() -> Text {
    Text::new(
        "additionalItems 改为 items（约束元组之后的元素）",
        "additionalItems renamed to items (it constrains the elements after the tuple)",
    )
}

pub fn additional_items_removed() -> Text {
    Text::new(
        "删除 additionalItems：没有数组形式的 items 时它在 draft-07 中也不起作用",
        "additionalItems removed: without array-valued items it had no effect in draft-07 either",
    )
}

pub fn dependencies(required: &str, schemas: &str) -> Text {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !required.is_empty() {
        zh.push(format!("{required} 移入 dependentRequired"));
        en.push(format!("{required} moved to dependentRequired"));
    }
    if !schemas.is_empty() {
        zh.push(format!("{schemas} 移入 dependentSchemas"));
        en.push(format!("{schemas} moved to dependentSchemas"));
    }
    if zh.is_empty() {
        return Text::new("删除空的 dependencies", "empty dependencies removed");
    }
    Text::new(
        format!("dependencies 拆分：{}", zh.join("；")),
        format!("dependencies split: {}", en.join("; ")),
    )
}

pub fn no_form() -> Text {
    Text::new(
        "不是事项定义：没有 form",
        "not an item definition: there is no form",
    )
}

pub fn too_deep() -> Text {
    Text::new("嵌套层级过深", "nested too deeply")
}

pub fn both(old: &str, new: &str) -> Text {
    Text::new(
        format!("同一模式中同时有 {old} 和 {new}，无法自动合并，请手工合并后再迁移"),
        format!(
            "the schema has both {old} and {new}; they cannot be merged automatically, merge them by hand and migrate again"
        ),
    )
}

pub fn bad_dependency() -> Text {
    Text::new(
        "dependencies 的值应为属性名数组或模式",
        "a dependencies value must be an array of property names or a schema",
    )
}

pub fn bad_reference(problem: &str) -> Text {
    Text::new(
        format!("$ref 的片段不是有效的 JSON Pointer：{problem}"),
        format!("the $ref fragment is not a valid JSON Pointer: {problem}"),
    )
}

/// The line `banli migrate` prints before its list of changes.
pub fn changes_heading(count: usize) -> Text {
    Text::new(
        format!("已改写 {count} 处 draft-07 写法："),
        format!("{count} draft-07 construct(s) rewritten:"),
    )
}

pub fn nothing_to_migrate() -> Text {
    Text::new(
        "没有需要改写的 draft-07 写法",
        "nothing to migrate: no draft-07 constructs",
    )
}

pub fn written(file: &str) -> Text {
    Text::new(format!("已写回 {file}"), format!("{file} rewritten"))
}

pub fn cannot_migrate(file: &str) -> Text {
    Text::new(
        format!("无法迁移 {file}，文件未改动"),
        format!("cannot migrate {file}; the file is unchanged"),
    )
}
