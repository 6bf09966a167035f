//! Messages about the application data and materials, shown to applicants.
//! Each function takes the field's label path and returns both languages.

use super::{Text, en_count};

/// `label` joined with the separator used between levels of a label path.
pub const LABEL_SEPARATOR: &str = " › ";

pub fn array_item(position: usize) -> Text {
    Text::new(format!("第{position}项"), format!("item {position}"))
}

pub fn whole_form() -> Text {
    Text::new("申请表", "the application form")
}

pub fn required(label: &str) -> Text {
    Text::new(format!("请填写{label}"), format!("Please fill in {label}"))
}

pub fn dependent_required(label: &str, trigger: &str) -> Text {
    Text::new(
        format!("填写了{trigger}时，还须填写{label}"),
        format!("Please fill in {label}, which is needed because {trigger} is filled in"),
    )
}

pub fn type_mismatch(label: &str, expected: &[&str]) -> Text {
    let zh: Vec<&str> = expected.iter().map(|t| type_name_zh(t)).collect();
    let en: Vec<&str> = expected.iter().map(|t| type_name_en(t)).collect();
    Text::new(
        format!("{label}应为{}", zh.join("或")),
        format!("{label} must be {}", en.join(" or ")),
    )
}

fn type_name_zh(t: &str) -> &'static str {
    match t {
        "string" => "文本",
        "number" => "数字",
        "integer" => "整数",
        "boolean" => "是或否",
        "array" => "列表",
        "object" => "一组信息",
        "null" => "空值",
        _ => "正确的类型",
    }
}

fn type_name_en(t: &str) -> &'static str {
    match t {
        "string" => "text",
        "number" => "a number",
        "integer" => "a whole number",
        "boolean" => "yes or no",
        "array" => "a list",
        "object" => "a group of answers",
        "null" => "empty",
        _ => "of the right type",
    }
}

pub fn one_of_options(label: &str, zh_options: &[String], en_options: &[String]) -> Text {
    Text::new(
        format!("{label}须为以下选项之一：{}", zh_options.join("、")),
        format!("{label} must be one of: {}", en_options.join(", ")),
    )
}

pub fn constant(label: &str, expected: &str) -> Text {
    Text::new(
        format!("{label}应为“{expected}”"),
        format!("{label} must be “{expected}”"),
    )
}

pub fn pattern(label: &str) -> Text {
    Text::new(
        format!("{label}的格式不正确"),
        format!("{label} is not in the expected format"),
    )
}

pub fn chinese_format(label: &str, problem: &Text) -> Text {
    Text::new(
        format!("{label}{}", problem.zh),
        format!("{label} {}", problem.en),
    )
}

pub fn standard_format(label: &str, format: &str) -> Text {
    match format {
        "date" => Text::new(
            format!("{label}应为有效日期，格式如 2026-01-31"),
            format!("{label} must be a real date, written like 2026-01-31"),
        ),
        "date-time" => Text::new(
            format!("{label}应为有效的日期和时间，格式如 2026-01-31 09:30"),
            format!("{label} must be a real date and time, written like 2026-01-31 09:30"),
        ),
        "time" => Text::new(
            format!("{label}应为有效时间（24小时制），格式如 09:30"),
            format!("{label} must be a real time (24-hour clock), written like 09:30"),
        ),
        "email" => Text::new(
            format!("{label}不是有效的电子邮箱地址"),
            format!("{label} is not a valid email address"),
        ),
        "uri" | "uri-reference" | "iri" => Text::new(
            format!("{label}不是有效的网址"),
            format!("{label} is not a valid web address"),
        ),
        "ipv4" | "ipv6" => Text::new(
            format!("{label}不是有效的IP地址"),
            format!("{label} is not a valid IP address"),
        ),
        other => Text::new(
            format!("{label}的格式不正确（应为 {other}）"),
            format!("{label} is not a valid {other}"),
        ),
    }
}

pub fn min_length(label: &str, limit: u64) -> Text {
    Text::new(
        format!("{label}至少应有{limit}个字符"),
        format!(
            "{label} must be at least {} long",
            en_count(limit, "character", "characters")
        ),
    )
}

pub fn max_length(label: &str, limit: u64) -> Text {
    Text::new(
        format!("{label}不能超过{limit}个字符"),
        format!(
            "{label} must be at most {} long",
            en_count(limit, "character", "characters")
        ),
    )
}

pub fn minimum(label: &str, limit: &str) -> Text {
    Text::new(
        format!("{label}不能小于{limit}"),
        format!("{label} must be {limit} or more"),
    )
}

pub fn exclusive_minimum(label: &str, limit: &str) -> Text {
    Text::new(
        format!("{label}应大于{limit}"),
        format!("{label} must be more than {limit}"),
    )
}

