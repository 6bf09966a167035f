//! `banli workdays add DATE N`: the Nth working day after a date.

use anyhow::anyhow;
use banli_core::calendar::{format_date, parse_date};

use crate::Outcome;
use crate::args::WorkdaysAddArgs;
use crate::{input, out};

pub fn add(args: &WorkdaysAddArgs) -> anyhow::Result<Outcome> {
    let calendar = input::load_calendar(&args.calendars)?;
    let date = parse_date(&args.date)
        .map_err(|e| anyhow!("{}: {} ({})", args.date, e.message().zh, e.message().en))?;
    let due = calendar
        .add_working_days(date, args.days)
        .map_err(|e| anyhow!("{} ({})", e.message().zh, e.message().en))?;
    out::println(&format_date(due))?;
    Ok(Outcome::Clean)
}
