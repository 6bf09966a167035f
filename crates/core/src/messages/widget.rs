//! Texts of the application form widget: buttons, headings, the error
//! summary, the review page and the materials step.

use super::Text;

pub fn yes_no(value: bool) -> Text {
    if value {
        Text::new("是", "Yes")
    } else {
        Text::new("否", "No")
    }
}

pub fn entry() -> Text {
    Text::new("条目", "Entry")
}

pub fn next() -> Text {
    Text::new("下一步", "Continue")
}

pub fn back() -> Text {
    Text::new("上一步", "Back")
}

pub fn review() -> Text {
    Text::new("核对信息", "Check your answers")
}

pub fn submit() -> Text {
    Text::new("确认并提交", "Confirm and submit")
}

pub fn change() -> Text {
    Text::new("修改", "Change")
}

pub fn optional() -> Text {
    Text::new("（选填）", "(optional)")
}

pub fn not_answered() -> Text {
    Text::new("未填写", "Not answered")
}

pub fn summary_title() -> Text {
    Text::new("提交前请修改以下问题", "There is a problem")
}

pub fn summary_intro(count: usize) -> Text {
    Text::new(
        format!("共{count}个问题，请逐项修改："),
        format!("{count} problem(s) to fix:"),
    )
}

pub fn step_of(current: usize, total: usize, title: &str) -> Text {
    Text::new(
        format!("第{current}步，共{total}步：{title}"),
        format!("Step {current} of {total}: {title}"),
    )
}

pub fn steps_label() -> Text {
    Text::new("办理步骤", "Steps")
}

pub fn start_nested(label: &str) -> Text {
    Text::new(format!("填写{label}"), format!("Fill in {label}"))
}

pub fn add_entry(label: &str) -> Text {
    Text::new(format!("添加{label}"), format!("Add {label}"))
}

pub fn remove_entry(label: &str, position: usize) -> Text {
    Text::new(
        format!("删除第{position}项{label}"),
        format!("Remove {label} {position}"),
    )
}

pub fn move_up(position: usize) -> Text {
    Text::new(
        format!("第{position}项上移"),
        format!("Move entry {position} up"),
    )
}

pub fn move_down(position: usize) -> Text {
    Text::new(
        format!("第{position}项下移"),
        format!("Move entry {position} down"),
    )
}

pub fn entry_heading(label: &str, position: usize) -> Text {
    Text::new(
        format!("{label}（第{position}项）"),
        format!("{label} {position}"),
    )
}

pub fn list_limits(min: u64, max: Option<u64>) -> Text {
    match max {
        Some(max) => Text::new(
            format!("至少{min}项，最多{max}项"),
            format!("At least {min}, at most {max}"),
        ),
        None => Text::new(format!("至少{min}项"), format!("At least {min}")),
    }
}

/// The count under a field with a length limit, in characters as the
/// core counts them (Unicode code points: 𠀋 is one character, though
/// UTF-16 takes two units for it). It informs and never refuses: the
/// core's message says when an answer is too long.
pub fn character_count(count: usize, max: u64) -> Text {
    Text::new(
        format!("已输入{count}个字符，最多{max}个"),
        format!("{count} of {max} characters"),
    )
}

pub fn error_prefix() -> Text {
    Text::new("错误：", "Error: ")
}

pub fn form_details() -> Text {
    Text::new("填写申请信息", "Application details")
}

pub fn materials_step() -> Text {
    Text::new("申请材料", "Materials")
}

pub fn materials_intro() -> Text {
    Text::new(
        "以下是根据您填写的信息需要提交的材料。标有“不需要提交”的材料本次无需提供。",
        "These are the materials your answers require. Materials marked “not needed” need not be provided this time.",
    )
}

pub fn material_not_needed() -> Text {
    Text::new("不需要提交", "Not needed")
}

pub fn material_generated() -> Text {
    Text::new("由系统根据填写内容生成", "Generated from what you entered")
}

/// Over the radio group of a material's alternatives ("A 或 B 或 C").
pub fn which_alternative() -> Text {
    Text::new(
        "提交的是以下哪一项（任选其一）",
        "Which one are you providing? (any one)",
    )
}

pub fn how_to_provide() -> Text {
    Text::new("提交方式", "How will you provide it?")
}

pub fn provide_upload() -> Text {
    Text::new("上传文件", "Upload a file")
}

pub fn provide_shared() -> Text {
    Text::new(
        "通过电子证照或部门共享获取，无需提交",
        "Taken from e-licences or government data; nothing to upload",
    )
}

pub fn provide_deferred(days: Option<u32>) -> Text {
    match days {
        Some(days) => Text::new(
            format!("容缺后补（受理后{days}个工作日内补齐）"),
            format!("Supply later (within {days} working days of acceptance)"),
        ),
        None => Text::new("容缺后补", "Supply later"),
    }
}

pub fn provide_in_lieu() -> Text {
    Text::new(
        "告知承诺（以书面承诺代替证明）",
        "Commit in writing instead of the proof",
    )
}