pub fn maximum(label: &str, limit: &str) -> Text {
    Text::new(
        format!("{label}不能大于{limit}"),
        format!("{label} must be {limit} or less"),
    )
}

pub fn exclusive_maximum(label: &str, limit: &str) -> Text {
    Text::new(
        format!("{label}应小于{limit}"),
        format!("{label} must be less than {limit}"),
    )
}

pub fn multiple_of(label: &str, step: &str) -> Text {
    Text::new(
        format!("{label}应为{step}的整数倍"),
        format!("{label} must be a multiple of {step}"),
    )
}

pub fn min_items(label: &str, limit: u64) -> Text {
    Text::new(
        format!("{label}至少需要填写{limit}项"),
        format!(
            "{label} needs at least {}",
            en_count(limit, "entry", "entries")
        ),
    )
}

pub fn max_items(label: &str, limit: u64) -> Text {
    Text::new(
        format!("{label}最多只能填写{limit}项"),
        format!(
            "{label} can have at most {}",
            en_count(limit, "entry", "entries")
        ),
    )
}

pub fn unique_items(label: &str) -> Text {
    Text::new(
        format!("{label}中有重复的项"),
        format!("{label} has duplicate entries"),
    )
}

pub fn unexpected_properties(label: &str, names: &[String]) -> Text {
    Text::new(
        format!("{label}包含不应填写的内容：{}", names.join("、")),
        format!(
            "{label} contains answers that are not expected: {}",
            names.join(", ")
        ),
    )
}

pub fn not_allowed(label: &str) -> Text {
    Text::new(
        format!("{label}的值不符合要求"),
        format!("{label} has a value that is not allowed"),
    )
}

pub fn one_of_none(label: &str) -> Text {
    Text::new(
        format!("{label}不符合任何一种可选情形"),
        format!("{label} does not match any of the allowed cases"),
    )
}

pub fn one_of_many(label: &str) -> Text {
    Text::new(
        format!("{label}同时符合多种情形，请只选择一种"),
        format!("{label} matches more than one case; choose one"),
    )
}

pub fn properties_count(label: &str) -> Text {
    Text::new(
        format!("{label}填写的项目数量不符合要求"),
        format!("{label} has the wrong number of answers"),
    )
}

pub fn reference_failure(label: &str) -> Text {
    Text::new(
        format!("{label}无法校验：表单定义引用了不存在的内容"),
        format!("{label} cannot be checked: the form refers to something that does not exist"),
    )
}

// ---- The envelope -------------------------------------------------------

/// The label of an error about the whole submission (a limit).
pub fn label_submission() -> Text {
    Text::new("提交内容", "Submission")
}

/// The label of an error about the item the envelope names.
pub fn label_item() -> Text {
    Text::new("申请事项", "Item")
}

/// The label of an error about the form data as a whole.
pub fn label_form() -> Text {
    Text::new("申请表", "Form")
}

/// The label of an error about the materials.
pub fn label_materials() -> Text {
    Text::new("申请材料", "Materials")
}

/// The label of an error about conditions met by commitment.
pub fn label_conditions() -> Text {
    Text::new("申请条件", "Conditions")
}

/// The label of an error about the signature.
pub fn label_commitment() -> Text {
    Text::new("承诺书", "Commitment")
}

pub fn envelope_not_object() -> Text {
    Text::new(
        "提交的内容不是一份申请（应为 JSON 对象）",
        "The submission is not an application (a JSON object is expected)",
    )
}

pub fn envelope_data_not_object() -> Text {
    Text::new(
        "申请表数据缺失或不是 JSON 对象",
        "The form data is missing or is not a JSON object",
    )
}

pub fn envelope_item_mismatch(expected: &str, actual: &str) -> Text {
    Text::new(
        format!("这份申请属于事项“{actual}”，而不是本事项“{expected}”"),
        format!("This application is for item “{actual}”, not for this item “{expected}”"),
    )
}

pub fn envelope_version_mismatch(expected: &str, actual: &str) -> Text {
    Text::new(
        format!(
            "这份申请按事项版本“{actual}”填写，当前版本为“{expected}”，请按当前版本核对后重新提交"
        ),
        format!(
            "This application was filled in for version “{actual}” of the item; the current version is “{expected}”. Check it against the current version and submit again"
        ),
    )
}

pub fn envelope_malformed(place: &str, expected: Text) -> Text {
    Text::new(
        format!("提交内容中“{place}”的格式不正确：{}", expected.zh),
        format!("“{place}” in the submission is malformed: {}", expected.en),
    )
}

