//! The widget reads the clock, never the core: `Date.now()` turned into
//! today's date and the signing time in China by the core's time-zone rule.

use banli_core::calendar::{date_in_china, instant_from_unix_millis, rfc3339_in_china};
use time::Date;

pub fn today_in_china() -> Date {
    date_in_china(instant_from_unix_millis(js_sys::Date::now()))
}

/// `2026-11-20T10:15:00+08:00`.
pub fn now_in_china_rfc3339() -> String {
    rfc3339_in_china(instant_from_unix_millis(js_sys::Date::now()))
}
