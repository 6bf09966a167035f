//! Regional calendars laid over the national one: adding holidays and
//! make-up days, replacing a year, adding a year, and the ways laying fails.

use serde_json::{Value, json};

use super::{day, load, pointers_and_codes};
use crate::calendar::{CalendarError, CalendarFile, DayKind, WorkCalendar, codes};

const EXAMPLE: &str = include_str!("../../../../../schemas/calendars/example-regional.json");

fn regional(region: &str, extends: &str, years: Value) -> CalendarFile {
    load(
        json!({"format": "banli-calendar/1", "region": region, "extends": extends, "name": "地区", "years": years}),
    )
}

fn national_plus(file: CalendarFile) -> Result<WorkCalendar, Vec<(String, &'static str)>> {
    let mut calendar = WorkCalendar::national();
    calendar.extend(file).map_err(|e| pointers_and_codes(&e))?;
    Ok(calendar)
}

#[test]
fn example_file_adds_a_local_holiday() {
    let file = CalendarFile::from_str(EXAMPLE).unwrap();
    let national = WorkCalendar::national();
    let city = national_plus(file).unwrap();
    assert_eq!(city.region(), "CN-99-SL");
    assert_eq!(city.regions(), ["CN", "CN-99-SL"]);
    assert_eq!(
        city.day_kind(day("2026-03-18")),
        Ok(DayKind::Holiday {
            name: "示例市建市纪念日",
            region: "CN-99-SL"
        })
    );
    assert_eq!(city.day_kind(day("2026-03-22")), Ok(DayKind::MakeUpWorkday));
    // National holidays are kept.
    assert_eq!(city.is_working_day(day("2026-10-01")), Ok(false));
    // Three weekdays off, one Sunday worked.
    assert_eq!(city.working_days_in_year(2026), Ok(248 - 3 + 1));
    assert_eq!(city.working_days_in_year(2025), Ok(248 - 1));
    assert_eq!(city.working_days_in_year(2024), Ok(251));
    assert_eq!(
        national.add_working_days(day("2026-03-17"), 1),
        Ok(day("2026-03-18"))
    );
    assert_eq!(
        city.add_working_days(day("2026-03-17"), 1),
        Ok(day("2026-03-22"))
    );
}

#[test]
fn from_files_in_order() {
    let national = CalendarFile::from_str(crate::calendar::NATIONAL_CALENDAR_JSON).unwrap();
    let province = regional(
        "CN-44",
        "CN",
        json!([{"year": 2026, "holidays": [{"from": "2026-04-20", "to": "2026-04-20", "name": "省节"}]}]),
    );
    let city = regional(
        "CN-44-SZ",
        "CN-44",
        json!([{"year": 2026, "holidays": [{"from": "2026-04-21", "to": "2026-04-21", "name": "市节"}]}]),
    );
    let calendar =
        WorkCalendar::from_files(vec![national.clone(), province.clone(), city.clone()]).unwrap();
    assert_eq!(calendar.working_days_in_year(2026), Ok(246));
    assert_eq!(calendar.regions(), ["CN", "CN-44", "CN-44-SZ"]);

    let codes_of = |files: Vec<CalendarFile>| {
        pointers_and_codes(&WorkCalendar::from_files(files).unwrap_err())
    };
    assert_eq!(codes_of(vec![]), vec![(String::new(), codes::NO_FILES)]);
    assert_eq!(
        codes_of(vec![national.clone(), city.clone()]),
        vec![("/extends".to_owned(), codes::EXTENDS_NOT_LOADED)]
    );
    assert_eq!(
        codes_of(vec![city.clone()]),
        vec![("/extends".to_owned(), codes::EXTENDS_NOT_LOADED)]
    );
    // The national file twice adds nothing and contradicts nothing...
    assert!(WorkCalendar::from_files(vec![national.clone(), national.clone()]).is_ok());
    // ...but once a region is laid over it, the base is closed.
    assert_eq!(
        codes_of(vec![national.clone(), province.clone(), national.clone()]),
        vec![(String::new(), codes::BASE_ALREADY_LOADED)]
    );
    assert_eq!(
        codes_of(vec![national.clone(), province.clone(), province.clone()]),
        vec![("/region".to_owned(), codes::REGION_ALREADY_LOADED)]
    );
    let sibling = regional("CN-45", "CN", json!([{"year": 2026}]));
    assert_eq!(
        codes_of(vec![national, province, sibling]),
        vec![("/region".to_owned(), codes::REGION_NOT_WITHIN)]
    );
}

#[test]
fn replace_corrects_a_year() {
    // A correction: in this region 2026 has only 元旦 on 1 January and no make-up days.
    let file = regional(
        "CN-99",
        "CN",
        json!([{"year": 2026, "replace": true, "holidays": [{"from": "2026-01-01", "to": "2026-01-01", "name": "元旦"}]}]),
    );
    let calendar = national_plus(file).unwrap();
    assert_eq!(calendar.is_working_day(day("2026-10-01")), Ok(true));
    assert_eq!(calendar.is_working_day(day("2026-02-14")), Ok(false));
    assert_eq!(calendar.is_working_day(day("2026-01-01")), Ok(false));
    // 261 weekdays in 2026, one of them off.
    assert_eq!(calendar.working_days_in_year(2026), Ok(260));
    // Other years are untouched.
    assert_eq!(calendar.working_days_in_year(2025), Ok(248));
}