pub fn expected_object() -> Text {
    Text::new("应为对象", "an object is expected")
}

pub fn must_be_in_lieu(given: &str) -> Text {
    Text::new(
        format!("“{given}” 应为 in_lieu"),
        format!("“{given}” must be in_lieu"),
    )
}

pub fn files_not_array() -> Text {
    Text::new("files 应为数组", "files must be an array")
}

pub fn file_no_name() -> Text {
    Text::new("缺少文件名", "the file has no name")
}

pub fn file_no_size() -> Text {
    Text::new("缺少文件大小", "the file has no size")
}

pub fn file_bad_hash() -> Text {
    Text::new("SHA-256 应为64位十六进制", "sha256 must be 64 hex digits")
}

pub fn file_too_large(file: &str, size: u64, limit: u64) -> Text {
    Text::new(
        format!("{file}：{size} 字节，上限 {limit} 字节"),
        format!("{file}: {size} bytes, limit {limit}"),
    )
}

// ---- Materials ----------------------------------------------------------

pub fn material_missing(name: &str) -> Text {
    Text::new(
        format!("请提交材料：{name}"),
        format!("Please provide the material: {name}"),
    )
}

/// "A、B 或 C（任选其一）" / "A, B or C (any one)": a material's
/// alternatives, each language with its own names (in the same order).
pub fn any_one_of(zh: &[&str], en: &[&str]) -> Text {
    fn join(names: &[&str], sep: &str, or: &str) -> String {
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{}{or}{last}", rest.join(sep)),
            _ => names.concat(),
        }
    }
    Text::new(
        format!("{}（任选其一）", join(zh, "、", " 或 ")),
        format!("{} (any one)", join(en, ", ", " or ")),
    )
}

/// A required material with alternatives, none provided; `list` is
/// [`any_one_of`]'s text.
pub fn material_missing_one_of(list: &Text) -> Text {
    Text::new(
        format!("请提交以下材料之一：{}", list.zh),
        format!("Please provide one of: {}", list.en),
    )
}

/// An entry of a per-item material's array, by its position (from 1) and
/// its label when it has one: "第2项（张三）" / "item 2 (张三)", worded as
/// the form's own labels name list entries ([`array_item`]).
pub fn entry_name(position: usize, label: Option<&str>) -> Text {
    let item = array_item(position);
    match label {
        Some(label) => Text::new(
            format!("{}（{label}）", item.zh),
            format!("{} ({label})", item.en),
        ),
        None => item,
    }
}

/// One entry's copy of a per-item material, as the form shows it next to
/// the entry: "张三的机动车驾驶证" / "Driving licence of 张三".
pub fn entry_material(entry: &str, material: &str) -> Text {
    Text::new(
        format!("{entry}的{material}"),
        format!("{material} of {entry}"),
    )
}

/// A per-item material given once instead of per entry (`entries`).
pub fn material_entries_expected(name: &str, array: &str) -> Text {
    Text::new(
        format!("材料“{name}”须按“{array}”的每一项分别提交（entries）"),
        format!("The material “{name}” is given once per entry of “{array}” (entries)"),
    )
}

/// `entries` given for a material that is given once.
pub fn material_entries_unexpected(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”只提交一份，不按项提交（不应有 entries）"),
        format!("The material “{name}” is given once, not per entry (no entries)"),
    )
}

/// More entries of a per-item material than the array has.
pub fn material_surplus_entry(name: &str, position: usize, array: &str, count: usize) -> Text {
    Text::new(
        format!("材料“{name}”的第{position}份没有对应的项：“{array}”共{count}项"),
        format!("The material “{name}” has a copy {position}, but “{array}” has {count} entries"),
    )
}

/// `entries` of a material is not an array.
pub fn material_bad_entries(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”的 entries 应为数组，每项一份"),
        format!("The entries of the material “{name}” must be an array, one per entry"),
    )
}

/// The alternative named is not one of the material's.
pub fn material_unknown_alternative(name: &str, given: &str, list: &str) -> Text {
    Text::new(
        format!("材料“{name}”没有“{given}”这一项，可提交：{list}"),
        format!("The material “{name}” has no alternative “{given}”; it accepts: {list}"),
    )
}

/// A material with alternatives provided without saying which one.
pub fn material_alternative_not_named(name: &str, list: &str) -> Text {
    Text::new(
        format!("请说明材料“{name}”提交的是哪一项：{list}"),
        format!("Say which alternative of the material “{name}” is provided: {list}"),
    )
}

/// `alternative` in the envelope is not a non-empty string.
pub fn material_bad_alternative(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”的 alternative 应为所选项的标识"),
        format!("The alternative of the material “{name}” must be the id of the one chosen"),
    )
}

