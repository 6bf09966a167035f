//! Words of the printed service guide (办事指南): headings, column names and
//! the phrases that turn a definition's values into sentences.

use super::Text;

fn t(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

pub fn title(name: &str) -> Text {
    Text::new(format!("{name}办事指南"), format!("Service guide: {name}"))
}
pub fn basic_information() -> Text {
    t("基本信息", "Basic information")
}
pub fn item_name() -> Text {
    t("事项名称", "Item")
}
pub fn item_type() -> Text {
    t("事项类型", "Item type")
}
pub fn code() -> Text {
    t("实施编码", "Implementation code")
}
pub fn basic_code() -> Text {
    t("基本编码", "Basic code")
}
pub fn version() -> Text {
    t("版本", "Version")
}
pub fn authority() -> Text {
    t("实施机关", "Authority")
}
pub fn handling_type() -> Text {
    t("办件类型", "Handling type")
}
pub fn on_the_spot_item() -> Text {
    t("即办件", "Handled on the spot")
}
pub fn commitment_item() -> Text {
    t("承诺件", "Handled within a promised time")
}
pub fn online_depth() -> Text {
    t("网办深度", "Online depth")
}
pub fn description() -> Text {
    t("事项说明", "About this item")
}
pub fn legal_basis() -> Text {
    t("设定依据", "Legal basis")
}
pub fn conditions() -> Text {
    t("申请条件", "Conditions")
}
pub fn condition_in_lieu() -> Text {
    t(
        "（可告知承诺）",
        " (a signed commitment may replace the proof)",
    )
}
pub fn materials() -> Text {
    t("申请材料", "Materials")
}
pub fn no_materials() -> Text {
    t("无需提交材料。", "No materials are needed.")
}
pub fn column_number() -> Text {
    t("序号", "No.")
}
pub fn column_material() -> Text {
    t("材料名称", "Material")
}
pub fn column_copy_kind() -> Text {
    t("原件/复印件", "Original or copy")
}
pub fn column_medium() -> Text {
    t("纸质/电子", "Medium")
}
pub fn column_copies() -> Text {
    t("份数", "Copies")
}
pub fn column_necessity() -> Text {
    t("必要性", "Necessity")
}
pub fn column_source() -> Text {
    t("来源", "Source")
}
pub fn column_options() -> Text {
    t("容缺/承诺", "Deferral / commitment")
}
pub fn column_notes() -> Text {
    t("填报须知", "Notes")
}
pub fn necessary() -> Text {
    t("必要", "Required")
}
pub fn optional() -> Text {
    t("非必要", "Optional")
}
pub fn required_when(condition: &str) -> Text {
    Text::new(
        format!("{condition}时必要"),
        format!("Required when {condition}"),
    )
}
pub fn deferrable() -> Text {
    t("可容缺后补", "May be supplied later")
}
pub fn in_lieu() -> Text {
    t("可告知承诺", "A commitment may replace it")
}
pub fn core() -> Text {
    t("核心材料", "Core material")
}
pub fn copy_kind(kind: &str) -> Text {
    match kind {
        "original" => t("原件", "Original"),
        "copy" => t("复印件", "Copy"),
        _ => t("原件和复印件", "Original and copy"),
    }
}
pub fn medium(medium: &str) -> Text {
    match medium {
        "paper" => t("纸质", "Paper"),
        "electronic" => t("电子", "Electronic"),
        _ => t("纸质和电子", "Paper and electronic"),
    }
}
pub fn source(source: &str) -> Text {
    match source {
        "applicant" => t("申请人自备", "The applicant"),
        "government" => t("政府部门核发", "Issued by a government department"),
        "e_license" => t("电子证照库", "E-licence library"),
        "intermediary" => t("中介机构", "An intermediary"),
        _ => t("其他", "Other"),
    }
}
pub fn field_is(field: &str, value: &str) -> Text {
    Text::new(
        format!("“{field}”为“{value}”"),
        format!("“{field}” is “{value}”"),
    )
}
pub fn field_is_one_of(field: &str, values: &str) -> Text {
    Text::new(
        format!("“{field}”为{values}之一"),
        format!("“{field}” is one of {values}"),
    )
}
pub fn field_given(field: &str) -> Text {
    Text::new(format!("填写了“{field}”"), format!("“{field}” is given"))
}
pub fn and() -> Text {
    t("且", " and ")
}
pub fn some_situation() -> Text {
    t("符合特定情形", "a particular situation applies")
}
pub fn time_limits() -> Text {
    t("办理时限", "Time limits")
}
pub fn statutory() -> Text {
    t("法定办结时限", "Statutory time limit")
}
pub fn promised() -> Text {
    t("承诺办结时限", "Promised time limit")
}
pub fn working_days(days: u32) -> Text {
    Text::new(format!("{days}个工作日"), format!("{days} working days"))
}
pub fn on_the_spot() -> Text {
    t("即办", "On the spot")
}
pub fn excluded_periods(periods: &str) -> Text {
    Text::new(
        format!("以下时间不计入办理时限：{periods}"),
        format!("Not counted in the time limits: {periods}"),
    )
}
pub fn deferral() -> Text {
    t("容缺受理", "Deferred materials (容缺受理)")
}
pub fn deferral_allowed(deadline: Option<u32>, max: Option<u32>, withhold: bool) -> Text {
    let mut zh =
        String::from("基本条件具备、核心材料齐全的，可容缺受理，申请人须签署容缺受理承诺书");
    let mut en = String::from(
        "An applicant who meets the basic conditions and has every core material may be accepted with materials to follow, after signing a deferral commitment",
    );
    if let Some(days) = deadline {
        zh.push_str(&format!("，并在受理后{days}个工作日内补齐材料"));
        en.push_str(&format!(
            ", and must supply them within {days} working days of acceptance"
        ));
    }
    if let Some(max) = max {
        zh.push_str(&format!("；最多容缺{max}项材料"));
        en.push_str(&format!("; at most {max} materials may be deferred"));
    }
    if withhold {
        zh.push_str("；材料补齐后方可领取办理结果");
        en.push_str("; the result is issued once the materials have arrived");
    }
    zh.push('。');
    en.push('.');
    Text::new(zh, en)
}
pub fn deferral_not_allowed(reason: Option<&str>) -> Text {
    match reason {
        Some(reason) => Text::new(
            format!("本事项不适用容缺受理（{reason}）。"),
            format!("Deferral is not available for this item ({reason})."),
        ),
        None => t(
            "本事项不适用容缺受理。",
            "Deferral is not available for this item.",
        ),
    }
}
pub fn fees() -> Text {
    t("收费标准", "Fees")
}
pub fn free() -> Text {
    t("不收费。", "Free of charge.")
}
pub fn fee_basis(basis: &str) -> Text {
    Text::new(format!("收费依据：{basis}"), format!("Basis: {basis}"))
}
pub fn yuan(amount: f64) -> Text {
    Text::new(format!("{amount}元"), format!("CNY {amount}"))
}
pub fn visits() -> Text {
    t("到办事现场次数", "Visits in person")
}
pub fn visit_count(count: u32) -> Text {
    Text::new(format!("{count}次"), format!("{count}"))
}
pub fn form() -> Text {
    t("申请表填写内容", "What the application form asks")
}
pub fn column_field() -> Text {
    t("填写项", "Field")
}
pub fn column_required() -> Text {
    t("是否必填", "Required")
}
pub fn column_help() -> Text {
    t("说明", "Help")
}
pub fn yes() -> Text {
    t("是", "Yes")
}
pub fn no() -> Text {
    t("否", "No")
}
pub fn depends() -> Text {
    t("视情形", "Depends on the situation")
}
/// A field required only in some cases of a choice: `condition` is
/// [`field_is`] or [`field_is_one_of`] of the choice.
pub fn required_in_case(condition: &str) -> Text {
    Text::new(format!("{condition}时必填"), format!("When {condition}"))
}
pub fn footer(code: &str, version: &str) -> Text {
    Text::new(
        format!("本指南由事项定义 {code}（版本 {version}）生成，与网上办理表单同源。"),
        format!(
            "Generated from item definition {code} (version {version}), the same source as the online form."
        ),
    )
}
pub fn sentence_break() -> Text {
    t("。", ". ")
}
pub fn parenthesised(text: &str) -> Text {
    Text::new(format!("（{text}）"), format!(" ({text})"))
}
pub fn members() -> Text {
    t(
        "包含事项（各事项分别办结）",
        "Items included (each decided on its own)",
    )
}
