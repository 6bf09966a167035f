//! Messages of `banli lint`'s quality rules, and the fix hint for every rule
//! code a maintainer can meet (one table, so a new rule cannot forget it).

use super::Text;

pub fn if_condition_not_required(field: &str) -> Text {
    Text::new(
        format!(
            "条件测试字段“{field}”，但没有在条件的 required 中列出：其他校验器在该字段缺失时也会触发此条件"
        ),
        format!(
            "the condition tests “{field}” without listing it in the condition's required: other validators fire it when the field is absent"
        ),
    )
}

pub fn bundle_when_unknown_field(field: &str) -> Text {
    Text::new(
        format!("适用条件（when）测试的字段 {field} 不在合并后的表单中，该条件永远不会按预期判断"),
        format!(
            "the condition (when) tests the field {field}, which the merged form does not have, so it never decides as meant"
        ),
    )
}

pub fn bundle_when_reads_conditional_member(field: &str, member: &str) -> Text {
    Text::new(
        format!(
            "适用条件（when）测试的字段 {field} 属于成员事项“{member}”，而该成员本身也可能不适用：是否适用应由问题、共享字段或始终适用的成员的字段决定"
        ),
        format!(
            "the condition (when) tests the field {field} of the member “{member}”, which may not apply itself: whether a member applies must be decided by a question, a shared field or a field of a member that always applies"
        ),
    )
}

pub fn bundle_question_unused(question: &str) -> Text {
    Text::new(
        format!("问题“{question}”没有被任何成员的适用条件（when）使用，申请人白白回答"),
        format!(
            "no member's condition (when) reads the question “{question}”, so the applicant answers it for nothing"
        ),
    )
}

pub fn keyword_typo(found: &str, meant: &str) -> Text {
    Text::new(
        format!("不认识的关键字“{found}”，是否应为“{meant}”？拼错的关键字会被静默忽略"),
        format!(
            "unknown keyword “{found}”; did you mean “{meant}”? A misspelt keyword is silently ignored"
        ),
    )
}

pub fn field_without_title(field: &str) -> Text {
    Text::new(
        format!("字段“{field}”没有 title，申请人和错误提示将看不到它的名称"),
        format!(
            "the field “{field}” has no title, so applicants and error messages cannot name it"
        ),
    )
}

pub fn enum_without_labels(field: &str, values: &str) -> Text {
    Text::new(
        format!("字段“{field}”的选项 {values} 没有 x-enum-labels 中文名称"),
        format!("the options {values} of the field “{field}” have no label in x-enum-labels"),
    )
}

pub fn required_checkbox(field: &str) -> Text {
    Text::new(
        format!(
            "“{field}”是必填的是/否问题，却指定为复选框（x-widget: checkbox）：不勾选即为未填写，申请人无法回答“否”"
        ),
        format!(
            "“{field}” is a required yes/no question shown as a checkbox (x-widget: checkbox): an unticked box is no answer, so the applicant cannot answer no"
        ),
    )
}

pub fn missing_translation(keys: &str) -> Text {
    Text::new(
        format!("缺少英文翻译：{keys}"),
        format!("English translation missing: {keys}"),
    )
}

pub fn material_never_required(name: &str, field: &str) -> Text {
    Text::new(
        format!("材料“{name}”的情形条件要求字段“{field}”取表单不允许的值，该材料永远不会被要求"),
        format!(
            "the material “{name}” is required only when “{field}” has a value the form does not allow, so it is never required"
        ),
    )
}

/// `meant`: the declared name the one written is most likely a typo of.
pub fn required_not_declared(name: &str, meant: Option<&str>) -> Text {
    let (zh, en) = did_you_mean(meant);
    Text::new(
        format!(
            "required 中的“{name}”不是此处声明的字段{zh}：表单不会显示它，要求它的申请永远无法通过"
        ),
        format!(
            "“{name}” in required is not a field declared here{en}: the form never shows it, so no application that must have it can pass"
        ),
    )
}

/// As [`required_not_declared`], in a condition (`if`).
pub fn required_not_declared_in_condition(name: &str, meant: Option<&str>) -> Text {
    let (zh, en) = did_you_mean(meant);
    Text::new(
        format!("条件的 required 中的“{name}”不是此处声明的字段{zh}：该条件永远不成立"),
        format!(
            "“{name}” in a condition's required is not a field declared here{en}: the condition never holds"
        ),
    )
}

fn did_you_mean(meant: Option<&str>) -> (String, String) {
    match meant {
        Some(meant) => (
            format!("（是否应为“{meant}”？）"),
            format!(" (did you mean “{meant}”?)"),
        ),
        None => (String::new(), String::new()),
    }
}