pub fn material_unknown(id: &str) -> Text {
    Text::new(
        format!("本事项没有编号为“{id}”的材料"),
        format!("This item has no material with the id “{id}”"),
    )
}

pub fn material_bad_disposition(name: &str, disposition: &str) -> Text {
    Text::new(
        format!(
            "材料“{name}”的提交方式“{disposition}”无效，应为 provided、shared、deferred 或 in_lieu"
        ),
        format!(
            "The disposition “{disposition}” of the material “{name}” is not one of provided, shared, deferred, in_lieu"
        ),
    )
}

pub fn material_not_shareable(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”须由申请人提交，不能通过政府共享或电子证照获取"),
        format!(
            "The material “{name}” must be provided by the applicant; it cannot be taken from government data or e-licences"
        ),
    )
}

pub fn material_no_files(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”标记为已提交，但没有附上文件"),
        format!("The material “{name}” is marked as provided but has no files attached"),
    )
}

pub fn material_bad_file(name: &str, problem: Text) -> Text {
    Text::new(
        format!("材料“{name}”的文件信息不完整：{}", problem.zh),
        format!(
            "A file of the material “{name}” is incomplete: {}",
            problem.en
        ),
    )
}

pub fn material_not_deferrable(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”不允许容缺后补"),
        format!("The material “{name}” cannot be supplied later"),
    )
}

pub fn material_core_not_deferrable(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”是核心材料，不能容缺后补"),
        format!("The material “{name}” is a core material and can never be supplied later"),
    )
}

pub fn material_in_lieu_not_allowed(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”不能以告知承诺代替"),
        format!("The material “{name}” cannot be replaced by a commitment"),
    )
}

pub fn material_not_required_but_deferred(name: &str) -> Text {
    Text::new(
        format!("根据所填信息，本次申请不需要材料“{name}”，无需容缺或承诺"),
        format!(
            "Your answers mean the material “{name}” is not needed, so it need not be deferred or committed to"
        ),
    )
}

pub fn deferral_not_allowed(reason: Option<&str>) -> Text {
    match reason {
        Some(reason) => Text::new(
            format!("本事项不适用容缺受理（{reason}）"),
            format!("This item does not allow deferred materials ({reason})"),
        ),
        None => Text::new(
            "本事项不适用容缺受理",
            "This item does not allow deferred materials",
        ),
    }
}

pub fn deferral_on_the_spot() -> Text {
    Text::new(
        "即办事项须当场办结，不适用容缺受理",
        "On-the-spot items are decided at once and cannot accept deferred materials",
    )
}

pub fn deferral_too_many(max: u32, actual: usize) -> Text {
    Text::new(
        format!("容缺后补的材料最多{max}项，本次选择了{actual}项"),
        format!(
            "At most {} may be supplied later; {actual} were chosen",
            en_count(max, "material", "materials")
        ),
    )
}

pub fn condition_unknown(id: &str) -> Text {
    Text::new(
        format!("本事项没有编号为“{id}”的申请条件"),
        format!("This item has no condition with the id “{id}”"),
    )
}

pub fn condition_in_lieu_not_allowed(text: &str) -> Text {
    Text::new(
        format!("申请条件“{text}”不能以告知承诺代替证明"),
        format!("The condition “{text}” cannot be met by a commitment instead of proof"),
    )
}

pub fn commitment_unsigned() -> Text {
    Text::new(
        "选择了容缺后补或告知承诺，须由申请人签署承诺书（填写签署人和签署时间）",
        "Materials are deferred or replaced by a commitment, so the applicant must sign the commitment (signer and time of signing)",
    )
}

pub fn commitment_bad_time(value: &str) -> Text {
    Text::new(
        format!("承诺书签署时间“{value}”无效，应为带时区的时间，如 2026-11-20T10:15:00+08:00"),
        format!(
            "The signing time “{value}” is not valid; write it with a time zone, like 2026-11-20T10:15:00+08:00"
        ),
    )
}

pub fn upload_wrong_type(file: &str, accepted: &str) -> Text {
    Text::new(
        format!("文件“{file}”的类型不符合要求，请上传以下类型的文件：{accepted}"),
        format!("The file “{file}” is not an accepted type. Upload one of: {accepted}"),
    )
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

pub fn upload_too_large(file: &str, size: u64, limit: u64) -> Text {
    Text::new(
        format!(
            "文件“{file}”大小为{}，超过了{}的上限，请压缩或分开后再上传",
            human_size(size),
            human_size(limit)
        ),
        format!(
            "The file “{file}” is {}, more than the limit of {}. Make it smaller and upload it again",
            human_size(size),
            human_size(limit)
        ),
    )
}
