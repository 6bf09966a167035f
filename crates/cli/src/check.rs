//! `banli check ITEM SUBMISSION`: the core's verdict, as the report JSON or
//! as a grouped, readable summary for a maintainer's terminal.

use std::fmt::Write as _;

use anyhow::anyhow;
use banli_core::calendar::{date_in_china, parse_date};
use banli_core::messages::{cli as text, validation};
use banli_core::report::Report;
use banli_core::{Lang, Status, ValidationContext, ValidationFailure};
use time::{Date, OffsetDateTime};

use crate::Outcome;
use crate::args::{CheckArgs, Format};
use crate::style;
use crate::{input, out};

pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    if input::is_bundle(&args.item)? {
        return crate::check_bundle::run(args);
    }
    let item = input::load_item(&args.item)?;
    let submission = input::read_text(&args.submission)?;
    let calendar = input::load_calendar(&args.calendars)?;
    let ctx = ValidationContext::new(args.lang).accepted_on(accepted_on(args)?, &calendar);
    // The core checks the text against its limits before parsing it.
    let report = item
        .validate_json(&submission, &ctx)
        .map_err(|failure| unusable(args, failure))?;
    match args.format {
        Format::Json => out::println(&report.to_json_pretty())?,
        Format::Human => out::print(&human(
            &report,
            item.definition().localized_name(args.lang),
            args.lang,
        ))?,
    }
    Ok(if report.status == Status::Invalid {
        Outcome::Invalid
    } else {
        Outcome::Clean
    })
}

/// `--accepted-on`, or today in China.
pub(crate) fn accepted_on(args: &CheckArgs) -> anyhow::Result<Date> {
    match &args.accepted_on {
        Some(text) => parse_date(text).map_err(|e| {
            let message = e.message();
            anyhow!("--accepted-on {text}: {} ({})", message.zh, message.en)
        }),
        None => Ok(date_in_china(OffsetDateTime::now_utc())),
    }
}

/// A syntax failure of the submission file, with its place.
pub(crate) fn unusable(args: &CheckArgs, failure: ValidationFailure) -> anyhow::Error {
    let ValidationFailure::Syntax(syntax) = failure;
    input::syntax_error(&args.submission, &syntax)
}

pub(crate) fn human(report: &Report, item_name: &str, lang: Lang) -> String {
    let (h, hr) = (style::HEADING.render(), style::HEADING.render_reset());
    let (dim, dimr) = (style::DIM.render(), style::DIM.render_reset());
    let mut out = String::new();
    let (verdict_style, verdict) = match report.status {
        Status::Valid => (style::OK, text::verdict_valid()),
        Status::ValidWithCommitments => (style::WARNING, text::verdict_valid_with_commitments()),
        Status::Invalid => (style::ERROR, text::verdict_invalid()),
    };
    let verdict = verdict.get(lang);
    let _ = writeln!(
        out,
        "{h}{item_name}{hr}: {}{verdict}{}",
        verdict_style.render(),
        verdict_style.render_reset()
    );
    if !report.errors.is_empty() {
        let count = report.errors.len();
        let _ = writeln!(out, "\n{h}{}{hr}", text::problems_heading(count).get(lang));
        let mut group = None;
        for error in &report.errors {
            let section = error.label.split(" › ").next().unwrap_or_default();
            if group != Some(section) {
                let _ = writeln!(out, "  {h}{section}{hr}");
                group = Some(section);
            }
            let (e, er) = (style::ERROR.render(), style::ERROR.render_reset());
            let _ = writeln!(
                out,
                "    {e}✗{er} {}  {dim}{} [{}]{dimr}",
                error.message,
                if error.path.is_empty() {
                    "/"
                } else {
                    &error.path
                },
                error.code
            );
        }
    }
    let _ = writeln!(out, "\n{h}{}{hr}", validation::label_materials().get(lang));
    for m in &report.materials {
        let state = text::disposition(m.disposition.as_str());
        let state = state.get(lang);
        let not_required = text::not_required_suffix();
        let needed = if m.required {
            ""
        } else {
            not_required.get(lang)
        };
        let _ = writeln!(out, "  - {}{needed}: {state}", m.name);
        for entry in m.entries.iter().flatten() {
            let state = text::disposition(entry.disposition.as_str());
            let _ = writeln!(out, "      {}: {}", entry.entry, state.get(lang));
        }
    }
    if let Some(d) = &report.deadlines {
        let _ = writeln!(out, "\n{h}{}{hr}", text::deadlines_heading().get(lang));
        let _ = writeln!(out, "  {}{}", text::accepted_on().get(lang), d.accepted_on);
        if d.on_the_spot {
            let _ = writeln!(out, "  {}", text::on_the_spot().get(lang));
        }
        for (label, value) in [
            (text::promised_by(), &d.promised),
            (text::statutory_by(), &d.statutory),
            (text::deferred_due_by(), &d.deferred_due),
        ] {
            if let Some(value) = value {
                let _ = writeln!(out, "  {}{value}", label.get(lang));
            }
        }
        for pending in &d.pending {
            let (w, wr) = (style::WARNING.render(), style::WARNING.render_reset());
            let _ = writeln!(
                out,
                "  {w}{}{wr}  {dim}[{}]{dimr}",
                pending.message, pending.code
            );
        }
    }
    for c in &report.commitments {
        let _ = writeln!(out, "\n{h}{}{hr}", c.title);
        for line in c.text.get(lang).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
