//! The follow-up loop's words: decisions, roles and actions (the audit
//! log), handed-in materials and their review, the reminders' texts.

use super::Text;

/// A decision by its wire name (`approved`, …).
pub fn decision(wire: &str) -> Text {
    match wire {
        "approved" => Text::new("准予", "Approved"),
        "refused" => Text::new("不予", "Refused"),
        "returned" => Text::new("退回", "Returned"),
        _ => Text::new("撤回", "Withdrawn"),
    }
}

/// A role by its wire name (`intake`, …).
pub fn role(wire: &str) -> Text {
    match wire {
        "intake" => Text::new("窗口受理", "Intake"),
        "review" => Text::new("审核", "Review"),
        _ => Text::new("督办", "Supervision"),
    }
}

/// An audit-log action by its wire name (`accept_material`, …).
pub fn action(wire: &str) -> Text {
    match wire {
        "read" => Text::new("查看", "Read"),
        "accept_material" => Text::new("接收补交材料", "Accepted a material"),
        "return_material" => Text::new("退回补交材料", "Returned a material"),
        "terminate" => Text::new("终止办理", "Terminated"),
        "decide" => Text::new("作出办理决定", "Recorded the decision"),
        _ => Text::new("导出", "Exported"),
    }
}

/// A handed-in material's state by its wire name (`submitted`, …).
pub fn supplement_state(wire: &str) -> Text {
    match wire {
        "submitted" => Text::new("待审核", "Waiting for review"),
        "accepted" => Text::new("已接收", "Accepted"),
        _ => Text::new("已退回", "Returned"),
    }
}

pub fn already_decided(decision: &Text) -> Text {
    Text::new(
        format!("该申请已作出办理决定（{}），不能再次决定", decision.zh),
        format!(
            "the application is already decided ({}); a decision is final",
            decision.en
        ),
    )
}

pub fn decided_before_acceptance(decided_on: &str, accepted_on: &str) -> Text {
    Text::new(
        format!("决定日期{decided_on}早于受理日期{accepted_on}"),
        format!("the decision date {decided_on} is before the acceptance date {accepted_on}"),
    )
}

pub fn decided_in_the_future(decided_on: &str) -> Text {
    Text::new(
        format!("决定日期{decided_on}晚于今天，决定须在作出时记录"),
        format!("the decision date {decided_on} is after today; record decisions when made"),
    )
}

pub fn decision_reason_required(decision: &Text) -> Text {
    Text::new(
        format!("“{}”决定须写明理由", decision.zh),
        format!("a “{}” decision needs a reason", decision.en),
    )
}

/// A commitment's resolution by wire name (`fulfilled`, `terminated`).
pub fn commitment_closed(resolution: &str) -> Text {
    match resolution {
        "fulfilled" => Text::new(
            "该承诺已履行，无需再补交",
            "the commitment is fulfilled; nothing more is needed",
        ),
        _ => Text::new(
            "该申请已终止办理，不能再补交",
            "the application was terminated; nothing can be handed in",
        ),
    }
}

pub fn awaiting_review() -> Text {
    Text::new(
        "上一次补交的材料尚在审核，请等待审核结果",
        "the material handed in earlier is still being reviewed",
    )
}

pub fn already_reviewed(state: &Text) -> Text {
    Text::new(
        format!("该补交材料已审核（{}）", state.zh),
        format!("this upload is already reviewed ({})", state.en),
    )
}

pub fn material_already_accepted() -> Text {
    Text::new(
        "该材料已接收，无需再补交",
        "this material is already accepted; nothing more is needed",
    )
}

pub fn return_reason_required() -> Text {
    Text::new(
        "退回补交材料须写明理由，申请人据此修改",
        "a returned material needs a reason the applicant can act on",
    )
}

/// The applicant's reminder: a deferred material is due soon.
pub fn reminder_due_in(receipt: &str, material: &Text, due_on: &str, left: u32) -> Text {
    Text::new(
        format!(
            "您的申请（受理编号{receipt}）容缺材料“{}”须于{due_on}前补交，还剩{left}个工作日。",
            material.zh
        ),
        format!(
            "Your application {receipt}: the deferred material “{}” is due by {due_on} ({left} working day(s) left).",
            material.en
        ),
    )
}

