//! Properties of working-day arithmetic over the national calendar, for
//! dates and counts that stay inside the covered years.

use proptest::prelude::*;
use time::{Date, Duration};

use super::day;
use crate::calendar::WorkCalendar;

/// A date from 2024-01-01 to 2026-06-30, so that up to ~100 working days
/// after it are still covered.
fn date() -> impl Strategy<Value = Date> {
    (0i64..912).prop_map(|offset| day("2024-01-01") + Duration::days(offset))
}

proptest! {
    #[test]
    fn the_result_is_a_working_day(d in date(), n in 1u32..100) {
        let calendar = WorkCalendar::national();
        let due = calendar.add_working_days(d, n).unwrap();
        prop_assert!(due > d);
        prop_assert_eq!(calendar.is_working_day(due), Ok(true));
    }

    #[test]
    fn counting_back_gives_n(d in date(), n in 0u32..100) {
        let calendar = WorkCalendar::national();
        let due = calendar.add_working_days(d, n).unwrap();
        prop_assert_eq!(calendar.working_days_between(d, due), Ok(n));
    }

    #[test]
    fn monotonic_in_n(d in date(), n in 0u32..100) {
        let calendar = WorkCalendar::national();
        prop_assert!(calendar.add_working_days(d, n).unwrap() < calendar.add_working_days(d, n + 1).unwrap());
    }

    #[test]
    fn adding_composes(d in date(), a in 0u32..50, b in 0u32..50) {
        let calendar = WorkCalendar::national();
        let step = calendar.add_working_days(calendar.add_working_days(d, a).unwrap(), b).unwrap();
        prop_assert_eq!(step, calendar.add_working_days(d, a + b).unwrap());
    }

    /// Counting walks the year's plan directly; `day_kind` is the
    /// reference, holidays and make-up weekends included.
    #[test]
    fn counting_agrees_with_day_kind(d in date(), k in 0i64..180) {
        let calendar = WorkCalendar::national();
        let to = d + Duration::days(k);
        let expected = (1..=k)
            .filter(|i| calendar.day_kind(d + Duration::days(*i)).unwrap().is_working_day())
            .count() as u32;
        prop_assert_eq!(calendar.working_days_between(d, to), Ok(expected));
    }

    #[test]
    fn past_the_covered_years_is_an_error(d in date(), n in 800u32..) {
        let calendar = WorkCalendar::national();
        prop_assert!(calendar.add_working_days(d, n).is_err());
    }
}
