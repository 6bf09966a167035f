//! The working-day calendar of this JS instance: the national calendar,
//! extended by whatever regional files the page loads.

use std::cell::RefCell;

use banli_core::calendar::{CalendarFile, WorkCalendar};
use wasm_bindgen::prelude::*;

use crate::convert::{date_arg, date_out};

thread_local! {
    static CALENDAR: RefCell<WorkCalendar> = RefCell::new(WorkCalendar::national());
}

pub fn with_calendar<T>(f: impl FnOnce(&WorkCalendar) -> T) -> T {
    CALENDAR.with(|calendar| f(&calendar.borrow()))
}

fn calendar_error(e: banli_core::calendar::CalendarError) -> JsError {
    let message = e.message();
    JsError::new(&format!("{} ({})", message.zh, message.en))
}

/// Extends the calendar with a regional file (`banli-calendar/1` JSON text).
/// Throws with every problem when the file is invalid; nothing changes then.
#[wasm_bindgen(js_name = loadCalendar)]
pub fn load_calendar(json: &str) -> Result<(), JsError> {
    let file = CalendarFile::from_str(json).map_err(|d| {
        JsError::new(
            &d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    CALENDAR
        .with(|calendar| calendar.borrow_mut().extend(file))
        .map_err(|d| {
            JsError::new(
                &d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })
}

/// Back to the national calendar alone.
#[wasm_bindgen(js_name = resetCalendar)]
pub fn reset_calendar() {
    CALENDAR.with(|calendar| *calendar.borrow_mut() = WorkCalendar::national());
}

/// The Nth working day after `date` (YYYY-MM-DD); the date itself is not counted.
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days(date: &str, days: u32) -> Result<String, JsError> {
    let date = date_arg(date)?;
    with_calendar(|c| c.add_working_days(date, days))
        .map(date_out)
        .map_err(calendar_error)
}

/// Working days d with from < d ≤ to.
#[wasm_bindgen(js_name = workingDaysBetween)]
pub fn working_days_between(from: &str, to: &str) -> Result<u32, JsError> {
    let (from, to) = (date_arg(from)?, date_arg(to)?);
    with_calendar(|c| c.working_days_between(from, to)).map_err(calendar_error)
}

#[wasm_bindgen(js_name = isWorkingDay)]
pub fn is_working_day(date: &str) -> Result<bool, JsError> {
    let date = date_arg(date)?;
    with_calendar(|c| c.is_working_day(date)).map_err(calendar_error)
}