pub fn unknown_format_typo(format: &str, meant: &str) -> Text {
    Text::new(
        format!("格式“{format}”不存在（是否应为“{meant}”？）：未知的格式不做任何校验"),
        format!(
            "there is no format “{format}” (did you mean “{meant}”?): an unknown format checks nothing"
        ),
    )
}

pub fn unknown_format(format: &str) -> Text {
    Text::new(
        format!("格式“{format}”既不是 JSON Schema 的格式，也不是 banli 的格式：它不做任何校验"),
        format!(
            "the format “{format}” is neither a JSON Schema format nor one of banli's: it checks nothing"
        ),
    )
}

pub fn pattern_rejected(pattern: &str, problem: &str) -> Text {
    Text::new(
        format!("正则表达式“{pattern}”不被线性时间正则引擎接受：{problem}"),
        format!("the pattern “{pattern}” is rejected by the linear-time regex engine: {problem}"),
    )
}

pub fn draft07_schema(uri: &str) -> Text {
    Text::new(
        format!(
            "$schema “{uri}” 是 draft-07；banli 按 JSON Schema 2020-12 解释表单，应为 https://json-schema.org/draft/2020-12/schema"
        ),
        format!(
            "$schema “{uri}” is draft-07; banli reads forms as JSON Schema 2020-12, so it should be https://json-schema.org/draft/2020-12/schema"
        ),
    )
}

pub fn draft07_definitions() -> Text {
    Text::new(
        "definitions 是 draft-07 的写法，JSON Schema 2020-12 中应为 $defs（$ref 的 #/definitions/… 相应改为 #/$defs/…）",
        "definitions is draft-07; in JSON Schema 2020-12 it is $defs (and $refs #/definitions/… become #/$defs/…)",
    )
}

pub fn draft07_tuple_items() -> Text {
    Text::new(
        "数组形式的 items 是 draft-07 的元组写法，JSON Schema 2020-12 中 items 应为对象或布尔值，元组应写作 prefixItems",
        "array-valued items is the draft-07 tuple; in JSON Schema 2020-12 items is an object or a boolean, and a tuple is prefixItems",
    )
}

pub fn draft07_additional_items() -> Text {
    Text::new(
        "additionalItems 是 draft-07 关键字，在 JSON Schema 2020-12 中被静默忽略；元组之后的元素应由 items 约束",
        "additionalItems is draft-07 and silently ignored in JSON Schema 2020-12; the elements after the tuple are constrained by items",
    )
}

pub fn draft07_additional_items_alone() -> Text {
    Text::new(
        "additionalItems 是 draft-07 关键字，在 JSON Schema 2020-12 中被静默忽略；没有数组形式的 items 时它本来也不起作用，应删除",
        "additionalItems is draft-07 and silently ignored in JSON Schema 2020-12; without array-valued items it had no effect anyway and should go",
    )
}

pub fn draft07_dependencies(required: &str, schemas: &str) -> Text {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !required.is_empty() {
        zh.push(format!("属性列表（{required}）应写作 dependentRequired"));
        en.push(format!(
            "the property lists ({required}) belong in dependentRequired"
        ));
    }
    if !schemas.is_empty() {
        zh.push(format!("模式（{schemas}）应写作 dependentSchemas"));
        en.push(format!(
            "the schemas ({schemas}) belong in dependentSchemas"
        ));
    }
    Text::new(
        format!(
            "dependencies 是 draft-07 关键字，在 JSON Schema 2020-12 中被静默忽略，其中的条件永远不会生效；{}",
            zh.join("，")
        ),
        format!(
            "dependencies is draft-07 and silently ignored in JSON Schema 2020-12, so its conditions never apply; {}",
            en.join(", ")
        ),
    )
}

pub fn not_a_json_schema() -> Text {
    Text::new(
        "不是有效的 JSON Schema 2020-12",
        "not a valid JSON Schema 2020-12",
    )
}

pub fn file_unreadable(reason: &Text) -> Text {
    Text::new(
        format!("无法读取文件：{}", reason.zh),
        format!("cannot read the file: {}", reason.en),
    )
}

/// Which time limit, for the "not stated" messages (`statutory`, `promised`).
fn which_limit(which: &str) -> (&'static str, &'static str) {
    match which {
        "statutory" => ("法定办结时限", "statutory time limit"),
        _ => ("承诺办结时限", "promised time limit"),
    }
}

pub fn source_not_stated(material: &str) -> Text {
    Text::new(
        format!("指南未载明材料“{material}”的来源渠道；该材料不能从政府数据共享获取"),
        format!(
            "the guide does not state where the material “{material}” comes from; it cannot be shared from government data"
        ),
    )
}

