//! Messages about item definitions, shown to schema maintainers.

use super::Text;

pub fn missing_key(name: &str) -> Text {
    Text::new(
        format!("缺少必需的键“{name}”"),
        format!("the required key “{name}” is missing"),
    )
}

pub fn unknown_key(name: &str) -> Text {
    Text::new(
        format!("不认识的键“{name}”（是否拼写错误？）"),
        format!("unknown key “{name}” (a typo?)"),
    )
}

pub fn schema_violation(engine_message: &str) -> Text {
    Text::new(
        format!("不符合事项定义格式：{engine_message}"),
        format!("does not follow the item format: {engine_message}"),
    )
}

pub fn not_deserializable(reason: &Text) -> Text {
    Text::new(
        format!("无法读取事项定义：{}", reason.zh),
        format!("the definition cannot be read: {}", reason.en),
    )
}

/// The form does not compile; `problem` comes from the `compile_*` texts.
pub fn form_invalid(problem: &Text) -> Text {
    Text::new(
        format!("表单模式无法编译：{}", problem.zh),
        format!("the form schema cannot be compiled: {}", problem.en),
    )
}

/// A material's condition does not compile; `problem` as for [`form_invalid`].
pub fn condition_invalid(problem: &Text) -> Text {
    Text::new(
        format!("条件模式无法编译：{}", problem.zh),
        format!("the condition schema cannot be compiled: {}", problem.en),
    )
}

pub fn compile_tuple_items() -> Text {
    Text::new(
        "items 应为对象或布尔值（JSON Schema 2020-12），数组形式的 items 是 draft-07 的写法，请改用 prefixItems（banli migrate 可自动改写）",
        "items must be an object or a boolean (JSON Schema 2020-12); array-valued items is draft-07, use prefixItems (banli migrate rewrites it)",
    )
}

pub fn compile_not_a_schema() -> Text {
    Text::new(
        "应为模式：对象或布尔值（JSON Schema 2020-12）",
        "must be a schema: an object or a boolean (JSON Schema 2020-12)",
    )
}

pub fn compile_wrong_type(types: &str) -> Text {
    Text::new(
        format!("该关键字的值应为 {types} 类型（JSON Schema 2020-12）"),
        format!("the keyword's value must be of type {types} (JSON Schema 2020-12)"),
    )
}

pub fn compile_unknown_type(value: &str) -> Text {
    Text::new(
        format!(
            "“{value}”不是 JSON Schema 的类型，应为 string、number、integer、boolean、object、array 或 null"
        ),
        format!(
            "“{value}” is not a JSON Schema type; use string, number, integer, boolean, object, array or null"
        ),
    )
}

pub fn compile_bad_pattern(pattern: &str) -> Text {
    Text::new(
        format!("正则表达式“{pattern}”无效"),
        format!("the pattern “{pattern}” is not a valid regular expression"),
    )
}

pub fn compile_negative() -> Text {
    Text::new("应为非负整数", "must be a non-negative integer")
}

pub fn compile_reference(reference: &str) -> Text {
    Text::new(
        format!("$ref“{reference}”无法解析"),
        format!("the $ref “{reference}” cannot be resolved"),
    )
}

pub fn compile_reference_not_encoded(reference: &str) -> Text {
    Text::new(
        format!(
            "$ref“{reference}”无法解析：片段中的非 ASCII 字符须按 RFC 3986 百分号编码（如 #/$defs/%E8%81%94%E7%B3%BB），否则模式引擎找不到目标"
        ),
        format!(
            "the $ref “{reference}” cannot be resolved: non-ASCII text in a fragment must be percent-encoded as RFC 3986 says (#/$defs/%E8%81%94%E7%B3%BB), or the schema engine cannot find the target"
        ),
    )
}

pub fn compile_generic() -> Text {
    Text::new(
        "不是有效的 JSON Schema 2020-12",
        "not valid JSON Schema 2020-12",
    )
}

pub fn duplicate_material_id(id: &str, first: usize) -> Text {
    Text::new(
        format!("材料编号“{id}”重复（第一次出现在 /materials/{first}）"),
        format!("the material id “{id}” is used twice (first at /materials/{first})"),
    )
}

pub fn duplicate_alternative_id(id: &str, material: usize, first: usize) -> Text {
    Text::new(
        format!(
            "可选材料编号“{id}”重复（第一次出现在 /materials/{material}/alternatives/{first}）"
        ),
        format!(
            "the alternative id “{id}” is used twice (first at /materials/{material}/alternatives/{first})"
        ),
    )
}

