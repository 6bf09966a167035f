//! The rules one year of one calendar file must follow, beyond its shape:
//! every date inside the year, ranges not reversed and not overlapping,
//! make-up working days only on weekends, never inside a holiday, never twice.

use time::{Date, Weekday};

use super::codes;
use super::date::format_date;
use super::file::Holiday;
use super::read::{Reader, join};
use crate::messages::calendar as msg;

/// Checks one year entry at `pointer`. `holidays` and `workdays` are the
/// items that could be read, each with its index in the file.
pub(super) fn check_year(
    r: &mut Reader,
    pointer: &str,
    year: i32,
    holidays: &[(usize, Holiday)],
    workdays: &[(usize, Date)],
) {
    let holidays_pointer = join(pointer, "holidays");
    let workdays_pointer = join(pointer, "workdays");

    // Ranges that are sound enough to compare with others.
    let mut sound: Vec<&Holiday> = Vec::new();
    for (i, holiday) in holidays {
        let at = join(&holidays_pointer, i);
        let mut ok = true;
        for (key, date) in [("from", holiday.from), ("to", holiday.to)] {
            if date.year() != year {
                let message = msg::date_outside_year(&format_date(date), year);
                r.error(join(&at, key), codes::DATE_OUTSIDE_YEAR, message);
                ok = false;
            }
        }
        if holiday.to < holiday.from {
            let message = msg::reversed_range(&format_date(holiday.from), &format_date(holiday.to));
            r.error(join(&at, "to"), codes::REVERSED_RANGE, message);
            ok = false;
        }
        if !ok {
            continue;
        }
        if let Some(other) = sound
            .iter()
            .find(|o| o.from <= holiday.to && holiday.from <= o.to)
        {
            let message = msg::overlapping_holidays(
                &holiday.name,
                &other.name,
                &format_date(other.from),
                &format_date(other.to),
            );
            r.error(at, codes::OVERLAPPING_HOLIDAYS, message);
        }
        sound.push(holiday);
    }

    let mut seen: Vec<Date> = Vec::new();
    for (i, day) in workdays {
        let at = join(&workdays_pointer, i);
        let text = format_date(*day);
        if day.year() != year {
            r.error(
                at,
                codes::DATE_OUTSIDE_YEAR,
                msg::date_outside_year(&text, year),
            );
            continue;
        }
        if seen.contains(day) {
            r.error(at, codes::DUPLICATE_WORKDAY, msg::duplicate_workday(&text));
            continue;
        }
        seen.push(*day);
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            r.error(
                at.clone(),
                codes::WORKDAY_NOT_WEEKEND,
                msg::workday_not_weekend(&text, day.weekday()),
            );
        }
        if let Some(holiday) = sound.iter().find(|h| h.contains(*day)) {
            r.error(
                at,
                codes::WORKDAY_IN_HOLIDAY,
                msg::workday_in_holiday(&text, &holiday.name),
            );
        }
    }
}
