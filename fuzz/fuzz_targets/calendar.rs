//! Calendar loading: any bytes as a `banli-calendar/1` file; one that
//! loads extends the national calendar and computes working days.
#![no_main]

use banli_core::calendar::{CalendarFile, WorkCalendar};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = CalendarFile::from_str(text) else {
        return;
    };
    let years: Vec<i32> = file.years.iter().map(|y| y.year).collect();
    let first = file
        .years
        .iter()
        .flat_map(|y| {
            y.holidays
                .iter()
                .map(|h| h.from)
                .chain(y.workdays.iter().copied())
        })
        .next();
    let mut calendar = WorkCalendar::national();
    if calendar.extend(file.clone()).is_err() {
        let _ = WorkCalendar::from_files(vec![file]);
        return;
    }
    if let Some(date) = first {
        let _ = calendar.add_working_days(date, 30);
        let _ = calendar.is_working_day(date);
    }
    for year in years.into_iter().take(3) {
        let _ = calendar.working_days_in_year(year);
    }
});
