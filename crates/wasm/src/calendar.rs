//! The working-day calendar of this JS instance: the national calendar,
//! with whatever files the page loads (next year's notice, regional files).

use std::cell::RefCell;

use banli_core::calendar::{CalendarSource, WorkCalendar, describe_text, load};
use wasm_bindgen::prelude::*;

use crate::convert::{count_arg, date_arg, date_out, optional_text_arg, text_arg, text_error};

thread_local! {
    static CALENDAR: RefCell<WorkCalendar> = RefCell::new(WorkCalendar::national());
    /// The files loaded so far, as given: every load lays them all again by
    /// the core's rules, so the order of `loadCalendar` calls does not matter.
    static FILES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

pub fn with_calendar<T>(f: impl FnOnce(&WorkCalendar) -> T) -> T {
    CALENDAR.with(|calendar| f(&calendar.borrow()))
}

fn calendar_error(e: banli_core::calendar::CalendarError) -> JsValue {
    text_error("CalendarError", &e.message())
}

/// The most working days `addWorkingDays` counts: about forty years, far
/// past any calendar file.
const MAX_WORKING_DAYS: u32 = 10_000;

/// Adds a calendar file (`banli-calendar/1` JSON text) to this instance's
/// calendar, by the same rules as `banli check --calendar` and
/// `banli-server --calendar`: next year's national file adds its year, a
/// regional file extends its parent. `name` (default `calendar-N.json`)
/// names the file in messages. Throws with every problem when the file
/// does not load; nothing changes then.
#[wasm_bindgen(js_name = loadCalendar)]
pub fn load_calendar(
    #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] name: JsValue,
) -> Result<(), JsValue> {
    let json = text_arg(&json, "json")?;
    let name = optional_text_arg(&name, "name")?;
    let mut files = FILES.with(|files| files.borrow().clone());
    let name = name.unwrap_or_else(|| format!("calendar-{}.json", files.len() + 1));
    files.push((name, json));
    let sources: Vec<CalendarSource<'_>> = files
        .iter()
        .map(|(name, text)| CalendarSource { name, text })
        .collect();
    let calendar = load(&sources)
        .map_err(|problems| text_error("CalendarError", &describe_text(&problems)))?;
    CALENDAR.with(|c| *c.borrow_mut() = calendar);
    FILES.with(|f| *f.borrow_mut() = files);
    Ok(())
}

/// Back to the national calendar alone.
#[wasm_bindgen(js_name = resetCalendar)]
pub fn reset_calendar() {
    CALENDAR.with(|calendar| *calendar.borrow_mut() = WorkCalendar::national());
    FILES.with(|files| files.borrow_mut().clear());
}

/// The Nth working day after `date` (YYYY-MM-DD); the date itself is not counted.
#[wasm_bindgen(js_name = addWorkingDays)]
pub fn add_working_days(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] days: JsValue,
) -> Result<String, JsValue> {
    let date = date_arg(&date, "date")?;
    let days = count_arg(&days, "days", MAX_WORKING_DAYS)?;
    with_calendar(|c| c.add_working_days(date, days))
        .map(date_out)
        .map_err(calendar_error)
}

/// Working days d with from < d ≤ to.
#[wasm_bindgen(js_name = workingDaysBetween)]
pub fn working_days_between(
    #[wasm_bindgen(unchecked_param_type = "string")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] to: JsValue,
) -> Result<u32, JsValue> {
    let (from, to) = (date_arg(&from, "from")?, date_arg(&to, "to")?);
    with_calendar(|c| c.working_days_between(from, to)).map_err(calendar_error)
}

#[wasm_bindgen(js_name = isWorkingDay)]
pub fn is_working_day(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
) -> Result<bool, JsValue> {
    let date = date_arg(&date, "date")?;
    with_calendar(|c| c.is_working_day(date)).map_err(calendar_error)
}
