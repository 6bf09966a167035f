//! The texts of commitment documents. They cover what DOMAIN.md lists: true
//! intent, told everything once, materials true, what arrives by when, the
//! consequences of failure, and the withheld result; for 告知承诺, the duty
//! of proof, what the proof would show and the liability, from the item.

use std::fmt::Write as _;

use super::Lang;
use super::Text;
use crate::commitment::{CommitmentKind, CommitmentRequest};
use crate::definition::{I18n, InLieu, localized};

pub fn title(kind: CommitmentKind) -> Text {
    match kind {
        CommitmentKind::Deferral => Text::new(
            "容缺受理承诺书",
            "Commitment for acceptance with deferred materials",
        ),
        CommitmentKind::InLieu => Text::new("告知承诺书", "Notice and commitment in lieu of proof"),
    }
}

const BLANK: &str = "＿＿＿＿＿＿";

/// The full text of a commitment in one language. Deterministic: it depends
/// only on the request.
pub fn render(request: &CommitmentRequest<'_>, lang: Lang) -> String {
    let mut out = String::new();
    let d = request.definition;
    let signer = request.signature.signer.as_deref().unwrap_or(BLANK);
    let signed_at = request.signature.signed_at.as_deref().unwrap_or(BLANK);
    let name = d.localized_name(lang);
    let authority = localized(&d.authority.name, &d.authority.i18n, "name", lang);
    let zh = lang == Lang::ZhCn;
    let _ = writeln!(out, "{}\n", title(request.kind).get(lang));
    if zh {
        let _ = writeln!(out, "承诺人：{signer}");
        let _ = writeln!(
            out,
            "申请事项：{name}（实施编码 {}，版本 {}）",
            d.code, d.version
        );
        let _ = writeln!(out, "受理机关：{authority}\n");
    } else {
        let _ = writeln!(out, "Applicant: {signer}");
        let _ = writeln!(out, "Item: {name} (code {}, version {})", d.code, d.version);
        let _ = writeln!(out, "Office: {authority}\n");
    }
    match request.kind {
        CommitmentKind::Deferral => deferral_body(&mut out, request, lang),
        CommitmentKind::InLieu => in_lieu_body(&mut out, request, lang),
    }
    if zh {
        let _ = writeln!(
            out,
            "\n单位申请的，由法定代表人签字并加盖单位公章；委托代理人办理的，须同时提交授权委托书。"
        );
        let _ = writeln!(out, "申请表数据摘要（SHA-256）：{}", request.data_sha256);
        let _ = write!(out, "承诺人（签字）：{signer}　　签署时间：{signed_at}");
    } else {
        let _ = writeln!(
            out,
            "\nAn organisation signs through its legal representative with its seal; an agent also submits a power of attorney."
        );
        let _ = writeln!(
            out,
            "Digest of the form data (SHA-256): {}",
            request.data_sha256
        );
        let _ = write!(out, "Signed by: {signer}    Signed at: {signed_at}");
    }
    out
}

fn material_list(out: &mut String, request: &CommitmentRequest<'_>, lang: Lang) {
    for (n, &i) in request.materials.iter().enumerate() {
        let m = &request.definition.materials[i];
        let _ = writeln!(out, "    {}. {}", n + 1, m.localized_name(lang));
    }
}

fn deferral_body(out: &mut String, request: &CommitmentRequest<'_>, lang: Lang) {
    let deferral = request.definition.allowed_deferral();
    let days = deferral.and_then(|d| d.deadline_working_days).unwrap_or(0);
    let withhold = deferral.is_some_and(|d| d.withhold_result);
    match lang {
        Lang::ZhCn => {
            let due = match &request.due {
                Some(due) => format!("{due}（受理之日起{days}个工作日内）"),
                None => match request.due_pending_year {
                    Some(year) => format!(
                        "受理之日起{days}个工作日内（工作日按国家公布的节假日安排计算，{year}年节假日安排公布后确定具体日期）"
                    ),
                    None => format!("受理之日起{days}个工作日内"),
                },
            };
            let _ = writeln!(
                out,
                "本人（本单位）申请办理上述事项，已具备受理的基本条件和核心材料，现自愿申请容缺受理，并郑重承诺："
            );
            let _ = writeln!(out, "一、申请容缺受理是本人（本单位）的真实意愿。");
            let _ = writeln!(
                out,
                "二、受理机关已一次性告知需要补正的材料、补正的形式和期限，本人（本单位）已全部知悉。"
            );
            let _ = writeln!(
                out,
                "三、本人（本单位）已提交的申请材料和填写的信息真实、合法、有效。"
            );
            let _ = writeln!(out, "四、本人（本单位）将于{due}补齐以下材料：");
            material_list(out, request, lang);
            let _ = writeln!(
                out,
                "五、逾期未补齐或补正的材料不符合要求的，本人（本单位）同意受理机关终止办理（退办），相关情况依法记入信用记录；信用修复前不再适用容缺受理。"
            );
            if withhold {
                let _ = writeln!(
                    out,
                    "六、本人（本单位）知悉：上述材料补齐并审核通过前，受理机关暂不出具办理结果。"
                );
            }
            let _ = writeln!(
                out,
                "本人（本单位）愿意承担因承诺不实或未履行承诺产生的一切法律责任。"
            );
        }
        Lang::En => {
            let due = match &request.due {
                Some(due) => format!("by {due} ({days} working days after acceptance)"),
                None => match request.due_pending_year {
                    Some(year) => format!(
                        "within {days} working days after acceptance (working days follow the official public holidays; the date is set once the {year} holidays are published)"
                    ),
                    None => format!("within {days} working days after acceptance"),
                },
            };
            let _ = writeln!(
                out,
                "I (we) apply for the item above, meet its basic conditions and have provided its core materials, and of my (our) own will ask to be accepted with deferred materials. I (we) solemnly commit:"
            );
            let _ = writeln!(
                out,
                "1. Asking for acceptance with deferred materials is my (our) true intent."
            );
            let _ = writeln!(
                out,
                "2. The office has told me (us), at once, every material to supply, in what form and by when."
            );
            let _ = writeln!(
                out,
                "3. The materials and information already given are true, lawful and valid."
            );
            let _ = writeln!(out, "4. I (we) will supply the following materials {due}:");
            material_list(out, request, lang);
            let _ = writeln!(
                out,
                "5. If they are late or do not meet the requirements, I (we) agree that the office terminates the application, that this is entered in the credit record, and that deferral is not available again until the credit is repaired."
            );
            if withhold {
                let _ = writeln!(
                    out,
                    "6. I (we) understand that the result is not issued until these materials have arrived and been checked."
                );
            }
            let _ = writeln!(
                out,
                "I (we) accept all legal liability for an untrue commitment or a commitment not kept."
            );
        }
    }
}