pub fn duplicate_condition_id(id: &str, first: usize) -> Text {
    Text::new(
        format!("申请条件编号“{id}”重复（第一次出现在 /conditions/{first}）"),
        format!("the condition id “{id}” is used twice (first at /conditions/{first})"),
    )
}

pub fn form_not_object(found: &str) -> Text {
    Text::new(
        format!("表单的根部必须是对象（\"type\": \"object\"），这里的类型是 {found}"),
        format!("the form's root must be an object (\"type\": \"object\"), not of type {found}"),
    )
}

pub fn form_without_fields() -> Text {
    Text::new(
        "表单的根部没有字段：请用 properties 写出字段，或经由 allOf、oneOf、anyOf、if/then/else 或 $ref 引向写有 properties 的对象模式",
        "the form's root has no fields: declare them in properties, or reach an object schema with properties through allOf, oneOf, anyOf, if/then/else or a $ref",
    )
}

pub fn unknown_field(field: &str) -> Text {
    Text::new(
        format!("表单中没有字段“{field}”（是否拼写错误？）"),
        format!("the form has no field “{field}” (a typo?)"),
    )
}

pub fn field_not_in_steps(field: &str) -> Text {
    Text::new(
        format!("字段“{field}”不在任何步骤中，申请人将看不到它"),
        format!("the field “{field}” is in no step, so applicants will never see it"),
    )
}

pub fn core_deferrable(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”是核心材料，不能设为可容缺后补"),
        format!("the material “{name}” is a core material and cannot be deferrable"),
    )
}

pub fn deferrable_without_deferral(name: &str) -> Text {
    Text::new(
        format!("材料“{name}”标为可容缺后补，但本事项不允许容缺受理"),
        format!("the material “{name}” is marked deferrable, but the item does not allow deferral"),
    )
}

pub fn deferral_without_deadline() -> Text {
    Text::new(
        "允许容缺受理时须规定补正期限（deadline_working_days）",
        "a deferral needs a supply deadline (deadline_working_days)",
    )
}

pub fn deferral_beyond_promised(deadline: u32, promised: u32) -> Text {
    Text::new(
        format!("容缺补正期限{deadline}个工作日超过了承诺办结时限{promised}个工作日"),
        format!(
            "the supply deadline of {deadline} working days exceeds the promised time limit of {promised} working days"
        ),
    )
}

pub fn deferral_within_margin(deadline: u32, promised: u32, margin: u32) -> Text {
    Text::new(
        format!(
            "容缺补正期限{deadline}个工作日距承诺办结时限{promised}个工作日不足{margin}个工作日，审查时间可能不够"
        ),
        format!(
            "the supply deadline of {deadline} working days leaves less than {margin} working days before the promised limit of {promised}"
        ),
    )
}

pub fn deferral_on_the_spot() -> Text {
    Text::new(
        "即办事项不能允许容缺受理",
        "an on-the-spot item cannot allow deferral",
    )
}

pub fn in_lieu_incomplete(what: &str) -> Text {
    let (zh, en) = match what {
        "notice" => ("告知内容（notice）", "notice"),
        _ => ("不实承诺的法律责任（liability）", "liability"),
    };
    Text::new(
        format!("告知承诺缺少{zh}"),
        format!("the commitment in lieu has no {en} text"),
    )
}

pub fn on_the_spot_handling_type() -> Text {
    Text::new(
        "承诺时限为即办时，办件类型应为即办件（handling_type: on_the_spot）",
        "an on-the-spot time limit needs handling_type \"on_the_spot\"",
    )
}

pub fn handling_type_not_on_the_spot() -> Text {
    Text::new(
        "办件类型为即办件，但承诺时限不是即办",
        "handling_type is on_the_spot but the promised time limit is not",
    )
}

pub fn visits_without_reason() -> Text {
    Text::new(
        "到办事现场次数大于0时须说明原因（visits.reason）",
        "visits above zero need a reason (visits.reason)",
    )
}

pub fn fees_without_basis() -> Text {
    Text::new(
        "收费事项须写明收费依据和收费项目",
        "a charged item needs a fee basis and fee items",
    )
}

pub fn full_online_with_visits() -> Text {
    Text::new(
        "网办深度为IV级（全程网办）时到现场次数应为0",
        "full online handling (depth IV) needs zero visits",
    )
}

