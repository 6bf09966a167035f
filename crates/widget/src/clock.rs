//! The widget reads the clock, never the core: today's date and the signing
//! time, in China's time zone (UTC+8 all year, no daylight saving).

use time::{Date, Duration, OffsetDateTime, UtcOffset};

fn now_in_china() -> OffsetDateTime {
    let millis = js_sys::Date::now();
    let offset = UtcOffset::from_hms(8, 0, 0).expect("+08:00 is a valid offset");
    (OffsetDateTime::UNIX_EPOCH + Duration::milliseconds(millis as i64)).to_offset(offset)
}

pub fn today_in_china() -> Date {
    now_in_china().date()
}

/// `2026-11-20T10:15:00+08:00`.
pub fn now_in_china_rfc3339() -> String {
    let now = now_in_china();
    format!(
        "{}T{:02}:{:02}:{:02}+08:00",
        banli_core::calendar::format_date(now.date()),
        now.hour(),
        now.minute(),
        now.second()
    )
}
