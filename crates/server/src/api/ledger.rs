//! The officials' commitment ledger (bearer token required):
//! `GET /api/commitments?status=...` lists commitments with the status the
//! core computes for today on the calendar, the most urgent first;
//! `POST /api/commitments/{id}/fulfil` records the hash of the material that
//! arrived; `POST /api/commitments/{id}/terminate` records why the
//! application was terminated. Only open commitments change (the core's
//! `ledger::resolve`).

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::get, routing::post};
use banli_core::calendar::{format_date, parse_date};
use banli_core::followup::roles::Action;
use banli_core::ledger::{self, CommitmentStatus, Due, Resolution};
use banli_core::messages::followup as followup_text;
use banli_core::messages::server as text;
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;

use super::supplements::{covered, material_name, supplement_json};
use super::{JsonBody, Official};
use crate::db::{self, LedgerFilter, LedgerRow, Resolve};
use crate::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/commitments", get(list))
        .route("/api/commitments/{id}/fulfil", post(fulfil))
        .route("/api/commitments/{id}/terminate", post(terminate))
}

/// The status of a stored commitment on `today`, on the calendar in use.
pub fn status_of(
    state: &AppState,
    row: &LedgerRow,
    today: Date,
) -> Result<CommitmentStatus, AppError> {
    let due = due_of(row)?;
    let resolution = resolution_of(row)?;
    Ok(ledger::status(
        due,
        resolution,
        today,
        &state.calendar.current(),
    ))
}

/// The due date of a stored commitment (pending while its year is not
/// covered; none for a commitment in lieu).
pub fn due_of(row: &LedgerRow) -> Result<Due, AppError> {
    Ok(match (&row.terms.due_on, row.terms.due_pending_days) {
        (Some(date), _) => Due::On(parse_date(date).map_err(|_| {
            AppError::Internal(anyhow::anyhow!("stored due date unreadable: {}", row.id))
        })?),
        (None, Some(_)) => Due::Pending,
        (None, None) => Due::NotApplicable,
    })
}

/// The stored resolution of a commitment.
pub fn resolution_of(row: &LedgerRow) -> Result<Resolution, AppError> {
    Resolution::parse(&row.resolution).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("stored resolution unreadable: {}", row.id))
    })
}

/// A commitment as the ledger and the applicant see it; `bundle` names the
/// bundle application (一件事) its application belongs to, or is `null`.
pub fn commitment_json(row: &LedgerRow, status: CommitmentStatus) -> Value {
    let materials: Value = serde_json::from_str(&row.terms.materials).unwrap_or(Value::Null);
    json!({
        "id": row.id,
        "receipt": row.receipt,
        "kind": row.terms.kind,
        "status": status.as_str(),
        "due": row.terms.due_on,
        "due_pending_working_days": row.terms.due_pending_days,
        "title": row.terms.title,
        "materials": materials,
        "signer": row.terms.signer,
        "item": {"code": row.item_code, "name": row.item_name},
        "accepted_on": row.accepted_on,
        "bundle": row.bundle_receipt.as_ref().map(|receipt| json!({
            "receipt": receipt,
            "code": row.bundle_code,
            "name": row.bundle_name,
            "member": row.bundle_member,
        })),
        "resolved_at": row.resolved_at,
        "fulfilled_sha256": row.fulfilled_sha256,
        "termination_reason": row.termination_reason,
    })
}

#[derive(Deserialize)]
struct StatusQuery {
    status: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
    /// The CSV header row's language.
    lang: Option<String>,
}

/// The columns of the ledger's CSV export, by wire name (their headings
/// are the catalogue's `messages::followup::ledger_column`).
const CSV_COLUMNS: &[&str] = &[
    "id",
    "receipt",
    "item_code",
    "item_name",
    "accepted_on",
    "kind",
    "materials",
    "status",
    "due",
    "supplements",
    "resolved_at",
    "termination_reason",
];

