//! `banli check BUNDLE SUBMISSION`: a bundle envelope (一件事一次办) checked
//! member by member, each against its own definition, with its members
//! resolved as `banli bundle` resolves them.

use std::fmt::Write as _;

use banli_core::messages::bundle as bundle_text;
use banli_core::{Status, ValidationContext};

use crate::Outcome;
use crate::args::{CheckArgs, Format};
use crate::check::{accepted_on, human, unusable};
use crate::{bundle, input, out, style};

pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let bundle = bundle::load_bundle(&args.item, None)?;
    let submission = input::read_text(&args.submission)?;
    let calendar = input::load_calendar(&args.calendars)?;
    let ctx = ValidationContext::new(args.lang).accepted_on(accepted_on(args)?, &calendar);
    let report = bundle
        .validate_json(&submission, &ctx)
        .map_err(|failure| unusable(args, failure))?;
    match args.format {
        Format::Json => out::println(&report.to_json_pretty())?,
        Format::Human => {
            let merged = bundle.merged().definition();
            let (h, hr) = (style::HEADING.render(), style::HEADING.render_reset());
            let mut text = format!("{h}{}{hr}\n", merged.localized_name(args.lang));
            for error in &report.errors {
                let (e, er) = (style::ERROR.render(), style::ERROR.render_reset());
                let _ = writeln!(text, "  {e}✗{er} {}  [{}]", error.message, error.code);
            }
            for member in &report.members {
                text.push('\n');
                match &member.report {
                    Some(report) => text.push_str(&human(report, &member.name, args.lang)),
                    None => {
                        let (d, dr) = (style::DIM.render(), style::DIM.render_reset());
                        let _ = writeln!(
                            text,
                            "{h}{}{hr}: {d}{}{dr}",
                            member.name,
                            bundle_text::member_does_not_apply().get(args.lang)
                        );
                    }
                }
            }
            out::print(&text)?;
        }
    }
    Ok(if report.status == Status::Invalid {
        Outcome::Invalid
    } else {
        Outcome::Clean
    })
}
