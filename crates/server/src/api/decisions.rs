//! Decisions and 限时办结: `POST /api/applications/{receipt}/decision`
//! records the decision (准予 / 不予 / 退回 / 撤回) after the core's
//! `decision::check`, final by the table's primary key, with its audit
//! entry in the same transaction; `GET /api/reports/timeliness?from=&to=`
//! is the core's `timeliness::report` over the stored applications, as
//! JSON, or as CSV (`Accept: text/csv` or `?format=csv`, the core's
//! `timeliness::table`; an export, so audited).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use banli_core::Lang;
use banli_core::calendar::{format_date, parse_date};
use banli_core::followup::decision::{self, Decision};
use banli_core::followup::reminders::{self, ReminderKind};
use banli_core::followup::roles::Action;
use banli_core::followup::timeliness::{self, ApplicationFacts, Deadline};
use banli_core::messages::followup as followup_text;
use banli_core::messages::server as text;
use banli_core::report::{DeadlineKind, PendingDeadline};
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;

use super::{JsonBody, Official};
use crate::db::{self, DecisionRow, TimelinessRow};
use crate::{AppError, AppState, outbox};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/applications/{receipt}/decision", post(decide))
        .route("/api/reports/timeliness", get(timeliness_report))
}

/// A decision as the applicant and the officials see it.
pub fn decision_json(row: &DecisionRow) -> Value {
    let label = Decision::parse(&row.decision).map(|d| {
        let l = d.label();
        json!({"zh-CN": l.zh, "en": l.en})
    });
    json!({
        "decision": row.decision,
        "label": label,
        "decided_on": row.decided_on,
        "reason": row.reason,
        "recorded_at": row.recorded_at,
    })
}

#[derive(Deserialize)]
struct DecisionBody {
    /// `approved` | `refused` | `returned` | `withdrawn`.
    decision: String,
    /// `YYYY-MM-DD`; today when absent.
    decided_on: Option<String>,
    reason: Option<String>,
}

fn date_parameter(name: &'static str, text: &str) -> Result<Date, AppError> {
    parse_date(text).map_err(|e| AppError::InvalidParameter {
        name,
        detail: e.message(),
    })
}

async fn decide(
    official: Official,
    State(state): State<AppState>,
    Path(receipt): Path<String>,
    JsonBody(body): JsonBody<DecisionBody>,
) -> Result<Json<Value>, AppError> {
    official.permit(Action::Decide)?;
    let record = db::application(&state.db, &receipt)
        .await?
        .ok_or(AppError::ApplicationNotFound)?;
    let chosen = Decision::parse(&body.decision).ok_or_else(|| AppError::InvalidParameter {
        name: "decision",
        detail: text::not_one_of(&body.decision, "approved | refused | returned | withdrawn"),
    })?;
    if body
        .reason
        .as_deref()
        .is_some_and(|r| r.chars().count() > 2000)
    {
        return Err(AppError::InvalidParameter {
            name: "reason",
            detail: text::characters_at_most(2000),
        });
    }
    let today = state.clock.today();
    let decided_on = match &body.decided_on {
        Some(text) => date_parameter("decided_on", text)?,
        None => today,
    };
    let accepted_on = parse_date(&record.accepted_on).map_err(|_| {
        AppError::Internal(anyhow::anyhow!(
            "stored acceptance date unreadable: {receipt}"
        ))
    })?;
    let current = db::decision_of(&state.db, &receipt)
        .await?
        .and_then(|d| Decision::parse(&d.decision));
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    decision::check(current, chosen, reason, accepted_on, decided_on, today)
        .map_err(AppError::Decision)?;
    let row = DecisionRow {
        receipt: receipt.clone(),
        decision: chosen.as_str().to_owned(),
        decided_on: format_date(decided_on),
        reason: reason.map(str::to_owned),
        official_id: official.id.clone(),
        official_login: official.login.clone(),
        recorded_at: state.clock.now_rfc3339(),
    };
    let audit = official.audit(
        &state,
        Action::Decide,
        Some(&receipt),
        None,
        json!({"decision": row.decision, "decided_on": row.decided_on, "reason": row.reason}),
    );
    let words = followup_text::reminder_decided(&receipt, &chosen.label(), &row.decided_on);
    let notice = outbox::notice(
        reminders::event_key(
            &format!("application:{receipt}"),
            ReminderKind::DecisionMade,
            chosen.as_str(),
        ),
        ReminderKind::DecisionMade,
        &receipt,
        json!({"decision": row.decision, "decided_on": row.decided_on, "text": outbox::words(&words)}),
        &row.recorded_at,
    );
    if !db::insert_decision(&state.db, &row, &audit, &notice).await? {
        // Decided by someone else between the check and the write.
        let now = db::decision_of(&state.db, &receipt)
            .await?
            .and_then(|d| Decision::parse(&d.decision))
            .unwrap_or(chosen);
        return Err(AppError::Decision(decision::DecisionError::AlreadyDecided(
            now,
        )));
    }
    tracing::info!(receipt = %receipt, decision = chosen.as_str(), official = %official.login, "decision recorded");
    Ok(Json(
        json!({"receipt": receipt, "decision": decision_json(&row)}),
    ))
}

