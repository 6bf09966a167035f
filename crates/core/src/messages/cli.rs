//! The command line's own words around the core's texts: the verdict, the
//! headings of `banli check`'s report, the severity words of `banli lint`
//! and the impact words of `banli diff`.

use super::Text;

pub fn verdict_valid() -> Text {
    Text::new("通过", "valid")
}

pub fn verdict_valid_with_commitments() -> Text {
    Text::new("通过（含容缺或承诺）", "valid with commitments")
}

pub fn verdict_invalid() -> Text {
    Text::new("不通过", "invalid")
}

pub fn problems_heading(count: usize) -> Text {
    Text::new(
        format!("需要修改的问题（共{count}个）"),
        format!("Problems to fix ({count})"),
    )
}

/// After a material's name when the data does not require it.
pub fn not_required_suffix() -> Text {
    Text::new("（非必需）", " (not required)")
}

pub fn deadlines_heading() -> Text {
    Text::new("办理期限", "Deadlines")
}

pub fn accepted_on() -> Text {
    Text::new("受理日期：", "Accepted on: ")
}

pub fn on_the_spot() -> Text {
    Text::new("即办件：当场办结", "On-the-spot item: decided at once")
}

pub fn promised_by() -> Text {
    Text::new("承诺办结：", "Promised by: ")
}

pub fn statutory_by() -> Text {
    Text::new("法定办结：", "Statutory limit: ")
}

pub fn deferred_due_by() -> Text {
    Text::new("容缺材料补齐：", "Deferred materials due: ")
}

/// A material's disposition in words, by its wire name (`provided`, …).
pub fn disposition(wire: &str) -> Text {
    match wire {
        "provided" => Text::new("已提交", "provided"),
        "shared" => Text::new("共享获取（免提交）", "shared from government data"),
        "deferred" => Text::new("容缺后补", "deferred"),
        "in_lieu" => Text::new("告知承诺代替", "replaced by a commitment"),
        "missing" => Text::new("缺少", "missing"),
        _ => Text::new("不需要提交", "not required"),
    }
}

pub fn severity_error() -> Text {
    Text::new("错误", "error")
}

pub fn severity_warning() -> Text {
    Text::new("警告", "warning")
}

pub fn hint() -> Text {
    Text::new("提示", "hint")
}

pub fn breaking() -> Text {
    Text::new("不兼容", "breaking")
}

pub fn compatible() -> Text {
    Text::new("兼容", "compatible")
}

/// The last line of `banli diff`: how many changes, how many breaking.
pub fn diff_summary(changes: usize, breaking: usize) -> Text {
    Text::new(
        format!("共{changes}处修改，其中{breaking}处不兼容"),
        format!("{changes} change(s), {breaking} breaking"),
    )
}

/// The last line of `banli lint`: files read and what was found in them.
pub fn lint_summary(files: usize, errors: usize, warnings: usize) -> Text {
    Text::new(
        format!("共{files}个文件：{errors}个错误，{warnings}个警告"),
        format!("{files} file(s), {errors} error(s), {warnings} warning(s)"),
    )
}

/// Why a file cannot be read, by the system's kind of failure; `detail`
/// (the system's own words) only for a kind without words of its own here.
pub fn cannot_read_reason(kind: std::io::ErrorKind, detail: &str) -> Text {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => Text::new("文件不存在", "no such file"),
        K::PermissionDenied => Text::new("没有读取权限", "permission denied"),
        K::IsADirectory => Text::new("这是一个目录，不是文件", "it is a directory, not a file"),
        K::InvalidData => Text::new("不是 UTF-8 编码的文本", "not UTF-8 text"),
        _ => Text::new(detail, detail),
    }
}

/// After `FILE: `: a file given on the command line cannot be read.
pub fn cannot_read(reason: &Text) -> Text {
    Text::new(
        format!("无法读取：{}", reason.zh),
        format!("cannot read: {}", reason.en),
    )
}

/// After `FILE: `, over the list of the definition's problems.
pub fn not_an_item() -> Text {
    Text::new("不是可用的事项定义", "not a usable item definition")
}

/// After `FILE: `, over the list of the calendar file's problems.
pub fn not_a_calendar() -> Text {
    Text::new("不是可用的日历文件", "not a usable calendar")
}
