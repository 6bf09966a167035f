//! Today's date in Asia/Shanghai (UTC+8 all year, no daylight saving since
//! 1991): the acceptance date the server sets and the day the ledger's
//! statuses are computed for. The core reads no clock, so this shell does;
//! tests fix the date.

use time::{Date, OffsetDateTime, UtcOffset};

/// China Standard Time.
pub const SHANGHAI: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => panic!("UTC+8 is a valid offset"),
};

/// Where "today" comes from.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock, in Asia/Shanghai.
    System,
    /// A fixed date (tests).
    Fixed(Date),
}

impl Clock {
    pub fn today(self) -> Date {
        match self {
            Clock::System => OffsetDateTime::now_utc().to_offset(SHANGHAI).date(),
            Clock::Fixed(date) => date,
        }
    }

    /// Now, in Asia/Shanghai, as RFC 3339 (for records).
    pub fn now_rfc3339(self) -> String {
        let now = OffsetDateTime::now_utc().to_offset(SHANGHAI);
        now.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|_| now.to_string())
    }
}
