//! Messages about working-day calendars: the problems a maintainer can make
//! in a calendar file (`banli-calendar/1`), the conflicts found when a
//! regional calendar is laid over its parent, and the error a person sees
//! when a deadline falls in a year whose holidays are not loaded.
//!
//! Every function returns both languages at once so that they cannot drift.

use time::Weekday;

use super::Text;

/// The JSON kinds a calendar file expects, for [`wrong_type`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Object,
    Array,
    String,
    Integer,
    Boolean,
}

impl ValueKind {
    fn zh(self) -> &'static str {
        match self {
            ValueKind::Object => "对象",
            ValueKind::Array => "数组",
            ValueKind::String => "字符串",
            ValueKind::Integer => "整数",
            ValueKind::Boolean => "布尔值（true 或 false）",
        }
    }

    fn en(self) -> &'static str {
        match self {
            ValueKind::Object => "an object",
            ValueKind::Array => "an array",
            ValueKind::String => "a string",
            ValueKind::Integer => "an integer",
            ValueKind::Boolean => "a boolean (true or false)",
        }
    }
}

fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "星期一",
        Weekday::Tuesday => "星期二",
        Weekday::Wednesday => "星期三",
        Weekday::Thursday => "星期四",
        Weekday::Friday => "星期五",
        Weekday::Saturday => "星期六",
        Weekday::Sunday => "星期日",
    }
}

// ---- the file as JSON -------------------------------------------------------

pub fn wrong_type(expected: ValueKind) -> Text {
    Text::new(
        format!("这里应为{}", expected.zh()),
        format!("Expected {} here", expected.en()),
    )
}

pub fn missing_key(key: &str) -> Text {
    Text::new(
        format!("缺少必填项“{key}”"),
        format!("The required key \"{key}\" is missing"),
    )
}

pub fn unknown_key(key: &str) -> Text {
    Text::new(
        format!("不认识的键“{key}”（是否拼写有误？）"),
        format!("Unknown key \"{key}\" (is it misspelt?)"),
    )
}

pub fn empty_text(key: &str) -> Text {
    Text::new(
        format!("“{key}”不能为空"),
        format!("\"{key}\" may not be empty"),
    )
}

// ---- the header ------------------------------------------------------------

pub fn bad_format(found: &str) -> Text {
    Text::new(
        format!("格式标记应为“banli-calendar/1”，而不是“{found}”"),
        format!("The format tag must be \"banli-calendar/1\", not \"{found}\""),
    )
}

pub fn bad_region(found: &str) -> Text {
    Text::new(
        format!("“{found}”不是有效的地区代码，应写作“CN”或“CN-44-SZ”这样的大写代码"),
        format!(
            "\"{found}\" is not a valid region code; write \"CN\" or an upper-case subdivision such as \"CN-44-SZ\""
        ),
    )
}

pub fn extends_missing(region: &str) -> Text {
    Text::new(
        format!("地区日历“{region}”必须用“extends”写明所扩展的上级日历，例如 \"extends\": \"CN\""),
        format!(
            "The regional calendar \"{region}\" must name the calendar it extends in \"extends\", e.g. \"extends\": \"CN\""
        ),
    )
}

pub fn extends_not_parent(region: &str, extends: &str) -> Text {
    Text::new(
        format!("“{extends}”不是“{region}”的上级地区，地区日历只能扩展上级地区的日历"),
        format!(
            "\"{extends}\" is not a parent region of \"{region}\"; a regional calendar can only extend a parent region's calendar"
        ),
    )
}

pub fn no_years() -> Text {
    Text::new(
        "日历中至少要有一年的安排",
        "The calendar must contain at least one year",
    )
}

pub fn replace_without_extends() -> Text {
    Text::new(
        "只有地区日历（有“extends”）才能用“replace”取代上级日历的某一年",
        "Only a regional calendar (one with \"extends\") can use \"replace\" to replace a year of its parent",
    )
}

// ---- years and dates -------------------------------------------------------

pub fn bad_year(found: &str) -> Text {
    Text::new(
        format!("“{found}”不是有效的年份，应为 1 到 9999 之间的整数"),
        format!("\"{found}\" is not a valid year; use an integer from 1 to 9999"),
    )
}

