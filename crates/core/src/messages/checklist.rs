//! The words of the applicant's checklist (办事指引): the headings and
//! marks that `banli checklist` prints and the widget's first page shows.

use super::Text;

fn t(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

pub fn title(item: &str) -> Text {
    Text::new(
        format!("{item}：办事指引"),
        format!("{item}: before you apply"),
    )
}
/// The widget's page title.
pub fn page_title() -> Text {
    t("办事指引", "Before you apply")
}
pub fn intro() -> Text {
    t(
        "请先回答以下问题。根据您的回答，下面列出您本次需要准备的材料。",
        "Please answer these questions first. The list below then shows the materials you need to prepare.",
    )
}
pub fn situations_hold(list: &str) -> Text {
    Text::new(format!("您属于：{list}"), format!("Your situation: {list}"))
}
pub fn unanswered(count: usize) -> Text {
    Text::new(
        format!("还有{count}个问题未回答，回答后清单才完整"),
        format!(
            "{} not answered yet; the list is complete once answered",
            super::en_count(count as u64, "question", "questions")
        ),
    )
}
/// [`unanswered`] followed by the questions' places.
pub fn unanswered_at(count: usize, places: &str) -> Text {
    let head = unanswered(count);
    Text::new(
        format!("{}：{places}", head.zh),
        format!("{}: {places}", head.en),
    )
}
/// One material of the list with its necessity.
pub fn material_line(name: &str, necessity: &str) -> Text {
    Text::new(
        format!("{name}（{necessity}）"),
        format!("{name} ({necessity})"),
    )
}
/// Between a material's marks and between situations.
pub fn separator() -> Text {
    t("；", "; ")
}
pub fn needed() -> Text {
    t("需要准备的材料", "Materials you need")
}
pub fn not_needed() -> Text {
    t("本次无需提交的材料", "Not needed this time")
}
pub fn depends() -> Text {
    t(
        "视填写内容而定的材料",
        "Depends on what you enter in the form",
    )
}
pub fn undecided() -> Text {
    t("回答问题后确定的材料", "Decided by your answers")
}
pub fn optional() -> Text {
    t("可选提交的材料", "Optional materials")
}
pub fn none() -> Text {
    t("无", "None")
}
pub fn source(source: &str) -> Text {
    Text::new(format!("来源：{source}"), format!("From: {source}"))
}
pub fn issuer(issuer: &str) -> Text {
    Text::new(
        format!("出具单位：{issuer}"),
        format!("Issued by: {issuer}"),
    )
}
pub fn generated() -> Text {
    t(
        "由系统根据填写内容生成，无需准备",
        "Generated from what you enter; nothing to prepare",
    )
}
pub fn shareable() -> Text {
    t(
        "可通过电子证照或部门共享获取",
        "May be taken from e-licences or government data",
    )
}
pub fn deferrable() -> Text {
    t("可容缺后补", "May be supplied later")
}
pub fn in_lieu() -> Text {
    t("可告知承诺代替", "A signed commitment may replace it")
}
pub fn variant(name: &str) -> Text {
    Text::new(format!("业务办理项：{name}"), format!("Variant: {name}"))
}
/// In a bundle's checklist, the variant one member's answers chose.
pub fn member_variant(member: &str, name: &str) -> Text {
    Text::new(
        format!("业务办理项（{member}）：{name}"),
        format!("Variant ({member}): {name}"),
    )
}
pub fn promised(limit: &str) -> Text {
    Text::new(
        format!("承诺办结时限：{limit}"),
        format!("Promised time limit: {limit}"),
    )
}
pub fn statutory(limit: &str) -> Text {
    Text::new(
        format!("法定办结时限：{limit}"),
        format!("Statutory time limit: {limit}"),
    )
}
pub fn visits(visits: &str) -> Text {
    Text::new(
        format!("到办事现场次数：{visits}"),
        format!("Visits in person: {visits}"),
    )
}
pub fn fees(fees: &str) -> Text {
    Text::new(format!("收费：{fees}"), format!("Fees: {fees}"))
}
pub fn results(results: &str) -> Text {
    Text::new(
        format!("办理结果：{results}"),
        format!("You receive: {results}"),
    )
}
pub fn start() -> Text {
    t("开始填写", "Start the application")
}
