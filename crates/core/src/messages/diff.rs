//! Sentences of `banli diff` (and of the widget's "what changed since your
//! draft"): one per kind of change, naming the field or material.

use super::Text;

pub fn version_changed(old: &str, new: &str) -> Text {
    Text::new(
        format!("版本由 {old} 改为 {new}"),
        format!("version {old} → {new}"),
    )
}
pub fn field_removed(field: &str) -> Text {
    Text::new(
        format!("删除了字段 {field}"),
        format!("the field {field} was removed"),
    )
}
pub fn field_renamed(old: &str, new: &str) -> Text {
    Text::new(
        format!("字段 {old} 改名为 {new}"),
        format!("the field {old} was renamed to {new}"),
    )
}
pub fn field_added(field: &str) -> Text {
    Text::new(
        format!("新增选填字段 {field}"),
        format!("the optional field {field} was added"),
    )
}
pub fn required_field_added(field: &str) -> Text {
    Text::new(
        format!("新增必填字段 {field}"),
        format!("the required field {field} was added"),
    )
}
pub fn type_narrowed(field: &str, types: &str) -> Text {
    Text::new(
        format!("字段 {field} 的类型收窄为 {types}"),
        format!("the type of {field} was narrowed to {types}"),
    )
}
pub fn type_widened(field: &str, types: &str) -> Text {
    Text::new(
        format!("字段 {field} 的类型放宽为 {types}"),
        format!("the type of {field} was widened to {types}"),
    )
}
pub fn newly_required(field: &str) -> Text {
    Text::new(
        format!("字段 {field} 改为必填"),
        format!("the field {field} is now required"),
    )
}
pub fn no_longer_required(field: &str) -> Text {
    Text::new(
        format!("字段 {field} 改为选填"),
        format!("the field {field} is now optional"),
    )
}
pub fn enum_value_removed(field: &str, values: &str) -> Text {
    Text::new(
        format!("字段 {field} 删除了选项 {values}"),
        format!("the options {values} of {field} were removed"),
    )
}
pub fn enum_value_added(field: &str, values: &str) -> Text {
    Text::new(
        format!("字段 {field} 新增了选项 {values}"),
        format!("the options {values} were added to {field}"),
    )
}
pub fn material_added(name: &str) -> Text {
    Text::new(
        format!("新增非必要材料“{name}”"),
        format!("the optional material “{name}” was added"),
    )
}
pub fn material_added_required(name: &str) -> Text {
    Text::new(
        format!("新增必要材料“{name}”"),
        format!("the required material “{name}” was added"),
    )
}
pub fn material_removed(name: &str) -> Text {
    Text::new(
        format!("删除了材料“{name}”"),
        format!("the material “{name}” was removed"),
    )
}
pub fn material_newly_required(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”在更多情形下必要"),
        format!("the material “{name}” is now required in more situations"),
    )
}
pub fn material_no_longer_required(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”在更少情形下必要"),
        format!("the material “{name}” is now required in fewer situations"),
    )
}
pub fn material_no_longer_deferrable(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”不再可以容缺后补"),
        format!("the material “{name}” can no longer be supplied later"),
    )
}
pub fn material_now_deferrable(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”现在可以容缺后补"),
        format!("the material “{name}” may now be supplied later"),
    )
}

/// A descriptive key of the guide (`/results`, `/offices`, …) changed.
pub fn guide_changed(key: &str) -> Text {
    Text::new(
        format!("办事指南内容 {key} 有修改"),
        format!("the guide's {key} changed"),
    )
}
pub fn time_limit_changed(limit: &str) -> Text {
    Text::new(
        format!("办理时限 {limit} 有修改"),
        format!("the time limit {limit} changed"),
    )
}
fn channel_name(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "window" => ("窗口办理", "at the window"),
        "online" => ("网上办理", "online"),
        _ => ("邮寄办理", "by post"),
    }
}
pub fn channel_removed(kind: &str) -> Text {
    let (zh, en) = channel_name(kind);
    Text::new(
        format!("取消了办理形式“{zh}”"),
        format!("applying {en} is no longer possible"),
    )
}
pub fn channel_added(kind: &str) -> Text {
    let (zh, en) = channel_name(kind);
    Text::new(
        format!("新增办理形式“{zh}”"),
        format!("applying {en} is now possible"),
    )
}
pub fn material_now_generated(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”改为由系统根据填写内容生成，无需上传"),
        format!("the material “{name}” is now generated from the form data; nothing to upload"),
    )
}
pub fn alternative_added(material: &str, alternative: &str) -> Text {
    Text::new(
        format!("材料“{material}”新增可选项“{alternative}”"),
        format!("the material “{material}” now also accepts “{alternative}”"),
    )
}
pub fn material_now_per_item(name: &str, array: &str) -> Text {
    Text::new(
        format!("材料“{name}”改为按“{array}”的每一项各提交一份"),
        format!("the material “{name}” is now given once per entry of “{array}”"),
    )
}
pub fn material_no_longer_per_item(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”不再按项提交，只提交一份"),
        format!("the material “{name}” is no longer given per entry, but once"),
    )
}
pub fn per_item_array_changed(name: &str, before: &str, after: &str) -> Text {
    Text::new(
        format!("材料“{name}”按项提交所依据的列表由“{before}”改为“{after}”"),
        format!("the material “{name}” is now given per entry of “{after}” instead of “{before}”"),
    )
}
pub fn alternative_removed(material: &str, alternative: &str) -> Text {
    Text::new(
        format!("材料“{material}”不再接受“{alternative}”"),
        format!("the material “{material}” no longer accepts “{alternative}”"),
    )
}
pub fn material_no_longer_generated(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”不再由系统生成，须由申请人提交"),
        format!("the material “{name}” is no longer generated; the applicant must provide it"),
    )
}
pub fn material_details_changed(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”的来源、出具单位、签章、纸张或份数要求有修改"),
        format!("the source, issuer, seal, paper or counts of the material “{name}” changed"),
    )
}