pub fn duplicate_year(year: i32) -> Text {
    Text::new(
        format!("{year}年在本文件中出现了不止一次，请合并为一项"),
        format!("The year {year} appears more than once in this file; merge the entries"),
    )
}

pub fn bad_date(found: &str) -> Text {
    Text::new(
        format!("“{found}”不是有效的日期，应写作 YYYY-MM-DD，例如 2026-10-01"),
        format!("\"{found}\" is not a valid date; write YYYY-MM-DD, e.g. 2026-10-01"),
    )
}

pub fn no_such_date(found: &str) -> Text {
    Text::new(
        format!("日期“{found}”不存在，请核对月份和日"),
        format!("The date \"{found}\" does not exist; check the month and the day"),
    )
}

pub fn date_outside_year(date: &str, year: i32) -> Text {
    Text::new(
        format!("{date} 不在{year}年内；跨年的日子请写入所在年份的那一项"),
        format!("{date} is not in {year}; a day in another year belongs in that year's entry"),
    )
}

pub fn reversed_range(from: &str, to: &str) -> Text {
    Text::new(
        format!("放假区间颠倒了：结束日 {to} 早于开始日 {from}"),
        format!("The holiday range is reversed: it ends on {to}, before it starts on {from}"),
    )
}

pub fn overlapping_holidays(name: &str, other: &str, other_from: &str, other_to: &str) -> Text {
    Text::new(
        format!("“{name}”的放假区间与“{other}”（{other_from} 至 {other_to}）重叠"),
        format!("The holiday \"{name}\" overlaps \"{other}\" ({other_from} to {other_to})"),
    )
}

pub fn workday_not_weekend(date: &str, weekday: Weekday) -> Text {
    Text::new(
        format!(
            "调休上班日 {date} 是{}，本来就是工作日；调休上班日只能是星期六或星期日",
            weekday_zh(weekday)
        ),
        format!(
            "The make-up working day {date} is a {weekday}, which is a working day anyway; make-up working days must be Saturdays or Sundays"
        ),
    )
}

pub fn workday_in_holiday(date: &str, holiday: &str) -> Text {
    Text::new(
        format!("调休上班日 {date} 落在“{holiday}”的放假区间内"),
        format!("The make-up working day {date} falls inside the holiday \"{holiday}\""),
    )
}

pub fn duplicate_workday(date: &str) -> Text {
    Text::new(
        format!("调休上班日 {date} 重复列出"),
        format!("The make-up working day {date} is listed twice"),
    )
}

// ---- laying calendars over each other --------------------------------------

pub fn no_files() -> Text {
    Text::new(
        "没有给出任何日历文件，至少需要全国日历",
        "No calendar file was given; at least the national calendar is needed",
    )
}

pub fn extends_not_loaded(region: &str, extends: &str) -> Text {
    Text::new(
        format!("“{region}”扩展的日历“{extends}”尚未载入；请先载入“{extends}”的日历文件"),
        format!(
            "\"{region}\" extends \"{extends}\", which has not been loaded; load the \"{extends}\" calendar file first"
        ),
    )
}

pub fn base_already_loaded(region: &str, loaded: &str) -> Text {
    Text::new(
        format!("已经载入了基础日历“{loaded}”，“{region}”没有“extends”，不能再作为基础日历载入"),
        format!(
            "The base calendar \"{loaded}\" is already loaded; \"{region}\" has no \"extends\" and cannot be loaded as a second base"
        ),
    )
}

pub fn region_already_loaded(region: &str) -> Text {
    Text::new(
        format!("“{region}”的日历已经载入过了"),
        format!("The calendar for \"{region}\" is already loaded"),
    )
}

pub fn region_not_within(region: &str, current: &str) -> Text {
    Text::new(
        format!(
            "“{region}”不属于已载入的“{current}”；一个工作日历只能描述一个地区，请由上级到下级依次载入"
        ),
        format!(
            "\"{region}\" is not within the loaded \"{current}\"; one working calendar describes one place, so load calendars from the parent down"
        ),
    )
}

pub fn workday_in_inherited_holiday(date: &str, holiday: &str, parent: &str) -> Text {
    Text::new(
        format!(
            "调休上班日 {date} 落在上级日历“{parent}”的“{holiday}”放假区间内；如需更正这一年，请用 \"replace\": true 写出整年安排"
        ),
        format!(
            "The make-up working day {date} falls inside \"{holiday}\" of the parent calendar \"{parent}\"; to correct that year, write the whole year with \"replace\": true"
        ),
    )
}