fn csv_row(commitment: &Value) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    CSV_COLUMNS
        .iter()
        .map(|column| match *column {
            "item_code" => text(&commitment["item"]["code"]),
            "item_name" => text(&commitment["item"]["name"]),
            "materials" => commitment["materials"]
                .as_array()
                .map(|ms| {
                    ms.iter()
                        .map(|m| text(&m["name"]))
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default(),
            "supplements" => commitment["supplements"]
                .as_array()
                .map_or(0, Vec::len)
                .to_string(),
            key => text(&commitment[key]),
        })
        .collect()
}

async fn list(
    official: Official,
    State(state): State<AppState>,
    Query(query): Query<StatusQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let csv = super::decisions::wants_csv(query.format.as_deref(), &headers)?;
    official.permit(if csv { Action::Export } else { Action::Read })?;
    let lang = super::decisions::lang_of(query.lang.clone())?;
    let wanted = query
        .status
        .as_deref()
        .map(|s| {
            CommitmentStatus::parse(s).ok_or_else(|| AppError::InvalidParameter {
                name: "status",
                detail: text::not_one_of(
                    s,
                    "pending | due_soon | overdue | undetermined | fulfilled | terminated",
                ),
            })
        })
        .transpose()?;
    let filter = match wanted {
        None => LedgerFilter::All,
        Some(CommitmentStatus::Fulfilled) => {
            LedgerFilter::Resolution(Resolution::Fulfilled.as_str())
        }
        Some(CommitmentStatus::Terminated) => {
            LedgerFilter::Resolution(Resolution::Terminated.as_str())
        }
        Some(_) => LedgerFilter::Resolution(Resolution::Open.as_str()),
    };
    let today = state.clock.today();
    let mut rows = Vec::new();
    for row in db::ledger(&state.db, filter).await? {
        let status = status_of(&state, &row, today)?;
        if wanted.is_none_or(|w| w == status) {
            rows.push((status, row));
        }
    }
    rows.sort_by(|(sa, a), (sb, b)| {
        (sa, a.terms.due_on.is_none(), &a.terms.due_on, &a.id).cmp(&(
            sb,
            b.terms.due_on.is_none(),
            &b.terms.due_on,
            &b.id,
        ))
    });
    // What arrived for each deferral (补交), for the official to review.
    let uploads = db::supplements(&state.db, None).await?;
    let commitments: Vec<Value> = rows
        .iter()
        .map(|(status, row)| {
            let mut value = commitment_json(row, *status);
            let covered = covered(row);
            value["supplements"] = uploads
                .iter()
                .filter(|u| u.commitment_id == row.id)
                .map(|u| {
                    // Which material, or which entry of a per-item one
                    // ("拟聘用驾驶员 › 第2项（周敏） › 机动车驾驶证"), an
                    // upload is for: the key alone does not tell an official.
                    let mut json = supplement_json(u, true);
                    json["material_name"] = material_name(&covered, &u.material_id).into();
                    json
                })
                .collect();
            value
        })
        .collect();
    if csv {
        let entry = official.audit(
            &state,
            Action::Export,
            None,
            None,
            json!({"export": "ledger", "status": query.status, "rows": commitments.len()}),
        );
        db::append_audit(&state.db, &entry).await?;
        let mut table = vec![
            CSV_COLUMNS
                .iter()
                .map(|c| followup_text::ledger_column(c).get(lang).to_owned())
                .collect(),
        ];
        table.extend(commitments.iter().map(csv_row));
        return super::decisions::csv_response(
            &table,
            &format!("ledger-{}.csv", format_date(today)),
        );
    }
    let coverage = state.calendar.current().coverage(today);
    let warning = coverage
        .warning(today)
        .map(|w| json!({"zh-CN": w.zh, "en": w.en}));
    Ok(Json(json!({
        "today": format_date(today),
        "calendar": {"coverage": coverage, "warning": warning},
        "commitments": commitments,
    }))
    .into_response())
}

#[derive(Deserialize)]
struct FulfilBody {
    /// SHA-256 (64 hex digits) of the material that arrived.
    sha256: String,
}

#[derive(Deserialize)]
struct TerminateBody {
    reason: String,
}

async fn fulfil(
    official: Official,
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<FulfilBody>,
) -> Result<Json<Value>, AppError> {
    official.permit(Action::AcceptMaterial)?;
    let hash = body.sha256.trim().to_ascii_lowercase();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::InvalidParameter {
            name: "sha256",
            detail: text::hexadecimal_digits(64),
        });
    }
    close(
        &state,
        &official,
        &id,
        Resolution::Fulfilled,
        Some(&hash),
        None,
    )
    .await
}

async fn terminate(
    official: Official,
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<TerminateBody>,
) -> Result<Json<Value>, AppError> {
    official.permit(Action::Terminate)?;
    let reason = body.reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(AppError::InvalidParameter {
            name: "reason",
            detail: text::characters_between(1, 1000),
        });
    }
    close(
        &state,
        &official,
        &id,
        Resolution::Terminated,
        None,
        Some(reason),
    )
    .await
}

async fn close(
    state: &AppState,
    official: &Official,
    id: &str,
    to: Resolution,
    hash: Option<&str>,
    reason: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let (current, receipt) = db::resolution(&state.db, id)
        .await?
        .ok_or(AppError::CommitmentNotFound)?;
    let current = Resolution::parse(&current)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("stored resolution unreadable: {id}")))?;
    let to = ledger::resolve(current, to).map_err(|e| AppError::AlreadyResolved(e.0))?;
    let action = if to == Resolution::Fulfilled {
        Action::AcceptMaterial
    } else {
        Action::Terminate
    };
    let audit = official.audit(
        state,
        action,
        Some(&receipt),
        Some(id),
        json!({"resolution": to.as_str(), "sha256": hash, "reason": reason}),
    );
    let changed = db::resolve(
        &state.db,
        &Resolve {
            id,
            resolution: to.as_str(),
            at: &state.clock.now_rfc3339(),
            fulfilled_sha256: hash,
            termination_reason: reason,
        },
        &audit,
    )
    .await?;
    if !changed {
        // Closed by someone else between the read and the write.
        let now = db::resolution(&state.db, id)
            .await?
            .map(|(resolution, _)| resolution)
            .unwrap_or_default();
        return Err(AppError::AlreadyResolved(
            Resolution::parse(&now).unwrap_or(to),
        ));
    }
    tracing::info!(
        commitment = id,
        resolution = to.as_str(),
        "commitment closed"
    );
    Ok(Json(json!({"id": id, "resolution": to.as_str()})))
}
