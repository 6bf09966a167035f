//! Every check of a single calendar file, each with a file broken in one
//! place, and a file broken everywhere to show that all problems come at once.

use serde_json::{Value, json};

use super::{load, problems};
use crate::calendar::{CalendarFile, codes};
use crate::messages::Lang;

fn base() -> Value {
    json!({
        "format": "banli-calendar/1",
        "region": "CN",
        "name": "测试日历",
        "years": [
            {"year": 2026,
             "holidays": [{"from": "2026-10-01", "to": "2026-10-07", "name": "国庆节"}],
             "workdays": ["2026-10-10"]},
            {"year": 2027, "holidays": [{"from": "2027-01-01", "to": "2027-01-01", "name": "元旦"}]}
        ]
    })
}

/// `base()` with the value at `pointer` replaced.
fn with(pointer: &str, value: Value) -> Value {
    let mut file = base();
    *file
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = value;
    file
}

fn one(pointer: &str, code: &'static str) -> Vec<(String, &'static str)> {
    vec![(pointer.to_owned(), code)]
}

#[test]
fn base_is_valid() {
    let file = load(base());
    assert_eq!(file.years.len(), 2);
    assert_eq!(file.years[0].holidays[0].days().count(), 7);
    assert!(!file.years[1].replace);
    assert!(file.year(2027).is_some_and(|y| y.workdays.is_empty()));
    assert_eq!(file, base().to_string().parse::<CalendarFile>().unwrap());
}

#[test]
fn not_json() {
    let errors = CalendarFile::from_str("{\"format\": ").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].pointer.as_str(), errors[0].code),
        ("", codes::JSON)
    );
    assert!(errors[0].message.en.contains("line 1"));
}

#[test]
fn bad_format_tag() {
    assert_eq!(
        problems(with("/format", json!("banli-calendar/2"))),
        one("/format", codes::FORMAT)
    );
}

#[test]
fn wrong_types_and_missing_keys() {
    assert_eq!(problems(json!([])), one("", codes::TYPE));
    assert_eq!(
        problems(with("/years", json!({}))),
        one("/years", codes::TYPE)
    );
    assert_eq!(
        problems(with("/years/0/year", json!("2026"))),
        one("/years/0/year", codes::TYPE)
    );
    assert_eq!(
        problems(with("/years/0/workdays/0", json!(20261010))),
        one("/years/0/workdays/0", codes::TYPE)
    );
    let mut file = base();
    file.as_object_mut().unwrap().remove("name");
    file["years"][0]["holidays"][0]
        .as_object_mut()
        .unwrap()
        .remove("to");
    assert_eq!(
        problems(file),
        vec![
            ("".to_owned(), codes::MISSING),
            ("/years/0/holidays/0".to_owned(), codes::MISSING)
        ]
    );
}

#[test]
fn unknown_keys_and_empty_names() {
    let mut file = base();
    file["years"][0]["workday"] = json!([]);
    file["a/b"] = json!(1);
    assert_eq!(
        problems(file),
        // In the order of the file: "a/b" was added after "years".
        vec![
            ("/years/0/workday".to_owned(), codes::UNKNOWN_KEY),
            ("/a~1b".to_owned(), codes::UNKNOWN_KEY)
        ]
    );
    assert_eq!(
        problems(with("/years/0/holidays/0/name", json!(" "))),
        one("/years/0/holidays/0/name", codes::EMPTY)
    );
}

#[test]
fn bad_date_strings() {
    assert_eq!(
        problems(with("/years/0/holidays/0/to", json!("2026-10-7"))),
        one("/years/0/holidays/0/to", codes::DATE)
    );
    assert_eq!(
        problems(with("/years/0/workdays/0", json!("2026-02-30"))),
        one("/years/0/workdays/0", codes::DATE)
    );
}

#[test]
fn bad_years() {
    assert_eq!(
        problems(with("/years/0/year", json!(0))),
        one("/years/0/year", codes::YEAR)
    );
    assert_eq!(
        problems(with("/years", json!([]))),
        one("/years", codes::NO_YEARS)
    );
}

#[test]
fn date_not_in_the_year_of_its_entry() {
    assert_eq!(
        problems(with("/years/1/holidays/0/from", json!("2026-12-31"))),
        one("/years/1/holidays/0/from", codes::DATE_OUTSIDE_YEAR)
    );
    assert_eq!(
        problems({
            let mut file = base();
            file["years"][1]["workdays"] = json!(["2026-12-26"]);
            file
        }),
        one("/years/1/workdays/0", codes::DATE_OUTSIDE_YEAR)
    );
}