pub fn time_limit_not_stated(which: &str) -> Text {
    let (zh, en) = which_limit(which);
    Text::new(
        format!("指南未载明{zh}；报告中不计算该期限"),
        format!("the guide does not state the {en}; reports compute no date for it"),
    )
}

pub fn time_unit_not_stated(which: &str, days: u64) -> Text {
    let (zh, en) = which_limit(which);
    Text::new(
        format!("{zh}“{days}日”未载明是工作日还是自然日；报告中不计算该期限"),
        format!(
            "the {en} of {days} days does not say whether they are working or calendar days; reports compute no date for it"
        ),
    )
}

pub fn visits_not_stated() -> Text {
    Text::new(
        "指南未载明到办事现场次数",
        "the guide does not state the number of visits in person",
    )
}

pub fn deferral_not_stated() -> Text {
    Text::new(
        "指南未载明是否适用容缺受理；按不适用处理",
        "the guide does not say whether deferred materials are accepted; deferral is treated as not allowed",
    )
}

pub fn process_out_of_order(step: &str, after: &str) -> Text {
    let name = |s: &str| -> (&'static str, &'static str) {
        match s {
            "receive" => ("收件", "receipt"),
            "accept" => ("受理", "acceptance"),
            "review" => ("审核", "review"),
            "decide" => ("决定", "decision"),
            _ => ("办结", "completion"),
        }
    };
    let (step_zh, step_en) = name(step);
    let (after_zh, after_en) = name(after);
    Text::new(
        format!("办理环节“{step_zh}”排在“{after_zh}”之后，与收件→受理→审核→决定→办结的顺序不符"),
        format!(
            "the step “{step_en}” comes after “{after_en}”, against the order receipt → acceptance → review → decision → completion"
        ),
    )
}

