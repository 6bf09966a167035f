//! The built-in national calendar against the figures published in the
//! State Council (国务院办公厅) holiday notices of each year.

use super::day;
use crate::calendar::{CalendarError, CalendarFile, DayKind, NATIONAL_CALENDAR_JSON, WorkCalendar};

#[test]
fn national_file_is_valid_and_covers_2024_to_2026() {
    let file = CalendarFile::from_str(NATIONAL_CALENDAR_JSON).unwrap();
    assert_eq!(file.region, "CN");
    assert_eq!(file.extends, None);
    let calendar = WorkCalendar::national();
    assert_eq!(calendar.covered_years(), vec![2024, 2025, 2026]);
    assert_eq!(calendar.regions(), ["CN"]);
}

#[test]
fn national_file_names_every_holiday() {
    let file = CalendarFile::from_str(NATIONAL_CALENDAR_JSON).unwrap();
    for year in &file.years {
        assert!(
            year.source
                .as_deref()
                .is_some_and(|s| s.contains(&year.year.to_string()))
        );
        let names: String = year.holidays.iter().map(|h| h.name.as_str()).collect();
        for name in [
            "元旦",
            "春节",
            "清明节",
            "劳动节",
            "端午节",
            "中秋节",
            "国庆节",
        ] {
            assert!(names.contains(name), "{} lacks {name}", year.year);
        }
    }
}

#[test]
fn working_days_per_year() {
    let calendar = WorkCalendar::national();
    assert_eq!(calendar.working_days_in_year(2024), Ok(251));
    assert_eq!(calendar.working_days_in_year(2025), Ok(248));
    assert_eq!(calendar.working_days_in_year(2026), Ok(248));
    assert_eq!(
        calendar.working_days_in_year(2027),
        Err(CalendarError::YearNotCovered { year: 2027 })
    );
}

#[test]
fn deadlines_across_national_day() {
    let calendar = WorkCalendar::national();
    // Accepted Fri 2025-09-26: Sun 9/28 (make-up day), Mon 9/29, Tue 9/30,
    // then 10/1-10/8 off, Thu 10/9, Fri 10/10.
    assert_eq!(
        calendar.add_working_days(day("2025-09-26"), 5),
        Ok(day("2025-10-10"))
    );
    // Accepted Tue 2025-09-30: 10/9, 10/10, and the make-up Saturday 10/11.
    assert_eq!(
        calendar.add_working_days(day("2025-09-30"), 3),
        Ok(day("2025-10-11"))
    );
    assert_eq!(
        calendar.day_kind(day("2025-10-11")),
        Ok(DayKind::MakeUpWorkday)
    );
    assert_eq!(
        calendar.working_days_between(day("2025-09-26"), day("2025-10-10")),
        Ok(5)
    );
}

#[test]
fn the_start_day_is_not_counted() {
    let calendar = WorkCalendar::national();
    assert_eq!(
        calendar.add_working_days(day("2026-03-02"), 0),
        Ok(day("2026-03-02"))
    );
    assert_eq!(
        calendar.add_working_days(day("2026-03-02"), 1),
        Ok(day("2026-03-03"))
    );
    // Accepted on a holiday: counting starts on the first working day after it.
    assert_eq!(
        calendar.add_working_days(day("2026-10-01"), 1),
        Ok(day("2026-10-08"))
    );
    assert_eq!(
        calendar.working_days_between(day("2026-03-03"), day("2026-03-02")),
        Ok(0)
    );
    assert_eq!(
        calendar.working_days_between(day("2026-03-02"), day("2026-03-02")),
        Ok(0)
    );
}

#[test]
fn kinds_of_day() {
    let calendar = WorkCalendar::national();
    assert_eq!(
        calendar.day_kind(day("2026-02-16")),
        Ok(DayKind::Holiday {
            name: "春节",
            region: "CN"
        })
    );
    assert_eq!(
        calendar.day_kind(day("2026-02-14")),
        Ok(DayKind::MakeUpWorkday)
    );
    assert_eq!(calendar.day_kind(day("2026-03-07")), Ok(DayKind::Weekend));
    assert_eq!(calendar.day_kind(day("2026-03-09")), Ok(DayKind::Workday));
    assert_eq!(calendar.is_working_day(day("2024-01-01")), Ok(false));
    assert_eq!(calendar.is_working_day(day("2024-02-04")), Ok(true));
    assert_eq!(calendar.make_up_workdays(2026).unwrap().len(), 6);
    assert_eq!(
        calendar
            .holidays(2026)
            .unwrap()
            .filter(|(_, n)| *n == "春节")
            .count(),
        9
    );
}

#[test]
fn uncovered_years_are_errors_naming_the_year() {
    let calendar = WorkCalendar::national();
    let not_2027 = CalendarError::YearNotCovered { year: 2027 };
    assert_eq!(
        calendar.is_working_day(day("2027-01-04")),
        Err(not_2027.clone())
    );
    assert_eq!(
        calendar.is_working_day(day("2023-12-29")),
        Err(CalendarError::YearNotCovered { year: 2023 })
    );
    // Counting runs past 2026-12-31 into 2027: an error, not a weekends-only guess.
    assert_eq!(
        calendar.add_working_days(day("2026-12-28"), 3),
        Ok(day("2026-12-31"))
    );
    assert_eq!(
        calendar.add_working_days(day("2026-12-28"), 4),
        Err(not_2027.clone())
    );
    assert_eq!(
        calendar.working_days_between(day("2026-12-01"), day("2027-01-05")),
        Err(not_2027.clone())
    );
    // Accepted on the last day of a covered year before an uncovered one is fine
    // as long as the counted days are covered; counting from 2023-12-31 is too.
    assert_eq!(
        calendar.add_working_days(day("2023-12-31"), 1),
        Ok(day("2024-01-02"))
    );

    assert!(not_2027.to_string().contains("2027"));
    assert_eq!(
        not_2027.message().zh,
        "2027年的节假日安排尚未载入，无法可靠计算工作日"
    );
    assert!(not_2027.message().en.contains("2027"));
}
