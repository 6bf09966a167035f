//! `banli calendar coverage`: how far the loaded holiday calendars reach,
//! so that a maintainer loads next year's notice before deadlines turn
//! pending.

use anyhow::anyhow;
use banli_core::calendar::{date_in_china, parse_date};
use banli_core::messages::calendar as msg;
use time::OffsetDateTime;

use crate::Outcome;
use crate::args::{CalendarCoverageArgs, Format};
use crate::input;
use crate::{out, style};

pub fn coverage(args: &CalendarCoverageArgs) -> anyhow::Result<Outcome> {
    let calendar = input::load_calendar(&args.calendars)?;
    let today = match &args.today {
        Some(text) => parse_date(text)
            .map_err(|e| anyhow!("--today {text}: {} ({})", e.message().zh, e.message().en))?,
        None => date_in_china(OffsetDateTime::now_utc()),
    };
    let coverage = calendar.coverage(today);
    let warning = coverage.warning(today);
    match args.format {
        Format::Json => {
            let value = serde_json::json!({
                "regions": calendar.regions(),
                "coverage": coverage,
                "warning": warning.as_ref().map(|w| w.get(args.lang)),
            });
            out::println(&serde_json::to_string_pretty(&value)?)?;
        }
        Format::Human => {
            let years: Vec<String> = coverage.years.iter().map(i32::to_string).collect();
            let text = msg::coverage_summary(
                &calendar.regions().join(" > "),
                &years.join(", "),
                coverage.last_covered_day.as_deref(),
                coverage.days_left,
            );
            out::println(text.get(args.lang))?;
            if let Some(warning) = warning {
                out::println(&format!(
                    "{}{}{}",
                    style::WARNING.render(),
                    warning.get(args.lang),
                    style::WARNING.render_reset()
                ))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
