//! The widget reads the clock, never the core: `Date.now()` turned into
//! today's date and the signing time in China by the core's time-zone rule.
//! (The native unit tests have no JavaScript clock: they read the system's.)

use banli_core::calendar::{date_in_china, instant_from_unix_millis, rfc3339_in_china};
use time::Date;

#[cfg(target_arch = "wasm32")]
fn now_millis() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
fn now_millis() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64)
}

pub fn today_in_china() -> Date {
    date_in_china(instant_from_unix_millis(now_millis()))
}

/// `2026-11-20T10:15:00+08:00`.
pub fn now_in_china_rfc3339() -> String {
    rfc3339_in_china(instant_from_unix_millis(now_millis()))
}