pub fn statutory_shorter_than_promised(statutory: u32, promised: u32, natural: bool) -> Text {
    let (zh, en) = if natural {
        ("自然日", "calendar days")
    } else {
        ("工作日", "working days")
    };
    Text::new(
        format!("承诺办结时限{promised}个{zh}长于法定办结时限{statutory}个{zh}"),
        format!(
            "the promised limit of {promised} {en} is longer than the statutory limit of {statutory}"
        ),
    )
}

/// `unit` is a time limit's key: `working_days`, `natural_days` or `days`.
fn limit_days(days: u32, unit: &str) -> Text {
    match unit {
        "working_days" => Text::new(format!("{days}个工作日"), format!("{days} working days")),
        "natural_days" => Text::new(format!("{days}个自然日"), format!("{days} calendar days")),
        _ => Text::new(
            format!("{days}日（未载明为工作日或自然日）"),
            format!("{days} days (working or calendar days not stated)"),
        ),
    }
}

/// Statutory and promised limits in different (or unstated) units: which is
/// longer cannot be said. Units are limit keys (`working_days`,
/// `natural_days`, `days`).
pub fn time_limit_units_differ(
    statutory: u32,
    statutory_unit: &str,
    promised: u32,
    promised_unit: &str,
) -> Text {
    let s = limit_days(statutory, statutory_unit);
    let p = limit_days(promised, promised_unit);
    Text::new(
        format!(
            "法定办结时限为{}，承诺办结时限为{}，计量单位不同或未载明，无法核对承诺时限是否超过法定时限",
            s.zh, p.zh
        ),
        format!(
            "the statutory limit is {} and the promised limit {}: the units differ or are not stated, so whether the promised limit exceeds the statutory one cannot be checked",
            s.en, p.en
        ),
    )
}

/// Over the list of a definition's problems, where one error carries them
/// all (the JS API's `DefinitionError`).
pub fn unusable_heading() -> Text {
    Text::new("事项定义无法使用：", "invalid item definition:")
}

pub fn situation_unknown_field(field: &str) -> Text {
    Text::new(
        format!("情形问题的字段“{field}”在表单中没有声明"),
        format!("the situation question's field “{field}” is not declared in the form"),
    )
}

pub fn situation_not_a_question(field: &str) -> Text {
    Text::new(
        format!(
            "情形问题的字段“{field}”不是是/否字段或单选字段（boolean 或 enum），回答无法对应一个情形"
        ),
        format!(
            "the situation question's field “{field}” is not a yes/no or single-choice field (boolean or enum), so an answer cannot name a situation"
        ),
    )
}

pub fn situation_value_not_allowed(situation: &str, field: &str) -> Text {
    Text::new(
        format!("情形“{situation}”的取值不是字段“{field}”允许的回答，该情形永远不会成立"),
        format!(
            "the value of situation “{situation}” is not an answer field “{field}” allows, so the situation never holds"
        ),
    )
}

pub fn duplicate_situation_id(id: &str) -> Text {
    Text::new(
        format!("情形编号“{id}”重复"),
        format!("the situation id “{id}” is used twice"),
    )
}

pub fn situation_unknown_material(situation: &str, material: &str) -> Text {
    Text::new(
        format!("情形“{situation}”所列的材料“{material}”不存在"),
        format!("situation “{situation}” names the material “{material}”, which does not exist"),
    )
}

pub fn situation_material_not_by_situation(material: &str) -> Text {
    Text::new(
        format!("材料“{material}”由情形选定，其 required 应为 \"by_situation\""),
        format!(
            "material “{material}” is selected by a situation, so its required must be \"by_situation\""
        ),
    )
}

pub fn duplicate_variant_id(id: &str) -> Text {
    Text::new(
        format!("业务办理项编号“{id}”重复"),
        format!("the variant id “{id}” is used twice"),
    )
}

pub fn variant_unselected(id: &str) -> Text {
    Text::new(
        format!("没有情形选定业务办理项“{id}”，申请人永远无法办理它"),
        format!("no situation chooses the variant “{id}”, so no applicant can ever apply for it"),
    )
}

pub fn variant_unknown(situation: &str, variant: &str) -> Text {
    Text::new(
        format!("情形“{situation}”选定的业务办理项“{variant}”不存在"),
        format!("situation “{situation}” chooses the variant “{variant}”, which does not exist"),
    )
}

pub fn by_situation_unselected(material: &str) -> Text {
    Text::new(
        format!(
            "材料“{material}”的 required 为 \"by_situation\"，但没有情形选定或免除它，该材料永远不会被要求"
        ),
        format!(
            "material “{material}” has required \"by_situation\" but no situation selects or exempts it, so it is never asked for"
        ),
    )
}