/// The applicant's reminder: a deferred material is overdue.
pub fn reminder_overdue(receipt: &str, material: &Text, due_on: &str) -> Text {
    Text::new(
        format!(
            "您的申请（受理编号{receipt}）容缺材料“{}”应于{due_on}前补交，现已逾期，请尽快补交或联系办理窗口。",
            material.zh
        ),
        format!(
            "Your application {receipt}: the deferred material “{}” was due by {due_on} and is overdue; please hand it in or contact the office.",
            material.en
        ),
    )
}

/// The applicant's notice: a handed-in material was returned.
pub fn reminder_returned(receipt: &str, material: &Text, reason: &str) -> Text {
    Text::new(
        format!(
            "您的申请（受理编号{receipt}）补交的“{}”被退回，原因：{reason}。请修改后重新补交。",
            material.zh
        ),
        format!(
            "Your application {receipt}: the material “{}” you handed in was returned: {reason}. Please hand in a corrected one.",
            material.en
        ),
    )
}

/// The applicant's notice: the application was decided.
pub fn reminder_decided(receipt: &str, decision: &Text, decided_on: &str) -> Text {
    Text::new(
        format!(
            "您的申请（受理编号{receipt}）已于{decided_on}作出办理决定：{}。",
            decision.zh
        ),
        format!(
            "Your application {receipt} was decided on {decided_on}: {}.",
            decision.en
        ),
    )
}

/// A column of the timeliness report's table (CSV) by its wire name:
/// `item_code`, `accepted`, `decided`, then `promised.` or `statutory.`
/// and a count (`decided_in_time`, …) or a list of receipts (`late`,
/// `overdue_receipts`, `due_soon_receipts`).
pub fn timeliness_column(wire: &str) -> Text {
    let (deadline, count) = match wire.split_once('.') {
        Some((deadline, count)) => (deadline, count),
        None => {
            return match wire {
                "item_code" => Text::new("实施编码", "Item code"),
                "accepted" => Text::new("受理件数", "Accepted"),
                _ => Text::new("已办结件数", "Decided"),
            };
        }
    };
    let (zh_limit, en_limit) = if deadline == "promised" {
        ("承诺时限", "promised limit")
    } else {
        ("法定时限", "statutory limit")
    };
    match count {
        "decided_in_time" => Text::new(
            format!("{zh_limit}内办结"),
            format!("Decided within the {en_limit}"),
        ),
        "decided_late" => Text::new(
            format!("超{zh_limit}办结"),
            format!("Decided after the {en_limit}"),
        ),
        "on_track" => Text::new(
            format!("未办结，{zh_limit}未到"),
            format!("Open, {en_limit} ahead"),
        ),
        "due_soon" => Text::new(
            format!("未办结，临近{zh_limit}"),
            format!("Open, {en_limit} near"),
        ),
        "overdue" => Text::new(
            format!("超{zh_limit}未办结"),
            format!("Open past the {en_limit}"),
        ),
        "undetermined" => Text::new(
            format!("{zh_limit}待定"),
            format!("The {en_limit} is not known yet"),
        ),
        "no_limit" => Text::new(format!("无{zh_limit}"), format!("No {en_limit}")),
        "late" => Text::new(
            format!("超{zh_limit}办结的受理编号"),
            format!("Receipts decided after the {en_limit}"),
        ),
        "due_soon_receipts" => Text::new(
            format!("临近{zh_limit}未办结的受理编号"),
            format!("Receipts open with the {en_limit} near"),
        ),
        _ => Text::new(
            format!("超{zh_limit}未办结的受理编号"),
            format!("Receipts open past the {en_limit}"),
        ),
    }
}

/// A column of the ledger's CSV export by its wire name (the key of the
/// ledger's JSON it holds).
pub fn ledger_column(wire: &str) -> Text {
    match wire {
        "id" => Text::new("承诺编号", "Commitment"),
        "receipt" => Text::new("受理编号", "Receipt"),
        "item_code" => Text::new("实施编码", "Item code"),
        "item_name" => Text::new("事项名称", "Item"),
        "accepted_on" => Text::new("受理日期", "Accepted on"),
        "kind" => Text::new("承诺类型", "Kind"),
        "materials" => Text::new("涉及材料", "Materials"),
        "status" => Text::new("状态", "Status"),
        "due" => Text::new("补齐期限", "Due"),
        "supplements" => Text::new("补交次数", "Uploads"),
        "resolved_at" => Text::new("处理时间", "Resolved at"),
        _ => Text::new("终止理由", "Termination reason"),
    }
}