#[test]
fn a_region_may_add_a_year() {
    let file = regional(
        "CN-99",
        "CN",
        json!([{"year": 2027, "holidays": [{"from": "2027-01-01", "to": "2027-01-01", "name": "元旦"}]}]),
    );
    let national = WorkCalendar::national();
    let calendar = national_plus(file).unwrap();
    assert_eq!(calendar.covered_years(), vec![2024, 2025, 2026, 2027]);
    assert_eq!(
        national.add_working_days(day("2026-12-31"), 1),
        Err(CalendarError::YearNotCovered { year: 2027 })
    );
    assert_eq!(
        calendar.add_working_days(day("2026-12-31"), 1),
        Ok(day("2027-01-04"))
    );
}

#[test]
fn additions_may_not_contradict_the_parent() {
    // A make-up day inside the national 国庆节 (Sat 2026-10-03).
    let file = regional(
        "CN-99",
        "CN",
        json!([{"year": 2026, "workdays": ["2026-10-03"]}]),
    );
    assert_eq!(
        national_plus(file),
        Err(vec![(
            "/years/0/workdays/0".to_owned(),
            codes::WORKDAY_IN_HOLIDAY
        )])
    );
    // A local holiday covering the national make-up Saturday 2026-02-28.
    let file = regional(
        "CN-99",
        "CN",
        json!([{"year": 2025}, {"year": 2026, "holidays": [{"from": "2026-02-27", "to": "2026-03-01", "name": "地方节"}]}]),
    );
    let mut calendar = WorkCalendar::national();
    let errors = calendar.extend(file).unwrap_err();
    assert_eq!(
        pointers_and_codes(&errors),
        vec![("/years/1/holidays/0".to_owned(), codes::HOLIDAY_ON_WORKDAY)]
    );
    assert!(errors[0].message.zh.contains("2026-02-28"));
    // Nothing was laid.
    assert_eq!(calendar, WorkCalendar::national());
    // Overlapping a national holiday is fine: the day stays the national one.
    let file = regional(
        "CN-99",
        "CN",
        json!([{"year": 2026, "holidays": [{"from": "2026-10-07", "to": "2026-10-08", "name": "地方节"}]}]),
    );
    let calendar = national_plus(file).unwrap();
    assert_eq!(
        calendar.day_kind(day("2026-10-07")),
        Ok(DayKind::Holiday {
            name: "国庆节",
            region: "CN"
        })
    );
    assert_eq!(
        calendar.day_kind(day("2026-10-08")),
        Ok(DayKind::Holiday {
            name: "地方节",
            region: "CN-99"
        })
    );
}

fn national_year(year: i32, holidays: serde_json::Value) -> CalendarFile {
    CalendarFile::from_value(&json!({
        "format": "banli-calendar/1", "region": "CN", "name": "全国",
        "years": [{"year": year, "holidays": holidays}]
    }))
    .unwrap()
}

#[test]
fn a_national_file_adds_next_year_and_never_contradicts_a_loaded_one() {
    let mut calendar = WorkCalendar::national();
    assert!(!calendar.covers(2027));
    let next = national_year(
        2027,
        json!([{"from": "2027-01-01", "to": "2027-01-01", "name": "元旦"}]),
    );
    calendar.extend(next).unwrap();
    assert!(calendar.covers(2027));
    assert_eq!(
        calendar.add_working_days(crate::calendar::parse_date("2026-12-31").unwrap(), 1),
        Ok(crate::calendar::parse_date("2027-01-04").unwrap())
    );
    // 2026 again, with New Year's Day moved: refused, nothing changes.
    let before = calendar.clone();
    let wrong = national_year(
        2026,
        json!([{"from": "2026-01-02", "to": "2026-01-02", "name": "元旦"}]),
    );
    assert_eq!(
        pointers_and_codes(&calendar.extend(wrong).unwrap_err()),
        vec![("/years/0".to_owned(), codes::YEAR_CONFLICTS)]
    );
    assert_eq!(calendar, before);
}

#[test]
fn load_orders_files_and_names_every_problem() {
    use crate::calendar::{CalendarSource, load};
    let province = r#"{"format": "banli-calendar/1", "region": "CN-44", "extends": "CN", "name": "省",
        "years": [{"year": 2027, "holidays": [{"from": "2027-04-20", "to": "2027-04-20", "name": "省节"}]}]}"#;
    let next = r#"{"format": "banli-calendar/1", "region": "CN", "name": "全国2027",
        "years": [{"year": 2027, "holidays": [{"from": "2027-01-01", "to": "2027-01-01", "name": "元旦"}]}]}"#;
    // Given regional first, laid national first.
    let calendar = load(&[
        CalendarSource {
            name: "cn-44.json",
            text: province,
        },
        CalendarSource {
            name: "cn-2027.json",
            text: next,
        },
    ])
    .unwrap();
    assert_eq!(calendar.regions(), ["CN", "CN-44"]);
    assert!(calendar.covers(2027));
    let problems = load(&[
        CalendarSource {
            name: "a.json",
            text: "{",
        },
        CalendarSource {
            name: "b.json",
            text: r#"{"format": "banli-calendar/1"}"#,
        },
        CalendarSource {
            name: "a.json",
            text: next,
        },
    ])
    .unwrap_err();
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, ["a.json", "b.json", "a.json"]);
    assert_eq!(problems[2].diagnostics[0].code, codes::DUPLICATE_FILE);
    let described = crate::calendar::describe(&problems);
    assert!(
        described
            .lines()
            .all(|line| line.starts_with("a.json ") || line.starts_with("b.json ")),
        "{described}"
    );
    assert!(
        described.contains("[calendar.duplicate_file]"),
        "{described}"
    );
}