#[derive(Deserialize)]
struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
    lang: Option<String>,
}

/// Whether the request asks for CSV (`?format=csv` or `Accept: text/csv`).
pub fn wants_csv(format: Option<&str>, headers: &HeaderMap) -> Result<bool, AppError> {
    match format {
        Some("csv") => Ok(true),
        Some("json") => Ok(false),
        Some(other) => Err(AppError::InvalidParameter {
            name: "format",
            detail: text::not_one_of(other, "json | csv"),
        }),
        None => Ok(headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/csv"))),
    }
}

/// `rows` as a CSV download: UTF-8 with a byte-order mark, which the
/// spreadsheet programs offices use need to read Chinese correctly.
///
/// # Errors
///
/// Only if writing to memory fails.
pub fn csv_response(rows: &[Vec<String>], file_name: &str) -> Result<Response, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    for row in rows {
        writer.write_record(row).map_err(anyhow::Error::new)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .map_err(anyhow::Error::new)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// A stored deadline as the core's [`Deadline`]: its date, or its length
/// in working days while its year is not covered, or none.
fn deadline(
    row: &TimelinessRow,
    date: Option<&String>,
    kind: DeadlineKind,
) -> Result<Deadline, AppError> {
    if let Some(date) = date {
        return parse_date(date).map(Deadline::On).map_err(|_| {
            AppError::Internal(anyhow::anyhow!(
                "stored deadline unreadable: {}",
                row.receipt
            ))
        });
    }
    let pending: Vec<PendingDeadline> = match &row.deadlines.pending_deadlines {
        Some(text) => serde_json::from_str(text).map_err(anyhow::Error::new)?,
        None => Vec::new(),
    };
    Ok(pending
        .iter()
        .find(|p| p.deadline == kind)
        .map_or(Deadline::None, |p| Deadline::Pending {
            working_days: p.working_days,
        }))
}

fn facts(row: &TimelinessRow) -> Result<ApplicationFacts, AppError> {
    let unreadable = || {
        AppError::Internal(anyhow::anyhow!(
            "stored decision unreadable: {}",
            row.receipt
        ))
    };
    let decision = match (&row.decision, &row.decided_on) {
        (Some(d), Some(on)) => Some((
            Decision::parse(d).ok_or_else(unreadable)?,
            parse_date(on).map_err(|_| unreadable())?,
        )),
        _ => None,
    };
    Ok(ApplicationFacts {
        receipt: row.receipt.clone(),
        item_code: row.item_code.clone(),
        accepted_on: parse_date(&row.accepted_on).map_err(|_| unreadable())?,
        promised: deadline(
            row,
            row.deadlines.promised_due.as_ref(),
            DeadlineKind::Promised,
        )?,
        statutory: deadline(
            row,
            row.deadlines.statutory_due.as_ref(),
            DeadlineKind::Statutory,
        )?,
        decision,
    })
}

async fn timeliness_report(
    official: Official,
    State(state): State<AppState>,
    Query(query): Query<PeriodQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let csv = wants_csv(query.format.as_deref(), &headers)?;
    official.permit(if csv { Action::Export } else { Action::Read })?;
    let lang = super::LangQuery { lang: query.lang }.lang()?;
    let today = state.clock.today();
    let from = match &query.from {
        Some(text) => date_parameter("from", text)?,
        None => today.replace_day(1).unwrap_or(today),
    };
    let to = match &query.to {
        Some(text) => date_parameter("to", text)?,
        None => today,
    };
    if to < from {
        return Err(AppError::InvalidParameter {
            name: "to",
            detail: text::to_before_from(&format_date(to), &format_date(from)),
        });
    }
    let rows = db::timeliness_rows(&state.db, &format_date(from), &format_date(to)).await?;
    let applications = rows.iter().map(facts).collect::<Result<Vec<_>, _>>()?;
    let report = timeliness::report(&applications, from, to, today, &state.calendar.current());
    if !csv {
        return Ok(Json(report).into_response());
    }
    let entry = official.audit(
        &state,
        Action::Export,
        None,
        None,
        json!({"export": "timeliness", "from": report.from, "to": report.to}),
    );
    db::append_audit(&state.db, &entry).await?;
    csv_response(
        &timeliness::table(&report, lang),
        &format!("timeliness-{}-{}.csv", report.from, report.to),
    )
}

/// The language of a CSV's header row (`?lang=`, Chinese by default).
pub fn lang_of(tag: Option<String>) -> Result<Lang, AppError> {
    super::LangQuery { lang: tag }.lang()
}