fn in_lieu_body(out: &mut String, request: &CommitmentRequest<'_>, lang: Lang) {
    let d = request.definition;
    let zh = lang == Lang::ZhCn;
    let _ = writeln!(
        out,
        "{}",
        if zh {
            "一、受理机关告知"
        } else {
            "Part one: what the office tells the applicant"
        }
    );
    let mut n = 0;
    let materials = request.materials.iter().map(|&i| {
        let m = &d.materials[i];
        (m.localized_name(lang).to_owned(), m.in_lieu.as_ref())
    });
    let conditions = request.conditions.iter().map(|&i| {
        let c = &d.conditions[i];
        (c.localized_text(lang).to_owned(), c.in_lieu.as_ref())
    });
    for (subject, in_lieu) in materials.chain(conditions) {
        let Some(in_lieu) = in_lieu else { continue };
        n += 1;
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!("（{}）{subject}", chinese_ordinal(n))
            } else {
                format!("({n}) {subject}")
            }
        );
        let parts: [(&str, &str, Option<&str>); 4] = [
            (
                "证明义务",
                "Duty of proof",
                Some(in_lieu_text(in_lieu, &in_lieu.notice, "notice", lang)),
            ),
            (
                "证明内容",
                "What the proof would show",
                in_lieu
                    .proves
                    .as_deref()
                    .map(|p| in_lieu_text(in_lieu, p, "proves", lang)),
            ),
            (
                "核查方式",
                "How it is checked",
                in_lieu
                    .verification
                    .as_deref()
                    .map(|v| in_lieu_text(in_lieu, v, "verification", lang)),
            ),
            (
                "不实承诺的法律责任",
                "Liability for a false commitment",
                Some(in_lieu_text(in_lieu, &in_lieu.liability, "liability", lang)),
            ),
        ];
        for (zh_label, en_label, value) in parts {
            if let Some(value) = value {
                let _ = writeln!(
                    out,
                    "    {}{}{value}",
                    if zh { zh_label } else { en_label },
                    if zh { "：" } else { ": " }
                );
            }
        }
    }
    if zh {
        let _ = writeln!(out, "二、申请人承诺");
        let _ = writeln!(
            out,
            "本人（本单位）已知悉受理机关告知的全部内容，现郑重承诺："
        );
        let _ = writeln!(out, "1. 所填写的信息和提交的材料真实、准确、完整；");
        let _ = writeln!(
            out,
            "2. 本人（本单位）符合上述告知的条件和要求，以本承诺代替上述证明；"
        );
        let _ = writeln!(out, "3. 愿意接受受理机关的事后核查；");
        let _ = writeln!(
            out,
            "4. 承诺不实的，愿意承担不实承诺的法律责任，同意受理机关依法终止办理或撤销相关决定，并记入信用记录。"
        );
    } else {
        let _ = writeln!(out, "Part two: the applicant's commitment");
        let _ = writeln!(
            out,
            "I (we) have read everything the office has told me (us) and solemnly commit:"
        );
        let _ = writeln!(
            out,
            "1. The information and materials given are true, accurate and complete;"
        );
        let _ = writeln!(
            out,
            "2. I (we) meet the conditions and requirements above, and this commitment replaces the proofs named;"
        );
        let _ = writeln!(out, "3. I (we) accept checks by the office afterwards;");
        let _ = writeln!(
            out,
            "4. If the commitment is false, I (we) accept the liability for it, and agree that the office terminates the application or revokes the decision and enters it in the credit record."
        );
    }
}

fn in_lieu_text<'a>(in_lieu: &'a InLieu, default: &'a str, key: &str, lang: Lang) -> &'a str {
    let i18n: &I18n = &in_lieu.i18n;
    localized(default, i18n, key, lang)
}

fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => n.to_string(),
    }
}