pub fn holiday_on_inherited_workday(name: &str, date: &str, parent: &str) -> Text {
    Text::new(
        format!(
            "“{name}”的放假区间包含上级日历“{parent}”的调休上班日 {date}；如需更正这一年，请用 \"replace\": true 写出整年安排"
        ),
        format!(
            "The holiday \"{name}\" covers {date}, a make-up working day of the parent calendar \"{parent}\"; to correct that year, write the whole year with \"replace\": true"
        ),
    )
}

// ---- computing with a calendar ---------------------------------------------

pub fn year_not_covered(year: i32) -> Text {
    Text::new(
        format!("{year}年的节假日安排尚未载入，无法可靠计算工作日"),
        format!(
            "The public holidays for {year} have not been loaded, so working days cannot be computed reliably"
        ),
    )
}

pub fn year_conflicts(region: &str, year: i32) -> Text {
    Text::new(
        format!(
            "“{region}”{year}年的节假日安排已经载入，而此文件中的放假或调休日期与之不同；请核对国务院办公厅的通知，只保留一份"
        ),
        format!(
            "The {year} arrangement of \"{region}\" is already loaded and this file gives other days off or make-up days; check the State Council notice and keep one version"
        ),
    )
}

pub fn duplicate_file(name: &str) -> Text {
    Text::new(
        format!("日历文件“{name}”给出了两次"),
        format!("The calendar file \"{name}\" is given twice"),
    )
}

/// The first sentence of a pending deadline, for `kind`'s label.
pub fn pending_deadline(label: &Text, days: u32, unit: &Text, year: i32) -> Text {
    Text::new(
        format!(
            "{}：自受理之日起{days}个{}（{year}年节假日安排公布后确定具体日期）",
            label.zh, unit.zh
        ),
        format!(
            "{}: {days} {} from acceptance (the date is set once the {year} public holidays are published)",
            label.en, unit.en
        ),
    )
}

pub fn working_days_unit() -> Text {
    Text::new("工作日", "working days")
}

pub fn promised_limit() -> Text {
    Text::new("承诺办结时限", "Promised time limit")
}

pub fn statutory_limit() -> Text {
    Text::new("法定办结时限", "Statutory time limit")
}

pub fn deferred_due() -> Text {
    Text::new("容缺材料补齐期限", "Deferred materials due")
}

/// `banli calendar coverage` and the server's start-up warning.
pub fn coverage_ends(last: &str, days_left: i64) -> Text {
    Text::new(
        format!(
            "已载入的节假日安排截至{last}，还剩{days_left}天；请尽快载入下一年的节假日安排（见 docs/calendars.md）"
        ),
        format!(
            "The loaded public holidays end on {last}, {days_left} days from now; load next year's arrangement soon (see docs/calendars.md)"
        ),
    )
}

pub fn coverage_missing(year: i32) -> Text {
    Text::new(
        format!(
            "{year}年（今年）的节假日安排尚未载入：以工作日计算的期限均为“待定”；请尽快载入（见 docs/calendars.md）"
        ),
        format!(
            "The public holidays of {year} (this year) are not loaded: every deadline in working days is pending; load them soon (see docs/calendars.md)"
        ),
    )
}

/// `banli calendar coverage`: regions, years and the last covered day.
pub fn coverage_summary(
    regions: &str,
    years: &str,
    last: Option<&str>,
    days_left: Option<i64>,
) -> Text {
    match (last, days_left) {
        (Some(last), Some(days)) => Text::new(
            format!("日历：{regions}\n已载入年份：{years}\n最后覆盖日：{last}（还剩{days}天）"),
            format!(
                "Calendar: {regions}\nYears loaded: {years}\nLast covered day: {last} ({days} days left)"
            ),
        ),
        _ => Text::new(
            format!(
                "日历：{regions}\n已载入年份：{years}\n最后覆盖日：无（今年的节假日安排尚未载入）"
            ),
            format!(
                "Calendar: {regions}\nYears loaded: {years}\nLast covered day: none (this year is not loaded)"
            ),
        ),
    }
}
