//! Today's date in Asia/Shanghai (UTC+8 all year, no daylight saving since
//! 1991): the acceptance date the server sets and the day the ledger's
//! statuses are computed for. The core reads no clock, so this shell does;
//! tests fix the date.

use banli_core::calendar::{date_in_china, rfc3339_in_china};
use time::{Date, OffsetDateTime};

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
            Clock::System => date_in_china(OffsetDateTime::now_utc()),
            Clock::Fixed(date) => date,
        }
    }

    /// Now, in Asia/Shanghai, as RFC 3339 (for records).
    pub fn now_rfc3339(self) -> String {
        rfc3339_in_china(OffsetDateTime::now_utc())
    }
}