#[test]
fn reversed_range() {
    let errors =
        CalendarFile::from_value(&with("/years/0/holidays/0/to", json!("2026-09-30"))).unwrap_err();
    assert_eq!(
        super::pointers_and_codes(&errors),
        one("/years/0/holidays/0/to", codes::REVERSED_RANGE)
    );
    assert_eq!(
        errors[0].message.zh,
        "放假区间颠倒了：结束日 2026-09-30 早于开始日 2026-10-01"
    );
}

#[test]
fn overlapping_holidays() {
    let holidays = json!([
        {"from": "2026-10-01", "to": "2026-10-07", "name": "国庆节"},
        {"from": "2026-09-25", "to": "2026-09-27", "name": "中秋节"},
        {"from": "2026-10-07", "to": "2026-10-08", "name": "重阳"}
    ]);
    assert_eq!(
        problems(with("/years/0/holidays", holidays)),
        one("/years/0/holidays/2", codes::OVERLAPPING_HOLIDAYS)
    );
}

#[test]
fn make_up_days() {
    // 2026-10-09 is a Friday.
    assert_eq!(
        problems(with("/years/0/workdays/0", json!("2026-10-09"))),
        one("/years/0/workdays/0", codes::WORKDAY_NOT_WEEKEND)
    );
    // 2026-10-03 is a Saturday inside 国庆节.
    assert_eq!(
        problems(with("/years/0/workdays/0", json!("2026-10-03"))),
        one("/years/0/workdays/0", codes::WORKDAY_IN_HOLIDAY)
    );
    assert_eq!(
        problems(with(
            "/years/0/workdays",
            json!(["2026-10-10", "2026-10-10"])
        )),
        one("/years/0/workdays/1", codes::DUPLICATE_WORKDAY)
    );
}

#[test]
fn year_listed_twice() {
    let mut file = base();
    file["years"]
        .as_array_mut()
        .unwrap()
        .push(json!({"year": 2026}));
    assert_eq!(problems(file), one("/years/2/year", codes::DUPLICATE_YEAR));
}

#[test]
fn regional_header() {
    assert_eq!(
        problems(with("/region", json!("CN-44-SZ"))),
        one("", codes::EXTENDS_MISSING)
    );
    assert_eq!(
        problems(with("/region", json!("cn"))),
        one("/region", codes::REGION)
    );
    let mut file = with("/region", json!("CN-44-SZ"));
    file["extends"] = json!("CN-45");
    assert_eq!(problems(file), one("/extends", codes::EXTENDS_NOT_PARENT));
    let mut file = base();
    file["extends"] = json!("CN");
    assert_eq!(problems(file), one("/extends", codes::EXTENDS_NOT_PARENT));
    let mut file = base();
    file["years"][0]["replace"] = json!(true);
    assert_eq!(
        problems(file),
        one("/years/0/replace", codes::REPLACE_WITHOUT_EXTENDS)
    );
    let mut file = with("/region", json!("CN-44"));
    file["extends"] = json!("CN");
    file["years"][0]["replace"] = json!(true);
    assert_eq!(load(file).extends.as_deref(), Some("CN"));
}

#[test]
fn every_problem_at_once() {
    let file = json!({
        "$schema": "../calendar.schema.json",
        "format": "banli-calendar/0",
        "region": "CN-44-SZ",
        "name": "坏日历",
        "years": [
            {"year": 2026,
             "holidays": [
                {"from": "2026-10-01", "to": "2026-10-07", "name": "国庆节"},
                {"from": "2026-10-05", "to": "2026-10-01", "name": "颠倒"},
                {"from": "2026-10-06", "to": "2026-10-09", "name": "重叠"},
                {"from": "2026-13-01", "to": "2027-01-01", "name": "错日期"}
             ],
             "workdays": ["2026-10-02", "2026-10-12", "2025-10-11"]},
            {"year": 2026, "replace": "yes"}
        ]
    });
    let errors = CalendarFile::from_value(&file).unwrap_err();
    let report: Vec<String> = errors
        .iter()
        .map(|d| {
            format!(
                "{} [{}] {} | {}",
                d.pointer,
                d.code,
                d.message.get(Lang::ZhCn),
                d.message.get(Lang::En)
            )
        })
        .collect();
    insta::assert_snapshot!(report.join("\n"));
}
