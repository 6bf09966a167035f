//! China's civil time: UTC+8 all year, no daylight saving since 1991. The
//! core reads no clock; a shell reads its own (the system clock, or
//! `Date.now()` in the browser) and passes the instant here to get the date
//! an application is accepted on and the time a commitment is signed at.

use time::{Date, Duration, OffsetDateTime, UtcOffset};

/// China Standard Time (Asia/Shanghai).
pub const CHINA_STANDARD_TIME: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+8 is a valid offset"),
};

/// The instant of a JavaScript clock reading (milliseconds since the Unix epoch).
pub fn instant_from_unix_millis(millis: f64) -> OffsetDateTime {
    OffsetDateTime::UNIX_EPOCH + Duration::milliseconds(millis as i64)
}

/// The calendar date in China at `instant`.
pub fn date_in_china(instant: OffsetDateTime) -> Date {
    instant.to_offset(CHINA_STANDARD_TIME).date()
}

/// `instant` in China as RFC 3339 to the second, e.g. `2026-11-20T10:15:00+08:00`.
pub fn rfc3339_in_china(instant: OffsetDateTime) -> String {
    let local = instant.to_offset(CHINA_STANDARD_TIME);
    let (hour, minute, second) = local.to_hms();
    format!(
        "{}T{hour:02}:{minute:02}:{second:02}+08:00",
        super::format_date(local.date())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_the_next_day_in_china() {
        // 2026-11-19T16:30:00Z is 00:30 on the 20th in Beijing.
        let instant = instant_from_unix_millis(1_795_105_800_000.0);
        assert_eq!(
            super::super::format_date(date_in_china(instant)),
            "2026-11-20"
        );
        assert_eq!(rfc3339_in_china(instant), "2026-11-20T00:30:00+08:00");
    }
}
