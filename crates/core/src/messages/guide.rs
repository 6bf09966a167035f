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
/// After an option of a bundle's material: the member items (`members`,
/// already joined) that need the material but do not offer the option.
pub fn except_members(members: &str) -> Text {
    Text::new(
        format!("（{members}除外）"),
        format!(" (not for {members})"),
    )
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
        "not_stated" => t("未载明", "Not stated"),
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
/// A section of a bundle's or a bundle member's own facts in the bundle's
/// guide, labelled with its name: "食品经营许可：办理地点".
pub fn member_section(member: &str, heading: &str) -> Text {
    Text::new(
        format!("{member}：{heading}"),
        format!("{member}: {heading}"),
    )
}

pub fn members() -> Text {
    t(
        "包含事项（各事项分别办结）",
        "Items included (each decided on its own)",
    )
}

// The descriptive elements (issue 18): 实施清单 element names as headings.

/// A material with alternatives in the materials table: its name, then
/// `list` ("A、B 或 C（任选其一）" in the text's language).
/// The quantity of a per-item material when the item gives no words of
/// its own: one copy per entry of the array titled `array`.
pub fn per_item_each(array: &str) -> Text {
    Text::new(
        format!("按“{array}”每项各一份"),
        format!("one per entry of “{array}”"),
    )
}

pub fn material_with_alternatives(name: &str, list: &str) -> Text {
    Text::new(format!("{name}：{list}"), format!("{name}: {list}"))
}

/// The words for what a guide does not state (未载明).
pub fn not_stated() -> Text {
    t("未载明", "Not stated")
}
pub fn natural_days(days: u32) -> Text {
    Text::new(format!("{days}个自然日"), format!("{days} calendar days"))
}
pub fn days_unit_not_stated(days: u32) -> Text {
    Text::new(
        format!("{days}日（未载明为工作日或自然日）"),
        format!("{days} days (not stated whether working or calendar days)"),
    )
}
pub fn no_limit() -> Text {
    t("无法定办结时限", "No statutory time limit")
}
pub fn visits_not_stated() -> Text {
    t("未载明。", "Not stated.")
}
pub fn deferral_not_stated() -> Text {
    t(
        "指南未载明是否适用容缺受理；网上申请不提供容缺。",
        "The guide does not say whether deferral is available; it is not offered online.",
    )
}
pub fn handling_body() -> Text {
    t("办理机构", "Handling body")
}
pub fn published_on() -> Text {
    t("发布日期", "Published")
}
pub fn valid_from() -> Text {
    t("生效日期", "In force from")
}
pub fn valid_until() -> Text {
    t("取消日期", "In force until")
}
pub fn portal_version() -> Text {
    t("事项版本", "Portal version")
}
pub fn applicants() -> Text {
    t("服务对象", "Who may apply")
}
/// An item's type with its code: the item's own label in Chinese, the
/// national list's name in English (事项类型 codes 01–10 and 20 of the
/// national list; 11 and 12 as provincial lists use them), else the label.
pub fn item_type_value(code: &str, label: &str) -> Text {
    let en = match code {
        "01" => "Administrative licensing",
        "02" => "Administrative penalty",
        "03" => "Administrative coercion",
        "04" => "Administrative levy",
        "05" => "Administrative payment",
        "06" => "Administrative inspection",
        "07" => "Administrative confirmation",
        "08" => "Administrative reward",
        "09" => "Administrative adjudication",
        "10" => "Other administrative power",
        "11" | "20" => "Public service",
        "12" => "Administrative filing",
        _ => label,
    };
    Text::new(format!("{label}（{code}）"), format!("{en} ({code})"))
}
pub fn applicant_kind(kind: &str) -> Text {
    match kind {
        "natural_person" => t("自然人", "Natural persons"),
        "enterprise" => t("企业法人", "Enterprises"),
        "public_institution" => t("事业法人", "Public institutions"),
        "social_organization" => t("社会组织法人", "Social organisations"),
        "government_body" => t("行政机关", "Government bodies"),
        _ => t("其他组织", "Other organisations"),
    }
}
pub fn list_separator() -> Text {
    t("、", ", ")
}
pub fn citation_document_number(number: &str) -> Text {
    Text::new(format!("（{number}）"), format!(" ({number})"))
}
pub fn citation_clause_text(text: &str) -> Text {
    Text::new(format!("：{text}"), format!(": {text}"))
}
pub fn material_requirements() -> Text {
    t("材料要求", "Material requirements")
}
pub fn column_issuer() -> Text {
    t("出具单位", "Issued by")
}
pub fn column_seal() -> Text {
    t("签章要求", "Seal or signature")
}
pub fn column_paper() -> Text {
    t("纸张规格", "Paper")
}
pub fn column_originals() -> Text {
    t("原件份数", "Originals")
}
pub fn column_photocopies() -> Text {
    t("复印件份数", "Copies")
}
pub fn column_how() -> Text {
    t("提交方式", "How it is provided")
}
pub fn generated() -> Text {
    t(
        "由系统根据填写内容生成，无需上传",
        "Generated from the form data; nothing to upload",
    )
}
pub fn special_procedures() -> Text {
    t(
        "特别程序（不计入办理时限）",
        "Special procedures (not counted in the time limits)",
    )
}
pub fn column_procedure() -> Text {
    t("特别程序", "Procedure")
}
pub fn column_duration() -> Text {
    t("时限", "Duration")
}
pub fn column_basis() -> Text {
    t("依据", "Basis")
}
pub fn column_run_by() -> Text {
    t("实施主体", "Run by")
}
pub fn column_phone() -> Text {
    t("联系电话", "Phone")
}
pub fn third_party_costs() -> Text {
    t(
        "第三方费用（不由实施机关收取）：",
        "Paid to third parties, not to the authority:",
    )
}
pub fn paid_to(payee: &str) -> Text {
    Text::new(
        format!("（收款方：{payee}）"),
        format!(" (paid to {payee})"),
    )
}
pub fn results() -> Text {
    t("办理结果", "Results")
}
pub fn column_result() -> Text {
    t("结果名称", "Result")
}
pub fn column_result_kind() -> Text {
    t("结果类型", "Kind")
}
pub fn column_sample() -> Text {
    t("结果样本", "Sample")
}
pub fn column_e_licence() -> Text {
    t("电子证照", "Electronic licence")
}
pub fn column_validity() -> Text {
    t("有效期", "Valid for")
}
pub fn result_kind(kind: &str) -> Text {
    match kind {
        "licence" => t("证照", "Licence"),
        "approval" => t("批文", "Approval"),
        _ => t("其他", "Other"),
    }
}
pub fn process() -> Text {
    t("办理流程", "Process")
}
pub fn column_step() -> Text {
    t("办理环节", "Step")
}
pub fn column_review_method() -> Text {
    t("审查方式", "Review method")
}
pub fn column_step_time() -> Text {
    t("环节时限", "Time")
}
pub fn column_by() -> Text {
    t("办理人员", "Done by")
}
pub fn step(step: &str) -> Text {
    match step {
        "receive" => t("收件", "Receipt"),
        "accept" => t("受理", "Acceptance"),
        "review" => t("审核", "Review"),
        "decide" => t("决定", "Decision"),
        "conclude" => t("办结", "Completion"),
        _ => t("其他", "Other"),
    }
}
pub fn channels() -> Text {
    t("办理形式", "How to apply")
}
pub fn channel(kind: &str) -> Text {
    match kind {
        "window" => t("窗口办理", "At the window"),
        "online" => t("网上办理", "Online"),
        _ => t("邮寄办理", "By post"),
    }
}
pub fn column_channel() -> Text {
    t("办理形式", "Channel")
}
pub fn column_visits() -> Text {
    t("到现场次数", "Visits")
}
pub fn column_delivery() -> Text {
    t("结果送达", "Result delivered")
}
pub fn column_address() -> Text {
    t("地址", "Address")
}
pub fn column_note() -> Text {
    t("说明", "Note")
}
pub fn delivery(kind: &str) -> Text {
    match kind {
        "window" => t("窗口领取", "Collected at the window"),
        "post" => t("邮寄送达", "By post"),
        _ => t("网上送达", "Online"),
    }
}
pub fn online_services(capabilities: &str) -> Text {
    Text::new(
        format!("网上可办理：{capabilities}"),
        format!("Online: {capabilities}"),
    )
}
pub fn online_address(url: &str) -> Text {
    Text::new(
        format!("网上办理地址：{url}"),
        format!("Apply online at {url}"),
    )
}
pub fn capability(kind: &str) -> Text {
    match kind {
        "consultation" => t("互联网咨询", "consultation"),
        "receipt" => t("互联网收件", "receipt of applications"),
        "pre_review" => t("互联网预审", "preliminary review"),
        "acceptance" => t("互联网受理", "acceptance"),
        "handling" => t("互联网办理", "handling"),
        _ => t("互联网办理结果信息反馈", "notice of the result"),
    }
}
pub fn offices() -> Text {
    t("办理地点", "Where to apply")
}
pub fn column_office() -> Text {
    t("窗口", "Window")
}
pub fn column_hours() -> Text {
    t("办公时间", "Opening hours")
}
pub fn column_directions() -> Text {
    t("交通指引", "Directions")
}
pub fn contacts() -> Text {
    t("咨询与投诉", "Questions and complaints")
}
pub fn contact_purpose(purpose: &str) -> Text {
    match purpose {
        "consultation" => t("咨询方式", "Questions"),
        "complaint" => t("监督投诉方式", "Complaints"),
        _ => t("进度查询方式", "Progress enquiries"),
    }
}
pub fn related_items() -> Text {
    t("关联事项", "Related items")
}
pub fn relation(relation: &str) -> Text {
    match relation {
        "prerequisite" => t("前置事项", "Needed first"),
        "follow_up" => t("后续事项", "Comes next"),
        _ => t("联办事项", "Handled jointly"),
    }
}
pub fn column_relation() -> Text {
    t("关系", "Relation")
}
pub fn column_item() -> Text {
    t("事项", "Item")
}
pub fn faq() -> Text {
    t("常见问题", "Frequently asked questions")
}
pub fn question_answer(question: &str, answer: &str) -> Text {
    Text::new(
        format!("问：{question} 答：{answer}"),
        format!("Q: {question} A: {answer}"),
    )
}
pub fn remedies() -> Text {
    t("行政复议与行政诉讼", "Review and appeal")
}
pub fn reconsideration(text: &str) -> Text {
    Text::new(
        format!("行政复议：{text}"),
        format!("Administrative reconsideration: {text}"),
    )
}
pub fn litigation(text: &str) -> Text {
    Text::new(
        format!("行政诉讼：{text}"),
        format!("Administrative litigation: {text}"),
    )
}

/// A situational material's necessity: "属上一级…的项目时需要".
pub fn required_in_situations(situations: &str) -> Text {
    Text::new(
        format!("{situations}时需要"),
        format!("Required for: {situations}"),
    )
}
/// The situations that exempt a material: "必要，农口项目除外".
pub fn required_except_situations(situations: &str) -> Text {
    Text::new(
        format!("必要，{situations}除外"),
        format!("Required, except for: {situations}"),
    )
}
/// Both: "…时需要，…除外".
pub fn required_in_situations_except(situations: &str, except: &str) -> Text {
    Text::new(
        format!("{situations}时需要，{except}除外"),
        format!("Required for: {situations}; except for: {except}"),
    )
}
/// Joins situations of which any one suffices: "A或B" / "A or B".
pub fn situations_or() -> Text {
    t("或", " or ")
}
pub fn variants() -> Text {
    t("业务办理项", "Variants (业务办理项)")
}
pub fn variants_intro() -> Text {
    t(
        "本事项按情形分为以下业务办理项，所适用的办理项决定办结时限、审批机关和办理结果。",
        "The item has these variants; the one your situation chooses decides the time limits, the deciding authority and the result.",
    )
}
pub fn column_variant() -> Text {
    t("业务办理项", "Variant")
}
pub fn column_variant_code() -> Text {
    t("办理项编码", "Code")
}
pub fn column_chosen_when() -> Text {
    t("适用情形", "When")
}
pub fn column_decided_by() -> Text {
    t("审批机关", "Decided by")
}
/// The item's authority reviews and forwards (初审转报) to `to`.
pub fn forwarded_to(by: &str, to: &str) -> Text {
    Text::new(
        format!("{by}初审后转报{to}"),
        format!("{by} reviews and forwards to {to}"),
    )
}
pub fn as_for_the_item() -> Text {
    t("同本事项", "As for the item")
}
pub fn situations() -> Text {
    t("办理情形", "Situations")
}
/// In a bundle's guide, the heading of one member's situations or variants.
pub fn member_heading(member: &str) -> Text {
    Text::new(format!("{member}："), format!("{member}:"))
}
pub fn situations_intro() -> Text {
    t(
        "申请人先回答以下问题，按所属情形确定需要提交的材料。",
        "The applicant first answers these questions; the situation that applies decides which materials are needed.",
    )
}
pub fn column_question() -> Text {
    t("问题", "Question")
}
pub fn column_situation() -> Text {
    t("情形", "Situation")
}
pub fn column_selects() -> Text {
    t("需要提交", "Needs")
}
pub fn column_exempts() -> Text {
    t("可免提交", "Exempt from")
}
/// A question and one answer: "是否属于农口项目：是".
pub fn situation_answer(question: &str, answer: &str) -> Text {
    Text::new(
        format!("{question}：{answer}"),
        format!("{question}: {answer}"),
    )
}
