//! `banli check ITEM SUBMISSION`: the core's verdict, as the report JSON or
//! as a grouped, readable summary for a maintainer's terminal.

use std::fmt::Write as _;

use anyhow::anyhow;
use banli_core::calendar::{date_in_china, parse_date};
use banli_core::report::{Disposition, Report};
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
        Some(text) => {
            parse_date(text).map_err(|e| anyhow!("--accepted-on {text}: {}", e.message().en))
        }
        None => Ok(date_in_china(OffsetDateTime::now_utc())),
    }
}

/// A syntax failure of the submission file, with its place.
pub(crate) fn unusable(args: &CheckArgs, failure: ValidationFailure) -> anyhow::Error {
    let ValidationFailure::Syntax {
        line,
        column,
        problem,
    } = failure;
    anyhow!(
        "{}:{line}:{column}: not valid JSON: {problem}",
        args.submission.display()
    )
}

pub(crate) fn human(report: &Report, item_name: &str, lang: Lang) -> String {
    let zh = lang == Lang::ZhCn;
    let (h, hr) = (style::HEADING.render(), style::HEADING.render_reset());
    let (dim, dimr) = (style::DIM.render(), style::DIM.render_reset());
    let mut out = String::new();
    let (verdict_style, verdict) = match report.status {
        Status::Valid => (style::OK, if zh { "通过" } else { "valid" }),
        Status::ValidWithCommitments => (
            style::WARNING,
            if zh {
                "通过（含容缺或承诺）"
            } else {
                "valid with commitments"
            },
        ),
        Status::Invalid => (style::ERROR, if zh { "不通过" } else { "invalid" }),
    };
    let _ = writeln!(
        out,
        "{h}{item_name}{hr}: {}{verdict}{}",
        verdict_style.render(),
        verdict_style.render_reset()
    );
    if !report.errors.is_empty() {
        let count = report.errors.len();
        let _ = writeln!(
            out,
            "\n{h}{}{hr}",
            if zh {
                format!("需要修改的问题（共{count}个）")
            } else {
                format!("Problems to fix ({count})")
            }
        );
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
    let _ = writeln!(
        out,
        "\n{h}{}{hr}",
        if zh { "申请材料" } else { "Materials" }
    );
    for m in &report.materials {
        let state = disposition_text(m.disposition, zh);
        let needed = if m.required {
            ""
        } else if zh {
            "（非必需）"
        } else {
            " (not required)"
        };
        let _ = writeln!(out, "  - {}{needed}: {state}", m.name);
    }
    if let Some(d) = &report.deadlines {
        let _ = writeln!(
            out,
            "\n{h}{}{hr}",
            if zh { "办理期限" } else { "Deadlines" }
        );
        let _ = writeln!(
            out,
            "  {}{}",
            if zh {
                "受理日期："
            } else {
                "Accepted on: "
            },
            d.accepted_on
        );
        if d.on_the_spot {
            let _ = writeln!(
                out,
                "  {}",
                if zh {
                    "即办件：当场办结"
                } else {
                    "On-the-spot item: decided at once"
                }
            );
        }
        for (zh_label, en_label, value) in [
            ("承诺办结：", "Promised by: ", &d.promised),
            ("法定办结：", "Statutory limit: ", &d.statutory),
            (
                "容缺材料补齐：",
                "Deferred materials due: ",
                &d.deferred_due,
            ),
        ] {
            if let Some(value) = value {
                let _ = writeln!(out, "  {}{value}", if zh { zh_label } else { en_label });
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
        let text = if zh { &c.text.zh } else { &c.text.en };
        for line in text.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

fn disposition_text(disposition: Disposition, zh: bool) -> &'static str {
    match (disposition, zh) {
        (Disposition::Provided, true) => "已提交",
        (Disposition::Provided, false) => "provided",
        (Disposition::Shared, true) => "共享获取（免提交）",
        (Disposition::Shared, false) => "shared from government data",
        (Disposition::Deferred, true) => "容缺后补",
        (Disposition::Deferred, false) => "deferred",
        (Disposition::InLieu, true) => "告知承诺代替",
        (Disposition::InLieu, false) => "replaced by a commitment",
        (Disposition::Missing, true) => "缺少",
        (Disposition::Missing, false) => "missing",
        (Disposition::NotRequired, true) => "不需要提交",
        (Disposition::NotRequired, false) => "not required",
    }
}