/// How to fix a problem with the rule `code`, if there is advice to give.
pub fn hint(code: &str) -> Option<Text> {
    let (zh, en) = match code {
        "definition.syntax" => (
            "修正该处的 JSON 语法（常见原因：多余或缺少逗号、未闭合的引号或括号）",
            "fix the JSON syntax there (often a missing or extra comma, or an unclosed quote or bracket)",
        ),
        "definition.missing_key" => (
            "按 docs/item-format.md 补上该键",
            "add the key as described in docs/item-format.md",
        ),
        "definition.unknown_key" => (
            "检查拼写，或删除该键（格式不允许额外的键）",
            "check the spelling or remove the key (the format allows no extra keys)",
        ),
        "definition.wrong_type"
        | "definition.unknown_value"
        | "definition.bad_pattern"
        | "definition.schema"
        | "definition.unreadable" => (
            "按 docs/item-format.md 修改该值",
            "change the value as described in docs/item-format.md",
        ),
        "definition.too_large" | "definition.too_deep" => (
            "拆分或精简该定义（上限见 docs/security.md）",
            "split or simplify the definition (the limits are in docs/security.md)",
        ),
        "definition.ref_remote" => (
            "把被引用的模式放进本文件的 $defs，并改为“#/$defs/…”引用",
            "copy the referenced schema into this file's $defs and refer to it as “#/$defs/…”",
        ),
        "definition.ref_fragment_invalid" | "definition.ref_unresolved" => (
            "把引用写成指向本文件中已有位置的 JSON 指针，如“#/$defs/address”",
            "write the reference as a JSON Pointer to a place in this file, such as “#/$defs/address”",
        ),
        "definition.ref_cycle" => (
            "打断循环：让其中一个引用指向不再引用回来的模式",
            "break the cycle: point one of the references at a schema that does not refer back",
        ),
        "definition.ref_too_deep" => (
            "让引用直接指向目标模式，不要经过只含 $ref 的中间模式",
            "point the reference at the schema itself, not through schemas that only hold a $ref",
        ),
        "definition.ref_cycle_required" => (
            "让循环中的一处可以省略：把该属性移出 required，或把数组的 minItems 设为 0",
            "let the cycle end somewhere: take that property out of required, or let the list be empty (minItems 0)",
        ),
        "definition.ref_inside_resource" => (
            "在带 $id 的资源内部，用该资源自己的 $id 加片段来引用，例如 “person.json#/$defs/name”",
            "inside a resource with an $id, refer through that $id and a fragment, e.g. “person.json#/$defs/name”",
        ),
        "definition.form_not_object" => (
            "把表单根部写成 \"type\": \"object\" 并列出 properties，或通过 $ref/allOf 指向一个对象模式",
            "give the form's root \"type\": \"object\" and its properties, or reach an object schema through $ref or allOf",
        ),
        "definition.schema_too_wide" => (
            "把重复引用同一模式的 allOf/anyOf 分支合并为一个引用，每一层只引用一次",
            "merge the allOf/anyOf branches that refer to the same schema into one reference, once per level",
        ),
        "definition.form_invalid" | "definition.condition_invalid" => (
            "修正该处的 JSON Schema，使其可以编译",
            "fix the JSON Schema there so that it compiles",
        ),
        "definition.duplicate_material_id"
        | "definition.duplicate_condition_id"
        | "definition.duplicate_alternative_id" => {
            ("为其中一项改用唯一的编号", "give one of them a unique id")
        }
        "definition.unknown_field" => (
            "改为表单中已有的字段指针，或在 form 中声明该字段",
            "point at a field the form declares, or declare the field in form",
        ),
        "definition.per_item_not_array" => (
            "把 per_item.array 改为表单中列表字段的 JSON 指针，例如 /drivers",
            "point per_item.array at an array field of the form, such as /drivers",
        ),
        "definition.per_item_unknown_label" => (
            "把 entry_label.field 改为列表每项中字段的 JSON 指针，例如 /name，或删去 entry_label",
            "point entry_label.field at a field of each entry, such as /name, or remove entry_label",
        ),
        "definition.situation_unknown_field" => (
            "改为表单中已声明字段的 JSON 指针，例如 /situation/agricultural",
            "point at a field the form declares, such as /situation/agricultural",
        ),
        "definition.situation_not_a_question" => (
            "情形问题应为 boolean 或带 enum 的单选字段；为该情形另设一个是/否问题",
            "make the question a boolean or an enum field; add a yes/no question for the situation",
        ),
        "definition.situation_value_not_allowed" => (
            "把 value 改为该字段的某个回答（true/false 或 enum 中的值）",
            "set value to one of the field's answers (true/false or a value of its enum)",
        ),
        "definition.duplicate_situation_id" => (
            "为其中一个情形改用唯一的编号",
            "give one of the situations a unique id",
        ),
        "definition.situation_unknown_material" => (
            "改为 materials 中已有材料的 id，或删除该项",
            "use the id of a material in materials, or remove the entry",
        ),
        "definition.situation_material_not_by_situation" => (
            "把该材料的 required 改为 \"by_situation\"，由情形决定是否需要",
            "set the material's required to \"by_situation\" so that its situations decide",
        ),
        "definition.duplicate_variant_id" => (
            "为其中一个业务办理项改用唯一的编号",
            "give one of the variants a unique id",
        ),
        "definition.variant_unselected" => (
            "在选定它的情形中写上 \"variant\": 该编号，或删除该业务办理项",
            "add \"variant\": its id to the situation that chooses it, or remove the variant",
        ),
        "definition.variant_unknown" => (
            "改为 variants 中已有业务办理项的 id，或删除 variant",
            "use the id of a variant in variants, or remove variant",
        ),
        "definition.by_situation_unselected" => (
            "在某个情形的 materials 或 exempts 中列出该材料，或把 required 改为 true/false",
            "list the material in a situation's materials or exempts, or set required to true or false",
        ),
        "definition.field_not_in_steps" => (
            "把该字段加入 ui.steps 的某个步骤",
            "add the field to one of ui.steps",
        ),
        "definition.core_deferrable" => (
            "删除 deferrable，或去掉 core: true",
            "remove deferrable, or drop core: true",
        ),
        "definition.deferrable_without_deferral" => (
            "在 deferral 中设置 allowed: true，或删除该材料的 deferrable",
            "set deferral.allowed to true, or remove the material's deferrable",
        ),
        "definition.deferral_without_deadline" => (
            "设置 deferral.deadline_working_days",
            "set deferral.deadline_working_days",
        ),
        "definition.deferral_beyond_promised" | "definition.deferral_within_margin" => (
            "缩短容缺补正期限，或延长承诺办结时限",
            "shorten the supply deadline or lengthen the promised time limit",
        ),
        "definition.deferral_on_the_spot" => (
            "即办事项删除 deferral 或设 allowed: false",
            "for an on-the-spot item remove deferral or set allowed to false",
        ),
        "definition.in_lieu_incomplete" => (
            "补写告知内容（notice）和法律责任（liability）",
            "write the notice and the liability texts",
        ),
        "definition.promised_beyond_statutory" => (
            "承诺时限不得长于法定时限，改短承诺时限",
            "make the promised limit no longer than the statutory one",
        ),
        "definition.time_limit_units_differ" => (
            "指南载明计量单位时，两项时限按同一单位填写（均为 working_days 或均为 natural_days）；指南未载明时保留原文并自行核对",
            "where the guide states the units, give both limits in the same unit (both working_days or both natural_days); where it does not, keep its words and check by hand",
        ),
        "definition.on_the_spot_handling_type" | "definition.handling_type_mismatch" => (
            "即办事项设 handling_type: \"on_the_spot\" 且 promised: {\"on_the_spot\": true}，二者保持一致",
            "keep handling_type \"on_the_spot\" and promised {\"on_the_spot\": true} together",
        ),
        "definition.visits_without_reason" => (
            "在 visits.reason 写明需要到现场的原因",
            "say in visits.reason why a visit is needed",
        ),
        "definition.full_online_with_visits" => (
            "把 visits.count 设为 0，或降低网办深度",
            "set visits.count to 0, or lower online_depth",
        ),
        "definition.fees_without_basis" => (
            "写明 fees.basis（收费依据）并列出 fees.items",
            "give fees.basis and list fees.items",
        ),
        "lint.if_condition_not_required" => (
            "把条件测试的字段加入该条件的 required",
            "add the tested field to the condition's required",
        ),
        "lint.keyword_typo" => ("改正关键字的拼写", "correct the keyword's spelling"),
        "lint.required_not_declared" => (
            "改正 required 中的字段名，或在 properties 中声明该字段",
            "correct the name in required, or declare the field in properties",
        ),
        "lint.unknown_format" => (
            "改用 JSON Schema 的格式（如 email、date）或 banli 的 cn-* 格式，或删去 format",
            "use a JSON Schema format (email, date, …) or one of banli's cn-* formats, or remove format",
        ),
        "lint.field_without_title" => (
            "为字段加上 title（及 x-i18n.en.title）",
            "give the field a title (and x-i18n.en.title)",
        ),
        "lint.enum_without_labels" => (
            "在 x-enum-labels 中为每个选项写中文名称",
            "label every option in x-enum-labels",
        ),
        "lint.required_checkbox" => (
            "去掉 x-widget（必填的是/否问题显示为“是/否”单选）；必须勾选的同意项写 const: true",
            "remove x-widget (a required yes/no question is shown as 是/否 radio buttons); a box that must be ticked says const: true",
        ),
        "lint.missing_translation" => (
            "在 i18n.en（表单中为 x-i18n.en）中补上英文",
            "add the English text in i18n.en (x-i18n.en inside the form)",
        ),
        "lint.material_never_required" => (
            "改正情形条件中的取值，使其与表单字段的选项一致",
            "make the condition's value one the form field allows",
        ),
        "lint.draft07_keyword" => (
            "运行 banli migrate ITEM.json --write 改写为 JSON Schema 2020-12 写法（或按上文手工修改）",
            "run banli migrate ITEM.json --write to rewrite it in JSON Schema 2020-12 (or change it by hand as above)",
        ),
        "lint.not_stated" => (
            "向实施机关核实后填写确定的值；在此之前保留“未载明”标记，不要猜测",
            "ask the authority and fill in the real value; until then keep the “not stated” marker rather than guess",
        ),
        "lint.process_out_of_order" => (
            "按收件、受理、审核、决定、办结的顺序排列 process",
            "list process in the order receive, accept, review, decide, conclude",
        ),
        "lint.pattern_rejected" => (
            "改写正则表达式：不使用环视（lookaround）和反向引用",
            "rewrite the pattern without lookaround or backreferences",
        ),
        "bundle.when_unknown_field" => (
            "改正 when 中的字段名：只能使用问题（questions）、共享字段或成员键下的字段，如 /has_signage",
            "correct the field in when: use a question, a shared field or a field under a member key, such as /has_signage",
        ),
        "bundle.when_reads_conditional_member" => (
            "在 questions 中增设一个问题，让 when 测试该问题",
            "add a question to questions and let the when test it",
        ),
        "bundle.question_unused" => (
            "删除该问题，或在某个成员的 when 中使用它",
            "remove the question, or use it in a member's when",
        ),
        "bundle.invalid" => (
            "按 docs/item-format.md 的一件事格式修改；成员事项须存在且有效",
            "follow the bundle format in docs/item-format.md; member items must exist and be valid",
        ),
        "schema.invalid" => (
            "按 JSON Schema 2020-12 修正该模式",
            "fix the schema according to JSON Schema 2020-12",
        ),
        "file.unreadable" => (
            "检查文件路径和权限",
            "check the file's path and permissions",
        ),
        _ => return None,
    };
    Some(Text::new(zh, en))
}
