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
