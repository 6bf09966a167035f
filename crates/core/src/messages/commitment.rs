//! The texts of commitment documents. They cover what a commitment must state: true
//! intent, told everything once, materials true, what arrives by when, the
//! consequences of failure, and the withheld result; for 告知承诺, the duty
//! of proof, what the proof would show and the liability, from the item.

//!
//! The texts take plain data ([`Document`]), gathered from the item by
//! `commitment::text`, so the catalogue depends on nothing else.

use std::fmt::Write as _;

use super::Lang;
use super::Text;

/// The two kinds of commitment document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 容缺受理承诺书.
    Deferral,
    /// 告知承诺书.
    InLieu,
}

pub fn title(kind: Kind) -> Text {
    match kind {
        Kind::Deferral => Text::new(
            "容缺受理承诺书",
            "Commitment for acceptance with deferred materials",
        ),
        Kind::InLieu => Text::new("告知承诺书", "Notice and commitment in lieu of proof"),
    }
}

/// Everything a commitment document states, in the language it is
/// rendered in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    pub kind: Kind,
    /// The signer, or `None` before signing (a blank line is printed).
    pub signer: Option<&'a str>,
    /// RFC 3339, or `None` before signing.
    pub signed_at: Option<&'a str>,
    pub item_name: &'a str,
    pub code: &'a str,
    pub version: &'a str,
    pub authority: &'a str,
    /// The data hash (64 lower-case hex digits).
    pub data_sha256: &'a str,
    /// Deferral: the names of the materials to supply later.
    pub materials: Vec<&'a str>,
    /// Deferral: the working days allowed.
    pub days: u32,
    /// Deferral: the result is withheld until the materials arrive.
    pub withhold: bool,
    /// Deferral: the due date (`YYYY-MM-DD`), when known.
    pub due: Option<&'a str>,
    /// Deferral: the year whose holidays are not loaded yet, when `due`
    /// could not be computed.
    pub due_pending_year: Option<i32>,
    /// Deferral in a bundle: each deferring member's own materials and due
    /// date, stated instead of `materials` and `due`; empty for an item.
    pub members: Vec<MemberDeferral<'a>>,
    /// In lieu: what the office tells, per material or condition.
    pub notices: Vec<Notice<'a>>,
}

/// One deferring member of a bundle: its materials and its own due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDeferral<'a> {
    /// The member item's name.
    pub name: &'a str,
    pub materials: Vec<&'a str>,
    /// Its own working days for deferred materials.
    pub days: u32,
    /// Its due date (`YYYY-MM-DD`), when known.
    pub due: Option<&'a str>,
    /// The year whose holidays are not loaded yet, when `due` is unknown.
    pub due_pending_year: Option<i32>,
}

/// What the office tells about one proof replaced by the commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    /// The material's name or the condition's text.
    pub subject: &'a str,
    pub notice: &'a str,
    pub proves: Option<&'a str>,
    pub verification: Option<&'a str>,
    pub liability: &'a str,
}

const BLANK: &str = "＿＿＿＿＿＿";

/// The full text of a commitment in one language. Deterministic: it depends
/// only on the request.
pub fn render(request: &Document<'_>, lang: Lang) -> String {
    let mut out = String::new();
    let d = request;
    let signer = request.signer.unwrap_or(BLANK);
    let signed_at = request.signed_at.unwrap_or(BLANK);
    let name = d.item_name;
    let authority = d.authority;
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
        Kind::Deferral => deferral_body(&mut out, request, lang),
        Kind::InLieu => in_lieu_body(&mut out, request, lang),
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

fn material_list(out: &mut String, request: &Document<'_>) {
    for (n, name) in request.materials.iter().enumerate() {
        let _ = writeln!(out, "    {}. {name}", n + 1);
    }
}

/// When deferred materials are due, in words: the date with its working
/// days, or the period when the date waits for a year's holidays.
fn due_words(due: Option<&str>, pending_year: Option<i32>, days: u32, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => match due {
            Some(due) => format!("{due}（受理之日起{days}个工作日内）"),
            None => match pending_year {
                Some(year) => format!(
                    "受理之日起{days}个工作日内（工作日按国家公布的节假日安排计算，{year}年节假日安排公布后确定具体日期）"
                ),
                None => format!("受理之日起{days}个工作日内"),
            },
        },
        Lang::En => match due {
            Some(due) => format!("by {due} ({days} working days after acceptance)"),
            None => match pending_year {
                Some(year) => format!(
                    "within {days} working days after acceptance (working days follow the official public holidays; the date is set once the {year} holidays are published)"
                ),
                None => format!("within {days} working days after acceptance"),
            },
        },
    }
}

/// Item 4 of a deferral commitment: the materials and when they are due;
/// in a bundle, each deferring member's own materials by its own date.
fn deferral_materials(out: &mut String, request: &Document<'_>, lang: Lang) {
    let zh = lang == Lang::ZhCn;
    if request.members.is_empty() {
        let due = due_words(request.due, request.due_pending_year, request.days, lang);
        if zh {
            let _ = writeln!(out, "四、本人（本单位）将于{due}补齐以下材料：");
        } else {
            let _ = writeln!(out, "4. I (we) will supply the following materials {due}:");
        }
        material_list(out, request);
        return;
    }
    if zh {
        let _ = writeln!(out, "四、本人（本单位）将按各事项的期限补齐以下材料：");
    } else {
        let _ = writeln!(
            out,
            "4. I (we) will supply the following materials, each by the date of its item:"
        );
    }
    for member in &request.members {
        let due = due_words(member.due, member.due_pending_year, member.days, lang);
        if zh {
            let _ = writeln!(out, "    {}：于{due}补齐", member.name);
        } else {
            let _ = writeln!(out, "    {}: {due}", member.name);
        }
        for (n, name) in member.materials.iter().enumerate() {
            let _ = writeln!(out, "      {}. {name}", n + 1);
        }
    }
}

fn deferral_body(out: &mut String, request: &Document<'_>, lang: Lang) {
    let withhold = request.withhold;
    match lang {
        Lang::ZhCn => {
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
            deferral_materials(out, request, lang);
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
            deferral_materials(out, request, lang);
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

fn in_lieu_body(out: &mut String, request: &Document<'_>, lang: Lang) {
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
    for in_lieu in &request.notices {
        let subject = in_lieu.subject;
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
            ("证明义务", "Duty of proof", Some(in_lieu.notice)),
            ("证明内容", "What the proof would show", in_lieu.proves),
            ("核查方式", "How it is checked", in_lieu.verification),
            (
                "不实承诺的法律责任",
                "Liability for a false commitment",
                Some(in_lieu.liability),
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

fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => n.to_string(),
    }
}
