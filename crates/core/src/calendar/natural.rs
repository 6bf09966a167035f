//! Natural-day (自然日) limits: "N days after acceptance" counted on the
//! plain calendar, so no holiday file is needed and no year is ever
//! uncovered. The same rule as working days: the acceptance date itself
//! is not counted, and `n = 0` gives it back.

use time::{Date, Duration};

/// The `n`th natural day after `date`, or `None` past the last date `time`
/// can hold (year 9999), which no real deadline reaches.
pub fn add_natural_days(date: Date, n: u32) -> Option<Date> {
    date.checked_add(Duration::days(i64::from(n)))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn counts_every_day_weekends_and_holidays_included() {
        // 2026-09-30 + 20: across the National Day week, which working days skip.
        assert_eq!(
            add_natural_days(date!(2026 - 09 - 30), 20),
            Some(date!(2026 - 10 - 20))
        );
        assert_eq!(
            add_natural_days(date!(2026 - 12 - 31), 1),
            Some(date!(2027 - 01 - 01))
        );
        assert_eq!(
            add_natural_days(date!(2026 - 11 - 20), 0),
            Some(date!(2026 - 11 - 20))
        );
    }

    #[test]
    fn the_end_of_time_is_none_not_a_panic() {
        assert_eq!(add_natural_days(Date::MAX, 1), None);
    }
}