pub fn choose_file() -> Text {
    Text::new("选择文件", "Choose a file")
}

pub fn file_chosen(name: &str, size: u64) -> Text {
    Text::new(
        format!("已选择：{name}（{size} 字节）"),
        format!("Chosen: {name} ({size} bytes)"),
    )
}

pub fn commitment_heading() -> Text {
    Text::new("签署承诺书", "Sign the commitment")
}

pub fn signer() -> Text {
    Text::new("承诺人姓名", "Name of the person signing")
}

pub fn confirm_commitment() -> Text {
    Text::new(
        "我已阅读并同意以上承诺内容",
        "I have read and agree to the commitment above",
    )
}

pub fn commitment_needs_confirmation() -> Text {
    Text::new(
        "请阅读承诺书并勾选同意",
        "Read the commitment and tick to agree",
    )
}

pub fn deadlines_heading() -> Text {
    Text::new("办理期限", "Deadlines")
}

pub fn deferred_due(date: &str) -> Text {
    Text::new(
        format!("容缺材料须于{date}前补齐"),
        format!("Deferred materials are due by {date}"),
    )
}

pub fn submitted() -> Text {
    Text::new("申请已提交", "Application submitted")
}

pub fn submitted_body() -> Text {
    Text::new(
        "您的申请已提交，请留意受理通知。",
        "Your application has been submitted. Watch for the notice of acceptance.",
    )
}

pub fn loading() -> Text {
    Text::new("正在加载申请表……", "Loading the form…")
}

/// A material's copy kind, by its wire name (`original`, `copy`, …).
pub fn copy_kind(kind: &str) -> Text {
    match kind {
        "original" => Text::new("原件", "original"),
        "copy" => Text::new("复印件", "copy"),
        _ => Text::new("原件和复印件", "original and copy"),
    }
}

/// A material's medium, by its wire name (`paper`, `electronic`, …).
pub fn medium(medium: &str) -> Text {
    match medium {
        "paper" => Text::new("纸质", "paper"),
        "electronic" => Text::new("电子", "electronic"),
        _ => Text::new("纸质和电子", "paper and electronic"),
    }
}

pub fn copies(count: u32) -> Text {
    Text::new(
        format!("{count}份"),
        if count == 1 {
            "1 copy".to_owned()
        } else {
            format!("{count} copies")
        },
    )
}

pub fn choose() -> Text {
    Text::new("请选择", "Choose")
}

pub fn promised_by() -> Text {
    Text::new("承诺办结日期", "Promised by")
}

pub fn decided_on_the_spot() -> Text {
    Text::new("即办（当场办结）", "Decided on the spot")
}

pub fn decision() -> Text {
    Text::new("办结", "Decision")
}

pub fn draft_offer() -> Text {
    Text::new(
        "继续填写上次的草稿？",
        "Continue the draft you saved last time?",
    )
}

pub fn draft_offer_saved(saved_at: &str) -> Text {
    Text::new(
        format!("本设备保存了您于{saved_at}填写的内容。"),
        format!("This device kept what you entered at {saved_at}."),
    )
}

pub fn draft_continue() -> Text {
    Text::new("继续填写", "Continue the draft")
}

pub fn draft_start_over() -> Text {
    Text::new("重新开始", "Start again")
}

pub fn draft_clear() -> Text {
    Text::new("清除草稿", "Clear the draft")
}

pub fn draft_cleared() -> Text {
    Text::new(
        "草稿已清除，申请表已重置。",
        "The draft was cleared and the form reset.",
    )
}

pub fn draft_restored() -> Text {
    Text::new("已恢复上次的草稿。", "Your draft was restored.")
}

pub fn draft_corrupt() -> Text {
    Text::new(
        "上次保存的草稿无法读取，已丢弃。请重新填写。",
        "The saved draft could not be read and was discarded. Please fill in the form again.",
    )
}

/// A stored draft whose data exceeds a limit (`problem`, from
/// `messages::limits`): not used, and kept.
pub fn draft_over_limit(problem: &Text) -> Text {
    Text::new(
        format!(
            "本设备保存的草稿超出限制（{}），未被使用，也未被删除。清除该草稿之前，本次填写不会自动保存。",
            problem.zh
        ),
        format!(
            "The draft saved on this device exceeds a limit ({}), so it was not used; it was not deleted either. Until you clear it, what you enter now is not saved as a draft.",
            problem.en
        ),
    )
}

/// A portal's prefill whose data exceeds a limit (`problem`, from
/// `messages::limits`) at `path`, a JSON Pointer into the prefill.
pub fn prefill_over_limit(path: &str, problem: &Text) -> Text {
    Text::new(
        format!("门户预填的数据超出限制，位置 {path}：{}", problem.zh),
        format!(
            "the portal's prefill exceeds a limit at {path}: {}",
            problem.en
        ),
    )
}

pub fn draft_version_changed(old: &str, new: &str) -> Text {
    Text::new(
        format!(
            "您的草稿按旧版本（{old}）填写，本事项已更新为{new}版。已按新版本重新核对，变化如下："
        ),
        format!(
            "Your draft was made for version {old}; this item is now version {new}. It was checked again against the new version. What changed:"
        ),
    )
}

pub fn draft_version_changed_unknown() -> Text {
    Text::new(
        "旧版本的内容无法比对，请逐页核对您的填写。",
        "The old version is not available to compare; please check each page.",
    )
}

pub fn draft_problems(count: usize) -> Text {
    Text::new(
        format!("按新版本核对，有{count}处需要补充或修改，继续时会逐项提示。"),
        format!(
            "Under the new version, {count} answer(s) need attention; you will be shown each as you go."
        ),
    )
}

pub fn draft_materials_dropped(count: usize) -> Text {
    Text::new(
        format!("有{count}项材料的提交方式已不再适用，请重新选择。"),
        format!(
            "The way you chose to provide {count} material(s) no longer applies; please choose again."
        ),
    )
}

pub fn dismiss() -> Text {
    Text::new("知道了", "OK")
}

pub fn large_text() -> Text {
    Text::new("大字模式", "Large text")
}

pub fn commitment_text_label() -> Text {
    Text::new("承诺书全文", "Full text of the commitment")
}

pub fn prefilled_from(source: &str, locked: bool) -> Text {
    if locked {
        Text::new(
            format!("来源：{source}（已核验，不可修改）"),
            format!("From: {source} (verified; cannot be changed)"),
        )
    } else {
        Text::new(
            format!("来源：{source}（可修改）"),
            format!("From: {source} (you may change it)"),
        )
    }
}

pub fn material_prefilled() -> Text {
    Text::new(
        "已通过电子证照获取，无需提交",
        "Obtained from e-licences; nothing to submit",
    )
}

pub fn upload_failed(file: &str, reason: &str) -> Text {
    Text::new(
        format!("文件“{file}”上传失败，请重试。{reason}"),
        format!("The file “{file}” could not be uploaded; please try again. {reason}"),
    )
}

/// Which members of a bundle use a material given once (`names`: the
/// members' names in each language).
pub fn used_by(zh: &[&str], en: &[&str]) -> Text {
    Text::new(
        format!("用于：{}", zh.join("、")),
        format!("Used by: {}", en.join(", ")),
    )
}

/// In a bundle's commitment: when one member's deferred materials are due
/// (`materials` already joined).
pub fn member_deferred_due(member: &str, materials: &str, date: &str) -> Text {
    Text::new(
        format!("{member}：{materials}，须于{date}前补齐"),
        format!("{member}: {materials}, due by {date}"),
    )
}

/// The review page's heading over each member's own deadlines and
/// results.
pub fn members_deadlines_heading() -> Text {
    Text::new("各事项办理期限和结果", "Each item's deadlines and results")
}

/// The review page's label of a member's variant (业务办理项).
pub fn variant() -> Text {
    Text::new("业务办理项", "Variant")
}

/// A member's variant on the review page: its name, and its code
/// (业务办理项编码) when it has one.
pub fn variant_named(name: &str, code: Option<&str>) -> Text {
    match code {
        Some(code) => Text::new(
            format!("{name}（编码 {code}）"),
            format!("{name} (code {code})"),
        ),
        None => Text::new(name, name),
    }
}

/// The review page's label of one result (办理结果) of a member.
pub fn result() -> Text {
    Text::new("办理结果", "Result")
}

/// A result's kind (`kind`: its wire name `licence`, `approval`, `other`),
/// in the guide's words.
pub fn result_kind(kind: &str) -> Text {
    super::guide::result_kind(kind)
}

/// Whether a result is also issued as an electronic licence (电子证照);
/// `None` when the definition does not say.
pub fn result_e_licence(e_licence: Option<bool>) -> Text {
    match e_licence {
        Some(true) => Text::new("有电子证照", "Also an electronic licence"),
        Some(false) => Text::new("无电子证照", "No electronic licence"),
        None => Text::new("电子证照：未说明", "Electronic licence: not stated"),
    }
}

/// How long a result is valid (`validity` in the definition's words, e.g.
/// 5年); `None` when the definition does not say.
pub fn result_validity(validity: Option<&str>) -> Text {
    match validity {
        Some(v) => Text::new(format!("有效期：{v}"), format!("Valid for: {v}")),
        None => Text::new("有效期：未说明", "Valid for: not stated"),
    }
}

pub fn statutory_by() -> Text {
    Text::new("法定办结日期", "Statutory deadline")
}

/// While the schema engine's module is still arriving and the applicant has
/// asked for something that needs a verdict (Next, Submit, a draft).
pub fn engine_loading() -> Text {
    Text::new(
        "正在准备校验，请稍候……",
        "Getting the checks ready, one moment…",
    )
}

/// The engine's module answered with something the view cannot read: the
/// form is not passed as valid.
pub fn engine_failed() -> Text {
    Text::new(
        "暂时无法校验申请表，请刷新页面后重试。",
        "The form cannot be checked just now; reload the page and try again.",
    )
}
